//! Typography, shared by the PDF and the checks of submitted text.
//!
//! The embedded fonts, BIZ UDゴシック (regular and bold: headings, tables, notes) and BIZ UD明朝
//! (body text, as public documents are set): read lazily and only as far as needed (the table
//! directory once per process; cmap and hmtx entries per 256-character block on first use),
//! glyph advances for measuring, and the mapping of characters the font lacks to ones it has
//! (never tofu). The font program itself is only touched again when the PDF's subset is made.

use std::sync::OnceLock;

use ttf_parser::{Face as TtfFace, GlyphId};

static REGULAR_BYTES: &[u8] = include_bytes!("../templates/fonts/BIZUDGothic-Regular.ttf");
static BOLD_BYTES: &[u8] = include_bytes!("../templates/fonts/BIZUDGothic-Bold.ttf");
static MINCHO_BYTES: &[u8] = include_bytes!("../templates/fonts/BIZUDMincho-Regular.ttf");

/// The faces used in the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// BIZ UDGothic Regular.
    Regular,
    /// BIZ UDGothic Bold.
    Bold,
    /// BIZ UDMincho (Medium; the only weight): the committee PDF's body text.
    Mincho,
}

impl Face {
    /// Every face, in the order of the PDF's font resources.
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Mincho];
}

/// Characters per block of the glyph table.
const BLOCK: usize = 256;
/// Blocks covering the Basic Multilingual Plane.
const BMP_BLOCKS: usize = 0x1_0000 / BLOCK;

/// Glyph id (high 16 bits) and advance in font units (low 16 bits) of a character;
/// advance `MISSING` (and glyph 0) when the font has no glyph for it.
type Entry = u32;
const MISSING: u16 = u16::MAX;

/// Font-wide metrics for the PDF font descriptor, in font units.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Font units per em.
    pub units_per_em: u16,
    /// Ascender.
    pub ascent: i16,
    /// Descender (negative).
    pub descent: i16,
    /// Height of capital letters.
    pub cap_height: i16,
    /// x min, y min, x max, y max.
    pub bbox: [i16; 4],
    /// OS/2 usWeightClass (400 regular, 700 bold).
    pub weight: u16,
    /// The PostScript name (name id 6), e.g. `BIZUDGothic-Regular`.
    pub postscript_name: String,
}

/// A face: the font file, its parsed table directory and a lazily filled table of glyph ids
/// and advances (one 1 KiB block per 256 BMP characters, made when a character of the block is
/// first measured).
pub struct FontData {
    bytes: &'static [u8],
    face: TtfFace<'static>,
    /// Font-wide metrics.
    pub metrics: Metrics,
    blocks: Box<[OnceLock<Box<[Entry; BLOCK]>>]>,
}

impl FontData {
    fn load(bytes: &'static [u8]) -> Option<FontData> {
        let face = TtfFace::parse(bytes, 0).ok()?;
        let units_per_em = face.units_per_em();
        if units_per_em == 0 {
            return None;
        }
        let bbox = face.global_bounding_box();
        let postscript_name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| {
                n.to_string()
                    .or_else(|| String::from_utf8(n.name.to_vec()).ok())
            })
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_graphic()))?;
        let metrics = Metrics {
            units_per_em,
            ascent: face.ascender(),
            descent: face.descender(),
            cap_height: face.capital_height().unwrap_or_else(|| face.ascender()),
            bbox: [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max],
            weight: face.weight().to_number(),
            postscript_name,
        };
        Some(FontData {
            bytes,
            face,
            metrics,
            blocks: (0..BMP_BLOCKS).map(|_| OnceLock::new()).collect(),
        })
    }

    /// The font file (for subsetting).
    pub fn bytes(&self) -> &'static [u8] {
        self.bytes
    }

    /// Number of glyphs in the font.
    pub fn glyph_count(&self) -> u16 {
        self.face.number_of_glyphs()
    }

    fn lookup(&self, c: char) -> Entry {
        match self.face.glyph_index(c) {
            Some(GlyphId(gid)) if gid != 0 => {
                let units = self
                    .face
                    .glyph_hor_advance(GlyphId(gid))
                    .unwrap_or(0)
                    .min(MISSING - 1);
                u32::from(gid) << 16 | u32::from(units)
            }
            _ => u32::from(MISSING),
        }
    }

    /// Glyph id and advance in font units of a character (`MISSING` advance and glyph 0
    /// when the font lacks it). BMP characters come from the block table; others are
    /// looked up every time.
    fn glyph(&self, c: char) -> (u16, u16) {
        let code = c as usize;
        let entry = match self.blocks.get(code / BLOCK) {
            Some(slot) => {
                let block = slot.get_or_init(|| {
                    let first = code / BLOCK * BLOCK;
                    let mut block = Box::new([u32::from(MISSING); BLOCK]);
                    for (k, entry) in block.iter_mut().enumerate() {
                        if let Some(c) = char::from_u32((first + k) as u32) {
                            *entry = self.lookup(c);
                        }
                    }
                    block
                });
                block[code % BLOCK]
            }
            None => self.lookup(c),
        };
        ((entry >> 16) as u16, (entry & 0xFFFF) as u16)
    }

    fn units(&self, c: char) -> u16 {
        self.glyph(c).1
    }

    /// The glyph id of a character the font has.
    pub fn glyph_id(&self, c: char) -> Option<u16> {
        let (gid, units) = self.glyph(c);
        (units != MISSING).then_some(gid)
    }

    /// Advance of a glyph in 1/1000 em (the PDF widths array).
    pub fn glyph_width(&self, gid: u16) -> u32 {
        self.thousandths(self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0))
    }

    /// Advance of a character's glyph in 1/1000 em, as in the widths array (0 if missing).
    pub fn char_width(&self, c: char) -> u32 {
        match self.units(c) {
            MISSING => 0,
            units => self.thousandths(units),
        }
    }

    /// Font units to 1/1000 em, truncated (as the widths of the fonts written before).
    fn thousandths(&self, units: u16) -> u32 {
        (f32::from(units) * 1000.0 / f32::from(self.metrics.units_per_em)) as u32
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
        self.glyph_advance(c, size)
    }

    /// Advance of the glyph drawn for a character (its substitute when missing), whether or
    /// not the character is shown.
    fn glyph_advance(&self, c: char, size: f32) -> f32 {
        let units = match self.units(c) {
            MISSING => match self.units(substitute(self, c)) {
                MISSING => self.metrics.units_per_em,
                u => u,
            },
            u => u,
        };
        f32::from(units) / f32::from(self.metrics.units_per_em) * size
    }

    /// Width of a string at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// Why the fonts could not be used (the embedded files are broken).
#[derive(Debug, thiserror::Error)]
#[error("埋め込みフォント（BIZ UDゴシック・BIZ UD明朝）を読み込めません")]
pub struct FontError;

/// The face (its tables read once per process, on first use).
pub fn font(face: Face) -> Result<&'static FontData, FontError> {
    static REGULAR: OnceLock<Option<FontData>> = OnceLock::new();
    static BOLD: OnceLock<Option<FontData>> = OnceLock::new();
    static MINCHO: OnceLock<Option<FontData>> = OnceLock::new();
    let slot = match face {
        Face::Regular => REGULAR.get_or_init(|| FontData::load(REGULAR_BYTES)),
        Face::Bold => BOLD.get_or_init(|| FontData::load(BOLD_BYTES)),
        Face::Mincho => MINCHO.get_or_init(|| FontData::load(MINCHO_BYTES)),
    };
    slot.as_ref().ok_or(FontError)
}

/// Whether every face a submitted text can be printed in (any of [`Face::ALL`]: table cells
/// in ゴシック, paragraphs in 明朝, bold labels) has a glyph for `c`. A face whose font cannot
/// be read is not asked (the PDF then fails with [`FontError`] anyway).
pub fn printable_in_every_face(c: char) -> bool {
    Face::ALL
        .iter()
        .all(|face| font(*face).map_or(true, |f| f.has_glyph(c)))
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
    let text = crate::text::clean(text);
    // Sized once (substitutes are no longer than what they replace, in UTF-8 bytes or
    // more rarely a little longer: the string then grows as usual).
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(match c {
            '\n' => '\n',
            c if c.is_control() => ' ',
            c if font.has_glyph(c) => c,
            c => substitute(font, c),
        });
    }
    out
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
        for face in Face::ALL {
            let f = font(face).unwrap();
            let full = f.advance('あ', 10.0);
            assert!((full - 10.0).abs() < 0.01, "{full}");
            assert!((f.advance('A', 10.0) - 5.0).abs() < 0.01);
            assert!((f.width("あA", 10.0) - 15.0).abs() < 0.02);
            assert_eq!(f.glyph_width(f.glyph_id('あ').unwrap()), 1000);
            assert_eq!(f.glyph_width(f.glyph_id('A').unwrap()), 500);
        }
    }

    /// Named glyphs and whole character sets, checked against the font read directly with
    /// ttf-parser (cmap and hmtx), not against a fingerprint copied from another library:
    /// every character of U+0000–U+2FFFF gets the glyph and advance the font's own tables
    /// give; kana and ASCII are all present, full-width kana one em and ASCII half an em.
    #[test]
    fn glyphs_and_advances_are_the_fonts_own() {
        for face in Face::ALL {
            let f = font(face).unwrap();
            let ttf = TtfFace::parse(f.bytes(), 0).unwrap();
            let upem = f32::from(ttf.units_per_em());
            for c in (0u32..0x30000).filter_map(char::from_u32) {
                let direct = ttf.glyph_index(c).filter(|g| g.0 != 0);
                assert_eq!(
                    f.glyph_id(c),
                    direct.map(|g| g.0),
                    "{face:?} U+{:04X}",
                    c as u32
                );
                if let Some(g) = direct {
                    let units = f32::from(ttf.glyph_hor_advance(g).unwrap_or(0));
                    let want = units / upem * 1000.0;
                    assert!(
                        (f.glyph_advance(c, 1000.0) - want).abs() < 0.01,
                        "{face:?} U+{:04X} advance",
                        c as u32
                    );
                }
            }
            let kana = ('\u{3041}'..='\u{3096}').chain('\u{30A1}'..='\u{30FA}');
            for c in kana {
                assert!(f.has_glyph(c), "{face:?} {c}");
                assert_eq!(f.advance(c, 1000.0), 1000.0, "{face:?} {c}");
            }
            for c in '\u{21}'..='\u{7E}' {
                assert!(f.has_glyph(c), "{face:?} {c}");
                assert_eq!(f.advance(c, 1000.0), 500.0, "{face:?} {c}");
            }
        }
        // A few glyphs by name.
        let r = font(Face::Regular).unwrap();
        let b = font(Face::Bold).unwrap();
        assert_eq!(r.glyph_id('あ'), Some(375));
        assert_eq!(r.glyph_id('一'), Some(2164));
        assert_eq!(b.glyph_id('ｱ'), Some(12434));
        assert_eq!(r.advance('▶', 1000.0), 500.0);
        assert_eq!(r.advance('―', 1000.0), 1000.0);
        assert_eq!(r.glyph_id('𠮷'), None);
        assert_eq!(r.advance('𠮷', 1000.0), 1000.0, "measured as 〓");
    }

    #[test]
    fn descriptor_metrics_are_read_from_the_font() {
        let r = font(Face::Regular).unwrap();
        let b = font(Face::Bold).unwrap();
        assert_eq!(r.metrics.postscript_name, "BIZUDGothic-Regular");
        assert_eq!(b.metrics.postscript_name, "BIZUDGothic-Bold");
        let m = font(Face::Mincho).unwrap();
        assert_eq!(m.metrics.postscript_name, "BIZUDMincho-Regular");
        assert!(r.metrics.weight < b.metrics.weight);
        assert!(r.metrics.ascent > 0 && r.metrics.descent < 0);
        assert!(r.glyph_count() > 1000);
    }

    /// The check of submitted text asks every face: a character one face lacks is reported.
    /// The three faces cover the same characters (Morisawa's BIZ UD sets), so today the
    /// answer equals each face's own.
    #[test]
    fn the_check_of_submitted_text_covers_every_face() {
        let faces: Vec<&FontData> = Face::ALL.iter().map(|f| font(*f).unwrap()).collect();
        let mut differ = 0;
        for c in (0u32..0x30000).filter_map(char::from_u32) {
            let each: Vec<bool> = faces.iter().map(|f| f.has_glyph(c)).collect();
            assert_eq!(
                printable_in_every_face(c),
                each.iter().all(|h| *h),
                "U+{:04X}",
                c as u32
            );
            differ += usize::from(each.iter().any(|h| *h != each[0]));
        }
        assert_eq!(differ, 0, "characters only some faces have");
        assert!(printable_in_every_face('漢') && !printable_in_every_face('➢'));
    }

    #[test]
    fn characters_outside_the_bmp_and_in_every_block_are_consistent() {
        let f = font(Face::Regular).unwrap();
        // Same answer from the block table and from a direct lookup.
        for c in ['A', 'あ', '漢', '〓', '\u{FFFF}', '𠮷'] {
            let direct = f.lookup(c);
            assert_eq!(
                f.glyph(c),
                ((direct >> 16) as u16, (direct & 0xFFFF) as u16),
                "{c}"
            );
        }
        // A character the font lacks measures as its substitute.
        assert_eq!(f.advance('➢', 10.0), f.advance(substitute(f, '➢'), 10.0));
    }
}
