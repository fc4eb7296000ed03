//! Reading a text file the secretariat edits (plan.toml, report.toml): a regular file of
//! bounded size, decoded from UTF-8 or the encodings Windows tools save in.

use std::path::Path;

/// How a text file was decoded, when it was not plain UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 with a byte-order mark (removed).
    Utf8Bom,
    /// UTF-16 with a byte-order mark (Windows Notepad's "Unicode").
    Utf16,
    /// Shift_JIS / CP932 (Windows-31J).
    ShiftJis,
}

impl TextEncoding {
    /// The warning shown for a file read in this encoding (None for UTF-8 with BOM, which
    /// TOML readers and editors handle).
    pub fn warning(self, path: &Path) -> Option<String> {
        let name = match self {
            TextEncoding::Utf8Bom => return None,
            TextEncoding::Utf16 => "UTF-16",
            TextEncoding::ShiftJis => "Shift_JIS",
        };
        Some(format!(
            "{} は文字コード {name} で保存されています。このまま読み込みましたが、文字化けを防ぐため、メモ帳などで開き文字コード「UTF-8」で保存し直してください",
            path.display()
        ))
    }
}

/// Decodes a text file: UTF-8 (a byte-order mark is removed), UTF-16 with a byte-order
/// mark, or else Shift_JIS/CP932 (files saved by Windows tools). None when the bytes are valid
/// in none of them.
pub fn decode_text(bytes: &[u8]) -> Option<(String, Option<TextEncoding>)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .ok()
            .map(|s| (s.to_string(), Some(TextEncoding::Utf8Bom)));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[2..]);
        return (!had_errors).then(|| (text.into_owned(), Some(TextEncoding::Utf16)));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some((s.to_string(), None));
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    (!had_errors).then(|| (text.into_owned(), Some(TextEncoding::ShiftJis)))
}

/// Reads a text file that must be a regular file (a named pipe would block the program) of
/// at most 16 MiB.
pub(crate) fn read_regular_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory));
    }
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "通常のファイルではありません（名前付きパイプ・デバイスなど）",
        ));
    }
    const MAX: u64 = 16 << 20;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "ファイルが大きすぎます（16 MB まで）",
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_utf16_and_shift_jis() {
        assert_eq!(decode_text("計画".as_bytes()), Some(("計画".into(), None)));
        let bom = [b"\xEF\xBB\xBF".as_slice(), "計画".as_bytes()].concat();
        assert_eq!(
            decode_text(&bom),
            Some(("計画".into(), Some(TextEncoding::Utf8Bom)))
        );
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("title = \"行財政改革\"");
        assert_eq!(
            decode_text(&sjis),
            Some((
                "title = \"行財政改革\"".into(),
                Some(TextEncoding::ShiftJis)
            ))
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("計画".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode_text(&utf16),
            Some(("計画".into(), Some(TextEncoding::Utf16)))
        );
        // Invalid in UTF-8 and in Shift_JIS.
        assert_eq!(decode_text(&[0x82, 0xFF, 0xFF, 0x80]), None);
        assert!(
            TextEncoding::ShiftJis
                .warning(Path::new("plan.toml"))
                .unwrap()
                .contains("UTF-8")
        );
    }
}
