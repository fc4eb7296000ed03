//! Writing the department input workbooks (部署別入力シート): one per department and fiscal
//! year, laid out by [`super::layout`].

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, ProtectionOptions, Workbook, Worksheet,
};

use super::{
    COL_INPUT, COL_LABEL, COL_PREVIOUS, COL_TEXT, COL_UNIT, Field, InputKind, SheetForm, SheetKind,
    Value, meta,
};
use crate::fiscal_year::{FiscalYear, era_date};
use crate::plan::{Plan, Settings, date_parts};
use crate::xlsx::{self, WriteError};

/// Last year's reported values of a department, shown beside the inputs:
/// (管理番号, sheet kind, field) → display text.
pub type PreviousValues = BTreeMap<(String, SheetKind, Field), String>;

/// Colours and formats of the department workbook.
struct Styles {
    title: Format,
    note: Format,
    heading: Format,
    label: Format,
    fact: Format,
    column_head: Format,
    input_text: Format,
    input_choice: Format,
    previous: Format,
    unit: Format,
    sample: Format,
    guide_text: Format,
    guide_head: Format,
}

const INPUT_FILL: u32 = 0xFFF2CC;
const LABEL_FILL: u32 = 0xD9E1F2;
const FACT_FILL: u32 = 0xF2F2F2;

impl Styles {
    fn new() -> Styles {
        let plain = Format::new()
            .set_font_name("BIZ UDゴシック")
            .set_font_size(10.5)
            .set_align(FormatAlign::VerticalCenter);
        let base = plain.clone().set_text_wrap();
        let boxed = base.clone().set_border(FormatBorder::Thin);
        Styles {
            title: plain.clone().set_bold().set_font_size(14),
            note: plain.clone().set_font_size(9),
            heading: plain.clone().set_bold(),
            label: boxed
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(LABEL_FILL)),
            fact: boxed
                .clone()
                .set_background_color(Color::RGB(FACT_FILL))
                .set_align(FormatAlign::Top),
            column_head: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(LABEL_FILL)),
            input_text: boxed
                .clone()
                .set_background_color(Color::RGB(INPUT_FILL))
                .set_align(FormatAlign::Top)
                .set_unlocked(),
            input_choice: boxed
                .clone()
                .set_background_color(Color::RGB(INPUT_FILL))
                .set_align(FormatAlign::Center)
                .set_unlocked(),
            previous: boxed.clone().set_font_color(Color::RGB(0x595959)),
            unit: boxed.clone().set_align(FormatAlign::Center),
            sample: plain
                .clone()
                .set_bold()
                .set_font_color(Color::RGB(0xC00000)),
            guide_text: base.clone().set_align(FormatAlign::Top),
            guide_head: plain.set_bold().set_font_size(12),
        }
    }

    fn number(&self, decimals: u8) -> Format {
        self.input_choice
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format(crate::numbers::excel_format(decimals))
    }
}

/// Everything a template needs besides the plan.
pub struct TemplateContext<'a> {
    pub plan: &'a Plan,
    pub settings: &'a Settings,
    pub year: FiscalYear,
}

/// Builds the workbook of one department; returns the xlsx bytes.
pub fn department_workbook(
    ctx: &TemplateContext<'_>,
    dept: &str,
    previous: &PreviousValues,
) -> Result<Vec<u8>, WriteError> {
    filled_workbook(ctx, dept, previous, &FilledValues::new())
}

/// Input values to pre-fill: (管理番号, sheet kind, field) → value. Used for synthetic
/// submissions in benchmarks; departments receive empty inputs.
pub type FilledValues = BTreeMap<(String, SheetKind, Field), Value>;

/// Builds a department workbook with some input cells already filled.
pub fn filled_workbook(
    ctx: &TemplateContext<'_>,
    dept: &str,
    previous: &PreviousValues,
    filled: &FilledValues,
) -> Result<Vec<u8>, WriteError> {
    let styles = Styles::new();
    let forms = super::department_forms(ctx.plan, dept);
    let mut wb = Workbook::new();
    let title = format!("{} 行財政改革 取組状況報告（{dept}）", ctx.year.label());
    wb.set_properties(&xlsx::fixed_properties(&title, &ctx.plan.municipality)?);

    let guide = wb.add_worksheet();
    write_guide(guide, ctx, dept, &forms, &styles)?;
    guide.set_active(true);

    for f in &forms {
        let ws = wb.add_worksheet();
        write_item_sheet(ws, ctx, dept, f, previous, &styles)?;
        fill_inputs(ws, f, filled, &styles)?;
    }

    let meta = wb.add_worksheet();
    write_meta(meta, ctx, dept, &forms)?;

    let password = &ctx.settings.template.password;
    xlsx::finish(&mut wb, Some(password))
}

fn protect(ws: &mut Worksheet, password: &str) {
    let options = ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        ..ProtectionOptions::default()
    };
    if password.is_empty() {
        ws.protect_with_options(&options);
    } else {
        ws.protect_with_password(password);
        ws.protect_with_options(&options);
    }
}

fn print_setup(ws: &mut Worksheet, ctx: &TemplateContext<'_>, dept: &str) {
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.6, 0.6, 0.75, 0.75, 0.3, 0.3);
    ws.set_header(format!("&L&8{}&R&8{dept}", ctx.year.label()));
    ws.set_footer("&C&8&P / &N");
}

fn write_guide(
    ws: &mut Worksheet,
    ctx: &TemplateContext<'_>,
    dept: &str,
    forms: &[SheetForm],
    s: &Styles,
) -> Result<(), WriteError> {
    ws.set_name(super::GUIDE_SHEET)?;
    ws.set_column_width(0, 4)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(2, 30)?;
    ws.set_column_width(3, 44)?;
    let schedule = ctx.settings.schedule_for(ctx.year.western());
    let deadline = schedule.deadline.as_ref().and_then(date_parts).map_or_else(
        || "事務局からの連絡をご確認ください".to_string(),
        |(y, m, d)| era_date(y, m, d),
    );
    let plan = ctx.plan;
    let mut row = 0u32;
    ws.write_with_format(
        row,
        0,
        format!("{} 行財政改革 取組状況報告 記入方法", ctx.year.label()),
        &s.title,
    )?;
    row += 2;
    let facts = [
        ("計画", plan.title.clone()),
        (
            "対象年度",
            format!(
                "{}（{}年4月〜{}年3月）",
                ctx.year.label(),
                ctx.year.western(),
                ctx.year.western() + 1
            ),
        ),
        ("部署名", dept.to_string()),
        ("提出期限", deadline),
        ("提出先・問合せ", ctx.settings.template.contact.clone()),
    ];
    for (label, value) in facts {
        ws.write_with_format(row, 1, label, &s.label)?;
        ws.merge_range(row, 2, row, 3, &value, &s.fact)?;
        row += 1;
    }
    if plan.has_sample() {
        row += 1;
        ws.write_with_format(
            row,
            0,
            "サンプル: この計画には実行例のための架空の部署・値（サンプル）が含まれています。",
            &s.sample,
        )?;
        row += 1;
    }
    row += 1;
    ws.write_with_format(row, 0, "1 この報告の目的", &s.guide_head)?;
    row += 1;
    let purpose = format!(
        "{}の各取組項目について、{}の進捗状況を報告していただくものです。報告内容は事務局（{}）が取りまとめ、{}へ報告するとともに、市民へ公表します。",
        plan.title,
        ctx.year.label(),
        ctx.settings.report.secretariat,
        ctx.settings.report.committee
    );
    ws.merge_range(row, 1, row, 3, &purpose, &s.guide_text)?;
    ws.set_row_height(row, 45)?;
    row += 2;

    ws.write_with_format(row, 0, "2 評価の基準", &s.guide_head)?;
    row += 1;
    ws.write_with_format(row, 1, "評価", &s.column_head)?;
    ws.write_with_format(row, 2, "内容", &s.column_head)?;
    ws.write_with_format(row, 3, "目安", &s.column_head)?;
    row += 1;
    for level in &ctx.settings.evaluation.levels {
        ws.write_with_format(row, 1, &level.code, &s.unit)?;
        ws.write_with_format(row, 2, &level.label, &s.fact)?;
        ws.write_with_format(row, 3, &level.meaning, &s.fact)?;
        row += 1;
    }
    row += 1;
    ws.write_with_format(row, 0, "3 記入のしかた", &s.guide_head)?;
    row += 1;
    let statuses = ctx.settings.evaluation.statuses.join("・");
    let required: Vec<&str> = ctx
        .settings
        .template
        .required
        .iter()
        .map(String::as_str)
        .collect();
    let steps = [
        "黄色のセルだけに入力してください。灰色・青色のセルは計画の内容で、変更できません。".to_string(),
        "「評価」はプルダウンから選んでください（上の評価の基準を参照）。".to_string(),
        format!("「具体的な取組」ごとの状況は、プルダウン（{statuses}）から選んでください。"),
        "指標実績・効果額は数値だけを入力してください（単位・「約」・「●」などは付けない）。".to_string(),
        "取組部署のシート（シート名の末尾が「_取組部署」）には、その取組で自部署が行った内容と件数を入力してください。".to_string(),
        format!("必ず入力する項目: {}", if required.is_empty() { "なし".to_string() } else { required.join("、") }),
        "E列「前年度の報告」は、前年度に提出された内容です（参考）。".to_string(),
    ];
    for (i, step) in steps.iter().enumerate() {
        ws.write_with_format(row, 0, format!("({})", i + 1), &s.guide_text)?;
        ws.merge_range(row, 1, row, 3, step, &s.guide_text)?;
        ws.set_row_height(row, 30)?;
        row += 1;
    }
    row += 1;
    ws.write_with_format(row, 0, "4 ご注意", &s.guide_head)?;
    row += 1;
    for caution in [
        "シート名の変更、シートの追加・削除、行・列の挿入や削除はしないでください（集計できなくなります）。",
        "ファイル名は変更してもかまいませんが、他の部署・他の年度のファイルを上書きしないでください。",
        "1つの部署につき1ファイルを提出してください。",
    ] {
        ws.write_with_format(row, 0, "・", &s.guide_text)?;
        ws.merge_range(row, 1, row, 3, caution, &s.guide_text)?;
        ws.set_row_height(row, 30)?;
        row += 1;
    }
    row += 1;
    ws.write_with_format(row, 0, "5 このファイルのシート", &s.guide_head)?;
    row += 1;
    ws.write_with_format(row, 1, "シート名", &s.column_head)?;
    ws.write_with_format(row, 2, "区分", &s.column_head)?;
    ws.write_with_format(row, 3, "取組項目", &s.column_head)?;
    row += 1;
    for f in forms {
        let kind = match f.kind {
            SheetKind::Lead => "担当部署（個票）",
            SheetKind::Contribution => "取組部署",
        };
        let title = plan.item(&f.item_code).map_or("", |i| i.title.as_str());
        ws.write_with_format(row, 1, &f.sheet_name, &s.fact)?;
        ws.write_with_format(row, 2, kind, &s.fact)?;
        ws.write_with_format(row, 3, title, &s.fact)?;
        row += 1;
    }
    print_setup(ws, ctx, dept);
    protect(ws, &ctx.settings.template.password);
    Ok(())
}

fn write_item_sheet(
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
        SheetKind::Lead => "取組状況報告（個票）",
        SheetKind::Contribution => "取組状況報告（取組部署）",
    };
    ws.write_with_format(
        0,
        0,
        format!("{} 行財政改革 {heading}", ctx.year.label()),
        &s.title,
    )?;
    let item = ctx.plan.item(&f.item_code);
    let sample =
        item.is_some_and(|i| i.sample_departments || i.indicators.iter().any(|x| x.sample));
    if sample {
        ws.write_with_format(0, COL_PREVIOUS, "サンプル", &s.sample)?;
    }
    ws.write_with_format(1, COL_LABEL, super::LABEL_DEPARTMENT, &s.label)?;
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
            let lines = estimated_lines(text, 56);
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
                    .set_input_title(input.field.label())?
                    .set_input_message(text_prompt(input.field))?
                    .set_error_title("文字数が多すぎます")?
                    .set_error_message("2,000文字以内で入力してください。")?;
                ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
            }
            InputKind::Evaluation => {
                ws.write_with_format(cell.row, COL_TEXT, legend.join("\n"), &s.fact)?;
                ws.set_row_height(cell.row, 15.5 * legend.len().max(1) as f64)?;
                ws.write_blank(cell.row, cell.col, &s.input_choice)?;
                let dv = DataValidation::new()
                    .allow_list_strings(&levels)?
                    .set_input_title("評価")?
                    .set_input_message(format!("{} から選んでください。", levels.join("・")))?
                    .set_error_title("評価の値が正しくありません")?
                    .set_error_message(format!(
                        "プルダウン（{}）から選んでください。",
                        levels.join("・")
                    ))?;
                ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
            }
            InputKind::Status => {
                let statuses = &ctx.settings.evaluation.statuses;
                ws.write_blank(cell.row, cell.col, &s.input_choice)?;
                let text = f
                    .labels
                    .iter()
                    .find(|l| l.row == cell.row)
                    .and_then(|l| l.text.as_deref());
                if let Some(text) = text {
                    ws.set_row_height(cell.row, 15.5 * estimated_lines(text, 56).max(2) as f64)?;
                }
                let dv = DataValidation::new()
                    .allow_list_strings(statuses)?
                    .set_input_title("取組の状況")?
                    .set_input_message(format!("{} から選んでください。", statuses.join("・")))?
                    .set_error_title("状況の値が正しくありません")?
                    .set_error_message(format!(
                        "プルダウン（{}）から選んでください。",
                        statuses.join("・")
                    ))?;
                ws.add_data_validation(cell.row, cell.col, cell.row, cell.col, &dv)?;
            }
            InputKind::Number { decimals, max } => {
                ws.write_blank(cell.row, cell.col, &s.number(*decimals))?;
                let text = f
                    .labels
                    .iter()
                    .find(|l| l.row == cell.row)
                    .and_then(|l| l.text.as_deref());
                if let Some(text) = text {
                    ws.set_row_height(cell.row, 15.5 * estimated_lines(text, 56).max(2) as f64)?;
                }
                let unit = input.unit.as_deref().unwrap_or("");
                let dv = DataValidation::new()
                    .allow_decimal_number(DataValidationRule::Between(0.0, *max))
                    .set_input_title(input.field.label())?
                    .set_input_message(format!("数値だけを入力してください（単位: {unit}）。"))?
                    .set_error_title("数値を入力してください")?
                    .set_error_message(format!(
                        "0〜{} の数値だけを入力してください。「約」や単位は付けないでください。",
                        crate::numbers::format_grouped(*max, 0)
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
    ws.write_with_format(
        contact_row,
        COL_TEXT,
        &ctx.settings.template.contact,
        &s.fact,
    )?;
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

fn fill_inputs(
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
        other => format!("{}を入力してください。", other.label()),
    }
}

/// Rough count of wrapped lines of a text in a column `width` characters wide (for row heights).
fn estimated_lines(text: &str, width: usize) -> usize {
    text.split('\n')
        .map(|line| {
            let w: usize = line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            w.div_ceil(width).max(1)
        })
        .sum()
}

fn write_meta(
    ws: &mut Worksheet,
    ctx: &TemplateContext<'_>,
    dept: &str,
    forms: &[SheetForm],
) -> Result<(), WriteError> {
    ws.set_name(meta::SHEET)?;
    let sheets: Vec<&str> = forms.iter().map(|f| f.sheet_name.as_str()).collect();
    let rows: [(&str, String); 6] = [
        (meta::MARKER, super::FORMAT_VERSION.to_string()),
        (meta::PLAN_TITLE, ctx.plan.title.clone()),
        (meta::FISCAL_YEAR, ctx.year.western().to_string()),
        (meta::DEPARTMENT, dept.to_string()),
        (meta::LAYOUT, super::layout_fingerprint(forms)),
        (meta::SHEETS, sheets.join(",")),
    ];
    for (i, (key, value)) in rows.iter().enumerate() {
        ws.write(i as u32, 0, *key)?;
        ws.write(i as u32, 1, value)?;
    }
    ws.set_very_hidden(true);
    protect(ws, &ctx.settings.template.password);
    Ok(())
}
