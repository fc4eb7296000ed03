//! The one palette of every output: a fixed colour for each evaluation level (by its rank in
//! the scale, best first) and for "no evaluation / no status" (未評価), used by the PDF charts,
//! the workbook's charts, the web pages' SVG and CSS, and the newsletter.
//!
//! Level fills alternate dark and light so that neighbouring segments of a stacked bar differ
//! by at least 3:1 (WCAG 1.4.11); each fill carries the text colour readable on it (≥ 4.5:1).
//! Line charts draw the actual values and the plan's figures in [`ACTUAL_LINE`] and
//! [`PLAN_LINE`].

use std::fmt;

/// A colour as red, green and blue bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// 0xRRGGBB (for rust_xlsxwriter).
    pub const fn hex(self) -> u32 {
        (self.0 as u32) << 16 | (self.1 as u32) << 8 | self.2 as u32
    }
}

/// "#rrggbb" (for SVG and CSS).
impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// A fill colour and the text colour readable on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    /// The fill.
    pub fill: Rgb,
    /// Text drawn on the fill.
    pub text: Rgb,
}

const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
const BLACK: Rgb = Rgb(0, 0, 0);

/// The levels' swatches by rank, best first (a longer scale starts over).
pub const LEVELS: [Swatch; 6] = [
    Swatch {
        fill: Rgb(0x1f, 0x4e, 0x79),
        text: WHITE,
    },
    Swatch {
        fill: Rgb(0x9d, 0xc3, 0xe6),
        text: BLACK,
    },
    Swatch {
        fill: Rgb(0xa6, 0x4a, 0x0c),
        text: WHITE,
    },
    Swatch {
        fill: Rgb(0xf4, 0xb1, 0x83),
        text: BLACK,
    },
    Swatch {
        fill: Rgb(0x5f, 0x5f, 0x5f),
        text: WHITE,
    },
    Swatch {
        fill: Rgb(0xd0, 0xd0, 0xd0),
        text: BLACK,
    },
];

/// 未評価 (and 状況の報告なし): no level, light grey.
pub const NONE: Swatch = Swatch {
    fill: Rgb(0xe3, 0xe3, 0xe3),
    text: BLACK,
};

/// The line of reported values in line charts.
pub const ACTUAL_LINE: Rgb = Rgb(0x1f, 0x4e, 0x79);
/// The lines of the plan's figures (baseline, targets) in line charts.
pub const PLAN_LINE: Rgb = Rgb(0xa6, 0x4a, 0x0c);

/// The swatch of level `k` (0 = best) of a scale of `levels`; `k >= levels` is 未評価.
///
/// ```
/// use gyokaku::report::palette::{NONE, level};
/// assert_eq!(level(4, 4), NONE);
/// assert_ne!(level(0, 4), level(1, 4));
/// ```
pub fn level(k: usize, levels: usize) -> Swatch {
    if k >= levels {
        NONE
    } else {
        LEVELS[k % LEVELS.len()]
    }
}

/// The swatches of a count table's columns (each level or status, then the column of those
/// without one, as [`crate::report::model::Summary::columns`] lists them); the columns from
/// `ranked` on (levels outside the ranking, then the last) take the neutral colour.
pub fn columns(n: usize, ranked: usize) -> Vec<Swatch> {
    let levels = ranked.min(n.saturating_sub(1));
    (0..n).map(|k| level(k, levels)).collect()
}

/// The hatching of series `k` of a stacked chart (in the order of its columns: the levels
/// best first, then 未評価), drawn in the swatch's text colour over its fill, so the series
/// differ in greyscale and black-and-white print too; the same in the PDF charts and the
/// workbook's charts (a longer series list starts over).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hatch {
    /// The fill alone.
    Solid,
    /// Diagonal lines rising to the right (／).
    Upward,
    /// Diagonal lines falling to the right (＼).
    Downward,
    /// Horizontal lines.
    Horizontal,
    /// Both diagonals (a diamond grid).
    Cross,
    /// Vertical lines.
    Vertical,
}

/// The hatching of series `k`.
///
/// ```
/// use gyokaku::report::palette::{Hatch, hatch};
/// assert_eq!(hatch(0), Hatch::Solid);
/// assert_eq!(hatch(6), Hatch::Solid);
/// assert_ne!(hatch(1), hatch(2));
/// ```
pub fn hatch(k: usize) -> Hatch {
    const ORDER: [Hatch; 6] = [
        Hatch::Solid,
        Hatch::Upward,
        Hatch::Downward,
        Hatch::Horizontal,
        Hatch::Cross,
        Hatch::Vertical,
    ];
    ORDER[k % ORDER.len()]
}

/// The colour of line `k` of a line chart: the actual values, then the plan's figures.
pub fn line(k: usize) -> Rgb {
    if k == 0 { ACTUAL_LINE } else { PLAN_LINE }
}

/// Relative luminance (WCAG 2).
pub fn luminance(c: Rgb) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// Contrast ratio of two colours (WCAG 2): 1 to 21.
///
/// ```
/// use gyokaku::report::palette::{Rgb, contrast};
/// let (black, white) = (Rgb(0, 0, 0), Rgb(255, 255, 255));
/// assert!((contrast(black, white) - 21.0).abs() < 1e-9);
/// assert!((contrast(white, white) - 1.0).abs() < 1e-9);
/// ```
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
        // WCAG's example: #777777 on white is just under 4.5:1.
        let grey = contrast(Rgb(0x77, 0x77, 0x77), WHITE);
        assert!(grey > 4.47 && grey < 4.49, "{grey}");
    }

    #[test]
    fn text_is_readable_on_every_fill() {
        for (k, s) in LEVELS.iter().chain([&NONE]).enumerate() {
            assert!(
                contrast(s.fill, s.text) >= 4.5,
                "{k}: {} on {}",
                s.text,
                s.fill
            );
        }
        for c in [ACTUAL_LINE, PLAN_LINE] {
            assert!(contrast(c, WHITE) >= 4.5, "line {c} on white");
        }
    }

    /// Neighbouring segments of a stacked bar: level k beside k + 1 (also where a longer
    /// scale starts over), and 未評価 beside each dark level.
    #[test]
    fn neighbouring_fills_differ_by_three_to_one() {
        for k in 0..LEVELS.len() {
            let (a, b) = (LEVELS[k].fill, LEVELS[(k + 1) % LEVELS.len()].fill);
            assert!(contrast(a, b) >= 3.0, "{k}: {a} beside {b}");
        }
        for s in LEVELS.iter().filter(|s| s.text == WHITE) {
            assert!(
                contrast(s.fill, NONE.fill) >= 3.0,
                "{} beside 未評価",
                s.fill
            );
        }
    }

    #[test]
    fn colours_are_fixed_by_meaning() {
        assert_eq!(level(0, 4), level(0, 6), "level 1 is the same in any scale");
        assert_eq!(level(4, 4), NONE);
        assert_eq!(columns(5, 4).last(), Some(&NONE));
        assert_eq!(columns(5, 3)[3], NONE);
        assert_eq!(format!("{}", LEVELS[0].fill), "#1f4e79");
        assert_eq!(LEVELS[0].fill.hex(), 0x1F4E79);
    }
}
