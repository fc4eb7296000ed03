//! `gyokaku build`: the consolidated progress workbook and the committee PDF.

use std::process::ExitCode;

use super::{CmdError, Paths};
use crate::plan::OutputSettings;
use crate::report::output::write_all_atomic;
use crate::report::pdf;
use crate::report::workbook;
use crate::submission::Counts;

/// Runs the command. Outputs are written even when the input has problems (they are listed
/// in the outputs); with `strict`, any error makes the exit code 1.
pub fn run(paths: &Paths, year: Option<&str>, strict: bool) -> Result<ExitCode, CmdError> {
    let loaded = super::load(paths)?;
    let super::Modelled {
        year,
        model,
        submissions,
    } = super::report_model(paths, &loaded, year)?;
    let dir = paths.output_of(year);
    let xlsx = workbook::progress_workbook(&model)?;
    let pdf_bytes = pdf::committee_pdf(&model).map_err(crate::report::ReportError::from)?;
    let output = &loaded.settings.output;
    let name = |pattern: &str| OutputSettings::file_name(pattern, year, "");
    let files = vec![
        (dir.join(name(&output.workbook)), xlsx),
        (dir.join(name(&output.pdf)), pdf_bytes),
    ];
    write_all_atomic(&files)?;

    let counts = Counts::of(submissions.diagnostics());
    eprintln!("{}", super::check::summary_line(&submissions));
    for (path, _) in &files {
        eprintln!("作成しました: {}", path.display());
    }
    if counts.errors > 0 {
        eprintln!(
            "入力にエラーが {} 件あります。該当する取組項目は「要確認」として出力しました（詳細は検証結果シート、または gyokaku check）",
            counts.errors
        );
    }
    Ok(if strict && counts.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
