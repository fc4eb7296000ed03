#!/usr/bin/env python3
"""Fills a department form the way a department would, for the 入力状況 tests (tests/form_status.rs).

Usage:  python3 scripts/make_form_status.py FORM.xlsx OUTDIR

Writes three workbooks into OUTDIR, each saved by openpyxl (which keeps the formulas but not
their stored results, so whatever reads them next must calculate):
  blank.xlsx    the form as distributed, untouched inputs
  filled.xlsx   every input cell the form offers (unlocked) filled with a valid value:
                the first choice of a dropdown, the lower limit of a number, a text otherwise
  cleared.xlsx  filled.xlsx with one required cell emptied again: the first cell with
                conditional formatting on the last item sheet
and OUTDIR/cleared.json: {"sheet": ..., "cell": ...} naming the emptied cell.
The forms' sheets 入力状況, 記入方法 and _meta are not item sheets and are left alone.
"""

import json
import sys
from pathlib import Path

import openpyxl

NOT_ITEM_SHEETS = ("入力状況", "記入方法", "_meta")


def validation_of(ws, coordinate):
    for dv in ws.data_validations.dataValidation:
        if coordinate in dv.sqref:
            return dv
    return None


def value_for(ws, cell):
    dv = validation_of(ws, cell.coordinate)
    if dv is not None and dv.type == "list":
        return dv.formula1.strip('"').split(",")[0]
    if dv is not None and dv.type == "decimal":
        return float(dv.formula1)
    return f"{ws.title} {cell.coordinate} の報告です。"


def item_sheets(wb):
    return [ws for ws in wb.worksheets if ws.title not in NOT_ITEM_SHEETS]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    form, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    openpyxl.load_workbook(form).save(out / "blank.xlsx")

    wb = openpyxl.load_workbook(form)
    for ws in item_sheets(wb):
        for row in ws.iter_rows():
            for cell in row:
                if cell.protection.locked is False:
                    cell.value = value_for(ws, cell)
    wb.save(out / "filled.xlsx")

    ws = item_sheets(wb)[-1]
    ranges = [str(r.sqref) for r in ws.conditional_formatting]
    first = sorted(ranges, key=lambda a: (int("".join(c for c in a if c.isdigit())), a))[0]
    ws[first].value = None
    wb.save(out / "cleared.xlsx")
    (out / "cleared.json").write_text(
        json.dumps({"sheet": ws.title, "cell": first}, ensure_ascii=False), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
