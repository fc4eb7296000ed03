//! Issue 13: the progress cycle. The committee's opinions travel from the opinion workbook
//! `build` writes, through the secretariat (openpyxl, scripts/fill_opinions.py) and
//! input/committee, to next year's forms and reports; the committee's workbook is checked like
//! a submission; 実施状況, 評価の推移 and 計画期間の総括 are compared with counts made from the
//! sample's recorded values (tests/fixtures/expected_samples.json), not by the code under test.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Reader, open_workbook_auto};
use common::{Project, python_ready, root, text};
use serde_json::{Value, json};

const LEVELS: [&str; 4] = ["S", "A", "B", "C"];
const STATUSES: [&str; 3] = ["未着手", "取組中", "完了"];
const RESPONSE: &str = "委員会意見への対応";
const PREVIOUS_OPINION: &str = "前年度の委員会意見";
const CONTRIBUTION: &str = "_取組部署";

// ── helpers ──

/// Runs one of the committed Python helpers with a JSON argument (passed through a file).
fn python(script: &str, src: &Path, dest: &Path, spec: &Value) {
    common::python_script(script, src, dest, &spec.to_string());
}

/// The secretariat fills the opinion workbook (scripts/fill_opinions.py).
fn fill_opinions(blank: &Path, dest: &Path, spec: &Value) {
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    python("fill_opinions.py", blank, dest, spec);
}

/// A department fills its form: {sheet: {cell: value}} (scripts/fill_cells.py).
fn fill_cells(form: &Path, dest: &Path, cells: &Value) {
    python("fill_cells.py", form, dest, cells);
}

/// tests/fixtures/expected_samples.json: every value make_samples.py wrote.
fn expected() -> Value {
    let path = root().join("tests/fixtures/expected_samples.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The recorded values of a year's lead sheets: (管理番号, department, {cell: value}).
fn lead_sheets(
    expected: &Value,
    year: u16,
) -> Vec<(String, String, &serde_json::Map<String, Value>)> {
    let mut out = Vec::new();
    for (dept, sheets) in expected[year.to_string()].as_object().unwrap() {
        for (sheet, cells) in sheets.as_object().unwrap() {
            if !sheet.ends_with(CONTRIBUTION) {
                out.push((sheet.clone(), dept.clone(), cells.as_object().unwrap()));
            }
        }
    }
    out
}

/// The evaluation recorded on an item's lead sheet in a year (the only value among S/A/B/C).
fn recorded_evaluation(cells: &serde_json::Map<String, Value>) -> Option<String> {
    let found: Vec<&str> = cells
        .values()
        .filter_map(Value::as_str)
        .filter(|v| LEVELS.contains(v))
        .collect();
    assert!(found.len() <= 1, "one evaluation per sheet: {found:?}");
    found.first().map(|s| s.to_string())
}

/// Every non-empty cell of a sheet: (row, column) 0-based absolute → text.
fn cells(path: &Path, sheet: &str) -> BTreeMap<(u32, u32), String> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .cells()
        .map(|(r, c, d)| ((r0 + r as u32, c0 + c as u32), d.to_string()))
        .filter(|(_, s)| !s.is_empty())
        .collect()
}

/// A sheet as rows of text (absolute rows from 0; missing cells empty).
fn rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let cells = cells(path, sheet);
    let height = cells.keys().map(|(r, _)| r + 1).max().unwrap_or(0) as usize;
    let width = cells.keys().map(|(_, c)| c + 1).max().unwrap_or(0) as usize;
    let mut out = vec![vec![String::new(); width]; height];
    for ((r, c), v) in cells {
        out[r as usize][c as usize] = v;
    }
    out
}

/// The row whose column A is `label` (a form's labels are in column A).
fn label_row(rows: &[Vec<String>], label: &str) -> usize {
    rows.iter()
        .position(|r| r.first().is_some_and(|a| a == label))
        .unwrap_or_else(|| panic!("no row labelled {label}"))
}

/// A table on a sheet: the heading row (the first row containing `heading`) and the rows
/// after it, as {column heading: value} keyed by the first column.
fn table(rows: &[Vec<String>], heading: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let at = rows
        .iter()
        .position(|r| r.iter().any(|c| c == heading))
        .unwrap_or_else(|| panic!("no table with heading {heading}"));
    let body = rows[at + 1..]
        .iter()
        .take_while(|r| r.first().is_some_and(|a| !a.is_empty()))
        .cloned()
        .collect();
    (rows[at].clone(), body)
}

fn column(headings: &[String], name: &str) -> usize {
    headings
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {headings:?}"))
}

fn check_json(p: &Project, year: &str) -> (Option<i32>, Value) {
    let out = p.run(&["check", "--year", year, "--format", "json"]);
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {:?}", text(&out)));
    (out.status.code(), json)
}

fn diagnostics(json: &Value) -> Vec<&Value> {
    json["diagnostics"].as_array().unwrap().iter().collect()
}

fn build(p: &Project, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend(args);
    let out = p.run(&all);
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
}

fn pdf_text(path: &Path) -> String {
    common::pdf_layout_text(path)
}

fn workbook(p: &Project, year: u16) -> PathBuf {
    let era = year - 2018;
    p.path().join(format!(
        "output/{year}/行財政改革進捗状況_令和{era}年度.xlsx"
    ))
}

fn pdf(p: &Project, year: u16) -> PathBuf {
    let era = year - 2018;
    p.path().join(format!(
        "output/{year}/行財政改革推進委員会資料_令和{era}年度.pdf"
    ))
}

fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

// ── 1. A full two-year cycle ──

const GENERAL: &str = "初年度として、おおむね計画どおりに進んでいる。";
const OPINION_1102: &str = "件数を部署別に公表されたい。";
const OPINION_2101: &str = "評価結果を予算に反映されたい。";
const OPINION_2402: &str = "時間外勤務の要因を示されたい。";
const RESPONSE_1102: &str = "部署別の件数を公表した。";
const RESPONSE_2101: &str = "予算査定で評価結果を用いた。";

#[test]
fn an_opinion_on_2022_is_shown_on_the_2023_forms_and_answered_in_the_2023_report() {
    if !python_ready() || !common::have("pdftotext") {
        return;
    }
    let p = Project::new();
    common::copy_dir(&root().join("input/submissions/2022"), &p.submissions(2022));
    build(&p, &["--year", "2022"]);

    // The workbook build wrote for the secretariat: one row per item, nothing filled yet.
    let blank = p.path().join("output/2022/委員会意見_令和4年度.xlsx");
    let sheet = rows(&blank, "委員会意見");
    let (head, body) = table(&sheet, "管理番号");
    assert_eq!(body.len(), 19, "one row per item");
    let row_1102 = body.iter().find(|r| r[0] == "1102").unwrap();
    assert_eq!(row_1102[column(&head, "評価")], "A：計画どおり進んでいる");
    assert!(
        body.iter()
            .all(|r| r[column(&head, "委員会意見")].is_empty())
    );

    // The secretariat records the meeting and places the file in input/committee.
    let committee = p.path().join("input/committee/2022.xlsx");
    fill_opinions(
        &blank,
        &committee,
        &json!({"general": GENERAL, "items": {
            "1102": OPINION_1102, "2101": OPINION_2101, "2402": OPINION_2402}}),
    );
    let (code, json) = check_json(&p, "2022");
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(json["counts"]["errors"], 0, "{json}");
    assert!(
        diagnostics(&json)
            .iter()
            .all(|d| !d["file"].as_str().unwrap_or("").contains("committee")),
        "nothing wrong with the committee's file: {json}"
    );

    // The 2023 forms show each opinion on the lead sheet and ask for the response.
    let out = p.run(&["templates", "--year", "2023"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let forms = p.path().join("output/2023/templates");
    let gyosei = forms.join("行政経営課.xlsx");
    let soumu = forms.join("総務課.xlsx");
    let mut response_cells = BTreeMap::new();
    for (form, sheet, opinion) in [
        (&gyosei, "1102", OPINION_1102),
        (&gyosei, "2101", OPINION_2101),
        (&gyosei, "2201", "（前年度の委員会意見はありません）"),
        (&soumu, "2402", OPINION_2402),
        (&soumu, "2401", "（前年度の委員会意見はありません）"),
    ] {
        let r = rows(form, sheet);
        assert_eq!(r[label_row(&r, PREVIOUS_OPINION)][1], opinion, "{sheet}");
        let at = label_row(&r, RESPONSE);
        assert!(
            r[at].iter().skip(1).all(String::is_empty),
            "{sheet}: empty input"
        );
        response_cells.insert(sheet, format!("B{}", at + 1));
    }

    // 2023: 行政経営課 answers both opinions; 総務課 leaves its opinion unanswered. Both
    // report what the sample recorded for 2023 otherwise.
    let samples = expected();
    let mut answer = samples["2023"]["行政経営課"].clone();
    answer["1102"][&response_cells["1102"]] = json!(RESPONSE_1102);
    answer["2101"][&response_cells["2101"]] = json!(RESPONSE_2101);
    fill_cells(
        &gyosei,
        &p.submissions(2023).join("行政経営課.xlsx"),
        &answer,
    );
    let mut silent = samples["2023"]["総務課"].clone();
    silent["2402"]
        .as_object_mut()
        .unwrap()
        .remove(&response_cells["2402"]);
    fill_cells(&soumu, &p.submissions(2023).join("総務課.xlsx"), &silent);

    // The missing response is the one error, naming file, sheet and cell.
    let (code, json) = check_json(&p, "2023");
    assert_eq!(code, Some(1), "{json}");
    let errors: Vec<&Value> = diagnostics(&json)
        .into_iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["file"], "総務課.xlsx");
    assert_eq!(errors[0]["sheet"], "2402");
    assert_eq!(errors[0]["cell"], response_cells["2402"].as_str());
    assert!(
        errors[0]["message"].as_str().unwrap().contains(RESPONSE),
        "{}",
        errors[0]
    );
    let (stdout, _) = text(&p.run(&["check", "--year", "2023"]));
    assert!(
        stdout.contains(&format!("総務課.xlsx [2402] {}", response_cells["2402"])),
        "{stdout}"
    );

    // The secretariat corrects the wording of one opinion after the forms went out: the
    // departments' forms show the earlier wording, which is a note to look at, not an edit.
    let corrected = format!("{OPINION_1102}（修正）");
    fill_opinions(
        &blank,
        &committee,
        &json!({"general": GENERAL, "items": {
            "1102": corrected, "2101": OPINION_2101, "2402": OPINION_2402}}),
    );
    let (_, json) = check_json(&p, "2023");
    let about_1102: Vec<&Value> = diagnostics(&json)
        .into_iter()
        .filter(|d| d["sheet"] == "1102")
        .collect();
    assert_eq!(about_1102.len(), 1, "{about_1102:?}");
    assert_eq!(about_1102[0]["severity"], "info", "{:?}", about_1102[0]);
    assert_eq!(about_1102[0]["file"], "行政経営課.xlsx");
    let message = about_1102[0]["message"].as_str().unwrap();
    assert!(
        message.contains("配布後に更新") && message.contains(&corrected),
        "{message}"
    );
    fill_opinions(
        &blank,
        &committee,
        &json!({"general": GENERAL, "items": {
            "1102": OPINION_1102, "2101": OPINION_2101, "2402": OPINION_2402}}),
    );

    // The 2023 report puts opinion and response side by side.
    build(&p, &["--year", "2023"]);
    let sheet = rows(&workbook(&p, 2023), "前年度意見への対応");
    let (head, body) = table(&sheet, "管理番号");
    let (o, r) = (column(&head, PREVIOUS_OPINION), column(&head, RESPONSE));
    let got: Vec<(&str, &str, &str)> = body
        .iter()
        .map(|row| (row[0].as_str(), row[o].as_str(), row[r].as_str()))
        .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0], ("1102", OPINION_1102, RESPONSE_1102));
    assert_eq!(got[1], ("2101", OPINION_2101, RESPONSE_2101));
    assert_eq!(got[2], ("2402", OPINION_2402, "（回答なし）"));

    let text = pdf_text(&pdf(&p, 2023));
    let section = &text[text.find("前年度の委員会意見への対応\n").expect("section")..];
    assert!(section.contains(GENERAL), "{section}");
    for (opinion, response) in [(OPINION_1102, RESPONSE_1102), (OPINION_2101, RESPONSE_2101)] {
        assert!(
            section
                .lines()
                .any(|l| l.contains(opinion) && l.contains(response)),
            "side by side: {opinion} / {response}\n{section}"
        );
    }
    // … and on the item's own page.
    let page_1102 = &text[text.find("1102 積極的な情報公開の推進\n").unwrap()..];
    let page_1102 = &page_1102[..page_1102.find("1201 広聴活動の充実\n").unwrap()];
    assert!(
        page_1102.contains("前年度の委員会意見と対応"),
        "{page_1102}"
    );
    assert!(page_1102.contains(OPINION_1102) && page_1102.contains(RESPONSE_1102));
}

// ── 2. The committee's workbook is checked like a submission ──

/// The sample's committee workbooks read back exactly, and `check` finds nothing in them.
#[test]
fn the_sample_committee_workbooks_read_back_exactly() {
    let plan = gyokaku::plan::load_plan(&root().join("input/plan.toml")).unwrap();
    let samples = expected();
    let recorded = samples["committee"].as_object().unwrap();
    assert_eq!(
        recorded.keys().collect::<Vec<_>>(),
        ["2022", "2023", "2024"],
        "the 2025 meeting has not happened"
    );
    for (year, sheets) in recorded {
        let year: u16 = year.parse().unwrap();
        let read = gyokaku::submission::committee::read_year(
            &root().join("input/committee"),
            &plan,
            gyokaku::fiscal_year::FiscalYear(year),
            "committee",
        )
        .unwrap();
        assert!(read.usable && read.diagnostics.is_empty(), "{read:?}");
        let items = sheets["委員会意見"].as_object().unwrap();
        assert_eq!(read.items.len(), items.len(), "{year}");
        for (cell, opinion) in items {
            let index = (0..plan.items.len())
                .find(|&i| gyokaku::form::committee::opinion_cell(i).a1() == *cell)
                .unwrap_or_else(|| panic!("{year} {cell} is an opinion cell"));
            let code = plan.items[index].code();
            assert_eq!(read.items[code], opinion.as_str().unwrap(), "{year} {code}");
        }
        let general = sheets["総評"].as_object().unwrap();
        assert_eq!(general.len(), 1);
        assert_eq!(
            read.general.as_deref(),
            general.values().next().unwrap().as_str()
        );
    }
    let p = Project::with_samples();
    for year in ["2022", "2023", "2024", "2025"] {
        let (_, json) = check_json(&p, year);
        assert!(
            diagnostics(&json)
                .iter()
                .all(|d| !d["file"].as_str().unwrap_or("").contains("committee")),
            "{year}: {json}"
        );
    }
}

/// One mistake in the committee's 2023 workbook: `check --year 2023` gives a Japanese
/// diagnostic naming the file (and the sheet and cell where there is one).
fn committee_mistake(p: &Project, base: &Path, spec: &Value) -> Vec<Value> {
    let target = p.path().join("input/committee/2023.xlsx");
    fill_opinions(base, &target, spec);
    committee_diagnostics(p, "2023").1
}

/// The check of a year: its exit code and what it says of the committee workbook of 2023.
fn committee_diagnostics(p: &Project, year: &str) -> (Option<i32>, Vec<Value>) {
    let (code, json) = check_json(p, year);
    let found = diagnostics(&json)
        .into_iter()
        .filter(|d| d["file"] == "committee/2023.xlsx")
        .cloned()
        .collect();
    (code, found)
}

fn has(found: &[Value], severity: &str, sheet: Option<&str>, cell: Option<&str>, text: &str) {
    assert!(
        found.iter().any(|d| d["severity"] == severity
            && d["sheet"].as_str() == sheet
            && d["cell"].as_str() == cell
            && d["message"].as_str().is_some_and(|m| m.contains(text))),
        "expected {severity} {sheet:?} {cell:?} 「{text}」 in {found:#?}"
    );
}

#[test]
fn mistakes_in_the_committee_workbook_are_named_like_mistakes_in_a_submission() {
    if !python_ready() {
        return;
    }
    let p = Project::with_samples();
    build(&p, &["--year", "2023"]);
    // The workbook as build wrote it (with the sample's recorded opinions).
    let base = p.path().join("base.xlsx");
    std::fs::copy(
        p.path().join("output/2023/委員会意見_令和5年度.xlsx"),
        &base,
    )
    .unwrap();

    // Each mistake and what check says of it: (severity, sheet, cell, message).
    type Said = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        &'static str,
    );
    let mistakes: [(Value, Vec<Said>); 4] = [
        // An opinion typed in a row inserted between two items.
        (
            json!({"defects": {"insert_rows": [6], "cells": {"委員会意見!F6": "挿入した行に書いた意見"}}}),
            vec![(
                "error",
                Some("委員会意見"),
                Some("A6"),
                "記入表のレイアウトが変更されています（A6 には「1102」があるはずですが空欄です）",
            )],
        ),
        // The 総評 sheet renamed.
        (
            json!({"defects": {"rename": {"総評": "まとめ"}}}),
            vec![(
                "error",
                None,
                None,
                "シート「総評」がありません（シート名を変更・削除しないでください）",
            )],
        ),
        // A formula without a cached value.
        (
            json!({"defects": {"cells": {"委員会意見!F7": "=\"意見\"&\"です\""}}}),
            vec![(
                "error",
                Some("委員会意見"),
                Some("F7"),
                "委員会意見: 数式の計算結果が保存されていません",
            )],
        ),
        // Over-long text (the data validation of the cell allows 2,000 characters, but a
        // program writing the file ignores it): a warning naming the cell. (openpyxl cuts text
        // at Excel's 32,767-character cell limit, so the error beyond it cannot come from such
        // a file.)
        (
            json!({"general": "長".repeat(3000), "items": {"1101": "意".repeat(2500)}}),
            vec![
                (
                    "warning",
                    Some("委員会意見"),
                    Some("F5"),
                    "委員会意見: 2500文字あります（2,000文字以内を目安にしてください）",
                ),
                (
                    "warning",
                    Some("総評"),
                    Some("B4"),
                    "総評: 3000文字あります（2,000文字以内を目安にしてください）",
                ),
            ],
        ),
    ];
    for (spec, said) in &mistakes {
        let found = committee_mistake(&p, &base, spec);
        for &(severity, sheet, cell, message) in said {
            has(&found, severity, sheet, cell, message);
        }
    }

    // Last year's workbook saved under this year's name: refused, and next year's check
    // says the 2024 forms could not show the opinions.
    std::fs::copy(
        p.path().join("input/committee/2022.xlsx"),
        p.path().join("input/committee/2023.xlsx"),
    )
    .unwrap();
    let (code, found) = committee_diagnostics(&p, "2023");
    assert_eq!(code, Some(1));
    has(
        &found,
        "error",
        None,
        None,
        "令和4(2022)年度の記入表です（令和5(2023)年度のファイルとして置かれています）。ファイル名を西暦年度（2023.xlsx）に合わせてください",
    );
    let (_, found) = committee_diagnostics(&p, "2024");
    has(
        &found,
        "warning",
        None,
        None,
        "令和5(2023)年度の委員会意見の記入表を読み込めないため、令和6(2024)年度の入力シートに前年度の委員会意見を表示していません",
    );
    // The year's outputs are still written, without the unusable opinions.
    build(&p, &["--year", "2023"]);
    assert!(!sheet_names(&workbook(&p, 2023)).contains(&"委員会意見".to_string()));
}

// ── 3. 実施状況, 評価の推移 and 計画期間の総括 on the sample ──

/// 具体的な取組 per status in a year, counted from the recorded values of the lead sheets.
fn recorded_statuses(samples: &Value, year: u16) -> [usize; 3] {
    let mut counts = [0; 3];
    for (_, _, cells) in lead_sheets(samples, year) {
        for v in cells.values().filter_map(Value::as_str) {
            if let Some(i) = STATUSES.iter().position(|s| *s == v) {
                counts[i] += 1;
            }
        }
    }
    counts
}

/// "3（+3）", "0（±0）", "2（−1）" as the PDF prints a count with its change.
fn with_change(n: usize, d: i64) -> String {
    let sign = match d {
        0 => "±0".to_string(),
        d if d > 0 => format!("+{d}"),
        d => format!("−{}", -d),
    };
    format!("{n}（{sign}）")
}

#[test]
fn status_counts_of_2023_and_their_changes_match_the_hand_count() {
    // Hand count (scripts/make_samples.py STATUS): only 1101 (3 actions) and 1102 (2) have
    // 具体的な取組, both under 1-1.
    //   2022: 1101 取組中・取組中・未着手, 1102 取組中・未着手 → 未着手 2, 取組中 3, 完了 0
    //   2023: 1101 完了・完了・取組中,     1102 完了・取組中   → 未着手 0, 取組中 2, 完了 3
    const Y2022: [usize; 3] = [2, 3, 0];
    const Y2023: [usize; 3] = [0, 2, 3];
    let samples = expected();
    assert_eq!(recorded_statuses(&samples, 2022), Y2022);
    assert_eq!(recorded_statuses(&samples, 2023), Y2023);

    let p = Project::with_samples();
    build(&p, &["--year", "2023"]);
    let sheet = rows(&workbook(&p, 2023), "総括");
    let (head, body) = table(&sheet, "未着手（今年度）");
    for row in &body {
        let (now, before): ([usize; 3], [usize; 3]) = match row[0].as_str() {
            "1-1" | "(1)" | "合計" => (Y2023, Y2022),
            _ => ([0; 3], [0; 3]),
        };
        for (i, status) in STATUSES.iter().enumerate() {
            let get = |suffix: &str| row[column(&head, &format!("{status}（{suffix}）"))].clone();
            assert_eq!(get("今年度"), now[i].to_string(), "{} {status}", row[0]);
            assert_eq!(get("前年度"), before[i].to_string(), "{} {status}", row[0]);
            let change = now[i] as i64 - before[i] as i64;
            assert_eq!(get("増減"), change.to_string(), "{} {status}", row[0]);
        }
        assert_eq!(row[column(&head, "未記入（今年度）")], "0");
        assert_eq!(
            row[column(&head, "計（今年度）")],
            now.iter().sum::<usize>().to_string()
        );
    }
    assert_eq!(body.len(), 11, "8 policies, 2 subtotals, the total");

    if !common::have("pdftotext") {
        return;
    }
    let text = pdf_text(&pdf(&p, 2023));
    let section = &text[text.find("(4) 具体的な取組の実施状況").expect("(4)")..];
    let line = section.lines().find(|l| l.starts_with("合計")).unwrap();
    let want: Vec<String> = (0..3)
        .map(|i| with_change(Y2023[i], Y2023[i] as i64 - Y2022[i] as i64))
        .chain([with_change(0, 0), "5".to_string()])
        .collect();
    assert_eq!(line.split_whitespace().skip(1).collect::<Vec<_>>(), want);
}

#[test]
fn the_trend_counts_each_years_recorded_evaluations() {
    let samples = expected();
    let items = 19;
    let p = Project::with_samples();
    build(&p, &[]);
    let sheet = rows(&workbook(&p, 2025), "評価の推移");
    let (head, body) = table(&sheet, "年度");
    assert_eq!(body.len(), 4, "2022…2025");
    for (row, year) in body.iter().zip(2022u16..) {
        assert_eq!(row[0], format!("令和{}({year})年度", year - 2018));
        let mut counts = [0usize; 4];
        for (_, _, cells) in lead_sheets(&samples, year) {
            if let Some(e) = recorded_evaluation(cells) {
                counts[LEVELS.iter().position(|l| *l == e).unwrap()] += 1;
            }
        }
        for (level, n) in LEVELS.iter().zip(counts) {
            assert_eq!(row[column(&head, level)], n.to_string(), "{year} {level}");
        }
        let unrated = items - counts.iter().sum::<usize>();
        assert_eq!(row[column(&head, "未評価")], unrated.to_string(), "{year}");
        assert_eq!(row[column(&head, "計")], items.to_string());
    }
    // 福祉課 did not submit in 2023: its item 2202 is the year's only 未評価.
    assert_eq!(body[1][column(&head, "未評価")], "1");
}

/// The 効果額 recorded for an item in a year: the value of the cell labelled 効果額（千円） on the
/// lead sheet of the sample file (found by its label), as make_samples.py recorded it.
fn recorded_effect(samples: &Value, year: u16, code: &str) -> Option<f64> {
    let (_, dept, values) = lead_sheets(samples, year)
        .into_iter()
        .find(|(sheet, _, _)| sheet == code)?;
    let file = root()
        .join("input/submissions")
        .join(year.to_string())
        .join(format!("{dept}.xlsx"));
    let r = rows(&file, code);
    let cell = format!("C{}", label_row(&r, "効果額（千円）") + 1);
    values.get(&cell).and_then(Value::as_f64)
}

#[test]
fn the_period_summary_of_2025_shows_every_years_evaluation_and_the_cumulative_effect() {
    let samples = expected();
    let p = Project::with_samples();
    build(&p, &["--year", "2025"]);
    let sheet = rows(&workbook(&p, 2025), "計画期間の総括");
    let (head, body) = table(&sheet, "管理番号");
    let plan = gyokaku::plan::load_plan(&root().join("input/plan.toml")).unwrap();
    let mut seen = Vec::new();
    let mut effect_total = 0.0;
    for item in &plan.items {
        let code = item.code();
        let row = body.iter().find(|r| r[0] == code).unwrap();
        seen.push(code);
        for year in 2022u16..=2025 {
            let got = &row[column(&head, &format!("評価（令和{}年度）", year - 2018))];
            let want = lead_sheets(&samples, year)
                .into_iter()
                .find(|(sheet, _, _)| sheet == code)
                .and_then(|(_, _, cells)| recorded_evaluation(cells));
            match want {
                Some(e) => assert_eq!(got, &e, "{code} {year}"),
                None => assert!(!LEVELS.contains(&got.as_str()), "{code} {year}: {got}"),
            }
        }
        let effects: Vec<f64> = (2022u16..=2025)
            .filter_map(|y| recorded_effect(&samples, y, code))
            .collect();
        let got = &row[column(&head, "効果額の累計（千円）")];
        if effects.is_empty() {
            assert_eq!(got, "", "{code}");
        } else {
            let sum: f64 = effects.iter().sum();
            assert_eq!(got.parse::<f64>().unwrap(), sum, "{code}");
            effect_total += sum;
        }
    }
    assert_eq!(seen.len(), 19);
    // Five items saved or earned money; the sum over the period as the sample recorded it.
    assert_eq!(effect_total, 152_000.0);

    if common::have("pdftotext") {
        let text = pdf_text(&pdf(&p, 2025));
        assert!(text.contains("6 計画期間の総括"), "the PDF has the section");
        assert!(text.contains("効果額の累計は152,000千円"), "{text}");
    }
}

#[test]
fn the_period_summary_comes_before_the_last_year_only_on_request() {
    let pdftotext = common::have("pdftotext");
    let p = Project::with_samples();
    build(&p, &["--year", "2023"]);
    assert!(!sheet_names(&workbook(&p, 2023)).contains(&"計画期間の総括".to_string()));
    if pdftotext {
        assert!(!pdf_text(&pdf(&p, 2023)).contains("計画期間の総括"));
    }
    build(&p, &["--year", "2023", "--period"]);
    assert!(sheet_names(&workbook(&p, 2023)).contains(&"計画期間の総括".to_string()));
    let sheet = rows(&workbook(&p, 2023), "計画期間の総括");
    let (head, _) = table(&sheet, "管理番号");
    assert!(head.contains(&"評価（令和5年度）".to_string()), "{head:?}");
    assert!(!head.iter().any(|h| h.contains("令和6年度")), "{head:?}");
    if pdftotext {
        assert!(pdf_text(&pdf(&p, 2023)).contains("計画期間の総括"));
    }
}

// ── 4. Determinism ──

fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        if entry.path().is_file() {
            out.insert(
                entry.file_name().to_string_lossy().to_string(),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    out
}

#[test]
fn building_2025_twice_gives_the_same_bytes() {
    let first = Project::with_samples();
    build(&first, &["--year", "2025"]);
    let a = outputs(&first.path().join("output/2025"));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        [
            "委員会意見_令和7年度.xlsx",
            "行財政改革推進委員会資料_令和7年度.pdf",
            "行財政改革進捗状況_令和7年度.xlsx"
        ]
    );
    // Again in the same folder, and in another project folder.
    build(&first, &["--year", "2025"]);
    let second = Project::with_samples();
    build(&second, &["--year", "2025"]);
    for b in [
        outputs(&first.path().join("output/2025")),
        outputs(&second.path().join("output/2025")),
    ] {
        for (name, bytes) in &a {
            assert!(b[name] == *bytes, "{name} differs between runs");
        }
    }
}
