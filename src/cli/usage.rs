//! The command line in Japanese: help text headings and usage errors. clap writes both in
//! English; the secretariat reads them, so the help gets Japanese headings and each usage
//! error is told again in Japanese, naming what was typed.

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, Command, CommandFactory};

use super::Cli;

/// The layout of every help page (clap's own headings are English).
const HELP_TEMPLATE: &str = "{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

/// Japanese help headings for a command and its subcommands.
pub fn localize(command: Command) -> Command {
    let command = localize_one(command).override_usage("gyokaku [オプション] <コマンド>");
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names.iter().fold(command, |command, name| {
        command.mut_subcommand(name, |sub| {
            let positionals: String = sub
                .get_positionals()
                .map(|a| {
                    let names = a.get_value_names().unwrap_or_default();
                    let name = names
                        .first()
                        .map_or_else(|| a.get_id().to_string(), |n| n.to_string());
                    format!(" <{name}>")
                })
                .collect();
            let usage = format!("gyokaku {name} [オプション]{positionals}");
            localize_one(sub).override_usage(usage)
        })
    })
}

fn localize_one(command: Command) -> Command {
    command
        .disable_help_flag(true)
        .help_template(HELP_TEMPLATE)
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .mut_args(|arg: Arg| {
            if arg.is_positional() {
                arg.help_heading("引数")
            } else {
                arg.help_heading("オプション")
            }
        })
}

/// The commands a person may type, as listed in the help (hidden ones left out).
fn command_names() -> String {
    Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect::<Vec<_>>()
        .join("・")
}

/// A usage error (unknown command or option, a value that is not allowed) in Japanese,
/// naming what was typed, with where to find the right use.
pub fn message(error: &clap::Error) -> String {
    let context = |kind: ContextKind| error.get(kind).map(|v| v.to_string());
    let typed = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let text = match error.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "コマンド「{}」はありません。使えるコマンド: {}",
            context(ContextKind::InvalidSubcommand).unwrap_or_default(),
            command_names()
        ),
        ErrorKind::UnknownArgument => match context(ContextKind::SuggestedArg) {
            Some(suggested) => {
                format!("「{typed}」は使えない指定です（「{suggested}」の誤りではありませんか）")
            }
            None => format!("「{typed}」は使えない指定です"),
        },
        ErrorKind::InvalidValue => match context(ContextKind::ValidValue) {
            Some(valid) => {
                format!("{typed} に「{value}」は指定できません（指定できる値: {valid}）")
            }
            None if value.is_empty() => format!("{typed} には値が必要です"),
            None => format!("{typed} に「{value}」は指定できません"),
        },
        ErrorKind::MissingRequiredArgument => format!("指定が足りません: {typed}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("コマンドを指定してください（{}）", command_names())
        }
        ErrorKind::ArgumentConflict => format!(
            "{typed} と {} は同時に指定できません",
            context(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => {
            format!("{typed} の指定が多すぎます（「{value}」）")
        }
        ErrorKind::InvalidUtf8 => "引数に読み取れない文字が含まれています".to_string(),
        _ => "コマンドの指定に誤りがあります".to_string(),
    };
    let usage = error
        .get(ContextKind::Usage)
        .map(|u| format!("\n使い方: {}", u.to_string().replace("Usage: ", "").trim()))
        .unwrap_or_default();
    format!(
        "エラー: {text}{usage}\n詳しくは gyokaku --help（コマンドごとに gyokaku <コマンド> --help）"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_for(args: &[&str]) -> String {
        let err = localize(Cli::command())
            .try_get_matches_from(std::iter::once("gyokaku").chain(args.iter().copied()))
            .expect_err("a usage error");
        message(&err)
    }

    #[test]
    fn usage_errors_are_japanese_and_name_what_was_typed() {
        let m = error_for(&["bulid"]);
        assert!(m.contains("コマンド「bulid」はありません"), "{m}");
        assert!(
            m.contains("使えるコマンド: templates・check・build・plan・init・publish"),
            "{m}"
        );
        assert!(!m.contains("year"), "the hidden helper is not offered: {m}");
        let m = error_for(&["build", "--yaer", "2023"]);
        assert!(m.contains("「--yaer」は使えない指定です"), "{m}");
        assert!(m.contains("--year"), "suggestion: {m}");
        let m = error_for(&["check", "--format", "xml"]);
        assert!(
            m.contains("「xml」は指定できません") && m.contains("text"),
            "{m}"
        );
        let m = error_for(&["plan", "--export", "a.xlsx", "--import", "b.xlsx"]);
        assert!(m.contains("同時に指定できません"), "{m}");
        let m = error_for(&["init"]);
        assert!(m.contains("指定が足りません"), "{m}");
        let m = error_for(&[]);
        assert!(m.contains("コマンドを指定してください"), "{m}");
        for m in [error_for(&["bulid"]), error_for(&["year", "a", "b"])] {
            assert!(!m.contains("error:") && !m.contains("Usage"), "{m}");
            assert!(
                m.starts_with("エラー: ") && m.contains("使い方: gyokaku"),
                "{m}"
            );
        }
    }

    #[test]
    fn help_headings_are_japanese() {
        let mut command = localize(Cli::command());
        let help = command.render_help().to_string();
        assert!(help.contains("使い方: gyokaku"), "{help}");
        assert!(
            help.contains("コマンド:") && help.contains("オプション:"),
            "{help}"
        );
        assert!(
            !help.contains("Usage") && !help.contains("Options:"),
            "{help}"
        );
        let mut build = localize(Cli::command());
        let help = build
            .find_subcommand_mut("build")
            .expect("build")
            .render_help()
            .to_string();
        assert!(
            help.contains("オプション:") && help.contains("--year"),
            "{help}"
        );
        assert!(!help.contains("Options:"), "{help}");
    }
}
