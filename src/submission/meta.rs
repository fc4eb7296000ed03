//! The hidden meta sheet that identifies a workbook written by gyokaku (department forms and
//! the committee's opinion workbook), and the encryption check made before opening.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use super::cells::Book;
use super::value::raw_text;
use crate::form::meta;

/// An encrypted OOXML file is an OLE compound file holding an `EncryptionInfo` stream.
pub fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if !bytes.starts_with(&OLE) {
        return false;
    }
    let needle: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// The key/value rows of the meta sheet.
pub struct Meta {
    /// The sheet they were found on.
    pub sheet: String,
    /// Key (column A) → value (column B).
    pub values: BTreeMap<String, String>,
}

impl Meta {
    /// The value of a key ("" when absent).
    pub fn get(&self, key: &str) -> String {
        self.values.get(key).cloned().unwrap_or_default()
    }
}

/// A workbook opened from its bytes, with its sheet names and its meta sheet.
pub struct Identified<'a> {
    /// The open workbook.
    pub book: Book<'a>,
    /// Its sheet names in workbook order.
    pub sheet_names: Vec<String>,
    /// Its meta sheet.
    pub meta: Meta,
}

/// Opens a file's bytes as a workbook (`name`'s extension breaks ties between formats) and
/// finds its meta sheet by `marker`. The error is the reason the file cannot be used (empty,
/// encrypted, not a readable workbook); `Ok(None)` when it has no meta sheet.
pub fn open_identified<'a>(
    name: &str,
    bytes: &'a [u8],
    marker: &str,
) -> Result<Option<Identified<'a>>, String> {
    if bytes.is_empty() {
        return Err("ファイルが空です（0バイト）".into());
    }
    if is_encrypted_ooxml(bytes) {
        return Err("パスワードで保護（暗号化）されているため読み込めません。パスワードを解除して保存し直してください".into());
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mut book = Book::open(bytes, &ext)?;
    let sheet_names = book.sheet_names();
    let meta = read_meta(&mut book, &sheet_names, marker)?;
    Ok(meta.map(|meta| Identified {
        book,
        sheet_names,
        meta,
    }))
}

/// Rows of the meta sheet read.
const META_ROWS: u32 = 16;

/// Finds the meta sheet by name, or else by `marker` in A1 (LibreOffice may change a
/// sheet's visibility, so visibility is never relied on). Only the first rows of the two
/// first columns are kept. An error reading the sheet named `_meta` is the reason given.
pub fn read_meta(
    book: &mut Book<'_>,
    names: &[String],
    marker: &str,
) -> Result<Option<Meta>, String> {
    let mut candidates: Vec<&String> = names.iter().filter(|n| *n == meta::SHEET).collect();
    candidates.extend(names.iter().filter(|n| *n != meta::SHEET));
    for name in candidates {
        let by_name = name == meta::SHEET;
        let mut cells: BTreeMap<(u32, u32), String> = BTreeMap::new();
        let mut first = true;
        let outcome = book.visit(name, &mut |run, cell| {
            if first {
                first = false;
                let is_marker = run.contains(0, 0) && raw_text(&cell.data).trim() == marker;
                if !is_marker {
                    return ControlFlow::Break(());
                }
            }
            if run.row >= META_ROWS {
                return ControlFlow::Break(());
            }
            for row in run.row..run.row.saturating_add(run.rows).min(META_ROWS) {
                for col in run.col..run.col.saturating_add(run.cols).min(2) {
                    cells.insert((row, col), raw_text(&cell.data).trim().to_string());
                }
            }
            ControlFlow::Continue(())
        });
        if let Err(reason) = outcome {
            if by_name {
                return Err(reason);
            }
            continue;
        }
        if cells.get(&(0, 0)).map(String::as_str) != Some(marker) {
            continue;
        }
        let mut values = BTreeMap::new();
        for row in 0..META_ROWS {
            if let Some(key) = cells.get(&(row, 0)).filter(|k| !k.is_empty()) {
                values.insert(
                    key.clone(),
                    cells.get(&(row, 1)).cloned().unwrap_or_default(),
                );
            }
        }
        return Ok(Some(Meta {
            sheet: name.clone(),
            values,
        }));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encrypted_ooxml() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        assert!(!is_encrypted_ooxml(&bytes));
        bytes.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(is_encrypted_ooxml(&bytes));
    }
}
