//! The committee document (委員会資料): cover, contents, summary, item list, one section per
//! item and the effect amounts, laid out from the report model twice so the contents carry
//! the real page numbers.

mod cycle;
mod item;
mod overview;

use super::fonts::FontError;
use super::layout::{
    ACCENT, ALERT, Align, Cell, Doc, LABEL_FILL, LinkTarget, MARGIN_X, PAGE_W, Style,
};
use crate::plan::Words;
use crate::report::model::{ItemReport, ReportModel};

/// Lays the document out (twice, for the contents' page numbers) and returns the PDF bytes.
pub fn committee_pdf(model: &ReportModel) -> Result<Vec<u8>, FontError> {
    let outline = Outline::of(model);
    let first = render(model, &outline, None)?;
    let pages: Vec<usize> = first.toc.iter().map(|e| e.page).collect();
    let second = render(model, &outline, Some(&pages))?;
    Ok(second.finish())
}

/// A top-level section of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Overview,
    ItemList,
    Responses,
    Items,
    Effects,
    Period,
    Opinions,
}

impl Section {
    /// The section's title; 効果額 in the city's words.
    fn name(self, words: &Words) -> &str {
        match self {
            Section::Overview => "進捗状況の概要",
            Section::ItemList => "取組一覧",
            Section::Responses => "前年度の委員会意見への対応",
            Section::Items => "個別取組",
            Section::Effects => &words.effect,
            Section::Period => "計画期間の総括",
            Section::Opinions => "委員会の意見",
        }
    }
}

/// The headings of the document: the one source of both the contents and the section
/// headings, so the first layout pass reserves exactly the contents the second prints.
/// Sections the year has nothing for are left out and the rest numbered in order.
struct Outline {
    sections: Vec<(Section, String)>,
    item_headings: Vec<String>,
}

impl Outline {
    fn of(model: &ReportModel) -> Outline {
        let present = [
            (Section::Overview, true),
            (Section::ItemList, true),
            (Section::Responses, model.shows_previous_opinions()),
            (Section::Items, true),
            (Section::Effects, !model.effects.is_empty()),
            (Section::Period, model.period.is_some()),
            (Section::Opinions, model.committee.is_some()),
        ];
        let sections = present
            .into_iter()
            .filter(|(_, shown)| *shown)
            .enumerate()
            .map(|(n, (section, _))| {
                let name = section.name(&model.facts.words);
                (section, format!("{} {name}", n + 1))
            })
            .collect();
        Outline {
            sections,
            item_headings: model.items.iter().map(item_heading).collect(),
        }
    }

    /// Contents entries (level, title) in document order.
    fn entries(&self) -> Vec<(u8, &str)> {
        let mut out = Vec::new();
        for (section, title) in &self.sections {
            out.push((1, title.as_str()));
            if *section == Section::Items {
                out.extend(self.item_headings.iter().map(|h| (2, h.as_str())));
            }
        }
        out
    }
}

fn item_heading(item: &ItemReport) -> String {
    format!("{} {}", item.code, item.title)
}

fn render(
    model: &ReportModel,
    outline: &Outline,
    pages: Option<&[usize]>,
) -> Result<Doc, FontError> {
    let facts = &model.facts;
    let title = format!(
        "{} {} {}",
        facts.plan_title,
        model.year.label(),
        facts.report_title
    );
    let mut doc = if pages.is_some() {
        Doc::new(&title)?
    } else {
        Doc::measuring(&title)?
    };
    doc.running_header = format!("{} {}", model.year.label(), facts.report_title);
    doc.meta.author = facts.secretariat.clone();
    doc.meta.date = facts.report_day;
    cover(&mut doc, model);
    contents(&mut doc, outline, pages);
    for (section, heading) in &outline.sections {
        match section {
            Section::Overview => overview::overview(&mut doc, model, heading),
            Section::ItemList => overview::item_list(&mut doc, model, heading),
            Section::Responses => cycle::responses(&mut doc, model, heading),
            Section::Items => {
                doc.heading(1, heading, true, 0.0);
                for (n, (item, title)) in model.items.iter().zip(&outline.item_headings).enumerate()
                {
                    if n > 0 {
                        doc.new_page();
                    }
                    item::section(&mut doc, model, item, title);
                }
            }
            Section::Effects => overview::effects(&mut doc, model, heading),
            Section::Period => cycle::period(&mut doc, model, heading),
            Section::Opinions => cycle::opinions(&mut doc, model, heading),
        }
    }
    Ok(doc)
}

fn cover(doc: &mut Doc, model: &ReportModel) {
    let w = doc.body_width();
    let facts = &model.facts;
    doc.set_cursor(210.0);
    for line in doc.wrap(&facts.plan_title, Style::BOLD.sized(20.0), w) {
        centered(doc, &line, Style::BOLD.sized(20.0));
        doc.space(32.0);
    }
    doc.space(16.0);
    let subtitle = format!("{} {}", model.year.label(), facts.report_title);
    centered(doc, &subtitle, Style::BOLD.sized(16.0).colored(ACCENT));
    doc.space(40.0);
    let y = doc.cursor();
    doc.line(MARGIN_X + 60.0, y, PAGE_W - MARGIN_X - 60.0, y, 0.8, ACCENT);
    doc.space(24.0);
    if let Some(committee) = &facts.committee {
        centered(doc, &format!("{committee} 資料"), Style::BODY.sized(13.0));
    }
    if facts.has_sample {
        doc.space(60.0);
        let y = doc.cursor();
        let box_w = 300.0;
        let x = MARGIN_X + (w - box_w) / 2.0;
        doc.stroke_rect(x, y, box_w, 46.0, 1.2, ALERT);
        doc.begin_tag("P");
        doc.text_in(
            x,
            y + 8.0,
            box_w,
            "サンプル",
            Style::BOLD.sized(14.0).colored(ALERT),
            Align::Center,
        );
        doc.text_in(
            x,
            y + 28.0,
            box_w,
            "架空の部署・値を含む実行例です",
            Style::SMALL.colored(ALERT),
            Align::Center,
        );
        doc.end_tag();
    }
    doc.set_cursor(640.0);
    if let Some(date) = &facts.report_date {
        centered(doc, date, Style::BODY.sized(12.0));
        doc.space(30.0);
    }
    centered(doc, &facts.municipality, Style::BOLD.sized(16.0));
    doc.space(26.0);
    centered(doc, &facts.secretariat, Style::BODY.sized(11.0));
}

/// One line of text centred across the body at the cursor (the cursor stays), tagged as
/// a paragraph.
fn centered(doc: &mut Doc, text: &str, style: Style) {
    let top = doc.cursor();
    doc.begin_tag("P");
    doc.text_in(MARGIN_X, top, doc.body_width(), text, style, Align::Center);
    doc.end_tag();
}

/// The contents page; without page numbers (first pass) it reserves the same lines.
fn contents(doc: &mut Doc, outline: &Outline, pages: Option<&[usize]>) {
    doc.new_page();
    let w = doc.body_width();
    let y = doc.cursor();
    doc.begin_tag("H1");
    doc.text_in(
        MARGIN_X,
        y,
        w,
        "目　次",
        Style::BOLD.sized(15.0),
        Align::Center,
    );
    doc.end_tag();
    doc.space(36.0);
    doc.begin_tag("TOC");
    for (k, (level, title)) in outline.entries().into_iter().enumerate() {
        let (style, indent, gap) = match level {
            1 => (Style::BOLD.sized(11.0), 0.0, 20.0),
            _ => (Style::BODY.sized(9.5), 18.0, 15.5),
        };
        doc.ensure(gap);
        let y = doc.cursor();
        let page = match pages {
            Some(p) => p.get(k).map_or_else(String::new, usize::to_string),
            None => "00".into(),
        };
        let title_w = doc.text_width(title, style);
        let page_w = doc.text_width(&page, style);
        // Each entry is a link to its page (printed number = page index).
        doc.begin_tag("TOCI");
        let link = doc.begin_tag("Link");
        doc.text_at(MARGIN_X + indent, y, title, style);
        doc.text_at(MARGIN_X + w - page_w, y, &page, style);
        if let Some(to) = pages.and_then(|p| p.get(k)) {
            doc.link(
                link,
                (MARGIN_X + indent, y - 2.0, w - indent, style.size + 4.0),
                LinkTarget::Page(*to),
                title,
            );
        }
        doc.end_tag();
        doc.end_tag();
        // Dot leaders.
        let dot = "・";
        let dot_w = doc.text_width(dot, Style::SMALL).max(1.0);
        let from = MARGIN_X + indent + title_w + 6.0;
        let to = MARGIN_X + w - page_w - 6.0;
        if to > from {
            let n = ((to - from) / dot_w) as usize;
            let dots = dot.repeat(n);
            doc.text_at(
                to - n as f32 * dot_w,
                y + (style.size - 8.5) / 2.0,
                &dots,
                Style::SMALL,
            );
        }
        doc.space(gap);
    }
    doc.end_tag();
}

/// A "+2" / "−1" / "±0" change.
fn signed(v: i64) -> String {
    match v {
        0 => "±0".into(),
        v if v > 0 => format!("+{v}"),
        v => format!("−{}", -v),
    }
}

/// A cell shaded and bold for subtotal and total rows.
fn styled(cell: Cell, strong: bool) -> Cell {
    if strong {
        Cell { bold: true, ..cell }.filled(LABEL_FILL)
    } else {
        cell
    }
}

/// A number as #,##0 with decimals, or ― when there is none.
fn value_text(v: Option<f64>, decimals: u8) -> String {
    v.map_or_else(
        || "―".to_string(),
        |v| crate::numbers::format_grouped(v, decimals),
    )
}
