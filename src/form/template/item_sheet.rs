//! An item sheet: the plan facts (locked), the input cells with their dropdowns and
//! validations, and last year's values beside them.

use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, DataValidationRule, Worksheet};

use super::{FilledValues, PreviousValues, Styles, TemplateContext, print_setup, protect};
use crate::form::{
    COL_INPUT, COL_LABEL, COL_PREVIOUS, COL_TEXT, COL_UNIT, Field, InputKind, SheetForm, SheetKind,
    Value,
};
use crate::xlsx::WriteError;
use crate::xlsx::estimated_lines;

/// Width of the plan-fact column in characters, for row heights (56 characters of text).
const FACT_WIDTH: f64 = 57.0;

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
    ws.set_column_width(COL_LABEL, 20)?;
    ws.set_column_width(COL_TEXT, 58)?;
    ws.set_column_width(COL_INPUT, 13)?;
    ws.set_column_width(COL_UNIT, 7)?;
    ws.set_column_width(COL_PREVIOUS, 14)?;
    let heading = match f.kind {
        SheetKind::Lead => "（個票）",
        SheetKind::Contribution => "（取組部署）",
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
    ws.write_with_format(
        2,
        COL_LABEL,
        "黄色のセルに入力してください。灰色のセルは変更できません。",
        &s.note,
    )?;

    for l in &f.labels {
        if l.heading {
            ws.write_with_format(l.row, COL_LABEL, &l.label, &s.heading)?;
            continue;
        }
        ws.write_with_format(l.row, COL_LABEL, &l.label, &s.label)?;
        if let Some(text) = &l.text {
            ws.write_with_format(l.row, COL_TEXT, text, &s.fact)?;
            let lines = estimated_lines(text, FACT_WIDTH);
            if lines > 1 {
                ws.set_row_height(l.row, 15.5 * lines as f64)?;
            }
        }
    }
    let head = f.input_header_row;
    ws.write_with_format(head, COL_INPUT, "入力欄", &s.column_head)?;
    ws.write_with_format(head, COL_UNIT, "単位", &s.column_head)?;
    ws.write_with_format(head, COL_PREVIOUS, "前年度の報告", &s.column_head)?;

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
        match &input.kind {
            InputKind::Text => {
                ws.write_blank(cell.row, cell.col, &s.input_text)?;
                ws.set_row_height(cell.row, 96)?;
                let dv = DataValidation::new()
                    .allow_text_length(DataValidationRule::LessThanOrEqualTo(2000))
                    .set_input_title(input.label.as_str())?
                    .set_input_message(text_prompt(input.field))?
                    .set_error_title("文字数が多すぎます")?
                    .set_error_message("2,000文字以内で入力してください。")?;
                ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
            }
            InputKind::Evaluation => {
                ws.write_with_format(cell.row, COL_TEXT, legend.join("\n"), &s.fact)?;
                ws.set_row_height(cell.row, 15.5 * legend.len().max(1) as f64)?;
                ws.write_blank(cell.row, cell.col, &s.input_choice)?;
                let dv = choice_list(&levels, "評価", "評価の値が正しくありません")?;
                ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
            }
            InputKind::Status => {
                let statuses = &ctx.settings.evaluation.statuses;
                ws.write_blank(cell.row, cell.col, &s.input_choice)?;
                fit_to_text(ws, f, cell.row)?;
                let dv = choice_list(statuses, "取組の状況", "状況の値が正しくありません")?;
                ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
            }
            InputKind::Number { decimals, min, max } => {
                ws.write_blank(cell.row, cell.col, &s.number(*decimals))?;
                fit_to_text(ws, f, cell.row)?;
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
    print_setup(ws, ctx, dept);
    ws.set_print_area(0, 0, contact_row, COL_PREVIOUS)?;
    ws.set_selection(
        f.inputs.first().map_or(0, |i| i.cell.row),
        f.inputs.first().map_or(0, |i| i.cell.col),
        f.inputs.first().map_or(0, |i| i.cell.row),
        f.inputs.first().map_or(0, |i| i.cell.col),
    )?;
    protect(ws, &ctx.settings.template.password);
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
fn fit_to_text(ws: &mut Worksheet, f: &SheetForm, row: u32) -> Result<(), WriteError> {
    let text = f
        .labels
        .iter()
        .find(|l| l.row == row)
        .and_then(|l| l.text.as_deref());
    if let Some(text) = text {
        ws.set_row_height(row, 15.5 * estimated_lines(text, FACT_WIDTH).max(2) as f64)?;
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

fn text_prompt(field: Field) -> String {
    match field {
        Field::WorkDone => {
            "今年度に実施した内容を具体的に記入してください（実績の数値も含めて）。".into()
        }
        Field::Issues => "取組を進めるうえでの課題を記入してください。".into(),
        Field::NextSteps => "翌年度以降の取組の方向性を記入してください。".into(),
        Field::Response => {
            "前年度の委員会意見を受けて、どのように対応したかを記入してください。".into()
        }
        other => format!("{}を入力してください。", other.label()),
    }
}
