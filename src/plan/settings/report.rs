//! `[report]`, `[output]` and `[schedule]`: the names printed in the outputs, the output
//! file names and the dates of each year's cycle.

use serde::Deserialize;

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

/// Dates of one fiscal year's cycle.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct YearSchedule {
    /// 提出期限.
    #[serde(deserialize_with = "date_or_quoted_date")]
    pub deadline: Option<toml::value::Datetime>,
    /// Date printed on the committee document.
    #[serde(deserialize_with = "date_or_quoted_date")]
    pub report_date: Option<toml::value::Datetime>,
}

/// A TOML date, or the same date written in quotes ("2025-04-30"): the guide tells people to
/// edit the text between the quotes, and a date in quotes is what they then write. Any other
/// text or value is refused as before (the message asks for a date).
fn date_or_quoted_date<'de, D>(d: D) -> Result<Option<toml::value::Datetime>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::{Error, Unexpected};
    let value = toml::Value::deserialize(d)?;
    let expected = "a date (2024-04-30)";
    match value {
        toml::Value::Datetime(dt) => Ok(Some(dt)),
        toml::Value::String(text) => text
            .trim()
            .parse::<toml::value::Datetime>()
            .ok()
            .filter(|dt| dt.date.is_some() && dt.time.is_none())
            .map(Some)
            .ok_or_else(|| D::Error::invalid_value(Unexpected::Str(&text), &expected)),
        other => Err(D::Error::invalid_type(
            Unexpected::Other(other.type_str()),
            &expected,
        )),
    }
}
