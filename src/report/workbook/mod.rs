//! The consolidated progress workbook (進捗状況の集計ワークブック).
//!
//! Every sheet keeps one value per cell (numbers as numbers, no merged cells in data areas),
//! with a title row, a frozen header row, an autofilter and an A4 landscape print setup.
//! Each data sheet is one table of columns — heading, width, alignment and the value it takes
//! from a row of the [report model](crate::report::model) — so moving a column is one edit.

mod chart_fill;
mod cycle;
mod records;
mod sheets;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::ReportError;
use super::model::ReportModel;
use crate::plan::Words;
use crate::xlsx;

/// Builds the workbook; returns the xlsx bytes.
pub fn progress_workbook(model: &ReportModel) -> Result<Vec<u8>, ReportError> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let title = format!("{} {}", model.year.label(), model.facts.report_title);
    wb.set_properties(&xlsx::dated_properties(
        &title,
        &model.facts.secretariat,
        &model.facts.municipality,
        model.facts.report_day,
    )?);
    sheets::summary(wb.add_worksheet(), model, &s)?;
    sheets::items(wb.add_worksheet(), model, &s)?;
    sheets::indicators(wb.add_worksheet(), model, &s)?;
    sheets::departments(wb.add_worksheet(), model, &s)?;
    if let Some(unit) = &model.facts.effect_unit {
        sheets::effects(wb.add_worksheet(), model, unit, &s)?;
    }
    cycle::trend(wb.add_worksheet(), model, &s)?;
    if model.shows_previous_opinions() {
        cycle::responses(wb.add_worksheet(), model, &s)?;
    }
    if model.committee.is_some() {
        cycle::opinions(wb.add_worksheet(), model, &s)?;
    }
    if let Some(period) = &model.period {
        cycle::period(wb.add_worksheet(), model, period, &s)?;
        cycle::period_indicators(wb.add_worksheet(), model, &s)?;
    }
    records::submissions(wb.add_worksheet(), model, &s)?;
    records::diagnostics(wb.add_worksheet(), model, &s)?;
    Ok(xlsx::finish(&mut wb, None)?)
}

/// The formats of the workbook.
struct Styles {
    title: Format,
    note: Format,
    header: Format,
    text: Format,
    center: Format,
    sample: Format,
    subtotal: Format,
    subtotal_num: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_font_name("BIZ UDゴシック")
            .set_font_size(10)
            .set_align(FormatAlign::Top);
        let cell = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
        Styles {
            title: base.clone().set_bold().set_font_size(14),
            note: base.clone().set_font_size(9),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E1F2)),
            text: cell.clone(),
            center: cell.clone().set_align(FormatAlign::Center),
            sample: base.set_bold().set_font_color(Color::RGB(0xC00000)),
            subtotal: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xF2F2F2)),
            subtotal_num: cell
                .set_bold()
                .set_background_color(Color::RGB(0xF2F2F2))
                .set_num_format("#,##0"),
        }
    }

    fn number(&self, decimals: u8) -> Format {
        self.text
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format(crate::numbers::excel_format(decimals))
    }

    fn percent(&self) -> Format {
        self.text
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format("0.0%")
    }
}

/// Number format of changes against the previous year (増減).
const SIGNED: &str = "+#,##0;-#,##0;0";

/// What a data cell shows.
enum Val {
    /// Text in the column's alignment ("" writes a blank cell in that format).
    Text(String),
    /// A blank cell in the plain text format, whatever the column's alignment.
    Empty,
    /// A number with its decimal places.
    Number(f64, u8),
    /// A number with its decimal places and a word its format shows after it ("400人以上"):
    /// the cell stays a number for sorting and formulas.
    NumberWith(f64, u8, String),
    /// A fraction shown as a percentage (0.0%).
    Percent(f64),
    /// A count shown with its sign (増減).
    Signed(f64),
}

impl Val {
    /// Text, or a blank cell in the column's alignment.
    fn opt(text: Option<&str>) -> Val {
        Val::Text(text.unwrap_or_default().to_string())
    }
}

/// Alignment of a column's text cells.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Center,
}

/// How a row is drawn: plain, or shaded and bold (subtotals and totals).
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowStyle {
    Plain,
    Total,
}

/// A column of a data sheet: heading, width (characters), alignment and value.
struct Column<'a, R> {
    heading: String,
    width: f64,
    align: Align,
    value: Box<dyn Fn(&R) -> Val + 'a>,
}

/// A column whose text is left-aligned.
fn left<'a, R>(
    heading: impl Into<String>,
    width: f64,
    value: impl Fn(&R) -> Val + 'a,
) -> Column<'a, R> {
    Column {
        heading: heading.into(),
        width,
        align: Align::Left,
        value: Box::new(value),
    }
}

/// A column whose text is centred.
fn center<'a, R>(
    heading: impl Into<String>,
    width: f64,
    value: impl Fn(&R) -> Val + 'a,
) -> Column<'a, R> {
    Column {
        align: Align::Center,
        ..left(heading, width, value)
    }
}

/// The 管理番号 and 取組項目 columns (in the city's words) of a sheet with a row per item;
/// `item` gives a row's 管理番号 and title.
fn item_columns<'a, R>(
    words: &Words,
    code_width: f64,
    title_width: f64,
    item: impl Fn(&R) -> (&str, &str) + Copy + 'a,
) -> Vec<Column<'a, R>> {
    vec![
        center(words.code.as_str(), code_width, move |r: &R| {
            Val::Text(item(r).0.to_string())
        }),
        left(words.item.as_str(), title_width, move |r: &R| {
            Val::Text(item(r).1.to_string())
        }),
    ]
}

/// Row of the column headings.
const HEADER_ROW: u32 = 2;
/// First data row.
const FIRST_ROW: u32 = HEADER_ROW + 1;

/// A whole data sheet of plain rows: title, note and headings ([`start_sheet`]), one row per
/// record, the filter on the headings ([`finish_sheet`]). Returns the row after the last
/// record, where notes may follow.
fn plain_table<'r, R: 'r>(
    ws: &mut Worksheet,
    model: &ReportModel,
    (name, title): (&str, &str),
    columns: &[Column<'_, R>],
    rows: impl IntoIterator<Item = &'r R>,
    s: &Styles,
) -> Result<u32, ReportError> {
    start_sheet(ws, model, name, title, columns, s)?;
    let end = write_rows(
        ws,
        columns,
        rows.into_iter().map(|r| (r, RowStyle::Plain)),
        s,
    )?;
    finish_sheet(ws, end - 1, columns.len())?;
    Ok(end)
}

/// Writes the title, note and header rows of a data sheet and its print setup.
fn start_sheet<R>(
    ws: &mut Worksheet,
    model: &ReportModel,
    name: &str,
    title: &str,
    columns: &[Column<'_, R>],
    s: &Styles,
) -> Result<(), ReportError> {
    ws.set_name(name)?;
    let year = model.year;
    let facts = &model.facts;
    ws.write_with_format(0, 0, format!("{} {title}", year.label()), &s.title)?;
    let note = format!("{}（{}）", facts.plan_title, facts.municipality);
    ws.write_with_format(1, 0, note, &s.note)?;
    if facts.has_sample {
        ws.write_with_format(
            1,
            4.min(columns.len().saturating_sub(1)) as u16,
            "サンプル（架空の部署・値を含みます）",
            &s.sample,
        )?;
    }
    for (c, column) in columns.iter().enumerate() {
        ws.write_with_format(HEADER_ROW, c as u16, &column.heading, &s.header)?;
        ws.set_column_width(c as u16, column.width)?;
    }
    ws.set_row_height(HEADER_ROW, 30)?;
    // Key columns (up to 取組項目, or the first) stay in view and on every printed page.
    let key = columns
        .iter()
        .take(3)
        .position(|c| c.heading == facts.words.item)
        .unwrap_or(0) as u16;
    ws.set_freeze_panes(FIRST_ROW, key + 1)?;
    let (paper, pages) = print_width(columns.iter().map(|c| c.width));
    ws.set_paper_size(paper);
    ws.set_landscape();
    ws.set_print_fit_to_pages(pages, 0);
    ws.set_repeat_rows(0, HEADER_ROW)?;
    if pages > 1 {
        ws.set_repeat_columns(0, key)?;
    }
    ws.set_margins(0.5, 0.5, 0.7, 0.7, 0.3, 0.3);
    ws.set_header(format!(
        "&L&9{}&R&9{} {title}",
        facts.plan_title,
        year.label()
    ));
    ws.set_footer("&C&9- &P / &N -");
    Ok(())
}

/// Writes one row of values under the columns.
fn write_row<R>(
    ws: &mut Worksheet,
    row: u32,
    columns: &[Column<'_, R>],
    record: &R,
    style: RowStyle,
    s: &Styles,
) -> Result<(), ReportError> {
    // No writer can ask Excel or LibreOffice to fit a row to wrapped text on opening, so the
    // row gets the height its longest text needs.
    let mut lines = 1;
    for (c, column) in columns.iter().enumerate() {
        let col = c as u16;
        let text_format = match (style, column.align) {
            (RowStyle::Total, _) => &s.subtotal,
            (RowStyle::Plain, Align::Left) => &s.text,
            (RowStyle::Plain, Align::Center) => &s.center,
        };
        let number_format = |decimals: u8| match style {
            RowStyle::Total => s.subtotal_num.clone(),
            RowStyle::Plain => s.number(decimals),
        };
        match (column.value)(record) {
            Val::Text(t) => {
                lines = lines.max(crate::xlsx::estimated_lines(&t, column.width));
                ws.write_with_format(row, col, t, text_format)?
            }
            Val::Empty => ws.write_blank(row, col, &s.text)?,
            Val::Number(v, decimals) => {
                ws.write_number_with_format(row, col, v, &number_format(decimals))?
            }
            Val::NumberWith(v, decimals, suffix) => {
                let suffix: String = suffix
                    .chars()
                    .filter(|c| !matches!(c, '"' | '\\'))
                    .collect();
                let pattern = crate::numbers::excel_format(decimals);
                let format = number_format(decimals)
                    .set_num_format(format!("{pattern}\"{suffix}\";-{pattern}\"{suffix}\""));
                ws.write_number_with_format(row, col, v, &format)?
            }
            Val::Percent(v) => ws.write_number_with_format(row, col, v, &s.percent())?,
            Val::Signed(v) => {
                ws.write_number_with_format(row, col, v, &number_format(0).set_num_format(SIGNED))?
            }
        };
    }
    if lines > 1 {
        ws.set_row_height(row, crate::xlsx::wrapped_row_height(lines))?;
    }
    Ok(())
}

/// Writes the rows from [`FIRST_ROW`] on; returns the row after the last.
fn write_rows<'r, R: 'r>(
    ws: &mut Worksheet,
    columns: &[Column<'_, R>],
    rows: impl IntoIterator<Item = (&'r R, RowStyle)>,
    s: &Styles,
) -> Result<u32, ReportError> {
    let mut row = FIRST_ROW;
    for (record, style) in rows {
        write_row(ws, row, columns, record, style, s)?;
        row += 1;
    }
    Ok(row)
}

/// The autofilter over the header and the data rows up to `last_row`.
/// Paper (9 = A4, 8 = A3, landscape) and pages across for a sheet of columns of these
/// widths (in characters), so that its 10 pt text prints at about 9 pt or more (the
/// estimate below is some 10 % short of what Excel and LibreOffice lay out): A4 one or two
/// pages wide, else A3 up to two pages wide.
fn print_width(widths: impl Iterator<Item = f64>) -> (u8, u16) {
    // Excel's column width in characters to points (7 px per character plus 5, at 96 dpi).
    let total: f64 = widths.map(|w| (7.0 * w + 5.0) * 0.75).sum();
    let needed = total;
    // Printable width in landscape with half-inch side margins.
    let (a4, a3) = (842.0 - 72.0, 1191.0 - 72.0);
    if needed <= 2.0 * a4 {
        (9, if needed <= a4 { 1 } else { 2 })
    } else {
        (8, if needed <= a3 { 1 } else { 2 })
    }
}

fn finish_sheet(ws: &mut Worksheet, last_row: u32, columns: usize) -> Result<(), ReportError> {
    let last_col = columns.saturating_sub(1) as u16;
    ws.autofilter(HEADER_ROW, 0, last_row.max(HEADER_ROW), last_col)?;
    Ok(())
}
