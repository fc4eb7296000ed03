//! Indicators (指標): each year's value beside the plan's baseline, yearly and final targets,
//! and the achievement rate (達成率) by the configured formula.

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::form::circled;
use crate::merge::{History, IndicatorValue};
use crate::numbers::{Rounded, format_grouped};
use crate::plan::{AchievementFormula, Aggregation, Comparison, Direction, Indicator, Item};

/// One fiscal year's value of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearValue {
    /// The fiscal year.
    pub year: FiscalYear,
    /// The reported (or summed) value; None = 未報告.
    pub value: Option<f64>,
    /// For summed indicators: some department's share is missing.
    pub incomplete: bool,
    /// The plan's target for this year (年度目標), if it sets one.
    pub target: Option<f64>,
    /// The achievement of the year's value against the year's target (Unset without one).
    pub rate: Rate,
    /// The achievement of the year's value against the final target (目標値).
    pub final_rate: Rate,
    /// 達成 / 未達成 of the year's value against the final target by the indicator's
    /// comparison; None without a comparison.
    pub judgement: Option<Judgement>,
}

/// An indicator of an item as every output shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorReport {
    /// Position in the item's list (0-based).
    pub index: usize,
    /// "①市HP閲覧ビュー".
    pub label: String,
    /// Name as in the plan.
    pub name: String,
    /// Unit (件, %).
    pub unit: String,
    /// Decimal places shown.
    pub decimals: u8,
    /// Whether higher or lower is better.
    pub direction: Direction,
    /// Lead's value or the sum of every department's.
    pub aggregation: Aggregation,
    /// 基準値; None = 未設定.
    pub baseline: Option<f64>,
    /// 目標値; None = 未設定.
    pub target: Option<f64>,
    /// How the target is met (以上・以下・未満・超); None = a point target.
    pub comparison: Option<Comparison>,
    /// The fiscal year of the baseline (the indicator's own, else the plan's).
    pub baseline_year: FiscalYear,
    /// True when baseline/target are invented sample values.
    pub sample: bool,
    /// One value per year of the history, oldest first.
    pub values: Vec<YearValue>,
    /// 達成率 of the report's year.
    pub rate: Rate,
    /// 達成 / 未達成 of the report's year by the comparison; None without a comparison.
    pub judgement: Option<Judgement>,
}

impl IndicatorReport {
    /// 増 / 減: the direction of improvement.
    pub fn direction_label(&self) -> &'static str {
        match self.direction {
            Direction::Higher => "増",
            Direction::Lower => "減",
        }
    }

    /// 担当 / 合計: whose values make the indicator.
    pub fn aggregation_label(&self) -> &'static str {
        match self.aggregation {
            Aggregation::Lead => "担当",
            Aggregation::Sum => "合計",
        }
    }

    /// Whether any year has a value.
    pub fn has_values(&self) -> bool {
        self.values.iter().any(|v| v.value.is_some())
    }

    /// Whether any year's value is a sum with missing shares.
    pub fn has_incomplete(&self) -> bool {
        self.values
            .iter()
            .any(|v| v.incomplete && v.value.is_some())
    }

    /// A target as tables show it: "1,200" without a comparison; with one, the unit and the
    /// comparison follow ("96.0%未満", "0件以下"); `unset` when the plan leaves it open.
    pub fn target_text(&self, value: Option<f64>, unset: &str) -> String {
        value.map_or_else(
            || unset.to_string(),
            |v| match self.comparison {
                None => format_grouped(v, self.decimals),
                Some(c) => format!(
                    "{}{}{}",
                    format_grouped(v, self.decimals),
                    self.unit,
                    c.label()
                ),
            },
        )
    }

    /// 以上 / 以下 / 未満 / 超, or "" without a comparison.
    pub fn comparison_label(&self) -> &'static str {
        self.comparison.map_or("", Comparison::label)
    }

    /// The text every output shows for an achievement: the 達成率 without a comparison
    /// ("85.0%"); with one, the judgement, followed by the rate when it has a value
    /// ("未達成（50.0%）", "達成").
    pub fn achievement_text(&self, rate: Rate, judgement: Option<Judgement>) -> String {
        match judgement {
            None => rate.label(),
            Some(j) => match rate {
                Rate::Value(_) if j.is_judged() => format!("{}（{}）", j.label(), rate.label()),
                _ => j.label().to_string(),
            },
        }
    }

    /// The indicator's own baseline year when it differs from the plan's (None otherwise).
    pub fn own_baseline_year(&self, plan_baseline: FiscalYear) -> Option<FiscalYear> {
        (self.baseline_year != plan_baseline).then_some(self.baseline_year)
    }

    /// Whether the plan sets any yearly target.
    pub fn has_yearly_targets(&self) -> bool {
        self.values.iter().any(|v| v.target.is_some())
    }
}

/// The indicators of an item over the years of the history, with the report year's rate.
pub fn item_indicators(
    item: &Item,
    history: &History,
    year: FiscalYear,
    baseline_year: FiscalYear,
    formula: AchievementFormula,
) -> Vec<IndicatorReport> {
    fn value_of<'y>(
        y: &'y crate::merge::YearProgress,
        code: &str,
        i: usize,
    ) -> Option<&'y IndicatorValue> {
        y.item(code).and_then(|r| r.indicators.get(i))
    }
    item.indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let values: Vec<YearValue> = history
                .years
                .iter()
                .map(|y| {
                    let v = value_of(y, item.code(), i);
                    let value = v.and_then(|v| v.value);
                    let target = ind.yearly_target(y.year);
                    YearValue {
                        year: y.year,
                        value,
                        incomplete: v.is_some_and(|v| v.incomplete),
                        target,
                        rate: achievement_against(formula, ind, target, value),
                        final_rate: achievement(formula, ind, value),
                        judgement: judge(ind, value),
                    }
                })
                .collect();
            let actual = values.iter().find(|v| v.year == year).and_then(|v| v.value);
            IndicatorReport {
                index: i,
                label: format!("{}{}", circled(i), ind.name),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                decimals: ind.decimals,
                direction: ind.direction(),
                aggregation: ind.aggregation,
                baseline: ind.baseline,
                target: ind.target,
                comparison: ind.comparison,
                baseline_year: ind.baseline_year_or(baseline_year),
                sample: ind.sample,
                values,
                rate: achievement(formula, ind, actual),
                judgement: judge(ind, actual),
            }
        })
        .collect()
}

/// Whether a year's value meets a target with a comparison (以上・以下・未満・超).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Judgement {
    /// 達成.
    Met,
    /// 未達成.
    NotMet,
    /// The plan leaves the target open (未設定).
    Unset,
    /// No value was reported for the year (未報告).
    NotReported,
}

impl Judgement {
    /// 達成 / 未達成 / 未設定 / 未報告.
    pub fn label(self) -> &'static str {
        match self {
            Judgement::Met => "達成",
            Judgement::NotMet => "未達成",
            Judgement::Unset => "未設定",
            Judgement::NotReported => "未報告",
        }
    }

    /// Whether a value was compared (達成 or 未達成).
    pub fn is_judged(self) -> bool {
        matches!(self, Judgement::Met | Judgement::NotMet)
    }
}

/// The one rule of achievement by comparison: a reported value against the indicator's
/// target, strict for 未満・超 and inclusive for 以上・以下; None when the indicator has no
/// comparison (its 達成率 alone is shown).
pub fn judge(indicator: &Indicator, actual: Option<f64>) -> Option<Judgement> {
    let comparison = indicator.comparison?;
    Some(match (indicator.target, actual) {
        (None, _) => Judgement::Unset,
        (_, None) => Judgement::NotReported,
        (Some(t), Some(v)) if comparison.met(v, t) => Judgement::Met,
        _ => Judgement::NotMet,
    })
}

/// An achievement rate, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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
    /// The rate in percent, rounded to the one decimal every output shows (Excel's rule:
    /// halves away from zero, what the workbook's 0.0% format shows): 0.0625 → 6.3.
    ///
    /// ```
    /// use gyokaku::report::model::Rate;
    /// assert_eq!(Rate::Value(0.0625).percent().map(|p| p.value()), Some(6.3));
    /// assert_eq!(Rate::Value(0.0625).label(), "6.3%");
    /// assert_eq!(Rate::Unset.percent(), None);
    /// ```
    pub fn percent(self) -> Option<Rounded> {
        match self {
            Rate::Value(v) => Some(Rounded::new(v * 100.0, 1)),
            _ => None,
        }
    }

    /// Text for outputs: "85.0%" / 未設定 / 未報告 / ―.
    pub fn label(self) -> String {
        match self {
            Rate::Value(v) => format!("{}%", Rounded::new(v * 100.0, 1).label()),
            Rate::Unset => "未設定".into(),
            Rate::NotReported => "未報告".into(),
            Rate::Undefined => "―".into(),
        }
    }
}

/// The achievement rate of an indicator for a reported value against its final target, by
/// the configured formula.
pub fn achievement(
    formula: AchievementFormula,
    indicator: &Indicator,
    actual: Option<f64>,
) -> Rate {
    achievement_against(formula, indicator, indicator.target, actual)
}

/// The achievement rate of a reported value against a given target (the final target, or a
/// year's target) from the indicator's baseline, by the configured formula.
pub fn achievement_against(
    formula: AchievementFormula,
    indicator: &Indicator,
    target: Option<f64>,
    actual: Option<f64>,
) -> Rate {
    let Some(target) = target else {
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
        AchievementFormula::Ratio => match indicator.direction() {
            Direction::Higher if target > 0.0 => Rate::Value(actual / target),
            Direction::Lower if actual > 0.0 => Rate::Value(target / actual),
            _ => Rate::Undefined,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Direction;
    use std::collections::BTreeMap;

    fn indicator(baseline: Option<f64>, target: Option<f64>, direction: Direction) -> Indicator {
        Indicator {
            name: "x".into(),
            unit: "件".into(),
            baseline,
            target,
            yearly_targets: BTreeMap::new(),
            direction: Some(direction),
            baseline_year: None,
            comparison: None,
            from: None,
            aggregation: Default::default(),
            decimals: 0,
            min: None,
            max: None,
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
        // An exact tie (baseline 320, target 400, actual 325 → 6.25 %) rounds up, as Excel.
        let tie = indicator(Some(320.0), Some(400.0), Direction::Higher);
        let rate = achievement(AchievementFormula::Progress, &tie, Some(325.0));
        assert_eq!(rate, Rate::Value(0.0625));
        assert_eq!(rate.label(), "6.3%");
    }

    fn with(comparison: Comparison, target: f64) -> Indicator {
        let mut ind = indicator(Some(98.0), Some(target), Direction::Higher);
        ind.direction = None;
        ind.comparison = Some(comparison);
        ind
    }

    #[test]
    fn comparison_judges_strict_and_inclusive() {
        let below = with(Comparison::Below, 96.0);
        assert_eq!(below.direction(), Direction::Lower);
        assert_eq!(judge(&below, Some(96.0)), Some(Judgement::NotMet));
        assert_eq!(judge(&below, Some(95.9)), Some(Judgement::Met));
        let at_most = with(Comparison::AtMost, 0.0);
        assert_eq!(judge(&at_most, Some(0.0)), Some(Judgement::Met));
        assert_eq!(judge(&at_most, Some(1.0)), Some(Judgement::NotMet));
        let at_least = with(Comparison::AtLeast, 50.0);
        assert_eq!(at_least.direction(), Direction::Higher);
        assert_eq!(judge(&at_least, Some(50.0)), Some(Judgement::Met));
        assert_eq!(judge(&at_least, Some(49.9)), Some(Judgement::NotMet));
        let above = with(Comparison::Above, 50.0);
        assert_eq!(judge(&above, Some(50.0)), Some(Judgement::NotMet));
        assert_eq!(judge(&above, Some(50.1)), Some(Judgement::Met));
        assert_eq!(judge(&above, None), Some(Judgement::NotReported));
        let mut open = with(Comparison::Above, 50.0);
        open.target = None;
        assert_eq!(judge(&open, Some(60.0)), Some(Judgement::Unset));
        // Without a comparison there is no judgement: the 達成率 alone, as before.
        let plain = indicator(Some(1.0), Some(2.0), Direction::Higher);
        assert_eq!(judge(&plain, Some(5.0)), None);
    }
}
