#!/usr/bin/env python3
"""Makes the edited plan workbooks in tests/fixtures/plan_excel/ (one .xlsx per case).

Each case starts from the workbook `gyokaku plan --export` writes for the test city's plan
(tests/fixtures/other_city/plan.toml) and edits it with openpyxl the way a secretariat would,
correctly or with a typical mistake. tests/plan_excel.rs imports every file with the binary and
checks the outcome (the plan, or the Japanese messages with sheet and cell, exit code 1 and an
untouched plan.toml).

Cases:
  moved_columns   担当部署 moved to the end of 取組項目, 単位 moved in 指標, a note row above the
                  headings of 部署, blank rows between items (imports as the same plan)
  lenient         年度 as 令和6, a 基準値 typed with 全角数字, a new item whose 管理番号 was
                  typed as a number (imports, with notes)
  added_rows      a new department, item, action and indicator added at the end
  year_text       計画開始年度 = 来年度
  blank_code      the 管理番号 of an item emptied
  unknown_refs    an unknown 取組方針 and an unknown 担当部署
  bad_values      目標値 = 約10, 方向 = 上がるほど良い, 小数桁 = 1.5, a date in an id cell
  rules           the plan's own rules broken: 最小値 above 最大値, a duplicate 管理番号,
                  基準年度 after the start year
  missing_sheet   the 指標 sheet deleted
  missing_header  the heading 担当部署 renamed to 担当
  merged_cell     担当部署 of the items in rows 4 and 5 of 取組項目 merged (refused: the second
                  item would lose its 担当部署)
  hidden_data     row 3 of 取組項目 hidden and the 単位 column of 指標 hidden (imports, with
                  warnings naming the cells)
  unread_cells    a value in a column without a heading of 取組項目, a note above the headings
                  of 部署, and a sheet メモ with a value (imports, with warnings naming the cells)

Usage:  python3 scripts/make_plan_fixtures.py [path/to/gyokaku]   (default: target/release/gyokaku)
Needs:  openpyxl (scripts/requirements.txt).
Deterministic: zip times and document dates are fixed (make_samples.normalize_zip), so a re-run
with the same binary gives the same files.
"""

import datetime
import sys
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_samples as ms  # noqa: E402  (same folder)
from plan_fixture_lib import append_item, append_row, exported_plan, header_col, put, row_of  # noqa: E402

ROOT = ms.ROOT
OUT = ROOT / "tests/fixtures/plan_excel"


def move_column_to_end(ws, name):
    col = header_col(ws, name)
    last = ws.max_column + 1
    for row in range(1, ws.max_row + 1):
        ws.cell(row=row, column=last, value=ws.cell(row=row, column=col).value)
    ws.delete_cols(col)


def moved_columns(wb):
    move_column_to_end(wb["取組項目"], "担当部署")
    move_column_to_end(wb["指標"], "単位")
    ws = wb["部署"]
    ws.insert_rows(1)
    ws.cell(row=1, column=1, value="部署の一覧（2025年4月現在）")
    ws = wb["取組項目"]
    ws.insert_rows(3)
    ws.insert_rows(5)


def lenient(wb):
    ws = wb["計画"]
    put(ws, row_of(ws, "項目", "計画開始年度"), "値", "令和6")
    ws = wb["指標"]
    put(ws, row_of(ws, "指標名", "待ち時間"), "基準値", "２５")
    # A code typed as a number (a cell without the text format): the reader takes the digits.
    append_row(wb["取組項目"], {"管理番号": 77, "取組方針": "第3章", "取組項目": "数値で入力した管理番号"})


def added_rows(wb):
    ws = wb["部署"]
    ws.cell(row=ws.max_row + 1, column=1, value="総務課")
    append_item(
        wb,
        {
            "管理番号": "C-01",
            "取組方針": "(ア)",
            "取組項目": "窓口の案内表示の改善",
            "担当部署": "総務課",
            "取組部署": "市民窓口課、企画課",
            "現状・課題": "案内表示がわかりにくい。\n外国語の表示がない。",
        },
        "案内表示を多言語にする。",
        {"指標名": "多言語表示の窓口数", "単位": "か所", "基準値": 0, "目標値": 12,
         "年度目標 令和7(2025)年度": 6},
    )


def year_text(wb):
    ws = wb["計画"]
    put(ws, row_of(ws, "項目", "計画開始年度"), "値", "来年度")


def blank_code(wb):
    ws = wb["取組項目"]
    put(ws, row_of(ws, "管理番号", "No.2"), "管理番号", None)


def unknown_refs(wb):
    ws = wb["取組項目"]
    put(ws, row_of(ws, "管理番号", "A-01"), "取組方針", "(エ)")
    put(ws, row_of(ws, "管理番号", "1-(1)-①"), "担当部署", "総務課")


def bad_values(wb):
    ws = wb["指標"]
    row = row_of(ws, "指標名", "待ち時間")
    put(ws, row, "目標値", "約10")
    put(ws, row, "方向", "上がるほど良い")
    put(ws, row, "小数桁", 1.5)
    ws = wb["体系"]
    put(ws, row_of(ws, "番号", "(イ)"), "番号", datetime.datetime(2025, 1, 2))


def rules(wb):
    ws = wb["指標"]
    row = row_of(ws, "指標名", "売却額")
    put(ws, row, "最小値", 10)
    put(ws, row, "最大値", 5)
    ws = wb["取組項目"]
    put(ws, row_of(ws, "管理番号", "B/3"), "管理番号", "A-01")
    ws = wb["計画"]
    put(ws, row_of(ws, "項目", "基準年度"), "値", 2025)


def missing_sheet(wb):
    del wb["指標"]


def missing_header(wb):
    ws = wb["取組項目"]
    ws.cell(row=1, column=header_col(ws, "担当部署"), value="担当")


def merged_cell(wb):
    ws = wb["取組項目"]
    col = header_col(ws, "担当部署")
    ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)


def hidden_data(wb):
    wb["取組項目"].row_dimensions[3].hidden = True
    ws = wb["指標"]
    letter = openpyxl.utils.get_column_letter(header_col(ws, "単位"))
    ws.column_dimensions[letter].hidden = True


def unread_cells(wb):
    ws = wb["取組項目"]
    ws.cell(row=3, column=ws.max_column + 2, value="来年度に見直す")
    dept = wb["部署"]
    dept.insert_rows(1)
    dept.cell(row=1, column=1, value="令和6年度の組織改正を反映")
    memo = wb.create_sheet("メモ")
    memo["B2"] = "課長確認済み"


CASES = [
    ("moved_columns", moved_columns),
    ("lenient", lenient),
    ("added_rows", added_rows),
    ("year_text", year_text),
    ("blank_code", blank_code),
    ("unknown_refs", unknown_refs),
    ("bad_values", bad_values),
    ("rules", rules),
    ("missing_sheet", missing_sheet),
    ("missing_header", missing_header),
    ("merged_cell", merged_cell),
    ("hidden_data", hidden_data),
    ("unread_cells", unread_cells),
]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with exported_plan() as base:
        for name, edit in CASES:
            wb = openpyxl.load_workbook(base)
            edit(wb)
            dest = OUT / f"{name}.xlsx"
            ms.save(wb, dest)
            print(f"wrote {dest.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
