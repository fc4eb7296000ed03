//! `gyokaku init DIR`: a new project folder for a city's plan: a commented plan.toml and
//! report.toml, and the folder for the submissions.
//!
//! The two files are a minimal VALID skeleton rather than files that fail until filled in:
//! every value to replace carries the marker [`PLACEHOLDER`] (no city's names), so the
//! secretariat can at once run `gyokaku plan` (which lists the lines still holding the marker)
//! or `gyokaku plan --export 計画.xlsx` and fill the plan in Excel. Existing files are never
//! replaced.

use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdError;

/// The marker of every value the secretariat must replace.
pub const PLACEHOLDER: &str = "【記入】";

/// The plan skeleton.
pub const PLAN_TEMPLATE: &str = include_str!("init/plan.toml");
/// The settings skeleton, every key with its meaning.
pub const REPORT_TEMPLATE: &str = include_str!("init/report.toml");

/// The arguments of `gyokaku init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 作成するフォルダ（すでにある plan.toml・report.toml は上書きしない）
    #[arg(value_name = "フォルダ")]
    pub dir: PathBuf,
}

/// Runs the command.
pub fn run(args: &Args) -> Result<ExitCode, CmdError> {
    let dir = args.dir.as_path();
    let plan = dir.join("input").join("plan.toml");
    let report = dir.join("templates").join("report.toml");
    let existing: Vec<PathBuf> = [&plan, &report]
        .into_iter()
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .cloned()
        .collect();
    if !existing.is_empty() {
        return Err(CmdError::InitExists(existing));
    }
    crate::report::output::write_all_atomic(&[
        (plan.clone(), PLAN_TEMPLATE.as_bytes().to_vec()),
        (report.clone(), REPORT_TEMPLATE.as_bytes().to_vec()),
    ])?;
    let submissions = dir.join("input").join("submissions");
    std::fs::create_dir_all(&submissions).map_err(|source| {
        CmdError::Report(crate::report::ReportError::Io {
            path: submissions.clone(),
            source: std::io::Error::new(source.kind(), crate::text::io_reason(&source)),
        })
    })?;
    crate::outln!("新しい計画のフォルダを作成しました: {}", dir.display())?;
    crate::outln!("  {}  計画の内容（雛形）", plan.display())?;
    crate::outln!("  {}  帳票の設定（雛形）", report.display())?;
    crate::outln!(
        "  {}  各部署の提出ファイルを年度のフォルダ（例: 2025）に置く場所",
        submissions.display()
    )?;
    crate::outln!()?;
    crate::outln!("次の手順:")?;
    crate::outln!(
        "  1. 2つのファイルの「{PLACEHOLDER}」の付いた値と、計画期間の年度を書き換えます。"
    )?;
    crate::outln!(
        "     Excel で編集するときは、{} に移動して `gyokaku plan --export 計画.xlsx` で書き出し、",
        dir.display()
    )?;
    crate::outln!("     編集したあと `gyokaku plan --import 計画.xlsx` で取り込みます。")?;
    crate::outln!(
        "  2. `gyokaku plan` で点検します（書き換えていない値があればお知らせします）。"
    )?;
    crate::outln!("  3. `gyokaku templates --year <年度>` で部署別の入力シートを作成します。")?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn skeletons_are_valid_and_name_no_city() {
        let plan = crate::plan::parse_plan(PLAN_TEMPLATE, Path::new("plan.toml"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(plan.title.contains(PLACEHOLDER));
        assert!(plan.departments.iter().all(|d| d.contains(PLACEHOLDER)));
        let settings = crate::plan::Settings::parse(REPORT_TEMPLATE, Path::new("report.toml"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(settings.report.secretariat.contains(PLACEHOLDER));
        assert!(
            settings.effect.is_none(),
            "効果額 only when the city wants it"
        );
        // The names of the bundled sample city and of the other-city fixture, read from
        // their own plan and settings, appear in neither skeleton. (The other city's
        // secretariat, 企画課, is a common section name the skeleton may use as an example.)
        let mut names = Vec::new();
        for (plan, report, own_secretariat) in [
            (
                include_str!("../../input/plan.toml"),
                include_str!("../../templates/report.toml"),
                true,
            ),
            (
                include_str!("../../tests/fixtures/other_city/plan.toml"),
                include_str!("../../tests/fixtures/other_city/report.toml"),
                false,
            ),
        ] {
            let plan = crate::plan::parse_plan(plan, Path::new("plan.toml"))
                .unwrap_or_else(|e| panic!("{e}"));
            let settings = crate::plan::Settings::parse(report, Path::new("report.toml"))
                .unwrap_or_else(|e| panic!("{e}"));
            // The city without 市/町/村, and the secretariat's own section ("総務部 企画調整課"
            // → 企画調整課; a department name like 総務部 is not the city's).
            let city = plan.municipality.trim_end_matches(['市', '町', '村']);
            names.push(city.to_string());
            if own_secretariat {
                names.extend(
                    settings
                        .report
                        .secretariat
                        .split_whitespace()
                        .last()
                        .map(str::to_string),
                );
            }
            names.extend(settings.report.committee.clone());
        }
        for text in [PLAN_TEMPLATE, REPORT_TEMPLATE] {
            for word in names.iter().filter(|w| !w.trim().is_empty()) {
                assert!(!text.contains(word.as_str()), "{word}");
            }
        }
    }

    #[test]
    fn settings_skeleton_names_every_key() {
        for key in [
            "[report]",
            "title =",
            "committee =",
            "secretariat =",
            "[output]",
            "workbook =",
            "pdf =",
            "template =",
            "[effect]",
            "unit =",
            "description =",
            "[evaluation]",
            "achievement =",
            "statuses =",
            "[[evaluation.levels]]",
            "code =",
            "label =",
            "meaning =",
            "[words]",
            "participant =",
            "[template]",
            "contact =",
            "password =",
            "required =",
            "[schedule.",
            "deadline =",
            "report_date =",
            "{年度}",
            "{西暦}",
            "{部署}",
        ] {
            assert!(REPORT_TEMPLATE.contains(key), "{key}");
        }
    }
}
