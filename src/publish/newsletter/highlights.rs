//! 主な取組 on the newsletter page: the highlighted items in two columns, each with its
//! evaluation, its name and the first whole sentences of its work, in the room left above
//! the footer.
//!
//! Every chosen item gets its first sentence first (an item whose first sentence needs more
//! lines than a column allows, or without text, gets the line of its evaluation instead);
//! the room left then goes one sentence at a time to each item in turn. An item is left out
//! (and named in the notes) only when even that does not fit.

use super::fit::{bold, fit_size, lines_at_most, one_line, regular, whole_sentences};
use super::{MARGIN, WIDTH, fill, paragraph, section, tagged};
use crate::plan::PublishField;
use crate::publish::{Publication, PublishError};
use crate::report::model::ItemReport;
use crate::report::pdf::fonts::Face;
use crate::report::pdf::layout::{Align, Attr, Doc};

/// Type size of an item's name, and the smallest it shrinks to before wrapping.
const TITLE: f32 = 12.5;
const TITLE_MIN: f32 = 11.0;
/// Body text size (11 pt) and its line height.
const BODY: f32 = 11.0;
const LINE_H: f32 = BODY * 1.45;
/// Space between two rows of items, at least, and between the two columns.
const ROW_GAP: f32 = 6.0;
const COLUMN_GAP: f32 = 16.0;
/// Most lines of an item's first sentence, and of its whole text.
const FIRST_LINES: usize = 3;
const MAX_LINES: usize = 6;
/// Size of the evaluation's code in its badge.
const BADGE: f32 = 11.0;

/// One highlighted item as laid out: its name's lines and size, its text's lines (empty:
/// the evaluation's line instead) and the text it comes from.
struct Placed<'m> {
    item: &'m ItemReport,
    title: Vec<String>,
    title_size: f32,
    body: Vec<String>,
    text: Option<&'m str>,
}

impl Placed<'_> {
    /// Height of the item without the row gap.
    fn height(&self) -> f32 {
        self.title.len() as f32 * self.title_size * 1.4
            + 2.0
            + self.body.len().max(1) as f32 * LINE_H
    }
}

/// The columns of `n` items: two when there are two or more.
fn columns(n: usize) -> usize {
    if n >= 2 { 2 } else { 1 }
}

/// Height of the rows of `placed` (each row as high as its tallest item), with the gaps.
fn rows_height(placed: &[Placed<'_>], columns: usize) -> f32 {
    placed
        .chunks(columns)
        .map(|row| row.iter().map(Placed::height).fold(0.0, f32::max) + ROW_GAP)
        .sum()
}

/// The evaluation's code of an item ("―" without one).
fn badge_code(it: &ItemReport) -> &str {
    it.evaluation.as_ref().map_or("―", |e| e.code.as_str())
}

/// Width of an item's badge.
fn badge_width(doc: &Doc, it: &ItemReport) -> f32 {
    doc.text_width(badge_code(it), bold(BADGE)).max(BADGE) + 10.0
}

/// The name of an item on one line at the largest size down to 11 pt, else on two lines at
/// 11 pt.
fn title_lines(doc: &Doc, it: &ItemReport, width: f32) -> (Vec<String>, f32) {
    let name = format!("{} {}", it.code, it.title);
    let size = fit_size(doc, &name, Face::Bold, TITLE, TITLE_MIN, width);
    if doc.text_width(&name, bold(size)) <= width {
        (vec![name], size)
    } else {
        (
            lines_at_most(doc, &name, bold(TITLE_MIN), width, 2),
            TITLE_MIN,
        )
    }
}

/// The items that fit `room` with their lines, and the room left.
fn fit<'m>(
    doc: &Doc,
    p: &Publication<'_>,
    wanted: &[&'m ItemReport],
    room: f32,
) -> (Vec<Placed<'m>>, f32) {
    let columns = columns(wanted.len());
    let column_w = (WIDTH - (columns - 1) as f32 * COLUMN_GAP) / columns as f32;
    let body_w = column_w - 8.0;
    let style = regular(BODY);
    let mut placed: Vec<Placed<'m>> = Vec::new();
    for it in wanted {
        let text = it
            .work_done
            .as_deref()
            .filter(|w| p.shows(PublishField::WorkDone) && !w.trim().is_empty());
        let (title, title_size) = title_lines(doc, it, column_w - badge_width(doc, it) - 6.0);
        let body = text
            .map(|t| whole_sentences(doc, t, style, body_w, FIRST_LINES))
            .unwrap_or_default();
        placed.push(Placed {
            item: it,
            title,
            title_size,
            body,
            text,
        });
        if placed.len() > 1 && rows_height(&placed, columns) > room {
            placed.pop();
            break;
        }
    }
    // One more sentence to each item in turn, while the rows still fit.
    let mut grown = true;
    while grown {
        grown = false;
        for k in 0..placed.len() {
            let (Some(text), false) = (placed[k].text, placed[k].body.is_empty()) else {
                continue;
            };
            let now = placed[k].body.clone();
            let longer = (now.len() + 1..=MAX_LINES)
                .map(|max| whole_sentences(doc, text, style, body_w, max))
                .find(|lines| lines.concat().chars().count() > now.concat().chars().count());
            let Some(longer) = longer else {
                continue;
            };
            placed[k].body = longer;
            if rows_height(&placed, columns) <= room {
                grown = true;
            } else {
                placed[k].body = now;
            }
        }
    }
    let left = room - rows_height(&placed, columns);
    (placed, left.max(0.0))
}

/// The highlighted items, in the room between `y` and `footer_top`; items that do not fit
/// are named in `notes`.
pub(super) fn highlights(
    doc: &mut Doc,
    p: &Publication<'_>,
    mut y: f32,
    footer_top: f32,
    notes: &mut Vec<String>,
) -> Result<(), PublishError> {
    let model = p.model;
    let levels = model.levels.len();
    let wanted = p.highlights(4)?;
    if wanted.is_empty() || footer_top - y <= 60.0 {
        return Ok(());
    }
    section(
        doc,
        &mut y,
        if p.settings.highlights.is_empty() {
            "主な取組（評価の高い取組と、遅れている取組）"
        } else {
            "主な取組"
        },
    );
    let room = footer_top - 8.0 - y;
    let (placed, left) = fit(doc, p, &wanted, room);
    if placed.len() < wanted.len() {
        let left: Vec<&str> = wanted[placed.len()..]
            .iter()
            .map(|i| i.code.as_str())
            .collect();
        notes.push(format!(
            "広報誌ページに入りきらないため、次の取組は載せていません: {}",
            left.join("、")
        ));
    }
    let columns = columns(wanted.len());
    let column_w = (WIDTH - (columns - 1) as f32 * COLUMN_GAP) / columns as f32;
    let rows = placed.len().div_ceil(columns).max(1);
    // What is left of the room spreads between the rows.
    let gap = ROW_GAP + (left / rows as f32).min(8.0);
    let body_style = regular(BODY);
    // A list in reading order (left, then right, row by row): each item's evaluation (its
    // label), then its name and work.
    let list = doc.begin_tag("L");
    doc.set_attr(list, Attr::Unnumbered);
    for row in placed.chunks(columns) {
        let row_h = row.iter().map(Placed::height).fold(0.0, f32::max);
        for (c, placed) in row.iter().enumerate() {
            let it = placed.item;
            let x = MARGIN + c as f32 * (column_w + COLUMN_GAP);
            let k = it
                .evaluation
                .as_ref()
                .and_then(|e| e.rank)
                .unwrap_or(levels);
            let code = badge_code(it);
            let (fill_c, text_c) = fill(k, model.ranked_levels());
            let badge_w = badge_width(doc, it);
            doc.begin_tag("LI");
            doc.artifact(|d| d.fill_rect(x, y + 0.5, badge_w, 17.0, fill_c));
            tagged(doc, "Lbl", |d| {
                d.text_in(
                    x,
                    y + 3.0,
                    badge_w,
                    code,
                    bold(BADGE).colored(text_c),
                    Align::Center,
                )
            });
            doc.begin_tag("LBody");
            let mut ty = y;
            let title_style = bold(placed.title_size);
            let tx = x + badge_w + 6.0;
            paragraph(
                doc,
                &placed.title,
                tx,
                &mut ty,
                title_style,
                placed.title_size * 1.4,
            );
            ty += 2.0;
            let lines = if placed.body.is_empty() {
                let standing =
                    format!("評価: {}", crate::publish::standing(it, &model.facts.words));
                vec![one_line(doc, &standing, body_style, column_w - 8.0)]
            } else {
                placed.body.clone()
            };
            paragraph(doc, &lines, x + 8.0, &mut ty, body_style, LINE_H);
            doc.end_tag();
            doc.end_tag();
        }
        y += row_h + gap;
    }
    doc.end_tag();
    Ok(())
}
