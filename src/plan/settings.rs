//! Report settings (`templates/report.toml`): titles, committee, output file names,
//! evaluation scale, effect amounts, schedule.
//!
//! The file must exist: no built-in default names a city, a department or a committee. The
//! names every report needs ([report] title and secretariat) are required; everything else has
//! a neutral default. A wrong value is refused with a message naming the key.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// All report settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Titles and names printed in the outputs (required).
    pub report: ReportSettings,
    /// File names of the outputs.
    #[serde(default)]
    pub output: OutputSettings,
    /// The evaluation scale, statuses and achievement formula.
    #[serde(default)]
    pub evaluation: EvaluationSettings,
    /// 効果額: collected only when this table is present.
    #[serde(default)]
    pub effect: Option<EffectSettings>,
    /// The department forms.
    #[serde(default)]
    pub template: TemplateSettings,
    /// Year-specific dates, keyed by 西暦 fiscal year ("2023").
    #[serde(default)]
    pub schedule: BTreeMap<String, YearSchedule>,
    /// The citizen publication (`gyokaku publish`).
    #[serde(default)]
    pub publish: PublishSettings,
}

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
    WorkDone,
    Issues,
    NextSteps,
    EffectAmount,
    ContributionWork,
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

    fn problems(&self, out: &mut Vec<String>) {
        let year = crate::fiscal_year::FiscalYear(2023);
        let bad_name = |s: &str| {
            s.chars()
                .any(|c| "\\/:*?\"<>|".contains(c) || c.is_control())
        };
        let folder = OutputSettings::file_name(&self.folder, year, "");
        if folder.trim().is_empty() || folder.trim_matches('.').is_empty() {
            out.push("publish.folder（公表フォルダの名前）が空です".into());
        } else if bad_name(&folder) {
            out.push(format!(
                "publish.folder「{}」にフォルダ名に使えない文字（\\ / : * ? \" < > |）があります",
                self.folder
            ));
        }
        let newsletter = OutputSettings::file_name(&self.newsletter, year, "");
        if !newsletter.to_lowercase().ends_with(".pdf") || newsletter.len() <= 4 {
            out.push(format!(
                "publish.newsletter「{}」は「.pdf」で終わるファイル名にしてください",
                self.newsletter
            ));
        } else if bad_name(&newsletter) {
            out.push(format!(
                "publish.newsletter「{}」にファイル名に使えない文字（\\ / : * ? \" < > |）があります",
                self.newsletter
            ));
        }
        if let Some(url) = &self.base_url {
            let sample = url.replace("{西暦}", "2023");
            let scheme_ok = ["https://", "http://"].iter().any(|p| {
                sample.len() > p.len()
                    && sample
                        .get(..p.len())
                        .is_some_and(|s| s.eq_ignore_ascii_case(p))
            });
            if !scheme_ok {
                out.push(format!(
                    "publish.base_url「{url}」は https:// で始まるアドレスにしてください（例: \"https://www.city.example.lg.jp/gyokaku/{{西暦}}/\"）"
                ));
            } else if !sample.chars().all(|c| c.is_ascii_graphic()) {
                out.push(format!(
                    "publish.base_url「{url}」に空白や全角文字があります。日本語を含むアドレスは、ブラウザのアドレス欄からコピーした「%E5…」の形で書いてください"
                ));
            }
        }
        for name in &self.fields {
            if PublishField::from_name(name).is_none() {
                let known: Vec<&str> = PublishField::ALL.iter().map(|f| f.name()).collect();
                out.push(format!(
                    "publish.fields の「{name}」は項目名として使えません（使える項目: {}）",
                    known.join("、")
                ));
            }
        }
        for code in &self.highlights {
            if code.trim().is_empty() {
                out.push("publish.highlights に空の管理番号があります".into());
            }
        }
        for (year, dt) in &self.dates {
            if !year
                .parse::<u16>()
                .is_ok_and(|y| (1989..=2200).contains(&y))
            {
                out.push(format!(
                    "publish.dates の年度「{year}」は西暦4桁にしてください（例: 2023 = 2024-07-01）"
                ));
            }
            if dt.date.is_none() || dt.time.is_some() {
                out.push(format!(
                    "publish.dates.{year} = {dt} は日付だけにしてください（例: 2024-07-01）"
                ));
            }
        }
    }
}

/// Titles and names printed in the outputs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Title of the reports, after the fiscal year (行財政改革 進捗状況報告).
    pub title: String,
    /// Committee the document is for; None when the report goes to no committee.
    #[serde(default)]
    pub committee: Option<String>,
    /// Who compiles and publishes the report (事務局).
    pub secretariat: String,
}

/// File names of the outputs, as patterns: {年度} = 令和5年度, {西暦} = 2023, {部署} = the
/// department (templates only).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutputSettings {
    /// The consolidated workbook.
    pub workbook: String,
    /// The committee PDF.
    pub pdf: String,
    /// A department's form.
    pub template: String,
    /// The workbook for the committee's opinions (written when a committee is set).
    pub opinions: String,
}

impl Default for OutputSettings {
    fn default() -> Self {
        OutputSettings {
            workbook: "進捗状況_{年度}.xlsx".into(),
            pdf: "進捗状況報告_{年度}.pdf".into(),
            template: "{部署}.xlsx".into(),
            opinions: "委員会意見_{年度}.xlsx".into(),
        }
    }
}

impl OutputSettings {
    /// A file name from a pattern for a year (and department); characters file systems
    /// refuse in the department's name are written full-width.
    pub fn file_name(pattern: &str, year: crate::fiscal_year::FiscalYear, dept: &str) -> String {
        let dept: String = dept
            .chars()
            .map(|c| match c {
                '\\' => '＼',
                '/' => '／',
                ':' => '：',
                '*' => '＊',
                '?' => '？',
                '"' => '”',
                '<' => '＜',
                '>' => '＞',
                '|' => '｜',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        pattern
            .replace("{年度}", &year.era_label())
            .replace("{西暦}", &year.western().to_string())
            .replace("{部署}", &dept)
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

    /// "効果額（千円）".
    pub fn label(&self) -> String {
        format!("効果額（{}）", self.unit)
    }
}

/// The evaluation scale and related rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluationSettings {
    /// Levels from best to worst.
    pub levels: Vec<Level>,
    /// Status values for each 具体的な取組.
    pub statuses: Vec<String>,
    /// 達成率 formula.
    pub achievement: AchievementFormula,
}

/// One evaluation level, e.g. A 計画どおり進んでいる.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Short code entered in the workbook (S, A, B, C).
    pub code: String,
    /// Label (計画どおり進んでいる).
    pub label: String,
    /// Guidance for choosing this level.
    #[serde(default)]
    pub meaning: String,
}

impl Level {
    /// "A：計画どおり進んでいる" (the legend of every output).
    pub fn legend(&self) -> String {
        format!("{}：{}", self.code, self.label)
    }

    /// "A：計画どおり進んでいる（計画どおりに取組が進んでいる）".
    pub fn legend_with_meaning(&self) -> String {
        format!("{}（{}）", self.legend(), self.meaning)
    }
}

/// How 達成率 is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AchievementFormula {
    /// 実績 ÷ 目標 (for lower-is-better: 目標 ÷ 実績).
    Ratio,
    /// (実績 − 基準) ÷ (目標 − 基準); works in both directions.
    Progress,
}

impl AchievementFormula {
    /// Japanese description printed beside the rates.
    pub fn description(self) -> &'static str {
        match self {
            AchievementFormula::Ratio => {
                "達成率 = 実績値 ÷ 目標値（小さいほど良い指標は 目標値 ÷ 実績値）"
            }
            AchievementFormula::Progress => "達成率 = （実績値 − 基準値）÷（目標値 − 基準値）",
        }
    }
}

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

/// Dates of one fiscal year's cycle.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct YearSchedule {
    /// 提出期限.
    pub deadline: Option<toml::value::Datetime>,
    /// Date printed on the committee document.
    pub report_date: Option<toml::value::Datetime>,
}

/// A field of a department's report that can be made required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RequiredField {
    Evaluation,
    ActionStatus,
    WorkDone,
    IndicatorValues,
    EffectAmount,
    Issues,
    NextSteps,
    ContributionWork,
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

impl Default for EvaluationSettings {
    fn default() -> Self {
        let level = |code: &str, label: &str, meaning: &str| Level {
            code: code.into(),
            label: label.into(),
            meaning: meaning.into(),
        };
        EvaluationSettings {
            levels: vec![
                level("S", "計画以上に進んでいる", "計画を上回る成果が出ている"),
                level("A", "計画どおり進んでいる", "計画どおりに取組が進んでいる"),
                level("B", "やや遅れている", "一部の取組に遅れがある"),
                level("C", "遅れている", "取組が大きく遅れている、または未着手"),
            ],
            statuses: vec!["未着手".into(), "取組中".into(), "完了".into()],
            achievement: AchievementFormula::Progress,
        }
    }
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

/// Why the settings could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("設定ファイル {} を読み込めません: {}", path.display(), crate::text::io_reason(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("設定ファイル {} の文字コードを読み取れません（UTF-8 でも Shift_JIS でもありません）。メモ帳などで開き、文字コード「UTF-8」で保存し直してください", path.display())]
    Encoding { path: PathBuf },
    #[error(
        "設定ファイル {} がありません。新しく始めるときは `gyokaku init <フォルダ>` で雛形（report.toml）を作成し、市の名称・委員会・事務局を書いてください。別のフォルダにあるときは --templates で指定してください",
        path.display()
    )]
    Missing { path: PathBuf },
    #[error("設定ファイル {path} の書式が正しくありません（{line}行目）: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("設定ファイル {path} に誤りがあります:\n{}", problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        path: PathBuf,
        problems: Vec<String>,
    },
}

impl Settings {
    /// Reads `report.toml`; a missing file is an error that says how to create one.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        Settings::load_with_notes(path).map(|(s, _)| s)
    }

    /// Reads `report.toml` like [`Settings::load`]; also returns warnings about how it was
    /// read (a file saved as Shift_JIS is read, with a warning to save it as UTF-8).
    pub fn load_with_notes(path: &Path) -> Result<(Settings, Vec<String>), SettingsError> {
        match super::load::read_regular_file(path) {
            Ok(bytes) => {
                let (text, encoding) =
                    super::load::decode_text(&bytes).ok_or_else(|| SettingsError::Encoding {
                        path: path.to_path_buf(),
                    })?;
                let notes = encoding.and_then(|e| e.warning(path)).into_iter().collect();
                Settings::parse(&text, path).map(|s| (s, notes))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(SettingsError::Missing {
                path: path.to_path_buf(),
            }),
            Err(source) => Err(SettingsError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Parses and validates settings text; `path` is used in messages only.
    pub fn parse(text: &str, path: &Path) -> Result<Settings, SettingsError> {
        let settings: Settings = toml::from_str(text).map_err(|e| {
            let (line, message) =
                super::toml_error::japanese(e.message(), text, e.span().map(|s| s.start));
            SettingsError::Syntax {
                path: path.to_path_buf(),
                line: line.unwrap_or(1),
                message,
            }
        })?;
        let problems = settings.problems();
        if problems.is_empty() {
            Ok(settings)
        } else {
            Err(SettingsError::Invalid {
                path: path.to_path_buf(),
                problems,
            })
        }
    }

    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (key, value) in [
            ("report.title", Some(&self.report.title)),
            ("report.committee", self.report.committee.as_ref()),
            ("report.secretariat", Some(&self.report.secretariat)),
            ("template.title", Some(&self.template.title)),
        ] {
            if value.is_some_and(|v| v.trim().is_empty()) {
                out.push(format!("{key} が空です"));
            }
        }
        for (key, pattern, ext) in [
            ("output.workbook", &self.output.workbook, ".xlsx"),
            ("output.pdf", &self.output.pdf, ".pdf"),
            ("output.template", &self.output.template, ".xlsx"),
            ("output.opinions", &self.output.opinions, ".xlsx"),
        ] {
            let sample =
                OutputSettings::file_name(pattern, crate::fiscal_year::FiscalYear(2023), "部署");
            if !sample.to_lowercase().ends_with(ext) || sample.len() <= ext.len() {
                out.push(format!(
                    "{key}「{pattern}」は「{ext}」で終わるファイル名にしてください"
                ));
            }
            if sample
                .chars()
                .any(|c| "\\/:*?\"<>|".contains(c) || c.is_control())
            {
                out.push(format!(
                    "{key}「{pattern}」にファイル名に使えない文字（\\ / : * ? \" < > |）があります"
                ));
            }
        }
        if !self.output.template.contains("{部署}") {
            out.push("output.template には部署名の {部署} を入れてください（部署ごとにファイルを分けるため）".into());
        }
        if let Some(effect) = &self.effect
            && effect.unit.trim().is_empty()
        {
            out.push("effect.unit（効果額の単位）が空です。効果額を集めないときは [effect] を削除してください".into());
        }
        let levels = &self.evaluation.levels;
        if levels.len() < 2 {
            out.push("evaluation.levels には評価を2段階以上書いてください".into());
        }
        let mut codes = BTreeSet::new();
        for (i, level) in levels.iter().enumerate() {
            let key = format!("evaluation.levels[{}]", i + 1);
            let code = level.code.trim();
            if code.is_empty() || code.chars().count() > 4 || code.contains(',') {
                out.push(format!(
                    "{key}.code「{}」は1〜4文字（カンマなし）にしてください",
                    level.code
                ));
            } else if !codes.insert(code) {
                out.push(format!("{key}.code「{code}」が重複しています"));
            }
            if level.label.trim().is_empty() {
                out.push(format!("{key}.label が空です"));
            }
        }
        let mut statuses = BTreeSet::new();
        if self.evaluation.statuses.is_empty() {
            out.push("evaluation.statuses が空です".into());
        }
        for (i, s) in self.evaluation.statuses.iter().enumerate() {
            if s.trim().is_empty() || s.contains(',') {
                out.push(format!(
                    "evaluation.statuses[{}]「{s}」は空やカンマを含まない文字にしてください",
                    i + 1
                ));
            } else if !statuses.insert(s.as_str()) {
                out.push(format!("evaluation.statuses「{s}」が重複しています"));
            }
        }
        let list_len = |v: &[&str]| v.iter().map(|s| s.chars().count() + 1).sum::<usize>();
        let codes: Vec<&str> = levels.iter().map(|l| l.code.as_str()).collect();
        let status_names: Vec<&str> = self
            .evaluation
            .statuses
            .iter()
            .map(String::as_str)
            .collect();
        if list_len(&codes) > 250 || list_len(&status_names) > 250 {
            out.push("evaluation の選択肢が長すぎます（Excel の入力規則は255文字まで）".into());
        }
        for name in &self.template.required {
            if RequiredField::from_name(name).is_none() {
                let known: Vec<&str> = RequiredField::ALL.iter().map(|f| f.name()).collect();
                out.push(format!(
                    "template.required の「{name}」は項目名として使えません（使える項目: {}）",
                    known.join("、")
                ));
            }
        }
        self.publish.problems(&mut out);
        for (year, schedule) in &self.schedule {
            if !year
                .parse::<u16>()
                .is_ok_and(|y| (1989..=2200).contains(&y))
            {
                out.push(format!(
                    "schedule.{year} の年度は西暦4桁にしてください（例: [schedule.2023]）"
                ));
            }
            for (key, value) in [
                ("deadline", &schedule.deadline),
                ("report_date", &schedule.report_date),
            ] {
                if let Some(dt) = value
                    && (dt.date.is_none() || dt.time.is_some())
                {
                    out.push(format!(
                        "schedule.{year}.{key} = {dt} は日付だけにしてください（例: 2024-04-30）"
                    ));
                }
            }
        }
        out
    }

    /// Whom departments contact: the configured contact, or else the secretariat.
    pub fn contact(&self) -> &str {
        if self.template.contact.trim().is_empty() {
            &self.report.secretariat
        } else {
            &self.template.contact
        }
    }

    /// The codes of the evaluation levels, best first (the dropdown's choices).
    pub fn level_codes(&self) -> Vec<String> {
        self.evaluation
            .levels
            .iter()
            .map(|l| l.code.clone())
            .collect()
    }

    /// The level with this code.
    pub fn level(&self, code: &str) -> Option<&Level> {
        self.evaluation.levels.iter().find(|l| l.code == code)
    }

    /// Whether a field is required by the settings.
    pub fn is_required(&self, field: RequiredField) -> bool {
        self.template.required.iter().any(|n| n == field.name())
    }

    /// The schedule of a fiscal year (empty when not configured).
    pub fn schedule_for(&self, year: u16) -> YearSchedule {
        self.schedule
            .get(&year.to_string())
            .cloned()
            .unwrap_or_default()
    }
}

/// A calendar date from the settings, as (year, month, day).
pub fn date_parts(dt: &toml::value::Datetime) -> Option<(u16, u8, u8)> {
    dt.date.map(|d| (d.year, d.month, d.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys every report.toml must have.
    const REQUIRED: &str = "[report]\ntitle = \"進捗状況報告\"\nsecretariat = \"企画課\"\n";

    fn parse(text: &str) -> Result<Settings, SettingsError> {
        Settings::parse(&format!("{REQUIRED}{text}"), Path::new("report.toml"))
    }

    #[test]
    fn only_the_report_names_are_required_and_nothing_names_a_city() {
        let s = parse("").unwrap();
        assert_eq!(s.evaluation.levels.len(), 4);
        assert_eq!(s.evaluation.levels[1].code, "A");
        assert_eq!(s.evaluation.statuses, ["未着手", "取組中", "完了"]);
        assert_eq!(s.evaluation.achievement, AchievementFormula::Progress);
        assert!(s.effect.is_none(), "効果額 only when configured");
        assert_eq!(s.report.committee, None);
        assert_eq!(s.contact(), "企画課", "the secretariat by default");
        assert_eq!(s.output.workbook, "進捗状況_{年度}.xlsx");

        let err = Settings::parse("", Path::new("report.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("必須の項目「report」"), "{err}");
        let err = Settings::parse("[report]\ntitle = \"x\"\n", Path::new("report.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("[report] の表に必須の項目「secretariat」"),
            "{err}"
        );

        let dir = tempfile::tempdir().unwrap();
        let err = Settings::load(&dir.path().join("report.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("gyokaku init"), "{err}");
    }

    #[test]
    fn bad_values_name_their_key() {
        let err = parse(
            "[evaluation]\nlevels = [{code = \"A\", label = \"x\"}, {code = \"A\", label = \"\"}]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("evaluation.levels[2].code「A」が重複しています"),
            "{err}"
        );
        assert!(err.contains("evaluation.levels[2].label が空です"), "{err}");

        let err = parse("[template]\nrequired = [\"評価\", \"感想\"]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("template.required の「感想」"), "{err}");

        let err = parse("[evaluation]\nachievement = \"average\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("5行目"), "{err}");
        assert!(err.contains("使える値: ratio、progress"), "{err}");

        let err = parse("[schedule.2023]\ndeadline = 2024-04-30T10:00:00\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("schedule.2023.deadline"), "{err}");

        let err = parse("[output]\nworkbook = \"集計/{年度}.xlsx\"\npdf = \"資料.txt\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("output.workbook"), "{err}");
        assert!(
            err.contains("output.pdf「資料.txt」は「.pdf」で終わる"),
            "{err}"
        );

        let err = Settings::parse(
            "[report]\ntitle = \"x\"\nsecretariat = \"y\"\ncomittee = \"x\"\n",
            Path::new("report.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("項目名「comittee」は使えません"), "{err}");
        assert!(err.contains("4行目"), "{err}");
    }

    #[test]
    fn publish_settings_default_and_validated() {
        let s = parse("").unwrap();
        assert_eq!(s.publish.folder, "公表");
        assert!(s.publish.publishes_all());
        assert_eq!(s.publish.base_url, None);
        assert_eq!(s.publish.contact_or("企画課"), "企画課");
        let s = parse(
            "[publish]\nfolder = \"web_{西暦}\"\nbase_url = \"https://example.jp/kaikaku/{西暦}/\"\nfields = [\"実施内容\", \"今後の方向性\"]\n[publish.dates]\n2023 = 2024-07-01\n",
        )
        .unwrap();
        let year = crate::fiscal_year::FiscalYear(2023);
        assert_eq!(
            s.publish.url_of(year).as_deref(),
            Some("https://example.jp/kaikaku/2023/")
        );
        assert!(s.publish.publishes(PublishField::WorkDone));
        assert!(!s.publish.publishes(PublishField::Issues));
        assert!(!s.publish.publishes_all());
        assert_eq!(s.publish.date_of(year), Some((2024, 7, 1)));
        assert_eq!(
            s.publish.date_of(crate::fiscal_year::FiscalYear(2022)),
            None
        );

        let err = parse(
            "[publish]\nfolder = \"a/b\"\nbase_url = \"www.example.jp\"\nfields = [\"感想\"]\nnewsletter = \"x.txt\"\nhighlights = [\" \"]\n[publish.dates]\n23 = 2024-07-01T09:00:00\n",
        )
        .unwrap_err()
        .to_string();
        for key in [
            "publish.folder「a/b」",
            "publish.base_url「www.example.jp」は https://",
            "publish.fields の「感想」",
            "publish.newsletter「x.txt」",
            "publish.highlights に空の管理番号",
            "publish.dates の年度「23」",
            "publish.dates.23",
        ] {
            assert!(err.contains(key), "{key}: {err}");
        }
        let err = parse("[publish]\nbase_url = \"https://例え.jp/ \"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("全角文字"), "{err}");
    }

    #[test]
    fn output_names_come_from_patterns() {
        let name = OutputSettings::file_name(
            "{西暦}_{年度}_{部署}.xlsx",
            crate::fiscal_year::FiscalYear(2023),
            "総務部/総務課",
        );
        assert_eq!(name, "2023_令和5年度_総務部／総務課.xlsx");
    }
}
