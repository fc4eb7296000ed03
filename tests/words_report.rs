//! The city's words (`[words]` of report.toml) in the consolidated workbook and the committee
//! PDF: the sample is built with another city's words (重点改革項目 / 行動計画項目 / 所管課 …)
//! for the plan's last year and an earlier one; every sheet (names and cells), the PDF's text,
//! its outline and its figures' Alt texts are read back. Each other word is printed where the
//! default was, and a default word remains only inside texts the city or its departments typed:
//! the plan, the settings and the submitted and committee files under input/.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{OTHER_WORDS, Project};

const XLSX: &str = "行財政改革進捗状況";
const PDF: &str = "行財政改革推進委員会資料";

/// Characters of context either side of a default word that must match a typed text.
const CONTEXT: usize = 3;

/// Text without any white space (line breaks of wrapped PDF text, full-width spaces).
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The texts a default word may appear in: the plan and the settings (without their comment
/// lines and without `[words]`), and what departments and the committee typed (sentences of
/// the files under input/, and those files' sheet names), all squeezed.
fn typed_texts(project: &Project) -> Vec<String> {
    let mut texts = Vec::new();
    let without_comments = |text: &str| -> String {
        text.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let plan = std::fs::read_to_string(project.path().join("input/plan.toml")).unwrap();
    texts.push(without_comments(&plan));
    let settings = std::fs::read_to_string(project.path().join("templates/report.toml")).unwrap();
    let start = settings.find("[words]").unwrap();
    let end = start + settings[start..].find("\n[template]").unwrap();
    texts.push(without_comments(&format!(
        "{}{}",
        &settings[..start],
        &settings[end..]
    )));
    let mut files = Vec::new();
    for folder in ["input/submissions", "input/committee"] {
        xlsx_files(&project.path().join(folder), &mut files);
    }
    assert!(files.len() > 10, "sample files: {files:?}");
    for file in files {
        let mut book: Xlsx<_> = open_workbook(&file).unwrap();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).unwrap();
            texts.push(name);
            texts.extend(range.cells().filter_map(|(_, _, c)| match c {
                Data::String(s) if s.contains('。') => Some(s.clone()),
                _ => None,
            }));
        }
    }
    texts.iter().map(|t| squeeze(t)).collect()
}

fn xlsx_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            xlsx_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "xlsx") {
            out.push(path);
        }
    }
}

/// Every default word in `text` that is not inside a typed text: an occurrence is allowed
/// when it and [`CONTEXT`] characters before it, or after it (white space skipped, as a
/// typed text wraps), are part of a typed text. Returns the occurrences left, with context.
fn leftovers(text: &str, typed: &[String]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    // The nearest `CONTEXT` characters that are not white space, walking from `from` by `step`.
    let context = |from: isize, step: isize| -> Option<String> {
        let mut found = Vec::new();
        let mut i = from;
        while found.len() < CONTEXT && i >= 0 && (i as usize) < chars.len() {
            let c = chars[i as usize];
            if !c.is_whitespace() {
                found.push(c);
            }
            i += step;
        }
        if step < 0 {
            found.reverse();
        }
        (found.len() == CONTEXT).then(|| found.into_iter().collect())
    };
    let mut out = Vec::new();
    for (_, default, _) in OTHER_WORDS {
        let word: Vec<char> = default.chars().collect();
        for p in 0..chars.len().saturating_sub(word.len() - 1) {
            if chars[p..p + word.len()] != word[..] {
                continue;
            }
            let end = p + word.len();
            let left = context(p as isize - 1, -1).map(|c| format!("{c}{default}"));
            let right = context(end as isize, 1).map(|c| format!("{default}{c}"));
            let allowed = [left, right]
                .into_iter()
                .flatten()
                .any(|w| typed.iter().any(|t| t.contains(&w)));
            if !allowed {
                let from = p.saturating_sub(12);
                let to = (end + 12).min(chars.len());
                out.push(squeeze(&chars[from..to].iter().collect::<String>()));
            }
        }
    }
    out
}

/// Every sheet of a workbook: (sheet name, every cell's text).
fn workbook_cells(path: &Path) -> Vec<(String, Vec<String>)> {
    let mut book: Xlsx<_> =
        open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let cells = range
                .cells()
                .filter_map(|(_, _, c)| match c {
                    Data::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect();
            (name, cells)
        })
        .collect()
}

/// The first file of `dir` whose name starts with `prefix`.
fn output(project: &Project, year: u16, prefix: &str) -> PathBuf {
    let dir = project.path().join("output").join(year.to_string());
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("{prefix}… in {}", dir.display()))
}

/// The sample built with the other city's words for `years`; the build messages.
fn built(years: &[u16]) -> (Project, String) {
    let p = Project::with_samples();
    p.use_other_words();
    let mut messages = String::new();
    for year in years {
        let out = p.run(&["build", "--year", &year.to_string()]);
        let (stdout, stderr) = common::text(&out);
        assert!(out.status.success(), "{stdout}{stderr}");
        messages.push_str(&stdout);
        messages.push_str(&stderr);
    }
    (p, messages)
}

/// The row of a sheet that holds the column headings (the third row of every data sheet).
fn headings(path: &Path, sheet: &str) -> Vec<String> {
    common::sheet_rows(path, sheet)
        .get(2)
        .cloned()
        .unwrap_or_default()
}

#[test]
fn workbook_and_pdf_use_the_citys_words() {
    let (p, messages) = built(&[2025, 2023]);
    let typed = typed_texts(&p);
    let mut left = Vec::new();
    for found in leftovers(&messages, &typed) {
        left.push(format!("messages: {found}"));
    }

    for year in [2025u16, 2023] {
        // Workbook: sheet names and every cell.
        let xlsx = output(&p, year, XLSX);
        let sheets = workbook_cells(&xlsx);
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"財政効果"), "{year}: {names:?}");
        for name in names.iter().filter(|n| **n != "財政効果") {
            assert!(
                gyokaku::plan::WORKBOOK_SHEETS.contains(name),
                "{year}: sheet {name} is missing from WORKBOOK_SHEETS (the names words.effect may not take)"
            );
        }
        let mut all = String::new();
        for (name, cells) in &sheets {
            for found in leftovers(name, &typed) {
                left.push(format!("{year} sheet name {name}: {found}"));
            }
            for cell in cells {
                all.push_str(cell);
                all.push('\n');
                for found in leftovers(cell, &typed) {
                    left.push(format!("{year} {name}: {found}"));
                }
            }
        }
        for (_, _, word) in OTHER_WORDS {
            assert!(all.contains(word), "{year}: workbook without {word}");
        }
        let items = headings(&xlsx, "取組一覧");
        for expected in [
            "項目番号",
            "重点改革項目",
            "行動計画項目",
            "所管課",
            "関係課",
            "実施事項の状況",
            "財政効果（千円）",
        ] {
            assert!(
                items.iter().any(|h| h == expected),
                "{year} 取組一覧: {expected} not in {items:?}"
            );
        }
        let summary = common::sheet_rows(&xlsx, "総括");
        assert!(
            summary[0][0].ends_with("評価の集計（重点改革項目別）"),
            "{:?}",
            summary[0]
        );
        let effects = headings(&xlsx, "財政効果");
        assert_eq!(effects[..3], ["項目番号", "行動計画項目", "所管課"]);
        let departments = common::sheet_rows(&xlsx, "部署別");
        for role in ["所管課", "関係課"] {
            assert!(
                departments
                    .iter()
                    .any(|r| r.get(3).is_some_and(|c| c == role)),
                "{year} 部署別: no 区分 {role}"
            );
        }

        // PDF: the text of every page.
        let pdf = output(&p, year, PDF);
        let text = common::pdf_layout_text(&pdf);
        for (_, _, word) in OTHER_WORDS {
            assert!(text.contains(word), "{year}: PDF without {word}");
        }
        let flat = squeeze(&text);
        for expected in [
            "重点改革項目別の評価",
            "実施事項の実施状況",
            "実施事項と状況",
            "関係課の取組",
            "財政効果",
        ] {
            assert!(flat.contains(expected), "{year}: PDF without {expected}");
        }
        if year == 2025 {
            assert!(
                flat.contains("(1)行動計画項目ごとの評価と実施状況"),
                "{flat}"
            );
            let period = headings(&xlsx, "計画期間の総括");
            assert!(period.iter().any(|h| h == "実施事項"), "{period:?}");
            assert!(
                period.iter().any(|h| h.starts_with("財政効果の累計")),
                "{period:?}"
            );
        }
        for found in leftovers(&text, &typed) {
            left.push(format!("{year} PDF: {found}"));
        }

        // PDF structure: outline entries and the figures' Alt texts.
        if common::pikepdf_ready() {
            let (outline, alts) = outline_and_alts(&pdf);
            assert!(
                outline.iter().any(|t| t.ends_with(" 財政効果")),
                "{outline:?}"
            );
            assert!(
                alts.iter().any(|a| a.contains("重点改革項目別の評価")),
                "{alts:?}"
            );
            for t in outline.iter().chain(&alts) {
                for found in leftovers(t, &typed) {
                    left.push(format!("{year} PDF outline/Alt: {found}"));
                }
            }
        }
    }
    assert!(
        left.is_empty(),
        "default words outside typed texts:\n{}",
        left.join("\n")
    );
}

/// A department file that cannot be read (its department then counts as 未提出): the build's
/// error message, the item notices of the PDF and the workbook name nothing in the default
/// words.
#[test]
fn an_unreadable_file_is_reported_in_the_citys_words() {
    let p = Project::with_samples();
    p.use_other_words();
    let dir = p.submissions(2025);
    let mut files: Vec<PathBuf> = Vec::new();
    xlsx_files(&dir, &mut files);
    files.sort();
    let broken = files.first().expect("a 2025 submission");
    let typed = typed_texts(&p);
    std::fs::write(broken, b"not a workbook").unwrap();
    let out = p.run(&["build", "--year", "2025"]);
    let (stdout, stderr) = common::text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stderr.contains("入力にエラーが"), "{stderr}");
    let mut left: Vec<String> = leftovers(&format!("{stdout}{stderr}"), &typed);
    let text = common::pdf_layout_text(&output(&p, 2025, PDF));
    assert!(
        squeeze(&text).contains("未提出所管課から報告の提出がありません。"),
        "{text}"
    );
    left.extend(leftovers(&text, &typed));
    for (name, cells) in workbook_cells(&output(&p, 2025, XLSX)) {
        for cell in cells {
            left.extend(
                leftovers(&cell, &typed)
                    .into_iter()
                    .map(|f| format!("{name}: {f}")),
            );
        }
    }
    assert!(left.is_empty(), "{}", left.join("\n"));
}

/// The outline titles and every /Alt text of a PDF, read with pikepdf.
fn outline_and_alts(pdf: &Path) -> (Vec<String>, Vec<String>) {
    const SCRIPT: &str = r#"
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(items):
    for item in items:
        print("O\t" + item.title.replace("\n", " "))
        walk(item.children)
with pdf.open_outline() as outline:
    walk(outline.root)
for obj in pdf.objects:
    if isinstance(obj, pikepdf.Dictionary) and "/Alt" in obj:
        print("A\t" + str(obj.Alt).replace("\n", " "))
"#;
    let out = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(pdf)
        .output()
        .unwrap();
    let (stdout, stderr) = common::text(&out);
    assert!(out.status.success(), "{stderr}");
    let mut outline = Vec::new();
    let mut alts = Vec::new();
    for line in stdout.lines() {
        match line.split_once('\t') {
            Some(("O", t)) => outline.push(t.to_string()),
            Some(("A", t)) => alts.push(t.to_string()),
            _ => {}
        }
    }
    assert!(outline.len() > 10, "{stdout}");
    (outline, alts)
}

/// The checker itself: a default word is allowed only inside a typed text with its context.
#[test]
fn leftovers_allow_only_typed_texts() {
    let typed = vec![squeeze("施設の統合による効果額の算定方法を定めた。")];
    assert!(leftovers("施設の統合による効果額の算定方法", &typed).is_empty());
    assert!(leftovers("統合による効果額", &typed).is_empty());
    assert!(leftovers("統合に\nよる　効果額の\n算定", &typed).is_empty());
    assert!(leftovers("関係課の取組  部署", &[]).is_empty());
    assert_eq!(leftovers("効果額", &typed), ["効果額"]);
    assert_eq!(leftovers("項目ごとの効果額（千円）", &typed).len(), 1);
    assert_eq!(leftovers("管理番号 取組項目", &[]).len(), 2);
}
