//! `gyokaku check`: validates a year's submissions and prints the diagnostics.

use std::collections::BTreeMap;
use std::process::ExitCode;

use serde::Serialize;

use super::{CmdError, Paths};
use crate::submission::{Counts, Diagnostic, YearSubmissions};

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// 人が読む形式
    Text,
    /// JSON
    Json,
}

/// The arguments of `gyokaku check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 年度（2023、R5、令和5 など）。省略時は input/submissions の最新年度
    #[arg(long, value_name = "年度")]
    pub year: Option<String>,
    /// 出力形式: text（人が読む形式。省略時）または json
    #[arg(
        long,
        value_enum,
        default_value_t = OutputFormat::Text,
        hide_default_value = true,
        hide_possible_values = true,
        value_name = "形式"
    )]
    pub format: OutputFormat,
}

/// Runs the command: exit 0 without errors, 1 with any error.
pub fn run(paths: &Paths, args: &Args) -> Result<ExitCode, CmdError> {
    let (year, format) = (args.year.as_deref(), args.format);
    let (loaded, year) = super::year_plan::load_for_year(paths, year)?;
    // What a killed build or publish left is finished (or removed) first.
    if crate::report::output::has_leftovers(&paths.output, &year.western().to_string()) {
        drop(super::lock_year_outputs(paths, year)?);
    }
    let mut subs = super::read_submissions(paths, &loaded, year)?;
    subs.general
        .extend(super::committee_diagnostics(paths, &loaded, year));
    subs.general
        .extend(placeholder_warnings(&loaded.plan, &loaded.settings.words));
    if subs.files.is_empty() {
        subs.general.push(nothing_returned(&subs));
    }
    let counts = Counts::of(subs.diagnostics());
    match format {
        OutputFormat::Text => crate::out!("{}", report_text(&subs))?,
        OutputFormat::Json => crate::outln!("{}", report_json(&subs, &loaded.settings.words))?,
    }
    Ok(if counts.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The mark of a value the plan leaves undecided (令和●年度, ●%).
const PLACEHOLDER: char = '●';

/// A warning for every plan text that holds a placeholder (●) and would be printed as it
/// is in the committee document, naming the item and the field (in the city's words).
pub fn placeholder_warnings(
    plan: &crate::plan::Plan,
    words: &crate::plan::Words,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for item in &plan.items {
        let mut fields: Vec<(&str, &str)> = vec![(&words.item, item.title.as_str())];
        if let Some(o) = &item.outcome {
            fields.push(("アウトカム", o));
        }
        fields.extend(item.situation.iter().map(|t| ("現状・課題", t.as_str())));
        fields.extend(
            item.actions
                .iter()
                .map(|t| (words.action.as_str(), t.as_str())),
        );
        fields.extend(item.indicators.iter().map(|i| ("指標", i.name.as_str())));
        for (field, text) in fields {
            if text.contains(PLACEHOLDER) {
                out.push(Diagnostic::file(
                    crate::submission::Severity::Warning,
                    "plan.toml",
                    format!(
                        "[{}] {field}に未定の値（{PLACEHOLDER}）があり、このまま委員会資料に印刷されます: 「{}」",
                        item.code(),
                        excerpt(text)
                    ),
                ));
            }
        }
    }
    out
}

/// Up to 15 characters either side of the first placeholder.
fn excerpt(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|c| *c == PLACEHOLDER).unwrap_or(0);
    let from = at.saturating_sub(15);
    let to = (at + 16).min(chars.len());
    let mut s: String = chars[from..to].iter().collect();
    if from > 0 {
        s.insert(0, '…');
    }
    if to < chars.len() {
        s.push('…');
    }
    s
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
    state: std::borrow::Cow<'static, str>,
    files: Vec<&'a str>,
}

/// Machine-readable report (the departments' states in the city's words).
pub fn report_json(subs: &YearSubmissions, words: &crate::plan::Words) -> String {
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
                state: crate::report::model::StateLabel::label_in(d.state, words),
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
