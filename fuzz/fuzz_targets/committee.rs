//! Bytes → a temp folder's `2023.xlsx` → the committee workbook reader → diagnostics. Must
//! never panic (outside a library: the reader turns those into a diagnostic), abort, run out
//! of memory (-rss_limit_mb=512) or hang.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use gyokaku::fiscal_year::FiscalYear;
use gyokaku::plan::Plan;
use libfuzzer_sys::fuzz_target;

#[path = "sample.rs"]
mod sample;

fn setup() -> &'static (Plan, PathBuf) {
    static SETUP: OnceLock<(Plan, PathBuf)> = OnceLock::new();
    SETUP.get_or_init(|| {
        sample::abort_on_our_panics();
        let dir = std::env::temp_dir().join(format!("gyokaku-fuzz-committee-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp folder");
        (sample::plan(), dir)
    })
}

fuzz_target!(|data: &[u8]| {
    let (plan, dir) = setup();
    let year = FiscalYear(2023);
    if std::fs::write(dir.join("2023.xlsx"), data).is_err() {
        return;
    }
    if let Some(read) = gyokaku::submission::committee::read_year(dir, plan, year, "committee/2023.xlsx") {
        for d in &read.diagnostics {
            let _ = d.to_string();
        }
    }
});
