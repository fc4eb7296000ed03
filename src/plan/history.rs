//! The plan as it stood in each fiscal year: per-year records of the plan kept under
//! `input/plan/<西暦年度>.toml`.
//!
//! `gyokaku templates --year Y` records the plan its forms were made from as `input/plan/Y.toml`
//! (never replacing an existing record unless asked), and `gyokaku plan --import` records the
//! plan it replaces when no record holds it. A year is read under its own record; a year
//! without one under the nearest record before it (the plan did not change in between), or, for
//! a year before every record, the first record; a year after every record under plan.toml,
//! the plan being worked on.

use std::path::{Path, PathBuf};

use crate::fiscal_year::FiscalYear;

/// The folder of the per-year plan records: `<input>/plan`.
pub fn records_dir(input: &Path) -> PathBuf {
    input.join("plan")
}

/// The record of one year: `<input>/plan/<西暦年度>.toml`.
pub fn record_path(input: &Path, year: FiscalYear) -> PathBuf {
    records_dir(input).join(format!("{}.toml", year.western()))
}

/// The years that have a plan record, oldest first.
pub fn recorded_years(input: &Path) -> Vec<FiscalYear> {
    let Ok(entries) = std::fs::read_dir(records_dir(input)) else {
        return Vec::new();
    };
    let mut years: Vec<FiscalYear> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let stem = name.strip_suffix(".toml")?;
            (stem.len() == 4)
                .then(|| stem.parse::<u16>().ok())
                .flatten()
                .filter(|y| (1989..=2200).contains(y))
                .map(FiscalYear)
        })
        .collect();
    years.sort();
    years
}

/// Which record a year is read under (None: plan.toml), from the recorded years (oldest first).
pub fn record_for(recorded: &[FiscalYear], year: FiscalYear) -> Option<FiscalYear> {
    let last = *recorded.last()?;
    if year > last {
        return None;
    }
    recorded
        .iter()
        .rev()
        .find(|y| **y <= year)
        .or_else(|| recorded.first())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_read_under_its_own_or_the_nearest_earlier_record() {
        let r = [FiscalYear(2023), FiscalYear(2025)];
        assert_eq!(record_for(&r, FiscalYear(2022)), Some(FiscalYear(2023)));
        assert_eq!(record_for(&r, FiscalYear(2023)), Some(FiscalYear(2023)));
        assert_eq!(record_for(&r, FiscalYear(2024)), Some(FiscalYear(2023)));
        assert_eq!(record_for(&r, FiscalYear(2025)), Some(FiscalYear(2025)));
        assert_eq!(record_for(&r, FiscalYear(2026)), None, "plan.toml");
        assert_eq!(record_for(&[], FiscalYear(2024)), None);
    }

    #[test]
    fn records_are_found_by_year_name_only() {
        let dir = tempfile::tempdir().unwrap();
        let plans = records_dir(dir.path());
        std::fs::create_dir_all(&plans).unwrap();
        for name in ["2024.toml", "2022.toml", "メモ.toml", "2023.txt", "12.toml"] {
            std::fs::write(plans.join(name), "").unwrap();
        }
        assert_eq!(
            recorded_years(dir.path()),
            vec![FiscalYear(2022), FiscalYear(2024)]
        );
    }
}
