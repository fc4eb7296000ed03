//! Submissions: the department workbooks of one fiscal year, read and checked.

pub mod committee;
mod diagnostic;
pub mod meta;
pub mod reader;
pub mod value;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// The safe workbook reader, kept under its former paths for the submission modules.
pub use crate::workbook_read::{self as cells, file, xls_guard, zip_guard};
pub use diagnostic::{Counts, Diagnostic, Severity};
pub use reader::{ReadContext, SheetValues, SubmittedFile};

/// Extensions read as workbooks.
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// How a department stands for the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum DeptState {
    /// 提出済: one usable file.
    Submitted,
    /// 未提出: no file.
    Missing,
    /// 要確認: a file that cannot be used, or several files (conflict).
    Unusable,
}

/// One department's standing and the files that concern it.
#[derive(Debug, Clone)]
pub struct DeptSubmission {
    /// The department.
    pub department: String,
    /// How it stands for the year.
    pub state: DeptState,
    /// Index into [`YearSubmissions::files`] of the file used (when Submitted).
    pub used: Option<usize>,
    /// Indexes of every file of this department.
    pub files: Vec<usize>,
}

/// Every submission of a fiscal year.
#[derive(Debug, Clone)]
pub struct YearSubmissions {
    /// The fiscal year.
    pub year: crate::fiscal_year::FiscalYear,
    /// Folder read.
    pub folder: PathBuf,
    /// Every workbook file read, sorted by name.
    pub files: Vec<SubmittedFile>,
    /// Expected departments in plan order.
    pub departments: Vec<DeptSubmission>,
    /// Diagnostics not tied to one file's content (skipped files, 未提出, conflicts).
    pub general: Vec<Diagnostic>,
}

impl YearSubmissions {
    /// Every diagnostic: per file (sorted by file name), then general ones.
    pub fn diagnostics(&self) -> Vec<&Diagnostic> {
        self.files
            .iter()
            .flat_map(|f| f.diagnostics.iter())
            .chain(self.general.iter())
            .collect()
    }

    /// The file used for a department, if any.
    pub fn used_file(&self, dept: &str) -> Option<&SubmittedFile> {
        self.departments
            .iter()
            .find(|d| d.department == dept)
            .and_then(|d| d.used)
            .map(|i| &self.files[i])
    }

    /// How a department stands (未提出 when it is not expected at all).
    pub fn state_of(&self, dept: &str) -> DeptState {
        self.departments
            .iter()
            .find(|d| d.department == dept)
            .map_or(DeptState::Missing, |d| d.state)
    }

    /// Number of departments with a usable file.
    pub fn submitted_count(&self) -> usize {
        self.departments
            .iter()
            .filter(|d| d.state == DeptState::Submitted)
            .count()
    }
}

/// Why a year's folder could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum SubmissionError {
    /// The folder exists but could not be listed.
    #[error("提出フォルダ {} を読み込めません: {}", path.display(), crate::text::io_reason(source))]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Archive extensions a department may send its workbook in.
fn is_archive_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".zip", ".7z", ".lzh", ".rar", ".tar", ".gz"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The note on a folder inside a year folder: folders are not read, and one holding workbooks
/// (a department's files put one level too deep) is a warning naming a few of them.
fn folder_note(path: &Path, name: &str) -> Diagnostic {
    const LOOK_AT: usize = 1_000;
    const NAME: usize = 3;
    let mut workbooks: Vec<String> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .take(LOOK_AT)
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| is_workbook_name(n) && !n.starts_with("~$") && !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    if workbooks.is_empty() {
        return Diagnostic::file(
            Severity::Info,
            name,
            "フォルダは読み込みません（提出ファイルは年度フォルダの直下に置いてください）",
        );
    }
    workbooks.sort();
    let more = if workbooks.len() > NAME {
        format!(" ほか{}件", workbooks.len() - NAME)
    } else {
        String::new()
    };
    Diagnostic::file(
        Severity::Warning,
        name,
        format!(
            "フォルダの中の Excel ファイル（{}{more}）は読み込んでいません。提出ファイルは年度フォルダの直下に置いてください",
            workbooks[..workbooks.len().min(NAME)].join("、")
        ),
    )
}

/// Reads every file of a year folder (in parallel), then works out each department's state.
/// A missing folder means nothing was submitted. Only regular files (or links to them) are
/// opened: a named pipe, socket or device is listed and never opened.
pub fn load_year(folder: &Path, ctx: &ReadContext<'_>) -> Result<YearSubmissions, SubmissionError> {
    reader::quiet_reader_panics();
    let mut general = Vec::new();
    let mut paths = Vec::new();
    if folder.exists() {
        let entries = std::fs::read_dir(folder).map_err(|source| SubmissionError::Folder {
            path: folder.to_path_buf(),
            source,
        })?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            // Follows links; a dangling link has no metadata.
            let target = std::fs::metadata(&path);
            if target.as_ref().is_ok_and(std::fs::Metadata::is_dir) {
                general.push(folder_note(&path, &name));
            } else if name.starts_with("~$") {
                general.push(Diagnostic::file(
                    Severity::Info,
                    &name,
                    "Excel の一時ファイル（~$）のため読み飛ばしました",
                ));
            } else if name.starts_with('.') {
                // Hidden files (.DS_Store, our own temporary files) are not submissions.
            } else {
                let workbook = is_workbook_name(&name);
                let severity = if workbook {
                    Severity::Error
                } else {
                    Severity::Info
                };
                match &target {
                    Ok(meta) if meta.is_file() => {
                        if workbook {
                            paths.push(path);
                        } else if is_archive_name(&name) {
                            general.push(Diagnostic::file(
                                Severity::Warning,
                                &name,
                                "圧縮ファイルは読み込みません。提出ファイルが入っている場合は、展開して中の Excel ファイルを年度フォルダの直下に置いてください",
                            ));
                        } else {
                            general.push(Diagnostic::file(
                                Severity::Info,
                                &name,
                                "Excel ファイルではないため読み飛ばしました",
                            ));
                        }
                    }
                    Ok(meta) => general.push(Diagnostic::file(
                        severity,
                        &name,
                        format!(
                            "通常のファイルではない（{}）ため開きません。提出されたファイルを置き直してください",
                            file::special_kind(meta)
                        ),
                    )),
                    Err(e) => general.push(Diagnostic::file(
                        severity,
                        &name,
                        format!(
                            "ファイルを開けません（リンク先がないか、読み取れません）: {}",
                            crate::text::io_reason(e)
                        ),
                    )),
                }
            }
        }
    }
    paths.sort();
    general.sort_by(|a, b| a.file.cmp(&b.file));
    let files = read_all(&paths, ctx);
    let departments = assign_departments(&files, ctx, &mut general);
    Ok(YearSubmissions {
        year: ctx.year,
        folder: folder.to_path_buf(),
        files,
        departments,
        general,
    })
}

/// Reads an earlier year for the history of a report: the same guards as [`load_year`], but
/// a folder that cannot be read gives an empty year with an error diagnostic, never a failure.
pub fn load_history_year(folder: &Path, ctx: &ReadContext<'_>) -> YearSubmissions {
    match load_year(folder, ctx) {
        Ok(year) => year,
        Err(e) => {
            let mut general = vec![Diagnostic {
                severity: Severity::Error,
                file: None,
                sheet: None,
                cell: None,
                message: e.to_string(),
                value: None,
                department: None,
            }];
            let departments = assign_departments(&[], ctx, &mut general);
            YearSubmissions {
                year: ctx.year,
                folder: folder.to_path_buf(),
                files: Vec::new(),
                departments,
                general,
            }
        }
    }
}

/// Whether a file name has the extension of a workbook the reader opens.
pub fn is_workbook_name(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| WORKBOOK_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Reads files on every core, with a progress bar when many files are read on a terminal.
fn read_all(paths: &[PathBuf], ctx: &ReadContext<'_>) -> Vec<SubmittedFile> {
    let bar = (paths.len() >= 50 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(paths.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("読み込み中 {bar:40} {pos}/{len} ファイル")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let files = paths
        .par_iter()
        .map(|p| {
            let f = reader::read_file(p, ctx);
            if let Some(b) = &bar {
                b.inc(1);
            }
            f
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    files
}

/// Decides which file is each department's: exactly one usable file → 提出済; none → 未提出;
/// several → conflict (エラー, none used); only unusable files → エラー.
fn assign_departments(
    files: &[SubmittedFile],
    ctx: &ReadContext<'_>,
    general: &mut Vec<Diagnostic>,
) -> Vec<DeptSubmission> {
    let mut by_dept: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        if let Some(d) = &f.department {
            by_dept.entry(d.as_str()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for dept in ctx.plan.participating_departments() {
        let indexes = by_dept.get(dept).cloned().unwrap_or_default();
        let usable: Vec<usize> = indexes
            .iter()
            .copied()
            .filter(|i| files[*i].usable)
            .collect();
        let (state, used) = match (indexes.as_slice(), usable.as_slice()) {
            ([], _) => {
                general.push(Diagnostic::department(
                    Severity::Warning,
                    dept,
                    format!("未提出: {dept} のファイルがありません"),
                ));
                (DeptState::Missing, None)
            }
            (_, [one]) => (DeptState::Submitted, Some(*one)),
            (_, []) => (DeptState::Unusable, None),
            (_, many) => {
                let names: Vec<&str> = many.iter().map(|i| files[*i].name.as_str()).collect();
                general.push(Diagnostic::department(
                    Severity::Error,
                    dept,
                    format!(
                        "{dept} のファイルが{}つあります（{}）。どれを使うか決められないため、どのファイルも集計していません。1つにして提出し直してください",
                        many.len(),
                        names.join("、")
                    ),
                ));
                (DeptState::Unusable, None)
            }
        };
        out.push(DeptSubmission {
            department: dept.to_string(),
            state,
            used,
            files: indexes,
        });
    }
    out
}
