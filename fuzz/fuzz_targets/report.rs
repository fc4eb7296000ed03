//! Text (any bytes, decoded as plan.toml is) → a plan that loads → the plan's last year with
//! no submissions merged → the committee PDF (with the period summary) and the progress
//! workbook. The layout engine and the PDF and xlsx writers get whatever a plan can hold:
//! long and odd texts, many items, extreme numbers. Must never panic, abort, run out of
//! memory (-rss_limit_mb=512) or hang.
#![no_main]

use std::path::Path;

use gyokaku::merge::{History, merge_year};
use gyokaku::plan::Settings;
use gyokaku::report::ReportInput;
use gyokaku::report::model::ReportModel;
use gyokaku::submission::{ReadContext, load_year};
use libfuzzer_sys::fuzz_target;

#[path = "sample.rs"]
mod sample;

fn settings() -> &'static Settings {
    static SETTINGS: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();
    SETTINGS.get_or_init(|| {
        sample::abort_on_our_panics();
        sample::settings()
    })
}

fuzz_target!(|data: &[u8]| {
    let settings = settings();
    let Some((text, _)) = gyokaku::plan::decode_text(data) else {
        return;
    };
    let Ok(plan) = gyokaku::plan::parse_plan(&text, Path::new("plan.toml")) else {
        return;
    };
    let year = plan.end_year;
    // A folder that does not exist: every department is missing.
    let folder = std::env::temp_dir().join("gyokaku-fuzz-report-no-submissions");
    let Ok(submissions) = load_year(&folder, &ReadContext::new(&plan, settings, year)) else {
        return;
    };
    let history = History {
        years: vec![merge_year(&plan, &submissions)],
    };
    let Some(current) = history.current() else {
        return;
    };
    let input = ReportInput {
        plan: &plan,
        settings,
        history: &history,
        year: current,
        submissions: &submissions,
        committee: None,
        previous_committee: None,
        period: true,
    };
    let model = ReportModel::build(&input);
    let _ = gyokaku::report::pdf::committee_pdf(&model);
    let _ = gyokaku::report::workbook::progress_workbook(&model);
});
