//! The fiscal year a command works on when none is given, and the returned files that lie
//! where no year is read from (a misnamed year folder, the submissions folder itself).
//!
//! The yearly cycle decides the default: the forms (`templates`) are made for the year after
//! the latest year whose returns are in, the returns (`check`, `build`, `publish`) are those
//! of the latest year with returns.

use std::path::{Path, PathBuf};

use super::Paths;
use crate::fiscal_year::FiscalYear;
use crate::plan::Plan;
use crate::submission::{Diagnostic, Severity};

/// The environment variable the Windows launchers (.bat) set: messages then speak of typing a
/// year, not of command-line options the person in front of the window never sees.
pub const LAUNCHER_ENV: &str = "GYOKAKU_LAUNCHER";

/// Whether the program runs from a launcher (.bat) rather than from a command line.
pub fn from_launcher() -> bool {
    std::env::var_os(LAUNCHER_ENV).is_some_and(|v| !v.is_empty())
}

/// How to name another year: the option on a command line, typing it at a launcher's prompt.
pub fn year_hint() -> &'static str {
    if from_launcher() {
        "年度を入力し直してください"
    } else {
        "--year で年度を指定してください"
    }
}

/// What a default year is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearUse {
    /// Making the year's forms (`templates`): one year ahead of the returns.
    Forms,
    /// Reading the year's returns (`check`, `build`, `publish`).
    Returns,
}

/// A default year and why it was chosen (one Japanese sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultYear {
    /// The year.
    pub year: FiscalYear,
    /// Why, e.g. 「令和6年度の提出ファイルがあるため、次の令和7年度の入力シートを作ります」.
    pub reason: String,
}

/// The default year of a command, or `None` when there is no year folder to go by (and, for
/// the returns, no year at all).
pub fn default_year(paths: &Paths, plan: &Plan, used: YearUse) -> Option<DefaultYear> {
    let dir = paths.submissions();
    let returned = latest_returned_year(&dir);
    match (used, returned) {
        (YearUse::Forms, Some(y)) => {
            let next = FiscalYear(y.western().saturating_add(1));
            Some(if plan.covers(next) {
                DefaultYear {
                    year: next,
                    reason: format!(
                        "{}の提出ファイルがあるため、次の{}の入力シートを作ります",
                        y.era_label(),
                        next.era_label()
                    ),
                }
            } else {
                DefaultYear {
                    year: y,
                    reason: format!(
                        "計画の最終年度の{}まで提出ファイルがあるため、{}の入力シートを作ります",
                        y.era_label(),
                        y.era_label()
                    ),
                }
            })
        }
        (YearUse::Forms, None) => Some(DefaultYear {
            year: plan.start_year,
            reason: format!(
                "提出ファイルのある年度がまだないため、計画の最初の{}の入力シートを作ります",
                plan.start_year.era_label()
            ),
        }),
        (YearUse::Returns, Some(y)) => Some(DefaultYear {
            year: y,
            reason: format!("提出ファイルがある最新の年度は{}です", y.era_label()),
        }),
        (YearUse::Returns, None) => {
            let y = latest_year_folder(&dir)?;
            Some(DefaultYear {
                year: y,
                reason: format!(
                    "提出ファイルのある年度がまだないため、{}のフォルダを使います",
                    y.era_label()
                ),
            })
        }
    }
}

/// Year folders (a 4-digit name) directly under `dir`.
fn year_folders(dir: &Path) -> Vec<(FiscalYear, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let year = year_folder_name(&name)?;
            Some((year, e.path()))
        })
        .collect()
}

/// The year a folder's name is read as: four ASCII digits (2024), nothing else.
fn year_folder_name(name: &str) -> Option<FiscalYear> {
    (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.parse::<u16>().ok())
        .flatten()
        .filter(|y| (1989..=2200).contains(y))
        .map(FiscalYear)
}

/// The workbooks (file names) directly in `folder`, without Excel's lock files, sorted.
fn workbooks_in(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with("~$") && crate::submission::is_workbook_name(n))
        .collect();
    names.sort();
    names
}

/// The latest year folder under `dir` that holds a returned workbook.
pub fn latest_returned_year(dir: &Path) -> Option<FiscalYear> {
    year_folders(dir)
        .into_iter()
        .filter(|(_, p)| !workbooks_in(p).is_empty())
        .map(|(y, _)| y)
        .max()
}

/// The latest year folder under `dir`, empty or not.
pub fn latest_year_folder(dir: &Path) -> Option<FiscalYear> {
    year_folders(dir).into_iter().map(|(y, _)| y).max()
}

/// Returned workbooks no year reads: in a folder of `submissions/` whose name is not a
/// 西暦 year (令和6年度, R6, 2024年度 …) or directly in `submissions/`. They are named, with
/// the folder they belong in when the name says the year, and never read (a guess at the
/// year could merge a file into the wrong year). An error when the name says `year` (the
/// year looked at would otherwise seem to lack those files), a warning otherwise.
pub fn misplaced_workbooks(paths: &Paths, year: FiscalYear) -> Vec<Diagnostic> {
    let dir = paths.submissions();
    let mut out = Vec::new();
    let loose = workbooks_in(&dir);
    if !loose.is_empty() {
        out.push(Diagnostic::file(
            Severity::Warning,
            &loose.join("、"),
            format!(
                "{} の直下にあるため読み込んでいません。年度のフォルダ（{}年度のものなら {}）に移してください",
                dir.display(),
                year.era_label(),
                paths.submissions_of(year).display()
            ),
        ));
    }
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    let mut folders: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| (e.file_name().to_string_lossy().to_string(), e.path()))
        .filter(|(name, _)| year_folder_name(name).is_none())
        .collect();
    folders.sort();
    for (name, path) in folders {
        let books = workbooks_in(&path);
        if books.is_empty() {
            continue;
        }
        let meant = FiscalYear::parse(&name).ok();
        let (severity, place) = match meant {
            Some(y) => (
                if y == year {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                format!(
                    "{}のファイルなら、フォルダの名前を {} にするか、ファイルを {} に移してください",
                    y.era_label(),
                    y.western(),
                    paths.submissions_of(y).display()
                ),
            ),
            None => (
                Severity::Warning,
                format!(
                    "年度のフォルダは西暦の数字4けたの名前です（{}年度なら {}）。ファイルをそこに移してください",
                    year.era_label(),
                    paths.submissions_of(year).display()
                ),
            ),
        };
        out.push(Diagnostic::file(
            severity,
            &path.display().to_string(),
            format!(
                "フォルダ「{name}」の Excel ファイル {} 件（{}）は、年度のフォルダではないため読み込んでいません。{place}",
                books.len(),
                books.join("、")
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(dir: &Path) -> Paths {
        Paths {
            input: dir.to_path_buf(),
            output: dir.join("output"),
            templates: dir.join("templates"),
        }
    }

    #[test]
    fn returned_years_only_count_folders_with_workbooks() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(latest_returned_year(d), None);
        for y in ["2022", "2023", "2024", "2025", "notes", "令和7年度"] {
            std::fs::create_dir(d.join(y)).unwrap();
        }
        assert_eq!(latest_returned_year(d), None);
        assert_eq!(latest_year_folder(d), Some(FiscalYear(2025)));
        std::fs::write(d.join("2022/総務課.xlsx"), b"x").unwrap();
        std::fs::write(d.join("2023/福祉課.XLSX"), b"x").unwrap();
        std::fs::write(d.join("2024/~$総務課.xlsx"), b"x").unwrap();
        std::fs::write(d.join("2024/メモ.txt"), b"x").unwrap();
        std::fs::write(d.join("令和7年度/総務課.xlsx"), b"x").unwrap();
        assert_eq!(latest_returned_year(d), Some(FiscalYear(2023)));
    }

    #[test]
    fn misplaced_workbooks_are_named_with_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let subs = p.submissions();
        for f in ["2024", "令和6年度", "R5", "作業中", "空"] {
            std::fs::create_dir_all(subs.join(f)).unwrap();
        }
        std::fs::write(subs.join("令和6年度/総務課.xlsx"), b"x").unwrap();
        std::fs::write(subs.join("R5/福祉課.xlsx"), b"x").unwrap();
        std::fs::write(subs.join("作業中/財政課.xlsx"), b"x").unwrap();
        std::fs::write(subs.join("直置き.xlsx"), b"x").unwrap();
        let found = misplaced_workbooks(&p, FiscalYear(2024));
        assert_eq!(found.len(), 4, "{found:#?}");
        let text = |needle: &str| {
            found
                .iter()
                .find(|d| d.message.contains(needle))
                .unwrap_or_else(|| panic!("{needle}: {found:#?}"))
        };
        let r6 = text("令和6年度」");
        assert_eq!(r6.severity, Severity::Error);
        assert!(r6.message.contains("総務課.xlsx"), "{}", r6.message);
        assert!(r6.message.contains("2024"), "{}", r6.message);
        let r5 = text("「R5」");
        assert_eq!(r5.severity, Severity::Warning);
        assert!(
            r5.message.contains("令和5年度のファイルなら"),
            "{}",
            r5.message
        );
        assert_eq!(text("作業中").severity, Severity::Warning);
        assert!(text("直下").file.as_deref() == Some("直置き.xlsx"));
    }
}
