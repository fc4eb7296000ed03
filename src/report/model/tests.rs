//! The report model computed from hand-built merged years: every expected number is
//! written here, not recomputed by the code under test.

#![allow(clippy::type_complexity)]

use std::collections::BTreeMap;

use super::*;
use crate::fiscal_year::FiscalYear;
use crate::merge::{
    Contribution, History, IndicatorValue, ItemState, ItemYear, Part, YearProgress,
};
use crate::plan::Settings;
use crate::submission::{DeptState, DeptSubmission, YearSubmissions};

const BODY: &str = r#"
[[pillars]]
id = "(1)"
name = "柱一"
policies = [{ id = "1-1", name = "方針甲" }, { id = "1-2", name = "方針乙" }]
[[pillars]]
id = "(2)"
name = "柱二"
policies = [{ id = "2-1", name = "方針丙" }]
[[items]]
id = "1101"
policy = "1-1"
title = "項目一"
continuity = "継続"
lead = "甲課"
implementers = ["乙課", "丙課"]
actions = ["取組A", "取組B", "取組C"]
  [[items.indicators]]
  name = "件数"
  unit = "件"
  baseline = 100
  target = 200
  yearly_targets = { "2022" = 125, "2023" = 150 }
  [[items.indicators]]
  name = "合計件数"
  unit = "件"
  aggregation = "sum"
[[items]]
id = "1102"
policy = "1-1"
title = "項目二"
continuity = "新規"
lead = "乙課"
[[items]]
id = "1201"
policy = "1-2"
title = "項目三"
continuity = "継続"
lead = "丙課"
[[items]]
id = "2101"
policy = "2-1"
title = "項目四"
continuity = "継続"
lead = "甲課"
"#;

fn record(code: &str, evaluation: Option<&str>, effect: Option<f64>) -> ItemYear {
    ItemYear {
        code: code.into(),
        state: if evaluation.is_some() {
            ItemState::Reported
        } else {
            ItemState::Missing
        },
        evaluation: evaluation.map(str::to_string),
        statuses: Vec::new(),
        work_done: None,
        issues: None,
        next_steps: None,
        response: None,
        effect_amount: effect,
        indicators: Vec::new(),
        contributions: Vec::new(),
    }
}

fn value(v: Option<f64>) -> IndicatorValue {
    IndicatorValue {
        value: v,
        parts: Vec::new(),
        incomplete: false,
    }
}

/// 2022: A, A, B, (missing). 2023: S, (missing), B, C.
fn history() -> History {
    let mut y2022 = vec![
        record("1101", Some("A"), Some(100.0)),
        record("1102", Some("A"), None),
        record("1201", Some("B"), None),
        record("2101", None, None),
    ];
    y2022[0].indicators = vec![value(Some(120.0)), value(Some(7.0))];
    let mut y2023 = vec![
        record("1101", Some("S"), Some(50.0)),
        record("1102", None, None),
        record("1201", Some("B"), Some(30.0)),
        record("2101", Some("C"), None),
    ];
    y2023[0].statuses = vec![Some("完了".into()), Some("取組中".into()), None];
    y2023[0].work_done = Some("実施した".into());
    y2023[0].indicators = vec![
        value(Some(150.0)),
        IndicatorValue {
            value: Some(10.0),
            parts: vec![
                Part {
                    department: "甲課".into(),
                    value: Some(6.0),
                    state: DeptState::Submitted,
                },
                Part {
                    department: "乙課".into(),
                    value: Some(4.0),
                    state: DeptState::Submitted,
                },
                Part {
                    department: "丙課".into(),
                    value: None,
                    state: DeptState::Missing,
                },
            ],
            incomplete: true,
        },
    ];
    y2023[0].contributions = vec![
        Contribution {
            department: "乙課".into(),
            state: DeptState::Submitted,
            work_done: Some("協力した".into()),
            values: BTreeMap::from([(1, 4.0)]),
            has_errors: false,
        },
        Contribution {
            department: "丙課".into(),
            state: DeptState::Missing,
            work_done: None,
            values: BTreeMap::new(),
            has_errors: false,
        },
    ];
    History {
        years: vec![
            YearProgress {
                year: FiscalYear(2022),
                items: y2022,
            },
            YearProgress {
                year: FiscalYear(2023),
                items: y2023,
            },
        ],
    }
}

fn submissions() -> YearSubmissions {
    let dept = |name: &str, state| DeptSubmission {
        department: name.into(),
        state,
        used: None,
        files: Vec::new(),
    };
    YearSubmissions {
        year: FiscalYear(2023),
        folder: "submissions/2023".into(),
        files: Vec::new(),
        departments: vec![
            dept("甲課", DeptState::Submitted),
            dept("乙課", DeptState::Submitted),
            dept("丙課", DeptState::Missing),
        ],
        general: Vec::new(),
    }
}

fn model() -> ReportModel {
    let plan = crate::plan::testing::plan(&["甲課", "乙課", "丙課"], BODY);
    let settings = Settings::parse(
        "[report]\ntitle = \"進捗報告\"\nsecretariat = \"事務局\"\n[effect]\nunit = \"千円\"\n",
        std::path::Path::new("report.toml"),
    )
    .unwrap();
    let history = history();
    let subs = submissions();
    let input = crate::report::ReportInput {
        plan: &plan,
        settings: &settings,
        history: &history,
        year: &history.years[1],
        submissions: &subs,
        committee: None,
        previous_committee: None,
        period: false,
    };
    ReportModel::build(&input)
}

#[test]
fn summary_counts_per_policy_with_previous_year_and_change() {
    let m = model();
    assert_eq!(m.summary.columns, ["S", "A", "B", "C", "未評価"]);
    let rows: Vec<(&str, Vec<usize>, Option<Vec<usize>>)> = m
        .summary
        .rows
        .iter()
        .map(|r| (r.id.as_str(), r.current.clone(), r.previous.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            ("1-1", vec![1, 0, 0, 0, 1], Some(vec![0, 2, 0, 0, 0])),
            ("1-2", vec![0, 0, 1, 0, 0], Some(vec![0, 0, 1, 0, 0])),
            ("(1)", vec![1, 0, 1, 0, 1], Some(vec![0, 2, 1, 0, 0])),
            ("2-1", vec![0, 0, 0, 1, 0], Some(vec![0, 0, 0, 0, 1])),
            ("(2)", vec![0, 0, 0, 1, 0], Some(vec![0, 0, 0, 0, 1])),
            ("合計", vec![1, 0, 1, 1, 1], Some(vec![0, 2, 1, 0, 1])),
        ]
    );
    let total = m.summary.rows.last().unwrap();
    let changes: Vec<Option<i64>> = (0..5).map(|k| total.change(k)).collect();
    assert_eq!(changes, [Some(1), Some(-2), Some(0), Some(1), Some(0)]);
    assert_eq!(total.total(), 4);
    assert_eq!(m.summary.rows[2].label(), "(1) 柱一 小計");
    assert_eq!(m.summary.policy_rows().count(), 3);
}

#[test]
fn indicators_carry_every_year_with_targets_and_rates() {
    let m = model();
    let item = &m.items[0];
    let count = &item.indicators[0];
    assert_eq!(count.label, "①件数");
    let values: Vec<(u16, Option<f64>, Option<f64>)> = count
        .values
        .iter()
        .map(|v| (v.year.western(), v.value, v.target))
        .collect();
    assert_eq!(
        values,
        [
            (2022, Some(120.0), Some(125.0)),
            (2023, Some(150.0), Some(150.0))
        ]
    );
    // progress: (120 − 100) ÷ (125 − 100) = 0.8 for 2022's own target.
    assert_eq!(count.values[0].rate, Rate::Value(0.8));
    assert_eq!(count.values[1].rate, Rate::Value(1.0));
    // The report year against the final target: (150 − 100) ÷ (200 − 100).
    assert_eq!(count.rate, Rate::Value(0.5));
    // Each year against the final target too (the open data lists every year):
    // (120 − 100) ÷ (200 − 100) for 2022.
    assert_eq!(count.values[0].final_rate, Rate::Value(0.2));
    assert_eq!(count.values[1].final_rate, count.rate);
    let summed = &item.indicators[1];
    assert_eq!(summed.rate, Rate::Unset, "no target in the plan");
    assert!(summed.has_incomplete());
    assert_eq!(summed.values[0].value, Some(7.0));
    assert!(!summed.values[0].incomplete && summed.values[1].incomplete);
    assert!(m.has_yearly_targets());
}

#[test]
fn departments_list_the_lead_then_implementers_with_their_shares() {
    let m = model();
    let item = &m.items[0];
    assert_eq!(item.summed, [1]);
    let parts: Vec<(&str, Role, DeptState, Vec<Option<f64>>)> = item
        .departments
        .iter()
        .map(|d| (d.department.as_str(), d.role, d.state, d.values.clone()))
        .collect();
    assert_eq!(
        parts,
        [
            ("甲課", Role::Lead, DeptState::Submitted, vec![Some(6.0)]),
            (
                "乙課",
                Role::Implementer,
                DeptState::Submitted,
                vec![Some(4.0)]
            ),
            ("丙課", Role::Implementer, DeptState::Missing, vec![None]),
        ]
    );
    assert_eq!(item.contributions().count(), 2);
    assert_eq!(
        item.status_summary, "取組中1・完了1・未記入1",
        "settings order"
    );
    assert_eq!(item.policy, "1-1 方針甲");
    assert_eq!(
        item.evaluation.as_ref().map(Evaluation::text).as_deref(),
        Some("S：計画以上に進んでいる")
    );
    assert_eq!(item.implementers.as_deref(), Some("乙課、丙課"));
}

#[test]
fn effects_per_year_cumulative_and_totals() {
    let m = model();
    let rows: Vec<(&str, Vec<Option<f64>>, f64)> = m
        .effects
        .rows
        .iter()
        .map(|r| (r.code.as_str(), r.amounts.clone(), r.cumulative))
        .collect();
    assert_eq!(
        rows,
        [
            ("1101", vec![Some(100.0), Some(50.0)], 150.0),
            ("1201", vec![None, Some(30.0)], 30.0),
        ]
    );
    assert_eq!(m.effects.totals, [100.0, 80.0, 180.0]);
    assert_eq!(m.effects.grand_total(), 180.0);
}

#[test]
fn unrated_items_and_submission_states() {
    let m = model();
    let unrated: Vec<&str> = m.unrated_items().map(|i| i.code.as_str()).collect();
    assert_eq!(unrated, ["1102"]);
    let states: Vec<(Option<&str>, DeptState)> = m
        .submissions
        .rows
        .iter()
        .map(|r| (r.department.as_deref(), r.state))
        .collect();
    assert_eq!(
        states,
        [
            (Some("甲課"), DeptState::Unusable),
            (Some("乙課"), DeptState::Unusable),
            (Some("丙課"), DeptState::Missing),
        ],
        "a department marked submitted without a file used is not 提出済"
    );
    assert_eq!((m.submissions.submitted, m.submissions.expected), (2, 3));
}

#[test]
fn every_item_in_every_year_for_the_open_data() {
    let m = model();
    let rows: Vec<(&str, u16, ItemState, Option<&str>)> = m
        .item_years
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.year.western(),
                r.state,
                r.evaluation.as_ref().map(|e| e.code.as_str()),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("1101", 2022, ItemState::Reported, Some("A")),
            ("1101", 2023, ItemState::Reported, Some("S")),
            ("1102", 2022, ItemState::Reported, Some("A")),
            ("1102", 2023, ItemState::Missing, None),
            ("1201", 2022, ItemState::Reported, Some("B")),
            ("1201", 2023, ItemState::Reported, Some("B")),
            ("2101", 2022, ItemState::Missing, None),
            ("2101", 2023, ItemState::Reported, Some("C")),
        ]
    );
    let last = &m.item_years[1];
    assert_eq!(
        last.statuses,
        [Some("完了".to_string()), Some("取組中".to_string()), None]
    );
    assert_eq!(last.status_summary, "取組中1・完了1・未記入1");
    assert_eq!(last.work_done.as_deref(), Some("実施した"));
    assert_eq!(last.effect_amount, Some(50.0));
    assert_eq!(m.item_years[0].effect_amount, Some(100.0));
    assert_eq!(
        m.item_years[0]
            .evaluation
            .as_ref()
            .map(Evaluation::text)
            .as_deref(),
        Some("A：計画どおり進んでいる")
    );
    assert_eq!(m.items[0].evaluation, m.item_years[1].evaluation);
    assert_eq!(m.facts.municipality_code, None);
}

/// 前年度意見への対応 lists items with an opinion or a response (one rule for the workbook
/// and the PDF); a missing response reads the item's state, or 回答なし on a usable record.
#[test]
fn previous_opinion_rows_and_the_words_for_missing_answers() {
    let mut m = model();
    assert!(m.previous_opinion_rows().is_empty());
    // 1101: an opinion, no response. 1201: a response to an opinion no longer recorded.
    // 1102: an opinion, and its department did not submit.
    m.items[0].previous_opinion = Some("意見".into());
    m.items[2].response = Some("対応".into());
    m.items[1].previous_opinion = Some("意見".into());
    let rows: Vec<&str> = m
        .previous_opinion_rows()
        .iter()
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(rows, ["1101", "1102", "1201"]);
    assert_eq!(m.items[0].response_or_why(), Err("（回答なし）"));
    assert_eq!(m.items[1].response_or_why(), Err("未提出"));
    assert_eq!(m.items[2].response_or_why(), Ok("対応"));
    assert_eq!(m.items[0].evaluation_or_why(), Ok("S"));
    assert_eq!(m.items[1].evaluation_or_why(), Err("未提出"));
}
