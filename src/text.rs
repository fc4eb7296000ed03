//! Text hygiene: characters that show nothing (zero-width spaces, bidi marks, joiners, soft
//! hyphens, byte-order marks) and variation selectors are removed from text read from files
//! and from text printed, so that they neither count as content nor print as 〓.

use std::borrow::Cow;

/// Text shown wherever the plan leaves a value open (● in a draft plan): never 0.
pub const UNSET: &str = "未設定";

/// Whether a character is an invisible format character or a variation selector that is
/// dropped from displayed and read text. A variation selector (including the ideographic
/// variation selectors of IVS such as 葛󠄀) leaves its base character, which prints as is.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                    // soft hyphen
        | '\u{034F}'                  // combining grapheme joiner
        | '\u{061C}'                  // Arabic letter mark
        | '\u{180E}'                  // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}'     // zero-width space, ZWNJ, ZWJ, LRM, RLM
        | '\u{202A}'..='\u{202E}'     // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'     // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'     // bidi isolates
        | '\u{FE00}'..='\u{FE0F}'     // variation selectors
        | '\u{FEFF}'                  // byte-order mark / zero-width no-break space
        | '\u{E0000}'..='\u{E007F}'   // tag characters
        | '\u{E0100}'..='\u{E01EF}' // ideographic variation selectors
    )
}

/// The text without invisible characters (borrowed when there are none).
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_invisible) {
        Cow::Owned(text.chars().filter(|c| !is_invisible(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Number of invisible characters in the text.
pub fn invisible_count(text: &str) -> usize {
    text.chars().filter(|c| is_invisible(*c)).count()
}

/// `U+1F600` notation of a character.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Length of a text as Excel counts it (UTF-16 code units); a cell holds at most 32,767.
pub fn excel_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Excel's limit on the length of the text of one cell.
pub const EXCEL_CELL_LIMIT: usize = 32_767;

/// The text cut to at most `max` characters, with "…（全N文字）" when cut (for messages).
pub fn abbreviate(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}…（全{count}文字）")
}

/// Windows error codes for a file locked by another program (ERROR_SHARING_VIOLATION,
/// ERROR_LOCK_VIOLATION): typically a workbook open in Excel.
const WINDOWS_IN_USE: [i32; 2] = [32, 33];

/// Whether an I/O error means another program (Excel, …) holds the file.
pub fn is_in_use(e: &std::io::Error) -> bool {
    cfg!(windows)
        && e.raw_os_error()
            .is_some_and(|c| WINDOWS_IN_USE.contains(&c))
        || e.kind() == std::io::ErrorKind::ResourceBusy
}

/// Error numbers of a name or path that is too long: ENAMETOOLONG on Linux (36) and macOS
/// (63), ERROR_FILENAME_EXCED_RANGE (206) and ERROR_BUFFER_OVERFLOW (111) on Windows.
fn is_too_long(e: &std::io::Error) -> bool {
    let codes: &[i32] = if cfg!(windows) {
        &[206, 111]
    } else {
        &[36, 63]
    };
    e.raw_os_error().is_some_and(|c| codes.contains(&c))
}

/// Whether a Windows error is one of the cloud files API (ERROR_CLOUD_FILE_*: 358–404, 426,
/// 434): a file in a OneDrive (or similar) folder that is not on this PC or is being synced.
fn is_cloud_file(code: i32) -> bool {
    (358..=404).contains(&code) || code == 426 || code == 434
}

/// The reason for a Windows error that has no [`std::io::ErrorKind`] of its own.
fn windows_reason(code: i32) -> Option<&'static str> {
    if is_cloud_file(code) {
        Some(
            "クラウドと同期するフォルダ（OneDrive など）のファイルで、このパソコンにないか同期中のため読み書きできません。同期が終わるのを待つか、フォルダを右クリックして「このデバイス上に常に保持する」を選んでから、もう一度実行してください",
        )
    } else if code == 19 {
        // ERROR_WRITE_PROTECT: a USB memory or SD card with its write protection on.
        Some(
            "書き込み禁止になっている記憶媒体です。USB メモリなどの書き込み禁止のスイッチを確認するか、パソコンのフォルダにコピーしてから実行してください",
        )
    } else {
        None
    }
}

/// The Japanese reason for an I/O error, and what to do; an error from the system ends with
/// its number (「（エラー番号 28）」) instead of the system's English words, and never names
/// a file (the caller names the user's file).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    // Errors made by this program carry their Japanese reason already.
    if e.raw_os_error().is_none()
        && e.get_ref().is_some()
        && matches!(e.kind(), K::Other | K::InvalidInput)
    {
        return e.to_string();
    }
    let windows = if cfg!(windows) {
        e.raw_os_error().and_then(windows_reason)
    } else {
        None
    };
    let reason = if let Some(reason) = windows {
        reason
    } else if is_in_use(e) {
        "他のプログラム（Excel など）で開かれています。閉じてからもう一度実行してください"
    } else if is_too_long(e) {
        "名前（フォルダの場所を含む）が長すぎます。浅い場所のフォルダ（例: C:\\gyokaku）で実行するか、名前を短くしてください"
    } else {
        match e.kind() {
            K::NotFound => "ファイルまたはフォルダが見つかりません",
            K::PermissionDenied => {
                "アクセスが拒否されました。Excel などで開いている場合は閉じてから、もう一度実行してください（開いていない場合は、読み書きの権限を確認してください）"
            }
            K::AlreadyExists => "同じ名前のファイルがすでにあります",
            K::IsADirectory => "ファイルではなくフォルダです",
            K::NotADirectory => "途中のフォルダの名前がファイルになっています",
            K::DirectoryNotEmpty => "フォルダが空ではありません",
            K::ReadOnlyFilesystem => {
                "読み取り専用の場所（CD・読み取り専用の共有フォルダなど）のため書き込めません。書き込みのできるフォルダにコピーしてから実行してください"
            }
            K::StorageFull | K::QuotaExceeded => {
                "ディスクの空き容量が足りません。不要なファイルを削除して空きを作ってから、もう一度実行してください"
            }
            K::FileTooLarge => "ファイルが大きすぎます",
            K::InvalidFilename => "ファイル名またはフォルダ名に使えない文字があるか、長すぎます",
            K::InvalidData => "ファイルの内容が正しくありません",
            K::UnexpectedEof => "ファイルが途中で切れています",
            K::Interrupted | K::TimedOut | K::WouldBlock => "読み書きが中断されました",
            K::OutOfMemory => "メモリが足りません",
            K::CrossesDevices => "別のドライブへは移動できません",
            K::ResourceBusy => "他のプログラムが使用中です",
            K::BrokenPipe => "出力先が閉じられました",
            _ => "読み書きに失敗しました",
        }
    };
    match e.raw_os_error() {
        Some(code) => format!("{reason}（エラー番号 {code}）"),
        None => reason.to_string(),
    }
}

/// Whether a spreadsheet opening a text (in a CSV file) could run it as a formula (OWASP's
/// CSV-injection guidance): it starts with `=`, `+`, `-`, `@`, a TAB or a CR, also after
/// leading spaces.
pub fn runs_as_formula(s: &str) -> bool {
    let risky = |c: char| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r');
    s.chars()
        .find(|c| !c.is_whitespace() || matches!(c, '\t' | '\r'))
        .is_some_and(risky)
}

/// Texts a spreadsheet would run: the examples of the tests of every place that warns about
/// or neutralises them.
#[cfg(test)]
pub(crate) const FORMULA_SAMPLES: [&str; 8] = [
    "=HYPERLINK(\"http://example.com\",\"x\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    "\t=1",
    "\r=1",
    "  =1",
    "\u{3000}@x",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_texts_are_told_from_text_with_signs_inside() {
        for risky in FORMULA_SAMPLES {
            assert!(runs_as_formula(risky), "{risky:?}");
        }
        for safe in ["1-1", "取組 = 見直し", "a@b", "", " ", "見直し = 1件"] {
            assert!(!runs_as_formula(safe), "{safe:?}");
        }
    }

    #[test]
    fn removes_invisible_characters() {
        assert_eq!(clean("実施\u{200B}した"), "実施した");
        assert_eq!(clean("\u{FEFF}\u{200E}A\u{202E}B\u{2066}C\u{2069}"), "ABC");
        assert_eq!(clean("葛\u{E0100}城"), "葛城");
        assert_eq!(clean("❤\u{FE0F}"), "❤");
        assert_eq!(clean("co\u{00AD}operate"), "cooperate");
        assert!(matches!(clean("普通の文"), Cow::Borrowed(_)));
        assert_eq!(clean("\u{200B}\u{200B}"), "");
        assert_eq!(invisible_count("a\u{200D}b\u{2060}"), 2);
    }

    #[test]
    fn keeps_visible_characters() {
        for s in ["行財政改革", "A-B", "１２３", "😀", "\n", " "] {
            assert_eq!(clean(s), s);
        }
    }

    #[test]
    fn system_errors_are_japanese_with_their_number_only() {
        use std::io::Error;
        #[cfg(unix)]
        let cases = [
            (28, "ディスクの空き容量が足りません"),           // ENOSPC
            (13, "アクセスが拒否されました"),                 // EACCES
            (36, "名前（フォルダの場所を含む）が長すぎます"), // ENAMETOOLONG
            (30, "読み取り専用の場所"),                       // EROFS
            (16, "他のプログラム"),                           // EBUSY
        ];
        #[cfg(windows)]
        let cases = [
            (112, "ディスクの空き容量が足りません"), // ERROR_DISK_FULL
            (5, "アクセスが拒否されました"),         // ERROR_ACCESS_DENIED
            (206, "名前（フォルダの場所を含む）が長すぎます"),
            (32, "他のプログラム（Excel など）で開かれています"), // sharing violation
            (362, "クラウドと同期するフォルダ（OneDrive など）"), // CLOUD_FILE_PROVIDER_NOT_RUNNING
            (19, "書き込み禁止になっている記憶媒体"),             // ERROR_WRITE_PROTECT
        ];
        for (code, expected) in cases {
            let text = io_reason(&Error::from_raw_os_error(code));
            assert!(text.starts_with(expected), "{code}: {text}");
            assert!(text.ends_with(&format!("（エラー番号 {code}）")), "{text}");
            assert!(
                !text
                    .replace("Excel", "")
                    .replace("C:\\gyokaku", "")
                    .replace("OneDrive", "")
                    .replace("USB", "")
                    .replace("CD", "")
                    .replace("SD", "")
                    .chars()
                    .any(|c| c.is_ascii_alphabetic()),
                "no English: {text}"
            );
        }
    }

    #[test]
    fn windows_cloud_and_write_protect_errors_say_what_to_do() {
        // ERROR_CLOUD_FILE_PROVIDER_NOT_RUNNING, ERROR_CLOUD_FILE_IN_USE, …_REQUEST_TIMEOUT.
        for code in [362, 391, 426] {
            let reason = windows_reason(code).unwrap_or_default();
            assert!(reason.contains("OneDrive"), "{code}: {reason}");
            assert!(reason.contains("このデバイス上に常に保持する"), "{reason}");
        }
        assert!(windows_reason(19).is_some_and(|r| r.contains("書き込み禁止")));
        // Sharing violations and ordinary errors keep their own reasons.
        for code in [5, 32, 112, 206, 357, 405] {
            assert_eq!(windows_reason(code), None, "{code}");
        }
    }

    #[test]
    fn io_reasons_are_japanese() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(io_reason(&e).starts_with("アクセスが拒否されました"));
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert!(io_reason(&e).starts_with("ファイルまたはフォルダが見つかりません"));
    }

    #[test]
    fn lengths_and_abbreviation() {
        assert_eq!(excel_len("あ😀"), 3);
        assert_eq!(code_point('😀'), "U+1F600");
        assert_eq!(code_point('A'), "U+0041");
        assert_eq!(abbreviate("あいうえお", 3), "あいう…（全5文字）");
        assert_eq!(abbreviate("あい", 3), "あい");
    }
}
