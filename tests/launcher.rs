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
