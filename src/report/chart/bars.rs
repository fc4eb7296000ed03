//! Stacked bars: one bar per category, one segment per series, and the label a segment can hold.

/// One segment of a stacked bar, in chart units along the value axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// The series (column of values) the segment shows.
    pub series: usize,
    /// Where the segment starts, from the bar's start.
    pub start: f64,
    /// The segment's length (its value times the scale).
    pub length: f64,
}

/// The segments of one stacked bar: values in series order, `scale` chart units per unit of
/// value. Zero, negative and non-finite values make no segment (nothing is drawn for them),
/// and the next segment starts where the previous one ended.
///
/// ```
/// use gyokaku::report::chart::bars::{Segment, stack};
/// let segments = stack(&[2.0, 0.0, 3.0], 10.0);
/// assert_eq!(segments, [
///     Segment { series: 0, start: 0.0, length: 20.0 },
///     Segment { series: 2, start: 20.0, length: 30.0 },
/// ]);
/// ```
pub fn stack(values: &[f64], scale: f64) -> Vec<Segment> {
    let mut start = 0.0;
    let mut out = Vec::new();
    for (series, v) in values.iter().enumerate() {
        let length = v * scale;
        if length.is_finite() && length > 0.0 {
            out.push(Segment {
                series,
                start,
                length,
            });
            start += length;
        }
    }
    out
}

/// Which label a segment of `length` can hold: the first of `needed` (each candidate's width
/// with its margins, longest first) that fits, or `None` when even the shortest does not
/// (the value then stands in the legend, the table and the figure's text only).
///
/// ```
/// use gyokaku::report::chart::bars::fitting_label;
/// // "A 3" needs 40 units, "3" needs 14.
/// assert_eq!(fitting_label(50.0, &[40.0, 14.0]), Some(0));
/// assert_eq!(fitting_label(20.0, &[40.0, 14.0]), Some(1));
/// assert_eq!(fitting_label(10.0, &[40.0, 14.0]), None);
/// ```
pub fn fitting_label(length: f64, needed: &[f64]) -> Option<usize> {
    needed.iter().position(|w| length >= *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_tile_the_bar_without_gaps_or_overlaps() {
        let values = [3.0, 1.0, 0.0, 2.0, f64::NAN, 4.0];
        let segments = stack(&values, 7.5);
        let mut end = 0.0;
        for s in &segments {
            assert_eq!(s.start, end, "{segments:?}");
            end = s.start + s.length;
        }
        assert_eq!(end, 10.0 * 7.5, "the bar's length is the sum of its values");
        let shown: Vec<usize> = segments.iter().map(|s| s.series).collect();
        assert_eq!(shown, [0, 1, 3, 5], "empty and invalid values are skipped");
    }
}
