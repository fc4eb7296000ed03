//! The document as a file: validity (qpdf), text extraction through the ToUnicode maps
//! (pdftotext), subset fonts (pdffonts and the font programs themselves), determinism, and
//! pages written as they are finished. Tools that are not installed are skipped.

use std::io::Read;
use std::process::Command;

use super::*;

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

/// Runs a tool on the document as a file; its standard output.
fn run(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(file.path());
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{tool}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A cover and two numbered pages with every kind of drawing.
fn sample(body: &str) -> Vec<u8> {
    let mut doc = Doc::new("テスト文書").unwrap();
    doc.running_header = "令和5年度 資料".into();
    doc.text_in(
        MARGIN_X,
        200.0,
        doc.body_width(),
        "表紙",
        Style::BOLD.sized(20.0),
        Align::Center,
    );
    doc.heading(1, "1 概要", true, 0.0);
    doc.paragraph(body, Style::BODY, 0.0);
    doc.paragraph("➢ 記号は置き換える", Style::BODY, 0.0);
    let cols = [
        Col {
            width: 100.0,
            align: Align::Left,
        },
        Col {
            width: 100.0,
            align: Align::Right,
        },
    ];
    doc.table(
        &cols,
        &[Cell::new("項目"), Cell::new("値")],
        &[vec![Cell::new("件数"), Cell::bold("1,234").colored(ALERT)]],
        9.0,
    );
    doc.key_values(&[("担当".into(), "企画担当".into())], 80.0);
    doc.fill_rect(MARGIN_X, 600.0, 20.0, 10.0, HEAD_FILL);
    doc.stroke_rect(MARGIN_X, 620.0, 20.0, 10.0, 0.5, RULE);
    doc.polyline(
        &[(100.0, 640.0), (120.0, 650.0), (140.0, 630.0)],
        1.5,
        ACCENT,
    );
    doc.new_page();
    doc.text_at(MARGIN_X, 100.0, "左", Style::BODY);
    doc.text_at(300.0, 100.0, "右", Style::BODY);
    doc.finish()
}

/// The decompressed font programs (streams with /Length1), in order.
fn font_programs(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&pdf[from..], b"/Length1 ") {
        let dict_start = rfind(&pdf[..from + at], b"<</Length ").unwrap() + 10;
        let digits = pdf[dict_start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let length: usize = std::str::from_utf8(&pdf[dict_start..dict_start + digits])
            .unwrap()
            .parse()
            .unwrap();
        let data = from + at + find(&pdf[from + at..], b"stream\n").unwrap() + 7;
        let mut program = Vec::new();
        flate2::read::ZlibDecoder::new(&pdf[data..data + length])
            .read_to_end(&mut program)
            .unwrap();
        out.push(program);
        from = data + length;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn a_document_passes_qpdf_and_has_embedded_subset_unicode_fonts() {
    let pdf = sample("本文です。");
    assert!(pdf.starts_with(b"%PDF-1.7\n"));
    assert!(pdf.ends_with(b"%%EOF"));
    if have("qpdf") {
        run("qpdf", &["--check"], &pdf);
    }
    if have("pdffonts") {
        let fonts = run("pdffonts", &[], &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        // Tables in ゴシック, the heading in bold ゴシック, paragraphs in 明朝.
        assert_eq!(rows.len(), 3, "{fonts}");
        for (row, name) in rows.iter().zip([
            "GYKREG+BIZUDGothic-Regular",
            "GYKBLD+BIZUDGothic-Bold",
            "GYKMIN+BIZUDMincho-Regular",
        ]) {
            assert!(row.starts_with(name), "{row}");
            assert!(row.contains("CID TrueType"), "{row}");
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "emb sub uni: {row}"
            );
        }
    }
    if have("pdfinfo") {
        let info = run("pdfinfo", &[], &pdf);
        assert!(info.contains("Pages:           3"), "{info}");
        assert!(info.contains("Title:           テスト文書"), "{info}");
        assert!(info.contains("Producer:        gyokaku"), "{info}");
        assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
        assert!(!info.contains("CreationDate"), "no clock: {info}");
    }
}

#[test]
fn text_comes_back_through_the_to_unicode_maps() {
    if !have("pdftotext") {
        return;
    }
    let body = "行財政改革の取組（第3次）は、計画どおり進んでいます。ABC-123, 50% ﾃｽﾄ";
    let pdf = sample(body);
    let text = run("pdftotext", &[], &pdf);
    assert!(!text.contains('\u{FFFD}'), "{text}");
    let flat = squash(&text);
    for expected in [
        body,
        "表紙",
        "1概要",
        "▶記号は置き換える",
        "1,234",
        "企画担当",
        "左",
        "右",
    ] {
        assert!(flat.contains(&squash(expected)), "{expected}: {text}");
    }
    // Page decorations on the numbered pages only.
    assert!(text.contains("- 1 -") && text.contains("- 2 -"), "{text}");
    assert!(!text.contains("- 0 -"), "{text}");
    assert_eq!(text.matches("令和5年度 資料").count(), 2, "{text}");
}

#[test]
fn texts_on_one_baseline_are_placed_exactly() {
    if !have("pdftotext") {
        return;
    }
    // One TJ array with kerning between the texts; each lands where its own Tm would.
    let mut doc = Doc::new("x").unwrap();
    let xs = [60.0, 123.45, 300.0, 480.5];
    for (k, x) in xs.iter().enumerate() {
        doc.text_at(*x, 100.0, ["一", "二", "三", "四"][k], Style::BODY);
    }
    let pdf = doc.finish();
    let bbox = run("pdftotext", &["-bbox"], &pdf);
    let x_mins: Vec<f32> = bbox
        .lines()
        .filter(|l| l.contains("<word"))
        .map(|l| {
            let at = l.find("xMin=\"").unwrap() + 6;
            l[at..].split('"').next().unwrap().parse().unwrap()
        })
        .collect();
    assert_eq!(x_mins.len(), 4, "{bbox}");
    for (got, want) in x_mins.iter().zip(xs) {
        assert!((got - want).abs() < 0.001, "{got} vs {want}");
    }
}

#[test]
fn fonts_hold_exactly_the_glyphs_drawn() {
    let mut doc = Doc::new("x").unwrap();
    doc.text_at(MARGIN_X, 100.0, "あいうあ", Style::BODY);
    doc.text_at(MARGIN_X, 120.0, "AB A", Style::BOLD);
    let pdf = doc.finish();
    let programs = font_programs(&pdf);
    assert_eq!(programs.len(), 2);
    // .notdef and あいう; .notdef and A, B and the space.
    for (program, glyphs) in programs.iter().zip([4, 4]) {
        let face = ttf_parser::Face::parse(program, 0).unwrap();
        assert_eq!(face.number_of_glyphs(), glyphs);
        assert!(face.glyph_index('あ').is_none(), "no cmap in a PDF subset");
    }
    assert!(pdf.len() < 30_000, "{}", pdf.len());
    // A face that draws nothing is not embedded.
    let mut doc = Doc::new("x").unwrap();
    doc.text_at(MARGIN_X, 100.0, "あ", Style::BODY);
    let pdf = doc.finish();
    assert_eq!(font_programs(&pdf).len(), 1);
    assert!(find(&pdf, b"GYKBLD").is_none());
}

#[test]
fn equal_documents_are_equal_bytes_in_one_process() {
    let a = sample("同じ内容");
    let b = sample("同じ内容");
    assert_eq!(a, b);
    let c = sample("違う内容");
    assert_ne!(a, c);
    let id = |pdf: &[u8]| pdf[rfind(pdf, b"/ID[").unwrap()..].to_vec();
    assert_ne!(id(&a), id(&c), "the id follows the content");
}

#[test]
fn pages_are_written_when_finished() {
    let mut doc = Doc::new("x").unwrap();
    for k in 0..5 {
        doc.paragraph(&format!("{k} ページ目"), Style::BODY, 0.0);
        doc.new_page();
    }
    let out = doc.out.as_ref().unwrap();
    assert_eq!(
        out.pages.len(),
        5,
        "five finished pages already in the file"
    );
    assert!(
        out.canvas.is_empty(),
        "the open page holds only its own drawing"
    );
    let pdf = doc.finish();
    assert_eq!(pdf.windows(11).filter(|w| w == b"/Type/Page/").count(), 6);
}

#[test]
fn measuring_and_drawing_lay_out_alike() {
    let lay = |mut doc: Doc| {
        doc.heading(1, "見出し", true, 0.0);
        for k in 0..80 {
            doc.paragraph(&"長い本文。".repeat(k % 7 * 4 + 1), Style::BODY, 0.0);
        }
        doc.heading(2, "次", true, 40.0);
        (doc.page_index(), doc.cursor(), doc.toc.clone(), doc)
    };
    let (pages, y, toc, measured) = lay(Doc::measuring("x").unwrap());
    let (pages2, y2, toc2, _) = lay(Doc::new("x").unwrap());
    assert!(pages > 2);
    assert_eq!((pages, y, &toc), (pages2, y2, &toc2));
    assert!(measured.out.is_none(), "nothing drawn");
    // Finishing a measuring document still gives a file with its (blank) pages.
    let pdf = measured.finish();
    assert_eq!(
        pdf.windows(11).filter(|w| w == b"/Type/Page/").count(),
        pages + 1
    );
}

/// Fills the current page with body lines until less than `room` points are left.
fn fill_until(doc: &mut Doc, room: f32) {
    while doc.remaining() > room {
        doc.paragraph("本文の一行。", Style::BODY, 0.0);
    }
}

#[test]
fn a_heading_never_ends_a_page() {
    let mut doc = Doc::measuring("x").unwrap();
    doc.heading(1, "節", true, 0.0);
    fill_until(&mut doc, 60.0);
    let page = doc.page_index();
    doc.heading(3, "小見出し", true, 0.0);
    let cols = [Col {
        width: 200.0,
        align: Align::Left,
    }];
    // A first row of six lines does not fit under the heading on this page.
    let row = vec![Cell::new("行\n".repeat(5) + "行")];
    doc.table(&cols, &[Cell::new("見出し")], &[row], 9.0);
    assert_eq!(doc.page_index(), page + 1);
    assert_eq!(
        doc.toc.last().map(|e| e.page),
        Some(page + 1),
        "{:?}",
        doc.toc
    );
}

#[test]
fn paragraphs_leave_no_line_alone_at_a_page_break() {
    for room in [20.0, 30.0, 40.0, 50.0] {
        for n in 2..7 {
            let mut doc = Doc::measuring("x").unwrap();
            doc.new_page();
            fill_until(&mut doc, room);
            let page = doc.page_index();
            let before = doc.cursor();
            let lh = Style::BODY.line_height();
            let text = vec![
                "段落の一行分の長さの文章をここに書いて、行末まで埋めるように続ける。";
                n
            ]
            .join("\n");
            doc.paragraph(&text, Style::BODY, 0.0);
            if doc.page_index() > page {
                let on_next = ((doc.cursor() - MARGIN_TOP) / lh).round() as usize;
                let on_first = n - on_next;
                assert!(
                    on_first == 0 || on_first >= 2,
                    "{n} lines, {on_first} at the foot"
                );
                assert!(on_next >= 2, "{n} lines, {on_next} at the head ({before})");
            }
        }
    }
}

#[test]
fn the_last_row_of_a_table_never_stands_alone() {
    if !have("pdftotext") {
        return;
    }
    let cols = [Col {
        width: 300.0,
        align: Align::Left,
    }];
    for n in 28..40 {
        let mut doc = Doc::new("x").unwrap();
        doc.new_page();
        let rows: Vec<Vec<Cell>> = (1..=n)
            .map(|i| vec![Cell::new(format!("行{i}番"))])
            .collect();
        doc.table_keeping(&cols, &[Cell::new("見出し")], &rows, 9.0, 30.0);
        let text = run("pdftotext", &[], &doc.finish());
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        let last = pages.last().unwrap();
        let rows_on_last = last.matches("番").count();
        assert!(
            rows_on_last >= 2 || pages.len() == 2 && rows_on_last == n,
            "{n}: {last}"
        );
    }
}

#[test]
fn a_paragraph_does_not_end_on_one_or_two_characters() {
    let doc = Doc::measuring("x").unwrap();
    let style = Style::BODY;
    let line = "あ".repeat(20);
    let width = doc.text_width(&line, style) + 0.5;
    // Twenty characters fill a line; two more would stand alone.
    let lines = doc.wrap(&format!("{line}{line}る。"), style, width);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[2].chars().count() > 2, "{lines:?}");
    // Marks after the last characters do not count: 「た。…」 is one character alone.
    let lines = doc.wrap(&format!("{line}{line}た。…"), style, width);
    assert_eq!(lines.len(), 3, "{lines:?}");
    let last = lines[2].trim_end_matches(['。', '…']);
    assert!(last.chars().count() > 2, "{lines:?}");
}

#[test]
fn links_lead_to_a_page_or_a_web_address() {
    let mut doc = Doc::new("リンク").unwrap();
    doc.new_page();
    doc.begin_tag("P");
    let link = doc.begin_tag("Link");
    doc.text_at(
        MARGIN_X,
        100.0,
        "https://www.example.jp/a(b)/é",
        Style::BODY,
    );
    doc.link(
        link,
        (MARGIN_X, 100.0, 200.0, 12.0),
        LinkTarget::Uri("https://www.example.jp/a(b)/é".into()),
        "ホームページ",
    );
    doc.end_tag();
    doc.end_tag();
    let to_cover = doc.begin_tag("Link");
    doc.text_at(MARGIN_X, 130.0, "表紙へ", Style::BODY);
    doc.link(
        to_cover,
        (MARGIN_X, 130.0, 60.0, 12.0),
        LinkTarget::Page(0),
        "表紙へ",
    );
    doc.end_tag();
    let pdf = doc.finish();
    // A URI action in 7-bit ASCII (é percent-encoded; balanced parentheses need no
    // escape), a /Dest for the page; both in the parent tree and held by their Link
    // elements.
    let uri =
        b"/A<</Type/Action/S/URI/URI(https://www.example.jp/a(b)/%C3%A9)>>/StructParent 1000000";
    assert!(
        find(&pdf, uri).is_some(),
        "{}",
        String::from_utf8_lossy(&pdf)
    );
    assert!(find(&pdf, b"/Dest[").is_some());
    assert!(find(&pdf, b"/StructParent 1000001").is_some());
    assert_eq!(pdf.windows(10).filter(|w| w == b"/Type/OBJR").count(), 2);
    assert_eq!(pdf.windows(8).filter(|w| w == b"/S/Link/").count(), 2);
    if have("qpdf") {
        run("qpdf", &["--check"], &pdf);
    }
}
