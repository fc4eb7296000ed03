//! Reading the committee's filled opinion workbook (`input/committee/<西暦年度>.xlsx`):
//! identified by its meta sheet, checked against the plan's item list, every opinion read with
//! the same text rules as the department forms, every problem a diagnostic naming the cell.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::Path;

use super::cells::{Book, CellInfo};
use super::diagnostic::quoted_or_blank;
use super::file::read_regular_file;
use super::meta::{Identified, open_identified};
use super::value::{CellContext, Reading, raw_text, read_input};
use super::{Diagnostic, Severity};
use crate::fiscal_year::FiscalYear;
use crate::form::committee::{
    self, COL_CODE, COLUMNS, FORMAT_VERSION, GENERAL_CELL, GENERAL_SHEET, HEADER_ROW, ITEMS_SHEET,
    MARKER, WORDED_COLUMNS,
};
use crate::form::{Cell, InputKind, Value, meta};
use crate::plan::{Plan, WORD_MAX_CHARS, Words};

/// The committee's opinions of one year, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommitteeOpinions {
    /// The file's name as shown in messages (committee/2023.xlsx).
    pub file: String,
    /// 総評.
    pub general: Option<String>,
    /// Opinion per 管理番号 (items without an opinion are absent).
    pub items: BTreeMap<String, String>,
    /// Everything found while reading.
    pub diagnostics: Vec<Diagnostic>,
    /// False when the file as a whole cannot be used.
    pub usable: bool,
}

impl CommitteeOpinions {
    fn refuse(&mut self, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::file(Severity::Error, &self.file, message));
        self.usable = false;
    }

    /// Whether the committee said anything.
    pub fn is_empty(&self) -> bool {
        self.general.is_none() && self.items.is_empty()
    }
}

/// The committee's workbook of a year: `dir/<西暦年度>.xlsx`, if there is one.
///
/// The extension's case does not matter (2023.XLSX is read) and a macro-enabled workbook
/// (2023.xlsm, the same format) is read too; `<year>.xlsx` itself wins when several exist.
pub fn path_of(dir: &Path, year: FiscalYear) -> std::path::PathBuf {
    let exact = dir.join(format!("{}.xlsx", year.western()));
    if std::fs::symlink_metadata(&exact).is_ok() {
        return exact;
    }
    let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let stem = p.file_stem().and_then(|s| s.to_str());
                    let ext = p.extension().and_then(|s| s.to_str()).unwrap_or("");
                    stem == Some(year.western().to_string().as_str())
                        && (ext.eq_ignore_ascii_case("xlsx") || ext.eq_ignore_ascii_case("xlsm"))
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names.into_iter().next().unwrap_or(exact)
}

/// The files of input/committee/ that no year reads, each a warning naming the file, why it
/// is not read and the name to save it under (the year is guessed from the name: 令和5年度,
/// 令和5(2023)年度 or 2023; otherwise `year`). Excel's lock files (~$), hidden files and the
/// folder's README are not the committee's and are passed over.
pub fn unread_files(dir: &Path, year: FiscalYear) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        let readme = Path::new(&name)
            .file_stem()
            .is_some_and(|s| s.eq_ignore_ascii_case("readme"));
        if name.starts_with("~$") || name.starts_with('.') || readme {
            continue;
        }
        let shown = format!("committee/{name}");
        if std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            out.push(Diagnostic::file(
                Severity::Warning,
                &shown,
                format!(
                    "フォルダは読み込んでいません。委員会意見の記入表は committee フォルダの直下に {}.xlsx という名前で保存してください",
                    year.western()
                ),
            ));
            continue;
        }
        let named_year = year_named_in(&name);
        if let Some(y) = named_year
            && path_of(dir, y) == path
            && path.file_stem().and_then(|s| s.to_str()) == Some(y.western().to_string().as_str())
        {
            continue;
        }
        let target = named_year.unwrap_or(year);
        let lower = name.to_lowercase();
        let workbook = lower.ends_with(".xlsx") || lower.ends_with(".xlsm");
        let wanted = format!("{}.xlsx", target.western());
        let chosen = path_of(dir, target);
        let message = if !workbook {
            format!(
                "{name} は Excel ファイル（.xlsx）ではないため読み込んでいません。委員会意見の記入表は {wanted} という名前で保存してください"
            )
        } else if chosen != path
            && path.file_stem().and_then(|s| s.to_str())
                == Some(target.western().to_string().as_str())
        {
            format!(
                "{name} は読み込んでいません（同じ年度の {} を読み込みました）。使う記入表だけを {wanted} という名前で残してください",
                chosen.file_name().unwrap_or_default().to_string_lossy()
            )
        } else {
            format!("{name} は読み込んでいません。{wanted} という名前で保存してください")
        };
        out.push(Diagnostic::file(Severity::Warning, &shown, message));
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// The fiscal year a file name speaks of (令和5年度, 令和5(2023)年度, 平成31年度 or a 西暦
/// year 1989–2200), if any.
fn year_named_in(name: &str) -> Option<FiscalYear> {
    let years = || (1989..=2200).map(FiscalYear);
    years()
        .find(|y| name.contains(&y.label()))
        .or_else(|| years().rev().find(|y| name.contains(&y.era_label())))
        .or_else(|| {
            let digits: Vec<&str> = name
                .split(|c: char| !c.is_ascii_digit())
                .filter(|d| d.len() == 4)
                .collect();
            digits
                .iter()
                .filter_map(|d| d.parse::<u16>().ok())
                .find(|n| (1989..=2200).contains(n))
                .map(FiscalYear)
        })
}

/// Reads the committee's workbook of `year` from `dir` (input/committee) with the default
/// words in messages; None when there is no file for the year (see [`read_year_worded`]).
pub fn read_year(
    dir: &Path,
    plan: &Plan,
    year: FiscalYear,
    shown: &str,
) -> Option<CommitteeOpinions> {
    read_year_worded(dir, plan, &Words::default(), year, shown)
}

/// Reads the committee's workbook of `year` from `dir` (input/committee); None when there is
/// no file for the year. `shown` is the name used in messages, which use the city's `words`;
/// a workbook printed under other words is read all the same.
pub fn read_year_worded(
    dir: &Path,
    plan: &Plan,
    words: &Words,
    year: FiscalYear,
    shown: &str,
) -> Option<CommitteeOpinions> {
    let path = path_of(dir, year);
    std::fs::symlink_metadata(&path).ok()?;
    let mut out = CommitteeOpinions {
        file: shown.to_string(),
        usable: true,
        ..CommitteeOpinions::default()
    };
    match read_regular_file(&path) {
        Ok(bytes) => {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut o = out.clone();
                read_bytes(&mut o, &bytes, plan, words, year);
                o
            }));
            match outcome {
                Ok(o) => out = o,
                Err(_) => out.refuse(
                    "ファイルの内容が壊れているため読み込めません（読み込み中に異常が発生しました）",
                ),
            }
        }
        Err(reason) => out.refuse(reason),
    }
    if !out.usable {
        out.general = None;
        out.items.clear();
    }
    Some(out)
}

fn read_bytes(
    out: &mut CommitteeOpinions,
    bytes: &[u8],
    plan: &Plan,
    words: &Words,
    year: FiscalYear,
) {
    let Identified {
        mut book,
        sheet_names: names,
        meta,
    } = match open_identified(&out.file, bytes, MARKER) {
        Ok(Some(opened)) => opened,
        Ok(None) => {
            out.refuse("委員会意見の記入表ではありません（gyokaku build が作成した「委員会意見」の記入表に記入してください）");
            return;
        }
        Err(reason) => {
            out.refuse(reason);
            return;
        }
    };
    if meta.get(MARKER) != FORMAT_VERSION {
        out.refuse(format!(
            "委員会意見の記入表の形式が異なります（形式 {}、必要な形式 {FORMAT_VERSION}）。gyokaku build で作成し直した記入表に記入してください",
            meta.get(MARKER)
        ));
        return;
    }
    if meta.get(meta::PLAN_TITLE) != plan.title {
        out.refuse(format!(
            "別の計画の記入表です（「{}」）。「{}」の記入表に記入してください",
            crate::text::abbreviate(&meta.get(meta::PLAN_TITLE), 80),
            plan.title
        ));
        return;
    }
    let file_year = meta.get(meta::FISCAL_YEAR).trim().parse::<u16>().ok();
    if file_year != Some(year.western()) {
        let which = file_year.map_or_else(|| "年度不明".to_string(), |y| FiscalYear(y).label());
        out.refuse(format!(
            "{which}の記入表です（{}のファイルとして置かれています）。ファイル名を西暦年度（{}.xlsx）に合わせてください",
            year.label(),
            year.western()
        ));
        return;
    }
    if meta.get(meta::LAYOUT) != committee::layout_fingerprint(plan) {
        out.refuse(format!("計画の版が異なる記入表です（{}の構成が現在の計画と違います）。gyokaku build で作成し直した記入表に記入してください", words.item));
        return;
    }
    for sheet in [ITEMS_SHEET, GENERAL_SHEET] {
        if !names.iter().any(|n| n == sheet) {
            out.refuse(format!(
                "シート「{sheet}」がありません（シート名を変更・削除しないでください）"
            ));
            return;
        }
    }
    read_items(out, &mut book, plan, words);
    read_general(out, &mut book);
}

/// The cells of a sheet at the wanted positions; a stray value elsewhere is a warning.
fn cells_of(
    out: &mut CommitteeOpinions,
    book: &mut Book<'_>,
    sheet: &str,
    wanted: impl IntoIterator<Item = (u32, u32)>,
    template_cell: &dyn Fn(u32, u32) -> bool,
) -> Option<BTreeMap<(u32, u32), CellInfo>> {
    let mut cells: BTreeMap<(u32, u32), CellInfo> = wanted
        .into_iter()
        .map(|p| (p, CellInfo::default()))
        .collect();
    let mut stray: Option<(u32, u32)> = None;
    let outcome = book.visit(sheet, &mut |run, cell| {
        for r in run.row..run.row.saturating_add(run.rows).min(run.row + 2000) {
            for c in run.col..run.col.saturating_add(run.cols).min(run.col + 32) {
                if let Some(slot) = cells.get_mut(&(r, c)) {
                    *slot = cell.clone();
                } else if stray.is_none() && !template_cell(r, c) {
                    stray = Some((r, c));
                }
            }
        }
        ControlFlow::Continue(())
    });
    if let Err(reason) = outcome {
        out.refuse(format!("シート「{sheet}」を読み込めません: {reason}"));
        return None;
    }
    if let Some((r, c)) = stray {
        out.diagnostics.push(Diagnostic::cell(
            Severity::Warning,
            &out.file,
            sheet,
            Cell {
                row: r,
                col: c as u16,
            }
            .a1(),
            "記入欄の外のセルに値があります。集計には使いません。意見は黄色のセルに記入してください",
            None,
        ));
    }
    Some(cells)
}

fn text_of(cells: &BTreeMap<(u32, u32), CellInfo>, row: u32, col: u16) -> String {
    cells
        .get(&(row, u32::from(col)))
        .map(|c| raw_text(&c.data))
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn read_items(out: &mut CommitteeOpinions, book: &mut Book<'_>, plan: &Plan, words: &Words) {
    let n = plan.items.len() as u32;
    let last_col = COLUMNS.len() as u32;
    let wanted = (0..last_col)
        .map(|c| (HEADER_ROW, c))
        .chain((0..n).flat_map(|i| (0..last_col).map(move |c| (HEADER_ROW + 1 + i, c))));
    let template = |r: u32, c: u32| r < HEADER_ROW || (r <= HEADER_ROW + n && c < last_col);
    let Some(cells) = cells_of(out, book, ITEMS_SHEET, wanted, &template) else {
        return;
    };
    for (c, heading) in committee::columns(words).iter().enumerate() {
        let found = text_of(&cells, HEADER_ROW, c as u16);
        // A heading that is one of the words may be any word (the workbook may have been
        // printed under earlier [words]); the codes below still pin the layout.
        let worded =
            c < WORDED_COLUMNS && !found.is_empty() && found.chars().count() <= WORD_MAX_CHARS;
        if found != *heading && found != COLUMNS[c] && !worded {
            layout_altered(
                out,
                Cell {
                    row: HEADER_ROW,
                    col: c as u16,
                },
                heading,
                &found,
            );
            return;
        }
    }
    for (i, item) in plan.items.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let found = text_of(&cells, row, COL_CODE);
        if found != item.code() {
            layout_altered(out, Cell { row, col: COL_CODE }, item.code(), &found);
            return;
        }
        let cell = committee::opinion_cell(i);
        let data = cells
            .get(&(cell.row, u32::from(cell.col)))
            .cloned()
            .unwrap_or_default();
        if let Some(text) = read_text(out, ITEMS_SHEET, cell, &data, "委員会意見") {
            out.items.insert(item.code().to_string(), text);
        }
    }
}

fn read_general(out: &mut CommitteeOpinions, book: &mut Book<'_>) {
    let cell = GENERAL_CELL;
    let wanted = [(cell.row, u32::from(cell.col)), (cell.row, 0)];
    let template = |r: u32, c: u32| r < cell.row || (r == cell.row && c == 0);
    let Some(cells) = cells_of(out, book, GENERAL_SHEET, wanted, &template) else {
        return;
    };
    let data = cells
        .get(&(cell.row, u32::from(cell.col)))
        .cloned()
        .unwrap_or_default();
    out.general = read_text(out, GENERAL_SHEET, cell, &data, "総評");
}

/// Reads one opinion cell with the forms' text rules; problems become diagnostics.
fn read_text(
    out: &mut CommitteeOpinions,
    sheet: &str,
    cell: Cell,
    info: &CellInfo,
    label: &str,
) -> Option<String> {
    let raw = || Some(crate::text::abbreviate(&raw_text(&info.data), 80));
    if info.formula_without_value {
        out.diagnostics.push(Diagnostic::cell(
            Severity::Error,
            &out.file,
            sheet,
            cell.a1(),
            format!(
                "{label}: 数式の計算結果が保存されていません。数式を使わず文字で入力してください"
            ),
            None,
        ));
        return None;
    }
    match read_input(&info.data, &InputKind::Text, &CellContext::default()) {
        Reading::Empty => None,
        Reading::Ok(value, notes) => {
            for (severity, note) in notes {
                out.diagnostics.push(Diagnostic::cell(
                    severity,
                    &out.file,
                    sheet,
                    cell.a1(),
                    format!("{label}: {note}"),
                    raw(),
                ));
            }
            match value {
                Value::Text(t) | Value::Choice(t) => Some(t),
                Value::Number(n) => Some(crate::numbers::format_plain(n)),
            }
        }
        Reading::Invalid(message) => {
            out.diagnostics.push(Diagnostic::cell(
                Severity::Error,
                &out.file,
                sheet,
                cell.a1(),
                format!("{label}: {message}"),
                raw(),
            ));
            None
        }
    }
}

fn layout_altered(out: &mut CommitteeOpinions, cell: Cell, want: &str, found: &str) {
    let found = quoted_or_blank(found, 40);
    out.diagnostics.push(Diagnostic::cell(
        Severity::Error,
        &out.file,
        ITEMS_SHEET,
        cell.a1(),
        format!(
            "記入表のレイアウトが変更されています（{} には「{want}」があるはずですが{found}です）。行・列の挿入や削除、並べ替えをせず、gyokaku build が作成した記入表に記入してください",
            cell.a1()
        ),
        None,
    ));
    out.usable = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_is_read_from_the_name_a_file_was_saved_under() {
        let y = |n: &str| year_named_in(n).map(FiscalYear::western);
        assert_eq!(y("委員会意見_令和5年度.xlsx"), Some(2023));
        assert_eq!(y("委員会意見_令和元年度.xlsx"), Some(2019));
        assert_eq!(y("令和5(2023)年度.xlsx"), Some(2023));
        assert_eq!(y("2024 意見.xlsx"), Some(2024));
        assert_eq!(y("令和15年度.xlsx"), Some(2033));
        assert_eq!(y("意見.xlsx"), None);
    }

    #[test]
    fn the_year_file_is_found_whatever_the_extension_case() {
        let dir = tempfile::tempdir().unwrap();
        let year = FiscalYear::parse("2023").unwrap();
        assert_eq!(path_of(dir.path(), year), dir.path().join("2023.xlsx"));
        std::fs::write(dir.path().join("2023.XLSX"), b"x").unwrap();
        assert_eq!(path_of(dir.path(), year), dir.path().join("2023.XLSX"));
        std::fs::write(dir.path().join("2023.xlsm"), b"x").unwrap();
        assert_eq!(path_of(dir.path(), year), dir.path().join("2023.XLSX"));
        std::fs::write(dir.path().join("2023.xlsx"), b"x").unwrap();
        assert_eq!(path_of(dir.path(), year), dir.path().join("2023.xlsx"));
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join("2023.xlsm"), b"x").unwrap();
        std::fs::write(other.path().join("2024.xlsx"), b"x").unwrap();
        assert_eq!(path_of(other.path(), year), other.path().join("2023.xlsm"));
    }
}
