//! Figures shared by the consolidated workbook and the committee PDF: the evaluation summary
//! per 取組方針 and the achievement rates of indicators.

use crate::merge::{History, ItemYear, YearProgress};
use crate::plan::{AchievementFormula, Direction, Indicator, Plan, Settings};

/// Kind of a row of the evaluation summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryKind {
    /// A second-level 取組方針 (1-1).
    Policy,
    /// A pillar subtotal ((1) 市民へのアプローチ).
    Subtotal,
    /// The grand total.
    Total,
}

/// One row of the evaluation summary: counts per level, then 未評価.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    pub kind: SummaryKind,
    /// "1-1" / "(1)" / "合計".
    pub id: String,
    pub name: String,
    /// Counts per evaluation level (settings order), then the count without evaluation.
    pub current: Vec<usize>,
    /// The same for the previous year, when that year is in the history.
    pub previous: Option<Vec<usize>>,
}

impl SummaryRow {
    /// Items in the row.
    pub fn total(&self) -> usize {
        self.current.iter().sum()
    }
}

/// Column headings of the summary counts: the level codes, then 未評価.
pub fn summary_columns(settings: &Settings) -> Vec<String> {
    settings
        .evaluation
        .levels
        .iter()
        .map(|l| l.code.clone())
        .chain(std::iter::once(UNRATED.to_string()))
        .collect()
}

/// Label of items without an evaluation (未提出 or not filled).
pub const UNRATED: &str = "未評価";

fn counts<'a>(settings: &Settings, items: impl Iterator<Item = &'a ItemYear>) -> Vec<usize> {
    let levels = &settings.evaluation.levels;
    let mut out = vec![0; levels.len() + 1];
    for item in items {
        let index = item
            .evaluation
            .as_deref()
            .and_then(|e| levels.iter().position(|l| l.code == e))
            .unwrap_or(levels.len());
        out[index] += 1;
    }
    out
}

/// The evaluation summary of `year` with the previous year beside it.
pub fn evaluation_summary(
    plan: &Plan,
    settings: &Settings,
    history: &History,
    year: &YearProgress,
) -> Vec<SummaryRow> {
    let previous = history.year(year.year.previous());
    // Each item's policy, looked up once (not by a search of the plan per row and item);
    // the first item of a code wins, as with `Plan::item`.
    let policy_of: std::collections::HashMap<&str, &str> = plan
        .items
        .iter()
        .rev()
        .map(|i| (i.code(), i.policy_id()))
        .collect();
    let in_policy = |y: &YearProgress, ids: &[&str]| -> Vec<usize> {
        let items = y.items.iter().filter(|i| {
            policy_of
                .get(i.code.as_str())
                .is_some_and(|p| ids.contains(p))
        });
        counts(settings, items)
    };
    let row = |kind, id: String, name: String, ids: &[&str]| SummaryRow {
        kind,
        id,
        name,
        current: in_policy(year, ids),
        previous: previous.map(|p| in_policy(p, ids)),
    };
    let mut rows = Vec::new();
    let mut all_ids = Vec::new();
    for pillar in &plan.pillars {
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
            format!("({})", pillar.id),
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
    rows
}

/// An achievement rate, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rate {
    /// The rate as a fraction (1.0 = 100 %).
    Value(f64),
    /// The plan leaves the baseline or target open (未設定).
    Unset,
    /// No value was reported for the year (未報告).
    NotReported,
    /// The formula has no meaning here (目標 = 基準, or 実績 0 for a ratio of lower-is-better).
    Undefined,
}

impl Rate {
    /// Text for outputs: "85.0%" / 未設定 / 未報告 / ―.
    pub fn label(self) -> String {
        match self {
            Rate::Value(v) => format!("{}%", crate::numbers::format_grouped(v * 100.0, 1)),
            Rate::Unset => "未設定".into(),
            Rate::NotReported => "未報告".into(),
            Rate::Undefined => "―".into(),
        }
    }
}

/// The achievement rate of an indicator for a reported value, by the configured formula.
pub fn achievement(
    formula: AchievementFormula,
    indicator: &Indicator,
    actual: Option<f64>,
) -> Rate {
    let Some(target) = indicator.target else {
        return Rate::Unset;
    };
    let Some(actual) = actual else {
        return Rate::NotReported;
    };
    match formula {
        AchievementFormula::Progress => {
            let Some(baseline) = indicator.baseline else {
                return Rate::Unset;
            };
            let span = target - baseline;
            if span.abs() < f64::EPSILON {
                return Rate::Undefined;
            }
            Rate::Value((actual - baseline) / span)
        }
        AchievementFormula::Ratio => match indicator.direction {
            Direction::Higher if target > 0.0 => Rate::Value(actual / target),
            Direction::Lower if actual > 0.0 => Rate::Value(target / actual),
            _ => Rate::Undefined,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn indicator(baseline: Option<f64>, target: Option<f64>, direction: Direction) -> Indicator {
        Indicator {
            name: "x".into(),
            unit: "件".into(),
            baseline,
            target,
            yearly_targets: BTreeMap::new(),
            direction,
            aggregation: Default::default(),
            decimals: 0,
            sample: false,
        }
    }

    #[test]
    fn progress_works_both_ways() {
        let up = indicator(Some(100.0), Some(200.0), Direction::Higher);
        assert_eq!(
            achievement(AchievementFormula::Progress, &up, Some(150.0)),
            Rate::Value(0.5)
        );
        let down = indicator(Some(162.0), Some(130.0), Direction::Lower);
        assert_eq!(
            achievement(AchievementFormula::Progress, &down, Some(146.0)),
            Rate::Value(0.5)
        );
    }

    #[test]
    fn ratio_inverts_for_lower_is_better() {
        let up = indicator(None, Some(200.0), Direction::Higher);
        assert_eq!(
            achievement(AchievementFormula::Ratio, &up, Some(150.0)),
            Rate::Value(0.75)
        );
        let down = indicator(None, Some(130.0), Direction::Lower);
        assert_eq!(
            achievement(AchievementFormula::Ratio, &down, Some(260.0)),
            Rate::Value(0.5)
        );
        assert_eq!(
            achievement(AchievementFormula::Ratio, &down, Some(0.0)),
            Rate::Undefined
        );
    }

    #[test]
    fn unset_is_never_zero() {
        let open = indicator(None, None, Direction::Higher);
        assert_eq!(
            achievement(AchievementFormula::Progress, &open, Some(5.0)),
            Rate::Unset
        );
        assert_eq!(
            achievement(AchievementFormula::Ratio, &open, Some(5.0)),
            Rate::Unset
        );
        let set = indicator(Some(1.0), Some(2.0), Direction::Higher);
        assert_eq!(
            achievement(AchievementFormula::Progress, &set, None),
            Rate::NotReported
        );
        assert_eq!(Rate::Unset.label(), "未設定");
        assert_eq!(Rate::Value(0.853).label(), "85.3%");
    }
}
