//! A plan taken up in mid-period: the years before the first submissions are outside the
//! comparisons (no 増減 against an empty year) and are not published as 未提出.

mod common;

/// The sample project without the plan's first year (2022): the city starts reporting in 2023.
fn project_from_2023() -> common::Project {
    let p = common::Project::with_samples();
    std::fs::remove_dir_all(p.path().join("input/submissions/2022")).unwrap();
    p
}

#[test]
fn the_first_reported_year_has_no_previous_year() {
    let p = project_from_2023();
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success(), "{:?}", common::text(&out));

    let workbook = p
        .path()
        .join("output/2023/行財政改革進捗状況_令和5年度.xlsx");
    let rows = common::sheet_rows(&workbook, "総括");
    let header = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "番号"))
        .expect("header");
    let total = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "合計"))
        .expect("total");
    let col = |name: &str| header.iter().position(|c| c == name).expect(name);
    assert_eq!(total[col("A（今年度）")], "10");
    for name in ["A（前年度）", "計（前年度）", "A（増減）", "未評価（増減）"]
    {
        assert_eq!(total[col(name)], "―", "no comparison with 2022: {name}");
    }
    let years = common::sheet_rows(&workbook, "評価の推移").concat();
    assert!(years.iter().any(|c| c.contains("令和5")), "{years:?}");
    assert!(!years.iter().any(|c| c.contains("令和4")), "{years:?}");

    let pdf = common::pdf_layout_text(
        &p.path()
            .join("output/2023/行財政改革推進委員会資料_令和5年度.pdf"),
    );
    assert!(pdf.contains("2402"), "the PDF lists the items");
    assert!(!pdf.contains("（+"), "no 増減 against the empty year 2022");
}

#[test]
fn years_before_the_first_data_are_not_published() {
    let p = project_from_2023();
    let out = p.run(&["publish", "--year", "2023"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let dir = p.path().join("output/2023/公表/opendata");
    let items = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| f.to_string_lossy().ends_with("_items.csv"))
        .expect("items.csv");
    let csv = std::fs::read_to_string(items).unwrap();
    assert!(csv.contains(",2023,"), "2023 is published");
    assert!(!csv.contains(",2022,"), "2022 is not published as 未提出");
}

#[test]
fn the_bundled_sample_keeps_its_first_year() {
    let p = common::Project::with_samples();
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let cells = common::sheet_rows(
        &p.path()
            .join("output/2023/行財政改革進捗状況_令和5年度.xlsx"),
        "総括",
    )
    .concat();
    assert!(cells.iter().any(|c| c == "A（前年度）"), "{cells:?}");
}

#[test]
fn first_reported_year_in_the_plan_leaves_the_earlier_years_out() {
    let p = common::Project::with_samples();
    let path = p.path().join("input/plan.toml");
    let plan = std::fs::read_to_string(&path).unwrap();
    let line = plan
        .lines()
        .find(|l| l.starts_with("target_year"))
        .expect("target_year")
        .to_string();
    std::fs::write(
        &path,
        plan.replacen(&line, &format!("{line}\nfirst_reported_year = 2023"), 1),
    )
    .unwrap();
    let out = p.run(&["publish", "--year", "2024"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let csv = items_csv(&p, 2024);
    assert!(csv.contains(",2023,") && csv.contains(",2024,"), "{csv}");
    assert!(
        !csv.contains(",2022,"),
        "2022 has submissions but is before 2023"
    );

    std::fs::write(
        &path,
        plan.replacen(&line, &format!("{line}\nfirst_reported_year = 2040"), 1),
    )
    .unwrap();
    let out = p.run(&["check", "--year", "2024"]);
    let (stdout, stderr) = common::text(&out);
    assert!(!out.status.success(), "{stdout}");
    assert!(
        format!("{stdout}{stderr}").contains("first_reported_year = 2040 が計画期間"),
        "{stdout}{stderr}"
    );
}

/// The open data's items of `year`.
fn items_csv(p: &common::Project, year: u16) -> String {
    let dir = p.path().join(format!("output/{year}/公表/opendata"));
    let items = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| f.to_string_lossy().ends_with("_items.csv"))
        .expect("items.csv");
    std::fs::read_to_string(items).unwrap()
}
