//! The file of the document: each finished page's content stream and page object written
//! at once, and at the end the subset fonts, the page tree, the document information and
//! the catalog.

use super::canvas::{Canvas, FONT_NAMES};
use crate::report::pdf::fonts::{Face, FontData};
use crate::report::pdf::writer::{PdfWriter, Ref, int, text_string};

/// The PDF being written: the current page's drawing state and the file so far.
pub struct Output {
    pub canvas: Canvas,
    writer: PdfWriter,
    /// The page tree and the resources every page shares (written at the end).
    tree: Ref,
    resources: Ref,
    /// Page objects written so far.
    pub pages: Vec<Ref>,
    /// Content of the page being written (kept for its capacity).
    content: Vec<u8>,
}

impl Output {
    pub fn new(regular: &'static FontData, bold: &'static FontData) -> Output {
        let mut writer = PdfWriter::new();
        let tree = writer.reserve();
        let resources = writer.reserve();
        Output {
            canvas: Canvas::new(regular, bold),
            writer,
            tree,
            resources,
            pages: Vec::new(),
            content: Vec::new(),
        }
    }

    /// Writes the current page: its compressed content stream and its page object.
    pub fn flush_page(&mut self) {
        self.canvas.take_page(&mut self.content);
        let content = self.writer.reserve();
        self.writer.stream(content, &self.content, |_| {});
        let page = self.writer.reserve();
        let (tree, resources) = (self.tree, self.resources);
        self.writer.object(page, |o| {
            o.extend_from_slice(b"<</Type/Page/Parent ");
            tree.write(o);
            o.extend_from_slice(b"/Resources ");
            resources.write(o);
            o.extend_from_slice(b"/Contents ");
            content.write(o);
            o.extend_from_slice(b">>");
        });
        self.pages.push(page);
    }

    /// The fonts, page tree, document information and catalog; returns the file.
    pub fn finish(mut self, title: &str) -> Vec<u8> {
        let w = &mut self.writer;
        let mut fonts = Vec::new();
        for (face, name) in FONT_NAMES {
            let (glyphs, tag) = match face {
                Face::Regular => (&self.canvas.regular, "GYKREG"),
                Face::Bold => (&self.canvas.bold, "GYKBLD"),
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
        // Fixed values only: no dates, so equal input gives equal bytes.
        let info = w.reserve();
        w.object(info, |o| {
            o.extend_from_slice(b"<</Title");
            text_string(o, title);
            o.extend_from_slice(b"/Creator(gyokaku)/Producer(gyokaku)>>");
        });
        let catalog = w.reserve();
        let tree = self.tree;
        w.object(catalog, |o| {
            o.extend_from_slice(b"<</Type/Catalog/Pages ");
            tree.write(o);
            o.extend_from_slice(b">>");
        });
        self.writer.finish(catalog, info)
    }
}

/// A4 (210 × 297 mm) in points as written in the file: the values of the earlier writer
/// (millimetres converted in 32-bit arithmetic), kept so pages rasterise to the same pixels
/// (a text baseline can sit exactly on a pixel boundary at low resolutions).
const MEDIA_BOX: &[u8] = b"595.27563 841.88983";
