//! What the department form tells a department before it sends the file: empty required
//! cells marked red by conditional formatting (read from the sheet XML), the 入力状況 sheet's
//! counts after LibreOffice recalculates forms filled with openpyxl
//! (scripts/make_form_status.py), and every item sheet printed by LibreOffice on one A4 page
//! with text of 9 pt or more.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use gyokaku::form::{self, SheetForm};
use gyokaku::plan::{Settings, load_plan};

/// The sample project with templates of `year` (last year's committee opinions shown).
fn project_with_templates(year: &str) -> common::Project {
    let p = common::Project::with_samples();
    let out = p.run(&["templates", "--year", year]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    p
}

fn templates(p: &common::Project, year: &str) -> PathBuf {
    p.path().join("output").join(year).join("templates")
}

/// The item sheets of a generated form, as the library lays them out, with the committee
/// opinions read back from the form's lead sheets (前年度の委員会意見).
fn forms_of(path: &Path, dept: &str) -> Vec<SheetForm> {
    let plan = load_plan(&common::root().join("input/plan.toml")).unwrap();
    let settings = Settings::load(&common::root().join("templates/report.toml")).unwrap();
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let mut opinions = form::Opinions::new();
    for f in form::department_forms(&plan, &settings, &form::Opinions::new(), dept) {
        let Some(row) = f
            .labels
            .iter()
            .find(|l| l.label() == form::layout::LABEL_PREVIOUS_OPINION)
            .map(|l| l.row)
        else {
            continue;
        };
        let range = wb.worksheet_range(&f.sheet_name).unwrap();
        let text = range
            .get_value((row, 1))
            .map(|d| d.to_string())
            .unwrap_or_default();
        if text != form::layout::NO_PREVIOUS_OPINION {
            opinions.insert(f.item_code.clone(), text);
        }
    }
    form::department_forms(&plan, &settings, &opinions, dept)
}

fn departments(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let dept = path.file_stem().unwrap().to_string_lossy().to_string();
            (dept, path)
        })
        .collect();
    v.sort();
    v
}

/// The `sqref` of every conditional formatting block of a sheet's XML.
fn conditional_cells(sheet_xml: &str) -> BTreeSet<String> {
    sheet_xml
        .split("<conditionalFormatting sqref=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

/// The xl/worksheets part of each sheet by name (from workbook.xml and its relationships).
fn sheet_parts(path: &Path) -> Vec<(String, String)> {
    let workbook = common::zip_part(path, "xl/workbook.xml");
    let rels = common::zip_part(path, "xl/_rels/workbook.xml.rels");
    workbook
        .split("<sheet ")
        .skip(1)
        .map(|s| {
            let attr = |name: &str| common::xml_attr(s, name).unwrap().to_string();
            let (name, id) = (attr("name"), attr("r:id"));
            let target = rels
                .split("<Relationship ")
                .find(|r| r.contains(&format!("Id=\"{id}\"")))
                .unwrap()
                .split("Target=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string();
            let name = name.replace("&amp;", "&");
            (name, format!("xl/{target}"))
        })
        .collect()
}

#[test]
fn red_marking_on_every_required_input_cell_and_no_other() {
    let p = project_with_templates("2024");
    let mut responses_offered = 0;
    let mut responses_closed = 0;
    for (dept, path) in departments(&templates(&p, "2024")) {
        let forms = forms_of(&path, &dept);
        let parts = sheet_parts(&path);
        for f in &forms {
            let part = &parts.iter().find(|(n, _)| *n == f.sheet_name).unwrap().1;
            let xml = common::zip_part(&path, part);
            let want: BTreeSet<String> = f
                .inputs
                .iter()
                .filter(|i| i.required)
                .map(|i| i.cell.a1())
                .collect();
            assert!(!want.is_empty(), "{dept} {}", f.sheet_name);
            assert_eq!(conditional_cells(&xml), want, "{dept} {}", f.sheet_name);
            for a1 in &want {
                assert!(
                    xml.contains(&format!("<formula>LEN(TRIM({a1}))=0</formula>")),
                    "{dept} {} {a1}",
                    f.sheet_name
                );
            }
            for i in &f.inputs {
                if i.field == form::Field::Response {
                    if i.offered {
                        responses_offered += 1;
                    } else {
                        responses_closed += 1;
                    }
                }
            }
        }
        for (name, part) in &parts {
            if !forms.iter().any(|f| f.sheet_name == *name) {
                let xml = common::zip_part(&path, part);
                assert!(conditional_cells(&xml).is_empty(), "{dept} {name}");
            }
        }
        let styles = common::zip_part(&path, "xl/styles.xml");
        let dxfs = styles.split("<dxfs").nth(1).unwrap();
        assert!(dxfs.contains("FFFFD7D7"), "light red fill: {dxfs}");
    }
    // The 2023 committee gave opinions on some items only: both kinds of response cell.
    assert!(responses_offered > 0 && responses_closed > 0);
}

/// What `check --year 2024` says about one submitted file.
fn check_about(p: &common::Project, file: &str) -> Vec<serde_json::Value> {
    let out = p.run(&["check", "--year", "2024", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str() == Some(file))
        .cloned()
        .collect()
}

/// Converts a workbook with LibreOffice headless (which calculates formulas without a
/// stored result) to CSV of its first sheet; returns the rows.
fn first_sheet_csv(path: &Path, home: &Path) -> Vec<Vec<String>> {
    let out = path.parent().unwrap().join("csv");
    common::soffice_convert(
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1",
        [path],
        &out,
        home,
    );
    let stem = path.file_stem().unwrap().to_string_lossy().to_string();
    let csv = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&stem))
        .unwrap();
    std::fs::read_to_string(csv)
        .unwrap()
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// (total line, the 合計 count, each item sheet's count) of the 入力状況 sheet's CSV.
fn status_of(rows: &[Vec<String>]) -> (String, u32, Vec<(String, u32)>) {
    let line = rows[3][0].clone();
    let heading = rows.iter().position(|r| r[0] == "シート").unwrap();
    let count = |r: &Vec<String>| r[4].parse::<u32>().unwrap();
    let mut sheets = Vec::new();
    let mut total = None;
    for r in &rows[heading + 1..] {
        if r[0] == "合計" {
            total = Some(count(r));
            break;
        }
        sheets.push((r[0].clone(), count(r)));
    }
    (line, total.unwrap(), sheets)
}

#[test]
fn status_counts_after_libreoffice_recalculation() {
    if !common::have("soffice") || !common::have("python3") {
        return;
    }
    let p = project_with_templates("2024");
    let dept = "行政経営課";
    let form_path = templates(&p, "2024").join(format!("{dept}.xlsx"));
    let forms = forms_of(&form_path, dept);
    let required: u32 = forms
        .iter()
        .map(|f| f.inputs.iter().filter(|i| i.required).count() as u32)
        .sum();

    // The results stored with the formulas (for viewers that do not recalculate).
    let mut wb: Xlsx<_> = open_workbook(&form_path).unwrap();
    assert_eq!(wb.sheet_names()[0], form::STATUS_SHEET);
    let stored = wb.worksheet_range(form::STATUS_SHEET).unwrap();
    let stored_line = stored.get_value((3, 0)).unwrap().to_string();
    assert_eq!(
        stored_line,
        format!("未入力 {required}件 — 赤色のセル（未入力の必須項目）を入力してください")
    );
    let formulas = wb.worksheet_formula(form::STATUS_SHEET).unwrap();
    assert!(
        formulas
            .used_cells()
            .any(|(_, _, f)| f.contains("LEN(TRIM('1102'!$C$")),
        "counts are formulas over the item sheet's cells"
    );
    assert!(matches!(
        stored.get_value((6, 4)),
        Some(Data::Float(_) | Data::Int(_))
    ));

    let work = p.path().join("status");
    let script = common::root().join("scripts/make_form_status.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(&form_path)
        .arg(&work)
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", common::text(&out));
    let cleared: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(work.join("cleared.json")).unwrap()).unwrap();
    let cleared_sheet = cleared["sheet"].as_str().unwrap().to_string();

    let (line, total, sheets) = status_of(&first_sheet_csv(&work.join("blank.xlsx"), p.path()));
    assert!(total > 0 && total == required, "{total} {required}");
    assert!(line.starts_with(&format!("未入力 {required}件")), "{line}");
    assert_eq!(sheets.len(), forms.len());

    let (line, total, sheets) = status_of(&first_sheet_csv(&work.join("filled.xlsx"), p.path()));
    assert_eq!(total, 0);
    assert_eq!(line, "未入力 0件 — このまま提出できます");
    assert!(sheets.iter().all(|(_, n)| *n == 0), "{sheets:?}");

    let (line, total, sheets) = status_of(&first_sheet_csv(&work.join("cleared.xlsx"), p.path()));
    assert_eq!(total, 1);
    assert!(line.starts_with("未入力 1件"), "{line}");
    for (name, n) in &sheets {
        assert_eq!(*n, u32::from(*name == cleared_sheet), "{name}");
    }

    // check reads the filled form cleanly (the 入力状況 sheet and its formulas are not
    // read) and names the cleared cell.
    let subs = p.submissions(2024);
    for e in std::fs::read_dir(&subs).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    std::fs::copy(work.join("filled.xlsx"), subs.join(format!("{dept}.xlsx"))).unwrap();
    let about_file = check_about(&p, &format!("{dept}.xlsx"));
    assert!(about_file.is_empty(), "{about_file:?}");
    std::fs::copy(work.join("cleared.xlsx"), subs.join(format!("{dept}.xlsx"))).unwrap();
    let about_file = check_about(&p, &format!("{dept}.xlsx"));
    assert_eq!(about_file.len(), 1, "{about_file:?}");
    assert_eq!(
        about_file[0]["sheet"].as_str(),
        Some(cleared_sheet.as_str())
    );
    assert_eq!(about_file[0]["cell"], cleared["cell"]);
    // The message names the label beside the cell and says what to enter there.
    let message = about_file[0]["message"].as_str().unwrap();
    let cell = cleared["cell"].as_str().unwrap();
    assert!(
        message.starts_with("必須項目「実施内容」が入力されていません")
            && message.contains(&format!("入力欄 {cell} に"))
            && message.ends_with("入力してください"),
        "{message}"
    );
}

/// The size (points) of full-width text on a PDF page: pdftotext's word width divided by the
/// number of characters, for words of full-width characters only (each 1 em wide in BIZ
/// UDゴシック). The smallest over the document.
fn smallest_full_width_text(pdf: &Path) -> f64 {
    let full_width = |c: char| matches!(c, '\u{3041}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}');
    common::pdf_words(pdf)
        .iter()
        .filter_map(|w| {
            let n = w.text.chars().count();
            (n >= 2 && w.text.chars().all(full_width)).then(|| (w.x_max - w.x_min) / n as f64)
        })
        .fold(f64::INFINITY, f64::min)
}

/// The text of each page (pdftotext -layout, pages split at form feeds).
fn pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

#[test]
fn every_item_sheet_prints_on_one_a4_page_at_9pt_or_more() {
    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    let plan = load_plan(&common::root().join("input/plan.toml")).unwrap();
    for year in ["2022", "2025"] {
        let p = project_with_templates(year);
        let dir = templates(&p, year);
        let pdfs = p.path().join("pdf");
        let mut args: Vec<PathBuf> = departments(&dir).into_iter().map(|(_, p)| p).collect();
        args.sort();
        common::soffice_convert("pdf", &args, &pdfs, p.path());
        for (dept, path) in departments(&dir) {
            let pdf = pdfs.join(format!("{dept}.pdf"));
            let pages = pages(&pdf);
            for f in forms_of(&path, &dept) {
                let title = &plan.item(&f.item_code).unwrap().title;
                // The page header names the item: exactly one page per item sheet.
                let header = format!("{} {title}", f.item_code);
                let n = pages
                    .iter()
                    .filter(|p| {
                        p.lines()
                            .find(|l| !l.trim().is_empty())
                            .is_some_and(|l| l.contains(&header))
                    })
                    .count();
                assert_eq!(n, 1, "{year} {dept} {}: {n} pages", f.sheet_name);
            }
            assert!(
                pages[0].contains(form::STATUS_SHEET) && pages[0].contains("未入力"),
                "the 入力状況 sheet prints first"
            );
            let smallest = smallest_full_width_text(&pdf);
            assert!(smallest >= 8.99, "{year} {dept}: {smallest} pt");
            // The same from the page setup: every font × the sheet's scale.
            let styles = common::zip_part(&path, "xl/styles.xml");
            let fonts = styles
                .split("<fonts")
                .nth(1)
                .unwrap()
                .split("</fonts>")
                .next()
                .unwrap();
            let sizes: Vec<f64> = fonts
                .split("<sz val=\"")
                .skip(1)
                .map(|s| s.split('"').next().unwrap().parse().unwrap())
                .collect();
            let smallest_font = sizes.iter().copied().fold(f64::INFINITY, f64::min);
            for (name, part) in sheet_parts(&path) {
                if name == form::meta::SHEET {
                    continue;
                }
                let xml = common::zip_part(&path, &part);
                let scale: f64 = xml
                    .split(" scale=\"")
                    .nth(1)
                    .map_or(100.0, |s| s.split('"').next().unwrap().parse().unwrap());
                assert!(
                    smallest_font * scale / 100.0 >= 9.0,
                    "{dept} {name}: {smallest_font} pt at {scale}%"
                );
                assert!(xml.contains("paperSize=\"9\""), "{dept} {name} A4");
                assert!(
                    xml.contains("&amp;P / &amp;N"),
                    "{dept} {name} page numbers"
                );
            }
        }
    }
}

#[test]
fn a_response_typed_where_no_opinion_was_given_is_warned_about() {
    if !common::have("python3") {
        return;
    }
    let p = project_with_templates("2024");
    let dept = "行政経営課";
    let form_path = templates(&p, "2024").join(format!("{dept}.xlsx"));
    let forms = forms_of(&form_path, dept);
    let (sheet, cell) = forms
        .iter()
        .find_map(|f| {
            f.inputs
                .iter()
                .find(|i| i.field == form::Field::Response && !i.offered)
                .map(|i| (f.sheet_name.clone(), i.cell.a1()))
        })
        .expect("an item without a committee opinion");
    let subs = p.submissions(2024);
    for e in std::fs::read_dir(&subs).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    // openpyxl writes into the locked cell, as an edited file or an older form would hold.
    let cells = serde_json::json!({ &sheet: { &cell: "意見はないが対応を書いた" } });
    let out = Command::new("python3")
        .arg(common::root().join("scripts/fill_cells.py"))
        .arg(&form_path)
        .arg(subs.join(format!("{dept}.xlsx")))
        .arg(cells.to_string())
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", common::text(&out));
    let out = p.run(&["check", "--year", "2024", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = json["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["severity"] == "warning"
            && d["sheet"].as_str() == Some(sheet.as_str())
            && d["cell"].as_str() == Some(cell.as_str())
            && d["message"].as_str().is_some_and(|m| {
                m.starts_with("委員会意見への対応: 前年度の委員会意見がない取組項目")
            })
    });
    assert!(found, "{json}");

    // The response is carried to every output: the workbook, the committee PDF (its
    // 前年度の委員会意見への対応 table and the item page), the web item page and the open data.
    for cmd in ["build", "publish"] {
        let out = p.run(&[cmd, "--year", "2024"]);
        assert!(out.status.success(), "{cmd}: {:?}", common::text(&out));
    }
    let typed = "意見はないが対応を書いた";
    let year_dir = p.path().join("output/2024");
    let mut pdfs = 0;
    for e in std::fs::read_dir(&year_dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "pdf") && common::have("pdftotext") {
            let text: String = common::pdf_layout_text(&path)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            assert!(
                text.matches(typed).count() >= 2,
                "{}: the response in the table and on the item page",
                path.display()
            );
            pdfs += 1;
        }
    }
    assert!(
        pdfs > 0 || !common::have("pdftotext"),
        "a committee PDF is built"
    );
    let mut pages = 0;
    let mut csv = 0;
    let mut stack = vec![year_dir.join("公表")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(body) = std::fs::read_to_string(&path) else {
                continue;
            };
            if body.contains(typed) {
                match path.extension().and_then(|x| x.to_str()) {
                    Some("html") => pages += 1,
                    Some("csv") => csv += 1,
                    _ => {}
                }
            }
        }
    }
    assert!(pages >= 1, "the web item page shows the response");
    assert!(csv >= 1, "the open data carries the response");
}
