//! Issue 18 (indicators): a baseline year of its own and a target with a comparison
//! (以上・以下・未満・超). The sample plan is given two such indicators; the 総務課 form
//! reports values on the boundaries, and the workbook (as LibreOffice shows it), the PDF
//! (pdftotext), the item pages and the open data show the target with its comparison, the
//! judgement 達成 / 未達成 and the indicator's own baseline year.

mod common;

use common::{Project, fill_cells, have, pdf_layout_text, python_ready, sheets_as_shown, text};

const WORKBOOK: &str = "output/2025/行財政改革進捗状況_令和7年度.xlsx";
const PDF: &str = "output/2025/行財政改革推進委員会資料_令和7年度.pdf";
const PAGES: &str = "output/2025/公表";

/// The sample plan with 2401 "以上" based on FY2020 and 2402 "未満".
fn project() -> Project {
    let p = Project::with_samples();
    let path = p.path().join("input/plan.toml");
    let plan = std::fs::read_to_string(&path).unwrap();
    let plan = plan.replacen(
        "  baseline = 320\n  target = 400\n",
        "  baseline = 320\n  target = 400\n  baseline_year = 2020\n  comparison = \"以上\"\n",
        1,
    );
    let plan = plan.replacen(
        "  baseline = 162\n  target = 130\n  direction = \"lower\"\n",
        "  baseline = 162\n  target = 130\n  comparison = \"未満\"\n",
        1,
    );
    assert_eq!(
        plan.matches("comparison = ").count(),
        2,
        "sample plan changed"
    );
    std::fs::write(&path, plan).unwrap();
    p
}

/// The CSV line of a sheet whose first cell is `code`.
fn rows<'a>(csv: &'a str, code: &str) -> Vec<&'a str> {
    csv.lines()
        .filter(|l| l.starts_with(&format!("{code},")))
        .collect()
}

#[test]
fn comparisons_and_baseline_years_reach_every_output() {
    if !python_ready() || !have("soffice") || !have("pdftotext") {
        return;
    }
    let p = project();
    // 400 人 against 400以上 (met: inclusive); 130 時間 against 130未満 (not met: strict).
    let form = p.submissions(2025).join("総務課.xlsx");
    fill_cells(
        &form,
        &form,
        r#"{"2401": {"C18": 400}, "2402": {"C18": 130}}"#,
    );
    for cmd in ["build", "publish"] {
        let out = p.run(&[cmd]);
        assert_eq!(out.status.code(), Some(0), "{cmd}: {:?}", text(&out));
    }

    // The workbook: the target with its comparison, the judgement with the rate, the own
    // baseline year in 備考.
    let sheets = sheets_as_shown(&p.path().join(WORKBOOK));
    let r2401 = rows(&sheets["指標"], "2401").join("\n");
    assert!(r2401.contains(",400人以上,"), "{r2401}");
    assert!(r2401.contains(",達成（100.0%）,"), "{r2401}");
    assert!(r2401.contains("基準値は令和2(2020)年度の値"), "{r2401}");
    let r2402 = rows(&sheets["指標"], "2402").join("\n");
    assert!(r2402.contains(",130時間未満,"), "{r2402}");
    assert!(r2402.contains(",未達成（100.0%）,"), "{r2402}");
    assert!(!r2402.contains("基準値は"), "{r2402}");
    // The targets stay numbers (the comparison is in their number format).
    {
        use calamine::{Data, Reader, Xlsx, open_workbook};
        let mut book: Xlsx<_> = open_workbook(p.path().join(WORKBOOK)).unwrap();
        let range = book.worksheet_range("指標").unwrap();
        for (code, target) in [("2401", 400.0), ("2402", 130.0)] {
            let row = range
                .rows()
                .find(|r| matches!(r.first(), Some(Data::String(c)) if c == code))
                .unwrap_or_else(|| panic!("no row {code}"));
            assert!(row.contains(&Data::Float(target)), "{code}: {row:?}");
            assert!(
                !row.iter().any(
                    |c| matches!(c, Data::String(t) if t.ends_with("以上") || t.ends_with("未満"))
                ),
                "{code}: a target written as text: {row:?}"
            );
        }
    }
    // An indicator without a comparison is unchanged: a number and a percentage.
    let r2102 = rows(&sheets["指標"], "2102").join("\n");
    assert!(!r2102.contains("達成"), "{r2102}");

    // The PDF's item pages.
    // The indicator table's row: the target with its comparison and the judgement; below them
    // the own baseline year and the rate.
    let pdf = pdf_layout_text(&p.path().join(PDF));
    let lines: Vec<&str> = pdf.lines().collect();
    let row = |name: &str, target: &str, judgement: &str| {
        let at = lines
            .iter()
            .position(|l| l.contains(name) && l.contains(target))
            .unwrap_or_else(|| panic!("no {name} {target} row in\n{pdf}"));
        assert!(lines[at].trim_end().ends_with(judgement), "{}", lines[at]);
        assert!(
            lines[at + 1].trim_end().ends_with("100.0%"),
            "{}",
            lines[at + 1]
        );
        lines[at + 1]
    };
    let below = row("①職員研修の受", "400人以上", " 達成");
    assert!(below.contains("令和2年度"), "own baseline year: {below}");
    let below = row("①職員1人当たり", "130時間未満", "未達成");
    assert!(!below.contains("年度"), "the plan's baseline year: {below}");
    assert!(pdf.contains("基準 令和2年度"), "chart label: {pdf}");
    assert!(pdf.contains("基準 令和3年度"), "chart label: {pdf}");

    // The item pages.
    let page = std::fs::read_to_string(p.path().join(PAGES).join("item-2401.html")).unwrap();
    assert!(page.contains("目標は 400人以上"), "{page}");
    assert!(
        page.contains("の判定: <strong>達成（100.0%）</strong>"),
        "{page}"
    );
    assert!(page.contains("令和2(2020)年度</th>"), "{page}");
    let page = std::fs::read_to_string(p.path().join(PAGES).join("item-2402.html")).unwrap();
    assert!(page.contains("<strong>未達成（100.0%）</strong>"), "{page}");
    assert!(page.contains(">130時間未満<"), "{page}");

    // The open data: numbers stay numbers; the comparison and the judgement in their columns,
    // described in 項目定義; the baseline year per indicator.
    let opendata = p.path().join(PAGES).join("opendata");
    let files: Vec<_> = std::fs::read_dir(&opendata)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let read = |suffix: &str| {
        let f = files
            .iter()
            .find(|f| f.to_string_lossy().ends_with(suffix))
            .unwrap_or_else(|| panic!("no {suffix} in {}", opendata.display()));
        std::fs::read_to_string(f).unwrap()
    };
    let csv = read("reform_indicators.csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains("\"目標値\",\"目標の比較\",\"年度目標\"")
            || header.contains("目標値,目標の比較,年度目標"),
        "{header}"
    );
    let line = |id: &str| {
        csv.lines()
            .find(|l| l.contains(&format!("\"{id}\"")))
            .unwrap_or_else(|| panic!("no {id} in {csv}"))
            .to_string()
    };
    let l2401 = line("2025-2401-1");
    assert!(l2401.contains(",2020,320,2025,400,以上,"), "{l2401}");
    assert!(l2401.contains(",400,,100,達成,"), "{l2401}");
    let l2402 = line("2025-2402-1");
    assert!(l2402.contains(",2021,162,2025,130,未満,"), "{l2402}");
    assert!(l2402.contains(",130,,100,未達成,"), "{l2402}");
    let columns = read("reform_columns.csv");
    assert!(columns.contains("目標の比較"), "{columns}");
    assert!(
        columns.contains("「未満」「超」は目標値と同じ値を含まない"),
        "{columns}"
    );
}

#[test]
fn a_contradicting_direction_and_a_late_baseline_year_are_refused() {
    let p = Project::new();
    let path = p.path().join("input/plan.toml");
    let plan = std::fs::read_to_string(&path).unwrap().replacen(
        "  baseline = 162\n  target = 130\n  direction = \"lower\"\n",
        "  baseline = 162\n  target = 130\n  direction = \"lower\"\n  comparison = \"以上\"\n  baseline_year = 2023\n",
        1,
    );
    std::fs::write(&path, &plan).unwrap();
    let out = p.run(&["plan"]);
    let (stdout, stderr) = text(&out);
    assert_ne!(out.status.code(), Some(0), "{stdout}");
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains(
            "取組項目 2402 の指標1（職員1人当たり年間時間外勤務時間） の comparison = \"以上\""
        ),
        "{all}"
    );
    assert!(
        all.contains("baseline_year = 2023 は計画開始年度 2022 以前にしてください"),
        "{all}"
    );

    // An unknown comparison is a Japanese message naming the allowed values.
    let plan = plan.replacen("comparison = \"以上\"", "comparison = \">=\"", 1);
    std::fs::write(&path, plan).unwrap();
    let out = p.run(&["plan"]);
    let (stdout, stderr) = text(&out);
    let all = format!("{stdout}{stderr}");
    assert_ne!(out.status.code(), Some(0), "{all}");
    assert!(all.contains("「>=」は使えません"), "{all}");
    assert!(all.contains("以上"), "{all}");
}
