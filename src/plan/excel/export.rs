//! Writing the plan as a workbook: a 記入方法 sheet, then one sheet per kind of data with the
//! headings in a frozen first row, one value per cell, numbers as numbers, dropdowns where
//! the values are closed and the column's explanation shown when a cell is selected.

use rust_xlsxwriter::{DataValidation, Workbook, Worksheet};

use super::sheet::*;
use super::*;
use crate::plan::{Aggregation, Direction, EndReason, Implementers, Plan};
use crate::xlsx::{self, WriteError};

/// The workbook bytes for a plan (deterministic: the same plan gives the same bytes).
pub fn export_workbook(plan: &Plan) -> Result<Vec<u8>, WriteError> {
    export_workbook_with(plan, &crate::plan::Words::default())
}

/// [`export_workbook`] with sheet names, headings and explanations in the city's words.
pub fn export_workbook_with(
    plan: &Plan,
    words: &crate::plan::Words,
) -> Result<Vec<u8>, WriteError> {
    let styles = Styles::new(words);
    let mut wb = Workbook::new();
    wb.set_properties(&xlsx::fixed_properties(
        &format!("{}（計画の内容）", plan.title),
        &plan.municipality,
    )?);
    let years: Vec<_> = plan.years().collect();

    let guide = wb.add_worksheet();
    write_guide(guide, &styles, &years)?;
    guide.set_active(true);

    // The lists other sheets choose from: departments, structure numbers, item codes.
    let departments = range_of(
        &DEPARTMENT_SHEET,
        H_DEPARTMENT,
        plan.departments.len(),
        &styles,
    );
    let numbers = range_of(
        &STRUCTURE_SHEET,
        H_NUMBER,
        plan.pillars.iter().map(|p| 1 + p.policies.len()).sum(),
        &styles,
    );
    let codes = range_of(&ITEM_SHEET, H_CODE, plan.items.len(), &styles);

    write_plan_sheet(wb.add_worksheet(), &styles, plan)?;

    let rows = plan
        .basic_policies
        .iter()
        .map(|b| vec![Val::Text(b.clone())])
        .collect();
    table(
        wb.add_worksheet(),
        &styles,
        &BASIC_SHEET,
        &[Kind::Text],
        rows,
        0,
    )?;

    let mut rows = Vec::new();
    for v in &plan.viewpoints {
        if v.description.is_empty() {
            rows.push(vec![Val::Text(v.name.clone()), Val::Blank]);
        }
        for p in &v.description {
            rows.push(vec![Val::Text(v.name.clone()), Val::Text(p.clone())]);
        }
    }
    table(
        wb.add_worksheet(),
        &styles,
        &VIEWPOINT_SHEET,
        &[Kind::Text, Kind::Text],
        rows,
        0,
    )?;

    let rows = plan
        .departments
        .iter()
        .map(|d| {
            let former = plan.former_names.get(d).filter(|n| !n.is_empty());
            vec![
                Val::Text(d.clone()),
                Val::opt_text(former.map(|n| n.join("、")).as_deref()),
            ]
        })
        .collect();
    table(
        wb.add_worksheet(),
        &styles,
        &DEPARTMENT_SHEET,
        &[Kind::Text, Kind::Text],
        rows,
        0,
    )?;

    let mut rows = Vec::new();
    for pillar in &plan.pillars {
        rows.push(vec![
            Val::Text(KIND_PILLAR.into()),
            Val::Text(pillar.id.clone()),
            Val::Text(pillar.name.clone()),
            Val::Blank,
        ]);
        for policy in &pillar.policies {
            rows.push(vec![
                Val::Text(styles.word(KIND_POLICY)),
                Val::Text(policy.id.clone()),
                Val::Text(policy.name.clone()),
                Val::Text(pillar.id.clone()),
            ]);
        }
    }
    let kinds = [
        Kind::List(vec![KIND_PILLAR.into(), styles.word(KIND_POLICY)]),
        Kind::Text,
        Kind::Text,
        Kind::Range(numbers.clone()),
    ];
    table(
        wb.add_worksheet(),
        &styles,
        &STRUCTURE_SHEET,
        &kinds,
        rows,
        0,
    )?;

    let rows = plan
        .items
        .iter()
        .map(|item| {
            let implementers = match &item.implementers {
                Implementers::All => Val::Text(crate::plan::ALL_DEPARTMENTS.into()),
                Implementers::Listed(v) if v.is_empty() => Val::Blank,
                Implementers::Listed(v) => Val::Text(v.join("、")),
            };
            let situation = (!item.situation.is_empty()).then(|| item.situation.join("\n"));
            vec![
                Val::Text(item.code().to_string()),
                Val::Text(item.policy_id().to_string()),
                Val::Text(item.title.clone()),
                Val::opt_text(item.continuity.as_deref()),
                Val::opt_text(item.lead.as_deref()),
                implementers,
                Val::opt_text(item.outcome.as_deref()),
                Val::opt_text(situation.as_deref()),
                Val::flag(item.sample_departments),
                year_val(item.from),
                year_val(item.end.as_ref().map(|e| e.year)),
                Val::opt_text(item.end.as_ref().map(|e| match e.reason {
                    EndReason::Completed => END_REASONS[0],
                    EndReason::Abolished => END_REASONS[1],
                    EndReason::Merged => END_REASONS[2],
                })),
                Val::opt_text(item.end.as_ref().and_then(|e| e.into.as_deref())),
            ]
        })
        .collect();
    let kinds = [
        Kind::Text,
        Kind::Range(numbers),
        Kind::Text,
        Kind::Text,
        Kind::Range(departments.clone()),
        Kind::Text,
        Kind::Text,
        Kind::Text,
        Kind::List(vec![YES.into(), NO.into()]),
        YEAR_KIND,
        YEAR_KIND,
        Kind::List(END_REASONS.iter().map(|r| r.to_string()).collect()),
        Kind::Range(codes.clone()),
    ];
    table(wb.add_worksheet(), &styles, &ITEM_SHEET, &kinds, rows, 1)?;

    let mut rows = Vec::new();
    for item in &plan.items {
        for (n, action) in item.actions.iter().enumerate() {
            rows.push(vec![
                Val::Text(item.code().to_string()),
                Val::Num((n + 1) as f64),
                Val::Text(action.clone()),
            ]);
        }
    }
    let kinds = [Kind::Range(codes.clone()), Kind::Number, Kind::Text];
    table(wb.add_worksheet(), &styles, &ACTION_SHEET, &kinds, rows, 1)?;

    write_indicator_sheet(wb.add_worksheet(), &styles, plan, &years, codes.clone())?;

    let mut rows = Vec::new();
    for item in &plan.items {
        for r in &item.revisions {
            rows.push(vec![
                Val::Text(item.code().to_string()),
                year_val(Some(r.year)),
                Val::opt_text(r.title.as_deref()),
                Val::opt_text(r.lead.as_deref()),
                Val::opt_text(r.indicator.as_deref()),
                Val::opt_text(r.indicator_name.as_deref()),
                Val::opt_num(r.target),
                Val::opt_text(r.note.as_deref()),
            ]);
        }
    }
    let kinds = [
        Kind::Range(codes),
        YEAR_KIND,
        Kind::Text,
        Kind::Range(departments),
        Kind::Text,
        Kind::Text,
        Kind::Number,
        Kind::Text,
    ];
    table(
        wb.add_worksheet(),
        &styles,
        &REVISION_SHEET,
        &kinds,
        rows,
        1,
    )?;

    xlsx::finish(&mut wb, Some(""))
}

/// A year column: a whole 西暦 year.
const YEAR_KIND: Kind = Kind::Whole(1989, 2200);

/// A year as a number cell (blank when None).
fn year_val(y: Option<crate::fiscal_year::FiscalYear>) -> Val {
    Val::opt_num(y.map(|y| f64::from(y.western())))
}

/// `='部署'!$A$2:$A$1000`: the cells of a column of another sheet, for a dropdown.
fn range_of(sheet: &SheetSpec, header: &str, rows: usize, styles: &Styles) -> String {
    let col = column_letters(u32::from(sheet.index(header)));
    format!(
        "='{}'!${col}$2:${col}${}",
        styles.word(sheet.name),
        checked_rows(rows) + 1
    )
}

fn write_plan_sheet(ws: &mut Worksheet, styles: &Styles, plan: &Plan) -> Result<(), WriteError> {
    let year = |y: crate::fiscal_year::FiscalYear| Val::Num(f64::from(y.western()));
    let values = [
        Val::Text(plan.title.clone()),
        Val::Text(plan.municipality.clone()),
        Val::opt_text(plan.municipality_code.as_deref()),
        year(plan.start_year),
        year(plan.end_year),
        year(plan.baseline_year),
        year(plan.target_year),
        year_val(plan.first_reported_year),
    ];
    let rows = PLAN_ROWS
        .iter()
        .zip(values)
        .map(|((label, help), value)| {
            vec![
                Val::Text((*label).to_string()),
                value,
                Val::Text(styles.word(help)),
            ]
        })
        .collect();
    table(
        ws,
        styles,
        &PLAN_SHEET,
        &[Kind::Text, Kind::Text, Kind::Text],
        rows,
        0,
    )?;
    // The year rows take whole numbers (the other values are text); the explanations are
    // grey (they are not read).
    for (i, (label, help)) in PLAN_ROWS.iter().enumerate() {
        let row = i as u32 + 1;
        ws.set_cell_format(row, 2, &styles.note)?;
        let dv = if [L_START, L_END, L_BASELINE, L_TARGET, L_FIRST].contains(label) {
            ws.set_cell_format(row, 1, &styles.year)?;
            entry_check(&Kind::Whole(1989, 2200), label, &styles.word(help))?
        } else {
            DataValidation::new()
                .allow_any_value()
                .set_input_title(*label)?
                .set_input_message(styles.word(help))?
        };
        ws.add_data_validation(row, 1, row, 1, &dv)?;
    }
    Ok(())
}

fn write_indicator_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    plan: &Plan,
    years: &[crate::fiscal_year::FiscalYear],
    codes: String,
) -> Result<(), WriteError> {
    let year_headers: Vec<String> = years.iter().map(|y| yearly_header(*y)).collect();
    let split = INDICATOR_SHEET.index(YEARLY_AFTER) as usize + 1;
    let mut rows = Vec::new();
    for item in &plan.items {
        for ind in &item.indicators {
            let mut row = vec![
                Val::Text(item.code().to_string()),
                Val::Text(ind.name.clone()),
                Val::Text(ind.unit.clone()),
                Val::opt_num(ind.baseline),
                Val::opt_num(ind.target),
            ];
            for y in years {
                row.push(Val::opt_num(ind.yearly_target(*y)));
            }
            // With a comparison, a 方向 left unwritten stays blank (the comparison implies it).
            let direction = match (ind.direction, ind.comparison) {
                (None, Some(_)) => Val::Blank,
                _ => Val::Text(
                    match ind.direction() {
                        Direction::Higher => HIGHER,
                        Direction::Lower => LOWER,
                    }
                    .into(),
                ),
            };
            row.extend([
                direction,
                Val::Text(styles.word(match ind.aggregation {
                    Aggregation::Lead => LEAD_ONLY,
                    Aggregation::Sum => SUM,
                })),
                Val::Num(f64::from(ind.decimals)),
                Val::opt_num(ind.min),
                Val::opt_num(ind.max),
                Val::flag(ind.sample),
                year_val(ind.baseline_year),
                Val::opt_text(ind.comparison.map(|c| c.label())),
                year_val(ind.from),
            ]);
            rows.push(row);
        }
    }
    let mut kinds = vec![
        Kind::Range(codes),
        Kind::Text,
        Kind::Text,
        Kind::Number,
        Kind::Number,
    ];
    kinds.extend(years.iter().map(|_| Kind::Number));
    kinds.extend([
        Kind::List(vec![HIGHER.into(), LOWER.into()]),
        Kind::List(vec![styles.word(LEAD_ONLY), styles.word(SUM)]),
        Kind::Whole(0, 3),
        Kind::Number,
        Kind::Number,
        Kind::List(vec![YES.into(), NO.into()]),
        YEAR_KIND,
        Kind::List(COMPARISONS.iter().map(|c| c.to_string()).collect()),
        YEAR_KIND,
    ]);
    let cols = |c: &[Column]| -> Vec<(&str, f64, &str)> {
        c.iter().map(|c| (c.header, c.width, c.help)).collect()
    };
    let mut columns = cols(&INDICATOR_SHEET.columns[..split]);
    for h in &year_headers {
        columns.push((
            h.as_str(),
            13.0,
            "その年度の目標値（数値のみ）。なければ空欄",
        ));
    }
    columns.extend(cols(&INDICATOR_SHEET.columns[split..]));
    write_table(ws, styles, INDICATOR_SHEET.name, &columns, &kinds, rows, 2)
}

fn table(
    ws: &mut Worksheet,
    styles: &Styles,
    spec: &SheetSpec,
    kinds: &[Kind],
    rows: Vec<Vec<Val>>,
    frozen_cols: u16,
) -> Result<(), WriteError> {
    let columns: Vec<(&str, f64, &str)> = spec
        .columns
        .iter()
        .map(|c| (c.header, c.width, c.help))
        .collect();
    write_table(ws, styles, spec.name, &columns, kinds, rows, frozen_cols)
}

/// The 記入方法 sheet: how to edit and read back, and every sheet's columns.
fn write_guide(
    ws: &mut Worksheet,
    styles: &Styles,
    years: &[crate::fiscal_year::FiscalYear],
) -> Result<(), WriteError> {
    ws.set_name(GUIDE)?;
    let w = |t: &str| styles.word(t);
    print_setup(ws);
    ws.set_column_width(0, 18.0)?;
    ws.set_column_width(1, 26.0)?;
    ws.set_column_width(2, 90.0)?;
    ws.write_string_with_format(0, 0, "計画の内容（gyokaku）の記入方法", &styles.title)?;
    let notes = [
        "このファイルは計画の内容（input/plan.toml）を Excel で編集するためのものです。`gyokaku plan --export` で作成しました。",
        "編集が終わったら `gyokaku plan --import <このファイル>` で取り込みます。内容を点検し、誤りがなければ input/plan.toml を書き換えます（前のファイルは plan.toml.bak に残ります）。誤りがあれば、シート名とセル番地つきで表示し、何も書き換えません。",
        "各シートの1行目は見出しです。見出しの文字とシートの名前は変えないでください。列の順番の入れ替え、行の追加・削除・並べ替えはできます。空の行は読み飛ばします。",
        "1つのセルに1つの値を入力します。数値は数字だけ（「約」や単位は付けません）、年度は西暦4桁（例: 2024）です。まだ決まっていない値（素案の ● など）は空欄にします。",
        "取組方針・担当部署・管理番号のプルダウンは、「体系」「部署」「取組項目」シートの一覧から選びます。新しい部署や取組項目は、先にそのシートに行を追加してください。",
    ];
    let mut row = 2;
    for note in notes {
        let note = w(note);
        let note = note.as_str();
        ws.merge_range(row, 0, row, 2, &format!("・{note}"), &styles.body)?;
        ws.set_row_height(row, xlsx::wrapped_row_height(estimated_lines(note, 130.0)))?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, "シートと列", &styles.guide_head)?;
    row += 1;
    for (c, h) in ["シート", "列（見出し）", "入力する内容"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &styles.header)?;
    }
    row += 1;
    for sheet in DATA_SHEETS {
        ws.write_string_with_format(row, 0, w(sheet.name), &styles.text)?;
        ws.write_string_with_format(row, 1, "（シート全体）", &styles.text)?;
        ws.write_string_with_format(row, 2, w(sheet.purpose), &styles.text)?;
        ws.set_row_height(
            row,
            xlsx::wrapped_row_height(estimated_lines(sheet.purpose, 90.0)),
        )?;
        row += 1;
        for column in sheet.columns {
            ws.write_string_with_format(row, 0, w(sheet.name), &styles.text)?;
            ws.write_string_with_format(row, 1, w(column.header), &styles.text)?;
            ws.write_string_with_format(row, 2, w(column.help), &styles.text)?;
            ws.set_row_height(
                row,
                xlsx::wrapped_row_height(estimated_lines(column.help, 90.0)),
            )?;
            row += 1;
            if sheet.name == INDICATOR_SHEET.name && column.header == YEARLY_AFTER {
                let example = years.first().map_or_else(
                    || format!("{YEARLY_PREFIX} 令和6(2024)年度"),
                    |y| yearly_header(*y),
                );
                let help = format!(
                    "計画期間の年度ごとの目標値（数値のみ。なければ空欄）。見出しは「{example}」の形で、計画期間を変えたときは年度の列を追加・削除します"
                );
                ws.write_string_with_format(row, 0, w(sheet.name), &styles.text)?;
                ws.write_string_with_format(row, 1, &example, &styles.text)?;
                ws.write_string_with_format(row, 2, &help, &styles.text)?;
                ws.set_row_height(row, xlsx::wrapped_row_height(estimated_lines(&help, 90.0)))?;
                row += 1;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_name_the_sheet_and_column() {
        let styles = Styles::new(&crate::plan::Words::default());
        assert_eq!(
            range_of(&DEPARTMENT_SHEET, H_DEPARTMENT, 12, &styles),
            "='部署'!$A$2:$A$1001"
        );
        assert_eq!(
            range_of(&STRUCTURE_SHEET, H_NUMBER, 3000, &styles),
            "='体系'!$B$2:$B$3501"
        );
        let other = crate::plan::Words {
            item: "行動計画項目".into(),
            ..Default::default()
        };
        assert_eq!(
            range_of(&ITEM_SHEET, H_CODE, 1, &Styles::new(&other)),
            "='行動計画項目'!$A$2:$A$1001"
        );
    }
}
