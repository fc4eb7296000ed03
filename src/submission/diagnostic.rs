//! Diagnostics: what was found wrong (or worth knowing) in the submitted files.

use std::fmt;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The value or file cannot be used (エラー).
    Error,
    /// Used, but someone should look (警告).
    Warning,
    /// Nothing wrong; for the record (情報).
    Info,
}

impl Severity {
    /// エラー / 警告 / 情報.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "エラー",
            Severity::Warning => "警告",
            Severity::Info => "情報",
        }
    }
}

/// Most characters of an offending value kept in a diagnostic.
pub const VALUE_SHOWN: usize = 200;

/// A cell's text as a message quotes it: 「text」 cut to `max` characters, or 空欄.
pub(crate) fn quoted_or_blank(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.is_empty() {
        "空欄".to_string()
    } else {
        format!("「{}」", crate::text::abbreviate(text, max))
    }
}

/// One finding, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// File name (without folder), if the finding is about a file.
    pub file: Option<String>,
    /// Sheet name.
    pub sheet: Option<String>,
    /// Cell in A1 notation.
    pub cell: Option<String>,
    /// Japanese message.
    pub message: String,
    /// The offending value as found.
    pub value: Option<String>,
    /// Department the finding concerns, when known.
    pub department: Option<String>,
}

impl Diagnostic {
    /// A finding about a whole file.
    pub fn file(severity: Severity, file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            file: Some(file.to_string()),
            sheet: None,
            cell: None,
            message: message.into(),
            value: None,
            department: None,
        }
    }

    /// A finding about a cell. The offending value is shortened to [`VALUE_SHOWN`]
    /// characters (a cell may hold more text than an output cell can).
    pub fn cell(
        severity: Severity,
        file: &str,
        sheet: &str,
        cell: String,
        message: impl Into<String>,
        value: Option<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: Some(file.to_string()),
            sheet: Some(sheet.to_string()),
            cell: Some(cell),
            message: message.into(),
            value: value.map(|v| crate::text::abbreviate(&v, VALUE_SHOWN)),
            department: None,
        }
    }

    /// A finding about a department as a whole (e.g. 未提出).
    pub fn department(severity: Severity, dept: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            file: None,
            sheet: None,
            cell: None,
            message: message.into(),
            value: None,
            department: Some(dept.to_string()),
        }
    }

    /// Where, as `file [sheet] cell`.
    pub fn location(&self) -> String {
        let mut out = self.file.clone().unwrap_or_default();
        if let Some(sheet) = &self.sheet {
            out.push_str(&format!(" [{sheet}]"));
        }
        if let Some(cell) = &self.cell {
            out.push_str(&format!(" {cell}"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.severity.label())?;
        let location = self.location();
        if !location.is_empty() {
            write!(f, "{location}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(v) = &self.value {
            write!(f, "（入力値: \"{v}\"）")?;
        }
        Ok(())
    }
}

/// Counts of diagnostics by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of notes for the record.
    pub infos: usize,
}

impl Counts {
    /// Counts a list of diagnostics.
    pub fn of<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Counts {
        let mut c = Counts::default();
        for d in diags {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_the_design() {
        let d = Diagnostic::cell(
            Severity::Error,
            "協働まちづくり課.xlsx",
            "1101",
            "D14".into(),
            "数値を入力してください",
            Some("約300".into()),
        );
        assert_eq!(
            d.to_string(),
            "エラー: 協働まちづくり課.xlsx [1101] D14: 数値を入力してください（入力値: \"約300\"）"
        );
    }
}
