//! The fill of a series in the workbook's stacked charts: the palette's colour of its level
//! and the hatching of its position ([`palette::hatch`]), as the PDF draws them, so the
//! levels read apart in greyscale print.

use rust_xlsxwriter::{ChartFormat, ChartPatternFill, ChartPatternFillType, ChartSolidFill, Color};

use crate::report::palette::{self, Hatch, Swatch};

/// The format of series `k` filled with `swatch`: the fill alone for [`Hatch::Solid`], else
/// lines in the swatch's text colour over its fill.
pub(super) fn series(k: usize, swatch: Swatch) -> ChartFormat {
    let fill = Color::RGB(swatch.fill.hex());
    let ink = Color::RGB(swatch.text.hex());
    let pattern = match palette::hatch(k) {
        Hatch::Solid => None,
        Hatch::Upward => Some(ChartPatternFillType::DiagonalStripesWideUpwards),
        Hatch::Downward => Some(ChartPatternFillType::DiagonalStripesWideDownwards),
        Hatch::Horizontal => Some(ChartPatternFillType::HorizontalStripesDark),
        Hatch::Cross => Some(ChartPatternFillType::OutlinedDiamondGrid),
        Hatch::Vertical => Some(ChartPatternFillType::VerticalStripesDark),
    };
    let mut format = ChartFormat::new();
    match pattern {
        None => format.set_solid_fill(ChartSolidFill::new().set_color(fill)),
        Some(pattern) => format.set_pattern_fill(
            ChartPatternFill::new()
                .set_pattern(pattern)
                .set_foreground_color(ink)
                .set_background_color(fill),
        ),
    };
    format
}
