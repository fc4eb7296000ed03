//! Printing a form sheet for the 課内決裁 (the approval before sending): A4 portrait, the
//! year, item and department in the header, page numbers in the footer, and one page per
//! item sheet where the text allows at a scale that keeps text at 9 pt or more.
//!
//! Every row height is set explicitly (no spreadsheet can be asked to fit rows on opening),
//! so the sheet's printed height is known here and the scale is chosen, not left to the
//! application's fitting.

use std::collections::BTreeMap;

use rust_xlsxwriter::Worksheet;

use super::TemplateContext;
use crate::xlsx::WriteError;

/// Height of one line of 10.5 pt text in a row, in points (a row of n lines is n × LINE
/// + [`PAD`]).
pub(super) const LINE: f64 = 14.0;
/// Room above and below the lines of a row, in points.
pub(super) const PAD: f64 = 2.0;
/// Height of a row without wrapped text, in points.
pub(super) const ROW: f64 = 16.0;
/// The smallest font of a form (points); every format uses at least this size.
pub(super) const SMALLEST_FONT: f64 = 10.5;
/// The smallest printed text size (points): the scale never goes below what keeps the
/// smallest font at this size.
pub const MIN_PRINTED_FONT: f64 = 9.0;
/// Size of the header and footer text (points, scaled with the sheet by LibreOffice).
const HEADER_FONT: u32 = 11;

/// A4 in points, and the margins (inches, as Excel stores them).
const PAGE_WIDTH: f64 = 595.28;
const PAGE_HEIGHT: f64 = 841.89;
const MARGIN_SIDE: f64 = 0.5;
const MARGIN_TOP_BOTTOM: f64 = 0.6;
const MARGIN_HEADER_FOOTER: f64 = 0.3;
/// Room kept free at the bottom of a page for the differences between applications'
/// line heights (points).
const SLACK: f64 = 12.0;

/// The row heights of a sheet as they are set, so the printed height can be summed.
#[derive(Default)]
pub(super) struct Heights(BTreeMap<u32, f64>);

impl Heights {
    /// Sets a row's height (points; Excel's limit of 409 applies).
    pub(super) fn set(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        height: f64,
    ) -> Result<(), WriteError> {
        let height = height.min(409.0);
        ws.set_row_height(row, height)?;
        self.0.insert(row, height);
        Ok(())
    }

    /// The height of a row (at least `height`).
    pub(super) fn at_least(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        height: f64,
    ) -> Result<(), WriteError> {
        let now = self.0.get(&row).copied().unwrap_or(0.0);
        if height > now {
            self.set(ws, row, height)?;
        }
        Ok(())
    }

    /// Sets every row up to `last` not set yet to [`ROW`]; returns the height of the rows
    /// up to `printed` (the last row printed).
    pub(super) fn finish(
        mut self,
        ws: &mut Worksheet,
        last: u32,
        printed: u32,
    ) -> Result<f64, WriteError> {
        for row in 0..=last {
            if !self.0.contains_key(&row) {
                self.set(ws, row, ROW)?;
            }
        }
        Ok(self.0.range(..=printed).map(|(_, h)| h).sum())
    }
}

/// Width of a column in points, as Excel and LibreOffice lay it out with the forms' default
/// font (a 7-pixel digit: `width` characters plus 5 pixels of padding).
fn column_points(width: f64) -> f64 {
    ((width * 7.0).round() + 5.0) * 0.75
}

/// The printed scale (percent) of a sheet `widths` wide and `height` points tall: 100 when
/// it fits one page, smaller to fit it on one page, but never so small that text falls
/// under [`MIN_PRINTED_FONT`]. Without a height, the sheet is only fitted to the width.
pub fn print_scale(widths: &[f64], height: Option<f64>) -> u16 {
    let width: f64 = widths.iter().copied().map(column_points).sum();
    let room_width = PAGE_WIDTH - 2.0 * 72.0 * MARGIN_SIDE;
    let room_height = PAGE_HEIGHT - 2.0 * 72.0 * MARGIN_TOP_BOTTOM - SLACK;
    let mut fit = (room_width / width).min(1.0);
    if let Some(h) = height {
        fit = fit.min(room_height / h);
    }
    let floor = (MIN_PRINTED_FONT / SMALLEST_FONT * 100.0).ceil();
    ((fit * 100.0).floor()).clamp(floor, 100.0) as u16
}

/// Sets the column widths of a sheet (characters).
pub(super) fn set_widths(ws: &mut Worksheet, widths: &[f64]) -> Result<(), WriteError> {
    for (col, w) in (0u16..).zip(widths) {
        ws.set_column_width(col, *w)?;
    }
    Ok(())
}

/// Text for a header section: `&` doubled (it starts a code), at most `max` characters.
fn header_text(s: &str, max: usize) -> String {
    crate::text::abbreviate(s, max).replace('&', "&&")
}

/// A4 portrait at `scale`, the year (left), `center` (the item) and the department (right)
/// in the header, page n / N in the footer.
pub(super) fn print_setup(
    ws: &mut Worksheet,
    ctx: &TemplateContext<'_>,
    dept: &str,
    center: &str,
    scale: u16,
) {
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_print_scale(scale);
    ws.set_margins(
        MARGIN_SIDE,
        MARGIN_SIDE,
        MARGIN_TOP_BOTTOM,
        MARGIN_TOP_BOTTOM,
        MARGIN_HEADER_FOOTER,
        MARGIN_HEADER_FOOTER,
    );
    let f = HEADER_FONT;
    ws.set_header(format!(
        "&L&{f} {}&C&{f} {}&R&{f} {}",
        header_text(&ctx.year.label(), 20),
        header_text(center, 60),
        header_text(dept, 40)
    ));
    ws.set_footer(format!("&C&{f}&P / &N"));
}
