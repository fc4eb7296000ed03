//! Another city's plan and settings run through the whole cycle: templates for two years,
//! submissions filled with openpyxl (scripts/make_other_city.py), check and build. Every value
//! a department typed reaches the workbook and the PDF, and nothing of the bundled city
//! appears in any output or output file name.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

/// Words of the bundled city that must not appear in another city's outputs.
const BUNDLED_WORDS: [&str; 8] = [
    "伊豆の国",
    "行財政改革推進委員会",
    "行政経営課",
    "協働まちづくり課",
    "千円",
    "効果額",
    "前期計画",
    "行財政改革",
];

fn city() -> PathBuf {
    common::root().join("tests/fixtures/other_city")
}

/// A project with the other city's plan, settings and submissions.
fn project() -> common::Project {
    let p = common::Project::new();
    std::fs::copy(city().join("plan.toml"), p.path().join("input/plan.toml")).unwrap();
    std::fs::copy(
        city().join("report.toml"),
        p.path().join("templates/report.toml"),
    )
    .unwrap();
    common::copy_dir(
        &city().join("submissions"),
        &p.path().join("input/submissions"),
    );
    p
}

fn expected() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(city().join("expected.json")).unwrap()).unwrap()
}

/// Every cell of every sheet of a workbook as text.
fn workbook_text(path: &Path) -> String {
    let mut wb = open_workbook_auto(path).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        out.push_str(&name);
        out.push('\n');
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for c in row {
                match c {
                    Data::Empty => {}
                    Data::Float(f) => out.push_str(&format!("{f}\t")),
                    other => out.push_str(&format!("{other}\t")),
                }
            }
            out.push('\n');
        }
    }
    out
}

fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    // Lines are wrapped in the PDF: compare without line breaks and spaces.
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(all_files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn another_city_runs_the_whole_cycle() {
    let p = project();
    for year in ["2024", "2025"] {
        let out = p.run(&["templates", "--year", year]);
        assert!(out.status.success(), "{:?}", common::text(&out));
        let out = p.run(&["check", "--year", year]);
        let (stdout, _) = common::text(&out);
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        let out = p.run(&["build", "--year", year]);
        assert!(out.status.success(), "{:?}", common::text(&out));
    }
    let out_dir = p.path().join("output");
    let expected = expected();
    for year in ["2024", "2025"] {
        let dir = out_dir.join(year);
        let xlsx = dir.join(format!("実施状況_{year}年度.xlsx"));
        let pdf = dir.join(format!("懇話会資料_{year}年度.pdf"));
        assert!(xlsx.exists() && pdf.exists(), "file names from [output]");
        let book = workbook_text(&xlsx);
        let doc = if common::have("pdftotext") {
            Some(pdf_text(&pdf))
        } else {
            None
        };
        // Every value typed reaches the workbook; every text and evaluation the PDF.
        for (file, sheets) in expected[year].as_object().unwrap() {
            for (sheet, cells) in sheets.as_object().unwrap() {
                for (cell, value) in cells.as_object().unwrap() {
                    let text = match value {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Number(n) => {
                            let f = n.as_f64().unwrap();
                            format!("{f}")
                        }
                        other => panic!("{other}"),
                    };
                    assert!(
                        book.contains(&text),
                        "{year} {file} {sheet} {cell}: {text} not in the workbook"
                    );
                    if let Some(doc) = &doc
                        && value.is_string()
                    {
                        let squeezed: String =
                            text.chars().filter(|c| !c.is_whitespace()).collect();
                        assert!(
                            doc.contains(&squeezed),
                            "{year} {file} {sheet} {cell}: {text} not in the PDF"
                        );
                    }
                }
            }
        }
        // The other city's own words are there.
        assert!(book.contains("みなと市行政改革懇話会") || book.contains("みなと市"));
        if let Some(doc) = &doc {
            assert!(
                doc.contains("みなと市行政改革懇話会資料"),
                "committee on the cover"
            );
            assert!(
                doc.contains("第3章職員の意識改革"),
                "a pillar without policies is a row"
            );
            assert!(!doc.contains("前期計画"));
        }
    }
    // No word of the bundled city in any output, nor in a file name.
    for file in all_files(&out_dir) {
        let name = file.to_string_lossy().to_string();
        let mut text = name.clone();
        match file.extension().and_then(|e| e.to_str()) {
            Some("xlsx") => text.push_str(&workbook_text(&file)),
            Some("pdf") if common::have("pdftotext") => text.push_str(&pdf_text(&file)),
            _ => {}
        }
        for word in BUNDLED_WORDS {
            assert!(!text.contains(word), "{name} contains {word}");
        }
    }
}

#[test]
fn summary_follows_the_plan_levels() {
    let p = project();
    let out = p.run(&["build", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let mut wb = open_workbook_auto(p.path().join("output/2025/実施状況_2025年度.xlsx")).unwrap();
    let summary = wb.worksheet_range("総括").unwrap();
    let rows: Vec<Vec<String>> = summary
        .rows()
        .skip(2)
        .take(8)
        .map(|r| r.iter().take(8).map(|c| c.to_string()).collect())
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    // Two policies and a subtotal, one policy and a subtotal, a pillar on its own, the total.
    assert_eq!(
        ids,
        [
            "番号", "(ア)", "(イ)", "第1章", "(ウ)", "第2章", "第3章", "合計"
        ]
    );
    // Five levels then 未評価: the headings follow the settings.
    assert_eq!(
        rows[0][2..8],
        [
            "5（今年度）",
            "4（今年度）",
            "3（今年度）",
            "2（今年度）",
            "1（今年度）",
            "未評価（今年度）"
        ]
    );
    // 2025: A-01 = 4, No.2 = 5, 1-(1)-① = 3, B/3 = 3.
    let counts = |r: &Vec<String>| r[2..8].join(",");
    assert_eq!(counts(&rows[1]), "0,1,0,0,0,0", "(ア) A-01 = 4");
    assert_eq!(counts(&rows[2]), "1,0,0,0,0,0", "(イ) No.2 = 5");
    assert_eq!(counts(&rows[6]), "0,0,1,0,0,0", "第3章 B/3 = 3");
    assert_eq!(counts(&rows[7]), "1,1,2,0,0,0", "合計");
}
