//! The report model: every figure and text an output shows, computed once from the merged
//! data. The consolidated workbook and the committee PDF (and every later output) only lay
//! this model out; none of them computes a figure of its own.

pub mod effects;
pub mod indicators;
pub mod items;
pub mod period;
pub mod previous;
pub mod states;
pub mod submissions;
pub mod summary;

use serde::Serialize;

pub use crate::numbers::Rounded;
pub use effects::{EffectLine, EffectRow, EffectTable};
pub use indicators::{IndicatorReport, Judgement, Rate, YearValue, achievement, judge};
pub use items::{
    Action, DepartmentPart, Evaluation, ItemReport, ItemYearReport, OpinionSources, Role,
};
pub use period::{PeriodRow, PeriodSummary};
pub use states::{NO_ANSWER, NOT_ENTERED, StateLabel, UNRATED_PLAIN, unrated_meaning};
pub use submissions::{SubmissionReport, SubmissionRow};
pub use summary::{NO_STATUS, Summary, SummaryKind, SummaryRow, Trend, TrendRow, UNRATED};

use super::ReportInput;
use crate::fiscal_year::{FiscalYear, era_date};
pub use crate::plan::Level;
use crate::plan::Words;
use crate::plan::{AchievementFormula, date_parts};

/// Names and dates printed on the documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentFacts {
    /// 計画の名称.
    pub plan_title: String,
    /// 自治体名.
    pub municipality: String,
    /// 全国地方公共団体コード (for open data), when the plan gives it.
    pub municipality_code: Option<String>,
    /// Report title from the settings (after the year).
    pub report_title: String,
    /// The committee the report is for, if any.
    pub committee: Option<String>,
    /// 事務局.
    pub secretariat: String,
    /// First and last year of the plan.
    pub period: (FiscalYear, FiscalYear),
    /// 基準年度 and 目標年度.
    pub baseline_year: FiscalYear,
    /// 目標年度.
    pub target_year: FiscalYear,
    /// Date printed on the committee document (令和6年6月10日), when configured.
    pub report_date: Option<String>,
    /// The same date as year, month and day (the documents' creation date).
    pub report_day: Option<(u16, u8, u8)>,
    /// True when the plan carries invented sample values.
    pub has_sample: bool,
    /// The achievement formula and its description.
    pub achievement: AchievementFormula,
    /// Unit of 効果額; None when effect amounts are not collected.
    pub effect_unit: Option<String>,
    /// Whether the plan gives 前期計画 for any item.
    pub has_continuity: bool,
    /// The city's words for the parts and roles of its plan (`[words]`), printed in every
    /// heading, column header and note that names them.
    #[serde(skip)]
    pub words: Words,
}

/// What the committee said on a year, as the outputs show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitteeView {
    /// The year the opinions are about.
    pub year: FiscalYear,
    /// 総評.
    pub general: Option<String>,
    /// Items with an opinion.
    pub opinions: usize,
}

impl CommitteeView {
    fn of(
        year: FiscalYear,
        opinions: Option<&crate::submission::committee::CommitteeOpinions>,
    ) -> Option<CommitteeView> {
        let o = opinions.filter(|o| o.usable && !o.is_empty())?;
        Some(CommitteeView {
            year,
            general: o.general.clone(),
            opinions: o.items.len(),
        })
    }
}

/// Everything the outputs of one year show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportModel {
    /// The report's fiscal year.
    pub year: FiscalYear,
    /// Every year of the history, oldest first (ends with `year`).
    pub years: Vec<FiscalYear>,
    /// Names and dates.
    pub facts: DocumentFacts,
    /// The evaluation scale, best first.
    pub levels: Vec<Level>,
    /// Items per evaluation and 取組方針.
    pub summary: Summary,
    /// 具体的な取組 per status and 取組方針 (実施状況).
    pub status_summary: Summary,
    /// Items per evaluation in every year so far.
    pub trend: Trend,
    /// The committee's opinions on this year, once recorded.
    pub committee: Option<CommitteeView>,
    /// The committee's opinions on last year, answered in this year's report.
    pub previous_committee: Option<CommitteeView>,
    /// The summary of the whole plan period (the plan's last year, or on request).
    pub period: Option<PeriodSummary>,
    /// Every item in plan order.
    pub items: Vec<ItemReport>,
    /// Every item's record in every year of the history (item by item, oldest year first).
    pub item_years: Vec<ItemYearReport>,
    /// 効果額 over the years.
    pub effects: EffectTable,
    /// Who submitted, and every diagnostic.
    pub submissions: SubmissionReport,
}

impl ReportModel {
    /// How many levels of the scale are ranked (the others, 対象外, follow them and take the
    /// neutral colour).
    pub fn ranked_levels(&self) -> usize {
        crate::plan::ranked_count(&self.levels)
    }

    /// Computes the model of the report's year.
    pub fn build(input: &ReportInput<'_>) -> ReportModel {
        let plan = input.plan;
        let settings = input.settings;
        let year = input.year.year;
        let schedule = settings.schedule_for(year.western());
        let facts = DocumentFacts {
            plan_title: plan.title.clone(),
            municipality: plan.municipality.clone(),
            municipality_code: plan.municipality_code.clone(),
            report_title: settings.report.title.clone(),
            committee: settings.report.committee.clone(),
            secretariat: settings.report.secretariat.clone(),
            period: (plan.start_year, plan.end_year),
            baseline_year: plan.baseline_year,
            target_year: plan.target_year,
            report_date: schedule
                .report_date
                .as_ref()
                .and_then(date_parts)
                .map(|(y, m, d)| era_date(y, m, d)),
            report_day: schedule.report_date.as_ref().and_then(date_parts),
            has_sample: plan.has_sample(),
            achievement: settings.evaluation.achievement,
            effect_unit: settings.effect.as_ref().map(|e| e.unit.clone()),
            has_continuity: plan.has_continuity(),
            words: settings.words.clone(),
        };
        let levels = settings.evaluation.levels.clone();
        let opinions = OpinionSources {
            current: input.committee,
            previous: input.previous_committee,
        };
        let items: Vec<ItemReport> = plan
            .items
            .iter()
            .zip(&input.year.items)
            .map(|(item, record)| {
                items::item_report(
                    plan,
                    settings,
                    input.history,
                    year,
                    input.submissions,
                    opinions,
                    item,
                    record,
                )
            })
            .collect();
        let effects = effects::effect_table(plan, input.history);
        let period = (input.period || year == plan.end_year)
            .then(|| period::period_summary(plan, settings, input.history, &items, &effects));
        ReportModel {
            year,
            years: input.history.years.iter().map(|y| y.year).collect(),
            facts,
            levels,
            summary: summary::evaluation_summary(plan, settings, input.history, input.year),
            status_summary: summary::status_summary(plan, settings, input.history, input.year),
            trend: summary::evaluation_trend(settings, input.history),
            committee: CommitteeView::of(year, input.committee),
            previous_committee: CommitteeView::of(year.previous(), input.previous_committee),
            period,
            items,
            item_years: items::item_years(plan, settings, input.history),
            effects,
            submissions: submissions::submission_report(plan, settings, input.submissions),
        }
    }

    /// Items without a usable record this year (未提出・要確認・担当部署未設定).
    pub fn unrated_items(&self) -> impl Iterator<Item = &ItemReport> {
        self.items.iter().filter(|i| !i.state.has_record())
    }

    /// The rows of 前年度意見への対応 (workbook and PDF): items with last year's opinion or
    /// a response, in plan order.
    pub fn previous_opinion_rows(&self) -> Vec<&ItemReport> {
        self.items
            .iter()
            .filter(|i| i.has_previous_opinion_or_response())
            .collect()
    }

    /// Whether the outputs have a 前年度の委員会意見への対応 part: last year's committee
    /// workbook was read, or a department answered an opinion anyway (an older form).
    pub fn shows_previous_opinions(&self) -> bool {
        self.previous_committee.is_some() || !self.previous_opinion_rows().is_empty()
    }

    /// Every indicator with its item, in plan order (the rows of the indicator tables).
    pub fn indicator_rows(&self) -> Vec<(&ItemReport, &IndicatorReport)> {
        self.items
            .iter()
            .flat_map(|i| i.indicators.iter().map(move |x| (i, x)))
            .collect()
    }

    /// Whether any indicator of any item sets a yearly target.
    pub fn has_yearly_targets(&self) -> bool {
        self.items
            .iter()
            .any(|i| i.indicators.iter().any(IndicatorReport::has_yearly_targets))
    }
}

#[cfg(test)]
mod tests;
