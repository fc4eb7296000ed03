//! The QR code of the web page's address, drawn as rectangles with the PDF layout engine.

use crate::report::pdf::layout::Doc;

use super::{BLACK, WHITE};

/// The QR code of a text as dark modules (row, column) and its width in modules, or None
/// when the text is too long for a QR code.
pub(super) fn qr_modules(text: &str) -> Option<(usize, Vec<Vec<bool>>)> {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let rows = colors
        .chunks(width)
        .map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect())
        .collect();
    Some((width, rows))
}

/// Draws a QR code with its quiet zone at (x, top), `size` points wide (quiet zone
/// included): one filled rectangle per horizontal run of dark modules.
pub(super) fn draw_qr(
    doc: &mut Doc,
    x: f32,
    top: f32,
    size: f32,
    modules: &(usize, Vec<Vec<bool>>),
) {
    let (width, rows) = modules;
    let quiet = 4usize;
    let cell = size / (*width + 2 * quiet) as f32;
    doc.fill_rect(x, top, size, size, WHITE);
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        while c < row.len() {
            if !row[c] {
                c += 1;
                continue;
            }
            let start = c;
            while c < row.len() && row[c] {
                c += 1;
            }
            doc.fill_rect(
                x + (quiet + start) as f32 * cell,
                top + (quiet + r) as f32 * cell,
                (c - start) as f32 * cell + 0.05,
                cell + 0.05,
                BLACK,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_modules_have_finder_patterns() {
        let (width, rows) = qr_modules("https://www.example.jp/gyokaku/2023/").unwrap();
        assert!(width >= 21 && width % 4 == 1, "{width}");
        assert_eq!(rows.len(), width);
        // The top-left finder pattern: a dark 7-module border.
        assert!(rows[0][..7].iter().all(|d| *d));
        assert!(rows[6][..7].iter().all(|d| *d));
        assert!(!rows[1][1] && rows[2][2]);
        assert!(qr_modules(&"x".repeat(5000)).is_none());
    }
}
