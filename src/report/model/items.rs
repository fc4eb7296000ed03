//! Each 取組項目 as the outputs show it: plan facts, the year's record, the departments'
//! contributions and the indicators.

use serde::Serialize;

use super::indicators::{IndicatorReport, item_indicators};
use super::states::{NO_ANSWER, NOT_ENTERED, StateLabel};
use crate::fiscal_year::FiscalYear;
use crate::merge::{History, ItemState, ItemYear};
use crate::plan::Words;
use crate::plan::{Aggregation, Item, Plan, Settings};
use crate::submission::committee::CommitteeOpinions;
use crate::submission::{DeptState, YearSubmissions};

/// An evaluation with its label from the scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Code entered by the department (S, A, …).
    pub code: String,
    /// Label of the level (計画どおり進んでいる); empty when the code is not in the scale.
    pub label: String,
    /// The level's rank in the scale (0 = best; its colour); None when not in the scale or
    /// not ranked (対象外).
    pub rank: Option<usize>,
}

impl Evaluation {
    /// "A：計画どおり進んでいる".
    pub fn text(&self) -> String {
        format!("{}：{}", self.code, self.label)
    }
}

/// A 具体的な取組 with the status reported for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// The action as written in the plan.
    pub text: String,
    /// The reported status (未着手, 取組中, 完了 …); None = 未記入.
    pub status: Option<String>,
}

/// The role of a department in an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Role {
    /// 担当部署.
    Lead,
    /// 取組部署.
    Implementer,
}

impl Role {
    /// 担当 / 取組.
    pub fn label(self) -> &'static str {
        match self {
            Role::Lead => "担当",
            Role::Implementer => "取組",
        }
    }

    /// The role in the city's words: the short 担当 / 取組 with the default words, else the
    /// configured word itself (所管課 / 関係課), which has no short form.
    ///
    /// ```
    /// use gyokaku::plan::Words;
    /// use gyokaku::report::model::Role;
    /// let mut words = Words::default();
    /// assert_eq!(Role::Lead.label_in(&words), "担当");
    /// words.lead = "所管課".into();
    /// assert_eq!(Role::Lead.label_in(&words), "所管課");
    /// ```
    pub fn label_in(self, words: &Words) -> &str {
        let defaults = Words::default();
        let (word, default) = match self {
            Role::Lead => (&words.lead, defaults.lead),
            Role::Implementer => (&words.participant, defaults.participant),
        };
        if *word == default { self.label() } else { word }
    }
}

/// One department's part in an item for the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentPart {
    /// The department.
    pub department: String,
    /// 担当 or 取組.
    pub role: Role,
    /// Whether its file was submitted and usable.
    pub state: DeptState,
    /// What it reported as 実施内容.
    pub work_done: Option<String>,
    /// Its values of the item's summed indicators (same order as [`ItemReport::summed`]).
    pub values: Vec<Option<f64>>,
}

/// A 取組項目 with everything the outputs show of it for the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemReport {
    /// 管理番号.
    pub code: String,
    /// 取組項目.
    pub title: String,
    /// "1-1 わかりやすい情報提供".
    pub policy: String,
    /// 前期計画 (継続 / 新規 …), when the plan gives it.
    pub continuity: Option<String>,
    /// What happened to the item within the period up to the year (「令和6年度に追加」,
    /// 「令和6年度に目標値を見直し（300→350）」…); empty for most items.
    pub lifecycle: Vec<String>,
    /// 担当部署; None = 未設定.
    pub lead: Option<String>,
    /// 取組部署 as text (全部署, or names joined by 、); None when there are none.
    pub implementers: Option<String>,
    /// True when the departments are invented sample values.
    pub sample_departments: bool,
    /// True when the departments or any indicator are sample values.
    pub sample: bool,
    /// アウトカム.
    pub outcome: Option<String>,
    /// 現状・課題, paragraphs joined by line breaks.
    pub situation: Option<String>,
    /// How the item stands this year.
    pub state: ItemState,
    /// The state's word in the committee's documents, in the city's words
    /// ([`StateLabel::label_in`]).
    pub state_label: String,
    /// The reported evaluation.
    pub evaluation: Option<Evaluation>,
    /// 具体的な取組 with statuses.
    pub actions: Vec<Action>,
    /// Statuses counted: "完了1・取組中2・未記入1" (empty when nothing to count).
    pub status_summary: String,
    /// 実施内容.
    pub work_done: Option<String>,
    /// 課題.
    pub issues: Option<String>,
    /// 今後の方向性.
    pub next_steps: Option<String>,
    /// The committee's opinion on the item this year (once recorded).
    pub opinion: Option<String>,
    /// The committee's opinion on the item last year, which this year's report answers.
    pub previous_opinion: Option<String>,
    /// 委員会意見への対応: the department's answer to last year's opinion.
    pub response: Option<String>,
    /// 効果額 of the year.
    pub effect_amount: Option<f64>,
    /// Indicators over the years.
    pub indicators: Vec<IndicatorReport>,
    /// Indexes (into `indicators`) of the indicators summed over departments.
    pub summed: Vec<usize>,
    /// The lead (when set) and every implementing department with their parts.
    pub departments: Vec<DepartmentPart>,
}

impl ItemReport {
    /// The implementing departments' parts (without the lead).
    pub fn contributions(&self) -> impl Iterator<Item = &DepartmentPart> {
        self.departments
            .iter()
            .filter(|d| d.role == Role::Implementer)
    }

    /// The summed indicators.
    pub fn summed_indicators(&self) -> impl Iterator<Item = &IndicatorReport> {
        self.summed.iter().filter_map(|i| self.indicators.get(*i))
    }

    /// The department's response to last year's opinion (`Ok`), or the word that stands in
    /// for a missing one (`Err`): the item's state without a usable record, else 回答なし.
    pub fn response_or_why(&self) -> Result<&str, &str> {
        match &self.response {
            Some(r) => Ok(r),
            None if !self.state.has_record() => Err(&self.state_label),
            None => Err(NO_ANSWER),
        }
    }

    /// The evaluation code (`Ok`), or the word that stands in for a missing one (`Err`):
    /// 未記入 on a usable record, else the item's state.
    pub fn evaluation_or_why(&self) -> Result<&str, &str> {
        match (&self.evaluation, self.state) {
            (Some(e), _) => Ok(&e.code),
            (None, ItemState::Reported) => Err(NOT_ENTERED),
            (None, _) => Err(&self.state_label),
        }
    }

    /// Whether the item belongs in 前年度意見への対応: last year's opinion or a response.
    pub fn has_previous_opinion_or_response(&self) -> bool {
        self.previous_opinion.is_some() || self.response.is_some()
    }
}

/// Statuses counted in the order of the settings, then the blanks.
fn status_summary(settings: &Settings, record: &ItemYear) -> String {
    let mut parts = Vec::new();
    for status in &settings.evaluation.statuses {
        let n = record
            .statuses
            .iter()
            .filter(|s| s.as_deref() == Some(status))
            .count();
        if n > 0 {
            parts.push(format!("{status}{n}"));
        }
    }
    let blank = record.statuses.iter().filter(|s| s.is_none()).count();
    if blank > 0 && !record.statuses.is_empty() {
        parts.push(format!("{NOT_ENTERED}{blank}"));
    }
    parts.join("・")
}

/// The committee's opinions of the report's year and of the year before, when recorded.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpinionSources<'a> {
    /// This year's (after the meeting).
    pub current: Option<&'a CommitteeOpinions>,
    /// Last year's, which this year's forms answered.
    pub previous: Option<&'a CommitteeOpinions>,
}

/// The rank of a level code in the scale (0 = best), the one place it is looked up; None
/// for a code not in the scale and for a level outside the ranking (対象外).
pub fn level_rank(levels: &[crate::plan::Level], code: &str) -> Option<usize> {
    levels.iter().position(|l| l.code == code && l.ranked)
}

/// The column of a level code in a count (its place in the scale, ranked or not).
pub fn level_column(levels: &[crate::plan::Level], code: &str) -> Option<usize> {
    levels.iter().position(|l| l.code == code)
}

/// The evaluation of a record with its label from the scale.
fn evaluation(settings: &Settings, record: &ItemYear) -> Option<Evaluation> {
    record.evaluation.as_ref().map(|code| Evaluation {
        code: code.clone(),
        rank: level_rank(&settings.evaluation.levels, code),
        label: settings
            .level(code)
            .map_or_else(String::new, |l| l.label.clone()),
    })
}

/// An item's record in one year of the history (the open data lists every year).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemYearReport {
    /// The fiscal year.
    pub year: FiscalYear,
    /// 管理番号.
    pub code: String,
    /// How the item stood that year.
    pub state: ItemState,
    /// The reported evaluation.
    pub evaluation: Option<Evaluation>,
    /// Status per 具体的な取組 (plan order; None = 未記入).
    pub statuses: Vec<Option<String>>,
    /// Statuses counted, as [`ItemReport::status_summary`].
    pub status_summary: String,
    /// 実施内容.
    pub work_done: Option<String>,
    /// 課題.
    pub issues: Option<String>,
    /// 今後の方向性.
    pub next_steps: Option<String>,
    /// 効果額.
    pub effect_amount: Option<f64>,
}

/// Every item's record in every year of the history: item by item in plan order, each
/// oldest year first. A year without a record for an item is left out.
pub fn item_years(plan: &Plan, settings: &Settings, history: &History) -> Vec<ItemYearReport> {
    let mut out = Vec::new();
    for item in &plan.items {
        for y in &history.years {
            let Some(record) = y.item(item.code()) else {
                continue;
            };
            out.push(ItemYearReport {
                year: y.year,
                code: item.code().to_string(),
                state: record.state,
                evaluation: evaluation(settings, record),
                statuses: (0..item.actions.len())
                    .map(|i| record.statuses.get(i).cloned().flatten())
                    .collect(),
                status_summary: status_summary(settings, record),
                work_done: record.work_done.clone(),
                issues: record.issues.clone(),
                next_steps: record.next_steps.clone(),
                effect_amount: record.effect_amount,
            });
        }
    }
    out
}

/// Builds the report of one item from its plan entry and merged record.
#[allow(clippy::too_many_arguments)]
pub fn item_report(
    plan: &Plan,
    settings: &Settings,
    history: &History,
    year: FiscalYear,
    submissions: &YearSubmissions,
    opinions: OpinionSources<'_>,
    item: &Item,
    record: &ItemYear,
) -> ItemReport {
    let summed: Vec<usize> = item
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.aggregation == Aggregation::Sum)
        .map(|(i, _)| i)
        .collect();
    let mut departments = Vec::new();
    if let Some(lead) = &item.lead {
        departments.push(DepartmentPart {
            department: lead.clone(),
            role: Role::Lead,
            state: submissions.state_of(lead),
            work_done: record.work_done.clone(),
            values: summed
                .iter()
                .map(|i| {
                    record
                        .indicators
                        .get(*i)
                        .and_then(|v| v.parts.first())
                        .and_then(|p| p.value)
                })
                .collect(),
        });
    }
    departments.extend(record.contributions.iter().map(|c| DepartmentPart {
        department: c.department.clone(),
        role: Role::Implementer,
        state: c.state,
        work_done: c.work_done.clone(),
        values: summed.iter().map(|i| c.values.get(i).copied()).collect(),
    }));
    ItemReport {
        code: item.code().to_string(),
        title: item.title.clone(),
        policy: plan.group_label(item),
        continuity: item.continuity.clone(),
        lifecycle: item.notes.clone(),
        lead: item.lead.clone(),
        implementers: plan.implementers_label(item),
        sample_departments: item.sample_departments,
        sample: item.sample_departments || item.indicators.iter().any(|i| i.sample),
        outcome: item.outcome.clone(),
        situation: (!item.situation.is_empty()).then(|| item.situation.join("\n")),
        state: record.state,
        state_label: record.state.label_in(&settings.words).into_owned(),
        evaluation: evaluation(settings, record),
        actions: item
            .actions
            .iter()
            .enumerate()
            .map(|(i, text)| Action {
                text: text.clone(),
                status: record.statuses.get(i).cloned().flatten(),
            })
            .collect(),
        status_summary: status_summary(settings, record),
        work_done: record.work_done.clone(),
        issues: record.issues.clone(),
        next_steps: record.next_steps.clone(),
        opinion: opinions
            .current
            .and_then(|c| c.items.get(item.code()).cloned()),
        previous_opinion: opinions
            .previous
            .and_then(|c| c.items.get(item.code()).cloned()),
        response: record.response.clone(),
        effect_amount: record.effect_amount,
        indicators: item_indicators(
            item,
            history,
            year,
            plan.baseline_year,
            settings.evaluation.achievement,
        ),
        summed,
        departments,
    }
}
