//! The evaluation summary: items per evaluation level and 取組方針, with the previous year
//! and the change (増減) beside each count.

use serde::Serialize;

use crate::merge::{History, ItemYear, YearProgress};
use crate::plan::{Plan, Settings};

pub use super::states::UNRATED;

/// Kind of a row of the evaluation summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SummaryKind {
    /// A group items belong to: a second-level 取組方針 (1-1), or a pillar without
    /// policies.
    Policy,
    /// A pillar subtotal ((1) 市民へのアプローチ).
    Subtotal,
    /// The grand total.
    Total,
}

/// One row of the evaluation summary: counts per level, then 未評価.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    /// Policy, subtotal or total.
    pub kind: SummaryKind,
    /// The group's or pillar's id as the plan writes it ("1-1", "(1)"), or "合計".
    pub id: String,
    /// 取組方針 name; "… 小計" for subtotals; "合計" for the total.
    pub name: String,
    /// Counts per evaluation level (settings order), then the count without evaluation.
    pub current: Vec<usize>,
    /// The same for the previous year, when that year is in the history.
    pub previous: Option<Vec<usize>>,
}

impl SummaryRow {
    /// Items in the row this year.
    pub fn total(&self) -> usize {
        self.current.iter().sum()
    }

    /// Items in the row the previous year.
    pub fn previous_total(&self) -> Option<usize> {
        self.previous.as_ref().map(|p| p.iter().sum())
    }

    /// The change of column `k` against the previous year (増減).
    pub fn change(&self, k: usize) -> Option<i64> {
        let previous = self.previous.as_ref()?.get(k)?;
        let current = self.current.get(k)?;
        Some(*current as i64 - *previous as i64)
    }

    /// "1-1 わかりやすい情報提供", "(1) 市民へのアプローチ 小計" or "合計".
    pub fn label(&self) -> String {
        match self.kind {
            SummaryKind::Total => self.name.clone(),
            _ => format!("{} {}", self.id, self.name),
        }
    }
}

/// The summary table with its column headings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Column headings of the counts: the level codes, then 未評価.
    pub columns: Vec<String>,
    /// Policy rows, a subtotal after each pillar, the total last.
    pub rows: Vec<SummaryRow>,
}

impl Summary {
    /// Whether the previous year is compared.
    pub fn has_previous(&self) -> bool {
        self.rows.first().is_some_and(|r| r.previous.is_some())
    }

    /// The rows of second-level 取組方針 only (for charts).
    pub fn policy_rows(&self) -> impl Iterator<Item = &SummaryRow> {
        self.rows.iter().filter(|r| r.kind == SummaryKind::Policy)
    }
}

/// What is counted in a summary: each item record gives one count per column.
type Counter<'c> = dyn Fn(&ItemYear) -> Vec<usize> + 'c;

/// Counts per level (then 未評価) of one item: 1 in its evaluation's column.
fn evaluation_counts(settings: &Settings) -> impl Fn(&ItemYear) -> Vec<usize> + '_ {
    let levels = &settings.evaluation.levels;
    move |item| {
        let mut out = vec![0; levels.len() + 1];
        let index = item
            .evaluation
            .as_deref()
            .and_then(|e| super::items::level_column(levels, e))
            .unwrap_or(levels.len());
        out[index] += 1;
        out
    }
}

/// Counts per status (then 未記入) of one item's 具体的な取組.
fn status_counts(settings: &Settings) -> impl Fn(&ItemYear) -> Vec<usize> + '_ {
    let statuses = &settings.evaluation.statuses;
    move |item| {
        let mut out = vec![0; statuses.len() + 1];
        for s in &item.statuses {
            let index = s
                .as_deref()
                .and_then(|s| statuses.iter().position(|x| x == s))
                .unwrap_or(statuses.len());
            out[index] += 1;
        }
        out
    }
}

/// Each item's group id by 管理番号, looked up once rather than by a search of the plan per
/// row and item.
type GroupOf<'p> = std::collections::HashMap<&'p str, &'p str>;

/// Sums the counts of the items of `year` in the groups `ids`.
fn count_in(
    group_of: &GroupOf<'_>,
    year: &YearProgress,
    ids: &[&str],
    width: usize,
    counter: &Counter<'_>,
) -> Vec<usize> {
    let items = year.items.iter().filter(|i| {
        group_of
            .get(i.code.as_str())
            .is_some_and(|g| ids.contains(g))
    });
    sum_counts(items, width, counter)
}

/// Sums the counts of items, column by column.
fn sum_counts<'i>(
    items: impl Iterator<Item = &'i ItemYear>,
    width: usize,
    counter: &Counter<'_>,
) -> Vec<usize> {
    let mut out = vec![0; width];
    for item in items {
        for (total, n) in out.iter_mut().zip(counter(item)) {
            *total += n;
        }
    }
    out
}

/// The columns of an evaluation count: each level's code, then 未評価.
fn evaluation_columns(settings: &Settings) -> Vec<String> {
    settings
        .evaluation
        .levels
        .iter()
        .map(|l| {
            if l.ranked {
                l.code.clone()
            } else {
                l.label.clone()
            }
        })
        .chain(std::iter::once(UNRATED.to_string()))
        .collect()
}

/// The evaluation summary of `year` with the previous year beside it: one row per group
/// (a second-level policy, or a pillar without policies), a subtotal after each pillar that
/// has policies, and the total.
pub fn evaluation_summary(
    plan: &Plan,
    settings: &Settings,
    history: &History,
    year: &YearProgress,
) -> Summary {
    let columns = evaluation_columns(settings);
    grouped(plan, history, year, columns, &evaluation_counts(settings))
}

/// Label of 具体的な取組 without a status.
pub const NO_STATUS: &str = "未記入";

/// The 実施状況 summary of `year`: 具体的な取組 counted by status per group, with the
/// previous year beside it.
pub fn status_summary(
    plan: &Plan,
    settings: &Settings,
    history: &History,
    year: &YearProgress,
) -> Summary {
    let columns = settings
        .evaluation
        .statuses
        .iter()
        .cloned()
        .chain(std::iter::once(NO_STATUS.to_string()))
        .collect();
    grouped(plan, history, year, columns, &status_counts(settings))
}

/// A summary table over the plan's groups with the given counter.
fn grouped(
    plan: &Plan,
    history: &History,
    year: &YearProgress,
    columns: Vec<String>,
    counter: &Counter<'_>,
) -> Summary {
    let width = columns.len();
    let previous = history.year(year.year.previous());
    let group_of: GroupOf<'_> = plan
        .items
        .iter()
        .map(|i| (i.code(), i.policy_id()))
        .collect();
    let row = |kind, id: String, name: String, ids: &[&str]| SummaryRow {
        kind,
        id,
        name,
        current: count_in(&group_of, year, ids, width, counter),
        previous: previous.map(|p| count_in(&group_of, p, ids, width, counter)),
    };
    let mut rows = Vec::new();
    let mut all_ids = Vec::new();
    for pillar in &plan.pillars {
        if pillar.policies.is_empty() {
            let ids = [pillar.id.as_str()];
            rows.push(row(
                SummaryKind::Policy,
                pillar.id.clone(),
                pillar.name.clone(),
                &ids,
            ));
            all_ids.extend(ids);
            continue;
        }
        let ids: Vec<&str> = pillar.policies.iter().map(|p| p.id.as_str()).collect();
        for policy in &pillar.policies {
            rows.push(row(
                SummaryKind::Policy,
                policy.id.clone(),
                policy.name.clone(),
                &[policy.id.as_str()],
            ));
        }
        rows.push(row(
            SummaryKind::Subtotal,
            pillar.id.clone(),
            format!("{} 小計", pillar.name),
            &ids,
        ));
        all_ids.extend(ids);
    }
    rows.push(row(
        SummaryKind::Total,
        "合計".into(),
        "合計".into(),
        &all_ids,
    ));
    Summary { columns, rows }
}

/// One year of the trend: items per evaluation level (then 未評価).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendRow {
    /// The fiscal year.
    pub year: crate::fiscal_year::FiscalYear,
    /// Counts per level, then 未評価.
    pub counts: Vec<usize>,
}

impl TrendRow {
    /// Items counted in the year (every level and 未評価).
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// The evaluations of every year so far (評価の推移).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// The level codes, then 未評価.
    pub columns: Vec<String>,
    /// One row per year of the history, oldest first.
    pub rows: Vec<TrendRow>,
}

/// Items per evaluation in every year of the history.
pub fn evaluation_trend(settings: &Settings, history: &History) -> Trend {
    let counter = evaluation_counts(settings);
    let width = settings.evaluation.levels.len() + 1;
    let rows = history
        .years
        .iter()
        .map(|y| TrendRow {
            year: y.year,
            counts: sum_counts(y.items.iter(), width, &counter),
        })
        .collect();
    Trend {
        columns: evaluation_columns(settings),
        rows,
    }
}
