//! Japanese messages for errors in plan.toml and report.toml: the TOML parser's and serde's
//! English ("missing field `x`", "unknown field", "invalid type") becomes a sentence a
//! secretariat can act on, naming the key, its table and the line.

/// Where an error is: 1-based line, the table it is in ("[[items]]"), and the key.
struct Place {
    line: usize,
    table: Option<String>,
    key: Option<String>,
}

fn place(source: &str, offset: usize) -> Place {
    let offset = offset.min(source.len());
    let before = &source[..source.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_text = source.lines().nth(line - 1).unwrap_or("");
    let key = line_text
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"').to_string())
        .filter(|k| !k.is_empty() && !k.starts_with('['));
    let table = source
        .lines()
        .take(line)
        .filter(|l| l.trim_start().starts_with('['))
        .last()
        .map(|l| l.trim().to_string());
    Place { line, table, key }
}

/// Text between the first pair of backticks after `prefix`.
fn quoted<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    let start = rest.find('`')? + 1;
    let end = rest[start..].find('`')? + start;
    Some(&rest[start..end])
}

/// Every `…` in a text, in order.
fn all_quoted(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// What a serde "expected …" phrase asks for, in Japanese.
fn expected_ja(expected: &str) -> String {
    let e = expected.trim();
    let kind = if e.contains("string") || e.contains("char") {
        "文字列（\"…\" で囲む）"
    } else if e.starts_with('u') && e[1..].chars().all(|c| c.is_ascii_digit()) {
        "0以上の整数"
    } else if e.starts_with('i') && e[1..].chars().all(|c| c.is_ascii_digit()) {
        "整数"
    } else if e.starts_with('f') && e[1..].chars().all(|c| c.is_ascii_digit()) {
        "数値"
    } else if e.contains("bool") {
        "true または false"
    } else if e.contains("sequence") || e.contains("array") {
        "配列（[ ] で囲んだ一覧）"
    } else if e.contains("struct") || e.contains("map") || e.contains("table") {
        "表（[…] の見出しか { … }）"
    } else if e.contains("date") {
        "日付（例: 2024-04-30）"
    } else {
        return "正しい種類の値".to_string();
    };
    kind.to_string()
}

/// The found value of an "invalid type: string \"x\", expected …" message.
fn found_value(found: &str) -> String {
    let found = found.trim();
    for prefix in [
        "string ",
        "integer ",
        "floating point ",
        "boolean ",
        "sequence",
        "map",
    ] {
        if let Some(v) = found.strip_prefix(prefix) {
            let v = v.trim().trim_matches('`');
            return match prefix {
                "sequence" => "配列".into(),
                "map" => "表".into(),
                _ => v.to_string(),
            };
        }
    }
    found.to_string()
}

fn key_phrase(p: &Place) -> String {
    match (&p.key, &p.table) {
        (Some(k), Some(t)) => format!("{t} の「{k}」"),
        (Some(k), None) => format!("「{k}」"),
        (None, Some(t)) => t.clone(),
        (None, None) => "この行".to_string(),
    }
}

/// A Japanese description of a TOML/serde error at `offset` of `source`, with its line.
pub fn japanese(message: &str, source: &str, offset: Option<usize>) -> (Option<usize>, String) {
    let p = offset.map(|o| place(source, o));
    let line = p.as_ref().map(|p| p.line);
    let at = p.as_ref().map_or_else(|| "この行".to_string(), key_phrase);
    let table = p
        .as_ref()
        .and_then(|p| p.table.clone())
        .map_or_else(|| "ファイルの先頭".to_string(), |t| format!("{t} の表"));
    let m = message.trim();
    let text = if let Some(field) = quoted(m, "missing field") {
        format!("{table}に必須の項目「{field}」がありません。「{field} = …」を書いてください")
    } else if let Some(field) = quoted(m, "unknown field") {
        let rest = m.split_once("expected").map_or("", |(_, r)| r);
        let known = all_quoted(rest);
        if known.is_empty() {
            format!("項目名「{field}」は使えません（書き間違いがないか確認してください）")
        } else {
            format!(
                "項目名「{field}」は使えません（書き間違いがないか確認してください。使える項目: {}）",
                known.join("、")
            )
        }
    } else if let Some(variant) = quoted(m, "unknown variant") {
        let rest = m.split_once("expected").map_or("", |(_, r)| r);
        format!(
            "{at}の値「{variant}」は使えません（使える値: {}）",
            all_quoted(rest).join("、")
        )
    } else if let Some(rest) = m.strip_prefix("invalid type:") {
        let (found, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        format!(
            "{at}の値 {} の種類が違います。{}を書いてください",
            found_value(found),
            expected_ja(expected)
        )
    } else if let Some(rest) = m.strip_prefix("invalid value:") {
        let (found, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        format!(
            "{at}の値 {} は使えません（{}を書いてください）",
            found_value(found),
            expected_ja(expected)
        )
    } else if m.starts_with("invalid length") {
        format!("{at}の要素の数が正しくありません")
    } else if m.starts_with("duplicate key") {
        format!("{at}が2回書かれています。1つにしてください")
    } else if m.contains("must be quoted") {
        format!("{at}の値は \"…\" で囲んでください（文字列）")
    } else if m.contains("unclosed table") || m.contains("invalid table header") {
        "表の見出し [ … ] が正しく閉じていません".to_string()
    } else if m.contains("basic string") || m.contains("literal string") {
        "文字列の \" が閉じていません".to_string()
    } else if m.contains("unclosed array") {
        "配列の [ ] が閉じていません".to_string()
    } else if m.contains("inline table") {
        "{ … } の書き方が正しくありません".to_string()
    } else if m.contains("expected `=`") || m.contains("key with no value") {
        "「項目名 = 値」の形になっていません".to_string()
    } else if m.contains("escape") {
        "文字列の中の \\ の使い方が正しくありません（\\ は \\\\ と書きます）".to_string()
    } else if !m.is_ascii() {
        // Our own messages (years, custom checks) are already Japanese.
        m.to_string()
    } else {
        "書式が正しくありません（TOML の書き方を確認してください）".to_string()
    };
    (line, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        n: Option<u16>,
        #[serde(default)]
        items: Vec<Item>,
        #[serde(default)]
        direction: Option<crate::plan::Direction>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        x: f64,
    }

    fn message(src: &str) -> (Option<usize>, String) {
        let e = toml::from_str::<Doc>(src).unwrap_err();
        japanese(e.message(), src, e.span().map(|s| s.start))
    }

    #[test]
    fn serde_errors_become_japanese_with_key_and_line() {
        let cases = [
            ("", "必須の項目「title」"),
            ("title = 1", "「title」の値 1 の種類が違います。文字列"),
            ("title = \"a\"\nfoo = 1", "項目名「foo」は使えません"),
            (
                "title = \"a\"\nn = -5",
                "「n」の値 -5 は使えません（0以上の整数",
            ),
            (
                "title = \"a\"\n[[items]]\nid = \"1\"",
                "[[items]] の表に必須の項目「x」",
            ),
            (
                "title = \"a\"\n[[items]]\nid = \"1\"\nx = \"y\"",
                "[[items]] の「x」の値 \"y\"",
            ),
            (
                "title = \"a\"\ndirection = \"up\"",
                "「direction」の値「up」は使えません（使える値: higher、lower）",
            ),
            ("title = \"a", "\" が閉じていません"),
            ("title = \"a\"\ntitle = \"b\"", "2回書かれています"),
            ("title = a", "\"…\" で囲んでください"),
            ("[x\n", "閉じていません"),
        ];
        for (src, want) in cases {
            let (line, text) = message(src);
            assert!(text.contains(want), "{src:?}: {text}");
            assert!(line.is_some(), "{src:?}");
            assert!(!text.is_ascii(), "{src:?}: {text}");
        }
        assert_eq!(
            message("title = \"a\"\n[[items]]\nid = \"1\"\nx = \"y\"").0,
            Some(4)
        );
    }
}
