//! `gyokaku check`: validates a year's submissions and prints the diagnostics.

use std::collections::BTreeMap;
use std::process::ExitCode;

use serde::Serialize;

use super::{CmdError, Paths};
use crate::cli::OutputFormat;
use crate::submission::{Counts, Diagnostic, YearSubmissions};

/// Runs the command: exit 0 without errors, 1 with any error.
pub fn run(paths: &Paths, year: Option<&str>, format: OutputFormat) -> Result<ExitCode, CmdError> {
    let loaded = super::load(paths)?;
    let year = super::resolve_year(paths, &loaded.plan, year)?;
    let mut subs = super::read_submissions(paths, &loaded, year)?;
    subs.general
        .extend(super::committee_diagnostics(paths, &loaded, year));
    if subs.files.is_empty() {
        subs.general.push(nothing_returned(&subs));
    }
    let counts = Counts::of(subs.diagnostics());
    match format {
        OutputFormat::Text => print!("{}", report_text(&subs)),
        OutputFormat::Json => println!("{}", report_json(&subs)),
    }
    Ok(if counts.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The warning of a year without any returned file: the folder they go in, or that it is
/// missing.
fn nothing_returned(subs: &YearSubmissions) -> Diagnostic {
    let folder = subs.folder.display();
    let message = if subs.folder.is_dir() {
        format!(
            "{}の提出ファイルは1つもありません。各部署から返送されたファイルを {folder} に置いてから点検してください",
            subs.year.label()
        )
    } else {
        format!(
            "{}の提出ファイルを置くフォルダ {folder} がありません。フォルダを作成し、各部署から返送されたファイルを置いてから点検してください",
            subs.year.label()
        )
    };
    Diagnostic {
        severity: crate::submission::Severity::Warning,
        file: None,
        sheet: None,
        cell: None,
        message,
        value: None,
        department: None,
    }
}

/// The summary line: 提出 n/m 部署、エラー n、警告 n、情報 n.
pub fn summary_line(subs: &YearSubmissions) -> String {
    let c = Counts::of(subs.diagnostics());
    format!(
        "{}: 提出 {}/{} 部署、エラー {}、警告 {}、情報 {}",
        subs.year.label(),
        subs.submitted_count(),
        subs.departments.len(),
        c.errors,
        c.warnings,
        c.infos
    )
}

/// Diagnostics grouped by file, then the general ones, then the summary line.
pub fn report_text(subs: &YearSubmissions) -> String {
    let mut groups: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in subs.diagnostics() {
        let key = d.file.clone().unwrap_or_else(|| "（提出状況）".to_string());
        groups.entry(key).or_default().push(d);
    }
    let mut out = String::new();
    for (file, diags) in &groups {
        out.push_str(&format!("■ {file}\n"));
        for d in diags {
            out.push_str(&format!("  {d}\n"));
        }
    }
    if groups.is_empty() {
        out.push_str("問題は見つかりませんでした。\n");
    }
    out.push_str(&summary_line(subs));
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    fiscal_year: u16,
    fiscal_year_label: String,
    submitted: usize,
    expected: usize,
    counts: Counts,
    departments: Vec<JsonDept<'a>>,
    diagnostics: Vec<&'a Diagnostic>,
}

#[derive(Serialize)]
struct JsonDept<'a> {
    department: &'a str,
    state: &'static str,
    files: Vec<&'a str>,
}

/// Machine-readable report.
pub fn report_json(subs: &YearSubmissions) -> String {
    let diagnostics = subs.diagnostics();
    let report = JsonReport {
        fiscal_year: subs.year.western(),
        fiscal_year_label: subs.year.label(),
        submitted: subs.submitted_count(),
        expected: subs.departments.len(),
        counts: Counts::of(diagnostics.iter().copied()),
        departments: subs
            .departments
            .iter()
            .map(|d| JsonDept {
                department: &d.department,
                state: d.state.label(),
                files: d
                    .files
                    .iter()
                    .map(|i| subs.files[*i].name.as_str())
                    .collect(),
            })
            .collect(),
        diagnostics,
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
