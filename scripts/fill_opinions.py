#!/usr/bin/env python3
"""Fills the committee's opinion workbook (委員会意見の記入表) the way the secretariat does.

`gyokaku build` writes the workbook (output/<年度>/委員会意見_<年度>.xlsx); after the meeting the
secretariat types the committee's 総評 and its opinion on some items into the yellow cells and
saves the file as input/committee/<西暦年度>.xlsx. This helper does the same with openpyxl: the
cells are found by what a person sees (the 管理番号 in column A under the 委員会意見 heading,
the 総評 label), not by fixed addresses. Used by scripts/make_samples.py and tests/cycle.rs.

Usage:  python3 scripts/fill_opinions.py BLANK.xlsx OUT.xlsx JSON
JSON (text, or @path of a file holding it):
  {"general": "総評", "items": {"1101": "意見", ...},
   "defects": {                                  (optional: for the tests of `gyokaku check`)
     "insert_rows": [6],                         rows inserted on the 委員会意見 sheet first
     "rename": {"総評": "まとめ"},               sheets renamed
     "cells": {"委員会意見!F5": "=1+1"}           raw values (a formula is saved without a value)
   }}
Prints {sheet: {cell: value}} of what was written as JSON.
"""

import json
import sys
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fill_cells import arguments  # noqa: E402  (same folder)

ITEMS_SHEET = "委員会意見"
GENERAL_SHEET = "総評"


def opinion_cells(ws):
    """管理番号 → address of its 委員会意見 cell, from the table's heading row."""
    header_row, opinion_col = next(
        (c.row, c.column) for row in ws.iter_rows() for c in row if c.value == ITEMS_SHEET)
    cells = {}
    for row in range(header_row + 1, ws.max_row + 1):
        code = ws.cell(row=row, column=1).value
        if code is not None:
            cells[str(code)] = ws.cell(row=row, column=opinion_col).coordinate
    return cells


def general_cell(ws):
    """Address of the 総評 input: right of the 総評 label in column A."""
    for row in range(1, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == GENERAL_SHEET:
            return ws.cell(row=row, column=2).coordinate
    raise KeyError("総評 label not found")


def fill(wb, general, items):
    """Writes the 総評 and the opinions; returns {sheet: {cell: value}}."""
    written = {}
    ws = wb[ITEMS_SHEET]
    cells = opinion_cells(ws)
    for code, text in items.items():
        if code not in cells:
            raise KeyError(f"管理番号 {code} is not in the workbook")
        ws[cells[code]] = text
        written.setdefault(ITEMS_SHEET, {})[cells[code]] = text
    if general is not None:
        ws = wb[GENERAL_SHEET]
        cell = general_cell(ws)
        ws[cell] = general
        written.setdefault(GENERAL_SHEET, {})[cell] = general
    return written


def apply_defects(wb, defects, written):
    """Makes the mistakes a person could make (tests only)."""
    for row in defects.get("insert_rows", []):
        wb[ITEMS_SHEET].insert_rows(row)
    for address, value in defects.get("cells", {}).items():
        sheet, cell = address.split("!")
        wb[sheet][cell] = value
        written.setdefault(sheet, {})[cell] = value
    for old, new in defects.get("rename", {}).items():
        wb[old].title = new


def main():
    src, dest, spec = arguments(__doc__)
    wb = openpyxl.load_workbook(src)
    written = fill(wb, spec.get("general"), spec.get("items", {}))
    apply_defects(wb, spec.get("defects", {}), written)
    wb.save(dest)
    print(json.dumps(written, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
