//! Command-line interface: wires the commands' arguments (each command module owns its
//! `Args`, as mdBook's commands do) into one parser, and turns a command's outcome into the process exit (codes from `CmdError::exit_code`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

mod double_click;
pub mod stdout;
mod usage;

/// Output format of `check` (owned by the command, re-exported for the parser).
pub use crate::cmd::check::OutputFormat;
use crate::cmd::{self, CmdError, Paths};

/// The version line of `gyokaku --version`: the package version and the build (target triple
/// and git commit, named by build.rs), e.g. `0.1.0 (x86_64-pc-windows-gnu, commit abc1234)`.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("GYOKAKU_BUILD"), ")");

/// 行財政改革 進捗管理: 部署別入力シートの作成・提出ファイルの点検・集計と委員会資料の作成
#[derive(Debug, Parser)]
#[command(
    name = "gyokaku",
    version = VERSION,
    about,
    long_about = None,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// 使い方を表示する
    #[arg(short, long, action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 版（バージョン）を表示する
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
    /// 実行するコマンド
    #[command(subcommand)]
    pub command: Command,
    /// 入力フォルダ（plan.toml と submissions/ がある場所）。省略時は input
    #[arg(
        long,
        global = true,
        default_value = "input",
        hide_default_value = true,
        value_name = "フォルダ"
    )]
    pub input: PathBuf,
    /// 出力フォルダ。省略時は output
    #[arg(
        long,
        global = true,
        default_value = "output",
        hide_default_value = true,
        value_name = "フォルダ"
    )]
    pub output: PathBuf,
    /// 設定フォルダ（report.toml がある場所）。省略時は templates
    #[arg(
        long,
        global = true,
        default_value = "templates",
        hide_default_value = true,
        value_name = "フォルダ"
    )]
    pub templates: PathBuf,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 部署別の入力シート（Excel）を作成する → output/<年度>/templates/<部署>.xlsx
    Templates(cmd::templates::Args),
    /// 提出されたファイルを点検する（エラーがあれば終了コード 1）
    Check(cmd::check::Args),
    /// 集計ワークブックと委員会資料 PDF を作成する → output/<年度>/
    Build(cmd::build::Args),
    /// 計画マスタ（plan.toml）を点検し、計画の体系を表示する。--export で Excel に書き出し、
    /// --import で Excel から取り込む
    Plan(cmd::plan::Args),
    /// 新しい計画のフォルダを作る（plan.toml と report.toml の雛形、提出ファイルの置き場所）
    Init(cmd::init::Args),
    /// 市民向けの公表資料（ホームページ・オープンデータ・広報誌用 PDF）を作成する
    /// → output/<年度>/公表/
    Publish(cmd::publish::Args),
    /// 対象の年度を西暦（例: 2023）で表示する。起動用の .bat ファイルが、入力された年度の
    /// 確認と、省略時の年度（input/submissions の最新年度）の表示に使う
    #[command(hide = true)]
    Year {
        /// 年度（2023、R5、令和5 など）。省略時は input/submissions の最新年度
        #[arg(long, value_name = "年度")]
        year: Option<String>,
        /// 年度を使うコマンド（templates は提出ファイルのある最新年度の翌年度が省略時の年度）
        #[arg(long = "for", value_name = "コマンド", default_value = "check")]
        for_command: String,
        /// 省略時の年度を選んだ理由を標準エラー出力に表示する
        #[arg(long)]
        why: bool,
    },
}

/// Parses the arguments, runs the command and maps the outcome to an exit code:
/// 0 ok, 1 problems in the input, 2 usage or I/O failure.
pub fn run() -> ExitCode {
    if double_click::started_alone() {
        double_click::show_guide_and_wait();
        return ExitCode::SUCCESS;
    }
    let parsed = usage::localize(Cli::command())
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{}", usage::message(&e));
            return ExitCode::from(2);
        }
    };
    let paths = Paths {
        input: cli.input,
        output: cli.output,
        templates: cli.templates,
    };
    let json = matches!(
        cli.command,
        Command::Check(cmd::check::Args {
            format: OutputFormat::Json,
            ..
        })
    );
    quiet_on_closed_output();
    // A message printed to a closed stderr (`gyokaku build 2>&1 | head -1`) makes `eprintln!`
    // panic: that ends the run quietly (the panic hook prints nothing for it).
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        dispatch(cli.command, &paths)
    }));
    let result = match outcome {
        Ok(result) => result,
        Err(payload) => match print_failure(payload.as_ref()) {
            Some(message) if message.contains("Broken pipe") => return ExitCode::SUCCESS,
            Some(_) => return ExitCode::from(2),
            None => std::panic::resume_unwind(payload),
        },
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let code = e.exit_code();
            eprintln!("エラー: {e}");
            if json {
                // A machine reading the JSON gets the failure as JSON too.
                let report = serde_json::json!({
                    "error": {
                        "message": e.to_string(),
                        "exit_code": code,
                    }
                });
                let text = serde_json::to_string_pretty(&report).unwrap_or_default();
                if let Err(e) = crate::outln!("{text}") {
                    eprintln!("エラー: {e}");
                    return ExitCode::from(2);
                }
            }
            ExitCode::from(code)
        }
    }
}

/// Runs one command.
fn dispatch(command: Command, paths: &Paths) -> Result<ExitCode, CmdError> {
    match command {
        Command::Plan(args) => cmd::plan::run(paths, &args),
        Command::Init(args) => cmd::init::run(&args),
        Command::Templates(args) => cmd::templates::run(paths, &args),
        Command::Check(args) => cmd::check::run(paths, &args),
        Command::Build(args) => cmd::build::run(paths, &args),
        Command::Publish(args) => cmd::publish::run(paths, &args),
        Command::Year {
            year,
            for_command,
            why,
        } => print_year(paths, year.as_deref(), &for_command, why),
    }
}

/// The message of a panic raised by `print!`/`eprint!` failing to write, if it is one.
fn print_failure(payload: &(dyn std::any::Any + Send)) -> Option<String> {
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))?;
    message
        .starts_with("failed printing to std")
        .then_some(message)
}

/// Installs a panic hook that stays silent for a failed print (see [`print_failure`]).
fn quiet_on_closed_output() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if print_failure(info.payload()).is_none() {
            default(info);
        }
    }));
}

/// `gyokaku year`: the fiscal year a command would use, as its 西暦 year alone on stdout (ASCII,
/// so that a batch file can read it whatever the console code page).
/// With `why` and no year given, the reason for the default is written to stderr (for the
/// launcher's prompt).
fn print_year(
    paths: &Paths,
    year: Option<&str>,
    for_command: &str,
    why: bool,
) -> Result<ExitCode, CmdError> {
    let plan = crate::plan::load_plan(&paths.plan())?;
    let used = if for_command == "templates" {
        cmd::year::YearUse::Forms
    } else {
        cmd::year::YearUse::Returns
    };
    let resolved = cmd::resolve_year_for(paths, &plan, year, used)?;
    if why
        && year.is_none()
        && let Some(default) = cmd::year::default_year(paths, &plan, used)
    {
        eprintln!("{}。", default.reason);
    }
    crate::outln!("{}", resolved.western())?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_names_package_version_and_build() {
        let line = Cli::command().render_version();
        let expected_start = format!("gyokaku {} (", env!("CARGO_PKG_VERSION"));
        assert!(line.starts_with(&expected_start), "{line}");
        assert!(line.trim_end().ends_with(')'), "{line}");
        // The target triple is always named; the commit when the build knew it.
        let build = env!("GYOKAKU_BUILD");
        let target = build.split(", ").next().unwrap_or_default();
        assert!(target.contains('-') && !target.contains(' '), "{build}");
        if let Some(commit) = build.split(", commit ").nth(1) {
            assert!(commit.len() >= 7, "{build}");
            assert!(commit.chars().all(|c| c.is_ascii_hexdigit()), "{build}");
        }
        // No clock: the line is the same text as the compile-time constant.
        assert_eq!(line.trim_end(), format!("gyokaku {VERSION}"));
    }
}
