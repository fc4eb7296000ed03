//! One sheet of the plan workbook as read: its cells below the heading row, its columns
//! found by heading; and the problems and notes found while reading.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;

use calamine::Data;

use super::cell::{self, CellResult, Read};
use super::place::*;
use super::*;
use crate::fiscal_year::FiscalYear;
use crate::workbook_read::{Book, CellInfo};

/// Cells kept from one workbook at most (a plan has a few thousand).
pub(super) const MAX_CELLS: u64 = 500_000;
/// Rows searched for the heading row.
const HEADER_SEARCH_ROWS: u32 = 20;

#[derive(Default)]
pub(super) struct Findings {
    /// Why the file cannot be opened as a workbook at all.
    pub file: Option<String>,
    pub errors: Vec<(Loc, String)>,
    pub notes: Vec<(Loc, String)>,
    /// Notes about sheets that are not read (no [`Loc`]: the place is written out).
    pub other_notes: Vec<(String, String)>,
    /// The city's words: a sheet name, heading or choice is read in them or in the defaults.
    pub words: crate::plan::Words,
}

impl Findings {
    /// Whether a text of the workbook (normalized) is `default` in the default or the city's
    /// words.
    pub(super) fn is(&self, normalized_text: &str, default: &str) -> bool {
        cell::normalized(default) == normalized_text
            || cell::normalized(&self.words.reword(default)) == normalized_text
    }
}

impl Findings {
    pub(super) fn error(&mut self, loc: Loc, message: impl Into<String>) {
        self.errors.push((loc, message.into()));
    }

    /// The error that a cell needed here is blank, unless the cell already has one (its
    /// value could not be read).
    pub(super) fn blank(&mut self, loc: Loc, message: impl Into<String>) {
        if !self.errors.iter().any(|(l, _)| *l == loc) {
            self.error(loc, message);
        }
    }

    /// The value of a cell read with `read`; a refusal becomes an error at `loc`.
    pub(super) fn take<T>(&mut self, loc: Loc, got: CellResult<T>) -> Option<T> {
        match got {
            Ok(Read { value, note }) => {
                if let Some(n) = note {
                    self.notes.push((loc, n));
                }
                value
            }
            Err(e) => {
                self.errors.push((loc, e));
                None
            }
        }
    }
}

/// One sheet's cells below its heading row, with the columns found by heading.
pub(super) struct Table {
    pub sheet: usize,
    pub cols: BTreeMap<&'static str, u32>,
    pub rows: BTreeMap<u32, BTreeMap<u32, CellInfo>>,
}

const EMPTY: Data = Data::Empty;

impl Table {
    /// A sheet an older workbook does not have: no columns, no rows.
    pub(super) fn absent(sheet: usize) -> Table {
        Table {
            sheet,
            cols: BTreeMap::new(),
            rows: BTreeMap::new(),
        }
    }

    /// Whether the sheet has a column with this heading.
    pub(super) fn has(&self, header: &str) -> bool {
        self.cols.contains_key(header)
    }

    /// The data rows that hold something in a column that is read.
    pub(super) fn data_rows(&self, extra: &[u32]) -> Vec<u32> {
        let read: BTreeSet<u32> = self.cols.values().chain(extra).copied().collect();
        self.rows
            .iter()
            .filter(|(_, cells)| cells.keys().any(|c| read.contains(c)))
            .map(|(r, _)| *r)
            .collect()
    }

    pub(super) fn loc(&self, row: u32, header: &str) -> Loc {
        match self.cols.get(header) {
            Some(c) => Loc::cell(self.sheet, row, *c, header),
            None => Loc::row(self.sheet, row),
        }
    }

    pub(super) fn data_at(&self, row: u32, col: u32) -> Result<&Data, String> {
        match self.rows.get(&row).and_then(|r| r.get(&col)) {
            Some(c) if c.formula_without_value => {
                Err("数式の結果が保存されていません。数式ではなく値を入力してください".to_string())
            }
            Some(c) => Ok(&c.data),
            None => Ok(&EMPTY),
        }
    }

    /// Reads the cell of a heading in a row.
    pub(super) fn read<T>(
        &self,
        f: &mut Findings,
        row: u32,
        header: &str,
        read: impl Fn(&Data) -> CellResult<T>,
    ) -> Option<T> {
        let col = self.cols.get(header)?;
        let got = self.data_at(row, *col).and_then(&read);
        f.take(self.loc(row, header), got)
    }
}

/// Yearly-target columns: 西暦 year → (column, heading as written).
pub(super) type YearColumns = BTreeMap<u16, (u32, String)>;

/// Reads a sheet's cells and finds its columns; None when the workbook cannot be read.
pub(super) fn read_table(
    book: &mut Book<'_>,
    name: &str,
    sheet: usize,
    spec: &SheetSpec,
    f: &mut Findings,
) -> Option<(Table, YearColumns)> {
    let mut cells: BTreeMap<u32, BTreeMap<u32, CellInfo>> = BTreeMap::new();
    let mut count = 0u64;
    let mut too_many = false;
    let visited = book.visit(name, &mut |run, info| {
        count += u64::from(run.rows) * u64::from(run.cols);
        if count > MAX_CELLS {
            too_many = true;
            return ControlFlow::Break(());
        }
        for r in run.row..run.row.saturating_add(run.rows) {
            for c in run.col..run.col.saturating_add(run.cols) {
                cells.entry(r).or_default().insert(c, info.clone());
            }
        }
        ControlFlow::Continue(())
    });
    if let Err(reason) = visited {
        f.error(Loc::sheet(sheet), reason);
        return None;
    }
    if too_many {
        f.error(
            Loc::sheet(sheet),
            "セルが多すぎるため読み込みません（計画の内容の表ではないか、壊れています）",
        );
        return None;
    }
    let heading = |info: &CellInfo| match &info.data {
        Data::String(s) => cell::normalized(s),
        _ => String::new(),
    };
    let key = spec.columns[0].header;
    let header_row = cells
        .range(..HEADER_SEARCH_ROWS)
        .find(|(_, row)| row.values().any(|c| f.is(&heading(c), key)))
        .map_or(0, |(r, _)| *r);
    let mut cols: BTreeMap<&'static str, u32> = BTreeMap::new();
    let mut years: YearColumns = BTreeMap::new();
    let yearly = cell::normalized(YEARLY_PREFIX);
    for (c, info) in cells.get(&header_row).into_iter().flatten() {
        let h = heading(info);
        if h.is_empty() {
            continue;
        }
        let shown = cell::text(&info.data)
            .ok()
            .and_then(|r| r.value)
            .unwrap_or_default();
        let at = Loc::cell(sheet, header_row, *c, shown.trim());
        if let Some(column) = spec.columns.iter().find(|col| f.is(&h, col.header)) {
            if let Some(first) = cols.insert(column.header, *c) {
                cols.insert(column.header, first);
                f.error(
                    at,
                    format!(
                        "見出し「{}」が2つあります（{}1 にもあります）。1つにしてください",
                        column.header,
                        column_letters(first)
                    ),
                );
            }
        } else if sheet == S_INDICATOR && h.starts_with(&yearly) {
            match FiscalYear::parse(&h[yearly.len()..]) {
                Ok(y) => {
                    if let Some((first, _)) = years.get(&y.western()) {
                        f.error(
                            at,
                            format!(
                                "{}の年度目標の列が2つあります（{}1 にもあります）",
                                y.label(),
                                column_letters(*first)
                            ),
                        );
                    } else {
                        years.insert(y.western(), (*c, shown.trim().to_string()));
                    }
                }
                Err(_) => f.error(
                    at,
                    format!(
                        "年度目標の列の見出しから年度を読み取れません。「{}」の形にしてください",
                        yearly_header(FiscalYear(2024))
                    ),
                ),
            }
        } else {
            f.notes.push((
                at,
                "この列は計画の項目ではないため読み込みません".to_string(),
            ));
        }
    }
    for column in spec.columns {
        let note = sheet == S_PLAN && column.header == H_NOTE;
        let read = !note && !column.optional;
        if read && !cols.contains_key(column.header) {
            f.error(
                Loc::row(sheet, header_row),
                format!(
                    "見出し「{}」の列がありません（見出しの文字を変えたり、列を削除したりしていないか確認してください）",
                    column.header
                ),
            );
        }
    }
    merged_over_data(book, name, sheet, &cells, &cols, f);
    let rows = cells.split_off(&(header_row + 1));
    unread_cells(sheet, header_row, &cells, &rows, &cols, &years, f);
    Some((Table { sheet, cols, rows }, years))
}

/// Notes at most this many unread cells per sheet by name (the rest are counted).
const MAX_UNREAD_NAMED: usize = 20;

/// Every non-blank cell the importer does not read: above the heading row, or in a column
/// without a known heading. The 説明 column of the 計画 sheet (explanations written by the
/// export) is not reported.
fn unread_cells(
    sheet: usize,
    header_row: u32,
    above: &BTreeMap<u32, BTreeMap<u32, CellInfo>>,
    rows: &BTreeMap<u32, BTreeMap<u32, CellInfo>>,
    cols: &BTreeMap<&'static str, u32>,
    years: &YearColumns,
    f: &mut Findings,
) {
    let note_col = (sheet == S_PLAN)
        .then(|| cols.get(H_NOTE).copied())
        .flatten();
    let read: BTreeSet<u32> = cols
        .values()
        .copied()
        .chain(years.values().map(|(c, _)| *c))
        .filter(|c| Some(*c) != note_col)
        .collect();
    let headed: BTreeSet<u32> = above
        .get(&header_row)
        .into_iter()
        .flatten()
        .filter(|(_, c)| !c.is_blank())
        .map(|(c, _)| *c)
        .collect();
    let mut unread: Vec<(Loc, String)> = Vec::new();
    for (r, cells) in above.range(..header_row) {
        for (c, info) in cells {
            if !info.is_blank() {
                unread.push((
                    Loc::cell(sheet, *r, *c, ""),
                    "見出しの行より上にあるため、この値は読み込みません".to_string(),
                ));
            }
        }
    }
    for (r, cells) in rows {
        for (c, info) in cells {
            if info.is_blank() || read.contains(c) || Some(*c) == note_col {
                continue;
            }
            let why = if headed.contains(c) {
                "この列は計画の項目ではないため、この値は読み込みません（読み込むには、見出しのある計画の列に移してください）"
            } else {
                "見出しのない列にあるため、この値は読み込みません（読み込むには、見出しのある計画の列に移してください）"
            };
            unread.push((Loc::cell(sheet, *r, *c, ""), why.to_string()));
        }
    }
    let extra = unread.len().saturating_sub(MAX_UNREAD_NAMED);
    unread.truncate(MAX_UNREAD_NAMED);
    f.notes.extend(unread);
    if extra > 0 {
        f.notes.push((
            Loc::sheet(sheet),
            format!("ほかに {extra} 個のセルの値を読み込んでいません（見出しのない列や、見出しの行より上にあります）"),
        ));
    }
}

/// A merged range holding a value is an error: only its first cell has the value, the others
/// read as empty (an item's 担当部署 merged over two rows leaves the second item without one).
/// Only .xlsx/.xlsm files say which cells are merged.
fn merged_over_data(
    book: &mut Book<'_>,
    name: &str,
    sheet: usize,
    cells: &BTreeMap<u32, BTreeMap<u32, CellInfo>>,
    cols: &BTreeMap<&'static str, u32>,
    f: &mut Findings,
) {
    let Book::Xlsx(wb) = book else {
        return;
    };
    let regions = match wb.merge_cells_by_sheet_name(name).map(Some).transpose() {
        Some(Ok(regions)) => regions,
        Some(Err(e)) => {
            f.error(Loc::sheet(sheet), crate::workbook_read::xlsx_reason(&e));
            return;
        }
        None => return,
    };
    for d in regions {
        let ((r0, c0), (r1, c1)) = (d.start, d.end);
        let holds = cells
            .range(r0..=r1)
            .any(|(_, row)| row.range(c0..=c1).any(|(_, c)| !c.is_blank()));
        if !holds {
            continue;
        }
        let header = cols.iter().find(|(_, c)| **c == c0).map_or("", |(h, _)| *h);
        let range = format!(
            "{}{}:{}{}",
            column_letters(c0),
            u64::from(r0) + 1,
            column_letters(c1),
            u64::from(r1) + 1
        );
        f.error(
            Loc::cell(sheet, r0, c0, header),
            format!("セル {range} が結合されています。結合したセルは最初のセルにしか値がなく、ほかのセルは空として読まれます。結合を解除し、それぞれのセルに値を入力してください"),
        );
    }
}
