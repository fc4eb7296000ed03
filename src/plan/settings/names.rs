//! The file names the settings make for a plan, checked before anything is written: every
//! output name of every year of the plan period (and every department's form) must be a name
//! Windows accepts, and its path inside the project folder must leave room for the folder
//! itself under Windows' 260-character limit.

use super::super::model::Plan;
use super::{OutputSettings, Settings};
use crate::file_name::{utf16_len, windows_problem};

/// Windows' limit on a whole path (MAX_PATH, with the terminating NUL: 259 usable).
pub const WINDOWS_PATH_MAX: usize = 260;

/// The longest path an output may have relative to the project folder (the folder holding
/// input/, output/ and templates/), in UTF-16 units: the other 100 are left for the project
/// folder itself (`C:\Users\<名前>\Documents\行財政改革\…`).
pub const RELATIVE_PATH_MAX: usize = 160;

/// One file the settings name: the key, its pattern, the department (forms only), and the
/// folders (relative to the project folder) it is written in or returned to.
struct Named<'a> {
    key: &'static str,
    pattern: &'a str,
    dept: Option<&'a str>,
    folders: Vec<String>,
}

impl Settings {
    /// Problems of the file names made from the settings' patterns for a plan: for every year
    /// of the plan period and (forms) every department, a name Windows refuses or a path
    /// longer than [`RELATIVE_PATH_MAX`]. One message per key (and department), naming the key,
    /// the pattern and the name; empty when every name is usable.
    pub fn output_name_problems(&self, plan: &Plan) -> Vec<String> {
        let mut out = Vec::new();
        for year in plan.years() {
            let w = year.western();
            let folder = OutputSettings::file_name(&self.publish.folder, year, "");
            let publish_dir = format!("output/{w}/{folder}");
            let mut named = vec![
                Named {
                    key: "output.workbook",
                    pattern: &self.output.workbook,
                    dept: None,
                    folders: vec![format!("output/{w}")],
                },
                Named {
                    key: "output.pdf",
                    pattern: &self.output.pdf,
                    dept: None,
                    folders: if self.publish.committee_pdf {
                        vec![format!("output/{w}"), publish_dir.clone()]
                    } else {
                        vec![format!("output/{w}")]
                    },
                },
                Named {
                    key: "output.opinions",
                    pattern: &self.output.opinions,
                    dept: None,
                    folders: vec![format!("output/{w}")],
                },
                Named {
                    key: "publish.folder",
                    pattern: &self.publish.folder,
                    dept: None,
                    folders: vec![format!("output/{w}")],
                },
                Named {
                    key: "publish.newsletter",
                    pattern: &self.publish.newsletter,
                    dept: None,
                    folders: vec![publish_dir],
                },
            ];
            for dept in &plan.departments {
                named.push(Named {
                    key: "output.template",
                    pattern: &self.output.template,
                    dept: Some(dept),
                    folders: vec![
                        format!("output/{w}/templates"),
                        format!("input/submissions/{w}"),
                    ],
                });
            }
            for n in named {
                let dept = n.dept.unwrap_or("");
                let name = OutputSettings::file_name(n.pattern, year, dept);
                let what = match n.dept {
                    Some(d) => format!("{}「{}」と部署「{d}」", n.key, n.pattern),
                    None => format!("{}「{}」", n.key, n.pattern),
                };
                // The name made is shown when it differs from the pattern.
                let made = if name == n.pattern {
                    String::new()
                } else {
                    format!("から作る名前「{name}」（{}）", year.label())
                };
                let problem = if let Some(reason) = windows_problem(&name) {
                    Some(format!("{what}{made}は Windows で使えません: {reason}"))
                } else {
                    n.folders
                        .iter()
                        .map(|dir| format!("{dir}/{name}"))
                        .max_by_key(|path| utf16_len(path))
                        .filter(|path| utf16_len(path) > RELATIVE_PATH_MAX)
                        .map(|path| {
                            format!(
                                "{what}から作るパス {path}（{}）が{}文字で、長すぎます。Windows ではパス全体が{WINDOWS_PATH_MAX}文字までのため、プロジェクトのフォルダ（input・output・templates のあるフォルダ）からのパスを{RELATIVE_PATH_MAX}文字までにしてください（残りはプロジェクトのフォルダの場所の分です）。短い名前にしてください",
                                year.label(),
                                utf16_len(&path)
                            )
                        })
                };
                // One message per key and department: the first year that shows the problem.
                let tag = format!("{}\u{0}{dept}\u{0}", n.key);
                if let Some(problem) = problem
                    && !out.iter().any(|(t, _)| *t == tag)
                {
                    out.push((tag, problem));
                }
            }
        }
        out.into_iter().map(|(_, p)| p).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn settings(extra: &str) -> Settings {
        Settings::parse(
            &format!("[report]\ntitle = \"報告\"\nsecretariat = \"企画課\"\n{extra}"),
            Path::new("report.toml"),
        )
        .unwrap()
    }

    fn plan(departments: &[&str]) -> Plan {
        let list: Vec<String> = departments.iter().map(|d| format!("\"{d}\"")).collect();
        toml::from_str(&format!(
            "title = \"計画\"\nmunicipality = \"市\"\nstart_year = 2023\nend_year = 2025\nbaseline_year = 2022\ntarget_year = 2025\ndepartments = [{}]\npillars = []\nitems = []\n",
            list.join(", ")
        ))
        .unwrap()
    }

    #[test]
    fn default_names_are_usable() {
        assert!(
            settings("")
                .output_name_problems(&plan(&["企画課", "財政課"]))
                .is_empty()
        );
    }

    #[test]
    fn a_long_pattern_is_refused_once_with_its_key_and_path() {
        let long = format!("{}_{{年度}}.pdf", "進捗".repeat(70));
        let s = settings(&format!("[output]\npdf = \"{long}\"\n"));
        let problems = s.output_name_problems(&plan(&["企画課"]));
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert!(
            p.starts_with(&format!(
                "output.pdf「{long}」から作るパス output/2023/公表/進捗"
            )),
            "{p}"
        );
        assert!(p.contains("令和5年度"), "the first year: {p}");
        assert!(p.contains("文字で、長すぎます"), "{p}");
        assert!(p.contains("160文字まで"), "{p}");
    }

    #[test]
    fn a_department_making_a_long_or_reserved_form_name_is_named() {
        let long = "課".repeat(300);
        let s = settings("[output]\ntemplate = \"{部署}.xlsx\"\n");
        let problems = s.output_name_problems(&plan(&["企画課", &long, "PRN"]));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains(&format!("部署「{long}」")),
            "{}",
            problems[0]
        );
        assert!(problems[0].contains("305文字"), "{}", problems[0]);
        assert!(problems[1].contains("予約名"), "{}", problems[1]);
        // A department of 140 characters fits in a name, not in the returned forms' folder.
        let mid = "課".repeat(140);
        let problems = s.output_name_problems(&plan(&[&mid]));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("input/submissions/2023/"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_year_pattern_making_a_reserved_name_is_refused() {
        // Refused by the settings alone too (parse), so set after parsing here.
        let mut s = settings("");
        s.output.workbook = "NUL.{西暦}.xlsx".into();
        let problems = s.output_name_problems(&plan(&["企画課"]));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("output.workbook「NUL.{西暦}.xlsx」"));
        assert!(problems[0].contains("NUL.2023.xlsx"), "{}", problems[0]);
    }
}
