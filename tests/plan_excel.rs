//! The plan in Excel: `gyokaku plan --export` / `--import` round trips (also through a
//! LibreOffice re-save), and edited workbooks (tests/fixtures/plan_excel/, made by
//! scripts/make_plan_fixtures.py) giving cell-precise Japanese messages or the expected plan.

mod common;

use std::path::{Path, PathBuf};

use gyokaku::plan::{Implementers, Plan, load_plan};

/// The two plans of the round trip: the bundled one and the second city's.
fn plans() -> [(&'static str, PathBuf); 2] {
    [
        ("bundled", common::root().join("input/plan.toml")),
        (
            "other_city",
            common::root().join("tests/fixtures/other_city/plan.toml"),
        ),
    ]
}

/// A project holding a copy of a plan (and the second city's settings).
fn project_with(plan: &Path) -> common::Project {
    let p = common::Project::new();
    std::fs::copy(plan, p.path().join("input/plan.toml")).unwrap();
    std::fs::copy(
        common::root().join("tests/fixtures/other_city/report.toml"),
        p.path().join("templates/report.toml"),
    )
    .unwrap();
    p
}

fn other_city() -> Plan {
    load_plan(&common::root().join("tests/fixtures/other_city/plan.toml")).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    common::root()
        .join("tests/fixtures/plan_excel")
        .join(format!("{name}.xlsx"))
}

fn imported(p: &common::Project) -> Plan {
    load_plan(&p.path().join("input/plan.toml")).unwrap_or_else(|e| panic!("{e}"))
}

/// Whether a line has Japanese in it (kana or kanji).
fn has_japanese(line: &str) -> bool {
    line.chars()
        .any(|c| ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

#[test]
fn export_then_import_gives_the_same_plan_and_the_same_bytes() {
    for (name, source) in plans() {
        let p = project_with(&source);
        let original = std::fs::read(&source).unwrap();
        let out = p.run(&["plan", "--export", "計画.xlsx"]);
        assert!(out.status.success(), "{name}: {:?}", common::text(&out));
        assert!(common::text(&out).0.contains("書き出しました"));

        let out = p.run(&["plan", "--import", "計画.xlsx"]);
        let (stdout, stderr) = common::text(&out);
        assert!(out.status.success(), "{name}: {stdout}{stderr}");
        assert!(
            stderr.is_empty(),
            "{name}: no notes for an untouched export: {stderr}"
        );
        // Nothing changed: plan.toml is left byte for byte (its comments kept), no backup.
        assert!(stdout.contains("変更はありません"), "{name}: {stdout}");
        assert_eq!(imported(&p), load_plan(&source).unwrap(), "{name}");
        assert_eq!(
            std::fs::read(p.path().join("input/plan.toml")).unwrap(),
            original,
            "{name}: byte-identical"
        );
        assert!(!p.path().join("input/plan.toml.bak").exists(), "{name}");
        let text = std::fs::read_to_string(p.path().join("input/plan.toml")).unwrap();

        // Re-exporting the imported plan gives the same bytes; importing again changes nothing.
        let out = p.run(&["plan", "--export", "再出力.xlsx"]);
        assert!(out.status.success());
        assert_eq!(
            std::fs::read(p.path().join("計画.xlsx")).unwrap(),
            std::fs::read(p.path().join("再出力.xlsx")).unwrap(),
            "{name}: deterministic bytes"
        );
        let out = p.run(&["plan", "--import", "再出力.xlsx"]);
        assert!(out.status.success());
        assert!(common::text(&out).0.contains("変更はありません"));
        assert_eq!(
            std::fs::read_to_string(p.path().join("input/plan.toml")).unwrap(),
            text
        );

        // The imported plan.toml is what the other commands read.
        let out = p.run(&["plan"]);
        assert!(out.status.success(), "{:?}", common::text(&out));
    }
}

/// The first row of a sheet (its headings), each cell as text.
fn first_row(range: &calamine::Range<calamine::Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn exported_workbook_has_the_sheets_headings_and_checks() {
    let p = project_with(&common::root().join("tests/fixtures/other_city/plan.toml"));
    assert!(p.run(&["plan", "--export", "計画.xlsx"]).status.success());
    let path = p.path().join("計画.xlsx");
    let workbook = common::zip_part(&path, "xl/workbook.xml");
    let names: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "記入方法",
            "計画",
            "基本方針",
            "視点",
            "部署",
            "体系",
            "取組項目",
            "具体的な取組",
            "指標",
            "見直し"
        ]
    );
    assert!(
        workbook.contains("lockStructure=\"1\""),
        "sheets cannot be renamed"
    );

    use calamine::{Data, Reader};
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let items = wb.worksheet_range("取組項目").unwrap();
    let headings = first_row(&items);
    assert_eq!(
        headings,
        [
            "管理番号",
            "取組方針",
            "取組項目",
            "前期計画",
            "担当部署",
            "取組部署",
            "アウトカム",
            "現状・課題",
            "サンプル部署",
            "開始年度",
            "終了年度",
            "終了の理由",
            "統合先"
        ]
    );
    let row = |code: &str| {
        items
            .rows()
            .find(|r| r[0] == Data::String(code.into()))
            .unwrap()
            .to_vec()
    };
    assert_eq!(row("No.2")[5], Data::String("全部署".into()));
    assert_eq!(row("B/3")[5], Data::String("環境課、財務課".into()));
    assert_eq!(
        row("B/3")[1],
        Data::String("第3章".into()),
        "an item of a pillar"
    );

    let structure = wb.worksheet_range("体系").unwrap();
    let kinds: Vec<String> = structure
        .rows()
        .skip(1)
        .map(|r| format!("{} {} {}", r[0], r[1], r[3]))
        .collect();
    assert_eq!(
        kinds,
        [
            "柱 第1章 ",
            "取組方針 (ア) 第1章",
            "取組方針 (イ) 第1章",
            "柱 第2章 ",
            "取組方針 (ウ) 第2章",
            "柱 第3章 "
        ]
    );

    // Numbers are numbers; one yearly-target column per plan year.
    let indicators = wb.worksheet_range("指標").unwrap();
    let head = first_row(&indicators);
    assert_eq!(
        &head[3..8],
        [
            "基準値",
            "目標値",
            "年度目標 令和6(2024)年度",
            "年度目標 令和7(2025)年度",
            "年度目標 令和8(2026)年度"
        ]
    );
    let rate = indicators
        .rows()
        .find(|r| r[1] == Data::String("前年比利用率".into()))
        .unwrap();
    assert_eq!(rate[3], Data::Float(100.0));
    assert_eq!(rate[4], Data::Float(150.0));
    assert_eq!(rate[5], Data::Float(110.0));
    assert_eq!(rate[7], Data::Empty);
    assert_eq!(rate[8], Data::String("大きいほど良い".into()));
    assert_eq!(rate[12], Data::Float(1000.0), "最大値");
    assert_eq!(
        &head[14..],
        ["基準値の年度", "目標の比較", "開始年度"],
        "the lifecycle and comparison columns come last"
    );

    let plan_sheet = wb.worksheet_range("計画").unwrap();
    let start = plan_sheet
        .rows()
        .find(|r| r[0] == Data::String("計画開始年度".into()))
        .unwrap();
    assert_eq!(start[1], Data::Float(2024.0));

    // Frozen headings and dropdowns from the other sheets.
    let items_xml = common::zip_part(&path, "xl/worksheets/sheet7.xml");
    assert!(items_xml.contains("state=\"frozen\""), "{items_xml}");
    assert!(
        items_xml.contains("'部署'!$A$2:$A$1001"),
        "担当部署 from the 部署 sheet"
    );
    assert!(
        items_xml.contains("'体系'!$B$2"),
        "取組方針 from the 体系 sheet"
    );
    let sheet9 = common::zip_part(&path, "xl/worksheets/sheet9.xml");
    assert!(
        sheet9.contains("\"大きいほど良い,小さいほど良い\""),
        "{sheet9}"
    );
    assert!(sheet9.contains("\"以上,以下,未満,超\""), "{sheet9}");
    let revisions = wb.worksheet_range("見直し").unwrap();
    let head = first_row(&revisions);
    assert_eq!(
        head,
        [
            "管理番号",
            "年度",
            "新しい取組項目名",
            "新しい担当部署",
            "指標名",
            "新しい指標名",
            "新しい目標値",
            "理由"
        ]
    );
}

#[test]
fn export_refuses_to_overwrite_and_needs_an_xlsx_name() {
    let p = common::Project::new();
    std::fs::write(p.path().join("計画.xlsx"), b"edited").unwrap();
    let out = p.run(&["plan", "--export", "計画.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("上書きしません"));
    assert_eq!(
        std::fs::read(p.path().join("計画.xlsx")).unwrap(),
        b"edited"
    );
    let out = p.run(&["plan", "--export", "計画.xls"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains(".xlsx"));
    let out = p.run(&["plan", "--import", "ない.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("読み込めません"));
}

#[test]
fn libreoffice_resave_gives_the_same_plan() {
    if !common::have("soffice") {
        return;
    }
    for (name, source) in plans() {
        let p = project_with(&source);
        assert!(p.run(&["plan", "--export", "計画.xlsx"]).status.success());
        let out_dir = p.path().join("lo");
        common::soffice_convert(
            "xlsx:Calc MS Excel 2007 XML",
            [p.path().join("計画.xlsx")],
            &out_dir,
            p.path(),
        );
        let resaved = out_dir.join("計画.xlsx");
        assert!(resaved.exists(), "{name}");
        assert_ne!(
            std::fs::read(&resaved).unwrap(),
            std::fs::read(p.path().join("計画.xlsx")).unwrap()
        );
        let out = p.run(&["plan", "--import", "lo/計画.xlsx"]);
        assert!(out.status.success(), "{name}: {:?}", common::text(&out));
        assert_eq!(imported(&p), load_plan(&source).unwrap(), "{name}");
    }
}

/// Imports a fixture into a project holding the second city's plan; returns the outcome.
fn import_fixture(name: &str) -> (common::Project, std::process::Output) {
    let p = project_with(&common::root().join("tests/fixtures/other_city/plan.toml"));
    let out = p.run(&["plan", "--import", fixture(name).to_str().unwrap()]);
    (p, out)
}

/// Imports each fixture of `cases` (name, expected message fragments); each succeeds (or fails
/// with exit code 1), every expected fragment is in its stderr, and every message line is in
/// Japanese. Returns each fixture's name, project, stdout and stderr.
fn import_cases<'a>(
    cases: &[(&'a str, &[&str])],
    succeed: bool,
) -> Vec<(&'a str, common::Project, String, String)> {
    let mut done = Vec::new();
    for &(name, expected) in cases {
        let (p, out) = import_fixture(name);
        let (stdout, stderr) = common::text(&out);
        if succeed {
            assert!(out.status.success(), "{name}: {stdout}{stderr}");
        } else {
            assert_eq!(out.status.code(), Some(1), "{name}: {stdout}{stderr}");
        }
        for fragment in expected {
            assert!(
                stderr.contains(fragment),
                "{name}: want {fragment}\n{stderr}"
            );
        }
        for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
            assert!(has_japanese(line), "{name}: {line}");
        }
        done.push((name, p, stdout, stderr));
    }
    done
}

/// Nothing written: the project's plan is still the second city's file, and no backup was made.
fn assert_plan_untouched(p: &common::Project) {
    assert_eq!(
        std::fs::read(p.path().join("input/plan.toml")).unwrap(),
        std::fs::read(common::root().join("tests/fixtures/other_city/plan.toml")).unwrap()
    );
    assert!(!p.path().join("input/plan.toml.bak").exists());
}

#[test]
fn typical_mistakes_are_named_by_sheet_and_cell_and_change_nothing() {
    let cases: [(&str, &[&str]); 7] = [
        (
            "year_text",
            &[
                "「計画」シート B5（値）: 年度「来年度」を読み取れません。西暦4桁の数値（例: 2024）で入力してください",
            ],
        ),
        (
            "blank_code",
            &[
                "「取組項目」シート A3（管理番号）: 管理番号が空です（取組項目「オンライン申請の拡充」）",
                "「具体的な取組」シート A4（管理番号）: 管理番号「No.2」は「取組項目」シートにありません",
            ],
        ),
        (
            "unknown_refs",
            &[
                "「取組項目」シート B2（取組方針）: 取組項目 A-01 の取組方針「(エ)」は「体系」シートにありません",
                "「取組項目」シート E4（担当部署）: 取組項目 1-(1)-① の担当部署「総務課」が「部署」シートにありません",
            ],
        ),
        (
            "bad_values",
            &[
                "「指標」シート E2（目標値）: 「約10」は数値ではありません",
                "「指標」シート I2（方向）: 「上がるほど良い」は選べません。プルダウン（大きいほど良い・小さいほど良い）",
                "「指標」シート K2（小数桁）: 1.5 は使えません。0〜3 の整数",
                "「体系」シート B4（番号）: 日付として保存されています",
            ],
        ),
        (
            "rules",
            &[
                "「計画」シート B7（値）: 基準年度 2025 は計画開始年度 2024 以前にしてください",
                "「取組項目」シート A5（管理番号）: 管理番号 A-01 が重複しています（「取組項目」シート 2行目にもあります）",
                "「指標」シート L5（最小値）: 取組項目 1-(1)-① の指標1（売却額） の最小値 10 は最大値 5 より小さくしてください",
            ],
        ),
        ("missing_sheet", &["「指標」シート: シートがありません"]),
        (
            "missing_header",
            &[
                "「取組項目」シート 1行目: 見出し「担当部署」の列がありません",
                "警告: 「取組項目」シート E1（担当）: この列は計画の項目ではないため読み込みません",
            ],
        ),
    ];
    for (_, p, _, stderr) in import_cases(&cases, false) {
        assert!(stderr.contains("plan.toml は変更していません"), "{stderr}");
        assert_plan_untouched(&p);
    }
}

#[test]
fn moved_columns_inserted_rows_and_lenient_values_still_import() {
    let (p, out) = import_fixture("moved_columns");
    assert!(out.status.success(), "{:?}", common::text(&out));
    assert_eq!(imported(&p), other_city());

    let (p, out) = import_fixture("lenient");
    let (_, stderr) = common::text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("「計画」シート B5（値）: 「令和6」を令和6(2024)年度として読み取りました"),
        "{stderr}"
    );
    assert!(
        stderr.contains("「指標」シート D2（基準値）: 全角の数字を数値として読み取りました"),
        "{stderr}"
    );
    assert!(
        stderr.contains("「取組項目」シート A6（管理番号）: 数値として保存されているため「77」として読み取りました"),
        "{stderr}"
    );
    let plan = imported(&p);
    assert_eq!(plan.start_year.western(), 2024);
    assert_eq!(plan.items[0].indicators[0].baseline, Some(25.0));
    assert_eq!(
        plan.items.last().unwrap().code(),
        "77",
        "a code typed as a number"
    );
    let mut without = plan.clone();
    without.items.pop();
    assert_eq!(without, other_city());

    let (p, out) = import_fixture("added_rows");
    assert!(out.status.success(), "{:?}", common::text(&out));
    let plan = imported(&p);
    assert_eq!(plan.departments.last().map(String::as_str), Some("総務課"));
    let item = plan.item("C-01").expect("the added item");
    assert_eq!(plan.group_label(item), "(ア) 窓口の改善");
    assert_eq!(item.lead.as_deref(), Some("総務課"));
    assert_eq!(
        item.implementers,
        Implementers::Listed(vec!["市民窓口課".into(), "企画課".into()])
    );
    assert_eq!(
        item.situation,
        ["案内表示がわかりにくい。", "外国語の表示がない。"]
    );
    assert_eq!(item.actions, ["案内表示を多言語にする。"]);
    let ind = &item.indicators[0];
    assert_eq!((ind.baseline, ind.target), (Some(0.0), Some(12.0)));
    assert_eq!(ind.yearly_targets.get("2025"), Some(&6.0));
    // The rest of the plan is untouched.
    let mut rest = plan.clone();
    rest.items.retain(|i| i.code() != "C-01");
    rest.departments.pop();
    assert_eq!(rest, other_city());
}

#[test]
fn a_merged_cell_over_data_is_refused_with_its_range() {
    let (p, out) = import_fixture("merged_cell");
    let (stdout, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stderr.contains("「取組項目」シート E4（担当部署）: セル E4:E5 が結合されています"),
        "{stderr}"
    );
    assert!(stderr.contains("plan.toml は変更していません"), "{stderr}");
    assert_plan_untouched(&p);
}

#[test]
fn hidden_data_and_unread_cells_are_named_and_the_plan_is_left_as_it_was() {
    let original =
        std::fs::read(common::root().join("tests/fixtures/other_city/plan.toml")).unwrap();
    let cases: [(&str, &[&str]); 2] = [
        (
            "hidden_data",
            &[
                "警告: 「取組項目」シート A3（管理番号）: 非表示の行または列にある値です",
                "警告: 「取組項目」シート E3（担当部署）: 非表示の行または列にある値です",
                "警告: 「指標」シート C2（単位）: 非表示の行または列にある値です",
            ],
        ),
        (
            "unread_cells",
            &[
                "警告: 「取組項目」シート O3: 見出しのない列にあるため、この値は読み込みません",
                "警告: 「部署」シート A1: 見出しの行より上にあるため、この値は読み込みません",
                "警告: 「メモ」シート: 計画のシートではないため読み込みません（値のあるセル: B2）",
            ],
        ),
    ];
    for (name, p, stdout, _) in import_cases(&cases, true) {
        // The cells read give the same plan: plan.toml is not rewritten.
        assert!(stdout.contains("変更はありません"), "{name}: {stdout}");
        assert_eq!(imported(&p), other_city(), "{name}");
        assert_eq!(
            std::fs::read(p.path().join("input/plan.toml")).unwrap(),
            original,
            "{name}"
        );
    }
}
