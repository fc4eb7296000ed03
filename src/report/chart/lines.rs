//! Line charts over fiscal years: the runs of a line with missing years, and labels placed
//! clear of each other and inside the chart.

/// The runs of consecutive values of a series: a missing year (`None`) ends a run, so a line
/// is never drawn across a year without a value. Each point is (index of the year, value).
///
/// ```
/// use gyokaku::report::chart::lines::runs;
/// let r = runs(&[Some(1.0), Some(2.0), None, Some(4.0)]);
/// assert_eq!(r, vec![vec![(0, 1.0), (1, 2.0)], vec![(3, 4.0)]]);
/// ```
pub fn runs(values: &[Option<f64>]) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => current.push((i, *v)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A position for a label that must keep `gap` from every label already `placed` (the
/// names at the ends of lines): the preferred position, or moved on by `gap` until it is clear.
///
/// ```
/// use gyokaku::report::chart::lines::clear_of;
/// assert_eq!(clear_of(50.0, &[45.0], 10.0), 60.0);
/// assert_eq!(clear_of(50.0, &[20.0], 10.0), 50.0);
/// ```
pub fn clear_of(preferred: f64, placed: &[f64], gap: f64) -> f64 {
    let mut at = preferred;
    // Ends: every move passes a placed label, and there are finitely many.
    while gap > 0.0 && placed.iter().any(|o| (o - at).abs() < gap) {
        at += gap;
    }
    at
}

/// The centre of a label of `width` near `x`, moved so that the whole label stays between
/// `low` and `high` (a value label at the first or last year stays inside the chart).
///
/// ```
/// use gyokaku::report::chart::lines::centred_inside;
/// assert_eq!(centred_inside(5.0, 20.0, 0.0, 100.0), 10.0);
/// assert_eq!(centred_inside(50.0, 20.0, 0.0, 100.0), 50.0);
/// assert_eq!(centred_inside(98.0, 20.0, 0.0, 100.0), 90.0);
/// ```
pub fn centred_inside(x: f64, width: f64, low: f64, high: f64) -> f64 {
    let half = width / 2.0;
    if high - low <= width {
        return (low + high) / 2.0;
    }
    x.max(low + half).min(high - half)
}

/// Whether value labels at neighbouring years would overlap: then they alternate above and
/// below their points. `widths` are the labels' widths, `spacing` the distance between years.
pub fn labels_collide(widths: impl IntoIterator<Item = f64>, spacing: f64) -> bool {
    widths.into_iter().any(|w| w > spacing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clear_labels_never_come_closer_than_the_gap() {
        let mut placed: Vec<f64> = Vec::new();
        for preferred in [10.0, 12.0, 14.0, 11.0, 30.0, 31.0] {
            let at = clear_of(preferred, &placed, 10.0);
            assert!(
                placed.iter().all(|o| (o - at).abs() >= 10.0),
                "{at} {placed:?}"
            );
            placed.push(at);
        }
    }

    #[test]
    fn runs_cover_every_value_once() {
        let values = [None, Some(1.0), None, None, Some(2.0), Some(3.0), None];
        let all: Vec<usize> = runs(&values).into_iter().flatten().map(|p| p.0).collect();
        assert_eq!(all, [1, 4, 5]);
        assert!(runs(&[None, None]).is_empty());
    }
}
