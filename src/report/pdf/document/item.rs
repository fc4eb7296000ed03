//! One item's section: plan facts, evaluation, actions with statuses, work done, indicators
//! with charts, issues, next steps and the implementing departments' contributions.

use super::super::chart;
use super::super::layout::{ACCENT, ALERT, Align, Cell, Doc, GREY_TEXT, LABEL_FILL, Style};
use super::super::table::{self, Column};
use super::value_text;
use crate::form::{UNSET, circled};
use crate::merge::ItemState;
use crate::numbers::format_grouped;
use crate::plan::Words;
use crate::report::model::{
    Action, DepartmentPart, IndicatorReport, ItemReport, Rate, ReportModel, Role, StateLabel,
    UNRATED,
};
use crate::submission::DeptState;

/// The section of one item, under its heading.
pub(super) fn section(doc: &mut Doc, model: &ReportModel, item: &ItemReport, heading: &str) {
    doc.heading(2, heading, true, 80.0);
    doc.set_continuation(Some(heading));
    let w = &model.facts.words;
    if item.sample {
        doc.paragraph(
            &format!("サンプル（{}・指標値の一部は架空です）", w.lead),
            Style::SMALL.colored(ALERT),
            0.0,
        );
    }
    if let Some(notice) = state_notice(item.state, w) {
        doc.paragraph(&notice, Style::BOLD.colored(ALERT), 0.0);
    }
    if !item.lifecycle.is_empty() {
        doc.paragraph(
            &item.lifecycle.join("。"),
            Style::SMALL.colored(GREY_TEXT),
            0.0,
        );
    }
    doc.space(2.0);
    let or_unset = |s: &Option<String>| {
        s.clone()
            .unwrap_or_else(|| "（計画に記載なし）".to_string())
    };
    let mut facts = vec![(w.policy.clone(), item.policy.clone())];
    if model.facts.has_continuity {
        facts.push((
            "前期計画".into(),
            item.continuity.clone().unwrap_or_else(|| "―".into()),
        ));
    }
    facts.extend([
        (
            w.lead.clone(),
            item.lead.clone().unwrap_or_else(|| UNSET.into()),
        ),
        (
            w.participant.clone(),
            item.implementers.clone().unwrap_or_else(|| "―".into()),
        ),
        ("アウトカム".into(), or_unset(&item.outcome)),
        ("現状・課題".into(), or_unset(&item.situation)),
    ]);
    doc.key_values(&facts, 90.0);

    doc.heading(3, "評価", false, 20.0);
    let (evaluation, color) = match &item.evaluation {
        Some(e) => (e.text(), ACCENT),
        None => (UNRATED.to_string(), ALERT),
    };
    doc.paragraph(&evaluation, Style::BOLD.sized(11.0).colored(color), 6.0);

    doc.heading(3, &format!("{}と状況", w.action), false, 30.0);
    if item.actions.is_empty() {
        doc.paragraph("（計画に記載なし）", Style::BODY.colored(GREY_TEXT), 6.0);
    } else {
        let numbered: Vec<(usize, &Action)> = item.actions.iter().enumerate().collect();
        let columns: [Column<'_, (usize, &Action)>; 3] = [
            Column::fixed(
                "番号",
                32.0,
                Align::Center,
                |(i, _): &(usize, &Action)| Cell::new(circled(*i)),
            ),
            Column::rest(
                w.action.as_str(),
                Align::Left,
                |(_, a): &(usize, &Action)| Cell::new(a.text.clone()),
            ),
            Column::fixed(
                "状況",
                60.0,
                Align::Center,
                |(_, a): &(usize, &Action)| {
                    a.status
                        .clone()
                        .map_or_else(|| Cell::new("未記入").colored(GREY_TEXT), Cell::new)
                },
            ),
        ];
        table::draw(doc, &columns, &numbered, 9.0);
    }

    prose(doc, "実施内容", item.work_done.as_deref());

    if !item.indicators.is_empty() {
        indicators(doc, model, item);
    }

    prose(doc, "課題", item.issues.as_deref());
    prose(doc, "今後の方向性", item.next_steps.as_deref());

    if item.has_previous_opinion_or_response() {
        doc.heading(3, "前年度の委員会意見と対応", false, 50.0);
        let response = item.response_or_why().unwrap_or_else(|why| why).to_string();
        let opinion = item
            .previous_opinion
            .clone()
            .unwrap_or_else(|| "（意見なし）".to_string());
        doc.key_values(
            &[
                ("委員会意見".to_string(), opinion),
                ("対応".to_string(), response),
            ],
            90.0,
        );
    }
    if let Some(opinion) = &item.opinion {
        doc.heading(3, "委員会の意見", false, 30.0);
        doc.paragraph(opinion, Style::BODY, 6.0);
    }

    if item.contributions().next().is_some() {
        contributions(doc, item, w);
    }
    doc.set_continuation(None);
}

/// The notice printed under the heading of an item without a clean record.
fn state_notice(state: ItemState, w: &Words) -> Option<String> {
    match state {
        ItemState::Missing => Some(format!("未提出　{}から報告の提出がありません。", w.lead)),
        ItemState::Unusable => Some(format!(
            "要確認　{}の提出ファイルを読み込めませんでした（検証結果を参照）。",
            w.lead
        )),
        ItemState::NeedsReview => {
            Some("要確認　提出内容の一部に誤りがあります（検証結果を参照）。".into())
        }
        ItemState::NoLead => Some(format!("{}が計画で定められていません。", w.lead)),
        ItemState::Reported => None,
    }
}

/// A titled block of reported text.
fn prose(doc: &mut Doc, title: &str, text: Option<&str>) {
    doc.heading(3, title, false, 30.0);
    doc.paragraph(text.unwrap_or("（報告なし）"), Style::BODY, 6.0);
}

/// A row of the departments' table: a department's part, or the total of the summed
/// indicators for the year.
enum PartLine<'m> {
    Part(&'m DepartmentPart),
    Total,
}

/// The implementing departments' work and their shares of summed indicators. With summed
/// indicators the lead's own value and the total are rows too, so the column adds up to the
/// value of the indicator table (a total with a department missing is marked ※).
fn contributions(doc: &mut Doc, item: &ItemReport, w: &Words) {
    let summed: Vec<&IndicatorReport> = item.summed_indicators().collect();
    let title = if summed.is_empty() {
        format!("{}の取組", w.participant)
    } else {
        format!("{}の取組と指標値の内訳", w.participant)
    };
    doc.heading(3, &title, false, 40.0);
    let mut columns: Vec<Column<'_, PartLine<'_>>> = vec![
        Column::fixed("部署", 80.0, Align::Left, |l: &PartLine<'_>| match l {
            PartLine::Part(d) if d.role == Role::Lead => {
                Cell::new(format!("{}（{}）", d.department, Role::Lead.label_in(w)))
            }
            PartLine::Part(d) => Cell::new(d.department.clone()),
            PartLine::Total => Cell::bold("合計").filled(LABEL_FILL),
        }),
        Column::rest("実施内容", Align::Left, |l: &PartLine<'_>| match l {
            PartLine::Part(d) if d.role == Role::Lead => {
                Cell::new("（上記「実施内容」のとおり）").colored(GREY_TEXT)
            }
            PartLine::Part(d) => match (&d.work_done, d.state) {
                (Some(t), _) => Cell::new(t.clone()),
                (None, s @ (DeptState::Missing | DeptState::Unusable)) => {
                    Cell::new(s.label_in(w)).colored(ALERT)
                }
                (None, _) => Cell::new("―"),
            },
            PartLine::Total => Cell::new("").filled(LABEL_FILL),
        }),
    ];
    for (k, ind) in summed.iter().enumerate() {
        let decimals = ind.decimals;
        let total = ind.values.last().cloned();
        columns.push(Column::fixed(
            format!("{}（{}）", ind.name, ind.unit),
            70.0,
            Align::Right,
            move |l: &PartLine<'_>| match l {
                PartLine::Part(d) => Cell::new(value_text(d.values[k], decimals)),
                PartLine::Total => {
                    let text = match &total {
                        Some(v) if v.incomplete && v.value.is_some() => {
                            format!("{}※", value_text(v.value, decimals))
                        }
                        Some(v) => value_text(v.value, decimals),
                        None => value_text(None, decimals),
                    };
                    Cell::bold(text).filled(LABEL_FILL)
                }
            },
        ));
    }
    let mut lines: Vec<PartLine<'_>> = Vec::new();
    if !summed.is_empty() {
        lines.extend(
            item.departments
                .iter()
                .filter(|d| d.role == Role::Lead)
                .map(PartLine::Part),
        );
    }
    lines.extend(item.contributions().map(PartLine::Part));
    if summed.is_empty() {
        table::draw(doc, &columns, &lines, 9.0);
        return;
    }
    lines.push(PartLine::Total);
    let mut note = format!(
        "合計 = {}と各{}の値の和（指標の表の値）。",
        w.lead, w.participant
    );
    if summed
        .iter()
        .any(|i| i.values.last().is_some_and(|v| v.incomplete))
    {
        note.push_str("※ 未報告の部署がある年度の合計値。");
    }
    table::draw_noted(doc, &columns, &lines, 9.0, &note, Style::SMALL);
}

/// A year's value: "1,234", "1,234※" for an incomplete sum, or 未報告; with the year's
/// target and achievement below it when the plan sets a yearly target.
fn year_value_text(ind: &IndicatorReport, k: usize) -> String {
    let v = &ind.values[k];
    let value = match v.value {
        Some(x) if v.incomplete => format!("{}※", format_grouped(x, ind.decimals)),
        Some(x) => format_grouped(x, ind.decimals),
        None => "未報告".into(),
    };
    match v.target {
        Some(t) => format!(
            "{value}\n目標 {}{}\n達成 {}",
            format_grouped(t, ind.decimals),
            ind.comparison_label(),
            v.rate.label()
        ),
        None => value,
    }
}

/// The achievement cell: the 達成率, or 達成 / 未達成 by the comparison; grey when there is
/// nothing to judge.
pub(super) fn achievement_cell(
    rate: Rate,
    judgement: Option<crate::report::model::Judgement>,
) -> Cell {
    // A narrow column: the judgement and the rate on two lines ("未達成" / "100.0%").
    let (text, judged) = match (judgement, rate) {
        (Some(j), Rate::Value(_)) if j.is_judged() => {
            (format!("{}\n{}", j.label(), rate.label()), true)
        }
        (Some(j), _) => (j.label().to_string(), j.is_judged()),
        (None, _) => (rate.label(), matches!(rate, Rate::Value(_))),
    };
    if judged {
        Cell::new(text)
    } else {
        Cell::new(text).colored(GREY_TEXT)
    }
}

/// The indicator table, its notes and one line chart per indicator with values.
fn indicators(doc: &mut Doc, model: &ReportModel, item: &ItemReport) {
    let facts = &model.facts;
    let plan_baseline = facts.baseline_year;
    let w = doc.body_width();
    doc.heading(3, "指標", false, 50.0);
    let years = &model.years;
    // More years leave less room: narrower fixed columns, so that a seven-digit value stays
    // on one line; the type stays at 9 pt, readable on paper.
    let (name_w, unit_w, value_w, size) = match years.len() {
        0..=2 => (100.0, 34.0, 62.0, 9.0),
        3 => (88.0, 28.0, 56.0, 9.0),
        _ => (76.0, 26.0, 52.0, 9.0),
    };
    let fixed = name_w + unit_w + 3.0 * value_w;
    let year_w = ((w - fixed) / years.len().max(1) as f32).max(40.0);
    let plan_value = |v: Option<f64>, decimals: u8| {
        v.map_or_else(|| UNSET.into(), |v| format_grouped(v, decimals))
    };
    let mut columns: Vec<Column<'_, IndicatorReport>> = vec![
        Column::fixed("指標", name_w, Align::Left, |x: &IndicatorReport| {
            Cell::new(x.label.clone())
        }),
        Column::fixed("単位", unit_w, Align::Center, |x: &IndicatorReport| {
            Cell::new(x.unit.clone())
        }),
        Column::fixed(
            format!("基準値\n{}", facts.baseline_year.era_label()),
            value_w,
            Align::Right,
            move |x: &IndicatorReport| {
                let value = plan_value(x.baseline, x.decimals);
                Cell::new(match x.own_baseline_year(plan_baseline) {
                    Some(y) => format!("{value}\n{}", y.era_label()),
                    None => value,
                })
            },
        ),
    ];
    for (k, year) in years.iter().enumerate() {
        columns.push(Column::fixed(
            format!("実績\n{}", year.era_label()),
            year_w,
            Align::Right,
            move |x: &IndicatorReport| Cell::new(year_value_text(x, k)),
        ));
    }
    columns.push(Column::fixed(
        format!("目標値\n{}", facts.target_year.era_label()),
        value_w,
        Align::Right,
        move |x: &IndicatorReport| Cell::new(x.target_text(x.target, UNSET)),
    ));
    columns.push(Column::fixed(
        "達成率",
        value_w,
        Align::Right,
        |x: &IndicatorReport| achievement_cell(x.rate, x.judgement),
    ));
    let mut notes = vec![facts.achievement.description().to_string()];
    if item
        .indicators
        .iter()
        .any(|i| i.baseline.is_none() || i.target.is_none())
    {
        notes.push("未設定 = 計画で値が定められていない。".into());
    }
    if item.indicators.iter().any(IndicatorReport::has_incomplete) {
        notes.push("※ 一部の部署が未報告の合計値。".into());
    }
    if item
        .indicators
        .iter()
        .any(IndicatorReport::has_yearly_targets)
    {
        notes.push("目標・達成 = 計画の年度目標とその達成率。".into());
    }
    if item.indicators.iter().any(|i| i.comparison.is_some()) {
        notes.push("達成・未達成 = 実績を目標値の比較（以上・以下・未満・超）で判定。".into());
    }
    table::draw_noted(
        doc,
        &columns,
        &item.indicators,
        size,
        &notes.join("　"),
        Style::SMALL,
    );
    for ind in item.indicators.iter().filter(|i| i.has_values()) {
        let mut labels = vec![format!("基準 {}", ind.baseline_year.era_label())];
        labels.extend(years.iter().map(|y| y.era_label()));
        let mut series = vec![(
            "実績".to_string(),
            std::iter::once(ind.baseline)
                .chain(ind.values.iter().map(|v| v.value))
                .collect(),
        )];
        if ind.has_yearly_targets() {
            series.push((
                "年度目標".to_string(),
                std::iter::once(None)
                    .chain(ind.values.iter().map(|v| v.target))
                    .collect(),
            ));
        }
        let partial: Vec<bool> = std::iter::once(false)
            .chain(ind.values.iter().map(|v| v.incomplete && v.value.is_some()))
            .collect();
        doc.space(6.0);
        chart::line_chart(
            doc,
            &format!("{}の推移", ind.label),
            &labels,
            &series,
            &partial,
            ind.decimals,
            ind.target,
            &ind.unit,
            170.0,
        );
        if partial.iter().any(|p| *p) {
            doc.paragraph("※ 一部の部署が未報告の年度の合計値。", Style::SMALL, 0.0);
        }
    }
}
