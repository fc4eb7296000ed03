//! 計画期間の総括 on the index page (the plan's last year, or when the model carries the
//! period summary): the 効果額 of every plan year with the total, and each item's
//! evaluation per year with its completed 具体的な取組 and cumulative 効果額.

use std::fmt::Write as _;

use super::index::Numbers;
use super::{classed_table, esc, href};
use crate::fiscal_year::FiscalYear;
use crate::plan::PublishField;
use crate::publish::{Publication, with_unit};

/// The period section, when the model has a period summary.
pub(super) fn period_section(
    m: &mut String,
    p: &Publication<'_>,
    pages: &[String],
    n: &mut Numbers,
) {
    let model = p.model;
    let Some(period) = &model.period else {
        return;
    };
    let (action, effect) = (&p.words.action, &p.words.effect);
    let facts = &model.facts;
    let (first, last) = facts.period;
    let _ = writeln!(
        m,
        "<h2 id=\"soukatsu\">計画期間の総括（{}〜{}）</h2>",
        esc(&first.label()),
        esc(&last.label())
    );
    if period.actions > 0 {
        let _ = writeln!(
            m,
            "<p>計画期間を通じて、{}{}件のうち{}件が「{}」になりました。</p>",
            esc(action),
            period.actions,
            period.completed,
            esc(&period.completed_status)
        );
    }
    let unit = facts
        .effect_unit
        .as_deref()
        .filter(|_| p.shows(PublishField::EffectAmount));
    if let Some(unit) = unit {
        let mut t = format!(
            "<thead><tr><th scope=\"col\">年度</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            esc(effect)
        );
        for y in FiscalYear::span(first, last) {
            let amount = model
                .effects
                .years
                .iter()
                .position(|e| *e == y)
                .and_then(|k| model.effects.totals.get(k).copied());
            let _ = write!(
                t,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>",
                esc(&y.label()),
                esc(&amount.map_or_else(|| "報告なし".to_string(), |v| with_unit(v, 0, unit)))
            );
        }
        let _ = write!(
            t,
            "<tr class=\"total\"><th scope=\"row\">計画期間の合計</th><td class=\"num\">{}</td></tr></tbody>",
            esc(&with_unit(period.effect, 0, unit))
        );
        m.push_str(&classed_table(
            "table-period-effect",
            "period-effect",
            &format!("{} 年度ごとの{effect}と計画期間の合計", n.next()),
            &t,
        ));
    }
    let mut t = format!("<thead><tr><th scope=\"col\">{}</th>", esc(&p.words.item));
    for y in &period.years {
        let _ = write!(
            t,
            "<th scope=\"col\" class=\"nowrap\">{}</th>",
            esc(&y.era_label())
        );
    }
    let _ = write!(
        t,
        "<th scope=\"col\">{}の{}</th>",
        esc(action),
        esc(&period.completed_status)
    );
    if unit.is_some() {
        let _ = write!(t, "<th scope=\"col\">{}の累計</th>", esc(effect));
    }
    t.push_str("</tr></thead><tbody>");
    for row in &period.rows {
        let name = format!("{} {}", row.code, row.title);
        // Ended items stay in the summary without a page of this year.
        let page = model
            .items
            .iter()
            .position(|i| i.code == row.code)
            .and_then(|k| pages.get(k));
        let name = match page {
            Some(page) => format!("<a href=\"{}\">{}</a>", href(page), esc(&name)),
            None => esc(&name),
        };
        let _ = write!(t, "<tr><th scope=\"row\">{name}</th>");
        for e in &row.evaluations {
            let _ = write!(
                t,
                "<td class=\"nowrap\">{}</td>",
                esc(e.as_deref().unwrap_or("評価なし"))
            );
        }
        let actions = if row.actions == 0 {
            "―".to_string()
        } else {
            format!("{}／{}", row.completed, row.actions)
        };
        let _ = write!(t, "<td class=\"num\">{actions}</td>");
        if let Some(unit) = unit {
            let _ = write!(
                t,
                "<td class=\"num\">{}</td>",
                esc(&row
                    .effect
                    .map_or_else(|| "―".to_string(), |v| with_unit(v, 0, unit)))
            );
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody>");
    let years: Vec<String> = period.years.iter().map(|y| y.label()).collect();
    let _ = writeln!(
        m,
        "<p>{}ごとの各年度の評価（{}）です。記号の意味は「評価の見方」のとおりです。</p>",
        esc(&p.words.item),
        esc(&years.join("、"))
    );
    m.push_str(&classed_table(
        "table-period",
        "summary sticky period",
        &format!(
            "{} {}ごとの計画期間の評価と{effect}",
            n.next(),
            p.words.item
        ),
        &t,
    ));
}
