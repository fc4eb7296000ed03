//! A well-behaved command line: a closed pipe ends quietly, a failed write is a Japanese
//! message with exit 2, and `check --format json` prints JSON even when it cannot run.

mod common;

use std::process::{Command, Stdio};

fn gyokaku(p: &common::Project) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gyokaku"));
    c.current_dir(p.path());
    c
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_usual_code() {
    let p = common::Project::with_samples();
    for args in [&["check", "--year", "2023"][..], &["plan"]] {
        let mut child = gyokaku(&p)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before anything is written (`gyokaku check | head -0`).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let (_, stderr) = common::text(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!stderr.contains("Broken pipe"), "{stderr}");
    }
    // A closed stderr (`gyokaku build 2>&1 | head -1`): the outputs are written, no crash.
    let mut child = gyokaku(&p)
        .args(["build", "--year", "2023"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(
        p.path()
            .join("output/2023/行財政改革進捗状況_令和5年度.xlsx")
            .exists()
    );
}

#[test]
fn a_failed_write_is_a_japanese_message_and_exit_2() {
    if !std::path::Path::new("/dev/full").exists() {
        println!("SKIPPED: no /dev/full");
        return;
    }
    let p = common::Project::with_samples();
    for args in [&["check", "--year", "2023"][..], &["plan"]] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = gyokaku(&p)
            .args(args)
            .stdout(Stdio::from(full))
            .output()
            .unwrap();
        let (_, stderr) = common::text(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("結果を標準出力に書き込めません: ディスクの空き容量が足りません"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn check_json_reports_a_fatal_error_as_json_with_its_exit_code() {
    let p = common::Project::with_samples();
    let plan = p.path().join("input/plan.toml");
    let mut text = std::fs::read_to_string(&plan).unwrap();
    text.push_str("\nbroken = [\n");
    std::fs::write(&plan, text).unwrap();
    let out = p.run(&["check", "--year", "2023", "--format", "json"]);
    let (stdout, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect(&stdout);
    assert_eq!(json["error"]["exit_code"], 1);
    let message = json["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("plan.toml") && message.contains("行目"),
        "{message}"
    );
    assert!(
        stderr.contains(message),
        "the message also on stderr: {stderr}"
    );

    // A usage or I/O failure: exit 2, still JSON.
    let out = p.run(&["check", "--format", "json", "--templates", "ない"]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["error"]["exit_code"], 2);
    assert!(json["error"]["message"].as_str().unwrap().contains("ない"));
}

/// An output folder that cannot be written: a Japanese reason naming the user's folder, no
/// internal file name, no English.
#[test]
fn an_unwritable_output_folder_is_named_in_japanese() {
    let p = common::Project::with_samples();
    let dir = p.path().join("読み取り専用");
    std::fs::create_dir(&dir).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    // Running as root, permissions do not stop writing: /sys is not writable even then.
    let target = if std::fs::write(dir.join("probe"), b"").is_ok() {
        std::path::PathBuf::from("/sys/gyokaku-test")
    } else {
        dir.join("output")
    };
    let out = gyokaku(&p)
        .args(["build", "--year", "2023", "--output"])
        .arg(&target)
        .output()
        .unwrap();
    let (_, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{} に書き込めません",
            target.join("2023").display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("アクセスが拒否されました") || stderr.contains("読み取り専用の場所"),
        "{stderr}"
    );
    assert!(stderr.contains("（エラー番号 "), "{stderr}");
    assert!(!stderr.contains(".gyokaku-"), "no internal file: {stderr}");
    assert!(!stderr.contains("os error"), "no English: {stderr}");
}
