//! `gyokaku publish`: what citizens read, laid out from the same report model as the
//! committee outputs — static web pages ([`html`]), open data in CSV and JSON
//! ([`opendata`]) and a one-page A4 page for the city newsletter ([`newsletter`]).
//!
//! Nothing here computes a figure: every count, rate and state comes from
//! [`ReportModel`]; this module only chooses what to show (the published fields) and lays
//! it out.

pub mod html;
pub mod newsletter;
pub mod opendata;

use crate::fiscal_year::era_date;
use crate::merge::ItemState;
use crate::plan::{OutputSettings, PublishField, PublishSettings};
use crate::report::model::{ItemReport, ReportModel};

/// Why the publication could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The embedded PDF font could not be loaded.
    #[error(transparent)]
    Font(#[from] crate::report::pdf::fonts::FontError),
    /// A highlighted 管理番号 is not in the plan.
    #[error(
        "設定ファイルの publish.highlights にある管理番号「{0}」は計画にありません（広報誌ページに載せる取組は、plan.toml の管理番号で指定してください）"
    )]
    UnknownHighlight(String),
}

/// One file of the publication folder: its path inside the folder ('/'-separated) and
/// its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedFile {
    /// Path inside the folder ('/'-separated).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Everything the publication is made from.
pub struct Publication<'a> {
    /// The report model of the year.
    pub model: &'a ReportModel,
    /// The `[publish]` settings.
    pub settings: &'a PublishSettings,
    /// The committee PDF's file name and bytes, when it goes into the folder.
    pub committee_pdf: Option<(String, Vec<u8>)>,
}

impl Publication<'_> {
    /// Whether a field is shown.
    pub fn shows(&self, field: PublishField) -> bool {
        match field {
            PublishField::EffectAmount => {
                self.model.facts.effect_unit.is_some() && self.settings.publishes(field)
            }
            _ => self.settings.publishes(field),
        }
    }

    /// The year's publication date (令和6年7月1日), when configured.
    pub fn date(&self) -> Option<String> {
        self.settings
            .date_of(self.model.year)
            .map(|(y, m, d)| era_date(y, m, d))
    }

    /// The year's publication date as ISO 8601 (2024-07-01), when configured.
    pub fn iso_date(&self) -> Option<String> {
        self.settings
            .date_of(self.model.year)
            .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
    }

    /// The address of the published folder on the site, when configured.
    pub fn url(&self) -> Option<String> {
        self.settings.url_of(self.model.year)
    }

    /// 問合せ先.
    pub fn contact(&self) -> &str {
        self.settings.contact_or(&self.model.facts.secretariat)
    }

    /// The file name of the newsletter page.
    pub fn newsletter_name(&self) -> String {
        OutputSettings::file_name(&self.settings.newsletter, self.model.year, "")
    }

    /// The items of the newsletter page: those named in the settings, else up to `max` of
    /// the best-evaluated (scale order, then plan order).
    pub fn highlights(&self, max: usize) -> Result<Vec<&ItemReport>, PublishError> {
        let items = &self.model.items;
        if !self.settings.highlights.is_empty() {
            return self
                .settings
                .highlights
                .iter()
                .map(|code| {
                    items
                        .iter()
                        .find(|i| i.code == code.trim())
                        .ok_or_else(|| PublishError::UnknownHighlight(code.clone()))
                })
                .collect();
        }
        let rank = |i: &ItemReport| i.evaluation.as_ref().and_then(|e| e.rank);
        let mut rated: Vec<(usize, usize, &ItemReport)> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.state.has_record())
            .filter_map(|(k, i)| rank(i).map(|r| (r, k, i)))
            .collect();
        rated.sort_by_key(|(r, k, _)| (*r, *k));
        Ok(rated.into_iter().take(max).map(|(_, _, i)| i).collect())
    }
}

/// How an item stands, in words for citizens: the evaluation, or why there is none.
pub fn standing(item: &ItemReport) -> String {
    match (&item.evaluation, item.state) {
        (Some(e), s) if s.has_record() => e.text(),
        (None, s) if s.has_record() => "評価の記入なし".into(),
        _ => state_word(item.state).into(),
    }
}

/// Why an item has no record this year, in plain words.
pub fn state_word(state: ItemState) -> &'static str {
    crate::report::model::StateLabel::plain(state)
}

/// A value with its unit for display: "1,234件", "85.0%".
pub fn with_unit(value: f64, decimals: u8, unit: &str) -> String {
    format!("{}{unit}", crate::numbers::format_grouped(value, decimals))
}

/// Makes every file of the publication folder, sorted by path, and notes for the user
/// (what was left out and why).
pub fn publish(
    publication: &Publication<'_>,
) -> Result<(Vec<PublishedFile>, Vec<String>), PublishError> {
    let mut files = opendata::files(publication);
    let (newsletter, notes) = newsletter::newsletter(publication)?;
    files.push(PublishedFile {
        path: publication.newsletter_name(),
        bytes: newsletter,
    });
    if let Some((name, bytes)) = &publication.committee_pdf {
        files.push(PublishedFile {
            path: name.clone(),
            bytes: bytes.clone(),
        });
    }
    let pages = html::site(publication, &files);
    files.extend(pages);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, notes))
}
