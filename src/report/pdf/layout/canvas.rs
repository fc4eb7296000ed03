//! The drawing state of the page being laid out: its content stream written operator by
//! operator (text sections, colours, line widths, paths), the current font and colours so
//! they are set only when they change, and the glyphs used per face.

use super::{Rgb8, Style};
use crate::report::pdf::embed::GlyphSet;
use crate::report::pdf::fonts::{Face, FontData};
use crate::report::pdf::writer::{real, shortest};

/// Resource names of the faces in the page content.
pub const FONT_NAMES: [(Face, &str); 3] =
    [(Face::Regular, "R"), (Face::Bold, "B"), (Face::Mincho, "M")];

/// Content of the current page and the state set in it.
pub struct Canvas {
    /// The page's content stream so far.
    ops: Vec<u8>,
    /// Inside a text section (BT … ET): the font set there, if any.
    text: Option<Option<(Face, f32)>>,
    /// Fill colour and stroke (colour, width) set on the page.
    fill: Option<Rgb8>,
    stroke: Option<(Rgb8, f32)>,
    pub regular: GlyphSet,
    pub bold: GlyphSet,
    pub mincho: GlyphSet,
    /// The text run being written: texts on one baseline in one font and colour share a
    /// `Tm` and a `TJ` array, the gaps between them written as kerning numbers.
    run: Option<Run>,
}

/// An open `[…] TJ` array.
struct Run {
    x: f32,
    y: f32,
    size: f32,
    /// Where the viewer's pen is after the glyphs written so far, from the run's start in
    /// thousandths of an em (advanced by the same integer widths as the font's /W array,
    /// so the kerning numbers put every text exactly where a `Tm` of its own would).
    pen: f64,
}

impl Canvas {
    pub fn new(
        regular: &'static FontData,
        bold: &'static FontData,
        mincho: &'static FontData,
    ) -> Canvas {
        Canvas {
            ops: Vec::with_capacity(16 * 1024),
            text: None,
            fill: None,
            stroke: None,
            regular: GlyphSet::new(regular),
            bold: GlyphSet::new(bold),
            mincho: GlyphSet::new(mincho),
            run: None,
        }
    }

    /// Ends the open text section, if any (before graphics and at page ends).
    pub fn close_text(&mut self) {
        self.close_run();
        if self.text.take().is_some() {
            self.ops.extend_from_slice(b"ET\n");
        }
    }

    /// Whether nothing is drawn on the page yet.
    /// Appends an operator outside any text object (marked-content BDC/BMC/EMC).
    pub fn marked(&mut self, op: &[u8]) {
        self.close_text();
        self.ops.extend_from_slice(op);
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Ends the page: returns its content and forgets the state set in it.
    pub fn take_page(&mut self, page: &mut Vec<u8>) {
        self.close_text();
        self.fill = None;
        self.stroke = None;
        std::mem::swap(&mut self.ops, page);
        self.ops.clear();
    }

    fn set_fill(&mut self, color: Rgb8) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            self.color(color);
            self.ops.extend_from_slice(b"rg\n");
        }
    }

    fn set_stroke(&mut self, color: Rgb8, width: f32) {
        match self.stroke {
            Some((c, w)) if c == color && w == width => {}
            Some((c, _)) if c == color => self.width(width),
            _ => {
                self.color(color);
                self.ops.extend_from_slice(b"RG\n");
                self.width(width);
            }
        }
        self.stroke = Some((color, width));
    }

    fn color(&mut self, color: Rgb8) {
        for v in [color.0, color.1, color.2] {
            real(&mut self.ops, f32::from(v) / 255.0);
            self.ops.push(b' ');
        }
    }

    fn width(&mut self, width: f32) {
        real(&mut self.ops, width);
        self.ops.extend_from_slice(b" w\n");
    }

    fn point(&mut self, x: f32, y: f32) {
        shortest(&mut self.ops, x);
        self.ops.push(b' ');
        shortest(&mut self.ops, y);
        self.ops.push(b' ');
    }

    fn close_run(&mut self) {
        if self.run.take().is_some() {
            self.ops.extend_from_slice(b"]TJ\n");
        }
    }

    /// One line of text in the style's face (`font`) with its baseline starting at (x, y)
    /// (PDF coordinates), `text` holding only characters the face has.
    pub fn text(&mut self, font: &FontData, style: Style, x: f32, y: f32, text: &str) {
        let Style { face, size, color } = style;
        let font_set = match self.text {
            Some(set) => set,
            None => {
                self.ops.extend_from_slice(b"BT\n");
                self.text = Some(None);
                None
            }
        };
        let same_font = font_set == Some((face, size));
        let continues =
            same_font && self.fill == Some(color) && self.run.as_ref().is_some_and(|r| r.y == y);
        if !continues {
            self.close_run();
        }
        if !same_font {
            let name = FONT_NAMES
                .iter()
                .find(|(f, _)| *f == face)
                .map_or("R", |(_, n)| n);
            self.ops.push(b'/');
            self.ops.extend_from_slice(name.as_bytes());
            self.ops.push(b' ');
            shortest(&mut self.ops, size);
            self.ops.extend_from_slice(b" Tf\n");
            self.text = Some(Some((face, size)));
        }
        self.set_fill(color);
        match self.run.as_mut() {
            Some(run) => {
                // The same arithmetic as a viewer's: the kerning number (a 32-bit real,
                // as written) moves the pen from where the last glyph left it to x.
                let dx = (f64::from(x) - f64::from(run.x)) * 1000.0 / f64::from(run.size);
                let kern = (run.pen - dx) as f32;
                if kern != 0.0 {
                    run.pen -= f64::from(kern);
                    shortest(&mut self.ops, kern);
                }
            }
            None => {
                self.ops.extend_from_slice(b"1 0 0 1 ");
                shortest(&mut self.ops, x);
                self.ops.push(b' ');
                shortest(&mut self.ops, y);
                self.ops.extend_from_slice(b" Tm[");
                self.run = Some(Run {
                    x,
                    y,
                    size,
                    pen: 0.0,
                });
            }
        }
        let glyphs = match face {
            Face::Regular => &mut self.regular,
            Face::Bold => &mut self.bold,
            Face::Mincho => &mut self.mincho,
        };
        let mut pen = 0;
        // A literal string of 2-byte codes (half the bytes of a hexadecimal one).
        self.ops.push(b'(');
        for c in text.chars() {
            if let Some(gid) = font.glyph_id(c) {
                let cid = glyphs.cid(gid, c);
                for byte in cid.to_be_bytes() {
                    match byte {
                        b'(' | b')' | b'\\' => self.ops.extend_from_slice(&[b'\\', byte]),
                        // A bare carriage return would be read as a line feed.
                        b'\r' => self.ops.extend_from_slice(b"\\r"),
                        _ => self.ops.push(byte),
                    }
                }
                pen += font.char_width(c);
            }
        }
        self.ops.push(b')');
        if let Some(run) = self.run.as_mut() {
            run.pen += f64::from(pen);
        }
    }

    /// A filled rectangle (PDF coordinates of its lower-left corner).
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb8) {
        self.close_text();
        self.set_fill(color);
        self.point(x, y);
        self.point(w, h);
        self.ops.extend_from_slice(b"re f\n");
    }

    /// A stroked rectangle outline (PDF coordinates of its lower-left corner).
    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32, color: Rgb8) {
        self.close_text();
        self.set_stroke(color, width);
        self.point(x, y);
        self.point(w, h);
        self.ops.extend_from_slice(b"re S\n");
    }

    /// A stroked open path through points (PDF coordinates).
    pub fn path(&mut self, points: impl Iterator<Item = (f32, f32)>, width: f32, color: Rgb8) {
        self.close_text();
        self.set_stroke(color, width);
        for (k, (x, y)) in points.enumerate() {
            self.point(x, y);
            self.ops
                .extend_from_slice(if k == 0 { b"m\n" } else { b"l\n" });
        }
        self.ops.extend_from_slice(b"S\n");
    }
}
