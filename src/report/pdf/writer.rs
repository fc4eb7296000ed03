//! The file layer of the PDFs: pdf-writer's `Pdf` (typed objects appended to one growing
//! buffer as they are made, the cross-reference table and the trailer) with the object
//! numbers handed out here, streams Flate-compressed by libdeflate, and a file /ID derived
//! from the content, so equal documents are equal bytes. Page content streams are
//! pdf-writer's `Content` too (see `layout::canvas`).

use libdeflater::{CompressionLvl, Compressor};
use pdf_writer::{Filter, Pdf, Settings, Stream};
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

    /// The cross-reference table and trailer (with the /Root and /Info written through
    /// `pdf.catalog` and `pdf.document_info`); returns the file. The /ID is a digest of
    /// every object: equal documents, equal ids.
    pub fn finish(mut self) -> Vec<u8> {
        let digest = Sha256::digest(self.pdf.as_bytes());
        let (first, second) = digest.split_at(16);
        self.pdf.set_file_id((first.to_vec(), second.to_vec()));
        self.pdf.finish()
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
        let find = |needle: &[u8]| {
            bytes
                .windows(needle.len())
                .rposition(|w| w == needle)
                .unwrap()
        };
        let xref = find(b"\nxref\n") + 1;
        let tail = String::from_utf8(bytes[xref..].to_vec()).unwrap();
        let startxref: usize = tail.lines().rev().nth(1).unwrap().parse().unwrap();
        assert_eq!(startxref, xref);
        let rows: Vec<&str> = tail.lines().skip(2).take(5).collect();
        assert!(rows[0].starts_with("0000000003 65535 f"), "{rows:?}");
        for (k, row) in [(1, rows[1]), (2, rows[2]), (4, rows[4])] {
            let at: usize = row[..10].parse().unwrap();
            assert!(
                bytes[at..].starts_with(format!("{k} 0 obj").as_bytes()),
                "{row}"
            );
        }
        assert!(
            rows[3].ends_with(" f"),
            "the unused number is free: {rows:?}"
        );
        assert!(tail.contains("/Root 1 0 R/Info 4 0 R"), "{tail}");
        assert!(tail.contains("/ID["), "{tail}");
        assert!(tail.ends_with("%%EOF"), "{tail}");
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
