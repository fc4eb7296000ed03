//! `gyokaku plan`: validates the plan master and prints its 体系; with `--export` writes it
//! as a workbook to edit in Excel, with `--import` reads such a workbook back into plan.toml.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CmdError, Paths};
use crate::form::UNSET;
use crate::numbers::format_grouped;
use crate::plan::{Direction, Plan, excel, load_plan_with_notes, parse_plan};
use crate::report::output::{write_all_atomic, write_atomic};

/// The arguments of `gyokaku plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 計画を Excel ブック（.xlsx）に書き出す（すでにあるファイルは上書きしない）
    #[arg(long, value_name = "計画.xlsx", conflicts_with = "import")]
    pub export: Option<std::path::PathBuf>,
    /// Excel ブックの計画を点検し、input/plan.toml に取り込む（前のファイルは plan.toml.bak に残す）
    #[arg(long, value_name = "計画.xlsx")]
    pub import: Option<std::path::PathBuf>,
}

/// Runs the command: the outline, or the export or import of the plan workbook.
pub fn run(paths: &Paths, args: &Args) -> Result<ExitCode, CmdError> {
    let (export, import) = (args.export.as_deref(), args.import.as_deref());
    if let Some(path) = export {
        return export_plan(paths, path);
    }
    if let Some(path) = import {
        return import_plan(paths, path);
    }
    let loaded = super::load(paths)?;
    crate::out!("{}", outline(&loaded.plan, &loaded.settings.words))?;
    if let Some((what, previous)) = super::year_plan::previous_plan(paths) {
        crate::out!(
            "{}",
            super::year_plan::change_report(paths, &previous, &loaded.plan, Some(&what))
        )?;
    }
    for (file, lines) in [
        (paths.plan(), placeholder_lines(&paths.plan())),
        (paths.settings(), placeholder_lines(&paths.settings())),
    ] {
        if !lines.is_empty() {
            let lines: Vec<String> = lines.iter().map(|l| format!("{l}行目")).collect();
            eprintln!(
                "警告: {} に、雛形の「{}」が付いた値が残っています（{}）。市の計画に合わせて書き換えてください",
                file.display(),
                super::init::PLACEHOLDER,
                lines.join("、")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Lines (1-based) of a settings or plan file whose value still holds the placeholder that
/// `gyokaku init` writes; comment lines do not count.
fn placeholder_lines(path: &Path) -> Vec<usize> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let Some((text, _)) = crate::plan::decode_text(&bytes) else {
        return Vec::new();
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#') && l.contains(super::init::PLACEHOLDER))
        .map(|(i, _)| i + 1)
        .collect()
}

/// `--export`: the plan as a workbook; an existing file is never replaced (it may hold edits).
fn export_plan(paths: &Paths, path: &Path) -> Result<ExitCode, CmdError> {
    if !has_extension(path, &["xlsx"]) {
        return Err(CmdError::PlanExcelName(path.to_path_buf()));
    }
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(CmdError::PlanExcelExists(path.to_path_buf()));
    }
    let (plan, notes) = load_plan_with_notes(&paths.plan())?;
    for note in notes {
        eprintln!("警告: {note}");
    }
    let w = words(paths);
    let bytes = excel::export_workbook_with(&plan, &w)?;
    write_atomic(path, &bytes)?;
    crate::outln!(
        "計画を {} に書き出しました（{}）。",
        path.display(),
        counts(&plan, &w)
    )?;
    crate::outln!(
        "Excel などで編集したあと `gyokaku plan --import {}` で {} に取り込みます（記入方法はファイルの最初のシートにあります）。",
        path.display(),
        paths.plan().display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// What a plan holds, in the city's words: 「取組項目 19件・指標 20件・具体的な取組 40件」.
fn counts(plan: &crate::plan::Plan, w: &crate::plan::Words) -> String {
    format!(
        "{} {}件・指標 {}件・{} {}件",
        w.item,
        plan.items.len(),
        plan.items.iter().map(|i| i.indicators.len()).sum::<usize>(),
        w.action,
        plan.items.iter().map(|i| i.actions.len()).sum::<usize>(),
    )
}

/// The city's words from report.toml (the defaults when it cannot be read: the plan workbook
/// does not depend on the other settings).
fn words(paths: &Paths) -> crate::plan::Words {
    crate::plan::Settings::load(&paths.settings())
        .map(|s| s.words)
        .unwrap_or_default()
}

fn has_extension(path: &Path, allowed: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| allowed.iter().any(|a| e.eq_ignore_ascii_case(a)))
}

/// `--import`: reads the workbook, validates the plan and writes plan.toml (the previous file
/// kept as plan.toml.bak); on any problem nothing is written.
fn import_plan(paths: &Paths, path: &Path) -> Result<ExitCode, CmdError> {
    let bytes = crate::submission::file::read_regular_file(path).map_err(|reason| {
        CmdError::PlanExcelRead {
            path: path.to_path_buf(),
            reason,
        }
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("xlsx")
        .to_ascii_lowercase();
    let target = paths.plan();
    let imported = match excel::import_workbook_with(&bytes, &ext, &words(paths)) {
        Ok(imported) => imported,
        Err(failure) => {
            for note in &failure.notes {
                eprintln!("警告: {note}");
            }
            return Err(CmdError::PlanExcel {
                path: path.to_path_buf(),
                target,
                problems: failure.problems,
            });
        }
    };
    for note in &imported.notes {
        eprintln!("警告: {note}");
    }
    let mut imported = imported;
    let previous_plan = std::fs::read(&target)
        .ok()
        .and_then(|b| crate::plan::decode_text(&b).map(|(t, _)| t))
        .and_then(|t| parse_plan(&t, &target).ok());
    // A workbook exported by an earlier version lacks some columns (former department names,
    // the items' lives, an indicator's baseline year and comparison …): those are kept from
    // plan.toml.
    if let Some(old) = &previous_plan {
        imported.keep_from(old);
    }
    let text = excel::plan_toml(&imported.plan);
    // The text must read back as the same plan (a guard on the writer).
    match parse_plan(&text, &target) {
        Ok(back) if back == imported.plan => {}
        _ => {
            return Err(CmdError::Internal(
                "取り込んだ計画を plan.toml の形式に正しく書き出せませんでした".into(),
            ));
        }
    }
    // One import at a time; what a killed import left in the input folder is removed.
    let input_dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let _lock = crate::report::output::lock(&input_dir.join(".gyokaku-plan.lock"), &target)?;
    crate::report::output::remove_stale_temporaries(input_dir);
    let previous = std::fs::read(&target).ok();
    // A workbook that changes nothing leaves plan.toml as it is, byte for byte (its comments
    // and layout kept): the plans are compared, not their texts.
    let unchanged = previous_plan.as_ref() == Some(&imported.plan)
        && std::fs::read(&target)
            .ok()
            .and_then(|b| crate::plan::decode_text(&b).map(|(t, _)| t))
            .and_then(|t| parse_plan(&t, &target).ok())
            .as_ref()
            == Some(&imported.plan);
    if unchanged || previous.as_deref() == Some(text.as_bytes()) {
        crate::outln!(
            "{} の内容は {} と同じです。変更はありません。",
            path.display(),
            target.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    // Each file is replaced by a rename over it (never deleted first): plan.toml is always
    // there, old or new; the backup is written before it.
    let backup = backup_path(&target);
    if let Some(old) = &previous {
        write_atomic(&backup, old)?;
    }
    let record = previous
        .as_ref()
        .and_then(|old| super::year_plan::record_replaced(paths, old));
    if let Some(old) = &previous_plan {
        crate::out!(
            "{}",
            super::year_plan::change_report(paths, old, &imported.plan, None)
        )?;
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = record.iter().cloned().collect();
    files.push((target.clone(), text.into_bytes()));
    write_all_atomic(&files)?;
    if let Some((path, _)) = &record {
        crate::outln!(
            "これまでの計画を {} に記録しました（それまでの年度の提出ファイルは、この計画で読み込みます）。",
            path.display()
        )?;
    }
    let plan = &imported.plan;
    let w = words(paths);
    crate::outln!(
        "{} を取り込み、{} に書き込みました（{}）。",
        path.display(),
        target.display(),
        counts(plan, &w)
    )?;
    if previous.is_some() {
        crate::outln!("以前の内容は {} に残しました。", backup.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// input/plan.toml.bak
fn backup_path(plan: &Path) -> PathBuf {
    let mut name = plan.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    plan.with_file_name(name)
}

/// The plan's 体系 as indented text.
pub fn outline(plan: &Plan, words: &crate::plan::Words) -> String {
    let mut out = String::new();
    // The roles in short (担当・取組) with the default words, else in the city's words.
    let (lead_word, part_word) = if *words == crate::plan::Words::default() {
        ("担当", "取組")
    } else {
        (words.lead.as_str(), words.participant.as_str())
    };
    let _ = writeln!(out, "{}（{}）", plan.title, plan.municipality);
    let _ = writeln!(
        out,
        "計画期間: {}〜{}　基準年度: {}　目標年度: {}",
        plan.start_year.label(),
        plan.end_year.label(),
        plan.baseline_year.label(),
        plan.target_year.label()
    );
    let _ = writeln!(
        out,
        "{}: {}件　部署: {}",
        words.item,
        plan.items.len(),
        plan.departments.len()
    );
    let mut pillar_shown = None;
    for group in plan.groups() {
        if pillar_shown != Some(&group.pillar.id) {
            let _ = writeln!(out, "\n{} {}", group.pillar.id, group.pillar.name);
            pillar_shown = Some(&group.pillar.id);
        }
        let indent = match group.policy {
            Some(policy) => {
                let _ = writeln!(out, "  {} {}", policy.id, policy.name);
                "    "
            }
            None => "  ",
        };
        for item in plan.items.iter().filter(|i| i.policy_id() == group.id()) {
            let lead = item.lead.as_deref().unwrap_or(UNSET);
            let implementers = plan.implementers_label(item).unwrap_or_else(|| "―".into());
            let sample = if item.sample_departments {
                "（サンプル）"
            } else {
                ""
            };
            let continuity = item
                .continuity
                .as_ref()
                .map_or_else(String::new, |c| format!("［{c}］"));
            let _ = writeln!(
                out,
                "{indent}{} {}{continuity} {}: {lead}　{}: {implementers}{sample}",
                item.code(),
                item.title,
                lead_word,
                part_word,
            );
            for ind in &item.indicators {
                let v = |x: Option<f64>| {
                    x.map_or_else(|| UNSET.to_string(), |x| format_grouped(x, ind.decimals))
                };
                let dir = match ind.direction() {
                    Direction::Higher => "",
                    Direction::Lower => "（小さいほど良い）",
                };
                let sample = if ind.sample {
                    "（サンプル値）"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "{indent}     指標: {}（{}） 基準 {}{} → 目標 {}{}{dir}{sample}",
                    ind.name,
                    ind.unit,
                    v(ind.baseline),
                    ind.baseline_year
                        .filter(|y| *y != plan.baseline_year)
                        .map_or_else(String::new, |y| format!("（{}）", y.label())),
                    v(ind.target),
                    ind.comparison.map_or("", |c| c.label())
                );
            }
        }
    }
    out
}
