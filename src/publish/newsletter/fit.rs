//! Text that must fit a fixed box: the largest size that fits one line, a line cut with an
//! ellipsis, at most n wrapped lines, an address broken anywhere.

use crate::report::pdf::fonts::Face;
use crate::report::pdf::layout::{Doc, Style};

use super::BLACK;

/// Regular text of a size, in black.
pub(super) fn regular(size: f32) -> Style {
    Style {
        face: Face::Regular,
        size,
        color: BLACK,
    }
}

/// Bold text of a size, in black.
pub(super) fn bold(size: f32) -> Style {
    Style {
        face: Face::Bold,
        size,
        color: BLACK,
    }
}

/// The largest size from `max` down to `min` at which `text` fits `width` on one line.
pub(super) fn fit_size(doc: &Doc, text: &str, face: Face, max: f32, min: f32, width: f32) -> f32 {
    let mut size = max;
    while size > min {
        let style = Style {
            face,
            size,
            color: BLACK,
        };
        if doc.text_width(text, style) <= width {
            return size;
        }
        size -= 0.5;
    }
    min
}

/// Text cut to one line of `width`, with an ellipsis when shortened.
pub(super) fn one_line(doc: &Doc, text: &str, style: Style, width: f32) -> String {
    let text = text.replace('\n', " ");
    if doc.text_width(&text, style) <= width {
        return text;
    }
    let mut out = String::new();
    for c in text.chars() {
        let candidate = format!("{out}{c}…");
        if doc.text_width(&candidate, style) > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Wrapped lines, at most `max`; the last one ends with an ellipsis when text was cut.
pub(super) fn lines_at_most(
    doc: &Doc,
    text: &str,
    style: Style,
    width: f32,
    max: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .flat_map(|l| doc.wrap(l.trim(), style, width))
        .collect();
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            let cut = format!("{last}…");
            *last = one_line(doc, &cut, style, width);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    lines
}

/// Breaks an address into lines of `width` anywhere (it has no spaces to break at).
pub(super) fn url_lines(doc: &Doc, url: &str, style: Style, width: f32) -> Vec<String> {
    let mut lines = vec![String::new()];
    for c in url.chars() {
        let last = lines
            .last_mut()
            .map(|l| format!("{l}{c}"))
            .unwrap_or_default();
        if doc.text_width(&last, style) > width && lines.last().is_some_and(|l| !l.is_empty()) {
            lines.push(c.to_string());
        } else if let Some(l) = lines.last_mut() {
            l.push(c);
        }
    }
    lines
}

/// The longest run of whole sentences (each ending with 。 or a line break) that wraps into
/// at most `max` lines of `width`: a sentence is never cut. Empty when even the first
/// sentence needs more lines.
pub(super) fn whole_sentences(
    doc: &Doc,
    text: &str,
    style: Style,
    width: f32,
    max: usize,
) -> Vec<String> {
    let mut sentences: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut current = String::new();
        for c in line.chars() {
            current.push(c);
            if c == '。' {
                sentences.push(std::mem::take(&mut current));
            }
        }
        if !current.trim().is_empty() {
            sentences.push(current);
        }
    }
    let mut best = Vec::new();
    let mut text = String::new();
    for s in sentences {
        text.push_str(&s);
        let lines = doc.wrap(&text, style, width);
        if lines.len() > max {
            break;
        }
        best = lines;
    }
    best
}
