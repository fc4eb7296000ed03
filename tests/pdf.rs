//! The committee PDF: structure checked with qpdf, pdffonts and pdftotext; determinism;
//! table pagination with a repeated header.

mod common;

use std::path::Path;
use std::process::Command;

use gyokaku::report::pdf::layout::{Align, Cell, Col, Doc};

const PDF: &str = "output/2023/行財政改革推進委員会資料_令和5年度.pdf";

/// Text in reading order (table cells stay together).
fn pdftotext(file: &Path) -> String {
    common::pdf_text(file, &[])
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The sample built for a year.
fn built(year: &str) -> common::Project {
    let p = common::Project::with_samples();
    let out = p.run(&["build", "--year", year]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    p
}

fn built_sample() -> common::Project {
    built("2023")
}

#[test]
fn sample_report_is_a_valid_pdf_with_embedded_subset_fonts() {
    if !common::have("qpdf") || !common::have("pdffonts") {
        return;
    }
    let p = built_sample();
    let file = p.path().join(PDF);
    common::qpdf_check(&file);
    // ゴシック for headings, tables and notes, 明朝 for the body text, as public documents
    // are set.
    let mut names = common::embedded_fonts(&file);
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "BIZUDGothic-Bold",
            "BIZUDGothic-Regular",
            "BIZUDMincho-Regular"
        ],
        "{names:?}"
    );
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size < 800_000, "a few hundred KB, got {size}");
}

#[test]
fn sample_report_text_is_extractable() {
    if !common::have("pdftotext") {
        return;
    }
    let p = built_sample();
    let text = pdftotext(&p.path().join(PDF));
    assert!(!text.contains('\u{FFFD}'), "no replacement characters");
    let flat = squash(&text);
    let plan = gyokaku::plan::load_plan(&p.path().join("input/plan.toml")).unwrap();
    for item in &plan.items {
        assert!(flat.contains(&squash(&item.title)), "{}", item.title);
    }
    assert!(flat.contains("第3次伊豆の国市行財政改革大綱後期行動計画"));
    assert!(flat.contains("令和5(2023)年度行財政改革進捗状況報告"));
    assert!(flat.contains("伊豆の国市行財政改革推進委員会資料"));
    assert!(flat.contains("サンプル"));
    for action in &plan.item("1101").unwrap().actions {
        assert!(flat.contains(&squash(action)), "{action}");
    }
    for footer in ["- 1 -", "- 2 -", "- 10 -"] {
        assert!(text.contains(footer), "{footer}");
    }
    assert!(
        flat.contains("未提出"),
        "the missing department's item is marked"
    );
    assert!(
        flat.contains("未設定"),
        "open plan values are shown as such"
    );
    // The contents carry real page numbers: 1 進捗状況の概要 is on page 2.
    let contents = common::pdf_text(&p.path().join(PDF), &["-layout", "-l", "2"]);
    assert!(contents.lines().any(|l| squash(l) == "目次"), "{contents}");
    assert!(
        contents
            .lines()
            .any(|l| l.contains("1 進捗状況の概要") && l.trim_end().ends_with(" 2")),
        "{contents}"
    );
}

#[test]
fn builds_are_byte_identical_across_runs_and_within_a_process() {
    let p = built_sample();
    let first = std::fs::read(p.path().join(PDF)).unwrap();
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success());
    assert_eq!(
        first,
        std::fs::read(p.path().join(PDF)).unwrap(),
        "two runs"
    );

    let make = || {
        let mut doc = Doc::new("テスト").unwrap();
        doc.new_page();
        doc.paragraph(
            "同じ内容の文書は同じバイト列になる。",
            gyokaku::report::pdf::layout::Style::BODY,
            0.0,
        );
        doc.finish()
    };
    assert_eq!(make(), make(), "two documents in one process");
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    if !common::have("pdftotext") {
        return;
    }
    let mut doc = Doc::new("表のテスト").unwrap();
    doc.new_page();
    let cols = [
        Col {
            width: 60.0,
            align: Align::Center,
        },
        Col {
            width: 300.0,
            align: Align::Left,
        },
        Col {
            width: 80.0,
            align: Align::Right,
        },
    ];
    let header = [
        Cell::new("番号"),
        Cell::new("見出し列タイトル"),
        Cell::new("金額"),
    ];
    let rows: Vec<Vec<Cell>> = (1..=120)
        .map(|i| {
            vec![
                Cell::new(i.to_string()),
                Cell::new(format!("行{i}の内容。長い文章は折り返して表示され、ページをまたぐ場合は次のページに移ります。")),
                Cell::new(gyokaku::numbers::format_grouped(f64::from(i) * 1234.0, 0)),
            ]
        })
        .collect();
    doc.table(&cols, &header, &rows, 9.0);
    let bytes = doc.finish();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("table.pdf");
    std::fs::write(&file, bytes).unwrap();
    let text = pdftotext(&file);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 3, "the table spans pages: {}", pages.len());
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(
            page.contains("見出し列タイトル"),
            "page {} repeats the header",
            i + 1
        );
    }
    assert!(squash(&text).contains("行120の内容"));
    assert!(text.contains("148,080"));
}

const PDF_2025: &str = "output/2025/行財政改革推進委員会資料_令和7年度.pdf";

/// The sample built for its last year (the plan's last year: every section present).
fn built_2025() -> common::Project {
    built("2025")
}

#[test]
fn summaries_are_never_cut_inside_a_sentence() {
    if !common::have("pdftotext") {
        return;
    }
    let p = built_2025();
    let text = pdftotext(&p.path().join(PDF_2025));
    let flat = squash(&text);
    let mut cuts = 0;
    let mut prev = None;
    for c in flat.chars() {
        if c == '…' {
            cuts += 1;
            assert_eq!(prev, Some('。'), "… after {prev:?} in:\n{text}");
        }
        prev = Some(c);
    }
    assert!(
        cuts > 0,
        "the item list shortens some reports to their first sentence"
    );
}

/// The text of each page, in reading order.
fn page_texts(file: &Path) -> Vec<String> {
    pdftotext(file).split('\u{c}').map(str::to_string).collect()
}

#[test]
fn every_page_of_the_item_section_names_its_item_near_the_top() {
    if !common::have("pdftotext") {
        return;
    }
    let p = built_2025();
    let pages = page_texts(&p.path().join(PDF_2025));
    let plan = gyokaku::plan::load_plan(&p.path().join("input/plan.toml")).unwrap();
    // The lines of a page below the running header.
    let top_lines = |page: &str| -> Vec<String> {
        page.lines()
            .map(squash)
            .filter(|l| !l.is_empty() && !l.contains("進捗状況報告"))
            .take(3)
            .collect()
    };
    let starts_section = |page: &str, name: &str| {
        top_lines(page)
            .first()
            .is_some_and(|l| l.ends_with(name) && l.len() <= name.len() + 3)
    };
    let first = pages
        .iter()
        .position(|pg| starts_section(pg, "個別取組"))
        .expect("the item section");
    let end = pages
        .iter()
        .skip(first + 1)
        .position(|pg| starts_section(pg, "効果額"))
        .map_or(pages.len(), |k| first + 1 + k);
    assert!(end - first > plan.items.len() / 2, "{first}..{end}");
    let mut continued = 0;
    for (k, page) in pages.iter().enumerate().take(end).skip(first + 1) {
        let top = top_lines(page).join("");
        let named = plan
            .items
            .iter()
            .any(|i| top.contains(&squash(&format!("{}{}", i.code(), i.title))));
        assert!(named, "page {} does not name its item: {top}", k + 1);
        if top.contains("（続き）") {
            continued += 1;
        }
    }
    assert!(continued > 0, "some item continues on a second page");
}

/// Every word of a PDF with its height (the type size) from `pdftotext -bbox`.
fn word_sizes(file: &Path) -> Vec<(f64, String)> {
    common::pdf_words(file)
        .into_iter()
        .map(|w| (w.height(), w.text))
        .collect()
}

#[test]
fn type_is_readable_on_a4_paper() {
    if !common::have("pdftotext") {
        return;
    }
    let p = built_2025();
    let file = p.path().join(PDF_2025);
    let words = word_sizes(&file);
    assert!(words.len() > 1000);
    let small: Vec<&(f64, String)> = words.iter().filter(|(h, _)| *h < 7.95).collect();
    assert!(
        small.is_empty(),
        "notes and labels are at least 8 pt: {small:?}"
    );
    let size_of = |needle: &str| {
        words
            .iter()
            .find(|(_, w)| w.contains(needle))
            .map(|(h, _)| *h)
            .unwrap_or_else(|| panic!("{needle} not found"))
    };
    assert!(
        (size_of("取りまとめました") - 10.5).abs() < 0.05,
        "body 10.5 pt"
    );
    assert!(size_of("1,012,480") >= 8.95, "table cells at least 9 pt");
    assert!(
        size_of("市民ニーズに応じた情報提供") >= 8.95,
        "item list at least 9 pt"
    );
    assert!(!words.iter().any(|(_, w)| w == "No"), "番号, not No");
}

#[test]
fn a_summed_indicator_adds_up_on_the_page() {
    if !common::have("pdftotext") {
        return;
    }
    let p = built_2025();
    let text = common::pdf_layout_text(&p.path().join(PDF_2025));
    let start = text
        .find("取組部署の取組と指標値の内訳")
        .expect("the parts table of 1102");
    let table = &text[start..];
    let table = &table[..table.find("合計 =").expect("its note")];
    let number = |s: &str| s.trim_end_matches('※').replace(',', "").parse::<f64>().ok();
    let mut parts = 0.0;
    let mut total = None;
    for line in table.lines() {
        let Some(last) = line.split_whitespace().last() else {
            continue;
        };
        if line.trim_start().starts_with("合計") {
            total = number(last);
            assert!(
                last.ends_with('※'),
                "a department is missing: the total is marked"
            );
        } else if let Some(v) = number(last) {
            parts += v;
        }
    }
    assert_eq!(Some(parts), total, "lead + departments = total:\n{table}");
    assert!(table.contains("（担当）"), "the lead's own value is a row");
    // The same total as the indicator table and the chart's label of the year.
    assert!(squash(&text).contains("227※"));
}

#[test]
fn the_report_is_tagged_with_outline_links_and_metadata() {
    if !common::have("qpdf") || !common::have("pdftotext") {
        return;
    }
    let script = common::root().join("scripts/check_pdf_structure.py");
    if !common::pikepdf_ready() {
        return;
    }
    let p = built_2025();
    let file = p.path().join(PDF_2025);
    common::qpdf_check(&file);
    // Contents lines: the entries of page 2 that end in a page number.
    let contents = &page_texts(&file)[1];
    let lines = contents
        .lines()
        .filter(|l| l.contains('・') && l.trim_end().ends_with(|c: char| c.is_ascii_digit()))
        .count();
    assert!(lines > 20, "{contents}");
    let out = Command::new("python3")
        .arg(&script)
        .arg(&file)
        .args(["--author", "総務部 行政経営課", "--date", "2026-06-08"])
        .args(["--contents-lines", &lines.to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The PDF/A-2 checks of scripts/check_pdf_structure.py catch each fault: a copy of the 2025
/// report is broken with pikepdf (output intent removed, JavaScript opened, a title that
/// differs from the XMP, a font without its ToUnicode map, encrypted) and every fault is
/// named; the report itself passes (see the test above).
#[test]
fn the_pdfa_checks_catch_a_broken_copy() {
    if !common::pikepdf_ready() {
        return;
    }
    let p = built_2025();
    let file = p.path().join(PDF_2025);
    let broken = p.path().join("broken.pdf");
    let encrypted = p.path().join("encrypted.pdf");
    let script = r#"
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
del pdf.Root["/OutputIntents"]
pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
pdf.docinfo["/Title"] = "別の題名"
for page in pdf.pages:
    for _, font in page.Resources.Font.items():
        if "/ToUnicode" in font:
            del font["/ToUnicode"]
            break
    break
pdf.save(sys.argv[2], fix_metadata_version=False)
pikepdf.open(sys.argv[1]).save(sys.argv[3], encryption=pikepdf.Encryption(owner="o", user=""))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .args([&file, &broken, &encrypted])
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", common::text(&out));
    let check = |pdf: &Path| {
        let out = Command::new("python3")
            .arg(common::root().join("scripts/check_pdf_structure.py"))
            .arg(pdf)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{:?}", common::text(&out));
        common::text(&out).0
    };
    let found = check(&broken);
    for fault in [
        "PDF/A: no output intent /GTS_PDFA1",
        "PDF/A: forbidden action /JavaScript",
        "PDF/A: JavaScript (/JS)",
        "PDF/A: Info /Title '別の題名' differs from XMP dc:title",
        "has no ToUnicode map",
    ] {
        assert!(found.contains(fault), "{fault}:\n{found}");
    }
    assert!(
        check(&encrypted).contains("PDF/A: the file is encrypted"),
        "encryption"
    );
}
