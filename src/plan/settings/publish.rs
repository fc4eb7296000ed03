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
    /// The code of the lowest evaluation level counted as "on plan" in the headline
    /// (「19項目のうち17項目が『A：…』以上」); unset = the upper half of the scale.
    pub on_plan: Option<String>,
    /// 問合せ先 printed on the pages (empty = the secretariat).
    pub contact: String,
    /// Licence of the open data (shown beside the files); empty = not stated.
    pub license: String,
    /// Address of the licence's text (https), linked from the licence's name.
    pub license_url: Option<String>,
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
            on_plan: None,
            contact: String::new(),
            license: String::new(),
            license_url: None,
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

    /// The site address of a year's folder, when configured, always ending in '/' (so
    /// the canonical links, the printed addresses and the QR code agree).
    pub fn url_of(&self, year: crate::fiscal_year::FiscalYear) -> Option<String> {
        self.base_url.as_ref().map(|u| {
            let url = u.trim().replace("{西暦}", &year.western().to_string());
            if url.ends_with('/') {
                url
            } else {
                format!("{url}/")
            }
        })
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

/// What is wrong with a `base_url`, in Japanese naming the key, or None when it is an
/// https address made only of characters that need no escaping (letters, digits,
/// `- . _ ~ / :` and `%XX`), with a host and without user name, query or fragment.
/// `{西暦}` stands for the year.
pub fn base_url_problem(url: &str) -> Option<String> {
    let example = "（例: \"https://www.city.example.lg.jp/gyokaku/{西暦}/\"）";
    let sample = url.trim().replace("{西暦}", "2023");
    let Some(rest) = sample
        .get(..8)
        .filter(|s| s.eq_ignore_ascii_case("https://"))
        .and_then(|_| sample.get(8..))
    else {
        return Some(format!(
            "[publish] base_url「{url}」は https:// で始まるアドレスにしてください{example}"
        ));
    };
    let bytes = rest.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        let b = bytes[k];
        if b == b'%' {
            let hex = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(k + 1) && hex(k + 2)) {
                return Some(format!(
                    "[publish] base_url「{url}」の「%」のあとに16進数2桁がありません{example}"
                ));
            }
            k += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~/:".contains(&b)) {
            let c = rest.get(k..).and_then(|t| t.chars().next()).unwrap_or(' ');
            return Some(format!(
                "[publish] base_url「{url}」に、アドレスにそのまま書けない文字「{c}」があります（使える文字: 英数字と - . _ ~ / :。日本語を含むアドレスは、ブラウザのアドレス欄からコピーした「%E5…」の形で書いてください。利用者名・?・# は書けません）"
            ));
        }
        k += 1;
    }
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') || !host.contains('.') {
        return Some(format!(
            "[publish] base_url「{url}」にホームページのホスト名（www.city.example.lg.jp など）がありません{example}"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_https_without_characters_that_need_escaping() {
        for ok in [
            "https://www.city.example.lg.jp/gyokaku/{西暦}/",
            "https://www.city.example.lg.jp/gyokaku",
            "HTTPS://www.city.example.lg.jp/%E8%A1%8C/",
            "https://www.city.example.lg.jp:8443/a_b-c~d.e/",
        ] {
            assert_eq!(base_url_problem(ok), None, "{ok}");
        }
        for (bad, why) in [
            ("http://www.city.example.lg.jp/", "https://"),
            ("https://www.city.example.lg.jp/\"x\"/", "「\"」"),
            ("https://www.city.example.lg.jp/<b>/", "「<」"),
            ("https://user@www.city.example.lg.jp/", "「@」"),
            ("https://www.city.example.lg.jp/行革/", "「行」"),
            ("https://www.city.example.lg.jp/a b/", "「 」"),
            ("https://www.city.example.lg.jp/?q=1", "「?」"),
            ("https://www.city.example.lg.jp/%zz/", "16進数"),
            ("https:///gyokaku/", "ホスト名"),
            ("javascript:alert(1)", "https://"),
        ] {
            let problem = base_url_problem(bad).unwrap_or_default();
            assert!(problem.contains(why), "{bad}: {problem}");
            assert!(problem.contains("[publish] base_url"), "{problem}");
        }
    }

    #[test]
    fn the_year_address_always_ends_with_a_slash() {
        let settings = |url: &str| PublishSettings {
            base_url: Some(url.into()),
            ..PublishSettings::default()
        };
        let year = crate::fiscal_year::FiscalYear(2023);
        for url in [
            "https://a.example.jp/g/{西暦}",
            "https://a.example.jp/g/{西暦}/",
        ] {
            assert_eq!(
                settings(url).url_of(year).as_deref(),
                Some("https://a.example.jp/g/2023/")
            );
        }
    }
}
