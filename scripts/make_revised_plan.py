#!/usr/bin/env python3
"""Makes tests/fixtures/revised_plan/改訂計画.xlsx: the test city's plan revised for FY2026.

It starts from the workbook `gyokaku plan --export` writes for the test city's plan
(tests/fixtures/other_city/plan.toml, 令和6〜8年度) and edits it with openpyxl the way a
secretariat revises its plan after the committee, before the forms of 令和8(2026)年度:

  - an item added from 2026: C-05 窓口キャッシュレス化 (開始年度 2026, 担当 市民課)
  - an item ended: 1-(1)-① 市有財産の売却 merged into No.2 after 2025 (終了年度 2025, 統合)
  - a department renamed in the April reorganisation: 市民窓口課 → 市民課 (旧部署名 市民窓口課)
  - an indicator renamed from 2026: A-01 待ち時間 → 平均待ち時間 (見直し sheet)
  - a target revised from 2026: No.2 オンライン化した手続 80 → 90 (見直し sheet)

tests/plan_revision.rs imports the file with `gyokaku plan --import` between the 2025 and 2026
cycles and checks the changes it lists and every output of both years.

Usage:  python3 scripts/make_revised_plan.py [path/to/gyokaku]   (default: target/release/gyokaku)
Needs:  openpyxl (scripts/requirements.txt). Deterministic (make_samples.save fixes zip times).
"""

import sys
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_samples as ms  # noqa: E402  (same folder)
from plan_fixture_lib import append_item, append_row, exported_plan, header_col, put, row_of  # noqa: E402

ROOT = ms.ROOT
OUT = ROOT / "tests/fixtures/revised_plan"
OLD_DEPT, NEW_DEPT = "市民窓口課", "市民課"


def rename_department(wb):
    ws = wb["部署"]
    row = row_of(ws, "部署", OLD_DEPT)
    put(ws, row, "部署", NEW_DEPT)
    put(ws, row, "旧部署名", OLD_DEPT)
    items = wb["取組項目"]
    for col in ("担当部署", "取組部署"):
        c = header_col(items, col)
        for r in range(2, items.max_row + 1):
            cell = items.cell(row=r, column=c)
            if isinstance(cell.value, str) and OLD_DEPT in cell.value:
                cell.value = cell.value.replace(OLD_DEPT, NEW_DEPT)


def add_item(wb):
    append_item(
        wb,
        {
            "管理番号": "C-05",
            "取組方針": "(ア)",
            "取組項目": "窓口キャッシュレス化",
            "担当部署": NEW_DEPT,
            "アウトカム": "窓口で現金を使わずに支払える。",
            "開始年度": 2026,
        },
        "全窓口に決済端末を置く。",
        {"指標名": "キャッシュレス対応の窓口", "単位": "か所", "基準値": 0, "目標値": 12,
         "目標の比較": "以上"},
    )


def end_item(wb):
    ws = wb["取組項目"]
    row = row_of(ws, "管理番号", "1-(1)-①")
    put(ws, row, "終了年度", 2025)
    put(ws, row, "終了の理由", "統合")
    put(ws, row, "統合先", "No.2")


def revise(wb):
    ws = wb["見直し"]
    rows = [
        ("A-01", 2026, "待ち時間", "平均待ち時間", None, "算定方法を明確にするため"),
        ("No.2", 2026, "オンライン化した手続", None, 90, "国の方針を踏まえて"),
    ]
    for code, year, indicator, new_name, target, reason in rows:
        append_row(ws, {
            "管理番号": code,
            "年度": year,
            "指標名": indicator,
            "新しい指標名": new_name,
            "新しい目標値": target,
            "理由": reason,
        })


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with exported_plan() as base:
        wb = openpyxl.load_workbook(base)
        for edit in (rename_department, add_item, end_item, revise):
            edit(wb)
        dest = OUT / "改訂計画.xlsx"
        ms.save(wb, dest)
        print(f"wrote {dest.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
