#!/usr/bin/env python3
"""Reads a committee PDF back with pikepdf and checks what assistive technology and
archives rely on: the structure tree (headings, a table with TH cells and their scope,
figures with alternate text carrying numbers, paragraphs, a linked contents list), /Lang,
the outline (at least as many entries as the contents lines), the link annotations, the
document information (title, author, dates) and the XMP metadata with PDF/UA-1
identification.

Both documents claim PDF/A-2 (ISO 19005-2), level A, in their XMP. veraPDF, the reference
validator, cannot be installed here (no internet), so `check_pdfa` checks the rules that can
be read mechanically: header, %%EOF and trailer /ID; no encryption; the /GTS_PDFA1 output
intent with an embedded ICC profile (display or printer class, N matching its colour space,
version ≤ 4) and no DeviceCMYK without a CMYK intent; the uncompressed XMP with
pdfaid:part 2 and a conformance level, an extension schema for pdfuaid, and dc:title,
dc:creator, xmp:CreatorTool, pdf:Producer, xmp:CreateDate and xmp:ModifyDate equal to the
document information; every font embedded with a ToUnicode map (and CIDToGIDMap for
TrueType CIDFonts); no JavaScript, forbidden action, embedded file, /AA or forbidden
annotation type; annotations printable (Link and Popup excepted, with appearances); only
standard blend modes and no transfer functions; no external or LZW streams; names, strings
and integers within the limits; for level A, /MarkInfo /Marked, /Lang and standard (or
role-mapped) structure types. Not checked: the font programs' own tables against the
dictionaries, .notdef references, the ICC profile's tags, XMP value types of every schema.

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


def attributes(elem):
    """The attribute objects of a structure element: /A holds one dictionary or an array
    of them (ISO 32000-1, 14.7.5)."""
    a = elem.get("/A")
    if isinstance(a, pikepdf.Dictionary):
        return [a]
    if isinstance(a, pikepdf.Array):
        return [d for d in a if isinstance(d, pikepdf.Dictionary)]
    return []


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
    scopes = {
        str(a.get("/Scope", ""))
        for th in found.get("TH", [])
        for a in attributes(th)
        if a.get("/O") == "/Table"
    }
    if "/Column" not in scopes:
        problems.append(f"no TH with /Scope /Column (scopes: {scopes})")
    for fig in found.get("Figure", []):
        alt = str(fig.get("/Alt", ""))
        if not alt or not re.search(r"\d", alt):
            problems.append(f"a Figure without alternate text carrying numbers: {alt!r}")
        boxes = [a.get("/BBox") for a in attributes(fig) if a.get("/O") == "/Layout"]
        if not any(isinstance(b, pikepdf.Array) and len(b) == 4 for b in boxes):
            problems.append("a Figure without its Layout /BBox")
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


# --- PDF/A-2 (ISO 19005-2): the rules that can be checked mechanically -------------------

# Standard structure types of ISO 32000-1, 14.8.4 (level A wants these, or a RoleMap to them).
STANDARD_ROLES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}
# Actions ISO 19005-2 6.5.1 forbids.
FORBIDDEN_ACTIONS = {
    "/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide", "/SetOCGState",
    "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript",
}
# Annotation types ISO 19005-2 6.3.1 forbids.
FORBIDDEN_ANNOTS = {"/3D", "/Sound", "/Screen", "/Movie", "/TrapNet"}
# Blend modes of ISO 32000-1 Table 136 (6.2.10: no others).
BLEND_MODES = {
    "/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten",
    "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion",
    "/Hue", "/Saturation", "/Color", "/Luminosity",
}
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}


def xmp_values(raw):
    """The XMP properties the checks read, from the packet's XML (simple properties as
    elements or attributes of any rdf:Description; dc:title's x-default; dc:creator's items)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(raw)
    out = {}

    def key(tag):
        for prefix, uri in NS.items():
            if tag.startswith("{" + uri + "}"):
                return prefix + ":" + tag[len(uri) + 2:]
        return tag

    for desc in root.iter("{%s}Description" % NS["rdf"]):
        for attr, value in desc.attrib.items():
            out.setdefault(key(attr), value)
        for child in desc:
            name = key(child.tag)
            items = list(child.iter("{%s}li" % NS["rdf"]))
            if name == "dc:title":
                alt = [li for li in items if li.get("{http://www.w3.org/XML/1998/namespace}lang") == "x-default"]
                out[name] = (alt or items or [child])[0].text or ""
            elif items and name == "dc:creator":
                out[name] = [li.text or "" for li in items]
            elif not items:
                out.setdefault(name, (child.text or "").strip())
    out["extension namespaces"] = {
        (e.text or "").strip() for e in root.iter("{%s}namespaceURI" % NS["pdfaSchema"])
    }
    return out


def pdf_date_to_xmp(value):
    """D:YYYYMMDDHHmmSS+HH'mm' → YYYY-MM-DDTHH:mm:SS+HH:mm (None if it does not parse)."""
    m = re.fullmatch(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})'(\d{2})'?|Z)?", value)
    if not m:
        return None
    y, mo, d, h, mi, s, sign, th, tm = m.groups()
    zone = f"{sign}{th}:{tm}" if sign else "Z"
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"


def walk_objects(obj, visit, seen, depth=0):
    """Visits every dictionary, array, name and string reachable from obj once (indirect
    objects by their number)."""
    if depth > 500:
        return
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)) and obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    visit(obj)
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for k in obj.keys():
            if k == "/Parent" or k == "/P":
                continue
            walk_objects(obj.get(k), visit, seen, depth + 1)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            walk_objects(item, visit, seen, depth + 1)


def page_fonts(pdf):
    """Every font of the pages' resources and of their form XObjects, once each."""
    fonts, seen = [], set()

    def resources(res, depth=0):
        if not isinstance(res, pikepdf.Dictionary) or depth > 20:
            return
        for _, font in res.get("/Font", {}).items():
            if font.objgen not in seen or font.objgen == (0, 0):
                seen.add(font.objgen)
                fonts.append(font)
        for _, xo in res.get("/XObject", {}).items():
            if xo.get("/Subtype") == "/Form":
                resources(xo.get("/Resources"), depth + 1)

    for page in pdf.pages:
        resources(page.obj.get("/Resources"))
    return fonts


def check_font(font, problems):
    """Embedded program, ToUnicode map and (for a TrueType CIDFont) CIDToGIDMap."""
    name = str(font.get("/BaseFont", "?"))
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return
    if "/ToUnicode" not in font:
        problems.append(f"PDF/A: font {name} has no ToUnicode map")
    else:
        data = font.ToUnicode.read_bytes()
        # 6.2.11.7.2: no code maps to U+0000, U+FEFF or U+FFFE.
        if re.search(rb"<(0000|FEFF|FFFE)>\s*\n", data, re.IGNORECASE) and re.search(
            rb"<[0-9A-Fa-f]+>\s*<(0000|FEFF|FFFE)>", data
        ):
            problems.append(f"PDF/A: font {name} maps a code to U+0000, U+FEFF or U+FFFE")
    target = font
    if subtype == "/Type0":
        kids = font.get("/DescendantFonts", [])
        if len(kids) != 1:
            problems.append(f"PDF/A: Type0 font {name} without one descendant font")
            return
        target = kids[0]
        if target.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in target:
            problems.append(f"PDF/A: CIDFontType2 {name} without CIDToGIDMap")
    desc = target.get("/FontDescriptor")
    if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        problems.append(f"PDF/A: font {name} is not embedded")


def check_pdfa(pdf, path, problems):
    """ISO 19005-2 rules read mechanically from the file: header and trailer, output intent
    with its ICC profile, XMP identification and its agreement with the document
    information, no encryption, no JavaScript, forbidden actions or embedded files,
    fonts embedded with ToUnicode maps, annotations printable, transparency only in the
    allowed forms, implementation limits; and for level A the tagging it relies on."""
    with open(path, "rb") as f:
        head = f.read(64)
        f.seek(-32, 2)
        tail = f.read()
    m = re.match(rb"%PDF-1\.([0-7])\r?\n%([\x80-\xff]{4})", head)
    if not m:
        problems.append("PDF/A: header is not %PDF-1.n (n ≤ 7) with a comment of 4 bytes > 127")
    if not tail.rstrip(b"\r\n").endswith(b"%%EOF"):
        problems.append("PDF/A: the file does not end with %%EOF")
    trailer = pdf.trailer
    if "/Encrypt" in trailer or pdf.is_encrypted:
        problems.append("PDF/A: the file is encrypted")
    ids = trailer.get("/ID")
    if not isinstance(ids, pikepdf.Array) or len(ids) != 2:
        problems.append("PDF/A: the trailer has no /ID of two strings")
    root = pdf.Root

    # The output intent and its profile.
    intents = root.get("/OutputIntents", [])
    pdfa_intents = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    profile_space = None
    if not pdfa_intents:
        problems.append("PDF/A: no output intent /GTS_PDFA1")
    profiles = {i.DestOutputProfile.objgen for i in pdfa_intents if "/DestOutputProfile" in i}
    if len(profiles) > 1:
        problems.append("PDF/A: output intents with different profiles")
    for intent in pdfa_intents:
        if "/OutputConditionIdentifier" not in intent:
            problems.append("PDF/A: output intent without OutputConditionIdentifier")
        profile = intent.get("/DestOutputProfile")
        if profile is None:
            problems.append("PDF/A: output intent without an embedded ICC profile")
            continue
        icc = profile.read_bytes()
        n = int(profile.get("/N", 0))
        if len(icc) < 128 or icc[36:40] != b"acsp":
            problems.append("PDF/A: DestOutputProfile is not an ICC profile")
            continue
        profile_space = icc[16:20]
        if int.from_bytes(icc[0:4], "big") != len(icc):
            problems.append("PDF/A: ICC profile size differs from its header")
        if icc[8] > 4:
            problems.append(f"PDF/A: ICC profile version {icc[8]} (PDF/A-2: at most 4)")
        if icc[12:16] not in (b"mntr", b"prtr"):
            problems.append(f"PDF/A: ICC profile class {icc[12:16]!r} (mntr or prtr)")
        if (profile_space, n) not in ((b"RGB ", 3), (b"GRAY", 1), (b"CMYK", 4)):
            problems.append(f"PDF/A: ICC colour space {profile_space!r} with /N {n}")

    # XMP: identification, extension schemas, agreement with the document information.
    meta = root.get("/Metadata")
    xmp = {}
    if meta is None:
        problems.append("PDF/A: no XMP metadata stream in the catalog")
    else:
        if "/Filter" in meta:
            problems.append("PDF/A: the XMP metadata stream is compressed")
        raw = meta.read_bytes()
        if re.search(rb"<\?xpacket[^>]*(bytes|encoding)=", raw):
            problems.append("PDF/A: xpacket header with bytes or encoding attribute")
        try:
            xmp = xmp_values(raw)
        except Exception as e:  # noqa: BLE001 - any parse error is a finding
            problems.append(f"PDF/A: XMP does not parse: {e}")
    part = xmp.get("pdfaid:part")
    level = xmp.get("pdfaid:conformance", "")
    if part != "2":
        problems.append(f"PDF/A: XMP pdfaid:part is {part!r}, not 2")
    if level not in ("A", "B", "U"):
        problems.append(f"PDF/A: XMP pdfaid:conformance is {level!r}")
    if "pdfuaid:part" in xmp and NS["pdfuaid"] not in xmp.get("extension namespaces", set()):
        problems.append("PDF/A: pdfuaid used without a pdfaExtension schema declaring it")
    info = pdf.trailer.get("/Info", {})
    pairs = [("/Title", "dc:title"), ("/Creator", "xmp:CreatorTool"), ("/Producer", "pdf:Producer")]
    for key, prop in pairs:
        if key in info and str(info[key]) != xmp.get(prop):
            problems.append(f"PDF/A: Info {key} {str(info[key])!r} differs from XMP {prop} {xmp.get(prop)!r}")
    if "/Author" in info and xmp.get("dc:creator") != [str(info.Author)]:
        problems.append(f"PDF/A: Info /Author differs from XMP dc:creator {xmp.get('dc:creator')!r}")
    for key, prop in [("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")]:
        if key in info and pdf_date_to_xmp(str(info[key])) != xmp.get(prop):
            problems.append(f"PDF/A: Info {key} {str(info[key])!r} differs from XMP {prop} {xmp.get(prop)!r}")

    # Level A (and U): every text mapped to Unicode; level A: the tagging.
    for font in page_fonts(pdf):
        check_font(font, problems)
    if level == "A":
        if not root.get("/MarkInfo", {}).get("/Marked", False) or root.get("/MarkInfo", {}).get("/Suspects", False):
            problems.append("PDF/A-2a: /MarkInfo not /Marked true (or /Suspects true)")
        if "/Lang" not in root:
            problems.append("PDF/A-2a: no /Lang in the catalog")
        tree = root.get("/StructTreeRoot")
        if tree is None:
            problems.append("PDF/A-2a: no structure tree")
        else:
            rolemap = {str(k).lstrip("/"): str(v).lstrip("/") for k, v in tree.get("/RoleMap", {}).items()}
            found = {}
            top = tree.get("/K")
            for kid in top if isinstance(top, pikepdf.Array) else [top]:
                if isinstance(kid, pikepdf.Dictionary):
                    walk(kid, found)
            for role in found:
                if role not in STANDARD_ROLES and rolemap.get(role) not in STANDARD_ROLES:
                    problems.append(f"PDF/A-2a: structure type {role} is neither standard nor role-mapped")

    # Colour spaces: device colours need a matching output intent.
    uses_cmyk = False
    for page in pdf.pages:
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) in ("k", "K"):
                uses_cmyk = True
                break
    if uses_cmyk and profile_space != b"CMYK":
        problems.append("PDF/A: DeviceCMYK used with an output intent that is not CMYK")

    # Everything reachable from the catalog: actions, annotations, JavaScript, embedded
    # files, transparency, limits.
    names_tree = root.get("/Names", {})
    for key in ("/JavaScript", "/EmbeddedFiles"):
        if key in names_tree:
            problems.append(f"PDF/A: the name tree holds {key}")
    for holder, where in [(root, "catalog")] + [(p.obj, "a page") for p in pdf.pages]:
        if "/AA" in holder:
            problems.append(f"PDF/A: additional actions (/AA) in {where}")
    if "/AcroForm" in root and root.AcroForm.get("/NeedAppearances", False):
        problems.append("PDF/A: /NeedAppearances true in the form")
    found_problems = set()

    def visit(obj):
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            kind = obj.get("/Type")
            action = obj.get("/S")
            # Structure elements (with /P) use /S for their type, not an action.
            if action in FORBIDDEN_ACTIONS and kind in (None, "/Action") and "/P" not in obj:
                found_problems.add(f"PDF/A: forbidden action {action}")
            if "/JS" in obj:
                found_problems.add("PDF/A: JavaScript (/JS)")
            if kind == "/Filespec" and "/EF" in obj:
                found_problems.add("PDF/A: an embedded file")
            if kind == "/Annot" or ("/Subtype" in obj and "/Rect" in obj):
                subtype = obj.get("/Subtype")
                if subtype in FORBIDDEN_ANNOTS:
                    found_problems.add(f"PDF/A: annotation {subtype}")
                flags = int(obj.get("/F", 0))
                if subtype != "/Popup" and (flags & 4 == 0 or flags & (1 | 2 | 32)):
                    found_problems.add(f"PDF/A: annotation {subtype} not printable or hidden (/F {flags})")
                if subtype not in ("/Popup", "/Link") and "/AP" not in obj:
                    found_problems.add(f"PDF/A: annotation {subtype} without appearance")
                if float(obj.get("/CA", 1.0)) != 1.0:
                    found_problems.add(f"PDF/A: annotation {subtype} with /CA")
            if kind == "/ExtGState" or "/BM" in obj or "/SMask" in obj:
                bm = obj.get("/BM")
                for mode in (bm if isinstance(bm, pikepdf.Array) else [bm] if bm is not None else []):
                    if str(mode) not in BLEND_MODES:
                        found_problems.add(f"PDF/A: blend mode {mode}")
                if kind == "/ExtGState" and "/TR" in obj:
                    found_problems.add("PDF/A: transfer function /TR in a graphics state")
            if obj.get("/S") == "/Transparency" and "/CS" not in obj and not pdfa_intents:
                found_problems.add("PDF/A: a transparency group without a colour space or output intent")
            if isinstance(obj, pikepdf.Stream):
                for key in ("/F", "/FFilter", "/FDecodeParms"):
                    if key in obj.stream_dict:
                        found_problems.add(f"PDF/A: a stream with {key} (external data)")
                filters = obj.stream_dict.get("/Filter")
                for f in (filters if isinstance(filters, pikepdf.Array) else [filters] if filters else []):
                    if str(f) == "/LZWDecode":
                        found_problems.add("PDF/A: LZW-compressed stream")
            for k in obj.keys():
                if len(str(k)) - 1 > 127:
                    found_problems.add("PDF/A: a name longer than 127 bytes")
        elif isinstance(obj, pikepdf.String):
            if len(bytes(obj)) > 32767:
                found_problems.add("PDF/A: a string longer than 32767 bytes")
        elif isinstance(obj, int) and not isinstance(obj, bool):
            if not -(2**31) <= obj <= 2**31 - 1:
                found_problems.add(f"PDF/A: integer {obj} outside 32 bits")

    walk_objects(root, visit, set())
    walk_objects(pdf.trailer.get("/Info", pikepdf.Dictionary()), visit, set())
    problems.extend(sorted(found_problems))
    return part, level


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
    check_pdfa(pdf, args.pdf, problems)
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
