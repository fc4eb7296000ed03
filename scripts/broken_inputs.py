#!/usr/bin/env python3
"""Makes the corpus of broken submissions in tests/fixtures/broken/ (one folder per case).

Each case starts from 行政経営課's correctly filled 2023 sample (input/submissions/2023) and
breaks one thing the way departments do: a corrupt or encrypted file, last year's template,
an altered layout, text in number cells, and so on. tests/check.rs expects, for each case,
the diagnostic named in cases.json (severity, sheet, cell, message fragment).

Usage: python3 scripts/broken_inputs.py   (needs openpyxl, msoffcrypto-tool, soffice)
Run scripts/sample_data.py first. Deterministic: random bytes use a fixed seed.
"""

import io
import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "input/submissions/2023/行政経営課.xlsx"
GOOD_2022 = ROOT / "input/submissions/2022/行政経営課.xlsx"
OUT = ROOT / "tests/fixtures/broken"
NAME = "行政経営課.xlsx"


def case_dir(name):
    d = OUT / name
    d.mkdir(parents=True, exist_ok=True)
    return d


def edit(name, change, file_name=NAME):
    """Copies the good file, applies `change(workbook)`, saves it into the case folder."""
    wb = openpyxl.load_workbook(GOOD)
    change(wb)
    wb.save(case_dir(name) / file_name)


def set_cells(cells):
    def change(wb):
        for sheet, cell, value in cells:
            wb[sheet][cell] = value
    return change


def set_meta(row, value):
    def change(wb):
        wb["_meta"][f"B{row}"] = value
    return change


def error_values(wb):
    ws = wb["1102"]
    ws["C19"] = "#DIV/0!"
    ws["C19"].data_type = "e"
    ws = wb["2201"]
    ws["C18"] = "#REF!"
    ws["C18"].data_type = "e"


def insert_row(wb):
    ws = wb["2101"]
    ws.protection.sheet = False
    ws.insert_rows(4)


def rename_sheet(wb):
    wb["2101"].title = "2101_old"


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    good = GOOD.read_bytes()
    rng = random.Random(20231)
    cases = []

    def add(name, description, expect):
        cases.append({"case": name, "description": description, "expect": expect})

    (case_dir("not_workbook") / NAME).write_text("これは Excel ファイルではありません。\n", encoding="utf-8")
    add("not_workbook", "拡張子だけ .xlsx のテキストファイル",
        [{"severity": "error", "file": NAME, "sheet": None, "cell": None, "message": "Excel ファイルとして読み込めません"}])
    (case_dir("random_bytes") / NAME).write_bytes(bytes(rng.getrandbits(8) for _ in range(4096)))
    add("random_bytes", "中身が乱数の .xlsx",
        [{"severity": "error", "file": NAME, "sheet": None, "cell": None, "message": "Excel ファイルとして読み込めません"}])
    (case_dir("truncated") / NAME).write_bytes(good[: len(good) * 4 // 10])
    add("truncated", "途中で切れた .xlsx（先頭40%）",
        [{"severity": "error", "file": NAME, "sheet": None, "cell": None, "message": "読み込めません"}])
    (case_dir("empty_file") / NAME).write_bytes(b"")
    add("empty_file", "0バイトのファイル",
        [{"severity": "error", "file": NAME, "sheet": None, "cell": None, "message": "ファイルが空です"}])

    import msoffcrypto.format.ooxml
    encrypted = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(good)).encrypt("secret", encrypted)
    (case_dir("password_protected") / NAME).write_bytes(encrypted.getvalue())
    add("password_protected", "パスワードで暗号化されたファイル",
        [{"severity": "error", "file": NAME, "sheet": None, "cell": None, "message": "パスワードで保護"}])

    shutil.copyfile(GOOD_2022, case_dir("other_year") / NAME)
    add("other_year", "前年度（2022年度）の入力シート",
        [{"severity": "error", "file": NAME, "sheet": None, "cell": None, "message": "令和4(2022)年度の入力シートです"}])
    edit("other_plan", set_meta(2, "第2次伊豆の国市行財政改革大綱 行動計画"))
    add("other_plan", "別の計画の入力シート",
        [{"severity": "error", "file": NAME, "sheet": None, "cell": None, "message": "別の計画の入力シートです"}])
    edit("other_layout", set_meta(5, "0000000000000000"))
    add("other_layout", "計画の版（レイアウト）が異なる入力シート",
        [{"severity": "error", "file": NAME, "sheet": None, "cell": None, "message": "計画の版が異なる入力シートです"}])
    edit("old_format", set_meta(1, "gyokaku-form-0"))
    add("old_format", "古い形式の入力シート",
        [{"severity": "error", "file": NAME, "sheet": None, "cell": None, "message": "形式が古いか異なります"}])
    edit("unknown_department", set_meta(4, "存在しない課"), file_name="存在しない課.xlsx")
    add("unknown_department", "計画にない部署",
        [{"severity": "error", "file": "存在しない課.xlsx", "sheet": None, "cell": None, "message": "部署「存在しない課」は計画の部署一覧にありません"},
         {"severity": "warning", "file": None, "sheet": None, "cell": None, "message": "未提出: 行政経営課"}])

    shutil.copyfile(GOOD, case_dir("duplicate_department") / NAME)
    wb = openpyxl.load_workbook(GOOD)
    wb["2101"]["C16"] = "B"
    wb.save(case_dir("duplicate_department") / "行政経営課_修正版.xlsx")
    add("duplicate_department", "同じ部署のファイルが2つ",
        [{"severity": "error", "file": None, "sheet": None, "cell": None, "message": "行政経営課 のファイルが2つあります（行政経営課.xlsx、行政経営課_修正版.xlsx）"}])

    edit("bad_dropdown", set_cells([("1102", "C16", "A+"), ("1102", "C18", "実施中")]))
    add("bad_dropdown", "プルダウンにない値",
        [{"severity": "error", "file": NAME, "sheet": "1102", "cell": "C16", "message": "プルダウン（S・A・B・C）から選んでください", "value": "A+"},
         {"severity": "error", "file": NAME, "sheet": "1102", "cell": "C18", "message": "プルダウン（未着手・取組中・完了）から選んでください", "value": "実施中"}])
    edit("required_empty", set_cells([("2101", "C16", None), ("2101", "B18", None)]))
    add("required_empty", "必須項目が空欄",
        [{"severity": "error", "file": NAME, "sheet": "2101", "cell": "C16", "message": "必須項目「評価」が入力されていません"},
         {"severity": "error", "file": NAME, "sheet": "2101", "cell": "B18", "message": "必須項目「実施内容」が入力されていません"}])
    edit("text_in_number", set_cells([("1102", "C19", "約300"), ("1102", "C20", "●"), ("2201", "C18", "-"), ("2201", "C17", "1,2,3")]))
    add("text_in_number", "数値欄に文字",
        [{"severity": "error", "file": NAME, "sheet": "1102", "cell": "C19", "message": "数値を入力してください", "value": "約300"},
         {"severity": "error", "file": NAME, "sheet": "1102", "cell": "C20", "message": "数値を入力してください", "value": "●"},
         {"severity": "error", "file": NAME, "sheet": "2201", "cell": "C18", "message": "数値を入力してください", "value": "-"},
         {"severity": "error", "file": NAME, "sheet": "2201", "cell": "C17", "message": "数値を入力してください", "value": "1,2,3"}])
    edit("zenkaku_number", set_cells([("1102", "C19", "３００"), ("2201", "C18", "1200")]))
    add("zenkaku_number", "全角数字・文字列の数値（警告で受け付け）",
        [{"severity": "warning", "file": NAME, "sheet": "1102", "cell": "C19", "message": "全角の数字を数値として読み取りました", "value": "３００"},
         {"severity": "warning", "file": NAME, "sheet": "2201", "cell": "C18", "message": "文字列として入力された数値を数値として読み取りました", "value": "1200"}])
    edit("negative_number", set_cells([("1102", "C19", -5)]))
    add("negative_number", "負の数",
        [{"severity": "error", "file": NAME, "sheet": "1102", "cell": "C19", "message": "負の数は入力できません", "value": "-5"}])
    edit("absurd_number", set_cells([("2101", "C17", 1e15)]))
    add("absurd_number", "桁違いに大きい数",
        [{"severity": "error", "file": NAME, "sheet": "2101", "cell": "C17", "message": "値が大きすぎます"}])
    edit("excel_error", error_values)
    add("excel_error", "Excel のエラー値",
        [{"severity": "error", "file": NAME, "sheet": "1102", "cell": "C19", "message": "Excel のエラー値（#DIV/0!）", "value": "#DIV/0!"},
         {"severity": "error", "file": NAME, "sheet": "2201", "cell": "C18", "message": "Excel のエラー値（#REF!）", "value": "#REF!"}])
    edit("row_inserted", insert_row)
    add("row_inserted", "行が挿入されたシート",
        [{"severity": "error", "file": NAME, "sheet": "2101", "cell": None, "message": "シートのレイアウトが変更されています"}])
    edit("sheet_renamed", rename_sheet)
    add("sheet_renamed", "シート名の変更",
        [{"severity": "error", "file": NAME, "sheet": None, "cell": None, "message": "シート「2101」がありません"},
         {"severity": "warning", "file": NAME, "sheet": None, "cell": None, "message": "想定外のシート「2101_old」"}])

    d = case_dir("lock_file")
    shutil.copyfile(GOOD, d / NAME)
    (d / "~$行政経営課.xlsx").write_bytes(b"\x00lock")
    (d / "メモ.txt").write_text("提出メモ\n", encoding="utf-8")
    add("lock_file", "Excel の一時ファイルとメモ（読み飛ばし）",
        [{"severity": "info", "file": "~$行政経営課.xlsx", "sheet": None, "cell": None, "message": "Excel の一時ファイル"},
         {"severity": "info", "file": "メモ.txt", "sheet": None, "cell": None, "message": "Excel ファイルではないため読み飛ばしました"}])

    with tempfile.TemporaryDirectory() as tmp:
        for fmt, ext in (("ods", "ods"), ("xls:MS Excel 97", "xls")):
            subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", fmt, "--outdir", tmp, str(GOOD)],
                           check=True, capture_output=True, env={"HOME": tmp, "PATH": "/usr/bin:/bin"})
            shutil.copyfile(Path(tmp) / f"行政経営課.{ext}", case_dir(f"libreoffice_{ext}") / f"行政経営課.{ext}")
            add(f"libreoffice_{ext}", f"LibreOffice で .{ext} に保存したファイル（正常に読める）", [])

    (OUT / "cases.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases written to {OUT}")


if __name__ == "__main__":
    main()
