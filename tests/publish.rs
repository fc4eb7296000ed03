//! `gyokaku publish`: the publication folder of the sample (web pages, open data, newsletter
//! page, committee PDF), checked as a citizen's browser, a data user and a print shop would:
//! Nu HTML Checker and axe-core in headless Chromium (tests/browser), the CSV files read
//! back with Python's csv module and LibreOffice against the workbook, the newsletter PDF
//! with qpdf, pdffonts, pdfinfo and zbarimg; determinism and atomic replacement; another
//! city's plan and a very large plan.

mod common;

#[path = "../examples/common/synthetic.rs"]
mod synthetic;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::Project;
use gyokaku::fiscal_year::FiscalYear;
use gyokaku::form::template::{FilledValues, PreviousValues, TemplateContext, filled_workbook};
use gyokaku::form::{Field, SheetKind, Value, department_forms};
use gyokaku::plan::{OutputSettings, Settings, load_plan};

const URL: &str = "https://www.city.example.lg.jp/gyokaku/{西暦}/";
const FOLDER: &str = "output/2023/公表";
const NEWSLETTER: &str = "広報誌用_令和5年度.pdf";
const COMMITTEE_PDF: &str = "行財政改革推進委員会資料_令和5年度.pdf";
const WORKBOOK: &str = "output/2023/行財政改革進捗状況_令和5年度.xlsx";

/// Reads a newsletter back with pikepdf (scripts/check_pdf_structure.py --newsletter):
/// its tags (H1, H2, P, lists, Figures with alternate text, every text tagged), the address
/// as a Link element with a URI link annotation to `url`, /Lang ja, /MarkInfo, document
/// information and XMP. Returns the structure counts the script prints (None when pikepdf
/// is missing outside CI).
fn check_newsletter_tags(pdf: &Path, url: &str) -> Option<String> {
    if !common::pikepdf_ready() {
        return None;
    }
    let out = Command::new("python3")
        .arg(common::root().join("scripts/check_pdf_structure.py"))
        .arg(pdf)
        .args(["--newsletter", url, "--author", "総務部 行政経営課"])
        .output()
        .unwrap();
    let (stdout, stderr) = common::text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    Some(stderr)
}

/// The sample, built and published (with the site address set).
fn published_sample() -> Project {
    let p = Project::with_samples();
    p.set_base_url(URL);
    for cmd in ["build", "publish"] {
        let out = p.run(&[cmd, "--year", "2023"]);
        assert!(out.status.success(), "{cmd}: {:?}", common::text(&out));
    }
    p
}

/// Every text of a folder: HTML, CSS, CSV and JSON as is, PDFs through pdftotext.
fn all_text(dir: &Path) -> String {
    let mut text = String::new();
    for (name, bytes) in common::snapshot(dir) {
        if name.ends_with(".pdf") {
            if common::have("pdftotext") {
                text.push_str(&common::pdf_text(&dir.join(&name), &[]));
            }
        } else {
            text.push_str(&String::from_utf8_lossy(&bytes));
        }
        text.push('\n');
    }
    text
}

fn tool_output(cmd: &str, args: &[&str], file: &Path) -> (bool, String) {
    let out = Command::new(cmd).args(args).arg(file).output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn page_count(pdf: &Path) -> usize {
    let (ok, info) = tool_output("pdfinfo", &[], pdf);
    assert!(ok, "{info}");
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("Pages line")
}

#[test]
fn publish_writes_every_page_and_data_file_byte_identically() {
    let p = published_sample();
    let dir = p.path().join(FOLDER);
    let first = common::snapshot(&dir);
    let names: Vec<&str> = first.keys().map(String::as_str).collect();
    for expected in [
        "index.html",
        "style.css",
        "item-1101.html",
        "item-2402.html",
        "opendata/222259_reform_items.csv",
        "opendata/222259_reform_actions.csv",
        "opendata/222259_reform_indicators.csv",
        "opendata/222259_reform_effects.csv",
        "opendata/222259_reform_departments.csv",
        "opendata/222259_reform_opinions.csv",
        "opendata/222259_reform_columns.csv",
        "opendata/222259_reform_all.json",
        NEWSLETTER,
        COMMITTEE_PDF,
    ] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    let pages = names.iter().filter(|n| n.ends_with(".html")).count();
    assert_eq!(pages, 1 + 19, "index and one page per item: {names:?}");
    // The committee PDF in the folder is the one `build` wrote.
    assert_eq!(
        first[COMMITTEE_PDF],
        std::fs::read(p.path().join("output/2023").join(COMMITTEE_PDF)).unwrap()
    );

    // Same inputs, same bytes.
    let out = p.run(&["publish", "--year", "2023"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    assert_eq!(
        common::snapshot(&dir),
        first,
        "a second run changes no byte"
    );

    // All or nothing: a failing write replaces no file.
    std::fs::write(p.path().join("input/plan.toml"), {
        let t = std::fs::read_to_string(p.path().join("input/plan.toml")).unwrap();
        t.replace(
            "市民ニーズに応じた情報提供",
            "市民ニーズに応じた情報提供（改）",
        )
    })
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gyokaku"))
        .current_dir(p.path())
        .args(["publish", "--year", "2023"])
        .env("GYOKAKU_TEST_FAIL_WRITE", "item-2402.html")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{:?}", common::text(&out));
    let (_, stderr) = common::text(&out);
    assert!(stderr.contains("item-2402.html"), "{stderr}");
    assert_eq!(
        common::snapshot(&dir),
        first,
        "the earlier publication is intact"
    );

    // Pages: Japanese, one h1, no script, no address outside the folder but the canonical one.
    for (name, bytes) in first.iter().filter(|(n, _)| n.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
            "{name}"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{name}");
        assert!(!html.contains("<script"), "{name}");
        assert!(html.contains("href=\"#main\""), "skip link: {name}");
        let absolute = html.matches("href=\"https://").count()
            - html
                .matches("href=\"https://creativecommons.org/licenses/by/4.0/legalcode.ja\"")
                .count();
        assert_eq!(
            absolute, 1,
            "only the canonical link (and the licence) is absolute: {name}"
        );
        // Printed addresses are the full, readable ones built from base_url.
        assert!(
            html.split(" data-url=\"").skip(1).all(|rest| rest
                .starts_with("https://www.city.example.lg.jp/gyokaku/2023/")
                && !rest.split('"').next().unwrap_or("").contains('%')),
            "{name}"
        );
        assert!(
            html.contains(
                "<link rel=\"canonical\" href=\"https://www.city.example.lg.jp/gyokaku/2023/"
            ),
            "{name}"
        );
    }
    let index = String::from_utf8(first["index.html"].clone()).unwrap();
    assert!(
        index.contains("公表日: 令和6年7月1日"),
        "date from the settings"
    );
    assert!(index.contains("問合せ先: 総務部 行政経営課 行政経営係"));
    assert!(index.contains("前年度</th>") && index.contains("増減</th>"));
    assert!(index.contains("<svg class=\"chart\" role=\"img\""));
    // The headline: on plan or better out of all items, with the city's level label.
    assert!(
        index.contains("19項目のうち")
            && index.contains("「A：計画どおり進んでいる」以上の評価でした"),
        "headline"
    );
    assert!(index.contains("data-url=\"https://www.city.example.lg.jp/gyokaku/2023/opendata/"));
    // 福祉課 did not submit in 2023: its item is shown, as such.
    let missing = String::from_utf8(first["item-2202.html"].clone()).unwrap();
    assert!(missing.contains("未提出（集計中）"), "honest state");
    assert!(index.contains("item-2202.html"), "never left out");
}

/// Every 表N caption number of a page, in order.
fn table_numbers(html: &str) -> Vec<String> {
    html.split("<caption")
        .skip(1)
        .filter_map(|c| {
            let text = c.split_once('>')?.1;
            let n: String = text
                .strip_prefix('表')?
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            (!n.is_empty()).then_some(n)
        })
        .collect()
}

#[test]
fn the_final_year_shows_the_headline_and_the_period_summary_on_the_web() {
    // The shipped settings have no base_url: the pages and data are made, the newsletter
    // is refused with a message naming the key (exit status 0: the pages are usable).
    let p = Project::with_samples();
    let out = p.run(&["build", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let out = p.run(&["publish", "--year", "2025"]);
    let (_, stderr) = common::text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("広報誌用 PDF は作成しませんでした")
            && stderr.contains("[publish] base_url"),
        "{stderr}"
    );
    let dir = p.path().join("output/2025/公表");
    assert!(!dir.join("広報誌用_令和7年度.pdf").exists());
    assert!(dir.join("opendata").is_dir());
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    // The headline sentence, the items behind (linked) and the effect amounts.
    let headline = index
        .split("<div class=\"headline\">")
        .nth(1)
        .and_then(|h| h.split("</div>").next())
        .expect("headline block");
    assert!(
        headline.contains("令和7(2025)年度は、19項目のうち"),
        "{headline}"
    );
    assert!(headline.contains("以上の評価でした"), "{headline}");
    assert!(
        headline.contains("<a href=\"item-"),
        "items behind are linked: {headline}"
    );
    assert!(
        headline.contains("計画期間（令和4(2022)年度〜令和7(2025)年度）の合計は152,000千円"),
        "{headline}"
    );
    // The period summary: every plan year and the total.
    let period = index
        .split("id=\"soukatsu\"")
        .nth(1)
        .expect("計画期間の総括 on the index page");
    for year in [
        "令和4(2022)年度",
        "令和5(2023)年度",
        "令和6(2024)年度",
        "令和7(2025)年度",
    ] {
        assert!(period.contains(year), "{year}");
    }
    assert!(period.contains("計画期間の合計</th><td class=\"num\">152,000千円"));
    for year in ["令和4年度", "令和5年度", "令和6年度", "令和7年度"] {
        assert!(
            period.contains(&format!(">{year}</th>")),
            "evaluation column {year}"
        );
    }
    // Table numbers are unique on every page; the status table has no all-zero rows.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).unwrap();
            let numbers = table_numbers(&html);
            let mut unique = numbers.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(
                numbers.len(),
                unique.len(),
                "{}: {numbers:?}",
                path.display()
            );
        }
    }
    assert_eq!(table_numbers(&index), ["1", "2", "3", "4", "5"]);
    // Without base_url no full address is printed.
    assert!(!index.contains("data-url="));
    assert!(
        !index.contains("広報誌用_"),
        "no link to a newsletter that was not made"
    );
    // With base_url, the final year's newsletter has the headline and the period summary.
    p.set_base_url(URL);
    let out = p.run(&["publish", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    if common::have("pdftotext") {
        let text: String = common::pdf_text(&dir.join("広報誌用_令和7年度.pdf"), &[])
            .split_whitespace()
            .collect();
        assert!(text.contains("19項目のうち"), "{text}");
        assert!(
            text.contains("計画期間の効果額の合計:152,000千円"),
            "{text}"
        );
        for year in [
            "令和4(2022)年度",
            "令和5(2023)年度",
            "令和6(2024)年度",
            "令和7(2025)年度",
        ] {
            assert!(text.contains(year), "{year}: {text}");
        }
    }
    // The period summary is a table: one row per plan year, headed by the year.
    let pdf = dir.join("広報誌用_令和7年度.pdf");
    if let Some(counts) =
        check_newsletter_tags(&pdf, "https://www.city.example.lg.jp/gyokaku/2025/")
    {
        for role in ["'Table': 1", "'TR': 4", "'TH': 4", "'TD': 4"] {
            assert!(counts.contains(role), "{role}: {counts}");
        }
    }
}

#[test]
fn fields_kept_internal_appear_nowhere() {
    let p = Project::with_samples();
    let settings = p.path().join("templates/report.toml");
    let text = std::fs::read_to_string(&settings).unwrap().replace(
        "fields = [\"実施内容\", \"課題\", \"今後の方向性\", \"効果額\", \"取組部署の実施内容\", \"委員会意見\"]",
        "fields = [\"実施内容\", \"今後の方向性\"]",
    );
    std::fs::write(&settings, text).unwrap();
    let out = p.run(&["publish", "--year", "2023"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let (_, stderr) = common::text(&out);
    assert!(stderr.contains("委員会資料 PDF"), "{stderr}");
    let dir = p.path().join(FOLDER);
    let files = common::snapshot(&dir);
    assert!(
        !files.contains_key(COMMITTEE_PDF),
        "the full committee PDF stays out"
    );
    assert!(!files.contains_key("opendata/222259_reform_effects.csv"));
    assert!(!files.contains_key("opendata/222259_reform_opinions.csv"));
    let text = all_text(&dir);
    // 1101's 課題 in the sample, and a column heading.
    assert!(!text.contains("各課の更新頻度に差があり"), "課題 published");
    assert!(!text.contains("<h2>課題</h2>"));
    assert!(
        text.contains("令和5年10月にホームページをリニューアルし"),
        "実施内容 kept"
    );
}

#[test]
fn newsletter_is_one_a4_page_with_embedded_fonts_and_a_readable_qr_code() {
    for tool in ["qpdf", "pdffonts", "pdfinfo", "pdftoppm", "zbarimg"] {
        if !common::have(tool) {
            return;
        }
    }
    let p = published_sample();
    let pdf = p.path().join(FOLDER).join(NEWSLETTER);
    assert_eq!(page_count(&pdf), 1);
    let (ok, info) = tool_output("pdfinfo", &[], &pdf);
    assert!(ok && info.contains("x 841.89 pts (A4)"), "{info}");
    common::qpdf_check(&pdf);
    for font in common::embedded_fonts(&pdf) {
        assert!(font.starts_with("BIZUDGothic"), "{font}");
    }
    let text = common::pdf_layout_text(&pdf);
    for expected in [
        "行財政改革 進捗状況報告",
        "令和5(2023)年度",
        "やや遅れている",
        "https://www.city.example.lg.jp/gyokaku/2023/",
        "問合せ先: 総務部 行政経営課 行政経営係",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    // The headline sentence, as on the index page.
    let squashed: String = text.split_whitespace().collect();
    assert!(
        squashed.contains(
            "令和5(2023)年度は、19項目のうち13項目が「A：計画どおり進んでいる」以上の評価でした。"
        ),
        "{text}"
    );
    // No highlights in the settings: the best-evaluated (S) and the lowest-rated (C) items,
    // alternating, as many as fit.
    for shown in [
        "1101市民ニーズに応じた情報提供",
        "2103未利用資産の活用・処分",
    ] {
        assert!(squashed.contains(shown), "{shown}: {text}");
    }
    // No sentence is cut: every highlighted text ends with 。 (no ellipsis anywhere).
    assert!(!text.contains('…'), "{text}");
    // Type: the median height of the words is at least 11 pt, none below 10 pt.
    let heights = common::word_heights(&pdf);
    assert!(heights.len() > 50, "{heights:?}");
    let median = heights[heights.len() / 2];
    assert!(median >= 11.0, "median text height {median} pt");
    assert!(heights[0] >= 9.9, "smallest text {} pt", heights[0]);
    // The QR code, rendered at 200 dpi, decodes to the configured address.
    let png = p.path().join("newsletter");
    let out = Command::new("pdftoppm")
        .args(["-r", "200", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(&png)
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(png.with_extension("png"))
        .output()
        .unwrap();
    let decoded = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{:?}", common::text(&out));
    assert_eq!(
        decoded.trim(),
        "https://www.city.example.lg.jp/gyokaku/2023/"
    );
    // Tagged, the printed address a link to itself (the URI action as written).
    let bytes = std::fs::read(&pdf).unwrap();
    let action = b"/A<</Type/Action/S/URI/URI(https://www.city.example.lg.jp/gyokaku/2023/)>>";
    assert!(bytes.windows(action.len()).any(|w| w == action));
    if let Some(counts) =
        check_newsletter_tags(&pdf, "https://www.city.example.lg.jp/gyokaku/2023/")
    {
        for role in ["'H1': 1", "'Link': 1", "'Figure': 2"] {
            assert!(counts.contains(role), "{role}: {counts}");
        }
    }
}

#[test]
fn open_data_has_every_item_indicator_and_year_with_the_workbook_numbers() {
    if !common::have("python3") {
        return;
    }
    let p = published_sample();
    let mut args = vec![
        common::root().join("scripts/check_opendata.py"),
        p.path().join(FOLDER),
        p.path().join(WORKBOOK),
    ];
    let libreoffice = common::have("soffice");
    if libreoffice {
        args.push(PathBuf::from("--libreoffice"));
    }
    let out = Command::new("python3").args(&args).output().unwrap();
    let (stdout, stderr) = common::text(&out);
    if stderr.contains("No module named 'openpyxl'") && std::env::var_os("CI").is_none() {
        eprintln!("skipping: openpyxl not installed (pip install -r scripts/requirements.txt)");
        return;
    }
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.trim_end().ends_with(" passed, 0 failed"), "{stdout}");
    let csv = std::fs::read(
        p.path()
            .join(FOLDER)
            .join("opendata/222259_reform_indicators.csv"),
    )
    .unwrap();
    assert!(csv.starts_with("\u{feff}全国地方公共団体コード,ID,地方公共団体名,年度,".as_bytes()));
    let text = String::from_utf8(csv).unwrap();
    assert!(
        text.contains("\r\n\"222259\",\"2022-1101-1\",伊豆の国市,2022,\"1101\","),
        "{}",
        &text[..400]
    );
}

/// A project with the other city's plan and settings and one year of submissions: every
/// department but 情報政策課 (lead of No.2) submits (5 evaluation levels, 4 statuses, no 効果額).
fn other_city() -> Project {
    let p = Project::new();
    let fixture = common::root().join("tests/fixtures/other_city");
    std::fs::copy(fixture.join("plan.toml"), p.path().join("input/plan.toml")).unwrap();
    let settings_text = std::fs::read_to_string(fixture.join("report.toml")).unwrap();
    std::fs::write(
        p.path().join("templates/report.toml"),
        format!(
            "{settings_text}\n[publish]\nbase_url = \"https://www.town.example.jp/kaikaku/{{西暦}}\"\non_plan = \"3\"\n"
        ),
    )
    .unwrap();
    let plan = load_plan(&p.path().join("input/plan.toml")).unwrap();
    let settings = Settings::load(&p.path().join("templates/report.toml")).unwrap();
    let year = FiscalYear(2024);
    let ctx = TemplateContext::new(&plan, &settings, year);
    let dir = p.submissions(2024);
    for (d_index, dept) in plan.departments.iter().enumerate() {
        if dept == "情報政策課" {
            continue;
        }
        let mut values = FilledValues::new();
        for f in department_forms(&plan, &settings, ctx.opinions, dept) {
            for input in &f.inputs {
                let value = match input.field {
                    Field::Evaluation => {
                        Value::Choice(settings.evaluation.levels[d_index % 5].code.clone())
                    }
                    Field::ActionStatus(i) => {
                        Value::Choice(settings.evaluation.statuses[(i + 2) % 4].clone())
                    }
                    Field::Indicator(i) => Value::Number(15.0 + i as f64 * 10.0),
                    Field::EffectAmount => continue,
                    _ if f.kind == SheetKind::Contribution => {
                        Value::Text(format!("{dept}として協力した。"))
                    }
                    _ => Value::Text(format!("{}の取組を進めた。", f.item_code)),
                };
                values.insert((f.item_code.clone(), f.kind, input.field), value);
            }
        }
        let bytes = filled_workbook(&ctx, dept, &PreviousValues::new(), &values).unwrap();
        let name = OutputSettings::file_name(&settings.output.template, year, dept);
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    p
}

#[test]
fn another_city_publishes_with_nothing_of_the_bundled_city() {
    let p = other_city();
    for cmd in ["build", "publish"] {
        let out = p.run(&[cmd, "--year", "2024"]);
        assert!(out.status.success(), "{cmd}: {:?}", common::text(&out));
    }
    let dir = p.path().join("output/2024/公表");
    let files = common::snapshot(&dir);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    // Free codes (1-(1)-①, No.2) give numbered page names.
    assert!(names.contains(&"item-01.html"), "{names:?}");
    assert!(names.contains(&"懇話会資料_2024年度.pdf"), "{names:?}");
    assert!(
        !names.iter().any(|n| n.contains("効果額")),
        "no 効果額: {names:?}"
    );
    let text = all_text(&dir);
    for bundled in [
        "伊豆の国",
        "行政経営課",
        "協働まちづくり",
        "行財政改革推進委員会",
        "222259",
        "1101",
        "市民ニーズ",
        "行財政改革",
    ] {
        assert!(
            !text.contains(bundled),
            "{bundled} in the other city's publication"
        );
    }
    let index = String::from_utf8(files["index.html"].clone()).unwrap();
    for expected in [
        "みなと市",
        "目標を大きく上回った",
        "第3章 職員の意識改革",
        "1-(1)-①",
        "問合せ先: 企画部 企画課",
        // [publish] on_plan = "3": おおむね達成 counts as on plan.
        "4項目のうち3項目が「3：おおむね達成した」以上の評価でした",
    ] {
        assert!(index.contains(expected), "{expected}");
    }
    assert!(
        index.contains("未提出（集計中）"),
        "No.2 is shown as missing"
    );
    let json = String::from_utf8(files["opendata/999999_reform_all.json"].clone()).unwrap();
    assert!(json.contains("\"全国地方公共団体コード\": \"999999\""));
    if common::have("pdfinfo") {
        assert_eq!(page_count(&dir.join("広報誌用_令和6年度.pdf")), 1);
    }
}

#[test]
fn the_newsletter_stays_one_page_for_a_very_large_plan() {
    let p = Project::new();
    let plan_text = synthetic::synthetic_plan(470, 4);
    std::fs::write(p.path().join("input/plan.toml"), &plan_text).unwrap();
    // Ten highlighted items with long texts, a long address, every level's name long.
    let highlights: Vec<String> = (1..=10).map(|k| format!("\"11{k:02}\"")).collect();
    std::fs::write(
        p.path().join("templates/report.toml"),
        format!(
            "[report]\ntitle = \"とても長い表題の行財政改革の進捗状況についての年次報告書（市民向け公表版）\"\n\
             secretariat = \"企画課\"\n[effect]\nunit = \"千円\"\n\
             [publish]\nbase_url = \"https://www.city.example.lg.jp/{}/gyokaku/{{西暦}}/\"\n\
             highlights = [{}]\ncontact = \"{}\"\n",
            "a".repeat(120),
            highlights.join(", "),
            "企画部 企画課 行政改革推進係 電話 0000-00-0000（平日 8時30分〜17時15分）".repeat(3)
        ),
    )
    .unwrap();
    let plan = gyokaku::plan::parse_plan(&plan_text, Path::new("plan.toml")).unwrap();
    let settings = Settings::load(&p.path().join("templates/report.toml")).unwrap();
    let year = FiscalYear(2023);
    let ctx = TemplateContext::new(&plan, &settings, year);
    let dir = p.submissions(2023);
    for d in plan.departments.iter().take(40) {
        let values = synthetic::filled_values(&plan, &settings, d, 6);
        let bytes = filled_workbook(&ctx, d, &PreviousValues::new(), &values).unwrap();
        std::fs::write(dir.join(format!("{d}.xlsx")), bytes).unwrap();
    }
    let start = Instant::now();
    let out = p.run(&["publish", "--year", "2023"]);
    let elapsed = start.elapsed();
    let (_, stderr) = common::text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("広報誌ページに入りきらない"), "{stderr}");
    eprintln!("publish of 470 items: {elapsed:.2?}");
    let folder = p.path().join("output/2023/公表");
    assert_eq!(
        common::snapshot(&folder)
            .keys()
            .filter(|n| n.ends_with(".html"))
            .count(),
        471
    );
    if common::have("pdfinfo") && common::have("qpdf") {
        let pdf = folder.join("広報誌用_令和5年度.pdf");
        assert_eq!(page_count(&pdf), 1);
        common::qpdf_check(&pdf);
    }
}

/// A page with one problem of each kind the browser check must find.
const BROKEN_PAGE: &str = r#"<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>壊れたページ</title><link rel="stylesheet" href="style.css"></head>
<body><main>
<h1>壊れたページ</h1>
<p id="dup">一つ目</p><p id="dup">同じ id</p>
<p style="color:#bbbbbb">薄くて読みにくい文字</p>
<img src="https://www.example.com/outside.png">
<a href="missing.html">ないページ</a>
<div style="width:2000px">横にはみ出す</div>
<div style="width:200px"><table><caption>表1 狭い枠</caption><tr><td style="min-width:400px">広い表</td></tr></table></div>
<table><caption>表1 同じ番号</caption><tr><td>値</td></tr></table>
<svg viewBox="0 0 100 50" width="100" height="50" role="img" aria-label="はみ出す図"><text x="90" y="30" font-size="8">1,261,780</text><text x="2" y="45" font-size="8">小</text></svg>
</main></body></html>
"#;

#[test]
fn every_page_passes_the_html_checker_and_axe_in_chromium() {
    let harness = common::root().join("tests/browser");
    let ready = harness
        .join("node_modules/vnu-jar/build/dist/vnu.jar")
        .exists()
        && harness.join("node_modules/axe-core/axe.min.js").exists()
        && harness.join("node_modules/playwright-core").exists();
    let tools = ["node", "java", "chromium"].iter().all(|t| common::have(t));
    if !ready || !tools {
        if std::env::var_os("CI").is_some() {
            panic!("the browser check needs node, java, chromium and `npm ci` in tests/browser");
        }
        eprintln!(
            "SKIPPED: browser check (needs node, java, chromium and `npm ci --ignore-scripts` in tests/browser)"
        );
        return;
    }
    let sample = published_sample();
    // The plan's last year too (計画期間の総括 on the index page).
    for cmd in ["build", "publish"] {
        let out = sample.run(&[cmd, "--year", "2025"]);
        assert!(out.status.success(), "{cmd}: {:?}", common::text(&out));
    }
    let other = other_city();
    let out = other.run(&["publish", "--year", "2024"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let other_pages = common::snapshot(&other.path().join("output/2024/公表"))
        .keys()
        .filter(|n| n.ends_with(".html"))
        .count();
    let broken = tempfile::tempdir().unwrap();
    std::fs::write(broken.path().join("index.html"), BROKEN_PAGE).unwrap();
    std::fs::write(broken.path().join("style.css"), "body { margin: 0; }\n").unwrap();

    let mut cmd = Command::new("node");
    cmd.arg(harness.join("check.mjs"))
        .arg(sample.path().join(FOLDER))
        .arg(other.path().join("output/2024/公表"))
        .arg(sample.path().join("output/2025/公表"))
        .arg(broken.path());
    if let Some(dir) = std::env::var_os("GYOKAKU_SCREENSHOTS") {
        cmd.arg("--screenshots").arg(dir);
    }
    let start = Instant::now();
    let out = cmd.output().unwrap();
    let elapsed = start.elapsed();
    let (stdout, stderr) = common::text(&out);
    eprintln!("browser check: {elapsed:.1?}\n{stdout}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the broken page fails: {stdout}\n{stderr}"
    );
    let failures: Vec<&str> = stdout.lines().filter(|l| l.starts_with("FAIL")).collect();
    // Every failure is the broken page's: the two publications have none.
    for f in &failures {
        assert!(f.contains("4:index.html"), "a publication page fails: {f}");
    }
    for expected in [
        "vnu: 4:index.html",
        "axe color-contrast",
        "axe image-alt",
        "requests outside the folder: https://www.example.com/outside.png",
        "link missing.html has no file",
        "scrolls sideways",
        "table \"表1 狭い枠\" is",
        "table numbers used twice: 表1",
        "chart text \"1,261,780\" outside its viewBox",
        "chart text \"小\" is 8.0px",
    ] {
        assert!(
            failures.iter().any(|f| f.contains(expected)),
            "{expected} not found: {stdout}"
        );
    }
    let pages = 20 + other_pages + 20 + 1;
    assert!(stdout.contains(&format!("vnu: {pages} pages")), "{stdout}");
    assert!(
        stdout.contains(&format!("axe: {pages} pages × 2 widths")),
        "{stdout}"
    );
}

#[test]
fn a_text_a_spreadsheet_would_run_is_neutralised_in_the_csv() {
    if !common::python_ready() {
        return;
    }
    let p = common::Project::with_samples();
    let form = p.submissions(2023).join("財政課.xlsx");
    let typed = [
        ("B20", "=HYPERLINK(\"http://example.com\",\"x\")"),
        ("B21", "+cmd|' /C calc'!A0"),
    ];
    let cells = serde_json::json!({ "2303": {
        typed[0].0: { "text": typed[0].1 },
        typed[1].0: typed[1].1,
    }});
    common::fill_cells(&form, &form, &cells.to_string());
    // check warns at each cell.
    let out = p.run(&["check", "--year", "2023", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (cell, _) in typed {
        assert!(
            report["diagnostics"].as_array().unwrap().iter().any(|d| {
                d["severity"] == "warning"
                    && d["sheet"] == "2303"
                    && d["cell"] == cell
                    && d["message"].as_str().is_some_and(|m| m.contains("数式"))
            }),
            "{cell}: {report}"
        );
    }
    let out = p.run(&["publish", "--year", "2023"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let dir = p.path().join(FOLDER).join("opendata");
    let mut csv = String::new();
    let mut json = String::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let body = std::fs::read_to_string(&path).unwrap();
        match path.extension().and_then(|x| x.to_str()) {
            Some("csv") => csv.push_str(&body),
            Some("json") => json.push_str(&body),
            _ => {}
        }
    }
    // In the CSV each text has a quote in front (the field itself quoted by RFC 4180 when it
    // holds a quote or a comma); the JSON keeps the text as typed.
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("'+cmd|' /C calc'!A0"), "the second text");
    for (_, text) in typed {
        assert!(!csv.contains(&format!(",{text}")), "{text} raw in the CSV");
        assert!(
            json.contains(&serde_json::to_string(text).unwrap()),
            "{text} as typed in the JSON"
        );
    }
    // 項目定義 says how texts are made safe.
    assert!(csv.contains("先頭に ' （半角の引用符）を付けています"));
}
