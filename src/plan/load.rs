//! Loading and validating `plan.toml`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::model::{Implementers, Plan};

/// One problem found in the plan, with where it is when known ("12行目", or a sheet and
/// cell when the plan comes from a workbook).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanProblem {
    /// Where the problem is.
    pub place: Option<String>,
    /// Japanese message.
    pub message: String,
}

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(p) => write!(f, "{p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A part of a plan a problem can be about (indexes in plan order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The plan's own keys (title, years …).
    Plan,
    /// A department of the list.
    Department(usize),
    /// A pillar.
    Pillar(usize),
    /// A second-level policy of a pillar.
    Policy(usize, usize),
    /// An item.
    Item(usize),
    /// The 取組方針 an item names.
    ItemPolicy(usize),
    /// An action of an item.
    Action(usize, usize),
    /// An indicator of an item.
    Indicator(usize, usize),
}

/// Why a plan could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("計画ファイル {} を読み込めません: {}", path.display(), crate::text::io_reason(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("計画ファイル {} の文字コードを読み取れません（UTF-8 でも Shift_JIS でもありません）。メモ帳などで開き、文字コード「UTF-8」で保存し直してください", path.display())]
    Encoding { path: PathBuf },
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

/// How a text file was decoded, when it was not plain UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 with a byte-order mark (removed).
    Utf8Bom,
    /// UTF-16 with a byte-order mark (Windows Notepad's "Unicode").
    Utf16,
    /// Shift_JIS / CP932 (Windows-31J).
    ShiftJis,
}

impl TextEncoding {
    /// The warning shown for a file read in this encoding (None for UTF-8 with BOM, which
    /// TOML readers and editors handle).
    pub fn warning(self, path: &Path) -> Option<String> {
        let name = match self {
            TextEncoding::Utf8Bom => return None,
            TextEncoding::Utf16 => "UTF-16",
            TextEncoding::ShiftJis => "Shift_JIS",
        };
        Some(format!(
            "{} は文字コード {name} で保存されています。このまま読み込みましたが、文字化けを防ぐため、メモ帳などで開き文字コード「UTF-8」で保存し直してください",
            path.display()
        ))
    }
}

/// Decodes a text file: UTF-8 (a byte-order mark is removed), UTF-16 with a byte-order
/// mark, or else Shift_JIS/CP932 (files saved by Windows tools). None when the bytes are valid
/// in none of them.
pub fn decode_text(bytes: &[u8]) -> Option<(String, Option<TextEncoding>)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .ok()
            .map(|s| (s.to_string(), Some(TextEncoding::Utf8Bom)));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[2..]);
        return (!had_errors).then(|| (text.into_owned(), Some(TextEncoding::Utf16)));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some((s.to_string(), None));
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    (!had_errors).then(|| (text.into_owned(), Some(TextEncoding::ShiftJis)))
}

/// Reads a text file that must be a regular file (a named pipe would block the program) of
/// at most 16 MiB.
pub(crate) fn read_regular_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory));
    }
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "通常のファイルではありません（名前付きパイプ・デバイスなど）",
        ));
    }
    const MAX: u64 = 16 << 20;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "ファイルが大きすぎます（16 MB まで）",
        ));
    }
    Ok(bytes)
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
    let plan: Plan = toml::from_str(source).map_err(|e| {
        let (line, message) =
            super::toml_error::japanese(e.message(), source, e.span().map(|s| s.start));
        PlanError::Syntax {
            path: path.to_path_buf(),
            line,
            message,
        }
    })?;
    // Line numbers by offset, from the line starts counted once.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line = |offset: usize| {
        let n = line_starts.partition_point(|&start| start <= offset);
        Some(format!("{n}行目"))
    };
    let problems = validate(&plan, &|part| match part {
        Part::Item(i) | Part::Action(i, _) | Part::Indicator(i, _) => {
            plan.items.get(i).and_then(|it| line(it.id.span().start))
        }
        Part::ItemPolicy(i) => plan
            .items
            .get(i)
            .and_then(|it| line(it.policy.span().start)),
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

/// Every semantic problem of a plan; `place` says where a part of it is written.
pub fn validate(plan: &Plan, place: &dyn Fn(Part) -> Option<String>) -> Vec<PlanProblem> {
    let mut out = Vec::new();
    let mut problem = |part: Part, message: String| {
        out.push(PlanProblem {
            place: place(part),
            message,
        })
    };

    if plan.title.trim().is_empty() {
        problem(Part::Plan, "title（計画の名称）が空です".into());
    }
    if plan.municipality.trim().is_empty() {
        problem(Part::Plan, "municipality（自治体名）が空です".into());
    }
    if plan.start_year > plan.end_year {
        problem(
            Part::Plan,
            format!(
                "計画期間 start_year = {} 〜 end_year = {} が正しくありません",
                plan.start_year.western(),
                plan.end_year.western()
            ),
        );
    }
    if plan.baseline_year > plan.start_year {
        problem(
            Part::Plan,
            format!(
                "baseline_year = {} は計画開始年度 {} 以前にしてください",
                plan.baseline_year.western(),
                plan.start_year.western()
            ),
        );
    }
    if plan.target_year < plan.start_year || plan.target_year > plan.end_year {
        problem(
            Part::Plan,
            format!(
                "target_year = {} が計画期間（{}〜{}）の外です",
                plan.target_year.western(),
                plan.start_year.western(),
                plan.end_year.western()
            ),
        );
    }

    let mut departments = BTreeSet::new();
    for (k, d) in plan.departments.iter().enumerate() {
        if d.trim().is_empty() || d != d.trim() {
            problem(
                Part::Department(k),
                format!("departments の部署名「{d}」が正しくありません（空または前後に空白）"),
            );
        } else if d == super::model::ALL_DEPARTMENTS {
            problem(
                Part::Department(k),
                "departments に「全部署」は書けません（全部署は取組部署の値です）".into(),
            );
        } else if !departments.insert(d.as_str()) {
            problem(
                Part::Department(k),
                format!("departments に部署「{d}」が重複しています"),
            );
        }
    }

    // Pillar and policy ids share one namespace: an item names either.
    let mut group_ids = BTreeSet::new();
    for (pi, pillar) in plan.pillars.iter().enumerate() {
        if pillar.id.trim().is_empty() || pillar.name.trim().is_empty() {
            problem(
                Part::Pillar(pi),
                format!(
                    "取組方針（柱）「{} {}」の id（番号）と name（名称）は空にできません",
                    pillar.id, pillar.name
                ),
            );
        }
        if !group_ids.insert(pillar.id.as_str()) {
            problem(
                Part::Pillar(pi),
                format!("取組方針の番号「{}」が重複しています", pillar.id),
            );
        }
        for (qi, policy) in pillar.policies.iter().enumerate() {
            if policy.id.trim().is_empty() || policy.name.trim().is_empty() {
                problem(
                    Part::Policy(pi, qi),
                    format!(
                        "取組方針「{} {}」（{} の下）の id（番号）と name（名称）は空にできません",
                        policy.id, policy.name, pillar.id
                    ),
                );
            }
            if !group_ids.insert(policy.id.as_str()) {
                problem(
                    Part::Policy(pi, qi),
                    format!("取組方針の番号「{}」が重複しています", policy.id),
                );
            }
        }
    }

    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (ii, item) in plan.items.iter().enumerate() {
        let code = item.code();
        let line = Part::Item(ii);
        let policy_line = Part::ItemPolicy(ii);
        if code.trim().is_empty() || code != code.trim() {
            problem(
                line,
                format!("管理番号「{code}」は空にできず、前後に空白を入れられません"),
            );
        }
        if let Some(first) = seen.get(code) {
            let also = place(Part::Item(*first))
                .map_or_else(String::new, |p| format!("（{p}にもあります）"));
            problem(line, format!("管理番号 {code} が重複しています{also}"));
        } else {
            seen.insert(code, ii);
        }
        if item.title.trim().is_empty() {
            problem(
                line,
                format!("取組項目 {code} の title（取組項目名）が空です"),
            );
        }
        if plan.group(item.policy_id()).is_none() {
            let is_parent = plan
                .pillars
                .iter()
                .any(|p| p.id == item.policy_id() && !p.policies.is_empty());
            let message = if is_parent {
                format!(
                    "取組項目 {code} の取組方針「{}」には下位の取組方針があります。下位の取組方針の番号を書いてください",
                    item.policy_id()
                )
            } else {
                format!(
                    "取組項目 {code} の取組方針「{}」は計画の取組方針（pillars）にありません",
                    item.policy_id()
                )
            };
            problem(policy_line, message);
        }
        if let Some(c) = &item.continuity
            && c.trim().is_empty()
        {
            problem(
                line,
                format!(
                    "取組項目 {code} の continuity（前期計画）が空です。なければ行ごと削除してください"
                ),
            );
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
        for (ai, action) in item.actions.iter().enumerate() {
            if action.trim().is_empty() {
                problem(
                    Part::Action(ii, ai),
                    format!("取組項目 {code} の具体的な取組（actions）に空の項目があります"),
                );
            }
        }
        let mut names = BTreeSet::new();
        for (n, ind) in item.indicators.iter().enumerate() {
            let line = Part::Indicator(ii, n);
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
            let (low, high) = (ind.lower_bound(), ind.max);
            if let (Some(min), Some(max)) = (ind.min, ind.max)
                && min >= max
            {
                problem(
                    line,
                    format!("{label} の min = {min} は max = {max} より小さくしてください"),
                );
            }
            for (what, v) in [("min", ind.min), ("max", ind.max)] {
                if let Some(v) = v
                    && !v.is_finite()
                {
                    problem(line, format!("{label} の {what} = {v} は使えません"));
                }
            }
            let range = match high {
                Some(h) => format!("{low}〜{h}"),
                None => format!("{low}以上"),
            };
            let outside = |v: f64| !v.is_finite() || v < low || high.is_some_and(|h| v > h);
            for (what, v) in [
                ("baseline（基準値）", ind.baseline),
                ("target（目標値）", ind.target),
            ] {
                if let Some(v) = v
                    && outside(v)
                {
                    problem(
                        line,
                        format!(
                            "{label} の {what} = {v} は使えません（{range} の数値。範囲は min・max で変えられます）"
                        ),
                    );
                }
            }
            if ind.decimals > 3 {
                problem(line, format!("{label} の decimals は 0〜3 にしてください"));
            }
            for (year, v) in &ind.yearly_targets {
                let in_period = year
                    .parse::<u16>()
                    .is_ok_and(|y| plan.covers(crate::fiscal_year::FiscalYear(y)));
                if !in_period {
                    problem(
                        line,
                        format!("{label} の yearly_targets の年度「{year}」が計画期間の外です"),
                    );
                }
                if outside(*v) {
                    problem(
                        line,
                        format!(
                            "{label} の yearly_targets.{year} = {v} は使えません（{range} の数値）"
                        ),
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
mod encoding_tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_utf16_and_shift_jis() {
        assert_eq!(decode_text("計画".as_bytes()), Some(("計画".into(), None)));
        let bom = [b"\xEF\xBB\xBF".as_slice(), "計画".as_bytes()].concat();
        assert_eq!(
            decode_text(&bom),
            Some(("計画".into(), Some(TextEncoding::Utf8Bom)))
        );
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("title = \"行財政改革\"");
        assert_eq!(
            decode_text(&sjis),
            Some((
                "title = \"行財政改革\"".into(),
                Some(TextEncoding::ShiftJis)
            ))
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("計画".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode_text(&utf16),
            Some(("計画".into(), Some(TextEncoding::Utf16)))
        );
        // Invalid in UTF-8 and in Shift_JIS.
        assert_eq!(decode_text(&[0x82, 0xFF, 0xFF, 0x80]), None);
        assert!(
            TextEncoding::ShiftJis
                .warning(Path::new("plan.toml"))
                .unwrap()
                .contains("UTF-8")
        );
    }
}

#[cfg(test)]
mod tests {

    /// 1-based line number of a byte offset, counted the slow way.
    fn line_of(source: &str, offset: usize) -> usize {
        source.as_bytes()[..offset.min(source.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    #[test]
    fn line_numbers_are_one_based_and_equal_the_slow_count() {
        let source = "a\nbb\n\nc\n";
        let starts: Vec<usize> = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for offset in 0..=source.len() {
            let fast = starts.partition_point(|&start| start <= offset);
            assert_eq!(fast, line_of(source, offset), "{offset}");
        }
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }
}
