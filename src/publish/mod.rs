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
use crate::plan::{OutputSettings, PublishField, PublishSettings, Words};
use crate::report::model::{ItemReport, ReportModel};

/// Why the publication could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The embedded PDF font could not be loaded.
    #[error(transparent)]
    Font(#[from] crate::report::pdf::fonts::FontError),
    /// A highlighted 管理番号 is not in the plan.
    #[error(
        "設定ファイルの publish.highlights にある{word}「{code}」は計画にありません（広報誌ページに載せる取組は、plan.toml の{word}で指定してください）"
    )]
    UnknownHighlight {
        /// The code as written in the settings.
        code: String,
        /// The city's word for a code (管理番号).
        word: String,
    },
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
    /// The city's words for the parts and roles of its plan (`[words]`), in every text.
    pub words: &'a Words,
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

    /// The items of the newsletter page: those named in the settings, else up to `max`
    /// items: the best-evaluated and, so that the page is not selective, the items behind
    /// (the lowest-rated first), about half each, alternating (best first); plan order
    /// within each group.
    pub fn highlights(&self, max: usize) -> Result<Vec<&ItemReport>, PublishError> {
        let items = &self.model.items;
        if !self.settings.highlights.is_empty() {
            return self
                .settings
                .highlights
                .iter()
                .map(|code| {
                    items.iter().find(|i| i.code == code.trim()).ok_or_else(|| {
                        PublishError::UnknownHighlight {
                            code: code.clone(),
                            word: self.words.code.clone(),
                        }
                    })
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
        let on_track = self.on_track_levels();
        let mut behind: Vec<(usize, usize, &ItemReport)> = rated
            .iter()
            .copied()
            .filter(|(r, _, _)| *r >= on_track)
            .collect();
        behind.sort_by_key(|(r, k, _)| (std::cmp::Reverse(*r), *k));
        rated.sort_by_key(|(r, k, _)| (*r, *k));
        let best: Vec<&ItemReport> = rated
            .iter()
            .filter(|(r, _, _)| *r < on_track)
            .map(|(_, _, i)| *i)
            .collect();
        let behind: Vec<&ItemReport> = behind.into_iter().map(|(_, _, i)| i).collect();
        let from_behind = if best.is_empty() {
            behind.len().min(max)
        } else {
            behind.len().min(max / 2)
        };
        let from_best = best.len().min(max - from_behind);
        // Alternating, so that a page with room for fewer still shows both kinds.
        let mut best = best.into_iter().take(from_best);
        let mut behind = behind.into_iter().take(max - from_best);
        let mut out = Vec::new();
        loop {
            let (a, b) = (best.next(), behind.next());
            if a.is_none() && b.is_none() {
                break;
            }
            out.extend(a);
            out.extend(b);
        }
        Ok(out)
    }
}

/// The result of the year in one sentence and the figures behind it (index page and
/// newsletter): how many items are on plan or better, which are behind, and the 効果額 of
/// the year and of the period so far.
///
/// "On plan or better" are the levels down to `[publish] on_plan`, else the upper half of
/// the city's scale (`levels / 2`, at least one: S and A of S/A/B/C); "behind" are the
/// items rated below them.
pub struct Headline<'m> {
    /// Items of the plan, less those rated outside the ranking (対象外).
    pub total: usize,
    /// Items rated on plan or better.
    pub on_track: usize,
    /// The lowest level counted as on plan ("A：計画どおり進んでいる").
    pub threshold: String,
    /// Items rated below the threshold, in plan order.
    pub behind: Vec<&'m ItemReport>,
    /// Items without an evaluation this year.
    pub unrated: usize,
    /// 効果額 of the year (all items), when effects are published and any was reported.
    pub year_effect: Option<f64>,
    /// 効果額 summed over every year so far, with whether the whole period is covered.
    pub period_effect: Option<(f64, bool)>,
    /// The city's word for 効果額.
    pub effect_word: &'m str,
}

impl Publication<'_> {
    /// How many of the scale's levels count as on plan or better: down to
    /// `[publish] on_plan`, else the upper half of the scale (at least one).
    pub fn on_track_levels(&self) -> usize {
        self.settings
            .on_plan
            .as_ref()
            .and_then(|code| self.model.levels.iter().position(|l| &l.code == code))
            .map_or((self.model.ranked_levels() / 2).max(1), |k| k + 1)
    }

    /// The headline figures of the year.
    pub fn headline(&self) -> Headline<'_> {
        let model = self.model;
        let k = self.on_track_levels();
        let rank = |i: &ItemReport| {
            i.evaluation
                .as_ref()
                .filter(|_| i.state.has_record())
                .and_then(|e| model.levels.iter().position(|l| l.code == e.code))
        };
        // Items rated with a level outside the ranking (対象外) are neither on plan, behind
        // nor unrated: they leave the headline's count.
        let unranked = |i: &&ItemReport| {
            rank(i).is_some_and(|r| model.levels.get(r).is_some_and(|l| !l.ranked))
        };
        let excluded = model.items.iter().filter(unranked).count();
        let on_track = model
            .items
            .iter()
            .filter(|i| !unranked(i) && rank(i).is_some_and(|r| r < k))
            .count();
        let behind: Vec<&ItemReport> = model
            .items
            .iter()
            .filter(|i| !unranked(i) && rank(i).is_some_and(|r| r >= k))
            .collect();
        let unrated = model.items.iter().filter(|i| rank(i).is_none()).count();
        let effects = self.shows(PublishField::EffectAmount) && !model.effects.is_empty();
        let year_effect = effects
            .then(|| {
                let at = model.effects.years.iter().position(|y| *y == model.year)?;
                model.effects.totals.get(at).copied()
            })
            .flatten();
        let period_effect = effects.then(|| match &model.period {
            Some(period) => (period.effect, true),
            None => (model.effects.grand_total(), false),
        });
        Headline {
            total: model.items.len() - excluded,
            on_track,
            threshold: model
                .levels
                .get(k - 1)
                .map(|l| l.legend())
                .unwrap_or_default(),
            behind,
            unrated,
            year_effect,
            period_effect,
            effect_word: &self.words.effect,
        }
    }
}

impl Headline<'_> {
    /// 「19項目のうち17項目が「A：計画どおり進んでいる」以上の評価でした。」
    pub fn sentence(&self, year: &str) -> String {
        format!(
            "{year}は、{}項目のうち{}項目が「{}」以上の評価でした。",
            self.total, self.on_track, self.threshold
        )
    }

    /// 「遅れのある取組は2項目、評価のない取組は1項目です。」 (empty when neither).
    pub fn behind_sentence(&self) -> String {
        let mut parts = Vec::new();
        if !self.behind.is_empty() {
            parts.push(format!("これより低い評価の取組は{}項目", self.behind.len()));
        }
        if self.unrated > 0 {
            parts.push(format!("評価のない取組は{}項目", self.unrated));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("{}です。", parts.join("、"))
        }
    }

    /// 「令和5年度の効果額は38,000千円、計画期間（令和4年度から）の累計は72,000千円です。」
    pub fn effect_sentence(&self, model: &ReportModel) -> Option<String> {
        let unit = model.facts.effect_unit.as_deref()?;
        let (period, whole) = self.period_effect?;
        let year = model.year.label();
        let first = model.facts.period.0.label();
        let span = if whole {
            format!(
                "計画期間（{first}〜{}）の合計",
                model.facts.period.1.label()
            )
        } else {
            format!("計画期間の{first}からの累計")
        };
        let effect = self.effect_word;
        let this = self.year_effect.map_or_else(
            || format!("{year}の{effect}の報告はなく、"),
            |v| format!("{year}の{effect}は{}、", with_unit(v, 0, unit)),
        );
        Some(format!(
            "{this}{span}は{}です。",
            with_unit(period, 0, unit)
        ))
    }
}

/// How an item stands, in words for citizens: the evaluation, or why there is none.
pub fn standing(item: &ItemReport, words: &Words) -> String {
    match (&item.evaluation, item.state) {
        (Some(e), s) if s.has_record() => e.text(),
        (None, s) if s.has_record() => "評価の記入なし".into(),
        _ => state_word(item.state, words).into_owned(),
    }
}

/// Why an item has no record this year, in plain words (in the city's words: 「所管課未設定」).
pub fn state_word(state: ItemState, words: &Words) -> std::borrow::Cow<'static, str> {
    crate::report::model::StateLabel::plain_in(state, words)
}

/// A value with its unit for display: "1,234件", "85.0%".
pub fn with_unit(value: f64, decimals: u8, unit: &str) -> String {
    format!("{}{unit}", crate::numbers::format_grouped(value, decimals))
}

/// Why the newsletter page was not made (the pages and data are made without it).
pub const NO_BASE_URL: &str = "広報誌用 PDF は作成しませんでした。市民が紙面のアドレスと QR コードからこのページを開けるよう、templates/report.toml の [publish] base_url に公表フォルダを置くホームページのアドレス（https:// で始まるもの）を書いてから、もう一度 publish を実行してください（ホームページとオープンデータは作成しました）";

/// Makes every file of the publication folder, sorted by path, and notes for the user
/// (what was left out and why).
pub fn publish(
    publication: &Publication<'_>,
) -> Result<(Vec<PublishedFile>, Vec<String>), PublishError> {
    let mut files = opendata::files(publication);
    let mut notes = Vec::new();
    // The newsletter is printed for citizens: without the site's address it would carry
    // neither address nor QR code, so it is not made at all (the pages and data are).
    if publication.url().is_some() {
        let (newsletter, more) = newsletter::newsletter(publication)?;
        notes.extend(more);
        files.push(PublishedFile {
            path: publication.newsletter_name(),
            bytes: newsletter,
        });
    } else {
        notes.push(NO_BASE_URL.to_string());
    }
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
