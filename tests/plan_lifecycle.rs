//! Issue 18: an item's life within the plan period (begun in a year, ended, a target revised):
//! each year's forms hold only the items in force that year, and the reports count only those
//! and say what happened to an item.

mod common;

use std::path::Path;
use std::process::Command;

use calamine::{Reader, open_workbook_auto};
use common::{Project, text};

/// The sample plan with 2303 begun in 2023, 2402 ended (完了) in 2022 and the target of 2401
/// revised in 2023.
fn revised_plan(p: &Project) {
    let path = p.path().join("input/plan.toml");
    let plan = std::fs::read_to_string(&path).unwrap();
    let plan = plan
        .replace("id = \"2303\"\n", "id = \"2303\"\nfrom = 2023\n")
        .replace(
            "id = \"2402\"\n",
            "id = \"2402\"\nend = { year = 2022, reason = \"完了\" }\n",
        )
        .replace(
            "id = \"2401\"\n",
            "id = \"2401\"\nrevisions = [{ year = 2023, target = 450, note = \"研修を拡充\" }]\n",
        );
    std::fs::write(&path, plan).unwrap();
}

fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

fn rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn run_ok(p: &Project, args: &[&str]) -> String {
    let out = p.run(args);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stdout}\n{stderr}");
    format!("{stdout}\n{stderr}")
}

#[test]
fn forms_and_reports_hold_the_items_in_force_that_year() {
    let p = Project::new();
    revised_plan(&p);
    let shown = run_ok(&p, &["plan"]);
    assert!(shown.contains("2303"), "{shown}");

    run_ok(&p, &["templates", "--year", "2022"]);
    run_ok(&p, &["templates", "--year", "2023"]);
    let form = |year: u16, dept: &str| {
        p.path()
            .join(format!("output/{year}/templates/{dept}.xlsx"))
    };
    // 2402 (総務課) was reported in 2022 only; 2303 (財政課) from 2023 on.
    assert!(
        sheet_names(&form(2022, "総務課"))
            .iter()
            .any(|s| s.starts_with("2402"))
    );
    assert!(
        !sheet_names(&form(2023, "総務課"))
            .iter()
            .any(|s| s.starts_with("2402"))
    );
    assert!(
        !sheet_names(&form(2022, "財政課"))
            .iter()
            .any(|s| s.starts_with("2303"))
    );
    assert!(
        sheet_names(&form(2023, "財政課"))
            .iter()
            .any(|s| s.starts_with("2303"))
    );

    std::fs::create_dir_all(p.path().join("input/submissions/2023")).unwrap();
    run_ok(&p, &["build", "--year", "2023"]);
    let wb = p
        .path()
        .join("output/2023/行財政改革進捗状況_令和5年度.xlsx");
    let list = rows(&wb, "取組一覧");
    let heading = list
        .iter()
        .find(|r| r.iter().any(|c| c == "管理番号"))
        .unwrap();
    let col = |name: &str| heading.iter().position(|c| c == name).unwrap();
    let (code, life) = (col("管理番号"), col("追加・見直し・終了"));
    let row = |c: &str| list.iter().find(|r| r[code] == c);
    assert!(row("2402").is_none(), "ended in 2022: not in 2023's list");
    assert_eq!(row("2303").unwrap()[life], "令和5年度に追加");
    assert_eq!(
        row("2401").unwrap()[life],
        "令和5年度に目標値を見直し（400→450）。研修を拡充"
    );
    let items = list
        .iter()
        .filter(|r| r[code].len() == 4 && r[code].chars().all(|c| c.is_ascii_digit()))
        .count();
    assert_eq!(items, 18, "19 items, one ended");

    let pdf = p
        .path()
        .join("output/2023/行財政改革推進委員会資料_令和5年度.pdf");
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let pdf = String::from_utf8(out.stdout).unwrap();
    assert!(pdf.contains("令和5年度に追加"), "{pdf}");
    assert!(pdf.contains("令和5年度に目標値を見直し（400→450）"));
    assert!(pdf.contains("18の取組項目"), "counted in force only");

    // The summary of the period keeps the ended item with its end.
    std::fs::create_dir_all(p.path().join("input/submissions/2025")).unwrap();
    run_ok(&p, &["build", "--year", "2025"]);
    let wb = p
        .path()
        .join("output/2025/行財政改革進捗状況_令和7年度.xlsx");
    let period = rows(&wb, "計画期間の総括");
    assert!(
        period
            .iter()
            .any(|r| r.iter().any(|c| c == "2402")
                && r.iter().any(|c| c.contains("令和4年度に完了"))),
        "{period:?}"
    );
}

#[test]
fn a_lifecycle_that_does_not_fit_the_plan_is_refused_with_its_line() {
    let p = Project::new();
    let path = p.path().join("input/plan.toml");
    let plan = std::fs::read_to_string(&path).unwrap().replace(
        "id = \"2402\"\n",
        "id = \"2402\"\nend = { year = 2030, reason = \"統合\", into = \"9999\" }\n",
    );
    std::fs::write(&path, plan).unwrap();
    let out = p.run(&["plan"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("end の year（2030）が計画期間（2022〜2025）の外です"),
        "{stderr}"
    );
    assert!(
        stderr.contains("統合先「9999」が計画の取組項目にありません"),
        "{stderr}"
    );
}
