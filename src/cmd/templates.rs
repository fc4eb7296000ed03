//! `gyokaku templates`: writes each department's input workbook.

use std::process::ExitCode;

use super::{CmdError, Paths};
use crate::report::output::write_all_atomic;
use crate::report::template::{PreviousValues, TemplateContext, department_workbook};

/// Runs the command.
pub fn run(paths: &Paths, year: Option<&str>) -> Result<ExitCode, CmdError> {
    let loaded = super::load(paths)?;
    let year = super::resolve_year(paths, &loaded.plan, year)?;
    let ctx = TemplateContext {
        plan: &loaded.plan,
        settings: &loaded.settings,
        year,
    };
    let dir = paths.output_of(year).join("templates");
    let departments = loaded.plan.participating_departments();
    let mut files = Vec::with_capacity(departments.len());
    for dept in &departments {
        let previous = PreviousValues::new();
        let bytes = department_workbook(&ctx, dept, &previous)?;
        files.push((dir.join(format!("{dept}.xlsx")), bytes));
    }
    write_all_atomic(&files)?;
    eprintln!(
        "{}の入力シートを{}部署分作成しました: {}",
        year.label(),
        files.len(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
