//! All-or-nothing output files. A command writes every output to a temporary file beside its
//! target first; then it checks that every existing target can be replaced (on Windows a
//! workbook open in Excel cannot be: the run stops, names the file and replaces nothing);
//! only then are the targets replaced, with the previous files kept aside until all are in
//! place, so a failure at any point leaves the previous outputs as they were.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::ReportError;

/// Writes `bytes` to `path` atomically, creating the parent folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    write_all_atomic(&[(path.to_path_buf(), bytes.to_vec())])
}

/// Writes several files so that a failure while writing any of them replaces none: every
/// file is first written to a temporary file, every existing target is checked, and only
/// then are they renamed.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<(), ReportError> {
    let staged = files
        .iter()
        .map(|(path, bytes)| stage(path, bytes).map(|tmp| (path.as_path(), tmp)))
        .collect::<Result<Vec<_>, _>>()?;
    let blocked: Vec<(&Path, std::io::Error)> = staged
        .iter()
        .filter_map(|(path, _)| replaceable(path).err().map(|e| (*path, e)))
        .collect();
    if let Some((path, e)) = blocked.first() {
        let others: Vec<String> = blocked[1..].iter().map(|(p, _)| file_name(p)).collect();
        let others = if others.is_empty() {
            String::new()
        } else {
            format!("（ほかに {} も）", others.join("、"))
        };
        return Err(io_error(
            path,
            std::io::Error::new(
                e.kind(),
                format!(
                    "{}{others}。出力ファイルはどれも更新していません",
                    crate::text::io_reason(e)
                ),
            ),
        ));
    }
    commit_all(staged)
}

/// Environment variable naming an output file whose writing fails on purpose (tests only):
/// it shows that a failed run leaves the earlier outputs intact.
pub const FAIL_WRITE_ENV: &str = "GYOKAKU_TEST_FAIL_WRITE";
/// Environment variable naming an output file that is treated as open in another program
/// (tests only: how a workbook open in Excel on Windows behaves, on any system).
pub const LOCKED_ENV: &str = "GYOKAKU_TEST_LOCKED";

fn failpoint(env: &str, path: &Path) -> bool {
    std::env::var_os(env).is_some_and(|name| path.file_name() == Some(name.as_os_str()))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    )
}

/// A write error with a Japanese reason (the system's words in parentheses).
fn io_error(path: &Path, e: std::io::Error) -> ReportError {
    let source = if e.get_ref().is_some() {
        e
    } else {
        std::io::Error::new(e.kind(), crate::text::io_reason(&e))
    };
    ReportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes bytes to a temporary file in the target's folder.
fn stage(path: &Path, bytes: &[u8]) -> Result<NamedTempFile, ReportError> {
    let io = |e| io_error(path, e);
    if failpoint(FAIL_WRITE_ENV, path) {
        return Err(io(std::io::Error::other(
            "書き込みに失敗しました（テスト用の失敗）",
        )));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gyokaku-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    Ok(tmp)
}

/// Whether an existing target can be replaced: not a folder, and (on Windows) not held open
/// by another program, which is seen by opening it for writing without changing it.
fn replaceable(path: &Path) -> std::io::Result<()> {
    if failpoint(LOCKED_ENV, path) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::ResourceBusy,
            "the file is open in another program (test)",
        ));
    }
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if meta.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory));
    }
    if cfg!(windows) && meta.is_file() {
        std::fs::OpenOptions::new().write(true).open(path)?;
    }
    Ok(())
}

/// Replaces every target: the existing files are moved aside first, then the new ones put in
/// place; on any failure everything is put back as it was.
fn commit_all(staged: Vec<(&Path, NamedTempFile)>) -> Result<(), ReportError> {
    commit_all_with(staged, |_| false)
}

/// [`commit_all`] with a test hook making the final rename of some targets fail.
fn commit_all_with(
    staged: Vec<(&Path, NamedTempFile)>,
    fail: impl Fn(&Path) -> bool,
) -> Result<(), ReportError> {
    let mut aside: Vec<(&Path, tempfile::TempPath)> = Vec::new();
    let restore = |aside: Vec<(&Path, tempfile::TempPath)>, placed: &[&Path]| {
        for p in placed {
            let _ = std::fs::remove_file(p);
        }
        for (target, old) in aside {
            let _ = old.persist(target);
        }
    };
    for (path, _) in &staged {
        if std::fs::symlink_metadata(path).is_err() {
            continue;
        }
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
        let backup = tempfile::Builder::new()
            .prefix(".gyokaku-old-")
            .suffix(".tmp")
            .make_in(dir.unwrap_or(Path::new(".")), |p| std::fs::rename(path, p));
        match backup {
            Ok(b) => aside.push((path, b.into_temp_path())),
            Err(e) => {
                restore(aside, &[]);
                return Err(io_error(path, e));
            }
        }
    }
    let mut placed: Vec<&Path> = Vec::new();
    for (path, tmp) in staged {
        let outcome = if fail(path) {
            Err(std::io::Error::other(
                "名前の変更に失敗しました（テスト用の失敗）",
            ))
        } else {
            tmp.persist_noclobber(path).map(|_| ()).map_err(|e| e.error)
        };
        if let Err(e) = outcome {
            restore(aside, &placed);
            return Err(io_error(path, e));
        }
        placed.push(path);
    }
    // The previous files are deleted when `aside` is dropped.
    drop(aside);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a").join("x.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn failure_keeps_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.txt");
        write_atomic(&good, b"old").unwrap();
        // The second target's parent is a file, so staging it fails before any rename.
        let blocked = good.join("child.txt");
        let err = write_all_atomic(&[(good.clone(), b"new".to_vec()), (blocked, b"x".to_vec())]);
        assert!(err.is_err());
        assert_eq!(std::fs::read(&good).unwrap(), b"old");
    }

    #[test]
    fn a_target_that_cannot_be_replaced_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.xlsx");
        let b = dir.path().join("b.pdf");
        write_atomic(&a, b"old a").unwrap();
        std::fs::create_dir(&b).unwrap(); // a folder where a file should go
        let err = write_all_atomic(&[
            (a.clone(), b"new a".to_vec()),
            (b.clone(), b"new b".to_vec()),
        ])
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("b.pdf") && msg.contains("どれも更新していません"),
            "{msg}"
        );
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temporary files left");
    }

    #[test]
    fn a_failed_rename_puts_the_previous_files_back() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        write_atomic(&a, b"old a").unwrap();
        write_atomic(&b, b"old b").unwrap();
        let staged = vec![
            (a.as_path(), stage(&a, b"new a").unwrap()),
            (b.as_path(), stage(&b, b"new b").unwrap()),
        ];
        let result = commit_all_with(staged, |p| p == b.as_path());
        assert!(result.is_err());
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert_eq!(std::fs::read(&b).unwrap(), b"old b");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temporary files left");
    }
}
