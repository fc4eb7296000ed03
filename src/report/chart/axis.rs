//! The value axes of every chart: one rule for the committee PDF's charts and the web pages'
//! SVG charts, so that the same figures get the same axis in both.

/// A value axis: from `low` to `high` in steps of `step` (a tick at each step).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    /// The value at the axis's start (0 unless values are negative or the axis is broken).
    pub low: f64,
    /// The value at the axis's end.
    pub high: f64,
    /// The distance between ticks.
    pub step: f64,
}

impl Axis {
    /// The tick values from `low` to `high`, computed without accumulating rounding errors.
    ///
    /// ```
    /// use gyokaku::report::chart::axis::Axis;
    /// let axis = Axis { low: -20.0, high: 40.0, step: 20.0 };
    /// assert_eq!(axis.ticks().collect::<Vec<_>>(), [-20.0, 0.0, 20.0, 40.0]);
    /// ```
    pub fn ticks(&self) -> impl Iterator<Item = f64> + use<> {
        let Axis { low, high, step } = *self;
        let count = if step > 0.0 && high >= low {
            ((high - low) / step + 1e-9).floor() as usize + 1
        } else {
            1
        };
        (0..count.min(1000)).map(move |i| low + step * i as f64)
    }

    /// The length of the axis in values (never zero).
    pub fn span(&self) -> f64 {
        (self.high - self.low).max(f64::EPSILON)
    }

    /// Decimal places of the tick labels: one when the step is below 1.
    pub fn decimals(&self) -> u8 {
        if self.step < 1.0 { 1 } else { 0 }
    }

    /// Whether the axis starts above zero (a broken axis, which the chart must mark).
    pub fn is_broken(&self) -> bool {
        self.low > 0.0
    }
}

/// A "nice" axis maximum and tick step for values up to `max`.
///
/// ```
/// use gyokaku::report::chart::axis::nice_scale;
/// assert_eq!(nice_scale(7.0), (8.0, 2.0));
/// assert_eq!(nice_scale(1_184_500.0), (1_250_000.0, 250_000.0));
/// ```
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

/// An axis that includes zero, so that the length of a bar or the height of a line is its
/// value; it reaches below zero when a value is negative. `min` and `max` are the smallest and
/// largest values (infinite when there are none).
///
/// ```
/// use gyokaku::report::chart::axis::{Axis, from_zero};
/// assert_eq!(from_zero(3.0, 7.0), Axis { low: 0.0, high: 8.0, step: 2.0 });
/// assert_eq!(from_zero(-5.0, 100.0), Axis { low: -20.0, high: 100.0, step: 20.0 });
/// ```
pub fn from_zero(min: f64, max: f64) -> Axis {
    let max = if max.is_finite() { max.max(0.0) } else { 0.0 };
    let min = if min.is_finite() { min.min(0.0) } else { 0.0 };
    let (high, step) = nice_scale(max.max(-min));
    let low = if min < 0.0 {
        -((-min / step).ceil() * step)
    } else {
        0.0
    };
    let high = if max > 0.0 || min == 0.0 { high } else { 0.0 };
    Axis { low, high, step }
}

/// The value axis of a line chart in the committee document: from zero, unless every value
/// lies in a narrow band far from zero (a rate of 98.6–99.0 %), where a zero-based axis would
/// flatten the line: then the axis starts at a round value below the smallest one (the chart
/// marks the break and its labels say where it starts).
pub fn value_axis(min: f64, max: f64) -> Axis {
    if !(min.is_finite() && min > 0.0 && max > min && min >= 0.6 * max) {
        return from_zero(min, max);
    }
    let (_, step) = nice_scale(max - min);
    let low = ((min / step).floor() * step - step).max(0.0);
    let high = (max / step).ceil() * step
        + if (max / step).fract() == 0.0 {
            step
        } else {
            0.0
        };
    Axis { low, high, step }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_bands_get_an_axis_that_does_not_start_at_zero() {
        assert_eq!(
            value_axis(3.0, 7.0),
            Axis {
                low: 0.0,
                high: 8.0,
                step: 2.0
            },
            "counts start at zero"
        );
        let axis = value_axis(98.6, 99.0);
        assert!(axis.is_broken());
        assert!(
            axis.low > 90.0 && axis.low < 98.6 && axis.high >= 99.0,
            "{axis:?}"
        );
        assert_eq!(
            value_axis(f64::INFINITY, 0.0),
            Axis {
                low: 0.0,
                high: 1.0,
                step: 1.0
            },
            "no values"
        );
    }

    #[test]
    fn negative_values_stay_inside_the_axis() {
        for (min, max) in [(-5.0, 100.0), (-3.0, -1.0), (-250.0, 10.0), (-0.4, 0.0)] {
            for axis in [from_zero(min, max), value_axis(min, max)] {
                assert!(axis.low <= min && axis.high >= max, "{min} {max}: {axis:?}");
                assert!(axis.low <= 0.0 && axis.high >= 0.0, "zero inside: {axis:?}");
                assert!(axis.ticks().any(|t| t == 0.0), "a tick at zero: {axis:?}");
            }
        }
    }

    #[test]
    fn nice_scales_and_ticks() {
        assert_eq!(nice_scale(3.0), (3.0, 1.0));
        assert_eq!(nice_scale(0.0), (1.0, 1.0));
        let axis = from_zero(0.0, 1.0);
        assert_eq!(axis.ticks().count(), 2);
        let axis = Axis {
            low: 0.0,
            high: 0.3,
            step: 0.1,
        };
        assert_eq!(axis.ticks().count(), 4, "no tick lost to rounding");
        assert_eq!(axis.decimals(), 1);
    }
}
