//! Report settings (`templates/report.toml`): titles, committee, evaluation scale, schedule.
//!
//! Every setting has a default, so a missing file or a missing key is fine; a present but
//! wrong value is refused with a message naming the key.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// All report settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub report: ReportSettings,
    pub evaluation: EvaluationSettings,
    pub template: TemplateSettings,
    /// Year-specific dates, keyed by 西暦 fiscal year ("2023").
    pub schedule: BTreeMap<String, YearSchedule>,
}

/// Titles and names printed in the outputs.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportSettings {
    /// Subtitle of the committee document (after the fiscal year).
    pub title: String,
    /// Committee the document is for.
    pub committee: String,
    /// Who publishes (事務局).
    pub secretariat: String,
}

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
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Short code entered in the workbook (S, A, B, C).
    pub code: String,
    /// Label (計画どおり進んでいる).
    pub label: String,
    /// Guidance for choosing this level.
    #[serde(default)]
    pub meaning: String,
}

/// How 達成率 is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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

/// Settings of the department workbooks.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TemplateSettings {
    /// 問合せ先 shown in the workbook.
    pub contact: String,
    /// Sheet protection password; empty = protected without password.
    pub password: String,
    /// Fields that must be filled (Japanese field names, see [`RequiredField`]).
    pub required: Vec<String>,
}

/// Dates of one fiscal year's cycle.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct YearSchedule {
    /// 提出期限.
    pub deadline: Option<toml::value::Datetime>,
    /// Date printed on the committee document.
    pub report_date: Option<toml::value::Datetime>,
}

/// A field of a department's report that can be made required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RequiredField {
    Evaluation,
    ActionStatus,
    WorkDone,
    IndicatorValues,
    EffectAmount,
    Issues,
    NextSteps,
    ContributionWork,
}

impl RequiredField {
    /// Every field, in sheet order.
    pub const ALL: [RequiredField; 8] = [
        RequiredField::Evaluation,
        RequiredField::ActionStatus,
        RequiredField::WorkDone,
        RequiredField::IndicatorValues,
        RequiredField::EffectAmount,
        RequiredField::Issues,
        RequiredField::NextSteps,
        RequiredField::ContributionWork,
    ];

    /// The Japanese name used in report.toml and messages.
    pub fn name(self) -> &'static str {
        match self {
            RequiredField::Evaluation => "評価",
            RequiredField::ActionStatus => "取組状況",
            RequiredField::WorkDone => "実施内容",
            RequiredField::IndicatorValues => "指標実績",
            RequiredField::EffectAmount => "効果額",
            RequiredField::Issues => "課題",
            RequiredField::NextSteps => "今後の方向性",
            RequiredField::ContributionWork => "取組部署の実施内容",
        }
    }

    fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == s)
    }
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            title: "行財政改革 進捗状況報告".into(),
            committee: "行財政改革推進委員会".into(),
            secretariat: "行政経営課".into(),
        }
    }
}

impl Default for EvaluationSettings {
    fn default() -> Self {
        let level = |code: &str, label: &str, meaning: &str| Level {
            code: code.into(),
            label: label.into(),
            meaning: meaning.into(),
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

impl Default for TemplateSettings {
    fn default() -> Self {
        TemplateSettings {
            contact: "行政経営課".into(),
            password: String::new(),
            required: vec!["評価".into(), "取組状況".into(), "実施内容".into()],
        }
    }
}

/// Why the settings could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("設定ファイル {} を読み込めません: {}", path.display(), crate::text::io_reason(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("設定ファイル {} の文字コードを読み取れません（UTF-8 でも Shift_JIS でもありません）。メモ帳などで開き、文字コード「UTF-8」で保存し直してください", path.display())]
    Encoding { path: PathBuf },
    #[error("設定ファイル {path} の書式が正しくありません（{line}行目）: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("設定ファイル {path} に誤りがあります:\n{}", problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        path: PathBuf,
        problems: Vec<String>,
    },
}

impl Settings {
    /// Reads `report.toml`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        Settings::load_with_notes(path).map(|(s, _)| s)
    }

    /// Reads `report.toml` like [`Settings::load`]; also returns warnings about how it was
    /// read (a file saved as Shift_JIS is read, with a warning to save it as UTF-8).
    pub fn load_with_notes(path: &Path) -> Result<(Settings, Vec<String>), SettingsError> {
        match super::load::read_regular_file(path) {
            Ok(bytes) => {
                let (text, encoding) =
                    super::load::decode_text(&bytes).ok_or_else(|| SettingsError::Encoding {
                        path: path.to_path_buf(),
                    })?;
                let notes = encoding.and_then(|e| e.warning(path)).into_iter().collect();
                Settings::parse(&text, path).map(|s| (s, notes))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok((Settings::default(), Vec::new()))
            }
            Err(source) => Err(SettingsError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Parses and validates settings text; `path` is used in messages only.
    pub fn parse(text: &str, path: &Path) -> Result<Settings, SettingsError> {
        let settings: Settings = toml::from_str(text).map_err(|e| SettingsError::Syntax {
            path: path.to_path_buf(),
            line: e.span().map_or(0, |s| super::load::line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        let problems = settings.problems();
        if problems.is_empty() {
            Ok(settings)
        } else {
            Err(SettingsError::Invalid {
                path: path.to_path_buf(),
                problems,
            })
        }
    }

    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (key, value) in [
            ("report.title", &self.report.title),
            ("report.committee", &self.report.committee),
        ] {
            if value.trim().is_empty() {
                out.push(format!("{key} が空です"));
            }
        }
        let levels = &self.evaluation.levels;
        if levels.len() < 2 {
            out.push("evaluation.levels には評価を2段階以上書いてください".into());
        }
        let mut codes = BTreeSet::new();
        for (i, level) in levels.iter().enumerate() {
            let key = format!("evaluation.levels[{}]", i + 1);
            let code = level.code.trim();
            if code.is_empty() || code.chars().count() > 4 || code.contains(',') {
                out.push(format!(
                    "{key}.code「{}」は1〜4文字（カンマなし）にしてください",
                    level.code
                ));
            } else if !codes.insert(code) {
                out.push(format!("{key}.code「{code}」が重複しています"));
            }
            if level.label.trim().is_empty() {
                out.push(format!("{key}.label が空です"));
            }
        }
        let mut statuses = BTreeSet::new();
        if self.evaluation.statuses.is_empty() {
            out.push("evaluation.statuses が空です".into());
        }
        for (i, s) in self.evaluation.statuses.iter().enumerate() {
            if s.trim().is_empty() || s.contains(',') {
                out.push(format!(
                    "evaluation.statuses[{}]「{s}」は空やカンマを含まない文字にしてください",
                    i + 1
                ));
            } else if !statuses.insert(s.as_str()) {
                out.push(format!("evaluation.statuses「{s}」が重複しています"));
            }
        }
        let list_len = |v: &[&str]| v.iter().map(|s| s.chars().count() + 1).sum::<usize>();
        let codes: Vec<&str> = levels.iter().map(|l| l.code.as_str()).collect();
        let status_names: Vec<&str> = self
            .evaluation
            .statuses
            .iter()
            .map(String::as_str)
            .collect();
        if list_len(&codes) > 250 || list_len(&status_names) > 250 {
            out.push("evaluation の選択肢が長すぎます（Excel の入力規則は255文字まで）".into());
        }
        for name in &self.template.required {
            if RequiredField::from_name(name).is_none() {
                let known: Vec<&str> = RequiredField::ALL.iter().map(|f| f.name()).collect();
                out.push(format!(
                    "template.required の「{name}」は項目名として使えません（使える項目: {}）",
                    known.join("、")
                ));
            }
        }
        for (year, schedule) in &self.schedule {
            if !year
                .parse::<u16>()
                .is_ok_and(|y| (1989..=2200).contains(&y))
            {
                out.push(format!(
                    "schedule.{year} の年度は西暦4桁にしてください（例: [schedule.2023]）"
                ));
            }
            for (key, value) in [
                ("deadline", &schedule.deadline),
                ("report_date", &schedule.report_date),
            ] {
                if let Some(dt) = value
                    && (dt.date.is_none() || dt.time.is_some())
                {
                    out.push(format!(
                        "schedule.{year}.{key} = {dt} は日付だけにしてください（例: 2024-04-30）"
                    ));
                }
            }
        }
        out
    }

    /// The level with this code.
    pub fn level(&self, code: &str) -> Option<&Level> {
        self.evaluation.levels.iter().find(|l| l.code == code)
    }

    /// Whether a field is required by the settings.
    pub fn is_required(&self, field: RequiredField) -> bool {
        self.template.required.iter().any(|n| n == field.name())
    }

    /// The schedule of a fiscal year (empty when not configured).
    pub fn schedule_for(&self, year: u16) -> YearSchedule {
        self.schedule
            .get(&year.to_string())
            .cloned()
            .unwrap_or_default()
    }
}

/// A calendar date from the settings, as (year, month, day).
pub fn date_parts(dt: &toml::value::Datetime) -> Option<(u16, u8, u8)> {
    dt.date.map(|d| (d.year, d.month, d.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, SettingsError> {
        Settings::parse(text, Path::new("report.toml"))
    }

    #[test]
    fn empty_file_gives_defaults() {
        let s = parse("").unwrap();
        assert_eq!(s.evaluation.levels.len(), 4);
        assert_eq!(s.evaluation.levels[1].code, "A");
        assert_eq!(s.evaluation.statuses, ["未着手", "取組中", "完了"]);
        assert_eq!(s.evaluation.achievement, AchievementFormula::Progress);
    }

    #[test]
    fn bad_values_name_their_key() {
        let err = parse(
            "[evaluation]\nlevels = [{code = \"A\", label = \"x\"}, {code = \"A\", label = \"\"}]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("evaluation.levels[2].code「A」が重複しています"),
            "{err}"
        );
        assert!(err.contains("evaluation.levels[2].label が空です"), "{err}");

        let err = parse("[template]\nrequired = [\"評価\", \"感想\"]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("template.required の「感想」"), "{err}");

        let err = parse("[evaluation]\nachievement = \"average\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("2行目"), "{err}");

        let err = parse("[schedule.2023]\ndeadline = 2024-04-30T10:00:00\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("schedule.2023.deadline"), "{err}");

        let err = parse("[report]\ncomittee = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("comittee"), "{err}");
    }
}
