//! The file of the document: each finished page's content stream and page object written
//! at once, and at the end the subset fonts, the page tree, the document information and
//! the catalog, with the sRGB output intent and the XMP identification of PDF/A-2a and
//! PDF/UA-1.

use super::canvas::{Canvas, FONT_NAMES};
use super::tags::{LinkTarget, Tags, page_ref, rect};
use super::{Meta, TocEntry};
use crate::report::pdf::fonts::{Face, FontData};
use crate::report::pdf::writer::{PdfWriter, Ref, int, text_string};

/// The ICC profile of the output intent: a compact sRGB v2 profile (CC0; origin in
/// `src/report/pdf/icc/README.md`).
static SRGB_ICC: &[u8] = include_bytes!("../icc/sRGB-v2-magic.icc");

/// The output condition named in the output intent.
const SRGB_NAME: &[u8] = b"(sRGB IEC61966-2.1)";

/// Parent-tree keys of link annotations start here (pages use 0, 1, 2, …).
pub const LINK_KEYS: usize = 1_000_000;

/// The PDF being written: the current page's drawing state and the file so far.
pub struct Output {
    pub canvas: Canvas,
    pub writer: PdfWriter,
    /// The page tree and the resources every page shares (written at the end).
    tree: Ref,
    resources: Ref,
    /// Page objects, reserved ahead when a link points forward.
    pub pages: Vec<Ref>,
    /// Pages written so far.
    written: usize,
    /// Links written so far.
    links_written: usize,
    /// The structure tree.
    pub tags: Tags,
    /// Content of the page being written (kept for its capacity).
    content: Vec<u8>,
}

impl Output {
    pub fn new(
        regular: &'static FontData,
        bold: &'static FontData,
        mincho: &'static FontData,
    ) -> Output {
        let mut writer = PdfWriter::new();
        let tree = writer.reserve();
        let resources = writer.reserve();
        let tags = Tags::new(&mut writer);
        Output {
            canvas: Canvas::new(regular, bold, mincho),
            writer,
            tree,
            resources,
            pages: Vec::new(),
            written: 0,
            links_written: 0,
            tags,
            content: Vec::new(),
        }
    }

    /// The object of page `i`, reserved now if not yet.
    fn page_ref(&mut self, i: usize) -> Ref {
        page_ref(&mut self.writer, &mut self.pages, i)
    }

    /// Writes the current page: its compressed content stream, its link annotations and
    /// its page object.
    pub fn flush_page(&mut self) {
        let index = self.written;
        let emc = self.tags.end_page();
        self.canvas.marked(emc);
        self.canvas.take_page(&mut self.content);
        let content = self.writer.reserve();
        self.writer.stream(content, &self.content, |_| {});
        let mut annots = Vec::new();
        for k in self.links_written..self.tags.links.len() {
            let (link, _) = &self.tags.links[k];
            if link.page as usize != index {
                break;
            }
            let (r, to, text, annot) = (link.rect, link.to.clone(), link.text.clone(), link.annot);
            let dest = match &to {
                LinkTarget::Page(p) => Some(self.page_ref(*p)),
                LinkTarget::Uri(_) => None,
            };
            let page = self.page_ref(index);
            self.writer.object(annot, |o| {
                o.extend_from_slice(b"<</Type/Annot/Subtype/Link/Rect");
                rect(o, r);
                o.extend_from_slice(b"/Border[0 0 0]/F 4/P ");
                page.write(o);
                o.extend_from_slice(b"/Contents");
                text_string(o, &text);
                match (&to, dest) {
                    (LinkTarget::Uri(uri), _) => {
                        o.extend_from_slice(b"/A<</S/URI/URI");
                        ascii_string(o, uri);
                        o.extend_from_slice(b">>");
                    }
                    (LinkTarget::Page(_), Some(dest)) => {
                        o.extend_from_slice(b"/Dest[");
                        dest.write(o);
                        o.extend_from_slice(b"/Fit]");
                    }
                    (LinkTarget::Page(_), None) => {}
                }
                o.extend_from_slice(b"/StructParent ");
                int(o, (LINK_KEYS + k) as i64);
                o.extend_from_slice(b">>");
            });
            self.links_written += 1;
            annots.push(annot);
        }
        let page = self.page_ref(index);
        let (tree, resources) = (self.tree, self.resources);
        self.writer.object(page, |o| {
            o.extend_from_slice(b"<</Type/Page/Parent ");
            tree.write(o);
            o.extend_from_slice(b"/Resources ");
            resources.write(o);
            o.extend_from_slice(b"/Contents ");
            content.write(o);
            o.extend_from_slice(b"/StructParents ");
            int(o, index as i64);
            o.extend_from_slice(b"/Tabs/S");
            if !annots.is_empty() {
                o.extend_from_slice(b"/Annots[");
                for a in &annots {
                    a.write(o);
                    o.push(b' ');
                }
                o.push(b']');
            }
            o.extend_from_slice(b">>");
        });
        self.written += 1;
    }

    /// The fonts, page tree, document information and catalog; returns the file.
    pub fn finish(mut self, title: &str, meta: &Meta, toc: &[TocEntry]) -> Vec<u8> {
        let w = &mut self.writer;
        let mut fonts = Vec::new();
        for (face, name) in FONT_NAMES {
            let (glyphs, tag) = match face {
                Face::Regular => (&self.canvas.regular, "GYKREG"),
                Face::Bold => (&self.canvas.bold, "GYKBLD"),
                Face::Mincho => (&self.canvas.mincho, "GYKMIN"),
            };
            if !glyphs.is_empty() {
                fonts.push((name, glyphs.write(w, tag)));
            }
        }
        w.object(self.resources, |o| {
            o.extend_from_slice(b"<</Font<<");
            for (name, font) in &fonts {
                o.push(b'/');
                o.extend_from_slice(name.as_bytes());
                o.push(b' ');
                font.write(o);
            }
            o.extend_from_slice(b">>>>");
        });
        w.object(self.tree, |o| {
            o.extend_from_slice(b"<</Type/Pages/MediaBox[0 0 ");
            o.extend_from_slice(MEDIA_BOX);
            o.extend_from_slice(b"]/Count ");
            int(o, self.pages.len() as i64);
            o.extend_from_slice(b"/Kids[");
            for (k, page) in self.pages.iter().enumerate() {
                if k > 0 {
                    o.push(b' ');
                }
                page.write(o);
            }
            o.extend_from_slice(b"]>>");
        });
        let struct_root = self.tags.finish(w, &mut self.pages);
        self.pages.truncate(self.written);
        let outlines = write_outline(w, toc, &self.pages);
        // Dates from the report, never the clock, so equal input gives equal bytes.
        let info = w.reserve();
        w.object(info, |o| {
            o.extend_from_slice(b"<</Title");
            text_string(o, title);
            if !meta.author.is_empty() {
                o.extend_from_slice(b"/Author");
                text_string(o, &meta.author);
            }
            if let Some(d) = meta.date {
                let date = format!("D:{:04}{:02}{:02}000000+09'00'", d.0, d.1, d.2);
                o.extend_from_slice(b"/CreationDate(");
                o.extend_from_slice(date.as_bytes());
                o.extend_from_slice(b")/ModDate(");
                o.extend_from_slice(date.as_bytes());
                o.push(b')');
            }
            o.extend_from_slice(b"/Creator(gyokaku)/Producer(gyokaku)>>");
        });
        let metadata = w.reserve();
        w.plain_stream(metadata, xmp(title, meta).as_bytes(), |o| {
            o.extend_from_slice(b"/Type/Metadata/Subtype/XML");
        });
        // PDF/A: every colour of the document (DeviceRGB, DeviceGray) is sRGB.
        let icc = w.reserve();
        w.stream(icc, SRGB_ICC, |o| o.extend_from_slice(b"/N 3"));
        let catalog = w.reserve();
        let tree = self.tree;
        w.object(catalog, |o| {
            o.extend_from_slice(b"<</Type/Catalog/Pages ");
            tree.write(o);
            o.extend_from_slice(b"/OutputIntents[<</Type/OutputIntent/S/GTS_PDFA1");
            o.extend_from_slice(b"/OutputConditionIdentifier");
            o.extend_from_slice(SRGB_NAME);
            o.extend_from_slice(b"/Info");
            o.extend_from_slice(SRGB_NAME);
            o.extend_from_slice(b"/RegistryName(http://www.color.org)/DestOutputProfile ");
            icc.write(o);
            o.extend_from_slice(b">>]");
            o.extend_from_slice(b"/Lang");
            text_string(o, &meta.lang);
            o.extend_from_slice(b"/MarkInfo<</Marked true>>/StructTreeRoot ");
            struct_root.write(o);
            o.extend_from_slice(b"/Metadata ");
            metadata.write(o);
            o.extend_from_slice(b"/ViewerPreferences<</DisplayDocTitle true>>");
            if let Some(outlines) = outlines {
                o.extend_from_slice(b"/Outlines ");
                outlines.write(o);
                o.extend_from_slice(b"/PageMode/UseOutlines");
            }
            o.extend_from_slice(b">>");
        });
        self.writer.finish(catalog, info)
    }
}

/// A4 (210 × 297 mm) in points as written in the file: the values of the earlier writer
/// (millimetres converted in 32-bit arithmetic), kept so pages rasterise to the same pixels
/// (a text baseline can sit exactly on a pixel boundary at low resolutions).
const MEDIA_BOX: &[u8] = b"595.27563 841.88983";

/// The outline (bookmarks): the contents' entries, level 2 under the level 1 before it,
/// each opening its page. None without entries.
fn write_outline(w: &mut PdfWriter, toc: &[TocEntry], pages: &[Ref]) -> Option<Ref> {
    if toc.is_empty() {
        return None;
    }
    let root = w.reserve();
    let refs: Vec<Ref> = toc.iter().map(|_| w.reserve()).collect();
    // Parent of each entry (None = the root) and the children of each parent.
    let parents: Vec<Option<usize>> = toc
        .iter()
        .enumerate()
        .map(|(k, e)| {
            (e.level > 1)
                .then(|| toc[..k].iter().rposition(|p| p.level < e.level))
                .flatten()
        })
        .collect();
    let children =
        |p: Option<usize>| -> Vec<usize> { (0..toc.len()).filter(|k| parents[*k] == p).collect() };
    let write_list = |o: &mut Vec<u8>, kids: &[usize], refs: &[Ref]| {
        if let (Some(first), Some(last)) = (kids.first(), kids.last()) {
            o.extend_from_slice(b"/First ");
            refs[*first].write(o);
            o.extend_from_slice(b"/Last ");
            refs[*last].write(o);
            o.extend_from_slice(b"/Count ");
            int(o, kids.len() as i64);
        }
    };
    for (k, entry) in toc.iter().enumerate() {
        let siblings = children(parents[k]);
        let at = siblings.iter().position(|s| *s == k).unwrap_or(0);
        let kids = children(Some(k));
        w.object(refs[k], |o| {
            o.extend_from_slice(b"<</Title");
            text_string(o, &entry.title);
            o.extend_from_slice(b"/Parent ");
            parents[k].map_or(root, |p| refs[p]).write(o);
            if at > 0 {
                o.extend_from_slice(b"/Prev ");
                refs[siblings[at - 1]].write(o);
            }
            if let Some(next) = siblings.get(at + 1) {
                o.extend_from_slice(b"/Next ");
                refs[*next].write(o);
            }
            write_list(o, &kids, &refs);
            if let Some(page) = pages.get(entry.page) {
                o.extend_from_slice(b"/Dest[");
                page.write(o);
                o.extend_from_slice(b"/Fit]");
            }
            o.extend_from_slice(b">>");
        });
    }
    let top = children(None);
    w.object(root, |o| {
        o.extend_from_slice(b"<</Type/Outlines");
        write_list(o, &top, &refs);
        o.extend_from_slice(b">>");
    });
    Some(root)
}

/// Writes a web address as a literal string of 7-bit ASCII, as a URI action wants it:
/// bytes outside printable ASCII percent-encoded, parentheses and backslashes escaped.
fn ascii_string(o: &mut Vec<u8>, uri: &str) {
    o.push(b'(');
    for b in uri.bytes() {
        match b {
            b'(' | b')' | b'\\' => {
                o.push(b'\\');
                o.push(b);
            }
            0x21..=0x7e => o.push(b),
            _ => o.extend_from_slice(format!("%{b:02X}").as_bytes()),
        }
    }
    o.push(b')');
}

/// Escapes text for XML.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XMP metadata packet: title, author, dates of the report (each equal to its entry
/// in the document information), PDF/A-2a and PDF/UA-1 identification, and the extension
/// schema PDF/A asks for the PDF/UA property (not one of its predefined schemas).
///
/// Conformance level A (not only B): the file is tagged with standard structure types only,
/// /MarkInfo /Marked true, /Lang set, every text in a structure element or an artifact, and
/// every font has a ToUnicode map (scripts/check_pdf_structure.py checks these).
fn xmp(title: &str, meta: &Meta) -> String {
    let date = meta
        .date
        .map(|d| format!("{:04}-{:02}-{:02}T00:00:00+09:00", d.0, d.1, d.2));
    let dates = date.map_or_else(String::new, |d| {
        format!("<xmp:CreateDate>{d}</xmp:CreateDate><xmp:ModifyDate>{d}</xmp:ModifyDate>")
    });
    let author = if meta.author.is_empty() {
        String::new()
    } else {
        format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            xml(&meta.author)
        )
    };
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\
<dc:format>application/pdf</dc:format>\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>{author}\
<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>{dates}\
<xmp:CreatorTool>gyokaku</xmp:CreatorTool><pdf:Producer>gyokaku</pdf:Producer>\
<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>\
<pdfuaid:part>1</pdfuaid:part>\
</rdf:Description>\
<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>\
</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>",
        xml(title),
        xml(&meta.lang)
    )
}
