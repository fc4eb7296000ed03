//! What the Windows launchers (.bat) rely on: `gyokaku year` and `gyokaku --version`.

mod common;

use common::{Project, text};

#[test]
fn year_prints_the_western_year_of_the_argument() {
    let p = Project::with_samples();
    for arg in ["2023", "R5", "r5", "令和5", "令和５", "令和5年度", " 2023 "] {
        let out = p.run(&["year", "--year", arg]);
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(0), "{arg}: {stderr}");
        assert_eq!(stdout, "2023\n", "{arg}");
        assert!(stderr.is_empty(), "{arg}: {stderr}");
    }
}

#[test]
fn year_defaults_to_the_latest_submission_folder() {
    let p = Project::with_samples();
    let out = p.run(&["year"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out).0,
        "2025\n",
        "the sample covers the whole plan period"
    );
    // Without the last two years: an empty folder of a later plan year does not count (the
    // Windows package ships them); a folder with a workbook does.
    for year in [2024, 2025] {
        std::fs::remove_dir_all(p.submissions(year)).unwrap();
    }
    let out = p.run(&["year"]);
    assert_eq!(text(&out).0, "2023\n");
    p.submissions(2025);
    let out = p.run(&["year"]);
    assert_eq!(text(&out).0, "2023\n");
    std::fs::write(p.submissions(2024).join("総務課.xlsx"), b"x").unwrap();
    let out = p.run(&["year"]);
    assert_eq!(text(&out).0, "2024\n");
}

#[test]
fn year_refuses_unreadable_and_out_of_plan_years_with_exit_2() {
    let p = Project::with_samples();
    let out = p.run(&["year", "--year", "来年"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout.is_empty());
    assert!(stderr.contains("年度「来年」を読み取れません"), "{stderr}");

    let out = p.run(&["year", "--year", "2030"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout.is_empty());
    assert!(stderr.contains("計画期間"), "{stderr}");
}

#[test]
fn year_without_any_year_folder_explains_itself() {
    let p = Project::new();
    let out = p.run(&["year"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout.is_empty());
    assert!(stderr.contains("年度を決められません"), "{stderr}");
}

#[test]
fn year_is_not_listed_in_the_help() {
    let p = Project::new();
    let (stdout, _) = text(&p.run(&["--help"]));
    assert!(stdout.contains("templates"), "{stdout}");
    assert!(!stdout.contains("year "), "{stdout}");
}

#[test]
fn version_names_version_target_and_commit() {
    let p = Project::new();
    let out = p.run(&["--version"]);
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(0));
    let want = format!("gyokaku {} (", env!("CARGO_PKG_VERSION"));
    assert!(stdout.starts_with(&want), "{stdout}");
    assert!(
        stdout.contains("x86_64-") || stdout.contains("aarch64-"),
        "{stdout}"
    );
    assert!(stdout.ends_with(")\n"), "{stdout}");
    // Deterministic: no date or time.
    assert!(!stdout.contains(':'), "{stdout}");
    assert_eq!(stdout, text(&p.run(&["-V"])).0);
}

/// Runs gyokaku as a launcher (.bat) does: with GYOKAKU_LAUNCHER=1.
fn run_as_launcher(p: &Project, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gyokaku"))
        .current_dir(p.path())
        .env("GYOKAKU_LAUNCHER", "1")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn forms_default_to_the_year_after_the_latest_returns_and_say_why() {
    let p = Project::with_samples();
    // Returns up to 2024, an empty 2025 folder (as the package ships it).
    std::fs::remove_dir_all(p.submissions(2025)).unwrap();
    p.submissions(2025);
    let out = p.run(&["year", "--for", "templates", "--why"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(stdout, "2025\n");
    assert!(
        stderr.contains("令和6年度の提出ファイルがあるため、次の令和7年度の入力シートを作ります"),
        "{stderr}"
    );
    // check/build/publish: the latest year with returns.
    let out = p.run(&["year", "--for", "check", "--why"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(stdout, "2024\n");
    assert!(stderr.contains("令和6年度"), "{stderr}");
    // Without --why nothing but the year.
    assert!(text(&p.run(&["year", "--for", "templates"])).1.is_empty());

    // templates without --year makes the 2025 forms and the 2025 returns folder.
    std::fs::remove_dir(p.submissions(2025)).unwrap();
    let out = p.run(&["templates"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out).1);
    assert!(p.path().join("output/2025/templates").is_dir());
    assert!(p.path().join("input/submissions/2025").is_dir());

    // The plan's last year returned: the forms of that year; nothing returned: the first year.
    let all = Project::with_samples();
    assert_eq!(text(&all.run(&["year", "--for", "templates"])).0, "2025\n");
    let none = Project::new();
    let out = none.run(&["year", "--for", "templates", "--why"]);
    assert_eq!(text(&out).0, "2022\n");
    assert!(
        text(&out).1.contains("計画の最初の令和4年度"),
        "{}",
        text(&out).1
    );
}

#[test]
fn returns_in_a_misnamed_year_folder_are_named_with_the_right_folder() {
    let p = Project::with_samples();
    let misnamed = p.path().join("input/submissions/令和6年度");
    std::fs::rename(p.submissions(2024), &misnamed).unwrap();
    std::fs::copy(
        misnamed.join("総務課.xlsx"),
        p.path().join("input/submissions/総務課.xlsx"),
    )
    .unwrap();
    let out = p.run(&["check", "--year", "2024"]);
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("フォルダ「令和6年度」の Excel ファイル"),
        "{stdout}"
    );
    assert!(
        stdout.contains("フォルダの名前を 2024 にするか"),
        "{stdout}"
    );
    assert!(
        stdout.contains("の直下にあるため読み込んでいません"),
        "{stdout}"
    );
    assert!(stdout.contains("提出ファイルを置くフォルダ"), "{stdout}");
    assert!(!stdout.contains("問題は見つかりませんでした"), "{stdout}");
}

#[test]
fn a_year_without_returns_is_said_so_and_not_published() {
    let p = Project::with_samples();
    std::fs::remove_dir_all(p.submissions(2025)).unwrap();
    p.submissions(2025);
    let out = p.run(&["check", "--year", "2025"]);
    let (stdout, _) = text(&out);
    assert!(
        stdout.contains("令和7(2025)年度の提出ファイルは1つもありません"),
        "{stdout}"
    );
    p.run_refused(
        &["publish", "--year", "2025"],
        &["公表用ファイルを作成しませんでした"],
    );
    assert!(!p.path().join("output/2025").exists());
}

#[test]
fn launcher_messages_show_no_command_line_syntax_and_plan_years() {
    let p = Project::with_samples();
    for args in [
        &["year", "--year", "2030"][..],
        &["year", "--year", "来年"][..],
        &["check", "--year", "H30"][..],
    ] {
        let out = run_as_launcher(&p, args);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.contains("--"), "{args:?}: {stderr}");
    }
    let (_, stderr) = text(&run_as_launcher(&p, &["year", "--year", "来年"]));
    assert!(stderr.contains("2022、R4、令和4"), "{stderr}");
    assert!(
        !stderr.contains("H30") && !stderr.contains("令和元"),
        "{stderr}"
    );
    // From a command line the option is named.
    let (_, stderr) = text(&p.run(&["year", "--year", "2030"]));
    assert!(stderr.contains("--year"), "{stderr}");
}
