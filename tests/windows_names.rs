//! Names valid on Windows: department names Windows reserves or strips, output names that
//! would be too long, and settings texts with control characters are refused when the plan
//! and settings are loaded (`gyokaku plan`), in Japanese, naming the line or the key, before
//! anything is written.

mod common;

fn read(path: &str) -> String {
    std::fs::read_to_string(common::root().join(path)).unwrap()
}

/// Replaces the first occurrence of `from` (which must be there).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

const DEPARTMENTS: &str =
    "departments = [\"企画課\", \"財務課\", \"市民窓口課\", \"情報政策課\", \"環境課\"]";

/// Runs `gyokaku plan` (and `templates`) on a plan and settings text: exit code 1, nothing
/// written; returns the error output.
fn refused(plan: &str, report: &str) -> String {
    let p = common::Project::new();
    std::fs::write(p.path().join("input/plan.toml"), plan).unwrap();
    std::fs::write(p.path().join("templates/report.toml"), report).unwrap();
    let out = p.run(&["plan"]);
    let (stdout, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    let out = p.run(&["templates", "--year", "2024"]);
    let (_, again) = common::text(&out);
    assert_eq!(out.status.code(), Some(1), "templates: {again}");
    assert_eq!(again, stderr, "templates stops with the same message");
    let written: Vec<_> = std::fs::read_dir(p.path().join("output"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(written.is_empty(), "nothing is written: {written:?}");
    stderr
}

#[test]
fn department_names_windows_refuses_are_named_with_their_line() {
    let plan = edit(
        &read("tests/fixtures/other_city/plan.toml"),
        DEPARTMENTS,
        "departments = [\"企画課\", \"財務課\", \"市民窓口課\", \"情報政策課\", \"環境課\",\n  \"CON\",\n  \"財政課.\"]",
    );
    let err = refused(&plan, &read("tests/fixtures/other_city/report.toml"));
    assert!(err.contains("計画ファイル"), "{err}");
    assert!(
        err.contains(
            "  - 14行目: 部署名「CON」は Windows でファイル名に使えない名前（予約名「CON」）です"
        ),
        "{err}"
    );
    assert!(
        err.contains("  - 15行目: 部署名「財政課.」の末尾に「.」（ピリオド）があります"),
        "{err}"
    );
}

#[test]
fn output_names_too_long_for_windows_name_their_key() {
    let long_pdf = format!(
        "懇話会資料_{}_{{西暦}}年度.pdf",
        "行政改革実施状況".repeat(17)
    );
    let report = edit(
        &read("tests/fixtures/other_city/report.toml"),
        "pdf = \"懇話会資料_{西暦}年度.pdf\"",
        &format!("pdf = \"{long_pdf}\""),
    );
    let long_dept = "市民協働推進課".repeat(43);
    let plan = edit(
        &read("tests/fixtures/other_city/plan.toml"),
        DEPARTMENTS,
        &format!(
            "departments = [\"企画課\", \"財務課\", \"市民窓口課\", \"情報政策課\", \"環境課\", \"{long_dept}\"]"
        ),
    );
    let err = refused(&plan, &report);
    assert!(
        err.contains("input/plan.toml と templates/report.toml から作るファイル名に、Windows で使えないものがあります"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "  - output.pdf「{long_pdf}」から作るパス output/2024/公表/懇話会資料_"
        )),
        "{err}"
    );
    assert!(
        err.contains("2024年度.pdf（令和6(2024)年度）が168文字で、長すぎます"),
        "{err}"
    );
    assert!(err.contains("160文字までにしてください"), "{err}");
    assert!(
        err.contains(&format!(
            "output.template「報告書_{{部署}}.xlsx」と部署「{long_dept}」から作る名前"
        )),
        "{err}"
    );
    assert!(err.contains("Windows のファイル名は255文字まで"), "{err}");
    assert!(!err.contains("Header string"), "{err}");
}

#[test]
fn settings_texts_with_control_characters_are_refused_by_key() {
    let report = edit(
        &read("tests/fixtures/other_city/report.toml"),
        "title = \"行政改革 実施状況報告\"",
        "title = \"行政改革\\u0007 実施状況報告\\u001b[2J\"",
    );
    let err = refused(&read("tests/fixtures/other_city/plan.toml"), &report);
    assert!(
        err.contains("report.title に制御文字（U+0007 U+001B）があります"),
        "{err}"
    );
}
