//! Merging the submissions into the plan model: one record per item and year, with the
//! implementing departments' contributions and summed indicators, and the history of years.

use std::collections::BTreeMap;

use crate::fiscal_year::FiscalYear;
use crate::form::{Field, SheetKind};
use crate::plan::{Aggregation, Item, Plan};
use crate::submission::{DeptState, SheetValues, YearSubmissions};

/// How an item stands in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ItemState {
    /// The lead department's record was read without errors.
    Reported,
    /// The lead department's record was read, but some cells had errors (要確認).
    NeedsReview,
    /// The lead department's file is missing (未提出).
    Missing,
    /// The lead department's file exists but cannot be used (要確認).
    Unusable,
    /// The plan names no lead department (担当部署 未設定).
    NoLead,
}

impl ItemState {
    /// Japanese label for outputs.
    pub fn label(self) -> &'static str {
        match self {
            ItemState::Reported => "提出済",
            ItemState::NeedsReview => "要確認",
            ItemState::Missing => "未提出",
            ItemState::Unusable => "要確認",
            ItemState::NoLead => "担当部署未設定",
        }
    }

    /// True when the item's values come from a usable lead record.
    pub fn has_record(self) -> bool {
        matches!(self, ItemState::Reported | ItemState::NeedsReview)
    }
}

/// One department's share of an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub department: String,
    /// None when the department did not report a value (or its file is unusable).
    pub value: Option<f64>,
    pub state: DeptState,
}

/// An indicator's value for a year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndicatorValue {
    /// The value: the lead's, or the sum of the parts for `sum` indicators. None = 未報告.
    pub value: Option<f64>,
    /// For `sum` indicators: every department's share, lead first.
    pub parts: Vec<Part>,
    /// For `sum` indicators: true when some department's share is missing.
    pub incomplete: bool,
}

/// An implementing department's contribution to an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub department: String,
    pub state: DeptState,
    pub work_done: Option<String>,
    /// Values of `sum` indicators, by indicator index.
    pub values: BTreeMap<usize, f64>,
    /// True when the contribution sheet had errors.
    pub has_errors: bool,
}

/// An item's merged record for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemYear {
    pub code: String,
    pub state: ItemState,
    pub evaluation: Option<String>,
    /// Status per 具体的な取組 (same order as the plan).
    pub statuses: Vec<Option<String>>,
    pub work_done: Option<String>,
    pub issues: Option<String>,
    pub next_steps: Option<String>,
    /// 効果額（千円）.
    pub effect_amount: Option<f64>,
    /// Per indicator (same order as the plan).
    pub indicators: Vec<IndicatorValue>,
    pub contributions: Vec<Contribution>,
}

/// Every item's record of one year.
#[derive(Debug, Clone)]
pub struct YearProgress {
    pub year: FiscalYear,
    /// Items in plan order.
    pub items: Vec<ItemYear>,
}

impl YearProgress {
    /// The record of an item.
    pub fn item(&self, code: &str) -> Option<&ItemYear> {
        self.items.iter().find(|i| i.code == code)
    }
}

/// The merged years 2022…Y, oldest first.
#[derive(Debug, Clone)]
pub struct History {
    pub years: Vec<YearProgress>,
}

impl History {
    /// The record of a year.
    pub fn year(&self, year: FiscalYear) -> Option<&YearProgress> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The latest year.
    pub fn current(&self) -> Option<&YearProgress> {
        self.years.last()
    }
}

fn sheet<'a>(
    subs: &'a YearSubmissions,
    dept: &str,
    code: &str,
    kind: SheetKind,
) -> Option<&'a SheetValues> {
    subs.used_file(dept)?
        .sheets
        .iter()
        .find(|s| s.item_code == code && s.kind == kind)
}

fn dept_state(subs: &YearSubmissions, dept: &str) -> DeptState {
    subs.departments
        .iter()
        .find(|d| d.department == dept)
        .map_or(DeptState::Missing, |d| d.state)
}

fn text(values: &SheetValues, field: Field) -> Option<String> {
    values.get(field).and_then(|v| v.text()).map(str::to_string)
}

fn number(values: &SheetValues, field: Field) -> Option<f64> {
    values.get(field).and_then(|v| v.number())
}

/// Merges one year's submissions into item records.
pub fn merge_year(plan: &Plan, subs: &YearSubmissions) -> YearProgress {
    let items = plan
        .items
        .iter()
        .map(|item| merge_item(plan, item, subs))
        .collect();
    YearProgress {
        year: subs.year,
        items,
    }
}

fn merge_item(plan: &Plan, item: &Item, subs: &YearSubmissions) -> ItemYear {
    let code = item.code();
    let lead_sheet = item
        .lead
        .as_deref()
        .and_then(|lead| sheet(subs, lead, code, SheetKind::Lead));
    let state = match (&item.lead, lead_sheet) {
        (None, _) => ItemState::NoLead,
        (Some(_), Some(s)) if s.errors == 0 => ItemState::Reported,
        (Some(_), Some(_)) => ItemState::NeedsReview,
        (Some(lead), None) => match dept_state(subs, lead) {
            DeptState::Missing => ItemState::Missing,
            // A usable file whose sheet for this item could not be read is also 要確認.
            DeptState::Unusable | DeptState::Submitted => ItemState::Unusable,
        },
    };
    let contributions: Vec<Contribution> = plan
        .implementers_of(item)
        .into_iter()
        .map(|dept| {
            let state = dept_state(subs, dept);
            match sheet(subs, dept, code, SheetKind::Contribution) {
                Some(s) => Contribution {
                    department: dept.to_string(),
                    state,
                    work_done: text(s, Field::WorkDone),
                    values: s
                        .values
                        .iter()
                        .filter_map(|(f, _, v)| match f {
                            Field::Indicator(i) => v.number().map(|n| (*i, n)),
                            _ => None,
                        })
                        .collect(),
                    has_errors: s.errors > 0,
                },
                None => Contribution {
                    department: dept.to_string(),
                    state: if state == DeptState::Submitted {
                        DeptState::Unusable
                    } else {
                        state
                    },
                    work_done: None,
                    values: BTreeMap::new(),
                    has_errors: state != DeptState::Missing,
                },
            }
        })
        .collect();
    let indicators = item
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let lead_value = lead_sheet.and_then(|s| number(s, Field::Indicator(i)));
            match ind.aggregation {
                Aggregation::Lead => IndicatorValue {
                    value: lead_value,
                    parts: Vec::new(),
                    incomplete: false,
                },
                Aggregation::Sum => {
                    let lead_part = item.lead.as_ref().map(|lead| Part {
                        department: lead.clone(),
                        value: lead_value,
                        state: dept_state(subs, lead),
                    });
                    let parts: Vec<Part> = lead_part
                        .into_iter()
                        .chain(contributions.iter().map(|c| Part {
                            department: c.department.clone(),
                            value: c.values.get(&i).copied(),
                            state: c.state,
                        }))
                        .collect();
                    let reported: Vec<f64> = parts.iter().filter_map(|p| p.value).collect();
                    IndicatorValue {
                        value: (!reported.is_empty()).then(|| reported.iter().sum()),
                        incomplete: reported.len() < parts.len(),
                        parts,
                    }
                }
            }
        })
        .collect();
    let get_text = |f: Field| lead_sheet.and_then(|s| text(s, f));
    ItemYear {
        code: code.to_string(),
        state,
        evaluation: get_text(Field::Evaluation),
        statuses: (0..item.actions.len())
            .map(|i| get_text(Field::ActionStatus(i)))
            .collect(),
        work_done: get_text(Field::WorkDone),
        issues: get_text(Field::Issues),
        next_steps: get_text(Field::NextSteps),
        effect_amount: lead_sheet.and_then(|s| number(s, Field::EffectAmount)),
        indicators,
        contributions,
    }
}

/// Counts of items per evaluation code for a set of items (by 取組方針 or all).
pub fn evaluation_counts<'a>(
    items: impl IntoIterator<Item = &'a ItemYear>,
) -> BTreeMap<Option<String>, usize> {
    let mut out = BTreeMap::new();
    for i in items {
        *out.entry(i.evaluation.clone()).or_insert(0) += 1;
    }
    out
}
