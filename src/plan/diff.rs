//! What changed between two versions of a plan, in Japanese, one line per change: shown by
//! `gyokaku plan --import` and `gyokaku plan` before the change counts.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Indicator, Item, Plan};
use super::settings::Words;
use crate::numbers::format_grouped;

/// One line per change from `old` to `new` (empty when the plans are the same in every fact
/// the forms and reports use).
pub fn changes(old: &Plan, new: &Plan) -> Vec<String> {
    changes_in(old, new, &Words::default())
}

/// [`changes`] in the city's words (取組項目, 担当部署 … → its own).
pub fn changes_in(old: &Plan, new: &Plan, w: &Words) -> Vec<String> {
    let mut out = Vec::new();
    let text = |a: &str, b: &str, what: &str, out: &mut Vec<String>| {
        if a != b {
            out.push(format!("{what}: 「{a}」→「{b}」"));
        }
    };
    text(&old.title, &new.title, "計画の名称", &mut out);
    if (old.start_year, old.end_year) != (new.start_year, new.end_year) {
        out.push(format!(
            "計画期間: {}〜{} → {}〜{}",
            old.start_year.label(),
            old.end_year.label(),
            new.start_year.label(),
            new.end_year.label()
        ));
    }
    if old.first_reported_year != new.first_reported_year {
        let show = |y: Option<crate::fiscal_year::FiscalYear>| {
            y.map_or_else(|| "提出ファイルのある最初の年度".to_string(), |y| y.label())
        };
        out.push(format!(
            "集計を始める年度: {} → {}",
            show(old.first_reported_year),
            show(new.first_reported_year)
        ));
    }
    let renamed = departments(old, new, &mut out);
    for (dept, names) in &new.former_names {
        let before = old.former_names.get(dept);
        for name in names {
            if !before.is_some_and(|b| b.contains(name)) {
                out.push(format!("旧部署名を追加: 「{dept}」の旧名「{name}」"));
            }
        }
    }
    let old_renamed = old.with_renamed_departments(&renamed);
    for item in &new.items {
        match old_renamed.item(item.code()) {
            None => out.push(format!(
                "{}を追加: {} {}{}",
                w.item,
                item.code(),
                item.title,
                item.from
                    .map_or_else(String::new, |y| format!("（{}から）", y.label()))
            )),
            Some(before) => self::item(before, item, new.end_year, w, &mut out),
        }
    }
    for item in &old.items {
        if new.item(item.code()).is_none() {
            out.push(format!(
                "{}を削除: {} {}（過去の年度の記録は、その年度の計画で読み込みます）",
                w.item,
                item.code(),
                item.title
            ));
        }
    }
    out
}

/// Departments added, removed, or renamed (one removed and one added that lead and implement
/// the same items, or named in `former_names`); returns the renames (earlier → today's name).
fn departments(old: &Plan, new: &Plan, out: &mut Vec<String>) -> BTreeMap<String, String> {
    let mut renamed = BTreeMap::new();
    let before: BTreeSet<&str> = old.departments.iter().map(String::as_str).collect();
    let after: BTreeSet<&str> = new.departments.iter().map(String::as_str).collect();
    let removed: Vec<&str> = before.difference(&after).copied().collect();
    let mut added: Vec<&str> = after.difference(&before).copied().collect();
    // What a department leads and implements among the items both plans have.
    let both = |code: &str| old.item(code).is_some() && new.item(code).is_some();
    let role = |plan: &Plan, dept: &str| -> Vec<String> {
        plan.items_led_by(dept)
            .filter(|i| both(i.code()))
            .map(|i| format!("L{}", i.code()))
            .chain(
                plan.items_implemented_by(dept)
                    .filter(|i| both(i.code()))
                    .map(|i| format!("I{}", i.code())),
            )
            .collect()
    };
    for gone in removed {
        let same = added
            .iter()
            .position(|a| {
                new.former_names
                    .get(*a)
                    .is_some_and(|f| f.iter().any(|n| n == gone))
                    || (!role(old, gone).is_empty() && role(old, gone) == role(new, a))
            })
            .map(|k| added.remove(k));
        match same {
            Some(now) => {
                out.push(format!(
                    "部署名の変更: 「{gone}」→「{now}」（過去の年度の提出ファイルは「{now}」の提出として読み込みます）"
                ));
                renamed.insert(gone.to_string(), now.to_string());
            }
            None => out.push(format!("部署を削除: {gone}")),
        }
    }
    for a in added {
        out.push(format!("部署を追加: {a}"));
    }
    renamed
}

/// The changes of one item (same 管理番号); `last` is the plan's last year (its life is compared
/// up to then).
fn item(
    old: &Item,
    new: &Item,
    last: crate::fiscal_year::FiscalYear,
    w: &Words,
    out: &mut Vec<String>,
) {
    let code = new.code();
    let mut say = |what: String| out.push(format!("{code} {}: {what}", new.title));
    // Its life (begun, ended, revised, indicators renamed or added), as the reports tell it.
    let first = crate::fiscal_year::FiscalYear(0);
    let (before, after) = (
        old.lifecycle_notes_in(first, last, w),
        new.lifecycle_notes_in(first, last, w),
    );
    for note in after.iter().filter(|n| !before.contains(n)) {
        say(note.clone());
    }
    for note in before.iter().filter(|n| !after.contains(n)) {
        say(format!("「{note}」を取り消し"));
    }
    if old.title != new.title {
        say(format!(
            "{}名を変更（「{}」→「{}」）",
            w.item, old.title, new.title
        ));
    }
    if old.policy_id() != new.policy_id() {
        say(format!(
            "{}を変更（{} → {}）",
            w.policy,
            old.policy_id(),
            new.policy_id()
        ));
    }
    if old.lead != new.lead {
        let show = |d: &Option<String>| d.clone().unwrap_or_else(|| crate::text::UNSET.into());
        say(format!(
            "{}を変更（{} → {}）",
            w.lead,
            show(&old.lead),
            show(&new.lead)
        ));
    }
    if old.implementers != new.implementers {
        say(format!("{}を変更", w.participant));
    }
    if old.actions != new.actions {
        say(format!(
            "{}を変更（{}件 → {}件）",
            w.action,
            old.actions.len(),
            new.actions.len()
        ));
    }
    let count = old.indicators.len().max(new.indicators.len());
    for k in 0..count {
        match (old.indicators.get(k), new.indicators.get(k)) {
            (Some(a), Some(b)) => indicator(a, b, &mut say),
            (None, Some(b)) => say(format!("指標を追加（{}）", b.name)),
            (Some(a), None) => say(format!("指標を削除（{}）", a.name)),
            (None, None) => {}
        }
    }
}

fn indicator(old: &Indicator, new: &Indicator, say: &mut dyn FnMut(String)) {
    if old.name != new.name {
        say(format!("指標名を変更（「{}」→「{}」）", old.name, new.name));
    }
    if old.unit != new.unit {
        say(format!(
            "{} の単位を変更（{} → {}）",
            new.name, old.unit, new.unit
        ));
    }
    let value = |v: Option<f64>| {
        v.map_or_else(
            || crate::text::UNSET.to_string(),
            |x| format_grouped(x, new.decimals),
        )
    };
    if old.baseline != new.baseline {
        say(format!(
            "{} の基準値を変更（{} → {}）",
            new.name,
            value(old.baseline),
            value(new.baseline)
        ));
    }
    if old.target != new.target {
        say(format!(
            "{} の目標値を見直し（{} → {}）",
            new.name,
            value(old.target),
            value(new.target)
        ));
    }
    if old.baseline_year != new.baseline_year {
        let show = |y: Option<crate::fiscal_year::FiscalYear>| {
            y.map_or_else(|| "計画の基準年度".to_string(), |y| y.label())
        };
        say(format!(
            "{} の基準値の年度を変更（{} → {}）",
            new.name,
            show(old.baseline_year),
            show(new.baseline_year)
        ));
    }
    if old.comparison != new.comparison {
        say(format!(
            "{} の目標の比較を変更（{} → {}）",
            new.name,
            old.comparison.map_or("なし", |c| c.label()),
            new.comparison.map_or("なし", |c| c.label())
        ));
    }
    if old.yearly_targets != new.yearly_targets {
        say(format!("{} の年度目標を変更", new.name));
    }
    if old.direction() != new.direction() || old.aggregation != new.aggregation {
        say(format!("{} の集計方法・評価の向きを変更", new.name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        crate::plan::parse_plan(
            include_str!("../../input/plan.toml"),
            std::path::Path::new("plan.toml"),
        )
        .unwrap()
    }

    #[test]
    fn changes_are_told_in_the_citys_words() {
        let old = plan();
        let mut new = old.clone();
        new.items[1].title = "新しい名前".into();
        new.items[2].lead = None;
        let w = Words {
            item: "行動計画項目".into(),
            lead: "所管課".into(),
            ..Words::default()
        };
        let lines = changes_in(&old, &new, &w).join("\n");
        assert!(lines.contains("行動計画項目名を変更"), "{lines}");
        assert!(lines.contains("所管課を変更"), "{lines}");
        assert!(
            !lines.contains("取組項目名") && !lines.contains("担当部署を"),
            "{lines}"
        );
    }

    #[test]
    fn same_plan_no_changes() {
        assert!(changes(&plan(), &plan()).is_empty());
    }

    #[test]
    fn each_change_is_listed() {
        let old = plan();
        let lead = old.items[0].lead.clone().unwrap();
        let renamed = format!("{lead}（新）");
        let mut new =
            old.with_renamed_departments(&[(lead.clone(), renamed.clone())].into_iter().collect());
        new.items[1].title = "新しい名前".into();
        let mut added = new.items[new.items.len() - 1].clone();
        added.id = toml::Spanned::new(0..0, "9999".into());
        new.items.push(added);
        let gone = new.items.remove(2);
        if let Some(ind) = new.items.iter_mut().flat_map(|i| &mut i.indicators).next() {
            ind.target = Some(12345.0);
        }
        let lines = changes(&old, &new).join("\n");
        assert!(
            lines.contains(&format!("部署名の変更: 「{lead}」→「{renamed}」")),
            "{lines}"
        );
        assert!(lines.contains("取組項目名を変更"), "{lines}");
        assert!(!lines.contains("担当部署を変更"), "a rename only: {lines}");
        assert!(lines.contains("取組項目を追加: 9999"), "{lines}");
        assert!(
            lines.contains(&format!("取組項目を削除: {}", gone.code())),
            "{lines}"
        );
        assert!(lines.contains("→ 12,345）"), "{lines}");
    }
}
