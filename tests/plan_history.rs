//! Issue 18: each fiscal year is read under the plan as it stood that year. A department renamed
//! everywhere in input/plan.toml before FY2025 (an April reorganisation) keeps its history: the
//! FY2025 cycle (templates → forms filled with openpyxl → check → build → publish) shows
//! 2022–2024 exactly as the same cycle without the rename, and no file is left unread.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Reader, open_workbook_auto};
use common::{Project, root, text};
use serde_json::Value;

const OLD: &str = "財政課";
const NEW: &str = "財政経営課";
const YEAR: u16 = 2025;

/// Every sheet of a workbook as rows of text (department names read under `rename`).
fn sheets(path: &Path, rename: &dyn Fn(&str) -> String) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let mut out = BTreeMap::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let rows = range
            .rows()
            .map(|r| r.iter().map(|c| rename(&c.to_string())).collect())
            .collect();
        out.insert(name, rows);
    }
    out
}

fn workbook(p: &Project) -> PathBuf {
    p.path()
        .join(format!("output/{YEAR}/行財政改革進捗状況_令和7年度.xlsx"))
}

fn committee_pdf(p: &Project) -> PathBuf {
    p.path().join(format!(
        "output/{YEAR}/行財政改革推進委員会資料_令和7年度.pdf"
    ))
}

/// The published open data: file name → text.
fn opendata(p: &Project) -> BTreeMap<String, String> {
    let dir = p.path().join(format!("output/{YEAR}/公表/opendata"));
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The FY2025 cycle on a copy of the sample: the year's forms made from input/plan.toml and
/// filled by each department with the sample's recorded values (the renamed department with
/// its own), then check, build, publish. Returns everything the commands printed.
fn cycle(p: &Project) -> String {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/expected_samples.json")).unwrap(),
    )
    .unwrap();
    let mut said = p.run_ok(&["templates", "--year", "2025"]);
    let folder = p.submissions(YEAR);
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    let forms = p.path().join(format!("output/{YEAR}/templates"));
    for (dept, cells) in expected[YEAR.to_string()].as_object().unwrap() {
        let today = if p.path().join("renamed").exists() && dept == OLD {
            NEW
        } else {
            dept.as_str()
        };
        let name = format!("{today}.xlsx");
        common::fill_cells(&forms.join(&name), &folder.join(&name), &cells.to_string());
    }
    said += &p.run_ok(&["check", "--year", "2025"]);
    for year in ["2022", "2023", "2024"] {
        said += &p.run_ok(&["check", "--year", year]);
    }
    said += &p.run_ok(&["build", "--year", "2025"]);
    said += &p.run_ok(&["publish", "--year", "2025"]);
    said
}

#[test]
fn a_department_renamed_in_the_plan_keeps_its_history() {
    if !common::python_ready() {
        return;
    }
    let before = Project::with_samples();
    let said_before = cycle(&before);

    let after = Project::with_samples();
    std::fs::write(after.path().join("renamed"), "").unwrap();
    let plan_path = after.path().join("input/plan.toml");
    let plan = std::fs::read_to_string(&plan_path).unwrap();
    assert!(plan.contains(OLD));
    std::fs::write(&plan_path, plan.replace(OLD, NEW)).unwrap();
    let said = cycle(&after);

    // Nothing unread, and no advice to rebuild a past year with today's plan.
    for phrase in [
        "読み込めなかった",
        "計画の版が異なる",
        "計画の部署一覧にありません",
    ] {
        assert!(!said.contains(phrase), "{phrase}: {said}");
        assert!(!said_before.contains(phrase), "{phrase}: {said_before}");
    }
    assert!(
        said.contains(&format!("現在の「{NEW}」の提出として読み込みました")),
        "{said}"
    );
    // The year's plan is recorded for the years to come.
    let record = after.path().join(format!("input/plan/{YEAR}.toml"));
    assert_eq!(
        std::fs::read_to_string(record).unwrap(),
        plan.replace(OLD, NEW)
    );

    // The consolidated workbook: every sheet the same, the department under its new name (only
    // 提出状況 differs by the file names and their hashes).
    let same_name = |s: &str| s.replace(NEW, OLD);
    let wb_before = sheets(&workbook(&before), &|s: &str| s.to_string());
    let wb_after = sheets(&workbook(&after), &same_name);
    assert_eq!(
        wb_before.keys().collect::<Vec<_>>(),
        wb_after.keys().collect::<Vec<_>>()
    );
    for (name, rows) in &wb_before {
        if name == "提出状況" {
            continue;
        }
        assert_eq!(rows, &wb_after[name], "sheet {name}");
    }
    // 評価の推移 and 前年度の報告 carry the past years: the renamed department's items too.
    let trend = &wb_after["評価の推移"];
    assert!(trend.len() > 3, "{trend:?}");
    // The committee PDF: the same text (a longer name may wrap table cells differently).
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let pdf_before = squeeze(&common::pdf_layout_text(&committee_pdf(&before)));
    let pdf_after = squeeze(&same_name(&common::pdf_layout_text(&committee_pdf(&after))));
    let differs = pdf_before
        .chars()
        .zip(pdf_after.chars())
        .position(|(a, b)| a != b);
    assert!(
        differs.is_none() && pdf_before.len() == pdf_after.len(),
        "the PDFs differ at character {differs:?}: {}",
        pdf_after
            .chars()
            .skip(differs.unwrap_or(0))
            .take(200)
            .collect::<String>()
    );
    assert!(pdf_after.contains("前年度の委員会意見への対応"));
    let data_before = opendata(&before);
    let data_after: BTreeMap<String, String> = opendata(&after)
        .into_iter()
        .map(|(k, v)| (k, same_name(&v)))
        .collect();
    assert_eq!(data_before, data_after);
    // Every year of the open data has the renamed department's item as reported.
    let rows = data_after
        .iter()
        .find(|(name, _)| name.ends_with("_items.csv"))
        .map(|(_, rows)| rows)
        .expect("the items of the open data");
    for year in 2022..=2025 {
        assert!(
            rows.lines().any(|l| l.contains(&format!(",{year},"))
                && l.contains(OLD)
                && l.contains("提出済")),
            "{year}: {rows}"
        );
    }
}

/// Edits the exported plan workbook as the secretariat would (openpyxl): a new title for an
/// item and a revised target.
fn edit_plan_workbook(path: &Path) {
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def edit(sheet, code, heading, value):
    ws = wb[sheet]
    head = [c.value for c in ws[1]]
    col = head.index(heading) + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code)
    ws.cell(row, col).value = value
edit("取組項目", "1101", "取組項目", "市民ニーズに応じた情報発信")
edit("指標", "2401", "目標値", 450)
wb.save(sys.argv[1])
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", text(&out));
}

#[test]
fn an_imported_revision_is_listed_and_leaves_the_past_years_as_they_were() {
    if !common::python_ready() {
        return;
    }
    let p = Project::with_samples();
    let before_2023 = p.run(&["check", "--year", "2023"]);
    let book = p.path().join("計画.xlsx");
    p.run_ok(&["plan", "--export", book.to_str().unwrap()]);
    edit_plan_workbook(&book);

    let said = p.run_ok(&["plan", "--import", book.to_str().unwrap()]);
    for line in [
        "計画の変更: 2件",
        "1101 市民ニーズに応じた情報発信: 取組項目名を変更（「市民ニーズに応じた情報提供」→「市民ニーズに応じた情報発信」）",
        "職員研修の受講者数 の目標値を見直し（400 → 450）",
        "令和4(2022)年度〜令和7(2025)年度の提出ファイルは、その年度の計画で読み込みます",
        "変更後の計画は令和8(2026)年度以降",
        "これまでの計画を input/plan/2025.toml に記録しました",
    ] {
        assert!(said.contains(line), "{line}: {said}");
    }
    assert!(p.path().join("input/plan/2025.toml").is_file());
    // gyokaku plan shows the same changes against the record.
    let shown = p.run_ok(&["plan"]);
    assert!(shown.contains("取組項目名を変更"), "{shown}");
    assert!(shown.contains("input/plan/2025.toml と比べて"), "{shown}");

    // A past year is still read as before: same diagnostics, no file refused.
    let after_2023 = p.run(&["check", "--year", "2023"]);
    assert_eq!(before_2023.status.code(), after_2023.status.code());
    assert_eq!(text(&before_2023).0, text(&after_2023).0);
    // Its report shows the item as the plan stood that year.
    p.run_ok(&["build", "--year", "2024"]);
    let wb = p
        .path()
        .join("output/2024/行財政改革進捗状況_令和6年度.xlsx");
    let all = sheets(&wb, &|s: &str| s.to_string());
    let list: Vec<String> = all["取組一覧"].iter().flatten().cloned().collect();
    assert!(
        list.iter().any(|c| c == "市民ニーズに応じた情報提供"),
        "{list:?}"
    );
    assert!(!list.iter().any(|c| c == "市民ニーズに応じた情報発信"));
}

#[test]
fn a_past_year_whose_files_cannot_be_read_keeps_its_report() {
    let p = Project::with_samples();
    p.run_ok(&["build", "--year", "2023"]);
    let wb = p
        .path()
        .join("output/2023/行財政改革進捗状況_令和5年度.xlsx");
    let before = std::fs::read(&wb).unwrap();
    // Another plan entirely: no file of 2023 belongs to it.
    let plan_path = p.path().join("input/plan.toml");
    let plan = std::fs::read_to_string(&plan_path).unwrap();
    let title = plan
        .lines()
        .find_map(|l| l.strip_prefix("title = "))
        .unwrap()
        .to_string();
    std::fs::write(
        &plan_path,
        plan.replacen(&format!("title = {title}"), "title = \"別の計画\"", 1),
    )
    .unwrap();
    p.run_refused(
        &["build", "--year", "2023"],
        &["令和5(2023)年度の提出ファイルを1つも読み込めませんでした"],
    );
    assert_eq!(std::fs::read(&wb).unwrap(), before, "the report is kept");
}
