//! 計画期間の総括: in the plan's last year (or on request), every item over the whole
//! period — the evaluation of each year, the final indicator values against their targets,
//! the cumulative 効果額 and how many 具体的な取組 were completed.

use serde::Serialize;

use super::effects::EffectTable;
use super::items::ItemReport;
use crate::fiscal_year::FiscalYear;
use crate::merge::History;
use crate::plan::{Plan, Settings};

/// One item over the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodRow {
    /// 管理番号.
    pub code: String,
    /// 取組項目.
    pub title: String,
    /// The evaluation code of each year of the history (None = 未評価).
    pub evaluations: Vec<Option<String>>,
    /// 具体的な取組 whose latest status is the last of the settings' statuses (完了).
    pub completed: usize,
    /// 具体的な取組 of the item.
    pub actions: usize,
    /// 効果額 summed over the period, when any was reported.
    pub effect: Option<f64>,
}

/// The summary of the plan period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodSummary {
    /// The years covered, oldest first.
    pub years: Vec<FiscalYear>,
    /// The status that counts as completed (the last of the settings' statuses).
    pub completed_status: String,
    /// One row per item in plan order.
    pub rows: Vec<PeriodRow>,
    /// All items' completed and total 具体的な取組.
    pub completed: usize,
    /// All items' 具体的な取組.
    pub actions: usize,
    /// 効果額 over the period, all items.
    pub effect: f64,
}

/// The period summary from the history, the items' reports and the effect table.
pub fn period_summary(
    plan: &Plan,
    settings: &Settings,
    history: &History,
    items: &[ItemReport],
    effects: &EffectTable,
) -> PeriodSummary {
    let completed_status = settings
        .evaluation
        .statuses
        .last()
        .cloned()
        .unwrap_or_default();
    let rows: Vec<PeriodRow> = plan
        .items
        .iter()
        .zip(items)
        .map(|(item, report)| {
            let evaluations = history
                .years
                .iter()
                .map(|y| y.item(item.code()).and_then(|r| r.evaluation.clone()))
                .collect();
            let completed = report
                .actions
                .iter()
                .filter(|a| a.status.as_deref() == Some(completed_status.as_str()))
                .count();
            PeriodRow {
                code: item.code().to_string(),
                title: item.title.clone(),
                evaluations,
                completed,
                actions: report.actions.len(),
                effect: effects
                    .rows
                    .iter()
                    .find(|r| r.code == item.code())
                    .map(|r| r.cumulative),
            }
        })
        .collect();
    let mut rows = rows;
    rows.extend(
        plan.ended
            .iter()
            .map(|item| ended_row(item, history, &completed_status)),
    );
    PeriodSummary {
        years: history.years.iter().map(|y| y.year).collect(),
        completed: rows.iter().map(|r| r.completed).sum(),
        actions: rows.iter().map(|r| r.actions).sum(),
        effect: effects.grand_total(),
        completed_status,
        rows,
    }
}

/// An item that ended before the report's year, over the years it was reported: its
/// evaluations, and its 具体的な取組 completed in its last reported year (its 効果額 is not in
/// the effect table of the year, so none is shown).
fn ended_row(item: &crate::plan::Item, history: &History, completed_status: &str) -> PeriodRow {
    let last = history
        .years
        .iter()
        .rev()
        .find_map(|y| y.item(item.code()).filter(|r| r.state.has_record()));
    let completed = last.map_or(0, |r| {
        r.statuses
            .iter()
            .filter(|s| s.as_deref() == Some(completed_status))
            .count()
    });
    let ended = item
        .notes
        .last()
        .map_or_else(String::new, |n| format!("（{n}）"));
    PeriodRow {
        code: item.code().to_string(),
        title: format!("{}{ended}", item.title),
        evaluations: history
            .years
            .iter()
            .map(|y| y.item(item.code()).and_then(|r| r.evaluation.clone()))
            .collect(),
        completed,
        actions: item.actions.len(),
        effect: None,
    }
}
