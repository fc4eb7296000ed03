//! Text (any bytes, decoded as plan.toml is) → the plan loader. Must never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("plan.toml");
    if let Some((text, _)) = gyokaku::plan::decode_text(data) {
        if let Err(e) = gyokaku::plan::parse_plan(&text, path) {
            let _ = e.to_string();
        }
    }
});
