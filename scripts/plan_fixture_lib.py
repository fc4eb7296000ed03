"""Shared by the scripts that edit the plan workbook of the test city (make_plan_fixtures.py,
make_revised_plan.py): the workbook `gyokaku plan --export` writes, and cells found by their
headings in row 1.
"""

import contextlib
import subprocess
import sys
import tempfile
from pathlib import Path

import make_samples as ms

ROOT = ms.ROOT
PLAN_DIR = ROOT / "tests/fixtures/other_city"


@contextlib.contextmanager
def exported_plan():
    """The test city's plan (tests/fixtures/other_city) as `gyokaku plan --export` writes it:
    yields the path of the workbook in a temporary folder. The binary is the first argument of
    the script (default: target/release/gyokaku)."""
    binary = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target/release/gyokaku"
    if not binary.exists():
        sys.exit(f"{binary} がありません。先に cargo build --release を実行してください")
    with tempfile.TemporaryDirectory() as work:
        base = Path(work) / "計画.xlsx"
        subprocess.run(
            [str(binary), "--input", str(PLAN_DIR), "plan", "--export", str(base)],
            check=True, capture_output=True,
        )
        yield base


def header_col(ws, name):
    """1-based column of a heading in row 1."""
    for cell in ws[1]:
        if cell.value == name:
            return cell.column
    raise KeyError(name)


def row_of(ws, col_name, value):
    """1-based row whose cell under a heading equals value."""
    col = header_col(ws, col_name)
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=col).value == value:
            return row
    raise KeyError(value)


def put(ws, row, col_name, value):
    # ws.cell(..., value=None) would leave the old value: assign to empty a cell.
    ws.cell(row=row, column=header_col(ws, col_name)).value = value


def append_row(ws, values):
    """Adds a row below the last one: {heading: value}."""
    row = ws.max_row + 1
    for col_name, value in values.items():
        put(ws, row, col_name, value)


def append_item(wb, item, action, indicator):
    """Adds an item (its row of 取組項目, {heading: value}) with one action (its 内容) and one
    indicator (its row of 指標 but the 管理番号) at the end of their sheets."""
    code = item["管理番号"]
    append_row(wb["取組項目"], item)
    append_row(wb["具体的な取組"], {"管理番号": code, "番号": 1, "内容": action})
    append_row(wb["指標"], {"管理番号": code, **indicator})
