//! Japanese messages for errors in plan.toml and report.toml, built from the error's
//! structure, not from serde's English wording: the key path (serde_path_to_error), the
//! line (toml's span), the kind of error (missing field, unknown field, wrong type…, captured
//! by our own [`serde::de::Error`] type) and the type the field asks for (the `deserialize_*`
//! method the field's type called). Only TOML syntax errors (before serde runs) are read
//! from the parser's message.

use serde::de::{self, DeserializeOwned, IntoDeserializer, Unexpected, Visitor};
use std::fmt;

/// Parses `source` as `T`; on error, the 1-based line and a Japanese message naming the key.
pub fn parse<T: DeserializeOwned>(source: &str) -> Result<T, (Option<usize>, String)> {
    let first = match toml::from_str::<T>(source) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let line = first.span().map(|s| place(source, s.start).line);
    let table = match toml::from_str::<toml::Table>(source) {
        Ok(t) => t,
        Err(e) => {
            let p = e.span().map(|s| place(source, s.start));
            let at = p.as_ref().map_or_else(|| "この行".to_string(), key_phrase);
            return Err((p.map(|p| p.line).or(line), syntax_ja(e.message(), &at)));
        }
    };
    // Again, from the parsed table, through our own error type and with the key path.
    let error = match serde_path_to_error::deserialize::<_, T>(ValueDe(toml::Value::Table(table))) {
        Ok(_) => {
            return Err((
                line,
                "書式が正しくありません（TOML の書き方を確認してください）".into(),
            ));
        }
        Err(e) => e,
    };
    let segments: Vec<String> = error
        .path()
        .iter()
        .filter_map(|s| match s {
            serde_path_to_error::Segment::Map { key } if !key.starts_with("$__") => {
                Some(key.clone())
            }
            serde_path_to_error::Segment::Seq { index } => Some(format!("[{index}]")),
            _ => None,
        })
        .collect();
    Err((line, describe(error.inner(), &segments)))
}

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

fn key_phrase(p: &Place) -> String {
    match (&p.key, &p.table) {
        (Some(k), Some(t)) => format!("{t} の「{k}」"),
        (Some(k), None) => format!("「{k}」"),
        (None, Some(t)) => t.clone(),
        (None, None) => "この行".to_string(),
    }
}

/// The table header of a key path: `items[0]` → `[[items]]`, `report` → `[report]`.
fn header(path: &[String]) -> Option<String> {
    let in_array = path.last().is_some_and(|s| s.starts_with('['));
    let names: Vec<&str> = path
        .iter()
        .filter(|s| !s.starts_with('['))
        .map(String::as_str)
        .collect();
    if names.is_empty() {
        None
    } else if in_array {
        Some(format!("[[{}]]", names.join(".")))
    } else {
        Some(format!("[{}]", names.join(".")))
    }
}

/// The key at the end of a path and the table it is in.
fn key_at(path: &[String]) -> String {
    let (key, table) = match path.iter().rposition(|s| !s.starts_with('[')) {
        Some(i) => (Some(&path[i]), header(&path[..i])),
        None => (None, header(path)),
    };
    match (key, table) {
        (Some(k), Some(t)) => format!("{t} の「{k}」"),
        (Some(k), None) => format!("「{k}」"),
        (None, Some(t)) => t,
        (None, None) => "この行".to_string(),
    }
}

/// The Japanese sentence for an error of serde at `path`.
fn describe(error: &Diag, path: &[String]) -> String {
    let at = key_at(path);
    let want = error
        .want
        .flatten()
        .map_or("正しい種類の値", Want::japanese);
    match &error.kind {
        Kind::Missing(field) => {
            let table =
                header(path).map_or_else(|| "ファイルの先頭".to_string(), |t| format!("{t} の表"));
            format!("{table}に必須の項目「{field}」がありません。「{field} = …」を書いてください")
        }
        Kind::UnknownField(field, known) => {
            if known.is_empty() {
                format!("項目名「{field}」は使えません（書き間違いがないか確認してください）")
            } else {
                format!(
                    "項目名「{field}」は使えません（書き間違いがないか確認してください。使える項目: {}）",
                    known.join("、")
                )
            }
        }
        Kind::UnknownVariant(variant, known) => {
            format!(
                "{at}の値「{variant}」は使えません（使える値: {}）",
                known.join("、")
            )
        }
        Kind::InvalidType(found) => {
            format!("{at}の値 {found} の種類が違います。{want}を書いてください")
        }
        Kind::InvalidValue(found) => {
            format!("{at}の値 {found} は使えません（{want}を書いてください）")
        }
        Kind::InvalidLength => format!("{at}の要素の数が正しくありません"),
        Kind::Duplicate => format!("{at}が2回書かれています。1つにしてください"),
        // Our own messages (years, custom checks) are already Japanese.
        Kind::Custom(m) if !m.is_ascii() => m.clone(),
        Kind::Custom(_) => {
            format!("{at}の値が正しくありません（TOML の書き方を確認してください）")
        }
    }
}

/// A TOML syntax error (found by the parser, before serde runs) in Japanese.
fn syntax_ja(message: &str, at: &str) -> String {
    let m = message.trim();
    if m.starts_with("duplicate key") {
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
    } else {
        "書式が正しくありません（TOML の書き方を確認してください）".to_string()
    }
}

/// The type a field asks for: the `deserialize_*` method its type called.
#[derive(Debug, Clone, Copy)]
enum Want {
    Text,
    Unsigned,
    Integer,
    Number,
    Bool,
    List,
    Table,
    Date,
}

impl Want {
    fn japanese(self) -> &'static str {
        match self {
            Want::Text => "文字列（\"…\" で囲む）",
            Want::Unsigned => "0以上の整数",
            Want::Integer => "整数",
            Want::Number => "数値",
            Want::Bool => "true または false",
            Want::List => "配列（[ ] で囲んだ一覧）",
            Want::Table => "表（[…] の見出しか { … }）",
            Want::Date => "日付（例: 2024-04-30）",
        }
    }
}

/// What went wrong, as serde's error constructors say it.
#[derive(Debug)]
enum Kind {
    Missing(&'static str),
    UnknownField(String, &'static [&'static str]),
    UnknownVariant(String, &'static [&'static str]),
    /// The value found, as written in TOML (`"y"`, `-5`, 配列).
    InvalidType(String),
    InvalidValue(String),
    InvalidLength,
    Duplicate,
    Custom(String),
}

/// Our serde error: the kind, and the type asked for where it arose (set once, by the
/// innermost `deserialize_*` it passes through).
#[derive(Debug)]
struct Diag {
    kind: Kind,
    want: Option<Option<Want>>,
}

impl Diag {
    fn new(kind: Kind) -> Self {
        Diag { kind, want: None }
    }

    /// A field with its own deserializer (a date that may be quoted) reads its value as a whole
    /// (`deserialize_any`), so the type it asks for is known only from what it expected.
    fn expecting(self, exp: &dyn de::Expected) -> Self {
        if exp.to_string().contains("a date") {
            self.wanting(Some(Want::Date))
        } else {
            self
        }
    }

    fn wanting(mut self, want: Option<Want>) -> Self {
        self.want.get_or_insert(want);
        self
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.kind)
    }
}

impl std::error::Error for Diag {}

/// A value as a person wrote it in TOML.
fn found(u: Unexpected<'_>) -> String {
    match u {
        Unexpected::Bool(b) => b.to_string(),
        Unexpected::Unsigned(n) => n.to_string(),
        Unexpected::Signed(n) => n.to_string(),
        Unexpected::Float(x) => x.to_string(),
        Unexpected::Char(c) => format!("\"{c}\""),
        Unexpected::Str(s) => format!("\"{s}\""),
        Unexpected::Seq => "配列".to_string(),
        Unexpected::Map => "表".to_string(),
        _ => String::new(),
    }
}

impl de::Error for Diag {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Diag::new(Kind::Custom(msg.to_string()))
    }
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Diag::new(Kind::InvalidType(found(unexp))).expecting(exp)
    }
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Diag::new(Kind::InvalidValue(found(unexp))).expecting(exp)
    }
    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        Diag::new(Kind::InvalidLength)
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Diag::new(Kind::UnknownVariant(variant.to_string(), expected))
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Diag::new(Kind::UnknownField(field.to_string(), expected))
    }
    fn missing_field(field: &'static str) -> Self {
        Diag::new(Kind::Missing(field))
    }
    fn duplicate_field(_: &'static str) -> Self {
        Diag::new(Kind::Duplicate)
    }
}

/// A parsed TOML value as a serde deserializer whose error is [`Diag`].
struct ValueDe(toml::Value);

impl<'de> IntoDeserializer<'de, Diag> for ValueDe {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// The field names toml's `Spanned` and `Datetime` read from their private maps.
const SPANNED_FIELDS: [&str; 3] = [
    "$__serde_spanned_private_start",
    "$__serde_spanned_private_end",
    "$__serde_spanned_private_value",
];
const DATETIME_FIELD: &str = "$__toml_private_datetime";

impl ValueDe {
    fn any<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Diag> {
        use de::value::{MapDeserializer, SeqDeserializer};
        match self.0 {
            toml::Value::String(s) => visitor.visit_string(s),
            toml::Value::Integer(n) => visitor.visit_i64(n),
            toml::Value::Float(x) => visitor.visit_f64(x),
            toml::Value::Boolean(b) => visitor.visit_bool(b),
            toml::Value::Datetime(d) => visitor.visit_map(MapDeserializer::new(std::iter::once((
                DATETIME_FIELD,
                ValueDe(toml::Value::String(d.to_string())),
            )))),
            toml::Value::Array(a) => {
                let mut seq = SeqDeserializer::new(a.into_iter().map(ValueDe));
                let v = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(v)
            }
            toml::Value::Table(t) => {
                let mut map = MapDeserializer::new(t.into_iter().map(|(k, v)| (k, ValueDe(v))));
                let v = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(v)
            }
        }
    }
}

macro_rules! wanting {
    ($($method:ident => $want:expr),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Diag> {
            self.any(visitor).map_err(|e| e.wanting($want))
        })*
    };
}

impl<'de> de::Deserializer<'de> for ValueDe {
    type Error = Diag;

    wanting! {
        deserialize_any => None,
        deserialize_bool => Some(Want::Bool),
        deserialize_i8 => Some(Want::Integer),
        deserialize_i16 => Some(Want::Integer),
        deserialize_i32 => Some(Want::Integer),
        deserialize_i64 => Some(Want::Integer),
        deserialize_u8 => Some(Want::Unsigned),
        deserialize_u16 => Some(Want::Unsigned),
        deserialize_u32 => Some(Want::Unsigned),
        deserialize_u64 => Some(Want::Unsigned),
        deserialize_f32 => Some(Want::Number),
        deserialize_f64 => Some(Want::Number),
        deserialize_char => Some(Want::Text),
        deserialize_str => Some(Want::Text),
        deserialize_string => Some(Want::Text),
        deserialize_identifier => Some(Want::Text),
        deserialize_bytes => None,
        deserialize_byte_buf => None,
        deserialize_unit => None,
        deserialize_seq => Some(Want::List),
        deserialize_map => Some(Want::Table),
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Diag> {
        visitor.visit_some(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Diag> {
        self.any(visitor).map_err(|e| e.wanting(None))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Diag> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Diag> {
        self.any(visitor).map_err(|e| e.wanting(Some(Want::List)))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Diag> {
        self.any(visitor).map_err(|e| e.wanting(Some(Want::List)))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Diag> {
        if name == "$__serde_spanned_private_Spanned" {
            // Spans come from the first, spanned parse; here only the value matters.
            // Spanned reads its keys as borrowed `&str`.
            let key = de::value::BorrowedStrDeserializer::<Diag>::new;
            let fields = [
                (key(SPANNED_FIELDS[0]), ValueDe(toml::Value::Integer(0))),
                (key(SPANNED_FIELDS[1]), ValueDe(toml::Value::Integer(0))),
                (key(SPANNED_FIELDS[2]), self),
            ];
            return visitor.visit_map(de::value::MapDeserializer::new(fields.into_iter()));
        }
        let want = if name == "$__toml_private_Datetime" {
            Want::Date
        } else {
            Want::Table
        };
        self.any(visitor).map_err(|e| e.wanting(Some(want)))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Diag> {
        match self.0 {
            toml::Value::String(s) => visitor.visit_enum(s.into_deserializer()),
            toml::Value::Table(t) => visitor.visit_enum(de::value::MapAccessDeserializer::new(
                de::value::MapDeserializer::new(t.into_iter().map(|(k, v)| (k, ValueDe(v)))),
            )),
            other => ValueDe(other)
                .any(visitor)
                .map_err(|e| e.wanting(Some(Want::Text))),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Diag> {
        visitor.visit_unit()
    }
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
        #[serde(default)]
        code: Option<toml::Spanned<String>>,
        #[serde(default)]
        due: Option<toml::value::Datetime>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        x: f64,
    }

    fn message(src: &str) -> (Option<usize>, String) {
        parse::<Doc>(src).unwrap_err()
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
            (
                "title = \"a\"\ncode = 5",
                "「code」の値 5 の種類が違います。文字列",
            ),
            (
                "title = \"a\"\ndue = \"2025-04-30\"",
                "「due」の値 \"2025-04-30\" の種類が違います。日付（例: 2024-04-30）",
            ),
            (
                "title = \"a\"\n[[items]]\nid = \"1\"\nx = 1\nextra = 2",
                "項目名「extra」は使えません（書き間違いがないか確認してください。使える項目: id、x）",
            ),
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
