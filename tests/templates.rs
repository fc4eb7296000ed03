//! Department templates: read back with calamine, protection and dropdowns checked in the
//! workbook XML, byte-identical re-runs, and a LibreOffice round trip.

mod common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

fn make_templates(p: &common::Project, year: &str) {
    let out = p.run(&["templates", "--year", year]);
    assert!(out.status.success(), "{:?}", common::text(&out));
}

fn cell(range: &calamine::Range<Data>, a1: (u32, u32)) -> String {
    range
        .get_value(a1)
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn one_workbook_per_department_with_the_expected_sheets() {
    let p = common::Project::new();
    make_templates(&p, "2023");
    let dir = p.path().join("output/2023/templates");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 12, "{names:?}");
    assert!(names.contains(&"行政経営課.xlsx".to_string()));

    let mut wb: Xlsx<_> = open_workbook(dir.join("行政経営課.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "入力状況",
            "記入方法",
            "1102",
            "2101",
            "2201",
            "1101_取組部署",
            "2102_取組部署",
            "_meta"
        ]
    );
    let sheet = wb.worksheet_range("1102").unwrap();
    assert_eq!(
        cell(&sheet, (0, 0)),
        "令和5(2023)年度 行財政改革 取組状況報告（個票）"
    );
    assert_eq!(cell(&sheet, (1, 1)), "行政経営課");
    assert_eq!(cell(&sheet, (5, 0)), "管理番号");
    assert_eq!(cell(&sheet, (5, 1)), "1102");
    assert_eq!(cell(&sheet, (7, 1)), "積極的な情報公開の推進");
    assert_eq!(cell(&sheet, (8, 1)), "継続");
    assert_eq!(cell(&sheet, (9, 1)), "行政経営課");
    assert_eq!(cell(&sheet, (10, 1)), "全部署");
    assert_eq!(
        cell(&sheet, (11, 1)),
        "開示請求の手続きに基づかなくとも、いつでも誰もが必要とする情報を自由に入手できる。"
    );
    assert!(cell(&sheet, (12, 1)).contains("全部開示が可能な情報は"));
    // 具体的な取組 with a status input, the indicator with its unit.
    let text = (0..40)
        .map(|r| cell(&sheet, (r, 1)))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains(
        "全部開示が可能な案件を類型化し、開示請求の手続きに基づかない情報提供を推進する。"
    ));
    let labels: Vec<String> = (0..40).map(|r| cell(&sheet, (r, 0))).collect();
    for want in [
        "評価",
        "具体的な取組①の状況",
        "具体的な取組②の状況",
        "指標実績①",
        "効果額（千円）",
        "実施内容",
        "課題",
        "今後の方向性",
    ] {
        assert!(labels.iter().any(|l| l == want), "{want} in {labels:?}");
    }
    let ind_row = labels.iter().position(|l| l == "指標実績①").unwrap() as u32;
    assert_eq!(cell(&sheet, (ind_row, 3)), "件");
    assert!(cell(&sheet, (ind_row, 1)).contains("情報提供件数"));
    assert!(cell(&sheet, (ind_row, 1)).contains("基準値 未設定 → 目標値 未設定"));

    // Contribution sheet: 実施内容 and the summed indicator only.
    let contrib = wb.worksheet_range("2102_取組部署").unwrap();
    assert_eq!(
        cell(&contrib, (0, 0)),
        "令和5(2023)年度 行財政改革 取組状況報告（取組部署）"
    );
    let meta = wb.worksheet_range("_meta").unwrap();
    assert_eq!(cell(&meta, (0, 0)), "gyokaku_form");
    assert_eq!(cell(&meta, (2, 1)), "2023");
    assert_eq!(cell(&meta, (3, 1)), "行政経営課");
    let guide = wb.worksheet_range("記入方法").unwrap();
    let guide_text: String = guide
        .rows()
        .flatten()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    for want in [
        "令和6年4月30日",
        "総務部 行政経営課 行政経営係（内線 2114）",
        "計画以上に進んでいる",
        "行・列の挿入や削除はしないでください",
        "シート名の変更",
    ] {
        assert!(guide_text.contains(want), "{want}");
    }
}

/// The `s` (style index) of a cell in a sheet's XML.
fn style_of(sheet_xml: &str, a1: &str) -> Option<usize> {
    let at = sheet_xml.find(&format!("<c r=\"{a1}\""))?;
    let rest = &sheet_xml[at..];
    let end = rest.find('>')?;
    let tag = &rest[..end];
    let s = tag.split(" s=\"").nth(1)?;
    s.split('"').next()?.parse().ok()
}

/// Whether the cellXfs entry `index` is unlocked.
fn unlocked(styles_xml: &str, index: usize) -> bool {
    let xfs = styles_xml.split("<cellXfs").nth(1).unwrap();
    let xfs = xfs.split("</cellXfs>").next().unwrap();
    let entries: Vec<&str> = xfs.split("<xf ").skip(1).collect();
    entries[index]
        .split("</xf>")
        .next()
        .unwrap_or("")
        .contains("locked=\"0\"")
        || entries[index].contains("locked=\"0\"")
}

#[test]
fn protection_unlocked_inputs_and_dropdowns_in_the_xml() {
    let p = common::Project::new();
    make_templates(&p, "2023");
    let file = p.path().join("output/2023/templates/行政経営課.xlsx");
    let workbook = common::zip_part(&file, "xl/workbook.xml");
    assert!(
        workbook.contains("<workbookProtection lockStructure=\"1\"/>"),
        "{workbook}"
    );
    assert!(workbook.contains("name=\"_meta\"") && workbook.contains("state=\"veryHidden\""));
    let styles = common::zip_part(&file, "xl/styles.xml");
    // Sheet 3 is 1102 (入力状況 and the guide come first).
    let sheet = common::zip_part(&file, "xl/worksheets/sheet3.xml");
    assert!(sheet.contains("<sheetProtection"), "protected");
    assert!(
        !sheet.contains("insertRows=\"0\""),
        "inserting rows stays forbidden"
    );
    assert!(!sheet.contains("<mergeCell "), "no merged cells");
    // Evaluation dropdown carries the scale.
    assert!(sheet.contains("type=\"list\""));
    assert!(
        sheet.contains("<formula1>\"S,A,B,C\"</formula1>"),
        "scale dropdown"
    );
    assert!(
        sheet.contains("<formula1>\"未着手,取組中,完了\"</formula1>"),
        "status dropdown"
    );
    assert!(sheet.contains("type=\"decimal\""), "numeric validation");
    assert!(sheet.contains("promptTitle=\"評価\""), "input message");
    // Input cells unlocked, plan facts locked.
    let form = gyokaku::form::department_forms(
        &gyokaku::plan::load_plan(&common::root().join("input/plan.toml")).unwrap(),
        &gyokaku::plan::Settings::load(&common::root().join("templates/report.toml")).unwrap(),
        &gyokaku::form::Opinions::new(),
        "行政経営課",
    );
    let f1102 = &form[0];
    assert_eq!(f1102.sheet_name, "1102");
    for input in &f1102.inputs {
        let a1 = input.cell.a1();
        let s = style_of(&sheet, &a1).unwrap_or_else(|| panic!("{a1} has a style"));
        // No committee opinion on the year before: the response cell is locked.
        assert_eq!(unlocked(&styles, s), input.offered, "{a1} unlocked");
    }
    let response = f1102
        .inputs
        .iter()
        .find(|i| i.field == gyokaku::form::Field::Response)
        .unwrap();
    assert!(!response.offered && !response.required);
    let fact = style_of(&sheet, "B8").unwrap();
    assert!(!unlocked(&styles, fact), "plan facts locked");
    // A4 print setup at a scale keeping text at 9 pt or more (tests/form_status.rs prints it).
    assert!(sheet.contains("paperSize=\"9\""));
    assert!(sheet.contains(" scale=\""), "{sheet}");
}

#[test]
fn rerunning_gives_identical_bytes() {
    let p = common::Project::new();
    make_templates(&p, "2023");
    let dir = p.path().join("output/2023/templates");
    let first: Vec<(String, Vec<u8>)> = read_all(&dir);
    make_templates(&p, "2023");
    assert_eq!(first, read_all(&dir));
}

fn read_all(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn libreoffice_resave_keeps_meta_and_inputs() {
    if !common::have("soffice") {
        return;
    }
    let p = common::Project::new();
    make_templates(&p, "2023");
    let src = p.path().join("output/2023/templates/収納課.xlsx");
    let lo = p.path().join("lo");
    std::fs::create_dir_all(&lo).unwrap();
    std::fs::copy(&src, lo.join("in.xlsx")).unwrap();
    common::soffice_convert(
        "xlsx:Calc MS Excel 2007 XML",
        [lo.join("in.xlsx")],
        &p.path().join("lo/out"),
        p.path(),
    );
    let resaved = p.path().join("lo/out/in.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&resaved).unwrap();
    assert!(wb.sheet_names().contains(&"_meta".to_string()));
    let meta = wb.worksheet_range("_meta").unwrap();
    assert_eq!(cell(&meta, (3, 1)), "収納課");
    // The reader still recognises the file and finds every input cell.
    let plan = gyokaku::plan::load_plan(&common::root().join("input/plan.toml")).unwrap();
    let settings =
        gyokaku::plan::Settings::load(&common::root().join("templates/report.toml")).unwrap();
    let ctx = gyokaku::submission::ReadContext::new(
        &plan,
        &settings,
        gyokaku::fiscal_year::FiscalYear(2023),
    );
    let read = gyokaku::submission::reader::read_file(&resaved, &ctx);
    assert!(read.usable, "{:?}", read.diagnostics);
    assert_eq!(read.department.as_deref(), Some("収納課"));
    assert_eq!(
        read.sheets.len(),
        3,
        "2301 and the 1101, 1102 取組部署 sheets"
    );
    let sheet_xml = common::zip_part(&resaved, "xl/workbook.xml");
    assert!(sheet_xml.contains("_meta"));
}

#[test]
fn last_years_values_are_shown_beside_the_inputs() {
    let p = common::Project::with_samples();
    make_templates(&p, "2023");
    let mut wb: Xlsx<_> =
        open_workbook(p.path().join("output/2023/templates/行政経営課.xlsx")).unwrap();
    let sheet = wb.worksheet_range("1102").unwrap();
    // Rows below the plan facts (and last year's committee opinion, row 14).
    assert_eq!(cell(&sheet, (13, 0)), "前年度の委員会意見");
    assert_eq!(cell(&sheet, (15, 4)), "前年度の報告");
    // The 2022 sample: 評価 A, statuses 取組中 / 未着手, 情報提供件数 24.
    assert_eq!(cell(&sheet, (16, 4)), "A");
    assert_eq!(cell(&sheet, (17, 4)), "取組中");
    assert_eq!(cell(&sheet, (18, 4)), "未着手");
    assert_eq!(cell(&sheet, (19, 4)), "24");
    // The first plan year has no previous year.
    make_templates(&p, "2022");
    let mut wb: Xlsx<_> =
        open_workbook(p.path().join("output/2022/templates/行政経営課.xlsx")).unwrap();
    let sheet = wb.worksheet_range("1102").unwrap();
    assert_eq!(cell(&sheet, (16, 4)), "");
}

#[test]
fn contribution_sheets_show_last_years_text_under_a_heading_with_content() {
    let p = common::Project::with_samples();
    make_templates(&p, "2025");
    let file = p.path().join("output/2025/templates/協働まちづくり課.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&file).unwrap();
    // 1201 has no summed indicator: the sheet asks only for 実施内容.
    let sheet = wb.worksheet_range("1201_取組部署").unwrap();
    let work_row = (0..30)
        .find(|&r| cell(&sheet, (r, 0)) == "実施内容")
        .unwrap();
    let head_row = work_row - 1;
    assert_eq!(cell(&sheet, (head_row, 2)), "前年度の報告");
    assert_eq!(
        cell(&sheet, (head_row, 3)),
        "",
        "no 単位 heading without a unit"
    );
    assert_eq!(
        cell(&sheet, (head_row, 4)),
        "",
        "no heading over an empty column"
    );
    // The department's own 2024 contribution, from the 2024 sample submission.
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/fixtures/expected_samples.json"))
            .unwrap(),
    )
    .unwrap();
    let last_year = expected["2024"]["協働まちづくり課"]["1201_取組部署"]
        [format!("B{}", work_row + 1)]
    .as_str()
    .unwrap();
    let shown = cell(&sheet, (work_row, 2));
    assert!(shown.contains(last_year), "{shown}");
    let xml = common::zip_part(&file, "xl/worksheets/sheet7.xml");
    assert!(
        xml.contains(&format!("<mergeCell ref=\"C{0}:E{0}\"/>", work_row + 1)),
        "last year's text spans C to E"
    );
    // A sheet with a number input keeps the three headings.
    let sheet = wb.worksheet_range("1102_取組部署").unwrap();
    let head_row = (0..30).find(|&r| cell(&sheet, (r, 2)) == "入力欄").unwrap();
    assert_eq!(cell(&sheet, (head_row, 3)), "単位");
    assert_eq!(cell(&sheet, (head_row, 4)), "前年度の報告");
}
