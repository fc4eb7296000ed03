//! Writing the department input workbooks (部署別入力シート): one per department and fiscal
//! year, laid out by [`super::layout`].

use std::collections::BTreeMap;

mod guide;
mod item_sheet;
pub mod page;
pub mod status;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::{Field, SheetForm, SheetKind, Value, meta};
use crate::fiscal_year::FiscalYear;
use crate::plan::{Plan, Settings};
use crate::xlsx::{self, WriteError};
use page::print_setup;

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
    /// Last year's text beside a free-text input (wrapped, top-aligned).
    previous_text: Format,
    unit: Format,
    sample: Format,
    guide_text: Format,
    guide_head: Format,
    /// Conditional format of an empty required input (light red, dark text).
    missing: Format,
    /// An input cell not offered (locked, grey).
    closed: Format,
    /// The total line of the 入力状況 sheet.
    total: Format,
    /// A link to an item sheet.
    link: Format,
    /// A count of empty required cells.
    count: Format,
}

const INPUT_FILL: u32 = 0xFFF2CC;
const LABEL_FILL: u32 = 0xD9E1F2;
const FACT_FILL: u32 = 0xF2F2F2;
/// Fill of an empty required input (and the text colour on it).
const MISSING_FILL: u32 = 0xFFD7D7;
const MISSING_TEXT: u32 = 0x000000;

impl Styles {
    /// The font of every cell (BIZ UDゴシック 10.5 pt).
    fn default_font() -> Format {
        Format::new()
            .set_font_name("BIZ UDゴシック")
            .set_font_size(page::SMALLEST_FONT)
    }

    fn new() -> Styles {
        let plain = Styles::default_font().set_align(FormatAlign::VerticalCenter);
        let base = plain.clone().set_text_wrap();
        let boxed = base.clone().set_border(FormatBorder::Thin);
        Styles {
            title: plain.clone().set_bold().set_font_size(14),
            note: plain.clone(),
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
            previous_text: boxed
                .clone()
                .set_font_color(Color::RGB(0x595959))
                .set_align(FormatAlign::Top),
            unit: boxed.clone().set_align(FormatAlign::Center),
            sample: plain
                .clone()
                .set_bold()
                .set_font_color(Color::RGB(0xC00000)),
            guide_text: base.clone().set_align(FormatAlign::Top),
            guide_head: plain.clone().set_bold().set_font_size(12),
            missing: Format::new()
                .set_background_color(Color::RGB(MISSING_FILL))
                .set_font_color(Color::RGB(MISSING_TEXT)),
            closed: boxed.clone().set_background_color(Color::RGB(FACT_FILL)),
            total: plain.clone().set_bold().set_font_size(12),
            link: boxed
                .clone()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            count: boxed.clone().set_align(FormatAlign::Center).set_bold(),
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

/// No committee opinions: the context of a year whose forms show none.
static NO_OPINIONS: super::Opinions = super::Opinions::new();

impl<'a> TemplateContext<'a> {
    /// The context of a year's forms without last year's committee opinions (as
    /// `ReadContext::new` reads them).
    pub fn new(plan: &'a Plan, settings: &'a Settings, year: FiscalYear) -> Self {
        TemplateContext {
            plan,
            settings,
            year,
            opinions: &NO_OPINIONS,
        }
    }
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
    // The forms' font as the default: column widths then mean the same in Excel and
    // LibreOffice on every machine (a missing Calibri made LibreOffice's columns wider).
    wb.set_default_format(&Styles::default_font(), 20, 64)?;
    let title = format!(
        "{} {}（{dept}）",
        ctx.year.label(),
        ctx.settings.template.title
    );
    wb.set_properties(&xlsx::fixed_properties(&title, &ctx.plan.municipality)?);

    let status = wb.add_worksheet();
    status::write_status(status, ctx, dept, &forms, filled, &styles)?;
    status.set_active(true);

    let guide = wb.add_worksheet();
    guide::write_guide(guide, ctx, dept, &styles)?;

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

/// Protects an item sheet like [`protect`], but lets a department make a row taller for a
/// long text (inserting or deleting rows stays forbidden).
fn protect_allowing_row_heights(ws: &mut Worksheet, password: &str) {
    crate::xlsx::protect_sheet(ws, password);
    ws.protect_with_options(&rust_xlsxwriter::ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_rows: true,
        ..rust_xlsxwriter::ProtectionOptions::default()
    });
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
