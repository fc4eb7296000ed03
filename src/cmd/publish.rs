//! `gyokaku publish`: the citizen publication of a year → output/<Y>/<publish folder>/
//! (web pages, open data, newsletter page), from the same report model as `build`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CmdError, Paths};
use crate::plan::OutputSettings;
use crate::publish::{self, Publication};
use crate::report::output::Output;
use crate::report::pdf;

/// Whether a 全国地方公共団体コード is six digits with a correct check digit.
pub fn valid_municipality_code(code: &str) -> bool {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 6 || code.chars().count() != 6 {
        return false;
    }
    let sum: u32 = digits[..5]
        .iter()
        .zip([6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    (11 - sum % 11) % 10 == digits[5]
}

/// Files under `dir` (relative, '/'-separated), without the program's temporaries.
fn existing_files(dir: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.filter_map(Result::ok) {
            let path = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with(".gyokaku-") {
                continue;
            }
            if path.is_dir() {
                walk(base, &path, out);
            } else if let Ok(rel) = path.strip_prefix(base) {
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect();
                out.insert(rel.join("/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

/// What `gyokaku publish` makes for a year, before anything is written: the same pipeline as
/// `build` (the year's plan → submissions → merge → report model), then the publication.
pub struct Published {
    /// The report's fiscal year.
    pub year: crate::fiscal_year::FiscalYear,
    /// The publication folder (output/<year>/<folder>).
    pub dir: PathBuf,
    /// Each file of the folder (path inside it, '/'-separated) with its bytes.
    pub files: Vec<publish::PublishedFile>,
    /// Warnings for the secretariat (not written in the publication).
    pub warnings: Vec<String>,
    /// How many items have no report (shown to citizens as 未提出（集計中） and the like).
    pub unrated: usize,
    /// The year's data the publication was made from (submissions with their diagnostics).
    pub data: super::YearData,
    /// The city's word for an item (`[words] item`), for the messages.
    pub item_word: String,
}

/// Makes the publication in memory: nothing is written. With `period`, the summary of the
/// whole plan period (計画期間の総括) is added even before the plan's last year, as
/// `build --period` does.
pub fn make(paths: &Paths, year: Option<&str>, period: bool) -> Result<Published, CmdError> {
    let (loaded, year) = super::year_plan::load_for_year(paths, year)?;
    let modelled = super::report_model(paths, &loaded, year, period)?;
    super::year_plan::keep_unread_past_year(paths, &modelled.data.submissions)?;
    let (year, model) = (modelled.year, &modelled.model);
    if modelled.data.submissions.files.is_empty() {
        return Err(CmdError::NothingReturned {
            year: year.label(),
            dir: paths.submissions_of(year),
        });
    }
    let settings = &loaded.settings;
    let ps = &settings.publish;
    let dir: PathBuf = paths
        .output_of(year)
        .join(OutputSettings::file_name(&ps.folder, year, ""));

    let mut warnings = Vec::new();
    match &model.facts.municipality_code {
        None => warnings.push(
            "plan.toml に municipality_code（全国地方公共団体コード）がないため、オープンデータの「全国地方公共団体コード」列は空欄です".to_string(),
        ),
        Some(code) if !valid_municipality_code(code) => warnings.push(format!(
            "plan.toml の municipality_code「{code}」は全国地方公共団体コード（検査数字を含む6桁の数字）になっていません。そのままオープンデータに書きました"
        )),
        Some(_) => {}
    }
    let committee_pdf = if !ps.committee_pdf {
        None
    } else if !ps.publishes_all() {
        warnings.push(
            "[publish] fields で公表しない項目があるため、委員会資料 PDF（すべての項目を含む）は公表フォルダに入れていません".to_string(),
        );
        None
    } else {
        let name = OutputSettings::file_name(&settings.output.pdf, year, "");
        let bytes = pdf::committee_pdf(model).map_err(crate::report::ReportError::from)?;
        Some((name, bytes))
    };
    let publication = Publication {
        model,
        settings: ps,
        words: &settings.words,
        committee_pdf,
    };
    let (files, notes) = publish::publish(&publication)?;
    warnings.extend(notes);
    let unrated = model.unrated_items().count();
    Ok(Published {
        year,
        dir,
        files,
        warnings,
        unrated,
        item_word: settings.words.item.clone(),
        data: modelled.data,
    })
}

/// The arguments of `gyokaku publish`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 年度（2023、R5、令和5 など）。省略時は input/submissions の最新年度
    #[arg(long, value_name = "年度")]
    pub year: Option<String>,
    /// 計画の最終年度でなくても「計画期間の総括」をホームページと広報誌用 PDF に加える
    #[arg(long)]
    pub period: bool,
}

/// Runs the command: [`make`], then the publication folder replaces the previous one as a whole.
pub fn run(paths: &Paths, args: &Args) -> Result<ExitCode, CmdError> {
    let (year, period) = (args.year.as_deref(), args.period);
    let Published {
        year,
        dir,
        files,
        warnings,
        unrated,
        data,
        item_word,
    } = make(paths, year, period)?;
    let made: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let stale: Vec<String> = existing_files(&dir)
        .into_iter()
        .filter(|f| !made.contains(f.as_str()))
        .collect();
    let file_count = files.len();
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    // The folder is replaced as a whole: it never holds a mix of two runs or a temporary file.
    let outputs = [Output::Folder(
        dir.clone(),
        files.into_iter().map(|f| (f.path, f.bytes)).collect(),
    )];
    let lock = super::lock_year_outputs(paths, year)?;
    super::switch_year_outputs(paths, year, &outputs)?;
    drop(lock);

    eprintln!("{}", super::check::summary_line(&data.submissions));
    for w in &warnings {
        eprintln!("警告: {w}");
    }
    if !stale.is_empty() {
        eprintln!(
            "警告: 以前の公表フォルダ {} にあった次のファイルは今回作成していないため、新しい公表フォルダには入っていません（公表フォルダは毎回まるごと作り直します）: {}",
            dir.display(),
            stale.join("、")
        );
    }
    eprintln!(
        "作成しました: {}（ページ {pages}、ファイル {}）",
        dir.display(),
        file_count
    );
    if unrated > 0 {
        eprintln!(
            "報告のない{item_word}が {unrated} 件あります。公表ページでは「未提出（集計中）」などと表示しています"
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipality_codes_are_checked_with_their_check_digit() {
        assert!(valid_municipality_code("131016")); // 千代田区
        assert!(valid_municipality_code("011002")); // 札幌市
        assert!(valid_municipality_code("222259"));
        assert!(!valid_municipality_code("131017"));
        assert!(!valid_municipality_code("13101"));
        assert!(!valid_municipality_code("１３１０１６"));
    }
}
