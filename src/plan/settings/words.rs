//! `[words]`: the city's own words for the parts and roles of its plan.
//!
//! Plans name their parts differently: one city's 取組方針 / 取組項目 / 担当部署 are another's
//! 重点改革項目 / 行動計画項目 / 所管課. Every output (forms, workbook, PDF, pages, open-data
//! headers, messages) takes these words from here; the defaults are the usual ones.

use serde::Deserialize;

/// The words for the parts and roles of the plan, as printed in every output.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Words {
    /// A heading of the plan grouping items (取組方針).
    pub policy: String,
    /// One item of the plan (取組項目).
    pub item: String,
    /// A concrete step of an item (具体的な取組).
    pub action: String,
    /// The department that leads an item and reports on it (担当部署).
    pub lead: String,
    /// A department taking part in an item (取組部署).
    pub participant: String,
    /// The money saved or earned by an item (効果額).
    pub effect: String,
    /// The code of an item (管理番号).
    pub code: String,
}

impl Default for Words {
    fn default() -> Self {
        Words {
            policy: "取組方針".into(),
            item: "取組項目".into(),
            action: "具体的な取組".into(),
            lead: "担当部署".into(),
            participant: "取組部署".into(),
            effect: "効果額".into(),
            code: "管理番号".into(),
        }
    }
}

/// Characters a word may not contain: Excel refuses them in sheet names, and the words are
/// used in sheet names, file headers and dropdown lists.
const FORBIDDEN: &[char] = &[
    '[', ']', ':', '*', '?', '/', '\\', ',', '"', '<', '>', '{', '}',
];

/// The longest word accepted (in characters): words go into sheet names (31 characters at most).
pub const WORD_MAX_CHARS: usize = 12;

/// The consolidated workbook's sheet names other than the one named after `effect` (the
/// 効果額 sheet): the effect word must differ from each, as Excel refuses two sheets of one
/// name (compared without case). `tests/words_report.rs` checks the list against a built workbook.
pub const WORKBOOK_SHEETS: [&str; 11] = [
    "総括",
    "取組一覧",
    "指標",
    "部署別",
    "評価の推移",
    "委員会意見",
    "前年度意見への対応",
    "計画期間の総括",
    "計画期間の指標",
    "提出状況",
    "検証結果",
];

impl Words {
    /// Every word with its key in report.toml, in the order of the documentation.
    pub fn entries(&self) -> [(&'static str, &str); 7] {
        [
            ("policy", &self.policy),
            ("item", &self.item),
            ("action", &self.action),
            ("lead", &self.lead),
            ("participant", &self.participant),
            ("effect", &self.effect),
            ("code", &self.code),
        ]
    }

    /// `text` with each default word (取組部署, 効果額, …) replaced by the city's word, in one
    /// pass, the longest default word first where two start at one place: for texts written
    /// in the default words (a configuration value such as `template.required`'s
    /// 取組部署の実施内容, a message, a heading) when they are shown in the city's words.
    ///
    /// ```
    /// use gyokaku::plan::Words;
    /// let words = Words { participant: "関係課".into(), ..Words::default() };
    /// assert_eq!(words.reword("取組部署の実施内容"), "関係課の実施内容");
    /// assert_eq!(Words::default().reword("取組部署の実施内容"), "取組部署の実施内容");
    /// ```
    pub fn reword(&self, text: &str) -> String {
        let defaults = Words::default();
        if *self == defaults {
            return text.to_string();
        }
        let pairs: Vec<(&str, &str)> = defaults
            .entries()
            .iter()
            .zip(self.entries())
            .map(|((_, from), (_, to))| (*from, to))
            .collect();
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let found = pairs
                .iter()
                .filter(|(from, _)| rest.starts_with(from))
                .max_by_key(|(from, _)| from.len());
            match found {
                Some((from, to)) => {
                    out.push_str(to);
                    rest = &rest[from.len()..];
                }
                None => {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out
    }

    /// A message written in the default words, in the city's words: like [`Words::reword`],
    /// but what stands in 「」 (a name or value quoted from the plan or a file) is kept as it is.
    ///
    /// ```
    /// use gyokaku::plan::Words;
    /// let words = Words { lead: "所管課".into(), ..Words::default() };
    /// assert_eq!(
    ///     words.reword_message("担当部署「担当部署調整室」が departments にありません"),
    ///     "所管課「担当部署調整室」が departments にありません"
    /// );
    /// ```
    pub fn reword_message(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('「') {
            let close = rest[open..].find('」').map(|c| open + c + '」'.len_utf8());
            let Some(close) = close else { break };
            out.push_str(&self.reword(&rest[..open]));
            out.push_str(&rest[open..close]);
            rest = &rest[close..];
        }
        out.push_str(&self.reword(rest));
        out
    }

    /// The problems of `[words]` (empty, too long, characters Excel refuses, two roles with
    /// one word), added to `out`.
    pub(super) fn problems(&self, out: &mut Vec<String>) {
        let entries = self.entries();
        for (key, word) in entries {
            let count = word.chars().count();
            if word.trim().is_empty() {
                out.push(format!("words.{key} が空です"));
            } else if word.trim() != word {
                out.push(format!("words.{key}「{word}」の前後に空白があります"));
            } else if count > WORD_MAX_CHARS {
                out.push(format!(
                    "words.{key}「{word}」は{WORD_MAX_CHARS}文字以内にしてください（シート名などに使います）"
                ));
            } else if let Some(c) = word
                .chars()
                .find(|c| FORBIDDEN.contains(c) || c.is_control())
            {
                out.push(format!(
                    "words.{key}「{word}」に使えない文字「{c}」があります（使えない文字: [ ] : * ? / \\ , \" < > {{ }}）"
                ));
            }
        }
        if let Some(sheet) = WORKBOOK_SHEETS
            .iter()
            .find(|n| n.to_lowercase() == self.effect.to_lowercase())
        {
            out.push(format!(
                "words.effect「{}」は集計ワークブックのシート名に使うため、ほかのシート名「{sheet}」と同じにはできません",
                self.effect
            ));
        }
        for (i, (key, word)) in entries.iter().enumerate() {
            if let Some((other, _)) = entries[..i].iter().find(|(_, w)| w == word) {
                out.push(format!(
                    "words.{key} と words.{other} が同じ「{word}」です。別の言葉にしてください"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_todays_words_and_valid() {
        let words = Words::default();
        assert_eq!(words.policy, "取組方針");
        assert_eq!(words.participant, "取組部署");
        let mut out = Vec::new();
        words.problems(&mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn texts_in_default_words_are_reworded_in_one_pass() {
        let words = Words {
            participant: "関係課".into(),
            effect: "財政効果".into(),
            item: "取組部署X".into(),
            ..Words::default()
        };
        assert_eq!(words.reword("取組部署の実施内容"), "関係課の実施内容");
        assert_eq!(words.reword("効果額"), "財政効果");
        // One pass: a replacement is never replaced again.
        assert_eq!(words.reword("取組項目と取組部署"), "取組部署Xと関係課");
        assert_eq!(words.reword("評価"), "評価");
        assert_eq!(Words::default().reword("評価"), "評価");
    }

    #[test]
    fn refuses_empty_long_forbidden_and_duplicate_words() {
        let words = Words {
            policy: " ".into(),
            item: "行動計画項目行動計画項目行動計画項目".into(),
            action: "取組[1]".into(),
            lead: "所管課".into(),
            participant: "所管課".into(),
            effect: "指標".into(),
            ..Words::default()
        };
        let mut out = Vec::new();
        words.problems(&mut out);
        let all = out.join("\n");
        assert!(all.contains("words.policy が空です"), "{all}");
        assert!(all.contains("words.item「行動計画項目"), "{all}");
        assert!(
            all.contains("words.action「取組[1]」に使えない文字「[」"),
            "{all}"
        );
        assert!(
            all.contains("words.participant と words.lead が同じ「所管課」"),
            "{all}"
        );
    }
}
