//! Vector charts drawn with the layout engine: stacked horizontal bars and line charts over
//! fiscal years. Missing values leave gaps; they are never drawn as zero.

use super::layout::{Align, Doc, MARGIN_X, RULE, Rgb8, Style};
use crate::report::palette::{self, Rgb};

/// A colour of the palette for the PDF.
fn rgb8(c: Rgb) -> Rgb8 {
    Rgb8(c.0, c.1, c.2)
}

/// "Nice" axis maximum and tick step for values up to `max`.
pub fn nice_scale(max: f64) -> (f64, f64) {
    if max <= 0.0 || !max.is_finite() {
        return (1.0, 1.0);
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let step = if max <= 5.0 && step < 1.0 { 1.0 } else { step };
    ((max / step).ceil() * step, step)
}

/// The value axis of a line chart: from zero, unless every value lies in a narrow band far
/// from zero (a rate of 98.6–99.0 %), where a zero-based axis would flatten the line: then the
/// axis starts at a round value below the smallest one (its labels say where it starts).
pub fn value_axis(min: f64, max: f64) -> (f64, f64, f64) {
    let (top, step) = nice_scale(max);
    if !(min.is_finite() && min > 0.0 && max > min && min >= 0.6 * max) {
        return (0.0, top, step);
    }
    let (_, step) = nice_scale(max - min);
    let low = ((min / step).floor() * step - step).max(0.0);
    let high = (max / step).ceil() * step
        + if (max / step).fract() == 0.0 {
            step
        } else {
            0.0
        };
    (low, high, step)
}

/// Stacked horizontal bars: one bar per category, one segment per series, legend below.
pub fn stacked_bars(
    doc: &mut Doc,
    title: &str,
    categories: &[String],
    series: &[String],
    values: &[Vec<f64>],
    height: f32,
) {
    let width = doc.body_width();
    doc.ensure(height);
    let top = doc.cursor();
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
    let (axis_max, step) = nice_scale(max);
    let scale = plot_w as f64 / axis_max;
    // Grid and axis labels.
    let mut t = 0.0;
    while t <= axis_max + 1e-9 {
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
        t += step;
    }
    let swatches = palette::columns(series.len());
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
        let mut x = x0;
        for (k, v) in values
            .get(i)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let w = (*v * scale) as f32;
            if w > 0.0 {
                let swatch = swatches.get(k).copied().unwrap_or(palette::NONE);
                doc.fill_rect(x, y, w, bar_h, rgb8(swatch.fill));
                if w > 12.0 {
                    let color = rgb8(swatch.text);
                    doc.text_in(
                        x,
                        y + (bar_h - 8.5) / 2.0,
                        w,
                        &crate::numbers::format_grouped(*v, 0),
                        Style::SMALL.colored(color),
                        Align::Center,
                    );
                }
                x += w;
            }
        }
    }
    doc.line(x0, plot_top, x0, plot_top + plot_h, 0.8, RULE);
    let fills: Vec<Rgb8> = swatches.iter().map(|s| rgb8(s.fill)).collect();
    legend(doc, series, &fills, plot_top + plot_h + 18.0, true);
    doc.set_cursor(top + height);
}

fn legend(doc: &mut Doc, series: &[String], colours: &[Rgb8], top: f32, boxes: bool) {
    let style = Style::SMALL.colored(Rgb8(0, 0, 0));
    let widths: Vec<f32> = series
        .iter()
        .map(|s| doc.text_width(s, style) + 22.0)
        .collect();
    let total: f32 = widths.iter().sum();
    let mut x = MARGIN_X + (doc.body_width() - total) / 2.0;
    for ((name, w), color) in series.iter().zip(&widths).zip(colours.iter().copied()) {
        if boxes {
            doc.fill_rect(x, top + 1.0, 9.0, 9.0, color);
        } else {
            doc.line(x, top + 5.5, x + 12.0, top + 5.5, 1.5, color);
        }
        doc.text_at(x + 14.0, top + 1.0, name, style);
        x += w;
    }
}

/// A line chart over fiscal years: one line per series; `None` leaves a gap. A dashed-looking
/// target line is drawn when `target` is given.
pub fn line_chart(
    doc: &mut Doc,
    title: &str,
    years: &[String],
    series: &[(String, Vec<Option<f64>>)],
    target: Option<f64>,
    unit: &str,
    height: f32,
) {
    let width = doc.body_width() * 0.7;
    doc.ensure(height);
    let top = doc.cursor();
    let left = MARGIN_X + (doc.body_width() - width) / 2.0;
    doc.text_in(
        left,
        top,
        width,
        title,
        Style::BOLD.sized(9.5),
        Align::Center,
    );
    let plot_top = top + 18.0;
    let axis_w = 56.0;
    let x0 = left + axis_w;
    let plot_w = width - axis_w - 10.0;
    let plot_h = height - 18.0 - 40.0;
    let all: Vec<f64> = series
        .iter()
        .flat_map(|(_, v)| v.iter().flatten().copied())
        .chain(target)
        .collect();
    let max = all.iter().copied().fold(0.0, f64::max);
    let min = all.iter().copied().fold(f64::INFINITY, f64::min);
    let (axis_min, axis_max, step) = value_axis(min, max);
    let to_y =
        |v: f64| plot_top + plot_h - ((v - axis_min) / (axis_max - axis_min)) as f32 * plot_h;
    let mut t = axis_min;
    while t <= axis_max + 1e-9 {
        let y = to_y(t);
        doc.line(x0, y, x0 + plot_w, y, 0.3, Rgb8(210, 210, 210));
        doc.text_in(
            left,
            y - 4.0,
            axis_w - 4.0,
            &crate::numbers::format_grouped(t, if step < 1.0 { 1 } else { 0 }),
            Style::SMALL,
            Align::Right,
        );
        t += step;
    }
    doc.text_at(left, plot_top - 12.0, &format!("（{unit}）"), Style::SMALL);
    let n = years.len().max(1);
    let slot = plot_w / n as f32;
    let to_x = |i: usize| x0 + slot * (i as f32 + 0.5);
    for (i, y) in years.iter().enumerate() {
        doc.text_in(
            to_x(i) - slot / 2.0,
            plot_top + plot_h + 4.0,
            slot,
            y,
            Style::SMALL,
            Align::Center,
        );
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
    if let Some(t) = target {
        let y = to_y(t);
        let mut x = x0;
        while x < x0 + plot_w {
            doc.line(
                x,
                y,
                (x + 5.0).min(x0 + plot_w),
                y,
                0.8,
                rgb8(palette::PLAN_LINE),
            );
            x += 9.0;
        }
        doc.text_in(
            x0,
            y - 11.0,
            plot_w,
            "目標",
            Style::SMALL.colored(rgb8(palette::PLAN_LINE)),
            Align::Right,
        );
    }
    for (k, (_, values)) in series.iter().enumerate() {
        let color = rgb8(palette::line(k));
        let mut run: Vec<(f32, f32)> = Vec::new();
        for (i, v) in values.iter().enumerate() {
            match v {
                Some(v) => {
                    let p = (to_x(i), to_y(*v));
                    doc.fill_rect(p.0 - 2.5, p.1 - 2.5, 5.0, 5.0, color);
                    run.push(p);
                }
                None => {
                    doc.polyline(&run, 1.5, color);
                    run.clear();
                }
            }
        }
        doc.polyline(&run, 1.5, color);
    }
    let names: Vec<String> = series.iter().map(|(n, _)| n.clone()).collect();
    if names.len() > 1 {
        let colours: Vec<Rgb8> = (0..names.len()).map(|k| rgb8(palette::line(k))).collect();
        legend(doc, &names, &colours, plot_top + plot_h + 20.0, false);
    }
    doc.set_cursor(top + height);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_bands_get_an_axis_that_does_not_start_at_zero() {
        assert_eq!(
            value_axis(3.0, 7.0),
            (0.0, 8.0, 2.0),
            "counts start at zero"
        );
        let (low, high, step) = value_axis(98.6, 99.0);
        assert!(
            low > 90.0 && low < 98.6 && high >= 99.0,
            "{low} {high} {step}"
        );
        assert_eq!(value_axis(f64::INFINITY, 0.0), (0.0, 1.0, 1.0), "no values");
    }

    #[test]
    fn nice_scales() {
        assert_eq!(nice_scale(7.0), (8.0, 2.0));
        assert_eq!(nice_scale(3.0), (3.0, 1.0));
        assert_eq!(nice_scale(1_184_500.0), (1_250_000.0, 250_000.0));
        assert_eq!(nice_scale(0.0), (1.0, 1.0));
    }
}
