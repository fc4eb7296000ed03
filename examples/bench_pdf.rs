//! Benchmark: the committee PDF of a large-city plan (about 1,000 pages): layout and
//! serialisation time and the process's peak memory.
//!
//! Run: `cargo run --release --example bench_pdf [-- ITEMS [DIR [RUNS]]]` (default 330 items,
//! 5 more runs after the first; DIR `-` for none).
//! With DIR, the synthetic plan and submissions are also written to DIR/input, so the real
//! command can be measured as a whole process:
//! `/usr/bin/time -v target/release/gyokaku --input DIR/input --output DIR/output build --year 2023`

use std::path::Path;
use std::time::Instant;

use gyokaku::fiscal_year::FiscalYear;
use gyokaku::form::template::{PreviousValues, TemplateContext, filled_workbook};
use gyokaku::merge::{History, merge_year};
use gyokaku::plan::parse_plan;
use gyokaku::report::ReportInput;
use gyokaku::report::model::ReportModel;
use gyokaku::report::pdf::committee_pdf;
use gyokaku::submission::{ReadContext, load_year};

#[path = "common/synthetic.rs"]
mod synthetic;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let items: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(330);
    let plan_text = synthetic::synthetic_plan(items, 4);
    let plan = parse_plan(&plan_text, Path::new("synthetic.toml")).expect("plan");
    let settings = synthetic::synthetic_settings();
    let keep = std::env::args()
        .nth(2)
        .filter(|a| !a.is_empty() && a != "-")
        .map(std::path::PathBuf::from);
    let runs: usize = std::env::args()
        .nth(3)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let temp = tempfile::tempdir().expect("tempdir");
    let work = match &keep {
        Some(dir) => dir.join("input/submissions"),
        None => temp.path().to_path_buf(),
    };
    if let Some(dir) = &keep {
        std::fs::create_dir_all(dir.join("input")).expect("dir");
        std::fs::write(dir.join("input/plan.toml"), &plan_text).expect("plan");
    }
    let mut years = Vec::new();
    let mut last = None;
    for y in [2022u16, 2023] {
        let year = FiscalYear(y);
        let dir = work.join(y.to_string());
        std::fs::create_dir_all(&dir).expect("dir");
        let ctx = TemplateContext::new(&plan, &settings, year);
        for d in &plan.departments {
            let bytes = filled_workbook(
                &ctx,
                d,
                &PreviousValues::new(),
                &synthetic::filled_values(&plan, &settings, d, 4),
            )
            .expect("workbook");
            std::fs::write(dir.join(format!("{d}.xlsx")), bytes).expect("write");
        }
        let subs = load_year(&dir, &ReadContext::new(&plan, &settings, year)).expect("load");
        years.push(merge_year(&plan, &subs));
        last = Some(subs);
    }
    let history = History { years };
    let submissions = last.expect("a year");
    let current = history.current().expect("current");
    let input = ReportInput {
        plan: &plan,
        settings: &settings,
        history: &history,
        year: current,
        submissions: &submissions,
        committee: None,
        previous_committee: None,
        period: false,
    };
    let model = ReportModel::build(&input);
    let before = peak_rss_mb();
    // The first run includes reading the fonts' tables; the best of the next ones is the
    // steady cost (the machine is shared: the minimum is the least disturbed run).
    let start = Instant::now();
    let pdf = committee_pdf(&model).expect("pdf");
    let first = start.elapsed().as_secs_f64();
    let peak = peak_rss_mb();
    let mut best = first;
    for _ in 0..runs {
        let start = Instant::now();
        let again = committee_pdf(&model).expect("pdf");
        best = best.min(start.elapsed().as_secs_f64());
        assert!(again == pdf, "deterministic");
    }
    let pages = pdf.windows(11).filter(|w| *w == b"/Type/Page/").count();
    println!(
        "items: {items}; PDF: {:.2} MB, {pages} pages; layout + write: first {first:.3} s, best of {runs} more {best:.3} s; peak RSS: {peak:.0} MB (before the PDF: {before:.0} MB)",
        pdf.len() as f64 / 1e6,
    );
}
