//! Writing the department input workbooks (部署別入力シート): one per department and fiscal
//! year, laid out by [`super::layout`].

use std::collections::BTreeMap;

mod guide;
mod item_sheet;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::{Field, SheetForm, SheetKind, Value, meta};
use crate::fiscal_year::FiscalYear;
use crate::plan::{Plan, Settings};
use crate::xlsx::{self, WriteError};

/// Last year's reported values of a department, shown beside the inputs:
/// (管理番号, sheet kind, field) → display text.
pub type PreviousValues = BTreeMap<(String, SheetKind, Field), String>;

/// Colours and formats of the department workbook.
struct Styles {
    title: Format,
    note: Format,
    heading: Format,
    label: Format,
    fact: Format,
    column_head: Format,
    input_text: Format,
    input_choice: Format,
    previous: Format,
    unit: Format,
    sample: Format,
    guide_text: Format,
    guide_head: Format,
}

const INPUT_FILL: u32 = 0xFFF2CC;
const LABEL_FILL: u32 = 0xD9E1F2;
const FACT_FILL: u32 = 0xF2F2F2;

impl Styles {
    fn new() -> Styles {
        let plain = Format::new()
            .set_font_name("BIZ UDゴシック")
            .set_font_size(10.5)
            .set_align(FormatAlign::VerticalCenter);
        let base = plain.clone().set_text_wrap();
        let boxed = base.clone().set_border(FormatBorder::Thin);
        Styles {
            title: plain.clone().set_bold().set_font_size(14),
            note: plain.clone().set_font_size(9),
            heading: plain.clone().set_bold(),
            label: boxed
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(LABEL_FILL)),
            fact: boxed
                .clone()
                .set_background_color(Color::RGB(FACT_FILL))
                .set_align(FormatAlign::Top),
            column_head: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(LABEL_FILL)),
            input_text: boxed
                .clone()
                .set_background_color(Color::RGB(INPUT_FILL))
                .set_align(FormatAlign::Top)
                .set_unlocked(),
            input_choice: boxed
                .clone()
                .set_background_color(Color::RGB(INPUT_FILL))
                .set_align(FormatAlign::Center)
                .set_unlocked(),
            previous: boxed.clone().set_font_color(Color::RGB(0x595959)),
            unit: boxed.clone().set_align(FormatAlign::Center),
            sample: plain
                .clone()
                .set_bold()
                .set_font_color(Color::RGB(0xC00000)),
            guide_text: base.clone().set_align(FormatAlign::Top),
            guide_head: plain.set_bold().set_font_size(12),
        }
    }

    fn number(&self, decimals: u8) -> Format {
        self.input_choice
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format(crate::numbers::excel_format(decimals))
    }
}

/// Everything a template needs besides the plan.
pub struct TemplateContext<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The settings.
    pub settings: &'a Settings,
    /// The fiscal year of the forms.
    pub year: FiscalYear,
    /// Last year's committee opinions, shown on the lead sheets.
    pub opinions: &'a super::Opinions,
}

/// Builds the workbook of one department; returns the xlsx bytes.
pub fn department_workbook(
    ctx: &TemplateContext<'_>,
    dept: &str,
    previous: &PreviousValues,
) -> Result<Vec<u8>, WriteError> {
    filled_workbook(ctx, dept, previous, &FilledValues::new())
}

/// Input values to pre-fill: (管理番号, sheet kind, field) → value. Used for synthetic
/// submissions in benchmarks; departments receive empty inputs.
pub type FilledValues = BTreeMap<(String, SheetKind, Field), Value>;

/// Builds a department workbook with some input cells already filled.
pub fn filled_workbook(
    ctx: &TemplateContext<'_>,
    dept: &str,
    previous: &PreviousValues,
    filled: &FilledValues,
) -> Result<Vec<u8>, WriteError> {
    let styles = Styles::new();
    let forms = super::department_forms(ctx.plan, ctx.settings, ctx.opinions, dept);
    let mut wb = Workbook::new();
    let title = format!(
        "{} {}（{dept}）",
        ctx.year.label(),
        ctx.settings.template.title
    );
    wb.set_properties(&xlsx::fixed_properties(&title, &ctx.plan.municipality)?);

    let guide = wb.add_worksheet();
    guide::write_guide(guide, ctx, dept, &forms, &styles)?;
    guide.set_active(true);

    for f in &forms {
        let ws = wb.add_worksheet();
        item_sheet::write_item_sheet(ws, ctx, dept, f, previous, &styles)?;
        item_sheet::fill_inputs(ws, f, filled, &styles)?;
    }

    let meta = wb.add_worksheet();
    write_meta(meta, ctx, dept, &forms)?;

    let password = &ctx.settings.template.password;
    xlsx::finish(&mut wb, Some(password))
}

/// Protects a sheet: only selecting cells is allowed (input cells are unlocked).
fn protect(ws: &mut Worksheet, password: &str) {
    crate::xlsx::protect_sheet(ws, password);
}

/// A4 portrait, fit to width, with the year and department in the header.
fn print_setup(ws: &mut Worksheet, ctx: &TemplateContext<'_>, dept: &str) {
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.6, 0.6, 0.75, 0.75, 0.3, 0.3);
    ws.set_header(format!("&L&8{}&R&8{dept}", ctx.year.label()));
    ws.set_footer("&C&8&P / &N");
}

fn write_meta(
    ws: &mut Worksheet,
    ctx: &TemplateContext<'_>,
    dept: &str,
    forms: &[SheetForm],
) -> Result<(), WriteError> {
    ws.set_name(meta::SHEET)?;
    let sheets: Vec<&str> = forms.iter().map(|f| f.sheet_name.as_str()).collect();
    let rows: [(&str, String); 6] = [
        (meta::MARKER, super::FORMAT_VERSION.to_string()),
        (meta::PLAN_TITLE, ctx.plan.title.clone()),
        (meta::FISCAL_YEAR, ctx.year.western().to_string()),
        (meta::DEPARTMENT, dept.to_string()),
        (meta::LAYOUT, super::layout_fingerprint(forms)),
        (meta::SHEETS, sheets.join(",")),
    ];
    for (i, (key, value)) in rows.iter().enumerate() {
        ws.write(i as u32, 0, *key)?;
        ws.write(i as u32, 1, value)?;
    }
    ws.set_very_hidden(true);
    protect(ws, &ctx.settings.template.password);
    Ok(())
}
