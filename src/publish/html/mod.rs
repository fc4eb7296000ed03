//! The static web pages: index.html (summary, scale, chart, item list, documents and data)
//! and one page per item, sharing one style sheet. No JavaScript, no external requests,
//! relative links only; written for JIS X 8341-3:2016 level AA (WCAG 2.0 AA).
//!
//! `mod.rs` holds the frame every page shares, `markup.rs` the HTML helpers, `index.rs` the
//! index page, `item.rs` the item pages and `svg.rs` the charts.

mod index;
mod item;
mod markup;
mod period;
pub mod svg;

use std::fmt::Write as _;

pub use markup::{classed_table, esc, href, paragraphs, size_label, standing_html};

use super::{Publication, PublishedFile};
use crate::report::model::ReportModel;

/// The style sheet of every page.
pub const STYLE: &str = include_str!("style.css");
/// Its file name.
pub const STYLE_NAME: &str = "style.css";
/// The index page.
pub const INDEX: &str = "index.html";

/// The page file of every item, in plan order: `<管理番号>.html` when every code is a
/// plain ASCII name (letters, digits, - and _) and unique regardless of case, else
/// `item-<n>.html` by plan position.
pub fn item_pages(model: &ReportModel) -> Vec<String> {
    let plain = |c: &str| {
        !c.is_empty()
            && c.len() <= 40
            && c.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
    };
    let mut lower: Vec<String> = model.items.iter().map(|i| i.code.to_lowercase()).collect();
    lower.sort();
    lower.dedup();
    let unique = lower.len() == model.items.len();
    if unique && model.items.iter().all(|i| plain(&i.code)) {
        model
            .items
            .iter()
            .map(|i| format!("item-{}.html", i.code))
            .collect()
    } else {
        let width = model.items.len().to_string().len().max(2);
        (1..=model.items.len())
            .map(|n| format!("item-{n:0width$}.html"))
            .collect()
    }
}

/// The name in the header of every page: the plan's title, after the municipality's name
/// unless the title already says it.
fn site_name(model: &ReportModel) -> String {
    let facts = &model.facts;
    if facts.plan_title.contains(&facts.municipality) {
        facts.plan_title.clone()
    } else {
        format!("{} {}", facts.municipality, facts.plan_title)
    }
}

/// The frame every page shares: head, skip link, site header, optional breadcrumb, main
/// content and footer.
fn page(p: &Publication<'_>, file: &str, title: &str, crumb: Option<&str>, main: &str) -> String {
    let facts = &p.model.facts;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}｜{}</title>\n\
         <meta name=\"description\" content=\"{}\">\n\
         <link rel=\"stylesheet\" href=\"{STYLE_NAME}\">\n",
        esc(title),
        esc(&facts.municipality),
        esc(&format!(
            "{}「{}」の{}の取組状況",
            facts.municipality,
            facts.plan_title,
            p.model.year.label()
        )),
    );
    if let Some(base) = p.url() {
        let target = if file == INDEX {
            base
        } else {
            format!("{base}{}", href(file))
        };
        let _ = writeln!(out, "<link rel=\"canonical\" href=\"{}\">", esc(&target));
    }
    let _ = write!(
        out,
        "</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">本文へ移動</a>\n\
         <header class=\"site-header\"><p>{}</p></header>\n",
        esc(&site_name(p.model))
    );
    if let Some(current) = crumb {
        let _ = writeln!(
            out,
            "<nav class=\"breadcrumb\" aria-label=\"現在の位置\"><ol>\
             <li><a href=\"{INDEX}\">{}の取組状況</a></li>\
             <li><span aria-current=\"page\">{}</span></li></ol></nav>",
            esc(&p.model.year.label()),
            esc(current)
        );
    }
    let _ = write!(out, "<main id=\"main\">\n{main}</main>\n");
    out.push_str("<footer class=\"site-footer\"><div>\n");
    if let Some(date) = p.date() {
        let _ = writeln!(out, "<p>公表日: {}</p>", esc(&date));
    }
    let _ = writeln!(
        out,
        "<p>このページに関する問合せ先: {}</p>",
        esc(p.contact())
    );
    let _ = writeln!(out, "<p>作成: {}</p>", esc(&facts.secretariat));
    out.push_str("</div></footer>\n</body>\n</html>\n");
    out
}

/// ` data-url="…"`: the full address of a file of the folder as a reader would type it
/// (base_url and the path, not percent-encoded), printed after the link by the print style;
/// empty without base_url.
pub fn data_url(p: &Publication<'_>, path: &str) -> String {
    p.url()
        .map(|base| format!(" data-url=\"{}\"", esc(&format!("{base}{path}"))))
        .unwrap_or_default()
}

/// Every web page and the style sheet; `files` are the other files of the folder (their
/// sizes are printed beside the links).
pub fn site(p: &Publication<'_>, files: &[PublishedFile]) -> Vec<PublishedFile> {
    let pages = item_pages(p.model);
    let mut out = vec![
        PublishedFile {
            path: STYLE_NAME.into(),
            bytes: STYLE.as_bytes().to_vec(),
        },
        PublishedFile {
            path: INDEX.into(),
            bytes: index::index(p, files, &pages).into_bytes(),
        },
    ];
    for (k, (it, file)) in p.model.items.iter().zip(&pages).enumerate() {
        let prev = k
            .checked_sub(1)
            .and_then(|j| p.model.items.get(j).zip(pages.get(j)));
        let next = p.model.items.get(k + 1).zip(pages.get(k + 1));
        let main = item::item_main(p, it, prev, next);
        let title = format!("{} {}", it.code, it.title);
        out.push(PublishedFile {
            path: file.clone(),
            bytes: page(p, file, &title, Some(&title), &main).into_bytes(),
        });
    }
    out
}
