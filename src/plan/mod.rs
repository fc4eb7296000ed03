//! The plan master (`input/plan.toml`) and the report settings (`templates/report.toml`).

pub mod diff;
pub mod excel;
pub mod history;
mod lifecycle;
mod load;
mod model;
mod settings;
#[cfg(test)]
pub(crate) mod testing;
mod text_file;
mod toml_error;
mod validate;

pub use lifecycle::{EndReason, ItemEnd, Revision};
pub use load::{PlanError, load_plan, load_plan_with_notes, parse_plan};
pub use model::*;
pub use settings::*;
pub use text_file::{TextEncoding, decode_text};
pub use validate::PlanProblem;
