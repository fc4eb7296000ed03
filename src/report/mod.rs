//! Everything the program writes: department templates, the consolidated workbook and the
//! committee PDF, plus the atomic file writing they share.

pub mod chart;
pub mod model;
pub mod output;
pub mod palette;
pub mod pdf;
pub mod workbook;

use std::path::PathBuf;

use crate::merge::{History, YearProgress};
use crate::plan::{Plan, Settings};
use crate::submission::YearSubmissions;
use crate::submission::committee::CommitteeOpinions;

/// Everything the consolidated workbook and the committee PDF are made from.
pub struct ReportInput<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The report settings.
    pub settings: &'a Settings,
    /// Every merged year up to the report's year.
    pub history: &'a History,
    /// The report's year.
    pub year: &'a YearProgress,
    /// The report year's submissions and their diagnostics.
    pub submissions: &'a YearSubmissions,
    /// The committee's opinions on the report's year, once recorded (input/committee).
    pub committee: Option<&'a CommitteeOpinions>,
    /// The committee's opinions on the year before, which this year's forms answered.
    pub previous_committee: Option<&'a CommitteeOpinions>,
    /// Whether to add the summary of the whole plan period (計画期間の総括).
    pub period: bool,
}

/// Why an output could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A workbook could not be written.
    #[error(transparent)]
    Workbook(#[from] crate::xlsx::WriteError),
    /// An output could not be built in memory.
    #[error("出力データを作成できません: {0}")]
    Buffer(#[from] std::io::Error),
    /// An output file could not be written.
    #[error("{path} に書き込めません: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Another run holds the lock of the same outputs.
    #[error(
        "別の gyokaku が {} に書き込んでいます。終わるのを待ってから、もう一度実行してください",
        .0.display()
    )]
    Busy(PathBuf),
    /// A switch to the new outputs was committed but could not be completed.
    #[error(
        "{path} を新しい出力に入れ替えられませんでした: {source}。原因を取り除いてからもう一度実行すると、入れ替えを完了します"
    )]
    Unfinished {
        /// The output.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The embedded PDF font could not be loaded.
    #[error(transparent)]
    Font(#[from] pdf::fonts::FontError),
}

impl From<rust_xlsxwriter::XlsxError> for ReportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        ReportError::Workbook(e.into())
    }
}
