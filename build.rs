//! Names the build for `gyokaku --version`: the target triple and the git commit; for
//! Windows, links the version resource and the icon (packaging/windows/gyokaku.ico).
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
        windows_resource(&target);
    }
}

/// The Windows version resource (product name, version, the project as company) and the icon
/// of gyokaku.exe, compiled by mingw's windres into an object linked into the exe. Without
/// windres the exe is built without them (and a warning says so).
fn windows_resource(target: &str) {
    println!("cargo:rerun-if-changed=packaging/windows/gyokaku.ico");
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        return;
    };
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let icon = manifest_dir.join("packaging/windows/gyokaku.ico");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let number = |key: &str| {
        std::env::var(key)
            .ok()
            .and_then(|v| v.parse::<u16>().ok())
            .unwrap_or(0)
    };
    let (major, minor, patch) = (
        number("CARGO_PKG_VERSION_MAJOR"),
        number("CARGO_PKG_VERSION_MINOR"),
        number("CARGO_PKG_VERSION_PATCH"),
    );
    // The icon is copied beside the script, so that the .rc names it without a path.
    if std::fs::copy(&icon, out_dir.join("gyokaku.ico")).is_err() {
        println!("cargo:warning=gyokaku.ico is missing: the exe has no icon");
        return;
    }
    let rc = format!(
        r#"#pragma code_page(65001)
1 ICON "gyokaku.ico"
1 VERSIONINFO
FILEVERSION {major},{minor},{patch},0
PRODUCTVERSION {major},{minor},{patch},0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "041104B0"
    BEGIN
      VALUE "CompanyName", "gyokaku project"
      VALUE "FileDescription", "gyokaku 行財政改革 進捗管理"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "gyokaku"
      VALUE "LegalCopyright", "MIT OR Apache-2.0"
      VALUE "OriginalFilename", "gyokaku.exe"
      VALUE "ProductName", "gyokaku"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x411, 1200
  END
END
"#
    );
    let rc_path = out_dir.join("gyokaku.rc");
    let obj = out_dir.join("gyokaku-resource.o");
    if std::fs::write(&rc_path, rc).is_err() {
        return;
    }
    let arch = target.split('-').next().unwrap_or("x86_64");
    let windres =
        std::env::var("GYOKAKU_WINDRES").unwrap_or_else(|_| format!("{arch}-w64-mingw32-windres"));
    println!("cargo:rerun-if-env-changed=GYOKAKU_WINDRES");
    let status = Command::new(&windres)
        .current_dir(&out_dir)
        .args(["-c", "65001", "-O", "coff", "-i", "gyokaku.rc", "-o"])
        .arg(&obj)
        .status();
    if status.is_ok_and(|s| s.success()) {
        println!("cargo:rustc-link-arg-bins={}", obj.display());
    } else {
        println!("cargo:warning={windres} failed or is missing: the exe has no version resource");
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
