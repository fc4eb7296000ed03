//! Sheet names for item codes: Excel refuses some characters and names longer than 31
//! characters, and compares names without case, so names are made safe and unique while the
//! code itself stays in the sheet (B6) and in the meta sheet.

use super::layout::SheetKind;
use crate::plan::Words;

/// Characters Excel refuses in sheet names, and the full-width ones written instead.
const SHEET_NAME_SUBSTITUTES: [(char, char); 7] = [
    ('[', '［'),
    (']', '］'),
    (':', '：'),
    ('*', '＊'),
    ('?', '？'),
    ('/', '／'),
    ('\\', '＼'),
];
/// Excel's limit on the length of a sheet name (characters).
const SHEET_NAME_MAX: usize = 31;
/// Joins the code and the word for a participant (取組部署) in the name of a contribution
/// sheet ("1101_取組部署").
const CONTRIBUTION_JOIN: char = '_';

/// A sheet name Excel accepts made from an item code: forbidden characters replaced by their
/// full-width forms, no apostrophe at either end, at most `max` characters.
fn safe_sheet_name(code: &str, max: usize) -> String {
    let replaced: String = code
        .chars()
        .map(|c| {
            SHEET_NAME_SUBSTITUTES
                .iter()
                .find(|(bad, _)| *bad == c)
                .map_or(if c.is_control() { ' ' } else { c }, |(_, good)| *good)
        })
        .collect();
    let trimmed = replaced.trim().trim_matches('\'').trim();
    let name: String = trimmed.chars().take(max).collect();
    if name.trim().is_empty() {
        "取組".to_string()
    } else {
        name.trim_end().to_string()
    }
}

/// The preferred name of an item's sheet with the default words: the code ("1101") for the
/// lead, "1101_取組部署" for a contribution (see [`worded_sheet_name`]).
pub fn sheet_name(item_code: &str, kind: SheetKind) -> String {
    worded_sheet_name(item_code, kind, &Words::default())
}

/// The preferred name of an item's sheet: the code ("1101") for the lead, the code and the
/// word for a participant ("1101_取組部署") for a contribution; made safe for Excel (the
/// words hold no character Excel refuses and at most 12 characters, so the name stays within
/// 31; uniqueness is settled by [`department_forms`]).
///
/// [`department_forms`]: super::department_forms
pub fn worded_sheet_name(item_code: &str, kind: SheetKind, words: &Words) -> String {
    match kind {
        SheetKind::Lead => safe_sheet_name(item_code, SHEET_NAME_MAX),
        SheetKind::Contribution => {
            let suffix = safe_sheet_name(&words.participant, SHEET_NAME_MAX / 2);
            let room = SHEET_NAME_MAX.saturating_sub(suffix.chars().count() + 1);
            format!(
                "{}{CONTRIBUTION_JOIN}{suffix}",
                safe_sheet_name(item_code, room.max(1))
            )
        }
    }
}

/// The code part of a contribution sheet's name ("1101" of "1101_取組部署"), whatever the
/// word after it; None for a name of another shape.
pub fn contribution_stem(name: &str) -> Option<&str> {
    name.rsplit_once(CONTRIBUTION_JOIN)
        .map(|(stem, _)| stem)
        .filter(|s| !s.is_empty())
}

/// Names of the sheets of one workbook so far, compared as Excel does (ignoring case).
pub(super) struct SheetNames(Vec<String>);

impl SheetNames {
    pub(super) fn new(reserved: &[&str]) -> SheetNames {
        SheetNames(reserved.iter().map(|n| n.to_lowercase()).collect())
    }

    /// `wanted`, or "wanted(2)", "wanted(3)" … when taken, within Excel's length limit.
    pub(super) fn claim(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_string();
        let mut n = 2;
        while self.0.contains(&name.to_lowercase()) {
            let suffix = format!("({n})");
            let room = SHEET_NAME_MAX - suffix.chars().count();
            name = format!("{}{suffix}", wanted.chars().take(room).collect::<String>());
            n += 1;
        }
        self.0.push(name.to_lowercase());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_safe_for_excel() {
        assert_eq!(sheet_name("1101", SheetKind::Lead), "1101");
        assert_eq!(sheet_name("B/3", SheetKind::Lead), "B／3");
        assert_eq!(sheet_name("[1]:*?\\", SheetKind::Lead), "［1］：＊？＼");
        assert_eq!(sheet_name("'A-01'", SheetKind::Lead), "A-01");
        assert_eq!(sheet_name("  ", SheetKind::Lead), "取組");
        let long = "あ".repeat(40);
        assert_eq!(sheet_name(&long, SheetKind::Lead).chars().count(), 31);
        let contribution = sheet_name(&long, SheetKind::Contribution);
        assert_eq!(contribution.chars().count(), 31);
        assert!(contribution.ends_with("_取組部署"));
    }

    #[test]
    fn contribution_sheets_follow_the_word_within_excels_limit() {
        let words = Words {
            participant: "関係課".into(),
            ..Words::default()
        };
        assert_eq!(
            worded_sheet_name("1101", SheetKind::Contribution, &words),
            "1101_関係課"
        );
        let long_word = Words {
            participant: "あ".repeat(12),
            ..Words::default()
        };
        let long = "い".repeat(40);
        let name = worded_sheet_name(&long, SheetKind::Contribution, &long_word);
        assert_eq!(name.chars().count(), 31);
        assert!(name.ends_with(&format!("_{}", "あ".repeat(12))));
        assert_eq!(contribution_stem("1101_関係課"), Some("1101"));
        assert_eq!(contribution_stem("1101"), None);
    }

    #[test]
    fn sheet_names_are_unique_ignoring_case() {
        let mut names = SheetNames::new(&["記入方法", "_meta"]);
        assert_eq!(names.claim("a-1"), "a-1");
        assert_eq!(names.claim("A-1"), "A-1(2)");
        assert_eq!(names.claim("A-1"), "A-1(3)");
        assert_eq!(names.claim("_META"), "_META(2)");
        let long = "い".repeat(31);
        let first = names.claim(&long);
        let second = names.claim(&long);
        assert_eq!(first.chars().count(), 31);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with("(2)"));
    }
}
