//! Loading `plan.toml`: read, decoded, parsed and validated, every error in Japanese with
//! the file and line.

use std::path::{Path, PathBuf};

use super::model::Plan;
use super::text_file::{decode_text, read_regular_file};
use super::validate::{Part, PlanProblem, validate};

/// Why a plan could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The file could not be read.
    #[error("計画ファイル {} を読み込めません: {}", path.display(), crate::text::io_reason(source))]
    Io {
        /// The plan file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is in none of the encodings read.
    #[error("計画ファイル {} の文字コードを読み取れません（UTF-8 でも Shift_JIS でもありません）。メモ帳などで開き、文字コード「UTF-8」で保存し直してください", path.display())]
    Encoding {
        /// The plan file.
        path: PathBuf,
    },
    /// The TOML could not be parsed.
    #[error("計画ファイル {path} の書式が正しくありません（{}）: {message}", line_label(*.line))]
    Syntax {
        /// The plan file.
        path: PathBuf,
        /// The line of the error, when known.
        line: Option<usize>,
        /// Japanese message.
        message: String,
    },
    /// The plan parsed but has problems.
    #[error("計画ファイル {path} に誤りがあります:\n{}", list(problems))]
    Invalid {
        /// The plan file.
        path: PathBuf,
        /// Every problem found.
        problems: Vec<PlanProblem>,
    },
}

impl PlanError {
    /// The error in the city's words (`[words]`): the problems' messages reworded, the plan's
    /// own names and values (quoted in 「」) kept as they are.
    pub fn in_words(self, words: &crate::plan::Words) -> PlanError {
        match self {
            PlanError::Invalid { path, problems } => PlanError::Invalid {
                path,
                problems: problems
                    .into_iter()
                    .map(|p| PlanProblem {
                        place: p.place,
                        message: words.reword_message(&p.message),
                    })
                    .collect(),
            },
            other => other,
        }
    }
}

fn line_label(line: Option<usize>) -> String {
    line.map_or_else(|| "行不明".to_string(), |l| format!("{l}行目"))
}

fn list(problems: &[PlanProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads and validates a plan file.
pub fn load_plan(path: &Path) -> Result<Plan, PlanError> {
    load_plan_with_notes(path).map(|(plan, _)| plan)
}

/// Reads and validates a plan file; also returns warnings about how it was read (a file
/// saved as Shift_JIS is read, with a warning to save it as UTF-8).
pub fn load_plan_with_notes(path: &Path) -> Result<(Plan, Vec<String>), PlanError> {
    let bytes = read_regular_file(path).map_err(|source| PlanError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let (source, encoding) = decode_text(&bytes).ok_or_else(|| PlanError::Encoding {
        path: path.to_path_buf(),
    })?;
    let notes = encoding.and_then(|e| e.warning(path)).into_iter().collect();
    parse_plan(&source, path).map(|plan| (plan, notes))
}

/// Parses and validates plan text; `path` is used in messages only.
pub fn parse_plan(source: &str, path: &Path) -> Result<Plan, PlanError> {
    let plan: Plan =
        super::toml_error::parse(source).map_err(|(line, message)| PlanError::Syntax {
            path: path.to_path_buf(),
            line,
            message,
        })?;
    // Line numbers by offset, from the line starts counted once.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line = |offset: usize| {
        let n = line_starts.partition_point(|&start| start <= offset);
        Some(format!("{n}行目"))
    };
    let department_offsets = department_offsets(source, &plan.departments);
    let problems = validate(&plan, &|part| match part {
        Part::Item(i) | Part::Action(i, _) | Part::Indicator(i, _) => {
            plan.items.get(i).and_then(|it| line(it.id.span().start))
        }
        Part::ItemPolicy(i) => plan
            .items
            .get(i)
            .and_then(|it| line(it.policy.span().start)),
        Part::Department(k) => department_offsets.get(k).copied().flatten().and_then(line),
        _ => None,
    });
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(PlanError::Invalid {
            path: path.to_path_buf(),
            problems,
        })
    }
}

/// Where each department of the list is written in plan.toml: its quoted name, searched in
/// order after the `departments` key (None when it is not found as written, e.g. with escapes).
fn department_offsets(source: &str, departments: &[String]) -> Vec<Option<usize>> {
    let mut from = source
        .match_indices("departments")
        .find(|&(i, _)| {
            let line_start = source[..i].rfind('\n').map_or(0, |n| n + 1);
            source[line_start..i].trim().is_empty()
                && source[i + "departments".len()..]
                    .trim_start()
                    .starts_with('=')
        })
        .map(|(i, _)| i);
    departments
        .iter()
        .map(|d| {
            let start = from?;
            let found = [format!("\"{d}\""), format!("'{d}'")]
                .iter()
                .filter_map(|quoted| source[start..].find(quoted.as_str()).map(|i| start + i))
                .min();
            if let Some(at) = found {
                from = Some(at + 1);
            }
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "title = \"計画\"\nmunicipality = \"市\"\nstart_year = 2023\nend_year = 2025\nbaseline_year = 2022\ntarget_year = 2025\n";

    fn problems(departments: &str) -> Vec<String> {
        let text = format!("{PLAN}departments = [\n{departments}]\npillars = []\nitems = []\n");
        match parse_plan(&text, Path::new("plan.toml")) {
            Ok(_) => Vec::new(),
            Err(PlanError::Invalid { problems, .. }) => {
                problems.iter().map(ToString::to_string).collect()
            }
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn department_names_windows_refuses_are_named_with_their_line() {
        let found =
            problems("  \"企画課\",\n  \"CON\",\n  'lpt1',\n  \"財政課.\",\n  \"Aux.課\",\n");
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(
            found[0].starts_with(
                "9行目: 部署名「CON」は Windows でファイル名に使えない名前（予約名「CON」）です"
            ),
            "{found:?}"
        );
        assert!(found[1].starts_with("10行目: 部署名「lpt1」"), "{found:?}");
        assert!(
            found[2].starts_with("11行目: 部署名「財政課.」の末尾に「.」"),
            "{found:?}"
        );
        assert!(found[3].contains("予約名「Aux」"), "{found:?}");
    }

    #[test]
    fn names_that_only_look_reserved_pass() {
        assert!(problems("\"CONSOLE課\", \"COM10\", \"企画.財政課\", \"NULL\"\n").is_empty());
    }

    #[test]
    fn the_line_of_a_repeated_department_is_its_own() {
        let found = problems("\"企画課\",\n\"企画課\",\n");
        assert_eq!(
            found,
            ["9行目: departments に部署「企画課」が重複しています"]
        );
    }
}
