//! Checking settings after parsing: every problem named by its key, all reported at once.

use std::collections::BTreeSet;

use super::{OutputSettings, PublishField, PublishSettings, RequiredField, Settings};

/// Control characters a settings text may not hold: all but tab and line breaks (a text
/// goes into cells, PDF, pages and open data, where they are invisible or harmful).
fn is_refused_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Every string value of the settings text that holds a control character, named by its key
/// (`report.title`, `evaluation.levels[2].label`).
pub(super) fn control_character_problems(text: &str) -> Vec<String> {
    fn walk(key: &str, value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::String(s) => {
                let found: Vec<String> = s
                    .chars()
                    .filter(|&c| is_refused_control(c))
                    .map(|c| format!("U+{:04X}", u32::from(c)))
                    .collect();
                if !found.is_empty() {
                    out.push(format!(
                        "{key} に制御文字（{}）があります。表示されない文字で、出力を壊すことがあるため、消してください（\\u で書いた文字も含みます）",
                        found.join(" ")
                    ));
                }
            }
            toml::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(&format!("{key}[{}]", i + 1), v, out);
                }
            }
            toml::Value::Table(table) => {
                for (k, v) in table {
                    let key = if key.is_empty() {
                        k.clone()
                    } else {
                        format!("{key}.{k}")
                    };
                    walk(&key, v, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(table) = toml::from_str::<toml::Table>(text) {
        walk("", &toml::Value::Table(table), &mut out);
    }
    out
}

/// Whether a key is a 西暦 fiscal year ("2023").
fn is_western_year(key: &str) -> bool {
    key.parse::<u16>().is_ok_and(|y| (1989..=2200).contains(&y))
}

/// Whether a TOML value is a date without a time.
fn is_date_only(dt: &toml::value::Datetime) -> bool {
    dt.date.is_some() && dt.time.is_none()
}

impl Settings {
    /// Every problem of the settings, in the order of the file's tables.
    pub(super) fn problems(&self) -> Vec<String> {
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
            if let Some(reason) = crate::file_name::windows_problem(&sample) {
                out.push(format!(
                    "{key}「{pattern}」から作るファイル名「{sample}」は Windows で使えません: {reason}"
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
        if super::ranked_count(levels) < 2 {
            out.push("evaluation.levels には評価を2段階以上書いてください".into());
        }
        if let Some(i) = levels.windows(2).position(|w| !w[0].ranked && w[1].ranked) {
            out.push(format!(
                "evaluation.levels[{}]「{}」は順位のある段階なので、ranked = false の段階（「{}」）より前に書いてください",
                i + 2,
                levels[i + 1].code,
                levels[i].code
            ));
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
        self.words.problems(&mut out);
        if let Some(code) = &self.publish.on_plan
            && !self
                .evaluation
                .levels
                .iter()
                .any(|l| &l.code == code && l.ranked)
        {
            out.push(format!(
                "[publish] on_plan「{code}」は順位のある評価の段階（evaluation.levels の code）にありません"
            ));
        }
        for (year, schedule) in &self.schedule {
            if !is_western_year(year) {
                out.push(format!(
                    "schedule.{year} の年度は西暦4桁にしてください（例: [schedule.2023]）"
                ));
            }
            for (key, value) in [
                ("deadline", &schedule.deadline),
                ("report_date", &schedule.report_date),
            ] {
                if let Some(dt) = value
                    && !is_date_only(dt)
                {
                    out.push(format!(
                        "schedule.{year}.{key} = {dt} は日付だけにしてください（例: 2024-04-30）"
                    ));
                }
            }
        }
        out
    }
}

impl PublishSettings {
    /// The problems of `[publish]`, added to `out`.
    fn problems(&self, out: &mut Vec<String>) {
        let year = crate::fiscal_year::FiscalYear(2023);
        let folder = OutputSettings::file_name(&self.folder, year, "");
        if folder.trim().is_empty() || folder.trim_matches('.').is_empty() {
            out.push("publish.folder（公表フォルダの名前）が空です".into());
        } else if let Some(reason) = crate::file_name::windows_problem(&folder) {
            out.push(format!(
                "publish.folder「{}」から作るフォルダ名「{folder}」は Windows で使えません: {reason}",
                self.folder
            ));
        }
        let newsletter = OutputSettings::file_name(&self.newsletter, year, "");
        if !newsletter.to_lowercase().ends_with(".pdf") || newsletter.len() <= 4 {
            out.push(format!(
                "publish.newsletter「{}」は「.pdf」で終わるファイル名にしてください",
                self.newsletter
            ));
        } else if let Some(reason) = crate::file_name::windows_problem(&newsletter) {
            out.push(format!(
                "publish.newsletter「{}」から作るファイル名「{newsletter}」は Windows で使えません: {reason}",
                self.newsletter
            ));
        }
        if let Some(problem) = self
            .base_url
            .as_deref()
            .and_then(super::publish::base_url_problem)
        {
            out.push(problem);
        }
        if let Some(url) = &self.license_url
            && !url.to_ascii_lowercase().starts_with("https://")
        {
            out.push(format!(
                "[publish] license_url「{url}」は https:// で始まるアドレスにしてください"
            ));
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
            if !is_western_year(year) {
                out.push(format!(
                    "publish.dates の年度「{year}」は西暦4桁にしてください（例: 2023 = 2024-07-01）"
                ));
            }
            if !is_date_only(dt) {
                out.push(format!(
                    "publish.dates.{year} = {dt} は日付だけにしてください（例: 2024-07-01）"
                ));
            }
        }
    }
}
