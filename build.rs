//! Names the build for `gyokaku --version`: the target triple and the git commit.
//!
//! The result is deterministic for a given commit (no date, no host name). Outside a git
//! checkout (a source archive) the commit comes from the environment variable
//! `GYOKAKU_BUILD_COMMIT` when set, and is left out otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=GYOKAKU_BUILD_COMMIT");
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown-target".to_string());
    let commit = std::env::var("GYOKAKU_BUILD_COMMIT")
        .ok()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .or_else(git_commit);
    let build = match commit {
        Some(commit) => format!("{target}, commit {commit}"),
        None => target.clone(),
    };
    println!("cargo:rustc-env=GYOKAKU_BUILD={build}");
    // GNU ld writes the link time into a PE header; without it two builds of one commit give
    // the same gyokaku.exe.
    if target.ends_with("-windows-gnu") {
        println!("cargo:rustc-link-arg-bins=-Wl,--no-insert-timestamp");
    }
}

/// The abbreviated commit of HEAD, and the files whose change means a new commit (so that
/// cargo re-runs this script after a commit or checkout, and only then).
fn git_commit() -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git").args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    // Only trust git when this crate is the top of the checkout (not a crate vendored into
    // some other repository, whose commit would say nothing about this source).
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let top = PathBuf::from(git(&[
        "-C",
        manifest_dir.to_str()?,
        "rev-parse",
        "--show-toplevel",
    ])?);
    if top.canonicalize().ok()? != manifest_dir.canonicalize().ok()? {
        return None;
    }
    let in_repo = |args: &[&str]| {
        let mut all = vec!["-C", manifest_dir.to_str()?];
        all.extend_from_slice(args);
        git(&all)
    };
    let absolute = |p: String| {
        let p = PathBuf::from(p);
        if p.is_absolute() {
            p
        } else {
            manifest_dir.join(p)
        }
    };
    let git_dir = absolute(in_repo(&["rev-parse", "--git-dir"])?);
    let common_dir = absolute(in_repo(&["rev-parse", "--git-common-dir"])?);
    watch(&git_dir.join("HEAD"));
    watch(&common_dir.join("packed-refs"));
    if let Some(branch) = in_repo(&["symbolic-ref", "-q", "HEAD"]) {
        watch(&common_dir.join(branch));
    }
    in_repo(&["rev-parse", "--short=7", "HEAD"])
}

/// Asks cargo to re-run this script when `path` changes (only for an existing file: cargo
/// treats a missing one as always changed, which would rebuild the crate every time).
fn watch(path: &Path) {
    if path.is_file() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
