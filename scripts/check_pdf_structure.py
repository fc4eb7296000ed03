#!/usr/bin/env python3
"""Reads a committee PDF back with pikepdf and checks what assistive technology and
archives rely on: the structure tree (headings, a table with TH cells and their scope,
figures with alternate text carrying numbers, paragraphs, a linked contents list), /Lang,
the outline (at least as many entries as the contents lines), the link annotations, the
document information (title, author, dates) and the XMP metadata with PDF/UA-1
identification.

With --newsletter URL it checks the one-page citizen newsletter instead: headings,
paragraphs, lists or tables, figures (chart and QR code) with alternate text, every text
marked as content of an element (none left untagged or as an artifact), and the printed
address as a Link element holding its text and an OBJR to a /Link annotation whose URI
action is URL (no contents list or outline is expected).

Usage: check_pdf_structure.py FILE.pdf [--author NAME] [--date YYYY-MM-DD]
       [--contents-lines N] [--newsletter URL]
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


def text_marking(pdf):
    """Counts text-showing operators by how they are marked: inside a sequence with an MCID
    (content), inside an /Artifact, or in neither (untagged)."""
    counts = {"content": 0, "artifact": 0, "untagged": 0}
    for page in pdf.pages:
        stack = []
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "BDC":
                props = operands[1] if len(operands) > 1 else None
                has_mcid = isinstance(props, pikepdf.Dictionary) and "/MCID" in props
                stack.append("artifact" if str(operands[0]) == "/Artifact" else ("content" if has_mcid else "other"))
            elif op == "BMC":
                stack.append("artifact" if str(operands[0]) == "/Artifact" else "other")
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in ("Tj", "TJ", "'", '"'):
                kind = next((k for k in reversed(stack) if k in ("content", "artifact")), "untagged")
                counts[kind] += 1
    return counts


def check_newsletter(pdf, found, url, problems):
    """The newsletter's tags: roles, alternate texts, all text tagged, the address link."""
    for role in ["Document", "H1", "H2", "P", "Figure", "Link"]:
        if not found.get(role):
            problems.append(f"no {role} element in the structure tree")
    if not (found.get("L") and found.get("LI")) and not found.get("Table"):
        problems.append("no list (L/LI) or table for the figures and highlights")
    figures = found.get("Figure", [])
    if len(figures) < 2:
        problems.append(f"{len(figures)} Figure elements, expected the chart and the QR code")
    for fig in figures:
        alt = str(fig.get("/Alt", ""))
        if not alt:
            problems.append("a Figure without alternate text")
    if not any(re.search(r"\d+件", str(f.get("/Alt", ""))) for f in figures):
        problems.append("no Figure whose alternate text carries the counts (…件)")
    if not any(url in str(f.get("/Alt", "")) for f in figures):
        problems.append(f"no Figure whose alternate text is the address {url}")
    marking = text_marking(pdf)
    if marking["content"] == 0 or marking["untagged"] or marking["artifact"]:
        problems.append(f"text not all marked as content: {marking}")
    annots = [a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"]
    uri = [a for a in annots if a.get("/A") is not None and a.A.get("/S") == "/URI"]
    if not uri:
        problems.append("no /Link annotation with a URI action")
    for a in uri:
        if str(a.A.URI) != url:
            problems.append(f"link URI is {str(a.A.URI)!r}, not {url!r}")
        if str(a.get("/Contents", "")) != url:
            problems.append(f"link /Contents is {str(a.get('/Contents', ''))!r}")
        if "/StructParent" not in a:
            problems.append("a link without /StructParent")
    # The Link element holds marked text and an OBJR to the annotation.
    for link in found.get("Link", []):
        kids = link.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        objr = [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
        mcids = [k for k in kids if isinstance(k, int) or (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR")]
        if not mcids:
            problems.append("a Link element without its text")
        if not any(o.Obj.objgen == a.objgen for o in objr for a in uri):
            problems.append("a Link element without an OBJR to the URI annotation")
    # The annotation's /StructParent leads back to its Link element (flat /Nums).
    nums = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", [])
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
    for a in uri:
        parent = parents.get(int(a.get("/StructParent", -1)))
        if not isinstance(parent, pikepdf.Dictionary) or parent.get("/S") != "/Link":
            problems.append("the annotation's /StructParent does not lead to a Link element")


def outline_count(items):
    n = 0
    for item in items:
        n += 1 + outline_count(item.children)
    return n


def check_committee(pdf, found, args, problems):
    """The committee PDF's tags: every role, column headers, figures with numbers, the
    outline and the links of the contents; returns the outline and link counts."""
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
    return n, len(links)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf")
    ap.add_argument("--author")
    ap.add_argument("--date")
    ap.add_argument("--contents-lines", type=int, default=0)
    ap.add_argument("--newsletter", metavar="URL")
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
    n, links = 0, 0
    if args.newsletter:
        check_newsletter(pdf, found, args.newsletter, problems)
    else:
        n, links = check_committee(pdf, found, args, problems)
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
    print(f"structure: {counts}; outline {n}; links {links}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
