//! Golden outputs of the sample: the 取組一覧 and 指標 sheets' cell values in order, and the
//! text of the PDF's summary page, compared with files under tests/fixtures/golden/. A moved
//! or swapped column, or a changed figure, fails here, printing the differing lines. After an
//! intended change, `GYOKAKU_UPDATE_GOLDEN=1 cargo test --release --test golden` rewrites the
//! files and fails with the diff; review it, then run again without the variable.

mod common;

use calamine::{Reader, Xlsx, open_workbook};

const XLSX: &str = "output/2023/行財政改革進捗状況_令和5年度.xlsx";
const PDF: &str = "output/2023/行財政改革推進委員会資料_令和5年度.pdf";

/// The lines that differ between the golden text and the actual one, as a small unified-style
/// listing ("- golden" / "+ actual", with line numbers), at most `max` lines.
fn line_diff(expected: &str, actual: &str, max: usize) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut out = Vec::new();
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i), a.get(i));
        if x != y {
            if let Some(x) = x {
                out.push(format!("{:>5} - {x}", i + 1));
            }
            if let Some(y) = y {
                out.push(format!("{:>5} + {y}", i + 1));
            }
        }
        if out.len() >= max {
            out.push("      …".into());
            break;
        }
    }
    out.join("\n")
}

/// Compares text with a golden file. With GYOKAKU_UPDATE_GOLDEN set, a differing file is
/// rewritten and the test still fails, printing the diff, so that an update is always
/// reviewed and the next run (without the variable) is the one that passes.
fn assert_golden(name: &str, actual: &str) {
    let path = common::root().join("tests/fixtures/golden").join(name);
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return;
    }
    let diff = line_diff(&expected, actual, 60);
    if std::env::var_os("GYOKAKU_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        panic!(
            "{name}: golden file rewritten; review the diff and run again without \
             GYOKAKU_UPDATE_GOLDEN:\n{diff}"
        );
    }
    panic!(
        "{name} differs from {} (after an intended change: GYOKAKU_UPDATE_GOLDEN=1, review, \
         run again):\n{diff}",
        path.display()
    );
}

#[test]
fn the_diff_names_changed_added_and_removed_lines() {
    let diff = line_diff("a\nb\nc", "a\nB\nc\nd", 10);
    assert_eq!(diff, "    2 - b\n    2 + B\n    4 + d");
    assert_eq!(line_diff("x", "x", 10), "");
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
