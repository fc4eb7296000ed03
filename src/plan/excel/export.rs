//! Writing the plan as a workbook: a 記入方法 sheet, then one sheet per kind of data with the
//! headings in a frozen first row, one value per cell, numbers as numbers, dropdowns where
//! the values are closed and the column's explanation shown when a cell is selected.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet,
};

use super::*;
use crate::plan::{Aggregation, Direction, Implementers, Plan};
use crate::xlsx::{self, WriteError};

/// A value written to a cell.
enum Val {
    Text(String),
    Num(f64),
    Blank,
}

impl Val {
    fn opt_text(s: Option<&str>) -> Val {
        s.map_or(Val::Blank, |s| Val::Text(s.to_string()))
    }
    fn opt_num(v: Option<f64>) -> Val {
        v.map_or(Val::Blank, Val::Num)
    }
    fn flag(b: bool) -> Val {
        if b { Val::Text(YES.into()) } else { Val::Blank }
    }
}

/// What a column holds (its format and its check on entry).
#[derive(Clone)]
enum Kind {
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

struct Styles {
    header: Format,
    text: Format,
    number: Format,
    year: Format,
    note: Format,
    title: Format,
    body: Format,
    guide_head: Format,
}

const LABEL_FILL: u32 = 0xD9E1F2;
const FONT: &str = "BIZ UDゴシック";

impl Styles {
    fn new() -> Styles {
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
        }
    }
}

/// Rows that carry a column's dropdown and explanation: the data and room for additions.
fn checked_rows(data_rows: usize) -> u32 {
    (data_rows as u32 + 500).max(1000)
}

/// The workbook bytes for a plan (deterministic: the same plan gives the same bytes).
pub fn export_workbook(plan: &Plan) -> Result<Vec<u8>, WriteError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    wb.set_properties(&xlsx::fixed_properties(
        &format!("{}（計画の内容）", plan.title),
        &plan.municipality,
    )?);
    let years: Vec<_> = plan.years().collect();

    let guide = wb.add_worksheet();
    write_guide(guide, &styles, &years)?;
    guide.set_active(true);

    // The lists other sheets choose from: departments, structure numbers, item codes.
    let departments = range_of(&DEPARTMENT_SHEET, H_DEPARTMENT, plan.departments.len());
    let numbers = range_of(
        &STRUCTURE_SHEET,
        H_NUMBER,
        plan.pillars.iter().map(|p| 1 + p.policies.len()).sum(),
    );
    let codes = range_of(&ITEM_SHEET, H_CODE, plan.items.len());

    write_plan_sheet(wb.add_worksheet(), &styles, plan)?;

    let rows = plan
        .basic_policies
        .iter()
        .map(|b| vec![Val::Text(b.clone())])
        .collect();
    table(
        wb.add_worksheet(),
        &styles,
        &BASIC_SHEET,
        &[Kind::Text],
        rows,
        0,
    )?;

    let mut rows = Vec::new();
    for v in &plan.viewpoints {
        if v.description.is_empty() {
            rows.push(vec![Val::Text(v.name.clone()), Val::Blank]);
        }
        for p in &v.description {
            rows.push(vec![Val::Text(v.name.clone()), Val::Text(p.clone())]);
        }
    }
    table(
        wb.add_worksheet(),
        &styles,
        &VIEWPOINT_SHEET,
        &[Kind::Text, Kind::Text],
        rows,
        0,
    )?;

    let rows = plan
        .departments
        .iter()
        .map(|d| vec![Val::Text(d.clone())])
        .collect();
    table(
        wb.add_worksheet(),
        &styles,
        &DEPARTMENT_SHEET,
        &[Kind::Text],
        rows,
        0,
    )?;

    let mut rows = Vec::new();
    for pillar in &plan.pillars {
        rows.push(vec![
            Val::Text(KIND_PILLAR.into()),
            Val::Text(pillar.id.clone()),
            Val::Text(pillar.name.clone()),
            Val::Blank,
        ]);
        for policy in &pillar.policies {
            rows.push(vec![
                Val::Text(KIND_POLICY.into()),
                Val::Text(policy.id.clone()),
                Val::Text(policy.name.clone()),
                Val::Text(pillar.id.clone()),
            ]);
        }
    }
    let kinds = [
        Kind::List(vec![KIND_PILLAR.into(), KIND_POLICY.into()]),
        Kind::Text,
        Kind::Text,
        Kind::Range(numbers.clone()),
    ];
    table(
        wb.add_worksheet(),
        &styles,
        &STRUCTURE_SHEET,
        &kinds,
        rows,
        0,
    )?;

    let rows = plan
        .items
        .iter()
        .map(|item| {
            let implementers = match &item.implementers {
                Implementers::All => Val::Text(crate::plan::ALL_DEPARTMENTS.into()),
                Implementers::Listed(v) if v.is_empty() => Val::Blank,
                Implementers::Listed(v) => Val::Text(v.join("、")),
            };
            let situation = (!item.situation.is_empty()).then(|| item.situation.join("\n"));
            vec![
                Val::Text(item.code().to_string()),
                Val::Text(item.policy_id().to_string()),
                Val::Text(item.title.clone()),
                Val::opt_text(item.continuity.as_deref()),
                Val::opt_text(item.lead.as_deref()),
                implementers,
                Val::opt_text(item.outcome.as_deref()),
                Val::opt_text(situation.as_deref()),
                Val::flag(item.sample_departments),
            ]
        })
        .collect();
    let kinds = [
        Kind::Text,
        Kind::Range(numbers),
        Kind::Text,
        Kind::Text,
        Kind::Range(departments),
        Kind::Text,
        Kind::Text,
        Kind::Text,
        Kind::List(vec![YES.into(), NO.into()]),
    ];
    table(wb.add_worksheet(), &styles, &ITEM_SHEET, &kinds, rows, 1)?;

    let mut rows = Vec::new();
    for item in &plan.items {
        for (n, action) in item.actions.iter().enumerate() {
            rows.push(vec![
                Val::Text(item.code().to_string()),
                Val::Num((n + 1) as f64),
                Val::Text(action.clone()),
            ]);
        }
    }
    let kinds = [Kind::Range(codes.clone()), Kind::Number, Kind::Text];
    table(wb.add_worksheet(), &styles, &ACTION_SHEET, &kinds, rows, 1)?;

    write_indicator_sheet(wb.add_worksheet(), &styles, plan, &years, codes)?;

    xlsx::finish(&mut wb, Some(""))
}

/// `='部署'!$A$2:$A$1000`: the cells of a column of another sheet, for a dropdown.
fn range_of(sheet: &SheetSpec, header: &str, rows: usize) -> String {
    let col = column_letters(u32::from(sheet.index(header)));
    format!(
        "='{}'!${col}$2:${col}${}",
        sheet.name,
        checked_rows(rows) + 1
    )
}

fn write_plan_sheet(ws: &mut Worksheet, styles: &Styles, plan: &Plan) -> Result<(), WriteError> {
    let year = |y: crate::fiscal_year::FiscalYear| Val::Num(f64::from(y.western()));
    let values = [
        Val::Text(plan.title.clone()),
        Val::Text(plan.municipality.clone()),
        Val::opt_text(plan.municipality_code.as_deref()),
        year(plan.start_year),
        year(plan.end_year),
        year(plan.baseline_year),
        year(plan.target_year),
    ];
    let rows = PLAN_ROWS
        .iter()
        .zip(values)
        .map(|((label, help), value)| {
            vec![
                Val::Text((*label).to_string()),
                value,
                Val::Text((*help).to_string()),
            ]
        })
        .collect();
    table(
        ws,
        styles,
        &PLAN_SHEET,
        &[Kind::Text, Kind::Text, Kind::Text],
        rows,
        0,
    )?;
    // The year rows take whole numbers (the other values are text); the explanations are
    // grey (they are not read).
    for (i, (label, help)) in PLAN_ROWS.iter().enumerate() {
        let row = i as u32 + 1;
        ws.set_cell_format(row, 2, &styles.note)?;
        let dv = if [L_START, L_END, L_BASELINE, L_TARGET].contains(label) {
            ws.set_cell_format(row, 1, &styles.year)?;
            entry_check(&Kind::Whole(1989, 2200), label, help)?
        } else {
            DataValidation::new()
                .allow_any_value()
                .set_input_title(*label)?
                .set_input_message(*help)?
        };
        ws.add_data_validation(row, 1, row, 1, &dv)?;
    }
    Ok(())
}

fn write_indicator_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    plan: &Plan,
    years: &[crate::fiscal_year::FiscalYear],
    codes: String,
) -> Result<(), WriteError> {
    let year_headers: Vec<String> = years.iter().map(|y| yearly_header(*y)).collect();
    let split = INDICATOR_SHEET.index(YEARLY_AFTER) as usize + 1;
    let mut rows = Vec::new();
    for item in &plan.items {
        for ind in &item.indicators {
            let mut row = vec![
                Val::Text(item.code().to_string()),
                Val::Text(ind.name.clone()),
                Val::Text(ind.unit.clone()),
                Val::opt_num(ind.baseline),
                Val::opt_num(ind.target),
            ];
            for y in years {
                row.push(Val::opt_num(ind.yearly_target(*y)));
            }
            row.extend([
                Val::Text(
                    match ind.direction {
                        Direction::Higher => HIGHER,
                        Direction::Lower => LOWER,
                    }
                    .into(),
                ),
                Val::Text(
                    match ind.aggregation {
                        Aggregation::Lead => LEAD_ONLY,
                        Aggregation::Sum => SUM,
                    }
                    .into(),
                ),
                Val::Num(f64::from(ind.decimals)),
                Val::opt_num(ind.min),
                Val::opt_num(ind.max),
                Val::flag(ind.sample),
            ]);
            rows.push(row);
        }
    }
    let mut kinds = vec![
        Kind::Range(codes),
        Kind::Text,
        Kind::Text,
        Kind::Number,
        Kind::Number,
    ];
    kinds.extend(years.iter().map(|_| Kind::Number));
    kinds.extend([
        Kind::List(vec![HIGHER.into(), LOWER.into()]),
        Kind::List(vec![LEAD_ONLY.into(), SUM.into()]),
        Kind::Whole(0, 3),
        Kind::Number,
        Kind::Number,
        Kind::List(vec![YES.into(), NO.into()]),
    ]);
    let cols = |c: &[Column]| -> Vec<(&str, f64, &str)> {
        c.iter().map(|c| (c.header, c.width, c.help)).collect()
    };
    let mut columns = cols(&INDICATOR_SHEET.columns[..split]);
    for h in &year_headers {
        columns.push((
            h.as_str(),
            13.0,
            "その年度の目標値（数値のみ）。なければ空欄",
        ));
    }
    columns.extend(cols(&INDICATOR_SHEET.columns[split..]));
    write_table(ws, styles, INDICATOR_SHEET.name, &columns, &kinds, rows, 2)
}

fn table(
    ws: &mut Worksheet,
    styles: &Styles,
    spec: &SheetSpec,
    kinds: &[Kind],
    rows: Vec<Vec<Val>>,
    frozen_cols: u16,
) -> Result<(), WriteError> {
    let columns: Vec<(&str, f64, &str)> = spec
        .columns
        .iter()
        .map(|c| (c.header, c.width, c.help))
        .collect();
    write_table(ws, styles, spec.name, &columns, kinds, rows, frozen_cols)
}

/// One data sheet: headings (frozen), rows, widths, row heights, and per column a check on
/// entry (dropdown, number) with the column's explanation as the input message.
fn write_table(
    ws: &mut Worksheet,
    styles: &Styles,
    name: &str,
    columns: &[(&str, f64, &str)],
    kinds: &[Kind],
    rows: Vec<Vec<Val>>,
    frozen_cols: u16,
) -> Result<(), WriteError> {
    ws.set_name(name)?;
    print_setup(ws);
    ws.set_repeat_rows(0, 0)?;
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
        ws.write_string_with_format(0, c, *header, &styles.header)?;
        let dv = entry_check(kind, header, help)?;
        ws.add_data_validation(1, c, last, c, &dv)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        let mut lines = 1;
        for (c, (value, column)) in row.iter().zip(columns).enumerate() {
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
            ws.set_row_height(r, (15.0 * lines as f64 + 3.0).min(409.0))?;
        }
    }
    Ok(())
}

/// A4 landscape, fit to the page width.
fn print_setup(ws: &mut Worksheet) {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C&8&A  &P / &N");
}

/// The check on entry of a column, with its heading and explanation as the input message.
fn entry_check(kind: &Kind, header: &str, help: &str) -> Result<DataValidation, WriteError> {
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

/// Lines a text takes in a column of `width` characters (full-width characters count twice).
fn estimated_lines(text: &str, width: f64) -> usize {
    let width = (width.max(4.0) - 1.0) as usize;
    text.split('\n')
        .map(|line| {
            let w: usize = line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            w.div_ceil(width).max(1)
        })
        .sum()
}

/// The 記入方法 sheet: how to edit and read back, and every sheet's columns.
fn write_guide(
    ws: &mut Worksheet,
    styles: &Styles,
    years: &[crate::fiscal_year::FiscalYear],
) -> Result<(), WriteError> {
    ws.set_name(GUIDE)?;
    print_setup(ws);
    ws.set_column_width(0, 18.0)?;
    ws.set_column_width(1, 26.0)?;
    ws.set_column_width(2, 90.0)?;
    ws.write_string_with_format(0, 0, "計画の内容（gyokaku）の記入方法", &styles.title)?;
    let notes = [
        "このファイルは計画の内容（input/plan.toml）を Excel で編集するためのものです。`gyokaku plan --export` で作成しました。",
        "編集が終わったら `gyokaku plan --import <このファイル>` で取り込みます。内容を点検し、誤りがなければ input/plan.toml を書き換えます（前のファイルは plan.toml.bak に残ります）。誤りがあれば、シート名とセル番地つきで表示し、何も書き換えません。",
        "各シートの1行目は見出しです。見出しの文字とシートの名前は変えないでください。列の順番の入れ替え、行の追加・削除・並べ替えはできます。空の行は読み飛ばします。",
        "1つのセルに1つの値を入力します。数値は数字だけ（「約」や単位は付けません）、年度は西暦4桁（例: 2024）です。まだ決まっていない値（素案の ● など）は空欄にします。",
        "取組方針・担当部署・管理番号のプルダウンは、「体系」「部署」「取組項目」シートの一覧から選びます。新しい部署や取組項目は、先にそのシートに行を追加してください。",
    ];
    let mut row = 2;
    for note in notes {
        ws.merge_range(row, 0, row, 2, &format!("・{note}"), &styles.body)?;
        ws.set_row_height(row, 15.0 * estimated_lines(note, 130.0) as f64 + 3.0)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, "シートと列", &styles.guide_head)?;
    row += 1;
    for (c, h) in ["シート", "列（見出し）", "入力する内容"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &styles.header)?;
    }
    row += 1;
    for sheet in DATA_SHEETS {
        ws.write_string_with_format(row, 0, sheet.name, &styles.text)?;
        ws.write_string_with_format(row, 1, "（シート全体）", &styles.text)?;
        ws.write_string_with_format(row, 2, sheet.purpose, &styles.text)?;
        ws.set_row_height(
            row,
            15.0 * estimated_lines(sheet.purpose, 90.0) as f64 + 3.0,
        )?;
        row += 1;
        for column in sheet.columns {
            ws.write_string_with_format(row, 0, sheet.name, &styles.text)?;
            ws.write_string_with_format(row, 1, column.header, &styles.text)?;
            ws.write_string_with_format(row, 2, column.help, &styles.text)?;
            ws.set_row_height(row, 15.0 * estimated_lines(column.help, 90.0) as f64 + 3.0)?;
            row += 1;
            if sheet.name == INDICATOR_SHEET.name && column.header == YEARLY_AFTER {
                let example = years.first().map_or_else(
                    || format!("{YEARLY_PREFIX} 令和6(2024)年度"),
                    |y| yearly_header(*y),
                );
                let help = format!(
                    "計画期間の年度ごとの目標値（数値のみ。なければ空欄）。見出しは「{example}」の形で、計画期間を変えたときは年度の列を追加・削除します"
                );
                ws.write_string_with_format(row, 0, sheet.name, &styles.text)?;
                ws.write_string_with_format(row, 1, &example, &styles.text)?;
                ws.write_string_with_format(row, 2, &help, &styles.text)?;
                ws.set_row_height(row, 15.0 * estimated_lines(&help, 90.0) as f64 + 3.0)?;
                row += 1;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_name_the_sheet_and_column() {
        assert_eq!(
            range_of(&DEPARTMENT_SHEET, H_DEPARTMENT, 12),
            "='部署'!$A$2:$A$1001"
        );
        assert_eq!(
            range_of(&STRUCTURE_SHEET, H_NUMBER, 3000),
            "='体系'!$B$2:$B$3501"
        );
    }

    #[test]
    fn lines_count_full_width_twice() {
        assert_eq!(estimated_lines("abc", 10.0), 1);
        assert_eq!(estimated_lines("あいうえお", 10.0), 2);
        assert_eq!(estimated_lines("a\nb", 10.0), 2);
    }
}
