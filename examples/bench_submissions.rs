//! Benchmark: reading + validating + merging many submissions, against the floor of just
//! opening each file with calamine and reading all its cells (same thread pool).
//!
//! Synthetic large-city plan: 200 items (8 取組方針), 100 departments, each item led by one
//! department and implemented by three others, two indicators (one summed), three actions.
//! The 100 department workbooks are generated with the template writer and filled; copies
//! make up 1,000 and 10,000 files.
//!
//! Run: `cargo run --release --example bench_submissions [-- 1000 10000]`

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::Instant;

use calamine::{Reader, Xlsx};
use gyokaku::fiscal_year::FiscalYear;
use gyokaku::form::template::{PreviousValues, TemplateContext, filled_workbook};
use gyokaku::plan::parse_plan;
use gyokaku::submission::{ReadContext, load_year};
use rayon::prelude::*;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/synthetic.rs"]
mod synthetic;

use synthetic::{DEPARTMENTS, filled_values, synthetic_plan};

const ITEMS: usize = 200;

/// The floor: open each file with calamine and read every cell of every sheet.
fn floor(paths: &[PathBuf]) -> usize {
    paths
        .par_iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("read");
            let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.as_slice())).expect("open");
            let mut cells = 0;
            for name in wb.sheet_names() {
                if let Ok(range) = wb.worksheet_range(&name) {
                    cells += range.used_cells().count();
                }
            }
            cells
        })
        .sum()
}

/// CPU seconds (user + system) of this process so far, from /proc (Linux).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (c0, t0) = (cpu_seconds(), Instant::now());
    let out = f();
    (out, t0.elapsed().as_secs_f64(), cpu_seconds() - c0)
}

fn main() {
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let counts = if counts.is_empty() {
        vec![1000, 10000]
    } else {
        counts
    };
    let plan = parse_plan(&synthetic_plan(ITEMS, 1), Path::new("synthetic.toml")).expect("plan");
    let settings = synthetic::synthetic_settings();
    let year = FiscalYear(2023);
    let ctx = TemplateContext::new(&plan, &settings, year);
    let work = tempfile::tempdir().expect("tempdir");
    let (books, gen_s, _) = timed(|| {
        plan.departments
            .par_iter()
            .map(|d| {
                let bytes = filled_workbook(
                    &ctx,
                    d,
                    &PreviousValues::new(),
                    &filled_values(&plan, &settings, d, 1),
                )
                .expect("workbook");
                (d.clone(), bytes)
            })
            .collect::<Vec<_>>()
    });
    let avg = books.iter().map(|(_, b)| b.len()).sum::<usize>() / books.len();
    println!(
        "synthetic plan: {ITEMS} items, {DEPARTMENTS} departments; {} workbooks generated in {gen_s:.2} s (avg {avg} bytes)",
        books.len()
    );
    println!("threads: {}", rayon::current_num_threads());
    println!(
        "| files | floor (calamine open + all cells) | gyokaku read + validate + merge | ratio | CPU/wall (gyokaku) |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: |");
    for n in counts {
        let dir = work.path().join(format!("n{n}"));
        std::fs::create_dir_all(&dir).expect("dir");
        let mut paths = Vec::with_capacity(n);
        for k in 0..n {
            let (dept, bytes) = &books[k % books.len()];
            let path = dir.join(format!("{dept}_{k:05}.xlsx"));
            std::fs::write(&path, bytes).expect("write");
            paths.push(path);
        }
        // Warm the page cache for both.
        let _ = floor(&paths);
        let (cells, floor_s, _) = timed(|| floor(&paths));
        let read_ctx = ReadContext::new(&plan, &settings, year);
        let ((subs, merged), ours_s, ours_cpu) = timed(|| {
            let subs = load_year(&dir, &read_ctx).expect("load");
            let merged = gyokaku::merge::merge_year(&plan, &subs);
            (subs, merged)
        });
        let errors = subs.diagnostics().len();
        println!(
            "| {n} | {floor_s:.2} s ({cells} cells) | {ours_s:.2} s ({} files, {} items, {errors} diagnostics) | {:.2}× | {:.2} |",
            subs.files.len(),
            merged.items.len(),
            ours_s / floor_s,
            ours_cpu / ours_s
        );
    }
}
