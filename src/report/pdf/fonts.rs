//! The embedded BIZ UDゴシック fonts: parsed once, glyph advances for measuring, and the
//! mapping of characters the font lacks to ones it has (never tofu).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use printpdf::ParsedFont;

static REGULAR_BYTES: &[u8] = include_bytes!("../../../templates/fonts/BIZUDGothic-Regular.ttf");
static BOLD_BYTES: &[u8] = include_bytes!("../../../templates/fonts/BIZUDGothic-Bold.ttf");

/// The two faces used in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
}

/// A parsed face with a cache of glyph advances per BMP character.
pub struct FontData {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Glyph id (high 16 bits) and advance in font units (low 16 bits) per BMP code point,
    /// filled on first use: `UNKNOWN` until looked up, advance `MISSING` when there is no glyph.
    advances: Vec<AtomicU32>,
}

const MISSING: u16 = u16::MAX;
const UNKNOWN: u32 = u32::MAX;

impl FontData {
    fn load(bytes: &[u8]) -> Option<FontData> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)?;
        let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
        let advances = (0..=0xFFFF).map(|_| AtomicU32::new(UNKNOWN)).collect();
        Some(FontData {
            parsed,
            units_per_em,
            advances,
        })
    }

    /// Glyph id and advance in font units of a character (`MISSING` advance and glyph 0
    /// when the font lacks it). BMP characters are cached; others are looked up every time.
    fn glyph(&self, c: char) -> (u16, u16) {
        let lookup = || match self.parsed.lookup_glyph_index(c as u32) {
            Some(gid) if gid != 0 => (
                gid,
                self.parsed.get_horizontal_advance(gid).min(MISSING - 1),
            ),
            _ => (0, MISSING),
        };
        let Some(slot) = self.advances.get(c as usize) else {
            return lookup();
        };
        match slot.load(Ordering::Relaxed) {
            UNKNOWN => {
                let (gid, units) = lookup();
                slot.store(u32::from(gid) << 16 | u32::from(units), Ordering::Relaxed);
                (gid, units)
            }
            known => ((known >> 16) as u16, (known & 0xFFFF) as u16),
        }
    }

    fn units(&self, c: char) -> u16 {
        self.glyph(c).1
    }

    /// The glyph id of a character the font has.
    pub fn glyph_id(&self, c: char) -> Option<u16> {
        let (gid, units) = self.glyph(c);
        (units != MISSING).then_some(gid)
    }

    /// Whether the face has a glyph for the character.
    pub fn has_glyph(&self, c: char) -> bool {
        self.units(c) != MISSING
    }

    /// Advance of a character at `size` points (missing glyphs measure as their substitute;
    /// invisible characters, which [`printable`] removes, measure 0).
    pub fn advance(&self, c: char, size: f32) -> f32 {
        if crate::text::is_invisible(c) {
            return 0.0;
        }
        let units = match self.units(c) {
            MISSING => match self.units(substitute(self, c)) {
                MISSING => 1000,
                u => u,
            },
            u => u,
        };
        f32::from(units) / self.units_per_em * size
    }

    /// Width of a string at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// Why the fonts could not be used (the embedded files are broken).
#[derive(Debug, thiserror::Error)]
#[error("埋め込みフォント（BIZ UDゴシック）を読み込めません")]
pub struct FontError;

/// The parsed face (parsed once per process).
pub fn font(face: Face) -> Result<&'static FontData, FontError> {
    static REGULAR: OnceLock<Option<FontData>> = OnceLock::new();
    static BOLD: OnceLock<Option<FontData>> = OnceLock::new();
    let slot = match face {
        Face::Regular => REGULAR.get_or_init(|| FontData::load(REGULAR_BYTES)),
        Face::Bold => BOLD.get_or_init(|| FontData::load(BOLD_BYTES)),
    };
    slot.as_ref().ok_or(FontError)
}

/// A character the font has, standing for one it lacks.
fn substitute(font: &FontData, c: char) -> char {
    let candidates: &[char] = match c {
        '➢' | '➤' | '►' | '➔' | '→' => &['▶', '・'],
        '•' | '●' => &['●', '・'],
        '\t' => &[' '],
        _ => &['〓', '?'],
    };
    candidates
        .iter()
        .copied()
        .find(|s| font.has_glyph(*s))
        .unwrap_or('?')
}

/// The text with invisible format characters and variation selectors removed
/// ([`crate::text::clean`]), every character the face lacks replaced by one it has (one 〓
/// per character, also outside the BMP), and control characters (other than line breaks)
/// turned into spaces.
pub fn printable(font: &FontData, text: &str) -> String {
    crate::text::clean(text)
        .chars()
        .map(|c| match c {
            '\n' => '\n',
            c if c.is_control() => ' ',
            c if font.has_glyph(c) => c,
            c => substitute(font, c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_bullet_maps_to_an_existing_glyph() {
        let f = font(Face::Regular).unwrap();
        assert!(
            !f.has_glyph('➢'),
            "the seed's bullet is not in BIZ UDGothic"
        );
        let p = printable(f, "➢ 取組");
        assert!(p.chars().all(|c| f.has_glyph(c)), "{p}");
        assert!(p.starts_with('▶') || p.starts_with('・'));
        assert!(f.has_glyph('あ') && f.has_glyph('A'));
    }

    #[test]
    fn invisible_characters_vanish_and_missing_ones_are_one_geta_each() {
        let f = font(Face::Regular).unwrap();
        assert_eq!(printable(f, "葛\u{E0100}城\u{200B}市\u{202E}"), "葛城市");
        assert_eq!(printable(f, "A😀B\u{E000}C"), "A〓B〓C");
        assert_eq!(printable(f, "👨\u{200D}👩"), "〓〓");
    }

    #[test]
    fn full_width_is_twice_half_width() {
        let f = font(Face::Regular).unwrap();
        let full = f.advance('あ', 10.0);
        assert!((full - 10.0).abs() < 0.01, "{full}");
        assert!((f.advance('A', 10.0) - 5.0).abs() < 0.01);
        assert!((f.width("あA", 10.0) - 15.0).abs() < 0.02);
    }
}
