//! The plan master: 大綱・行動計画 with its 取組方針 and 取組項目, as read from `input/plan.toml`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::fiscal_year::FiscalYear;

/// A whole action plan (行動計画).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// 計画の名称.
    pub title: String,
    /// 自治体名.
    pub municipality: String,
    /// 全国地方公共団体コード (6 digits with the check digit), for open data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality_code: Option<String>,
    /// First fiscal year of the plan.
    pub start_year: FiscalYear,
    /// Last fiscal year of the plan.
    pub end_year: FiscalYear,
    /// Fiscal year of the baseline values (基準年度).
    pub baseline_year: FiscalYear,
    /// Fiscal year of the target values (目標年度).
    pub target_year: FiscalYear,
    /// The first year reported with this program when the plan was taken up in mid-period:
    /// earlier years are outside the comparisons (else: the first year with submissions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_reported_year: Option<FiscalYear>,
    /// 基本方針 of the 大綱.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basic_policies: Vec<String>,
    /// 新たな視点 (e.g. デジタル, SDGs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub viewpoints: Vec<Viewpoint>,
    /// Every department (部署) of the organisation; 全部署 means all of these.
    pub departments: Vec<String>,
    /// Earlier names of departments (組織改編): department → the names it had before. Files of
    /// past years made under an earlier name are read as the department's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub former_names: BTreeMap<String, Vec<String>>,
    /// Top-level 取組方針 (柱), each with second-level 取組方針 or none.
    pub pillars: Vec<Pillar>,
    /// 取組項目.
    pub items: Vec<Item>,
    /// In a plan made by [`Plan::as_of`]: the items that ended before its year, with their
    /// notes (kept for the summary of the period); not part of plan.toml.
    #[serde(skip)]
    pub ended: Vec<Item>,
}

/// A 視点 of the plan (new perspective such as digital technology or SDGs).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Viewpoint {
    /// The viewpoint's name.
    pub name: String,
    /// Its explanation, one entry per paragraph.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub description: Vec<String>,
}

/// A top-level 取組方針 (柱), e.g. (1) 市民へのアプローチ.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    /// Its number as the plan writes it: "(1)", "第1章", "A" … (any unique text).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Second-level 取組方針; empty when items belong to the pillar directly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
}

/// A second-level 取組方針, e.g. 1-1 わかりやすい情報提供.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Its number as the plan writes it: "1-1", "(ア)" … (any unique text).
    pub id: String,
    /// Its name.
    pub name: String,
}

/// The 取組方針 an item belongs to: a second-level policy, or a pillar without policies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group<'a> {
    /// The pillar (top level).
    pub pillar: &'a Pillar,
    /// The second-level policy; None when the item belongs to the pillar directly.
    pub policy: Option<&'a Policy>,
}

impl Group<'_> {
    /// The group's id (the policy's, or the pillar's).
    pub fn id(&self) -> &str {
        self.policy.map_or(&self.pillar.id, |p| &p.id)
    }

    /// The group's name.
    pub fn name(&self) -> &str {
        self.policy.map_or(&self.pillar.name, |p| &p.name)
    }

    /// "1-1 わかりやすい情報提供".
    pub fn label(&self) -> String {
        format!("{} {}", self.id(), self.name())
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

impl Serialize for Implementers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Implementers::All => s.serialize_str(ALL_DEPARTMENTS),
            Implementers::Listed(v) => v.serialize(s),
        }
    }
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// 管理番号: any unique text ("1101", "12", "No.12", "1-(1)-①", "A-01").
    pub id: toml::Spanned<String>,
    /// The 取組方針 the item belongs to: a second-level policy id ("1-1"), or the id of a
    /// pillar without policies.
    pub policy: toml::Spanned<String>,
    /// 取組項目.
    pub title: String,
    /// 前期計画 (継続 / 新規 / 拡充 / 統合 …), free text; many plans have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuity: Option<String>,
    /// 担当部署 (lead department); unset in the draft for most items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// 取組部署.
    #[serde(default, skip_serializing_if = "Implementers::is_empty")]
    pub implementers: Implementers,
    /// True when 担当部署 / 取組部署 are invented sample values, not plan facts.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sample_departments: bool,
    /// アウトカム（達成後の状態）.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// 現状・課題 (one entry per paragraph).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub situation: Vec<String>,
    /// 具体的な取組 (one entry per ➢ bullet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    /// 指標.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// The first fiscal year the item is reported (an item added in mid-period); None = from
    /// the plan's first year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<FiscalYear>,
    /// How and when the item ended (完了・廃止・統合); None = to the plan's last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<super::lifecycle::ItemEnd>,
    /// Revisions made in a year (見直し of the title, 担当部署 or a target).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<super::lifecycle::Revision>,
    /// What happened to the item up to the year of a plan made by [`Plan::as_of`]
    /// (「令和6年度に追加」…); not part of plan.toml.
    #[serde(skip)]
    pub notes: Vec<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Implementers {
    /// True for an empty list (no 取組部署).
    pub fn is_empty(&self) -> bool {
        matches!(self, Implementers::Listed(v) if v.is_empty())
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 大きいほど良い.
    #[default]
    Higher,
    /// 小さいほど良い.
    Lower,
}

/// How departments' values of an indicator are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    /// The lead department's value only.
    #[default]
    Lead,
    /// The sum of the lead's and every implementing department's value.
    Sum,
}

/// An indicator (指標) of an item.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 指標名.
    pub name: String,
    /// 単位 (件, 人, %).
    pub unit: String,
    /// 基準値 (baseline year); None = 未設定 (● in the draft).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// 目標値 (target year); None = 未設定.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Optional yearly targets, keyed by fiscal year ("2023" = 2.0e3).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub yearly_targets: BTreeMap<String, f64>,
    /// Which direction is an improvement, when written; use [`Indicator::direction`] (a
    /// comparison implies it; 大きいほど良い otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The fiscal year of this indicator's baseline (基準値の年度); None = the plan's
    /// `baseline_year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_year: Option<FiscalYear>,
    /// How the target is met (以上・以下・未満・超); None = a point target, judged by 達成率 only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    /// The first fiscal year the indicator is reported (an indicator added in mid-period;
    /// listed after the item's earlier indicators); None = from the item's first year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<FiscalYear>,
    /// How departments' values are combined.
    #[serde(default, skip_serializing_if = "Aggregation::is_default")]
    pub aggregation: Aggregation,
    /// Decimal places shown and accepted (0 for counts, 1 for rates).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub decimals: u8,
    /// The smallest value a department may report (0 when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// The largest value a department may report (no limit when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// True when baseline/target are invented sample values.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sample: bool,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// How an indicator's target is met: the value compared with the target (目標値 96 未満).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Comparison {
    /// 目標値以上 (≥).
    #[serde(rename = "以上")]
    AtLeast,
    /// 目標値以下 (≤).
    #[serde(rename = "以下")]
    AtMost,
    /// 目標値未満 (<).
    #[serde(rename = "未満")]
    Below,
    /// 目標値超 (>).
    #[serde(rename = "超")]
    Above,
}

impl Comparison {
    /// The word written after the target: 以上 / 以下 / 未満 / 超.
    pub fn label(self) -> &'static str {
        match self {
            Comparison::AtLeast => "以上",
            Comparison::AtMost => "以下",
            Comparison::Below => "未満",
            Comparison::Above => "超",
        }
    }

    /// The direction of improvement the comparison implies (以上・超: larger is better).
    pub fn direction(self) -> Direction {
        match self {
            Comparison::AtLeast | Comparison::Above => Direction::Higher,
            Comparison::AtMost | Comparison::Below => Direction::Lower,
        }
    }

    /// Whether a value meets a target: strict for 未満・超, inclusive for 以上・以下.
    ///
    /// ```
    /// use gyokaku::plan::Comparison;
    /// assert!(!Comparison::Below.met(96.0, 96.0));
    /// assert!(Comparison::AtMost.met(0.0, 0.0));
    /// ```
    pub fn met(self, value: f64, target: f64) -> bool {
        match self {
            Comparison::AtLeast => value >= target,
            Comparison::AtMost => value <= target,
            Comparison::Below => value < target,
            Comparison::Above => value > target,
        }
    }
}

impl Aggregation {
    fn is_default(&self) -> bool {
        *self == Aggregation::default()
    }
}

impl Indicator {
    /// Which direction is an improvement: as written, else as the comparison implies, else
    /// 大きいほど良い.
    pub fn direction(&self) -> Direction {
        self.direction
            .or(self.comparison.map(Comparison::direction))
            .unwrap_or_default()
    }

    /// Problems of the indicator's baseline year and comparison, in Japanese, each starting
    /// with `label` (取組項目 1101 の指標1（…）).
    pub fn comparison_problems(&self, plan: &Plan, label: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(y) = self.baseline_year
            && y > plan.start_year
        {
            out.push(format!(
                "{label} の baseline_year = {} は計画開始年度 {} 以前にしてください",
                y.western(),
                plan.start_year.western()
            ));
        }
        if let (Some(c), Some(d)) = (self.comparison, self.direction)
            && c.direction() != d
        {
            let words = |d: Direction| match d {
                Direction::Higher => "大きいほど良い（higher）",
                Direction::Lower => "小さいほど良い（lower）",
            };
            out.push(format!(
                "{label} の comparison = \"{}\" は {} の目標ですが、direction は {} です。direction を消すか合わせてください",
                c.label(),
                words(c.direction()),
                words(d)
            ));
        }
        out
    }

    /// The fiscal year of the baseline: the indicator's own, else the plan's.
    pub fn baseline_year_or(&self, plan_baseline: FiscalYear) -> FiscalYear {
        self.baseline_year.unwrap_or(plan_baseline)
    }

    /// The target the plan sets for one fiscal year: its yearly target (年度目標) if any.
    pub fn yearly_target(&self, year: FiscalYear) -> Option<f64> {
        self.yearly_targets
            .get(&year.western().to_string())
            .copied()
    }

    /// The smallest value a department may report (0 unless the plan says otherwise).
    pub fn lower_bound(&self) -> f64 {
        self.min.unwrap_or(0.0)
    }
}

impl Plan {
    /// Every group items can belong to, in plan order: each second-level policy, and each
    /// pillar without policies.
    pub fn groups(&self) -> impl Iterator<Item = Group<'_>> {
        self.pillars.iter().flat_map(|pillar| {
            let groups: Vec<Group<'_>> = if pillar.policies.is_empty() {
                vec![Group {
                    pillar,
                    policy: None,
                }]
            } else {
                pillar
                    .policies
                    .iter()
                    .map(|p| Group {
                        pillar,
                        policy: Some(p),
                    })
                    .collect()
            };
            groups
        })
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<Group<'_>> {
        self.groups().find(|g| g.id() == id)
    }

    /// The group an item belongs to.
    pub fn group_of(&self, item: &Item) -> Option<Group<'_>> {
        self.group(item.policy_id())
    }

    /// "1-1 わかりやすい情報提供" for an item's group (the id alone when unknown).
    pub fn group_label(&self, item: &Item) -> String {
        self.group_of(item)
            .map_or_else(|| item.policy_id().to_string(), |g| g.label())
    }

    /// Whether any item carries a 前期計画 attribute (its row and column appear only then).
    pub fn has_continuity(&self) -> bool {
        self.items.iter().any(|i| i.continuity.is_some())
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

    /// The same plan with departments renamed (`renames`: today's name → the name to use),
    /// everywhere a department is named: the department list, 担当部署 and 取組部署. Used to
    /// read a past year's forms, made while a department had an earlier name.
    pub fn with_renamed_departments(&self, renames: &BTreeMap<String, String>) -> Plan {
        let rename = |d: &String| renames.get(d).cloned().unwrap_or_else(|| d.clone());
        let mut plan = self.clone();
        plan.departments = self.departments.iter().map(rename).collect();
        for item in &mut plan.items {
            item.lead = item.lead.as_ref().map(rename);
            if let Implementers::Listed(names) = &mut item.implementers {
                *names = names.iter().map(rename).collect();
            }
        }
        plan
    }

    /// The department of today's plan that had `name` before (its `former_names` entry).
    pub fn department_formerly(&self, name: &str) -> Option<&str> {
        self.former_names
            .iter()
            .find(|(d, old)| old.iter().any(|o| o == name) && self.departments.contains(d))
            .map(|(d, _)| d.as_str())
    }

    /// True when any part of the plan carries invented sample values.
    pub fn has_sample(&self) -> bool {
        self.items
            .iter()
            .any(|i| i.sample_departments || i.indicators.iter().any(|x| x.sample))
    }
}
