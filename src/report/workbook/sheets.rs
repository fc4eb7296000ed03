//! The sheets of the consolidated workbook, each a table of columns over the report model.

use rust_xlsxwriter::{Chart, ChartLegendPosition, ChartType, Worksheet};

use super::{
    Column, RowStyle, Styles, Val, center, finish_sheet, item_columns, left, plain_table,
    start_sheet, write_row, write_rows,
};
use crate::form::UNSET;
use crate::plan::Words;
use crate::report::ReportError;
use crate::report::model::{
    DepartmentPart, EffectLine, EffectRow, IndicatorReport, ItemReport, Rate, ReportModel,
    StateLabel, Summary, SummaryKind, SummaryRow, UNRATED, unrated_meaning,
};

/// 総括: items per evaluation and 取組方針, this year, the previous year and the change.
pub(super) fn summary(
    ws: &mut Worksheet,
    model: &ReportModel,
    s: &Styles,
) -> Result<(), ReportError> {
    let summary = &model.summary;
    let codes = &summary.columns;
    let n = codes.len();
    let w = &model.facts.words;
    let columns = summary_columns(summary, w);
    let title = format!("評価の集計（{}別）", w.policy);
    start_sheet(ws, model, "総括", &title, &columns, s)?;
    let end = write_rows(
        ws,
        &columns,
        summary.rows.iter().map(|r| (r, summary_style(r))),
        s,
    )?;
    finish_sheet(ws, end - 1, 2 + n * 3 + 2)?;
    let note_row = end + 1;
    ws.write_with_format(
        note_row,
        0,
        format!(
            "前年度 = {}。{UNRATED} = {}。",
            model.year.previous().label(),
            unrated_meaning(w)
        ),
        &s.note,
    )?;
    for (i, level) in model.levels.iter().enumerate() {
        ws.write_with_format(
            note_row + 1 + i as u32,
            0,
            level.legend_with_meaning(),
            &s.note,
        )?;
    }

    // Native chart: stacked bars per 取組方針. A chart's categories are one contiguous
    // range, and the table has subtotals between the policies: the chart reads a block of
    // the policy rows alone, written beside it.
    let chart_row = note_row + 2 + model.levels.len() as u32;
    let data_col = (2 + n * 3 + 3) as u16;
    let chart_note = format!("グラフ用（{}別の件数）", w.policy);
    ws.write_with_format(chart_row, data_col, chart_note, &s.note)?;
    ws.write_with_format(chart_row + 1, data_col, &w.policy, &s.header)?;
    ws.set_column_width(data_col, 28)?;
    for (i, code) in codes.iter().enumerate() {
        ws.write_with_format(
            chart_row + 1,
            data_col + 1 + i as u16,
            code.as_str(),
            &s.header,
        )?;
    }
    let policies: Vec<&SummaryRow> = summary.policy_rows().collect();
    let first = chart_row + 2;
    for (k, row) in policies.iter().enumerate() {
        let r = first + k as u32;
        ws.write_with_format(r, data_col, row.label(), &s.text)?;
        for (i, v) in row.current.iter().enumerate() {
            ws.write_number_with_format(r, data_col + 1 + i as u16, *v as f64, &s.center)?;
        }
    }
    let last = first + policies.len().saturating_sub(1) as u32;
    let mut chart = Chart::new(ChartType::BarStacked);
    let colors = crate::report::palette::columns(codes.len(), model.ranked_levels());
    for (i, code) in codes.iter().enumerate() {
        let col = data_col + 1 + i as u16;
        chart
            .add_series()
            .set_name(code.as_str())
            .set_categories(("総括", first, data_col, last, data_col))
            .set_values(("総括", first, col, last, col))
            .set_format(&mut super::chart_fill::series(i, colors[i]));
    }
    chart
        .title()
        .set_name(&format!("{}別の評価（件数）", w.policy));
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.y_axis().set_reverse();
    ws.insert_chart(chart_row, 0, &chart)?;
    // Below the chart: the 具体的な取組 counted by status (実施状況), the same way.
    super::cycle::status_table(ws, model, chart_row + 17, s)
}

/// The columns of a summary table: id, name, then per column this year, the previous year
/// and the change.
pub(super) fn summary_columns<'a>(
    summary: &'a Summary,
    words: &Words,
) -> Vec<Column<'a, SummaryRow>> {
    let codes = &summary.columns;
    let dash = || Val::Text("―".into());
    let mut columns: Vec<Column<'_, SummaryRow>> = vec![
        left("番号", 8.0, |r: &SummaryRow| Val::Text(r.id.clone())),
        left(words.policy.as_str(), 30.0, |r: &SummaryRow| {
            Val::Text(r.name.clone())
        }),
    ];
    for (k, code) in codes.iter().enumerate() {
        columns.push(left(
            format!("{code}（今年度）"),
            9.0,
            move |r: &SummaryRow| Val::Number(r.current[k] as f64, 0),
        ));
    }
    columns.push(left("計（今年度）", 9.0, |r: &SummaryRow| {
        Val::Number(r.total() as f64, 0)
    }));
    for (k, code) in codes.iter().enumerate() {
        columns.push(left(
            format!("{code}（前年度）"),
            9.0,
            move |r: &SummaryRow| {
                r.previous
                    .as_ref()
                    .map_or_else(dash, |p| Val::Number(p[k] as f64, 0))
            },
        ));
    }
    columns.push(left("計（前年度）", 9.0, move |r: &SummaryRow| {
        r.previous_total()
            .map_or_else(dash, |t| Val::Number(t as f64, 0))
    }));
    for (k, code) in codes.iter().enumerate() {
        columns.push(left(
            format!("{code}（増減）"),
            9.0,
            move |r: &SummaryRow| r.change(k).map_or_else(dash, |d| Val::Signed(d as f64)),
        ));
    }
    columns
}

/// Subtotal and total rows are shaded.
pub(super) fn summary_style(r: &SummaryRow) -> RowStyle {
    match r.kind {
        SummaryKind::Policy => RowStyle::Plain,
        SummaryKind::Subtotal | SummaryKind::Total => RowStyle::Total,
    }
}

/// 取組一覧 (進行管理表): one row per item.
pub(super) fn items(
    ws: &mut Worksheet,
    model: &ReportModel,
    s: &Styles,
) -> Result<(), ReportError> {
    let w = &model.facts.words;
    let effect_heading = match &model.facts.effect_unit {
        Some(unit) => format!("{}（{unit}）", w.effect),
        None => w.effect.clone(),
    };
    let mut columns: Vec<Column<'_, ItemReport>> = vec![
        center(w.code.as_str(), 9.0, |i: &ItemReport| {
            Val::Text(i.code.clone())
        }),
        left(w.policy.as_str(), 18.0, |i: &ItemReport| {
            Val::Text(i.policy.clone())
        }),
        left(w.item.as_str(), 24.0, |i: &ItemReport| {
            Val::Text(i.title.clone())
        }),
        center("前期計画", 8.0, |i: &ItemReport| {
            Val::opt(i.continuity.as_deref())
        }),
        left(w.lead.as_str(), 14.0, |i: &ItemReport| {
            Val::Text(i.lead.as_deref().unwrap_or(UNSET).to_string())
        }),
        left(w.participant.as_str(), 16.0, |i: &ItemReport| {
            Val::opt(i.implementers.as_deref())
        }),
        center("評価", 6.0, |i: &ItemReport| {
            Val::opt(i.evaluation.as_ref().map(|e| e.code.as_str()))
        }),
        left(format!("{}の状況", w.action), 14.0, |i: &ItemReport| {
            Val::Text(i.status_summary.clone())
        }),
        left("実施内容", 44.0, |i: &ItemReport| {
            Val::opt(i.work_done.as_deref())
        }),
        left("課題", 30.0, |i: &ItemReport| {
            Val::opt(i.issues.as_deref())
        }),
        left("今後の方向性", 30.0, |i: &ItemReport| {
            Val::opt(i.next_steps.as_deref())
        }),
        left(effect_heading.as_str(), 12.0, |i: &ItemReport| {
            i.effect_amount.map_or(Val::Empty, |v| Val::Number(v, 0))
        }),
        center("提出状況", 10.0, |i: &ItemReport| {
            Val::Text(i.state_label.clone())
        }),
        left("追加・見直し・終了", 24.0, |i: &ItemReport| {
            Val::Text(i.lifecycle.join("\n"))
        }),
        left("備考", 12.0, |i: &ItemReport| {
            Val::Text(
                if i.sample_departments {
                    "サンプル部署"
                } else {
                    ""
                }
                .to_string(),
            )
        }),
    ];
    // Columns the plan or the settings do not use are left out.
    let facts = &model.facts;
    columns.retain(|c| match c.heading.as_str() {
        "前期計画" => facts.has_continuity,
        "追加・見直し・終了" => model.items.iter().any(|i| !i.lifecycle.is_empty()),
        heading if heading == effect_heading => facts.effect_unit.is_some(),
        _ => true,
    });
    plain_table(
        ws,
        model,
        ("取組一覧", "取組一覧（進行管理表）"),
        &columns,
        &model.items,
        s,
    )?;
    Ok(())
}

/// A number, or a centred word when there is none.
fn number_or(value: Option<f64>, decimals: u8, word: &str) -> Val {
    value.map_or_else(|| Val::Text(word.to_string()), |v| Val::Number(v, decimals))
}

/// A target: a number, shown as "96.0%未満" by its format when the indicator has a comparison.
pub(super) fn target_val(x: &IndicatorReport, value: Option<f64>, word: &str) -> Val {
    match (x.comparison, value) {
        (Some(c), Some(v)) => Val::NumberWith(v, x.decimals, format!("{}{}", x.unit, c.label())),
        _ => number_or(value, x.decimals, word),
    }
}

/// An achievement: the 達成率 as a percentage, or with a comparison 達成 / 未達成 (with the
/// rate when it has one) as text.
pub(super) fn achievement_val(
    x: &IndicatorReport,
    rate: Rate,
    judgement: Option<crate::report::model::Judgement>,
) -> Val {
    match (judgement, rate) {
        (None, Rate::Value(v)) => Val::Percent(v),
        (None, other) => Val::Text(other.label()),
        (Some(_), _) => Val::Text(x.achievement_text(rate, judgement)),
    }
}

/// 指標: one row per item and indicator, every year's value, the target and the rate.
pub(super) fn indicators(
    ws: &mut Worksheet,
    model: &ReportModel,
    s: &Styles,
) -> Result<(), ReportError> {
    type Row<'m> = (&'m ItemReport, &'m IndicatorReport);
    let facts = &model.facts;
    let mut columns: Vec<Column<'_, Row<'_>>> =
        item_columns(&facts.words, 9.0, 24.0, |(i, _): &Row<'_>| {
            (i.code.as_str(), i.title.as_str())
        });
    columns.extend([
        left("指標", 24.0, |(_, x): &Row<'_>| {
            Val::Text(x.label.clone())
        }),
        center("単位", 7.0, |(_, x): &Row<'_>| Val::Text(x.unit.clone())),
        center("方向", 7.0, |(_, x): &Row<'_>| {
            Val::Text(x.direction_label().into())
        }),
        center("集計", 7.0, |(_, x): &Row<'_>| {
            Val::Text(x.aggregation_label().into())
        }),
        center(
            format!("基準値（{}）", facts.baseline_year.label()),
            14.0,
            |(_, x): &Row<'_>| number_or(x.baseline, x.decimals, UNSET),
        ),
    ]);
    // With yearly targets in the plan, each year's target and achievement stand beside
    // its value.
    let yearly = model.has_yearly_targets();
    for (k, year) in model.years.iter().enumerate() {
        if yearly {
            columns.push(center(
                format!("年度目標（{}）", year.label()),
                14.0,
                move |(_, x): &Row<'_>| target_val(x, x.values[k].target, "―"),
            ));
        }
        columns.push(center(
            format!("実績（{}）", year.label()),
            14.0,
            move |(_, x): &Row<'_>| number_or(x.values[k].value, x.decimals, "未報告"),
        ));
        if yearly {
            columns.push(center(
                format!("年度達成率（{}）", year.label()),
                14.0,
                move |(_, x): &Row<'_>| match x.values[k].rate {
                    Rate::Value(v) => Val::Percent(v),
                    Rate::Unset => Val::Text("―".into()),
                    other => Val::Text(other.label()),
                },
            ));
        }
    }
    columns.push(center(
        format!("目標値（{}）", facts.target_year.label()),
        14.0,
        |(_, x): &Row<'_>| target_val(x, x.target, UNSET),
    ));
    columns.push(center(
        format!("達成率（{}）", model.year.label()),
        14.0,
        |(_, x): &Row<'_>| achievement_val(x, x.rate, x.judgement),
    ));
    columns.push(left("備考", 30.0, |(_, x): &Row<'_>| {
        let mut notes: Vec<String> = x
            .values
            .iter()
            .filter(|v| v.incomplete && v.value.is_some())
            .map(|v| format!("{}は一部部署が未報告", v.year.era_label()))
            .collect();
        if let Some(y) = x.own_baseline_year(facts.baseline_year) {
            notes.insert(0, format!("基準値は{}の値", y.label()));
        }
        if x.sample {
            notes.insert(0, "サンプル値".into());
        }
        Val::Text(notes.join("。"))
    }));
    let rows: Vec<Row<'_>> = model.indicator_rows();
    let end = plain_table(
        ws,
        model,
        ("指標", "指標の実績と達成率"),
        &columns,
        &rows,
        s,
    )?;
    let note_row = end + 1;
    ws.write_with_format(note_row, 0, facts.achievement.description(), &s.note)?;
    ws.write_with_format(
        note_row + 1,
        0,
        "未設定 = 計画で値が定められていない（0 ではありません）。未報告 = 実績の報告がない。",
        &s.note,
    )?;
    if yearly {
        ws.write_with_format(
            note_row + 2,
            0,
            "年度目標・年度達成率 = 計画に年度ごとの目標があるとき、その年度の目標と達成率（― = 年度目標なし）。",
            &s.note,
        )?;
    }
    Ok(())
}

/// 部署別: one row per item, department and summed indicator.
pub(super) fn departments(
    ws: &mut Worksheet,
    model: &ReportModel,
    s: &Styles,
) -> Result<(), ReportError> {
    /// An item, one of its departments, and the k-th summed indicator (if any).
    type Row<'m> = (&'m ItemReport, &'m DepartmentPart, Option<usize>);
    fn indicator<'m>((i, _, k): &Row<'m>) -> Option<&'m IndicatorReport> {
        k.and_then(|k| i.summed_indicators().nth(k))
    }
    let w = &model.facts.words;
    let mut columns: Vec<Column<'_, Row<'_>>> =
        item_columns(w, 9.0, 24.0, |(i, _, _): &Row<'_>| {
            (i.code.as_str(), i.title.as_str())
        });
    columns.extend([
        left("部署", 14.0, |(_, d, _): &Row<'_>| {
            Val::Text(d.department.clone())
        }),
        center("区分", 8.0, |(_, d, _): &Row<'_>| {
            Val::Text(d.role.label_in(w).into())
        }),
        center("提出状況", 9.0, |(_, d, _): &Row<'_>| {
            Val::Text(d.state.label_in(w).into())
        }),
        left("実施内容", 50.0, |(_, d, _): &Row<'_>| {
            Val::opt(d.work_done.as_deref())
        }),
        left("指標", 24.0, move |r: &Row<'_>| {
            indicator(r).map_or(Val::Empty, |x| Val::Text(x.label.clone()))
        }),
        center("値", 12.0, move |r: &Row<'_>| {
            let (_, d, k) = r;
            match (indicator(r), k) {
                (Some(x), Some(k)) => number_or(d.values[*k], x.decimals, "未報告"),
                _ => Val::Empty,
            }
        }),
        center("単位", 7.0, move |r: &Row<'_>| {
            indicator(r).map_or(Val::Empty, |x| Val::Text(x.unit.clone()))
        }),
    ]);
    let mut rows: Vec<Row<'_>> = Vec::new();
    for item in &model.items {
        for part in &item.departments {
            if item.summed.is_empty() {
                rows.push((item, part, None));
            } else {
                rows.extend((0..item.summed.len()).map(|k| (item, part, Some(k))));
            }
        }
    }
    plain_table(
        ws,
        model,
        ("部署別", "部署別の取組状況"),
        &columns,
        &rows,
        s,
    )?;
    Ok(())
}

/// 効果額: each item's amount per year and cumulative, and the totals.
pub(super) fn effects(
    ws: &mut Worksheet,
    model: &ReportModel,
    unit: &str,
    s: &Styles,
) -> Result<(), ReportError> {
    let table = &model.effects;
    let years = table.years.len();
    let text = |item: fn(&EffectRow) -> String, total: &'static str| {
        move |line: &EffectLine<'_>| match line {
            EffectLine::Item(r) => Val::Text(item(r)),
            EffectLine::Total(_) => Val::Text(total.into()),
        }
    };
    let w = &model.facts.words;
    let mut columns: Vec<Column<'_, EffectLine<'_>>> = vec![
        center(w.code.as_str(), 9.0, text(|r| r.code.clone(), "合計")),
        left(w.item.as_str(), 30.0, text(|r| r.title.clone(), "")),
        left(
            w.lead.as_str(),
            14.0,
            text(|r| r.lead.clone().unwrap_or_else(|| UNSET.into()), ""),
        ),
    ];
    for (k, year) in table.years.iter().enumerate() {
        columns.push(left(
            format!("単年度（{}）", year.label()),
            16.0,
            move |line: &EffectLine<'_>| match line {
                EffectLine::Item(r) => r.amounts[k].map_or(Val::Empty, |v| Val::Number(v, 0)),
                EffectLine::Total(t) => Val::Number(t[k], 0),
            },
        ));
    }
    columns.push(left(
        format!("累計（〜{}）", model.year.label()),
        16.0,
        move |line: &EffectLine<'_>| match line {
            EffectLine::Item(r) => Val::Number(r.cumulative, 0),
            EffectLine::Total(t) => Val::Number(t[years], 0),
        },
    ));
    let lines: Vec<EffectLine<'_>> = table.rows.iter().map(EffectLine::Item).collect();
    let end = plain_table(
        ws,
        model,
        (&w.effect, &format!("{}（{unit}）", w.effect)),
        &columns,
        &lines,
        s,
    )?;
    if table.is_empty() {
        let none = format!("{}の報告はありません。", w.effect);
        ws.write_with_format(end, 0, none, &s.note)?;
    } else {
        let total = EffectLine::Total(&table.totals);
        write_row(ws, end, &columns, &total, RowStyle::Total, s)?;
    }
    Ok(())
}
