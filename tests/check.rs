//! `gyokaku check` on the corpus of broken inputs (tests/fixtures/broken, made by
//! scripts/broken_inputs.py): each case gives its expected diagnostic and never a crash;
//! random and truncated bytes give errors; inputs are never modified.

mod common;

use std::path::Path;

use serde_json::Value;

fn run_case(dir: &Path) -> (Option<i32>, Value, String) {
    let p = common::Project::new();
    let target = p.submissions(2023);
    common::copy_dir(dir, &target);
    let before: Vec<(String, Vec<u8>)> = files(&target);
    let out = p.run(&["check", "--year", "2023", "--format", "json"]);
    assert_eq!(before, files(&target), "inputs unchanged");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: JSON ({e}): {stderr}", dir.display()));
    (out.status.code(), json, stderr)
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn matches(diag: &Value, want: &Value) -> bool {
    let field = |k: &str| want.get(k).filter(|v| !v.is_null());
    let same = |k: &str| field(k).is_none_or(|w| diag.get(k) == Some(w));
    same("severity")
        && same("file")
        && same("sheet")
        && same("cell")
        && same("value")
        && diag["message"]
            .as_str()
            .is_some_and(|m| m.contains(want["message"].as_str().unwrap_or_default()))
}

#[test]
fn every_broken_input_gives_its_diagnostic() {
    let root = common::root().join("tests/fixtures/broken");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(root.join("cases.json")).unwrap()).unwrap();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    for case in &cases {
        let name = case["case"].as_str().unwrap();
        let (code, json, stderr) = run_case(&root.join(name));
        assert!(
            matches!(code, Some(0) | Some(1)),
            "{name}: exit {code:?} {stderr}"
        );
        let diags = json["diagnostics"].as_array().unwrap();
        let expected = case["expect"].as_array().unwrap();
        for want in expected {
            assert!(
                diags.iter().any(|d| matches(d, want)),
                "{name}: expected {want}\n got {}",
                serde_json::to_string_pretty(diags).unwrap()
            );
        }
        let expects_error = expected.iter().any(|w| w["severity"] == "error");
        assert_eq!(
            code,
            Some(if expects_error { 1 } else { 0 }),
            "{name}: exit code"
        );
        if expected.is_empty() {
            // A valid file in another format: read, used, no error.
            let dept = common::checked_department(&json, "行政経営課");
            assert_eq!(dept["state"], "提出済", "{name}");
            assert_eq!(json["counts"]["errors"], 0, "{name}");
        }
    }
}

#[test]
fn arbitrary_bytes_never_crash() {
    let p = common::Project::new();
    let dir = p.submissions(2023);
    let good =
        std::fs::read(common::root().join("input/submissions/2023/行政経営課.xlsx")).unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..30 {
        let mut bytes = good.clone();
        match i % 3 {
            // Truncated at a random point.
            0 => bytes.truncate((next() as usize) % bytes.len()),
            // Random bytes flipped inside the zip.
            1 => {
                for _ in 0..20 {
                    let at = (next() as usize) % bytes.len();
                    bytes[at] ^= (next() & 0xFF) as u8 | 1;
                }
            }
            // Pure noise.
            _ => bytes = (0..2048).map(|_| (next() & 0xFF) as u8).collect(),
        }
        std::fs::write(dir.join(format!("壊れ{i:02}.xlsx")), bytes).unwrap();
    }
    let out = p.run(&["check", "--year", "2023", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    for i in 0..30 {
        let name = format!("壊れ{i:02}.xlsx");
        assert!(
            diags
                .iter()
                .any(|d| d["file"] == name.as_str() && d["severity"] == "error"),
            "{name} has an error"
        );
    }
    // build also survives and marks the department.
    let out = p.run(&["build", "--year", "2023"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn text_output_groups_by_file_and_summarises() {
    let p = common::Project::new();
    common::copy_dir(
        &common::root().join("tests/fixtures/broken/text_in_number"),
        &p.submissions(2023),
    );
    let out = p.run(&["check", "--year", "令和5"]);
    let (stdout, _) = common::text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains("■ 行政経営課.xlsx"), "{stdout}");
    assert!(
        stdout.contains("エラー: 行政経営課.xlsx [1102] C20: 指標実績①: 数値を入力してください（「約」・単位・記号は付けず、数字だけ）（入力値: \"約300\"）"),
        "{stdout}"
    );
    assert!(
        stdout.contains("令和5(2023)年度: 提出 1/12 部署、エラー 4"),
        "{stdout}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let p = common::Project::new();
    let out = p.run(&["check", "--year", "2030"]);
    assert_eq!(out.status.code(), Some(2));
    let out = p.run(&["check", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    let (_, stderr) = common::text(&out);
    assert!(
        stderr.starts_with("エラー: 「--bogus」は使えない指定です"),
        "{stderr}"
    );
    assert!(stderr.contains("使い方: gyokaku check"), "{stderr}");
    assert!(
        !stderr.contains("error:") && !stderr.contains("Usage"),
        "{stderr}"
    );
    let out = p.run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let (stdout, _) = common::text(&out);
    assert!(
        stdout.contains("使い方: gyokaku") && stdout.contains("コマンド:"),
        "{stdout}"
    );
    let out = p.run(&["check"]);
    assert_eq!(out.status.code(), Some(2), "no year folder and no --year");
    assert!(
        common::text(&out)
            .1
            .contains("--year で年度を指定してください")
    );
}

/// A department's workbook put one folder too deep or sent zipped is named, never silently
/// skipped; other stray files and empty folders are only noted.
#[test]
fn workbooks_in_a_subfolder_or_an_archive_are_named() {
    let p = common::Project::with_samples();
    let year = p.submissions(2023);
    let deeper = year.join("総務課から");
    std::fs::create_dir(&deeper).unwrap();
    std::fs::rename(year.join("総務課.xlsx"), deeper.join("総務課.xlsx")).unwrap();
    std::fs::create_dir(year.join("古いもの")).unwrap();
    std::fs::write(year.join("提出.zip"), b"PK\x05\x06").unwrap();
    let out = p.run(&["check", "--year", "2023", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let about = |file: &str| -> Vec<Value> {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["file"] == file)
            .cloned()
            .collect()
    };
    let d = about("総務課から");
    assert_eq!(d.len(), 1, "{json}");
    assert_eq!(d[0]["severity"], "warning");
    let message = d[0]["message"].as_str().unwrap();
    assert!(
        message.contains("総務課.xlsx") && message.contains("直下に置いてください"),
        "{message}"
    );
    let d = about("古いもの");
    assert_eq!(d[0]["severity"], "info", "{d:?}");
    let d = about("提出.zip");
    assert_eq!(d[0]["severity"], "warning", "{d:?}");
    assert!(
        d[0]["message"].as_str().unwrap().contains("展開して"),
        "{d:?}"
    );
    // … and the department itself is listed as not submitted.
    assert!(json.to_string().contains("未提出: 総務課"), "{json}");
}

#[test]
fn plan_placeholders_that_would_be_printed_are_warned_about() {
    let p = common::Project::with_samples();
    let out = p.run(&["check", "--year", "2025"]);
    let (stdout, _) = common::text(&out);
    assert_eq!(out.status.code(), Some(0), "a warning only: {stdout}");
    // The sample plan's 1101 says 令和●年度 in its 現状・課題.
    let line = stdout
        .lines()
        .find(|l| l.contains("未定の値（●）"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        line.contains("警告: plan.toml: [1101] 現状・課題"),
        "{line}"
    );
    assert!(line.contains("令和●年度"), "{line}");
}
