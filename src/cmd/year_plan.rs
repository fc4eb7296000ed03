//! Each fiscal year read under the plan as it stood that year: the per-year plan records
//! (`input/plan/<西暦年度>.toml`, see [`crate::plan::history`]) and departments renamed since a
//! year's forms were made.
//!
//! A past year's file whose department is not in the plan it is read under is matched to
//! today's department by the plan's `former_names`, or else by the item sheets its meta sheet
//! lists (the department that today leads and implements exactly those items, and sent no file
//! under its own name that year). The year is then read again under the plan with the earlier
//! names, and the records are kept under today's names, so the item's history goes on.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{CmdError, Loaded, Paths};
use crate::fiscal_year::FiscalYear;
use crate::plan::{Plan, history, load_plan_with_notes};
use crate::submission::{Diagnostic, ReadContext, Severity, YearSubmissions};

/// Loads plan.toml and report.toml, resolves the command's year and puts the plan of that year
/// in place: its own record under input/plan/ when there is one (with a note when plan.toml
/// has changed since), else plan.toml.
pub fn load_for_year(paths: &Paths, arg: Option<&str>) -> Result<(Loaded, FiscalYear), CmdError> {
    load_for_year_as(paths, arg, super::year::YearUse::Returns)
}

/// [`load_for_year`] with the default year chosen for `used` (the forms of the next year, or
/// the latest returns).
pub fn load_for_year_as(
    paths: &Paths,
    arg: Option<&str>,
    used: super::year::YearUse,
) -> Result<(Loaded, FiscalYear), CmdError> {
    let mut loaded = super::load(paths)?;
    let year = super::resolve_year_for(paths, &loaded.plan, arg, used)?;
    let recorded = history::recorded_years(&paths.input);
    if let Some(record) = history::record_for(&recorded, year) {
        let path = history::record_path(&paths.input, record);
        let (plan, _) = load_plan_with_notes(&path)?;
        if plan != loaded.plan {
            eprintln!(
                "お知らせ: {}は、入力シートを作ったときの計画（{}）で読み込みます。plan.toml の変更はこの年度には反映していません（この年度の入力シートを plan.toml で作り直すときは、{} を削除してから gyokaku templates を実行してください）",
                year.label(),
                path.display(),
                path.display()
            );
        }
        loaded.source_plan = plan.clone();
        loaded.plan = plan;
    }
    if loaded.plan.has_lifecycle() {
        loaded.plan = loaded.plan.as_of_in(year, &loaded.settings.words);
    }
    Ok((loaded, year))
}

/// The plan a year other than the command's is read under: its record (or the nearest one),
/// else the command's plan.
pub fn plan_of_year<'a>(
    paths: &Paths,
    loaded: &'a Loaded,
    year: FiscalYear,
) -> Result<Cow<'a, Plan>, CmdError> {
    let recorded = history::recorded_years(&paths.input);
    let source = match history::record_for(&recorded, year) {
        Some(record) => {
            let (plan, _) = load_plan_with_notes(&history::record_path(&paths.input, record))?;
            if plan == loaded.source_plan {
                Cow::Borrowed(&loaded.source_plan)
            } else {
                Cow::Owned(plan)
            }
        }
        None => Cow::Borrowed(&loaded.source_plan),
    };
    Ok(if source.has_lifecycle() {
        Cow::Owned(source.as_of_in(year, &loaded.settings.words))
    } else if matches!(source, Cow::Borrowed(_)) {
        Cow::Borrowed(&loaded.plan)
    } else {
        source
    })
}

/// Records plan.toml as the plan of `year` (input/plan/<西暦年度>.toml) unless the year has a
/// record already; says so when it writes one.
pub fn record_plan(paths: &Paths, year: FiscalYear) -> Result<(), CmdError> {
    let target = history::record_path(&paths.input, year);
    if target.exists() {
        return Ok(());
    }
    let bytes = std::fs::read(paths.plan()).map_err(|e| {
        CmdError::Internal(format!(
            "{} を読み込めません: {}",
            paths.plan().display(),
            crate::text::io_reason(&e)
        ))
    })?;
    crate::report::output::write_all_atomic(&[(target.clone(), bytes)])?;
    eprintln!(
        "{}の計画を {} に記録しました（この年度の提出ファイルは、plan.toml を後で見直してもこの計画で読み込みます）",
        year.label(),
        target.display()
    );
    Ok(())
}

/// Reads a year's submissions under `plan` (`history`: a past year, whose broken folder is a
/// diagnostic, not a failure). Files made while a department had another name are read under
/// that name and kept under today's.
pub fn read_under(
    paths: &Paths,
    loaded: &Loaded,
    plan: &Plan,
    year: FiscalYear,
    history: bool,
) -> Result<YearSubmissions, CmdError> {
    let folder = paths.submissions_of(year);
    let opinions = super::previous_opinions(paths, loaded, year);
    let read = |plan: &Plan| -> Result<YearSubmissions, CmdError> {
        let ctx = ReadContext::with_opinions(plan, &loaded.settings, year, opinions.clone());
        Ok(if history {
            crate::submission::load_history_year(&folder, &ctx)
        } else {
            crate::submission::load_year(&folder, &ctx)?
        })
    };
    let subs = read(plan)?;
    let renames = former_departments(plan, &loaded.settings, &opinions, &subs);
    if renames.is_empty() {
        return Ok(subs);
    }
    let mut subs = read(&plan.with_renamed_departments(&renames))?;
    let today: BTreeMap<&str, &str> = renames
        .iter()
        .map(|(new, old)| (old.as_str(), new.as_str()))
        .collect();
    let rename = |d: &mut String| {
        if let Some(new) = today.get(d.as_str()) {
            *d = (*new).to_string();
        }
    };
    let mut notes = Vec::new();
    for f in &mut subs.files {
        if let Some(d) = &mut f.department
            && let Some(new) = today.get(d.as_str())
        {
            notes.push(Diagnostic::file(
                Severity::Info,
                &f.name,
                format!(
                    "{}の「{d}」の入力シートです。部署名が変わったため、現在の「{new}」の提出として読み込みました",
                    year.label()
                ),
            ));
            *d = (*new).to_string();
        }
        for diag in &mut f.diagnostics {
            if let Some(d) = &mut diag.department {
                rename(d);
            }
        }
    }
    for d in &mut subs.departments {
        rename(&mut d.department);
    }
    for diag in &mut subs.general {
        if let Some(d) = &mut diag.department {
            rename(d);
        }
    }
    subs.general.extend(notes);
    Ok(subs)
}

/// Today's departments that sent the year's files under an earlier name: today's name → the
/// name in the files. By `former_names`, or by the item sheets the file's form was made with,
/// confirmed by its layout fingerprint (the form of the plan with the earlier names).
fn former_departments(
    plan: &Plan,
    settings: &crate::plan::Settings,
    opinions: &crate::form::Opinions,
    subs: &YearSubmissions,
) -> BTreeMap<String, String> {
    let unknown: Vec<(&str, Option<&str>, Option<&str>)> = subs
        .files
        .iter()
        .filter(|f| f.unknown_department)
        .filter_map(|f| {
            Some((
                f.department.as_deref()?,
                f.form_sheets.as_deref(),
                f.form_layout.as_deref(),
            ))
        })
        .collect();
    if unknown.is_empty() {
        return BTreeMap::new();
    }
    let present: Vec<&str> = subs
        .files
        .iter()
        .filter(|f| !f.unknown_department)
        .filter_map(|f| f.department.as_deref())
        .collect();
    let candidates: Vec<&str> = plan
        .participating_departments()
        .into_iter()
        .filter(|d| !present.contains(d))
        .collect();
    // The sheets a form lists match a department's forms under any [words].
    let sheets_of = |dept: &str, listed: &str| {
        let forms =
            crate::form::department_forms(plan, settings, &crate::form::Opinions::new(), dept);
        let listed: Vec<&str> = listed.split(',').collect();
        listed.len() == forms.len() && forms.iter().zip(listed).all(|(f, n)| f.answers_to(n))
    };
    let mut renames = BTreeMap::new();
    let mut guessed = Vec::new();
    for (old, sheets, layout) in &unknown {
        let by_name = plan.department_formerly(old).map(str::to_string);
        let named = by_name.is_some();
        let by_items = || {
            let sheets = sheets.filter(|s| !s.is_empty())?;
            let mut matching = candidates.iter().filter(|d| sheets_of(d, sheets));
            let found = matching.next()?;
            matching.next().is_none().then(|| (*found).to_string())
        };
        if let Some(new) = by_name.or_else(by_items)
            && !renames.contains_key(&new)
            && !renames.values().any(|o| o == old)
        {
            if !named {
                guessed.push((new.clone(), *old, *layout));
            }
            renames.insert(new, (*old).to_string());
        }
    }
    if !guessed.is_empty() {
        // A guess stands only when the file has the layout of the form of the plan with the
        // earlier names (same items, indicators and rows).
        let earlier = plan.with_renamed_departments(&renames);
        for (new, old, layout) in guessed {
            let forms = crate::form::department_forms(&earlier, settings, opinions, old);
            if Some(crate::form::layout_fingerprint(&forms).as_str()) != layout {
                renames.remove(&new);
            }
        }
    }
    renames
}

/// The years whose submission folder holds a workbook, oldest first.
fn submitted_years(paths: &Paths) -> Vec<FiscalYear> {
    let Ok(entries) = std::fs::read_dir(paths.submissions()) else {
        return Vec::new();
    };
    let mut years: Vec<FiscalYear> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let year = (name.len() == 4)
                .then(|| name.parse::<u16>().ok())
                .flatten()?;
            let has_workbook = std::fs::read_dir(e.path()).is_ok_and(|files| {
                files.filter_map(Result::ok).any(|f| {
                    let n = f.file_name().to_string_lossy().to_string();
                    !n.starts_with("~$") && crate::submission::is_workbook_name(&n)
                })
            });
            has_workbook.then_some(FiscalYear(year))
        })
        .collect();
    years.sort();
    years
}

/// When plan.toml is replaced (`plan --import`): the record to write so that the years
/// already submitted keep the plan they were made under — the replaced text as the record of
/// the latest submitted year, unless a record of that year or a later one exists.
pub fn record_replaced(paths: &Paths, old_text: &[u8]) -> Option<(std::path::PathBuf, Vec<u8>)> {
    let latest = *submitted_years(paths).last()?;
    let recorded = history::recorded_years(&paths.input);
    if recorded.last().is_some_and(|r| *r >= latest) {
        return None;
    }
    Some((
        history::record_path(&paths.input, latest),
        old_text.to_vec(),
    ))
}

/// The plan plan.toml is compared with by `gyokaku plan`: the latest record, else
/// plan.toml.bak (what it is, and the plan).
pub fn previous_plan(paths: &Paths) -> Option<(String, Plan)> {
    let recorded = history::recorded_years(&paths.input);
    let path = match recorded.last() {
        Some(y) => history::record_path(&paths.input, *y),
        None => {
            let mut name = paths.plan().file_name()?.to_os_string();
            name.push(".bak");
            paths.plan().with_file_name(name)
        }
    };
    let (plan, _) = load_plan_with_notes(&path).ok()?;
    Some((path.display().to_string(), plan))
}

/// The changes from `old` to `new` and what they touch (years, departments' forms), in
/// Japanese; empty when nothing changed.
pub fn change_report(paths: &Paths, old: &Plan, new: &Plan, against: Option<&str>) -> String {
    use std::fmt::Write;
    let settings = crate::plan::Settings::load(&paths.settings()).ok();
    let words = settings
        .as_ref()
        .map(|s| s.words.clone())
        .unwrap_or_default();
    let lines = crate::plan::diff::changes_in(old, new, &words);
    if lines.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let against = against.map_or_else(String::new, |a| format!("（{a} と比べて）"));
    let _ = writeln!(out, "\n計画の変更{against}: {}件", lines.len());
    for l in &lines {
        let _ = writeln!(out, "  - {l}");
    }
    let recorded = history::recorded_years(&paths.input);
    let submitted = submitted_years(paths);
    let kept_until = recorded
        .last()
        .copied()
        .into_iter()
        .chain(submitted.last().copied())
        .max();
    let _ = writeln!(out, "影響:");
    if let Some(last) = kept_until {
        let kept: Vec<FiscalYear> = submitted.iter().copied().filter(|y| *y <= last).collect();
        if let (Some(first), Some(end)) = (kept.first(), kept.last()) {
            let _ = writeln!(
                out,
                "  - {}〜{}の提出ファイルは、その年度の計画で読み込みます（この変更で値は変わりません）",
                first.label(),
                end.label()
            );
        }
        let _ = writeln!(
            out,
            "  - 変更後の計画は{}以降の入力シート・点検・集計に使います",
            FiscalYear(last.0.saturating_add(1)).label()
        );
    }
    if let Some(settings) = settings {
        let none = crate::form::Opinions::new();
        // The forms of the first year the new plan is used for, under each plan.
        let next = kept_until.map_or(new.start_year, |y| FiscalYear(y.0.saturating_add(1)));
        let (old, new) = (&old.as_of(next), &new.as_of(next));
        let fingerprint = |plan: &Plan, dept: &str| {
            crate::form::layout_fingerprint(&crate::form::department_forms(
                plan, &settings, &none, dept,
            ))
        };
        let touched: Vec<&str> = new
            .participating_departments()
            .into_iter()
            .filter(|d| fingerprint(new, d) != fingerprint(old, d))
            .collect();
        if !touched.is_empty() {
            let _ = writeln!(
                out,
                "  - 入力シートが変わる部署（{}部署）: {}",
                touched.len(),
                touched.join("、")
            );
        }
    }
    out
}

/// Refuses to replace the outputs of a past year (a later year has submissions) when none of
/// its files could be read: a report of 提出 0 would only hide the year's values.
pub fn keep_unread_past_year(paths: &Paths, subs: &YearSubmissions) -> Result<(), CmdError> {
    let later = submitted_years(paths).into_iter().any(|y| y > subs.year);
    if later && !subs.files.is_empty() && subs.submitted_count() == 0 {
        return Err(CmdError::PastYearUnread {
            year: subs.year.label(),
            western: subs.year.western(),
        });
    }
    Ok(())
}
