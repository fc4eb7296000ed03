//! The progress cycle in the committee document: 具体的な取組 by status and the evaluations
//! of every year (in the summary section), last year's opinions with the responses, the
//! committee's opinions on the year, and the summary of the plan period.

use super::super::chart;
use super::super::layout::{ALERT, Align, Cell, Doc, GREY_TEXT, Style};
use super::super::table::{self, Column, Width};
use super::overview::{evaluation_cell, summary_table};
use super::value_text;
use crate::numbers::format_grouped;
use crate::report::model::{
    IndicatorReport, ItemReport, NO_STATUS, PeriodRow, ReportModel, SummaryRow, TrendRow, UNRATED,
    unrated_meaning,
};

/// (4) 具体的な取組の実施状況 and (5) 評価の推移, closing the summary section.
pub(super) fn status_and_trend(doc: &mut Doc, model: &ReportModel) {
    let year = model.year;
    let status = &model.status_summary;
    let w = &model.facts.words;
    doc.heading(2, &format!("(4) {}の実施状況", w.action), false, 120.0);
    let note = format!(
        "単位: 件（{}の数）。{}{NO_STATUS} = 状況の報告がない取組（未提出を含む）。",
        w.action,
        if status.has_previous() {
            format!("（ ）内は前年度（{}）との増減。", year.previous().label())
        } else {
            String::new()
        }
    );
    summary_table(doc, status, w, &note);
    let categories: Vec<String> = status.policy_rows().map(SummaryRow::label).collect();
    let values: Vec<Vec<f64>> = status
        .policy_rows()
        .map(|r| r.current.iter().map(|v| *v as f64).collect())
        .collect();
    doc.space(6.0);
    chart::stacked_bars(
        doc,
        &format!("{} {}別の実施状況（件数）", year.label(), w.policy),
        &categories,
        &status.columns,
        &values,
        (230.0, status.columns.len().saturating_sub(1)),
    );

    let trend = &model.trend;
    doc.heading(2, "(5) 評価の推移", false, 120.0);
    let mut columns: Vec<Column<'_, TrendRow>> = vec![Column::fixed(
        "年度",
        130.0,
        Align::Left,
        |r: &TrendRow| Cell::new(r.year.label()),
    )];
    for (k, code) in trend.columns.iter().enumerate() {
        columns.push(Column::rest(
            code.clone(),
            Align::Center,
            move |r: &TrendRow| Cell::new(r.counts[k].to_string()),
        ));
    }
    columns.push(Column::rest("計", Align::Center, |r: &TrendRow| {
        Cell::new(r.total().to_string())
    }));
    table::draw_noted(
        doc,
        &columns,
        &trend.rows,
        9.0,
        &format!("単位: 件。{UNRATED} = {}。", unrated_meaning(w)),
        Style::SMALL,
    );
    let categories: Vec<String> = trend.rows.iter().map(|r| r.year.label()).collect();
    let values: Vec<Vec<f64>> = trend
        .rows
        .iter()
        .map(|r| r.counts.iter().map(|v| *v as f64).collect())
        .collect();
    doc.space(6.0);
    chart::stacked_bars(
        doc,
        "年度別の評価（件数）",
        &categories,
        &trend.columns,
        &values,
        (60.0 + 34.0 * categories.len() as f32, model.ranked_levels()),
    );
}

/// 前年度の委員会意見への対応: every opinion of last year beside the department's response.
pub(super) fn responses(doc: &mut Doc, model: &ReportModel, heading: &str) {
    doc.heading(1, heading, true, 0.0);
    if let Some(general) = model
        .previous_committee
        .as_ref()
        .and_then(|c| c.general.as_deref())
    {
        doc.heading(2, "前年度の総評", false, 40.0);
        doc.paragraph(general, Style::BODY, 6.0);
        doc.space(6.0);
    }
    doc.heading(2, "取組ごとの意見と対応", false, 60.0);
    let rows = model.previous_opinion_rows();
    if rows.is_empty() {
        doc.paragraph(
            "前年度は取組ごとの意見はありませんでした。",
            Style::BODY,
            0.0,
        );
        return;
    }
    let w = &model.facts.words;
    let columns: [Column<'_, &ItemReport>; 4] = [
        Column::fixed(w.code.as_str(), 48.0, Align::Center, |i: &&ItemReport| {
            Cell::new(i.code.clone())
        }),
        Column::fixed(w.item.as_str(), 90.0, Align::Left, |i: &&ItemReport| {
            Cell::new(i.title.clone())
        }),
        Column::rest(
            "前年度の委員会意見",
            Align::Left,
            |i: &&ItemReport| Cell::new(i.previous_opinion.clone().unwrap_or_default()),
        ),
        Column::rest(
            "委員会意見への対応",
            Align::Left,
            |i: &&ItemReport| match i.response_or_why() {
                Ok(r) => Cell::new(r),
                Err(why) => Cell::new(why).colored(ALERT),
            },
        ),
    ];
    table::draw(doc, &columns, &rows, 9.0);
}

/// 委員会の意見: the committee's 総評 and opinions on this year, once recorded.
pub(super) fn opinions(doc: &mut Doc, model: &ReportModel, heading: &str) {
    doc.heading(1, heading, true, 0.0);
    if let Some(general) = model.committee.as_ref().and_then(|c| c.general.as_deref()) {
        doc.heading(2, "総評", false, 40.0);
        doc.paragraph(general, Style::BODY, 6.0);
        doc.space(6.0);
    }
    let rows: Vec<&ItemReport> = model.items.iter().filter(|i| i.opinion.is_some()).collect();
    if rows.is_empty() {
        return;
    }
    doc.heading(2, "取組ごとの意見", false, 60.0);
    let w = &model.facts.words;
    let columns: [Column<'_, &ItemReport>; 4] = [
        Column::fixed(w.code.as_str(), 48.0, Align::Center, |i: &&ItemReport| {
            Cell::new(i.code.clone())
        }),
        Column::fixed(w.item.as_str(), 110.0, Align::Left, |i: &&ItemReport| {
            Cell::new(i.title.clone())
        }),
        Column::fixed("評価", 36.0, Align::Center, |i: &&ItemReport| {
            evaluation_cell(i)
        }),
        Column::rest("委員会意見", Align::Left, |i: &&ItemReport| {
            Cell::new(i.opinion.clone().unwrap_or_default())
        }),
    ];
    table::draw(doc, &columns, &rows, 9.0);
}

/// 計画期間の総括: each item's evaluation over the years, completed 具体的な取組 and
/// cumulative 効果額; then every indicator's final value against its target.
pub(super) fn period(doc: &mut Doc, model: &ReportModel, heading: &str) {
    let Some(period) = &model.period else {
        return;
    };
    doc.heading(1, heading, true, 0.0);
    let w = &model.facts.words;
    let first = period.years.first().map_or_else(String::new, |y| y.label());
    let last = period.years.last().map_or_else(String::new, |y| y.label());
    let mut intro = format!(
        "{first}から{last}までの取組の状況です。{}{}件のうち{}件が「{}」となりました。",
        w.action, period.actions, period.completed, period.completed_status
    );
    if let Some(unit) = &model.facts.effect_unit {
        intro.push_str(&format!(
            "{}の累計は{}{unit}です。",
            w.effect,
            format_grouped(period.effect, 0)
        ));
    }
    doc.paragraph(&intro, Style::BODY, 0.0);
    doc.heading(
        2,
        &format!("(1) {}ごとの評価と実施状況", w.item),
        false,
        80.0,
    );
    let mut columns: Vec<Column<'_, PeriodRow>> = vec![
        Column::fixed(w.code.as_str(), 44.0, Align::Center, |r: &PeriodRow| {
            Cell::new(r.code.clone())
        }),
        Column::rest(w.item.as_str(), Align::Left, |r: &PeriodRow| {
            Cell::new(r.title.clone())
        }),
    ];
    for (k, year) in period.years.iter().enumerate() {
        columns.push(Column::fixed(
            year.era_label().replace("年度", ""),
            36.0,
            Align::Center,
            move |r: &PeriodRow| match &r.evaluations[k] {
                Some(e) => Cell::bold(e.clone()),
                None => Cell::new("―").colored(GREY_TEXT),
            },
        ));
    }
    columns.push(Column::fixed(
        format!("{}／取組", period.completed_status),
        58.0,
        Align::Center,
        |r: &PeriodRow| {
            if r.actions == 0 {
                Cell::new("―").colored(GREY_TEXT)
            } else {
                Cell::new(format!("{}／{}", r.completed, r.actions))
            }
        },
    ));
    if let Some(unit) = &model.facts.effect_unit {
        columns.push(Column::fixed(
            format!("{}累計\n（{unit}）", w.effect),
            64.0,
            Align::Right,
            |r: &PeriodRow| Cell::new(value_text(r.effect, 0)),
        ));
    }
    let mut rows: Vec<PeriodRow> = period.rows.clone();
    let mut total = PeriodRow {
        code: String::new(),
        title: "合計".into(),
        evaluations: vec![None; period.years.len()],
        completed: period.completed,
        actions: period.actions,
        effect: Some(period.effect),
    };
    if model.facts.effect_unit.is_none() {
        total.effect = None;
    }
    rows.push(total);
    table::draw_noted(
        doc,
        &columns,
        &rows,
        9.0,
        &format!(
            "評価欄は各年度の評価（― = 未評価）。{}／取組 = 最終年度に「{}」と報告された{}の数／{}の数。",
            period.completed_status, period.completed_status, w.action, w.action
        ),
        Style::SMALL,
    );

    let indicators = model.indicator_rows();
    if indicators.is_empty() {
        return;
    }
    doc.heading(2, "(2) 指標の最終実績と目標", false, 80.0);
    type Row<'m> = (&'m ItemReport, &'m IndicatorReport);
    let plan_baseline = model.facts.baseline_year;
    let plan_value =
        |v: Option<f64>, d: u8| v.map_or_else(|| "未設定".into(), |v| format_grouped(v, d));
    let columns: [Column<'_, Row<'_>>; 7] = [
        Column::fixed(w.code.as_str(), 44.0, Align::Center, |(i, _): &Row<'_>| {
            Cell::new(i.code.clone())
        }),
        Column::rest("指標", Align::Left, |(_, x): &Row<'_>| {
            Cell::new(x.label.clone())
        }),
        Column::fixed("単位", 30.0, Align::Center, |(_, x): &Row<'_>| {
            Cell::new(x.unit.clone())
        }),
        Column::fixed("基準値", 62.0, Align::Right, move |(_, x): &Row<'_>| {
            let value = plan_value(x.baseline, x.decimals);
            Cell::new(match x.own_baseline_year(plan_baseline) {
                Some(y) => format!("{value}\n{}", y.era_label()),
                None => value,
            })
        }),
        Column {
            heading: format!("実績\n{}", model.year.era_label()),
            width: Width::Fixed(62.0),
            align: Align::Right,
            cell: Box::new(|(_, x): &Row<'_>| {
                let last = x.values.last();
                let text = value_text(last.and_then(|v| v.value), x.decimals);
                match last {
                    Some(v) if v.incomplete && v.value.is_some() => Cell::new(format!("{text}※")),
                    _ => Cell::new(text),
                }
            }),
        },
        Column::fixed("目標値", 62.0, Align::Right, move |(_, x): &Row<'_>| {
            Cell::new(x.target_text(x.target, "未設定"))
        }),
        Column::fixed("達成率", 56.0, Align::Right, |(_, x): &Row<'_>| {
            super::item::achievement_cell(x.rate, x.judgement)
        }),
    ];
    let mut notes = model.facts.achievement.description().to_string();
    if indicators.iter().any(|(_, x)| {
        x.values
            .last()
            .is_some_and(|v| v.incomplete && v.value.is_some())
    }) {
        notes.push_str("　※ 一部の部署が未報告の合計値。");
    }
    table::draw_noted(doc, &columns, &indicators, 9.0, &notes, Style::SMALL);
}
