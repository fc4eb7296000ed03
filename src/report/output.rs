//! Crash-safe outputs. A command's outputs for a year appear together or not at all, even when
//! the program is killed (or the power fails) at any instant:
//!
//! 1. every output is written into a staging folder beside the year folder
//!    (`output/.gyokaku-staging-<year>-<pid>/new/<i>`, never inside a folder a user opens or
//!    uploads), each file and folder synced to disk;
//! 2. a journal listing the targets is written and renamed into the staging folder: this is the
//!    moment of commit (before it, the previous outputs are untouched; after it, the new ones
//!    will be in place);
//! 3. each file is renamed over its target (atomic: the target always exists, old or new); a
//!    folder (the publication folder) is switched as a whole: the previous one is renamed into
//!    the staging folder, the new one into its place;
//! 4. the staging folder is deleted, the journal last.
//!
//! The next run (build, publish, templates or check, under the same lock) finishes what a
//! killed run left: with a journal it completes the switch, without one it deletes the staging
//! folder. A lock file per year (`output/.gyokaku-<year>.lock`) keeps two runs from switching
//! the same outputs at once; a second run waits a few seconds, then stops with a message.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::ReportError;

/// Environment variable naming an output file whose writing fails on purpose (tests only):
/// it shows that a failed run leaves the earlier outputs intact.
pub const FAIL_WRITE_ENV: &str = "GYOKAKU_TEST_FAIL_WRITE";
/// Environment variable naming an output file that is treated as open in another program
/// (tests only: how a workbook open in Excel on Windows behaves, on any system).
pub const LOCKED_ENV: &str = "GYOKAKU_TEST_LOCKED";

/// How long a run waits for another run holding the same lock.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

const STAGING_PREFIX: &str = ".gyokaku-staging-";
const JOURNAL: &str = "JOURNAL";
const JOURNAL_HEADER: &str = "gyokaku-switch-1";

/// One output of a switch: a file, or a folder replaced as a whole with the files it holds
/// (paths relative to the folder, '/'-separated).
#[derive(Debug, Clone)]
pub enum Output {
    /// A file and its bytes.
    File(PathBuf, Vec<u8>),
    /// A folder and every file in it.
    Folder(PathBuf, Vec<(String, Vec<u8>)>),
}

impl Output {
    fn target(&self) -> &Path {
        match self {
            Output::File(p, _) | Output::Folder(p, _) => p,
        }
    }
}

/// A held lock (released when dropped).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Takes the lock file `path`, waiting up to [`LOCK_WAIT`] for another run to release it.
/// `what` names what is being protected, for the message.
pub fn lock(path: &Path, what: &Path) -> Result<Lock, ReportError> {
    // Errors name what is protected (the user's folder or file), not the lock file.
    let io = |e| io_error(what, e);
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(io)?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(ReportError::Busy(what.to_path_buf()));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
    }
}

/// The lock of a year's outputs: `<area>/.gyokaku-<tag>.lock`.
pub fn lock_outputs(area: &Path, tag: &str) -> Result<Lock, ReportError> {
    lock(&area.join(format!(".gyokaku-{tag}.lock")), &area.join(tag))
}

/// Writes a set of outputs so that they appear together or not at all (see the module doc).
/// `area` is the folder beside which the staging folder is made (the output folder) and `tag`
/// the year; the caller holds [`lock_outputs`] of the same tag and has run [`recover`].
pub fn switch(area: &Path, tag: &str, outputs: &[Output]) -> Result<(), ReportError> {
    let staging = area.join(format!("{STAGING_PREFIX}{tag}-{}", std::process::id()));
    let result = stage_all(area, &staging, outputs);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let journal = journal_text(area, outputs)?;
    // Commit: the journal appears by a rename, synced with its folder.
    // Errors name the year folder, never the staging folder.
    let shown = area.join(tag);
    let tmp = staging.join("JOURNAL.tmp");
    let committed = write_synced(&tmp, journal.as_bytes())
        .and_then(|()| std::fs::rename(&tmp, staging.join(JOURNAL)));
    if let Err(e) = committed {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(io_error(&shown, e));
    }
    sync_dir(&staging).map_err(|e| io_error(&shown, e))?;
    complete(area, &staging, &journal, &shown)
}

/// Finishes or removes what killed runs of `tag` left in `area`; returns a note for the user
/// for each (none when nothing was left). The caller holds [`lock_outputs`] of `tag`.
pub fn recover(area: &Path, tag: &str) -> Result<Vec<String>, ReportError> {
    let mut notes = Vec::new();
    let prefix = format!("{STAGING_PREFIX}{tag}-");
    let Ok(entries) = std::fs::read_dir(area) else {
        return Ok(notes);
    };
    let mut leftovers: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    leftovers.sort();
    for staging in leftovers {
        match std::fs::read_to_string(staging.join(JOURNAL)) {
            Ok(journal) => {
                complete(area, &staging, &journal, &area.join(tag))?;
                notes.push(format!(
                    "前回中断された実行の出力の入れ替えを完了しました（{}）",
                    area.join(tag).display()
                ));
            }
            Err(_) => {
                std::fs::remove_dir_all(&staging).map_err(|e| io_error(&area.join(tag), e))?;
                notes.push(format!(
                    "前回中断された実行の作りかけの出力を削除しました（{} の出力は前回のままです）",
                    area.join(tag).display()
                ));
            }
        }
    }
    Ok(notes)
}

/// Whether killed runs of `tag` left a staging folder in `area`.
pub fn has_leftovers(area: &Path, tag: &str) -> bool {
    let prefix = format!("{STAGING_PREFIX}{tag}-");
    std::fs::read_dir(area).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
    })
}

/// Writes every output into `staging/new/<i>`, checks that every target can be replaced.
fn stage_all(area: &Path, staging: &Path, outputs: &[Output]) -> Result<(), ReportError> {
    let new = staging.join("new");
    std::fs::create_dir_all(&new).map_err(|e| io_error(area, e))?;
    // (errors below name the target, or the output folder; never the staging folder)
    for (i, output) in outputs.iter().enumerate() {
        let at = new.join(i.to_string());
        match output {
            Output::File(target, bytes) => stage_file(target, &at, bytes)?,
            Output::Folder(target, files) => {
                std::fs::create_dir(&at).map_err(|e| io_error(target, e))?;
                let mut dirs = vec![at.clone()];
                for (rel, bytes) in files {
                    let mut path = at.clone();
                    let mut shown = target.clone();
                    for part in rel.split('/') {
                        path.push(part);
                        shown.push(part);
                    }
                    if let Some(parent) = path.parent()
                        && !parent.exists()
                    {
                        std::fs::create_dir_all(parent).map_err(|e| io_error(&shown, e))?;
                        dirs.push(parent.to_path_buf());
                    }
                    stage_file(&shown, &path, bytes)?;
                }
                for d in dirs.iter().rev() {
                    sync_dir(d).map_err(|e| io_error(target, e))?;
                }
            }
        }
    }
    sync_dir(&new).map_err(|e| io_error(area, e))?;
    sync_dir(staging).map_err(|e| io_error(area, e))?;
    // Every target must be replaceable before anything is switched.
    let mut blocked: Vec<(PathBuf, std::io::Error)> = Vec::new();
    for output in outputs {
        if let Some(parent) = output.target().parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        let mut files = Vec::new();
        match output {
            Output::File(target, _) => files.push(target.clone()),
            Output::Folder(target, _) => {
                if let Ok(meta) = std::fs::symlink_metadata(target)
                    && !meta.is_dir()
                {
                    blocked.push((
                        target.clone(),
                        std::io::Error::from(std::io::ErrorKind::NotADirectory),
                    ));
                }
                walk_files(target, &mut files);
            }
        }
        for f in files {
            if let Err(e) = replaceable(&f, matches!(output, Output::File(..))) {
                blocked.push((f, e));
            }
        }
    }
    if let Some((path, e)) = blocked.first() {
        let others: Vec<String> = blocked[1..].iter().map(|(p, _)| file_name(p)).collect();
        let others = if others.is_empty() {
            String::new()
        } else {
            format!("（ほかに {} も）", others.join("、"))
        };
        return Err(ReportError::Io {
            path: path.clone(),
            source: std::io::Error::new(
                e.kind(),
                format!(
                    "{}{others}。出力ファイルはどれも更新していません",
                    crate::text::io_reason(e)
                ),
            ),
        });
    }
    Ok(())
}

/// Writes one staged file (synced), honouring the test failpoint named by the target.
fn stage_file(target: &Path, at: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    if failpoint(FAIL_WRITE_ENV, target) {
        return Err(io_error(
            target,
            std::io::Error::other("書き込みに失敗しました（テスト用の失敗）"),
        ));
    }
    write_synced(at, bytes).map_err(|e| io_error(target, e))
}

/// The journal: a header, then one line per output ("F" or "D", a tab, the target relative to
/// `area`, '/'-separated); line i belongs to `new/<i>`.
fn journal_text(area: &Path, outputs: &[Output]) -> Result<String, ReportError> {
    let mut text = format!("{JOURNAL_HEADER}\n");
    for output in outputs {
        let target = output.target();
        let rel = target
            .strip_prefix(area)
            .ok()
            .and_then(|r| {
                r.components()
                    .map(|c| c.as_os_str().to_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
            })
            .filter(|parts| !parts.is_empty() && parts.iter().all(|p| !p.contains(['\n', '\t'])))
            .ok_or_else(|| {
                io_error(
                    target,
                    std::io::Error::other("出力先の名前をこのプログラムでは扱えません"),
                )
            })?;
        let kind = match output {
            Output::File(..) => 'F',
            Output::Folder(..) => 'D',
        };
        text.push_str(&format!("{kind}\t{}\n", rel.join("/")));
    }
    Ok(text)
}

/// Puts every staged output in place (idempotent: a rerun after a kill continues), then
/// deletes the staging folder, the journal last. Errors name a target or `shown` (the year
/// folder), never the staging folder.
fn complete(area: &Path, staging: &Path, journal: &str, shown: &Path) -> Result<(), ReportError> {
    let unfinished = |e: std::io::Error, path: &Path| ReportError::Unfinished {
        path: path.to_path_buf(),
        source: std::io::Error::new(e.kind(), crate::text::io_reason(&e)),
    };
    let mut lines = journal.lines();
    if lines.next() != Some(JOURNAL_HEADER) {
        return Err(unfinished(
            std::io::Error::other("中断された実行の記録を読めません"),
            shown,
        ));
    }
    let old = staging.join("old");
    let mut parents: Vec<PathBuf> = Vec::new();
    for (i, line) in lines.enumerate() {
        let Some((kind, rel)) = line.split_once('\t') else {
            continue;
        };
        let mut target = area.to_path_buf();
        for part in rel.split('/') {
            target.push(part);
        }
        let new = staging.join("new").join(i.to_string());
        if std::fs::symlink_metadata(&new).is_err() {
            continue; // already in place
        }
        if kind == "D" {
            let aside = old.join(i.to_string());
            if std::fs::symlink_metadata(&target).is_ok() {
                if std::fs::symlink_metadata(&aside).is_ok() {
                    return Err(unfinished(
                        std::io::Error::from(std::io::ErrorKind::AlreadyExists),
                        &target,
                    ));
                }
                std::fs::create_dir_all(&old).map_err(|e| unfinished(e, &target))?;
                std::fs::rename(&target, &aside).map_err(|e| unfinished(e, &target))?;
            }
        }
        std::fs::rename(&new, &target).map_err(|e| unfinished(e, &target))?;
        if let Some(p) = target.parent()
            && !parents.iter().any(|q| q == p)
        {
            parents.push(p.to_path_buf());
        }
    }
    for p in &parents {
        sync_dir(p).map_err(|e| unfinished(e, p))?;
    }
    // Clean up: the previous folders and the empty staging folders, the journal last.
    for sub in ["old", "new"] {
        let dir = staging.join(sub);
        if std::fs::symlink_metadata(&dir).is_ok() {
            std::fs::remove_dir_all(&dir).map_err(|e| unfinished(e, shown))?;
        }
    }
    for name in ["JOURNAL.tmp", JOURNAL] {
        let f = staging.join(name);
        if std::fs::symlink_metadata(&f).is_ok() {
            std::fs::remove_file(&f).map_err(|e| unfinished(e, shown))?;
        }
    }
    std::fs::remove_dir(staging).map_err(|e| unfinished(e, shown))?;
    sync_dir(area).map_err(|e| unfinished(e, area))?;
    Ok(())
}

/// Every file under `dir` (none when it does not exist).
fn walk_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let path = e.path();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            walk_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Creates (or truncates) `path`, writes `bytes` and syncs the file.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Syncs a folder's entries to disk (a no-op where folders cannot be opened, as on Windows).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Writes several files, each atomically (a temporary file beside it, synced, renamed over
/// it: the target always exists, old or new). Used for files outside the output folders
/// (`init`, `plan --export`); every file is staged before any is renamed.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<(), ReportError> {
    let mut staged = Vec::new();
    for (path, bytes) in files {
        match stage_beside(path, bytes) {
            Ok(tmp) => staged.push((path, tmp)),
            Err(e) => {
                for (_, tmp) in staged {
                    let _ = std::fs::remove_file(tmp);
                }
                return Err(e);
            }
        }
    }
    let blocked = staged
        .iter()
        .find_map(|(p, _)| replaceable(p, true).err().map(|e| (*p, e)));
    if let Some((path, e)) = blocked {
        for (_, tmp) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(io_error(path, e));
    }
    for (path, tmp) in staged {
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io_error(path, e)
        })?;
        sync_dir(parent_of(path)).map_err(|e| io_error(path, e))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically, creating the parent folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    write_all_atomic(&[(path.to_path_buf(), bytes.to_vec())])
}

/// Removes the temporary files a killed [`write_all_atomic`] left in `dir` (they are named
/// `.gyokaku-<pid>-<name>.tmp`); returns their number. The caller holds the lock of the file
/// written there.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.starts_with(".gyokaku-") && n.ends_with(".tmp")
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes a synced temporary file beside `path` and returns its path.
fn stage_beside(path: &Path, bytes: &[u8]) -> Result<PathBuf, ReportError> {
    if failpoint(FAIL_WRITE_ENV, path) {
        return Err(io_error(
            path,
            std::io::Error::other("書き込みに失敗しました（テスト用の失敗）"),
        ));
    }
    let dir = parent_of(path);
    std::fs::create_dir_all(dir).map_err(|e| io_error(path, e))?;
    let tmp = dir.join(format!(
        ".gyokaku-{}-{}.tmp",
        std::process::id(),
        file_name(path)
    ));
    write_synced(&tmp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(path, e)
    })?;
    Ok(tmp)
}

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

/// Whether an existing target can be replaced: a file where a file goes (not a folder), and
/// (on Windows) not held open by another program, which is seen by opening it for writing
/// without changing it.
fn replaceable(path: &Path, want_file: bool) -> std::io::Result<()> {
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
    if want_file && meta.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory));
    }
    if cfg!(windows) && meta.is_file() {
        std::fs::OpenOptions::new().write(true).open(path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a").join("x.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(path.parent().unwrap()), ["x.txt"]);
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
        assert_eq!(names(dir.path()), ["good.txt"]);
    }

    #[test]
    fn a_switch_replaces_files_and_folders_and_leaves_only_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let area = dir.path();
        let year = area.join("2023");
        let outputs = |v: &str| {
            vec![
                Output::File(year.join("a.xlsx"), v.as_bytes().to_vec()),
                Output::Folder(
                    year.join("公表"),
                    vec![
                        ("index.html".into(), v.as_bytes().to_vec()),
                        ("data/x.csv".into(), v.as_bytes().to_vec()),
                    ],
                ),
            ]
        };
        let _lock = lock_outputs(area, "2023").unwrap();
        switch(area, "2023", &outputs("old")).unwrap();
        std::fs::write(year.join("公表/stale.html"), "x").unwrap();
        switch(area, "2023", &outputs("new")).unwrap();
        assert_eq!(std::fs::read(year.join("a.xlsx")).unwrap(), b"new");
        assert_eq!(std::fs::read(year.join("公表/data/x.csv")).unwrap(), b"new");
        assert_eq!(names(&year.join("公表")), ["data", "index.html"]);
        assert_eq!(names(area), [".gyokaku-2023.lock", "2023"]);
    }

    #[test]
    fn a_target_that_cannot_be_replaced_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let area = dir.path();
        let a = area.join("2023/a.xlsx");
        let b = area.join("2023/b.pdf");
        switch(area, "2023", &[Output::File(a.clone(), b"old a".to_vec())]).unwrap();
        std::fs::create_dir(&b).unwrap(); // a folder where a file should go
        let err = switch(
            area,
            "2023",
            &[
                Output::File(a.clone(), b"new a".to_vec()),
                Output::File(b.clone(), b"new b".to_vec()),
            ],
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("b.pdf") && msg.contains("どれも更新していません"),
            "{msg}"
        );
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert_eq!(names(area), ["2023"]);
        assert_eq!(names(&area.join("2023")), ["a.xlsx", "b.pdf"]);
    }

    /// A run killed after its commit is completed by the next; one killed before is undone.
    #[test]
    fn recovery_completes_a_committed_switch_and_drops_an_uncommitted_one() {
        let dir = tempfile::tempdir().unwrap();
        let area = dir.path();
        let year = area.join("2023");
        let files = |v: &str| {
            vec![
                Output::File(year.join("a.txt"), v.as_bytes().to_vec()),
                Output::Folder(
                    year.join("pub"),
                    vec![("i.html".into(), v.as_bytes().to_vec())],
                ),
            ]
        };
        switch(area, "2023", &files("old")).unwrap();
        // Committed, then killed after the first rename.
        let staging = area.join(format!("{STAGING_PREFIX}2023-1"));
        stage_all(area, &staging, &files("new")).unwrap();
        std::fs::write(
            staging.join(JOURNAL),
            journal_text(area, &files("new")).unwrap(),
        )
        .unwrap();
        std::fs::rename(staging.join("new/0"), year.join("a.txt")).unwrap();
        let notes = recover(area, "2023").unwrap();
        assert!(notes[0].contains("完了しました"), "{notes:?}");
        assert_eq!(std::fs::read(year.join("a.txt")).unwrap(), b"new");
        assert_eq!(std::fs::read(year.join("pub/i.html")).unwrap(), b"new");
        assert_eq!(names(area), ["2023"]);
        // Staged but not committed: dropped, the outputs stay.
        stage_all(area, &staging, &files("newer")).unwrap();
        let notes = recover(area, "2023").unwrap();
        assert!(notes[0].contains("前回のまま"), "{notes:?}");
        assert_eq!(std::fs::read(year.join("a.txt")).unwrap(), b"new");
        assert_eq!(names(area), ["2023"]);
    }

    #[test]
    fn a_second_run_waits_then_stops() {
        let dir = tempfile::tempdir().unwrap();
        let _held = lock_outputs(dir.path(), "2023").unwrap();
        let start = Instant::now();
        // flock locks belong to open files: a second open file in this process conflicts.
        let err = lock_outputs(dir.path(), "2023").unwrap_err();
        assert!(start.elapsed() >= LOCK_WAIT);
        assert!(err.to_string().contains("別の gyokaku"), "{err}");
    }
}
