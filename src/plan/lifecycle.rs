//! An item's life within the plan period: the year it began, the year it ended (完了・廃止・
//! 統合) and its revisions (見直し: title, 担当部署, targets), as plan.toml records them, and the
//! plan as it stood in one year with all of these applied.

use serde::{Deserialize, Serialize};

use super::model::{Item, Plan};
use super::settings::Words;
use crate::fiscal_year::FiscalYear;
use crate::numbers::format_grouped;

/// Why an item ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum EndReason {
    /// 完了: the item reached its aim.
    #[serde(rename = "完了")]
    Completed,
    /// 廃止: the item was given up.
    #[serde(rename = "廃止")]
    Abolished,
    /// 統合: the item was merged into another (`into`).
    #[serde(rename = "統合")]
    Merged,
}

/// How and when an item ended: it is reported up to and including `year`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ItemEnd {
    /// The last fiscal year the item is reported.
    pub year: FiscalYear,
    /// 完了・廃止・統合.
    pub reason: EndReason,
    /// For 統合: the 管理番号 of the item it was merged into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into: Option<String>,
}

/// A revision of an item made in a year (見直し), in force from that year on.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The fiscal year from which the revision counts.
    pub year: FiscalYear,
    /// The new 取組項目 name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The new 担当部署.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The indicator whose target is revised (its name; the item's first indicator when not
    /// given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The new name of that indicator (指標名の変更): its values of earlier years stay its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_name: Option<String>,
    /// The revised 目標値.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Why, in a few words (shown with the revision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// "令和6年度" (the era year alone, as notes about the plan say it).
fn era_year(year: FiscalYear) -> String {
    year.era_label()
}

impl Item {
    /// Whether the item is reported in a fiscal year (begun, and not ended before it).
    pub fn in_force(&self, year: FiscalYear) -> bool {
        self.from.is_none_or(|f| f <= year) && self.end.as_ref().is_none_or(|e| year <= e.year)
    }

    /// The index of the indicator a revision is about: named by its name in plan.toml or by a
    /// name an earlier revision gave it; the item's first indicator when not named.
    pub(crate) fn revised_indicator(&self, revision: &Revision) -> Option<usize> {
        self.indicator_named(
            revision.indicator.as_deref(),
            revision.year,
            self.revisions.len(),
        )
    }

    /// The index of the indicator called `name` in plan.toml or renamed so by a revision up to
    /// `year` (`depth` bounds the chain of renames).
    fn indicator_named(&self, name: Option<&str>, year: FiscalYear, depth: usize) -> Option<usize> {
        let Some(name) = name else {
            return (!self.indicators.is_empty()).then_some(0);
        };
        if let Some(k) = self.indicators.iter().position(|i| i.name == name) {
            return Some(k);
        }
        let depth = depth.checked_sub(1)?;
        self.revisions
            .iter()
            .filter(|r| r.year <= year && r.indicator_name.as_deref() == Some(name))
            .find_map(|r| self.indicator_named(r.indicator.as_deref(), r.year, depth))
    }

    /// The item as it stood in a year: the revisions up to that year applied.
    pub fn as_of(&self, year: FiscalYear) -> Item {
        let mut item = self.clone();
        for r in self.revisions.iter().filter(|r| r.year <= year) {
            if let Some(title) = &r.title {
                item.title = title.clone();
            }
            if let Some(lead) = &r.lead {
                item.lead = Some(lead.clone());
            }
            if let Some(indicator) = self
                .revised_indicator(r)
                .and_then(|k| item.indicators.get_mut(k))
            {
                if let Some(name) = &r.indicator_name {
                    indicator.name = name.clone();
                }
                if let Some(target) = r.target {
                    indicator.target = Some(target);
                }
            }
        }
        // Indicators added later are left out (they come after the earlier ones, so each
        // indicator keeps its position and its values of earlier years).
        item.indicators.retain(|i| i.from.is_none_or(|f| f <= year));
        item
    }

    /// What happened to the item up to a year, one short line each: 「令和6年度に追加」,
    /// 「令和6年度に目標値を見直し（300→350）」, 「令和7年度に 1102 へ統合」.
    pub fn lifecycle_notes(&self, plan_start: FiscalYear, year: FiscalYear) -> Vec<String> {
        self.lifecycle_notes_in(plan_start, year, &Words::default())
    }

    /// [`Item::lifecycle_notes`] in the city's words (取組項目名, 担当部署 → its own).
    pub fn lifecycle_notes_in(
        &self,
        plan_start: FiscalYear,
        year: FiscalYear,
        words: &Words,
    ) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(from) = self.from.filter(|f| *f > plan_start && *f <= year) {
            notes.push(format!("{}に追加", era_year(from)));
        }
        let begun = self.from.unwrap_or(plan_start);
        let mut current = self.clone();
        let mut events: Vec<(FiscalYear, Option<&Revision>, Option<&str>)> = self
            .revisions
            .iter()
            .filter(|r| r.year <= year)
            .map(|r| (r.year, Some(r), None))
            .collect();
        for ind in &self.indicators {
            if let Some(from) = ind.from.filter(|f| *f > begun && *f <= year) {
                events.push((from, None, Some(ind.name.as_str())));
            }
        }
        events.sort_by_key(|e| e.0);
        for (when, r, added) in events {
            if let Some(name) = added {
                notes.push(format!("{}に指標「{name}」を追加", era_year(when)));
            }
            let Some(r) = r else { continue };
            let when = era_year(r.year);
            let note = r
                .note
                .as_ref()
                .map_or_else(String::new, |n| format!("。{n}"));
            if let Some(title) = &r.title {
                notes.push(format!(
                    "{when}に{}名を変更（「{}」→「{title}」）{note}",
                    words.item, current.title
                ));
                current.title = title.clone();
            }
            if let Some(lead) = &r.lead {
                let before = current
                    .lead
                    .clone()
                    .unwrap_or_else(|| crate::text::UNSET.into());
                notes.push(format!(
                    "{when}に{}を変更（{before}→{lead}）{note}",
                    words.lead
                ));
                current.lead = Some(lead.clone());
            }
            let k = self.revised_indicator(r);
            if let (Some(name), Some(indicator)) = (
                &r.indicator_name,
                k.and_then(|k| current.indicators.get_mut(k)),
            ) {
                notes.push(format!(
                    "{when}に指標名を変更（「{}」→「{name}」）{note}",
                    indicator.name
                ));
                indicator.name = name.clone();
            }
            if let (Some(target), Some(k)) = (r.target, k)
                && let Some(indicator) = current.indicators.get_mut(k)
            {
                let show = |v: Option<f64>| {
                    v.map_or_else(
                        || crate::text::UNSET.to_string(),
                        |v| format_grouped(v, indicator.decimals),
                    )
                };
                let name = if self.indicators.len() > 1 {
                    format!("{}の", indicator.name)
                } else {
                    String::new()
                };
                notes.push(format!(
                    "{when}に{name}目標値を見直し（{}→{}）{note}",
                    show(indicator.target),
                    show(Some(target))
                ));
                indicator.target = Some(target);
            }
        }
        if let Some(end) = self.end.as_ref().filter(|e| e.year <= year) {
            let when = era_year(end.year);
            notes.push(match (end.reason, &end.into) {
                (EndReason::Merged, Some(into)) => format!("{when}に {into} へ統合"),
                (EndReason::Merged, None) => format!("{when}に統合"),
                (EndReason::Completed, _) => format!("{when}に完了"),
                (EndReason::Abolished, _) => format!("{when}に廃止"),
            });
        }
        notes
    }
}

impl Plan {
    /// The plan as it stood in a fiscal year: only the items in force that year, each with its
    /// revisions up to the year applied. The same plan when no item has a life of its own.
    pub fn as_of(&self, year: FiscalYear) -> Plan {
        self.as_of_in(year, &Words::default())
    }

    /// [`Plan::as_of`] with the items' notes in the city's words.
    pub fn as_of_in(&self, year: FiscalYear, words: &Words) -> Plan {
        if !self.has_lifecycle() {
            return self.clone();
        }
        let mut plan = self.clone();
        plan.items = self
            .items
            .iter()
            .filter(|i| i.in_force(year))
            .map(|i| {
                let mut item = i.as_of(year);
                item.notes = i.lifecycle_notes_in(self.start_year, year, words);
                item
            })
            .collect();
        plan.ended = self
            .items
            .iter()
            .filter(|i| i.end.as_ref().is_some_and(|e| e.year < year))
            .map(|i| {
                let mut item = i.as_of(year);
                item.notes = i.lifecycle_notes_in(self.start_year, year, words);
                item
            })
            .collect();
        plan
    }

    /// Whether any item begins, ends or is revised within the period.
    pub fn has_lifecycle(&self) -> bool {
        self.items.iter().any(|i| {
            i.from.is_some()
                || i.end.is_some()
                || !i.revisions.is_empty()
                || i.indicators.iter().any(|x| x.from.is_some())
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::fiscal_year::FiscalYear;
    use crate::plan::parse_plan;

    const PLAN: &str = r#"
title = "計画"
municipality = "市"
start_year = 2024
end_year = 2027
baseline_year = 2023
target_year = 2027
departments = ["A課"]
pillars = [{ id = "1", name = "柱" }]

[[items]]
id = "1"
policy = "1"
title = "項目"
lead = "A課"
revisions = [
  { year = 2025, indicator = "件数", indicator_name = "相談件数", target = 30 },
  { year = 2026, indicator = "相談件数", target = 35, note = "実績を踏まえて" },
]
  [[items.indicators]]
  name = "件数"
  unit = "件"
  target = 20
  [[items.indicators]]
  name = "満足度"
  unit = "%"
  from = 2026
"#;

    fn plan() -> crate::plan::Plan {
        parse_plan(PLAN, Path::new("plan.toml")).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_indicator_renamed_keeps_its_place_and_an_added_one_comes_later() {
        let plan = plan();
        let names = |y: u16| -> Vec<(String, Option<f64>)> {
            plan.as_of(FiscalYear(y)).items[0]
                .indicators
                .iter()
                .map(|i| (i.name.clone(), i.target))
                .collect()
        };
        assert_eq!(names(2024), [("件数".to_string(), Some(20.0))]);
        assert_eq!(names(2025), [("相談件数".to_string(), Some(30.0))]);
        assert_eq!(
            names(2026),
            [
                ("相談件数".to_string(), Some(35.0)),
                ("満足度".to_string(), None)
            ]
        );
        let notes = &plan.as_of(FiscalYear(2026)).items[0].notes;
        assert_eq!(
            notes,
            &[
                "令和7年度に指標名を変更（「件数」→「相談件数」）",
                "令和7年度に相談件数の目標値を見直し（20→30）",
                "令和8年度に相談件数の目標値を見直し（30→35）。実績を踏まえて",
                "令和8年度に指標「満足度」を追加",
            ]
        );
        assert!(plan.as_of(FiscalYear(2024)).items[0].notes.is_empty());
    }

    #[test]
    fn notes_take_the_citys_words() {
        let text = PLAN.replace(
            "  { year = 2026, indicator",
            "  { year = 2027, title = \"新しい項目\", lead = \"A課\" },\n  { year = 2026, indicator",
        );
        let plan = parse_plan(&text, Path::new("plan.toml")).unwrap_or_else(|e| panic!("{e}"));
        let words = crate::plan::Words {
            item: "行動計画項目".into(),
            lead: "所管課".into(),
            ..Default::default()
        };
        let notes = plan.as_of_in(FiscalYear(2027), &words).items[0]
            .notes
            .join("\n");
        assert!(
            notes.contains("令和9年度に行動計画項目名を変更（「項目」→「新しい項目」）"),
            "{notes}"
        );
        assert!(
            notes.contains("令和9年度に所管課を変更（A課→A課）"),
            "{notes}"
        );
        let notes = plan.as_of(FiscalYear(2027)).items[0].notes.join("\n");
        assert!(notes.contains("令和9年度に取組項目名を変更"), "{notes}");
    }

    #[test]
    fn an_indicator_added_before_an_earlier_one_is_refused() {
        let text = PLAN.replace(
            "  [[items.indicators]]\n  name = \"件数\"",
            "  [[items.indicators]]\n  name = \"件数\"\n  from = 2027",
        );
        let err = parse_plan(&text, Path::new("plan.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("後から追加した指標1（from = 2027）より後に置いてください"),
            "{err}"
        );
        let text = PLAN.replace("from = 2026", "from = 2030");
        let err = parse_plan(&text, Path::new("plan.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("の from（2030）が計画期間（2024〜2027）の外です"),
            "{err}"
        );
    }
}
