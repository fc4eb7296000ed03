//! Reading the plan workbook back: every sheet by name, every column by its heading, every
//! row that holds something; then the plan's own validation, with each problem placed on its
//! sheet and cell.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;

use calamine::Data;

use super::cell::{self, CellResult, Read};
use super::place::*;
use super::*;
use crate::fiscal_year::FiscalYear;
use crate::plan::load::validate;
use crate::plan::{
    Aggregation, Direction, Implementers, Indicator, Item, Pillar, Plan, PlanProblem, Policy,
    Viewpoint,
};
use crate::submission::cells::{Book, CellInfo};

/// A plan read from a workbook, with notes about values read leniently.
#[derive(Debug)]
pub struct Imported {
    pub plan: Plan,
    pub notes: Vec<PlanProblem>,
}

/// Why a workbook could not be read into a plan: every problem (sheet and cell in `place`),
/// and the notes found on the way.
#[derive(Debug)]
pub struct ImportFailure {
    pub problems: Vec<PlanProblem>,
    pub notes: Vec<PlanProblem>,
}

/// Cells kept from one workbook at most (a plan has a few thousand).
const MAX_CELLS: u64 = 500_000;
/// Rows searched for the heading row.
const HEADER_SEARCH_ROWS: u32 = 20;

#[derive(Default)]
struct Findings {
    /// Why the file cannot be opened as a workbook at all.
    file: Option<String>,
    errors: Vec<(Loc, String)>,
    notes: Vec<(Loc, String)>,
}

impl Findings {
    fn error(&mut self, loc: Loc, message: impl Into<String>) {
        self.errors.push((loc, message.into()));
    }

    /// The value of a cell read with `read`; a refusal becomes an error at `loc`.
    fn take<T>(&mut self, loc: Loc, got: CellResult<T>) -> Option<T> {
        match got {
            Ok(Read { value, note }) => {
                if let Some(n) = note {
                    self.notes.push((loc, n));
                }
                value
            }
            Err(e) => {
                self.errors.push((loc, e));
                None
            }
        }
    }
}

/// One sheet's cells below its heading row, with the columns found by heading.
struct Table {
    sheet: usize,
    cols: BTreeMap<&'static str, u32>,
    rows: BTreeMap<u32, BTreeMap<u32, CellInfo>>,
}

const EMPTY: Data = Data::Empty;

impl Table {
    /// The data rows that hold something in a column that is read.
    fn data_rows(&self, extra: &[u32]) -> Vec<u32> {
        let read: BTreeSet<u32> = self.cols.values().chain(extra).copied().collect();
        self.rows
            .iter()
            .filter(|(_, cells)| cells.keys().any(|c| read.contains(c)))
            .map(|(r, _)| *r)
            .collect()
    }

    fn loc(&self, row: u32, header: &str) -> Loc {
        match self.cols.get(header) {
            Some(c) => Loc::cell(self.sheet, row, *c, header),
            None => Loc::row(self.sheet, row),
        }
    }

    fn data_at(&self, row: u32, col: u32) -> Result<&Data, String> {
        match self.rows.get(&row).and_then(|r| r.get(&col)) {
            Some(c) if c.formula_without_value => {
                Err("数式の結果が保存されていません。数式ではなく値を入力してください".to_string())
            }
            Some(c) => Ok(&c.data),
            None => Ok(&EMPTY),
        }
    }

    /// Reads the cell of a heading in a row.
    fn read<T>(
        &self,
        f: &mut Findings,
        row: u32,
        header: &str,
        read: impl Fn(&Data) -> CellResult<T>,
    ) -> Option<T> {
        let col = self.cols.get(header)?;
        let got = self.data_at(row, *col).and_then(&read);
        f.take(self.loc(row, header), got)
    }
}

/// Reads a plan from workbook bytes (.xlsx, .xlsm, .ods …); `ext` breaks ties of format.
pub fn import_workbook(bytes: &[u8], ext: &str) -> Result<Imported, ImportFailure> {
    let mut f = Findings::default();
    let plan = read_plan(bytes, ext, &mut f);
    let finish = |f: Findings| {
        let list = |mut v: Vec<(Loc, String)>| {
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v.into_iter()
                .map(|(loc, message)| PlanProblem {
                    place: Some(loc.text()),
                    message,
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
        (errors, list(f.notes))
    };
    match plan {
        Some(plan) if f.errors.is_empty() && f.file.is_none() => {
            let (_, notes) = finish(f);
            Ok(Imported { plan, notes })
        }
        _ => {
            let (problems, notes) = finish(f);
            Err(ImportFailure { problems, notes })
        }
    }
}

/// The plan, validated; None when the workbook cannot make one. Problems go to `f`.
fn read_plan(bytes: &[u8], ext: &str, f: &mut Findings) -> Option<Plan> {
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
    for (i, spec) in DATA_SHEETS.iter().enumerate() {
        let found = names
            .iter()
            .find(|n| cell::normalized(n) == cell::normalized(spec.name));
        let Some(name) = found else {
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
            }
            None => return None,
        }
    }
    layout.cols = tables.iter().map(|t| t.cols.clone()).collect();
    if tables.len() != DATA_SHEETS.len() || !f.errors.is_empty() {
        // A missing sheet or heading: the cells cannot be read reliably.
        return None;
    }
    let plan = build(&tables, &mut layout, f)?;
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

/// Yearly-target columns: 西暦 year → (column, heading as written).
type YearColumns = BTreeMap<u16, (u32, String)>;

/// Reads a sheet's cells and finds its columns; None when the workbook cannot be read.
fn read_table(
    book: &mut Book<'_>,
    name: &str,
    sheet: usize,
    spec: &SheetSpec,
    f: &mut Findings,
) -> Option<(Table, YearColumns)> {
    let mut cells: BTreeMap<u32, BTreeMap<u32, CellInfo>> = BTreeMap::new();
    let mut count = 0u64;
    let mut too_many = false;
    let visited = book.visit(name, &mut |run, info| {
        count += u64::from(run.rows) * u64::from(run.cols);
        if count > MAX_CELLS {
            too_many = true;
            return ControlFlow::Break(());
        }
        for r in run.row..run.row.saturating_add(run.rows) {
            for c in run.col..run.col.saturating_add(run.cols) {
                cells.entry(r).or_default().insert(c, info.clone());
            }
        }
        ControlFlow::Continue(())
    });
    if let Err(reason) = visited {
        f.error(Loc::sheet(sheet), reason);
        return None;
    }
    if too_many {
        f.error(
            Loc::sheet(sheet),
            "セルが多すぎるため読み込みません（計画の内容の表ではないか、壊れています）",
        );
        return None;
    }
    let heading = |info: &CellInfo| match &info.data {
        Data::String(s) => cell::normalized(s),
        _ => String::new(),
    };
    let key = cell::normalized(spec.columns[0].header);
    let header_row = cells
        .range(..HEADER_SEARCH_ROWS)
        .find(|(_, row)| row.values().any(|c| heading(c) == key))
        .map_or(0, |(r, _)| *r);
    let mut cols: BTreeMap<&'static str, u32> = BTreeMap::new();
    let mut years: YearColumns = BTreeMap::new();
    let yearly = cell::normalized(YEARLY_PREFIX);
    for (c, info) in cells.get(&header_row).into_iter().flatten() {
        let h = heading(info);
        if h.is_empty() {
            continue;
        }
        let shown = cell::text(&info.data)
            .ok()
            .and_then(|r| r.value)
            .unwrap_or_default();
        let at = Loc::cell(sheet, header_row, *c, shown.trim());
        if let Some(column) = spec
            .columns
            .iter()
            .find(|col| cell::normalized(col.header) == h)
        {
            if let Some(first) = cols.insert(column.header, *c) {
                cols.insert(column.header, first);
                f.error(
                    at,
                    format!(
                        "見出し「{}」が2つあります（{}1 にもあります）。1つにしてください",
                        column.header,
                        column_letters(first)
                    ),
                );
            }
        } else if sheet == S_INDICATOR && h.starts_with(&yearly) {
            match FiscalYear::parse(&h[yearly.len()..]) {
                Ok(y) => {
                    if let Some((first, _)) = years.get(&y.western()) {
                        f.error(
                            at,
                            format!(
                                "{}の年度目標の列が2つあります（{}1 にもあります）",
                                y.label(),
                                column_letters(*first)
                            ),
                        );
                    } else {
                        years.insert(y.western(), (*c, shown.trim().to_string()));
                    }
                }
                Err(_) => f.error(
                    at,
                    format!(
                        "年度目標の列の見出しから年度を読み取れません。「{}」の形にしてください",
                        yearly_header(FiscalYear(2024))
                    ),
                ),
            }
        } else {
            f.notes.push((
                at,
                "この列は計画の項目ではないため読み込みません".to_string(),
            ));
        }
    }
    for column in spec.columns {
        let read = !(sheet == S_PLAN && column.header == H_NOTE);
        if read && !cols.contains_key(column.header) {
            f.error(
                Loc::row(sheet, header_row),
                format!(
                    "見出し「{}」の列がありません（見出しの文字を変えたり、列を削除したりしていないか確認してください）",
                    column.header
                ),
            );
        }
    }
    let rows = cells.split_off(&(header_row + 1));
    Some((Table { sheet, cols, rows }, years))
}

/// Builds the plan from the tables (in [`DATA_SHEETS`] order); None when the plan's own
/// keys (the years) cannot be read.
fn build(tables: &[Table], layout: &mut Layout, f: &mut Findings) -> Option<Plan> {
    let [
        plan_t,
        basic_t,
        viewpoint_t,
        dept_t,
        structure_t,
        item_t,
        action_t,
        indicator_t,
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
    for (label, _) in PLAN_ROWS {
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

    // 基本方針, 部署: one value per row.
    let basic_policies = basic_t
        .data_rows(&[])
        .into_iter()
        .filter_map(|r| basic_t.read(f, r, H_BASIC, cell::text))
        .collect();
    let mut departments = Vec::new();
    for r in dept_t.data_rows(&[]) {
        if let Some(d) = dept_t.read(f, r, H_DEPARTMENT, cell::name) {
            departments.push(d);
            layout.departments.push(r);
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
        basic_policies,
        viewpoints,
        departments,
        pillars,
        items,
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

/// 体系: pillars and their policies (a policy names its pillar in 上位の柱).
fn read_structure(t: &Table, layout: &mut Layout, f: &mut Findings) -> Vec<Pillar> {
    let mut pillars: Vec<Pillar> = Vec::new();
    let mut policies: Vec<(u32, String, Policy)> = Vec::new();
    for r in t.data_rows(&[]) {
        let kind = t.read(f, r, H_KIND, |d| {
            cell::choice(d, &[KIND_PILLAR, KIND_POLICY])
        });
        let id = t.read(f, r, H_NUMBER, cell::code).unwrap_or_default();
        let name = t.read(f, r, H_NAME, cell::name).unwrap_or_default();
        let parent = t.read(f, r, H_PARENT, cell::code);
        match (kind, parent) {
            (Some(0), None) => {
                pillars.push(Pillar {
                    id,
                    name,
                    policies: Vec::new(),
                });
                layout.pillars.push(r);
            }
            (Some(0), Some(_)) => f.error(
                t.loc(r, H_PARENT),
                format!("柱の行には上位の柱を書きません（取組方針の行なら、区分を「{KIND_POLICY}」にしてください）"),
            ),
            (Some(_), Some(parent)) => policies.push((r, parent, Policy { id, name })),
            (Some(_), None) => f.error(
                t.loc(r, H_PARENT),
                "取組方針の行には、属する柱の番号を上位の柱に入力してください",
            ),
            (None, _) => {
                if !f.errors.iter().any(|(l, _)| *l == t.loc(r, H_KIND)) {
                    f.error(
                        t.loc(r, H_KIND),
                        format!("区分が空です。「{KIND_PILLAR}」か「{KIND_POLICY}」を選んでください"),
                    );
                }
            }
        }
    }
    layout.policies = vec![Vec::new(); pillars.len()];
    for (r, parent, policy) in policies {
        match pillars.iter().position(|p| p.id == parent) {
            Some(p) => {
                pillars[p].policies.push(policy);
                layout.policies[p].push(r);
            }
            None => f.error(
                t.loc(r, H_PARENT),
                format!("上位の柱「{parent}」が、このシートの柱の番号にありません"),
            ),
        }
    }
    pillars
}

/// 取組項目: one item per row (actions and indicators are added from their sheets).
fn read_items(t: &Table, layout: &mut Layout, f: &mut Findings) -> Vec<Item> {
    let mut items = Vec::new();
    for r in t.data_rows(&[]) {
        let code = t.read(f, r, H_CODE, cell::code);
        let policy = t.read(f, r, H_GROUP, cell::code);
        let title = t.read(f, r, H_TITLE, cell::name).unwrap_or_default();
        let continuity = t.read(f, r, H_CONTINUITY, cell::name);
        let lead = t.read(f, r, H_LEAD, cell::name);
        let implementers = t.read(f, r, H_IMPLEMENTERS, cell::name);
        let outcome = t.read(f, r, H_OUTCOME, cell::text);
        let situation = t.read(f, r, H_SITUATION, cell::text);
        let sample = t.read(f, r, H_SAMPLE_DEPTS, cell::yes_no);
        let Some(code) = code else {
            if !f.errors.iter().any(|(l, _)| *l == t.loc(r, H_CODE)) {
                f.error(
                    t.loc(r, H_CODE),
                    format!("管理番号が空です（取組項目「{title}」）。管理番号を入力してください"),
                );
            }
            continue;
        };
        if policy.is_none() && !f.errors.iter().any(|(l, _)| *l == t.loc(r, H_GROUP)) {
            f.error(
                t.loc(r, H_GROUP),
                format!(
                    "取組項目 {code} の取組方針が空です。「体系」シートの番号から選んでください"
                ),
            );
        }
        let implementers = match implementers {
            None => Implementers::default(),
            Some(s) if s == crate::plan::ALL_DEPARTMENTS => Implementers::All,
            Some(s) => {
                let names: Vec<String> = s
                    .split(['、', ',', '，', '\n'])
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect();
                if names.iter().any(|n| n == crate::plan::ALL_DEPARTMENTS) {
                    f.error(
                        t.loc(r, H_IMPLEMENTERS),
                        "「全部署」はほかの部署名と並べられません。全部署なら「全部署」だけを入力してください",
                    );
                }
                Implementers::Listed(names)
            }
        };
        let situation = situation
            .map(|s| {
                s.split('\n')
                    .filter(|p| !p.trim().is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        items.push(Item {
            id: toml::Spanned::new(0..0, code),
            policy: toml::Spanned::new(0..0, policy.unwrap_or_default()),
            title,
            continuity,
            lead,
            implementers,
            sample_departments: sample.unwrap_or(false),
            outcome,
            situation,
            actions: Vec::new(),
            indicators: Vec::new(),
        });
        layout.items.push(r);
    }
    layout.actions = vec![Vec::new(); items.len()];
    layout.indicators = vec![Vec::new(); items.len()];
    items
}

/// The item a row of the 具体的な取組 or 指標 sheet belongs to (by 管理番号).
fn owner(t: &Table, r: u32, items: &[Item], f: &mut Findings) -> Option<usize> {
    let loc = t.loc(r, H_CODE);
    let Some(code) = t.read(f, r, H_CODE, cell::code) else {
        if !f.errors.iter().any(|(l, _)| *l == loc) {
            f.error(
                loc,
                "管理番号が空です。「取組項目」シートの管理番号を入力してください",
            );
        }
        return None;
    };
    let found = items.iter().position(|i| i.code() == code);
    if found.is_none() {
        f.error(
            loc,
            format!("管理番号「{code}」は「取組項目」シートにありません"),
        );
    }
    found
}

/// 具体的な取組: ordered by 番号 within each item.
fn read_actions(t: &Table, items: &mut [Item], layout: &mut Layout, f: &mut Findings) {
    let mut per_item: Vec<Vec<(f64, u32, String)>> = vec![Vec::new(); items.len()];
    for r in t.data_rows(&[]) {
        let owner = owner(t, r, items, f);
        let number = t.read(f, r, H_NUMBER, cell::number);
        let text = t.read(f, r, H_ACTION, cell::text).unwrap_or_default();
        let Some(i) = owner else { continue };
        let Some(n) = number else {
            if !f.errors.iter().any(|(l, _)| *l == t.loc(r, H_NUMBER)) {
                f.error(
                    t.loc(r, H_NUMBER),
                    "番号が空です。取組項目の中での順番（1, 2, 3…）を入力してください",
                );
            }
            continue;
        };
        if let Some((_, first, _)) = per_item[i].iter().find(|(m, _, _)| *m == n) {
            f.error(
                t.loc(r, H_NUMBER),
                format!(
                    "取組項目 {} の具体的な取組の番号 {} が重複しています（{}行目にもあります）",
                    items[i].code(),
                    crate::numbers::format_plain(n),
                    first + 1
                ),
            );
            continue;
        }
        per_item[i].push((n, r, text));
    }
    for (i, mut list) in per_item.into_iter().enumerate() {
        list.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, r, text) in list {
            items[i].actions.push(text);
            layout.actions[i].push(r);
        }
    }
}

/// 指標: one indicator per row, in row order within each item.
fn read_indicators(
    t: &Table,
    items: &mut [Item],
    years: &[FiscalYear],
    layout: &mut Layout,
    f: &mut Findings,
) {
    let year_cols: Vec<(u16, u32, String)> = layout
        .year_cols
        .iter()
        .map(|(y, (c, h))| (*y, *c, h.clone()))
        .collect();
    let extra: Vec<u32> = year_cols.iter().map(|(_, c, _)| *c).collect();
    for r in t.data_rows(&extra) {
        let owner = owner(t, r, items, f);
        let name = t.read(f, r, H_INDICATOR, cell::name).unwrap_or_default();
        let unit = t.read(f, r, H_UNIT, cell::name).unwrap_or_default();
        let baseline = t.read(f, r, H_BASELINE, cell::number);
        let target = t.read(f, r, H_TARGET, cell::number);
        let mut yearly_targets = BTreeMap::new();
        for (year, c, header) in &year_cols {
            let loc = Loc::cell(t.sheet, r, *c, header);
            let got = t.data_at(r, *c).and_then(cell::number);
            if let Some(v) = f.take(loc.clone(), got) {
                if !years.is_empty() && !years.contains(&FiscalYear(*year)) {
                    f.error(
                        loc,
                        format!(
                            "{}は計画期間の外です（「計画」シートの計画期間か、この列の見出しを確認してください）",
                            FiscalYear(*year).label()
                        ),
                    );
                }
                yearly_targets.insert(year.to_string(), v);
            }
        }
        let direction = t.read(f, r, H_DIRECTION, |d| cell::choice(d, &[HIGHER, LOWER]));
        let aggregation = t.read(f, r, H_AGGREGATION, |d| cell::choice(d, &[LEAD_ONLY, SUM]));
        let decimals = t.read(f, r, H_DECIMALS, |d| cell::whole(d, 0, 3));
        let min = t.read(f, r, H_MIN, cell::number);
        let max = t.read(f, r, H_MAX, cell::number);
        let sample = t.read(f, r, H_SAMPLE, cell::yes_no);
        let Some(i) = owner else { continue };
        items[i].indicators.push(Indicator {
            name,
            unit,
            baseline,
            target,
            yearly_targets,
            direction: if direction == Some(1) {
                Direction::Lower
            } else {
                Direction::Higher
            },
            aggregation: if aggregation == Some(1) {
                Aggregation::Sum
            } else {
                Aggregation::Lead
            },
            decimals: decimals.unwrap_or(0),
            min,
            max,
            sample: sample.unwrap_or(false),
        });
        layout.indicators[i].push(r);
    }
}
