//! The page of one 取組項目: plan facts, the year's evaluation, the actions with their
//! status, what was done, the indicators over the years (table and chart), issues, next
//! steps, and the departments' parts. An item without a usable report is shown as such,
//! with its plan facts.

use std::fmt::Write as _;

use super::{classed_table, esc, href, paragraphs, standing_html, svg};
use crate::plan::PublishField;
use crate::publish::{Publication, state_word, with_unit};
use crate::report::model::{IndicatorReport, ItemReport, Rate, Role};
use crate::submission::DeptState;

/// A department's standing in plain words.
fn dept_word(state: DeptState, words: &crate::plan::Words) -> std::borrow::Cow<'static, str> {
    crate::report::model::StateLabel::plain_in(state, words)
}

/// A text field of the year, or what stands in for it.
fn field(text: Option<&str>, has_record: bool) -> String {
    match text {
        Some(t) if !t.trim().is_empty() => paragraphs(t),
        _ if has_record => "<p class=\"muted\">記入はありません。</p>".into(),
        _ => "<p class=\"muted\">報告がまだないため、表示できません（集計中）。</p>".into(),
    }
}

/// A value of an indicator with its unit, or a word.
fn value_text(v: Option<f64>, x: &IndicatorReport, missing: &str) -> String {
    v.map_or_else(
        || missing.to_string(),
        |v| with_unit(v, x.decimals, &x.unit),
    )
}

/// A target with its unit and the indicator's comparison ("96.0%未満"), or `missing`.
fn target_value_text(v: Option<f64>, x: &IndicatorReport, missing: &str) -> String {
    v.map_or_else(
        || missing.to_string(),
        |v| {
            format!(
                "{}{}",
                with_unit(v, x.decimals, &x.unit),
                x.comparison_label()
            )
        },
    )
}

/// Text of a rate for citizens.
fn rate_text(rate: Rate) -> String {
    match rate {
        Rate::Value(_) => rate.label(),
        Rate::Unset => "―（目標が未設定）".into(),
        Rate::NotReported => "―（実績の報告なし）".into(),
        Rate::Undefined => "―（算出できません）".into(),
    }
}

/// One indicator: heading, chart, table.
fn indicator(p: &Publication<'_>, item_no: usize, x: &IndicatorReport, out: &mut String) {
    let model = p.model;
    let facts = &model.facts;
    let id = format!("ind-{}", x.index + 1);
    let sample = if x.sample { "（サンプル）" } else { "" };
    let _ = writeln!(out, "<h3 id=\"{id}\">{}{sample}</h3>", esc(&x.label));
    let direction = match x.direction {
        crate::plan::Direction::Higher => "大きいほど良い指標です",
        crate::plan::Direction::Lower => "小さいほど良い指標です",
    };
    let how = match x.aggregation {
        crate::plan::Aggregation::Lead => "",
        crate::plan::Aggregation::Sum => "関係する部署の値の合計です。",
    };
    if x.comparison.is_some() {
        let _ = writeln!(
            out,
            "<p>単位: {}。{direction}。{how}目標は {}。{}の判定: <strong>{}</strong></p>",
            esc(&x.unit),
            esc(&target_value_text(x.target, x, "未設定")),
            esc(&model.year.label()),
            esc(&x.achievement_text(x.rate, x.judgement))
        );
    } else {
        let _ = writeln!(
            out,
            "<p>単位: {}。{direction}。{how}{}の達成率（目標値に対して）: <strong>{}</strong></p>",
            esc(&x.unit),
            esc(&model.year.label()),
            esc(&rate_text(x.rate))
        );
    }
    // Chart: the plan line from the baseline through yearly targets to the target; the
    // reported values.
    let mut plan = Vec::new();
    if let Some(b) = x.baseline {
        plan.push(svg::Point {
            year: x.baseline_year.western(),
            value: b,
        });
    }
    for v in &x.values {
        if let Some(t) = v.target
            && v.year != facts.target_year
        {
            plan.push(svg::Point {
                year: v.year.western(),
                value: t,
            });
        }
    }
    if let Some(t) = x.target {
        plan.push(svg::Point {
            year: facts.target_year.western(),
            value: t,
        });
    }
    let actual: Vec<Option<svg::Point>> = x
        .values
        .iter()
        .map(|v| {
            v.value.map(|value| svg::Point {
                year: v.year.western(),
                value,
            })
        })
        .collect();
    let first = [
        x.baseline_year.western(),
        model.years.first().map_or(u16::MAX, |y| y.western()),
    ]
    .into_iter()
    .min()
    .unwrap_or(x.baseline_year.western());
    let last = [
        facts.target_year.western(),
        model.years.last().map_or(0, |y| y.western()),
    ]
    .into_iter()
    .max()
    .unwrap_or(facts.target_year.western());
    let mut desc = Vec::new();
    if let Some(b) = x.baseline {
        desc.push(format!(
            "基準値 {}（{}）",
            with_unit(b, x.decimals, &x.unit),
            x.baseline_year.label()
        ));
    }
    for v in &x.values {
        desc.push(format!(
            "{} 実績 {}",
            v.year.label(),
            value_text(v.value, x, "報告なし")
        ));
    }
    if let Some(t) = x.target {
        desc.push(format!(
            "目標値 {}（{}）",
            target_value_text(Some(t), x, ""),
            facts.target_year.label()
        ));
    }
    let figure_no = format!("図{}", x.index + 1);
    if actual.iter().any(Option::is_some) || !plan.is_empty() {
        let chart = svg::line_chart(
            &format!("chart-{item_no}-{}", x.index + 1),
            &format!("{figure_no} {}の推移", x.name),
            &desc.join("、"),
            (first, last),
            &actual,
            &plan,
            x.decimals,
        );
        let _ = writeln!(
            out,
            "<figure>{chart}<figcaption>{figure_no} {}の推移（単位: {}）。同じ数値を表{}に示します。</figcaption></figure>",
            esc(&x.name),
            esc(&x.unit),
            x.index + 1
        );
    } else {
        out.push_str(
            "<p class=\"muted\">基準値・目標値・実績がまだないため、グラフはありません。</p>\n",
        );
    }
    let yearly = x.has_yearly_targets();
    let mut t = String::from(
        "<thead><tr><th scope=\"col\">年度</th><th scope=\"col\">区分</th><th scope=\"col\">値</th>",
    );
    if yearly {
        t.push_str("<th scope=\"col\">年度目標</th><th scope=\"col\">年度目標に対する達成率</th>");
    }
    t.push_str("<th scope=\"col\">目標値に対する達成率</th></tr></thead><tbody>");
    let blank = if yearly {
        "<td class=\"num\" data-label=\"年度目標\">―</td><td class=\"num\" data-label=\"年度目標に対する達成率\">―</td><td class=\"num\" data-label=\"目標値に対する達成率\">―</td>"
    } else {
        "<td class=\"num\" data-label=\"目標値に対する達成率\">―</td>"
    };
    let _ = write!(
        t,
        "<tr><th scope=\"row\" class=\"nowrap\">{}</th><td class=\"nowrap\" data-label=\"区分\">基準値</td><td class=\"num\" data-label=\"値\">{}</td>{blank}</tr>",
        esc(&x.baseline_year.label()),
        esc(&value_text(x.baseline, x, "未設定"))
    );
    for v in &x.values {
        let note = if v.incomplete && v.value.is_some() {
            "（一部の部署が未報告）"
        } else {
            ""
        };
        let _ = write!(
            t,
            "<tr><th scope=\"row\" class=\"nowrap\">{}</th><td data-label=\"区分\">実績{note}</td><td class=\"num\" data-label=\"値\">{}</td>",
            esc(&v.year.label()),
            esc(&value_text(v.value, x, "報告なし"))
        );
        if yearly {
            let _ = write!(
                t,
                "<td class=\"num\" data-label=\"年度目標\">{}</td><td class=\"num\" data-label=\"年度目標に対する達成率\">{}</td>",
                esc(&target_value_text(v.target, x, "―")),
                esc(&match v.rate {
                    Rate::Value(_) => v.rate.label(),
                    _ => "―".into(),
                })
            );
        }
        let _ = write!(
            t,
            "<td class=\"num\" data-label=\"目標値に対する達成率\">{}</td></tr>",
            esc(&match (v.judgement, v.final_rate) {
                (Some(_), _) => x.achievement_text(v.final_rate, v.judgement),
                (None, Rate::Value(_)) => v.final_rate.label(),
                _ => "―".into(),
            })
        );
    }
    let _ = write!(
        t,
        "<tr><th scope=\"row\" class=\"nowrap\">{}</th><td class=\"nowrap\" data-label=\"区分\">目標値</td><td class=\"num\" data-label=\"値\">{}</td>{blank}</tr></tbody>",
        esc(&facts.target_year.label()),
        esc(&target_value_text(x.target, x, "未設定"))
    );
    out.push_str(&classed_table(
        &format!("table-{id}"),
        "indicator cards",
        &format!("表{} {}の基準値・実績・目標値", x.index + 1, x.name),
        &t,
    ));
}

/// これまでの評価: the item's evaluation in every year of the history, with its
/// 具体的な取組 and 効果額 of that year.
fn history(m: &mut String, p: &Publication<'_>, it: &ItemReport) {
    let model = p.model;
    let years: Vec<_> = model
        .item_years
        .iter()
        .filter(|y| y.code == it.code)
        .collect();
    if model.years.len() < 2 {
        return;
    }
    let unit = model
        .facts
        .effect_unit
        .as_deref()
        .filter(|_| p.shows(PublishField::EffectAmount));
    m.push_str("<h2 id=\"suii\">これまでの評価</h2>\n");
    let status = esc(&format!("{}の状況", p.words.action));
    let effect = esc(&p.words.effect);
    let mut t = format!(
        "<thead><tr><th scope=\"col\">年度</th><th scope=\"col\">評価</th><th scope=\"col\">{status}</th>",
    );
    if unit.is_some() {
        let _ = write!(t, "<th scope=\"col\">{effect}</th>");
    }
    t.push_str("</tr></thead><tbody>");
    for year in &model.years {
        let record = years.iter().find(|y| y.year == *year);
        let evaluation = match record {
            Some(r) if r.state.has_record() => r
                .evaluation
                .as_ref()
                .map_or_else(|| "評価の記入なし".to_string(), |e| e.text()),
            Some(r) => state_word(r.state, p.words).into_owned(),
            None => "記録なし".to_string(),
        };
        let statuses = record
            .map(|r| r.status_summary.as_str())
            .filter(|s| !s.is_empty())
            .unwrap_or("―");
        let _ = write!(
            t,
            "<tr><th scope=\"row\" class=\"nowrap\">{}</th><td data-label=\"評価\">{}</td><td data-label=\"{status}\">{}</td>",
            esc(&year.label()),
            esc(&evaluation),
            esc(statuses)
        );
        if let Some(unit) = unit {
            let amount = record.and_then(|r| r.effect_amount);
            let _ = write!(
                t,
                "<td class=\"num\" data-label=\"{effect}\">{}</td>",
                esc(&amount.map_or_else(|| "―".to_string(), |v| with_unit(v, 0, unit)))
            );
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody>");
    m.push_str(&classed_table(
        "table-history",
        "history cards",
        &format!("{}の年度ごとの評価", it.title),
        &t,
    ));
}

/// The main content of an item's page.
pub fn item_main(
    p: &Publication<'_>,
    it: &ItemReport,
    prev: Option<(&ItemReport, &String)>,
    next: Option<(&ItemReport, &String)>,
) -> String {
    let model = p.model;
    let facts = &model.facts;
    let w = p.words;
    let year = model.year.label();
    let has = it.state.has_record();
    let item_no = model
        .items
        .iter()
        .position(|i| i.code == it.code)
        .unwrap_or(0)
        + 1;
    let mut m = String::new();
    let _ = writeln!(
        m,
        "<h1><span class=\"code\">{}</span>{}</h1>",
        esc(&it.code),
        esc(&it.title)
    );
    let _ = writeln!(
        m,
        "<p class=\"standing\">{}の評価: {}</p>",
        esc(&year),
        standing_html(model, it)
    );
    match it.state {
        s if s.has_record() => {
            if s == crate::merge::ItemState::NeedsReview {
                m.push_str("<p class=\"notice\">報告の一部の記入内容を確認しています。確認が終わりしだい、内容が変わることがあります。</p>\n");
            }
        }
        s => {
            let _ = writeln!(
                m,
                "<p class=\"notice\">この{}の{}の報告は「{}」のため、評価と実施内容はまだ表示できません。計画の内容と、これまでの指標の値を掲載しています。</p>",
                esc(&w.item),
                esc(&year),
                esc(&state_word(s, w))
            );
        }
    }
    if it.sample {
        let _ = writeln!(
            m,
            "<p class=\"notice\">この{}には、計画に記載がなく試行のために補った「サンプル」の値（部署や指標）が含まれます。</p>",
            esc(&w.item)
        );
    }
    history(&mut m, p, it);
    // Plan facts.
    m.push_str("<h2>計画の内容</h2>\n<dl class=\"facts\">");
    let mut fact = |k: &str, v: &str| {
        let _ = write!(m, "<dt>{}</dt><dd>{}</dd>", esc(k), paragraphs(v));
    };
    fact(&w.policy, &it.policy);
    if facts.has_continuity {
        fact("前期計画", it.continuity.as_deref().unwrap_or("―"));
    }
    fact(&w.lead, it.lead.as_deref().unwrap_or("未設定"));
    fact(&w.participant, it.implementers.as_deref().unwrap_or("―"));
    if let Some(o) = &it.outcome {
        fact("目指す姿（アウトカム）", o);
    }
    if let Some(s) = &it.situation {
        fact("現状と課題（計画策定時）", s);
    }
    // The item's life in the plan (added, revised, ended): the report model's notes, as the
    // committee PDF prints them.
    if !it.lifecycle.is_empty() {
        fact("計画の変更", &it.lifecycle.join("\n"));
    }
    m.push_str("</dl>\n");
    // Actions.
    let _ = writeln!(m, "<h2>{}と{}の状況</h2>", esc(&w.action), esc(&year));
    if it.actions.is_empty() {
        let _ = writeln!(
            m,
            "<p class=\"muted\">計画に{}の記載はありません。</p>",
            esc(&w.action)
        );
    } else {
        let mut t = format!(
            "<thead><tr><th scope=\"col\">番号</th><th scope=\"col\">{}</th><th scope=\"col\">状況</th></tr></thead><tbody>",
            esc(&w.action)
        );
        for (k, a) in it.actions.iter().enumerate() {
            let status = match (&a.status, has) {
                (Some(s), _) => s.clone(),
                (None, true) => "記入なし".into(),
                (None, false) => "集計中".into(),
            };
            let _ = write!(
                t,
                "<tr><td class=\"num\" data-label=\"番号\">{}</td><th scope=\"row\">{}</th><td class=\"nowrap\" data-label=\"状況\">{}</td></tr>",
                k + 1,
                esc(&a.text),
                esc(&status)
            );
        }
        t.push_str("</tbody>");
        m.push_str(&classed_table(
            "table-actions",
            "actions cards",
            &format!("{}と{year}の状況", w.action),
            &t,
        ));
    }
    if p.shows(PublishField::WorkDone) {
        let _ = writeln!(m, "<h2>{}に実施した内容</h2>", esc(&year));
        m.push_str(&field(it.work_done.as_deref(), has));
    }
    // Indicators.
    m.push_str("<h2>指標の推移</h2>\n");
    if it.indicators.is_empty() {
        let _ = writeln!(
            m,
            "<p class=\"muted\">この{}には、計画で定めた指標はありません。</p>",
            esc(&w.item)
        );
    } else {
        let _ = writeln!(
            m,
            "<p>指標は、取組の成果を数字で確かめるためのものです。{}</p>",
            esc(facts.achievement.description())
        );
        for x in &it.indicators {
            indicator(p, item_no, x, &mut m);
        }
    }
    if p.shows(PublishField::Issues) {
        m.push_str("<h2>課題</h2>\n");
        m.push_str(&field(it.issues.as_deref(), has));
    }
    if p.shows(PublishField::NextSteps) {
        m.push_str("<h2>今後の方向性</h2>\n");
        m.push_str(&field(it.next_steps.as_deref(), has));
    }
    if p.shows(PublishField::CommitteeOpinions) {
        if it.has_previous_opinion_or_response() {
            let opinion = match &it.previous_opinion {
                Some(opinion) => paragraphs(opinion),
                None => "<p class=\"muted\">この取組への意見はありませんでした。</p>".into(),
            };
            let _ = writeln!(
                m,
                "<h2>{}の委員会意見と対応</h2>\n<h3>委員会の意見</h3>\n{}\n<h3>{}の対応</h3>\n{}",
                esc(&p.model.year.previous().label()),
                opinion,
                esc(&w.lead),
                field(it.response.as_deref(), has)
            );
        }
        if let Some(opinion) = &it.opinion {
            let _ = writeln!(
                m,
                "<h2>{}の取組に対する委員会の意見</h2>\n{}",
                esc(&year),
                paragraphs(opinion)
            );
        }
    }
    if p.shows(PublishField::EffectAmount)
        && let Some(unit) = &facts.effect_unit
    {
        let effect = esc(&w.effect);
        let _ = writeln!(m, "<h2>{effect}</h2>");
        match it.effect_amount {
            Some(v) => {
                let _ = writeln!(
                    m,
                    "<p>{}の{effect}（経費の削減額・増収額）: <strong>{}</strong></p>",
                    esc(&year),
                    esc(&with_unit(v, 0, unit))
                );
            }
            None => {
                let _ = writeln!(
                    m,
                    "<p class=\"muted\">{}の{effect}の報告はありません。</p>",
                    esc(&year)
                );
            }
        }
    }
    // Departments.
    let contributions: Vec<_> = it.contributions().collect();
    if !contributions.is_empty() {
        m.push_str("<h2>関係する部署の取組</h2>\n");
        let work = p.shows(PublishField::ContributionWork);
        let summed: Vec<&IndicatorReport> = it.summed_indicators().collect();
        let mut t = String::from(
            "<thead><tr><th scope=\"col\">部署</th><th scope=\"col\">役割</th><th scope=\"col\">報告</th>",
        );
        if work {
            t.push_str("<th scope=\"col\">実施内容</th>");
        }
        for x in &summed {
            let _ = write!(
                t,
                "<th scope=\"col\">{}（{}）</th>",
                esc(&x.label),
                esc(&x.unit)
            );
        }
        t.push_str("</tr></thead><tbody>");
        for d in &it.departments {
            let role = esc(match d.role {
                Role::Lead => &w.lead,
                Role::Implementer => &w.participant,
            });
            let _ = write!(
                t,
                "<tr><th scope=\"row\">{}</th><td class=\"nowrap\" data-label=\"役割\">{role}</td><td class=\"nowrap\" data-label=\"報告\">{}</td>",
                esc(&d.department),
                dept_word(d.state, w)
            );
            if work {
                let text = match (d.role, &d.work_done) {
                    (Role::Lead, _) if p.shows(PublishField::WorkDone) => {
                        "（上の「実施した内容」のとおり）".to_string()
                    }
                    (Role::Lead, _) => "―".to_string(),
                    (_, Some(w)) if !w.trim().is_empty() => w.clone(),
                    (_, _) if d.state == DeptState::Submitted => "記入なし".into(),
                    _ => "―".into(),
                };
                let _ = write!(
                    t,
                    "<td data-label=\"実施内容\">{}</td>",
                    esc(&text).replace('\n', "<br>")
                );
            }
            for (k, x) in summed.iter().enumerate() {
                let v = d.values.get(k).copied().flatten();
                let _ = write!(
                    t,
                    "<td class=\"num\" data-label=\"{}（{}）\">{}</td>",
                    esc(&x.label),
                    esc(&x.unit),
                    esc(&v.map_or_else(
                        || "―".to_string(),
                        |v| crate::numbers::format_grouped(v, x.decimals)
                    ))
                );
            }
            t.push_str("</tr>");
        }
        t.push_str("</tbody>");
        m.push_str(&classed_table(
            "table-departments",
            "departments cards",
            &format!("関係する部署の{year}の取組"),
            &t,
        ));
    }
    // Previous / next.
    let _ = write!(
        m,
        "<nav class=\"pager\" aria-label=\"ほかの{}\">",
        esc(&w.item)
    );
    if let Some((i, page)) = prev {
        let _ = write!(
            m,
            "<a href=\"{}\" rel=\"prev\">前の取組: {} {}</a>",
            href(page),
            esc(&i.code),
            esc(&i.title)
        );
    }
    let _ = write!(
        m,
        "<a href=\"{}#ichiran\">取組の一覧へ戻る</a>",
        super::INDEX
    );
    if let Some((i, page)) = next {
        let _ = write!(
            m,
            "<a href=\"{}\" rel=\"next\">次の取組: {} {}</a>",
            href(page),
            esc(&i.code),
            esc(&i.title)
        );
    }
    m.push_str("</nav>\n");
    m
}
