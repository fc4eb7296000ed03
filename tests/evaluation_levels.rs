//! A level of the evaluation scale outside the ranking (対象外, `ranked = false`): offered in
//! the form's dropdown, accepted by check, counted in its own column of the workbook, PDF and
//! pages, and left out of the publication's "on plan or better" headline.

mod common;

const XLSX: &str = "output/2025/行財政改革進捗状況_令和7年度.xlsx";
const PDF: &str = "output/2025/行財政改革推進委員会資料_令和7年度.pdf";
const INDEX: &str = "output/2025/公表/index.html";

/// The sample project with a fifth level 対象外 after C, not ranked.
fn project_with_unranked_level() -> common::Project {
    let p = common::Project::with_samples();
    let path = p.path().join("templates/report.toml");
    let settings = std::fs::read_to_string(&path).unwrap();
    assert!(settings.contains("\n[template]\n"));
    let settings = settings.replacen(
        "\n[template]\n",
        "\n[[evaluation.levels]]\ncode = \"対象外\"\nlabel = \"評価の対象外\"\n\
         meaning = \"今年度は取組の時期にあたらない\"\nranked = false\n\n[template]\n",
        1,
    );
    std::fs::write(&path, settings).unwrap();
    p
}

/// 総務課 of 2025 rates 2402 (A in the sample) 対象外.
fn rate_2402_unranked(p: &common::Project) {
    let form = p.submissions(2025).join("総務課.xlsx");
    let copy = p.path().join("総務課_元.xlsx");
    std::fs::copy(&form, &copy).unwrap();
    common::fill_cells(&copy, &form, r#"{"2402": {"C17": "対象外"}}"#);
}

#[test]
fn the_form_offers_the_unranked_level() {
    let p = project_with_unranked_level();
    let out = p.run(&["templates", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let form = p.path().join("output/2025/templates/総務課.xlsx");
    let sheets: String = (1..=8)
        .map(|k| common::zip_part(&form, &format!("xl/worksheets/sheet{k}.xml")))
        .collect();
    assert!(
        sheets.contains("<formula1>\"S,A,B,C,対象外\"</formula1>"),
        "the dropdown lists 対象外"
    );
}

#[test]
fn settings_reject_a_ranked_level_after_an_unranked_one() {
    let p = project_with_unranked_level();
    let path = p.path().join("templates/report.toml");
    let settings = std::fs::read_to_string(&path).unwrap().replacen(
        "\n[template]\n",
        "\n[[evaluation.levels]]\ncode = \"D\"\nlabel = \"大きく遅れている\"\n\n[template]\n",
        1,
    );
    std::fs::write(&path, settings).unwrap();
    let out = p.run(&["check", "--year", "2025"]);
    assert!(!out.status.success());
    let (stdout, stderr) = common::text(&out);
    assert!(
        format!("{stdout}{stderr}").contains("evaluation.levels[6]「D」は順位のある段階なので"),
        "{stdout}{stderr}"
    );
}

#[test]
fn an_unranked_evaluation_is_counted_in_its_own_column() {
    if !common::python_ready() {
        return;
    }
    let p = project_with_unranked_level();
    rate_2402_unranked(&p);

    let out = p.run(&["check", "--year", "2025"]);
    let (stdout, stderr) = common::text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("エラー 0"), "{stdout}");
    assert!(!stdout.contains("2402"), "no problem with 2402: {stdout}");

    let out = p.run(&["build", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let rows = common::sheet_rows(&p.path().join(XLSX), "総括");
    let header = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "番号"))
        .expect("header row");
    let col = |name: &str| header.iter().position(|c| c == name).expect(name);
    let own = col("評価の対象外（今年度）");
    assert_eq!(own, col("C（今年度）") + 1, "after the ranked levels");
    assert_eq!(col("未評価（今年度）"), own + 1, "before 未評価");
    let total = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "合計"))
        .expect("total row");
    assert_eq!(total[own], "1");
    assert_eq!(
        total[col("未評価（今年度）")],
        "0",
        "not counted as missing"
    );
    assert_eq!(
        total[col("A（今年度）")],
        "13",
        "14 in the sample, less 2402"
    );

    let pdf = common::pdf_layout_text(&p.path().join(PDF));
    assert!(pdf.contains("対象外：評価の対象外"), "legend");
    assert!(
        pdf.lines()
            .any(|l| l.contains("C") && l.contains("評価の対象外") && l.contains("未評価")),
        "summary columns of the PDF"
    );

    let out = p.run(&["publish", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let index = std::fs::read_to_string(p.path().join(INDEX)).unwrap();
    assert!(
        index.contains("<span class=\"lv lv-none\">対象外</span>評価の対象外<strong>1件</strong>"),
        "its own figure, in the neutral colour"
    );
    // The sample says 19項目のうち17項目; 2402 leaves the count.
    assert!(
        index.contains("18項目のうち16項目が「A：計画どおり進んでいる」以上の評価でした。"),
        "headline without the unranked item"
    );
}
