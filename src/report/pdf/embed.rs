//! Embedding a face in the PDF: the glyphs a document uses get consecutive character ids in
//! order of first use (so pages can be written before the document is complete), and at the
//! end the face is subset to exactly those glyphs and written as a Type0 font with an
//! Identity-H encoding, a CIDFontType2 descendant with its widths, a font descriptor, the
//! subset font program and a ToUnicode map (so text can be searched and copied).

use super::fonts::FontData;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::writers::Widths;
use pdf_writer::{Buf, Finish, Name, Rect, Str};

use super::writer::{PdfWriter, Ref};

/// The glyphs of one face used in a document.
pub struct GlyphSet {
    font: &'static FontData,
    /// Character id by glyph id of the font (0 = not used yet); made on first use.
    cids: Vec<u16>,
    /// Glyph id and the character it was first drawn for, by character id - 1.
    used: Vec<(u16, char)>,
}

impl GlyphSet {
    pub fn new(font: &'static FontData) -> GlyphSet {
        GlyphSet {
            font,
            cids: Vec::new(),
            used: Vec::new(),
        }
    }

    /// The character id of a glyph, drawn for `c` (ids are given in order of first use,
    /// starting at 1; 0 is the font's .notdef).
    pub fn cid(&mut self, gid: u16, c: char) -> u16 {
        if self.cids.is_empty() {
            self.cids = vec![0; usize::from(self.font.glyph_count())];
        }
        let Some(slot) = self.cids.get_mut(usize::from(gid)) else {
            return 0;
        };
        if *slot == 0 && gid != 0 {
            self.used.push((gid, c));
            *slot = self.used.len() as u16;
        }
        *slot
    }

    /// Whether no glyph was used.
    pub fn is_empty(&self) -> bool {
        self.used.is_empty()
    }

    /// Number of glyphs used.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.used.len()
    }

    /// Writes the font objects; `tag` is the six-letter subset tag. Returns the Type0 font.
    pub fn write(&self, w: &mut PdfWriter, tag: &str) -> Ref {
        self.write_program(w, tag, self.subset())
    }

    /// Writes the font objects with the subset font program, or with the whole font if
    /// there is none.
    fn write_program(&self, w: &mut PdfWriter, tag: &str, subset: Option<Vec<u8>>) -> Ref {
        let font = self.font;
        let m = &font.metrics;
        let name = format!("{tag}+{}", m.postscript_name);
        let (program, cid_to_gid) = match subset {
            Some(program) => (program, None),
            // A subsetting failure (a bug, the fonts are fixed) costs size, not the document:
            // the whole font is embedded and character ids are mapped to its glyphs.
            None => (font.bytes().to_vec(), Some(self.cid_to_gid_map())),
        };
        let type0 = w.reserve();
        let cid_font = w.reserve();
        let descriptor = w.reserve();
        let file = w.reserve();
        let to_unicode = w.reserve();
        let map = cid_to_gid.as_ref().map(|_| w.reserve());
        let name = Name(name.as_bytes());

        w.pdf
            .type0_font(type0)
            .base_font(name)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_font)
            .to_unicode(to_unicode);
        let mut cid = w.pdf.cid_font(cid_font);
        cid.subtype(CidFontType::Type2)
            .base_font(name)
            .system_info(SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"Identity"),
                supplement: 0,
            })
            .font_descriptor(descriptor)
            .default_width(1000.0);
        match map {
            Some(map) => cid.cid_to_gid_map_stream(map),
            None => cid.cid_to_gid_map_predefined(Name(b"Identity")),
        };
        self.widths(cid.widths());
        cid.finish();
        let scale = |v: i16| (f32::from(v) * 1000.0 / f32::from(m.units_per_em)).round();
        // No table carries the stem width; the usual estimate from the weight class
        // (88 at 400, 166 at 700).
        let weight = f32::from(m.weight) / 65.0;
        w.pdf
            .font_descriptor(descriptor)
            .name(name)
            // Non-symbolic, upright.
            .flags(FontFlags::NON_SYMBOLIC)
            .italic_angle(0.0)
            .ascent(scale(m.ascent))
            .descent(scale(m.descent))
            .cap_height(scale(m.cap_height))
            .stem_v(50.0 + (weight * weight).round())
            .bbox(Rect::new(
                scale(m.bbox[0]),
                scale(m.bbox[1]),
                scale(m.bbox[2]),
                scale(m.bbox[3]),
            ))
            .font_file2(file);
        w.stream(file, &program)
            .pair(Name(b"Length1"), program.len() as i32);
        w.stream(to_unicode, &self.to_unicode());
        if let (Some(map), Some(data)) = (map, cid_to_gid) {
            w.stream(map, &data);
        }
        type0
    }

    /// The font program with only the used glyphs, renumbered to their character ids.
    fn subset(&self) -> Option<Vec<u8>> {
        let mut remapper = subsetter::GlyphRemapper::new();
        for (gid, _) in &self.used {
            remapper.remap(*gid);
        }
        // The subsetter numbers glyphs in the order given (after .notdef), which is the
        // order of the character ids; checked rather than assumed.
        let consistent = self
            .used
            .iter()
            .enumerate()
            .all(|(k, (gid, _))| usize::from(remapper.get(*gid).unwrap_or(0)) == k + 1);
        if !consistent {
            return None;
        }
        subsetter::subset(self.font.bytes(), 0, &remapper).ok()
    }

    /// The character id to glyph id map of the whole font (2 bytes per id), for the fallback.
    fn cid_to_gid_map(&self) -> Vec<u8> {
        let mut data = vec![0, 0];
        for (gid, _) in &self.used {
            data.extend_from_slice(&gid.to_be_bytes());
        }
        data
    }

    /// The widths array: runs of consecutive ids whose width is not the default 1000.
    fn widths(&self, mut out: Widths) {
        let mut run: Option<(u16, Vec<f32>)> = None;
        for (k, (gid, _)) in self.used.iter().enumerate() {
            let width = self.font.glyph_width(*gid);
            if width == 1000 {
                if let Some((first, widths)) = run.take() {
                    out.consecutive(first, widths);
                }
                continue;
            }
            run.get_or_insert_with(|| (k as u16 + 1, Vec::new()))
                .1
                .push(width as f32);
        }
        if let Some((first, widths)) = run {
            out.consecutive(first, widths);
        }
    }

    /// The ToUnicode CMap: each character id to the character it was drawn for.
    fn to_unicode(&self) -> Buf {
        let mut cmap = UnicodeCmap::new(
            Name(b"Adobe-Identity-UCS"),
            SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"UCS"),
                supplement: 0,
            },
        );
        for (k, (_, c)) in self.used.iter().enumerate() {
            cmap.pair(k as u16 + 1, *c);
        }
        cmap.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pdf::fonts::{Face, font};

    fn set(text: &str) -> GlyphSet {
        let f = font(Face::Regular).unwrap();
        let mut set = GlyphSet::new(f);
        for c in text.chars() {
            set.cid(f.glyph_id(c).unwrap(), c);
        }
        set
    }

    #[test]
    fn ids_are_given_in_order_of_first_use() {
        let f = font(Face::Regular).unwrap();
        let mut s = GlyphSet::new(f);
        let a = f.glyph_id('あ').unwrap();
        let b = f.glyph_id('B').unwrap();
        assert_eq!(s.cid(a, 'あ'), 1);
        assert_eq!(s.cid(b, 'B'), 2);
        assert_eq!(s.cid(a, 'あ'), 1);
        assert_eq!(s.cid(0, '?'), 0, ".notdef stays 0");
        assert_eq!(s.cid(u16::MAX, '?'), 0, "out of range");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn subset_holds_only_the_used_glyphs_with_their_outlines() {
        let s = set("行財政A");
        let program = s.subset().expect("subset");
        let sub = ttf_parser::Face::parse(&program, 0).unwrap();
        // .notdef and the four glyphs, nothing else.
        assert_eq!(sub.number_of_glyphs(), 5);
        let full = ttf_parser::Face::parse(font(Face::Regular).unwrap().bytes(), 0).unwrap();
        for (k, c) in "行財政A".chars().enumerate() {
            let cid = ttf_parser::GlyphId(k as u16 + 1);
            let gid = full.glyph_index(c).unwrap();
            assert_eq!(
                sub.glyph_hor_advance(cid),
                full.glyph_hor_advance(gid),
                "{c}"
            );
            assert_eq!(
                sub.glyph_bounding_box(cid),
                full.glyph_bounding_box(gid),
                "{c}"
            );
        }
        assert!(program.len() < 20_000, "{}", program.len());
    }

    /// A one-page file showing `text` in the set's face, its font written by `write`.
    fn one_page(text: &str, write: impl FnOnce(&GlyphSet, &mut PdfWriter) -> Ref) -> Vec<u8> {
        let f = font(Face::Regular).unwrap();
        let mut glyphs = GlyphSet::new(f);
        let mut content = b"BT /F 12 Tf 1 0 0 1 50 700 Tm <".to_vec();
        for c in text.chars() {
            let cid = glyphs.cid(f.glyph_id(c).unwrap(), c);
            content.extend_from_slice(format!("{cid:04X}").as_bytes());
        }
        content.extend_from_slice(b"> Tj ET");
        let mut w = PdfWriter::new();
        let (catalog, tree, page, stream) = (w.reserve(), w.reserve(), w.reserve(), w.reserve());
        let type0 = write(&glyphs, &mut w);
        w.stream(stream, &content);
        let mut p = w.pdf.page(page);
        p.parent(tree)
            .media_box(Rect::new(0.0, 0.0, 300.0, 800.0))
            .contents(stream);
        p.resources().fonts().pair(Name(b"F"), type0);
        p.finish();
        w.pdf.pages(tree).count(1).kids([page]);
        w.pdf.catalog(catalog).pages(tree);
        w.finish()
    }

    fn have(tool: &str) -> bool {
        std::process::Command::new(tool).arg("-v").output().is_ok()
    }

    /// Runs a tool on the bytes as a file; its standard output.
    fn run(tool: &str, args: &[&str], pdf: &[u8]) -> String {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), pdf).unwrap();
        let out = std::process::Command::new(tool)
            .args(args)
            .arg(file.path())
            .args(if tool == "pdftotext" {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap();
        assert!(out.status.success(), "{tool}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn subset_and_whole_font_fallback_both_give_the_text_back() {
        if !have("pdftotext") || !have("qpdf") {
            return;
        }
        let text = "行財政改革 Ａ1";
        let subset = one_page(text, |g, w| g.write(w, "GYKREG"));
        let whole = one_page(text, |g, w| g.write_program(w, "GYKREG", None));
        for pdf in [&subset, &whole] {
            run("qpdf", &["--check"], pdf);
            assert_eq!(run("pdftotext", &[], pdf).trim(), text);
        }
        assert!(subset.len() < 40_000, "{}", subset.len());
        assert!(whole.len() > 1_000_000, "the whole font: {}", whole.len());
        let whole_text = String::from_utf8_lossy(&whole);
        assert!(whole_text.contains("/CIDToGIDMap 10 0 R"), "a map stream");
        // The same glyphs on the page either way.
        if have("pdftoppm") {
            let raster = |pdf: &[u8]| {
                let file = tempfile::NamedTempFile::new().unwrap();
                std::fs::write(file.path(), pdf).unwrap();
                let out = std::process::Command::new("pdftoppm")
                    .args(["-r", "72"])
                    .arg(file.path())
                    .output()
                    .unwrap();
                out.stdout
            };
            let (a, b) = (raster(&subset), raster(&whole));
            assert!(a.iter().skip(20).any(|&b| b < 128), "text is drawn");
            assert!(a == b, "subset and whole font rasterise alike");
        }
    }

    #[test]
    fn widths_list_only_non_default_runs() {
        let s = set("あAB漢C");
        let mut pdf = PdfWriter::new();
        let r = pdf.reserve();
        s.widths(pdf.pdf.cid_font(r).widths());
        let bytes = pdf.pdf.as_bytes();
        let text = String::from_utf8_lossy(bytes);
        assert!(text.contains("/W[2[500 500]5[500]]"), "{text}");
    }

    #[test]
    fn to_unicode_maps_ids_back_to_text_in_chunks_of_100() {
        // A character outside the BMP (none is in the font; any glyph stands for it).
        let f = font(Face::Regular).unwrap();
        let mut s = set("あ");
        s.cid(f.glyph_id('A').unwrap(), '𠮷');
        let cmap = String::from_utf8(s.to_unicode().into_vec()).unwrap();
        assert!(cmap.contains("2 beginbfchar\n<0001> <3042>\n<0002> <D842DFB7>\n"));
        let f = font(Face::Regular).unwrap();
        let many: String = ('一'..).filter(|c| f.has_glyph(*c)).take(150).collect();
        let cmap = String::from_utf8(set(&many).to_unicode().into_vec()).unwrap();
        assert!(cmap.contains("100 beginbfchar\n<0001> <4E00>\n"));
        let second = many.chars().nth(100).unwrap();
        assert!(cmap.contains(&format!("50 beginbfchar\n<0065> <{:04X}>\n", second as u32)));
    }
}
