//! `gyokaku build` on the bundled sample: the consolidated workbook read back with calamine
//! and compared with the merged model; determinism; atomic outputs.

mod common;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use gyokaku::fiscal_year::FiscalYear;
use gyokaku::plan::{Settings, load_plan};
use gyokaku::submission::{ReadContext, load_year};

const XLSX: &str = "output/2023/行財政改革進捗状況_令和5年度.xlsx";

fn build(p: &common::Project) {
    let out = p.run(&["build", "--year", "2023"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
}

/// The sample built for 2025 (the plan's last year) and its workbook.
fn built_2025() -> (common::Project, std::path::PathBuf) {
    let p = common::Project::with_samples();
    let out = p.run(&["build", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let xlsx = p
        .path()
        .join("output/2025/行財政改革進捗状況_令和7年度.xlsx");
    (p, xlsx)
}

fn rows(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = wb.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn s(d: &Data) -> String {
    d.to_string()
}

#[test]
fn workbook_matches_the_merged_model() {
    let p = common::Project::with_samples();
    build(&p);
    let mut wb: Xlsx<_> = open_workbook(p.path().join(XLSX)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "総括",
            "取組一覧",
            "指標",
            "部署別",
            "効果額",
            "評価の推移",
            "前年度意見への対応",
            "委員会意見",
            "提出状況",
            "検証結果"
        ]
    );
    let plan = load_plan(&p.path().join("input/plan.toml")).unwrap();
    let settings = Settings::load(&p.path().join("templates/report.toml")).unwrap();

    // 取組一覧: every item, with its 提出状況.
    let items = rows(&mut wb, "取組一覧");
    assert_eq!(s(&items[2][0]), "管理番号");
    let codes: Vec<String> = items[3..].iter().map(|r| s(&r[0])).collect();
    let want: Vec<String> = plan.items.iter().map(|i| i.code().to_string()).collect();
    assert_eq!(codes, want);
    let row_2202 = items.iter().find(|r| s(&r[0]) == "2202").unwrap();
    assert_eq!(s(&row_2202[12]), "未提出", "福祉課 did not submit in 2023");

    // 総括: counts equal those computed from the merged model.
    let ctx = ReadContext::new(&plan, &settings, FiscalYear(2023));
    let subs = load_year(&p.path().join("input/submissions/2023"), &ctx).unwrap();
    let merged = gyokaku::merge::merge_year(&plan, &subs);
    let summary = rows(&mut wb, "総括");
    let levels: Vec<&str> = settings
        .evaluation
        .levels
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    for policy in plan.groups().map(|g| g.id().to_string()) {
        let row = summary.iter().find(|r| s(&r[0]) == policy).unwrap();
        for (k, code) in levels.iter().enumerate() {
            let expected = merged
                .items
                .iter()
                .filter(|i| plan.item(&i.code).unwrap().policy_id() == policy)
                .filter(|i| i.evaluation.as_deref() == Some(*code))
                .count();
            assert_eq!(row[2 + k], Data::Float(expected as f64), "{policy} {code}");
        }
    }
    let total = summary.iter().find(|r| s(&r[0]) == "合計").unwrap();
    let sum_total: f64 = (0..=levels.len())
        .map(|k| total[2 + k].get_float().unwrap())
        .sum();
    assert_eq!(sum_total, 19.0);

    // 指標: a `sum` indicator equals the sum of its parts in 部署別; unset values read 未設定.
    let indicators = rows(&mut wb, "指標");
    let header = &indicators[2];
    let col_2023 = header
        .iter()
        .position(|h| s(h).contains("実績（令和5(2023)年度）"))
        .unwrap();
    let row_1102 = indicators.iter().find(|r| s(&r[0]) == "1102").unwrap();
    let total_1102 = row_1102[col_2023]
        .get_float()
        .expect("1102 total is a number");
    let by_dept = rows(&mut wb, "部署別");
    let parts: f64 = by_dept
        .iter()
        .filter(|r| s(&r[0]) == "1102")
        .filter_map(|r| r[7].get_float())
        .sum();
    assert!((total_1102 - parts).abs() < 1e-9, "{total_1102} vs {parts}");
    let merged_1102 = merged.item("1102").unwrap().indicators[0].value.unwrap();
    assert_eq!(total_1102, merged_1102);
    let row_1101 = indicators.iter().find(|r| s(&r[0]) == "1101").unwrap();
    assert_eq!(
        s(&row_1101[6]),
        "未設定",
        "baseline of 1101 is ● in the seed"
    );
    let target_col = header
        .iter()
        .position(|h| s(h).starts_with("目標値"))
        .unwrap();
    assert_eq!(s(&row_1101[target_col]), "未設定");
    assert_eq!(
        s(&row_1101[target_col + 1]),
        "未設定",
        "達成率 without a target"
    );

    // 提出状況: the missing department is marked; submitted ones carry a SHA-256.
    let status = rows(&mut wb, "提出状況");
    let welfare = status.iter().find(|r| s(&r[0]) == "福祉課").unwrap();
    assert_eq!(s(&welfare[4]), "未提出");
    let admin = status.iter().find(|r| s(&r[0]) == "行政経営課").unwrap();
    assert_eq!(s(&admin[4]), "提出済");
    assert_eq!(s(&admin[3]).len(), 64);
    // 検証結果 lists the 未提出 warning.
    let diags = rows(&mut wb, "検証結果");
    assert!(diags.iter().any(|r| s(&r[5]).contains("未提出: 福祉課")));
}

#[test]
fn two_builds_give_identical_bytes() {
    let p = common::Project::with_samples();
    build(&p);
    let first = std::fs::read(p.path().join(XLSX)).unwrap();
    build(&p);
    assert_eq!(first, std::fs::read(p.path().join(XLSX)).unwrap());
}

#[test]
fn a_failed_write_leaves_the_previous_outputs_intact() {
    let p = common::Project::with_samples();
    build(&p);
    let before = std::fs::read(p.path().join(XLSX)).unwrap();
    // Change the input so a successful build would change the workbook.
    std::fs::remove_file(p.path().join("input/submissions/2023/財政課.xlsx")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gyokaku"))
        .current_dir(p.path())
        .args(["build", "--year", "2023"])
        .env(
            gyokaku::report::output::FAIL_WRITE_ENV,
            "行財政改革進捗状況_令和5年度.xlsx",
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out).1.contains("書き込めません"));
    assert_eq!(before, std::fs::read(p.path().join(XLSX)).unwrap());
    common::assert_no_temporary_files(&p.path().join("output/2023"));
}

#[test]
fn strict_fails_on_errors_but_still_writes() {
    let p = common::Project::with_samples();
    std::fs::write(
        p.path().join("input/submissions/2023/壊れた.xlsx"),
        b"not a workbook",
    )
    .unwrap();
    let out = p.run(&["build", "--year", "2023", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(p.path().join(XLSX).exists());
    let out = p.run(&["build", "--year", "2023"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn libreoffice_opens_the_workbook() {
    if !common::have("soffice") {
        return;
    }
    let p = common::Project::with_samples();
    build(&p);
    common::soffice_convert("pdf", [p.path().join(XLSX)], &p.path().join("lo"), p.path());
    let pdf = p.path().join("lo/行財政改革進捗状況_令和5年度.pdf");
    assert!(
        std::fs::metadata(&pdf)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false)
    );
}

/// Rows are as tall as their wrapped text (neither Excel nor LibreOffice fits them on
/// opening): a 部署別 row whose 実施内容 wraps to three lines or more is at least three lines
/// tall; the rows of 評価の推移 (a year and counts) keep the default height.
#[test]
fn rows_are_as_tall_as_their_wrapped_text() {
    let p = common::Project::with_samples();
    build(&p);
    let path = p.path().join(XLSX);
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let names = wb.sheet_names();
    let sheet_xml = |name: &str| {
        let index = names.iter().position(|n| n == name).unwrap() + 1;
        common::zip_part(&path, &format!("xl/worksheets/sheet{index}.xml"))
    };
    let height = |xml: &str, row: usize| -> Option<f64> {
        let start = xml.find(&format!("<row r=\"{row}\""))?;
        let tag = &xml[start..start + xml[start..].find('>')?];
        let ht = tag.split(" ht=\"").nth(1)?.split('"').next()?;
        ht.parse().ok()
    };

    let xml = sheet_xml("部署別");
    let table = rows(&mut wb, "部署別");
    let header = table.iter().position(|r| s(&r[0]) == "管理番号").unwrap();
    let work = table[header]
        .iter()
        .position(|c| s(c) == "実施内容")
        .unwrap();
    let mut long = 0;
    for (i, row) in table.iter().enumerate().skip(header + 1) {
        let text = s(&row[work]);
        if text.chars().count() > 90 {
            long += 1;
            let ht = height(&xml, i + 1).unwrap_or(15.0);
            assert!(ht >= 48.0, "row {}: {ht} pt for {text:?}", i + 1);
        }
    }
    assert!(long > 0, "the sample has long texts");

    let xml = sheet_xml("評価の推移");
    let table = rows(&mut wb, "評価の推移");
    let header = table.iter().position(|r| s(&r[0]) == "年度").unwrap();
    let data: Vec<usize> = (header + 1..table.len())
        .filter(|&i| !s(&table[i][0]).is_empty())
        .collect();
    assert!(!data.is_empty());
    for i in data {
        assert_eq!(height(&xml, i + 1), None, "row {}: {:?}", i + 1, table[i]);
    }
}

/// The consolidated workbook of 2025 printed through LibreOffice: every page readable on
/// paper (median text height ≥ 8 pt), the summary chart over the policies alone, the
/// properties dated by the report, the file digest in a hidden column.
#[test]
fn the_workbook_prints_readably() {
    let (_p, xlsx) = built_2025();
    // The chart's categories: the policies of the plan, no subtotal.
    let chart = common::zip_part(&xlsx, "xl/charts/chart1.xml");
    let categories: Vec<String> = chart
        .split("<c:cat>")
        .nth(1)
        .expect("categories")
        .split("</c:cat>")
        .next()
        .unwrap_or_default()
        .split("<c:v>")
        .skip(1)
        .filter_map(|v| v.split("</c:v>").next())
        .map(str::to_string)
        .collect();
    // The policies: the table's rows numbered like 1-1 (not (1), not 合計), as "1-1 名前".
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let policies: Vec<String> = rows(&mut wb, "総括")
        .iter()
        .take_while(|r| r.first().map(s).as_deref() != Some("合計"))
        .filter(|r| {
            r.first()
                .map(s)
                .is_some_and(|c| c.contains('-') && c.starts_with(|ch: char| ch.is_ascii_digit()))
        })
        .map(|r| format!("{} {}", s(&r[0]), s(&r[1])))
        .collect();
    assert_eq!(policies.len(), 8, "{policies:?}");
    assert_eq!(
        categories, policies,
        "the chart plots every policy and no subtotal"
    );
    let core = common::zip_part(&xlsx, "docProps/core.xml");
    assert!(
        core.contains("2026-06-08T00:00:00Z"),
        "dated by the report: {core}"
    );
    if !common::have("soffice") || !common::have("pdftotext") {
        eprintln!("SKIPPED: soffice or pdftotext missing");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    common::soffice_convert("pdf", [&xlsx], dir.path(), dir.path());
    let pdf = dir.path().join("行財政改革進捗状況_令和7年度.pdf");
    let words = common::pdf_words(&pdf);
    let pages = words.last().map_or(0, |w| w.page + 1);
    assert!(pages > 5);
    for k in 0..pages {
        let mut heights: Vec<f64> = words
            .iter()
            .filter(|w| w.page == k)
            .map(common::PdfWord::height)
            .collect();
        if heights.is_empty() {
            continue;
        }
        heights.sort_by(f64::total_cmp);
        let median = heights[heights.len() / 2];
        assert!(
            median >= 8.0,
            "page {}: median text height {median:.1} pt",
            k + 1
        );
    }
}

/// The workbook's stacked charts (総括 and 評価の推移) read back from their XML: each
/// evaluation level's series filled with the palette's colour of its level and hatched as the
/// PDF hatches the same series (the first solid, then rising and falling diagonals,
/// horizontal lines, a diamond grid, vertical lines: `palette::hatch`), lines in the
/// swatch's text colour, so the levels read apart in greyscale.
#[test]
fn the_workbook_charts_hatch_each_level_as_the_pdf_does() {
    use gyokaku::report::palette::{self, Hatch};
    let (_p, xlsx) = built_2025();
    // The OOXML preset names (ECMA-376 ST_PresetPatternVal) of each hatching.
    let preset = |h: Hatch| match h {
        Hatch::Solid => None,
        Hatch::Upward => Some("wdUpDiag"),
        Hatch::Downward => Some("wdDnDiag"),
        Hatch::Horizontal => Some("dkHorz"),
        Hatch::Cross => Some("openDmnd"),
        Hatch::Vertical => Some("dkVert"),
    };
    let hex = |c: palette::Rgb| format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    let text = |xml: &str, open: &str, close: &str| -> Option<String> {
        Some(xml.split(open).nth(1)?.split(close).next()?.to_string())
    };
    let mut charts = 0;
    for n in 1.. {
        let part = format!("xl/charts/chart{n}.xml");
        let file = std::fs::File::open(&xlsx).unwrap();
        if zip::ZipArchive::new(file).unwrap().by_name(&part).is_err() {
            break;
        }
        let xml = common::zip_part(&xlsx, &part);
        let series: Vec<&str> = xml.split("<c:ser>").skip(1).collect();
        let names: Vec<String> = series
            .iter()
            .filter_map(|s| text(text(s, "<c:tx>", "</c:tx>")?.as_str(), "<c:v>", "</c:v>"))
            .collect();
        // The evaluation charts: series S, A, B, C, 未評価 (the sample's scale).
        if names.first().map(String::as_str) != Some("S") {
            continue;
        }
        charts += 1;
        assert_eq!(names, ["S", "A", "B", "C", "未評価"], "{part}");
        let swatches = palette::columns(names.len(), 4);
        for (k, ser) in series.iter().enumerate() {
            let sp = text(ser, "<c:spPr>", "</c:spPr>").expect("series shape properties");
            let swatch = swatches[k];
            match preset(palette::hatch(k)) {
                None => {
                    assert!(
                        sp.starts_with(&format!(
                            "<a:solidFill><a:srgbClr val=\"{}\"",
                            hex(swatch.fill)
                        )),
                        "{part} series {k}: {sp}"
                    );
                }
                Some(prst) => {
                    let want = format!(
                        "<a:pattFill prst=\"{prst}\"><a:fgClr><a:srgbClr val=\"{}\"/></a:fgClr>\
<a:bgClr><a:srgbClr val=\"{}\"/></a:bgClr></a:pattFill>",
                        hex(swatch.text),
                        hex(swatch.fill)
                    );
                    assert!(
                        sp.starts_with(&want),
                        "{part} series {k}: {sp}\nwant {want}"
                    );
                }
            }
        }
        // Every series differs from the others in its hatching or its fill's lightness.
        let hatches: Vec<Hatch> = (0..names.len()).map(palette::hatch).collect();
        for a in 0..hatches.len() {
            for b in a + 1..hatches.len() {
                assert_ne!(hatches[a], hatches[b], "series {a} and {b}");
            }
        }
    }
    assert_eq!(charts, 2, "the 総括 and 評価の推移 charts");
}
