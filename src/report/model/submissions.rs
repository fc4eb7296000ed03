//! The submission status of the year: one row per expected department and file, and the
//! files that belong to no expected department.

use serde::Serialize;

use crate::plan::{Plan, Settings};
use crate::submission::{Counts, DeptState, Diagnostic, YearSubmissions};

/// One department's file (or its absence).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubmissionRow {
    /// The department; None for a file whose department is unknown.
    pub department: Option<String>,
    /// Sheets the department's workbook has (empty for unknown files).
    pub expected_sheets: Vec<String>,
    /// File name; None when nothing was submitted.
    pub file: Option<String>,
    /// SHA-256 of the file.
    pub sha256: Option<String>,
    /// 提出済 for the file used, 未提出 when there is none, エラー otherwise.
    pub state: DeptState,
    /// Error diagnostics of the file and the department.
    pub errors: usize,
    /// Warning diagnostics of the file and the department.
    pub warnings: usize,
}

/// Every department's submission of the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubmissionReport {
    /// Rows in plan department order, then unknown files.
    pub rows: Vec<SubmissionRow>,
    /// Departments with a usable file.
    pub submitted: usize,
    /// Departments expected to submit.
    pub expected: usize,
    /// The folder read, for the record.
    pub folder: String,
    /// Every diagnostic of the year, files first (by name), then general ones.
    pub diagnostics: Vec<Diagnostic>,
}

/// The submission status of a year.
pub fn submission_report(
    plan: &Plan,
    settings: &Settings,
    subs: &YearSubmissions,
) -> SubmissionReport {
    let mut rows = Vec::new();
    for d in &subs.departments {
        let sheets: Vec<String> = crate::form::department_forms(
            plan,
            settings,
            &crate::form::Opinions::new(),
            &d.department,
        )
        .into_iter()
        .map(|f| f.sheet_name)
        .collect();
        let files: Vec<Option<usize>> = if d.files.is_empty() {
            vec![None]
        } else {
            d.files.iter().copied().map(Some).collect()
        };
        for index in files {
            let file = index.and_then(|i| subs.files.get(i));
            let mut diags: Vec<&Diagnostic> = file
                .map(|f| f.diagnostics.iter().collect())
                .unwrap_or_default();
            diags.extend(
                subs.general
                    .iter()
                    .filter(|g| g.department.as_deref() == Some(d.department.as_str())),
            );
            let counts = Counts::of(diags);
            let state = match (d.state, index) {
                (DeptState::Submitted, Some(i)) if d.used == Some(i) => DeptState::Submitted,
                (DeptState::Missing, _) => DeptState::Missing,
                _ => DeptState::Unusable,
            };
            rows.push(SubmissionRow {
                department: Some(d.department.clone()),
                expected_sheets: sheets.clone(),
                file: file.map(|f| f.name.clone()),
                sha256: file.map(|f| f.sha256.clone()),
                state,
                errors: counts.errors,
                warnings: counts.warnings,
            });
        }
    }
    // Files that belong to no expected department (unknown department, other plan…).
    for (i, f) in subs.files.iter().enumerate() {
        if subs.departments.iter().any(|d| d.files.contains(&i)) {
            continue;
        }
        let counts = Counts::of(&f.diagnostics);
        rows.push(SubmissionRow {
            department: f.department.clone(),
            expected_sheets: Vec::new(),
            file: Some(f.name.clone()),
            sha256: Some(f.sha256.clone()),
            state: DeptState::Unusable,
            errors: counts.errors,
            warnings: counts.warnings,
        });
    }
    SubmissionReport {
        rows,
        submitted: subs.submitted_count(),
        expected: subs.departments.len(),
        folder: subs.folder.display().to_string(),
        diagnostics: subs.diagnostics().into_iter().cloned().collect(),
    }
}
