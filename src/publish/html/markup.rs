//! HTML helpers every page uses: escaping, links, paragraphs, file sizes, scrolling tables
//! and the evaluation badge.

use std::fmt::Write as _;

use super::svg;
use crate::report::model::{ItemReport, ReportModel};

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a relative path for an href (folders kept, every non-ASCII byte and
/// reserved character encoded).
pub fn href(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(b));
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Text with line breaks as paragraphs.
pub fn paragraphs(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>", esc(l)))
        .collect()
}

/// "230KB" for a file size.
pub fn size_label(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!(
            "{}MB",
            crate::numbers::format_grouped(bytes as f64 / (1024.0 * 1024.0), 1)
        )
    } else {
        format!("{}KB", bytes.div_ceil(1024).max(1))
    }
}

/// A table inside a labelled region that scrolls sideways on narrow screens (reachable with
/// the keyboard), with a class on the table unless `class` is empty.
pub fn classed_table(id: &str, class: &str, caption: &str, table_body: &str) -> String {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    format!(
        "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"{id}\" tabindex=\"0\">\
         <table{class}><caption id=\"{id}\">{}</caption>{table_body}</table></div>\n",
        esc(caption)
    )
}

/// An evaluation with its coloured code and label, or how the item stands.
pub fn standing_html(model: &ReportModel, item: &ItemReport) -> String {
    let levels = model.levels.len();
    match &item.evaluation {
        Some(e) if item.state.has_record() => {
            let k = e.rank.unwrap_or(levels);
            let label = if e.label.is_empty() {
                String::new()
            } else {
                esc(&e.label)
            };
            format!(
                "<span class=\"{}\">{}</span>{label}",
                svg::level_class(k, model.ranked_levels()),
                esc(&e.code)
            )
        }
        _ => esc(&crate::publish::standing(item, &model.facts.words)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_encodes() {
        assert_eq!(esc("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(href("opendata/指標.csv"), "opendata/%E6%8C%87%E6%A8%99.csv");
        assert_eq!(href("a b#c.pdf"), "a%20b%23c.pdf");
        assert_eq!(paragraphs("一\n\n二 "), "<p>一</p><p>二</p>");
        assert_eq!(size_label(1), "1KB");
        assert_eq!(size_label(230 * 1024 + 1), "231KB");
        assert_eq!(size_label(3 * 1024 * 1024), "3.0MB");
    }
}
