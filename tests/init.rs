//! `gyokaku init DIR`: the skeleton of a new city's project, refusing to overwrite, and the
//! filled skeleton running through `plan`, `plan --export/--import` and `templates`.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn gyokaku(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gyokaku"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run gyokaku")
}

#[test]
fn init_writes_the_skeleton_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let out = gyokaku(tmp.path(), &["init", "さくら市"]);
    let (stdout, stderr) = common::text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("次の手順"), "{stdout}");
    let dir = tmp.path().join("さくら市");
    let plan = std::fs::read_to_string(dir.join("input/plan.toml")).unwrap();
    let report = std::fs::read_to_string(dir.join("templates/report.toml")).unwrap();
    assert!(dir.join("input/submissions").is_dir());
    assert!(plan.contains("title = \"【記入】計画の名称\""));
    assert!(report.contains("secretariat = \"【記入】事務局の部署名\""));
    for text in [&plan, &report] {
        assert!(!text.contains("伊豆の国"));
        assert!(!text.contains("行政経営課"));
    }

    // A second init changes nothing, even when only one of the files exists.
    std::fs::write(dir.join("input/plan.toml"), "edited").unwrap();
    let out = gyokaku(tmp.path(), &["init", "さくら市"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = common::text(&out).1;
    assert!(stderr.contains("上書きしません"), "{stderr}");
    assert!(stderr.contains("plan.toml"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("input/plan.toml")).unwrap(),
        "edited"
    );
    std::fs::remove_file(dir.join("input/plan.toml")).unwrap();
    let out = gyokaku(tmp.path(), &["init", "さくら市"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("report.toml"));
    assert!(
        !dir.join("input/plan.toml").exists(),
        "all or nothing: the missing plan.toml is not written either"
    );
}

#[test]
fn the_skeleton_runs_and_names_what_is_left_to_fill() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(gyokaku(tmp.path(), &["init", "new"]).status.success());
    let dir = tmp.path().join("new");

    // Unfilled: valid, but `plan` lists the lines that still hold the placeholder.
    let out = gyokaku(&dir, &["plan"]);
    let (stdout, stderr) = common::text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stderr.contains("input/plan.toml に、雛形の「【記入】」が付いた値が残っています"),
        "{stderr}"
    );
    assert!(stderr.contains("templates/report.toml に"), "{stderr}");
    let plan_text = std::fs::read_to_string(dir.join("input/plan.toml")).unwrap();
    let title_line = plan_text
        .lines()
        .position(|l| l.starts_with("title = "))
        .unwrap()
        + 1;
    assert!(stderr.contains(&format!("{title_line}行目")), "{stderr}");

    // Filled in as a secretariat would.
    let fill = |path: &Path, pairs: &[(&str, &str)]| {
        let mut text = std::fs::read_to_string(path).unwrap();
        for (from, to) in pairs {
            assert!(text.contains(from), "{from}");
            text = text.replace(from, to);
        }
        assert!(
            text.lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .all(|l| !l.contains("【記入】")),
            "every placeholder filled"
        );
        std::fs::write(path, text).unwrap();
    };
    fill(
        &dir.join("input/plan.toml"),
        &[
            ("【記入】計画の名称", "さくら市 行政改革プラン"),
            ("【記入】自治体名", "さくら市"),
            ("【記入】基本方針", "持続可能な行財政運営"),
            ("【記入】部署名1", "企画課"),
            ("【記入】部署名2", "財政課"),
            ("【記入】柱の名称", "効率的な行政運営"),
            ("【記入】取組方針の名称", "事務の見直し"),
            ("【記入】取組項目の名称", "ペーパーレス化の推進"),
            ("【記入】取組によって目指す状態", "紙の使用量が減っている。"),
            ("【記入】現状と課題", "会議資料の多くが紙で配布されている。"),
            ("【記入】具体的な取組", "会議資料を電子化する。"),
            ("【記入】指標名", "電子化した会議"),
        ],
    );
    fill(
        &dir.join("templates/report.toml"),
        &[
            ("【記入】委員会の名称", "さくら市行政改革推進会議"),
            ("【記入】事務局の部署名", "総務部 企画課"),
        ],
    );
    let out = gyokaku(&dir, &["plan"]);
    let (stdout, stderr) = common::text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stderr.is_empty(), "nothing left to fill: {stderr}");
    assert!(
        stdout.contains("さくら市 行政改革プラン（さくら市）"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 ペーパーレス化の推進 担当: 企画課　取組: 財政課"),
        "{stdout}"
    );

    // The forms of the first year, and the Excel round trip of the filled plan.
    let out = gyokaku(&dir, &["templates", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    for dept in ["企画課", "財政課"] {
        assert!(
            dir.join(format!("output/2025/templates/{dept}.xlsx"))
                .exists(),
            "{dept}"
        );
    }
    let before = gyokaku::plan::load_plan(&dir.join("input/plan.toml")).unwrap();
    assert!(
        gyokaku(&dir, &["plan", "--export", "計画.xlsx"])
            .status
            .success()
    );
    let out = gyokaku(&dir, &["plan", "--import", "計画.xlsx"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    assert_eq!(
        gyokaku::plan::load_plan(&dir.join("input/plan.toml")).unwrap(),
        before
    );
}
