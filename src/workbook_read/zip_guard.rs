//! Limits checked before a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) is opened: the number
//! of entries, each entry's declared uncompressed size and their total. The zip crate refuses
//! an entry that inflates past the size its central directory declares, so checking the
//! declared sizes bounds what inflating can cost; a decompression bomb is refused here, early
//! and cheaply, before anything is inflated.
//!
//! Measured on the sample forms (LibreOffice and openpyxl saves, 12 departments × 2 years, and
//! the .ods of the broken corpus): at most 18 entries, the largest entry 113 KB (an .ods
//! content.xml), at most 188 KB inflated in total. The limits leave a factor of more than 100.

use std::io::{Cursor, Read};

/// Most entries a workbook may have.
pub const MAX_ENTRIES: usize = 2_000;
/// Largest declared uncompressed size of one entry that is inflated (16 MiB).
pub const MAX_ENTRY_BYTES: u64 = 16 << 20;
/// Largest declared uncompressed size of all inflated entries together (64 MiB).
pub const MAX_TOTAL_BYTES: u64 = 64 << 20;
/// Largest file read at all (64 MiB; the sample forms are 15–30 KB).
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Why a zip container is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipRefusal {
    /// Not a readable zip (the detail is the zip library's word).
    Corrupt(String),
    /// More entries than [`MAX_ENTRIES`].
    TooManyEntries(usize),
    /// One entry would inflate to more than [`MAX_ENTRY_BYTES`].
    EntryTooLarge {
        /// The entry.
        name: String,
        /// Its declared uncompressed size.
        size: u64,
    },
    /// All entries together would inflate to more than [`MAX_TOTAL_BYTES`].
    TotalTooLarge(u64),
    /// A part declares more items than its size can hold (sharedStrings.xml uniqueCount).
    BadCount {
        /// The part.
        part: String,
        /// The count it declares.
        count: u64,
    },
}

impl ZipRefusal {
    /// The Japanese reason.
    pub fn message(&self) -> String {
        match self {
            ZipRefusal::Corrupt(detail) => format!(
                "Excel ファイルとして読み込めません。ファイルが壊れているか、途中で切れています（{detail}）"
            ),
            ZipRefusal::TooManyEntries(n) => format!(
                "ファイルの中の部品が多すぎるため読み込みません（{n}個、上限 {MAX_ENTRIES}個）。入力シートに記入し直してください"
            ),
            ZipRefusal::EntryTooLarge { name, size } => format!(
                "展開すると大きすぎるため読み込みません（{name} が {}、上限 {}）。壊れているか、入力シートではないファイルです",
                human_bytes(*size),
                human_bytes(MAX_ENTRY_BYTES)
            ),
            ZipRefusal::TotalTooLarge(total) => format!(
                "展開すると大きすぎるため読み込みません（合計 {}、上限 {}）。壊れているか、入力シートではないファイルです",
                human_bytes(*total),
                human_bytes(MAX_TOTAL_BYTES)
            ),
            ZipRefusal::BadCount { part, count } => format!(
                "ファイルが壊れているため読み込めません（{part} の件数 {count} が内容と合いません）"
            ),
        }
    }
}

/// 1.5 MB / 512 KB / 300 バイト.
pub fn human_bytes(n: u64) -> String {
    if n >= 1 << 30 {
        format!("{:.1} GB", n as f64 / f64::from(1u32 << 30))
    } else if n >= 1 << 20 {
        format!("{:.1} MB", n as f64 / f64::from(1u32 << 20))
    } else if n >= 1 << 10 {
        format!("{} KB", n >> 10)
    } else {
        format!("{n} バイト")
    }
}

/// Entries never inflated by the reader (pictures, printer settings, VBA): their size is
/// not limited, only counted.
fn is_passive(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        ".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf", ".bmp", ".tif", ".tiff", ".svg", ".bin",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

/// Checks a zip container's central directory against the limits.
pub fn check(bytes: &[u8]) -> Result<(), ZipRefusal> {
    let zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ZipRefusal::Corrupt(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(ZipRefusal::TooManyEntries(zip.len()));
    }
    let mut total = 0u64;
    let mut shared_strings = None;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_data(i)
            .map_err(|e| ZipRefusal::Corrupt(e.to_string()))?;
        let name = String::from_utf8_lossy(entry.name_raw()).to_string();
        if is_passive(&name) {
            continue;
        }
        let size = entry.size();
        if size > MAX_ENTRY_BYTES {
            return Err(ZipRefusal::EntryTooLarge { name, size });
        }
        total = total.saturating_add(size);
        if total > MAX_TOTAL_BYTES {
            return Err(ZipRefusal::TotalTooLarge(total));
        }
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            shared_strings = Some((i, name, size));
        }
    }
    if let Some((index, name, size)) = shared_strings {
        check_shared_strings(zip, index, &name, size)?;
    }
    Ok(())
}

/// calamine reserves room for the `uniqueCount` that sharedStrings.xml declares: a count
/// larger than the part can hold (each item takes at least 4 bytes) is refused.
fn check_shared_strings(
    mut zip: zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    name: &str,
    size: u64,
) -> Result<(), ZipRefusal> {
    let mut head = Vec::new();
    if let Ok(entry) = zip.by_index(index) {
        // A broken entry is reported by the reader later; only the head is needed here.
        let _ = entry.take(4096).read_to_end(&mut head);
    }
    let text = String::from_utf8_lossy(&head);
    let Some(start) = text.find("<sst") else {
        return Ok(());
    };
    let tag = &text[start..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    for key in ["uniqueCount", "count"] {
        let Some(at) = tag.find(&format!("{key}=")) else {
            continue;
        };
        let digits: String = tag[at + key.len() + 1..]
            .chars()
            .skip(1)
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let count = digits.parse::<u64>().unwrap_or(u64::MAX);
        if key == "uniqueCount" && count > size / 4 + 16 {
            return Err(ZipRefusal::BadCount {
                part: name.to_string(),
                count,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn accepts_a_small_workbook() {
        let z = zip_with(&[("xl/workbook.xml", b"<workbook/>".to_vec())]);
        assert_eq!(check(&z), Ok(()));
    }

    #[test]
    fn refuses_a_bomb_by_declared_size() {
        let z = zip_with(&[("xl/worksheets/sheet1.xml", vec![b'a'; 17 << 20])]);
        assert!(z.len() < 100_000);
        let err = check(&z).unwrap_err();
        assert!(matches!(err, ZipRefusal::EntryTooLarge { .. }), "{err:?}");
        assert!(err.message().contains("大きすぎる"));
        // Pictures are never inflated: not limited.
        let z = zip_with(&[("xl/media/image1.png", vec![0; 17 << 20])]);
        assert_eq!(check(&z), Ok(()));
    }

    #[test]
    fn refuses_a_large_total() {
        let parts: Vec<(String, Vec<u8>)> = (0..5)
            .map(|i| (format!("xl/worksheets/sheet{i}.xml"), vec![b' '; 15 << 20]))
            .collect();
        let refs: Vec<(&str, Vec<u8>)> =
            parts.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
        let err = check(&zip_with(&refs)).unwrap_err();
        assert!(matches!(err, ZipRefusal::TotalTooLarge(_)), "{err:?}");
    }

    #[test]
    fn refuses_an_impossible_string_count() {
        let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="1000000000"><si><t>a</t></si></sst>"#;
        let z = zip_with(&[("xl/sharedStrings.xml", sst.to_vec())]);
        assert!(matches!(check(&z), Err(ZipRefusal::BadCount { .. })));
        let ok = br#"<sst xmlns="x" count="1" uniqueCount="1"><si><t>a</t></si></sst>"#;
        assert_eq!(
            check(&zip_with(&[("xl/sharedStrings.xml", ok.to_vec())])),
            Ok(())
        );
    }

    #[test]
    fn refuses_garbage() {
        assert!(matches!(
            check(b"not a zip at all"),
            Err(ZipRefusal::Corrupt(_))
        ));
        assert_eq!(human_bytes(3 << 20), "3.0 MB");
    }
}
