//! The plan master (`input/plan.toml`) and the report settings (`templates/report.toml`).

pub mod excel;
mod load;
mod model;
mod settings;
mod toml_error;

pub use load::{
    PlanError, PlanProblem, TextEncoding, decode_text, load_plan, load_plan_with_notes, parse_plan,
};
pub use model::*;
pub use settings::*;
