//! Atomic output files: write to a temporary file beside the target, then rename, so a
//! failed run never leaves a half-written file and keeps the previous one intact.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::ReportError;

/// Writes `bytes` to `path` atomically, creating the parent folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let tmp = stage(path, bytes)?;
    commit(path, tmp)
}

/// Writes several files so that a failure while writing any of them replaces none: every
/// file is first written to a temporary file, and only when all are written are they renamed.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<(), ReportError> {
    let staged = files
        .iter()
        .map(|(path, bytes)| stage(path, bytes).map(|tmp| (path, tmp)))
        .collect::<Result<Vec<_>, _>>()?;
    for (path, tmp) in staged {
        commit(path, tmp)?;
    }
    Ok(())
}

/// Environment variable naming an output file whose writing fails on purpose (tests only):
/// it shows that a failed run leaves the earlier outputs intact.
pub const FAIL_WRITE_ENV: &str = "GYOKAKU_TEST_FAIL_WRITE";

/// Writes bytes to a temporary file in the target's folder.
fn stage(path: &Path, bytes: &[u8]) -> Result<NamedTempFile, ReportError> {
    let io = |source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(name) = std::env::var_os(FAIL_WRITE_ENV)
        && path.file_name() == Some(name.as_os_str())
    {
        return Err(io(std::io::Error::other("書き込みの失敗（テスト用）")));
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

/// Renames a staged file onto its target.
fn commit(path: &Path, tmp: NamedTempFile) -> Result<(), ReportError> {
    tmp.persist(path).map_err(|e| ReportError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
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
}
