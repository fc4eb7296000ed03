//! Issue 22, the publication's follow-ups: item pages with the plan's lifecycle notes (the
//! fixture of tests/plan_lifecycle.rs and a merge), the newsletter's QR code as a link,
//! `publish --period` before the plan's last year, and every chosen highlight on the
//! newsletter page.

mod common;

use std::path::Path;
use std::process::Command;

use common::Project;

const URL: &str = "https://www.city.example.lg.jp/gyokaku/{西暦}/";

/// The plan of tests/plan_lifecycle.rs (2303 begun in 2023, 2402 ended (完了) in 2022, the
/// target of 2401 revised in 2023), and 1101 merged into 1102 in 2024.
fn revised_plan(p: &Project) {
    p.revise_sample_plan();
    let path = p.path().join("input/plan.toml");
    let plan = std::fs::read_to_string(&path).unwrap().replace(
        "id = \"1101\"\n",
        "id = \"1101\"\nend = { year = 2024, reason = \"統合\", into = \"1102\" }\n",
    );
    std::fs::write(&path, plan).unwrap();
}

fn run_ok(p: &Project, args: &[&str]) -> String {
    let out = p.run(args);
    let (stdout, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stdout}\n{stderr}");
    stderr
}

fn read(p: &Project, path: &str) -> String {
    std::fs::read_to_string(p.path().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The 計画の変更 entry of an item page's plan facts (its paragraphs), if any.
fn lifecycle_of(page: &str) -> Option<String> {
    let at = page.find("<dt>計画の変更</dt><dd>")?;
    let rest = &page[at..];
    let dd = &rest[rest.find("<dd>")? + 4..rest.find("</dd>")?];
    Some(
        dd.replace("<p>", "")
            .replace("</p>", "\n")
            .trim()
            .to_string(),
    )
}

#[test]
fn item_pages_show_the_plan_lifecycle_notes() {
    let p = Project::with_samples();
    revised_plan(&p);
    run_ok(&p, &["publish", "--year", "2022"]);
    run_ok(&p, &["publish", "--year", "2023"]);
    run_ok(&p, &["publish", "--year", "2024"]);
    run_ok(&p, &["publish", "--year", "2025"]);
    let page = |year: u16, code: &str| read(&p, &format!("output/{year}/公表/item-{code}.html"));
    assert_eq!(
        lifecycle_of(&page(2022, "2402")).as_deref(),
        Some("令和4年度に完了")
    );
    assert_eq!(
        lifecycle_of(&page(2023, "2303")).as_deref(),
        Some("令和5年度に追加")
    );
    assert_eq!(
        lifecycle_of(&page(2023, "2401")).as_deref(),
        Some("令和5年度に目標値を見直し（400→450）。研修を拡充")
    );
    assert_eq!(
        lifecycle_of(&page(2024, "1101")).as_deref(),
        Some("令和6年度に 1102 へ統合")
    );
    // The year before a change says nothing of it; an unchanged item has no entry.
    assert_eq!(lifecycle_of(&page(2022, "2401")), None);
    assert_eq!(lifecycle_of(&page(2023, "1101")), None);
    assert_eq!(lifecycle_of(&page(2023, "1102")), None);
    // Ended items have no page after their last year, but stay in the period summary
    // (without a link); every other row links to its own item's page.
    let dir = p.path().join("output/2025/公表");
    assert!(!dir.join("item-2402.html").exists());
    assert!(!dir.join("item-1101.html").exists());
    let index = read(&p, "output/2025/公表/index.html");
    let table = &index[index.find("id=\"table-period\"").expect("period table")..];
    let table = &table[..table.find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr><th scope=\"row\">").skip(1).collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("2402 ") && r.contains("令和4年度に完了"))
    );
    assert!(rows.iter().any(|r| r.starts_with("1101 ")));
    let mut linked = 0;
    for row in rows {
        if let Some(rest) = row.strip_prefix("<a href=\"") {
            let (href, rest) = rest.split_once("\">").unwrap();
            let code = rest.split(' ').next().unwrap();
            assert_eq!(href, format!("item-{code}.html"), "{row}");
            assert!(dir.join(href).exists());
            linked += 1;
        }
    }
    assert_eq!(linked, 17, "19 items, two ended");
}

/// The structure-tree Figure of the QR code (its /BBox) and the URI link annotations
/// (their /Rect), read with pikepdf: "ok" when an annotation to `url` covers the code.
const QR_LINK_PY: &str = r#"
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1]); url = sys.argv[2]
def walk(e, out):
    if e.get("/S") == "/Figure": out.append(e)
    k = e.get("/K")
    if k is None: return
    for kid in (k if isinstance(k, pikepdf.Array) else [k]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid: walk(kid, out)
figs = []
walk(pdf.Root.StructTreeRoot, figs)
qr = [f for f in figs if "QR" in str(f.get("/Alt", ""))]
assert len(qr) == 1, [str(f.get("/Alt")) for f in figs]
attrs = qr[0].A  # one attribute dictionary or an array of them
attrs = [a for a in attrs if a.get("/O") == "/Layout"] if isinstance(attrs, pikepdf.Array) else [attrs]
box = [float(v) for v in attrs[0].BBox]
links = [a for a in pdf.pages[0].get("/Annots", []) if a.get("/Subtype") == "/Link"
         and a.get("/A") is not None and str(a.A.get("/URI", "")) == url]
rects = [[float(v) for v in a.Rect] for a in links]
cover = [r for r in rects if r[0] <= box[0] + 0.5 and r[1] <= box[1] + 0.5
         and r[2] >= box[2] - 0.5 and r[3] >= box[3] - 0.5]
assert cover, (box, rects)
assert len(links) == 2, rects  # the printed address and the code
for a in links:
    assert str(a.get("/Contents")) == url
    parent = a.get("/StructParent")
    assert parent is not None
print("ok", len(links))
"#;

#[test]
fn the_newsletter_qr_code_is_a_link_to_the_page() {
    let p = Project::with_samples();
    p.set_base_url(URL);
    run_ok(&p, &["publish", "--year", "2025"]);
    let pdf = p.path().join("output/2025/公表/広報誌用_令和7年度.pdf");
    let url = "https://www.city.example.lg.jp/gyokaku/2025/";
    // The URI action is written twice: the address and the code.
    let bytes = std::fs::read(&pdf).unwrap();
    let action = format!("/A<</Type/Action/S/URI/URI({url})>>");
    let count = bytes
        .windows(action.len())
        .filter(|w| *w == action.as_bytes())
        .count();
    assert_eq!(count, 2);
    if !common::pikepdf_ready() {
        return;
    }
    let out = Command::new("python3")
        .args(["-c", QR_LINK_PY])
        .arg(&pdf)
        .arg(url)
        .output()
        .unwrap();
    let (stdout, stderr) = common::text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.starts_with("ok 2"), "{stdout}");
    // The whole structure still passes the newsletter check (one Link element).
    let out = Command::new("python3")
        .arg(common::root().join("scripts/check_pdf_structure.py"))
        .arg(&pdf)
        .args(["--newsletter", url, "--author", "総務部 行政経営課"])
        .output()
        .unwrap();
    let (stdout, stderr) = common::text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stderr.contains("'Link': 1"), "{stderr}");
}

fn pdftext(pdf: &Path, layout: bool) -> String {
    let mut cmd = Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn publish_period_adds_the_period_summary_before_the_last_year() {
    let p = Project::with_samples();
    p.set_base_url(URL);
    run_ok(&p, &["publish", "--year", "2024"]);
    let index = read(&p, "output/2024/公表/index.html");
    assert!(!index.contains("id=\"soukatsu\""));
    run_ok(&p, &["publish", "--year", "2024", "--period"]);
    let index = read(&p, "output/2024/公表/index.html");
    assert!(
        index.contains("計画期間の総括（令和4(2022)年度〜令和7(2025)年度）"),
        "{index}"
    );
    assert!(index.contains("id=\"table-period\""));
    assert!(index.contains("id=\"table-period-effect\""));
    // Every year so far has its amount; the last plan year has none yet.
    for year in ["令和4(2022)年度", "令和5(2023)年度", "令和6(2024)年度"] {
        assert!(index.contains(&format!(
            "<tr><th scope=\"row\">{year}</th><td class=\"num\">"
        )));
    }
    assert!(
        index.contains("<tr><th scope=\"row\">令和7(2025)年度</th><td class=\"num\">報告なし</td>")
    );
    if common::have("pdftotext") {
        let text = pdftext(
            &p.path().join("output/2024/公表/広報誌用_令和6年度.pdf"),
            false,
        );
        assert!(text.contains("計画期間の総括"), "{text}");
    }
    let out = p.run(&["publish", "--help"]);
    assert!(common::text(&out).0.contains("--period"));
}

/// The highlighted items of a newsletter: (evaluation code, 管理番号) of each entry of
/// 主な取組, read from the two-column layout.
fn highlighted(text: &str) -> Vec<(String, String)> {
    let section = &text[text.find("主な取組").expect("主な取組")..];
    let section = &section[..section.find("詳しい内容とデータ").unwrap_or(section.len())];
    let words: Vec<&str> = section.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| {
            ["S", "A", "B", "C", "―"].contains(&w[0])
                && w[1].len() == 4
                && w[1].chars().all(|c| c.is_ascii_digit())
        })
        .map(|w| (w[0].to_string(), w[1].to_string()))
        .collect()
}

#[test]
fn every_chosen_highlight_is_on_the_newsletter_page() {
    if !common::have("pdftotext") {
        return;
    }
    let p = Project::with_samples();
    p.set_base_url(URL);
    for (year, era) in [(2022, 4), (2023, 5), (2024, 6), (2025, 7)] {
        let stderr = run_ok(&p, &["publish", "--year", &year.to_string()]);
        assert!(!stderr.contains("入りきらない"), "{year}: {stderr}");
        let pdf = p
            .path()
            .join(format!("output/{year}/公表/広報誌用_令和{era}年度.pdf"));
        let text = pdftext(&pdf, true);
        let shown = highlighted(&text);
        // Four items: the best and the ones behind, alternating.
        assert_eq!(shown.len(), 4, "{year}: {shown:?}\n{text}");
        assert!(shown.iter().any(|(c, _)| c == "S"), "{year}: {shown:?}");
        assert!(
            shown.iter().any(|(c, _)| c == "B" || c == "C"),
            "{year}: {shown:?}"
        );
        assert!(!text.contains('…'), "{year}: {text}");
        // Type: nothing under 10 pt, the text at 11 pt.
        let heights = common::word_heights(&pdf);
        assert!(heights[0] >= 9.9, "{year}: smallest text {} pt", heights[0]);
        assert!(heights[heights.len() / 2] >= 11.0, "{year}: median");
    }
    // Highlights named in the settings, long names among them: all four shown, each with
    // its text in whole sentences.
    let path = p.path().join("templates/report.toml");
    let settings = std::fs::read_to_string(&path).unwrap().replacen(
        "\nhighlights = []\n",
        "\nhighlights = [\"2302\", \"2103\", \"1101\", \"2203\"]\n",
        1,
    );
    std::fs::write(&path, settings).unwrap();
    let stderr = run_ok(&p, &["publish", "--year", "2024"]);
    assert!(!stderr.contains("入りきらない"), "{stderr}");
    let text = pdftext(
        &p.path().join("output/2024/公表/広報誌用_令和6年度.pdf"),
        true,
    );
    let codes: Vec<String> = highlighted(&text).into_iter().map(|(_, c)| c).collect();
    assert_eq!(codes, ["2302", "2103", "1101", "2203"], "{text}");
    let plain = pdftext(
        &p.path().join("output/2024/公表/広報誌用_令和6年度.pdf"),
        false,
    );
    let squashed: String = plain.split_whitespace().collect();
    assert!(
        squashed.contains("2302ふるさと納税・クラウドファンディングを活用した事業促進"),
        "{plain}"
    );
    assert!(!text.contains('…'), "{text}");
}
