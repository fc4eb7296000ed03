#!/usr/bin/env python3
"""Reads a committee PDF back with pikepdf and checks what assistive technology and
archives rely on: the structure tree (headings, a table with TH cells and their scope,
figures with alternate text carrying numbers, paragraphs, a linked contents list), /Lang,
the outline (at least as many entries as the contents lines), the link annotations, the
document information (title, author, dates) and the XMP metadata with PDF/UA-1
identification.

Usage: check_pdf_structure.py FILE.pdf [--author NAME] [--date YYYY-MM-DD]
Prints one line per problem and exits 1 when there is any.
"""

import argparse
import re
import sys

import pikepdf


def walk(elem, found, depth=0):
    """Collects structure elements by role (depth-first)."""
    if depth > 200:
        return
    role = str(elem.get("/S", "")).lstrip("/")
    found.setdefault(role, []).append(elem)
    kids = elem.get("/K")
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR") and "/S" in kid:
            walk(kid, found, depth + 1)


def outline_count(items):
    n = 0
    for item in items:
        n += 1 + outline_count(item.children)
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf")
    ap.add_argument("--author")
    ap.add_argument("--date")
    ap.add_argument("--contents-lines", type=int, default=0)
    args = ap.parse_args()
    problems = []
    pdf = pikepdf.open(args.pdf)
    root = pdf.Root
    if str(root.get("/Lang", "")) != "ja":
        problems.append(f"/Lang is {root.get('/Lang')!r}, not ja")
    if not root.get("/MarkInfo", {}).get("/Marked", False):
        problems.append("/MarkInfo /Marked is not true")
    tree = root.get("/StructTreeRoot")
    if tree is None:
        problems.append("no /StructTreeRoot")
        found = {}
    else:
        found = {}
        top = tree.K
        for kid in top if isinstance(top, pikepdf.Array) else [top]:
            walk(kid, found)
    for role in ["Document", "H1", "H2", "H3", "P", "Table", "TR", "TH", "TD", "Figure", "TOC", "TOCI", "Link"]:
        if not found.get(role):
            problems.append(f"no {role} element in the structure tree")
    scopes = {str(th.get("/A", {}).get("/Scope", "")) for th in found.get("TH", [])}
    if "/Column" not in scopes:
        problems.append(f"no TH with /Scope /Column (scopes: {scopes})")
    for fig in found.get("Figure", []):
        alt = str(fig.get("/Alt", ""))
        if not alt or not re.search(r"\d", alt):
            problems.append(f"a Figure without alternate text carrying numbers: {alt!r}")
    headings = [str(h.get("/K", "")) for h in found.get("H1", [])]
    if not headings:
        problems.append("no H1")
    # Outline mirrors the contents.
    with pdf.open_outline() as outline:
        n = outline_count(outline.root)
    if n < max(args.contents_lines, 1):
        problems.append(f"outline has {n} entries, contents {args.contents_lines} lines")
    # Links from the contents.
    links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"]
    if len(links) < max(args.contents_lines, 1):
        problems.append(f"{len(links)} links, contents {args.contents_lines} lines")
    for a in links:
        if "/StructParent" not in a:
            problems.append("a link without /StructParent")
            break
    info = pdf.docinfo
    for key in ["/Title", "/Author", "/CreationDate", "/ModDate"]:
        if key not in info or not str(info[key]):
            problems.append(f"document information lacks {key}")
    if args.author and str(info.get("/Author", "")) != args.author:
        problems.append(f"/Author is {info.get('/Author')!r}")
    if args.date:
        want = "D:" + args.date.replace("-", "")
        if not str(info.get("/CreationDate", "")).startswith(want):
            problems.append(f"/CreationDate is {info.get('/CreationDate')!r}, not {want}")
    meta = pdf.open_metadata()
    if str(meta.get("pdfuaid:part", "")) != "1":
        problems.append("XMP lacks pdfuaid:part 1")
    if not meta.get("dc:title"):
        problems.append("XMP lacks dc:title")
    if args.date and not str(meta.get("xmp:CreateDate", "")).startswith(args.date):
        problems.append(f"XMP CreateDate is {meta.get('xmp:CreateDate')!r}")
    for page in pdf.pages:
        if "/StructParents" not in page:
            problems.append("a page without /StructParents")
            break
    for p in problems:
        print(p)
    counts = {k: len(v) for k, v in sorted(found.items())}
    print(f"structure: {counts}; outline {n}; links {len(links)}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
