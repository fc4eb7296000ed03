//! Loading and validating `plan.toml`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::model::{Implementers, Plan};

/// One problem found in the plan, with the line it is on when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanProblem {
    /// 1-based line in plan.toml.
    pub line: Option<usize>,
    /// Japanese message.
    pub message: String,
}

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{l}行目: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Why a plan could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("計画ファイル {path} を読み込めません: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("計画ファイル {path} の書式が正しくありません（{}）: {message}", line_label(*.line))]
    Syntax {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    #[error("計画ファイル {path} に誤りがあります:\n{}", list(problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<PlanProblem>,
    },
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

/// 1-based line number of a byte offset.
pub(crate) fn line_of(source: &str, offset: usize) -> usize {
    source
        .as_bytes()
        .iter()
        .take(offset)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads and validates a plan file.
pub fn load_plan(path: &Path) -> Result<Plan, PlanError> {
    let source = std::fs::read_to_string(path).map_err(|source| PlanError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_plan(&source, path)
}

/// Parses and validates plan text; `path` is used in messages only.
pub fn parse_plan(source: &str, path: &Path) -> Result<Plan, PlanError> {
    let plan: Plan = toml::from_str(source).map_err(|e| PlanError::Syntax {
        path: path.to_path_buf(),
        line: e.span().map(|s| line_of(source, s.start)),
        message: e.message().trim().to_string(),
    })?;
    let problems = validate(&plan, source);
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(PlanError::Invalid {
            path: path.to_path_buf(),
            problems,
        })
    }
}

/// Every semantic problem of a parsed plan.
fn validate(plan: &Plan, source: &str) -> Vec<PlanProblem> {
    let mut out = Vec::new();
    let mut problem =
        |line: Option<usize>, message: String| out.push(PlanProblem { line, message });

    if plan.title.trim().is_empty() {
        problem(None, "title（計画の名称）が空です".into());
    }
    if plan.municipality.trim().is_empty() {
        problem(None, "municipality（自治体名）が空です".into());
    }
    if plan.start_year > plan.end_year || plan.start_year < 1989 || plan.end_year > 2200 {
        problem(
            None,
            format!(
                "計画期間 start_year = {} 〜 end_year = {} が正しくありません",
                plan.start_year, plan.end_year
            ),
        );
    }
    if plan.baseline_year > plan.start_year {
        problem(
            None,
            format!(
                "baseline_year = {} は計画開始年度 {} 以前にしてください",
                plan.baseline_year, plan.start_year
            ),
        );
    }
    if plan.target_year < plan.start_year || plan.target_year > plan.end_year {
        problem(
            None,
            format!(
                "target_year = {} が計画期間（{}〜{}）の外です",
                plan.target_year, plan.start_year, plan.end_year
            ),
        );
    }

    let mut departments = BTreeSet::new();
    for d in &plan.departments {
        if d.trim().is_empty() || d != d.trim() {
            problem(
                None,
                format!("departments の部署名「{d}」が正しくありません（空または前後に空白）"),
            );
        } else if d == super::model::ALL_DEPARTMENTS {
            problem(
                None,
                "departments に「全部署」は書けません（全部署は取組部署の値です）".into(),
            );
        } else if !departments.insert(d.as_str()) {
            problem(None, format!("departments に部署「{d}」が重複しています"));
        }
    }

    let mut policy_ids = BTreeSet::new();
    let mut pillar_ids = BTreeSet::new();
    for pillar in &plan.pillars {
        if !pillar_ids.insert(pillar.id.as_str()) {
            problem(None, format!("取組方針 ({}) が重複しています", pillar.id));
        }
        if pillar.policies.is_empty() {
            problem(
                None,
                format!(
                    "取組方針 ({}) {} に下位の取組方針がありません",
                    pillar.id, pillar.name
                ),
            );
        }
        for policy in &pillar.policies {
            let expected_prefix = format!("{}-", pillar.id);
            let serial_ok = policy
                .id
                .strip_prefix(&expected_prefix)
                .is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()));
            if !serial_ok {
                problem(
                    None,
                    format!(
                        "取組方針 {} {} の番号は「{}n」の形にしてください",
                        policy.id, policy.name, expected_prefix
                    ),
                );
            }
            if !policy_ids.insert(policy.id.as_str()) {
                problem(None, format!("取組方針 {} が重複しています", policy.id));
            }
        }
    }

    // Line numbers by offset, from the line starts counted once (as `line_of`).
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_at = |offset: usize| line_starts.partition_point(|&start| start <= offset);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for item in &plan.items {
        let code = item.code();
        let line = Some(line_at(item.id.span().start));
        let policy_line = Some(line_at(item.policy.span().start));
        if code.len() != 4 || !code.chars().all(|c| c.is_ascii_digit()) {
            problem(line, format!("管理番号「{code}」は4桁の数字にしてください"));
        }
        if let Some(first) = seen.get(code) {
            problem(
                line,
                format!("管理番号 {code} が重複しています（{first}行目にもあります）"),
            );
        } else if let Some(l) = line {
            seen.insert(code, l);
        }
        if item.title.trim().is_empty() {
            problem(
                line,
                format!("取組項目 {code} の title（取組項目名）が空です"),
            );
        }
        match plan.policy(item.policy_id()) {
            None => problem(
                policy_line,
                format!(
                    "取組項目 {code} の取組方針「{}」は計画の取組方針（pillars）にありません",
                    item.policy_id()
                ),
            ),
            Some((pillar, policy)) => {
                let serial = policy.id.rsplit('-').next().unwrap_or_default();
                let expected = format!("{}{}", pillar.id, serial);
                if !code.starts_with(&expected) {
                    problem(
                        policy_line,
                        format!(
                            "管理番号 {code} は取組方針 {} と合いません（取組方針 {} の管理番号は {expected} で始まります）",
                            policy.id, policy.id
                        ),
                    );
                }
            }
        }
        if let Some(lead) = &item.lead
            && !departments.contains(lead.as_str())
        {
            problem(
                line,
                format!("取組項目 {code} の担当部署「{lead}」が departments にありません"),
            );
        }
        if let Implementers::Listed(list) = &item.implementers {
            for d in list {
                if !departments.contains(d.as_str()) {
                    problem(
                        line,
                        format!("取組項目 {code} の取組部署「{d}」が departments にありません"),
                    );
                }
            }
        }
        if item.lead.is_none() && item.implementers != Implementers::default() {
            problem(
                line,
                format!("取組項目 {code} は取組部署があるのに担当部署（lead）がありません"),
            );
        }
        for action in &item.actions {
            if action.trim().is_empty() {
                problem(
                    line,
                    format!("取組項目 {code} の具体的な取組（actions）に空の項目があります"),
                );
            }
        }
        let mut names = BTreeSet::new();
        for (n, ind) in item.indicators.iter().enumerate() {
            let label = format!("取組項目 {code} の指標{}（{}）", n + 1, ind.name);
            if ind.name.trim().is_empty() {
                problem(
                    line,
                    format!("取組項目 {code} の指標{} の name が空です", n + 1),
                );
            } else if !names.insert(ind.name.as_str()) {
                problem(line, format!("{label} の名称が重複しています"));
            }
            if ind.unit.trim().is_empty() {
                problem(line, format!("{label} の unit（単位）が空です"));
            }
            for (what, v) in [
                ("baseline（基準値）", ind.baseline),
                ("target（目標値）", ind.target),
            ] {
                if let Some(v) = v
                    && (!v.is_finite() || v < 0.0)
                {
                    problem(
                        line,
                        format!("{label} の {what} = {v} は使えません（0以上の数値）"),
                    );
                }
            }
            if ind.decimals > 3 {
                problem(line, format!("{label} の decimals は 0〜3 にしてください"));
            }
            for (year, v) in &ind.yearly_targets {
                let in_period = year.parse::<u16>().is_ok_and(|y| plan.years().contains(&y));
                if !in_period {
                    problem(
                        line,
                        format!("{label} の yearly_targets の年度「{year}」が計画期間の外です"),
                    );
                }
                if !v.is_finite() || *v < 0.0 {
                    problem(
                        line,
                        format!("{label} の yearly_targets.{year} = {v} は使えません"),
                    );
                }
            }
            if ind.aggregation == super::model::Aggregation::Sum && ind.unit.contains('%') {
                problem(
                    line,
                    format!("{label} は率（%）なので aggregation = \"sum\" にできません"),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_are_one_based() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
        // The same numbers as the line starts used for the items.
        let source = "a\nbb\n\nc\n";
        let starts: Vec<usize> = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for offset in 0..=source.len() {
            let fast = starts.partition_point(|&start| start <= offset);
            assert_eq!(fast, line_of(source, offset), "{offset}");
        }
    }
}
