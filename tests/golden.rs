//! Golden outputs of the sample: the 取組一覧 and 指標 sheets' cell values in order, and the
//! text of the PDF's summary page, compared with files under tests/fixtures/golden/. A moved
//! or swapped column, or a changed figure, fails here. After an intended change, rewrite the
//! files with `GYOKAKU_UPDATE_GOLDEN=1 cargo test --release --test golden` and review the diff.

mod common;

use calamine::{Reader, Xlsx, open_workbook};

const XLSX: &str = "output/2023/行財政改革進捗状況_令和5年度.xlsx";
const PDF: &str = "output/2023/行財政改革推進委員会資料_令和5年度.pdf";

/// Compares text with a golden file, or rewrites the file when asked to.
fn assert_golden(name: &str, actual: &str) {
    let path = common::root().join("tests/fixtures/golden").join(name);
    if std::env::var_os("GYOKAKU_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (set GYOKAKU_UPDATE_GOLDEN=1 to create)",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// A sheet's cells as tab-separated lines (empty cells as nothing).
fn sheet_text(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> String {
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string().replace('\n', "⏎"))
                .collect::<Vec<_>>()
                .join("\t")
                .trim_end()
                .to_string()
                + "\n"
        })
        .collect()
}

fn built_sample() -> common::Project {
    let p = common::Project::with_samples();
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    p
}

#[test]
fn workbook_sheets_match_the_golden_values() {
    let p = built_sample();
    let mut wb: Xlsx<_> = open_workbook(p.path().join(XLSX)).unwrap();
    assert_golden("items_sheet.tsv", &sheet_text(&mut wb, "取組一覧"));
    assert_golden("indicators_sheet.tsv", &sheet_text(&mut wb, "指標"));
    assert_golden("summary_sheet.tsv", &sheet_text(&mut wb, "総括"));
}

#[test]
fn summary_page_matches_the_golden_text() {
    if !common::have("pdftotext") {
        return;
    }
    let p = built_sample();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-f", "3", "-l", "3"])
        .arg(p.path().join(PDF))
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 進捗状況の概要"), "page 3 is the summary");
    assert_golden("summary_page.txt", &text);
}
