//! Reading a workbook file from disk: only a regular file (or a link to one) is opened, and
//! only up to [`zip_guard::MAX_FILE_BYTES`], so a named pipe or a huge file cannot stall or
//! exhaust the program.

use std::path::Path;

use super::zip_guard;

/// The bytes of a regular file of bounded size; the error is the Japanese reason.
pub fn read_regular_file(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("ファイルを読み込めません: {}", crate::text::io_reason(&e)))?;
    if !meta.is_file() {
        return Err(format!(
            "通常のファイルではない（{}）ため開きません",
            special_kind(&meta)
        ));
    }
    if meta.len() > zip_guard::MAX_FILE_BYTES {
        return Err(format!(
            "ファイルが大きすぎるため読み込みません（{}、上限 {}）。入力シートに記入し直してください",
            zip_guard::human_bytes(meta.len()),
            zip_guard::human_bytes(zip_guard::MAX_FILE_BYTES)
        ));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| format!("ファイルを読み込めません: {}", crate::text::io_reason(&e)))?;
    let mut bytes = Vec::new();
    file.take(zip_guard::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("ファイルを読み込めません: {}", crate::text::io_reason(&e)))?;
    if bytes.len() as u64 > zip_guard::MAX_FILE_BYTES {
        return Err("ファイルが大きすぎるため読み込みません".to_string());
    }
    Ok(bytes)
}

/// What a non-regular file is, in Japanese.
pub fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "フォルダ";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "名前付きパイプ";
        }
        if t.is_socket() {
            return "ソケット";
        }
        if t.is_block_device() || t.is_char_device() {
            return "デバイス";
        }
    }
    if t.is_symlink() {
        return "リンク";
    }
    "特殊なファイル"
}
