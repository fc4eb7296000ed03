//! Vector charts drawn with the layout engine: stacked horizontal bars and line charts over
//! fiscal years. Missing values leave gaps; they are never drawn as zero.

use super::layout::{Align, Doc, MARGIN_X, RULE, Rgb8, Style};
use crate::report::chart::axis::{from_zero, value_axis};
use crate::report::chart::bars::{fitting_label, stack};
use crate::report::chart::lines::{clear_of, runs};
use crate::report::palette::{self, Hatch, Rgb, Swatch};

/// A colour of the palette for the PDF.
fn rgb8(c: Rgb) -> Rgb8 {
    Rgb8(c.0, c.1, c.2)
}

/// Stacked horizontal bars: one bar per category, one segment per series, legend below; the
/// series from `ranked` on take the neutral colour (levels outside the ranking, 未評価).
pub fn stacked_bars(
    doc: &mut Doc,
    title: &str,
    categories: &[String],
    series: &[String],
    values: &[Vec<f64>],
    (height, ranked): (f32, usize),
) {
    let width = doc.body_width();
    doc.ensure(height);
    let top = doc.cursor();
    let mut alt = format!("{title}。");
    for (i, cat) in categories.iter().enumerate() {
        let parts: Vec<String> = series
            .iter()
            .zip(values.get(i).map(Vec::as_slice).unwrap_or(&[]))
            .map(|(s, v)| format!("{s} {}", crate::numbers::format_grouped(*v, 0)))
            .collect();
        alt.push_str(&format!("{cat}: {}。", parts.join("、")));
    }
    doc.begin_figure(&alt, MARGIN_X, top, doc.body_width(), height);
    let label_w = 150.0;
    let x0 = MARGIN_X + label_w;
    let plot_w = width - label_w - 10.0;
    doc.text_in(
        MARGIN_X,
        top,
        width,
        title,
        Style::BOLD.sized(10.0),
        Align::Center,
    );
    let plot_top = top + 20.0;
    let legend_h = 28.0;
    let plot_h = height - 20.0 - legend_h - 14.0;
    let max = values
        .iter()
        .map(|v| v.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let axis = from_zero(0.0, max);
    let scale = plot_w as f64 / axis.high;
    // Grid and axis labels.
    for t in axis.ticks() {
        let x = x0 + (t * scale) as f32;
        doc.line(x, plot_top, x, plot_top + plot_h, 0.3, Rgb8(210, 210, 210));
        doc.text_in(
            x - 20.0,
            plot_top + plot_h + 3.0,
            40.0,
            &crate::numbers::format_grouped(t, 0),
            Style::SMALL,
            Align::Center,
        );
    }
    let swatches = palette::columns(series.len(), ranked);
    let n = categories.len().max(1) as f32;
    let band = plot_h / n;
    let bar_h = (band * 0.62).min(18.0);
    for (i, cat) in categories.iter().enumerate() {
        let y = plot_top + band * i as f32 + (band - bar_h) / 2.0;
        doc.text_in(
            MARGIN_X,
            y + (bar_h - 8.5) / 2.0,
            label_w - 6.0,
            cat,
            Style::SMALL.colored(Rgb8(0, 0, 0)),
            Align::Right,
        );
        let row = values.get(i).map(Vec::as_slice).unwrap_or(&[]);
        for segment in stack(row, scale) {
            let (x, w) = (x0 + segment.start as f32, segment.length as f32);
            let k = segment.series;
            let swatch = swatches.get(k).copied().unwrap_or(palette::NONE);
            patterned_rect(doc, x, y, w, bar_h, k, swatch);
            doc.stroke_rect(x, y, w, bar_h, 0.4, WHITE);
            let label = crate::numbers::format_grouped(row[k], 0);
            let style = Style::SMALL.colored(Rgb8(0, 0, 0));
            let label_w = doc.text_width(&label, style) + 3.0;
            if fitting_label(f64::from(w), &[f64::from(label_w + 1.0)]).is_some() {
                // On a white ground, readable over any pattern.
                let cx = x + (w - label_w) / 2.0;
                doc.fill_rect(cx, y + (bar_h - 10.0) / 2.0, label_w, 10.0, WHITE);
                doc.text_in(x, y + (bar_h - 8.5) / 2.0, w, &label, style, Align::Center);
            }
        }
    }
    doc.line(x0, plot_top, x0, plot_top + plot_h, 0.8, RULE);
    legend(doc, series, &swatches, plot_top + plot_h + 18.0, true);
    doc.set_cursor(top + height);
    doc.end_tag();
}

fn legend(doc: &mut Doc, series: &[String], swatches: &[Swatch], top: f32, boxes: bool) {
    let style = Style::SMALL.colored(Rgb8(0, 0, 0));
    let widths: Vec<f32> = series
        .iter()
        .map(|s| doc.text_width(s, style) + 22.0)
        .collect();
    let total: f32 = widths.iter().sum();
    let mut x = MARGIN_X + (doc.body_width() - total) / 2.0;
    for (k, (name, w)) in series.iter().zip(&widths).enumerate() {
        if boxes {
            let swatch = swatches.get(k).copied().unwrap_or(palette::NONE);
            patterned_rect(doc, x - 2.0, top - 1.0, 13.0, 12.0, k, swatch);
            doc.stroke_rect(x - 2.0, top - 1.0, 13.0, 12.0, 0.4, RULE);
        } else {
            let color = rgb8(palette::line(k));
            line_of(doc, &[(x, top + 5.5), (x + 12.0, top + 5.5)], k, color);
        }
        doc.text_at(x + 14.0, top + 1.0, name, style);
        x += w;
    }
}

/// A line chart over fiscal years: one line per series; `None` leaves a gap. Meaning does
/// not depend on colour: the first series is a solid line with filled squares and its values
/// written above the points (`partial` years marked ※), further series are dashed with
/// hollow markers, each line is named at its end; the plan's target is a dashed line
/// labelled 目標. The value axis starts at zero, or shows a break mark where it does not.
#[allow(clippy::too_many_arguments)]
pub fn line_chart(
    doc: &mut Doc,
    title: &str,
    years: &[String],
    series: &[(String, Vec<Option<f64>>)],
    partial: &[bool],
    decimals: u8,
    target: Option<f64>,
    unit: &str,
    height: f32,
) {
    let width = doc.body_width() * 0.92;
    doc.ensure(height);
    let top = doc.cursor();
    let mut alt = format!("{title}（単位: {unit}）。");
    for (name, values) in series {
        let points: Vec<String> = years
            .iter()
            .zip(values)
            .enumerate()
            .filter_map(|(i, (y, v))| {
                let mark = if partial.get(i).copied().unwrap_or(false) {
                    "（一部の部署が未報告）"
                } else {
                    ""
                };
                v.map(|v| format!("{y} {}{mark}", crate::numbers::format_grouped(v, decimals)))
            })
            .collect();
        alt.push_str(&format!("{name}: {}。", points.join("、")));
    }
    if let Some(t) = target {
        alt.push_str(&format!(
            "目標 {}。",
            crate::numbers::format_grouped(t, decimals)
        ));
    }
    doc.begin_figure(&alt, MARGIN_X, top, doc.body_width(), height);
    let left = MARGIN_X + (doc.body_width() - width) / 2.0;
    doc.text_in(
        left,
        top,
        width,
        title,
        Style::BOLD.sized(9.5),
        Align::Center,
    );
    let plot_top = top + 30.0;
    let axis_w = 58.0;
    let end_label_w = 62.0;
    let x0 = left + axis_w;
    let plot_w = width - axis_w - end_label_w;
    let plot_h = height - 30.0 - 34.0;
    let all: Vec<f64> = series
        .iter()
        .flat_map(|(_, v)| v.iter().flatten().copied())
        .chain(target)
        .collect();
    let max = all.iter().copied().fold(0.0, f64::max);
    let min = all.iter().copied().fold(f64::INFINITY, f64::min);
    let axis = value_axis(min, max);
    let to_y = |v: f64| plot_top + plot_h - ((v - axis.low) / axis.span()) as f32 * plot_h;
    for t in axis.ticks() {
        let y = to_y(t);
        doc.line(x0, y, x0 + plot_w, y, 0.3, Rgb8(210, 210, 210));
        doc.text_in(
            left,
            y - 4.0,
            axis_w - 6.0,
            &crate::numbers::format_grouped(t, axis.decimals()),
            Style::SMALL,
            Align::Right,
        );
    }
    doc.text_at(left, plot_top - 24.0, &format!("（{unit}）"), Style::SMALL);
    let n = years.len().max(1);
    let slot = plot_w / n as f32;
    let to_x = |i: usize| x0 + slot * (i as f32 + 0.5);
    let label_style = Style::SMALL;
    for (i, y) in years.iter().enumerate() {
        // A label wider than its slot goes on two lines at its space ("基準 令和3年度").
        let lines: Vec<&str> = if doc.text_width(y, label_style) > slot - 2.0 {
            y.split(' ').collect()
        } else {
            vec![y.as_str()]
        };
        for (k, line) in lines.iter().enumerate() {
            doc.text_in(
                to_x(i) - slot / 2.0,
                plot_top + plot_h + 4.0 + k as f32 * 10.0,
                slot,
                line,
                label_style,
                Align::Center,
            );
        }
    }
    doc.line(
        x0,
        plot_top + plot_h,
        x0 + plot_w,
        plot_top + plot_h,
        0.8,
        RULE,
    );
    doc.line(x0, plot_top, x0, plot_top + plot_h, 0.8, RULE);
    if axis.is_broken() {
        axis_break(doc, x0, plot_top + plot_h - 7.0);
    } else if axis.low < 0.0 {
        // Values below zero: the zero line is drawn as strongly as the axis.
        let y = to_y(0.0);
        doc.line(x0, y, x0 + plot_w, y, 0.8, RULE);
    }
    if let Some(t) = target {
        let y = to_y(t);
        dashed(doc, &[(x0, y), (x0 + plot_w, y)], 0.8, TARGET, 5.0, 4.0);
        doc.text_at(
            x0 + plot_w + 4.0,
            y - 4.5,
            "目標",
            Style::SMALL.colored(TARGET),
        );
    }
    let mut end_labels: Vec<f64> = target
        .map(|t| f64::from(to_y(t) - 4.5))
        .into_iter()
        .collect();
    for (k, (name, values)) in series.iter().enumerate() {
        let color = rgb8(palette::line(k));
        let mut last = None;
        for run in runs(values) {
            let points: Vec<(f32, f32)> = run.iter().map(|(i, v)| (to_x(*i), to_y(*v))).collect();
            for p in &points {
                marker(doc, *p, k, color);
            }
            line_of(doc, &points, k, color);
            last = points.last().copied().or(last);
        }
        if let (Some(p), true) = (last, series.len() > 1) {
            // The line's name at its end, moved clear of the labels already placed.
            let y = clear_of(f64::from(p.1 - 4.5), &end_labels, 10.0);
            end_labels.push(y);
            let name = fit(doc, name, Style::SMALL, end_label_w - 8.0);
            doc.text_at(
                x0 + plot_w + 4.0,
                y as f32,
                &name,
                Style::SMALL.colored(Rgb8(0, 0, 0)),
            );
        }
    }
    // Values of the first series over everything else, on a white ground, below the point
    // when another line passes just above it.
    if let Some((_, values)) = series.first() {
        let style = Style::SMALL.colored(Rgb8(0, 0, 0));
        for (i, v) in values.iter().enumerate() {
            let Some(v) = v else { continue };
            let p = (to_x(i), to_y(*v));
            let mark = if partial.get(i).copied().unwrap_or(false) {
                "※"
            } else {
                ""
            };
            let text = format!("{}{mark}", crate::numbers::format_grouped(*v, decimals));
            let crowded = series.iter().skip(1).any(|(_, o)| {
                o.get(i)
                    .copied()
                    .flatten()
                    .is_some_and(|o| (p.1 - to_y(o)) > -2.0 && (p.1 - to_y(o)) < 16.0)
            });
            let y = if crowded { p.1 + 5.0 } else { p.1 - 14.0 };
            let w = doc.text_width(&text, style) + 2.0;
            doc.fill_rect(p.0 - w / 2.0, y, w, 10.0, WHITE);
            doc.text_in(p.0 - slot / 2.0, y + 0.5, slot, &text, style, Align::Center);
        }
    }
    doc.set_cursor(top + height);
    doc.end_tag();
}

/// Colour of the plan's target line.
const TARGET: Rgb8 = Rgb8(
    palette::PLAN_LINE.0,
    palette::PLAN_LINE.1,
    palette::PLAN_LINE.2,
);
/// White (gaps between bar segments, label grounds).
const WHITE: Rgb8 = Rgb8(255, 255, 255);

/// Text shortened with "…" to a width (a series name at a line's end).
fn fit(doc: &Doc, text: &str, style: Style, width: f32) -> String {
    if doc.text_width(text, style) <= width {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && doc.text_width(&format!("{out}…"), style) > width {
        out.pop();
    }
    format!("{out}…")
}

/// The line of series `k`: solid for the first, dashed for the others.
fn line_of(doc: &mut Doc, points: &[(f32, f32)], k: usize, color: Rgb8) {
    if k == 0 {
        doc.polyline(points, 1.5, color);
    } else {
        dashed(doc, points, 1.5, color, 4.0, 2.5);
    }
}

/// A dashed polyline: dashes of `on` points with gaps of `off`.
fn dashed(doc: &mut Doc, points: &[(f32, f32)], width: f32, color: Rgb8, on: f32, off: f32) {
    for pair in points.windows(2) {
        let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
        let len = ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt();
        if len <= 0.0 {
            continue;
        }
        let (dx, dy) = ((x2 - x1) / len, (y2 - y1) / len);
        let mut d = 0.0;
        while d < len {
            let e = (d + on).min(len);
            doc.line(
                x1 + dx * d,
                y1 + dy * d,
                x1 + dx * e,
                y1 + dy * e,
                width,
                color,
            );
            d += on + off;
        }
    }
}

/// The marker of series `k` at a point: a filled square for the first series, a hollow
/// square for the others.
fn marker(doc: &mut Doc, (x, y): (f32, f32), k: usize, color: Rgb8) {
    if k == 0 {
        doc.fill_rect(x - 2.5, y - 2.5, 5.0, 5.0, color);
    } else {
        doc.fill_rect(x - 3.0, y - 3.0, 6.0, 6.0, WHITE);
        doc.stroke_rect(x - 3.0, y - 3.0, 6.0, 6.0, 1.0, color);
    }
}

/// The break mark on a value axis that does not start at zero: two short slanted strokes
/// across the axis on a white gap.
fn axis_break(doc: &mut Doc, x: f32, y: f32) {
    doc.fill_rect(x - 5.0, y - 2.0, 10.0, 5.0, WHITE);
    doc.line(x - 5.0, y + 1.5, x + 5.0, y - 1.5, 0.8, RULE);
    doc.line(x - 5.0, y + 4.5, x + 5.0, y + 1.5, 0.8, RULE);
}

/// A rectangle filled with the level's colour (`swatch`) and the hatching of series `k`
/// ([`palette::hatch`]: solid, diagonal, back-diagonal, horizontal, cross-hatched,
/// vertical, as in the workbook's charts), so levels differ in greyscale and
/// black-and-white print too.
fn patterned_rect(doc: &mut Doc, x: f32, y: f32, w: f32, h: f32, k: usize, swatch: Swatch) {
    doc.fill_rect(x, y, w, h, rgb8(swatch.fill));
    let ink = rgb8(swatch.text);
    let gap = 3.5;
    let lw = 0.6;
    let slash = |doc: &mut Doc| {
        let mut d = gap;
        while d < w + h {
            let (u1, u2) = ((d - h).max(0.0), d.min(w));
            doc.line(x + u1, y + d - u1, x + u2, y + d - u2, lw, ink);
            d += gap;
        }
    };
    let backslash = |doc: &mut Doc| {
        let mut d = -h + gap;
        while d < w {
            let (u1, u2) = (d.max(0.0), (d + h).min(w));
            doc.line(x + u1, y + u1 - d, x + u2, y + u2 - d, lw, ink);
            d += gap;
        }
    };
    match palette::hatch(k) {
        Hatch::Solid => {}
        Hatch::Upward => slash(doc),
        Hatch::Downward => backslash(doc),
        Hatch::Horizontal => {
            let mut t = gap / 2.0;
            while t < h {
                doc.line(x, y + t, x + w, y + t, lw, ink);
                t += gap;
            }
        }
        Hatch::Cross => {
            slash(doc);
            backslash(doc);
        }
        Hatch::Vertical => {
            let mut t = gap / 2.0;
            while t < w {
                doc.line(x + t, y, x + t, y + h, lw, ink);
                t += gap;
            }
        }
    }
}
