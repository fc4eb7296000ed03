//! A small flowing layout engine: pages with a cursor, wrapped paragraphs, headings kept
//! with what follows, key–value blocks and tables that split across pages with their header
//! repeated, page headers and footers. Each finished page is written to the PDF at once
//! (see `canvas` for the drawing state and `writer` for the file).

mod canvas;
mod output;
mod table;
mod tags;

pub use table::{Cell, Col};
pub use tags::{Attr, LinkTarget, Target};

use super::fonts::{self, Face, FontData, FontError};
use super::linebreak::break_lines;
use output::Output;

/// A4 portrait width in points.
pub const PAGE_W: f32 = 595.28;
/// A4 portrait height in points.
pub const PAGE_H: f32 = 841.89;
/// Left and right margin in points (20 mm).
pub const MARGIN_X: f32 = 56.7;
/// Top margin in points (22 mm).
pub const MARGIN_TOP: f32 = 62.4;
/// Bottom margin in points (22 mm).
pub const MARGIN_BOTTOM: f32 = 62.4;
/// Padding inside table cells.
const CELL_PAD: f32 = 4.0;
/// Body text size in points.
pub const BODY: f32 = 10.5;
/// Line height as a multiple of the text size.
pub const LEADING: f32 = 1.6;

/// An RGB colour (0–255).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb8(pub u8, pub u8, pub u8);

/// Body text.
pub const BLACK: Rgb8 = Rgb8(0, 0, 0);
/// Notes and captions.
pub const GREY_TEXT: Rgb8 = Rgb8(80, 80, 80);
/// Table rules and chart axes.
pub const RULE: Rgb8 = Rgb8(120, 120, 120);
/// Fill of table heading cells.
pub const HEAD_FILL: Rgb8 = Rgb8(221, 230, 241);
/// Fill of label cells (the left column of fact tables).
pub const LABEL_FILL: Rgb8 = Rgb8(242, 242, 242);
/// Headings and rules of the document's colour.
pub const ACCENT: Rgb8 = Rgb8(31, 78, 121);
/// Warnings (未提出, エラー).
pub const ALERT: Rgb8 = Rgb8(192, 0, 0);

/// Horizontal alignment in a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right (numbers).
    Right,
}

/// Text style.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Regular or bold.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// Text colour.
    pub color: Rgb8,
}

impl Style {
    /// Body text (paragraphs), in 明朝 as public documents are set; headings, tables and
    /// notes are in ゴシック.
    pub const BODY: Style = Style {
        face: Face::Mincho,
        size: BODY,
        color: BLACK,
    };
    /// Body text in bold.
    pub const BOLD: Style = Style {
        face: Face::Bold,
        size: BODY,
        color: BLACK,
    };
    /// Notes: smaller and grey.
    pub const SMALL: Style = Style {
        face: Face::Regular,
        size: 8.5,
        color: GREY_TEXT,
    };

    /// The same style at another size.
    pub fn sized(self, size: f32) -> Style {
        Style { size, ..self }
    }

    /// The same style in another colour.
    pub fn colored(self, color: Rgb8) -> Style {
        Style { color, ..self }
    }

    fn line_height(self) -> f32 {
        self.size * LEADING
    }
}

/// Document information written with the file: author (the secretariat), the date of
/// the report (creation and modification date, so the file stays deterministic) and the
/// language of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// /Author and dc:creator.
    pub author: String,
    /// Year, month and day of the report.
    pub date: Option<(u16, u8, u8)>,
    /// Natural language (BCP 47), e.g. "ja".
    pub lang: String,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            author: String::new(),
            date: None,
            lang: "ja".into(),
        }
    }
}

/// A heading registered for the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct TocEntry {
    /// 1 for a section, 2 for a subsection.
    pub level: u8,
    /// The heading's text.
    pub title: String,
    /// Printed page number (cover excluded).
    pub page: usize,
}

/// The document being laid out.
pub struct Doc {
    title: String,
    /// Pages begun (the current one is the last).
    pages: usize,
    /// Distance of the cursor from the top of the current page.
    y: f32,
    regular: &'static FontData,
    bold: &'static FontData,
    mincho: &'static FontData,
    /// Running header printed on numbered pages.
    pub running_header: String,
    /// Headings for the table of contents, with the pages they landed on.
    pub toc: Vec<TocEntry>,
    /// Author, date and language written with the file.
    pub meta: Meta,
    /// Where drawing goes; none when only measuring (the first pass for the contents).
    out: Option<Box<Output>>,
    /// A heading not drawn yet: it is placed together with the first content after it, so
    /// a heading never ends a page.
    pending: Option<PendingHeading>,
    /// Printed at the top of every page a section or item continues on, e.g.
    /// 「1101 取組項目（続き）」.
    continuation: Option<String>,
}

/// A heading waiting for the content it belongs to.
struct PendingHeading {
    level: u8,
    text: String,
    toc: bool,
    lines: Vec<String>,
    style: Style,
    /// Space before it (dropped at the top of a page).
    before: f32,
    /// Space after it (including the rule of a section heading).
    after: f32,
    /// Space asked for between the heading and its content.
    space: f32,
}

impl PendingHeading {
    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.style.line_height() + self.after + self.space
    }
}

/// Style of the continuation line at the top of a page.
const CONTINUATION: Style = Style {
    face: Face::Bold,
    size: 10.0,
    color: ACCENT,
};

impl Doc {
    /// A new document with an empty first page (the cover).
    pub fn new(title: &str) -> Result<Doc, FontError> {
        let mut doc = Doc::measuring(title)?;
        doc.out = Some(Box::new(Output::new(doc.regular, doc.bold, doc.mincho)));
        Ok(doc)
    }

    /// A document that only measures: page breaks and contents are computed, nothing is
    /// drawn (for the first of two passes).
    pub fn measuring(title: &str) -> Result<Doc, FontError> {
        Ok(Doc {
            title: title.to_string(),
            pages: 1,
            y: MARGIN_TOP,
            regular: fonts::font(Face::Regular)?,
            bold: fonts::font(Face::Bold)?,
            mincho: fonts::font(Face::Mincho)?,
            running_header: String::new(),
            toc: Vec::new(),
            meta: Meta::default(),
            out: None,
            pending: None,
            continuation: None,
        })
    }

    fn font(&self, face: Face) -> &'static FontData {
        match face {
            Face::Regular => self.regular,
            Face::Bold => self.bold,
            Face::Mincho => self.mincho,
        }
    }

    /// Width of text in a style.
    pub fn text_width(&self, text: &str, style: Style) -> f32 {
        self.font(style.face).width(text, style.size)
    }

    /// Wraps text to a width. A paragraph whose last line would hold only one or two
    /// characters (a lone 「る。」) is broken a little narrower so that the line before
    /// gives it some of its characters.
    pub fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let font = self.font(style.face);
        let mut text = fonts::printable(font, text);
        // Most texts (table cells, headings) are one line that fits: what the line breaker
        // would return, without taking it apart. (It fits lines up to 0.01 pt wider.)
        if !text.contains('\n') && font.width(&text, style.size) <= width {
            text.truncate(text.trim_end().len());
            return vec![text];
        }
        let measure = |s: &str| font.width(s, style.size);
        let mut out = Vec::new();
        for paragraph in text.split('\n') {
            let lines = break_lines(paragraph, width, measure);
            out.extend(without_short_last_line(paragraph, lines, width, &measure));
        }
        out
    }

    /// Number of the current page (0 = cover).
    pub fn page_index(&self) -> usize {
        self.pages - 1
    }

    /// Usable width between the margins.
    pub fn body_width(&self) -> f32 {
        PAGE_W - 2.0 * MARGIN_X
    }

    /// Space left on the current page.
    pub fn remaining(&self) -> f32 {
        PAGE_H - MARGIN_BOTTOM - self.y
    }

    /// Cursor position from the top.
    pub fn cursor(&self) -> f32 {
        self.y
    }

    /// Moves the cursor to a position from the top.
    pub fn set_cursor(&mut self, y: f32) {
        self.y = y;
    }

    /// Starts a new page (the finished one is written out); a continued section or item
    /// names itself at the top of it.
    pub fn new_page(&mut self) {
        self.end_page();
        self.pages += 1;
        self.y = MARGIN_TOP;
        if let Some(text) = self.continuation.clone() {
            let y = self.y;
            self.artifact(|doc| doc.text_at(MARGIN_X, y, &text, CONTINUATION));
            self.y += CONTINUATION.line_height() + 2.0;
        }
    }

    /// Sets (or clears) the line printed at the top of the pages the current section or
    /// item continues on; 「（続き）」 is added to it.
    pub fn set_continuation(&mut self, title: Option<&str>) {
        self.continuation = title.map(|t| format!("{t}（続き）"));
    }

    /// Whether the cursor is at the top of a page (below the continuation line, if any).
    fn at_top(&self) -> bool {
        let top = MARGIN_TOP
            + self
                .continuation
                .as_ref()
                .map_or(0.0, |_| CONTINUATION.line_height() + 2.0);
        self.y <= top + 1.0
    }

    /// Starts a new page unless `height` still fits. A heading waiting for its content is
    /// placed first, on the page where `height` of content fits after it.
    pub fn ensure(&mut self, height: f32) {
        let heading = self.pending.as_ref().map_or(0.0, PendingHeading::height);
        if heading + height > self.remaining() && !self.at_top() {
            self.new_page();
        }
        self.place_heading();
    }

    /// Vertical space (after a waiting heading, it goes between it and its content).
    pub fn space(&mut self, h: f32) {
        match self.pending.as_mut() {
            Some(p) => p.space += h,
            None => self.y += h,
        }
    }

    /// Draws the waiting heading at the cursor.
    fn place_heading(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        if !self.at_top() {
            self.y += p.before;
        }
        if p.toc {
            self.toc.push(TocEntry {
                level: p.level,
                title: p.text.clone(),
                page: self.page_index(),
            });
        }
        self.begin_tag(match p.level {
            1 => "H1",
            2 => "H2",
            _ => "H3",
        });
        for line in &p.lines {
            let y = self.y;
            self.text_at(MARGIN_X, y, line, p.style);
            self.y += p.style.line_height();
        }
        self.end_tag();
        if p.level == 1 {
            let y = self.y + 1.0;
            self.line(MARGIN_X, y, PAGE_W - MARGIN_X, y, 1.2, ACCENT);
        }
        self.y += p.after + p.space;
    }

    /// Finishes the current page: the running header and the page number ("- n -") on
    /// every page but the cover, then the page goes to the file.
    fn end_page(&mut self) {
        if self.out.is_none() {
            return;
        }
        let i = self.page_index();
        if i > 0 {
            // Running headers and page numbers are artifacts, not content.
            self.artifact(|doc| {
                let footer = format!("- {i} -");
                let w = doc.text_width(&footer, Style::SMALL);
                doc.text_at((PAGE_W - w) / 2.0, PAGE_H - 40.0, &footer, Style::SMALL);
                let header = std::mem::take(&mut doc.running_header);
                if !header.is_empty() {
                    let hw = doc.text_width(&header, Style::SMALL);
                    doc.text_at(PAGE_W - MARGIN_X - hw, 34.0, &header, Style::SMALL);
                    doc.line(MARGIN_X, 47.0, PAGE_W - MARGIN_X, 47.0, 0.4, RULE);
                }
                doc.running_header = header;
            });
        }
        if let Some(out) = self.out.as_mut() {
            out.flush_page();
        }
    }
    /// Draws one line of text with its top-left corner at (x, top) (points from the top).
    pub fn text_at(&mut self, x: f32, top: f32, text: &str, style: Style) {
        let font = self.font(style.face);
        let page = self.page_index() as u32;
        let Some(out) = self.out.as_mut() else {
            return;
        };
        let text = fonts::printable(font, text);
        if text.trim().is_empty() {
            return;
        }
        out.mark(page);
        let baseline = PAGE_H - top - style.size * 0.88;
        out.canvas.text(font, style, x, baseline, &text);
    }

    /// Draws text aligned in a box of `width` starting at x.
    pub fn text_in(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        text: &str,
        style: Style,
        align: Align,
    ) {
        let w = self.text_width(text, style);
        let x = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text_at(x, top, text, style);
    }

    /// A filled rectangle (top-left corner, points from the top).
    pub fn fill_rect(&mut self, x: f32, top: f32, w: f32, h: f32, color: Rgb8) {
        let page = self.page_index() as u32;
        if let Some(out) = self.out.as_mut() {
            out.mark(page);
            out.canvas.fill_rect(x, PAGE_H - top - h, w, h, color);
        }
    }

    /// A straight line between two points (from the top).
    pub fn line(&mut self, x1: f32, top1: f32, x2: f32, top2: f32, width: f32, color: Rgb8) {
        self.polyline(&[(x1, top1), (x2, top2)], width, color);
    }

    /// A rectangle outline.
    pub fn stroke_rect(&mut self, x: f32, top: f32, w: f32, h: f32, width: f32, color: Rgb8) {
        let page = self.page_index() as u32;
        if let Some(out) = self.out.as_mut() {
            out.mark(page);
            out.canvas
                .stroke_rect(x, PAGE_H - top - h, w, h, width, color);
        }
    }

    /// A polyline (points from the top).
    pub fn polyline(&mut self, points: &[(f32, f32)], width: f32, color: Rgb8) {
        if points.len() < 2 {
            return;
        }
        let page = self.page_index() as u32;
        if let Some(out) = self.out.as_mut() {
            out.mark(page);
            let points = points.iter().map(|(x, top)| (*x, PAGE_H - top));
            out.canvas.path(points, width, color);
        }
    }

    /// A wrapped paragraph at the cursor, indented by `indent`. Never one line alone at
    /// the foot or the head of a page: a page break leaves at least two lines on each
    /// side (a three-line paragraph stays whole).
    pub fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        let width = self.body_width() - indent;
        let lines = self.wrap(text, style, width);
        let n = lines.len();
        let lh = style.line_height();
        for (i, line) in lines.into_iter().enumerate() {
            let together = match (i, n) {
                (0, 3) => 3,
                (0, _) => n.min(2),
                (i, n) if n >= 4 && i == n - 2 => 2,
                _ => 1,
            };
            self.ensure(together as f32 * lh);
            if i == 0 {
                self.begin_tag("P");
            }
            let y = self.y;
            self.text_at(MARGIN_X + indent, y, &line, style);
            self.y += lh;
        }
        if n > 0 {
            self.end_tag();
        }
    }

    /// A heading: level 1 starts a new page (and names the pages the section continues
    /// on); every heading keeps `keep` points of what follows on the same page and is
    /// drawn together with the first content after it, so it never ends a page;
    /// registered in the table of contents when `toc` is set.
    pub fn heading(&mut self, level: u8, text: &str, toc: bool, keep: f32) {
        self.place_heading();
        let (style, before, after) = match level {
            1 => (Style::BOLD.sized(15.0).colored(ACCENT), 0.0, 11.0),
            2 => (Style::BOLD.sized(12.5).colored(ACCENT), 10.0, 5.0),
            _ => (Style::BOLD.sized(11.0), 6.0, 3.0),
        };
        if level == 1 {
            self.continuation = None;
            if self.y > MARGIN_TOP + 1.0 || self.page_index() == 0 {
                self.new_page();
            }
            self.set_continuation(Some(text));
        }
        let lines = self.wrap(text, style, self.body_width());
        let height = before + lines.len() as f32 * style.line_height() + after;
        if level > 1 {
            self.ensure(height + keep);
        }
        self.pending = Some(PendingHeading {
            level,
            text: text.to_string(),
            toc,
            lines,
            style,
            before,
            after,
            space: 0.0,
        });
        if level == 1 {
            self.place_heading();
        }
    }

    /// Finishes the last page and returns the PDF bytes. The output is deterministic: no
    /// dates, and a document id derived from the content. (A measuring document gives the
    /// same number of blank pages.)
    pub fn finish(mut self) -> Vec<u8> {
        self.place_heading();
        self.end_page();
        let out = match self.out.take() {
            Some(out) => *out,
            None => {
                let mut out = Output::new(self.regular, self.bold, self.mincho);
                for _ in 0..self.pages {
                    out.flush_page();
                }
                out
            }
        };
        out.finish(&self.title, &self.meta, &self.toc)
    }
}

/// Marks that end a sentence or close a bracket: a last line of 「た。…」 holds one character
/// of text, however many marks follow it.
const TRAILING_MARKS: &[char] = &[
    '。', '、', '．', '，', '.', ',', '…', '‥', '」', '』', '）', ')', '】', '〕', '！', '？', '!',
    '?',
];

/// A paragraph's lines without a last line of one or two characters (not counting the marks
/// after them, [`TRAILING_MARKS`]): broken again up to three characters narrower, keeping the
/// first result with as many lines and a longer last line.
fn without_short_last_line(
    paragraph: &str,
    lines: Vec<String>,
    width: f32,
    measure: &impl Fn(&str) -> f32,
) -> Vec<String> {
    let short = |lines: &[String]| {
        lines.len() >= 2
            && lines
                .last()
                .is_some_and(|l| l.trim().trim_end_matches(TRAILING_MARKS).chars().count() <= 2)
    };
    if !short(&lines) {
        return lines;
    }
    let em = measure("あ").max(1.0);
    for k in 1..=3 {
        let narrower = break_lines(paragraph, width - k as f32 * em, measure);
        if narrower.len() == lines.len() && !short(&narrower) {
            return narrower;
        }
    }
    lines
}

#[cfg(test)]
mod tests;
