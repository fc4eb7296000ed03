//! Every plan and settings error is told in Japanese: broken plan.toml and report.toml files
//! (TOML syntax, unknown keys, wrong types, missing keys, broken rules) are run through the
//! binary, and every line of its error output must have Japanese in it.

mod common;

/// Whether a line has Japanese in it (kana or kanji).
fn has_japanese(line: &str) -> bool {
    line.chars()
        .any(|c| ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(common::root().join(path)).unwrap()
}

/// Replaces the first occurrence of `from` (which must be there).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

/// Runs `gyokaku plan` on a plan and settings text; returns the error output.
fn run(plan: impl AsRef<[u8]>, report: impl AsRef<[u8]>, case: &str) -> String {
    let p = common::Project::new();
    std::fs::write(p.path().join("input/plan.toml"), plan).unwrap();
    std::fs::write(p.path().join("templates/report.toml"), report).unwrap();
    let out = p.run(&["plan"]);
    let (stdout, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(1), "{case}: {stdout}{stderr}");
    assert!(!stderr.trim().is_empty(), "{case}");
    for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            has_japanese(line),
            "{case}: a line without Japanese: {line}"
        );
    }
    stderr
}

#[test]
fn plan_errors_are_japanese() {
    let plan = read("tests/fixtures/other_city/plan.toml");
    let report = read("tests/fixtures/other_city/report.toml");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "unclosed string",
            edit(
                &plan,
                "title = \"窓口のワンストップ化\"",
                "title = \"窓口の",
            ),
            "\" が閉じていません",
        ),
        (
            "no equals sign",
            edit(&plan, "end_year = 2026", "end_year 2026"),
            "書式が正しくありません",
        ),
        (
            "broken table header",
            edit(&plan, "[[items]]", "[[items]"),
            "書式が正しくありません",
        ),
        (
            "unknown key",
            edit(&plan, "title = \"みなと市", "titel = \"みなと市"),
            "項目名「titel」は使えません",
        ),
        (
            "unknown key in an item",
            edit(&plan, "lead = \"市民窓口課\"", "leader = \"市民窓口課\""),
            "項目名「leader」は使えません",
        ),
        (
            "year as text",
            edit(&plan, "start_year = 2024", "start_year = \"令和6\""),
            "の種類が違います",
        ),
        (
            "year out of range",
            edit(&plan, "start_year = 2024", "start_year = 24"),
            "年度 24 は使えません",
        ),
        (
            "number as text",
            edit(&plan, "baseline = 25", "baseline = \"25分\""),
            "の種類が違います",
        ),
        (
            "list as text",
            edit(
                &plan,
                "departments = [\"企画課\", \"財務課\", \"市民窓口課\", \"情報政策課\", \"環境課\"]",
                "departments = \"企画課\"",
            ),
            "配列",
        ),
        (
            "missing key",
            edit(&plan, "municipality = \"みなと市\"\n", ""),
            "必須の項目「municipality」がありません",
        ),
        (
            "missing key in an item",
            edit(&plan, "title = \"窓口のワンストップ化\"\n", ""),
            "必須の項目「title」がありません",
        ),
        (
            "unknown direction",
            edit(&plan, "direction = \"lower\"", "direction = \"down\""),
            "値「down」は使えません",
        ),
        (
            "duplicate key",
            edit(&plan, "end_year = 2026", "end_year = 2026\nend_year = 2027"),
            "2回書かれています",
        ),
        (
            "duplicate code",
            edit(&plan, "id = \"No.2\"", "id = \"A-01\""),
            "管理番号 A-01 が重複しています",
        ),
        (
            "unknown policy",
            edit(&plan, "policy = \"(ア)\"", "policy = \"(エ)\""),
            "取組方針「(エ)」は計画の取組方針（pillars）にありません",
        ),
        (
            "unknown department",
            edit(&plan, "lead = \"財務課\"", "lead = \"総務課\""),
            "担当部署「総務課」が departments にありません",
        ),
        (
            "min above max",
            edit(&plan, "max = 1000", "min = 2000\n  max = 1000"),
            "min = 2000 は max = 1000 より小さくしてください",
        ),
        (
            "yearly target outside the plan",
            edit(&plan, "\"2025\" = 130", "\"2030\" = 130"),
            "計画期間の外です",
        ),
        (
            "baseline after start",
            edit(&plan, "baseline_year = 2023", "baseline_year = 2025"),
            "以前にしてください",
        ),
        (
            "empty title",
            edit(
                &plan,
                "title = \"みなと市 行政改革実行計画\"",
                "title = \"\"",
            ),
            "計画の名称）が空です",
        ),
    ];
    for (case, text, want) in cases {
        let stderr = run(&text, &report, case);
        assert!(stderr.contains(want), "{case}: want {want}\n{stderr}");
    }
    // Bytes that are neither UTF-8 nor Shift_JIS.
    let stderr = run([0x82u8, 0xFF, 0xFF, 0x80], &report, "encoding");
    assert!(stderr.contains("文字コードを読み取れません"), "{stderr}");
}

#[test]
fn settings_errors_are_japanese() {
    let plan = read("tests/fixtures/other_city/plan.toml");
    let report = read("tests/fixtures/other_city/report.toml");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "missing [report]",
            edit(&report, "[report]\n", "[reports]\n"),
            "項目名「reports」は使えません",
        ),
        (
            "missing secretariat",
            edit(&report, "secretariat = \"企画部 企画課\"\n", ""),
            "必須の項目「secretariat」がありません",
        ),
        (
            "unknown key",
            edit(&report, "committee = ", "comittee = "),
            "項目名「comittee」は使えません",
        ),
        (
            "wrong type",
            edit(
                &report,
                "statuses = [\"未着手\", \"検討中\", \"実施中\", \"完了\"]",
                "statuses = \"未着手\"",
            ),
            "の種類が違います",
        ),
        (
            "unknown formula",
            edit(
                &report,
                "achievement = \"ratio\"",
                "achievement = \"average\"",
            ),
            "使える値: ratio、progress",
        ),
        (
            "date with a time",
            edit(
                &report,
                "deadline = 2025-04-25",
                "deadline = 2025-04-25T10:00:00",
            ),
            "日付だけにしてください",
        ),
        (
            // A date in quotes is read as the date; other text in quotes is refused, with the key.
            "text instead of a date",
            edit(&report, "deadline = 2025-04-25", "deadline = \"4月25日\""),
            "「deadline」の値 \"4月25日\" は使えません（日付（例: 2024-04-30）を書いてください）",
        ),
        (
            "template name without the department",
            edit(
                &report,
                "template = \"報告書_{部署}.xlsx\"",
                "template = \"報告書.xlsx\"",
            ),
            "{部署} を入れてください",
        ),
        (
            "unknown required field",
            edit(
                &report,
                "required = [\"評価\", \"実施内容\"]",
                "required = [\"評価\", \"感想\"]",
            ),
            "「感想」は項目名として使えません",
        ),
        (
            "syntax",
            edit(&report, "[template]", "[template"),
            "書式が正しくありません",
        ),
        (
            "one level only",
            {
                let at = report.find("[[evaluation.levels]]").unwrap();
                let end = report.find("[template]").unwrap();
                format!(
                    "{}[[evaluation.levels]]\ncode = \"A\"\nlabel = \"達成\"\n\n{}",
                    &report[..at],
                    &report[end..]
                )
            },
            "2段階以上",
        ),
        (
            "empty secretariat",
            edit(
                &report,
                "secretariat = \"企画部 企画課\"",
                "secretariat = \" \"",
            ),
            "report.secretariat が空です",
        ),
    ];
    for (case, text, want) in cases {
        let stderr = run(&plan, &text, case);
        assert!(stderr.contains(want), "{case}: want {want}\n{stderr}");
    }

    // A missing settings file says how to make one.
    let p = common::Project::new();
    std::fs::remove_file(p.path().join("templates/report.toml")).unwrap();
    let out = p.run(&["plan"]);
    let stderr = common::text(&out).1;
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("gyokaku init"), "{stderr}");
    assert!(stderr.lines().all(has_japanese), "{stderr}");
}
