//! Open data: the year's results and every earlier year of the history as CSV files (UTF-8
//! with BOM, CRLF, RFC 4180 quoting, one header row, one value per cell, 西暦 fiscal years,
//! numbers without separators or units, codes always quoted), a 項目定義 describing every
//! column, and the same data as one JSON file. After the 自治体標準オープンデータセット: ASCII
//! file names `<全国地方公共団体コード>_<english_dataset>.csv`, the first columns
//! 全国地方公共団体コード, ID, 地方公共団体名, several values of one cell separated by ";".

mod json;
mod tables;

pub use tables::tables;

use super::{Publication, PublishedFile};
use crate::report::model::Rate;

/// Folder of the open data inside the publication folder.
pub const FOLDER: &str = "opendata";
/// The English dataset name of the JSON file for developers.
pub const JSON_DATASET: &str = "reform_all";
/// The English dataset name of the column definitions (項目定義).
pub const DEFINITIONS_DATASET: &str = "reform_columns";

/// An ASCII file name after the 自治体標準オープンデータセット convention:
/// `<全国地方公共団体コード>_<english_dataset>.<ext>` (`222259_reform_items.csv`), or the
/// dataset name alone when the plan has no valid code.
pub fn file_name(p: &Publication<'_>, dataset: &str, ext: &str) -> String {
    match p.model.facts.municipality_code.as_deref() {
        Some(code) if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{code}_{dataset}.{ext}")
        }
        _ => format!("{dataset}.{ext}"),
    }
}

/// The JSON file's name.
pub fn json_name(p: &Publication<'_>) -> String {
    file_name(p, JSON_DATASET, "json")
}

/// A value of a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (written as is, quoted when needed).
    Text(String),
    /// A code (全国地方公共団体コード, 管理番号, ID): text that must stay text, always
    /// quoted so that its leading zeros survive.
    Code(String),
    /// A number (no separators, no unit; as many decimals as it has).
    Number(f64),
    /// No value.
    Empty,
}

impl Value {
    fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn opt_text(s: Option<&str>) -> Value {
        s.map_or(Value::Empty, |s| Value::Text(s.to_string()))
    }

    fn number(v: Option<f64>) -> Value {
        v.map_or(Value::Empty, Value::Number)
    }

    /// A rate as a percentage rounded to one decimal (the model's rounding, as every output
    /// shows it).
    fn percent(rate: Rate) -> Value {
        rate.percent()
            .map_or(Value::Empty, |p| Value::Number(p.value()))
    }

    /// The CSV text of the value: a text a spreadsheet would run as a formula is
    /// neutralised (see [`neutralised`]); numbers stay numbers.
    fn csv(&self) -> String {
        match self {
            Value::Text(s) | Value::Code(s) => neutralised(s),
            Value::Number(v) => plain_number(*v),
            Value::Empty => String::new(),
        }
    }
}

/// What 項目定義 says about texts that look like formulas.
pub const FORMULA_NOTE: &str = "文字列の値が = + - @ で始まるとき（前に空白があるときも）やタブ・改行で始まるときは、表計算ソフトが数式として実行しないよう、先頭に ' （半角の引用符）を付けています";

/// A text cell of the CSV made safe to open in a spreadsheet (OWASP's CSV-injection
/// guidance): a text starting with `=`, `+`, `-`, `@`, a TAB or a CR, also after leading
/// spaces, gets a single quote in front so that Excel shows it instead of running it.
/// The JSON file keeps the text as it is.
pub fn neutralised(s: &str) -> String {
    if crate::text::runs_as_formula(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A number without separators or exponent: 1200 → "1200", 98.5 → "98.5".
fn plain_number(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The data type of a column, as 項目定義 names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 文字列.
    Text,
    /// 整数.
    Integer,
    /// 数値 (decimals allowed).
    Number,
    /// 整数（西暦年度）.
    Year,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Text => "文字列",
            Kind::Integer => "整数",
            Kind::Number => "数値",
            Kind::Year => "整数（西暦年度）",
        }
    }
}

/// A column of a data file: name, type, unit and meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Heading in the header row.
    pub name: String,
    /// Data type.
    pub kind: Kind,
    /// Unit of numbers (empty when none).
    pub unit: String,
    /// What the column holds, in one sentence.
    pub meaning: String,
}

fn col(name: &str, kind: Kind, unit: &str, meaning: &str) -> Column {
    Column {
        name: name.into(),
        kind,
        unit: unit.into(),
        meaning: meaning.into(),
    }
}

/// A data file: its name, a title, its columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// ASCII file name (222259_reform_items.csv).
    pub file: String,
    /// Japanese name of the dataset (取組一覧): the key in the JSON file.
    pub name: String,
    /// What the file holds, in one sentence.
    pub title: String,
    /// The columns, in file order.
    pub columns: Vec<Column>,
    /// The rows, one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// The key of the table in the JSON file (its Japanese name).
    pub fn key(&self) -> &str {
        &self.name
    }

    /// The CSV bytes: BOM, header row, CRLF line ends, RFC 4180 quoting.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = String::from("\u{feff}");
        let header: Vec<String> = self.columns.iter().map(|c| c.name.clone()).collect();
        write_record(&mut out, &header);
        for row in &self.rows {
            let fields: Vec<String> = row.iter().map(Value::csv).collect();
            if !row.iter().any(|v| matches!(v, Value::Code(_))) {
                write_record(&mut out, &fields);
                continue;
            }
            // Codes always quoted: each field written by write_record alone, a code
            // wrapped in quotes unless write_record quoted it already.
            for (i, (v, f)) in row.iter().zip(&fields).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let mut one = String::new();
                write_record(&mut one, std::slice::from_ref(f));
                let one = one.trim_end_matches("\r\n");
                match v {
                    Value::Code(_) if !one.starts_with('"') => {
                        out.push('"');
                        out.push_str(one);
                        out.push('"');
                    }
                    _ => out.push_str(one),
                }
            }
            out.push_str("\r\n");
        }
        out.into_bytes()
    }
}

/// One CSV record with its CRLF; a field is quoted when it holds a comma, a quote or a line
/// break (line breaks inside a field are written as CRLF).
fn write_record(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let field = field.replace("\r\n", "\n").replace('\r', "\n");
        if field.contains([',', '"', '\n']) || field.starts_with(' ') || field.ends_with(' ') {
            out.push('"');
            out.push_str(&field.replace('"', "\"\"").replace('\n', "\r\n"));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

/// 項目定義: one row per column of every data file.
fn definitions(p: &Publication<'_>, tables: &[Table]) -> Table {
    let file = file_name(p, DEFINITIONS_DATASET, "csv");
    let name = "項目定義";
    let columns = vec![
        col("ファイル名", Kind::Text, "", "データファイルの名前"),
        col("データ名", Kind::Text, "", "データファイルの日本語の名前"),
        col(
            "列番号",
            Kind::Integer,
            "",
            "ファイルの中での列の順番（1から）",
        ),
        col("項目名", Kind::Text, "", "見出し行に書かれた列の名前"),
        col(
            "型",
            Kind::Text,
            "",
            &format!("値の種類（文字列・整数・数値・整数（西暦年度））。{FORMULA_NOTE}"),
        ),
        col("単位", Kind::Text, "", "数値の単位"),
        col("説明", Kind::Text, "", "列の意味"),
    ];
    let rows = tables
        .iter()
        .flat_map(|t| definition_rows(&t.file, &t.name, &t.columns))
        // The definition file describes itself too.
        .chain(definition_rows(&file, name, &columns))
        .collect();
    Table {
        file,
        name: name.into(),
        title: "各データファイルの列の名前・型・単位・意味".into(),
        columns,
        rows,
    }
}

/// The 項目定義 rows of a file's columns.
fn definition_rows<'c>(
    file: &'c str,
    name: &'c str,
    columns: &'c [Column],
) -> impl Iterator<Item = Vec<Value>> + 'c {
    columns.iter().enumerate().map(move |(i, c)| {
        vec![
            Value::text(file),
            Value::text(name),
            Value::Number((i + 1) as f64),
            Value::text(c.name.clone()),
            Value::text(c.kind.label()),
            Value::text(c.unit.clone()),
            Value::text(c.meaning.clone()),
        ]
    })
}

/// Every open-data file (CSV files, the 項目定義, the JSON file), paths inside the folder.
pub fn files(p: &Publication<'_>) -> Vec<PublishedFile> {
    let mut tables = tables(p);
    let defs = definitions(p, &tables);
    tables.push(defs);
    let mut files: Vec<PublishedFile> = tables
        .iter()
        .map(|t| PublishedFile {
            path: format!("{FOLDER}/{}", t.file),
            bytes: t.csv(),
        })
        .collect();
    files.push(PublishedFile {
        path: format!("{FOLDER}/{}", json_name(p)),
        bytes: json::json(p, &tables),
    });
    files
}

/// The file name, Japanese name and title of every data file (for the index page).
pub fn titles(p: &Publication<'_>) -> Vec<(String, String, String)> {
    let mut tables = tables(p);
    let defs = definitions(p, &tables);
    tables.push(defs);
    tables
        .into_iter()
        .map(|t| (t.file, t.name, t.title))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> String {
        let mut s = String::new();
        let v: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        write_record(&mut s, &v);
        s
    }

    #[test]
    fn a_text_a_spreadsheet_would_run_gets_a_quote_and_numbers_stay_numbers() {
        for risky in crate::text::FORMULA_SAMPLES {
            assert_eq!(Value::text(risky).csv(), format!("'{risky}"), "{risky:?}");
            assert_eq!(Value::Code(risky.into()).csv(), format!("'{risky}"));
        }
        for safe in ["1-1", "取組 = 見直し", "a@b", "", " "] {
            assert_eq!(Value::text(safe).csv(), safe);
        }
        assert_eq!(Value::Number(-1.5).csv(), "-1.5");
        assert_eq!(Value::Number(-1200.0).csv(), "-1200");
    }

    #[test]
    fn csv_quotes_only_what_needs_it_and_ends_lines_with_crlf() {
        assert_eq!(record(&["a", "b"]), "a,b\r\n");
        assert_eq!(record(&["a,b", "c\"d"]), "\"a,b\",\"c\"\"d\"\r\n");
        assert_eq!(record(&["1行目\n2行目"]), "\"1行目\r\n2行目\"\r\n");
        assert_eq!(record(&["x\r\ny"]), "\"x\r\ny\"\r\n");
        assert_eq!(record(&["", ""]), ",\r\n");
    }

    #[test]
    fn numbers_have_no_separators_units_or_exponents() {
        assert_eq!(plain_number(1234567.0), "1234567");
        assert_eq!(plain_number(98.5), "98.5");
        assert_eq!(plain_number(-0.0), "0");
        assert_eq!(plain_number(1e20), "100000000000000000000");
        assert_eq!(plain_number(0.000001), "0.000001");
        assert_eq!(Value::percent(Rate::Value(0.8533)).csv(), "85.3");
        assert_eq!(Value::percent(Rate::Unset).csv(), "");
    }

    #[test]
    fn csv_starts_with_a_bom_and_one_header_row() {
        let t = Table {
            file: "x.csv".into(),
            name: "x".into(),
            title: "x".into(),
            columns: vec![
                col("年度", Kind::Year, "", ""),
                col("値", Kind::Number, "", ""),
            ],
            rows: vec![vec![Value::Number(2023.0), Value::Empty]],
        };
        assert_eq!(
            String::from_utf8(t.csv()).unwrap(),
            "\u{feff}年度,値\r\n2023,\r\n"
        );
        assert_eq!(t.key(), "x");
        let codes = Table {
            rows: vec![vec![Value::Code("0123".into()), Value::Code("a,b".into())]],
            ..t
        };
        assert_eq!(
            String::from_utf8(codes.csv()).unwrap(),
            "\u{feff}年度,値\r\n\"0123\",\"a,b\"\r\n"
        );
    }
}
