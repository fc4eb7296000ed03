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
    /// True when the item's values come from a usable lead record.
    pub fn has_record(self) -> bool {
        matches!(self, ItemState::Reported | ItemState::NeedsReview)
    }
}

/// One department's share of an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The department.
    pub department: String,
    /// None when the department did not report a value (or its file is unusable).
    pub value: Option<f64>,
    /// How the department's submission stands.
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
    /// The implementing department.
    pub department: String,
    /// How the department's submission stands.
    pub state: DeptState,
    /// 実施内容 reported on the contribution sheet.
    pub work_done: Option<String>,
    /// Values of `sum` indicators, by indicator index.
    pub values: BTreeMap<usize, f64>,
    /// True when the contribution sheet had errors.
    pub has_errors: bool,
}

/// An item's merged record for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemYear {
    /// 管理番号.
    pub code: String,
    /// How the item's record stands (reported, needs review, missing …).
    pub state: ItemState,
    /// The evaluation code reported.
    pub evaluation: Option<String>,
    /// Status per 具体的な取組 (same order as the plan).
    pub statuses: Vec<Option<String>>,
    /// 実施内容.
    pub work_done: Option<String>,
    /// 課題.
    pub issues: Option<String>,
    /// 今後の方向性.
    pub next_steps: Option<String>,
    /// 委員会意見への対応 (the answer to last year's committee opinion).
    pub response: Option<String>,
    /// 効果額（千円）.
    pub effect_amount: Option<f64>,
    /// Per indicator (same order as the plan).
    pub indicators: Vec<IndicatorValue>,
    /// The implementing departments' contributions, in plan order.
    pub contributions: Vec<Contribution>,
}

/// Every item's record of one year.
#[derive(Debug, Clone)]
pub struct YearProgress {
    /// The fiscal year.
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

/// The merged years from the plan's first year to the report's year, oldest first.
#[derive(Debug, Clone)]
pub struct History {
    /// The years, oldest first.
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
        (Some(lead), None) => match subs.state_of(lead) {
            DeptState::Missing => ItemState::Missing,
            // A usable file whose sheet for this item could not be read is also 要確認.
            DeptState::Unusable | DeptState::Submitted => ItemState::Unusable,
        },
    };
    let contributions: Vec<Contribution> = plan
        .implementers_of(item)
        .into_iter()
        .map(|dept| {
            let state = subs.state_of(dept);
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
                        state: subs.state_of(lead),
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
        response: get_text(Field::Response),
        effect_amount: lead_sheet.and_then(|s| number(s, Field::EffectAmount)),
        indicators,
        contributions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Cell;
    use crate::submission::value::Value;
    use crate::submission::{DeptSubmission, SubmittedFile};

    /// The fields of item 1101 after [`crate::plan::testing::ITEM_1101`].
    const FIELDS: &str = r#"continuity = "継続"
implementers = "全部署"
actions = ["取組A"]
  [[items.indicators]]
  name = "件数"
  unit = "件"
  aggregation = "sum"
"#;

    fn file(dept: &str, sheets: Vec<SheetValues>) -> SubmittedFile {
        SubmittedFile {
            name: format!("{dept}.xlsx"),
            sha256: String::new(),
            department: Some(dept.into()),
            year: Some(2023),
            form_sheets: None,
            form_layout: None,
            unknown_department: false,
            sheets,
            diagnostics: Vec::new(),
            usable: true,
        }
    }

    fn sheet(kind: SheetKind, values: Vec<(Field, Value)>, errors: usize) -> SheetValues {
        SheetValues {
            item_code: "1101".into(),
            kind,
            values: values
                .into_iter()
                .map(|(f, v)| (f, Cell { row: 0, col: 0 }, v))
                .collect(),
            errors,
        }
    }

    fn subs(files: Vec<SubmittedFile>, states: [DeptState; 3]) -> YearSubmissions {
        let names = ["甲課", "乙課", "丙課"];
        let departments = names
            .iter()
            .zip(states)
            .map(|(d, state)| {
                let index = files
                    .iter()
                    .position(|f| f.department.as_deref() == Some(*d));
                DeptSubmission {
                    department: d.to_string(),
                    state,
                    used: index.filter(|_| state == DeptState::Submitted),
                    files: index.into_iter().collect(),
                }
            })
            .collect();
        YearSubmissions {
            year: FiscalYear(2023),
            folder: "x".into(),
            files,
            departments,
            general: Vec::new(),
        }
    }

    fn plan() -> Plan {
        use crate::plan::testing::{ITEM_1101, one_policy_plan};
        one_policy_plan(&["甲課", "乙課", "丙課"], &format!("{ITEM_1101}{FIELDS}"))
    }

    #[test]
    fn summed_indicator_adds_every_department_and_keeps_the_parts() {
        let plan = plan();
        let lead = sheet(
            SheetKind::Lead,
            vec![
                (Field::Evaluation, Value::Choice("A".into())),
                (Field::ActionStatus(0), Value::Choice("完了".into())),
                (Field::Indicator(0), Value::Number(10.0)),
                (Field::WorkDone, Value::Text("実施した".into())),
            ],
            0,
        );
        let part = |n: f64| {
            sheet(
                SheetKind::Contribution,
                vec![
                    (Field::WorkDone, Value::Text("協力した".into())),
                    (Field::Indicator(0), Value::Number(n)),
                ],
                0,
            )
        };
        let s = subs(
            vec![
                file("甲課", vec![lead]),
                file("乙課", vec![part(3.0)]),
                file("丙課", vec![part(4.0)]),
            ],
            [DeptState::Submitted; 3],
        );
        let year = merge_year(&plan, &s);
        let item = &year.items[0];
        assert_eq!(item.state, ItemState::Reported);
        assert_eq!(item.evaluation.as_deref(), Some("A"));
        assert_eq!(item.statuses, [Some("完了".to_string())]);
        let ind = &item.indicators[0];
        assert_eq!(ind.value, Some(17.0));
        assert!(!ind.incomplete);
        let parts: Vec<(&str, Option<f64>)> = ind
            .parts
            .iter()
            .map(|p| (p.department.as_str(), p.value))
            .collect();
        assert_eq!(
            parts,
            [
                ("甲課", Some(10.0)),
                ("乙課", Some(3.0)),
                ("丙課", Some(4.0))
            ]
        );
        assert_eq!(item.contributions.len(), 2);
        assert_eq!(item.contributions[0].work_done.as_deref(), Some("協力した"));
    }

    #[test]
    fn missing_and_erroneous_records_are_marked_not_dropped() {
        let plan = plan();
        // The lead is missing; one implementer reported.
        let s = subs(
            vec![file(
                "乙課",
                vec![sheet(
                    SheetKind::Contribution,
                    vec![(Field::Indicator(0), Value::Number(3.0))],
                    0,
                )],
            )],
            [DeptState::Missing, DeptState::Submitted, DeptState::Missing],
        );
        let item = &merge_year(&plan, &s).items[0];
        assert_eq!(item.state, ItemState::Missing);
        assert_eq!(item.indicators[0].value, Some(3.0), "partial sum is kept");
        assert!(item.indicators[0].incomplete);
        assert_eq!(item.contributions[1].state, DeptState::Missing);

        // The lead's sheet has a cell error: 要確認, values still merged.
        let lead = sheet(
            SheetKind::Lead,
            vec![(Field::Evaluation, Value::Choice("B".into()))],
            1,
        );
        let s = subs(
            vec![file("甲課", vec![lead])],
            [DeptState::Submitted, DeptState::Missing, DeptState::Missing],
        );
        let item = &merge_year(&plan, &s).items[0];
        assert_eq!(item.state, ItemState::NeedsReview);
        assert_eq!(item.evaluation.as_deref(), Some("B"));
        assert_eq!(item.indicators[0].value, None, "nothing reported is not 0");
    }
}
