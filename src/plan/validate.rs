//! The semantic checks of a plan (years, departments, 取組方針, items, indicators), shared by
//! plan.toml and the plan workbook; each problem says which part of the plan it is about.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::model::{Implementers, Indicator, Item, Plan};

/// One problem found in the plan, with where it is when known ("12行目", or a sheet and
/// cell when the plan comes from a workbook).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanProblem {
    /// Where the problem is.
    pub place: Option<String>,
    /// Japanese message.
    pub message: String,
}

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(p) => write!(f, "{p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A part of a plan a problem can be about (indexes in plan order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The plan's own keys (title, years …).
    Plan,
    /// A department of the list.
    Department(usize),
    /// A pillar.
    Pillar(usize),
    /// A second-level policy of a pillar.
    Policy(usize, usize),
    /// An item.
    Item(usize),
    /// The 取組方針 an item names.
    ItemPolicy(usize),
    /// An action of an item.
    Action(usize, usize),
    /// An indicator of an item.
    Indicator(usize, usize),
}

/// The problems found so far, each placed by the caller's `place`.
struct Problems<'a> {
    place: &'a dyn Fn(Part) -> Option<String>,
    out: Vec<PlanProblem>,
}

impl Problems<'_> {
    fn add(&mut self, part: Part, message: String) {
        self.out.push(PlanProblem {
            place: (self.place)(part),
            message,
        });
    }
}

/// Every semantic problem of a plan; `place` says where a part of it is written.
pub fn validate(plan: &Plan, place: &dyn Fn(Part) -> Option<String>) -> Vec<PlanProblem> {
    let mut p = Problems {
        place,
        out: Vec::new(),
    };
    plan_keys(plan, &mut p);
    let departments = departments(plan, &mut p);
    former_names(plan, &departments, &mut p);
    groups(plan, &mut p);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (ii, item) in plan.items.iter().enumerate() {
        self::item(plan, ii, item, &departments, &mut seen, &mut p);
    }
    p.out
}

/// The plan's own keys: names and years.
fn plan_keys(plan: &Plan, p: &mut Problems<'_>) {
    if plan.title.trim().is_empty() {
        p.add(Part::Plan, "title（計画の名称）が空です".into());
    }
    if plan.municipality.trim().is_empty() {
        p.add(Part::Plan, "municipality（自治体名）が空です".into());
    }
    if plan.start_year > plan.end_year {
        p.add(
            Part::Plan,
            format!(
                "計画期間 start_year = {} 〜 end_year = {} が正しくありません",
                plan.start_year.western(),
                plan.end_year.western()
            ),
        );
    }
    if plan.baseline_year > plan.start_year {
        p.add(
            Part::Plan,
            format!(
                "baseline_year = {} は計画開始年度 {} 以前にしてください",
                plan.baseline_year.western(),
                plan.start_year.western()
            ),
        );
    }
    // Years that must fall within the period.
    for (key, year) in [
        ("first_reported_year", plan.first_reported_year),
        ("target_year", Some(plan.target_year)),
    ] {
        if let Some(year) = year.filter(|y| !plan.covers(*y)) {
            p.add(
                Part::Plan,
                format!(
                    "{key} = {} が計画期間（{}〜{}）の外です",
                    year.western(),
                    plan.start_year.western(),
                    plan.end_year.western()
                ),
            );
        }
    }
}

/// The department list; returns the valid names.
fn departments<'a>(plan: &'a Plan, p: &mut Problems<'_>) -> BTreeSet<&'a str> {
    let mut departments = BTreeSet::new();
    for (k, d) in plan.departments.iter().enumerate() {
        if let Some(message) = department_file_name_problem(d) {
            p.add(Part::Department(k), message);
        }
        if d.trim().is_empty() || d != d.trim() {
            p.add(
                Part::Department(k),
                format!("departments の部署名「{d}」が正しくありません（空または前後に空白）"),
            );
        } else if d == super::model::ALL_DEPARTMENTS {
            p.add(
                Part::Department(k),
                "departments に「全部署」は書けません（全部署は取組部署の値です）".into(),
            );
        } else if !departments.insert(d.as_str()) {
            p.add(
                Part::Department(k),
                format!("departments に部署「{d}」が重複しています"),
            );
        }
    }
    departments
}

/// Why a department's name cannot be part of a file name on Windows (its form is named after
/// it): a reserved device name or a trailing dot. Characters Windows refuses are written
/// full-width in file names, and the length is checked with the file name pattern.
fn department_file_name_problem(d: &str) -> Option<String> {
    if let Some(device) = crate::file_name::reserved_device(d) {
        Some(format!(
            "部署名「{d}」は Windows でファイル名に使えない名前（予約名「{device}」）です。部署名は様式のファイル名になるため、別の名前（例: 「{d}課」）にしてください"
        ))
    } else if d.trim_end().ends_with('.') {
        Some(format!(
            "部署名「{d}」の末尾に「.」（ピリオド）があります。部署名は様式のファイル名になり、Windows は末尾のピリオドを削るため、ピリオドを外してください"
        ))
    } else {
        None
    }
}

/// `former_names`: each key a department of the list, each earlier name no longer in use and
/// claimed by one department only.
fn former_names(plan: &Plan, departments: &BTreeSet<&str>, p: &mut Problems<'_>) {
    let mut claimed: BTreeMap<&str, &str> = BTreeMap::new();
    for (dept, names) in &plan.former_names {
        if !departments.contains(dept.as_str()) {
            p.add(
                Part::Plan,
                format!("former_names の部署「{dept}」が departments にありません"),
            );
        }
        for old in names {
            if old.trim().is_empty() {
                p.add(
                    Part::Plan,
                    format!("former_names の「{dept}」に空の旧部署名があります"),
                );
            } else if departments.contains(old.as_str()) {
                p.add(
                    Part::Plan,
                    format!(
                        "former_names の旧部署名「{old}」は今の departments にもあります（旧部署名には今は使っていない名前を書いてください）"
                    ),
                );
            } else if let Some(other) = claimed.insert(old, dept) {
                p.add(
                    Part::Plan,
                    format!(
                        "旧部署名「{old}」が former_names の「{other}」と「{dept}」の両方にあります"
                    ),
                );
            }
        }
    }
}

/// An item's life: its first and last years within the period, the item it was merged into,
/// and each revision's year, 担当部署 and indicator.
fn lifecycle(
    plan: &Plan,
    ii: usize,
    item: &Item,
    departments: &BTreeSet<&str>,
    p: &mut Problems<'_>,
) {
    let code = item.code();
    let line = Part::Item(ii);
    let period = plan.start_year..=plan.end_year;
    let span = format!(
        "計画期間（{}〜{}）",
        plan.start_year.western(),
        plan.end_year.western()
    );
    if let Some(from) = item.from
        && !period.contains(&from)
    {
        p.add(
            line,
            format!(
                "取組項目 {code} の from（{}）が{span}の外です",
                from.western()
            ),
        );
    }
    if let Some(end) = &item.end {
        if !period.contains(&end.year) {
            p.add(
                line,
                format!(
                    "取組項目 {code} の end の year（{}）が{span}の外です",
                    end.year.western()
                ),
            );
        }
        if item.from.is_some_and(|f| f > end.year) {
            p.add(
                line,
                format!("取組項目 {code} の end の year が from より前です"),
            );
        }
        match (&end.reason, &end.into) {
            (super::lifecycle::EndReason::Merged, Some(into)) => {
                if into == code || plan.item(into).is_none() {
                    p.add(
                        line,
                        format!("取組項目 {code} の統合先「{into}」が計画の取組項目にありません"),
                    );
                }
            }
            (super::lifecycle::EndReason::Merged, None) => p.add(
                line,
                format!("取組項目 {code} は統合で終わっています。end に into = \"統合先の管理番号\" を書いてください"),
            ),
            (_, Some(_)) => p.add(
                line,
                format!("取組項目 {code} の end の into（統合先）は reason = \"統合\" のときだけ書けます"),
            ),
            (_, None) => {}
        }
    }
    for r in &item.revisions {
        if !period.contains(&r.year) {
            p.add(
                line,
                format!(
                    "取組項目 {code} の revisions の year（{}）が{span}の外です",
                    r.year.western()
                ),
            );
        }
        if let Some(lead) = &r.lead
            && !departments.contains(lead.as_str())
        {
            p.add(
                line,
                format!(
                    "取組項目 {code} の revisions の lead「{lead}」が departments にありません"
                ),
            );
        }
        if let Some(name) = &r.indicator
            && item.revised_indicator(r).is_none()
        {
            p.add(
                line,
                format!("取組項目 {code} の revisions の indicator「{name}」がこの取組項目の指標にありません"),
            );
        }
        if let Some(name) = &r.indicator_name
            && name.trim().is_empty()
        {
            p.add(
                line,
                format!("取組項目 {code} の revisions の indicator_name（新しい指標名）が空です"),
            );
        }
        if (r.target.is_some() || r.indicator_name.is_some()) && item.indicators.is_empty() {
            p.add(
                line,
                format!("取組項目 {code} の revisions に target・indicator_name がありますが、この取組項目には指標がありません"),
            );
        }
        if r.title.is_none() && r.lead.is_none() && r.target.is_none() && r.indicator_name.is_none()
        {
            p.add(
                line,
                format!(
                    "取組項目 {code} の revisions に見直しの内容（title・lead・indicator_name・target）がありません"
                ),
            );
        }
    }
}

/// The pillars and their policies.
fn groups(plan: &Plan, p: &mut Problems<'_>) {
    // Pillar and policy ids share one namespace: an item names either.
    let mut group_ids = BTreeSet::new();
    for (pi, pillar) in plan.pillars.iter().enumerate() {
        if pillar.id.trim().is_empty() || pillar.name.trim().is_empty() {
            p.add(
                Part::Pillar(pi),
                format!(
                    "取組方針（柱）「{} {}」の id（番号）と name（名称）は空にできません",
                    pillar.id, pillar.name
                ),
            );
        }
        if !group_ids.insert(pillar.id.as_str()) {
            p.add(
                Part::Pillar(pi),
                format!("取組方針の番号「{}」が重複しています", pillar.id),
            );
        }
        for (qi, policy) in pillar.policies.iter().enumerate() {
            if policy.id.trim().is_empty() || policy.name.trim().is_empty() {
                p.add(
                    Part::Policy(pi, qi),
                    format!(
                        "取組方針「{} {}」（{} の下）の id（番号）と name（名称）は空にできません",
                        policy.id, policy.name, pillar.id
                    ),
                );
            }
            if !group_ids.insert(policy.id.as_str()) {
                p.add(
                    Part::Policy(pi, qi),
                    format!("取組方針の番号「{}」が重複しています", policy.id),
                );
            }
        }
    }
}

/// One item and its indicators; `seen` holds the codes of the items before it.
fn item<'a>(
    plan: &Plan,
    ii: usize,
    item: &'a Item,
    departments: &BTreeSet<&str>,
    seen: &mut BTreeMap<&'a str, usize>,
    p: &mut Problems<'_>,
) {
    let code = item.code();
    let line = Part::Item(ii);
    let policy_line = Part::ItemPolicy(ii);
    if code.trim().is_empty() || code != code.trim() {
        p.add(
            line,
            format!("管理番号「{code}」は空にできず、前後に空白を入れられません"),
        );
    }
    if let Some(first) = seen.get(code) {
        let also = (p.place)(Part::Item(*first))
            .map_or_else(String::new, |at| format!("（{at}にもあります）"));
        p.add(line, format!("管理番号 {code} が重複しています{also}"));
    } else {
        seen.insert(code, ii);
    }
    if item.title.trim().is_empty() {
        p.add(
            line,
            format!("取組項目 {code} の title（取組項目名）が空です"),
        );
    }
    lifecycle(plan, ii, item, departments, p);
    if plan.group(item.policy_id()).is_none() {
        let is_parent = plan
            .pillars
            .iter()
            .any(|pillar| pillar.id == item.policy_id() && !pillar.policies.is_empty());
        let message = if is_parent {
            format!(
                "取組項目 {code} の取組方針「{}」には下位の取組方針があります。下位の取組方針の番号を書いてください",
                item.policy_id()
            )
        } else {
            format!(
                "取組項目 {code} の取組方針「{}」は計画の取組方針（pillars）にありません",
                item.policy_id()
            )
        };
        p.add(policy_line, message);
    }
    if let Some(c) = &item.continuity
        && c.trim().is_empty()
    {
        p.add(
            line,
            format!(
                "取組項目 {code} の continuity（前期計画）が空です。なければ行ごと削除してください"
            ),
        );
    }
    if let Some(lead) = &item.lead
        && !departments.contains(lead.as_str())
    {
        p.add(
            line,
            format!("取組項目 {code} の担当部署「{lead}」が departments にありません"),
        );
    }
    if let Implementers::Listed(list) = &item.implementers {
        for d in list {
            if !departments.contains(d.as_str()) {
                p.add(
                    line,
                    format!("取組項目 {code} の取組部署「{d}」が departments にありません"),
                );
            }
        }
    }
    if item.lead.is_none() && item.implementers != Implementers::default() {
        p.add(
            line,
            format!("取組項目 {code} は取組部署があるのに担当部署（lead）がありません"),
        );
    }
    for (ai, action) in item.actions.iter().enumerate() {
        if action.trim().is_empty() {
            p.add(
                Part::Action(ii, ai),
                format!("取組項目 {code} の具体的な取組（actions）に空の項目があります"),
            );
        }
    }
    let mut names = BTreeSet::new();
    for (n, ind) in item.indicators.iter().enumerate() {
        indicator(plan, Part::Indicator(ii, n), code, n, ind, &mut names, p);
    }
    indicators_added(plan, ii, item, p);
}

/// Indicators added in mid-period (`from`): within the period, and after the indicators
/// reported before them, so each indicator keeps its place among the item's values of every
/// year.
fn indicators_added(plan: &Plan, ii: usize, item: &Item, p: &mut Problems<'_>) {
    let code = item.code();
    let mut latest: Option<(usize, crate::fiscal_year::FiscalYear)> = None;
    for (n, ind) in item.indicators.iter().enumerate() {
        let label = format!("取組項目 {code} の指標{}（{}）", n + 1, ind.name);
        let line = Part::Indicator(ii, n);
        match (ind.from, latest) {
            (Some(from), _) if !plan.covers(from) => p.add(
                line,
                format!(
                    "{label} の from（{}）が計画期間（{}〜{}）の外です",
                    from.western(),
                    plan.start_year.western(),
                    plan.end_year.western()
                ),
            ),
            (from, Some((before, year))) if from.is_none_or(|f| f < year) => p.add(
                line,
                format!(
                    "{label} は、後から追加した指標{}（from = {}）より後に置いてください（途中で追加した指標は、その取組項目の指標の最後に年度の順で書きます）",
                    before + 1,
                    year.western()
                ),
            ),
            (Some(from), _) => latest = Some((n, from)),
            (None, _) => {}
        }
    }
}

/// One indicator of an item; `names` holds the names of the indicators before it.
fn indicator<'a>(
    plan: &Plan,
    line: Part,
    code: &str,
    n: usize,
    ind: &'a Indicator,
    names: &mut BTreeSet<&'a str>,
    p: &mut Problems<'_>,
) {
    let label = format!("取組項目 {code} の指標{}（{}）", n + 1, ind.name);
    if ind.name.trim().is_empty() {
        p.add(
            line,
            format!("取組項目 {code} の指標{} の name が空です", n + 1),
        );
    } else if !names.insert(ind.name.as_str()) {
        p.add(line, format!("{label} の名称が重複しています"));
    }
    if ind.unit.trim().is_empty() {
        p.add(line, format!("{label} の unit（単位）が空です"));
    }
    let (low, high) = (ind.lower_bound(), ind.max);
    if let (Some(min), Some(max)) = (ind.min, ind.max)
        && min >= max
    {
        p.add(
            line,
            format!("{label} の min = {min} は max = {max} より小さくしてください"),
        );
    }
    for (what, v) in [("min", ind.min), ("max", ind.max)] {
        if let Some(v) = v
            && !v.is_finite()
        {
            p.add(line, format!("{label} の {what} = {v} は使えません"));
        }
    }
    let range = match high {
        Some(h) => format!("{low}〜{h}"),
        None => format!("{low}以上"),
    };
    let outside = |v: f64| !v.is_finite() || v < low || high.is_some_and(|h| v > h);
    for (what, v) in [
        ("baseline（基準値）", ind.baseline),
        ("target（目標値）", ind.target),
    ] {
        if let Some(v) = v
            && outside(v)
        {
            p.add(
                line,
                format!(
                    "{label} の {what} = {v} は使えません（{range} の数値。範囲は min・max で変えられます）"
                ),
            );
        }
    }
    if ind.decimals > 3 {
        p.add(line, format!("{label} の decimals は 0〜3 にしてください"));
    }
    for (year, v) in &ind.yearly_targets {
        let in_period = year
            .parse::<u16>()
            .is_ok_and(|y| plan.covers(crate::fiscal_year::FiscalYear(y)));
        if !in_period {
            p.add(
                line,
                format!("{label} の yearly_targets の年度「{year}」が計画期間の外です"),
            );
        }
        if outside(*v) {
            p.add(
                line,
                format!("{label} の yearly_targets.{year} = {v} は使えません（{range} の数値）"),
            );
        }
    }
    ind.comparison_problems(plan, &label)
        .into_iter()
        .for_each(|m| p.add(line, m));
    if ind.aggregation == super::model::Aggregation::Sum && ind.unit.contains('%') {
        p.add(
            line,
            format!("{label} は率（%）なので aggregation = \"sum\" にできません"),
        );
    }
}
