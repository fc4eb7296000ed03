//! The summary section, the item list and the effect amounts.

use super::super::chart;
use super::super::layout::{ALERT, Align, Cell, Doc, Style};
use super::super::table::{self, Column};
use super::{signed, styled, value_text};
use crate::form::UNSET;
use crate::numbers::format_grouped;
use crate::plan::Words;
use crate::report::model::{
    EffectLine, ItemReport, Level, ReportModel, Summary, SummaryKind, SummaryRow, UNRATED,
    unrated_meaning,
};

/// 1 進捗状況の概要: introduction, evaluation scale, summary table and chart.
pub(super) fn overview(doc: &mut Doc, model: &ReportModel, heading: &str) {
    let facts = &model.facts;
    let w = &facts.words;
    let year = model.year;
    doc.heading(1, heading, true, 0.0);
    let subs = &model.submissions;
    let intro = format!(
        "{}（計画期間 {}〜{}）に掲げる{}の{}について、{}の進捗状況を取りまとめました。各取組の{}が自己評価を行い、事務局（{}）が集計しています（提出 {}/{} 部署）。",
        facts.plan_title,
        facts.period.0.label(),
        facts.period.1.label(),
        model.items.len(),
        w.item,
        year.label(),
        w.lead,
        facts.secretariat,
        subs.submitted,
        subs.expected
    );
    doc.paragraph(&intro, Style::BODY, 0.0);
    let unrated: Vec<&str> = model.unrated_items().map(|i| i.code.as_str()).collect();
    if !unrated.is_empty() {
        doc.space(4.0);
        doc.paragraph(
            &format!(
                "未提出・要確認の{}（{}件: {}）は「{UNRATED}」として集計しています。",
                w.item,
                unrated.len(),
                unrated.join("、")
            ),
            Style::BODY.colored(ALERT),
            0.0,
        );
    }

    doc.heading(2, "(1) 評価の基準", false, 60.0);
    let columns: [Column<'_, Level>; 3] = [
        Column::fixed("評価", 50.0, Align::Center, |l: &Level| {
            Cell::bold(l.code.clone())
        }),
        Column::fixed("内容", 170.0, Align::Left, |l: &Level| {
            Cell::new(l.label.clone())
        }),
        Column::rest("目安", Align::Left, |l: &Level| {
            Cell::new(l.meaning.clone())
        }),
    ];
    table::draw(doc, &columns, &model.levels, 9.5);

    doc.heading(2, &format!("(2) {}別の評価", w.policy), false, 80.0);
    let summary = &model.summary;
    let prev_note = if summary.has_previous() {
        format!("（ ）内は前年度（{}）との増減。", year.previous().label())
    } else {
        "前年度の集計はありません。".to_string()
    };
    summary_table(
        doc,
        summary,
        w,
        &format!("単位: 件。{prev_note}{UNRATED} = {}。", unrated_meaning(w)),
    );

    doc.heading(2, &format!("(3) {}別の評価の分布", w.policy), false, 250.0);
    let categories: Vec<String> = summary.policy_rows().map(SummaryRow::label).collect();
    let values: Vec<Vec<f64>> = summary
        .policy_rows()
        .map(|r| r.current.iter().map(|v| *v as f64).collect())
        .collect();
    chart::stacked_bars(
        doc,
        &format!("{} {}別の評価（件数）", year.label(), w.policy),
        &categories,
        &summary.columns,
        &values,
        (250.0, model.ranked_levels()),
    );
    super::cycle::status_and_trend(doc, model);
}

/// A summary table: one row per 取組方針 with subtotals and the total, each count with its
/// change against the previous year in parentheses, and its note kept with it.
pub(super) fn summary_table(doc: &mut Doc, summary: &Summary, words: &Words, note: &str) {
    let strong = |r: &SummaryRow| r.kind != SummaryKind::Policy;
    let mut columns: Vec<Column<'_, SummaryRow>> = vec![Column::fixed(
        words.policy.as_str(),
        150.0,
        Align::Left,
        move |r: &SummaryRow| styled(Cell::new(r.label()), strong(r)),
    )];
    for (k, code) in summary.columns.iter().enumerate() {
        columns.push(Column::rest(
            code.clone(),
            Align::Center,
            move |r: &SummaryRow| {
                let text = match r.change(k) {
                    Some(d) => format!("{}（{}）", r.current[k], signed(d)),
                    None => r.current[k].to_string(),
                };
                styled(Cell::new(text), strong(r))
            },
        ));
    }
    columns.push(Column::rest("計", Align::Center, move |r: &SummaryRow| {
        styled(Cell::new(r.total().to_string()), strong(r))
    }));
    table::draw_noted(doc, &columns, &summary.rows, 9.0, note, Style::SMALL);
}

/// The evaluation of an item, or why there is none.
pub(super) fn evaluation_cell(item: &ItemReport) -> Cell {
    match item.evaluation_or_why() {
        Ok(code) => Cell::bold(code),
        Err(why) => Cell::new(why).colored(ALERT),
    }
}

/// The summary of a report text for the item list: its first sentence (up to and
/// including the first 。) followed by "…" when more follows, or the whole text when it is
/// one sentence; never cut inside a sentence (the row grows instead).
pub(super) fn first_sentence(text: &str) -> String {
    let text = text.trim();
    match text.find('。') {
        Some(end) => {
            let head = &text[..end + '。'.len_utf8()];
            if text[head.len()..].trim().is_empty() {
                head.to_string()
            } else {
                format!("{head}…")
            }
        }
        None => text.to_string(),
    }
}

/// 2 取組一覧: one row per item with its evaluation and a summary of the work done.
pub(super) fn item_list(doc: &mut Doc, model: &ReportModel, heading: &str) {
    doc.heading(1, heading, true, 0.0);
    let w = &model.facts.words;
    let columns: [Column<'_, ItemReport>; 5] = [
        Column::fixed(w.code.as_str(), 48.0, Align::Center, |i: &ItemReport| {
            Cell::new(i.code.clone())
        }),
        Column::fixed(w.item.as_str(), 110.0, Align::Left, |i: &ItemReport| {
            Cell::new(i.title.clone())
        }),
        Column::fixed(w.lead.as_str(), 72.0, Align::Left, |i: &ItemReport| {
            Cell::new(i.lead.clone().unwrap_or_else(|| UNSET.into()))
        }),
        Column::fixed("評価", 40.0, Align::Center, evaluation_cell),
        Column::rest("実施内容（要約）", Align::Left, |i: &ItemReport| match (
            &i.work_done,
            i.state,
        ) {
            (Some(t), _) => Cell::new(first_sentence(t)),
            (None, s) if !s.has_record() => Cell::new(i.state_label.clone()).colored(ALERT),
            (None, _) => Cell::new("―"),
        }),
    ];
    let legend: Vec<String> = model.levels.iter().map(Level::legend).collect();
    let note = format!("評価　{}", legend.join("　"));
    table::draw_noted(doc, &columns, &model.items, 9.0, &note, Style::SMALL);
}

/// 4 効果額: each item's amount per year, cumulative, and the totals.
pub(super) fn effects(doc: &mut Doc, model: &ReportModel, heading: &str) {
    doc.heading(1, heading, true, 0.0);
    let unit = model.facts.effect_unit.as_deref().unwrap_or_default();
    let w = &model.facts.words;
    doc.paragraph(
        &format!(
            "取組による経費の削減額・増収額（{}の報告）です。単位: {unit}。",
            w.lead
        ),
        Style::BODY,
        0.0,
    );
    doc.space(6.0);
    let table = &model.effects;
    let years = table.years.len();
    // Narrower amount columns from four years on, so the titles keep room to wrap by word.
    let amount_w = if years > 3 { 60.0 } else { 70.0 };
    let mut columns: Vec<Column<'_, EffectLine<'_>>> = vec![
        Column::fixed(
            w.code.as_str(),
            48.0,
            Align::Center,
            |l: &EffectLine<'_>| match l {
                EffectLine::Item(r) => Cell::new(r.code.clone()),
                EffectLine::Total(_) => styled(Cell::new(""), true),
            },
        ),
        Column::rest(w.item.as_str(), Align::Left, |l: &EffectLine<'_>| match l {
            EffectLine::Item(r) => Cell::new(r.title.clone()),
            EffectLine::Total(_) => styled(Cell::new("合計"), true),
        }),
    ];
    for (k, year) in table.years.iter().enumerate() {
        columns.push(Column::fixed(
            year.era_label(),
            amount_w,
            Align::Right,
            move |l: &EffectLine<'_>| match l {
                EffectLine::Item(r) => Cell::new(value_text(r.amounts[k], 0)),
                EffectLine::Total(t) => styled(Cell::new(format_grouped(t[k], 0)), true),
            },
        ));
    }
    columns.push(Column::fixed(
        "累計",
        amount_w,
        Align::Right,
        move |l: &EffectLine<'_>| match l {
            EffectLine::Item(r) => Cell::bold(format_grouped(r.cumulative, 0)),
            EffectLine::Total(t) => styled(Cell::new(format_grouped(t[years], 0)), true),
        },
    ));
    let lines = table.lines();
    table::draw(doc, &columns, &lines, 9.0);
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn summaries_end_at_a_sentence() {
        assert_eq!(
            first_sentence("支援会議は14回開いた。対象者は21人。"),
            "支援会議は14回開いた。…"
        );
        assert_eq!(
            first_sentence("手続を40件電子化した。"),
            "手続を40件電子化した。"
        );
        assert_eq!(
            first_sentence("句点のない長い報告文で年間126万件の閲覧"),
            "句点のない長い報告文で年間126万件の閲覧"
        );
        assert_eq!(first_sentence("  一文目。\n  "), "一文目。");
    }
}
