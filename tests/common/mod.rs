//! Helpers shared by the integration tests: a scratch project folder and running the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch project: input/ (plan.toml copied), templates/ (report.toml copied), output/.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// A project with the repository's plan and settings and no submissions.
    pub fn new() -> Project {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("input/submissions")).unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::copy(
            root().join("input/plan.toml"),
            dir.path().join("input/plan.toml"),
        )
        .unwrap();
        std::fs::copy(
            root().join("templates/report.toml"),
            dir.path().join("templates/report.toml"),
        )
        .unwrap();
        Project { dir }
    }

    /// A project with a copy of the bundled sample submissions and committee opinions.
    pub fn with_samples() -> Project {
        let p = Project::new();
        for folder in ["input/submissions", "input/committee"] {
            copy_dir(&root().join(folder), &p.path().join(folder));
        }
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// input/submissions/<year>
    pub fn submissions(&self, year: u16) -> PathBuf {
        let d = self.path().join("input/submissions").join(year.to_string());
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// Runs gyokaku with the project's folders.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_gyokaku"))
            .current_dir(self.path())
            .args(args)
            .output()
            .expect("run gyokaku")
    }
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// stdout and stderr as text.
pub fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// Whether an external tool is on PATH; in CI a missing tool fails the test instead of skipping.
pub fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("CI").is_some() {
        panic!("{tool} is required in CI");
    }
    if !found {
        eprintln!("skipping: {tool} not installed");
    }
    found
}

/// Reads one part of a zip (xlsx) file as text.
pub fn zip_part(path: &Path, part: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut s = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut s).unwrap();
    s
}
