//! Crash safety: `build`, `publish` and `plan --import` killed (SIGKILL, through strace's fault
//! injection) at each rename, unlink and rmdir they make leave every output set either the
//! complete previous one or the complete new one, once the next run has finished what the
//! killed one left; no temporary file is ever inside an output folder; plan.toml is always
//! there. And 50 builds at once into one folder: each succeeds or stops with the lock message.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files by relative path.
type Files = BTreeMap<String, Vec<u8>>;

/// The system calls the program uses to switch and clean up (one counter each in strace).
const SYSCALLS: [&str; 6] = [
    "rename",
    "renameat",
    "renameat2",
    "unlink",
    "unlinkat",
    "rmdir",
];

fn have_strace() -> bool {
    if common::have("strace") {
        return true;
    }
    println!("SKIPPED: strace is not installed");
    false
}

/// Runs gyokaku under strace, killed at the `n`th call of `syscall`; whether it was killed.
fn run_killed(dir: &Path, args: &[&str], syscall: &str, n: usize) -> bool {
    let out = Command::new("strace")
        .current_dir(dir)
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg(format!("inject={syscall}:signal=KILL:when={n}"))
        .arg(env!("CARGO_BIN_EXE_gyokaku"))
        .args(args)
        .output()
        .unwrap();
    if out.status.success() {
        return false;
    }
    let (_, stderr) = common::text(&out);
    assert!(
        !stderr.contains("panicked"),
        "{syscall} #{n}: no panic: {stderr}"
    );
    true
}

/// No name in the tree starts with '.' (no temporary or staging file in an output folder).
fn assert_no_hidden(dir: &Path, what: &str) {
    for name in common::snapshot(dir).keys() {
        assert!(
            !name.split('/').any(|part| part.starts_with('.')),
            "{what}: a temporary file in an output folder: {name}"
        );
    }
}

/// Replaces a folder's content with a snapshot.
fn restore(dir: &Path, files: &Files) {
    let _ = std::fs::remove_dir_all(dir);
    for (rel, bytes) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// A project with the samples and its plan edited so that every output changes.
fn changed(p: &common::Project) {
    let path = p.path().join("input/plan.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace(
        "市民ニーズに応じた情報提供",
        "市民ニーズに応じた情報提供（改）",
    );
    assert_ne!(text, edited);
    std::fs::write(path, edited).unwrap();
}

/// Kills `args` at every switching call in turn; after each, the files `select` picks from
/// output/2023 are the old or the new set, whole (after `check` finished the switch).
fn kill_everywhere(args: &[&str], select: fn(&Files) -> Files) -> (Files, Files, usize) {
    let p = common::Project::with_samples();
    let year = p.path().join("output/2023");
    assert!(p.run(args).status.success());
    let before = common::snapshot(&year);
    let old = select(&before);
    changed(&p);
    // The new outputs, from a clean run on a copy.
    let copy = common::Project::with_samples();
    changed(&copy);
    assert!(copy.run(args).status.success());
    let new = select(&common::snapshot(&copy.path().join("output/2023")));
    assert!(
        !old.is_empty() && old != new,
        "{args:?} changes its outputs"
    );

    let mut kills = 0;
    for syscall in SYSCALLS {
        for n in 1.. {
            restore(&year, &before);
            let killed = run_killed(p.path(), args, syscall, n);
            let what = format!("{args:?} killed at {syscall} #{n}");
            assert_no_hidden(&year, &what);
            // Before the next run: whatever is there is whole (the folder switched as a whole
            // may be missing for a moment: the next run puts it back).
            let now = select(&common::snapshot(&year));
            for (name, bytes) in &now {
                assert!(
                    old.get(name) == Some(bytes) || new.get(name) == Some(bytes),
                    "{what}: {name} is neither the old nor the new file"
                );
            }
            let out = p.run(&["check", "--year", "2023"]);
            assert!(
                out.status.code().is_some_and(|c| c <= 1),
                "{what}: {:?}",
                common::text(&out)
            );
            let after = select(&common::snapshot(&year));
            assert!(
                after == old || after == new,
                "{what}: a mix of old and new outputs: {:?}",
                after.keys().collect::<Vec<_>>()
            );
            assert_no_hidden(&year, &what);
            let left: Vec<PathBuf> = std::fs::read_dir(p.path().join("output"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|e| e.to_string_lossy().contains("staging"))
                .collect();
            assert!(left.is_empty(), "{what}: {left:?} left after the next run");
            if !killed {
                assert_eq!(after, new, "{what}: a finished run leaves the new outputs");
                break;
            }
            kills += 1;
            assert!(n < 500, "{what}: too many calls");
        }
    }
    (old, new, kills)
}

fn build_outputs(all: &Files) -> Files {
    all.iter()
        .filter(|(k, _)| !k.contains('/'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn publish_outputs(all: &Files) -> Files {
    all.iter()
        .filter(|(k, _)| k.starts_with("公表/"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Every workbook opens with calamine, every PDF passes qpdf --check.
fn assert_whole(files: &Files) {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name.replace('/', "_"));
        std::fs::write(&path, bytes).unwrap();
        if name.ends_with(".xlsx") {
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
            assert!(!wb.sheet_names().is_empty(), "{name}");
            let first = wb.sheet_names()[0].clone();
            wb.worksheet_range(&first).unwrap();
        } else if name.ends_with(".pdf") && common::have("qpdf") {
            let out = Command::new("qpdf")
                .arg("--check")
                .arg(&path)
                .output()
                .unwrap();
            assert!(out.status.success(), "{name}: {:?}", common::text(&out));
        }
    }
}

#[test]
fn build_killed_at_any_switching_call_leaves_old_or_new_outputs() {
    if !have_strace() {
        return;
    }
    let (old, new, kills) = kill_everywhere(&["build", "--year", "2023"], build_outputs);
    assert!(
        kills >= 4,
        "the switch was interrupted at its renames ({kills})"
    );
    assert_eq!(old.len(), 3);
    assert_whole(&old);
    assert_whole(&new);
}

#[test]
fn publish_killed_at_any_switching_call_leaves_old_or_new_folder() {
    if !have_strace() {
        return;
    }
    let (old, new, kills) = kill_everywhere(&["publish", "--year", "2023"], publish_outputs);
    assert!(kills >= 4, "{kills}");
    assert!(old.keys().any(|k| k.ends_with("index.html")));
    assert_whole(&old);
    assert_whole(&new);
}

#[test]
fn plan_import_killed_at_any_call_keeps_a_plan_toml() {
    if !have_strace() {
        return;
    }
    let p = common::Project::new();
    let plan = p.path().join("input/plan.toml");
    let bak = p.path().join("input/plan.toml.bak");
    assert!(p.run(&["plan", "--export", "計画.xlsx"]).status.success());
    // plan.toml is then edited (its title), so the import changes it (an import that changes
    // nothing writes nothing).
    let edited = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        let edited = text.replacen("\ntitle = \"", "\ntitle = \"見直し前の", 1);
        assert_ne!(text, edited);
        std::fs::write(path, &edited).unwrap();
        edited.into_bytes()
    };
    let old = edited(&plan);
    let copy = common::Project::new();
    assert!(
        copy.run(&["plan", "--export", "計画.xlsx"])
            .status
            .success()
    );
    edited(&copy.path().join("input/plan.toml"));
    assert!(
        copy.run(&["plan", "--import", "計画.xlsx"])
            .status
            .success()
    );
    let new = std::fs::read(copy.path().join("input/plan.toml")).unwrap();
    assert_ne!(old, new);

    let args = ["plan", "--import", "計画.xlsx"];
    let mut kills = 0;
    for syscall in SYSCALLS {
        for n in 1.. {
            std::fs::write(&plan, &old).unwrap();
            let _ = std::fs::remove_file(&bak);
            let killed = run_killed(p.path(), &args, syscall, n);
            let what = format!("plan --import killed at {syscall} #{n}");
            let now = std::fs::read(&plan).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert!(now == old || now == new, "{what}: plan.toml is whole");
            if let Ok(b) = std::fs::read(&bak) {
                assert_eq!(b, old, "{what}: the backup is the previous file");
            }
            if !killed {
                assert_eq!(now, new, "{what}");
                break;
            }
            kills += 1;
            // The next run imports and removes what the killed one left.
            std::fs::write(&plan, &old).unwrap();
            let out = p.run(&args);
            assert!(out.status.success(), "{what}: {:?}", common::text(&out));
            let hidden: Vec<String> = std::fs::read_dir(p.path().join("input"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .filter(|n| n.ends_with(".tmp"))
                .collect();
            assert!(hidden.is_empty(), "{what}: {hidden:?}");
        }
    }
    assert!(kills >= 2, "{kills}");
}

#[test]
fn fifty_builds_at_once_succeed_or_stop_with_the_lock_message() {
    let p = common::Project::with_samples();
    let children: Vec<_> = (0..50)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_gyokaku"))
                .current_dir(p.path())
                .args(["build", "--year", "2023"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut ok = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let (_, stderr) = common::text(&out);
        match out.status.code() {
            Some(0) => ok += 1,
            Some(2) => assert!(
                stderr.contains("別の gyokaku が") && stderr.contains("もう一度実行してください"),
                "{stderr}"
            ),
            other => panic!("exit {other:?}: {stderr}"),
        }
    }
    assert!(ok >= 1);
    let year = p.path().join("output/2023");
    assert_no_hidden(&year, "50 builds");
    let outputs = build_outputs(&common::snapshot(&year));
    assert_eq!(outputs.len(), 3);
    // The same bytes as one build alone.
    let alone = common::Project::with_samples();
    assert!(alone.run(&["build", "--year", "2023"]).status.success());
    assert_eq!(
        outputs,
        build_outputs(&common::snapshot(&alone.path().join("output/2023")))
    );
    let names: Vec<String> = std::fs::read_dir(p.path().join("output"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), 2, "the year and its lock file only: {names:?}");
}
