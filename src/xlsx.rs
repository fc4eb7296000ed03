//! Helpers shared by every workbook the program writes: fixed document properties (so
//! that the bytes do not depend on the clock), workbook structure protection, and the
//! column letters of A1 notation (also used in messages about workbooks read).

use std::io::{Cursor, Read, Write};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, ProtectionOptions, Workbook, Worksheet};

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// rust_xlsxwriter refused a value or setting.
    #[error("Excel ファイルを作成できません: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The saved workbook could not be re-packed with structure protection.
    #[error("Excel ファイルの保護設定に失敗しました: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Reading or writing the in-memory workbook failed.
    #[error("Excel ファイルのデータを作成できません: {0}")]
    Buffer(#[from] std::io::Error),
    /// The workbook written by rust_xlsxwriter lacks a part this module expects.
    #[error("Excel ファイルの構造が想定と異なります: {0}")]
    Structure(&'static str),
}

/// Document properties with a fixed creation date, so two runs give the same bytes.
pub fn fixed_properties(title: &str, company: &str) -> Result<DocProperties, WriteError> {
    let created = ExcelDateTime::from_ymd(2022, 4, 1)?;
    Ok(DocProperties::new()
        .set_title(title)
        .set_author("gyokaku")
        .set_company(company)
        .set_creation_datetime(&created))
}

/// Document properties dated by a report's date (created and modified), or the fixed
/// date when there is none: deterministic either way.
pub fn dated_properties(
    title: &str,
    author: &str,
    company: &str,
    date: Option<(u16, u8, u8)>,
) -> Result<DocProperties, WriteError> {
    let Some((y, m, d)) = date else {
        return fixed_properties(title, company).map(|p| p.set_author(author));
    };
    let created = ExcelDateTime::from_ymd(y, m, d)?;
    Ok(DocProperties::new()
        .set_title(title)
        .set_author(author)
        .set_company(company)
        .set_creation_datetime(&created))
}

/// Protects a sheet so that only selecting cells is allowed (input cells are unlocked by
/// their format), optionally with a password.
pub fn protect_sheet(ws: &mut Worksheet, password: &str) {
    let options = ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        ..ProtectionOptions::default()
    };
    if !password.is_empty() {
        ws.protect_with_password(password);
    }
    ws.protect_with_options(&options);
}

/// Serialises a workbook; with `lock_structure`, also protects the workbook structure (no
/// renaming, moving, adding, deleting or unhiding sheets), optionally with a password.
pub fn finish(
    workbook: &mut Workbook,
    lock_structure: Option<&str>,
) -> Result<Vec<u8>, WriteError> {
    let bytes = workbook.save_to_buffer()?;
    match lock_structure {
        None => Ok(bytes),
        Some(password) => protect_structure(&bytes, password),
    }
}

/// Rewrites `xl/workbook.xml` with a `<workbookProtection lockStructure="1"/>` element
/// (rust_xlsxwriter has no API for it); every other part is copied byte for byte.
fn protect_structure(xlsx: &[u8], password: &str) -> Result<Vec<u8>, WriteError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(xlsx.len() + 64)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        if file.name()? == "xl/workbook.xml" {
            let mut xml = String::new();
            file.read_to_string(&mut xml)?;
            let xml = insert_protection(&xml, password)?;
            out.start_file("xl/workbook.xml", options)?;
            out.write_all(xml.as_bytes())?;
        } else {
            out.raw_copy_file(file)?;
        }
    }
    Ok(out.finish()?.into_inner())
}

fn insert_protection(xml: &str, password: &str) -> Result<String, WriteError> {
    let element = if password.is_empty() {
        r#"<workbookProtection lockStructure="1"/>"#.to_string()
    } else {
        format!(
            r#"<workbookProtection workbookPassword="{:04X}" lockStructure="1"/>"#,
            legacy_password_hash(password)
        )
    };
    let at = xml.find("<bookViews").ok_or(WriteError::Structure(
        "workbook.xml に bookViews がありません",
    ))?;
    Ok(format!("{}{}{}", &xml[..at], element, &xml[at..]))
}

/// The legacy 16-bit password hash of ECMA-376 Part 4 §14.7.1 (as Excel writes it).
pub fn legacy_password_hash(password: &str) -> u16 {
    let bytes = password.as_bytes();
    if bytes.is_empty() {
        return 0;
    }
    let mut hash: u16 = 0;
    for &b in bytes.iter().rev() {
        hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7FFF);
        hash ^= u16::from(b);
    }
    hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7FFF);
    hash ^= bytes.len() as u16;
    hash ^ 0xCE4B
}

/// Lines a text takes when wrapped in a column `width` characters wide (full-width characters
/// count twice; a rough estimate for row heights, since no writer can ask Excel to fit them).
pub fn estimated_lines(text: &str, width: f64) -> usize {
    let width = (width.max(4.0) - 1.0) as usize;
    text.split('\n')
        .map(|line| {
            let w: usize = line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            w.div_ceil(width).max(1)
        })
        .sum()
}

/// Height in points of a row holding `lines` lines of wrapped text (at most Excel's 409).
pub fn wrapped_row_height(lines: usize) -> f64 {
    (15.0 * lines as f64 + 3.0).min(409.0)
}

/// A 0-based column as Excel letters: 0 → A, 27 → AB.
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_full_width_twice() {
        assert_eq!(estimated_lines("abc", 10.0), 1);
        assert_eq!(estimated_lines("あいうえお", 10.0), 2);
        assert_eq!(estimated_lines("a\nb", 10.0), 2);
        assert_eq!(wrapped_row_height(2), 33.0);
        assert_eq!(wrapped_row_height(1000), 409.0);
    }

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(3), "D");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn password_hash_matches_excel() {
        // Known value from the ECMA example / Excel: "password" → 83AF.
        assert_eq!(legacy_password_hash("password"), 0x83AF);
        assert_eq!(legacy_password_hash(""), 0);
    }

    #[test]
    fn protection_goes_before_book_views() {
        let xml = r#"<workbook><workbookPr/><bookViews><workbookView/></bookViews></workbook>"#;
        let out = insert_protection(xml, "").unwrap();
        assert!(out.contains(r#"<workbookPr/><workbookProtection lockStructure="1"/><bookViews>"#));
    }
}
