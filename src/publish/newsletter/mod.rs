//! The page for the city newsletter (広報誌): exactly one A4 page whatever the plan's size —
//! the year's headline figures, the summary chart, a few highlighted items and the web
//! page's address with a QR code — in the embedded UD font at sizes readable in print.
//!
//! Everything is placed at absolute positions on the first page of a [`Doc`] and every
//! block has a height budget: long titles shrink or are shortened, many 取組方針 fall back
//! to the total bar, highlighted items get the lines that are left. Nothing ever flows onto
//! a second page.
//!
//! The page is tagged like the committee PDF, in the order it is read: H1 (title), P (lead,
//! headline, notes), H2 (sections), L/LI (figures, highlights), Figure with alternate text
//! carrying the numbers (chart, QR code), Table (period summary), and the address as a Link
//! element with its URI link annotation; bands, rules and fills are artifacts.

use crate::plan::PublishField;
use crate::publish::{Publication, PublishError};
use crate::report::model::SummaryRow;
use crate::report::pdf::fonts::Face;
use crate::report::pdf::layout::Style;
use crate::report::pdf::layout::{Align, Attr, Doc, LinkTarget, PAGE_H, PAGE_W, Rgb8};

/// Millimetres to points.
fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

mod fit;
mod highlights;
mod qr;

use fit::{bold, fit_size, lines_at_most, one_line, regular, url_lines, whole_sentences};
use highlights::highlights;
use qr::{draw_qr, qr_modules};

const MARGIN: f32 = 42.5; // 15 mm
const ACCENT: Rgb8 = Rgb8(31, 78, 121);
const BLACK: Rgb8 = Rgb8(0, 0, 0);
const WHITE: Rgb8 = Rgb8(255, 255, 255);
const GREY: Rgb8 = Rgb8(64, 64, 64);
const LINE: Rgb8 = Rgb8(140, 140, 140);

/// Width of the page between the margins.
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;
/// Height of the footer box, fixed: the highlights get what is left above it.
const FOOTER_H: f32 = 112.0;

/// The fill and text colours of level `k` (`k == levels`: 未評価), from the one palette.
fn fill(k: usize, levels: usize) -> (Rgb8, Rgb8) {
    let s = crate::report::palette::level(k, levels);
    (
        Rgb8(s.fill.0, s.fill.1, s.fill.2),
        Rgb8(s.text.0, s.text.1, s.text.2),
    )
}

/// Rows of the summary chart: each 取組方針 when there are at most `max`, else the total.
fn chart_rows<'m>(p: &'m Publication<'_>, max: usize) -> Vec<&'m SummaryRow> {
    let policies: Vec<&SummaryRow> = p.model.summary.policy_rows().collect();
    if policies.len() <= max {
        policies
    } else {
        p.model.summary.rows.last().into_iter().collect()
    }
}

/// The newsletter page as PDF bytes, and notes for the user (items left out for space, a
/// missing address).
pub fn newsletter(p: &Publication<'_>) -> Result<(Vec<u8>, Vec<String>), PublishError> {
    let facts = &p.model.facts;
    let year = p.model.year.label();
    let mut notes = Vec::new();
    let title = format!("{} {}（{}）", facts.municipality, facts.report_title, year);
    let mut doc = Doc::new(&title)?;
    // Document information: the secretariat, the publication date (else the report's).
    doc.meta.author = facts.secretariat.clone();
    doc.meta.date = p.settings.date_of(p.model.year).or(facts.report_day);
    let y = title_band(&mut doc, p);
    let y = lead(&mut doc, p, y);
    let y = figures(&mut doc, p, y);
    let y = chart(&mut doc, p, y);
    let y = period(&mut doc, p, y);
    let footer_top = PAGE_H - MARGIN - FOOTER_H;
    highlights(&mut doc, p, y, footer_top, &mut notes)?;
    footer(&mut doc, p, footer_top, &mut notes);
    Ok((doc.finish(), notes))
}

/// Draws with `f` inside a new structure element of `role` (closed after).
fn tagged<T>(doc: &mut Doc, role: &'static str, f: impl FnOnce(&mut Doc) -> T) -> T {
    doc.begin_tag(role);
    let out = f(doc);
    doc.end_tag();
    out
}

/// A section heading (H2) with its accent mark at `y`, which moves below it.
fn section(doc: &mut Doc, y: &mut f32, text: &str) {
    doc.artifact(|d| d.fill_rect(MARGIN, *y + 2.0, 5.0, 17.0, ACCENT));
    tagged(doc, "H2", |d| {
        d.text_at(MARGIN + 11.0, *y + 1.0, text, bold(15.0).colored(ACCENT))
    });
    *y += 25.0;
}

/// The title band: the report's title and the year; returns the top of what follows.
fn title_band(doc: &mut Doc, p: &Publication<'_>) -> f32 {
    let facts = &p.model.facts;
    let year = p.model.year.label();
    let band_h = 78.0;
    doc.artifact(|d| d.fill_rect(0.0, 0.0, PAGE_W, band_h + MARGIN * 0.6, ACCENT));
    let heading = facts.report_title.clone();
    let size = fit_size(doc, &heading, Face::Bold, 24.0, 15.0, WIDTH);
    let heading = one_line(doc, &heading, bold(size).colored(WHITE), WIDTH);
    tagged(doc, "H1", |d| {
        d.text_at(
            MARGIN,
            MARGIN * 0.6 + 8.0,
            &heading,
            bold(size).colored(WHITE),
        )
    });
    let sub = format!(
        "{}の取組の進み具合をお知らせします（{}）",
        year, facts.municipality
    );
    let sub = one_line(doc, &sub, regular(14.0), WIDTH);
    tagged(doc, "P", |d| {
        d.text_at(
            MARGIN,
            MARGIN * 0.6 + 8.0 + size * 1.45,
            &sub,
            regular(14.0).colored(WHITE),
        )
    });
    band_h + MARGIN * 0.6 + 16.0
}

/// The headline: the result in one sentence (bold), then the items behind and the 効果額
/// of the year and the period, in whole sentences.
fn lead(doc: &mut Doc, p: &Publication<'_>, mut y: f32) -> f32 {
    let model = p.model;
    let year = model.year.label();
    let h = p.headline();
    let head_style = bold(14.0);
    let lines = whole_sentences(doc, &h.sentence(&year), head_style, WIDTH, 2);
    paragraph(doc, &lines, MARGIN, &mut y, head_style, 14.0 * 1.5);
    let mut more = h.behind_sentence();
    if !h.behind.is_empty() {
        let names: Vec<String> = h
            .behind
            .iter()
            .map(|i| format!("{} {}", i.code, i.title))
            .collect();
        more.push_str(&format!("（{}）", names.join("／")));
        more = more.replacen("です。（", "です（", 1);
        if !more.ends_with('。') {
            more.push('。');
        }
    }
    if let Some(effect) = h.effect_sentence(model) {
        more.push_str(&effect);
    }
    let style = regular(11.5);
    let lines = whole_sentences(doc, &more, style, WIDTH, 3);
    paragraph(doc, &lines, MARGIN, &mut y, style, 11.5 * 1.5);
    y += 8.0;
    y
}

/// Lines drawn at `x` from `y` (which moves below them) as one P element (none when there
/// are no lines).
fn paragraph(doc: &mut Doc, lines: &[String], x: f32, y: &mut f32, style: Style, line_h: f32) {
    if lines.is_empty() {
        return;
    }
    tagged(doc, "P", |d| {
        for line in lines {
            d.text_at(x, *y, line, style);
            *y += line_h;
        }
    });
}

/// 計画期間の総括 (the plan's last year): each plan year's evaluations and 効果額, and the
/// period's total.
fn period(doc: &mut Doc, p: &Publication<'_>, mut y: f32) -> f32 {
    let model = p.model;
    if model.period.is_none() {
        return y;
    }
    let facts = &model.facts;
    section(
        doc,
        &mut y,
        &format!(
            "計画期間の総括（{}〜{}）",
            facts.period.0.label(),
            facts.period.1.label()
        ),
    );
    let unit = facts
        .effect_unit
        .as_deref()
        .filter(|_| p.shows(PublishField::EffectAmount));
    let style = regular(11.0);
    let row_h = 11.0 * 1.5;
    let year_w = 120.0;
    // A table: one row per plan year, the year heading the row.
    doc.begin_tag("Table");
    for fy in crate::fiscal_year::FiscalYear::span(facts.period.0, facts.period.1) {
        let counts = model.trend.rows.iter().find(|r| r.year == fy);
        let evals = counts.map_or_else(
            || "記録なし".to_string(),
            |r| {
                r.counts
                    .iter()
                    .zip(&model.trend.columns)
                    .map(|(n, c)| format!("{c} {n}件"))
                    .collect::<Vec<_>>()
                    .join("　")
            },
        );
        doc.begin_tag("TR");
        let th = doc.begin_tag("TH");
        doc.set_attr(th, Attr::RowHeader);
        doc.text_at(MARGIN, y, &fy.label(), bold(11.0));
        doc.end_tag();
        let mut text = evals;
        if let Some(unit) = unit {
            let amount = model
                .effects
                .years
                .iter()
                .position(|e| *e == fy)
                .and_then(|k| model.effects.totals.get(k).copied());
            text.push_str(&format!(
                "　{} {}",
                p.words.effect,
                amount.map_or_else(
                    || "報告なし".to_string(),
                    |v| crate::publish::with_unit(v, 0, unit)
                )
            ));
        }
        let text = one_line(doc, &text, style, WIDTH - year_w);
        tagged(doc, "TD", |d| d.text_at(MARGIN + year_w, y, &text, style));
        doc.end_tag();
        y += row_h;
    }
    doc.end_tag();
    if let (Some(unit), Some(period)) = (unit, &model.period) {
        let total = format!(
            "計画期間の{}の合計: {}",
            p.words.effect,
            crate::publish::with_unit(period.effect, 0, unit)
        );
        tagged(doc, "P", |d| d.text_at(MARGIN, y, &total, bold(11.5)));
        y += 11.5 * 1.5;
    }
    y + 6.0
}

/// The headline figures: one box per level and one for 評価なし.
fn figures(doc: &mut Doc, p: &Publication<'_>, mut y: f32) -> f32 {
    let model = p.model;
    let levels = model.levels.len();
    let counts = model
        .summary
        .rows
        .last()
        .map(|r| r.current.clone())
        .unwrap_or_default();
    let boxes = levels + 1;
    let per_row = if boxes <= 6 { boxes } else { boxes.div_ceil(2) };
    let gap = 6.0;
    let box_w = (WIDTH - gap * (per_row as f32 - 1.0)) / per_row as f32;
    let box_h = 68.0;
    // A list: each box's code (its label) and its count with the level's name.
    let list = doc.begin_tag("L");
    doc.set_attr(list, Attr::Unnumbered);
    for k in 0..boxes {
        let (row, column) = (k / per_row, k % per_row);
        let x = MARGIN + column as f32 * (box_w + gap);
        let top = y + row as f32 * (box_h + gap);
        let (fill_c, text_c) = fill(k, model.ranked_levels());
        let (code, label) = match model.levels.get(k) {
            Some(l) => (l.code.clone(), l.label.clone()),
            None => (
                "―".to_string(),
                crate::report::model::UNRATED_PLAIN.to_string(),
            ),
        };
        doc.begin_tag("LI");
        doc.artifact(|d| {
            d.stroke_rect(x, top, box_w, box_h, 0.8, LINE);
            d.fill_rect(x, top, box_w, 24.0, fill_c);
        });
        let code_size = fit_size(doc, &code, Face::Bold, 16.0, 9.0, box_w - 8.0);
        tagged(doc, "Lbl", |d| {
            d.text_in(
                x,
                top + (24.0 - code_size) / 2.0,
                box_w,
                &code,
                bold(code_size).colored(text_c),
                Align::Center,
            )
        });
        doc.begin_tag("LBody");
        let n = counts.get(k).copied().unwrap_or(0);
        let figure = format!("{n}件");
        let fig_size = fit_size(doc, &figure, Face::Bold, 24.0, 12.0, box_w - 8.0);
        doc.text_in(x, top + 26.0, box_w, &figure, bold(fig_size), Align::Center);
        // The label on one line when it fits at a readable size, else on two.
        let one = fit_size(doc, &label, Face::Regular, 11.0, 10.0, box_w - 8.0);
        let lines = if doc.text_width(&label, regular(one)) <= box_w - 8.0 {
            vec![(label.clone(), regular(one))]
        } else {
            let style = regular(10.0);
            lines_at_most(doc, &label, style, box_w - 8.0, 2)
                .into_iter()
                .map(|l| (l, style))
                .collect()
        };
        for (i, (line, style)) in lines.iter().enumerate() {
            doc.text_in(
                x + 4.0,
                top + 50.0 + i as f32 * style.size * 1.2,
                box_w - 8.0,
                line,
                *style,
                Align::Center,
            );
        }
        doc.end_tag();
        doc.end_tag();
    }
    doc.end_tag();
    y += (boxes.div_ceil(per_row)) as f32 * (box_h + gap) + 6.0;
    y
}

/// The summary chart: one bar per 取組方針 (or the total when there are many).
fn chart(doc: &mut Doc, p: &Publication<'_>, mut y: f32) -> f32 {
    let model = p.model;
    section(doc, &mut y, &format!("{}ごとの評価", p.words.policy));
    // In the plan's last year the period summary takes the room of the per-policy bars.
    let rows = chart_rows(p, if model.period.is_some() { 1 } else { 10 });
    let row_h = (150.0 / rows.len().max(1) as f32).clamp(17.0, 19.0);
    let label_w = 170.0;
    let plot_x = MARGIN + label_w;
    let plot_w = WIDTH - label_w - 4.0;
    let max = rows.iter().map(|r| r.total()).max().unwrap_or(0).max(1);
    let scale = plot_w / max as f32;
    let height = row_h * rows.len() as f32;
    doc.begin_figure(&chart_alt(p, &rows), MARGIN, y, WIDTH, height);
    for r in &rows {
        let label_style = regular(11.0);
        let label = one_line(doc, &r.label(), label_style, label_w - 8.0);
        doc.text_in(
            MARGIN,
            y + (row_h - 11.0) / 2.0 - 2.0,
            label_w - 8.0,
            &label,
            label_style,
            Align::Right,
        );
        let bar_h = row_h - 6.0;
        let mut x = plot_x;
        for (k, v) in r.current.iter().enumerate() {
            if *v == 0 {
                continue;
            }
            let w = *v as f32 * scale;
            let (fill_c, text_c) = fill(k, model.ranked_levels());
            doc.fill_rect(x, y + 1.0, w, bar_h, fill_c);
            let code = model.levels.get(k).map_or("―", |l| l.code.as_str());
            let text = format!("{code} {v}");
            let style = bold(10.5).colored(text_c);
            let shown = if doc.text_width(&text, style) + 4.0 <= w {
                Some(text)
            } else if doc.text_width(&v.to_string(), style) + 2.0 <= w {
                Some(v.to_string())
            } else {
                None
            };
            if let Some(shown) = shown {
                doc.text_in(
                    x,
                    y + 1.0 + (bar_h - 10.5) / 2.0,
                    w,
                    &shown,
                    style,
                    Align::Center,
                );
            }
            x += w;
        }
        y += row_h;
    }
    doc.artifact(|d| d.line(plot_x, y - height, plot_x, y, 0.8, LINE));
    doc.end_tag();
    let chart_note = if rows.len() == 1 && model.summary.policy_rows().count() > 1 {
        format!(
            "{}ごとの内訳はホームページに掲載しています。帯の中は評価の記号と件数です。",
            p.words.policy
        )
    } else {
        "帯の中は評価の記号と件数です。".to_string()
    };
    tagged(doc, "P", |d| {
        d.text_at(MARGIN, y + 3.0, &chart_note, regular(10.0).colored(GREY))
    });
    y += 19.0;
    y
}

/// The chart's alternate text: each bar's label and its count per evaluation, in words.
fn chart_alt(p: &Publication<'_>, rows: &[&SummaryRow]) -> String {
    let model = p.model;
    let bars: Vec<String> = rows
        .iter()
        .map(|r| {
            let parts: Vec<String> = r
                .current
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0)
                .map(|(k, v)| match model.levels.get(k) {
                    Some(l) => format!("{}（{}）{v}件", l.code, l.label),
                    None => format!("{}{v}件", crate::report::model::UNRATED_PLAIN),
                })
                .collect();
            let parts = if parts.is_empty() {
                "0件".to_string()
            } else {
                parts.join("、")
            };
            format!("{}: {parts}", r.label())
        })
        .collect();
    format!(
        "{}ごとの評価の件数を示す帯グラフ。{}。",
        p.words.policy,
        bars.join("。")
    )
}

/// The footer box: the address with its QR code, the contact, the date.
fn footer(doc: &mut Doc, p: &Publication<'_>, footer_top: f32, notes: &mut Vec<String>) {
    let facts = &p.model.facts;
    doc.artifact(|d| d.stroke_rect(MARGIN, footer_top, WIDTH, FOOTER_H, 1.2, ACCENT));
    let qr_size = mm(34.0);
    let text_w = WIDTH - qr_size - 28.0;
    let mut fy = footer_top + 10.0;
    let tx = MARGIN + 12.0;
    let invite = one_line(
        doc,
        "詳しい内容とデータは、ホームページでご覧いただけます",
        bold(12.5),
        text_w,
    );
    tagged(doc, "P", |d| d.text_at(tx, fy, &invite, bold(12.5)));
    fy += 12.5 * 1.6;
    // publish() makes no newsletter without base_url.
    if let Some(url) = p.url() {
        // The whole address, on at most three lines: smaller type for a long one.
        let mut size = 11.0;
        let mut lines = url_lines(doc, &url, regular(size), text_w);
        while lines.len() > 3 && size > 6.0 {
            size -= 0.5;
            lines = url_lines(doc, &url, regular(size), text_w);
        }
        // A paragraph holding the Link element: the printed address and its annotation.
        let top = fy;
        doc.begin_tag("P");
        let link = doc.begin_tag("Link");
        for line in &lines {
            doc.text_at(tx, fy, line, regular(size));
            fy += size * 1.4;
        }
        let w = lines
            .iter()
            .map(|l| doc.text_width(l, regular(size)))
            .fold(0.0, f32::max);
        doc.link(
            link,
            (tx - 1.0, top - 2.0, w + 2.0, fy - top + 2.0),
            LinkTarget::Uri(url.clone()),
            &url,
        );
        let modules = qr_modules(&url);
        let (qx, qy) = (
            MARGIN + WIDTH - qr_size - 8.0,
            footer_top + (FOOTER_H - qr_size) / 2.0,
        );
        if modules.is_some() {
            // The code is a link too (a reader of the PDF on screen taps it): a second area
            // of the address's Link element, added while the element is open.
            doc.link(
                link,
                (qx, qy, qr_size, qr_size),
                LinkTarget::Uri(url.clone()),
                &url,
            );
        }
        doc.end_tag();
        doc.end_tag();
        match modules {
            Some(modules) => {
                let alt = format!("ホームページのアドレスの QR コード: {url}");
                doc.begin_figure(&alt, qx, qy, qr_size, qr_size);
                draw_qr(doc, qx, qy, qr_size, &modules);
                doc.end_tag();
            }
            None => notes.push(format!(
                "ホームページのアドレスが長すぎて QR コードにできません: {url}"
            )),
        }
    }
    fy += 4.0;
    let contact = format!("問合せ先: {}", p.contact());
    let lines = lines_at_most(doc, &contact, regular(11.0), text_w, 2);
    paragraph(doc, &lines, tx, &mut fy, regular(11.0), 11.0 * 1.4);
    let mut small = Vec::new();
    if let Some(date) = p.date() {
        small.push(format!("{date}公表"));
    }
    if facts.has_sample {
        small.push("※サンプルの値を含みます".into());
    }
    if !small.is_empty() && fy + 10.0 < footer_top + FOOTER_H - 4.0 {
        let small = one_line(doc, &small.join("　"), regular(10.0).colored(GREY), text_w);
        tagged(doc, "P", |d| {
            d.text_at(tx, fy, &small, regular(10.0).colored(GREY))
        });
    }
}
