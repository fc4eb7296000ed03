//! Reading a workbook cell by cell, never by a sheet's extent (used for submissions, committee
//! forms and plan imports alike).
//!
//! calamine's `worksheet_range` allocates a dense grid up to the last used cell (one value in
//! XFD1048576 asks for 512 GiB and aborts the process), so sheets are streamed instead and the
//! caller keeps only the cells it wants:
//! - .xlsx/.xlsm: calamine's cell reader, with the formula of each cell (a formula without a
//!   cached value is reported) and, on request, the number format (a percent format is
//!   reported); the zip container is checked first ([`zip_guard`]).
//! - .ods: our own streaming reader of content.xml that keeps repeated cells as runs (calamine
//!   expands `number-columns-repeated` / `number-rows-repeated` into a dense grid).
//! - .xlsb: calamine's cell reader.
//! - .xls: calamine builds every sheet's range when opening, so the BIFF records are scanned
//!   first ([`xls_guard`]) and a file whose cells would make a large grid is refused.

use std::io::Cursor;
use std::ops::ControlFlow;

use calamine::{Data, DataRef, Reader};

pub use ods::OdsBook;

pub mod file;
pub mod xls_guard;
pub mod zip_guard;

mod ods;

/// A block of identical cells: `rows` × `cols` cells from (`row`, `col`) (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// First row (0-based).
    pub row: u32,
    /// First column (0-based).
    pub col: u32,
    /// Number of rows.
    pub rows: u32,
    /// Number of columns.
    pub cols: u32,
}

impl Run {
    fn one(row: u32, col: u32) -> Run {
        Run {
            row,
            col,
            rows: 1,
            cols: 1,
        }
    }

    /// Whether the run covers a cell.
    pub fn contains(&self, row: u32, col: u32) -> bool {
        row >= self.row
            && u64::from(row) < u64::from(self.row) + u64::from(self.rows)
            && col >= self.col
            && u64::from(col) < u64::from(self.col) + u64::from(self.cols)
    }
}

/// One cell as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CellInfo {
    /// The value.
    pub data: Data,
    /// The cell holds a formula but no cached result (files written by scripts or RPA tools).
    pub formula_without_value: bool,
    /// The cell is shown as a percentage (value 0.988 shown as 98.8%). Known for .ods while
    /// streaming; for .xlsx from [`Book::percent_cells`].
    pub percent: bool,
}

impl CellInfo {
    /// Nothing in the cell (no value and no formula).
    pub fn is_blank(&self) -> bool {
        !self.formula_without_value
            && match &self.data {
                Data::Empty => true,
                Data::String(s) => s.is_empty(),
                _ => false,
            }
    }
}

/// An open workbook.
pub enum Book<'a> {
    /// An .xlsx or .xlsm workbook.
    Xlsx(calamine::Xlsx<Cursor<&'a [u8]>>),
    /// An .xlsb workbook.
    Xlsb(calamine::Xlsb<Cursor<&'a [u8]>>),
    /// An .xls (BIFF) workbook.
    Xls(calamine::Xls<Cursor<&'a [u8]>>),
    /// An .ods workbook.
    Ods(OdsBook),
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The reason (Japanese) why a workbook could not be opened or a sheet read, with the
/// library's technical detail in parentheses.
pub type Reason = String;

impl<'a> Book<'a> {
    /// Opens a workbook from its bytes; the format is decided by the content (the extension
    /// only breaks ties), so a renamed file is still read.
    pub fn open(bytes: &'a [u8], ext: &str) -> Result<Book<'a>, Reason> {
        if bytes.starts_with(ZIP_MAGIC) || (bytes.starts_with(b"PK") && ext != "xls") {
            zip_guard::check(bytes).map_err(|r| r.message())?;
            return open_zip(bytes, ext);
        }
        if bytes.starts_with(OLE_MAGIC) {
            xls_guard::check(bytes)?;
            return calamine::Xls::new(Cursor::new(bytes))
                .map(Book::Xls)
                .map_err(|e| xls_reason(&e));
        }
        Err(not_a_workbook(bytes))
    }

    /// Sheet names in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(wb) => wb.sheet_names(),
            Book::Xlsb(wb) => wb.sheet_names(),
            Book::Xls(wb) => wb.sheet_names(),
            Book::Ods(wb) => wb.sheet_names(),
        }
    }

    /// Streams the non-blank cells of a sheet in file order; `visit` may stop early.
    pub fn visit(
        &mut self,
        sheet: &str,
        visit: &mut dyn FnMut(Run, &CellInfo) -> ControlFlow<()>,
    ) -> Result<(), Reason> {
        match self {
            Book::Xlsx(wb) => {
                let mut reader = wb
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| xlsx_reason(&e))?;
                // The metadata variant never expands shared formulas: calamine's expanding
                // variant grows a table to the shared index a file declares.
                while let Some(rec) = reader
                    .next_cell_with_formula_metadata()
                    .map_err(|e| xlsx_reason(&e))?
                {
                    let formula_without_value =
                        rec.formula.is_some() && matches!(rec.value, DataRef::Empty);
                    let cell = CellInfo {
                        data: Data::from(rec.value),
                        formula_without_value,
                        percent: false,
                    };
                    if cell.is_blank() {
                        continue;
                    }
                    if visit(Run::one(rec.pos.0, rec.pos.1), &cell).is_break() {
                        break;
                    }
                }
                Ok(())
            }
            Book::Xlsb(wb) => {
                let mut reader = wb
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| generic_reason(&e))?;
                while let Some(c) = reader.next_cell().map_err(|e| generic_reason(&e))? {
                    let (row, col) = c.get_position();
                    let cell = CellInfo {
                        data: Data::from(c.get_value().clone()),
                        ..CellInfo::default()
                    };
                    if cell.is_blank() {
                        continue;
                    }
                    if visit(Run::one(row, col), &cell).is_break() {
                        break;
                    }
                }
                Ok(())
            }
            Book::Xls(wb) => {
                // The range exists already (built when opening, bounded by the xls guard).
                let range = wb.worksheet_range(sheet).map_err(|e| xls_reason(&e))?;
                for (row, col, data) in range.used_cells() {
                    let cell = CellInfo {
                        data: data.clone(),
                        ..CellInfo::default()
                    };
                    if cell.is_blank() {
                        continue;
                    }
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    let run = Run::one(r0 + row as u32, c0 + col as u32);
                    if visit(run, &cell).is_break() {
                        break;
                    }
                }
                Ok(())
            }
            Book::Ods(wb) => {
                let Some(cells) = wb.cells(sheet) else {
                    return Err(format!("シート「{sheet}」がありません"));
                };
                for (run, cell) in cells {
                    if visit(*run, cell).is_break() {
                        break;
                    }
                }
                Ok(())
            }
        }
    }

    /// Which of the given cells are shown as percentages (number format 0% / 0.00% or a
    /// custom format with %). Only .xlsx needs this second pass (.ods says so per cell;
    /// .xls and .xlsb are not checked).
    pub fn percent_cells(
        &mut self,
        sheet: &str,
        cells: &[(u32, u32)],
    ) -> Result<Vec<(u32, u32)>, Reason> {
        let Book::Xlsx(wb) = self else {
            return Ok(Vec::new());
        };
        let mut reader = wb
            .worksheet_cells_reader(sheet)
            .map_err(|e| xlsx_reason(&e))?;
        let mut out = Vec::new();
        while let Some((cell, style)) = reader
            .next_cell_with_style_id()
            .map_err(|e| xlsx_reason(&e))?
        {
            let pos = cell.get_position();
            if !cells.contains(&pos) {
                continue;
            }
            let percent = reader
                .styles()
                .get(style)
                .and_then(|s| s.number_format.as_ref())
                .is_some_and(|f| {
                    matches!(f.format_id, Some(9 | 10)) || is_percent_format(&f.format_code)
                });
            if percent {
                out.push(pos);
            }
        }
        Ok(out)
    }
}

fn open_zip<'a>(bytes: &'a [u8], ext: &str) -> Result<Book<'a>, Reason> {
    let names = zip_names(bytes);
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("mimetype") && has("content.xml") {
        return OdsBook::read(bytes).map(Book::Ods);
    }
    if has("xl/workbook.bin") || (ext == "xlsb" && !has("xl/workbook.xml")) {
        return calamine::Xlsb::new(Cursor::new(bytes))
            .map(Book::Xlsb)
            .map_err(|e| generic_reason(&e));
    }
    if ext == "ods" && !has("content.xml") {
        return Err(missing_part("content.xml"));
    }
    let wb = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| xlsx_reason(&e))?;
    if wb.sheet_names().is_empty() {
        // calamine opens a package without its workbook part as a workbook with no sheets.
        return Err(if has("xl/workbook.xml") {
            "ファイルが壊れているため読み込めません（シートが1枚もありません）".to_string()
        } else {
            missing_part("xl/workbook.xml（ブック本体）")
        });
    }
    Ok(Book::Xlsx(wb))
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map(|z| {
            z.file_names()
                .filter_map(Result::ok)
                .map(|n| n.to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Why bytes that are neither zip nor OLE are not a workbook.
fn not_a_workbook(bytes: &[u8]) -> Reason {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    if head.contains("<html") || head.contains("<!doctype") {
        "Excel ファイルではありません（中身は Web ページ（HTML）です）。Excel で開き「Excel ブック（.xlsx）」として保存し直してください".to_string()
    } else if head.contains("<?xml") {
        "Excel ファイルではありません（中身は XML です。「XML スプレッドシート 2003」形式などは読み込めません）。「Excel ブック（.xlsx）」として保存し直してください".to_string()
    } else if bytes.starts_with(b"%PDF") {
        "Excel ファイルではありません（中身は PDF です）".to_string()
    } else {
        "Excel ファイルとして読み込めません（壊れているか、Excel 形式ではありません）".to_string()
    }
}

fn missing_part(part: &str) -> Reason {
    format!("ファイルが壊れているため読み込めません（必要な部品 {part} がありません）")
}

/// Whether a number format code shows a percentage: a `%` outside quotes, escapes and
/// brackets.
pub fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '%' => return true,
            _ => {}
        }
    }
    false
}

// ── Japanese reasons for library errors ──

fn with_detail(reason: &str, detail: impl std::fmt::Display) -> Reason {
    format!("{reason}（技術情報: {detail}）")
}

/// Reason for an .xlsx error.
pub fn xlsx_reason(e: &calamine::XlsxError) -> Reason {
    use calamine::XlsxError as E;
    let reason = match e {
        E::Password => {
            return "パスワードで保護（暗号化）されているため読み込めません。パスワードを解除して保存し直してください".into();
        }
        E::Zip(_) | E::Io(_) => "ファイルが壊れているため読み込めません（zip 形式の構造が壊れています）".to_string(),
        E::FileNotFound(part) => format!(
            "ファイルが壊れているため読み込めません（必要な部品 {part} がありません）"
        ),
        E::RelationshipNotFound => {
            "ファイルが壊れているため読み込めません（部品の関連付け（.rels）が壊れています）"
                .to_string()
        }
        E::WorksheetNotFound(name) => format!("シート「{name}」の中身が見つかりません（ファイルが壊れています）"),
        E::NotAWorksheet(_) => "シートではない部品（グラフシートなど）です".to_string(),
        E::Unexpected(m) if m.contains("shared strings") => {
            "ファイルが壊れているため読み込めません（文字列の表 xl/sharedStrings.xml が欠けているか壊れています）".to_string()
        }
        E::Xml(_) | E::XmlAttr(_) | E::XmlEof(_) | E::UnexpectedNode(_) => {
            "ファイルが壊れているため読み込めません（シートの XML が壊れています）".to_string()
        }
        _ => "ファイルが壊れているため読み込めません".to_string(),
    };
    with_detail(&reason, e)
}

/// Reason for an .xls error.
pub fn xls_reason(e: &calamine::XlsError) -> Reason {
    use calamine::XlsError as E;
    match e {
        E::Password => "パスワードで保護（暗号化）されているため読み込めません。パスワードを解除して保存し直してください".into(),
        _ => with_detail(
            "ファイルが壊れているか、古い Excel 形式（.xls）の読めない版です。Excel で開き「Excel ブック（.xlsx）」として保存し直してください",
            e,
        ),
    }
}

fn generic_reason(e: &dyn std::fmt::Display) -> Reason {
    with_detail("ファイルが壊れているため読み込めません", e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        for code in ["0%", "0.0%", "#,##0.00%", "0.0\\%%"] {
            assert!(is_percent_format(code), "{code}");
        }
        for code in ["General", "0.0", "#,##0", "0.0\"%\"", "0\\%", "[Red]0.0"] {
            assert!(!is_percent_format(code), "{code}");
        }
    }
}
