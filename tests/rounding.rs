//! Issue 20: one rounding rule for every rounded figure. An indicator at an exact tie
//! (baseline 320, target 400, actual 325 → 達成率 6.25 %) and an effect amount of 12.5 (shown
//! without decimals) must read the same in the workbook (as LibreOffice shows its number
//! formats), the committee PDF (pdftotext), the web page and the open data: halves away from
//! zero, as Excel shows them — 6.3 % and 13, never 6.2 % or 12.

mod common;

use common::{Project, fill_cells, have, pdf_layout_text, python_ready, sheets_as_shown, text};

const WORKBOOK: &str = "output/2025/行財政改革進捗状況_令和7年度.xlsx";
const PDF: &str = "output/2025/行財政改革推進委員会資料_令和7年度.pdf";
const PAGES: &str = "output/2025/公表";

/// The CSV line of a sheet whose first cell is `code`.
fn row<'a>(csv: &'a str, code: &str) -> &'a str {
    csv.lines()
        .find(|l| l.starts_with(&format!("{code},")))
        .unwrap_or_else(|| panic!("no row {code} in\n{csv}"))
}

#[test]
fn a_tie_reads_the_same_in_every_output() {
    if !python_ready() || !have("soffice") || !have("pdftotext") {
        return;
    }
    let p = Project::with_samples();
    // 総務課 reports 325 for 2401's indicator (320 → 400) and 12.5 千円 of 効果額.
    let form = p.submissions(2025).join("総務課.xlsx");
    fill_cells(&form, &form, r#"{"2401": {"C18": 325, "C19": 12.5}}"#);
    for cmd in ["build", "publish"] {
        let out = p.run(&[cmd]);
        assert_eq!(out.status.code(), Some(0), "{cmd}: {:?}", text(&out));
    }

    // The workbook, as its number formats show it (0.0% and #,##0).
    let sheets = sheets_as_shown(&p.path().join(WORKBOOK));
    let indicators = row(&sheets["指標"], "2401");
    assert!(indicators.contains(",325,"), "{indicators}");
    assert!(indicators.contains(",6.3%,"), "{indicators}");
    let effects = row(&sheets["効果額"], "2401");
    assert!(effects.ends_with(",13,13"), "{effects}");

    // The PDF: the indicator table of the item page and the effect table.
    let pdf = pdf_layout_text(&p.path().join(PDF));
    let rate_lines: Vec<&str> = pdf
        .lines()
        .filter(|l| l.contains("職員研修の受講者数") && l.contains("325"))
        .collect();
    assert!(!rate_lines.is_empty(), "{pdf}");
    for l in &rate_lines {
        assert!(l.trim_end().ends_with("6.3%"), "{l}");
    }
    assert!(!pdf.contains("6.2%"), "a tie rounded to even in the PDF");
    let effect_line = pdf
        .lines()
        .find(|l| l.contains("2401") && l.contains("人財育成の推進") && l.contains("―"))
        .unwrap_or_else(|| panic!("no effect row in\n{pdf}"));
    let figures: Vec<&str> = effect_line.split_whitespace().rev().take(2).collect();
    assert_eq!(figures, ["13", "13"], "{effect_line}");

    // The item's web page.
    let page = std::fs::read_to_string(p.path().join(PAGES).join("item-2401.html")).unwrap();
    assert!(page.contains(">6.3%<"), "{page}");
    assert!(!page.contains("6.2%"), "{page}");
    assert!(page.contains("<strong>13千円</strong>"), "{page}");

    // The open data: the rate as a number rounded the same way; the amount as reported.
    let opendata = p.path().join(PAGES).join("opendata");
    let indicators_csv = std::fs::read_dir(&opendata)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| f.to_string_lossy().ends_with("reform_indicators.csv"))
        .unwrap_or_else(|| panic!("no indicator dataset in {}", opendata.display()));
    let csv = std::fs::read_to_string(indicators_csv).unwrap();
    let line = csv
        .lines()
        .find(|l| l.contains("\"2025-2401-1\""))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(line.contains(",325,,6.3,"), "{line}");
}
