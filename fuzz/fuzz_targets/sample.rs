//! What the reader targets share: the bundled sample plan and settings, and the panic rule.
//! Included by each target with `#[path = "sample.rs"] mod sample;` (not a target itself).

use std::path::Path;

use gyokaku::plan::{Plan, Settings};

/// The bundled sample plan (input/plan.toml).
pub fn plan() -> Plan {
    gyokaku::plan::parse_plan(include_str!("../../input/plan.toml"), Path::new("plan.toml"))
        .expect("plan")
}

/// The bundled sample settings (templates/report.toml).
#[allow(dead_code)] // not every target reads the settings
pub fn settings() -> Settings {
    Settings::parse(include_str!("../../templates/report.toml"), Path::new("report.toml"))
        .expect("settings")
}

/// The readers turn a panic into a diagnostic (catch_unwind), as the program does. A panic
/// inside a library (calamine, zip, quick-xml: paths under the cargo registry) is left to
/// that; a panic anywhere else is a crash: abort, so the fuzzer reports it.
pub fn abort_on_our_panics() {
    std::panic::set_hook(Box::new(|info| {
        let library = info
            .location()
            .is_some_and(|l| l.file().contains("/.cargo/registry/"));
        if !library {
            eprintln!("{info}");
            std::process::abort();
        }
    }));
}
