//! Report settings (`templates/report.toml`): titles, committee, output file names,
//! evaluation scale, effect amounts, schedule.
//!
//! The file must exist: no built-in default names a city, a department or a committee. The
//! names every report needs ([report] title and secretariat) are required; everything else has
//! a neutral default. A wrong value is refused with a message naming the key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

mod evaluation;
mod names;
mod publish;
mod report;
mod template;
#[cfg(test)]
mod tests;
mod validate;
mod words;

pub use evaluation::{AchievementFormula, EvaluationSettings, Level, ranked_count};
pub use names::{RELATIVE_PATH_MAX, WINDOWS_PATH_MAX};
pub use publish::{PublishField, PublishSettings};
pub use report::{OutputSettings, ReportSettings, YearSchedule};
pub use template::{EffectSettings, RequiredField, TemplateSettings};
pub use words::{WORD_MAX_CHARS, WORKBOOK_SHEETS, Words};

/// All report settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Titles and names printed in the outputs (required).
    pub report: ReportSettings,
    /// File names of the outputs.
    #[serde(default)]
    pub output: OutputSettings,
    /// The evaluation scale, statuses and achievement formula.
    #[serde(default)]
    pub evaluation: EvaluationSettings,
    /// 効果額: collected only when this table is present.
    #[serde(default)]
    pub effect: Option<EffectSettings>,
    /// The department forms.
    #[serde(default)]
    pub template: TemplateSettings,
    /// Year-specific dates, keyed by 西暦 fiscal year ("2023").
    #[serde(default)]
    pub schedule: BTreeMap<String, YearSchedule>,
    /// The citizen publication (`gyokaku publish`).
    #[serde(default)]
    pub publish: PublishSettings,
    /// The city's words for the parts and roles of its plan (取組方針, 取組項目, …).
    #[serde(default)]
    pub words: Words,
}

/// Why the settings could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file could not be read.
    #[error("設定ファイル {} を読み込めません: {}", path.display(), crate::text::io_reason(source))]
    Io {
        /// The settings file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is in none of the encodings read.
    #[error("設定ファイル {} の文字コードを読み取れません（UTF-8 でも Shift_JIS でもありません）。メモ帳などで開き、文字コード「UTF-8」で保存し直してください", path.display())]
    Encoding {
        /// The settings file.
        path: PathBuf,
    },
    /// There is no settings file.
    #[error(
        "設定ファイル {} がありません。新しく始めるときは `gyokaku init <フォルダ>` で雛形（report.toml）を作成し、市の名称・委員会・事務局を書いてください。別のフォルダにあるときは --templates で指定してください",
        path.display()
    )]
    Missing {
        /// Where the settings file was looked for.
        path: PathBuf,
    },
    /// The TOML could not be parsed.
    #[error("設定ファイル {path} の書式が正しくありません（{line}行目）: {message}")]
    Syntax {
        /// The settings file.
        path: PathBuf,
        /// The line of the error.
        line: usize,
        /// Japanese message.
        message: String,
    },
    /// The settings parsed but have wrong values.
    #[error("設定ファイル {path} に誤りがあります:\n{}", problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The settings file.
        path: PathBuf,
        /// Every problem, naming its key.
        problems: Vec<String>,
    },
}

impl Settings {
    /// Reads `report.toml`; a missing file is an error that says how to create one.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        Settings::load_with_notes(path).map(|(s, _)| s)
    }

    /// Reads `report.toml` like [`Settings::load`]; also returns warnings about how it was
    /// read (a file saved as Shift_JIS is read, with a warning to save it as UTF-8).
    pub fn load_with_notes(path: &Path) -> Result<(Settings, Vec<String>), SettingsError> {
        match super::text_file::read_regular_file(path) {
            Ok(bytes) => {
                let (text, encoding) = super::text_file::decode_text(&bytes).ok_or_else(|| {
                    SettingsError::Encoding {
                        path: path.to_path_buf(),
                    }
                })?;
                let notes = encoding.and_then(|e| e.warning(path)).into_iter().collect();
                Settings::parse(&text, path).map(|s| (s, notes))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(SettingsError::Missing {
                path: path.to_path_buf(),
            }),
            Err(source) => Err(SettingsError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Parses and validates settings text; `path` is used in messages only.
    pub fn parse(text: &str, path: &Path) -> Result<Settings, SettingsError> {
        let settings: Settings =
            super::toml_error::parse(text).map_err(|(line, message)| SettingsError::Syntax {
                path: path.to_path_buf(),
                line: line.unwrap_or(1),
                message,
            })?;
        let mut problems = validate::control_character_problems(text);
        problems.extend(settings.problems());
        if problems.is_empty() {
            Ok(settings)
        } else {
            Err(SettingsError::Invalid {
                path: path.to_path_buf(),
                problems,
            })
        }
    }

    /// Whom departments contact: the configured contact, or else the secretariat.
    pub fn contact(&self) -> &str {
        if self.template.contact.trim().is_empty() {
            &self.report.secretariat
        } else {
            &self.template.contact
        }
    }

    /// The codes of the evaluation levels, best first (the dropdown's choices).
    pub fn level_codes(&self) -> Vec<String> {
        self.evaluation
            .levels
            .iter()
            .map(|l| l.code.clone())
            .collect()
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
