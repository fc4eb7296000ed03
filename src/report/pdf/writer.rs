//! A minimal PDF file writer: numbered objects appended to one growing buffer as they are
//! made (page contents are written as soon as a page is finished), Flate-compressed streams,
//! a classic cross-reference table and a trailer whose /ID is derived from the content, so
//! equal documents are equal bytes.

use libdeflater::{CompressionLvl, Compressor};
use sha2::{Digest, Sha256};

/// An indirect object number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref(u32);

impl Ref {
    /// `n 0 R`.
    pub fn write(self, out: &mut Vec<u8>) {
        int(out, i64::from(self.0));
        out.extend_from_slice(b" 0 R");
    }
}

/// Deflate level of the streams (libdeflate). Measured on the 1,009 pages of content of the
/// 1,000-page report (7.0 MB): level 1 compresses to 1.73 MB in 20 ms; level 6 to 1.64 MB in
/// 45 ms; zlib-rs (flate2, the zip crate's backend) takes 17 ms for 2.28 MB at level 1 and
/// 69 ms for 1.64 MB at level 6, miniz_oxide 47–101 ms.
const LEVEL: i32 = 1;

/// Objects written so far and their byte offsets.
pub struct PdfWriter {
    out: Vec<u8>,
    /// Byte offset of each object (index = number - 1); `None` while only reserved.
    offsets: Vec<Option<usize>>,
    /// One compressor reused for every stream.
    deflate: Compressor,
    /// Compressed bytes of the stream being written (the first `compressed`).
    scratch: Vec<u8>,
    compressed: usize,
}

impl Default for PdfWriter {
    fn default() -> Self {
        PdfWriter::new()
    }
}

impl PdfWriter {
    /// A file with its header.
    pub fn new() -> PdfWriter {
        let mut out = Vec::with_capacity(64 * 1024);
        // The comment with bytes above 127 marks the file as binary for transfer programs.
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        PdfWriter {
            out,
            offsets: Vec::new(),
            deflate: Compressor::new(CompressionLvl::new(LEVEL).unwrap_or_default()),
            scratch: Vec::new(),
            compressed: 0,
        }
    }

    /// A new object number, to be written later (or now).
    pub fn reserve(&mut self) -> Ref {
        self.offsets.push(None);
        Ref(self.offsets.len() as u32)
    }

    /// Writes an object whose body (a dictionary, array, …) is written by `body`.
    pub fn object(&mut self, r: Ref, body: impl FnOnce(&mut Vec<u8>)) {
        self.begin(r);
        body(&mut self.out);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn begin(&mut self, r: Ref) {
        if let Some(slot) = self.offsets.get_mut(r.0 as usize - 1) {
            *slot = Some(self.out.len());
        }
        int(&mut self.out, i64::from(r.0));
        self.out.extend_from_slice(b" 0 obj\n");
    }

    /// Writes a Flate-compressed stream; `dict` adds entries to its dictionary (written
    /// between `<<` and `>>`, after /Length and /Filter).
    pub fn stream(&mut self, r: Ref, data: &[u8], dict: impl FnOnce(&mut Vec<u8>)) {
        let compressed = self.compress(data);
        self.begin(r);
        self.out.extend_from_slice(b"<</Length ");
        if compressed {
            int(&mut self.out, self.compressed as i64);
            self.out.extend_from_slice(b"/Filter/FlateDecode");
        } else {
            int(&mut self.out, data.len() as i64);
        }
        dict(&mut self.out);
        self.out.extend_from_slice(b">>\nstream\n");
        self.out.extend_from_slice(if compressed {
            &self.scratch[..self.compressed]
        } else {
            data
        });
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Writes a stream as it is, uncompressed (the XMP metadata, readable by tools that
    /// only scan the file).
    pub fn plain_stream(&mut self, r: Ref, data: &[u8], dict: impl FnOnce(&mut Vec<u8>)) {
        self.begin(r);
        self.out.extend_from_slice(b"<</Length ");
        int(&mut self.out, data.len() as i64);
        dict(&mut self.out);
        self.out.extend_from_slice(b">>\nstream\n");
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Compresses `data` (zlib format, as FlateDecode expects) into `scratch`; false if
    /// the compressor fails (the stream is then written as it is).
    fn compress(&mut self, data: &[u8]) -> bool {
        let bound = self.deflate.zlib_compress_bound(data.len());
        if self.scratch.len() < bound {
            self.scratch.resize(bound, 0);
        }
        match self.deflate.zlib_compress(data, &mut self.scratch) {
            Ok(n) => {
                self.compressed = n;
                true
            }
            Err(_) => false,
        }
    }

    /// The cross-reference table and trailer; returns the file. Reserved objects never
    /// written are listed as free.
    pub fn finish(mut self, root: Ref, info: Ref) -> Vec<u8> {
        let xref = self.out.len();
        let out = &mut self.out;
        out.extend_from_slice(b"xref\n0 ");
        int(out, self.offsets.len() as i64 + 1);
        out.extend_from_slice(b"\n0000000000 65535 f \n");
        for offset in &self.offsets {
            match offset {
                Some(at) => {
                    let digits = format!("{at:010}");
                    out.extend_from_slice(digits.as_bytes());
                    out.extend_from_slice(b" 00000 n \n");
                }
                None => out.extend_from_slice(b"0000000000 00000 f \n"),
            }
        }
        // The id is a digest of everything before it: equal documents, equal ids.
        let digest = Sha256::digest(&out[..]);
        out.extend_from_slice(b"trailer\n<</Size ");
        int(out, self.offsets.len() as i64 + 1);
        out.extend_from_slice(b"/Root ");
        root.write(out);
        out.extend_from_slice(b"/Info ");
        info.write(out);
        out.extend_from_slice(b"/ID[");
        for half in digest.chunks(16) {
            hex(out, half);
        }
        out.extend_from_slice(b"]>>\nstartxref\n");
        int(out, xref as i64);
        out.extend_from_slice(b"\n%%EOF\n");
        self.out
    }
}

/// An integer.
pub fn int(out: &mut Vec<u8>, v: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[i..]);
}

/// A real number with at most three decimals (line widths, font sizes, colour components,
/// which keep their 8-bit value).
pub fn real(out: &mut Vec<u8>, v: f32) {
    let milli = (f64::from(v) * 1000.0).round() as i64;
    if milli < 0 {
        out.push(b'-');
    }
    let milli = milli.unsigned_abs();
    int(out, (milli / 1000) as i64);
    let mut frac = milli % 1000;
    if frac != 0 {
        out.push(b'.');
        let mut div = 100;
        while frac != 0 {
            out.push(b'0' + (frac / div) as u8);
            frac %= div;
            div /= 10;
        }
    }
}

/// A 32-bit real in the shortest form that reads back as the same value (for positions:
/// text extraction and rasterisers round them, and a value on a boundary must stay on the
/// same side as before). The same digits as `Display`, found faster: the nearest number
/// with 0, 1, 2, … decimals is computed exactly in 64-bit arithmetic until one converts
/// back to the value.
pub fn shortest(out: &mut Vec<u8>, v: f32) {
    const POW10: [f64; 10] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    if v == 0.0 || !v.is_finite() {
        out.push(b'0');
        return;
    }
    let wide = f64::from(v);
    // v · 10^d is exact in an f64 while the 24-bit mantissa times 5^d fits in 53 bits.
    if wide.abs() < 1e9 {
        for (d, scale) in POW10.iter().enumerate() {
            let scaled = (wide * scale).round();
            if (scaled / scale) as f32 == v {
                let n = scaled as i64;
                if n < 0 {
                    out.push(b'-');
                }
                let n = n.unsigned_abs();
                let unit = 10u64.pow(d as u32);
                int(out, (n / unit) as i64);
                if d > 0 {
                    out.push(b'.');
                    let frac = n % unit;
                    let mut digits = [b'0'; 9];
                    let mut f = frac;
                    for k in (0..d).rev() {
                        digits[k] = b'0' + (f % 10) as u8;
                        f /= 10;
                    }
                    // The shortest form has no trailing zero (else fewer decimals would do).
                    out.extend_from_slice(&digits[..d]);
                }
                return;
            }
        }
    }
    use std::io::Write;
    // Display never uses an exponent, as PDF requires.
    let _ = write!(out, "{v}");
}

/// Bytes as a hexadecimal string `<…>`.
pub fn hex(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'<');
    hex_digits(out, bytes);
    out.push(b'>');
}

/// Bytes as hexadecimal digits.
pub fn hex_digits(out: &mut Vec<u8>, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)]);
        out.push(DIGITS[usize::from(b & 15)]);
    }
}

/// A text string (UTF-16BE with byte order mark, as a hexadecimal string).
pub fn text_string(out: &mut Vec<u8>, text: &str) {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    hex(out, &bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        assert_eq!(s(|o| int(o, 0)), "0");
        assert_eq!(s(|o| int(o, -1234567)), "-1234567");
        assert_eq!(s(|o| int(o, i64::MIN)), "-9223372036854775808");
        assert_eq!(s(|o| real(o, 0.0)), "0");
        assert_eq!(s(|o| real(o, 56.7)), "56.7");
        assert_eq!(s(|o| real(o, 619.71497)), "619.715");
        assert_eq!(s(|o| real(o, -0.0004)), "0");
        assert_eq!(s(|o| real(o, -2.5)), "-2.5");
        assert_eq!(s(|o| real(o, 0.05)), "0.05");
        assert_eq!(s(|o| real(o, 841.89)), "841.89");
        // Every 8-bit colour component survives the rounding.
        for v in 0..=255u8 {
            let text = s(|o| real(o, f32::from(v) / 255.0));
            let back: f32 = text.parse().unwrap();
            assert_eq!((back * 255.0).round() as u8, v, "{text}");
        }
    }

    #[test]
    fn shortest_reals_are_the_digits_of_display() {
        let mut values: Vec<f32> = vec![
            766.29, 619.71497, -9578.947, 0.1, 1e-7, 3.0e9, -0.5, 841.88983, 595.27563, 1.0,
        ];
        values.extend((0..200_000).map(|k| k as f32 / 1000.0));
        values.extend((0..200_000).map(|k| (k as f32 * 0.37 - 30_000.0) / 7.0));
        // Pseudo-random bit patterns across the range the layout uses.
        let mut x: u32 = 12345;
        for _ in 0..200_000 {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let v = f32::from_bits(x);
            if v.is_finite() && v.abs() < 1e7 {
                values.push(v);
            }
        }
        for v in values {
            let mine = s(|o| shortest(o, v));
            let display = if v == 0.0 {
                "0".to_string()
            } else {
                format!("{v}")
            };
            assert_eq!(mine, display, "{v:e}");
        }
    }

    #[test]
    fn strings_are_hex_and_utf16() {
        assert_eq!(s(|o| hex(o, &[0, 0xAB, 0x10])), "<00AB10>");
        assert_eq!(s(|o| text_string(o, "gあ")), "<FEFF00673042>");
    }

    #[test]
    fn a_minimal_file_has_offsets_that_point_at_its_objects() {
        let mut w = PdfWriter::new();
        let a = w.reserve();
        let b = w.reserve();
        let unused = w.reserve();
        w.stream(b, b"0 0 m 1 1 l S", |_| {});
        w.object(a, |o| o.extend_from_slice(b"<</Type/Catalog>>"));
        let _ = unused;
        let bytes = w.finish(a, b);
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
        let rows: Vec<&str> = tail.lines().skip(2).take(4).collect();
        assert_eq!(rows[0], "0000000000 65535 f ");
        for (k, row) in rows[1..3].iter().enumerate() {
            let at: usize = row[..10].parse().unwrap();
            assert!(
                bytes[at..].starts_with(format!("{} 0 obj", k + 1).as_bytes()),
                "{row}"
            );
        }
        assert_eq!(rows[3], "0000000000 00000 f ");
        assert!(tail.contains("/Size 4/Root 1 0 R/Info 2 0 R/ID[<"));
        assert!(tail.ends_with("%%EOF\n"));
    }

    #[test]
    fn streams_round_trip_through_inflate() {
        use std::io::Read;
        let data: Vec<u8> = (0..100_000u32).flat_map(|v| v.to_le_bytes()).collect();
        let mut w = PdfWriter::new();
        let r = w.reserve();
        w.stream(r, &data, |_| {});
        let compressed = w.scratch[..w.compressed].to_vec();
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(&compressed[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, data);
        // The compressor is reused: a second, different stream decodes too.
        w.stream(r, b"BT ET", |_| {});
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(&w.scratch[..w.compressed])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, b"BT ET");
    }
}
