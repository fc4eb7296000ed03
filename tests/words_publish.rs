//! Issue 18 (the city's vocabulary) for the citizen publication: the sample's final year
//! published with another city's words (`[words]`) — the web pages (text and attributes),
//! the open data (CSV headers, JSON keys, 項目定義) and the newsletter page (pdftotext) say
//! the city's words, and today's default words remain only inside the plan's and the
//! settings' own texts and the departments' typed texts.
//!
//! The committee PDF copied into the folder is the report's (tests/words_report.rs).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{OTHER_WORDS, Project};

const URL: &str = "https://www.city.example.lg.jp/gyokaku/{西暦}/";
const FOLDER: &str = "output/2025/公表";
const NEWSLETTER: &str = "広報誌用_令和7年度.pdf";

/// Every string value of a TOML document, with its dotted key.
fn strings(value: &toml::Value, key: &str, out: &mut Vec<(String, String)>) {
    match value {
        toml::Value::String(s) => out.push((key.to_string(), s.clone())),
        toml::Value::Array(a) => a.iter().for_each(|v| strings(v, key, out)),
        toml::Value::Table(t) => t
            .iter()
            .for_each(|(k, v)| strings(v, format!("{key}.{k}").trim_start_matches('.'), out)),
        _ => {}
    }
}

/// The city's own texts that outputs may repeat as they are: every string of input/plan.toml,
/// and of templates/report.toml except `[words]` and the settings whose values are keys
/// (`template.required`, `publish.fields`: names of fields, never printed).
fn own_texts(p: &Project) -> Vec<String> {
    let mut out = Vec::new();
    for (file, skip) in [
        ("input/plan.toml", &[][..]),
        (
            "templates/report.toml",
            &["words.", "template.required", "publish.fields"][..],
        ),
    ] {
        let text = std::fs::read_to_string(p.path().join(file)).unwrap();
        let value: toml::Value = toml::from_str(&text).unwrap();
        let mut all = Vec::new();
        strings(&value, "", &mut all);
        out.extend(
            all.into_iter()
                .filter(|(k, _)| !skip.iter().any(|s| k.starts_with(s)))
                .map(|(_, v)| v),
        );
    }
    out
}

/// The departments' and the committee's typed texts, as the JSON file carries them (the
/// columns of typed text: 実施内容, 課題, 今後の方向性, the opinions and the responses).
fn typed_texts(json: &serde_json::Value, response: &str) -> Vec<String> {
    let typed = ["実施内容", "課題", "今後の方向性", "委員会の意見", response];
    let mut out = Vec::new();
    for rows in json["データ"].as_object().unwrap().values() {
        for row in rows.as_array().unwrap() {
            for (k, v) in row.as_object().unwrap() {
                if let (true, Some(s)) = (typed.contains(&k.as_str()), v.as_str()) {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

/// The pieces of the own texts that hold a default word (lines and sentences: outputs wrap
/// and may show a text's first sentences only), longest first.
fn fragments(texts: &[String]) -> Vec<String> {
    let mut out: Vec<String> = texts
        .iter()
        .flat_map(|t| t.lines().flat_map(|l| l.split('。')).map(str::trim))
        .filter(|f| OTHER_WORDS.iter().any(|(_, d, _)| f.contains(d)))
        .map(str::to_string)
        .collect();
    out.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
    out.dedup();
    out
}

/// Occurrences of each default word in `text`.
fn count(text: &str) -> BTreeMap<&'static str, usize> {
    OTHER_WORDS
        .iter()
        .map(|(_, d, _)| (*d, text.matches(d).count()))
        .collect()
}

/// The default words left in `text` once the own texts are taken out; none may remain.
fn assert_only_in_own_texts(what: &str, text: &str, fragments: &[String]) {
    let mut rest = text.to_string();
    for f in fragments {
        rest = rest.replace(f.as_str(), "");
    }
    let left: Vec<(&str, usize)> = count(&rest).into_iter().filter(|(_, n)| *n > 0).collect();
    if !left.is_empty() {
        let at: Vec<String> = OTHER_WORDS
            .iter()
            .filter_map(|(_, d, _)| rest.find(d).map(|i| (i, d)))
            .map(|(i, d)| {
                let from = rest[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
                let to = rest[i..]
                    .char_indices()
                    .nth(20)
                    .map_or(rest.len(), |(j, _)| i + j);
                format!("{d}: …{}…", &rest[from..to])
            })
            .collect();
        panic!("{what}: default words left {left:?}\n{}", at.join("\n"));
    }
}

/// An HTML page as read: the raw markup (text and the attributes people hear or see:
/// data-label, aria-label, alt, title), entities decoded, the links' targets left out.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("href=\"") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 6..];
        rest = after.find('"').map_or("", |j| &after[j + 1..]);
    }
    out.push_str(rest);
    out.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A CSV file's rows (BOM removed), with Python's csv module semantics for quoted fields.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(out.status.success());
    // Lines joined: a wrapped line must not hide a word.
    String::from_utf8(out.stdout).unwrap().replace('\n', "")
}

#[test]
fn the_publication_speaks_the_citys_words() {
    let p = Project::with_samples();
    p.use_other_words();
    p.set_base_url(URL);
    let out = p.run(&["publish", "--year", "2025"]);
    let (stdout, stderr) = common::text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    let dir = p.path().join(FOLDER);
    let word = |key: &str| {
        OTHER_WORDS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, w)| *w)
            .unwrap()
    };

    // Allowed occurrences: the default words inside the city's own texts, per word.
    let own = own_texts(&p);
    let json_path = std::fs::read_dir(dir.join("opendata"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| f.extension().is_some_and(|e| e == "json"))
        .unwrap();
    let json_text = std::fs::read_to_string(&json_path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&json_text).unwrap();
    let response = format!("{}の対応", word("lead"));
    let mut texts = own.clone();
    texts.extend(typed_texts(&json, &response));
    let allowed = count(&texts.join("\n"));
    eprintln!("default words in the plan's, settings' and typed texts: {allowed:?}");
    let fragments = fragments(&texts);

    // Web pages.
    let mut pages = String::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).unwrap();
            let text = html_text(&html);
            assert_only_in_own_texts(&path.display().to_string(), &text, &fragments);
            pages.push_str(&text);
        }
    }
    for (_, _, other) in OTHER_WORDS {
        assert!(pages.contains(other), "pages: {other} missing");
    }
    for heading in [
        format!("{}ごとの評価", word("policy")),
        format!("{}の実施状況", word("action")),
        format!("<th scope=\"col\" class=\"nowrap\">{}</th>", word("code")),
        format!("data-label=\"{}\"", word("lead")),
        format!("<dt>{}</dt>", word("participant")),
        format!("<h2>{}</h2>", word("effect")),
    ] {
        assert!(pages.contains(&heading), "pages: {heading} missing");
    }

    // Open data: headers, JSON keys and 項目定義 agree and use the words.
    let mut csv_all = String::new();
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut definitions = Vec::new();
    for e in std::fs::read_dir(dir.join("opendata")).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(name.is_ascii(), "{name}");
        if name.ends_with(".csv") {
            let rows = csv_rows(&path);
            if name.ends_with("_reform_columns.csv") {
                definitions = rows.clone();
            }
            headers.insert(name, rows[0].clone());
            csv_all.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    assert_only_in_own_texts("open data (CSV)", &csv_all, &fragments);
    assert_only_in_own_texts("open data (JSON)", &json_text, &fragments);
    let items = headers
        .iter()
        .find(|(f, _)| f.ends_with("_reform_items.csv"))
        .map(|(_, h)| h)
        .unwrap();
    for key in ["code", "policy", "item", "lead", "participant", "effect"] {
        assert!(items.iter().any(|h| h == word(key)), "{items:?}: {key}");
    }
    let actions = headers
        .iter()
        .find(|(f, _)| f.ends_with("_reform_actions.csv"))
        .map(|(_, h)| h)
        .unwrap();
    assert!(actions.iter().any(|h| h == word("action")), "{actions:?}");
    // 項目定義: every column of every file, in order, under its header's name; the columns
    // named with a word are explained with the words.
    let head = &definitions[0];
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (file, number, name, meaning) =
        (col("ファイル名"), col("列番号"), col("項目名"), col("説明"));
    for (f, header) in &headers {
        let defined: Vec<&str> = definitions[1..]
            .iter()
            .filter(|r| &r[file] == f)
            .map(|r| r[name].as_str())
            .collect();
        assert_eq!(defined, *header, "項目定義 of {f}");
        assert!(
            definitions[1..]
                .iter()
                .filter(|r| &r[file] == f)
                .enumerate()
                .all(|(k, r)| r[number] == (k + 1).to_string())
        );
    }
    let meaning_of = |file_end: &str, column: &str| {
        definitions[1..]
            .iter()
            .find(|r| r[file].ends_with(file_end) && r[name] == column)
            .map(|r| r[meaning].clone())
            .unwrap_or_else(|| panic!("{file_end} {column}"))
    };
    assert!(meaning_of("_reform_items.csv", word("code")).contains(word("item")));
    assert!(meaning_of("_reform_items.csv", word("participant")).contains(word("lead")));
    assert!(meaning_of("_reform_actions.csv", word("action")).contains(word("action")));
    // JSON: each table's keys are the CSV's headers.
    for (k, rows) in json["データ"].as_object().unwrap() {
        let Some(first) = rows.as_array().unwrap().first() else {
            continue;
        };
        let keys: Vec<&str> = first
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert!(
            headers.values().any(|h| {
                let mut h: Vec<&str> = h.iter().map(String::as_str).collect();
                let mut keys = keys.clone();
                h.sort_unstable();
                keys.sort_unstable();
                h == keys
            }),
            "JSON table {k}: {keys:?}"
        );
    }
    assert!(json["データ"].get(word("action")).is_some());
    assert!(json["データ"].get(word("effect")).is_some());

    // Newsletter.
    if common::have("pdftotext") {
        let text = pdftotext(&dir.join(NEWSLETTER));
        assert_only_in_own_texts("newsletter", &text, &fragments);
        assert!(
            text.contains(&format!("{}ごとの評価", word("policy"))),
            "{text}"
        );
        assert!(text.contains(word("effect")), "{text}");
    }
}

#[test]
fn an_unknown_highlight_is_named_with_the_citys_word_for_codes() {
    let p = Project::with_samples();
    p.use_other_words();
    p.set_base_url(URL);
    let path = p.path().join("templates/report.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen("\nhighlights = []\n", "\nhighlights = [\"9999\"]\n", 1);
    assert!(text.contains("highlights = [\"9999\"]"));
    std::fs::write(&path, text).unwrap();
    let out = p.run(&["publish", "--year", "2025"]);
    let (_, stderr) = common::text(&out);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("publish.highlights にある項目番号「9999」は計画にありません"),
        "{stderr}"
    );
    assert!(!stderr.contains("管理番号"), "{stderr}");
}

/// An item left without a lead (the plan names none yet) reads 「<lead>未設定」 in the city's
/// words on the pages and in the open data, as in the committee's documents.
#[test]
fn an_item_without_a_lead_is_named_in_the_citys_words() {
    let p = Project::with_samples();
    p.use_other_words();
    let path = p.path().join("input/plan.toml");
    let plan = std::fs::read_to_string(&path).unwrap();
    let without_lead = plan.replacen(
        "lead = \"協働まちづくり課\"\nimplementers = \"全部署\"\n",
        "",
        1,
    );
    assert_ne!(without_lead, plan, "the sample's 1101 has a lead to remove");
    std::fs::write(&path, without_lead).unwrap();
    let out = p.run(&["publish", "--year", "2025"]);
    assert!(out.status.success(), "{:?}", common::text(&out));
    let folder = p.path().join(FOLDER);
    let index = std::fs::read_to_string(folder.join("index.html")).unwrap();
    let page = std::fs::read_to_string(folder.join("item-1101.html")).unwrap();
    for (name, html) in [("index.html", &index), ("item-1101.html", &page)] {
        assert!(html.contains("所管課未設定"), "{name}: {html}");
        assert!(!html.contains("担当部署未設定"), "{name}");
    }
    let data: String = std::fs::read_dir(folder.join("opendata"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|f| f.extension().is_some_and(|x| x == "csv"))
        .map(|f| String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned())
        .collect();
    assert!(data.contains("所管課未設定"), "open data");
    assert!(!data.contains("担当部署未設定"), "open data");
}
