//! The commands, one module each, and what they share: paths, loading, year resolution.

pub mod build;
pub mod check;
pub mod plan;
pub mod templates;

use std::path::{Path, PathBuf};

use crate::fiscal_year::{FiscalYear, YearParseError};
use crate::plan::{Plan, PlanError, Settings, SettingsError, load_plan};
use crate::report::ReportError;

/// Where the program reads and writes.
#[derive(Debug, Clone)]
pub struct Paths {
    pub input: PathBuf,
    pub output: PathBuf,
    pub templates: PathBuf,
}

impl Paths {
    /// input/plan.toml
    pub fn plan(&self) -> PathBuf {
        self.input.join("plan.toml")
    }
    /// templates/report.toml
    pub fn settings(&self) -> PathBuf {
        self.templates.join("report.toml")
    }
    /// input/submissions
    pub fn submissions(&self) -> PathBuf {
        self.input.join("submissions")
    }
    /// input/submissions/<year>
    pub fn submissions_of(&self, year: FiscalYear) -> PathBuf {
        self.submissions().join(year.western().to_string())
    }
    /// output/<year>
    pub fn output_of(&self, year: FiscalYear) -> PathBuf {
        self.output.join(year.western().to_string())
    }
}

/// Why a command failed (the message is shown to the user as is).
#[derive(Debug, thiserror::Error)]
pub enum CmdError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    Year(#[from] YearParseError),
    #[error(
        "{year}は計画期間（{start}〜{end}）の外です。--year で計画期間内の年度を指定してください"
    )]
    YearOutsidePlan {
        year: String,
        start: String,
        end: String,
    },
    #[error(
        "年度を決められません: {0} に年度のフォルダ（例: 2023）がありません。--year で年度を指定してください"
    )]
    NoYear(PathBuf),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Workbook(#[from] crate::xlsx::WriteError),
    #[error(transparent)]
    Submission(#[from] crate::submission::SubmissionError),
}

/// The plan and settings every command needs.
pub struct Loaded {
    pub plan: Plan,
    pub settings: Settings,
}

/// Loads plan.toml and report.toml.
pub fn load(paths: &Paths) -> Result<Loaded, CmdError> {
    let plan = load_plan(&paths.plan())?;
    let settings = Settings::load(&paths.settings())?;
    Ok(Loaded { plan, settings })
}

/// The fiscal year of a command: `--year` if given, else the latest year folder in
/// input/submissions; refused when outside the plan period.
pub fn resolve_year(paths: &Paths, plan: &Plan, arg: Option<&str>) -> Result<FiscalYear, CmdError> {
    let year = match arg {
        Some(text) => FiscalYear::parse(text)?,
        None => latest_submission_year(&paths.submissions())
            .ok_or_else(|| CmdError::NoYear(paths.submissions()))?,
    };
    if !plan.covers(year) {
        return Err(CmdError::YearOutsidePlan {
            year: year.label(),
            start: plan.start_year.label(),
            end: plan.end_year.label(),
        });
    }
    Ok(year)
}

/// The largest folder name under `dir` that is a 4-digit year.
pub fn latest_submission_year(dir: &Path) -> Option<FiscalYear> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            (name.len() == 4)
                .then(|| name.parse::<u16>().ok())
                .flatten()
        })
        .filter(|y| (1989..=2200).contains(y))
        .max()
        .map(FiscalYear)
}

/// Reads and checks the submissions of a year.
pub fn read_submissions(
    paths: &Paths,
    loaded: &Loaded,
    year: FiscalYear,
) -> Result<crate::submission::YearSubmissions, CmdError> {
    let ctx = crate::submission::ReadContext::new(&loaded.plan, &loaded.settings, year);
    Ok(crate::submission::load_year(
        &paths.submissions_of(year),
        &ctx,
    )?)
}

/// Reads every year from the plan start to `year` and merges each; returns the history and
/// the submissions of `year` itself (with its diagnostics).
pub fn read_history(
    paths: &Paths,
    loaded: &Loaded,
    year: FiscalYear,
) -> Result<(crate::merge::History, crate::submission::YearSubmissions), CmdError> {
    let mut years = Vec::new();
    let mut current = None;
    for y in FiscalYear::span(loaded.plan.start_year, year) {
        let subs = read_submissions(paths, loaded, y)?;
        years.push(crate::merge::merge_year(&loaded.plan, &subs));
        current = Some(subs);
    }
    let current = current.map_or_else(|| read_submissions(paths, loaded, year), Ok)?;
    Ok((crate::merge::History { years }, current))
}
