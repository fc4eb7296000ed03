//! Issue 18: a plan revised between two years by `gyokaku plan --import`. The test city's plan
//! (tests/fixtures/other_city/) runs its 令和7(2025)年度 cycle (forms made by `templates`, the
//! departments' files filled with openpyxl by scripts/make_other_city.py, check, build); then
//! the secretariat imports the plan it revised in Excel (tests/fixtures/revised_plan/改訂計画.xlsx,
//! made by scripts/make_revised_plan.py: an item added from 2026, one merged into another after
//! 2025, a department renamed, an indicator renamed and a target revised from 2026) and runs
//! 令和8(2026)年度: its forms made by `templates` are filled with openpyxl
//! (scripts/fill_cells.py, the cells found by the forms' labels), checked and built. The
//! import lists each change; 2025's outputs stay byte for byte; 2026's outputs show each
//! change, the values typed in 2026 and the whole history.

mod common;

use std::path::{Path, PathBuf};

use common::{Project, root, sheet_rows};

fn project() -> Project {
    let city = root().join("tests/fixtures/other_city");
    let p = Project::new();
    std::fs::copy(city.join("plan.toml"), p.path().join("input/plan.toml")).unwrap();
    std::fs::copy(
        city.join("report.toml"),
        p.path().join("templates/report.toml"),
    )
    .unwrap();
    common::copy_dir(
        &city.join("submissions"),
        &p.path().join("input/submissions"),
    );
    p
}

fn workbook(p: &Project, year: u16) -> PathBuf {
    p.path()
        .join(format!("output/{year}/実施状況_{year}年度.xlsx"))
}

fn pdf(p: &Project, year: u16) -> PathBuf {
    p.path()
        .join(format!("output/{year}/懇話会資料_{year}年度.pdf"))
}

/// The PDF's text without white space (cells wrap differently).
fn pdf_text(path: &Path) -> String {
    common::pdf_layout_text(path)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::Reader;
    calamine::open_workbook_auto(path).unwrap().sheet_names()
}

/// The row of a sheet whose first cell is `code`.
fn row_of(rows: &[Vec<String>], code: &str) -> Vec<String> {
    rows.iter()
        .find(|r| r.first().is_some_and(|c| c == code))
        .unwrap_or_else(|| panic!("{code}: {rows:?}"))
        .clone()
}

/// Sheets of a department's form that are not an item's page.
const NOT_AN_ITEM: [&str; 3] = ["入力状況", "記入方法", "_meta"];

/// 実施内容 typed for an item in 2026 by a department.
fn work_2026(code: &str, dept: &str) -> String {
    format!("{code}：{dept}は令和8年度に手順を見直し、対象を広げて実施した。")
}

/// 指標実績 typed in 2026 on an item's own page (the lead department), by indicator.
fn lead_values_2026(code: &str) -> &'static [f64] {
    match code {
        "A-01" => &[12.0],
        "C-05" => &[35.0],
        "No.2" => &[18.0, 140.0],
        _ => &[],
    }
}

/// An item's page of a form: its sheet, its 管理番号 and each column A label with its row
/// number.
struct FormPage {
    sheet: String,
    code: String,
    labels: Vec<(String, u32)>,
}

/// Each item's page of a form.
fn form_pages(form: &Path) -> Vec<FormPage> {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto(form).unwrap();
    let mut pages = Vec::new();
    for sheet in book.sheet_names() {
        if NOT_AN_ITEM.contains(&sheet.as_str()) {
            continue;
        }
        let range = book.worksheet_range(&sheet).unwrap();
        let (top, left) = range.start().unwrap();
        assert_eq!(left, 0, "{sheet}: labels in column A");
        let mut labels = Vec::new();
        let mut code = String::new();
        for (i, row) in range.rows().enumerate() {
            let row_number = top + i as u32 + 1;
            let label = row.first().map(Data::to_string).unwrap_or_default();
            if label == "管理番号" {
                code = row.get(1).map(Data::to_string).unwrap_or_default();
            }
            labels.push((label.trim().to_string(), row_number));
        }
        pages.push(FormPage {
            sheet,
            code,
            labels,
        });
    }
    pages
}

/// Fills every 2026 form the way its department types into it (scripts/fill_cells.py): the
/// input cells are found by their labels (評価 and 状況 and 指標実績 in column C, the texts in
/// column B). Returns every 管理番号 asked for in the forms.
fn fill_forms_2026(forms: &Path, dest: &Path) -> Vec<String> {
    std::fs::create_dir_all(dest).unwrap();
    let mut asked = Vec::new();
    for entry in std::fs::read_dir(forms).unwrap() {
        let form = entry.unwrap().path();
        let name = form.file_name().unwrap().to_str().unwrap().to_string();
        let Some(dept) = name
            .strip_prefix("報告書_")
            .and_then(|n| n.strip_suffix(".xlsx"))
        else {
            continue;
        };
        let mut cells = serde_json::Map::new();
        for FormPage {
            sheet,
            code,
            labels,
        } in form_pages(&form)
        {
            let lead = !sheet.ends_with("_取組部署");
            let mut page = serde_json::Map::new();
            for (label, row) in labels {
                let (cell, value) = match label.as_str() {
                    "評価" => (format!("C{row}"), serde_json::json!("3")),
                    "実施内容" => {
                        (format!("B{row}"), serde_json::json!(work_2026(&code, dept)))
                    }
                    "課題" => (
                        format!("B{row}"),
                        serde_json::json!(format!("{code}：職員の習熟が課題である。")),
                    ),
                    "今後の方向性" => (
                        format!("B{row}"),
                        serde_json::json!(format!("{code}：翌年度も継続する。")),
                    ),
                    l if l.starts_with("具体的な取組") && l.ends_with("の状況") => {
                        (format!("C{row}"), serde_json::json!("実施中"))
                    }
                    l if l.starts_with("指標実績") => {
                        let n = "①②③④⑤"
                            .chars()
                            .position(|c| l.ends_with(c))
                            .unwrap_or_else(|| panic!("{l}"));
                        let value = if lead {
                            *lead_values_2026(&code)
                                .get(n)
                                .unwrap_or_else(|| panic!("{code} {l}"))
                        } else {
                            2.0
                        };
                        (format!("C{row}"), serde_json::json!(value))
                    }
                    _ => continue,
                };
                page.insert(cell, value);
            }
            asked.push(code);
            cells.insert(sheet, serde_json::Value::Object(page));
        }
        common::fill_cells(
            &form,
            &dest.join(&name),
            &serde_json::Value::Object(cells).to_string(),
        );
    }
    asked
}

/// Every cell of every sheet of a workbook.
fn all_cells(path: &Path) -> Vec<String> {
    sheet_names(path)
        .iter()
        .flat_map(|s| sheet_rows(path, s).into_iter().flatten())
        .collect()
}

#[test]
fn a_plan_revised_by_import_between_two_years() {
    if !common::python_ready() {
        return;
    }
    let p = project();
    // 令和7(2025)年度 under the original plan.
    p.run_ok(&["templates", "--year", "2025"]);
    let check_2025 = p.run_ok(&["check", "--year", "2025"]);
    p.run_ok(&["build", "--year", "2025"]);
    let workbook_2025 = std::fs::read(workbook(&p, 2025)).unwrap();
    let pdf_2025 = pdf_text(&pdf(&p, 2025));

    // The revised plan: every change listed, with the years and forms it touches.
    let book = root().join("tests/fixtures/revised_plan/改訂計画.xlsx");
    let said = p.run_ok(&["plan", "--import", book.to_str().unwrap()]);
    for line in [
        "計画の変更: 6件",
        "部署名の変更: 「市民窓口課」→「市民課」",
        "旧部署名を追加: 「市民課」の旧名「市民窓口課」",
        "取組項目を追加: C-05 窓口キャッシュレス化（令和8(2026)年度から）",
        "1-(1)-① 市有財産の売却: 令和7年度に No.2 へ統合",
        "A-01 窓口のワンストップ化: 令和8年度に指標名を変更（「待ち時間」→「平均待ち時間」）。算定方法を明確にするため",
        "No.2 オンライン申請の拡充: 令和8年度にオンライン化した手続の目標値を見直し（80→90）。国の方針を踏まえて",
        "令和6(2024)年度〜令和7(2025)年度の提出ファイルは、その年度の計画で読み込みます",
        "変更後の計画は令和8(2026)年度以降",
    ] {
        assert!(said.contains(line), "{line}: {said}");
    }
    // 2026's forms change for the renamed department (a new item), for 財務課 (its item
    // ended) and for every department of No.2 (a target on the form).
    let touched = said
        .lines()
        .find(|l| l.contains("入力シートが変わる部署"))
        .unwrap_or_else(|| panic!("{said}"));
    for dept in ["市民課", "財務課"] {
        assert!(touched.contains(dept), "{touched}");
    }

    // 2025 is read as before: the same check, and the same workbook and PDF when rebuilt.
    let again = p.run_ok(&["check", "--year", "2025"]);
    let squeeze = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("お知らせ"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(squeeze(&again), squeeze(&check_2025));
    p.run_ok(&["build", "--year", "2025"]);
    assert!(
        std::fs::read(workbook(&p, 2025)).unwrap() == workbook_2025,
        "2025's workbook changed"
    );
    assert_eq!(pdf_text(&pdf(&p, 2025)), pdf_2025);

    // 令和8(2026)年度 under the revised plan: the forms hold the items in force, under the
    // department's new name.
    p.run_ok(&["templates", "--year", "2026"]);
    let forms = p.path().join("output/2026/templates");
    assert!(forms.join("報告書_市民課.xlsx").is_file());
    assert!(!forms.join("報告書_市民窓口課.xlsx").exists());
    let sheets = |dept: &str| sheet_names(&forms.join(format!("報告書_{dept}.xlsx")));
    assert!(sheets("市民課").iter().any(|s| s.starts_with("C-05")));
    assert!(!sheets("財務課").iter().any(|s| s.starts_with("1-(1)")));
    // The departments fill their 2026 forms; the merged item is asked of nobody.
    let asked = fill_forms_2026(&forms, &p.path().join("input/submissions/2026"));
    for code in ["A-01", "No.2", "B/3", "C-05"] {
        assert!(asked.iter().any(|c| c == code), "{code}: {asked:?}");
    }
    assert!(!asked.iter().any(|c| c == "1-(1)-①"), "{asked:?}");
    let checked = p.run_ok(&["check", "--year", "2026"]);
    assert!(
        checked.contains("提出 5/5 部署、エラー 0"),
        "2026's files are read without errors: {checked}"
    );
    let built = p.run_ok(&["build", "--year", "2026"]);
    assert!(
        !built.contains("読み込めなかった"),
        "no past file left unread: {built}"
    );

    let wb = workbook(&p, 2026);
    let list = sheet_rows(&wb, "取組一覧");
    let heading = list
        .iter()
        .find(|r| r.iter().any(|c| c == "追加・見直し・終了"))
        .unwrap_or_else(|| panic!("{list:?}"));
    let column = heading
        .iter()
        .position(|c| c == "追加・見直し・終了")
        .unwrap();
    let life = |code: &str| row_of(&list, code)[column].clone();
    assert_eq!(life("C-05"), "令和8年度に追加");
    assert_eq!(
        life("A-01"),
        "令和8年度に指標名を変更（「待ち時間」→「平均待ち時間」）。算定方法を明確にするため"
    );
    assert_eq!(
        life("No.2"),
        "令和8年度にオンライン化した手続の目標値を見直し（80→90）。国の方針を踏まえて"
    );
    assert!(row_of(&list, "A-01").contains(&"市民課".to_string()));
    assert!(
        !list
            .iter()
            .any(|r| r.first().is_some_and(|c| c == "1-(1)-①")),
        "the merged item is not counted in 2026"
    );
    // The renamed indicator keeps its values of 2024 and 2025 (21 and 16 分).
    let indicators = sheet_rows(&wb, "指標");
    let waiting = row_of(&indicators, "A-01");
    assert!(
        waiting.contains(&"①平均待ち時間".to_string()),
        "{waiting:?}"
    );
    for value in ["21", "16", "12"] {
        assert!(waiting.contains(&value.to_string()), "{value}: {waiting:?}");
    }
    // The added item's indicator has its first value, typed in 2026.
    assert!(row_of(&indicators, "C-05").contains(&"35".to_string()));
    // The revised target of No.2 is the one 2026 is judged against.
    let online = indicators
        .iter()
        .find(|r| r.iter().any(|c| c == "①オンライン化した手続"))
        .unwrap();
    assert!(online.contains(&"90".to_string()), "{online:?}");
    // 2026's value of No.2 ① is the sum of the lead department's 18 and 2 from each of the four
    // other departments; its rate is against 90, not 80.
    assert!(online.contains(&"26".to_string()), "{online:?}");
    assert!(
        online.iter().any(|c| c.starts_with("0.288")),
        "26 ÷ 90: {online:?}"
    );
    // The texts typed in 2026 reach the workbook: the added item's and the renamed
    // department's.
    let cells = all_cells(&wb);
    for typed in [work_2026("C-05", "市民課"), work_2026("A-01", "市民課")] {
        assert!(cells.contains(&typed), "{typed}");
    }
    // The summary of the period keeps the merged item, with its 2024 and 2025 evaluations and
    // its end.
    let period = sheet_rows(&wb, "計画期間の総括");
    let merged = row_of(&period, "1-(1)-①");
    assert!(
        merged
            .iter()
            .any(|c| c == "市有財産の売却（令和7年度に No.2 へ統合）"),
        "{merged:?}"
    );
    assert!(
        merged.iter().filter(|c| *c != "―").count() > 3,
        "{merged:?}"
    );
    // 評価の推移 has every year of the history.
    let trend = sheet_rows(&wb, "評価の推移");
    for year in ["2024", "2025", "2026"] {
        assert!(
            trend.iter().flatten().any(|c| c.contains(year)),
            "{year}: {trend:?}"
        );
    }

    let text = pdf_text(&pdf(&p, 2026));
    for shown in [
        "令和8年度に追加",
        "令和8年度に指標名を変更（「待ち時間」→「平均待ち時間」）",
        "令和8年度にオンライン化した手続の目標値を見直し（80→90）",
        "令和7年度にNo.2へ統合",
        "平均待ち時間",
        "窓口キャッシュレス化",
        "市民課",
    ] {
        assert!(text.contains(shown), "{shown}");
    }
    for typed in [work_2026("C-05", "市民課"), work_2026("A-01", "市民課")] {
        assert!(text.contains(&typed), "{typed}");
    }
    // The renamed indicator with its values of 2024, 2025 and 2026 in one row of the PDF.
    let layout = common::pdf_layout_text(&pdf(&p, 2026));
    assert!(
        layout.lines().any(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            words.contains(&"①平均待ち時間") && ["21", "16", "12"].iter().all(|v| words.contains(v))
        }),
        "{layout}"
    );
    assert!(
        !text.contains("市民窓口課"),
        "the department under today's name only"
    );
}
