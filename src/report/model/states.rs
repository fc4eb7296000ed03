//! The vocabulary of states: one word for each state of an item, a department's submission or
//! an answer, used by every output (the workbook, the PDF, the pages, the open data and the
//! newsletter). The committee's documents use [`StateLabel::label_in`]; the citizens' pages the
//! plainer [`StateLabel::plain_in`]. Nothing else spells these words.

use std::borrow::Cow;

use crate::merge::ItemState;
use crate::plan::Words;
use crate::submission::DeptState;

/// Label of items without an evaluation (未提出, 要確認, or not filled).
pub const UNRATED: &str = "未評価";

/// What [`UNRATED`] counts, for the notes under the tables, in the city's words
/// (「評価が未記入、または未提出・要確認の取組項目」).
pub fn unrated_meaning(words: &Words) -> String {
    format!("評価が未記入、または未提出・要確認の{}", words.item)
}

/// [`UNRATED`] with its reason in a few words, for citizens (pages, newsletter).
pub const UNRATED_PLAIN: &str = "未評価（未提出など）";

/// An item with a usable record whose evaluation cell is empty.
pub const NOT_ENTERED: &str = "未記入";

/// The department gave no response to last year's committee opinion.
pub const NO_ANSWER: &str = "（回答なし）";

/// The word for a state, the same in every output, in the city's words.
///
/// ```
/// use gyokaku::plan::Words;
/// use gyokaku::report::model::StateLabel;
/// use gyokaku::submission::DeptState;
/// let words = Words::default();
/// assert_eq!(DeptState::Unusable.label_in(&words), "要確認");
/// assert_eq!(DeptState::Missing.label_in(&words), "未提出");
/// ```
pub trait StateLabel: Copy {
    /// The word in the committee's documents and the open data (提出済, 要確認, 未提出 …;
    /// 「所管課未設定」 for an item without a lead when `[words] lead = "所管課"`).
    fn label_in(self, words: &Words) -> Cow<'static, str>;
    /// The word on the citizens' pages.
    fn plain_in(self, words: &Words) -> Cow<'static, str>;
}

/// 「担当部署未設定」 in the city's words.
fn no_lead(words: &Words) -> Cow<'static, str> {
    Cow::Owned(format!("{}未設定", words.lead))
}

impl StateLabel for ItemState {
    fn label_in(self, words: &Words) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            ItemState::Reported => "提出済",
            ItemState::NeedsReview | ItemState::Unusable => "要確認",
            ItemState::Missing => "未提出",
            ItemState::NoLead => return no_lead(words),
        })
    }

    fn plain_in(self, words: &Words) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            ItemState::Reported | ItemState::NeedsReview => "報告あり",
            ItemState::Missing => "未提出（集計中）",
            ItemState::Unusable => "集計中（内容を確認しています）",
            ItemState::NoLead => return no_lead(words),
        })
    }
}

/// A department's state reads the same in every city's words.
impl StateLabel for DeptState {
    /// A department whose file cannot be used reads 要確認, as its items do.
    fn label_in(self, _: &Words) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            DeptState::Submitted => "提出済",
            DeptState::Missing => "未提出",
            DeptState::Unusable => "要確認",
        })
    }

    fn plain_in(self, _: &Words) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            DeptState::Submitted => "報告あり",
            DeptState::Missing => "未提出",
            DeptState::Unusable => "集計中",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A department and its items read the same word for the same state.
    #[test]
    fn one_word_per_state() {
        let w = &Words::default();
        assert_eq!(
            DeptState::Unusable.label_in(w),
            ItemState::Unusable.label_in(w)
        );
        assert_eq!(
            DeptState::Missing.label_in(w),
            ItemState::Missing.label_in(w)
        );
        assert_eq!(
            DeptState::Submitted.label_in(w),
            ItemState::Reported.label_in(w)
        );
        assert!(UNRATED_PLAIN.starts_with(UNRATED));
    }

    /// The words of the city name the lead in 未設定 and the items in 未評価's meaning.
    #[test]
    fn labels_take_the_citys_words() {
        let mut words = Words::default();
        assert_eq!(ItemState::NoLead.label_in(&words), "担当部署未設定");
        assert_eq!(ItemState::NoLead.plain_in(&words), "担当部署未設定");
        assert_eq!(
            unrated_meaning(&words),
            "評価が未記入、または未提出・要確認の取組項目"
        );
        words.lead = "所管課".into();
        words.item = "行動計画項目".into();
        assert_eq!(ItemState::NoLead.label_in(&words), "所管課未設定");
        assert_eq!(ItemState::NoLead.plain_in(&words), "所管課未設定");
        assert_eq!(ItemState::Missing.label_in(&words), "未提出");
        assert!(unrated_meaning(&words).ends_with("要確認の行動計画項目"));
    }
}
