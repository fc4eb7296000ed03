//! Issue 11: hostile and odd inputs neither stop a run nor let a wrong number through.
//! Fixtures come from scripts/make_broken_fixtures.py (tests/fixtures/broken/<case>); a few
//! inputs that cannot be committed (a named pipe, files in Shift_JIS) are made here.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

const XLSX: &str = "output/2023/行財政改革進捗状況_令和5年度.xlsx";
const PDF: &str = "output/2023/行財政改革推進委員会資料_令和5年度.pdf";
/// The address-space limit the bounded cases run under (512 MB).
const LIMIT_AS: &str = "--as=536870912";

fn fixture(case: &str) -> std::path::PathBuf {
    common::root().join("tests/fixtures/broken").join(case)
}

/// A project whose 2023 folder holds one case of the corpus.
fn project_with(case: &str) -> common::Project {
    let p = common::Project::new();
    common::copy_dir(&fixture(case), &p.submissions(2023));
    p
}

fn check_json(p: &common::Project) -> (Option<i32>, Value) {
    let out = p.run(&["check", "--year", "2023", "--format", "json"]);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("no JSON ({e}): {}", String::from_utf8_lossy(&out.stderr));
    });
    (out.status.code(), json)
}

/// The diagnostics matching severity, sheet/cell (when given) and a message fragment.
fn find<'a>(
    json: &'a Value,
    severity: &str,
    cell: Option<(&str, &str)>,
    fragment: &str,
) -> Vec<&'a Value> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == severity)
        .filter(|d| cell.is_none_or(|(s, c)| d["sheet"] == s && d["cell"] == c))
        .filter(|d| d["message"].as_str().is_some_and(|m| m.contains(fragment)))
        .collect()
}

fn assert_has(json: &Value, severity: &str, cell: Option<(&str, &str)>, fragment: &str) {
    assert!(
        !find(json, severity, cell, fragment).is_empty(),
        "expected {severity} {cell:?} 「{fragment}」 in\n{}",
        serde_json::to_string_pretty(&json["diagnostics"]).unwrap()
    );
}

/// Runs the binary under a 512 MB address-space limit (prlimit), in a project folder.
fn run_limited(p: &common::Project, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new("prlimit")
        .arg(LIMIT_AS)
        .arg(env!("CARGO_BIN_EXE_gyokaku"))
        .args(args)
        .current_dir(p.path())
        .output()
        .expect("prlimit (util-linux)");
    (out, start.elapsed())
}

fn assert_not_killed(out: &Output) {
    use std::os::unix::process::ExitStatusExt;
    assert!(
        out.status.signal().is_none(),
        "killed by signal {:?}: {}",
        out.status.signal(),
        String::from_utf8_lossy(&out.stderr)
    );
}

// ── 1. Bounded reading ──

#[test]
fn a_value_in_the_last_cell_is_a_warning_within_512_mb() {
    let p = project_with("far_cell");
    let (out, took) = run_limited(&p, &["check", "--year", "2023", "--format", "json"]);
    assert_not_killed(&out);
    assert_eq!(out.status.code(), Some(0), "only a warning");
    assert!(took < Duration::from_secs(5), "{took:?}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_has(
        &json,
        "warning",
        Some(("2101", "XFD1048576")),
        "入力欄の外のセル（XFD1048576）に値があります",
    );
    let dept = common::checked_department(&json, "行政経営課");
    assert_eq!(dept["state"], "提出済", "the file is still used");
}

#[test]
fn a_zip_bomb_is_refused_quickly_within_512_mb() {
    for case in ["zip_bomb", "zip_bomb_lying"] {
        let p = project_with(case);
        let (out, took) = run_limited(&p, &["check", "--year", "2023", "--format", "json"]);
        assert_not_killed(&out);
        assert_eq!(out.status.code(), Some(1), "{case}");
        assert!(took < Duration::from_secs(3), "{case}: {took:?}");
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let fragment = if case == "zip_bomb" {
            "展開すると大きすぎるため読み込みません（xl/worksheets/"
        } else {
            "シート「2101」を読み込めません: ファイルが壊れているため読み込めません"
        };
        assert_has(&json, "error", None, fragment);
    }
}

#[test]
fn a_named_pipe_is_never_opened() {
    let p = project_with("far_cell");
    let dir = p.submissions(2023);
    let fifo = dir.join("総務課.xlsx");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink(&fifo, dir.join("財政課.xlsx")).unwrap();
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gyokaku"))
        .args(["check", "--year", "2023", "--format", "json"])
        .current_dir(p.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Opening a FIFO for reading would block for ever: the check must end by itself.
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("check blocked on the named pipe");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    for name in ["総務課.xlsx", "財政課.xlsx"] {
        let d = find(
            &json,
            "error",
            None,
            "通常のファイルではない（名前付きパイプ）ため開きません",
        );
        assert!(d.iter().any(|d| d["file"] == name), "{name}: {json}");
    }
}

#[test]
fn a_broken_history_file_never_stops_this_years_build() {
    let p = common::Project::with_samples();
    let y2022 = p.submissions(2022);
    std::fs::copy(
        fixture("zip_bomb").join("行政経営課.xlsx"),
        y2022.join("行政経営課.xlsx"),
    )
    .unwrap();
    std::fs::copy(
        fixture("far_cell").join("行政経営課.xlsx"),
        y2022.join("総務課_far.xlsx"),
    )
    .unwrap();
    let (out, took) = run_limited(&p, &["build", "--year", "2023"]);
    assert_not_killed(&out);
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(
        stderr.contains("令和4(2022)年度の提出ファイル 行政経営課.xlsx を読み込めなかったため"),
        "{stderr}"
    );
    assert!(p.path().join(XLSX).exists() && p.path().join(PDF).exists());
    // The warning is also in the workbook's 検証結果 sheet.
    let results = sheet_text(&p.path().join(XLSX), "検証結果");
    assert!(
        results.contains("令和4(2022)年度の提出ファイル 行政経営課.xlsx"),
        "{results}"
    );
}

fn sheet_text(path: &Path, sheet: &str) -> String {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ── 2. No wrong number passes silently ──

#[test]
fn a_percent_formatted_cell_is_read_as_a_percentage() {
    let p = project_with("percent_format");
    let (code, json) = check_json(&p);
    assert_eq!(code, Some(0));
    assert_has(
        &json,
        "warning",
        Some(("2301", "C18")),
        "保存されている値 0.988 を 98.8% として読み取りました",
    );
    // Read back: the value used is 98.8, not 0.988.
    let plan = gyokaku::plan::load_plan(&p.path().join("input/plan.toml")).unwrap();
    let settings = gyokaku::plan::Settings::load(&p.path().join("templates/report.toml")).unwrap();
    let ctx = gyokaku::submission::ReadContext::new(
        &plan,
        &settings,
        gyokaku::fiscal_year::FiscalYear(2023),
    );
    let file =
        gyokaku::submission::reader::read_file(&p.submissions(2023).join("収納課.xlsx"), &ctx);
    let sheet = file.sheets.iter().find(|s| s.item_code == "2301").unwrap();
    assert_eq!(
        sheet.at("C18").and_then(|(_, v)| v.number()),
        Some(98.8),
        "{sheet:?}"
    );
}

#[test]
fn an_implausible_value_gets_a_warning() {
    let p = project_with("implausible_value");
    let (code, json) = check_json(&p);
    assert_eq!(code, Some(0));
    assert_has(&json, "warning", Some(("2301", "C18")), "100分の1以下です");
}

#[test]
fn a_formula_without_a_value_is_an_error() {
    let p = project_with("formula_no_value");
    let (code, json) = check_json(&p);
    assert_eq!(code, Some(1));
    assert_has(
        &json,
        "error",
        Some(("2101", "C18")),
        "数式の計算結果が保存されていません",
    );
}

#[test]
fn a_date_in_a_text_field_is_shown_as_a_date() {
    let p = project_with("date_in_text");
    let (code, json) = check_json(&p);
    assert_eq!(code, Some(0));
    assert_has(
        &json,
        "info",
        Some(("2101", "B20")),
        "日付として入力された値を「令和5年7月15日」として読み取りました",
    );
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success());
    let list = sheet_text(&p.path().join(XLSX), "取組一覧");
    assert!(list.contains("令和5年7月15日"), "{list}");
    assert!(!list.contains("45122"));
}

#[test]
fn over_long_text_is_an_error_and_build_still_writes_everything() {
    let p = project_with("long_text");
    let (code, json) = check_json(&p);
    assert_eq!(code, Some(1));
    assert_has(
        &json,
        "error",
        Some(("2101", "B20")),
        "Excel の1セルの上限（32,767文字）を超えています（40000文字）",
    );
    let out = p.run(&["build", "--year", "2023"]);
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(p.path().join(XLSX).exists() && p.path().join(PDF).exists());
    let list = sheet_text(&p.path().join(XLSX), "取組一覧");
    let row = list.lines().find(|l| l.starts_with("2101")).unwrap();
    assert!(row.contains("要確認"), "{row}");
}

// ── 3. Text hygiene ──

#[test]
fn invisible_characters_are_removed_and_do_not_fill_a_required_field() {
    let p = project_with("invisible_chars");
    let (code, json) = check_json(&p);
    assert_eq!(code, Some(1));
    assert_has(
        &json,
        "error",
        Some(("2101", "B19")),
        "必須項目「実施内容」が入力されていません（見えない文字だけが入力されています）",
    );
    assert_has(&json, "info", Some(("2101", "B20")), "見えない文字");
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success());
    let list = sheet_text(&p.path().join(XLSX), "取組一覧");
    assert!(list.contains("葛城市との連携が課題である。"), "{list}");
    if common::have("pdftotext") {
        let text = pdf_text(&p.path().join(PDF));
        assert!(text.contains("葛城市との連携が課題である。"), "{text}");
    }
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([path.as_os_str(), "-".as_ref()])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn characters_the_font_lacks_are_listed_and_print_as_one_geta_each() {
    let p = project_with("missing_glyph");
    let (code, json) = check_json(&p);
    assert_eq!(code, Some(0));
    assert_has(
        &json,
        "warning",
        Some(("2101", "B20")),
        "PDF のフォントにない文字があります: 「😀」(U+1F600)、「\u{E000}」(U+E000)",
    );
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success());
    if common::have("pdftotext") {
        let text: String = pdf_text(&p.path().join(PDF))
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(text.contains("回答率が低い〓。外字の〓も"), "{text}");
    }
}

// ── 4. Identity and intent ──

#[test]
fn a_file_named_after_another_department_gets_a_warning() {
    let p = project_with("renamed_file");
    let (code, json) = check_json(&p);
    assert_eq!(code, Some(0));
    let d = find(
        &json,
        "warning",
        None,
        "ファイル名は「福祉課」ですが、中身は 総務課 の入力シートです",
    );
    assert_eq!(d.len(), 1, "{json}");
    assert_eq!(d[0]["file"], "福祉課.xlsx");
}

#[test]
fn an_edited_plan_fact_gets_a_warning_showing_the_edit() {
    let p = project_with("plan_fact_edited");
    let (code, json) = check_json(&p);
    assert_eq!(code, Some(0));
    assert_has(
        &json,
        "warning",
        Some(("2101", "B8")),
        "計画の記載（取組項目）が変更されています: 「効果的な行財政運営」→「効果的・効率的な行財政運営」",
    );
    // The plan stays the source of truth.
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success());
    let list = sheet_text(&p.path().join(XLSX), "取組一覧");
    assert!(!list.contains("効果的・効率的な行財政運営"), "{list}");
}

// ── 5. Settings and plan files ──

fn write_shift_jis(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn shift_jis_plan_and_settings_are_read_with_a_warning() {
    let p = common::Project::new();
    write_shift_jis(&p.path().join("input/plan.toml"));
    write_shift_jis(&p.path().join("templates/report.toml"));
    let out = p.run(&["plan"]);
    let (stdout, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("行財政改革"), "{stdout}");
    for file in ["plan.toml", "report.toml"] {
        assert!(
            stderr.lines().any(|l| l.starts_with("警告:")
                && l.contains(file)
                && l.contains("Shift_JIS")
                && l.contains("UTF-8")),
            "{stderr}"
        );
    }
    // Bytes valid in neither UTF-8 nor Shift_JIS: refused in Japanese.
    std::fs::write(p.path().join("input/plan.toml"), [0x82, 0xFF, 0xFF, 0x80]).unwrap();
    let out = p.run(&["plan"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::text(&out).1.contains("文字コードを読み取れません"));
}

#[test]
fn a_missing_templates_folder_is_an_error() {
    let p = common::Project::new();
    let out = p.run(&["--templates", "tempaltes", "plan"]);
    assert_eq!(out.status.code(), Some(2));
    let (_, stderr) = common::text(&out);
    assert!(
        stderr.contains("設定フォルダ tempaltes がありません"),
        "{stderr}"
    );
}

#[test]
fn contradictory_years_are_refused() {
    let p = project_with("far_cell");
    let out = p.run(&["check", "--year", "令和5(2024)"]);
    assert_eq!(out.status.code(), Some(2));
    let (_, stderr) = common::text(&out);
    assert!(stderr.contains("和暦と西暦が一致しません"), "{stderr}");
    let out = p.run(&["check", "--year", "令和5(2023)"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", common::text(&out));
}

// ── 6. Messages ──

#[test]
fn refusals_give_the_real_reason_in_japanese() {
    for (case, want) in [
        (
            "missing_shared_strings",
            "文字列の表 xl/sharedStrings.xml が欠けているか壊れています",
        ),
        ("missing_workbook_part", "必要な部品 xl/workbook.xml"),
    ] {
        let p = project_with(case);
        let (code, json) = check_json(&p);
        assert_eq!(code, Some(1));
        assert_has(&json, "error", None, want);
        assert!(
            find(&json, "error", None, "_meta シートがありません").is_empty(),
            "{case}: wrong reason"
        );
    }
    // An I/O failure reads as Japanese (the system's error number in parentheses, no English).
    let p = common::Project::new();
    std::fs::remove_file(p.path().join("input/plan.toml")).unwrap();
    std::fs::create_dir(p.path().join("input/plan.toml")).unwrap();
    let out = p.run(&["plan"]);
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("を読み込めません: ファイルではなくフォルダです")
            && !stderr.contains("directory"),
        "{stderr}"
    );
}

// ── 7. All-or-nothing outputs ──

#[test]
fn a_failed_pdf_leaves_the_workbook_of_the_same_run_intact() {
    let p = common::Project::with_samples();
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success());
    let xlsx = std::fs::read(p.path().join(XLSX)).unwrap();
    let pdf = std::fs::read(p.path().join(PDF)).unwrap();
    // Change the input so that a successful build would change both outputs.
    std::fs::remove_file(p.path().join("input/submissions/2023/財政課.xlsx")).unwrap();
    let run = |env: &str, file: &str| {
        Command::new(env!("CARGO_BIN_EXE_gyokaku"))
            .current_dir(p.path())
            .args(["build", "--year", "2023"])
            .env(env, file)
            .output()
            .unwrap()
    };
    let out = run(
        gyokaku::report::output::FAIL_WRITE_ENV,
        "行財政改革推進委員会資料_令和5年度.pdf",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(xlsx, std::fs::read(p.path().join(XLSX)).unwrap());
    assert_eq!(pdf, std::fs::read(p.path().join(PDF)).unwrap());

    // A workbook open in Excel (Windows) cannot be replaced: named, nothing replaced.
    let out = run(
        gyokaku::report::output::LOCKED_ENV,
        "行財政改革進捗状況_令和5年度.xlsx",
    );
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("行財政改革進捗状況_令和5年度.xlsx")
            && stderr.contains(
                "他のプログラム（Excel など）で開かれています。閉じてからもう一度実行してください"
            )
            && stderr.contains("出力ファイルはどれも更新していません"),
        "{stderr}"
    );
    assert_eq!(xlsx, std::fs::read(p.path().join(XLSX)).unwrap());
    assert_eq!(pdf, std::fs::read(p.path().join(PDF)).unwrap());
    common::assert_no_temporary_files(&p.path().join("output/2023"));
    // Without the failures, both are replaced.
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success());
    assert_ne!(xlsx, std::fs::read(p.path().join(XLSX)).unwrap());
}
