//! `[evaluation]`: the evaluation scale, the statuses of 具体的な取組 and the 達成率 formula.

use serde::Deserialize;

/// The evaluation scale and related rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluationSettings {
    /// Levels from best to worst.
    pub levels: Vec<Level>,
    /// Status values for each 具体的な取組.
    pub statuses: Vec<String>,
    /// 達成率 formula.
    pub achievement: AchievementFormula,
}

/// One evaluation level, e.g. A 計画どおり進んでいる.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Short code entered in the workbook (S, A, B, C).
    pub code: String,
    /// Label (計画どおり進んでいる).
    pub label: String,
    /// Guidance for choosing this level.
    #[serde(default)]
    pub meaning: String,
    /// False for a level outside the ranking (対象外): counted in its own column, never
    /// compared with the others nor coloured as a rank. Such levels come after the ranked ones.
    #[serde(default = "ranked_default", skip_serializing_if = "is_ranked")]
    pub ranked: bool,
}

fn ranked_default() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_ranked(ranked: &bool) -> bool {
    *ranked
}

/// How many levels of `levels` are ranked (they come first).
pub fn ranked_count(levels: &[Level]) -> usize {
    levels.iter().filter(|l| l.ranked).count()
}

impl Level {
    /// "A：計画どおり進んでいる" (the legend of every output).
    pub fn legend(&self) -> String {
        format!("{}：{}", self.code, self.label)
    }

    /// "A：計画どおり進んでいる（計画どおりに取組が進んでいる）".
    pub fn legend_with_meaning(&self) -> String {
        format!("{}（{}）", self.legend(), self.meaning)
    }
}

/// How 達成率 is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AchievementFormula {
    /// 実績 ÷ 目標 (for lower-is-better: 目標 ÷ 実績).
    Ratio,
    /// (実績 − 基準) ÷ (目標 − 基準); works in both directions.
    Progress,
}

impl AchievementFormula {
    /// Japanese description printed beside the rates.
    pub fn description(self) -> &'static str {
        match self {
            AchievementFormula::Ratio => {
                "達成率 = 実績値 ÷ 目標値（小さいほど良い指標は 目標値 ÷ 実績値）"
            }
            AchievementFormula::Progress => "達成率 = （実績値 − 基準値）÷（目標値 − 基準値）",
        }
    }
}

impl Default for EvaluationSettings {
    fn default() -> Self {
        let level = |code: &str, label: &str, meaning: &str| Level {
            code: code.into(),
            label: label.into(),
            meaning: meaning.into(),
            ranked: true,
        };
        EvaluationSettings {
            levels: vec![
                level("S", "計画以上に進んでいる", "計画を上回る成果が出ている"),
                level("A", "計画どおり進んでいる", "計画どおりに取組が進んでいる"),
                level("B", "やや遅れている", "一部の取組に遅れがある"),
                level("C", "遅れている", "取組が大きく遅れている、または未着手"),
            ],
            statuses: vec!["未着手".into(), "取組中".into(), "完了".into()],
            achievement: AchievementFormula::Progress,
        }
    }
}
