//! Issue 18 part 5, the plan layer: the plan workbook (`gyokaku plan --export` / `--import`)
//! in the city's words. With another city's `[words]`, every sheet name, heading, explanation
//! and dropdown choice of the export uses its words and none of the defaults (outside the
//! plan's own texts); the import reads a workbook in either words and tells its problems in the
//! city's words.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Reader, open_workbook_auto};
use common::{OTHER_WORDS, Project, text};

/// Every sheet as (name, rows of cell texts), in workbook order.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb = open_workbook_auto(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

/// How often each default word occurs in the plan's own texts (every value of plan.toml).
fn allowed(p: &Project) -> BTreeMap<&'static str, usize> {
    let plan = gyokaku::plan::load_plan(&p.path().join("input/plan.toml")).unwrap();
    let values = toml::to_string(&plan).unwrap();
    OTHER_WORDS
        .iter()
        .map(|(_, word, _)| (*word, values.matches(word).count()))
        .collect()
}

#[test]
fn the_plan_workbook_uses_the_citys_words() {
    let p = Project::new();
    p.run_ok(&["plan", "--export", "既定.xlsx"]);
    p.use_other_words();
    p.run_ok(&["plan", "--export", "計画.xlsx"]);
    let default = sheets(&p.path().join("既定.xlsx"));
    let other = sheets(&p.path().join("計画.xlsx"));
    assert_eq!(default.len(), other.len());

    // Each other word appears where the default did: sheet names, and every text that is not
    // the plan's (headings, explanations, the guide, dropdown values) with the word replaced.
    let replace = |s: &str| {
        let mut s = s.to_string();
        // Longest first (取組項目 before 取組), as the program does.
        let mut words = OTHER_WORDS.to_vec();
        words.sort_by_key(|(_, d, _)| std::cmp::Reverse(d.len()));
        for (_, d, w) in words {
            s = s.replace(d, &format!("\u{0}{}\u{0}", w));
        }
        s.replace('\u{0}', "")
    };
    let plan_texts = allowed(&p);
    let mut data_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for ((d_name, d_rows), (o_name, o_rows)) in default.iter().zip(&other) {
        assert_eq!(&replace(d_name), o_name);
        for (_, word, _) in OTHER_WORDS {
            assert!(!o_name.contains(word), "{o_name}");
        }
        for (r, (d_row, o_row)) in d_rows.iter().zip(o_rows).enumerate() {
            for (d, o) in d_row.iter().zip(o_row) {
                // The guide, the headings and the 計画 sheet's explanations are the program's
                // texts; other cells are the plan's own, left as they are (or a dropdown value).
                let program = d_name == "記入方法" || r == 0 || (d_name == "計画" && d != o);
                if program || *o == replace(d) && d != o {
                    assert_eq!(o, &replace(d), "{o_name} row {r}");
                    for (_, word, _) in OTHER_WORDS {
                        assert!(!o.contains(word), "{word} in {o_name} row {}: {o}", r + 1);
                    }
                } else {
                    assert_eq!(o, d, "the plan's own text: {o_name} row {}", r + 1);
                    for (_, word, _) in OTHER_WORDS {
                        *data_counts.entry(word).or_default() += o.matches(word).count();
                    }
                }
            }
        }
    }
    for (word, n) in data_counts {
        assert!(n <= plan_texts[word], "{word}: {n} > {}", plan_texts[word]);
    }
    let names: Vec<&str> = other.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"行動計画項目"), "{names:?}");
    assert!(names.contains(&"実施事項"), "{names:?}");

    // The import reads the workbook in the city's words, and one in the default words.
    let plan_before = std::fs::read(p.path().join("input/plan.toml")).unwrap();
    for book in ["計画.xlsx", "既定.xlsx"] {
        let said = p.run_ok(&["plan", "--import", book]);
        assert!(said.contains("変更はありません"), "{book}: {said}");
    }
    assert_eq!(
        std::fs::read(p.path().join("input/plan.toml")).unwrap(),
        plan_before
    );
}

#[test]
fn import_problems_are_told_in_the_citys_words() {
    if !common::python_ready() {
        return;
    }
    let p = Project::new();
    p.use_other_words();
    p.run_ok(&["plan", "--export", "計画.xlsx"]);
    // The code of the first item emptied, and a lead that is not a department.
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["行動計画項目"]
head = [c.value for c in ws[1]]
ws.cell(2, head.index("項目番号") + 1).value = None
ws.cell(3, head.index("所管課") + 1).value = "存在しない課"
wb.save(sys.argv[1])
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(p.path().join("計画.xlsx"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", text(&out));
    let out = p.run(&["plan", "--import", "計画.xlsx"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("「行動計画項目」シート A2（項目番号）"),
        "{stderr}"
    );
    assert!(stderr.contains("所管課「存在しない課」"), "{stderr}");
    let problems: String = stderr
        .lines()
        .filter(|l| l.contains("シート"))
        .collect::<Vec<_>>()
        .join("\n");
    for (_, word, _) in OTHER_WORDS {
        assert!(!problems.contains(word), "{word}: {problems}");
    }
}

#[test]
fn the_changes_an_import_lists_are_told_in_the_citys_words() {
    let p = Project::new();
    p.use_other_words();
    p.run_ok(&["plan", "--export", "計画.xlsx"]);
    // plan.toml edited by hand after the export: the import brings the workbook's title back.
    let path = p.path().join("input/plan.toml");
    let plan = std::fs::read_to_string(&path).unwrap();
    let at = plan.find("\ntitle = \"").unwrap();
    let at = at + plan[at + 1..].find("\ntitle = \"").unwrap() + 1; // the first item's
    let end = at + plan[at + 1..].find('\n').unwrap() + 1;
    let edited = format!(
        "{}title = \"手で直した名前\"{}",
        &plan[..at + 1],
        &plan[end..]
    );
    std::fs::write(&path, edited).unwrap();
    let said = p.run_ok(&["plan", "--import", "計画.xlsx"]);
    assert!(
        said.contains("行動計画項目名を変更（「手で直した名前」→"),
        "{said}"
    );
    assert!(said.contains("（行動計画項目 19件・指標"), "{said}");
    assert!(said.contains("実施事項 5件"), "{said}");
    let program: String = said
        .lines()
        .filter(|l| !l.contains("手で直した名前"))
        .collect::<Vec<_>>()
        .join("\n");
    for (_, word, _) in OTHER_WORDS {
        assert!(!program.contains(word), "{word}: {said}");
    }
}

#[test]
fn the_outline_of_gyokaku_plan_uses_the_citys_words() {
    let p = Project::new();
    let before = p.run_ok(&["plan"]);
    assert!(before.contains("取組項目: 19件"), "{before}");
    p.use_other_words();
    let said = p.run_ok(&["plan"]);
    assert!(said.contains("行動計画項目: 19件"), "{said}");
    assert!(
        said.contains(" 所管課: ") && said.contains("　関係課: "),
        "{said}"
    );
    assert!(
        !said.contains("取組項目: ") && !said.contains(" 担当: "),
        "{said}"
    );
}

#[test]
fn plan_problems_are_told_in_the_citys_words_with_both_files_at_once() {
    let p = Project::new();
    p.use_other_words();
    let plan = p.path().join("input/plan.toml");
    let original = std::fs::read_to_string(&plan).unwrap();
    // A lead that is not a department: its name holds a default word, which stays as typed.
    let broken = original.replacen(
        "lead = \"協働まちづくり課\"",
        "lead = \"担当部署調整室\"",
        1,
    );
    assert_ne!(broken, original, "the sample plan has the lead to break");
    std::fs::write(&plan, broken).unwrap();
    let stderr = p.run_refused(
        &["check", "--year", "2023"],
        &["の所管課「担当部署調整室」が departments にありません"],
    );
    assert!(stderr.contains("行動計画項目 "), "{stderr}");
    assert!(!stderr.contains("取組項目 "), "{stderr}");

    // A broken report.toml as well: both files' problems in one run.
    let settings = p.path().join("templates/report.toml");
    let s = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(
        &settings,
        s.replacen("achievement = \"progress\"", "achievement = \"x\"", 1),
    )
    .unwrap();
    p.run_refused(
        &["check", "--year", "2023"],
        &["担当部署調整室", "report.toml"],
    );
}
