//! The department form (部署別入力シート): step 1 of the yearly cycle.
//!
//! [`layout`] says where every label and input cell of a department workbook sits;
//! [`template`] writes the workbook. The submission reader reads returned workbooks through
//! the same layout and the meta-sheet keys defined here, so writer and reader cannot drift.

pub mod committee;
pub mod layout;
pub mod sheet_name;
pub mod template;

pub use layout::{
    COL_INPUT, COL_LABEL, COL_PREVIOUS, COL_TEXT, COL_UNIT, Cell, Field, InputKind,
    LABEL_DEPARTMENT, Opinions, ROW_CODE, SheetForm, SheetKind, Worded, circled, department_forms,
    layout_fingerprint,
};
pub use sheet_name::{sheet_name, worded_sheet_name};

/// Version of the workbook layout; bump when the layout changes.
pub const FORMAT_VERSION: &str = "gyokaku-form-1";
/// Name of the first sheet: what is still missing, sheet by sheet (formulas; never read).
pub const STATUS_SHEET: &str = "入力状況";
/// Name of the instructions sheet.
pub const GUIDE_SHEET: &str = "記入方法";
/// Text shown wherever the plan leaves a value open (● in a draft plan): never 0.
pub use crate::text::UNSET;

/// The hidden sheet that identifies a department workbook: one key per row in column A,
/// its value in column B.
pub mod meta {
    /// Name of the meta sheet.
    pub const SHEET: &str = "_meta";
    /// Key in A1; its value is the form's format version.
    pub const MARKER: &str = "gyokaku_form";
    /// Title of the plan the form was made from.
    pub const PLAN_TITLE: &str = "plan_title";
    /// 西暦 fiscal year of the form.
    pub const FISCAL_YEAR: &str = "fiscal_year";
    /// Department the form is for.
    pub const DEPARTMENT: &str = "department";
    /// Fingerprint of the layout (see [`super::layout_fingerprint`]).
    pub const LAYOUT: &str = "layout";
    /// Item sheet names, comma-separated (for people reading the sheet).
    pub const SHEETS: &str = "sheets";
}

/// A value held by an input cell of the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number (indicator values, 効果額).
    Number(f64),
    /// Free text.
    Text(String),
    /// A dropdown choice (evaluation code or status).
    Choice(String),
}

impl Value {
    /// The number, if this is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The text or choice, if this is one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(s) | Value::Choice(s) => Some(s),
            Value::Number(_) => None,
        }
    }
}
