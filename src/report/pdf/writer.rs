//! The file layer of the PDFs: pdf-writer's `Pdf` (typed objects appended to one growing
//! buffer as they are made, the cross-reference table and the trailer) with the object
//! numbers handed out here, streams Flate-compressed by libdeflate, and a file /ID derived
//! from the content, so equal documents are equal bytes. Page content streams are
//! pdf-writer's `Content` too (see `layout::canvas`).

use libdeflater::{CompressionLvl, Compressor};
use pdf_writer::{Filter, Pdf, Settings, Stream, XRefFilter};
use sha2::{Digest, Sha256};

pub use pdf_writer::Ref;

/// Deflate level of the streams (libdeflate). Measured on the 1,009 pages of content of the
/// 1,000-page report (7.0 MB): level 1 compresses to 1.73 MB in 20 ms; level 6 to 1.64 MB in
/// 45 ms; zlib-rs (flate2, the zip crate's backend) takes 17 ms for 2.28 MB at level 1 and
/// 69 ms for 1.64 MB at level 6, miniz_oxide 47–101 ms.
const LEVEL: i32 = 1;

/// The file being written.
pub struct PdfWriter {
    /// The objects written so far (write them with pdf-writer's typed writers).
    pub pdf: Pdf,
    /// The last object number handed out.
    last: i32,
    /// One compressor reused for every stream.
    deflate: Compressor,
    /// Compressed bytes of the stream being written.
    scratch: Vec<u8>,
}

impl Default for PdfWriter {
    fn default() -> Self {
        PdfWriter::new()
    }
}

impl PdfWriter {
    /// A PDF 1.7 file with its header, written compactly (no indentation).
    pub fn new() -> PdfWriter {
        let mut pdf = Pdf::with_settings_and_capacity(Settings { pretty: false }, 64 * 1024);
        pdf.set_version(1, 7);
        PdfWriter {
            pdf,
            last: 0,
            deflate: Compressor::new(CompressionLvl::new(LEVEL).unwrap_or_default()),
            scratch: Vec::new(),
        }
    }

    /// A new object number, to be written later (or now). Each number is written once.
    pub fn reserve(&mut self) -> Ref {
        self.last += 1;
        Ref::new(self.last)
    }

    /// Starts a Flate-compressed stream (written as it is if the compressor fails); entries
    /// are added to its dictionary through the returned writer.
    pub fn stream<'a>(&'a mut self, r: Ref, data: &'a [u8]) -> Stream<'a> {
        let bound = self.deflate.zlib_compress_bound(data.len());
        if self.scratch.len() < bound {
            self.scratch.resize(bound, 0);
        }
        match self.deflate.zlib_compress(data, &mut self.scratch) {
            Ok(n) => {
                let mut stream = self.pdf.stream(r, &self.scratch[..n]);
                stream.filter(Filter::FlateDecode);
                stream
            }
            Err(_) => self.pdf.stream(r, data),
        }
    }

    /// The cross-reference stream with the trailer entries (/Root and /Info written through
    /// `pdf.catalog` and `pdf.document_info`); returns the file. The /ID is a digest of
    /// every object: equal documents, equal ids. A compressed stream (PDF 1.5, allowed by
    /// PDF/A-2) rather than a table of 20 bytes per object: the structure tree makes
    /// objects many (about 55 per page), and the table would be a sixth of the file.
    pub fn finish(mut self) -> Vec<u8> {
        let digest = Sha256::digest(self.pdf.as_bytes());
        let (first, second) = digest.split_at(16);
        self.pdf.set_file_id((first.to_vec(), second.to_vec()));
        let xref = self.reserve();
        let mut deflate = self.deflate;
        self.pdf.finish_with_xref_stream_and_filter(xref, |data| {
            let mut out = vec![0; deflate.zlib_compress_bound(data.len())];
            match deflate.zlib_compress(data, &mut out) {
                Ok(n) => {
                    out.truncate(n);
                    (out, XRefFilter::Single(Filter::FlateDecode))
                }
                Err(_) => (data.to_vec(), XRefFilter::Multiple(Vec::new())),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_file_has_offsets_that_point_at_its_objects() {
        let mut w = PdfWriter::new();
        let catalog = w.reserve();
        let content = w.reserve();
        let unused = w.reserve();
        let info = w.reserve();
        w.stream(content, b"0 0 m 1 1 l S");
        w.pdf.catalog(catalog);
        w.pdf.document_info(info).title(pdf_writer::TextStr("t"));
        let _ = unused;
        let bytes = w.finish();
        assert!(bytes.starts_with(b"%PDF-1.7\n%"));
        assert!(bytes.ends_with(b"%%EOF"));
        // startxref leads to the cross-reference stream, the last object.
        let find = |from: usize, needle: &[u8]| {
            bytes[from..]
                .windows(needle.len())
                .position(|w| w == needle)
                .map(|p| p + from)
                .unwrap()
        };
        let tail = find(0, b"startxref\n") + 10;
        let at: usize = String::from_utf8_lossy(&bytes[tail..bytes.len() - 6])
            .trim()
            .parse()
            .unwrap();
        let start = find(at, b"stream\n") + 7;
        let xref = String::from_utf8_lossy(&bytes[at..start]).into_owned();
        assert!(xref.starts_with("5 0 obj\n<<"), "{xref}");
        assert!(xref.contains("/Type/XRef"), "{xref}");
        assert!(xref.contains("/Root 1 0 R/Info 4 0 R"), "{xref}");
        assert!(xref.contains("/ID["), "{xref}");
        // Its entries: (type, offset or next free, generation) in the widths of /W.
        let w_at = xref.find("/W[").unwrap() + 3;
        let widths: Vec<usize> = xref[w_at..xref[w_at..].find(']').unwrap() + w_at]
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        let end = find(start, b"\nendstream");
        let mut data = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::ZlibDecoder::new(&bytes[start..end]),
            &mut data,
        )
        .unwrap();
        let field = |row: &[u8], k: usize| {
            let from: usize = widths[..k].iter().sum();
            row[from..from + widths[k]]
                .iter()
                .fold(0usize, |v, b| v * 256 + usize::from(*b))
        };
        let rows: Vec<&[u8]> = data.chunks(widths.iter().sum()).collect();
        assert_eq!(rows.len(), 6, "objects 0 to 5");
        assert_eq!((field(rows[0], 0), field(rows[0], 2)), (0, 65535));
        assert_eq!(field(rows[3], 0), 0, "the unused number is free");
        for k in [1, 2, 4, 5] {
            assert_eq!(field(rows[k], 0), 1, "object {k} in use");
            let offset = field(rows[k], 1);
            assert!(bytes[offset..].starts_with(format!("{k} 0 obj").as_bytes()));
        }
    }

    /// The data of the (only) stream in a file.
    fn stream_data(bytes: &[u8]) -> &[u8] {
        let find = |needle: &[u8]| bytes.windows(needle.len()).position(|w| w == needle);
        let start = find(b"stream\n").unwrap() + 7;
        let end = find(b"\nendstream").unwrap();
        &bytes[start..end]
    }

    #[test]
    fn streams_are_flate_compressed_and_round_trip() {
        use std::io::Read;
        let data: Vec<u8> = (0..100_000u32).flat_map(|v| v.to_le_bytes()).collect();
        for data in [&data[..], b"BT ET"] {
            let mut w = PdfWriter::new();
            let r = w.reserve();
            w.stream(r, data);
            let bytes = w.finish();
            assert!(String::from_utf8_lossy(&bytes).contains("/Filter/FlateDecode"));
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(stream_data(&bytes))
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, data);
        }
    }

    #[test]
    fn equal_documents_are_equal_bytes_and_ids_follow_the_content() {
        let file = |text: &str| {
            let mut w = PdfWriter::new();
            let r = w.reserve();
            w.pdf.catalog(r);
            let info = w.reserve();
            w.pdf.document_info(info).title(pdf_writer::TextStr(text));
            w.finish()
        };
        assert_eq!(file("a"), file("a"));
        let id = |bytes: Vec<u8>| {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            text[text.find("/ID").unwrap()..].to_string()
        };
        assert_ne!(id(file("a")), id(file("b")));
    }
}
