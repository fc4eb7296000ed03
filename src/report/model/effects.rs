//! 効果額 (effect amounts): each item's amount per year, its cumulative sum and the totals.

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::merge::History;
use crate::plan::Plan;

/// One item's effect amounts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectRow {
    /// 管理番号.
    pub code: String,
    /// 取組項目.
    pub title: String,
    /// 担当部署; None = 未設定.
    pub lead: Option<String>,
    /// Amount per year of the history (None = not reported).
    pub amounts: Vec<Option<f64>>,
    /// Sum of the reported amounts (累計).
    pub cumulative: f64,
}

/// The effect amounts of every item that reported one in any year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectTable {
    /// The years of the columns, oldest first.
    pub years: Vec<FiscalYear>,
    /// Items with at least one reported amount, in plan order.
    pub rows: Vec<EffectRow>,
    /// Totals per year, then the cumulative total.
    pub totals: Vec<f64>,
}

impl EffectTable {
    /// Whether any amount was reported.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows of the table as the outputs lay them out: each item, then the totals.
    pub fn lines(&self) -> Vec<EffectLine<'_>> {
        self.rows
            .iter()
            .map(EffectLine::Item)
            .chain(std::iter::once(EffectLine::Total(&self.totals)))
            .collect()
    }

    /// The cumulative total over every year.
    pub fn grand_total(&self) -> f64 {
        self.totals.last().copied().unwrap_or(0.0)
    }
}

/// A row of the effect table: an item, or the totals (per year, then cumulative).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EffectLine<'m> {
    /// An item's amounts.
    Item(&'m EffectRow),
    /// The totals per year, then the cumulative total.
    Total(&'m [f64]),
}

/// The effect table over the years of the history.
pub fn effect_table(plan: &Plan, history: &History) -> EffectTable {
    let years: Vec<FiscalYear> = history.years.iter().map(|y| y.year).collect();
    let mut totals = vec![0.0; years.len() + 1];
    let mut rows = Vec::new();
    for item in &plan.items {
        let amounts: Vec<Option<f64>> = history
            .years
            .iter()
            .map(|y| y.item(item.code()).and_then(|r| r.effect_amount))
            .collect();
        if amounts.iter().all(Option::is_none) {
            continue;
        }
        for (total, amount) in totals.iter_mut().zip(&amounts) {
            *total += amount.unwrap_or(0.0);
        }
        let cumulative: f64 = amounts.iter().flatten().sum();
        totals[years.len()] += cumulative;
        rows.push(EffectRow {
            code: item.code().to_string(),
            title: item.title.clone(),
            lead: item.lead.clone(),
            amounts,
            cumulative,
        });
    }
    EffectTable {
        years,
        rows,
        totals,
    }
}
