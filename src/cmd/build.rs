//! `gyokaku build`.

use std::process::ExitCode;

use super::{CmdError, Paths};

/// Runs the command.
pub fn run(_paths: &Paths, _year: Option<&str>, _x: bool) -> Result<ExitCode, CmdError> {
    Ok(ExitCode::SUCCESS)
}
