//! Writing one data sheet of the plan workbook: cell values and formats, headings in a frozen
//! first row, widths and row heights, and per column a check on entry (dropdown, number) with
//! the column's explanation as the input message.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, Formula, Worksheet,
};

use super::YES;
pub(super) use crate::xlsx::estimated_lines;
use crate::xlsx::{WriteError, wrapped_row_height};

/// A value written to a cell.
pub(super) enum Val {
    Text(String),
    Num(f64),
    Blank,
}

impl Val {
    pub(super) fn opt_text(s: Option<&str>) -> Val {
        s.map_or(Val::Blank, |s| Val::Text(s.to_string()))
    }
    pub(super) fn opt_num(v: Option<f64>) -> Val {
        v.map_or(Val::Blank, Val::Num)
    }
    pub(super) fn flag(b: bool) -> Val {
        if b { Val::Text(YES.into()) } else { Val::Blank }
    }
}

/// What a column holds (its format and its check on entry).
#[derive(Clone)]
pub(super) enum Kind {
    /// Free text.
    Text,
    /// Text, chosen from a fixed list.
    List(Vec<String>),
    /// Text, chosen from cells of another sheet (a range formula).
    Range(String),
    /// A number.
    Number,
    /// A whole number in a range.
    Whole(i32, i32),
}

pub(super) struct Styles {
    pub header: Format,
    pub text: Format,
    pub number: Format,
    pub year: Format,
    pub note: Format,
    pub title: Format,
    pub body: Format,
    pub guide_head: Format,
    /// The city's words: every sheet name, heading and explanation is written in them.
    pub words: crate::plan::Words,
}

pub(super) const LABEL_FILL: u32 = 0xD9E1F2;
pub(super) const FONT: &str = "BIZ UDゴシック";

impl Styles {
    /// A workbook text in the city's words.
    pub(super) fn word(&self, text: &str) -> String {
        self.words.reword(text)
    }

    pub(super) fn new(words: &crate::plan::Words) -> Styles {
        let plain = Format::new().set_font_name(FONT).set_font_size(10.5);
        let cell = plain
            .clone()
            .set_align(FormatAlign::Top)
            .set_text_wrap()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF));
        Styles {
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(LABEL_FILL)),
            text: cell.clone().set_num_format("@"),
            number: cell.clone().set_align(FormatAlign::Right),
            year: cell
                .clone()
                .set_align(FormatAlign::Left)
                .set_num_format("0"),
            note: cell
                .clone()
                .set_num_format("@")
                .set_font_color(Color::RGB(0x595959))
                .set_background_color(Color::RGB(0xF2F2F2)),
            title: plain.clone().set_bold().set_font_size(14),
            body: plain.clone().set_text_wrap().set_align(FormatAlign::Top),
            guide_head: plain.set_bold().set_font_size(12),
            words: words.clone(),
        }
    }
}

/// Rows that carry a column's dropdown and explanation: the data and room for additions.
pub(super) fn checked_rows(data_rows: usize) -> u32 {
    (data_rows as u32 + 500).max(1000)
}

/// One data sheet: headings (frozen), rows, widths, row heights, and per column a check on
/// entry (dropdown, number) with the column's explanation as the input message.
pub(super) fn write_table(
    ws: &mut Worksheet,
    styles: &Styles,
    name: &str,
    columns: &[(&str, f64, &str)],
    kinds: &[Kind],
    rows: Vec<Vec<Val>>,
    frozen_cols: u16,
) -> Result<(), WriteError> {
    ws.set_name(styles.word(name))?;
    print_setup(ws);
    ws.set_repeat_rows(0, 0)?;
    let columns: Vec<(String, f64, String)> = columns
        .iter()
        .map(|(h, w, help)| (styles.word(h), *w, styles.word(help)))
        .collect();
    ws.set_freeze_panes(1, frozen_cols)?;
    let header_lines = columns
        .iter()
        .map(|(header, width, _)| estimated_lines(header, *width))
        .max()
        .unwrap_or(1);
    ws.set_row_height(0, 16.0 * header_lines as f64 + 4.0)?;
    let last = checked_rows(rows.len());
    for (c, ((header, width, help), kind)) in columns.iter().zip(kinds).enumerate() {
        let c = c as u16;
        ws.set_column_width(c, *width)?;
        let format = match kind {
            Kind::Number | Kind::Whole(..) => &styles.number,
            _ => &styles.text,
        };
        ws.set_column_format(c, format)?;
        ws.write_string_with_format(0, c, header, &styles.header)?;
        let dv = entry_check(kind, header, help)?;
        ws.add_data_validation(1, c, last, c, &dv)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        let mut lines = 1;
        for (c, (value, column)) in row.iter().zip(&columns).enumerate() {
            let c = c as u16;
            match value {
                Val::Text(s) => {
                    ws.write_string_with_format(r, c, s, &styles.text)?;
                    lines = lines.max(estimated_lines(s, column.1));
                }
                Val::Num(v) => {
                    ws.write_number_with_format(r, c, *v, &styles.number)?;
                }
                Val::Blank => {
                    let f = match kinds.get(c as usize) {
                        Some(Kind::Number | Kind::Whole(..)) => &styles.number,
                        _ => &styles.text,
                    };
                    ws.write_blank(r, c, f)?;
                }
            }
        }
        if lines > 1 {
            ws.set_row_height(r, wrapped_row_height(lines))?;
        }
    }
    Ok(())
}

/// A4 landscape, fit to the page width.
pub(super) fn print_setup(ws: &mut Worksheet) {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C&8&A  &P / &N");
}

/// The check on entry of a column, with its heading and explanation as the input message.
pub(super) fn entry_check(
    kind: &Kind,
    header: &str,
    help: &str,
) -> Result<DataValidation, WriteError> {
    let title: String = header.chars().take(30).collect();
    let dv = match kind {
        Kind::Text => DataValidation::new().allow_any_value(),
        Kind::List(values) => DataValidation::new()
            .allow_list_strings(values)?
            .set_error_title("選択肢にない値です")?
            .set_error_message(format!("{} から選んでください。", values.join("・")))?,
        Kind::Range(formula) => DataValidation::new()
            .allow_list_formula(Formula::new(formula))
            .set_error_title("一覧にない値です")?
            .set_error_message(
                "プルダウンから選んでください（一覧は別のシートにあります。新しい値は先にそのシートに追加します）。",
            )?,
        Kind::Number => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
            .set_error_title("数値を入力してください")?
            .set_error_message("数字だけを入力してください。「約」や単位は付けません。")?,
        Kind::Whole(min, max) => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(*min, *max))
            .set_error_title("整数を入力してください")?
            .set_error_message(format!("{min}〜{max} の整数を入力してください。"))?,
    };
    let dv = dv
        .set_input_title(title)?
        .set_input_message(help)?
        .set_error_style(DataValidationErrorStyle::Stop);
    Ok(dv)
}
