//! The commands, one module each, and what they share: paths, loading, year resolution.

pub mod build;
pub mod check;
pub mod init;
pub mod plan;
pub mod publish;
pub mod templates;
pub mod year;
pub mod year_plan;

use std::path::{Path, PathBuf};

use crate::fiscal_year::{FiscalYear, YearParseError};
use crate::plan::{Plan, PlanError, Settings, SettingsError, load_plan_with_notes};
use crate::report::ReportError;

/// Where the program reads and writes.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The input folder (plan.toml, submissions/, committee/).
    pub input: PathBuf,
    /// The output folder.
    pub output: PathBuf,
    /// The settings folder (report.toml).
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
    /// input/committee: the committee's filled opinion workbooks, one per year.
    pub fn committee(&self) -> PathBuf {
        self.input.join("committee")
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
    /// plan.toml could not be used.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// report.toml could not be used.
    #[error(transparent)]
    Settings(#[from] SettingsError),
    /// Neither plan.toml nor report.toml could be used: both are reported in one run.
    #[error("{plan}\n{settings}")]
    PlanAndSettings {
        /// Why plan.toml could not be used.
        plan: PlanError,
        /// Why report.toml could not be used.
        settings: SettingsError,
    },
    /// Names the settings make for the plan's departments and years that Windows refuses.
    #[error(
        "{} と {} から作るファイル名に、Windows で使えないものがあります（何も作成していません）:\n{}",
        plan.display(),
        settings.display(),
        problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n")
    )]
    OutputNames {
        /// plan.toml (the departments).
        plan: PathBuf,
        /// report.toml (the patterns).
        settings: PathBuf,
        /// Every problem, naming the key, the pattern and the name.
        problems: Vec<String>,
    },
    /// The --year value could not be read.
    #[error(transparent)]
    Year(#[from] YearParseError),
    /// The year is outside the plan period.
    #[error("{year}は計画期間（{start}〜{end}）の外です。計画期間内の{hint}")]
    YearOutsidePlan {
        /// How to give another year (from [`year::year_hint`]).
        hint: &'static str,
        /// The year as shown.
        year: String,
        /// The first year of the plan, as shown.
        start: String,
        /// The last year of the plan, as shown.
        end: String,
    },
    /// No year given and no year folder under the submissions folder.
    #[error(
        "年度を決められません: {} に年度のフォルダ（例: {example}）がありません。{hint}",
        dir.display()
    )]
    NoYear {
        /// The submissions folder.
        dir: PathBuf,
        /// A year folder name of the plan, as an example.
        example: u16,
        /// How to give the year (from [`year::year_hint`]).
        hint: &'static str,
    },
    /// The year given could not be read (the examples are years of the plan).
    #[error("年度「{input}」を読み取れません。{examples} のように入力してください")]
    YearUnreadable {
        /// The text given.
        input: String,
        /// Spellings of a year of the plan: 2024、R6、令和6.
        examples: String,
    },
    /// `publish` of a year without any returned file.
    #[error(
        "{year}の提出ファイルが1つもないため、公表用ファイルを作成しませんでした。年度が正しいか確認してください。正しい場合は、各部署から返送されたファイルを {} に置き、点検と集計をしてから公表してください",
        dir.display()
    )]
    NothingReturned {
        /// The year, as shown.
        year: String,
        /// The folder the returned files go in.
        dir: PathBuf,
    },
    /// An output could not be written.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// The publication could not be made.
    #[error(transparent)]
    Publish(#[from] crate::publish::PublishError),
    /// A workbook could not be written.
    #[error(transparent)]
    Workbook(#[from] crate::xlsx::WriteError),
    /// A year's submission folder could not be read.
    #[error(transparent)]
    Submission(#[from] crate::submission::SubmissionError),
    /// The settings folder does not exist.
    #[error(
        "設定フォルダ {} がありません。--templates で report.toml のあるフォルダを指定してください（省略時は templates）",
        .0.display()
    )]
    TemplatesMissing(PathBuf),
    /// The plan workbook to write is not named .xlsx.
    #[error(
        "計画の書き出し先 {} は Excel ブック（.xlsx）の名前にしてください（例: 計画.xlsx）",
        .0.display()
    )]
    PlanExcelName(PathBuf),
    /// The plan workbook to write exists already.
    #[error(
        "{} はすでにあります。編集した内容を消さないよう上書きしません。別のファイル名を指定するか、今のファイルを移動してください",
        .0.display()
    )]
    PlanExcelExists(PathBuf),
    /// The plan workbook could not be read.
    #[error("計画の Excel ファイル {} を読み込めません: {reason}", path.display())]
    PlanExcelRead {
        /// The workbook.
        path: PathBuf,
        /// Why, in Japanese.
        reason: String,
    },
    /// The plan workbook has problems; plan.toml was left as it was.
    #[error(
        "計画の Excel ファイル {} に誤りがあります（{} は変更していません）:\n{}",
        path.display(),
        target.display(),
        problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n")
    )]
    PlanExcel {
        /// The workbook read.
        path: PathBuf,
        /// The plan file that was not changed.
        target: PathBuf,
        /// Every problem, with its sheet and cell.
        problems: Vec<crate::plan::PlanProblem>,
    },
    /// Files `gyokaku init` would overwrite.
    #[error(
        "{} はすでにあるため、何も作成していません（上書きしません）。別のフォルダを指定してください",
        .0.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("、")
    )]
    InitExists(Vec<PathBuf>),
    /// A past year none of whose files could be read: its earlier outputs are kept.
    #[error(
        "{year}の提出ファイルを1つも読み込めませんでした。前に作成した{year}の出力は上書きしていません（理由は gyokaku check --year {western} で確認できます）"
    )]
    PastYearUnread {
        /// The year as shown.
        year: String,
        /// The 西暦 year.
        western: u16,
    },
    /// The results could not be written to standard output (a full disk, …).
    #[error("結果を標準出力に書き込めません: {0}")]
    Stdout(std::io::Error),
    /// A failure that should not happen (a bug).
    #[error("内部エラー: {0}")]
    Internal(String),
}

impl CmdError {
    /// 1 for problems in the input files, 2 for usage and I/O failures.
    pub fn exit_code(&self) -> u8 {
        match self {
            CmdError::Plan(PlanError::Io { .. })
            | CmdError::PlanAndSettings {
                plan: PlanError::Io { .. },
                ..
            } => 2,
            CmdError::Plan(_)
            | CmdError::PlanAndSettings { .. }
            | CmdError::Settings(_)
            | CmdError::OutputNames { .. }
            | CmdError::PlanExcel { .. }
            | CmdError::PastYearUnread { .. }
            | CmdError::NothingReturned { .. } => 1,
            _ => 2,
        }
    }
}

/// The plan and settings every command needs.
pub struct Loaded {
    /// The plan (plan.toml), or the plan of the command's year once
    /// [`year_plan::load_for_year`] has put it in place.
    pub plan: Plan,
    /// The plan the year's plan was taken from (plan.toml or a year's record), every item with
    /// its whole life.
    pub source_plan: Plan,
    /// The report settings (report.toml).
    pub settings: Settings,
}

/// Loads plan.toml and report.toml. The settings folder must exist (a mistyped --templates
/// must not silently mean the built-in settings). Warnings about how the files were read
/// (Shift_JIS instead of UTF-8) are printed.
pub fn load(paths: &Paths) -> Result<Loaded, CmdError> {
    if !paths.templates.is_dir() {
        return Err(CmdError::TemplatesMissing(paths.templates.clone()));
    }
    // Both files are read before either error is reported, so a user fixes both in one go;
    // the plan's problems are told in the city's words when the settings could be read.
    let (plan, settings) = (
        load_plan_with_notes(&paths.plan()),
        Settings::load_with_notes(&paths.settings()),
    );
    let ((plan, plan_notes), (settings, settings_notes)) = match (plan, settings) {
        (Ok(plan), Ok(settings)) => (plan, settings),
        (Err(plan), Ok((settings, _))) => return Err(plan.in_words(&settings.words).into()),
        (Ok(_), Err(settings)) => return Err(settings.into()),
        (Err(plan), Err(settings)) => return Err(CmdError::PlanAndSettings { plan, settings }),
    };
    for note in plan_notes.iter().chain(&settings_notes) {
        eprintln!("警告: {note}");
    }
    // The output names the settings make for this plan (every year, every department).
    let problems = settings.output_name_problems(&plan);
    if !problems.is_empty() {
        return Err(CmdError::OutputNames {
            plan: paths.plan(),
            settings: paths.settings(),
            problems,
        });
    }
    Ok(Loaded {
        source_plan: plan.clone(),
        plan,
        settings,
    })
}

/// Takes the lock of a year's outputs (output/.gyokaku-<year>.lock, waiting a few seconds for
/// another run) and finishes or removes what a killed run left, saying so.
pub fn lock_year_outputs(
    paths: &Paths,
    year: FiscalYear,
) -> Result<crate::report::output::Lock, CmdError> {
    let tag = year.western().to_string();
    let lock = crate::report::output::lock_outputs(&paths.output, &tag)?;
    for note in crate::report::output::recover(&paths.output, &tag)? {
        eprintln!("お知らせ: {note}");
    }
    Ok(lock)
}

/// Writes a year's outputs together (see [`crate::report::output`]); the caller holds
/// [`lock_year_outputs`].
pub fn switch_year_outputs(
    paths: &Paths,
    year: FiscalYear,
    outputs: &[crate::report::output::Output],
) -> Result<(), CmdError> {
    crate::report::output::switch(&paths.output, &year.western().to_string(), outputs)?;
    Ok(())
}

/// The fiscal year of `check`, `build` and `publish`: `--year` if given, else the latest year
/// with returned files; refused when outside the plan period.
pub fn resolve_year(paths: &Paths, plan: &Plan, arg: Option<&str>) -> Result<FiscalYear, CmdError> {
    resolve_year_for(paths, plan, arg, year::YearUse::Returns)
}

/// The fiscal year of a command: `--year` if given, else the default of [`year::default_year`]
/// for what the year is used for; refused when outside the plan period.
pub fn resolve_year_for(
    paths: &Paths,
    plan: &Plan,
    arg: Option<&str>,
    used: year::YearUse,
) -> Result<FiscalYear, CmdError> {
    let year = match arg {
        Some(text) => FiscalYear::parse(text).map_err(|e| match e {
            YearParseError::Unreadable(input) => CmdError::YearUnreadable {
                input,
                examples: year_examples(plan),
            },
            other => CmdError::Year(other),
        })?,
        None => year::default_year(paths, plan, used)
            .map(|d| d.year)
            .ok_or_else(|| no_year(paths, plan))?,
    };
    if !plan.covers(year) {
        return Err(CmdError::YearOutsidePlan {
            hint: year::year_hint(),
            year: year.label(),
            start: plan.start_year.label(),
            end: plan.end_year.label(),
        });
    }
    Ok(year)
}

/// The error of a command that finds no year to work on.
pub fn no_year(paths: &Paths, plan: &Plan) -> CmdError {
    CmdError::NoYear {
        dir: paths.submissions(),
        example: plan.start_year.western(),
        hint: year::year_hint(),
    }
}

/// Ways to write the plan's first year, as examples: 2024、R6、令和6.
fn year_examples(plan: &Plan) -> String {
    let y = plan.start_year;
    let (era, n) = y.era();
    let letter = if era == "令和" { "R" } else { "H" };
    format!("{}、{letter}{n}、{era}{n}", y.western())
}

/// The latest year folder under `dir` (a 4-digit name) that holds a submitted workbook; when
/// none holds one, the latest year folder. Empty folders prepared for later years (as the
/// Windows package ships them) do not make those years the default.
pub fn latest_submission_year(dir: &Path) -> Option<FiscalYear> {
    year::latest_returned_year(dir).or_else(|| year::latest_year_folder(dir))
}

/// Reads and checks the submissions of a year.
pub fn read_submissions(
    paths: &Paths,
    loaded: &Loaded,
    year: FiscalYear,
) -> Result<crate::submission::YearSubmissions, CmdError> {
    let plan = year_plan::plan_of_year(paths, loaded, year)?;
    let mut subs = year_plan::read_under(paths, loaded, &plan, year, false)?;
    subs.general.extend(year::misplaced_workbooks(paths, year));
    Ok(subs)
}

/// The committee's opinions of a year, when the settings name a committee and the secretariat
/// placed its filled workbook at input/committee/<西暦年度>.xlsx.
pub fn read_committee(
    paths: &Paths,
    loaded: &Loaded,
    year: FiscalYear,
) -> Option<crate::submission::committee::CommitteeOpinions> {
    loaded.settings.report.committee.as_ref()?;
    let path = crate::submission::committee::path_of(&paths.committee(), year);
    let shown = format!(
        "committee/{}",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    // Read under the plan of its year (the items the committee saw).
    let plan = year_plan::plan_of_year(paths, loaded, year)
        .unwrap_or(std::borrow::Cow::Borrowed(&loaded.plan));
    crate::submission::committee::read_year_worded(
        &paths.committee(),
        &plan,
        &loaded.settings.words,
        year,
        &shown,
    )
}

/// The diagnostics about the committee's workbooks that concern `year`: those of the year's
/// own workbook, and a warning when last year's (whose opinions the forms show) is unusable.
pub fn committee_diagnostics(
    paths: &Paths,
    loaded: &Loaded,
    year: FiscalYear,
) -> Vec<crate::submission::Diagnostic> {
    use crate::submission::{Diagnostic, Severity};
    let mut out = read_committee(paths, loaded, year)
        .map(|c| c.diagnostics)
        .unwrap_or_default();
    if loaded.settings.report.committee.is_some() {
        out.extend(crate::submission::committee::unread_files(
            &paths.committee(),
            year,
        ));
    }
    if loaded.plan.covers(year.previous())
        && let Some(previous) = read_committee(paths, loaded, year.previous())
        && !previous.usable
    {
        out.push(Diagnostic::file(
            Severity::Warning,
            &previous.file,
            format!(
                "{}の委員会意見の記入表を読み込めないため、{}の入力シートに前年度の委員会意見を表示していません（gyokaku check --year {} で詳細を確認してください）",
                year.previous().label(),
                year.label(),
                year.previous().western()
            ),
        ));
    }
    out
}

/// Last year's committee opinions as this year's forms show them (only a usable file counts).
pub fn previous_opinions(
    paths: &Paths,
    loaded: &Loaded,
    year: FiscalYear,
) -> crate::form::Opinions {
    if !loaded.plan.covers(year.previous()) {
        return crate::form::Opinions::new();
    }
    read_committee(paths, loaded, year.previous())
        .filter(|c| c.usable)
        .map(|c| c.items)
        .unwrap_or_default()
}

/// How a year's submissions are read: with last year's committee opinions on the forms.
pub fn read_context<'a>(
    paths: &Paths,
    loaded: &'a Loaded,
    year: FiscalYear,
) -> crate::submission::ReadContext<'a> {
    crate::submission::ReadContext::with_opinions(
        &loaded.plan,
        &loaded.settings,
        year,
        previous_opinions(paths, loaded, year),
    )
}

/// Everything a year's reports are made from: the merged history, the year's submissions
/// and the committee's opinions on the year and on the year before.
pub struct YearData {
    /// Every merged year up to the report's year.
    pub history: crate::merge::History,
    /// The report year's submissions (with every diagnostic of the year).
    pub submissions: crate::submission::YearSubmissions,
    /// The committee's opinions on the year, once recorded.
    pub committee: Option<crate::submission::committee::CommitteeOpinions>,
    /// The committee's opinions on the year before.
    pub previous_committee: Option<crate::submission::committee::CommitteeOpinions>,
}

impl YearData {
    /// The input of the report model.
    pub fn report_input<'a>(
        &'a self,
        loaded: &'a Loaded,
        period: bool,
    ) -> Option<crate::report::ReportInput<'a>> {
        Some(crate::report::ReportInput {
            plan: &loaded.plan,
            settings: &loaded.settings,
            history: &self.history,
            year: self.history.year(self.submissions.year)?,
            submissions: &self.submissions,
            committee: self.committee.as_ref().filter(|c| c.usable),
            previous_committee: self.previous_committee.as_ref().filter(|c| c.usable),
            period,
        })
    }
}

/// Reads a year's data: history, submissions (with the committee workbooks' diagnostics and
/// the plan's undecided values (●) among the year's, as `check` counts them) and the
/// committee's opinions.
pub fn read_year_data(
    paths: &Paths,
    loaded: &Loaded,
    year: FiscalYear,
) -> Result<YearData, CmdError> {
    let (history, mut submissions) = read_history(paths, loaded, year)?;
    submissions
        .general
        .extend(committee_diagnostics(paths, loaded, year));
    submissions.general.extend(check::placeholder_warnings(
        &loaded.plan,
        &loaded.settings.words,
    ));
    let committee = read_committee(paths, loaded, year);
    let previous_committee = if loaded.plan.covers(year.previous()) {
        read_committee(paths, loaded, year.previous())
    } else {
        None
    };
    Ok(YearData {
        history,
        submissions,
        committee,
        previous_committee,
    })
}

/// Reads every year from the plan start to `year` and merges each (from the first year with
/// submissions on, and always `year`); returns the history and
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
    // A plan taken up in mid-period: the years before `first_reported_year` (else before the
    // first submissions) are outside the history (no 増減 against an empty year, no 未提出 in the open data).
    let mut reported = false;
    for y in FiscalYear::span(loaded.plan.start_year, year.previous()) {
        let plan = year_plan::plan_of_year(paths, loaded, y)?;
        let subs = year_plan::read_under(paths, loaded, &plan, y, true)?;
        for note in history_problems(&subs) {
            eprintln!("{note}");
            history_notes.push(note);
        }
        reported = match loaded.plan.first_reported_year {
            Some(first) => y >= first,
            None => reported || !subs.files.is_empty(),
        };
        if reported {
            years.push(crate::merge::merge_year(&plan, &subs));
        }
    }
    let mut current = read_submissions(paths, loaded, year)?;
    current.general.extend(history_notes);
    years.push(crate::merge::merge_year(&loaded.plan, &current));
    Ok((crate::merge::History { years }, current))
}

/// The report model of a year and what it was made from: what `build` and `publish` both
/// lay out.
pub struct Modelled {
    /// The report's fiscal year.
    pub year: FiscalYear,
    /// Every figure and text of the outputs.
    pub model: crate::report::model::ReportModel,
    /// The year's data: history, submissions (with their diagnostics), committee opinions.
    pub data: YearData,
}

/// Reads the history up to the year (`loaded` holds the year's plan, see
/// [`year_plan::load_for_year`]) and builds the report model; with `period`, the summary of
/// the plan period is added before the plan's last year too.
pub fn report_model(
    paths: &Paths,
    loaded: &Loaded,
    year: FiscalYear,
    period: bool,
) -> Result<Modelled, CmdError> {
    let data = read_year_data(paths, loaded, year)?;
    let input = data
        .report_input(loaded, period)
        .ok_or_else(|| no_year(paths, &loaded.plan))?;
    let model = crate::report::model::ReportModel::build(&input);
    Ok(Modelled { year, model, data })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_year_is_the_latest_folder_holding_a_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(latest_submission_year(d), None);
        for y in ["2022", "2023", "2024", "2025", "notes"] {
            std::fs::create_dir(d.join(y)).unwrap();
        }
        assert_eq!(
            latest_submission_year(d),
            Some(FiscalYear(2025)),
            "only empty folders: the latest"
        );
        std::fs::write(d.join("2022/総務課.xlsx"), b"x").unwrap();
        std::fs::write(d.join("2023/福祉課.XLSX"), b"x").unwrap();
        std::fs::write(d.join("2024/~$総務課.xlsx"), b"x").unwrap();
        std::fs::write(d.join("2024/メモ.txt"), b"x").unwrap();
        assert_eq!(latest_submission_year(d), Some(FiscalYear(2023)));
    }
}
