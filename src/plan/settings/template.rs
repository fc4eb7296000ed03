//! `[template]` and `[effect]`: what the department forms show and ask for.

use serde::Deserialize;

/// Settings of the department workbooks.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TemplateSettings {
    /// Title of the forms, after the fiscal year (行財政改革 取組状況報告).
    pub title: String,
    /// 問合せ先 shown in the workbook; empty = the secretariat.
    pub contact: String,
    /// Sheet protection password; empty = protected without password.
    pub password: String,
    /// Fields that must be filled (Japanese field names, see [`RequiredField`]).
    pub required: Vec<String>,
}

impl Default for TemplateSettings {
    fn default() -> Self {
        TemplateSettings {
            title: "取組状況報告".into(),
            contact: String::new(),
            password: String::new(),
            required: vec!["評価".into(), "取組状況".into(), "実施内容".into()],
        }
    }
}

/// A field of a department's report that can be made required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RequiredField {
    /// 評価.
    Evaluation,
    /// 取組状況 (the status of each 具体的な取組).
    ActionStatus,
    /// 実施内容.
    WorkDone,
    /// 指標実績.
    IndicatorValues,
    /// 効果額.
    EffectAmount,
    /// 課題.
    Issues,
    /// 今後の方向性.
    NextSteps,
    /// 取組部署の実施内容 (on the contribution sheets).
    ContributionWork,
    /// 委員会意見への対応 (where the committee gave an opinion).
    CommitteeResponse,
}

impl RequiredField {
    /// Every field, in sheet order.
    pub const ALL: [RequiredField; 9] = [
        RequiredField::Evaluation,
        RequiredField::ActionStatus,
        RequiredField::WorkDone,
        RequiredField::IndicatorValues,
        RequiredField::EffectAmount,
        RequiredField::Issues,
        RequiredField::NextSteps,
        RequiredField::ContributionWork,
        RequiredField::CommitteeResponse,
    ];

    /// The Japanese name used in report.toml and messages.
    pub fn name(self) -> &'static str {
        match self {
            RequiredField::Evaluation => "評価",
            RequiredField::ActionStatus => "取組状況",
            RequiredField::WorkDone => "実施内容",
            RequiredField::IndicatorValues => "指標実績",
            RequiredField::EffectAmount => "効果額",
            RequiredField::Issues => "課題",
            RequiredField::NextSteps => "今後の方向性",
            RequiredField::ContributionWork => "取組部署の実施内容",
            RequiredField::CommitteeResponse => "委員会意見への対応",
        }
    }

    /// The field with this Japanese name.
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == s)
    }
}

/// 効果額 (effect amounts): collected from the lead departments when present.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EffectSettings {
    /// Unit of the amounts (千円, 円).
    pub unit: String,
    /// What the amount is, shown beside the input.
    #[serde(default = "EffectSettings::default_description")]
    pub description: String,
}

impl EffectSettings {
    fn default_description() -> String {
        "取組による経費の削減額・増収額（該当する場合のみ）".into()
    }
}
