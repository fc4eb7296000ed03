//! The plan master (`input/plan.toml`) and the report settings (`templates/report.toml`).

mod load;
mod model;
mod settings;

pub use load::{PlanError, PlanProblem, load_plan, parse_plan};
pub use model::*;
pub use settings::*;
