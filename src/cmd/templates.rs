//! `gyokaku templates`: writes each department's input workbook.

use std::process::ExitCode;

use super::{CmdError, Paths};
use crate::form::template::{PreviousValues, TemplateContext, department_workbook};
use crate::report::model::previous::previous_values;
use crate::report::output::Output;

/// The arguments of `gyokaku templates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 年度（2023、R5、令和5 など）。省略時は input/submissions の最新年度
    #[arg(long, value_name = "年度")]
    pub year: Option<String>,
}

/// Runs the command.
pub fn run(paths: &Paths, args: &Args) -> Result<ExitCode, CmdError> {
    let year = args.year.as_deref();
    let (loaded, year) =
        super::year_plan::load_for_year_as(paths, year, super::year::YearUse::Forms)?;
    let opinions = super::previous_opinions(paths, &loaded, year);
    for d in super::committee_diagnostics(paths, &loaded, year.previous())
        .iter()
        .filter(|d| d.severity == crate::submission::Severity::Error)
    {
        eprintln!("警告: {}: {}", d.location(), d.message);
    }
    let ctx = TemplateContext {
        plan: &loaded.plan,
        settings: &loaded.settings,
        year,
        opinions: &opinions,
    };
    let dir = paths.output_of(year).join("templates");
    let departments = loaded.plan.participating_departments();
    // Last year's submissions, shown beside the inputs (only when that year is in the plan).
    let previous_year = year.previous();
    let previous = if loaded.plan.covers(previous_year) {
        let subs = super::read_submissions(paths, &loaded, previous_year)?;
        Some(crate::merge::merge_year(&loaded.plan, &subs))
    } else {
        None
    };
    let mut files = Vec::with_capacity(departments.len());
    for dept in &departments {
        let values = previous.as_ref().map_or_else(PreviousValues::new, |p| {
            previous_values(&loaded.plan, p, dept)
        });
        let bytes = department_workbook(&ctx, dept, &values)?;
        let name =
            crate::plan::OutputSettings::file_name(&loaded.settings.output.template, year, dept);
        files.push((dir.join(name), bytes));
    }
    let outputs: Vec<Output> = files.into_iter().map(|(p, b)| Output::File(p, b)).collect();
    let lock = super::lock_year_outputs(paths, year)?;
    super::switch_year_outputs(paths, year, &outputs)?;
    drop(lock);
    super::year_plan::record_plan(paths, year)?;
    // The folder the returned forms go in, so that the secretariat finds it ready.
    let returns = paths.submissions_of(year);
    if let Err(e) = std::fs::create_dir_all(&returns) {
        eprintln!(
            "警告: 提出ファイルを置くフォルダ {} を作成できません: {}",
            returns.display(),
            crate::text::io_reason(&e)
        );
    }
    eprintln!(
        "{}の入力シートを{}部署分作成しました: {}",
        year.label(),
        outputs.len(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
