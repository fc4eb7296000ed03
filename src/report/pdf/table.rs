//! Tables defined as columns: heading, width, alignment and the cell each row gives, so a
//! column is defined once and moved with one edit.

use super::layout::{Align, Cell, Col, Doc, LEADING, Style};

/// How wide a column is.
#[derive(Debug, Clone, Copy)]
pub enum Width {
    /// A fixed width in points.
    Fixed(f32),
    /// An equal share of what the fixed columns leave of the body width.
    Rest,
}

/// A column of a table over rows of type `R`.
pub struct Column<'a, R> {
    /// Text of the header cell.
    pub heading: String,
    /// Width of the column.
    pub width: Width,
    /// Alignment of the body cells.
    pub align: Align,
    /// The cell a row shows in this column.
    pub cell: Box<dyn Fn(&R) -> Cell + 'a>,
}

impl<'a, R> Column<'a, R> {
    /// A column of fixed width.
    pub fn fixed(
        heading: impl Into<String>,
        width: f32,
        align: Align,
        cell: impl Fn(&R) -> Cell + 'a,
    ) -> Column<'a, R> {
        Column {
            heading: heading.into(),
            width: Width::Fixed(width),
            align,
            cell: Box::new(cell),
        }
    }

    /// A column sharing the width the fixed columns leave.
    pub fn rest(
        heading: impl Into<String>,
        align: Align,
        cell: impl Fn(&R) -> Cell + 'a,
    ) -> Column<'a, R> {
        Column {
            width: Width::Rest,
            ..Column::fixed(heading, 0.0, align, cell)
        }
    }
}

/// The widths of the columns over a body width.
fn widths<R>(columns: &[Column<'_, R>], body: f32) -> Vec<f32> {
    let fixed: f32 = columns
        .iter()
        .map(|c| match c.width {
            Width::Fixed(w) => w,
            Width::Rest => 0.0,
        })
        .sum();
    let rest = columns
        .iter()
        .filter(|c| matches!(c.width, Width::Rest))
        .count()
        .max(1);
    let share = (body - fixed) / rest as f32;
    columns
        .iter()
        .map(|c| match c.width {
            Width::Fixed(w) => w,
            Width::Rest => share,
        })
        .collect()
}

/// Draws a table with a header row (repeated on every page it continues on).
pub fn draw<'r, R: 'r>(
    doc: &mut Doc,
    columns: &[Column<'_, R>],
    rows: impl IntoIterator<Item = &'r R>,
    size: f32,
) {
    let (cols, header, body) = cells(doc, columns, rows);
    doc.table(&cols, &header, &body, size);
}

/// Draws a table followed by its note (※ and explanations) in `style`, the note kept on
/// the page of the table's last rows.
pub fn draw_noted<'r, R: 'r>(
    doc: &mut Doc,
    columns: &[Column<'_, R>],
    rows: impl IntoIterator<Item = &'r R>,
    size: f32,
    note: &str,
    style: Style,
) {
    const GAP: f32 = 3.0;
    let (cols, header, body) = cells(doc, columns, rows);
    let note_h = if note.is_empty() {
        0.0
    } else {
        GAP + doc.wrap(note, style, doc.body_width()).len() as f32 * style.size * LEADING
    };
    doc.table_keeping(&cols, &header, &body, size, note_h);
    if !note.is_empty() {
        doc.space(GAP);
        doc.paragraph(note, style, 0.0);
    }
}

/// The columns, header cells and body cells of a table.
fn cells<'r, R: 'r>(
    doc: &Doc,
    columns: &[Column<'_, R>],
    rows: impl IntoIterator<Item = &'r R>,
) -> (Vec<Col>, Vec<Cell>, Vec<Vec<Cell>>) {
    let cols: Vec<Col> = widths(columns, doc.body_width())
        .into_iter()
        .zip(columns)
        .map(|(width, c)| Col {
            width,
            align: c.align,
        })
        .collect();
    let header: Vec<Cell> = columns
        .iter()
        .map(|c| Cell::new(c.heading.clone()))
        .collect();
    let body: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|r| columns.iter().map(|c| (c.cell)(r)).collect())
        .collect();
    (cols, header, body)
}
