//! `gyokaku plan`: validates the plan master and prints its 体系.

use std::fmt::Write;
use std::process::ExitCode;

use super::{CmdError, Paths};
use crate::form::UNSET;
use crate::numbers::format_grouped;
use crate::plan::{Direction, Plan};

/// Runs the command.
pub fn run(paths: &Paths) -> Result<ExitCode, CmdError> {
    let loaded = super::load(paths)?;
    print!("{}", outline(&loaded.plan));
    Ok(ExitCode::SUCCESS)
}

/// The plan's 体系 as indented text.
pub fn outline(plan: &Plan) -> String {
    let mut out = String::new();
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
        "取組項目: {}件　部署: {}",
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
                "{indent}{} {}{continuity} 担当: {lead}　取組: {implementers}{sample}",
                item.code(),
                item.title,
            );
            for ind in &item.indicators {
                let v = |x: Option<f64>| {
                    x.map_or_else(|| UNSET.to_string(), |x| format_grouped(x, ind.decimals))
                };
                let dir = match ind.direction {
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
                    "{indent}     指標: {}（{}） 基準 {} → 目標 {}{dir}{sample}",
                    ind.name,
                    ind.unit,
                    v(ind.baseline),
                    v(ind.target)
                );
            }
        }
    }
    out
}
