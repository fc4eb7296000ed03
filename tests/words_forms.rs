//! The city's words (`[words]`) in the department forms, the committee's opinion form and the
//! messages of `check`: run the binary on the bundled sample with another city's words and read
//! the outputs back (calamine, the workbook's XML parts, check's text). Forms printed under
//! one set of words are read under any other (the sample's past forms were printed with the
//! default words).

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{OTHER_WORDS, Project, fill_cells, root, sheet_rows, text};
use serde_json::{Value, json};

/// The default words, as OTHER_WORDS lists them.
fn defaults() -> Vec<&'static str> {
    OTHER_WORDS.iter().map(|(_, d, _)| *d).collect()
}

/// Writes `[words]` into the project's report.toml (keys of OTHER_WORDS).
fn write_words(p: &Project, words: &[(&str, &str)]) {
    let path = p.path().join("templates/report.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("[words]").expect("[words]");
    let end = start + text[start..].find("\n[template]").expect("[template]");
    let mut table = String::from("[words]\n");
    for (key, word) in words {
        table.push_str(&format!("{key} = \"{word}\"\n"));
    }
    std::fs::write(&path, format!("{}{table}{}", &text[..start], &text[end..])).unwrap();
}

/// Back to the repository's report.toml (the default words).
fn default_words(p: &Project) {
    std::fs::copy(
        root().join("templates/report.toml"),
        p.path().join("templates/report.toml"),
    )
    .unwrap();
}

/// The texts of input/plan.toml and templates/report.toml that may print a default word in
/// an output as they are: every string value, except the words themselves and the lists of
/// field names that are configuration keys (template.required, publish.fields), that holds a
/// default word. Longest first.
fn allowed_texts() -> Vec<String> {
    fn walk(path: &str, v: &toml::Value, out: &mut Vec<String>) {
        if ["words", "template.required", "publish.fields"].contains(&path) {
            return;
        }
        match v {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Array(a) => a.iter().for_each(|x| walk(path, x, out)),
            toml::Value::Table(t) => {
                for (k, x) in t {
                    let sub = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(&sub, x, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for file in ["input/plan.toml", "templates/report.toml"] {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        let value: toml::Value = toml::from_str(&text).unwrap();
        walk("", &value, &mut out);
    }
    let words = defaults();
    out.retain(|s| words.iter().any(|w| s.contains(w)));
    out.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    out.dedup();
    out
}

/// The default words left in `text` once the plan's and settings' own texts are taken out,
/// with some context: (word, count, first place).
fn leftovers(text: &str, allowed: &[String]) -> Vec<(String, usize, String)> {
    let mut rest = text.to_string();
    for a in allowed {
        rest = rest.replace(a.as_str(), "");
    }
    defaults()
        .into_iter()
        .filter_map(|w| {
            let n = rest.matches(w).count();
            (n > 0).then(|| {
                let at = rest.find(w).unwrap_or(0);
                let from = rest[..at]
                    .char_indices()
                    .rev()
                    .nth(30)
                    .map_or(0, |(i, _)| i);
                let context: String = rest[from..].chars().take(70).collect();
                (w.to_string(), n, context)
            })
        })
        .collect()
}

/// Every XML part of a workbook (cells, shared strings, sheet names, data validation prompts,
/// headers, properties), entities decoded.
fn workbook_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut s = String::new();
            part.read_to_string(&mut s).unwrap();
            all.push_str(&s);
            all.push('\n');
        }
    }
    all.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The values of an XML attribute wherever it occurs (data validation prompt titles …).
fn attribute_values(xml: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    xml.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &xml[at + needle.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

/// The names of a workbook's sheets, in order.
fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::{Reader, Xlsx, open_workbook};
    let book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names().to_vec()
}

/// Column A of a sheet.
fn labels(path: &Path, sheet: &str) -> Vec<String> {
    sheet_rows(path, sheet)
        .into_iter()
        .filter_map(|r| r.into_iter().next())
        .collect()
}

/// Runs the binary and asserts success.
fn run_ok(p: &Project, args: &[&str]) -> (String, String) {
    let out = p.run(args);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{args:?}: {stdout}\n{stderr}");
    (stdout, stderr)
}

/// The last line of `check --year <year>` (提出 n/m 部署、エラー n、警告 n、情報 n).
fn check_summary(p: &Project, year: &str) -> String {
    let out = p.run(&["check", "--year", year]);
    let (stdout, _) = text(&out);
    stdout.lines().last().unwrap_or_default().to_string()
}

/// The forms of a year made by `templates`, by department.
fn forms(p: &Project, year: u16) -> Vec<(String, PathBuf)> {
    let dir = p.path().join(format!("output/{year}/templates"));
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().to_string(), p))
        .collect();
    out.sort();
    out
}

/// The sample's values of a year, by department: {sheet: {cell: value}} with the sheet names
/// of forms printed with the default words.
fn sample_values(year: &str) -> serde_json::Map<String, Value> {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/expected_samples.json")).unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    all[year].as_object().unwrap().clone()
}

/// The sample values with the contribution sheets named as a form printed with `participant`
/// names them.
fn renamed_sheets(values: &Value, participant: &str) -> Value {
    let renamed: serde_json::Map<String, Value> = values
        .as_object()
        .unwrap()
        .iter()
        .map(|(sheet, cells)| {
            (
                sheet.replace("_取組部署", &format!("_{participant}")),
                cells.clone(),
            )
        })
        .collect();
    Value::Object(renamed)
}

#[test]
fn past_forms_printed_with_the_default_words_are_read_after_the_words_change() {
    let p = Project::with_samples();
    let years = ["2022", "2023", "2024", "2025"];
    let before: Vec<String> = years.iter().map(|y| check_summary(&p, y)).collect();
    assert!(before.iter().all(|s| s.contains("エラー 0")), "{before:?}");
    p.use_other_words();
    let after: Vec<String> = years.iter().map(|y| check_summary(&p, y)).collect();
    assert_eq!(before, after);
    let (_, stderr) = run_ok(&p, &["build", "--year", "2024"]);
    assert!(!stderr.contains("読み込めなかった"), "{stderr}");
    // The committee's opinion forms of past years (printed with the default words) too.
    let (stdout, _) = run_ok(&p, &["check", "--year", "2024"]);
    assert!(!stdout.contains("committee/"), "{stdout}");
}

#[test]
fn forms_printed_with_other_words_are_read_under_any_words() {
    if !common::python_ready() {
        return;
    }
    let p = Project::with_samples();
    let baseline = check_summary(&p, "2025");
    p.use_other_words();
    std::fs::remove_dir_all(p.submissions(2025)).unwrap();
    run_ok(&p, &["templates", "--year", "2025"]);
    let values = sample_values("2025");
    for (dept, form) in forms(&p, 2025) {
        let Some(cells) = values.get(&dept) else {
            continue;
        };
        fill_cells(
            &form,
            &p.submissions(2025).join(format!("{dept}.xlsx")),
            &renamed_sheets(cells, "関係課").to_string(),
        );
    }
    assert_eq!(check_summary(&p, "2025"), baseline, "other words");
    default_words(&p);
    assert_eq!(check_summary(&p, "2025"), baseline, "default words");
    write_words(
        &p,
        &[
            ("policy", "基本方針"),
            ("item", "事業"),
            ("action", "取組内容"),
            ("lead", "主管課"),
            ("participant", "協力課"),
            ("effect", "削減効果"),
            ("code", "事業番号"),
        ],
    );
    assert_eq!(check_summary(&p, "2025"), baseline, "a third set of words");
    run_ok(&p, &["build", "--year", "2025"]);
}

#[test]
fn forms_committee_form_and_check_messages_use_the_citys_words() {
    if !common::python_ready() {
        return;
    }
    let p = Project::with_samples();
    p.use_other_words();
    let allowed = allowed_texts();
    std::fs::remove_dir_all(p.submissions(2025)).unwrap();
    let (_, stderr) = run_ok(&p, &["templates", "--year", "2025"]);
    assert!(leftovers(&stderr, &allowed).is_empty(), "{stderr}");

    // No default word anywhere in any form: cells, sheet names, prompts, headers, properties.
    let forms = forms(&p, 2025);
    assert_eq!(forms.len(), 12);
    for (dept, form) in &forms {
        let left = leftovers(&workbook_xml(form), &allowed);
        assert!(left.is_empty(), "{dept}: {left:?}");
    }
    let gyosei = p.path().join("output/2025/templates/行政経営課.xlsx");

    // Sheet names: a contribution sheet ends with the word for a participant.
    let names = sheet_names(&gyosei);
    assert!(names.contains(&"1101_関係課".to_string()), "{names:?}");
    assert!(names.contains(&"2102_関係課".to_string()), "{names:?}");
    assert!(names.iter().all(|n| n.chars().count() <= 31), "{names:?}");

    // The labels of a lead sheet and a contribution sheet.
    let lead = labels(&gyosei, "1102");
    for want in [
        "項目番号",
        "重点改革項目",
        "行動計画項目",
        "所管課",
        "関係課",
        "実施事項①の状況",
        "実施事項②の状況",
        "財政効果（千円）",
    ] {
        assert!(lead.iter().any(|l| l == want), "{want}: {lead:?}");
    }
    let contribution = labels(&gyosei, "1101_関係課");
    assert!(contribution[0].ends_with("（関係課）"), "{contribution:?}");
    assert!(
        contribution.iter().any(|l| l == "所管課"),
        "{contribution:?}"
    );

    // The guide and the status sheet.
    let guide = sheet_rows(&gyosei, "記入方法").concat().join("\n");
    for want in [
        "の各行動計画項目について",
        "「実施事項」ごとの状況は",
        "指標実績・財政効果は数値だけ",
        "関係課のシート（シート名の末尾が「_関係課」）",
        "関係課の実施内容",
    ] {
        assert!(guide.contains(want), "{want}: {guide}");
    }
    let status = sheet_rows(&gyosei, "入力状況");
    let head = status
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "シート"))
        .expect("headings of 入力状況");
    assert_eq!(head[2..4], ["項目番号", "行動計画項目"]);
    let roles: Vec<&str> = status
        .iter()
        .filter_map(|r| r.get(1))
        .map(String::as_str)
        .collect();
    assert!(roles.contains(&"所管課（個票）"), "{roles:?}");
    assert!(roles.contains(&"関係課"), "{roles:?}");

    // The input prompts (data validations) of the lead sheet (the third sheet).
    let sheet_xml = common::zip_part(&gyosei, "xl/worksheets/sheet3.xml");
    let titles = attribute_values(&sheet_xml, "promptTitle");
    assert!(titles.iter().any(|t| t == "財政効果（千円）"), "{titles:?}");
    assert!(titles.iter().any(|t| t == "実施内容"), "{titles:?}");

    // A half-filled form: an evaluation only, a plan fact overwritten, a sheet added.
    let half = p.submissions(2025).join("行政経営課.xlsx");
    fill_cells(
        &gyosei,
        &half,
        &json!({"1102": {"C17": "B", "B8": "書き換えた題名"}}).to_string(),
    );
    let added = Command::new("python3")
        .arg("-c")
        .arg(
            "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nwb.create_sheet('メモ')\nwb.save(sys.argv[1])",
        )
        .arg(&half)
        .output()
        .unwrap();
    assert!(added.status.success(), "{:?}", text(&added));
    let out = p.run(&["check", "--year", "2025"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    for want in [
        "計画の記載（行動計画項目）が変更されています",
        "必須項目「実施事項①の状況」が入力されていません",
        "想定外のシート「メモ」があります（このシートは読み込みません）。報告する内容は、配布した入力シートの各行動計画項目のシートに記入してください",
    ] {
        assert!(stdout.contains(want), "{want}:\n{stdout}");
    }
    let left = leftovers(&format!("{stdout}{stderr}"), &allowed);
    assert!(left.is_empty(), "{left:?}\n{stdout}");

    // The committee's opinion form made by build.
    run_ok(&p, &["build", "--year", "2025"]);
    let dir = p.path().join("output/2025");
    let committee = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| {
            f.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("委員会意見"))
        })
        .expect("the opinion form");
    let rows = sheet_rows(&committee, "委員会意見");
    assert_eq!(
        rows[3],
        [
            "項目番号",
            "重点改革項目",
            "行動計画項目",
            "所管課",
            "評価",
            "委員会意見"
        ]
    );
    let left = leftovers(&workbook_xml(&committee), &allowed);
    assert!(left.is_empty(), "{left:?}");

    // Filled and returned, it is read under these words and under the default ones.
    fill_cells(
        &committee,
        &p.path().join("input/committee/2025.xlsx"),
        &json!({"委員会意見": {"F5": "情報発信の工夫を続けられたい。"}}).to_string(),
    );
    let (stdout, _) = text(&p.run(&["check", "--year", "2025"]));
    assert!(!stdout.contains("committee/2025"), "{stdout}");
    default_words(&p);
    let (stdout, _) = text(&p.run(&["check", "--year", "2025"]));
    assert!(!stdout.contains("committee/2025"), "{stdout}");
    assert!(
        stdout.contains("計画の記載（取組項目）が変更されています"),
        "{stdout}"
    );
}
