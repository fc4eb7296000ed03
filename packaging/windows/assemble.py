#!/usr/bin/env python3
"""Assembles the Windows zip deterministically (called by scripts/package-windows.sh).

    assemble.py --exe gyokaku.exe --version 0.1.0 --mtime EPOCH \
        --third-party THIRD-PARTY-LICENSES.txt --out dist/x.zip

Everything lies in one top-level folder gyokaku-<version>/ ("extract here" makes one folder).
Contents, in this order (directories have their own entries, so empty ones survive):
the launchers (.bat, made from launcher.bat and launchers.tsv: Shift_JIS, CRLF; the
developer notes, lines starting with "rem #", left out; version and build date in the
header), gyokaku.exe, input/plan.toml with an empty input/submissions/<year>/ per plan year,
templates/report.toml, templates/fonts/OFL.txt (the fonts themselves are compiled into
gyokaku.exe), はじめにお読みください.html, the project's LICENSE-MIT and LICENSE-APACHE and
THIRD-PARTY-LICENSES.txt (the licences of the compiled-in crates and C libraries). Every entry has the same timestamp (--mtime, shown in JST), fixed permissions and
a UTF-8 name, so the same inputs give the same bytes.
"""

import argparse
import csv
import io
import re
import sys
import time
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# ASCII characters cmd.exe reads as syntax in an echo or set /p line.
CMD_SPECIAL = set('&|<>^%()!"')


def fail(message):
    sys.exit(f"assemble.py: {message}")


def build_date(mtime):
    """The build date shown to people: the commit's day in JST, e.g. 2026-12-03."""
    return time.strftime("%Y-%m-%d", time.gmtime(mtime + 9 * 3600))


def year_examples():
    """Ways to type the plan's first year, for the prompt: 2022、R4、令和4."""
    y = plan_years()[0]
    era, n = ("令和", y - 2018) if y >= 2019 else ("平成", y - 1988)
    n = "元" if n == 1 else str(n)
    return f"{y}、{'R' if era == '令和' else 'H'}{n}、{era}{n}"


def launchers(version, date):
    """(file name, bytes) of each launcher, from launcher.bat and launchers.tsv."""
    template = (HERE / "launcher.bat").read_text(encoding="utf-8")
    template = "".join(
        line for line in template.splitlines(keepends=True) if not line.startswith("rem #")
    )
    fixed = {"VERSION": version, "DATE": date, "EXAMPLES": year_examples()}
    for key, value in fixed.items():
        template = template.replace(f"@{key}@", value)
    lines = [
        line
        for line in (HERE / "launchers.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        fail("launchers.tsv has no launcher")
    out = []
    for row in rows:
        if None in row or any(v is None for v in row.values()):
            fail(f"launchers.tsv: wrong number of columns: {row}")
        text = template
        for key, value in row.items():
            if key == "FILE":
                continue
            # %Y% (the year chosen at run time) is the one expansion allowed in the texts.
            bad = CMD_SPECIAL & set(value.replace("%Y%", ""))
            if bad and key != "COMMAND":
                fail(f"launchers.tsv {row['FILE']} {key}: characters cmd.exe reads as syntax: {sorted(bad)}")
            text = text.replace(f"@{key}@", value)
        left = re.findall(r"@[A-Z]+@", text)
        if left:
            fail(f"launcher.bat: placeholders without a column: {sorted(set(left))}")
        out.append((row["FILE"] + ".bat", encode_batch(text, row["FILE"])))
    return out


def encode_batch(text, name):
    """Shift_JIS (CP932) with CRLF line ends; see the comment at the top of launcher.bat."""
    text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    try:
        data = text.encode("cp932")
    except UnicodeEncodeError as e:
        fail(f"{name}: {text[e.start:e.end]!r} has no Shift_JIS (CP932) code")
    # Under a code page other than 932 (Windows' optional UTF-8 system code page) the Japanese
    # text is unreadable, but the script must still run: the second byte of a double-byte
    # character must then not be read as a pipe (ポ ends in "|"), nor as an escape that joins
    # the next line (タ ends in "^": not at the end of a line).
    i = 0
    while i < len(data):
        b = data[i]
        if 0x81 <= b <= 0x9F or 0xE0 <= b <= 0xFC:
            second = data[i + 1 : i + 2]
            if second == b"|" or (second == b"^" and data[i + 2 : i + 4] == b"\r\n"):
                char = data[i : i + 2].decode("cp932")
                where = "" if second == b"|" else " at the end of a line"
                fail(f"{name}: {char!r} ends in the byte {second.decode()!r}{where}; reword it")
            i += 2
        else:
            i += 1
    return data


def plan_years():
    plan = tomllib.loads((ROOT / "input/plan.toml").read_text(encoding="utf-8"))
    start, end = plan.get("start_year"), plan.get("end_year")
    if not isinstance(start, int) or not isinstance(end, int) or not start <= end:
        fail("input/plan.toml: start_year and end_year are needed")
    return range(start, end + 1)


def entries(exe, version, mtime, third_party):
    """(name in the zip, bytes, or None for a folder), in the order of the zip."""
    date = build_date(mtime)
    out = launchers(version, date)
    out.append(("gyokaku.exe", Path(exe).read_bytes()))
    out.append(("input/", None))
    out.append(("input/committee/", None))
    out.append(("input/plan.toml", (ROOT / "input/plan.toml").read_bytes()))
    out.append(("input/submissions/", None))
    out += [(f"input/submissions/{y}/", None) for y in plan_years()]
    out.append(("templates/", None))
    out.append(("templates/fonts/", None))
    out.append(("templates/fonts/OFL.txt", (ROOT / "templates/fonts/OFL.txt").read_bytes()))
    out.append(("templates/report.toml", (ROOT / "templates/report.toml").read_bytes()))
    readme = (HERE / "はじめにお読みください.html").read_text(encoding="utf-8")
    for key in ("@VERSION@", "@DATE@"):
        if key not in readme:
            fail(f"はじめにお読みください.html: {key} is missing")
    readme = readme.replace("@VERSION@", version).replace("@DATE@", date)
    out.append(("はじめにお読みください.html", readme.encode("utf-8")))
    out.append(("LICENSE-APACHE", (ROOT / "LICENSE-APACHE").read_bytes()))
    out.append(("LICENSE-MIT", (ROOT / "LICENSE-MIT").read_bytes()))
    out.append(("THIRD-PARTY-LICENSES.txt", Path(third_party).read_bytes()))
    top = f"gyokaku-{version}/"
    return [(top, None)] + [(top + name, data) for name, data in out]


def write_zip(path, items, mtime):
    # Zip times have no zone and are shown as local time: store the time in JST (UTC+9, no
    # daylight saving), where the package is used.
    date_time = time.gmtime(mtime + 9 * 3600)[:6]
    if date_time[0] < 1980:
        fail("--mtime is before 1980, which a zip cannot store")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time)
            info.create_system = 3  # Unix permissions below, plus the MS-DOS attribute byte
            if data is None:
                info.external_attr = (0o40755 << 16) | 0x10
                info.compress_type = zipfile.ZIP_STORED
                z.writestr(info, b"")
            else:
                mode = 0o100755 if name.endswith(".exe") else 0o100644
                info.external_attr = mode << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data, compresslevel=9)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--mtime", type=int, required=True, help="seconds since 1970 (UTC)")
    ap.add_argument("--third-party", required=True, help="THIRD-PARTY-LICENSES.txt to ship")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    items = entries(args.exe, args.version, args.mtime, args.third_party)
    write_zip(Path(args.out), items, args.mtime)


if __name__ == "__main__":
    main()
