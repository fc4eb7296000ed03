//! The layout of a department workbook: which item sheets it has and where every label and
//! input cell sits. The template writer and the submission reader both use this one
//! definition, so they cannot drift apart.

mod sheet;

use sha2::{Digest, Sha256};

use super::FORMAT_VERSION;
use crate::plan::{Plan, Settings, WORD_MAX_CHARS, Words};
use sheet::sheet_form;

/// Column of labels (A).
pub const COL_LABEL: u16 = 0;
/// Column of plan text and long text inputs (B).
pub const COL_TEXT: u16 = 1;
/// Column of short inputs: dropdowns and numbers (C).
pub const COL_INPUT: u16 = 2;
/// Column of units (D).
pub const COL_UNIT: u16 = 3;
/// Column of last year's reported value (E).
pub const COL_PREVIOUS: u16 = 4;

/// Row of the 管理番号 value (B6), which identifies the item of a sheet.
pub const ROW_CODE: u32 = 5;

/// A cell position (0-based row and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    /// Row (0-based).
    pub row: u32,
    /// Column (0-based).
    pub col: u16,
}

impl Cell {
    /// A1 notation (D14).
    pub fn a1(self) -> String {
        format!(
            "{}{}",
            crate::xlsx::column_letters(u32::from(self.col)),
            self.row + 1
        )
    }
}

/// The two kinds of item sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SheetKind {
    /// 個票: the department leads the item (担当部署).
    Lead,
    /// The department only implements the item (取組部署).
    Contribution,
}

/// What kind of value an input cell takes.
#[derive(Debug, Clone, PartialEq)]
pub enum InputKind {
    /// One of the evaluation codes.
    Evaluation,
    /// One of the statuses of a 具体的な取組.
    Status,
    /// A number with at most `decimals` decimal places, from `min` up to `max` (no upper
    /// limit when None).
    Number {
        /// Decimal places accepted.
        decimals: u8,
        /// The smallest value accepted.
        min: f64,
        /// The largest value accepted, if any.
        max: Option<f64>,
    },
    /// Free text.
    Text,
}

impl InputKind {
    /// A stable name of the kind for the layout fingerprint (limits of numbers are checked
    /// against the current plan, so they are not part of the layout).
    pub fn tag(&self) -> String {
        match self {
            InputKind::Evaluation => "evaluation".into(),
            InputKind::Status => "status".into(),
            InputKind::Number { decimals, .. } => format!("number:{decimals}"),
            InputKind::Text => "text".into(),
        }
    }
}

/// The meaning of an input cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// 評価.
    Evaluation,
    /// The status of the n-th 具体的な取組.
    ActionStatus(usize),
    /// The value of the n-th indicator.
    Indicator(usize),
    /// 効果額.
    EffectAmount,
    /// 実施内容.
    WorkDone,
    /// 課題.
    Issues,
    /// 今後の方向性.
    NextSteps,
    /// 委員会意見への対応 (the answer to last year's committee opinion).
    Response,
}

impl Field {
    /// Japanese name of the field for messages and outputs, in the city's words
    /// ("具体的な取組①の状況").
    pub fn label(self, words: &Words) -> String {
        match self {
            Field::Evaluation => "評価".into(),
            Field::ActionStatus(i) => format!("{}{}の状況", words.action, circled(i)),
            Field::Indicator(i) => format!("指標実績{}", circled(i)),
            Field::EffectAmount => words.effect.clone(),
            Field::WorkDone => "実施内容".into(),
            Field::Issues => "課題".into(),
            Field::NextSteps => "今後の方向性".into(),
            Field::Response => "委員会意見への対応".into(),
        }
    }
}

/// ① ② … for a 0-based index (falls back to (n) after ⑳).
pub fn circled(i: usize) -> String {
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    CIRCLED
        .chars()
        .nth(i)
        .map_or_else(|| format!("({})", i + 1), |c| c.to_string())
}

/// The fixed text around the city's word in a label ("" and "①の状況" around 具体的な取組).
#[derive(Debug, Clone, PartialEq)]
pub struct WordSlot {
    /// Text before the word.
    pub before: String,
    /// Text after the word.
    pub after: String,
}

/// A label of the form in three forms: as printed with the city's words, as printed with the
/// default words (what the layout fingerprint is made of, so a change of `[words]` does not
/// make the forms of past years another layout), and the frame around the word when it has
/// one (so a form printed with any earlier words is still recognised).
#[derive(Debug, Clone, PartialEq)]
pub struct Worded {
    /// As printed with the city's words.
    pub text: String,
    /// As printed with the default words.
    pub anchor: String,
    /// The text around the word, when the label holds one.
    pub slot: Option<WordSlot>,
}

impl Worded {
    /// A label made by `make` from a set of words.
    pub fn new(words: &Words, make: impl Fn(&Words) -> String) -> Worded {
        const MARK: char = '\u{0}';
        let marks = Words {
            policy: MARK.into(),
            item: MARK.into(),
            action: MARK.into(),
            lead: MARK.into(),
            participant: MARK.into(),
            effect: MARK.into(),
            code: MARK.into(),
        };
        let slot = make(&marks)
            .split_once(MARK)
            .map(|(before, after)| WordSlot {
                before: before.to_string(),
                after: after.to_string(),
            });
        Worded {
            text: make(words),
            anchor: make(&Words::default()),
            slot,
        }
    }

    /// A label without a word.
    pub fn plain(text: impl Into<String>) -> Worded {
        let text = text.into();
        Worded {
            anchor: text.clone(),
            text,
            slot: None,
        }
    }

    /// Whether `found` (normalised by `key`, as `text` is) is this label with some words:
    /// today's, the default or any word of an earlier `[words]` (1 to 12 characters in the
    /// word's place).
    pub fn accepts(&self, found: &str, key: impl Fn(&str) -> String) -> bool {
        let found = key(found);
        if found == key(&self.text) || found == key(&self.anchor) {
            return true;
        }
        let Some(slot) = &self.slot else {
            return false;
        };
        let (before, after) = (key(&slot.before), key(&slot.after));
        found.len() > before.len() + after.len()
            && found
                .strip_prefix(before.as_str())
                .and_then(|rest| rest.strip_suffix(after.as_str()))
                .is_some_and(|word| (1..=WORD_MAX_CHARS).contains(&word.chars().count()))
    }
}

/// A fixed row of the sheet: a label in column A and, for plan facts, its value in column B.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRow {
    /// Row (0-based).
    pub row: u32,
    /// The text in column A (`worded.text`), with the default words and its word's frame
    /// (what the reader accepts).
    pub worded: Worded,
    /// Plan text shown in column B (locked), if any.
    pub text: Option<String>,
    /// True for section headings (【計画の内容】).
    pub heading: bool,
}

/// An input cell with its meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// What the cell holds.
    pub field: Field,
    /// Its label in column A and in messages ("効果額（千円）").
    pub label: String,
    /// Where the value is entered.
    pub cell: Cell,
    /// What kind of value it takes.
    pub kind: InputKind,
    /// Unit shown in column D.
    pub unit: Option<String>,
    /// Whether the settings require a value (the form marks it red while empty, `check`
    /// reports it missing).
    pub required: bool,
    /// Whether the form offers the cell for input (yellow, unlocked). False only for the
    /// response to a committee opinion that was not given: the cell stays in the layout
    /// (so forms and readers of every year agree) but is locked and grey.
    pub offered: bool,
}

/// The layout of one item sheet of one department's workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetForm {
    /// Lead sheet or contribution sheet.
    pub kind: SheetKind,
    /// 管理番号 of the item.
    pub item_code: String,
    /// Name of the sheet in the workbook.
    pub sheet_name: String,
    /// Name of the sheet with the default words (what the layout fingerprint is made of).
    pub anchor_name: String,
    /// Label rows (checked as anchors by the reader).
    pub labels: Vec<LabelRow>,
    /// Input cells.
    pub inputs: Vec<Input>,
    /// Row of the column headings of the input block (入力欄 / 単位 / 前年度の報告).
    pub input_header_row: u32,
    /// Last row used.
    pub last_row: u32,
}

/// Texts written in the header rows of every item sheet.
pub const LABEL_DEPARTMENT: &str = "部署名";
/// Heading of the plan facts.
pub const HEADING_PLAN: &str = "【計画の内容】（変更できません）";
/// Heading of the inputs.
pub const HEADING_REPORT: &str = "【取組状況の報告】（黄色のセルに入力してください）";

/// Label of the row showing last year's committee opinion on a lead sheet.
pub const LABEL_PREVIOUS_OPINION: &str = "前年度の委員会意見";
/// Text of that row when the committee gave no opinion on the item.
pub const NO_PREVIOUS_OPINION: &str = "（前年度の委員会意見はありません）";

/// Last year's committee opinions by 管理番号 (empty when there are none).
pub type Opinions = std::collections::BTreeMap<String, String>;

/// The item sheets of a department's workbook, in plan order: lead sheets, then
/// contributions; sheet names unique within the workbook.
pub fn department_forms(
    plan: &Plan,
    settings: &Settings,
    opinions: &Opinions,
    dept: &str,
) -> Vec<SheetForm> {
    let lead = plan
        .items_led_by(dept)
        .map(|i| sheet_form(plan, settings, opinions, i, SheetKind::Lead));
    let contrib = plan
        .items_implemented_by(dept)
        .map(|i| sheet_form(plan, settings, opinions, i, SheetKind::Contribution));
    let reserved = [
        super::STATUS_SHEET,
        super::GUIDE_SHEET,
        super::meta::SHEET,
        "History",
    ];
    let mut names = super::sheet_name::SheetNames::new(&reserved);
    let mut anchors = super::sheet_name::SheetNames::new(&reserved);
    lead.chain(contrib)
        .map(|mut f| {
            f.sheet_name = names.claim(&f.sheet_name);
            f.anchor_name = anchors.claim(&f.anchor_name);
            f
        })
        .collect()
}

impl LabelRow {
    /// Text in column A.
    pub fn label(&self) -> &str {
        &self.worded.text
    }
}

impl SheetForm {
    /// Whether a workbook's sheet `name` may be this form's sheet: its name with today's
    /// words, with the default words, or (a contribution) the same code with another word
    /// after it (a form printed under earlier `[words]`).
    pub fn answers_to(&self, name: &str) -> bool {
        if name == self.sheet_name || name == self.anchor_name {
            return true;
        }
        self.kind == SheetKind::Contribution
            && super::sheet_name::contribution_stem(&self.anchor_name)
                .zip(super::sheet_name::contribution_stem(name))
                .is_some_and(|(want, found)| want == found)
    }
}

/// A fingerprint of a department's layout; a workbook made from another plan version has
/// a different one. Made of the names and labels with the default words, so the forms of
/// past years keep their fingerprint when the city changes `[words]`.
pub fn layout_fingerprint(forms: &[SheetForm]) -> String {
    let mut h = Sha256::new();
    h.update(FORMAT_VERSION.as_bytes());
    for f in forms {
        h.update(f.anchor_name.as_bytes());
        for l in &f.labels {
            h.update(l.row.to_le_bytes());
            h.update(l.worded.anchor.as_bytes());
        }
        for i in &f.inputs {
            h.update(i.cell.row.to_le_bytes());
            h.update(i.cell.col.to_le_bytes());
            h.update(i.kind.tag().as_bytes());
        }
    }
    let digest = h.finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_in_a1_notation() {
        assert_eq!(Cell { row: 13, col: 3 }.a1(), "D14");
        assert_eq!(Cell { row: 0, col: 26 }.a1(), "AA1");
    }

    #[test]
    fn worded_labels_accept_any_earlier_word() {
        let other = Words {
            action: "実施事項".into(),
            ..Words::default()
        };
        let label = Worded::new(&other, |w| format!("{}{}の状況", w.action, circled(0)));
        assert_eq!(label.text, "実施事項①の状況");
        assert_eq!(label.anchor, "具体的な取組①の状況");
        let key = |s: &str| s.to_string();
        assert!(label.accepts("実施事項①の状況", key));
        assert!(label.accepts("具体的な取組①の状況", key));
        assert!(label.accepts("取組内容①の状況", key));
        assert!(!label.accepts("①の状況", key));
        assert!(!label.accepts("実施事項②の状況", key));
        assert!(!label.accepts("評価", key));
        let plain = Worded::plain("評価");
        assert!(plain.accepts("評価", key));
        assert!(!plain.accepts("評 価x", key));
    }

    #[test]
    fn the_fingerprint_does_not_follow_the_words() {
        use crate::plan::testing::{ITEM_1101, one_policy_plan};
        let plan = one_policy_plan(
            &["甲課", "乙課"],
            &format!("{ITEM_1101}implementers = [\"乙課\"]\nactions = [\"取組A\"]\n"),
        );
        let text =
            "[report]\ntitle = \"報告\"\nsecretariat = \"事務局\"\n[effect]\nunit = \"千円\"\n";
        let path = std::path::Path::new("report.toml");
        let defaults = Settings::parse(text, path).unwrap();
        let other = Settings::parse(
            &format!("{text}[words]\nparticipant = \"関係課\"\naction = \"実施事項\"\neffect = \"財政効果\"\n"),
            path,
        )
        .unwrap();
        let none = Opinions::new();
        for dept in ["甲課", "乙課"] {
            let a = department_forms(&plan, &defaults, &none, dept);
            let b = department_forms(&plan, &other, &none, dept);
            assert_eq!(layout_fingerprint(&a), layout_fingerprint(&b), "{dept}");
            for (fa, fb) in a.iter().zip(&b) {
                assert!(fb.answers_to(&fa.sheet_name), "{}", fa.sheet_name);
                assert!(fa.answers_to(&fb.sheet_name), "{}", fb.sheet_name);
                for (la, lb) in fa.labels.iter().zip(&fb.labels) {
                    assert!(
                        lb.worded.accepts(la.label(), str::to_string),
                        "{}",
                        la.label()
                    );
                }
            }
        }
        let b = department_forms(&plan, &other, &none, "乙課");
        assert_eq!(b[0].sheet_name, "1101_関係課");
        assert_eq!(b[0].anchor_name, "1101_取組部署");
        let lead = department_forms(&plan, &other, &none, "甲課");
        let labels: Vec<&str> = lead[0].labels.iter().map(LabelRow::label).collect();
        assert!(labels.contains(&"実施事項①の状況"), "{labels:?}");
        assert!(labels.contains(&"財政効果（千円）"), "{labels:?}");
        assert!(labels.contains(&"関係課"), "{labels:?}");
    }

    #[test]
    fn circled_numbers() {
        assert_eq!(circled(0), "①");
        assert_eq!(circled(19), "⑳");
        assert_eq!(circled(20), "(21)");
    }
}
