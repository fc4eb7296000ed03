//! The plan master: 大綱・行動計画 with its 取組方針 and 取組項目, as read from `input/plan.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::fiscal_year::FiscalYear;

/// A whole action plan (行動計画).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// 計画の名称, e.g. 第3次伊豆の国市行財政改革大綱 後期行動計画.
    pub title: String,
    /// 自治体名, e.g. 伊豆の国市.
    pub municipality: String,
    /// First fiscal year of the plan.
    pub start_year: FiscalYear,
    /// Last fiscal year of the plan.
    pub end_year: FiscalYear,
    /// Fiscal year of the baseline values (基準年度).
    pub baseline_year: FiscalYear,
    /// Fiscal year of the target values (目標年度).
    pub target_year: FiscalYear,
    /// 基本方針 of the 大綱.
    #[serde(default)]
    pub basic_policies: Vec<String>,
    /// 新たな視点 (e.g. デジタル, SDGs).
    #[serde(default)]
    pub viewpoints: Vec<Viewpoint>,
    /// Every department (部署) of the organisation; 全部署 means all of these.
    pub departments: Vec<String>,
    /// Top-level 取組方針 with their sub-policies.
    pub pillars: Vec<Pillar>,
    /// 取組項目.
    pub items: Vec<Item>,
}

/// A 視点 of the plan (new perspective such as digital technology or SDGs).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Viewpoint {
    pub name: String,
    #[serde(default)]
    pub description: Vec<String>,
}

/// A top-level 取組方針, e.g. (1) 市民へのアプローチ.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    /// "1", "2", …
    pub id: String,
    pub name: String,
    pub policies: Vec<Policy>,
}

/// A second-level 取組方針, e.g. 1-1 わかりやすい情報提供.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// "1-1", "2-4", …
    pub id: String,
    pub name: String,
}

/// 前期計画からの区分.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Continuity {
    #[serde(rename = "継続")]
    Continued,
    #[serde(rename = "新規")]
    New,
}

impl Continuity {
    /// The Japanese label shown in outputs.
    pub fn label(self) -> &'static str {
        match self {
            Continuity::Continued => "継続",
            Continuity::New => "新規",
        }
    }
}

/// 取組部署: either every department (全部署) or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Implementers {
    /// 全部署.
    All,
    /// The named departments.
    Listed(Vec<String>),
}

impl<'de> Deserialize<'de> for Implementers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(String),
            Many(Vec<String>),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::One(s) if s == ALL_DEPARTMENTS => Implementers::All,
            Raw::One(s) => Implementers::Listed(vec![s]),
            Raw::Many(v) => Implementers::Listed(v),
        })
    }
}

impl Default for Implementers {
    fn default() -> Self {
        Implementers::Listed(Vec::new())
    }
}

/// The word that means "every department" in the plan.
pub const ALL_DEPARTMENTS: &str = "全部署";

/// A 取組項目.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// 管理番号, four digits: pillar, sub-policy, serial (1101).
    pub id: toml::Spanned<String>,
    /// The 取組方針 (second level) this item belongs to, e.g. "1-1".
    pub policy: toml::Spanned<String>,
    /// 取組項目.
    pub title: String,
    /// 前期計画: 継続 / 新規.
    pub continuity: Continuity,
    /// 担当部署 (lead department); unset in the draft for most items.
    #[serde(default)]
    pub lead: Option<String>,
    /// 取組部署.
    #[serde(default)]
    pub implementers: Implementers,
    /// True when 担当部署 / 取組部署 are invented sample values, not plan facts.
    #[serde(default)]
    pub sample_departments: bool,
    /// アウトカム（達成後の状態）.
    #[serde(default)]
    pub outcome: Option<String>,
    /// 現状・課題 (one entry per paragraph).
    #[serde(default)]
    pub situation: Vec<String>,
    /// 具体的な取組 (one entry per ➢ bullet).
    #[serde(default)]
    pub actions: Vec<String>,
    /// 指標.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

impl Item {
    /// 管理番号 as a plain string.
    pub fn code(&self) -> &str {
        self.id.get_ref()
    }

    /// The 取組方針 id ("1-1").
    pub fn policy_id(&self) -> &str {
        self.policy.get_ref()
    }
}

/// Which direction of an indicator is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 大きいほど良い.
    #[default]
    Higher,
    /// 小さいほど良い.
    Lower,
}

/// How departments' values of an indicator are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    /// The lead department's value only.
    #[default]
    Lead,
    /// The sum of the lead's and every implementing department's value.
    Sum,
}

/// An indicator (指標) of an item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: String,
    pub unit: String,
    /// 基準値 (baseline year); None = 未設定 (● in the draft).
    #[serde(default)]
    pub baseline: Option<f64>,
    /// 目標値 (target year); None = 未設定.
    #[serde(default)]
    pub target: Option<f64>,
    /// Optional yearly targets, keyed by fiscal year ("2023" = 2.0e3).
    #[serde(default)]
    pub yearly_targets: BTreeMap<String, f64>,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Decimal places shown and accepted (0 for counts, 1 for rates).
    #[serde(default)]
    pub decimals: u8,
    /// True when baseline/target are invented sample values.
    #[serde(default)]
    pub sample: bool,
}

impl Indicator {
    /// The target the plan sets for one fiscal year: its yearly target (年度目標) if any.
    pub fn yearly_target(&self, year: FiscalYear) -> Option<f64> {
        self.yearly_targets
            .get(&year.western().to_string())
            .copied()
    }
}

impl Plan {
    /// Every 取組方針 (second level) in plan order, with its pillar.
    pub fn policies(&self) -> impl Iterator<Item = (&Pillar, &Policy)> {
        self.pillars
            .iter()
            .flat_map(|p| p.policies.iter().map(move |s| (p, s)))
    }

    /// The 取組方針 with this id.
    pub fn policy(&self, id: &str) -> Option<(&Pillar, &Policy)> {
        self.policies().find(|(_, s)| s.id == id)
    }

    /// The item with this 管理番号.
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.code() == code)
    }

    /// Departments that implement an item (取組部署 resolved; the lead is excluded).
    pub fn implementers_of<'a>(&'a self, item: &'a Item) -> Vec<&'a str> {
        let lead = item.lead.as_deref();
        let names: Vec<&str> = match &item.implementers {
            Implementers::All => self.departments.iter().map(String::as_str).collect(),
            Implementers::Listed(v) => v.iter().map(String::as_str).collect(),
        };
        names.into_iter().filter(|d| Some(*d) != lead).collect()
    }

    /// 取組部署 as text: 全部署, or the implementing departments joined by 、; None when the
    /// item has none.
    pub fn implementers_label(&self, item: &Item) -> Option<String> {
        match &item.implementers {
            Implementers::All => Some(ALL_DEPARTMENTS.to_string()),
            Implementers::Listed(_) => {
                let names = self.implementers_of(item);
                (!names.is_empty()).then(|| names.join("、"))
            }
        }
    }

    /// Departments that receive a workbook: leads and implementers, in the plan's department order.
    pub fn participating_departments(&self) -> Vec<&str> {
        self.departments
            .iter()
            .map(String::as_str)
            .filter(|d| {
                self.items
                    .iter()
                    .any(|i| i.lead.as_deref() == Some(*d) || self.implementers_of(i).contains(d))
            })
            .collect()
    }

    /// Items led by a department.
    pub fn items_led_by<'a>(&'a self, dept: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items
            .iter()
            .filter(move |i| i.lead.as_deref() == Some(dept))
    }

    /// Items a department only implements (取組部署, not lead).
    pub fn items_implemented_by<'a>(
        &'a self,
        dept: &'a str,
    ) -> impl Iterator<Item = &'a Item> + 'a {
        self.items
            .iter()
            .filter(move |i| self.implementers_of(i).contains(&dept))
    }

    /// Fiscal years of the plan period, oldest first.
    pub fn years(&self) -> impl Iterator<Item = FiscalYear> + use<> {
        FiscalYear::span(self.start_year, self.end_year)
    }

    /// Whether a fiscal year lies in the plan period.
    pub fn covers(&self, year: FiscalYear) -> bool {
        (self.start_year..=self.end_year).contains(&year)
    }

    /// True when any part of the plan carries invented sample values.
    pub fn has_sample(&self) -> bool {
        self.items
            .iter()
            .any(|i| i.sample_departments || i.indicators.iter().any(|x| x.sample))
    }
}
