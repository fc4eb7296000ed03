//! The drawing state of the page being laid out: its content stream (pdf-writer's `Content`:
//! text sections, colours, line widths, paths, marked content), the current font and
//! colours so they are set only when they change, and the glyphs used per face.

use pdf_writer::{Content, Name, Settings, Str};

use super::{Rgb8, Style};
use crate::report::pdf::embed::GlyphSet;
use crate::report::pdf::fonts::{Face, FontData};

/// Resource names of the faces in the page content.
pub const FONT_NAMES: [(Face, &str); 3] =
    [(Face::Regular, "R"), (Face::Bold, "B"), (Face::Mincho, "M")];

/// Content of the current page and the state set in it.
pub struct Canvas {
    /// The page's content stream so far.
    ops: Content,
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
    /// Character ids (two bytes each) of every text of the open run, one after the other.
    codes: Vec<u8>,
    /// Each text's end in `codes` and the kerning before the next one.
    parts: Vec<(usize, f32)>,
}

/// An open `[…] TJ` array, written when it closes.
struct Run {
    x: f32,
    y: f32,
    size: f32,
    /// Where the viewer's pen is after the glyphs written so far, from the run's start in
    /// thousandths of an em (advanced by the same integer widths as the font's /W array,
    /// so the kerning numbers put every text exactly where a `Tm` of its own would).
    pen: f64,
}

/// A new, empty page content stream (compact: no indentation).
fn content() -> Content {
    Content::with_settings_and_capacity(Settings { pretty: false }, 16 * 1024)
}

/// A value to a thousandth (line widths and colour components, which keep their 8-bit
/// value: short numbers in the stream).
fn milli(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

impl Canvas {
    /// An empty page whose glyphs come from the given faces.
    pub fn new(
        regular: &'static FontData,
        bold: &'static FontData,
        mincho: &'static FontData,
    ) -> Canvas {
        Canvas {
            ops: content(),
            text: None,
            fill: None,
            stroke: None,
            regular: GlyphSet::new(regular),
            bold: GlyphSet::new(bold),
            mincho: GlyphSet::new(mincho),
            run: None,
            codes: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// Ends the open text section, if any (before graphics and at page ends).
    pub fn close_text(&mut self) {
        self.close_run();
        if self.text.take().is_some() {
            self.ops.end_text();
        }
    }

    /// Ends the open marked-content sequence (outside any text section).
    pub fn end_marked(&mut self) {
        self.close_text();
        self.ops.end_marked_content();
    }

    /// Begins a sequence marked as an artifact (decoration, repetition).
    pub fn begin_artifact(&mut self) {
        self.close_text();
        self.ops.begin_marked_content(Name(b"Artifact"));
    }

    /// Begins a sequence marked with a structure role and its marked-content id.
    pub fn begin_tagged(&mut self, role: &str, mcid: u32) {
        self.close_text();
        self.ops
            .begin_marked_content_with_properties(Name(role.as_bytes()))
            .properties()
            .identify(mcid as i32);
    }

    /// Whether nothing was drawn on the page yet.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.ops.len() == 0
    }

    /// The finished page's content stream; the canvas starts a new page.
    pub fn take_page(&mut self) -> Vec<u8> {
        self.close_text();
        self.fill = None;
        self.stroke = None;
        std::mem::replace(&mut self.ops, content())
            .finish()
            .into_vec()
    }

    fn set_fill(&mut self, color: Rgb8) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            let [r, g, b] = components(color);
            self.ops.set_fill_rgb(r, g, b);
        }
    }

    fn set_stroke(&mut self, color: Rgb8, width: f32) {
        match self.stroke {
            Some((c, w)) if c == color && w == width => {}
            Some((c, _)) if c == color => {
                self.ops.set_line_width(milli(width));
            }
            _ => {
                let [r, g, b] = components(color);
                self.ops
                    .set_stroke_rgb(r, g, b)
                    .set_line_width(milli(width));
            }
        }
        self.stroke = Some((color, width));
    }

    /// Writes the open `TJ` array.
    fn close_run(&mut self) {
        if self.run.take().is_some() {
            let mut show = self.ops.show_positioned();
            let mut items = show.items();
            let mut start = 0;
            for (end, kern) in &self.parts {
                items.show(Str(&self.codes[start..*end]));
                if *kern != 0.0 {
                    items.adjust(*kern);
                }
                start = *end;
            }
            self.codes.clear();
            self.parts.clear();
        }
    }

    /// Draws `text` in `style` with its left end at (`x`, `y`) on the baseline (PDF
    /// coordinates), `text` holding only characters the face has.
    pub fn text(&mut self, font: &FontData, style: Style, x: f32, y: f32, text: &str) {
        let Style { face, size, color } = style;
        let font_set = match self.text {
            Some(set) => set,
            None => {
                self.ops.begin_text();
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
            self.ops.set_font(Name(name.as_bytes()), size);
            self.text = Some(Some((face, size)));
        }
        self.set_fill(color);
        match self.run.as_mut() {
            Some(run) => {
                // The same arithmetic as a viewer's: the kerning number (a 32-bit real,
                // as written) moves the pen from where the last glyph left it to x.
                let dx = (f64::from(x) - f64::from(run.x)) * 1000.0 / f64::from(run.size);
                let kern = (run.pen - dx) as f32;
                run.pen -= f64::from(kern);
                if let Some(last) = self.parts.last_mut() {
                    last.1 = kern;
                }
            }
            None => {
                self.ops.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
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
        let Some(run) = self.run.as_mut() else {
            return;
        };
        let mut pen = 0;
        for c in text.chars() {
            if let Some(gid) = font.glyph_id(c) {
                let cid = glyphs.cid(gid, c);
                self.codes.extend_from_slice(&cid.to_be_bytes());
                pen += font.char_width(c);
            }
        }
        self.parts.push((self.codes.len(), 0.0));
        run.pen += f64::from(pen);
    }

    /// A filled rectangle (PDF coordinates of its lower-left corner).
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb8) {
        self.close_text();
        self.set_fill(color);
        self.ops.rect(x, y, w, h).fill_nonzero();
    }

    /// A stroked rectangle outline (PDF coordinates of its lower-left corner).
    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32, color: Rgb8) {
        self.close_text();
        self.set_stroke(color, width);
        self.ops.rect(x, y, w, h).stroke();
    }

    /// A stroked open path through points (PDF coordinates).
    pub fn path(&mut self, points: impl Iterator<Item = (f32, f32)>, width: f32, color: Rgb8) {
        self.close_text();
        self.set_stroke(color, width);
        for (k, (x, y)) in points.enumerate() {
            if k == 0 {
                self.ops.move_to(x, y);
            } else {
                self.ops.line_to(x, y);
            }
        }
        self.ops.stroke();
    }
}

/// The colour's components from 0 to 1, to a thousandth.
fn components(color: Rgb8) -> [f32; 3] {
    [color.0, color.1, color.2].map(|v| milli(f32::from(v) / 255.0))
}
