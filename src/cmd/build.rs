//! `gyokaku build`: the consolidated progress workbook, the committee PDF and the workbook
//! the secretariat fills with the committee's opinions.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CmdError, Paths};
use crate::form::UNSET;
use crate::form::committee::{self, ItemRow};
use crate::plan::OutputSettings;
use crate::report::output::Output;
use crate::report::{ReportError, pdf, workbook};
use crate::submission::Counts;

/// What `gyokaku build` makes for a year, before anything is written: the whole pipeline
/// (the year's plan → submissions and committee files → merge → report model → outputs),
/// shared by [`run`] and the tests.
pub struct Built {
    /// The report's fiscal year.
    pub year: crate::fiscal_year::FiscalYear,
    /// Each output file (path under output/<year>/) with its bytes.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// The year's data the outputs were made from (submissions with their diagnostics).
    pub data: super::YearData,
}

/// Makes the outputs of `gyokaku build` in memory: nothing is written. With `period`, the
/// summary of the whole plan period is added even before the plan's last year.
pub fn make(paths: &Paths, year: Option<&str>, period: bool) -> Result<Built, CmdError> {
    let (loaded, year) = super::year_plan::load_for_year(paths, year)?;
    let super::Modelled { year, model, data } = super::report_model(paths, &loaded, year, period)?;
    super::year_plan::keep_unread_past_year(paths, &data.submissions)?;
    let dir = paths.output_of(year);
    let output = &loaded.settings.output;
    let name = |pattern: &str| OutputSettings::file_name(pattern, year, "");
    let mut files = vec![
        (
            dir.join(name(&output.workbook)),
            workbook::progress_workbook(&model)?,
        ),
        (
            dir.join(name(&output.pdf)),
            pdf::committee_pdf(&model).map_err(ReportError::from)?,
        ),
    ];
    if loaded.settings.report.committee.is_some() {
        let rows: Vec<ItemRow> = model
            .items
            .iter()
            .map(|i| ItemRow {
                code: i.code.clone(),
                policy: i.policy.clone(),
                title: i.title.clone(),
                lead: i.lead.clone().unwrap_or_else(|| UNSET.into()),
                evaluation: i
                    .evaluation
                    .as_ref()
                    .map_or_else(|| i.state_label.clone(), |e| e.text()),
                opinion: i.opinion.clone(),
            })
            .collect();
        let general = model.committee.as_ref().and_then(|c| c.general.as_deref());
        let bytes =
            committee::opinion_workbook(&loaded.plan, &loaded.settings, year, &rows, general)?;
        files.push((dir.join(name(&output.opinions)), bytes));
    }
    Ok(Built { year, files, data })
}

/// The arguments of `gyokaku build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 年度（2023、R5、令和5 など）。省略時は input/submissions の最新年度
    #[arg(long, value_name = "年度")]
    pub year: Option<String>,
    /// 入力にエラーが1つでもあれば失敗（終了コード 1）にする
    #[arg(long)]
    pub strict: bool,
    /// 計画の最終年度でなくても「計画期間の総括」を加える
    #[arg(long)]
    pub period: bool,
}

/// Runs the command: [`make`], then the outputs replace output/<year>/'s as a whole. Outputs
/// are written even when the input has problems (they are listed in the outputs); with
/// `strict`, any error makes the exit code 1.
pub fn run(paths: &Paths, args: &Args) -> Result<ExitCode, CmdError> {
    let (year, strict, period) = (args.year.as_deref(), args.strict, args.period);
    let Built { year, files, data } = make(paths, year, period)?;
    let paths_made: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let outputs: Vec<Output> = files.into_iter().map(|(p, b)| Output::File(p, b)).collect();
    let lock = super::lock_year_outputs(paths, year)?;
    super::switch_year_outputs(paths, year, &outputs)?;
    drop(lock);

    let submissions = &data.submissions;
    let counts = Counts::of(submissions.diagnostics());
    eprintln!("{}", super::check::summary_line(submissions));
    // The committee's folder is not the departments': a file there that is not read (a
    // wrong name, a second copy) would otherwise only show in the 検証結果 sheet.
    for d in submissions.diagnostics() {
        if d.severity <= crate::submission::Severity::Warning
            && d.file
                .as_deref()
                .is_some_and(|f| f.starts_with("committee/"))
        {
            eprintln!("{d}");
        }
    }
    for path in &paths_made {
        eprintln!("作成しました: {}", path.display());
    }
    if counts.errors > 0 {
        eprintln!(
            "入力にエラーが {} 件あります。該当する項目は「要確認」として出力しました（詳細は検証結果シート、または gyokaku check）",
            counts.errors
        );
    }
    Ok(if strict && counts.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
