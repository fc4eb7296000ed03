//! Bytes → the submission reader → diagnostics. The first byte picks the file name's
//! extension (the reader also decides the format by content); the rest is the file.
//! Must never panic, abort, run out of memory (-rss_limit_mb=512) or hang.
#![no_main]

use std::sync::OnceLock;

use gyokaku::fiscal_year::FiscalYear;
use gyokaku::plan::{Plan, Settings};
use libfuzzer_sys::fuzz_target;

#[path = "sample.rs"]
mod sample;

fn setup() -> &'static (Plan, Settings) {
    static SETUP: OnceLock<(Plan, Settings)> = OnceLock::new();
    SETUP.get_or_init(|| {
        sample::abort_on_our_panics();
        (sample::plan(), sample::settings())
    })
}

const NAMES: [&str; 5] = [
    "行政経営課.xlsx",
    "行政経営課.ods",
    "行政経営課.xls",
    "行政経営課.xlsb",
    "行政経営課.xlsm",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let (plan, settings) = setup();
    let ctx = gyokaku::submission::ReadContext::new(plan, settings, FiscalYear(2023));
    let name = NAMES[usize::from(first) % NAMES.len()];
    let file = gyokaku::submission::reader::read_bytes(name, bytes, &ctx);
    for d in &file.diagnostics {
        let _ = d.to_string();
    }
});
