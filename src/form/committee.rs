//! The committee's opinion workbook (委員会意見の記入表): written by `build` for the
//! secretariat to record, after the meeting, the committee's 総評 and its opinion on each
//! item; the filled file is read back from `input/committee/<西暦年度>.xlsx`.
//!
//! Like the department forms, it is protected (only the yellow cells can be changed), carries
//! a hidden meta sheet that identifies it, and is read through the layout defined here.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet,
};
use sha2::{Digest, Sha256};

use super::{Cell, meta};
use crate::fiscal_year::FiscalYear;
use crate::plan::{Plan, Settings, Words};
use crate::xlsx::{self, WriteError};

/// Marker (meta sheet A1) and version of the opinion workbook's layout.
pub const MARKER: &str = "gyokaku_committee";
/// Version of the layout; bump when it changes.
pub const FORMAT_VERSION: &str = "gyokaku-committee-1";
/// The sheet with one row per item.
pub const ITEMS_SHEET: &str = "委員会意見";
/// The sheet with the committee's overall opinion.
pub const GENERAL_SHEET: &str = "総評";
/// The cell of the 総評 input.
pub const GENERAL_CELL: Cell = Cell { row: 3, col: 1 };
/// Row of the table's column headings on the items sheet.
pub const HEADER_ROW: u32 = 3;
/// The table's columns (headings) with the default words, in order; the last is the input
/// (see [`columns`]).
pub const COLUMNS: [&str; 6] = [
    "管理番号",
    "取組方針",
    "取組項目",
    "担当部署",
    "評価",
    "委員会意見",
];
/// Columns whose heading is one of the city's words (管理番号, 取組方針, 取組項目, 担当部署).
pub const WORDED_COLUMNS: usize = 4;

/// The table's columns (headings) in the city's words, in order; the last is the input.
pub fn columns(words: &Words) -> [String; 6] {
    [
        words.code.clone(),
        words.policy.clone(),
        words.item.clone(),
        words.lead.clone(),
        COLUMNS[4].to_string(),
        COLUMNS[5].to_string(),
    ]
}

/// Column of the 管理番号.
pub const COL_CODE: u16 = 0;
/// Column of the opinion input.
pub const COL_OPINION: u16 = 5;
/// Longest opinion accepted (characters), as for the forms' text inputs.
pub const MAX_TEXT: usize = 2000;

/// One item's row: plan facts and the year's evaluation, written locked.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    /// 管理番号.
    pub code: String,
    /// "1-1 わかりやすい情報提供".
    pub policy: String,
    /// 取組項目.
    pub title: String,
    /// 担当部署 (or 未設定).
    pub lead: String,
    /// The evaluation as shown ("A：計画どおり進んでいる", 未提出 …).
    pub evaluation: String,
    /// An opinion already recorded (kept when the workbook is made again).
    pub opinion: Option<String>,
}

/// The cell of an item's opinion (0-based index in plan order).
pub fn opinion_cell(index: usize) -> Cell {
    Cell {
        row: HEADER_ROW + 1 + index as u32,
        col: COL_OPINION,
    }
}

/// A fingerprint of the item list (codes in order), so a workbook made for another version
/// of the plan is refused instead of misread.
pub fn layout_fingerprint(plan: &Plan) -> String {
    let mut h = Sha256::new();
    h.update(FORMAT_VERSION.as_bytes());
    for item in &plan.items {
        h.update(item.code().as_bytes());
        h.update([0]);
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The title of the workbook: "令和5(2023)年度 …委員会 意見記入表".
fn title(settings: &Settings, year: FiscalYear) -> String {
    let committee = settings.report.committee.as_deref().unwrap_or("委員会");
    format!("{} {committee} 意見記入表", year.label())
}

/// Writes the opinion workbook of a year (with opinions already recorded, if any).
pub fn opinion_workbook(
    plan: &Plan,
    settings: &Settings,
    year: FiscalYear,
    rows: &[ItemRow],
    general: Option<&str>,
) -> Result<Vec<u8>, WriteError> {
    let plain = Format::new()
        .set_font_name("BIZ UDゴシック")
        .set_font_size(10.5)
        .set_align(FormatAlign::Top);
    let boxed = plain.clone().set_border(FormatBorder::Thin).set_text_wrap();
    let title_format = plain.clone().set_bold().set_font_size(14);
    let head = boxed
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xD9E1F2));
    let fact = boxed.clone().set_background_color(Color::RGB(0xF2F2F2));
    let input = boxed
        .clone()
        .set_background_color(Color::RGB(0xFFF2CC))
        .set_unlocked();
    let note = plain.clone().set_font_size(9);
    let password = &settings.template.password;

    let mut wb = Workbook::new();
    let doc_title = title(settings, year);
    wb.set_properties(&xlsx::fixed_properties(&doc_title, &plan.municipality)?);

    let ws = wb.add_worksheet();
    ws.set_name(ITEMS_SHEET)?;
    ws.write_with_format(0, 0, &doc_title, &title_format)?;
    ws.write_with_format(
        1,
        0,
        "委員会の意見を黄色のセルに記入し、input/committee/（西暦年度）.xlsx として保存してください。総評は「総評」シートに記入します。",
        &note,
    )?;
    for (c, (heading, width)) in columns(&settings.words)
        .iter()
        .zip([10.0, 22.0, 28.0, 14.0, 16.0, 60.0])
        .enumerate()
    {
        ws.write_with_format(HEADER_ROW, c as u16, heading, &head)?;
        ws.set_column_width(c as u16, width)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        for (c, text) in [&r.code, &r.policy, &r.title, &r.lead, &r.evaluation]
            .into_iter()
            .enumerate()
        {
            ws.write_with_format(row, c as u16, text, &fact)?;
        }
        match &r.opinion {
            Some(o) => ws.write_with_format(row, COL_OPINION, o, &input)?,
            None => ws.write_blank(row, COL_OPINION, &input)?,
        };
        ws.set_row_height(row, 60)?;
        text_validation(ws, opinion_cell(i), "委員会意見")?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    print_setup(ws, &doc_title);
    if let Some(first) = rows.first().map(|_| opinion_cell(0)) {
        ws.set_selection(first.row, first.col, first.row, first.col)?;
    }
    xlsx::protect_sheet(ws, password);

    let ws = wb.add_worksheet();
    ws.set_name(GENERAL_SHEET)?;
    ws.write_with_format(0, 0, &doc_title, &title_format)?;
    ws.write_with_format(
        1,
        0,
        "委員会全体としての意見（総評）を記入してください。",
        &note,
    )?;
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 90)?;
    ws.write_with_format(GENERAL_CELL.row, 0, "総評", &head)?;
    match general {
        Some(g) => ws.write_with_format(GENERAL_CELL.row, GENERAL_CELL.col, g, &input)?,
        None => ws.write_blank(GENERAL_CELL.row, GENERAL_CELL.col, &input)?,
    };
    ws.set_row_height(GENERAL_CELL.row, 200)?;
    text_validation(ws, GENERAL_CELL, "総評")?;
    print_setup(ws, &doc_title);
    xlsx::protect_sheet(ws, password);

    let ws = wb.add_worksheet();
    ws.set_name(meta::SHEET)?;
    let entries: [(&str, String); 4] = [
        (MARKER, FORMAT_VERSION.to_string()),
        (meta::PLAN_TITLE, plan.title.clone()),
        (meta::FISCAL_YEAR, year.western().to_string()),
        (meta::LAYOUT, layout_fingerprint(plan)),
    ];
    for (i, (key, value)) in entries.iter().enumerate() {
        ws.write(i as u32, 0, *key)?;
        ws.write(i as u32, 1, value)?;
    }
    ws.set_very_hidden(true);
    xlsx::protect_sheet(ws, password);
    xlsx::finish(&mut wb, Some(password))
}

/// A text input of at most [`MAX_TEXT`] characters, with a prompt.
fn text_validation(ws: &mut Worksheet, cell: Cell, title: &str) -> Result<(), WriteError> {
    let dv = DataValidation::new()
        .allow_text_length(DataValidationRule::LessThanOrEqualTo(MAX_TEXT as u32))
        .set_input_title(title)?
        .set_input_message("委員会で出された意見を記入してください。")?
        .set_error_title("文字数が多すぎます")?
        .set_error_message("2,000文字以内で入力してください。")?;
    ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
    Ok(())
}

/// A4 landscape, fit to width.
fn print_setup(ws: &mut Worksheet, title: &str) {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.7, 0.7, 0.3, 0.3);
    ws.set_header(format!("&L&9{title}"));
    ws.set_footer("&C&9- &P / &N -");
}
