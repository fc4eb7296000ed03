//! Where a problem is in the plan workbook: sheet, row and cell, for the reader's own checks
//! and for the plan's validation rules (which name parts of the plan, not cells). A
//! validation message is placed on the cell of the field it is about, and its TOML key names
//! are replaced by the workbook's headings.

use std::collections::{BTreeMap, HashMap};

use super::*;
use crate::plan::Plan;
use crate::plan::validate::Part;

/// A place in the workbook: a sheet (index into [`DATA_SHEETS`]), maybe a row, maybe a
/// column (with its heading). Ordered as the sheets, rows and columns are.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Loc {
    pub sheet: usize,
    pub row: Option<u32>,
    pub col: Option<(u32, String)>,
}

impl Loc {
    pub fn sheet(sheet: usize) -> Loc {
        Loc {
            sheet,
            row: None,
            col: None,
        }
    }

    pub fn row(sheet: usize, row: u32) -> Loc {
        Loc {
            sheet,
            row: Some(row),
            col: None,
        }
    }

    pub fn cell(sheet: usize, row: u32, col: u32, header: &str) -> Loc {
        Loc {
            sheet,
            row: Some(row),
            col: Some((col, header.to_string())),
        }
    }

    /// 「取組項目」シート E7（担当部署）, 「取組項目」シート 7行目, or 「計画」シート.
    pub fn text(&self) -> String {
        let sheet = format!("「{}」シート", DATA_SHEETS[self.sheet].name);
        match (&self.row, &self.col) {
            (Some(r), Some((c, h))) if h.is_empty() => {
                format!("{sheet} {}{}", column_letters(*c), u64::from(*r) + 1)
            }
            (Some(r), Some((c, h))) => format!("{sheet} {}{}（{h}）", column_letters(*c), r + 1),
            (Some(r), None) => format!("{sheet} {}行目", r + 1),
            (None, Some((c, h))) => format!("{sheet} {}列（{h}）", column_letters(*c)),
            (None, None) => sheet,
        }
    }
}

pub(crate) const S_PLAN: usize = 0;
pub(crate) const S_DEPARTMENT: usize = 3;
pub(crate) const S_STRUCTURE: usize = 4;
pub(crate) const S_ITEM: usize = 5;
pub(crate) const S_ACTION: usize = 6;
pub(crate) const S_INDICATOR: usize = 7;
pub(crate) const S_REVISION: usize = 8;

/// Where each part of the read plan came from.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Per sheet: heading → column.
    pub cols: Vec<BTreeMap<&'static str, u32>>,
    /// Yearly-target columns of the 指標 sheet: 西暦 year → (column, heading as written).
    pub year_cols: BTreeMap<u16, (u32, String)>,
    /// 計画 sheet: label → row.
    pub plan_rows: BTreeMap<&'static str, u32>,
    pub departments: Vec<u32>,
    pub pillars: Vec<u32>,
    pub policies: Vec<Vec<u32>>,
    pub items: Vec<u32>,
    pub actions: Vec<Vec<u32>>,
    pub indicators: Vec<Vec<u32>>,
    pub revisions: Vec<Vec<u32>>,
}

impl Layout {
    /// The cell of a heading in a row (row only when the column is unknown).
    pub fn cell(&self, sheet: usize, row: u32, header: &str) -> Loc {
        match self.cols.get(sheet).and_then(|m| m.get(header)) {
            Some(c) => Loc::cell(sheet, row, *c, header),
            None => Loc::row(sheet, row),
        }
    }

    /// The value cell of a 計画 sheet row.
    pub fn plan_cell(&self, label: &str) -> Loc {
        match self.plan_rows.get(label) {
            Some(r) => self.cell(S_PLAN, *r, H_VALUE),
            None => Loc::sheet(S_PLAN),
        }
    }

    /// Where a part of the plan is, before looking at what a message is about.
    pub fn locate(&self, part: Part) -> Option<Loc> {
        Some(match part {
            Part::Plan => Loc::sheet(S_PLAN),
            Part::Department(k) => self.cell(S_DEPARTMENT, *self.departments.get(k)?, H_DEPARTMENT),
            Part::Pillar(p) => Loc::row(S_STRUCTURE, *self.pillars.get(p)?),
            Part::Policy(p, q) => Loc::row(S_STRUCTURE, *self.policies.get(p)?.get(q)?),
            Part::Item(i) => Loc::row(S_ITEM, *self.items.get(i)?),
            Part::ItemPolicy(i) => self.cell(S_ITEM, *self.items.get(i)?, H_GROUP),
            Part::Action(i, a) => self.cell(S_ACTION, *self.actions.get(i)?.get(a)?, H_ACTION),
            Part::Indicator(i, n) => Loc::row(S_INDICATOR, *self.indicators.get(i)?.get(n)?),
        })
    }

    /// Every part of a plan that has a place, by its place text (to find the part of a
    /// validation problem again).
    pub fn parts(&self, plan: &Plan) -> HashMap<String, Part> {
        let mut parts = vec![Part::Plan];
        parts.extend((0..plan.departments.len()).map(Part::Department));
        for (p, pillar) in plan.pillars.iter().enumerate() {
            parts.push(Part::Pillar(p));
            parts.extend((0..pillar.policies.len()).map(|q| Part::Policy(p, q)));
        }
        for (i, item) in plan.items.iter().enumerate() {
            parts.extend([Part::Item(i), Part::ItemPolicy(i)]);
            parts.extend((0..item.actions.len()).map(|a| Part::Action(i, a)));
            parts.extend((0..item.indicators.len()).map(|n| Part::Indicator(i, n)));
        }
        parts
            .into_iter()
            .filter_map(|p| self.locate(p).map(|l| (l.text(), p)))
            .collect()
    }

    /// The cell a validation message is about: the part's row, and the column of the field
    /// the message names.
    pub fn refine(&self, part: Part, plan: &Plan, message: &str) -> Option<Loc> {
        let base = self.locate(part)?;
        let row = base.row;
        let at = |sheet: usize, header: &str| row.map(|r| self.cell(sheet, r, header));
        let refined = match part {
            Part::Plan => {
                let label = [
                    ("first_reported_year", L_FIRST),
                    ("title（", L_TITLE),
                    ("municipality（", L_MUNICIPALITY),
                    ("start_year", L_START),
                    ("baseline_year", L_BASELINE),
                    ("target_year", L_TARGET),
                ]
                .into_iter()
                .find(|(key, _)| message.contains(key))
                .map(|(_, label)| label);
                label.map(|l| self.plan_cell(l))
            }
            Part::Pillar(_) | Part::Policy(..) if message.contains("重複") => {
                at(S_STRUCTURE, H_NUMBER)
            }
            Part::Pillar(p) | Part::Policy(p, _) if message.contains("空にできません") => {
                let pillar = plan.pillars.get(p)?;
                let id = match part {
                    Part::Policy(_, q) => &pillar.policies.get(q)?.id,
                    _ => &pillar.id,
                };
                let header = if id.trim().is_empty() {
                    H_NUMBER
                } else {
                    H_NAME
                };
                at(S_STRUCTURE, header)
            }
            Part::Item(i) if message.contains("revisions") => {
                let first = self.revisions.get(i).and_then(|r| r.first());
                Some(first.map_or(base.clone(), |r| Loc::row(S_REVISION, *r)))
            }
            Part::Item(_) => {
                let header = if message.contains("の from（") {
                    Some(H_FROM)
                } else if message.contains("end の year") {
                    Some(H_END_YEAR)
                } else if message.contains("統合先") || message.contains("into") {
                    Some(H_INTO)
                } else if message.contains("管理番号") {
                    Some(H_CODE)
                } else if message.contains("title（") {
                    Some(H_TITLE)
                } else if message.contains("continuity") {
                    Some(H_CONTINUITY)
                } else if message.contains("の取組部署「") {
                    Some(H_IMPLEMENTERS)
                } else if message.contains("担当部署") {
                    Some(H_LEAD)
                } else {
                    None
                };
                header.and_then(|h| at(S_ITEM, h))
            }
            Part::Indicator(i, n) => {
                let item = plan.items.get(i)?;
                let ind = item.indicators.get(n)?;
                let label = format!("取組項目 {} の指標{}（{}）", item.code(), n + 1, ind.name);
                let rest = message.strip_prefix(label.as_str()).unwrap_or(message);
                self.indicator_column(rest).and_then(|h| match h {
                    Field::Header(h) => at(S_INDICATOR, h),
                    Field::Year(y) => {
                        let (c, h) = self.year_cols.get(&y)?;
                        row.map(|r| Loc::cell(S_INDICATOR, r, *c, h))
                    }
                })
            }
            _ => None,
        };
        Some(refined.unwrap_or(base))
    }

    fn indicator_column(&self, rest: &str) -> Option<Field> {
        if let Some(tail) = rest.split("yearly_targets.").nth(1) {
            let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
            return digits.parse().ok().map(Field::Year);
        }
        if let Some(tail) = rest.split("yearly_targets の年度「").nth(1) {
            let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
            return digits.parse().ok().map(Field::Year);
        }
        let table = [
            ("後から追加した指標", H_FROM),
            ("の from（", H_FROM),
            ("baseline_year", H_BASELINE_YEAR),
            ("comparison", H_COMPARISON),
            ("の name", H_INDICATOR),
            ("名称が重複", H_INDICATOR),
            ("unit", H_UNIT),
            ("の min", H_MIN),
            ("の max", H_MAX),
            ("baseline", H_BASELINE),
            ("target", H_TARGET),
            ("decimals", H_DECIMALS),
            ("aggregation", H_AGGREGATION),
        ];
        table
            .into_iter()
            .find(|(key, _)| rest.contains(key))
            .map(|(_, h)| Field::Header(h))
    }
}

enum Field {
    Header(&'static str),
    Year(u16),
}

/// A validation message in the workbook's words: TOML keys become the headings a
/// secretariat sees.
pub(crate) fn reword(message: &str) -> String {
    let mut m = message.to_string();
    // yearly_targets.2024 = 5 → 年度目標（2024年度）= 5
    while let Some(at) = m.find("yearly_targets.") {
        let tail = &m[at + "yearly_targets.".len()..];
        let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
        let rest = tail[digits.len()..].to_string();
        m = format!("{}年度目標（{digits}年度）{rest}", &m[..at]);
    }
    let pairs = [
        ("title（計画の名称）", "計画の名称"),
        ("municipality（自治体名）", "自治体名"),
        ("計画期間 start_year = ", "計画期間 "),
        (" 〜 end_year = ", "〜"),
        ("baseline_year = ", "基準年度 "),
        ("target_year = ", "目標年度 "),
        ("departments の部署名", "部署名"),
        ("departments に部署", "部署"),
        (
            "departments に「全部署」は書けません",
            "「部署」シートに「全部署」は書けません",
        ),
        (
            "が departments にありません",
            "が「部署」シートにありません",
        ),
        (
            "は計画の取組方針（pillars）にありません",
            "は「体系」シートにありません",
        ),
        ("id（番号）と name（名称）", "番号と名称"),
        ("title（取組項目名）", "取組項目名"),
        (
            "continuity（前期計画）が空です。なければ行ごと削除してください",
            "前期計画が空です",
        ),
        ("担当部署（lead）", "担当部署"),
        (
            "具体的な取組（actions）に空の項目があります",
            "具体的な取組の内容が空です",
        ),
        ("の name が空です", "の指標名が空です"),
        ("unit（単位）", "単位"),
        ("baseline（基準値） = ", "基準値 "),
        ("target（目標値） = ", "目標値 "),
        (
            "範囲は min・max で変えられます",
            "範囲は最小値・最大値で変えられます",
        ),
        (" の min = ", " の最小値 "),
        (" の max = ", " の最大値 "),
        (" は max = ", " は最大値 "),
        ("decimals は", "小数桁は"),
        ("yearly_targets の年度", "年度目標の年度"),
        (
            "aggregation = \"sum\" にできません",
            &format!("集計を「{SUM}」にできません"),
        ),
    ];
    let lifecycle = [
        ("first_reported_year = ", "集計開始年度 "),
        ("の from（", "の開始年度（"),
        ("（from = ", "（開始年度 "),
        (
            "の end の year が from より前です",
            "の終了年度が開始年度より前です",
        ),
        ("の end の year（", "の終了年度（"),
        ("統合先「", "統合先「"),
        (
            "end に into = \"統合先の管理番号\" を書いてください",
            "統合先に管理番号を入力してください",
        ),
        (
            "の end の into（統合先）は reason = \"統合\" のときだけ書けます",
            "の統合先は、終了の理由が「統合」のときだけ入力できます",
        ),
        ("revisions の year（", "見直しの年度（"),
        ("revisions の lead「", "見直しの新しい担当部署「"),
        ("revisions の indicator「", "見直しの指標名「"),
        (
            "revisions の indicator_name（新しい指標名）",
            "見直しの新しい指標名",
        ),
        (
            "revisions に target・indicator_name があります",
            "見直しに新しい目標値・新しい指標名があります",
        ),
        (
            "revisions に見直しの内容（title・lead・indicator_name・target）",
            "見直しに内容（新しい取組項目名・新しい担当部署・新しい指標名・新しい目標値）",
        ),
        ("の baseline_year = ", "の基準値の年度 "),
        ("の comparison = ", "の目標の比較 "),
        ("direction は ", "方向は "),
        (
            "direction を消すか合わせてください",
            "方向を空欄にするか合わせてください",
        ),
    ];
    for (from, to) in lifecycle {
        m = m.replace(from, to);
    }
    for (from, to) in pairs {
        m = m.replace(from, to);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_like_a_spreadsheet() {
        assert_eq!(
            Loc::cell(S_ITEM, 6, 4, "担当部署").text(),
            "「取組項目」シート E7（担当部署）"
        );
        assert_eq!(Loc::row(S_ITEM, 6).text(), "「取組項目」シート 7行目");
        assert_eq!(Loc::sheet(S_PLAN).text(), "「計画」シート");
    }

    #[test]
    fn toml_keys_become_headings() {
        assert_eq!(
            reword("取組項目 A の指標1（x） の yearly_targets.2030 = 5 は使えません"),
            "取組項目 A の指標1（x） の 年度目標（2030年度） = 5 は使えません"
        );
        assert_eq!(
            reword("取組項目 A の担当部署「総務課」が departments にありません"),
            "取組項目 A の担当部署「総務課」が「部署」シートにありません"
        );
        assert_eq!(
            reword("取組項目 A の指標1（x） の min = 5 は max = 3 より小さくしてください"),
            "取組項目 A の指標1（x） の最小値 5 は最大値 3 より小さくしてください"
        );
        assert_eq!(
            reword("baseline_year = 2025 は計画開始年度 2024 以前にしてください"),
            "基準年度 2025 は計画開始年度 2024 以前にしてください"
        );
    }
}
