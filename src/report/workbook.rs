//! The consolidated progress workbook (行財政改革進捗状況_令和N年度.xlsx).
//!
//! Every sheet keeps one value per cell (numbers as numbers, no merged cells in data areas),
//! with a title row, a frozen header row, an autofilter and an A4 landscape print setup.

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, Color, Format, FormatAlign,
    FormatBorder, Workbook, Worksheet,
};

use super::ReportError;
use super::figures::{self, Rate, SummaryKind};
use crate::fiscal_year::FiscalYear;
use crate::form::circled;
use crate::merge::ItemYear;
use crate::plan::{Aggregation, Direction, Settings};
use crate::submission::{Counts, DeptState};
use crate::xlsx;

/// Text written where the plan leaves a value open.
pub const UNSET: &str = "未設定";

/// Everything the workbook is made from.
pub type WorkbookInput<'a> = super::ReportInput<'a>;

/// The file name of the workbook for a year.
pub fn file_name(year: FiscalYear) -> String {
    format!("行財政改革進捗状況_{}.xlsx", year.era_label())
}

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

/// A column of a data sheet: heading and width (characters).
struct Column {
    heading: String,
    width: f64,
}

fn col(heading: impl Into<String>, width: f64) -> Column {
    Column {
        heading: heading.into(),
        width,
    }
}

const HEADER_ROW: u32 = 2;

/// Writes the title, note and header rows of a data sheet and its print setup.
fn start_sheet(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    name: &str,
    title: &str,
    columns: &[Column],
    s: &Styles,
) -> Result<(), ReportError> {
    ws.set_name(name)?;
    let year = input.year.year;
    ws.write_with_format(0, 0, format!("{} {title}", year.label()), &s.title)?;
    let note = format!("{}（{}）", input.plan.title, input.plan.municipality);
    ws.write_with_format(1, 0, note, &s.note)?;
    if input.plan.has_sample() {
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
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, HEADER_ROW)?;
    ws.set_margins(0.5, 0.5, 0.7, 0.7, 0.3, 0.3);
    ws.set_header(format!(
        "&L&9{}&R&9{} {title}",
        input.plan.title,
        year.label()
    ));
    ws.set_footer("&C&9- &P / &N -");
    Ok(())
}

fn finish_sheet(ws: &mut Worksheet, last_row: u32, columns: usize) -> Result<(), ReportError> {
    let last_col = columns.saturating_sub(1) as u16;
    ws.autofilter(HEADER_ROW, 0, last_row.max(HEADER_ROW), last_col)?;
    Ok(())
}

/// Builds the workbook; returns the xlsx bytes.
pub fn progress_workbook(input: &WorkbookInput<'_>) -> Result<Vec<u8>, ReportError> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let title = format!("{} 行財政改革 進捗状況", input.year.year.label());
    wb.set_properties(&xlsx::fixed_properties(&title, &input.plan.municipality)?);
    summary_sheet(wb.add_worksheet(), input, &s)?;
    items_sheet(wb.add_worksheet(), input, &s)?;
    indicators_sheet(wb.add_worksheet(), input, &s)?;
    departments_sheet(wb.add_worksheet(), input, &s)?;
    effect_sheet(wb.add_worksheet(), input, &s)?;
    submissions_sheet(wb.add_worksheet(), input, &s)?;
    diagnostics_sheet(wb.add_worksheet(), input, &s)?;
    Ok(xlsx::finish(&mut wb, None)?)
}

fn summary_sheet(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    s: &Styles,
) -> Result<(), ReportError> {
    let rows = figures::evaluation_summary(input.plan, input.settings, input.history, input.year);
    let codes = figures::summary_columns(input.settings);
    let previous_label = input.year.year.previous().label();
    let n = codes.len();
    let mut columns = vec![col("番号", 8.0), col("取組方針", 30.0)];
    columns.extend(codes.iter().map(|c| col(format!("{c}（今年度）"), 9.0)));
    columns.push(col("計（今年度）", 9.0));
    columns.extend(codes.iter().map(|c| col(format!("{c}（前年度）"), 9.0)));
    columns.push(col("計（前年度）", 9.0));
    columns.extend(codes.iter().map(|c| col(format!("{c}（増減）"), 9.0)));
    start_sheet(ws, input, "総括", "評価の集計（取組方針別）", &columns, s)?;
    let mut row = HEADER_ROW + 1;
    for r in &rows {
        let (label_fmt, num_fmt) = match r.kind {
            SummaryKind::Policy => (&s.text, s.number(0)),
            SummaryKind::Subtotal | SummaryKind::Total => (&s.subtotal, s.subtotal_num.clone()),
        };
        ws.write_with_format(row, 0, &r.id, label_fmt)?;
        ws.write_with_format(row, 1, &r.name, label_fmt)?;
        let mut col = 2u16;
        for v in r.current.iter().chain([&r.total()]) {
            ws.write_number_with_format(row, col, *v as f64, &num_fmt)?;
            col += 1;
        }
        for i in 0..=n {
            match &r.previous {
                Some(p) => {
                    let v = if i < n { p[i] } else { p.iter().sum() };
                    ws.write_number_with_format(row, col, v as f64, &num_fmt)?
                }
                None => ws.write_with_format(row, col, "―", label_fmt)?,
            };
            col += 1;
        }
        for i in 0..n {
            match &r.previous {
                Some(p) => ws.write_number_with_format(
                    row,
                    col,
                    r.current[i] as f64 - p[i] as f64,
                    &num_fmt.clone().set_num_format("+#,##0;-#,##0;0"),
                )?,
                None => ws.write_with_format(row, col, "―", label_fmt)?,
            };
            col += 1;
        }
        row += 1;
    }
    let last = row - 1;
    finish_sheet(ws, last, 2 + n * 3 + 2)?;
    let note_row = row + 1;
    ws.write_with_format(
        note_row,
        0,
        format!(
            "前年度 = {previous_label}。{} = 評価が未記入、または未提出・要確認の取組項目。",
            figures::UNRATED
        ),
        &s.note,
    )?;
    for (i, level) in input.settings.evaluation.levels.iter().enumerate() {
        ws.write_with_format(
            note_row + 1 + i as u32,
            0,
            format!("{}：{}（{}）", level.code, level.label, level.meaning),
            &s.note,
        )?;
    }

    // Native chart: stacked bars per 取組方針 (policy rows only).
    let policy_rows: Vec<u32> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == SummaryKind::Policy)
        .map(|(i, _)| HEADER_ROW + 1 + i as u32)
        .collect();
    let mut chart = Chart::new(ChartType::BarStacked);
    let colors = [0x1F4E79, 0x2E75B6, 0x9DC3E6, 0xF4B183, 0xBFBFBF, 0x7F7F7F];
    let (first, last_policy) = (
        policy_rows.first().copied().unwrap_or(HEADER_ROW + 1),
        policy_rows.last().copied().unwrap_or(HEADER_ROW + 1),
    );
    for (i, code) in codes.iter().enumerate() {
        let col = 2 + i as u16;
        chart
            .add_series()
            .set_name(code.as_str())
            .set_categories(("総括", first, 0, last_policy, 0))
            .set_values(("総括", first, col, last_policy, col))
            .set_format(ChartFormat::new().set_solid_fill(
                ChartSolidFill::new().set_color(Color::RGB(colors[i % colors.len()])),
            ));
    }
    chart.title().set_name("取組方針別の評価（件数）");
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.y_axis().set_reverse();
    let chart_row = note_row + 2 + input.settings.evaluation.levels.len() as u32;
    ws.insert_chart(chart_row, 0, &chart)?;
    Ok(())
}

fn status_summary(settings: &Settings, record: &ItemYear) -> String {
    let mut parts = Vec::new();
    for status in &settings.evaluation.statuses {
        let n = record
            .statuses
            .iter()
            .filter(|s| s.as_deref() == Some(status))
            .count();
        if n > 0 {
            parts.push(format!("{status}{n}"));
        }
    }
    let blank = record.statuses.iter().filter(|s| s.is_none()).count();
    if blank > 0 && !record.statuses.is_empty() {
        parts.push(format!("未記入{blank}"));
    }
    parts.join("・")
}

fn write_opt_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<&str>,
    f: &Format,
) -> Result<(), ReportError> {
    match v {
        Some(t) => ws.write_with_format(row, col, t, f)?,
        None => ws.write_blank(row, col, f)?,
    };
    Ok(())
}

fn write_opt_number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<f64>,
    f: &Format,
    s: &Styles,
) -> Result<(), ReportError> {
    match v {
        Some(n) => ws.write_number_with_format(row, col, n, f)?,
        None => ws.write_blank(row, col, &s.text)?,
    };
    Ok(())
}

fn items_sheet(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    s: &Styles,
) -> Result<(), ReportError> {
    let columns = [
        col("管理番号", 9.0),
        col("取組方針", 18.0),
        col("取組項目", 24.0),
        col("前期計画", 8.0),
        col("担当部署", 14.0),
        col("取組部署", 16.0),
        col("評価", 6.0),
        col("具体的な取組の状況", 14.0),
        col("実施内容", 44.0),
        col("課題", 30.0),
        col("今後の方向性", 30.0),
        col("効果額（千円）", 12.0),
        col("提出状況", 10.0),
        col("備考", 12.0),
    ];
    start_sheet(ws, input, "取組一覧", "取組一覧（進行管理表）", &columns, s)?;
    let mut row = HEADER_ROW + 1;
    for (item, record) in input.plan.items.iter().zip(&input.year.items) {
        let policy = input.plan.policy(item.policy_id()).map_or_else(
            || item.policy_id().to_string(),
            |(_, p)| format!("{} {}", p.id, p.name),
        );
        ws.write_with_format(row, 0, item.code(), &s.center)?;
        ws.write_with_format(row, 1, policy, &s.text)?;
        ws.write_with_format(row, 2, &item.title, &s.text)?;
        ws.write_with_format(row, 3, item.continuity.label(), &s.center)?;
        ws.write_with_format(row, 4, item.lead.as_deref().unwrap_or(UNSET), &s.text)?;
        ws.write_with_format(
            row,
            5,
            input.plan.implementers_label(item).unwrap_or_default(),
            &s.text,
        )?;
        write_opt_text(ws, row, 6, record.evaluation.as_deref(), &s.center)?;
        ws.write_with_format(row, 7, status_summary(input.settings, record), &s.text)?;
        write_opt_text(ws, row, 8, record.work_done.as_deref(), &s.text)?;
        write_opt_text(ws, row, 9, record.issues.as_deref(), &s.text)?;
        write_opt_text(ws, row, 10, record.next_steps.as_deref(), &s.text)?;
        write_opt_number(ws, row, 11, record.effect_amount, &s.number(0), s)?;
        ws.write_with_format(row, 12, record.state.label(), &s.center)?;
        let sample = if item.sample_departments {
            "サンプル部署"
        } else {
            ""
        };
        ws.write_with_format(row, 13, sample, &s.text)?;
        row += 1;
    }
    finish_sheet(ws, row - 1, columns.len())
}

fn indicators_sheet(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    s: &Styles,
) -> Result<(), ReportError> {
    let plan = input.plan;
    let years: Vec<FiscalYear> = input.history.years.iter().map(|y| y.year).collect();
    let mut headings: Vec<String> = vec![
        "管理番号".into(),
        "取組項目".into(),
        "指標".into(),
        "単位".into(),
        "方向".into(),
        "集計".into(),
        format!("基準値（{}）", plan.baseline_year.label()),
    ];
    headings.extend(years.iter().map(|y| format!("実績（{}）", y.label())));
    headings.extend([
        format!("目標値（{}）", plan.target_year.label()),
        format!("達成率（{}）", input.year.year.label()),
        "備考".into(),
    ]);
    let last = headings.len() - 1;
    let columns: Vec<Column> = headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let width = match i {
                0 => 9.0,
                1 | 2 => 24.0,
                3..=5 => 7.0,
                i if i == last => 30.0,
                _ => 14.0,
            };
            col(h.as_str(), width)
        })
        .collect();
    start_sheet(ws, input, "指標", "指標の実績と達成率", &columns, s)?;
    let mut row = HEADER_ROW + 1;
    for item in &plan.items {
        for (i, ind) in item.indicators.iter().enumerate() {
            let num = s.number(ind.decimals);
            ws.write_with_format(row, 0, item.code(), &s.center)?;
            ws.write_with_format(row, 1, &item.title, &s.text)?;
            ws.write_with_format(row, 2, format!("{}{}", circled(i), ind.name), &s.text)?;
            ws.write_with_format(row, 3, &ind.unit, &s.center)?;
            let direction = match ind.direction {
                Direction::Higher => "増",
                Direction::Lower => "減",
            };
            ws.write_with_format(row, 4, direction, &s.center)?;
            let aggregation = match ind.aggregation {
                Aggregation::Lead => "担当",
                Aggregation::Sum => "合計",
            };
            ws.write_with_format(row, 5, aggregation, &s.center)?;
            match ind.baseline {
                Some(v) => ws.write_number_with_format(row, 6, v, &num)?,
                None => ws.write_with_format(row, 6, UNSET, &s.center)?,
            };
            let mut col = 7u16;
            let mut notes = Vec::new();
            for y in &input.history.years {
                let value = y.item(item.code()).and_then(|r| r.indicators.get(i));
                match value.and_then(|v| v.value) {
                    Some(v) => ws.write_number_with_format(row, col, v, &num)?,
                    None => ws.write_with_format(row, col, "未報告", &s.center)?,
                };
                if value.is_some_and(|v| v.incomplete && v.value.is_some()) {
                    notes.push(format!("{}は一部部署が未報告", y.year.era_label()));
                }
                col += 1;
            }
            match ind.target {
                Some(v) => ws.write_number_with_format(row, col, v, &num)?,
                None => ws.write_with_format(row, col, UNSET, &s.center)?,
            };
            col += 1;
            let actual = input
                .year
                .item(item.code())
                .and_then(|r| r.indicators.get(i))
                .and_then(|v| v.value);
            match figures::achievement(input.settings.evaluation.achievement, ind, actual) {
                Rate::Value(v) => ws.write_number_with_format(row, col, v, &s.percent())?,
                other => ws.write_with_format(row, col, other.label(), &s.center)?,
            };
            col += 1;
            if ind.sample {
                notes.insert(0, "サンプル値".into());
            }
            ws.write_with_format(row, col, notes.join("。"), &s.text)?;
            row += 1;
        }
    }
    let note_row = row + 1;
    ws.write_with_format(
        note_row,
        0,
        input.settings.evaluation.achievement.description(),
        &s.note,
    )?;
    ws.write_with_format(
        note_row + 1,
        0,
        "未設定 = 計画で値が定められていない（0 ではありません）。未報告 = 実績の報告がない。",
        &s.note,
    )?;
    finish_sheet(ws, row - 1, headings.len())
}

/// One department's line in 部署別: (department, role, state, 実施内容, values of sum indicators).
type DeptRow = (
    String,
    &'static str,
    &'static str,
    Option<String>,
    Vec<Option<f64>>,
);

fn departments_sheet(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    s: &Styles,
) -> Result<(), ReportError> {
    let columns = [
        col("管理番号", 9.0),
        col("取組項目", 24.0),
        col("部署", 14.0),
        col("区分", 8.0),
        col("提出状況", 9.0),
        col("実施内容", 50.0),
        col("指標", 24.0),
        col("値", 12.0),
        col("単位", 7.0),
    ];
    start_sheet(ws, input, "部署別", "部署別の取組状況", &columns, s)?;
    let mut row = HEADER_ROW + 1;
    for (item, record) in input.plan.items.iter().zip(&input.year.items) {
        let sums: Vec<(usize, &crate::plan::Indicator)> = item
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| i.aggregation == Aggregation::Sum)
            .collect();
        let mut entries: Vec<DeptRow> = Vec::new();
        if let Some(lead) = &item.lead {
            let lead_state = input
                .submissions
                .departments
                .iter()
                .find(|d| &d.department == lead)
                .map_or(DeptState::Missing, |d| d.state);
            let values = sums
                .iter()
                .map(|(i, _)| {
                    record
                        .indicators
                        .get(*i)
                        .and_then(|v| v.parts.first())
                        .and_then(|p| p.value)
                })
                .collect();
            entries.push((
                lead.clone(),
                "担当",
                lead_state.label(),
                record.work_done.clone(),
                values,
            ));
        }
        for c in &record.contributions {
            let values = sums.iter().map(|(i, _)| c.values.get(i).copied()).collect();
            entries.push((
                c.department.clone(),
                "取組",
                c.state.label(),
                c.work_done.clone(),
                values,
            ));
        }
        for (dept, role, state, work, values) in entries {
            let lines = sums.len().max(1);
            for k in 0..lines {
                ws.write_with_format(row, 0, item.code(), &s.center)?;
                ws.write_with_format(row, 1, &item.title, &s.text)?;
                ws.write_with_format(row, 2, &dept, &s.text)?;
                ws.write_with_format(row, 3, role, &s.center)?;
                ws.write_with_format(row, 4, state, &s.center)?;
                write_opt_text(ws, row, 5, work.as_deref(), &s.text)?;
                match sums.get(k) {
                    Some((i, ind)) => {
                        ws.write_with_format(
                            row,
                            6,
                            format!("{}{}", circled(*i), ind.name),
                            &s.text,
                        )?;
                        match values.get(k).copied().flatten() {
                            Some(v) => {
                                ws.write_number_with_format(row, 7, v, &s.number(ind.decimals))?
                            }
                            None => ws.write_with_format(row, 7, "未報告", &s.center)?,
                        };
                        ws.write_with_format(row, 8, &ind.unit, &s.center)?;
                    }
                    None => {
                        for c in 6..=8 {
                            ws.write_blank(row, c, &s.text)?;
                        }
                    }
                }
                row += 1;
            }
        }
    }
    finish_sheet(ws, row - 1, columns.len())
}

fn effect_sheet(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    s: &Styles,
) -> Result<(), ReportError> {
    let years: Vec<FiscalYear> = input.history.years.iter().map(|y| y.year).collect();
    let mut headings: Vec<String> = vec!["管理番号".into(), "取組項目".into(), "担当部署".into()];
    headings.extend(years.iter().map(|y| format!("単年度（{}）", y.label())));
    headings.push(format!("累計（〜{}）", input.year.year.label()));
    let columns: Vec<Column> = headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            col(
                h.as_str(),
                [9.0, 30.0, 14.0].get(i).copied().unwrap_or(16.0),
            )
        })
        .collect();
    start_sheet(ws, input, "効果額", "効果額（千円）", &columns, s)?;
    let num = s.number(0);
    let mut row = HEADER_ROW + 1;
    let mut totals = vec![0.0; years.len() + 1];
    for item in &input.plan.items {
        let amounts: Vec<Option<f64>> = input
            .history
            .years
            .iter()
            .map(|y| y.item(item.code()).and_then(|r| r.effect_amount))
            .collect();
        if amounts.iter().all(Option::is_none) {
            continue;
        }
        ws.write_with_format(row, 0, item.code(), &s.center)?;
        ws.write_with_format(row, 1, &item.title, &s.text)?;
        ws.write_with_format(row, 2, item.lead.as_deref().unwrap_or(UNSET), &s.text)?;
        for (k, a) in amounts.iter().enumerate() {
            write_opt_number(ws, row, 3 + k as u16, *a, &num, s)?;
            totals[k] += a.unwrap_or(0.0);
        }
        let cumulative: f64 = amounts.iter().flatten().sum();
        totals[years.len()] += cumulative;
        ws.write_number_with_format(row, 3 + years.len() as u16, cumulative, &num)?;
        row += 1;
    }
    let last_data = row.saturating_sub(1).max(HEADER_ROW);
    if row == HEADER_ROW + 1 {
        ws.write_with_format(row, 0, "効果額の報告はありません。", &s.note)?;
    } else {
        ws.write_with_format(row, 0, "合計", &s.subtotal)?;
        ws.write_with_format(row, 1, "", &s.subtotal)?;
        ws.write_with_format(row, 2, "", &s.subtotal)?;
        for (k, t) in totals.iter().enumerate() {
            ws.write_number_with_format(row, 3 + k as u16, *t, &s.subtotal_num)?;
        }
    }
    finish_sheet(ws, last_data, headings.len())
}

fn submissions_sheet(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    s: &Styles,
) -> Result<(), ReportError> {
    let columns = [
        col("部署", 14.0),
        col("提出すべきシート", 30.0),
        col("ファイル名", 28.0),
        col("SHA-256", 30.0),
        col("状況", 9.0),
        col("エラー数", 9.0),
        col("警告数", 9.0),
    ];
    start_sheet(ws, input, "提出状況", "提出状況", &columns, s)?;
    let subs = input.submissions;
    let mut row = HEADER_ROW + 1;
    for d in &subs.departments {
        let sheets: Vec<String> = crate::form::department_forms(input.plan, &d.department)
            .into_iter()
            .map(|f| f.sheet_name)
            .collect();
        let files: Vec<usize> = if d.files.is_empty() {
            vec![usize::MAX]
        } else {
            d.files.clone()
        };
        for fi in files {
            let file = subs.files.get(fi);
            let mut diags: Vec<&crate::submission::Diagnostic> = file
                .map(|f| f.diagnostics.iter().collect())
                .unwrap_or_default();
            diags.extend(
                subs.general
                    .iter()
                    .filter(|g| g.department.as_deref() == Some(d.department.as_str())),
            );
            let counts = Counts::of(diags);
            ws.write_with_format(row, 0, &d.department, &s.text)?;
            ws.write_with_format(row, 1, sheets.join("、"), &s.text)?;
            ws.write_with_format(row, 2, file.map_or("", |f| f.name.as_str()), &s.text)?;
            ws.write_with_format(row, 3, file.map_or("", |f| f.sha256.as_str()), &s.text)?;
            let state = match (d.state, file) {
                (DeptState::Submitted, Some(f))
                    if d.used.is_some_and(|u| subs.files[u].name == f.name) =>
                {
                    "提出済"
                }
                (DeptState::Missing, _) => "未提出",
                _ => "エラー",
            };
            ws.write_with_format(row, 4, state, &s.center)?;
            ws.write_number_with_format(row, 5, counts.errors as f64, &s.number(0))?;
            ws.write_number_with_format(row, 6, counts.warnings as f64, &s.number(0))?;
            row += 1;
        }
    }
    // Files that belong to no expected department (unknown department, not a workbook…).
    for f in subs.files.iter().filter(|f| {
        !subs
            .departments
            .iter()
            .any(|d| d.files.iter().any(|i| subs.files[*i].name == f.name))
    }) {
        let counts = Counts::of(&f.diagnostics);
        ws.write_with_format(
            row,
            0,
            f.department.as_deref().unwrap_or("（不明）"),
            &s.text,
        )?;
        ws.write_blank(row, 1, &s.text)?;
        ws.write_with_format(row, 2, &f.name, &s.text)?;
        ws.write_with_format(row, 3, &f.sha256, &s.text)?;
        ws.write_with_format(row, 4, "エラー", &s.center)?;
        ws.write_number_with_format(row, 5, counts.errors as f64, &s.number(0))?;
        ws.write_number_with_format(row, 6, counts.warnings as f64, &s.number(0))?;
        row += 1;
    }
    let note = format!(
        "提出 {}/{} 部署（{}）",
        subs.submitted_count(),
        subs.departments.len(),
        subs.folder.display()
    );
    ws.write_with_format(row + 1, 0, note, &s.note)?;
    finish_sheet(ws, row - 1, columns.len())
}

fn diagnostics_sheet(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    s: &Styles,
) -> Result<(), ReportError> {
    let columns = [
        col("区分", 7.0),
        col("ファイル", 24.0),
        col("シート", 14.0),
        col("セル", 7.0),
        col("部署", 14.0),
        col("内容", 60.0),
        col("入力値", 20.0),
    ];
    start_sheet(ws, input, "検証結果", "提出ファイルの検証結果", &columns, s)?;
    let mut row = HEADER_ROW + 1;
    for d in input.submissions.diagnostics() {
        ws.write_with_format(row, 0, d.severity.label(), &s.center)?;
        for (col, v) in [
            (1u16, d.file.as_deref()),
            (2, d.sheet.as_deref()),
            (3, d.cell.as_deref()),
            (4, d.department.as_deref()),
            (5, Some(d.message.as_str())),
            (6, d.value.as_deref()),
        ] {
            write_opt_text(ws, row, col, v, &s.text)?;
        }
        row += 1;
    }
    if row == HEADER_ROW + 1 {
        ws.write_with_format(row, 0, "問題は見つかりませんでした。", &s.note)?;
    }
    finish_sheet(ws, row.saturating_sub(1).max(HEADER_ROW), columns.len())
}
