//! The commands, one module each, and what they share: paths, loading, year resolution.

pub mod build;
pub mod check;
pub mod plan;
pub mod publish;
pub mod templates;

use std::path::{Path, PathBuf};

use crate::fiscal_year::{FiscalYear, YearParseError};
use crate::plan::{Plan, PlanError, Settings, SettingsError, load_plan_with_notes};
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
    Publish(#[from] crate::publish::PublishError),
    #[error(transparent)]
    Workbook(#[from] crate::xlsx::WriteError),
    #[error(transparent)]
    Submission(#[from] crate::submission::SubmissionError),
    #[error(
        "設定フォルダ {} がありません。--templates で report.toml のあるフォルダを指定してください（省略時は templates）",
        .0.display()
    )]
    TemplatesMissing(PathBuf),
}

/// The plan and settings every command needs.
pub struct Loaded {
    pub plan: Plan,
    pub settings: Settings,
}

/// Loads plan.toml and report.toml. The settings folder must exist (a mistyped --templates
/// must not silently mean the built-in settings). Warnings about how the files were read
/// (Shift_JIS instead of UTF-8) are printed.
pub fn load(paths: &Paths) -> Result<Loaded, CmdError> {
    if !paths.templates.is_dir() {
        return Err(CmdError::TemplatesMissing(paths.templates.clone()));
    }
    let (plan, plan_notes) = load_plan_with_notes(&paths.plan())?;
    let (settings, settings_notes) = Settings::load_with_notes(&paths.settings())?;
    for note in plan_notes.iter().chain(&settings_notes) {
        eprintln!("警告: {note}");
    }
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
/// the submissions of `year` itself (with its diagnostics). Earlier years are read with the
/// same guards, and a broken file or folder there never stops this year: it is named in a
/// warning of this year.
pub fn read_history(
    paths: &Paths,
    loaded: &Loaded,
    year: FiscalYear,
) -> Result<(crate::merge::History, crate::submission::YearSubmissions), CmdError> {
    let mut years = Vec::new();
    let mut history_notes = Vec::new();
    for y in FiscalYear::span(loaded.plan.start_year, year.previous()) {
        let ctx = crate::submission::ReadContext::new(&loaded.plan, &loaded.settings, y);
        let subs = crate::submission::load_history_year(&paths.submissions_of(y), &ctx);
        for note in history_problems(&subs) {
            eprintln!("{note}");
            history_notes.push(note);
        }
        years.push(crate::merge::merge_year(&loaded.plan, &subs));
    }
    let mut current = read_submissions(paths, loaded, year)?;
    current.general.extend(history_notes);
    years.push(crate::merge::merge_year(&loaded.plan, &current));
    Ok((crate::merge::History { years }, current))
}

/// The report model of a year and the submissions it was made from: what `build` and
/// `publish` both lay out.
pub struct Modelled {
    /// The report's fiscal year.
    pub year: FiscalYear,
    /// Every figure and text of the outputs.
    pub model: crate::report::model::ReportModel,
    /// The year's submissions with their diagnostics.
    pub submissions: crate::submission::YearSubmissions,
}

/// Resolves the year, reads the history up to it and builds the report model.
pub fn report_model(
    paths: &Paths,
    loaded: &Loaded,
    year: Option<&str>,
) -> Result<Modelled, CmdError> {
    let year = resolve_year(paths, &loaded.plan, year)?;
    let (history, submissions) = read_history(paths, loaded, year)?;
    let Some(current) = history.year(year) else {
        return Err(CmdError::NoYear(paths.submissions()));
    };
    let input = crate::report::ReportInput {
        plan: &loaded.plan,
        settings: &loaded.settings,
        history: &history,
        year: current,
        submissions: &submissions,
    };
    let model = crate::report::model::ReportModel::build(&input);
    Ok(Modelled {
        year,
        model,
        submissions,
    })
}

/// Warnings for this year's report about an earlier year's files that could not be used.
fn history_problems(
    subs: &crate::submission::YearSubmissions,
) -> Vec<crate::submission::Diagnostic> {
    use crate::submission::{Diagnostic, Severity};
    let label = subs.year.label();
    let mut out = Vec::new();
    for f in subs.files.iter().filter(|f| !f.usable) {
        let reason = f
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .map_or_else(String::new, |d| format!("理由: {}", d.message));
        out.push(Diagnostic::file(
            Severity::Warning,
            &f.name,
            format!(
                "{label}の提出ファイル {} を読み込めなかったため、{label}の値は表示されません（{reason}）",
                f.name
            ),
        ));
    }
    for d in subs
        .general
        .iter()
        .filter(|d| d.severity == Severity::Error && d.department.is_none())
    {
        let mut w = d.clone();
        w.severity = Severity::Warning;
        w.message = format!("{label}: {}", d.message);
        out.push(w);
    }
    out
}
