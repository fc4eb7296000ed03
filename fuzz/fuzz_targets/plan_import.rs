//! Bytes → a temp file → the plan workbook import (`plan --import`) → a plan or its problems.
//! The first byte picks the file name's extension (.xlsx, .xlsm, .ods). Must never panic,
//! abort, run out of memory (-rss_limit_mb=512) or hang.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const EXTS: [&str; 3] = ["xlsx", "xlsm", "ods"];

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("gyokaku-fuzz-plan-import-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp folder");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let ext = EXTS[usize::from(first) % EXTS.len()];
    let path = dir().join(format!("plan.{ext}"));
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let Ok(read) = std::fs::read(&path) else {
        return;
    };
    match gyokaku::plan::excel::import_workbook(&read, ext) {
        Ok(imported) => {
            let _ = gyokaku::plan::excel::plan_toml(&imported.plan);
            for n in &imported.notes {
                let _ = n.to_string();
            }
        }
        Err(failure) => {
            for p in failure.problems.iter().chain(&failure.notes) {
                let _ = p.to_string();
            }
        }
    }
});
