#!/usr/bin/env python3
"""Fails when a crate compiled into gyokaku (normal dependencies, Windows and Linux targets)
has a licence outside the allow-list `accepted` of about.toml (the list cargo-about also
enforces when it writes THIRD-PARTY-LICENSES.txt), or when the committed
packaging/windows/THIRD-PARTY-LICENSES.txt does not name every such crate at its locked
version (then run scripts/third-party-licenses.sh after changing Cargo.lock).

Reads `cargo metadata --format-version 1 --locked`; needs no tool beyond cargo (installing
cargo-deny would compile for many minutes). SPDX expressions: OR needs one accepted side,
AND (and WITH, taken as one licence) every side.

    python3 scripts/check_licenses.py
"""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ("x86_64-pc-windows-gnu", "x86_64-unknown-linux-gnu")


def accepted(expr, allowed):
    """Whether an SPDX expression is satisfied by the allowed licences."""
    tokens = re.findall(r"\(|\)|[^\s()]+", expr.replace("/", " OR "))
    pos = 0

    def term():
        nonlocal pos
        if tokens[pos] == "(":
            pos += 1
            value = disjunction()
            pos += 1  # ")"
            return value
        name = tokens[pos]
        pos += 1
        if pos < len(tokens) and tokens[pos] == "WITH":
            name += f" WITH {tokens[pos + 1]}"
            pos += 2
        return name in allowed

    def joined(operator, operand, combine):
        """operand (operator operand)*, the values combined left to right."""
        nonlocal pos
        value = operand()
        while pos < len(tokens) and tokens[pos] == operator:
            pos += 1
            value = combine(value, operand())
        return value

    def conjunction():
        return joined("AND", term, lambda a, b: a and b)

    def disjunction():
        return joined("OR", conjunction, lambda a, b: a or b)

    return disjunction()


def normal_dependencies(target):
    """Names and licences of the packages built for `target`, without dev/build-only ones."""
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    seen, todo = set(), [meta["resolve"]["root"]]
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for dep in nodes[pid]["deps"]:
            if any(k["kind"] is None for k in dep["dep_kinds"]):
                todo.append(dep["pkg"])
    return [(packages[p]["name"], packages[p]["version"], packages[p].get("license"))
            for p in sorted(seen) if p != meta["resolve"]["root"]]


def main():
    allowed = set(tomllib.loads((ROOT / "about.toml").read_text(encoding="utf-8"))["accepted"])
    bad, count = [], set()
    for target in TARGETS:
        for name, version, licence in normal_dependencies(target):
            count.add(name)
            if not licence or not accepted(licence, allowed):
                bad.append(f"{name} {version}: {licence or 'no licence field'}")
    if bad:
        sys.exit("licence not in about.toml's allow-list:\n  " + "\n  ".join(sorted(set(bad))))
    third = (ROOT / "packaging/windows/THIRD-PARTY-LICENSES.txt").read_text(encoding="utf-8")
    listed = set(re.findall(r"^  (\S+ \S+)$", third, re.M))
    stale = sorted({f"{n} {v}" for t in TARGETS for n, v, _ in normal_dependencies(t)} - listed)
    if stale:
        sys.exit("packaging/windows/THIRD-PARTY-LICENSES.txt lacks (run scripts/third-party-licenses.sh):\n  "
                 + "\n  ".join(stale))
    print(f"licences: {len(count)} crates, every licence in the allow-list and in THIRD-PARTY-LICENSES.txt")


if __name__ == "__main__":
    main()
