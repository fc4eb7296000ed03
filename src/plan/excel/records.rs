//! The rows of the 体系, 取組項目, 具体的な取組 and 指標 sheets as the plan's pillars, items,
//! actions and indicators.

use std::collections::BTreeMap;

use super::cell;
use super::place::*;
use super::table::{Findings, Table};
use super::*;
use crate::fiscal_year::FiscalYear;
use crate::plan::{
    Aggregation, Comparison, Direction, EndReason, Implementers, Indicator, Item, ItemEnd, Pillar,
    Policy, Revision,
};

/// One of fixed choices written in the city's words (the dropdown's) or in the default ones.
fn either(
    d: &calamine::Data,
    choices: &[&str],
    words: &crate::plan::Words,
) -> cell::CellResult<usize> {
    let own: Vec<String> = choices.iter().map(|c| words.reword(c)).collect();
    let own: Vec<&str> = own.iter().map(String::as_str).collect();
    cell::choice(d, &own).or_else(|e| cell::choice(d, choices).map_err(|_| e))
}

/// Names separated by 「、」 (or commas, or line breaks), trimmed, blanks left out.
pub(super) fn split_names(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', '\n'])
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// 体系: pillars and their policies (a policy names its pillar in 上位の柱).
pub(super) fn read_structure(t: &Table, layout: &mut Layout, f: &mut Findings) -> Vec<Pillar> {
    let mut pillars: Vec<Pillar> = Vec::new();
    let mut policies: Vec<(u32, String, Policy)> = Vec::new();
    for r in t.data_rows(&[]) {
        let words = f.words.clone();
        let kind = t.read(f, r, H_KIND, |d| {
            either(d, &[KIND_PILLAR, KIND_POLICY], &words)
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
            (None, _) => f.blank(
                t.loc(r, H_KIND),
                format!("区分が空です。「{KIND_PILLAR}」か「{KIND_POLICY}」を選んでください"),
            ),
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
pub(super) fn read_items(t: &Table, layout: &mut Layout, f: &mut Findings) -> Vec<Item> {
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
        let from = t.read(f, r, H_FROM, cell::year);
        let end = read_end(t, r, f);
        let Some(code) = code else {
            f.blank(
                t.loc(r, H_CODE),
                format!("管理番号が空です（取組項目「{title}」）。管理番号を入力してください"),
            );
            continue;
        };
        if policy.is_none() {
            f.blank(
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
                let names = split_names(&s);
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
            from,
            end,
            revisions: Vec::new(),
            notes: Vec::new(),
        });
        layout.items.push(r);
    }
    layout.actions = vec![Vec::new(); items.len()];
    layout.indicators = vec![Vec::new(); items.len()];
    layout.revisions = vec![Vec::new(); items.len()];
    items
}

/// 終了年度, 終了の理由 and 統合先 of an item's row: both of the first two, or none.
fn read_end(t: &Table, r: u32, f: &mut Findings) -> Option<ItemEnd> {
    let year = t.read(f, r, H_END_YEAR, cell::year);
    let reason = t.read(f, r, H_END_REASON, |d| cell::choice(d, &END_REASONS));
    let into = t.read(f, r, H_INTO, cell::code);
    let reason = reason.map(|k| match k {
        0 => EndReason::Completed,
        1 => EndReason::Abolished,
        _ => EndReason::Merged,
    });
    match (year, reason) {
        (Some(year), Some(reason)) => Some(ItemEnd { year, reason, into }),
        (Some(_), None) => {
            f.blank(
                t.loc(r, H_END_REASON),
                format!(
                    "終了年度があるのに終了の理由が空です。{}から選んでください",
                    END_REASONS.join("・")
                ),
            );
            None
        }
        (None, Some(_)) => {
            f.blank(
                t.loc(r, H_END_YEAR),
                "終了の理由があるのに終了年度が空です。最後に報告する年度（西暦4桁）を入力してください",
            );
            None
        }
        (None, None) => {
            if into.is_some() {
                f.error(
                    t.loc(r, H_INTO),
                    "統合先は、終了年度と終了の理由（統合）とともに入力してください",
                );
            }
            None
        }
    }
}

/// The item a row of the 具体的な取組 or 指標 sheet belongs to (by 管理番号).
fn owner(t: &Table, r: u32, items: &[Item], f: &mut Findings) -> Option<usize> {
    let loc = t.loc(r, H_CODE);
    let Some(code) = t.read(f, r, H_CODE, cell::code) else {
        f.blank(
            loc,
            "管理番号が空です。「取組項目」シートの管理番号を入力してください",
        );
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
pub(super) fn read_actions(t: &Table, items: &mut [Item], layout: &mut Layout, f: &mut Findings) {
    let mut per_item: Vec<Vec<(f64, u32, String)>> = vec![Vec::new(); items.len()];
    for r in t.data_rows(&[]) {
        let owner = owner(t, r, items, f);
        let number = t.read(f, r, H_NUMBER, cell::number);
        let text = t.read(f, r, H_ACTION, cell::text).unwrap_or_default();
        let Some(i) = owner else { continue };
        let Some(n) = number else {
            f.blank(
                t.loc(r, H_NUMBER),
                "番号が空です。取組項目の中での順番（1, 2, 3…）を入力してください",
            );
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
pub(super) fn read_indicators(
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
        let words = f.words.clone();
        let aggregation = t.read(f, r, H_AGGREGATION, |d| {
            either(d, &[LEAD_ONLY, SUM], &words)
        });
        let decimals = t.read(f, r, H_DECIMALS, |d| cell::whole(d, 0, 3));
        let min = t.read(f, r, H_MIN, cell::number);
        let max = t.read(f, r, H_MAX, cell::number);
        let sample = t.read(f, r, H_SAMPLE, cell::yes_no);
        let baseline_year = t.read(f, r, H_BASELINE_YEAR, cell::year);
        let comparison = t
            .read(f, r, H_COMPARISON, |d| cell::choice(d, &COMPARISONS))
            .map(|k| match k {
                0 => Comparison::AtLeast,
                1 => Comparison::AtMost,
                2 => Comparison::Below,
                _ => Comparison::Above,
            });
        let from = t.read(f, r, H_FROM, cell::year);
        // 方向 as written; with a comparison a blank 方向 follows the comparison, without one
        // 大きいほど良い is the default.
        let direction = match (direction, comparison) {
            (Some(1), _) => Some(Direction::Lower),
            (Some(_), Some(_)) => Some(Direction::Higher),
            _ => None,
        };
        let Some(i) = owner else { continue };
        items[i].indicators.push(Indicator {
            name,
            unit,
            baseline,
            target,
            yearly_targets,
            direction,
            baseline_year,
            comparison,
            from,
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

/// 見直し: one revision per row, in row order within each item.
pub(super) fn read_revisions(t: &Table, items: &mut [Item], layout: &mut Layout, f: &mut Findings) {
    for r in t.data_rows(&[]) {
        let owner = owner(t, r, items, f);
        let year = t.read(f, r, H_YEAR, cell::year);
        let title = t.read(f, r, H_NEW_TITLE, cell::name);
        let lead = t.read(f, r, H_NEW_LEAD, cell::name);
        let indicator = t.read(f, r, H_INDICATOR, cell::name);
        let indicator_name = t.read(f, r, H_NEW_INDICATOR, cell::name);
        let target = t.read(f, r, H_NEW_TARGET, cell::number);
        let note = t.read(f, r, H_REASON, cell::text);
        let Some(i) = owner else { continue };
        let Some(year) = year else {
            f.blank(
                t.loc(r, H_YEAR),
                "年度が空です。見直しが反映される最初の年度（西暦4桁）を入力してください",
            );
            continue;
        };
        items[i].revisions.push(Revision {
            year,
            title,
            lead,
            indicator,
            indicator_name,
            target,
            note,
        });
        layout.revisions[i].push(r);
    }
}
