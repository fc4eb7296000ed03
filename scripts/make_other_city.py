#!/usr/bin/env python3
"""Makes the submissions of the second, invented city (tests/fixtures/other_city/: plan.toml, report.toml,
submissions/<西暦年度>/).

The second city's plan and settings differ from the bundled ones in every way a city's can:
free item codes (A-01, No.2, 1-(1)-①, B/3), a pillar without second-level policies, no
前期計画, five evaluation levels, four statuses, no 効果額, another committee and file names.
Its departments fill the forms that `gyokaku templates` makes, like the bundled sample: this
script generates the templates for 2024 and 2025 with the binary, fills them with openpyxl
(one file per year re-saved by LibreOffice), and records every value typed in
tests/fixtures/other_city/expected.json ({year: {file: {sheet: {cell: value}}}}) so the test
(tests/other_city.rs) can check that every value reaches the workbook and the PDF.
環境課 does not submit in 2025 (未提出).

Usage:  python3 scripts/make_other_city.py [path/to/gyokaku]   (default: target/release/gyokaku)
Needs:  openpyxl and LibreOffice (`soffice`). Deterministic: same binary, same bytes (the
LibreOffice file's values are the same; its bytes may differ between LibreOffice versions).
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import normalize_zip  # noqa: E402  (same byte-stable zip normalisation)

ROOT = Path(__file__).resolve().parent.parent
CITY = ROOT / "tests" / "fixtures" / "other_city"
YEARS = (2024, 2025)
MISSING = {2024: set(), 2025: {"環境課"}}
LIBREOFFICE = {2024: "財務課", 2025: "企画課"}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
SKIP_SHEETS = ("入力状況", "記入方法", "_meta")

EVALUATION = {"A-01": ("3", "4"), "No.2": ("4", "5"), "1-(1)-①": ("2", "3"), "B/3": ("3", "3")}
STATUS = {
    "A-01": (["検討中", "未着手"], ["実施中", "検討中"]),
    "No.2": (["実施中"], ["完了"]),
    "1-(1)-①": (["検討中"], ["実施中"]),
}
# Lead values per indicator (None = not reported).
LEAD_VALUES = {
    "A-01": {2024: [21], 2025: [16]},
    "No.2": {2024: [9, 112.5], 2025: [14, 131.2]},
    "1-(1)-①": {2024: [1200], 2025: [3480]},
}
# Shares of the summed indicator ① of No.2 reported by the other departments.
SHARES = {2024: {"企画課": 3, "財務課": 2, "市民窓口課": 5, "環境課": 1},
          2025: {"企画課": 4, "財務課": 3, "市民窓口課": 6}}


def texts(code, year):
    """実施内容・課題・今後の方向性 of an item for a year (invented, item-specific)."""
    n = YEARS.index(year) + 1
    return (f"{code}：みなと市の{n}年目の取組として手順を見直し、関係課と協議した。",
            f"{code}：人員の確保が課題である（{year}年度）。",
            f"{code}：翌年度は対象を広げて実施する。")


def contribution_text(code, dept, year):
    return f"{dept}は{code}に協力し、{year}年度の担当分を実施した。"


def project(work):
    """A project folder for the binary: input/plan.toml, input/submissions, templates/."""
    work = Path(work)
    (work / "input").mkdir(parents=True, exist_ok=True)
    (work / "templates").mkdir(exist_ok=True)
    shutil.copyfile(CITY / "plan.toml", work / "input" / "plan.toml")
    shutil.copyfile(CITY / "report.toml", work / "templates" / "report.toml")
    if (CITY / "submissions").exists():
        shutil.copytree(CITY / "submissions", work / "input" / "submissions", dirs_exist_ok=True)
    return work


def generate_templates(binary, year, work):
    """Templates of a year, made with the submissions so far (last year's values shown)."""
    work = project(work)
    subprocess.run([str(binary), "--input", str(work / "input"), "--templates", str(work / "templates"),
                    "--output", str(work / "output"), "templates", "--year", str(year)],
                   check=True, capture_output=True)
    return work / "output" / str(year) / "templates"


def input_cells(ws):
    """Column A label → A1 address of its input cell."""
    cells = {}
    for row in range(1, ws.max_row + 1):
        label = ws.cell(row=row, column=1).value
        if not isinstance(label, str):
            continue
        label = label.strip()
        if label in ("実施内容", "課題", "今後の方向性"):
            cells.setdefault(label, f"B{row}")
        elif label == "評価" or label.startswith("指標実績") or (
                label.startswith("具体的な取組") and label.endswith("の状況")):
            cells.setdefault(label, f"C{row}")
    return cells


def fill(wb, dept, year):
    yi = YEARS.index(year)
    written = {}
    for ws in wb.worksheets:
        if ws.title in SKIP_SHEETS:
            continue
        code = str(ws["B6"].value)
        cells = input_cells(ws)
        rec = written.setdefault(ws.title, {})

        def put(label, value):
            if value is None or label not in cells:
                return
            ws[cells[label]] = value
            rec[cells[label]] = value

        if ws.title.endswith("_取組部署"):
            put("実施内容", contribution_text(code, dept, year))
            if code == "No.2":
                put("指標実績①", SHARES[year].get(dept))
            continue
        put("評価", EVALUATION[code][yi])
        for i, s in enumerate(STATUS.get(code, ([], []))[yi]):
            put(f"具体的な取組{CIRCLED[i]}の状況", s)
        for i, v in enumerate(LEAD_VALUES.get(code, {}).get(year, [])):
            put(f"指標実績{CIRCLED[i]}", v)
        work, issues, next_steps = texts(code, year)
        put("実施内容", work)
        put("課題", issues)
        put("今後の方向性", next_steps)
    return written


def libreoffice_resave(path):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "xlsx", "--outdir", f"{tmp}/out", str(path)],
                       check=True, capture_output=True)
        shutil.copyfile(Path(tmp) / "out" / path.name, path)


def main():
    binary = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "release" / "gyokaku"
    expected = {}
    subs = CITY / "submissions"
    shutil.rmtree(subs, ignore_errors=True)
    for year in YEARS:
        with tempfile.TemporaryDirectory() as out:
            folder = generate_templates(binary, year, out)
            target = subs / str(year)
            target.mkdir(parents=True, exist_ok=True)
            for path in sorted(folder.glob("*.xlsx")):
                dept = path.stem.removeprefix("報告書_")
                if dept in MISSING[year]:
                    continue
                wb = openpyxl.load_workbook(path)
                written = fill(wb, dept, year)
                dest = target / path.name
                wb.save(dest)
                if LIBREOFFICE[year] == dept:
                    libreoffice_resave(dest)
                normalize_zip(dest, canonical_validations=LIBREOFFICE[year] == dept)
                expected.setdefault(str(year), {})[path.name] = written
    (CITY / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
    print(f"{sum(len(v) for v in expected.values())} files written")


if __name__ == "__main__":
    main()
