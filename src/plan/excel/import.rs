//! Reading the plan workbook back: every sheet by name, every column by its heading, every
//! row that holds something; then the plan's own validation, with each problem placed on its
//! sheet and cell.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;

use calamine::Data;

use super::cell::{self, CellResult, Read};
use super::place::*;
use super::records::{read_actions, read_indicators, read_items, read_structure};
use super::table::{Findings, Table, read_table};
use super::*;
use crate::fiscal_year::FiscalYear;
use crate::plan::validate::validate;
use crate::plan::{Plan, PlanProblem, Viewpoint};
use crate::workbook_read::Book;

/// A plan read from a workbook, with notes about values read leniently.
#[derive(Debug)]
pub struct Imported {
    /// The plan read (already validated).
    pub plan: Plan,
    /// Values read leniently (全角 digits, era years …), with where they are.
    pub notes: Vec<PlanProblem>,
    /// The parts the workbook has no column, row or sheet for (exported by an earlier version).
    pub absent: Absent,
}

/// The parts of the plan an older workbook has no column, row or sheet for (exported before
/// they existed); [`Imported::keep_from`] takes them from the plan being replaced.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Absent {
    /// (sheet, heading) of each missing optional column; (sheet, label) of the 計画 sheet's
    /// missing optional rows; (sheet, "") of a missing optional sheet.
    parts: BTreeSet<(usize, &'static str)>,
}

impl Absent {
    fn has(&self, sheet: usize, what: &'static str) -> bool {
        self.parts.contains(&(sheet, what))
    }

    /// Whether the workbook has every column, row and sheet of today's export.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

impl Imported {
    /// Takes what the workbook cannot say (see [`Absent`]) from `old`, the plan being replaced:
    /// former department names, the first reported year, the items' lives and revisions, and
    /// an indicator's baseline year, comparison and first year (by item code and indicator
    /// name).
    pub fn keep_from(&mut self, old: &Plan) {
        let a = &self.absent;
        let plan = &mut self.plan;
        if a.has(S_DEPARTMENT, H_FORMER) {
            plan.former_names = old
                .former_names
                .iter()
                .filter(|(d, _)| plan.departments.contains(d))
                .map(|(d, n)| (d.clone(), n.clone()))
                .collect();
        }
        if a.has(S_PLAN, L_FIRST) {
            plan.first_reported_year = old.first_reported_year;
        }
        for item in &mut plan.items {
            let Some(before) = old.item(item.code()) else {
                continue;
            };
            if a.has(S_ITEM, H_FROM) {
                item.from = before.from;
            }
            if a.has(S_ITEM, H_END_YEAR) || a.has(S_ITEM, H_END_REASON) {
                item.end = before.end.clone();
            }
            if a.has(S_REVISION, "") {
                item.revisions = before.revisions.clone();
            }
            for ind in &mut item.indicators {
                let Some(b) = before.indicators.iter().find(|b| b.name == ind.name) else {
                    continue;
                };
                if a.has(S_INDICATOR, H_BASELINE_YEAR) {
                    ind.baseline_year = b.baseline_year;
                }
                if a.has(S_INDICATOR, H_FROM) {
                    ind.from = b.from;
                }
                if a.has(S_INDICATOR, H_COMPARISON) {
                    ind.comparison = b.comparison;
                    // The 方向 column showed the direction the comparison implies.
                    if ind.direction.is_some()
                        && b.direction.is_none()
                        && ind.direction() == b.direction()
                    {
                        ind.direction = None;
                    }
                }
            }
        }
    }
}

/// Why a workbook could not be read into a plan: every problem (sheet and cell in `place`),
/// and the notes found on the way.
#[derive(Debug)]
pub struct ImportFailure {
    /// Every problem, with its sheet and cell.
    pub problems: Vec<PlanProblem>,
    /// Values read leniently, with where they are.
    pub notes: Vec<PlanProblem>,
}

/// Reads a plan from workbook bytes (.xlsx, .xlsm, .ods …); `ext` breaks ties of format.
pub fn import_workbook(bytes: &[u8], ext: &str) -> Result<Imported, ImportFailure> {
    import_workbook_with(bytes, ext, &crate::plan::Words::default())
}

/// [`import_workbook`] for a city with its own words: sheet names, headings and choices are
/// read in today's default words or in `words`, and the problems are told in `words`.
pub fn import_workbook_with(
    bytes: &[u8],
    ext: &str,
    words: &crate::plan::Words,
) -> Result<Imported, ImportFailure> {
    let mut f = Findings {
        words: words.clone(),
        ..Findings::default()
    };
    let mut absent = Absent::default();
    let plan = read_plan(bytes, ext, &mut f, &mut absent);
    let finish = |f: Findings| {
        let list = |mut v: Vec<(Loc, String)>| {
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v.into_iter()
                .map(|(loc, message)| PlanProblem {
                    place: Some(words.reword(&loc.text())),
                    message: words.reword(&message),
                })
                .collect::<Vec<_>>()
        };
        let mut errors: Vec<PlanProblem> = f
            .file
            .map(|message| PlanProblem {
                place: None,
                message,
            })
            .into_iter()
            .collect();
        errors.extend(list(f.errors));
        let mut notes = list(f.notes);
        notes.extend(
            f.other_notes
                .into_iter()
                .map(|(place, message)| PlanProblem {
                    place: Some(place),
                    message,
                }),
        );
        (errors, notes)
    };
    match plan {
        Some(plan) if f.errors.is_empty() && f.file.is_none() => {
            let (_, notes) = finish(f);
            Ok(Imported {
                plan,
                notes,
                absent,
            })
        }
        _ => {
            let (problems, notes) = finish(f);
            Err(ImportFailure { problems, notes })
        }
    }
}

/// The plan, validated; None when the workbook cannot make one. Problems go to `f`.
fn read_plan(bytes: &[u8], ext: &str, f: &mut Findings, absent: &mut Absent) -> Option<Plan> {
    let mut book = match Book::open(bytes, ext) {
        Ok(b) => b,
        Err(reason) => {
            f.file = Some(reason);
            return None;
        }
    };
    let names = book.sheet_names();
    let mut layout = Layout::default();
    let mut tables = Vec::new();
    let mut read_names: Vec<&str> = Vec::new();
    for (i, spec) in DATA_SHEETS.iter().enumerate() {
        let found = names.iter().find(|n| f.is(&cell::normalized(n), spec.name));
        let Some(name) = found else {
            if spec.optional {
                absent.parts.insert((i, ""));
                tables.push(Table::absent(i));
                continue;
            }
            f.errors.push((
                Loc::sheet(i),
                "シートがありません（シートの名前を変えたり、削除したりしていないか確認してください）"
                    .into(),
            ));
            continue;
        };
        match read_table(&mut book, name, i, spec, f) {
            Some((table, years)) => {
                if i == S_INDICATOR {
                    layout.year_cols = years;
                }
                tables.push(table);
                read_names.push(name.as_str());
            }
            None => return None,
        }
    }
    unknown_sheets(&mut book, &names, f);
    if matches!(book, Book::Xlsx(_)) {
        let hidden = super::hidden::hidden_parts(bytes, &read_names);
        for (table, hidden) in tables.iter().zip(&hidden) {
            hidden_data(table, hidden, f);
        }
    }
    layout.cols = tables.iter().map(|t| t.cols.clone()).collect();
    for (i, (spec, table)) in DATA_SHEETS.iter().zip(&tables).enumerate() {
        if absent.has(i, "") {
            continue;
        }
        for c in spec.columns.iter().filter(|c| c.optional) {
            if !table.has(c.header) {
                absent.parts.insert((i, c.header));
            }
        }
    }
    if tables.len() != DATA_SHEETS.len() || !f.errors.is_empty() {
        // A missing sheet or heading: the cells cannot be read reliably.
        return None;
    }
    let plan = build(&tables, &mut layout, f, absent)?;
    let found: BTreeSet<Loc> = f.errors.iter().map(|(l, _)| l.clone()).collect();
    let place = |part| layout.locate(part).map(|l| l.text());
    let parts = layout.parts(&plan);
    for problem in validate(&plan, &place) {
        let part = problem.place.as_ref().and_then(|p| parts.get(p)).copied();
        let loc = part
            .and_then(|p| layout.refine(p, &plan, &problem.message))
            .unwrap_or(Loc::sheet(S_PLAN));
        // A cell already refused by the reader is not reported twice.
        if !found.contains(&loc) {
            f.error(loc, reword(&problem.message));
        }
    }
    Some(plan)
}

/// Builds the plan from the tables (in [`DATA_SHEETS`] order); None when the plan's own
/// keys (the years) cannot be read.
fn build(
    tables: &[Table],
    layout: &mut Layout,
    f: &mut Findings,
    absent: &mut Absent,
) -> Option<Plan> {
    let [
        plan_t,
        basic_t,
        viewpoint_t,
        dept_t,
        structure_t,
        item_t,
        action_t,
        indicator_t,
        revision_t,
    ] = tables
    else {
        return None;
    };

    // 計画: one row per label.
    let mut values: BTreeMap<&'static str, u32> = BTreeMap::new();
    for row in plan_t.data_rows(&[]) {
        let Some(label) = plan_t.read(f, row, H_LABEL, cell::name) else {
            continue;
        };
        let known = PLAN_ROWS
            .iter()
            .map(|(l, _)| *l)
            .find(|l| cell::normalized(l) == cell::normalized(&label));
        match known {
            Some(l) => {
                if let Some(first) = values.insert(l, row) {
                    values.insert(l, first);
                    f.error(
                        plan_t.loc(row, H_LABEL),
                        format!("項目「{l}」が2つあります（{}行目にもあります）", first + 1),
                    );
                }
            }
            None => f.notes.push((
                plan_t.loc(row, H_LABEL),
                format!("項目「{label}」は計画の項目ではないため読み込みません"),
            )),
        }
    }
    layout.plan_rows = values.clone();
    let mut complete = true;
    for (k, (label, _)) in PLAN_ROWS.iter().enumerate() {
        if k >= PLAN_ROWS_REQUIRED {
            if !values.contains_key(label) {
                absent.parts.insert((S_PLAN, label));
            }
            continue;
        }
        if !values.contains_key(label) {
            complete = false;
            f.error(
                Loc::sheet(S_PLAN),
                format!("項目「{label}」の行がありません（「{H_LABEL}」の列の文字を変えたり、行を削除したりしていないか確認してください）"),
            );
        }
    }
    let text_of = |f: &mut Findings, label: &str| {
        values
            .get(label)
            .and_then(|r| plan_t.read(f, *r, H_VALUE, cell::name))
    };
    let title = text_of(f, L_TITLE).unwrap_or_default();
    let municipality = text_of(f, L_MUNICIPALITY).unwrap_or_default();
    let municipality_code = values
        .get(L_CODE)
        .and_then(|r| plan_t.read(f, *r, H_VALUE, municipality_code));
    let mut year_of = |f: &mut Findings, label: &str| {
        let row = values.get(label)?;
        let y = plan_t.read(f, *row, H_VALUE, cell::year);
        if y.is_none()
            && !f
                .errors
                .iter()
                .any(|(l, _)| *l == plan_t.loc(*row, H_VALUE))
        {
            f.error(
                plan_t.loc(*row, H_VALUE),
                format!("{label}が空です。西暦4桁の数値（例: 2024）で入力してください"),
            );
        }
        if y.is_none() {
            complete = false;
        }
        y
    };
    let start_year = year_of(f, L_START);
    let end_year = year_of(f, L_END);
    let baseline_year = year_of(f, L_BASELINE);
    let target_year = year_of(f, L_TARGET);
    let first_reported_year = values
        .get(L_FIRST)
        .and_then(|r| plan_t.read(f, *r, H_VALUE, cell::year));

    // 基本方針, 部署: one value per row.
    let basic_policies = basic_t
        .data_rows(&[])
        .into_iter()
        .filter_map(|r| basic_t.read(f, r, H_BASIC, cell::text))
        .collect();
    let mut departments = Vec::new();
    let mut former_names = BTreeMap::new();
    for r in dept_t.data_rows(&[]) {
        let former = dept_t.read(f, r, H_FORMER, cell::name);
        match dept_t.read(f, r, H_DEPARTMENT, cell::name) {
            Some(d) => {
                if let Some(former) = former {
                    former_names.insert(d.clone(), super::records::split_names(&former));
                }
                departments.push(d);
                layout.departments.push(r);
            }
            None if former.is_some() => f.error(
                dept_t.loc(r, H_DEPARTMENT),
                "部署名が空です（旧部署名には、今の部署名を添えてください）",
            ),
            None => {}
        }
    }

    // 視点: one paragraph per row, grouped by the viewpoint's name.
    let mut viewpoints: Vec<Viewpoint> = Vec::new();
    for r in viewpoint_t.data_rows(&[]) {
        let name = viewpoint_t.read(f, r, H_VIEWPOINT, cell::name);
        let paragraph = viewpoint_t.read(f, r, H_NOTE, cell::text);
        let Some(name) = name else {
            if paragraph.is_some() {
                f.error(
                    viewpoint_t.loc(r, H_VIEWPOINT),
                    "視点の名前が空です（説明の段落には、その視点の名前を入力してください）",
                );
            }
            continue;
        };
        let index = match viewpoints.iter().position(|v| v.name == name) {
            Some(i) => i,
            None => {
                viewpoints.push(Viewpoint {
                    name,
                    description: Vec::new(),
                });
                viewpoints.len() - 1
            }
        };
        viewpoints[index].description.extend(paragraph);
    }

    let pillars = read_structure(structure_t, layout, f);
    let mut items = read_items(item_t, layout, f);
    read_actions(action_t, &mut items, layout, f);
    let years = match (start_year, end_year) {
        (Some(s), Some(e)) => FiscalYear::span(s, e).collect(),
        _ => Vec::new(),
    };
    read_indicators(indicator_t, &mut items, &years, layout, f);
    super::records::read_revisions(revision_t, &mut items, layout, f);

    if !complete {
        return None;
    }
    Some(Plan {
        title,
        municipality,
        municipality_code,
        start_year: start_year?,
        end_year: end_year?,
        baseline_year: baseline_year?,
        target_year: target_year?,
        first_reported_year,
        basic_policies,
        viewpoints,
        departments,
        former_names,
        pillars,
        items,
        ended: Vec::new(),
    })
}

/// 全国地方公共団体コード: text; a number that lost its leading zero is padded to 6 digits.
fn municipality_code(data: &Data) -> CellResult<String> {
    let v = match data {
        Data::Int(i) => *i as f64,
        Data::Float(f) => *f,
        _ => return cell::name(data),
    };
    if v.fract() == 0.0 && (0.0..1e6).contains(&v) {
        let digits = format!("{:06}", v as u32);
        let note = (digits.len() > crate::numbers::format_plain(v).len()).then(|| {
            format!("数値として保存されていたため、先頭の 0 を補って「{digits}」として読み取りました（セルの書式を「文字列」にすると確実です）")
        });
        Ok(Read {
            value: Some(digits),
            note,
        })
    } else {
        cell::name(data)
    }
}

/// Sheets that are neither data sheets nor the 記入方法 sheet are not read: each one holding
/// something is named, with its first cells.
fn unknown_sheets(book: &mut Book<'_>, names: &[String], f: &mut Findings) {
    const SHOWN: usize = 5;
    for name in names {
        let known = DATA_SHEETS
            .iter()
            .map(|s| s.name)
            .chain([GUIDE])
            .any(|k| f.is(&cell::normalized(name), k));
        if known {
            continue;
        }
        let mut cells = Vec::new();
        let mut count = 0u64;
        let visited = book.visit(name, &mut |run, _| {
            count += u64::from(run.rows) * u64::from(run.cols);
            if cells.len() < SHOWN {
                cells.push(format!(
                    "{}{}",
                    crate::xlsx::column_letters(run.col),
                    u64::from(run.row) + 1
                ));
            }
            if count > super::table::MAX_CELLS {
                return ControlFlow::Break(());
            }
            ControlFlow::Continue(())
        });
        if visited.is_err() || cells.is_empty() {
            continue;
        }
        let more = if count > cells.len() as u64 {
            " など"
        } else {
            ""
        };
        f.other_notes.push((
            format!("「{name}」シート"),
            format!(
                "計画のシートではないため読み込みません（値のあるセル: {}{more}）。計画に入れる内容は、計画のシートに移してください",
                cells.join("、")
            ),
        ));
    }
}

/// Cells with a value in hidden rows or columns: read like the others, but the person editing
/// may not know they are there.
fn hidden_data(table: &Table, hidden: &super::hidden::Hidden, f: &mut Findings) {
    const SHOWN: usize = 20;
    let mut found = 0usize;
    for (r, cells) in &table.rows {
        for (c, info) in cells {
            if info.is_blank() || !hidden.covers(*r, *c) {
                continue;
            }
            found += 1;
            if found <= SHOWN {
                let header = table
                    .cols
                    .iter()
                    .find(|(_, col)| **col == *c)
                    .map_or("", |(h, _)| *h);
                f.notes.push((
                    Loc::cell(table.sheet, *r, *c, header),
                    "非表示の行または列にある値です（ほかの値と同じく読み込みます）。内容を確かめ、不要なら削除してください".to_string(),
                ));
            }
        }
    }
    if found > SHOWN {
        f.notes.push((
            Loc::sheet(table.sheet),
            format!(
                "ほかに {} 個の値が非表示の行または列にあります",
                found - SHOWN
            ),
        ));
    }
}
