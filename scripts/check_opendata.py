#!/usr/bin/env python3
"""Checks the open data written by `gyokaku publish` against the consolidated workbook of
`gyokaku build` (both from the same run).

Usage: python3 scripts/check_opendata.py PUBLISH_FOLDER WORKBOOK.xlsx [--libreoffice]

Every CSV file in PUBLISH_FOLDER/opendata (ASCII names <code>_<dataset>.csv, Japanese names in
the 項目定義 file) is read back with Python's csv module and with pandas (text columns as str:
codes keep their leading zeros) and checked:
UTF-8 with a BOM, CRLF line ends, one header row whose columns 項目定義.csv describes (name,
type, unit), the same number of fields on every row, numbers without separators or units.
Then every item, indicator and year of the workbook (取組一覧, 指標, 効果額 sheets) must be in
the CSV files with exactly the workbook's numbers, and the JSON file must hold the same rows.
With --libreoffice, LibreOffice headless also opens every CSV file (UTF-8 import filter) and
saves it as .xlsx; each sheet must hold the CSV's cells exactly (no mojibake).
Prints one line per problem and "N passed, N failed"; exits 1 on any problem.
"""

import csv
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

try:
    import pandas
except ImportError:  # the pandas read-back is skipped (reported) without it
    pandas = None

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
YEAR_IN = re.compile(r"（(?:令和|平成)(?:\d+|元)\((\d{4})\)年度）")

passed = 0
failed = 0


def check(ok, message):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {message}")


def read_csv(path):
    raw = open(path, "rb").read()
    name = os.path.basename(path)
    check(raw.startswith(b"\xef\xbb\xbf"), f"{name}: starts with a UTF-8 BOM")
    text = raw.decode("utf-8-sig")
    bare_lf = re.search(r"(?<!\r)\n", text)
    check(bare_lf is None, f"{name}: every line ends with CRLF")
    check(text.endswith("\r\n"), f"{name}: ends with CRLF")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    for i, row in enumerate(body):
        check(len(row) == len(header), f"{name}: row {i + 2} has {len(row)} fields, header {len(header)}")
    return header, body


def number(text):
    """The number of a CSV cell ('' = None)."""
    if text == "":
        return None
    return float(text)


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)


def header_row(ws, first):
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if row and row[0] == first:
            return r, list(row)
    raise SystemExit(f"no header row in sheet {ws.title}")


def sheet_rows(ws, first="管理番号"):
    r, header = header_row(ws, first)
    out = []
    for row in ws.iter_rows(min_row=r + 1, values_only=True):
        if row[0] is None:
            break  # the notes below the table
        if row[0] == "合計":
            continue
        out.append(dict(zip(header, row)))
    return header, out


def wb_number(value):
    """A workbook cell as a number; words (未設定, 未報告, ―) are no number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def main():
    folder, workbook = sys.argv[1], sys.argv[2]
    data = os.path.join(folder, "opendata")
    raw = {f: read_csv(os.path.join(data, f)) for f in sorted(os.listdir(data)) if f.endswith(".csv")}
    # ASCII file names after the 自治体標準オープンデータセット: <code>_<english_dataset>.csv.
    for f in raw:
        check(re.fullmatch(r"(\d{6}_)?[a-z_]+\.csv", f) is not None, f"{f}: ASCII name <code>_<dataset>.csv")
    defs_files = [f for f in raw if re.fullmatch(r"(\d{6}_)?reform_columns\.csv", f)]
    check(len(defs_files) == 1, f"one 項目定義 file: {defs_files}")
    defs_header, defs = raw[defs_files[0]]
    check(defs_header == ["ファイル名", "データ名", "列番号", "項目名", "型", "単位", "説明"], "項目定義 header")
    # The rest of the checks name the files by their Japanese names (データ名).
    japanese = {d[0]: d[1] for d in defs}
    check(set(japanese) == set(raw), f"項目定義 describes every file: {sorted(japanese)} / {sorted(raw)}")
    files = {japanese.get(f, f) + ".csv": v for f, v in raw.items()}
    ascii_of = {japanese.get(f, f) + ".csv": f for f in raw}

    # 項目定義 describes every column of every file, in order, with its type.
    for name, (header, body) in files.items():
        described = [d for d in defs if japanese.get(d[0], d[0]) + ".csv" == name]
        check([d[3] for d in described] == header, f"{name}: 項目定義 lists its columns in order")
        check([int(d[2]) for d in described] == list(range(1, len(header) + 1)), f"{name}: column numbers")
        for d in described:
            check(d[6].strip() != "", f"{name}/{d[3]}: has a meaning")
            if d[4] in ("整数", "数値", "整数（西暦年度）"):
                k = header.index(d[3])
                bad = [row[k] for row in body if row[k] != "" and not NUMBER.match(row[k])]
                check(not bad, f"{name}/{d[3]}: numbers only, no separators or units: {bad[:3]}")
            if d[3] in ("全国地方公共団体コード", "ID", "管理番号"):
                check(d[4] == "文字列", f"{name}/{d[3]}: typed 文字列 ({d[4]})")
        # Codes are quoted in the file (leading zeros survive a spreadsheet's import).
        text = open(os.path.join(data, ascii_of[name]), encoding="utf-8-sig", newline="").read()
        lines = text.split("\r\n")[1:]
        for k, h in enumerate(header):
            if h in ("全国地方公共団体コード", "ID", "管理番号"):
                for row in list(csv.reader(lines[:5], quoting=csv.QUOTE_NONE))[:5]:
                    if len(row) > k and row[k] != "":
                        check(row[k].startswith('"'), f"{name}/{h}: quoted {row[k]!r}")
        # pandas reads the file back, codes and every text column as str: the same cells.
        if pandas is not None:
            text_cols = [d[3] for d in described if d[4] == "文字列"]
            df = pandas.read_csv(os.path.join(data, ascii_of[name]), encoding="utf-8-sig",
                                 dtype={c: str for c in text_cols}, keep_default_na=False)
            check(list(df.columns) == header, f"pandas {name}: header")
            check(len(df) == len(body), f"pandas {name}: {len(df)} rows = {len(body)}")
            for i, csv_row in enumerate(body[: len(df)]):
                for h, v in zip(header, csv_row):
                    got = df.iloc[i][h]
                    if h in text_cols or v == "":
                        ok = str(got).replace("\r\n", "\n") == v.replace("\r\n", "\n")
                    else:
                        ok = same(float(got), float(v))
                    if not ok:
                        check(False, f"pandas {name} row {i + 2} {h}: {got!r} ≠ {v!r}")
                        break
    for name, (header, body) in files.items():
        if name == "項目定義.csv":
            continue
        check(header[:3] == ["全国地方公共団体コード", "ID", "地方公共団体名"], f"{name}: 自治体標準オープンデータセット columns first")
        ids = [row[1] for row in body]
        check(len(ids) == len(set(ids)), f"{name}: IDs unique")
        codes = {row[0] for row in body}
        check(all(c == "" or re.fullmatch(r"\d{6}", c) for c in codes), f"{name}: 6-digit codes {codes}")

    wb = openpyxl.load_workbook(workbook, read_only=True)

    # 取組一覧: every item in every year; the report year's evaluation and amount as in the workbook.
    _, items = sheet_rows(wb["取組一覧"])
    ind_header, indicators = sheet_rows(wb["指標"])
    years = sorted({int(m.group(1)) for h in ind_header if h and h.startswith("実績") for m in [YEAR_IN.search(h)] if m})
    check(len(years) >= 1, f"years found in the workbook: {years}")
    report_year = max(years)
    header, body = files["取組一覧.csv"]
    col = {h: i for i, h in enumerate(header)}
    rows = {(int(r[col["年度"]]), r[col["管理番号"]]): r for r in body}
    for item in items:
        code = str(item["管理番号"])
        for y in years:
            check((y, code) in rows, f"取組一覧.csv: item {code} year {y}")
        row = rows.get((report_year, code))
        if row is None:
            continue
        check(row[col["評価"]] == (item["評価"] or ""), f"取組一覧.csv {code}: 評価 {row[col['評価']]!r} = workbook {item['評価']!r}")
        check(row[col["取組項目"]] == item["取組項目"], f"取組一覧.csv {code}: 取組項目")
        check(row[col["提出状況"]] == item["提出状況"], f"取組一覧.csv {code}: 提出状況")
        effect = [k for k in item if k and k.startswith("効果額")]
        if effect and "効果額" in col:
            check(same(number(row[col["効果額"]]), wb_number(item[effect[0]])), f"取組一覧.csv {code}: 効果額")
    check(len(body) == len(items) * len(years), f"取組一覧.csv: {len(body)} rows = {len(items)} items × {len(years)} years")

    # 指標: every item × indicator × year with the workbook's numbers.
    header, body = files["指標.csv"]
    col = {h: i for i, h in enumerate(header)}
    rows = {(int(r[col["年度"]]), r[col["管理番号"]], int(r[col["指標番号"]])): r for r in body}
    numbers = {}
    for ind in indicators:
        code = str(ind["管理番号"])
        numbers[code] = numbers.get(code, 0) + 1
        k = numbers[code]
        base = wb_number(next(v for h, v in ind.items() if h and h.startswith("基準値")))
        target = wb_number(next(v for h, v in ind.items() if h and h.startswith("目標値")))
        for y in years:
            row = rows.get((y, code, k))
            check(row is not None, f"指標.csv: {code} indicator {k} year {y}")
            if row is None:
                continue
            check(ind["指標"].endswith(row[col["指標名"]]), f"指標.csv {code}-{k}: 指標名 {row[col['指標名']]}")
            check(row[col["単位"]] == ind["単位"], f"指標.csv {code}-{k}: 単位")
            check(same(number(row[col["基準値"]]), base), f"指標.csv {code}-{k}: 基準値")
            check(same(number(row[col["目標値"]]), target), f"指標.csv {code}-{k}: 目標値")
            label = [h for h in ind if h and h.startswith("実績") and f"({y})" in h][0]
            check(same(number(row[col["実績"]]), wb_number(ind[label])), f"指標.csv {code}-{k} {y}: 実績 {row[col['実績']]!r} = workbook {ind[label]!r}")
            yearly = [h for h in ind if h and h.startswith("年度目標") and f"({y})" in h]
            if yearly:
                check(same(number(row[col["年度目標"]]), wb_number(ind[yearly[0]])), f"指標.csv {code}-{k} {y}: 年度目標")
            if y == report_year:
                rate = wb_number(next(v for h, v in ind.items() if h and h.startswith("達成率")))
                expected = None if rate is None else round_half_away(rate * 1000) / 10
                check(same(number(row[col["達成率"]]), expected), f"指標.csv {code}-{k}: 達成率 {row[col['達成率']]!r} = workbook {rate!r}")
    check(len(body) == len(indicators) * len(years), f"指標.csv: {len(body)} rows = {len(indicators)} indicators × {len(years)} years")

    # 効果額: present exactly when the workbook has the sheet.
    if "効果額" in wb.sheetnames:
        check("効果額.csv" in files, "効果額.csv exists")
        e_header, effects = sheet_rows(wb["効果額"])
        header, body = files["効果額.csv"]
        col = {h: i for i, h in enumerate(header)}
        rows = {(int(r[col["年度"]]), r[col["管理番号"]]): r for r in body}
        for e in effects:
            code = str(e["管理番号"])
            for y in years:
                label = [h for h in e_header if h and h.startswith("単年度") and f"({y})" in h][0]
                row = rows.get((y, code))
                check(row is not None and same(number(row[col["効果額"]]), wb_number(e[label])), f"効果額.csv {code} {y}")
    else:
        check("効果額.csv" not in files, "no 効果額.csv without effect amounts")

    # The JSON file: the same rows as the CSV files.
    json_files = [f for f in os.listdir(data) if re.fullmatch(r"(\d{6}_)?reform_all\.json", f)]
    check(len(json_files) == 1, f"one JSON file: {json_files}")
    doc = json.load(open(os.path.join(data, json_files[0]), encoding="utf-8"))
    for name, (header, body) in files.items():
        rows = doc["データ"].get(name[: -len(".csv")])
        check(rows is not None and len(rows) == len(body), f"全データ.json: {name} rows")
        for csv_row, obj in zip(body, rows or []):
            check(list(obj.keys()) == header, f"全データ.json: {name} keys in column order")
            for h, v in zip(header, csv_row):
                j = obj[h]
                text = "" if j is None else (j if isinstance(j, str) else format_number(j))
                if text != v:
                    check(False, f"全データ.json: {name} {h}: {j!r} ≠ CSV {v!r}")
                    break
    if "--libreoffice" in sys.argv:
        libreoffice(data, files, ascii_of)
    if pandas is None:
        print("note: pandas not installed, the pandas read-back was skipped")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def libreoffice(data, files, ascii_of):
    """Opens every CSV in LibreOffice headless (one run) and compares the cells."""
    with tempfile.TemporaryDirectory() as work:
        profile = os.path.join(work, "profile")
        out = os.path.join(work, "out")
        os.makedirs(out)
        # ASCII names for soffice; the CSV bytes are what is checked.
        sources = []
        for i, name in enumerate(sorted(files)):
            src = os.path.join(work, f"f{i}.csv")
            shutil.copyfile(os.path.join(data, ascii_of[name]), src)
            sources.append((name, src))
        run = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "xlsx", "--infilter=CSV:44,34,76,1", "--outdir", out]
            + [src for _, src in sources],
            capture_output=True, text=True, timeout=300,
        )
        check(run.returncode == 0, f"soffice: {run.stderr.strip()}")
        for name, src in sources:
            xlsx = os.path.join(out, os.path.basename(src)[:-4] + ".xlsx")
            check(os.path.exists(xlsx), f"LibreOffice opened {name}")
            if not os.path.exists(xlsx):
                continue
            ws = openpyxl.load_workbook(xlsx, read_only=True).active
            header, body = files[name]
            cells = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
            check(cells and [str(v) for v in cells[0]] == header, f"LibreOffice {name}: header {cells[0][:4] if cells else None}")
            check(len(cells) == len(body) + 1, f"LibreOffice {name}: {len(cells) - 1} rows = {len(body)}")
            for csv_row, lo_row in zip(body, cells[1:]):
                lo = list(lo_row) + [""] * (len(csv_row) - len(lo_row))
                for h, v, got in zip(header, csv_row, lo):
                    if isinstance(got, (int, float)) and NUMBER.match(v):
                        ok = same(float(v), float(got))
                    else:
                        ok = str(got).replace("\r\n", "\n") == v.replace("\r\n", "\n")
                    if not ok:
                        check(False, f"LibreOffice {name} {h}: {got!r} ≠ {v!r}")
                        break


def round_half_away(x):
    """Rounds half away from zero (as the program does), not to even."""
    return math.copysign(math.floor(abs(x) + 0.5), x)


def format_number(n):
    if isinstance(n, float) and n.is_integer():
        return str(int(n))
    return str(n)


if __name__ == "__main__":
    sys.exit(main())
