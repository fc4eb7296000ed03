//! An item sheet: the plan facts (locked), the input cells with their dropdowns and
//! validations, and last year's values beside them.

use rust_xlsxwriter::{
    ConditionalFormatFormula, DataValidation, DataValidationErrorStyle, DataValidationRule,
    Worksheet,
};

use super::page::{self, Heights, LINE, PAD};
use super::{FilledValues, PreviousValues, Styles, TemplateContext, print_setup};
use crate::form::{
    COL_INPUT, COL_LABEL, COL_PREVIOUS, COL_TEXT, COL_UNIT, Cell, Field, InputKind, SheetForm,
    SheetKind, Value,
};
use crate::xlsx::WriteError;
use crate::xlsx::estimated_lines;

/// Widths of columns A to E (characters): label, text, input, unit, last year's value; the
/// sheet fits A4 portrait at full size.
const WIDTHS: [f64; 5] = [18.0, 46.0, 12.0, 6.0, 13.0];
/// Width of the plan-fact column in characters, for row heights.
const FACT_WIDTH: f64 = WIDTHS[1] - 1.0;
/// Width of the label column in characters, for row heights.
const LABEL_WIDTH: f64 = WIDTHS[0] - 1.0;
/// Width of last year's text (columns C to E merged) in characters, for row heights.
const PREVIOUS_TEXT_WIDTH: f64 = WIDTHS[2] + WIDTHS[3] + WIDTHS[4] - 1.0;
/// Lines of a free-text input row (its height when empty; a department may make it taller).
const TEXT_LINES: f64 = 3.0;

/// The note at the top of an item sheet (row 3): what the colours mean.
pub(super) const NOTE: &str =
    "黄色のセルに入力してください。赤色のセルは未入力の必須項目です。灰色のセルは変更できません。";

/// Writes one item sheet of a department's workbook.
pub(super) fn write_item_sheet(
    ws: &mut Worksheet,
    ctx: &TemplateContext<'_>,
    dept: &str,
    f: &SheetForm,
    previous: &PreviousValues,
    s: &Styles,
) -> Result<(), WriteError> {
    ws.set_name(&f.sheet_name)?;
    page::set_widths(ws, &WIDTHS)?;
    let mut heights = Heights::default();
    heights.set(ws, 0, 21.0)?;
    let heading = match f.kind {
        SheetKind::Lead => "（個票）".to_string(),
        SheetKind::Contribution => format!("（{}）", ctx.settings.words.participant),
    };
    ws.write_with_format(
        0,
        0,
        format!(
            "{} {}{heading}",
            ctx.year.label(),
            ctx.settings.template.title
        ),
        &s.title,
    )?;
    let item = ctx.plan.item(&f.item_code);
    let sample =
        item.is_some_and(|i| i.sample_departments || i.indicators.iter().any(|x| x.sample));
    if sample {
        ws.write_with_format(0, COL_PREVIOUS, "サンプル", &s.sample)?;
    }
    ws.write_with_format(1, COL_LABEL, crate::form::LABEL_DEPARTMENT, &s.label)?;
    ws.write_with_format(1, COL_TEXT, dept, &s.fact)?;
    ws.write_with_format(2, COL_LABEL, NOTE, &s.note)?;

    for l in &f.labels {
        if l.heading {
            ws.write_with_format(l.row, COL_LABEL, l.label(), &s.heading)?;
            continue;
        }
        ws.write_with_format(l.row, COL_LABEL, l.label(), &s.label)?;
        let label_lines = estimated_lines(l.label(), LABEL_WIDTH);
        let text_lines = l
            .text
            .as_deref()
            .map_or(1, |t| estimated_lines(t, FACT_WIDTH));
        if let Some(text) = &l.text {
            ws.write_with_format(l.row, COL_TEXT, text, &s.fact)?;
        }
        let lines = label_lines.max(text_lines);
        if lines > 1 {
            heights.at_least(ws, l.row, LINE * lines as f64 + PAD)?;
        }
    }
    // Headings only over columns with content: a contribution sheet without numbers has no
    // 入力欄 or 単位 column, and last year's text spans C to E.
    let head = f.input_header_row;
    let short_inputs = f.inputs.iter().any(|i| i.kind != InputKind::Text);
    let previous_text = previous_texts(f, previous);
    if short_inputs {
        ws.write_with_format(head, COL_INPUT, "入力欄", &s.column_head)?;
        ws.write_with_format(head, COL_UNIT, "単位", &s.column_head)?;
        ws.write_with_format(head, COL_PREVIOUS, "前年度の報告", &s.column_head)?;
    } else if !previous_text.is_empty() {
        ws.merge_range(
            head,
            COL_INPUT,
            head,
            COL_PREVIOUS,
            "前年度の報告",
            &s.column_head,
        )?;
    }
    for (row, text) in &previous_text {
        ws.merge_range(*row, COL_INPUT, *row, COL_PREVIOUS, text, &s.previous_text)?;
        let lines = estimated_lines(text, PREVIOUS_TEXT_WIDTH);
        heights.at_least(ws, *row, LINE * lines as f64 + PAD)?;
    }

    let levels = ctx.settings.level_codes();
    let legend: Vec<String> = ctx
        .settings
        .evaluation
        .levels
        .iter()
        .map(crate::plan::Level::legend)
        .collect();
    for input in &f.inputs {
        let cell = input.cell;
        let prev = previous
            .get(&(f.item_code.clone(), f.kind, input.field))
            .map_or("", String::as_str);
        if !input.offered {
            // Kept in the layout, but nothing to answer: locked and grey.
            ws.write_blank(cell.row, cell.col, &s.closed)?;
            continue;
        }
        if input.required {
            mark_when_empty(ws, input.cell, s)?;
        }
        match &input.kind {
            InputKind::Text => {
                ws.write_blank(cell.row, cell.col, &s.input_text)?;
                heights.at_least(ws, cell.row, LINE * TEXT_LINES + PAD)?;
                let dv = DataValidation::new()
                    .allow_text_length(DataValidationRule::LessThanOrEqualTo(2000))
                    .set_input_title(input.label.as_str())?
                    .set_input_message(text_prompt(input.field, &ctx.settings.words))?
                    .set_error_title("文字数が多すぎます")?
                    .set_error_message("2,000文字以内で入力してください。")?;
                ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
            }
            InputKind::Evaluation => {
                ws.write_with_format(cell.row, COL_TEXT, legend.join("\n"), &s.fact)?;
                heights.at_least(ws, cell.row, LINE * legend.len().max(1) as f64 + PAD)?;
                ws.write_blank(cell.row, cell.col, &s.input_choice)?;
                let dv = choice_list(&levels, "評価", "評価の値が正しくありません")?;
                ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
            }
            InputKind::Status => {
                let statuses = &ctx.settings.evaluation.statuses;
                ws.write_blank(cell.row, cell.col, &s.input_choice)?;
                fit_to_text(ws, &mut heights, f, cell.row)?;
                let dv = choice_list(statuses, "取組の状況", "状況の値が正しくありません")?;
                ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
            }
            InputKind::Number { decimals, min, max } => {
                ws.write_blank(cell.row, cell.col, &s.number(*decimals))?;
                fit_to_text(ws, &mut heights, f, cell.row)?;
                let unit = input.unit.as_deref().unwrap_or("");
                let show = |v: f64| crate::numbers::format_plain(v);
                let (rule, range) = match max {
                    Some(max) => (
                        DataValidationRule::Between(*min, *max),
                        format!("{}〜{}", show(*min), show(*max)),
                    ),
                    None => (
                        DataValidationRule::GreaterThanOrEqualTo(*min),
                        format!("{} 以上", show(*min)),
                    ),
                };
                let dv = DataValidation::new()
                    .allow_decimal_number(rule)
                    .set_input_title(input.label.as_str())?
                    .set_input_message(format!("数値だけを入力してください（単位: {unit}）。"))?
                    .set_error_title("数値を入力してください")?
                    .set_error_message(format!(
                        "{range} の数値だけを入力してください。「約」や単位は付けないでください。"
                    ))?
                    .set_error_style(DataValidationErrorStyle::Stop);
                ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
            }
        }
        if !matches!(input.kind, InputKind::Text) {
            ws.write_with_format(
                cell.row,
                COL_UNIT,
                input.unit.as_deref().unwrap_or(""),
                &s.unit,
            )?;
            ws.write_with_format(cell.row, COL_PREVIOUS, prev, &s.previous)?;
        }
    }
    let contact_row = f.last_row + 2;
    ws.write_with_format(contact_row, COL_LABEL, "問合せ先", &s.label)?;
    ws.write_with_format(contact_row, COL_TEXT, ctx.settings.contact(), &s.fact)?;
    // The contact is not printed: the approval copy ends with the last input.
    let height = heights.finish(ws, contact_row, f.last_row)?;
    let title = ctx.plan.item(&f.item_code).map_or("", |i| i.title.as_str());
    let center = format!("{} {title}", f.item_code);
    print_setup(
        ws,
        ctx,
        dept,
        &center,
        page::print_scale(&WIDTHS, Some(height)),
    );
    ws.set_print_area(0, 0, f.last_row, COL_PREVIOUS)?;
    ws.set_selection(
        f.inputs.first().map_or(0, |i| i.cell.row),
        f.inputs.first().map_or(0, |i| i.cell.col),
        f.inputs.first().map_or(0, |i| i.cell.row),
        f.inputs.first().map_or(0, |i| i.cell.col),
    )?;
    super::protect_allowing_row_heights(ws, &ctx.settings.template.password);
    Ok(())
}

/// Last year's text beside each free-text input of a contribution sheet (the department's
/// own 実施内容 of the year before), by row. Lead sheets keep one page and show last year's
/// short values only.
fn previous_texts(f: &SheetForm, previous: &PreviousValues) -> Vec<(u32, String)> {
    if f.kind != SheetKind::Contribution {
        return Vec::new();
    }
    f.inputs
        .iter()
        .filter(|i| i.kind == InputKind::Text && i.offered)
        .filter_map(|i| {
            let text = previous.get(&(f.item_code.clone(), f.kind, i.field))?;
            Some((i.cell.row, format!("（前年度の報告）\n{text}")))
        })
        .collect()
}

/// Conditional formatting of a required input cell: red while empty (or only spaces), the
/// input's own yellow once filled.
fn mark_when_empty(ws: &mut Worksheet, cell: Cell, s: &Styles) -> Result<(), WriteError> {
    let rule = ConditionalFormatFormula::new()
        .set_rule(format!("LEN(TRIM({}))=0", cell.a1()).as_str())
        .set_format(&s.missing);
    ws.add_conditional_format(cell.row, cell.col, cell.row, cell.col, &rule)?;
    Ok(())
}

/// A dropdown of `choices`, its prompt and its error message naming them.
fn choice_list(
    choices: &[String],
    title: &str,
    error_title: &str,
) -> Result<DataValidation, WriteError> {
    let list = choices.join("・");
    Ok(DataValidation::new()
        .allow_list_strings(choices)?
        .set_input_title(title)?
        .set_input_message(format!("{list} から選んでください。"))?
        .set_error_title(error_title)?
        .set_error_message(format!("プルダウン（{list}）から選んでください。"))?)
}

/// Makes an input row tall enough for the text beside it (two lines at least).
fn fit_to_text(
    ws: &mut Worksheet,
    heights: &mut Heights,
    f: &SheetForm,
    row: u32,
) -> Result<(), WriteError> {
    let text = f
        .labels
        .iter()
        .find(|l| l.row == row)
        .and_then(|l| l.text.as_deref());
    if let Some(text) = text {
        let lines = estimated_lines(text, FACT_WIDTH).max(2);
        heights.at_least(ws, row, LINE * lines as f64 + PAD)?;
    }
    Ok(())
}

/// Writes pre-filled input values (synthetic submissions for benchmarks and tests).
pub(super) fn fill_inputs(
    ws: &mut Worksheet,
    f: &SheetForm,
    filled: &FilledValues,
    s: &Styles,
) -> Result<(), WriteError> {
    for input in &f.inputs {
        let Some(value) = filled.get(&(f.item_code.clone(), f.kind, input.field)) else {
            continue;
        };
        let (row, col) = (input.cell.row, input.cell.col);
        match (value, &input.kind) {
            (Value::Number(n), InputKind::Number { decimals, .. }) => {
                ws.write_number_with_format(row, col, *n, &s.number(*decimals))?;
            }
            (Value::Number(n), _) => {
                ws.write_number_with_format(row, col, *n, &s.input_choice)?;
            }
            (Value::Text(t), _) => {
                ws.write_with_format(row, col, t, &s.input_text)?;
            }
            (Value::Choice(t), _) => {
                ws.write_with_format(row, col, t, &s.input_choice)?;
            }
        }
    }
    Ok(())
}

fn text_prompt(field: Field, words: &crate::plan::Words) -> String {
    match field {
        Field::WorkDone => {
            "今年度に実施した内容を具体的に記入してください（実績の数値も含めて）。".into()
        }
        Field::Issues => "取組を進めるうえでの課題を記入してください。".into(),
        Field::NextSteps => "翌年度以降の取組の方向性を記入してください。".into(),
        Field::Response => {
            "前年度の委員会意見を受けて、どのように対応したかを記入してください。".into()
        }
        other => format!("{}を入力してください。", other.label(words)),
    }
}
