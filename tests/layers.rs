//! Layers point one way: plan → form → submission → merge → model → outputs → cmd → cli, with
//! a few neutral modules (fiscal years, numbers, text, xlsx basics) below them all. Every
//! `crate::…` path in src/ (outside unit-test modules) is read, and a module naming a layer
//! above its own fails here. The imports the code still has that break the rule are listed in
//! `KNOWN` with the move that fixes them; a new one fails.

use std::collections::BTreeSet;
use std::path::Path;

/// The layer of a module path below `crate` ("report/model/items.rs" or "report::model").
fn layer(path: &[&str]) -> Option<(u8, &'static str)> {
    let first = *path.first()?;
    Some(match first {
        "fiscal_year" | "file_name" | "numbers" | "text" | "typography" | "xlsx"
        | "workbook_read" | "lib" | "main" => (0, "neutral"),
        "plan" => (1, "plan"),
        "form" => (2, "form"),
        "submission" => (3, "submission"),
        "merge" => (4, "merge"),
        "report" => match path.get(1).copied() {
            Some("workbook" | "pdf" | "output") => (6, "outputs"),
            // report/mod.rs (ReportInput), the model and the palette.
            _ => (5, "model"),
        },
        "publish" => (6, "outputs"),
        "cmd" => (7, "cmd"),
        "cli" => (8, "cli"),
        _ => return None,
    })
}

/// Imports that still point upwards, each with the move that would fix it:
/// (importing module prefix, imported path prefix).
const KNOWN: &[(&str, &str)] = &[];

/// Every `crate::a::b` path in a text, as its segments (`crate::{a, b}` gives both).
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue; // `$crate::` or a longer identifier
        }
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for part in inner.split(',') {
                let segs = segments(part.trim());
                if !segs.is_empty() {
                    out.push(segs);
                }
            }
        } else {
            out.push(segments(rest));
        }
    }
    out
}

fn segments(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    loop {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        out.push(rest[..end].to_string());
        match rest[end..].strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its unit-test module (tests may reach anywhere).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |i| &text[..i])
}

#[test]
fn no_module_imports_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut found = BTreeSet::new();
    let mut checked = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap().with_extension("");
        let module: Vec<&str> = rel.iter().map(|s| s.to_str().unwrap()).collect();
        if module.last() == Some(&"tests") {
            continue;
        }
        let Some((from, from_name)) = layer(&module) else {
            panic!("{}: no layer assigned; add it to layer()", rel.display());
        };
        let text = std::fs::read_to_string(file).unwrap();
        for path in crate_paths(without_tests(&text)) {
            let segs: Vec<&str> = path.iter().map(String::as_str).collect();
            let Some((to, to_name)) = layer(&segs) else {
                continue;
            };
            checked += 1;
            if to > from {
                found.insert((module.join("/"), from_name, segs.join("::"), to_name));
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} imports read: the scan is broken"
    );
    let new: Vec<String> = found
        .iter()
        .filter(|(module, _, path, _)| {
            !KNOWN
                .iter()
                .any(|(m, p)| module.starts_with(m) && path.starts_with(p))
        })
        .map(|(module, from, path, to)| format!("{module} ({from}) imports crate::{path} ({to})"))
        .collect();
    assert!(
        new.is_empty(),
        "imports against the layers:\n{}",
        new.join("\n")
    );
}

#[test]
fn the_scan_reads_grouped_and_inline_paths() {
    let paths =
        crate_paths("use crate::{plan::Plan, merge};\nlet x = crate::cli::run();\n$crate::no");
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(joined, ["plan::Plan", "merge", "cli::run"]);
    assert_eq!(layer(&["report", "model"]), Some((5, "model")));
    assert_eq!(layer(&["report", "pdf", "chart"]), Some((6, "outputs")));
}
