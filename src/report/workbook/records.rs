//! The record sheets of the consolidated workbook: who submitted what (提出状況) and every
//! diagnostic of the year (検証結果).

use rust_xlsxwriter::Worksheet;

use super::{Column, Styles, Val, center, left, plain_table};
use crate::report::ReportError;
use crate::report::model::{ReportModel, StateLabel, SubmissionRow};
use crate::submission::Diagnostic;

/// 提出状況: every department's file, its state and the number of findings.
pub(super) fn submissions(
    ws: &mut Worksheet,
    model: &ReportModel,
    s: &Styles,
) -> Result<(), ReportError> {
    let columns: Vec<Column<'_, SubmissionRow>> = vec![
        left("部署", 14.0, |r: &SubmissionRow| {
            Val::Text(r.department.as_deref().unwrap_or("（不明）").to_string())
        }),
        left("提出すべきシート", 30.0, |r: &SubmissionRow| {
            if r.expected_sheets.is_empty() {
                Val::Empty
            } else {
                Val::Text(r.expected_sheets.join("、"))
            }
        }),
        left("ファイル名", 28.0, |r: &SubmissionRow| {
            Val::opt(r.file.as_deref())
        }),
        left("照合用の値（SHA-256）", 30.0, |r: &SubmissionRow| {
            Val::opt(r.sha256.as_deref())
        }),
        center("状況", 9.0, |r: &SubmissionRow| {
            Val::Text(r.state.label_in(&model.facts.words).into())
        }),
        left("エラー数", 9.0, |r: &SubmissionRow| {
            Val::Number(r.errors as f64, 0)
        }),
        left("警告数", 9.0, |r: &SubmissionRow| {
            Val::Number(r.warnings as f64, 0)
        }),
    ];
    let report = &model.submissions;
    let end = plain_table(
        ws,
        model,
        ("提出状況", "提出状況"),
        &columns,
        &report.rows,
        s,
    )?;
    let note = format!(
        "提出 {}/{} 部署（{}）",
        report.submitted, report.expected, report.folder
    );
    ws.write_with_format(end + 1, 0, note, &s.note)?;
    // The file digest is for checking a file later, not for reading: kept, but hidden.
    if let Some(c) = columns.iter().position(|c| c.heading.contains("SHA-256")) {
        ws.set_column_hidden(c as u16)?;
    }
    Ok(())
}

/// 検証結果: every diagnostic of the year.
pub(super) fn diagnostics(
    ws: &mut Worksheet,
    model: &ReportModel,
    s: &Styles,
) -> Result<(), ReportError> {
    let columns: Vec<Column<'_, Diagnostic>> = vec![
        center("区分", 7.0, |d: &Diagnostic| {
            Val::Text(d.severity.label().into())
        }),
        left("ファイル", 24.0, |d: &Diagnostic| {
            Val::opt(d.file.as_deref())
        }),
        left("シート", 14.0, |d: &Diagnostic| {
            Val::opt(d.sheet.as_deref())
        }),
        left("セル", 7.0, |d: &Diagnostic| Val::opt(d.cell.as_deref())),
        left("部署", 14.0, |d: &Diagnostic| {
            Val::opt(d.department.as_deref())
        }),
        left("内容", 60.0, |d: &Diagnostic| {
            Val::Text(d.message.clone())
        }),
        left("入力値", 20.0, |d: &Diagnostic| {
            Val::opt(d.value.as_deref())
        }),
    ];
    let diags = &model.submissions.diagnostics;
    let end = plain_table(
        ws,
        model,
        ("検証結果", "提出ファイルの検証結果"),
        &columns,
        diags,
        s,
    )?;
    if diags.is_empty() {
        ws.write_with_format(end, 0, "問題は見つかりませんでした。", &s.note)?;
    }
    Ok(())
}
