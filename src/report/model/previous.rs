//! Last year's reported values as the department forms show them beside the inputs.

use crate::form::template::PreviousValues;
use crate::form::{Field, SheetKind};
use crate::merge::YearProgress;
use crate::numbers::format_grouped;
use crate::plan::{Aggregation, Plan};

/// A department's values of the previous year, formatted for display: evaluation, statuses,
/// indicator values and 効果額 of the items it leads; its own 実施内容 and shares of summed
/// indicators of the items it implements.
pub fn previous_values(plan: &Plan, year: &YearProgress, dept: &str) -> PreviousValues {
    let mut out = PreviousValues::new();
    for (item, record) in plan.items.iter().zip(&year.items) {
        let code = item.code().to_string();
        if item.lead.as_deref() == Some(dept) && record.state.has_record() {
            let mut put = |field: Field, text: String| {
                out.insert((code.clone(), SheetKind::Lead, field), text);
            };
            if let Some(e) = &record.evaluation {
                put(Field::Evaluation, e.clone());
            }
            for (i, status) in record.statuses.iter().enumerate() {
                if let Some(s) = status {
                    put(Field::ActionStatus(i), s.clone());
                }
            }
            for (i, (ind, value)) in item.indicators.iter().zip(&record.indicators).enumerate() {
                let own = match ind.aggregation {
                    Aggregation::Lead => value.value,
                    Aggregation::Sum => value.parts.first().and_then(|p| p.value),
                };
                if let Some(v) = own {
                    put(Field::Indicator(i), format_grouped(v, ind.decimals));
                }
            }
            if let Some(v) = record.effect_amount {
                put(Field::EffectAmount, format_grouped(v, 0));
            }
        }
        for c in record.contributions.iter().filter(|c| c.department == dept) {
            if let Some(work) = &c.work_done {
                out.insert(
                    (code.clone(), SheetKind::Contribution, Field::WorkDone),
                    work.clone(),
                );
            }
            for (i, v) in &c.values {
                let decimals = item.indicators.get(*i).map_or(0, |ind| ind.decimals);
                out.insert(
                    (code.clone(), SheetKind::Contribution, Field::Indicator(*i)),
                    format_grouped(*v, decimals),
                );
            }
        }
    }
    out
}
