//! `[publish]`: the citizen publication (web pages, open data, newsletter page).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::date_parts;

/// The citizen publication: web pages, open data and the newsletter page.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PublishSettings {
    /// Folder under output/<year>/, as a pattern ({年度}, {西暦}).
    pub folder: String,
    /// Address of the published folder on the city's site ({西暦} allowed); needed for the
    /// newsletter's QR code and the pages' canonical links.
    pub base_url: Option<String>,
    /// Fields published besides the plan facts, evaluations, statuses and indicators
    /// (Japanese names, see [`PublishField`]).
    pub fields: Vec<String>,
    /// 管理番号 of the items shown on the newsletter page; empty = the best-evaluated.
    pub highlights: Vec<String>,
    /// 問合せ先 printed on the pages (empty = the secretariat).
    pub contact: String,
    /// Licence of the open data (shown beside the files); empty = not stated.
    pub license: String,
    /// File name of the newsletter page, as a pattern ({年度}, {西暦}).
    pub newsletter: String,
    /// Whether the committee PDF is put in the folder (only when every field is published).
    pub committee_pdf: bool,
    /// Publication date per 西暦 fiscal year ("2023" = 2024-07-01).
    pub dates: BTreeMap<String, toml::value::Datetime>,
}

impl Default for PublishSettings {
    fn default() -> Self {
        PublishSettings {
            folder: "公表".into(),
            base_url: None,
            fields: PublishField::ALL
                .iter()
                .map(|f| f.name().to_string())
                .collect(),
            highlights: Vec::new(),
            contact: String::new(),
            license: String::new(),
            newsletter: "広報誌用_{年度}.pdf".into(),
            committee_pdf: true,
            dates: BTreeMap::new(),
        }
    }
}

/// A field that a city may keep internal when publishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PublishField {
    /// 実施内容.
    WorkDone,
    /// 課題.
    Issues,
    /// 今後の方向性.
    NextSteps,
    /// 効果額.
    EffectAmount,
    /// 取組部署の実施内容 (the implementing departments' work).
    ContributionWork,
    /// 委員会意見 (the committee's opinions and the responses).
    CommitteeOpinions,
}

impl PublishField {
    /// Every field that can be left out.
    pub const ALL: [PublishField; 6] = [
        PublishField::WorkDone,
        PublishField::Issues,
        PublishField::NextSteps,
        PublishField::EffectAmount,
        PublishField::ContributionWork,
        PublishField::CommitteeOpinions,
    ];

    /// The Japanese name used in report.toml.
    pub fn name(self) -> &'static str {
        match self {
            PublishField::WorkDone => "実施内容",
            PublishField::Issues => "課題",
            PublishField::NextSteps => "今後の方向性",
            PublishField::EffectAmount => "効果額",
            PublishField::ContributionWork => "取組部署の実施内容",
            PublishField::CommitteeOpinions => "委員会意見",
        }
    }

    /// The field with this Japanese name.
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == s)
    }
}

impl PublishSettings {
    /// Whether a field is published.
    pub fn publishes(&self, field: PublishField) -> bool {
        self.fields.iter().any(|n| n == field.name())
    }

    /// Whether every field is published.
    pub fn publishes_all(&self) -> bool {
        PublishField::ALL.iter().all(|f| self.publishes(*f))
    }

    /// The site address of a year's folder, when configured.
    pub fn url_of(&self, year: crate::fiscal_year::FiscalYear) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|u| u.replace("{西暦}", &year.western().to_string()))
    }

    /// The publication date of a year (year, month, day), when configured.
    pub fn date_of(&self, year: crate::fiscal_year::FiscalYear) -> Option<(u16, u8, u8)> {
        self.dates
            .get(&year.western().to_string())
            .and_then(date_parts)
    }

    /// The secretariat's contact as printed on the pages.
    pub fn contact_or<'a>(&'a self, secretariat: &'a str) -> &'a str {
        if self.contact.trim().is_empty() {
            secretariat
        } else {
            &self.contact
        }
    }
}
