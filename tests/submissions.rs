//! Reading the sample submissions (filled by openpyxl, some re-saved by LibreOffice): every
//! value written reads back exactly, nothing is lost between the cells and the merged model,
//! and checking never modifies the inputs.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use gyokaku::fiscal_year::FiscalYear;
use gyokaku::form::Value;
use gyokaku::form::{Field, SheetKind, department_forms};
use gyokaku::merge::merge_year;
use gyokaku::plan::{Plan, Settings, load_plan};
use gyokaku::submission::{ReadContext, load_year};

fn setup() -> (Plan, Settings) {
    let root = common::root();
    (
        load_plan(&root.join("input/plan.toml")).unwrap(),
        Settings::load(&root.join("templates/report.toml")).unwrap(),
    )
}

fn same(expected: &serde_json::Value, got: &Value) -> bool {
    match (expected, got) {
        (serde_json::Value::Number(n), Value::Number(v)) => (n.as_f64().unwrap() - v).abs() < 1e-9,
        (serde_json::Value::String(s), Value::Text(t) | Value::Choice(t)) => s.trim() == t,
        _ => false,
    }
}

#[test]
fn fixtures_read_back_exactly() {
    let (plan, settings) = setup();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/fixtures/expected_samples.json"))
            .unwrap(),
    )
    .unwrap();
    let mut checked = 0;
    for (year, depts) in expected.as_object().unwrap() {
        // The committee's workbooks are read back in tests/cycle.rs.
        let Ok(year) = year.parse::<u16>() else {
            assert_eq!(year, "committee");
            continue;
        };
        let ctx = ReadContext::new(&plan, &settings, FiscalYear(year));
        let subs = load_year(
            &common::root()
                .join("input/submissions")
                .join(year.to_string()),
            &ctx,
        )
        .unwrap();
        for (dept, sheets) in depts.as_object().unwrap() {
            let file = subs
                .used_file(dept)
                .unwrap_or_else(|| panic!("{year} {dept} read"));
            for (sheet, cells) in sheets.as_object().unwrap() {
                let values = file
                    .sheets
                    .iter()
                    .find(|s| {
                        let name = gyokaku::form::sheet_name(&s.item_code, s.kind);
                        &name == sheet
                    })
                    .unwrap_or_else(|| panic!("{year} {dept} {sheet}"));
                for (cell, want) in cells.as_object().unwrap() {
                    let (_, got) = values
                        .at(cell)
                        .unwrap_or_else(|| panic!("{year} {dept} {sheet} {cell} read"));
                    assert!(
                        same(want, got),
                        "{year} {dept} {sheet} {cell}: {want} vs {got:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 200, "checked {checked} values");
}

/// Every non-empty input cell of every sample file ends up in the merged model or in a
/// diagnostic naming that cell.
#[test]
fn nothing_is_lost() {
    let (plan, settings) = setup();
    let mut cells_seen = 0;
    for year in [2022u16, 2023, 2024, 2025] {
        let ctx = ReadContext::new(&plan, &settings, FiscalYear(year));
        let dir = common::root()
            .join("input/submissions")
            .join(year.to_string());
        let subs = load_year(&dir, &ctx).unwrap();
        let merged = merge_year(&plan, &subs);
        for file in &subs.files {
            let dept = file.department.clone().expect("department");
            let mut wb = open_workbook_auto(dir.join(&file.name)).unwrap();
            for form in department_forms(&plan, &settings, &ctx.opinions, &dept) {
                let range = wb.worksheet_range(&form.sheet_name).unwrap();
                let item = merged.item(&form.item_code).unwrap();
                for input in &form.inputs {
                    let data = range
                        .get_value((input.cell.row, u32::from(input.cell.col)))
                        .cloned()
                        .unwrap_or(Data::Empty);
                    if matches!(&data, Data::Empty)
                        || matches!(&data, Data::String(s) if s.trim().is_empty())
                    {
                        continue;
                    }
                    cells_seen += 1;
                    let a1 = input.cell.a1();
                    let diagnosed = file.diagnostics.iter().any(|d| {
                        d.sheet.as_deref() == Some(form.sheet_name.as_str())
                            && d.cell.as_deref() == Some(a1.as_str())
                    });
                    let in_model = match (form.kind, input.field) {
                        (SheetKind::Lead, Field::Evaluation) => item.evaluation.is_some(),
                        (SheetKind::Lead, Field::ActionStatus(i)) => item.statuses[i].is_some(),
                        (SheetKind::Lead, Field::WorkDone) => item.work_done.is_some(),
                        (SheetKind::Lead, Field::Issues) => item.issues.is_some(),
                        (SheetKind::Lead, Field::NextSteps) => item.next_steps.is_some(),
                        (SheetKind::Lead, Field::Response) => item.response.is_some(),
                        (SheetKind::Lead, Field::EffectAmount) => item.effect_amount.is_some(),
                        (SheetKind::Lead, Field::Indicator(i)) => {
                            let ind = &item.indicators[i];
                            ind.value.is_some()
                                && (ind.parts.is_empty() || ind.parts[0].value.is_some())
                        }
                        (SheetKind::Contribution, Field::WorkDone) => item
                            .contributions
                            .iter()
                            .any(|c| c.department == dept && c.work_done.is_some()),
                        (SheetKind::Contribution, Field::Indicator(i)) => item
                            .contributions
                            .iter()
                            .any(|c| c.department == dept && c.values.contains_key(&i)),
                        _ => false,
                    };
                    assert!(
                        in_model || diagnosed,
                        "{year} {} [{}] {a1} ({:?}) is neither merged nor diagnosed",
                        file.name,
                        form.sheet_name,
                        input.field
                    );
                }
            }
        }
    }
    assert!(cells_seen > 250, "saw {cells_seen} filled cells");
}

fn hashes(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for year in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        if !year.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(year.path())
            .unwrap()
            .filter_map(Result::ok)
        {
            let bytes = std::fs::read(f.path()).unwrap();
            out.insert(
                f.path().display().to_string(),
                gyokaku::submission::reader::sha256_hex(&bytes),
            );
        }
    }
    out
}

#[test]
fn check_on_the_sample_reports_only_the_missing_department_and_modifies_nothing() {
    let p = common::Project::with_samples();
    let subs = p.path().join("input/submissions");
    let before = hashes(&subs);
    let out = p.run(&["check", "--year", "2023"]);
    let (stdout, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("警告: 未提出: 福祉課 のファイルがありません"),
        "{stdout}"
    );
    // The other warning is the plan's own ● (an undecided value of the published plan).
    assert!(
        stdout.contains("plan.toml: [1101] 現状・課題に未定の値（●）があり"),
        "{stdout}"
    );
    assert!(
        stdout.contains("令和5(2023)年度: 提出 11/12 部署、エラー 0、警告 2"),
        "{stdout}"
    );
    let out = p.run(&["check", "--year", "R4", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["counts"]["errors"], 0, "{json}");
    assert_eq!(json["submitted"], 12);
    // build counts the same findings as check.
    let out = p.run(&["build", "--year", "2023"]);
    let (stdout, stderr) = common::text(&out);
    assert!(
        stderr.contains("令和5(2023)年度: 提出 11/12 部署、エラー 0、警告 2"),
        "{stdout}{stderr}"
    );
    assert_eq!(before, hashes(&subs), "inputs unchanged");
}
