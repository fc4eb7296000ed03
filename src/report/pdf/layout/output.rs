//! The file of the document: each finished page's content stream and page object written
//! at once, and at the end the subset fonts, the page tree, the document information and
//! the catalog, with the sRGB output intent and the XMP identification of PDF/A-2a and
//! PDF/UA-1.

use pdf_writer::types::{
    ActionType, AnnotationFlags, AnnotationType, OutputIntentSubtype, PageMode, TabOrder,
};
use pdf_writer::writers::{Destination, Resources};
use pdf_writer::{Date, Finish, Name, Rect, Str, TextStr};

use super::canvas::{Canvas, FONT_NAMES};
use super::tags::{LinkTarget, Tags, page_ref};
use super::{Meta, TocEntry};
use crate::report::pdf::fonts::{Face, FontData};
use crate::report::pdf::writer::{PdfWriter, Ref};

/// The ICC profile of the output intent: a compact sRGB v2 profile (CC0; origin in
/// `src/report/pdf/icc/README.md`).
static SRGB_ICC: &[u8] = include_bytes!("../icc/sRGB-v2-magic.icc");

/// The output condition named in the output intent.
const SRGB_NAME: &str = "sRGB IEC61966-2.1";

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
        self.tags.end_page(&mut self.canvas);
        let data = self.canvas.take_page();
        let content = self.writer.reserve();
        self.writer.stream(content, &data);
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
            let mut a = self.writer.pdf.annotation(annot);
            a.subtype(AnnotationType::Link)
                .rect(rect(r))
                .border(0.0, 0.0, 0.0, None)
                .flags(AnnotationFlags::PRINT)
                .page(page)
                .contents(TextStr(&text));
            match (&to, dest) {
                (LinkTarget::Uri(uri), _) => {
                    let uri = ascii_uri(uri);
                    a.action()
                        .action_type(ActionType::Uri)
                        .uri(Str(uri.as_bytes()));
                }
                (LinkTarget::Page(_), Some(dest)) => {
                    a.insert(Name(b"Dest"))
                        .start::<Destination>()
                        .page(dest)
                        .fit();
                }
                (LinkTarget::Page(_), None) => {}
            }
            a.struct_parent((LINK_KEYS + k) as i32);
            a.finish();
            self.links_written += 1;
            annots.push(annot);
        }
        let page = self.page_ref(index);
        let mut p = self.writer.pdf.page(page);
        p.parent(self.tree)
            .contents(content)
            .struct_parents(index as i32)
            .tab_order(TabOrder::StructureOrder)
            .pair(Name(b"Resources"), self.resources);
        if !annots.is_empty() {
            p.annotations(annots);
        }
        p.finish();
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
        {
            let mut resources = w.pdf.indirect(self.resources).start::<Resources>();
            let mut dict = resources.fonts();
            for (name, font) in &fonts {
                dict.pair(Name(name.as_bytes()), *font);
            }
        }
        w.pdf
            .pages(self.tree)
            .media_box(Rect::new(0.0, 0.0, A4.0, A4.1))
            .count(self.pages.len() as i32)
            .kids(self.pages.iter().copied());
        let struct_root = self.tags.write_tree(w, &mut self.pages);
        self.pages.truncate(self.written);
        let outlines = write_outline(w, toc, &self.pages);
        // Dates from the report, never the clock, so equal input gives equal bytes.
        let date = meta.date.map(|(y, m, d)| {
            Date::new(y)
                .month(m)
                .day(d)
                .hour(0)
                .minute(0)
                .second(0)
                .utc_offset_hour(9)
                .utc_offset_minute(0)
        });
        let info = w.reserve();
        let mut doc_info = w.pdf.document_info(info);
        doc_info.title(TextStr(title));
        if !meta.author.is_empty() {
            doc_info.author(TextStr(&meta.author));
        }
        if let Some(date) = date {
            doc_info.creation_date(date).modified_date(date);
        }
        doc_info
            .creator(TextStr("gyokaku"))
            .producer(TextStr("gyokaku"));
        doc_info.finish();
        let metadata = w.reserve();
        let xmp = xmp(title, meta);
        w.pdf.metadata(metadata, xmp.as_bytes());
        // PDF/A: every colour of the document (DeviceRGB, DeviceGray) is sRGB.
        let icc = w.reserve();
        w.stream(icc, SRGB_ICC).pair(Name(b"N"), 3);
        let catalog = w.reserve();
        let mut cat = w.pdf.catalog(catalog);
        cat.pages(self.tree);
        cat.output_intents()
            .push()
            .subtype(OutputIntentSubtype::PDFA)
            .output_condition_identifier(TextStr(SRGB_NAME))
            .info(TextStr(SRGB_NAME))
            .registry_name(TextStr("http://www.color.org"))
            .dest_output_profile(icc);
        cat.lang(TextStr(&meta.lang));
        cat.mark_info().marked(true);
        cat.pair(Name(b"StructTreeRoot"), struct_root);
        cat.metadata(metadata);
        cat.viewer_preferences().display_doc_title(true);
        if let Some(outlines) = outlines {
            cat.outlines(outlines).page_mode(PageMode::UseOutlines);
        }
        cat.finish();
        self.writer.finish()
    }
}

/// A4 (210 × 297 mm) in points: the values of the earlier writer (millimetres converted in
/// 32-bit arithmetic), kept so pages rasterise to the same pixels (a text baseline can sit
/// exactly on a pixel boundary at low resolutions).
const A4: (f32, f32) = (595.27563, 841.88983);

/// A rectangle `[x1 y1 x2 y2]`.
pub fn rect(r: [f32; 4]) -> Rect {
    Rect::new(r[0], r[1], r[2], r[3])
}

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
    for (k, entry) in toc.iter().enumerate() {
        let siblings = children(parents[k]);
        let at = siblings.iter().position(|s| *s == k).unwrap_or(0);
        let kids = children(Some(k));
        let mut item = w.pdf.outline_item(refs[k]);
        item.title(TextStr(&entry.title))
            .parent(parents[k].map_or(root, |p| refs[p]));
        if at > 0 {
            item.prev(refs[siblings[at - 1]]);
        }
        if let Some(next) = siblings.get(at + 1) {
            item.next(refs[*next]);
        }
        if let (Some(first), Some(last)) = (kids.first(), kids.last()) {
            item.first(refs[*first])
                .last(refs[*last])
                .count(kids.len() as i32);
        }
        if let Some(page) = pages.get(entry.page) {
            item.dest().page(*page).fit();
        }
    }
    let top = children(None);
    let mut outline = w.pdf.outline(root);
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        outline
            .first(refs[*first])
            .last(refs[*last])
            .count(top.len() as i32);
    }
    Some(root)
}

/// A web address in 7-bit ASCII, as a URI action wants it: bytes outside printable ASCII
/// percent-encoded (pdf-writer escapes parentheses and backslashes).
fn ascii_uri(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for b in uri.bytes() {
        match b {
            0x21..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
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
