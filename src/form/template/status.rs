//! The 入力状況 sheet (the first sheet): one row per item sheet with a link to it, its item
//! and role, and the number of required cells still empty, counted by formulas Excel and
//! LibreOffice both recalculate; a total line says whether the file can be sent.

use rust_xlsxwriter::{Formula, Url, Worksheet};

use super::page::{self, print_setup};
use super::{FilledValues, Styles, TemplateContext, protect};
use crate::form::{SheetForm, SheetKind};
use crate::xlsx::WriteError;

/// Row of the total line (0-based; row 4).
pub const ROW_TOTAL_LINE: u32 = 3;
/// Row of the table headings (0-based; row 6); the item sheets follow, then the 合計 row.
pub const ROW_HEADINGS: u32 = 5;
/// Widths of columns A to E (characters).
const WIDTHS: [f64; 5] = [14.0, 16.0, 9.0, 44.0, 8.0];
/// Column of the counts (E).
pub const COL_COUNT: u16 = 4;

/// A sheet name quoted for a formula or an internal link ('1102', 'A''s').
pub fn quoted(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
}

/// The formula counting the empty required cells of an item sheet (a cell holding only
/// spaces counts as empty, as for the red marking and for `check`); None when the sheet has
/// no required cell.
pub fn count_formula(f: &SheetForm) -> Option<String> {
    let sheet = quoted(&f.sheet_name);
    let terms: Vec<String> = f
        .inputs
        .iter()
        .filter(|i| i.required)
        .map(|i| {
            let c = i.cell;
            let col = crate::xlsx::column_letters(u32::from(c.col));
            format!("(LEN(TRIM({sheet}!${col}${}))=0)", c.row + 1)
        })
        .collect();
    (!terms.is_empty()).then(|| format!("=0+{}", terms.join("+")))
}

/// The total line for a number of empty required cells.
pub fn total_text(missing: usize) -> String {
    if missing == 0 {
        "未入力 0件 — このまま提出できます".to_string()
    } else {
        format!("未入力 {missing}件 — 赤色のセル（未入力の必須項目）を入力してください")
    }
}

/// Writes the 入力状況 sheet. `filled` (pre-filled values of synthetic forms) only sets the
/// results stored with the formulas, so a viewer that does not recalculate shows the right
/// counts.
pub(super) fn write_status(
    ws: &mut Worksheet,
    ctx: &TemplateContext<'_>,
    dept: &str,
    forms: &[SheetForm],
    filled: &FilledValues,
    s: &Styles,
) -> Result<(), WriteError> {
    ws.set_name(crate::form::STATUS_SHEET)?;
    page::set_widths(ws, &WIDTHS)?;
    ws.write_with_format(
        0,
        0,
        format!(
            "{} {} 入力状況（{dept}）",
            ctx.year.label(),
            ctx.settings.template.title
        ),
        &s.title,
    )?;
    ws.write_with_format(
        1,
        0,
        "各シートの必須項目のうち、まだ入力されていないセルの数です（入力すると自動で減ります）。",
        &s.note,
    )?;
    ws.write_with_format(
        2,
        0,
        "シート名を押すと、そのシートに移動します。未入力のセルは赤色で表示されています。",
        &s.note,
    )?;
    let first = ROW_HEADINGS + 1;
    let last = first + forms.len() as u32; // the 合計 row
    let words = &ctx.settings.words;
    for (col, head) in ["シート", "区分", &words.code, &words.item, "未入力"]
        .into_iter()
        .enumerate()
    {
        ws.write_with_format(ROW_HEADINGS, col as u16, head, &s.column_head)?;
    }
    let mut total = 0usize;
    for (row, f) in (first..).zip(forms) {
        let role = match f.kind {
            SheetKind::Lead => format!("{}（個票）", words.lead),
            SheetKind::Contribution => words.participant.clone(),
        };
        let title = ctx.plan.item(&f.item_code).map_or("", |i| i.title.as_str());
        let link = Url::new(format!("internal:{}!A1", quoted(&f.sheet_name)))
            .set_text(f.sheet_name.as_str());
        ws.write_url_with_format(row, 0, link, &s.link)?;
        ws.write_with_format(row, 1, &role, &s.fact)?;
        ws.write_with_format(row, 2, &f.item_code, &s.fact)?;
        ws.write_with_format(row, 3, title, &s.fact)?;
        let missing = f
            .inputs
            .iter()
            .filter(|i| i.required && !filled.contains_key(&(f.item_code.clone(), f.kind, i.field)))
            .count();
        total += missing;
        match count_formula(f) {
            Some(formula) => {
                let formula = Formula::new(formula).set_result(missing.to_string());
                ws.write_formula_with_format(row, COL_COUNT, formula, &s.count)?
            }
            None => ws.write_number_with_format(row, COL_COUNT, 0.0, &s.count)?,
        };
    }
    ws.merge_range(last, 0, last, 3, "合計", &s.label)?;
    let sum = if forms.is_empty() {
        "=0".to_string()
    } else {
        format!("=SUM(E{}:E{})", first + 1, last)
    };
    ws.write_formula_with_format(
        last,
        COL_COUNT,
        Formula::new(sum).set_result(total.to_string()),
        &s.count,
    )?;
    let total_cell = format!("E{}", last + 1);
    let line = format!(
        "=IF({total_cell}=0,\"{}\",\"未入力 \"&{total_cell}&\"件 — 赤色のセル（未入力の必須項目）を入力してください\")",
        total_text(0)
    );
    ws.write_formula_with_format(
        ROW_TOTAL_LINE,
        0,
        Formula::new(line).set_result(total_text(total)),
        &s.total,
    )?;
    print_setup(
        ws,
        ctx,
        dept,
        crate::form::STATUS_SHEET,
        page::print_scale(&WIDTHS, None),
    );
    ws.set_print_area(0, 0, last, COL_COUNT)?;
    protect(ws, &ctx.settings.template.password);
    Ok(())
}
