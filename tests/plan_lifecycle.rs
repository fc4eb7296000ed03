//! Issue 18: an item's life within the plan period (begun in a year, ended, a target revised):
//! each year's forms hold only the items in force that year, and the reports count only those
//! and say what happened to an item.

mod common;

use std::path::Path;
use std::process::Command;

use calamine::{Reader, open_workbook_auto};
use common::Project;

fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

#[test]
fn forms_and_reports_hold_the_items_in_force_that_year() {
    let p = Project::new();
    p.revise_sample_plan();
    let shown = p.run_ok(&["plan"]);
    assert!(shown.contains("2303"), "{shown}");

    p.run_ok(&["templates", "--year", "2022"]);
    p.run_ok(&["templates", "--year", "2023"]);
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
    p.run_ok(&["build", "--year", "2023"]);
    let wb = p
        .path()
        .join("output/2023/行財政改革進捗状況_令和5年度.xlsx");
    let list = common::sheet_rows(&wb, "取組一覧");
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
    p.run_ok(&["build", "--year", "2025"]);
    let wb = p
        .path()
        .join("output/2025/行財政改革進捗状況_令和7年度.xlsx");
    let period = common::sheet_rows(&wb, "計画期間の総括");
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
    p.run_refused(
        &["plan"],
        &[
            "end の year（2030）が計画期間（2022〜2025）の外です",
            "統合先「9999」が計画の取組項目にありません",
        ],
    );
}

/// Every lifecycle fact of plan.toml (an item begun, ended, merged, revised; an indicator
/// renamed and one added; a baseline year, a comparison; former department names; the first
/// reported year) goes through `plan --export` and `plan --import` unchanged: the workbook
/// alone carries them (plan.toml is replaced by a plan without any before the import).
#[test]
fn every_lifecycle_fact_round_trips_through_the_plan_workbook() {
    let p = Project::new();
    p.revise_sample_plan();
    let path = p.path().join("input/plan.toml");
    let plain = std::fs::read_to_string(common::root().join("input/plan.toml")).unwrap();
    let plan = std::fs::read_to_string(&path)
        .unwrap()
        .replace(
            "id = \"2301\"\n",
            "id = \"2301\"\nend = { year = 2024, reason = \"統合\", into = \"2302\" }\n",
        )
        .replace(
            "departments = [",
            "first_reported_year = 2023\nformer_names = { \"財政課\" = [\"財務課\"] }\ndepartments = [",
        );
    // 2401's first indicator renamed in 2024, with a comparison and its own baseline year.
    let first_indicator = plan.find("id = \"2401\"").unwrap();
    let name_at = first_indicator + plan[first_indicator..].find("name = \"").unwrap() + 8;
    let name_end = name_at + plan[name_at..].find('"').unwrap();
    let name = plan[name_at..name_end].to_string();
    let plan = plan.replacen(
        &format!("name = \"{name}\""),
        &format!("name = \"{name}\"\n  comparison = \"以上\"\n  baseline_year = 2020"),
        1,
    );
    let plan = plan.replace(
        "revisions = [{ year = 2023, target = 450, note = \"研修を拡充\" }]",
        &format!(
            "revisions = [{{ year = 2023, target = 450, note = \"研修を拡充\" }}, {{ year = 2024, indicator = \"{name}\", indicator_name = \"研修の受講者数\" }}]"
        ),
    );
    std::fs::write(&path, &plan).unwrap();
    let expected = gyokaku::plan::load_plan(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(expected.first_reported_year.is_some() && !expected.former_names.is_empty());

    p.run_ok(&["plan", "--export", "計画.xlsx"]);
    let book = p.path().join("計画.xlsx");
    let names = sheet_names(&book);
    assert!(names.iter().any(|n| n == "見直し"), "{names:?}");
    let revisions = common::sheet_rows(&book, "見直し");
    assert!(
        revisions
            .iter()
            .any(|r| r.iter().any(|c| c == "研修の受講者数")),
        "{revisions:?}"
    );
    // Importing into the same plan changes nothing.
    let said = p.run_ok(&["plan", "--import", "計画.xlsx"]);
    assert!(said.contains("変更はありません"), "{said}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), plan);

    // Into a plan without any of it: the workbook brings every fact back, and the import
    // lists them as changes.
    std::fs::write(&path, &plain).unwrap();
    let said = p.run_ok(&["plan", "--import", "計画.xlsx"]);
    assert_eq!(gyokaku::plan::load_plan(&path).unwrap(), expected);
    for change in ["2303", "2402", "2301"] {
        assert!(said.contains(change), "{change}: {said}");
    }
    // Exporting again gives the same workbook.
    p.run_ok(&["plan", "--export", "再出力.xlsx"]);
    assert_eq!(
        std::fs::read(&book).unwrap(),
        std::fs::read(p.path().join("再出力.xlsx")).unwrap()
    );
}
