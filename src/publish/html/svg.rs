//! Inline SVG charts for the web pages: stacked bars of the evaluation summary and a line
//! chart of an indicator over the years. Each chart is an image with a title and a text
//! description (its data also stands in a table beside it); colours are never the only
//! cue: segments carry their level's code, the plan line is dashed with its own markers.

use std::fmt::Write as _;

use super::esc;
use crate::report::chart::axis::from_zero;
use crate::report::chart::bars::{fitting_label, stack};
use crate::report::chart::lines::{centred_inside, labels_collide, runs};

/// Width of every chart's coordinate system (the chart scales to the page width).
const W: f64 = 480.0;
/// Text size in chart units.
const FONT: f64 = 18.0;
/// The smallest text size in chart units: a chart is at least 336 px wide on a 360 px
/// screen (scale 0.7), so 18 units render at 12.6 px.
const SMALL: f64 = 18.0;

/// Estimated advance of a text in chart units at `size` (CJK a full em, ASCII up to 0.8 in the widest fallback fonts).
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.8 } else { 1.0 })
        .sum::<f64>()
        * size
}

/// The x of a middle-anchored text moved so that the whole text stays inside the chart.
fn inside(x: f64, text: &str, size: f64) -> f64 {
    centred_inside(x, text_width(text, size) + 4.0, 0.0, W)
}

pub use crate::report::palette::Swatch;

/// The swatch of level `k` of `levels` levels; `k == levels` is 未評価 (the one palette).
pub fn swatch(k: usize, levels: usize) -> Swatch {
    crate::report::palette::level(k, levels)
}

/// The CSS class of level `k` (its colours are in style.css).
pub fn level_class(k: usize, levels: usize) -> String {
    if k >= levels {
        "lv lv-none".into()
    } else {
        format!("lv lv-{}", k % crate::report::palette::LEVELS.len())
    }
}

/// A number for chart labels: grouped, with the decimals asked for.
fn num(v: f64, decimals: u8) -> String {
    crate::numbers::format_grouped(v, decimals)
}

/// Shortens a label to `max` characters with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// Opens an SVG image with its title and description.
fn open(out: &mut String, id: &str, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {W} {height}\" aria-labelledby=\"{id}-t {id}-d\" font-size=\"{FONT}\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(desc)
    );
}

/// Stacked horizontal bars: each category's label above its bar, one segment per series
/// with the series' code and count written in it when there is room, a legend below.
pub fn stacked_bars(
    id: &str,
    title: &str,
    desc: &str,
    categories: &[String],
    series: &[(String, String)],
    values: &[Vec<usize>],
    levels: usize,
) -> String {
    let row_h = 64.0;
    let legend_line = 28.0;
    let per_line = 2usize;
    let legend_font = SMALL;
    let legend_h = legend_line * series.len().div_ceil(per_line) as f64 + 10.0;
    let axis_h = 34.0;
    let height = 8.0 + row_h * categories.len() as f64 + axis_h + legend_h;
    let mut out = String::new();
    open(&mut out, id, height, title, desc);
    let max = values
        .iter()
        .map(|v| v.iter().sum::<usize>())
        .max()
        .unwrap_or(0) as f64;
    let axis = from_zero(0.0, max);
    let (x0, plot_w) = (4.0, W - 30.0);
    let scale = plot_w / axis.high;
    let plot_bottom = 8.0 + row_h * categories.len() as f64;
    // Grid lines and the axis.
    for t in axis.ticks() {
        let x = x0 + t * scale;
        // Grid lines beside the bars only (never through a label).
        for i in 0..categories.len() {
            let bar_top = 8.0 + row_h * i as f64 + 24.0;
            let _ = write!(
                out,
                "<line x1=\"{x:.1}\" y1=\"{bar_top:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#bdbdbd\" stroke-width=\"1\"/>",
                bar_top + 36.0
            );
        }
        let tick = format!("{}件", num(t, 0));
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" fill=\"#333333\" font-size=\"{SMALL}\">{}</text>",
            if t == 0.0 { x } else { inside(x, &tick, SMALL) },
            plot_bottom + 22.0,
            if t == 0.0 { "start" } else { "middle" },
            tick
        );
    }
    for (i, cat) in categories.iter().enumerate() {
        let top = 8.0 + row_h * i as f64;
        let _ = write!(
            out,
            "<text x=\"{x0}\" y=\"{:.1}\" fill=\"#000000\">{}</text>",
            top + 20.0,
            esc(&shorten(cat, 25))
        );
        let bar_top = top + 28.0;
        let bar_h = 28.0;
        let row: Vec<f64> = values
            .get(i)
            .map(|r| r.iter().map(|v| *v as f64).collect())
            .unwrap_or_default();
        for segment in stack(&row, scale) {
            let (k, x, w) = (segment.series, x0 + segment.start, segment.length);
            // A count of items: a whole number.
            let v = row[k] as usize;
            let sw = swatch(k, levels);
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{bar_top:.1}\" width=\"{w:.1}\" height=\"{bar_h}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
                sw.fill
            );
            let code = series.get(k).map_or("", |s| s.0.as_str());
            let labels = [format!("{code} {v}"), v.to_string()];
            let needed = [
                text_width(&labels[0], SMALL) + 6.0,
                text_width(&labels[1], SMALL) + 4.0,
            ];
            if let Some(choice) = fitting_label(w, &needed) {
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{}\" font-size=\"{SMALL}\">{}</text>",
                    x + w / 2.0,
                    bar_top + 20.0,
                    sw.text,
                    esc(&labels[choice])
                );
            }
        }
    }
    // Legend: a swatch with the code written in it, then the label.
    let legend_top = plot_bottom + axis_h + 6.0;
    let col_w = W / per_line as f64;
    for (k, (code, label)) in series.iter().enumerate() {
        let (row, column) = (k / per_line, k % per_line);
        let x = 4.0 + col_w * column as f64;
        let y = legend_top + legend_line * row as f64;
        let sw = swatch(k, levels);
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"30\" height=\"22\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{}\" font-size=\"{legend_font}\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#000000\" font-size=\"{legend_font}\">{}</text>",
            sw.fill,
            x + 15.0,
            y + 17.0,
            sw.text,
            esc(&shorten(code, 3)),
            x + 36.0,
            y + 17.0,
            esc(&shorten(label, 10))
        );
    }
    out.push_str("</svg>");
    out
}

/// One point of a line chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// 西暦 fiscal year.
    pub year: u16,
    /// The value at that year.
    pub value: f64,
}

/// A line chart over fiscal years: the reported values as a solid line with round markers
/// (gaps where a year has none), the plan (baseline, yearly targets, target) as a dashed
/// line with square markers; each marker labelled with its value.
#[allow(clippy::too_many_arguments)]
pub fn line_chart(
    id: &str,
    title: &str,
    desc: &str,
    years: (u16, u16),
    actual: &[Option<Point>],
    plan: &[Point],
    decimals: u8,
) -> String {
    let height = 340.0;
    let mut out = String::new();
    open(&mut out, id, height, title, desc);
    let all: Vec<f64> = actual
        .iter()
        .flatten()
        .map(|p| p.value)
        .chain(plan.iter().map(|p| p.value))
        .collect();
    let max = all.iter().copied().fold(0.0, f64::max);
    let min = all.iter().copied().fold(0.0, f64::min);
    // Every axis includes zero, so the height of a line is its value.
    let axis = from_zero(min, max);
    let span = axis.span();
    // Room on the left for the longest axis label.
    let widest = [axis.low, axis.high]
        .iter()
        .map(|v| num(*v, 0).chars().count())
        .max()
        .unwrap_or(1) as f64;
    let (left, right, top, bottom) = (widest * SMALL * 0.8 + 10.0, 30.0, 34.0, 250.0);
    let (first, last) = years;
    let n = f64::from(last.saturating_sub(first)).max(1.0);
    let x_of = |y: u16| left + (W - left - right) * f64::from(y.saturating_sub(first)) / n;
    let y_of = |v: f64| bottom - (bottom - top) * (v - axis.low) / span;
    for t in axis.ticks() {
        let y = y_of(t);
        let _ = write!(
            out,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#333333\" font-size=\"{SMALL}\">{}</text>",
            W - right,
            left - 8.0,
            y + 5.0,
            num(t, 0)
        );
    }
    for y in first..=last {
        let x = x_of(y);
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#333333\" font-size=\"{SMALL}\">{y}</text>",
            inside(x, &y.to_string(), SMALL),
            bottom + 24.0
        );
    }
    let plan_colour = crate::report::palette::PLAN_LINE;
    let actual_colour = crate::report::palette::ACTUAL_LINE;
    // The plan: dashed, square markers, labels below.
    if plan.len() > 1 {
        let pts: Vec<String> = plan
            .iter()
            .map(|p| format!("{:.1},{:.1}", x_of(p.year), y_of(p.value)))
            .collect();
        let _ = write!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{plan_colour}\" stroke-width=\"2.5\" stroke-dasharray=\"8 6\"/>",
            pts.join(" ")
        );
    }
    for p in plan {
        let (x, y) = (x_of(p.year), y_of(p.value));
        let label = num(p.value, decimals);
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"11\" height=\"11\" fill=\"#ffffff\" stroke=\"{plan_colour}\" stroke-width=\"2.5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{plan_colour}\" font-size=\"{SMALL}\">{label}</text>",
            x - 5.5,
            y - 5.5,
            inside(x, &label, SMALL),
            (y + 24.0).min(bottom - 4.0),
        );
    }
    // The reported values: a solid line through consecutive years, broken at a year
    // without a value; round markers.
    let values: Vec<Option<f64>> = actual.iter().map(|p| p.map(|p| p.value)).collect();
    for run in runs(&values).iter().filter(|r| r.len() > 1) {
        let pts: Vec<String> = run
            .iter()
            .filter_map(|(i, _)| actual[*i])
            .map(|p| format!("{:.1},{:.1}", x_of(p.year), y_of(p.value)))
            .collect();
        let _ = write!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{actual_colour}\" stroke-width=\"3\"/>",
            pts.join(" ")
        );
    }
    // Labels wider than the distance between two years alternate above and below their
    // markers, so neighbours never overlap.
    let spacing = x_of(first.saturating_add(1)) - x_of(first);
    let crowded = labels_collide(
        actual
            .iter()
            .flatten()
            .map(|p| text_width(&num(p.value, decimals), SMALL * 1.05) + 4.0),
        spacing,
    );
    for (k, p) in actual.iter().flatten().enumerate() {
        let (x, y) = (x_of(p.year), y_of(p.value));
        let label = num(p.value, decimals);
        let label_y = if crowded && k % 2 == 1 {
            (y + 26.0).min(bottom - 4.0)
        } else {
            (y - 12.0).max(top - 14.0)
        };
        let _ = write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{actual_colour}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{actual_colour}\" font-size=\"{SMALL}\" font-weight=\"bold\">{label}</text>",
            inside(x, &label, SMALL * 1.05),
            label_y,
        );
    }
    // Legend: the line style and marker of each series, in words too.
    let ly = height - 22.0;
    let lx = 10.0;
    let _ = write!(
        out,
        "<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{:.1}\" y2=\"{ly}\" stroke=\"{actual_colour}\" stroke-width=\"3\"/>\
         <circle cx=\"{:.1}\" cy=\"{ly}\" r=\"6\" fill=\"{actual_colour}\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#000000\" font-size=\"{SMALL}\">実績（●）</text>",
        lx + 40.0,
        lx + 20.0,
        lx + 48.0,
        ly + 6.0,
    );
    if !plan.is_empty() {
        let px = lx + 150.0;
        let _ = write!(
            out,
            "<line x1=\"{px}\" y1=\"{ly}\" x2=\"{:.1}\" y2=\"{ly}\" stroke=\"{plan_colour}\" stroke-width=\"2.5\" stroke-dasharray=\"8 6\"/>\
             <rect x=\"{:.1}\" y=\"{:.1}\" width=\"11\" height=\"11\" fill=\"#ffffff\" stroke=\"{plan_colour}\" stroke-width=\"2.5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#000000\" font-size=\"{SMALL}\">計画の基準値・目標（□ 破線）</text>",
            px + 40.0,
            px + 14.5,
            ly - 5.5,
            px + 48.0,
            ly + 6.0
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// style.css spells the level classes; they must be the palette's colours.
    #[test]
    fn the_stylesheet_uses_the_palette() {
        use crate::report::palette::{LEVELS, NONE};
        let css = super::super::STYLE;
        for (k, s) in LEVELS.iter().enumerate() {
            let rule = format!(".lv-{k} {{ background: {}; color: {}; }}", s.fill, s.text);
            assert!(css.contains(&rule), "{rule}");
        }
        let none = format!(
            ".lv-none {{ background: {}; color: {}; }}",
            NONE.fill, NONE.text
        );
        assert!(css.contains(&none), "{none}");
    }

    #[test]
    fn charts_are_labelled_images_with_gaps_for_missing_years() {
        let svg = line_chart(
            "c1",
            "件数の推移",
            "2022年度 120件",
            (2021, 2025),
            &[
                Some(Point {
                    year: 2022,
                    value: 120.0,
                }),
                None,
                Some(Point {
                    year: 2024,
                    value: 150.0,
                }),
            ],
            &[
                Point {
                    year: 2021,
                    value: 100.0,
                },
                Point {
                    year: 2025,
                    value: 200.0,
                },
            ],
            0,
        );
        assert!(svg.starts_with("<svg class=\"chart\" role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"c1-t c1-d\""));
        assert!(svg.contains("<title id=\"c1-t\">件数の推移</title>"));
        assert_eq!(
            svg.matches("<circle").count(),
            3,
            "two values and the legend"
        );
        assert_eq!(
            svg.matches("stroke=\"#1f4e79\" stroke-width=\"3\"/>")
                .count(),
            1,
            "no line across the missing year (the legend's line only)"
        );
        let bars = stacked_bars(
            "c2",
            "評価",
            "説明",
            &["1-1 方針".into()],
            &[
                ("A".into(), "良い".into()),
                ("未評価".into(), "未評価".into()),
            ],
            &[vec![3, 1]],
            1,
        );
        assert!(bars.contains(">A 3</text>"), "{bars}");
        assert!(bars.contains("fill=\"#e3e3e3\""));
    }
}
