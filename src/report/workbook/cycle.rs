//! The sheets of the progress cycle: 具体的な取組 by status (under the 総括), the evaluations
//! of every year (評価の推移), the committee's opinions on the year, last year's opinions with
//! the departments' responses, and the summary of the plan period.

use rust_xlsxwriter::{Chart, ChartLegendPosition, ChartType, Worksheet};

use super::sheets::{summary_columns, summary_style};
use super::{Column, FIRST_ROW, Styles, Val, center, item_columns, left, plain_table, write_row};
use crate::report::ReportError;
use crate::report::model::{
    IndicatorReport, ItemReport, PeriodRow, PeriodSummary, ReportModel, TrendRow, UNRATED,
    unrated_meaning,
};

/// 実施状況: the 具体的な取組 counted by status per 取組方針, a second table on the 総括 sheet
/// starting at `top`.
pub(super) fn status_table(
    ws: &mut Worksheet,
    model: &ReportModel,
    top: u32,
    s: &Styles,
) -> Result<(), ReportError> {
    let summary = &model.status_summary;
    let w = &model.facts.words;
    ws.write_with_format(
        top,
        0,
        format!(
            "{} {}の実施状況（{}別、件数）",
            model.year.label(),
            w.action,
            w.policy
        ),
        &s.title,
    )?;
    let columns = summary_columns(summary, w);
    let header = top + 1;
    for (c, column) in columns.iter().enumerate() {
        ws.write_with_format(header, c as u16, &column.heading, &s.header)?;
    }
    ws.set_row_height(header, 30)?;
    let mut row = header + 1;
    for r in &summary.rows {
        write_row(ws, row, &columns, r, summary_style(r), s)?;
        row += 1;
    }
    ws.write_with_format(
        row + 1,
        0,
        format!(
            "{}ごとに、{}が報告した状況を数えています。未記入 = 状況の報告がない取組（未提出を含む）。",
            w.action, w.lead
        ),
        &s.note,
    )?;
    Ok(())
}

/// 評価の推移: items per evaluation in every year so far, with a stacked column chart.
pub(super) fn trend(
    ws: &mut Worksheet,
    model: &ReportModel,
    s: &Styles,
) -> Result<(), ReportError> {
    let trend = &model.trend;
    let mut columns: Vec<Column<'_, TrendRow>> = vec![center("年度", 18.0, |r: &TrendRow| {
        Val::Text(r.year.label())
    })];
    for (k, code) in trend.columns.iter().enumerate() {
        columns.push(left(code.clone(), 10.0, move |r: &TrendRow| {
            Val::Number(r.counts[k] as f64, 0)
        }));
    }
    columns.push(left("計", 10.0, |r: &TrendRow| {
        Val::Number(r.total() as f64, 0)
    }));
    const SHEET: &str = "評価の推移";
    let end = plain_table(
        ws,
        model,
        (SHEET, "評価の推移（件数）"),
        &columns,
        &trend.rows,
        s,
    )?;
    ws.write_with_format(
        end + 1,
        0,
        format!("{UNRATED} = {}。", unrated_meaning(&model.facts.words)),
        &s.note,
    )?;
    let mut chart = Chart::new(ChartType::ColumnStacked);
    let colours = crate::report::palette::columns(trend.columns.len(), model.ranked_levels());
    let last = end - 1;
    for (i, code) in trend.columns.iter().enumerate() {
        let col = 1 + i as u16;
        chart
            .add_series()
            .set_name(code.as_str())
            .set_categories((SHEET, FIRST_ROW, 0, last, 0))
            .set_values((SHEET, FIRST_ROW, col, last, col))
            .set_format(&mut super::chart_fill::series(i, colours[i]));
    }
    chart.title().set_name("評価の推移（件数）");
    chart.legend().set_position(ChartLegendPosition::Bottom);
    ws.insert_chart(end + 3, 0, &chart)?;
    Ok(())
}

/// 委員会意見: the committee's 総評 and its opinion on each item this year.
pub(super) fn opinions(
    ws: &mut Worksheet,
    model: &ReportModel,
    s: &Styles,
) -> Result<(), ReportError> {
    let mut columns: Vec<Column<'_, ItemReport>> =
        item_columns(&model.facts.words, 10.0, 28.0, code_and_title);
    columns.extend([
        center("評価", 8.0, |i: &ItemReport| {
            Val::opt(i.evaluation.as_ref().map(|e| e.code.as_str()))
        }),
        left("委員会意見", 80.0, |i: &ItemReport| {
            Val::opt(i.opinion.as_deref())
        }),
    ]);
    let end = plain_table(
        ws,
        model,
        ("委員会意見", "委員会の意見"),
        &columns,
        &model.items,
        s,
    )?;
    if let Some(general) = model.committee.as_ref().and_then(|c| c.general.as_deref()) {
        ws.write_with_format(end + 1, 0, "総評", &s.subtotal)?;
        ws.write_with_format(end + 1, 1, general, &s.text)?;
    }
    Ok(())
}

/// 前年度意見への対応: last year's opinion on each item beside the department's response.
pub(super) fn responses(
    ws: &mut Worksheet,
    model: &ReportModel,
    s: &Styles,
) -> Result<(), ReportError> {
    let w = &model.facts.words;
    let mut columns: Vec<Column<'_, ItemReport>> = item_columns(w, 10.0, 24.0, code_and_title);
    columns.extend([
        left(w.lead.as_str(), 14.0, |i: &ItemReport| {
            Val::opt(i.lead.as_deref())
        }),
        left("前年度の委員会意見", 50.0, |i: &ItemReport| {
            Val::opt(i.previous_opinion.as_deref())
        }),
        left("委員会意見への対応", 50.0, |i: &ItemReport| {
            Val::Text(i.response_or_why().unwrap_or_else(|why| why).into())
        }),
    ]);
    let title = format!("{}の委員会意見への対応", model.year.previous().label());
    let rows = model.previous_opinion_rows();
    plain_table(
        ws,
        model,
        ("前年度意見への対応", &title),
        &columns,
        rows.iter().copied(),
        s,
    )?;
    Ok(())
}

/// 計画期間の総括: every item over the period, with each year's evaluation, completed
/// 具体的な取組 and cumulative 効果額 (one row per item, so the columns can be summed).
pub(super) fn period(
    ws: &mut Worksheet,
    model: &ReportModel,
    period: &PeriodSummary,
    s: &Styles,
) -> Result<(), ReportError> {
    let w = &model.facts.words;
    let mut columns: Vec<Column<'_, PeriodRow>> = item_columns(w, 10.0, 28.0, |r: &PeriodRow| {
        (r.code.as_str(), r.title.as_str())
    });
    for (k, year) in period.years.iter().enumerate() {
        columns.push(center(
            format!("評価（{}）", year.era_label()),
            10.0,
            move |r: &PeriodRow| Val::Text(r.evaluations[k].clone().unwrap_or_else(|| "―".into())),
        ));
    }
    columns.extend([
        left(
            format!("{}の取組", period.completed_status),
            10.0,
            |r: &PeriodRow| Val::Number(r.completed as f64, 0),
        ),
        left(w.action.as_str(), 10.0, |r: &PeriodRow| {
            Val::Number(r.actions as f64, 0)
        }),
    ]);
    if let Some(unit) = &model.facts.effect_unit {
        columns.push(left(
            format!("{}の累計（{unit}）", w.effect),
            14.0,
            |r: &PeriodRow| r.effect.map_or(Val::Empty, |v| Val::Number(v, 0)),
        ));
    }
    let end = plain_table(
        ws,
        model,
        ("計画期間の総括", "計画期間の総括"),
        &columns,
        &period.rows,
        s,
    )?;
    let mut note = format!(
        "{}〜{}。評価の ― = 未評価（未提出など）。{}の取組 = 最終年度の状況が「{}」の{}の数（全体 {}／{}）。",
        period.years.first().map_or_else(String::new, |y| y.label()),
        period.years.last().map_or_else(String::new, |y| y.label()),
        period.completed_status,
        period.completed_status,
        w.action,
        period.completed,
        period.actions
    );
    if let Some(unit) = &model.facts.effect_unit {
        note.push_str(&format!(
            "{}の累計は全体で {} {unit}。",
            w.effect,
            crate::numbers::format_grouped(period.effect, 0)
        ));
    }
    ws.write_with_format(end + 1, 0, note, &s.note)?;
    Ok(())
}

/// 管理番号 and title of an item row.
fn code_and_title(i: &ItemReport) -> (&str, &str) {
    (&i.code, &i.title)
}

/// 計画期間の指標: every indicator's final value against its baseline and target.
pub(super) fn period_indicators(
    ws: &mut Worksheet,
    model: &ReportModel,
    s: &Styles,
) -> Result<(), ReportError> {
    type Row<'m> = (&'m ItemReport, &'m IndicatorReport);
    let final_year = model.year;
    let plan_baseline = model.facts.baseline_year;
    let mut columns: Vec<Column<'_, Row<'_>>> =
        item_columns(&model.facts.words, 10.0, 24.0, |(i, _): &Row<'_>| {
            code_and_title(i)
        });
    columns.extend([
        left("指標", 24.0, |(_, x): &Row<'_>| {
            Val::Text(x.label.clone())
        }),
        center("単位", 7.0, |(_, x): &Row<'_>| Val::Text(x.unit.clone())),
        center("基準値", 12.0, |(_, x): &Row<'_>| {
            number_or(x.baseline, x.decimals, "未設定")
        }),
        center(
            format!("実績（{}）", final_year.era_label()),
            12.0,
            |(_, x): &Row<'_>| {
                number_or(x.values.last().and_then(|v| v.value), x.decimals, "未報告")
            },
        ),
        center("目標値", 12.0, |(_, x): &Row<'_>| {
            super::sheets::target_val(x, x.target, "未設定")
        }),
        center("達成率", 10.0, |(_, x): &Row<'_>| {
            super::sheets::achievement_val(x, x.rate, x.judgement)
        }),
        left("備考", 24.0, move |(_, x): &Row<'_>| {
            let partial = x
                .values
                .last()
                .is_some_and(|v| v.incomplete && v.value.is_some());
            let mut notes = Vec::new();
            if let Some(y) = x.own_baseline_year(plan_baseline) {
                notes.push(format!("基準値は{}の値", y.label()));
            }
            if partial {
                notes.push("一部部署が未報告の合計".to_string());
            }
            Val::Text(notes.join("。"))
        }),
    ]);
    let rows: Vec<Row<'_>> = model.indicator_rows();
    let end = plain_table(
        ws,
        model,
        ("計画期間の指標", "計画期間の指標（最終実績と目標）"),
        &columns,
        &rows,
        s,
    )?;
    ws.write_with_format(end + 1, 0, model.facts.achievement.description(), &s.note)?;
    Ok(())
}

/// A number, or a word when there is none.
fn number_or(value: Option<f64>, decimals: u8, word: &str) -> Val {
    value.map_or_else(|| Val::Text(word.to_string()), |v| Val::Number(v, decimals))
}
