//! Names a file may have on Windows: the outputs are opened, copied and uploaded on Windows
//! PCs, so a name Windows refuses (a device name such as CON, a forbidden character, a trailing
//! dot or space, more than 255 UTF-16 units) is refused before anything is written.

/// Windows' limit on one name (a file or folder), in UTF-16 code units.
pub const NAME_MAX: usize = 255;

/// Characters Windows refuses in a file name (besides control characters).
pub const FORBIDDEN: &str = "\\/:*?\"<>|";

/// Device names Windows reserves, alone or before an extension (`CON`, `con.xlsx`).
const DEVICES: [&str; 6] = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];

/// The length of a name or path as Windows counts it (UTF-16 code units).
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The reserved device name a name is, when it is one: Windows reads the part before the
/// first dot, without trailing spaces, case-insensitively (`NUL.txt.xlsx`, `Com1 .pdf`).
pub fn reserved_device(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or("").trim_end_matches(' ');
    let upper = base.to_uppercase();
    let numbered = ["COM", "LPT"].iter().any(|prefix| {
        upper.strip_prefix(prefix).is_some_and(|rest| {
            let mut chars = rest.chars();
            matches!(
                (chars.next(), chars.next()),
                (Some('0'..='9' | '¹' | '²' | '³'), None)
            )
        })
    });
    (numbered || DEVICES.contains(&upper.as_str())).then(|| base.to_string())
}

/// Why Windows would refuse a name as a part of a path, in Japanese, or None when the name
/// is usable (what the name is for is said by the caller).
pub fn windows_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("名前が空です".into());
    }
    if let Some(device) = reserved_device(name) {
        return Some(format!(
            "「{device}」は Windows が機器の名前として予約している名前（予約名）のため、ファイル名やフォルダ名に使えません"
        ));
    }
    let forbidden: Vec<String> = name
        .chars()
        .filter(|&c| FORBIDDEN.contains(c) || c.is_control())
        .map(|c| {
            if c.is_control() {
                format!("制御文字 U+{:04X}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .fold(Vec::new(), |mut v, c| {
            if !v.contains(&c) {
                v.push(c);
            }
            v
        });
    if !forbidden.is_empty() {
        return Some(format!(
            "Windows でファイル名に使えない文字（{}）があります（使えない文字: \\ / : * ? \" < > | と制御文字）",
            forbidden.join(" ")
        ));
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some(
            "末尾が「.」（ピリオド）または半角空白です。Windows は末尾のピリオドと空白を削るため、別の名前になってしまいます"
                .into(),
        );
    }
    let len = utf16_len(name);
    if len > NAME_MAX {
        return Some(format!(
            "長すぎます（{len}文字。Windows のファイル名は{NAME_MAX}文字まで）"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_alone_or_before_any_extension() {
        for name in [
            "CON",
            "con",
            "Con.xlsx",
            "NUL.txt.xlsx",
            "prn.pdf",
            "AUX",
            "COM1",
            "com9.xlsx",
            "LPT1",
            "lpt5.pdf",
            "COM¹.xlsx",
            "LPT³",
            "COM0",
            "CON .xlsx",
            "CONIN$",
            "conout$.txt",
        ] {
            assert!(reserved_device(name).is_some(), "{name}");
            assert!(
                windows_problem(name).is_some_and(|m| m.contains("予約名")),
                "{name}"
            );
        }
        assert_eq!(reserved_device("Con.xlsx").as_deref(), Some("Con"));
    }

    #[test]
    fn names_that_only_look_like_devices_are_usable() {
        for name in [
            "CONSOLE.xlsx",
            "COM10.xlsx",
            "LPT.pdf",
            "COM.xlsx",
            "xCON.xlsx",
            "財政課CON.xlsx",
            "NULL.txt",
            "COM1x.pdf",
            "進捗状況_令和5年度.xlsx",
        ] {
            assert_eq!(reserved_device(name), None, "{name}");
            assert_eq!(windows_problem(name), None, "{name}");
        }
    }

    #[test]
    fn forbidden_and_control_characters() {
        for c in FORBIDDEN.chars() {
            let name = format!("a{c}b.xlsx");
            let problem = windows_problem(&name).unwrap();
            assert!(problem.contains("使えない文字"), "{name}: {problem}");
            assert!(problem.contains(&format!("（{c}）")), "{problem}");
        }
        let problem = windows_problem("a\u{7}b\u{1b}.pdf").unwrap();
        assert!(
            problem.contains("制御文字 U+0007 制御文字 U+001B"),
            "{problem}"
        );
        // Full-width forms are ordinary characters.
        assert_eq!(windows_problem("企画／財政：課＊.xlsx"), None);
    }

    #[test]
    fn trailing_dot_or_space_and_empty() {
        for name in ["財政課.", "財政課 ", "report.pdf.", ".", ".."] {
            assert!(
                windows_problem(name).is_some_and(|m| m.contains("末尾")),
                "{name}"
            );
        }
        assert!(windows_problem("").is_some_and(|m| m.contains("空")));
        // A full-width space is an ordinary character, a leading dot is allowed.
        assert_eq!(windows_problem("財政課　.xlsx"), None);
        assert_eq!(windows_problem(".gitignore"), None);
    }

    #[test]
    fn length_in_utf16_units() {
        let ok = format!("{}.xlsx", "あ".repeat(250));
        assert_eq!(utf16_len(&ok), 255);
        assert_eq!(windows_problem(&ok), None);
        let long = format!("{}.xlsx", "あ".repeat(251));
        assert!(windows_problem(&long).is_some_and(|m| m.contains("256文字")));
        // A character outside the BMP counts twice.
        assert_eq!(utf16_len("𠮷"), 2);
        let astral = format!("{}.xlsx", "𠮷".repeat(126));
        assert!(windows_problem(&astral).is_some_and(|m| m.contains("長すぎます")));
    }
}
