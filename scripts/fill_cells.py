#!/usr/bin/env python3
"""Fills cells of a workbook with openpyxl, the way a department types into its form.

Usage:  python3 scripts/fill_cells.py IN.xlsx OUT.xlsx JSON
JSON (text, or @path of a file holding it): {sheet: {cell: value}}, the shape of
tests/fixtures/expected_samples.json per department. Used by tests/cycle.rs.
A value {"text": "=..."} is written as a text even when it starts with = (a cell typed
with a leading ' in Excel), never as a formula.
"""

import json
import sys
from pathlib import Path

import openpyxl


def arguments(usage):
    """IN.xlsx OUT.xlsx JSON of the command line, the JSON given as text or as @path of a file
    holding it (also read by fill_opinions.py); exits with `usage` otherwise."""
    if len(sys.argv) != 4:
        sys.exit(usage)
    src, dest, arg = sys.argv[1:]
    return src, dest, json.loads(Path(arg[1:]).read_text(encoding="utf-8") if arg.startswith("@") else arg)


def main():
    src, dest, cells = arguments(__doc__)
    wb = openpyxl.load_workbook(src)
    for sheet, values in cells.items():
        for cell, value in values.items():
            if isinstance(value, dict) and "text" in value:
                wb[sheet][cell].value = value["text"]
                wb[sheet][cell].data_type = "s"
            else:
                wb[sheet][cell] = value
    wb.save(dest)


if __name__ == "__main__":
    main()
