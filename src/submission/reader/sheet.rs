//! Reading one item sheet through the form's layout: the cells the form defines are kept,
//! the layout is checked by its labels, values outside the form and edited plan facts are
//! warned about, and every input cell is read with its rules.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use calamine::Data;
use unicode_normalization::UnicodeNormalization;

use super::{ReadContext, SheetValues, SubmittedFile, inputs};
use crate::form::{self, COL_LABEL, COL_TEXT, Cell, InputKind, SheetForm};
use crate::submission::cells::{Book, CellInfo};
use crate::submission::diagnostic::quoted_or_blank;
use crate::submission::value::raw_text;
use crate::submission::{Diagnostic, Severity};

/// Normalises a label or plan text for comparison: NFKC, no whitespace, no invisible
/// characters (so line-ending and spacing differences do not count).
fn compare_key(s: &str) -> String {
    crate::text::clean(s)
        .nfkc()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether the template writes something in a cell (labels, plan facts, units, last year's
/// values, headings): a value anywhere else is outside the form.
fn template_cell(f: &SheetForm, row: u32, col: u32) -> bool {
    if col > u32::from(form::COL_PREVIOUS) {
        return false;
    }
    if row <= 2 {
        return true;
    }
    if row == f.last_row + 2 {
        return col <= u32::from(COL_TEXT);
    }
    if row == f.input_header_row && col >= u32::from(form::COL_INPUT) {
        return true;
    }
    if let Some(input) = f.inputs.iter().find(|i| i.cell.row == row) {
        if col == u32::from(input.cell.col) {
            return true;
        }
        if input.kind != InputKind::Text
            && (col == u32::from(form::COL_UNIT) || col == u32::from(form::COL_PREVIOUS))
        {
            return true;
        }
        // Last year's text beside a free-text input of a contribution sheet (C, merged to E).
        if input.kind == InputKind::Text
            && f.kind == form::SheetKind::Contribution
            && col == u32::from(form::COL_INPUT)
        {
            return true;
        }
    }
    f.labels.iter().any(|l| {
        l.row == row
            && (col == u32::from(COL_LABEL) || (col == u32::from(COL_TEXT) && l.text.is_some()))
    })
}

/// Most cells outside the form named in one warning.
const STRAY_LISTED: usize = 5;

/// The cells of a sheet the form defines, and the values found outside the form.
struct SheetCells {
    /// Column A and B of every label row, the item code and the inputs, by (row, column).
    wanted: BTreeMap<(u32, u32), CellInfo>,
    /// The first cells outside the form holding a value (A1), at most [`STRAY_LISTED`].
    stray: Vec<String>,
    /// How many cells (or runs of cells) outside the form hold a value.
    stray_count: usize,
}

impl SheetCells {
    /// The trimmed text of a kept cell ("" when empty).
    fn text_at(&self, row: u32, col: u16) -> String {
        self.wanted
            .get(&(row, u32::from(col)))
            .map(|c| raw_text(&c.data))
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// Counts a cell outside the form, naming the first few.
    fn outside(&mut self, row: u32, col: u32) {
        self.stray_count += 1;
        if self.stray.len() < STRAY_LISTED {
            self.stray.push(a1(row, col));
        }
    }
}

/// Reads an item sheet; None (with an error diagnostic) when the sheet cannot be read or its
/// layout was changed.
pub(super) fn read_sheet(
    file: &mut SubmittedFile,
    book: &mut Book<'_>,
    f: &SheetForm,
    ctx: &ReadContext<'_>,
) -> Option<SheetValues> {
    let mut cells = match collect_cells(book, f) {
        Ok(cells) => cells,
        Err(reason) => {
            file.diagnostics.push(Diagnostic::file(
                Severity::Error,
                &file.name,
                format!("シート「{}」を読み込めません: {reason}", f.sheet_name),
            ));
            return None;
        }
    };
    if let Some((cell, want, found)) = altered_label(f, &cells) {
        file.diagnostics.push(Diagnostic::cell(
            Severity::Error,
            &file.name,
            &f.sheet_name,
            cell.a1(),
            format!(
                "シートのレイアウトが変更されています（{} には「{want}」があるはずですが{}です）。行・列の挿入や削除をせず、配布した入力シートに記入し直してください。このシートは読み込みません",
                cell.a1(),
                quoted_or_blank(&found, 40)
            ),
            None,
        ));
        return None;
    }
    warn_stray(file, f, &cells);
    check_plan_facts(file, f, &cells);
    mark_percent_cells(book, f, &mut cells);
    Some(inputs::read_inputs(file, f, &cells.wanted, ctx))
}

/// Streams the sheet once, keeping the cells the form defines and counting values outside
/// it.
fn collect_cells(book: &mut Book<'_>, f: &SheetForm) -> Result<SheetCells, String> {
    let mut wanted: BTreeMap<(u32, u32), CellInfo> = BTreeMap::new();
    for l in &f.labels {
        wanted.insert((l.row, u32::from(COL_LABEL)), CellInfo::default());
        wanted.insert((l.row, u32::from(COL_TEXT)), CellInfo::default());
    }
    wanted.insert((form::ROW_CODE, u32::from(COL_TEXT)), CellInfo::default());
    for i in &f.inputs {
        wanted.insert((i.cell.row, u32::from(i.cell.col)), CellInfo::default());
    }
    let mut cells = SheetCells {
        wanted,
        stray: Vec::new(),
        stray_count: 0,
    };
    book.visit(&f.sheet_name, &mut |run, cell| {
        if run.rows == 1 && run.cols == 1 {
            if let Some(slot) = cells.wanted.get_mut(&(run.row, run.col)) {
                *slot = cell.clone();
            } else if !template_cell(f, run.row, run.col) {
                cells.outside(run.row, run.col);
            }
            return ControlFlow::Continue(());
        }
        // A run of repeated cells (.ods): keep the wanted cells inside it, and name the
        // first of its cells that is outside the form.
        for (&(r, c), slot) in cells.wanted.range_mut((run.row, 0)..) {
            if r >= run.row.saturating_add(run.rows) {
                break;
            }
            if run.contains(r, c) {
                *slot = cell.clone();
            }
        }
        let outside = (run.row..run.row.saturating_add(run.rows))
            .take(f.last_row as usize + 4)
            .flat_map(|r| {
                (run.col..run.col.saturating_add(run.cols))
                    .take(8)
                    .map(move |c| (r, c))
            })
            .find(|&(r, c)| !template_cell(f, r, c) && !cells.wanted.contains_key(&(r, c)))
            .or_else(|| {
                let (r, c) = (run.row + run.rows - 1, run.col + run.cols - 1);
                (!template_cell(f, r, c)).then_some((r, c))
            });
        if let Some((r, c)) = outside {
            cells.outside(r, c);
        }
        ControlFlow::Continue(())
    })?;
    Ok(cells)
}

/// The layout check: the first place where the item code (B6) or a label is not what the
/// form puts there, as (cell, wanted text, found text).
fn altered_label(f: &SheetForm, cells: &SheetCells) -> Option<(Cell, String, String)> {
    let code_cell = Cell {
        row: form::ROW_CODE,
        col: COL_TEXT,
    };
    let found_code = cells.text_at(code_cell.row, code_cell.col);
    if compare_key(&found_code) != compare_key(&f.item_code) {
        return Some((code_cell, f.item_code.clone(), found_code));
    }
    f.labels.iter().find_map(|l| {
        let found = cells.text_at(l.row, COL_LABEL);
        let altered = found != l.label() && !l.worded.accepts(&found, compare_key);
        altered.then(|| {
            let cell = Cell {
                row: l.row,
                col: COL_LABEL,
            };
            (cell, l.label().to_string(), found)
        })
    })
}

/// One warning naming the first cells outside the form that hold a value.
fn warn_stray(file: &mut SubmittedFile, f: &SheetForm, cells: &SheetCells) {
    if cells.stray_count == 0 {
        return;
    }
    let more = if cells.stray_count > cells.stray.len() {
        format!(" ほか{}か所", cells.stray_count - cells.stray.len())
    } else {
        String::new()
    };
    file.diagnostics.push(Diagnostic::cell(
        Severity::Warning,
        &file.name,
        &f.sheet_name,
        cells.stray[0].clone(),
        format!(
            "入力欄の外のセル（{}{more}）に値があります。集計には使いません。報告する内容は黄色の入力欄に記入してください",
            cells.stray.join("、")
        ),
        None,
    ));
}

/// Plan facts (locked, column B above the report block) edited after removing protection.
fn check_plan_facts(file: &mut SubmittedFile, f: &SheetForm, cells: &SheetCells) {
    for l in f
        .labels
        .iter()
        .filter(|l| l.row < f.input_header_row && l.row != form::ROW_CODE)
    {
        let Some(plan_text) = &l.text else { continue };
        let found = cells.text_at(l.row, COL_TEXT);
        if compare_key(&found) == compare_key(plan_text) {
            continue;
        }
        let (severity, message) = if l.label() == form::layout::LABEL_PREVIOUS_OPINION {
            // The committee's record was corrected after the forms went out: the form shows
            // the earlier wording. Not the department's edit, so a note, not a warning.
            (
                Severity::Info,
                format!(
                    "前年度の委員会意見が、入力シートの配布後に更新されています（入力シート: {}、現在の記録: {}）。「委員会意見への対応」が現在の意見に合っているか確認してください",
                    quoted_or_blank(&found, 60),
                    quoted_or_blank(plan_text, 60)
                ),
            )
        } else {
            (
                Severity::Warning,
                format!(
                    "計画の記載（{}）が変更されています: {}→{}。計画の内容は変更できません（集計には計画の記載を使います）。変更が必要な場合は事務局に連絡してください",
                    l.label(),
                    quoted_or_blank(plan_text, 60),
                    quoted_or_blank(&found, 60)
                ),
            )
        };
        let cell = Cell {
            row: l.row,
            col: COL_TEXT,
        };
        file.diagnostics.push(Diagnostic::cell(
            severity,
            &file.name,
            &f.sheet_name,
            cell.a1(),
            message,
            None,
        ));
    }
}

/// Marks the numbers of % indicators that are formatted as percentages (a second pass in
/// .xlsx; other formats say so while streaming or are not checked).
fn mark_percent_cells(book: &mut Book<'_>, f: &SheetForm, cells: &mut SheetCells) {
    let percent_inputs: Vec<(u32, u32)> = f
        .inputs
        .iter()
        .filter(|i| {
            i.unit
                .as_deref()
                .is_some_and(|u| u.trim() == "%" || u.trim() == "％")
        })
        .map(|i| (i.cell.row, u32::from(i.cell.col)))
        .filter(|pos| {
            cells
                .wanted
                .get(pos)
                .is_some_and(|c| matches!(c.data, Data::Float(_) | Data::Int(_)))
        })
        .collect();
    if !percent_inputs.is_empty()
        && let Ok(found) = book.percent_cells(&f.sheet_name, &percent_inputs)
    {
        for pos in found {
            if let Some(c) = cells.wanted.get_mut(&pos) {
                c.percent = true;
            }
        }
    }
}

fn a1(row: u32, col: u32) -> String {
    Cell {
        row,
        col: u16::try_from(col).unwrap_or(u16::MAX),
    }
    .a1()
}
