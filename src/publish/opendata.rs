//! Open data: the year's results and every earlier year of the history as CSV files (UTF-8
//! with BOM, CRLF, RFC 4180 quoting, one header row, one value per cell, 西暦 fiscal years,
//! numbers without separators or units), a 項目定義.csv describing every column, and the
//! same data as one JSON file. The first columns follow the 自治体標準オープンデータセット:
//! 全国地方公共団体コード, ID, 地方公共団体名.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{Publication, PublishedFile};
use crate::plan::{Aggregation, Direction, PublishField};
use crate::report::model::{ItemReport, Rate};

/// Folder of the open data inside the publication folder.
pub const FOLDER: &str = "opendata";
/// The JSON file for developers.
pub const JSON_NAME: &str = "全データ.json";
/// The column definitions.
pub const DEFINITIONS_NAME: &str = "項目定義.csv";

/// A value of a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (written as is, quoted when needed).
    Text(String),
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

    /// A rate as a percentage rounded to one decimal (as every output shows it).
    fn percent(rate: Rate) -> Value {
        match rate {
            Rate::Value(v) => Value::Number((v * 1000.0).round() / 10.0),
            _ => Value::Empty,
        }
    }

    /// The CSV text of the value.
    fn csv(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(v) => plain_number(*v),
            Value::Empty => String::new(),
        }
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
    Text,
    Integer,
    Number,
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
    pub name: String,
    pub kind: Kind,
    pub unit: String,
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
    /// File name (取組一覧.csv).
    pub file: String,
    /// What the file holds, in one sentence.
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// The key of the table in the JSON file (the file name without .csv).
    pub fn key(&self) -> &str {
        self.file.trim_end_matches(".csv")
    }

    /// The CSV bytes: BOM, header row, CRLF line ends, RFC 4180 quoting.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = String::from("\u{feff}");
        let header: Vec<String> = self.columns.iter().map(|c| c.name.clone()).collect();
        write_record(&mut out, &header);
        for row in &self.rows {
            let fields: Vec<String> = row.iter().map(Value::csv).collect();
            write_record(&mut out, &fields);
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

/// The columns every file starts with.
fn common_columns() -> Vec<Column> {
    vec![
        col(
            "全国地方公共団体コード",
            Kind::Text,
            "",
            "総務省の全国地方公共団体コード（6桁、検査数字を含む）。計画マスタに設定がないときは空欄",
        ),
        col("ID", Kind::Text, "", "このファイルの中で行を一意に示す番号"),
        col(
            "地方公共団体名",
            Kind::Text,
            "",
            "計画を定めた地方公共団体の名称",
        ),
    ]
}

/// The three common values of a row.
fn common(p: &Publication<'_>, id: String) -> Vec<Value> {
    let facts = &p.model.facts;
    vec![
        Value::opt_text(facts.municipality_code.as_deref()),
        Value::Text(id),
        Value::text(facts.municipality.clone()),
    ]
}

fn year_column() -> Column {
    col(
        "年度",
        Kind::Year,
        "年度",
        "会計年度（4月〜翌年3月）を西暦で表したもの",
    )
}

fn sample_column() -> Column {
    col(
        "サンプル",
        Kind::Text,
        "",
        "「サンプル」= 計画に記載がなく、試行のために架空の値を補った行。空欄 = 計画の記載どおり",
    )
}

fn sample(flag: bool) -> Value {
    if flag {
        Value::text("サンプル")
    } else {
        Value::Empty
    }
}

/// 取組一覧: one row per item and year.
fn items_table(p: &Publication<'_>, by_code: &HashMap<&str, &ItemReport>) -> Table {
    let facts = &p.model.facts;
    let mut columns = common_columns();
    columns.extend([
        year_column(),
        col("管理番号", Kind::Text, "", "計画での取組項目の番号"),
        col(
            "取組方針",
            Kind::Text,
            "",
            "取組項目が属する取組方針（番号と名称）",
        ),
        col("取組項目", Kind::Text, "", "取組項目の名称"),
    ]);
    if facts.has_continuity {
        columns.push(col(
            "前期計画",
            Kind::Text,
            "",
            "前期計画との関係（継続・新規など）",
        ));
    }
    columns.extend([
        col(
            "担当部署",
            Kind::Text,
            "",
            "取組をまとめる部署。空欄 = 計画で未設定",
        ),
        col(
            "取組部署",
            Kind::Text,
            "",
            "担当部署とともに取り組む部署（「、」区切り、または「全部署」）",
        ),
        col(
            "提出状況",
            Kind::Text,
            "",
            "その年度の報告の状況（提出済・要確認・未提出・担当部署未設定）",
        ),
        col(
            "評価",
            Kind::Text,
            "",
            "担当部署による進み具合の評価の記号。空欄 = 評価なし（未提出など）",
        ),
        col("評価の内容", Kind::Text, "", "評価の記号の意味"),
        col(
            "具体的な取組の状況",
            Kind::Text,
            "",
            "具体的な取組ごとの状況の件数（詳細は 具体的な取組.csv）",
        ),
    ]);
    let fields = [
        (PublishField::WorkDone, "実施内容", "その年度に実施した内容"),
        (PublishField::Issues, "課題", "取組を進めるうえでの課題"),
        (
            PublishField::NextSteps,
            "今後の方向性",
            "翌年度以降の取組の方向性",
        ),
    ];
    for (field, name, meaning) in fields {
        if p.shows(field) {
            columns.push(col(name, Kind::Text, "", meaning));
        }
    }
    let effect = p.shows(PublishField::EffectAmount);
    if let (true, Some(unit)) = (effect, &facts.effect_unit) {
        columns.push(col(
            "効果額",
            Kind::Number,
            unit,
            "取組による経費の削減額・増収額。空欄 = 報告なし",
        ));
    }
    columns.push(sample_column());
    let mut rows = Vec::new();
    for r in &p.model.item_years {
        let Some(item) = by_code.get(r.code.as_str()) else {
            continue;
        };
        let mut row = common(p, format!("{}-{}", r.year.western(), r.code));
        row.extend([
            Value::Number(f64::from(r.year.western())),
            Value::text(r.code.clone()),
            Value::text(item.policy.clone()),
            Value::text(item.title.clone()),
        ]);
        if facts.has_continuity {
            row.push(Value::opt_text(item.continuity.as_deref()));
        }
        row.extend([
            Value::opt_text(item.lead.as_deref()),
            Value::opt_text(item.implementers.as_deref()),
            Value::text(r.state.label()),
            Value::opt_text(r.evaluation.as_ref().map(|e| e.code.as_str())),
            Value::opt_text(r.evaluation.as_ref().map(|e| e.label.as_str())),
            Value::text(r.status_summary.clone()),
        ]);
        for (field, value) in [
            (PublishField::WorkDone, &r.work_done),
            (PublishField::Issues, &r.issues),
            (PublishField::NextSteps, &r.next_steps),
        ] {
            if p.shows(field) {
                row.push(Value::opt_text(value.as_deref()));
            }
        }
        if effect {
            row.push(Value::number(r.effect_amount));
        }
        row.push(sample(item.sample));
        rows.push(row);
    }
    Table {
        file: "取組一覧.csv".into(),
        title: "取組項目ごと・年度ごとの評価と取組の内容".into(),
        columns,
        rows,
    }
}

/// 具体的な取組: one row per item, action and year.
fn actions_table(p: &Publication<'_>, by_code: &HashMap<&str, &ItemReport>) -> Table {
    let mut columns = common_columns();
    columns.extend([
        year_column(),
        col("管理番号", Kind::Text, "", "計画での取組項目の番号"),
        col("取組項目", Kind::Text, "", "取組項目の名称"),
        col(
            "取組番号",
            Kind::Integer,
            "",
            "取組項目の中での具体的な取組の順番（1から）",
        ),
        col("具体的な取組", Kind::Text, "", "計画に書かれた具体的な取組"),
        col(
            "状況",
            Kind::Text,
            "",
            "その年度の状況（設定された選択肢のいずれか）。空欄 = 記入なし・未提出",
        ),
    ]);
    let mut rows = Vec::new();
    for r in &p.model.item_years {
        let Some(item) = by_code.get(r.code.as_str()) else {
            continue;
        };
        for (k, action) in item.actions.iter().enumerate() {
            let mut row = common(p, format!("{}-{}-{}", r.year.western(), r.code, k + 1));
            row.extend([
                Value::Number(f64::from(r.year.western())),
                Value::text(r.code.clone()),
                Value::text(item.title.clone()),
                Value::Number((k + 1) as f64),
                Value::text(action.text.clone()),
                Value::opt_text(r.statuses.get(k).and_then(Option::as_deref)),
            ]);
            rows.push(row);
        }
    }
    Table {
        file: "具体的な取組.csv".into(),
        title: "具体的な取組ごと・年度ごとの状況".into(),
        columns,
        rows,
    }
}

/// 指標: one row per item, indicator and year.
fn indicators_table(p: &Publication<'_>) -> Table {
    let facts = &p.model.facts;
    let mut columns = common_columns();
    columns.extend([
        year_column(),
        col("管理番号", Kind::Text, "", "計画での取組項目の番号"),
        col("取組項目", Kind::Text, "", "取組項目の名称"),
        col(
            "指標番号",
            Kind::Integer,
            "",
            "取組項目の中での指標の順番（1から）",
        ),
        col("指標名", Kind::Text, "", "指標の名称"),
        col("単位", Kind::Text, "", "基準値・目標値・年度目標・実績の単位"),
        col(
            "方向",
            Kind::Text,
            "",
            "「大きいほど良い」または「小さいほど良い」",
        ),
        col(
            "集計方法",
            Kind::Text,
            "",
            "「担当部署の値」または「関係部署の値の合計」",
        ),
        col(
            "基準年度",
            Kind::Year,
            "年度",
            "基準値の年度（西暦）",
        ),
        col(
            "基準値",
            Kind::Number,
            "列「単位」のとおり",
            "計画の基準値。空欄 = 計画で未設定",
        ),
        col(
            "目標年度",
            Kind::Year,
            "年度",
            "目標値の年度（西暦）",
        ),
        col(
            "目標値",
            Kind::Number,
            "列「単位」のとおり",
            "計画の目標値。空欄 = 計画で未設定",
        ),
        col(
            "年度目標",
            Kind::Number,
            "列「単位」のとおり",
            "計画がその年度に定める目標。空欄 = 定めなし",
        ),
        col(
            "実績",
            Kind::Number,
            "列「単位」のとおり",
            "その年度の実績。空欄 = 報告なし",
        ),
        col(
            "年度達成率",
            Kind::Number,
            "%",
            &format!(
                "年度目標に対する達成率（小数第1位まで）。{}。空欄 = 年度目標または実績がない",
                facts.achievement.description()
            ),
        ),
        col(
            "達成率",
            Kind::Number,
            "%",
            &format!(
                "目標値に対する達成率（小数第1位まで）。{}。空欄 = 基準値・目標値・実績のいずれかがない",
                facts.achievement.description()
            ),
        ),
        col(
            "一部未報告",
            Kind::Text,
            "",
            "「一部未報告」= 部署の値の合計で、報告していない部署がある",
        ),
        sample_column(),
    ]);
    let mut rows = Vec::new();
    for item in &p.model.items {
        for x in &item.indicators {
            for v in &x.values {
                let mut row = common(
                    p,
                    format!("{}-{}-{}", v.year.western(), item.code, x.index + 1),
                );
                row.extend([
                    Value::Number(f64::from(v.year.western())),
                    Value::text(item.code.clone()),
                    Value::text(item.title.clone()),
                    Value::Number((x.index + 1) as f64),
                    Value::text(x.name.clone()),
                    Value::text(x.unit.clone()),
                    Value::text(match x.direction {
                        Direction::Higher => "大きいほど良い",
                        Direction::Lower => "小さいほど良い",
                    }),
                    Value::text(match x.aggregation {
                        Aggregation::Lead => "担当部署の値",
                        Aggregation::Sum => "関係部署の値の合計",
                    }),
                    Value::Number(f64::from(facts.baseline_year.western())),
                    Value::number(x.baseline),
                    Value::Number(f64::from(facts.target_year.western())),
                    Value::number(x.target),
                    Value::number(v.target),
                    Value::number(v.value),
                    Value::percent(v.rate),
                    Value::percent(v.final_rate),
                    if v.incomplete && v.value.is_some() {
                        Value::text("一部未報告")
                    } else {
                        Value::Empty
                    },
                    sample(x.sample),
                ]);
                rows.push(row);
            }
        }
    }
    Table {
        file: "指標.csv".into(),
        title: "指標ごと・年度ごとの実績・目標と達成率".into(),
        columns,
        rows,
    }
}

/// 効果額: one row per item that reported an amount in any year, and year.
fn effects_table(p: &Publication<'_>) -> Option<Table> {
    let unit = p.model.facts.effect_unit.as_ref()?;
    if !p.shows(PublishField::EffectAmount) {
        return None;
    }
    let mut columns = common_columns();
    columns.extend([
        year_column(),
        col("管理番号", Kind::Text, "", "計画での取組項目の番号"),
        col("取組項目", Kind::Text, "", "取組項目の名称"),
        col("担当部署", Kind::Text, "", "取組をまとめる部署"),
        col(
            "効果額",
            Kind::Number,
            unit,
            "取組による経費の削減額・増収額。空欄 = その年度の報告なし",
        ),
    ]);
    let table = &p.model.effects;
    let mut rows = Vec::new();
    for r in &table.rows {
        for (year, amount) in table.years.iter().zip(&r.amounts) {
            let mut row = common(p, format!("{}-{}", year.western(), r.code));
            row.extend([
                Value::Number(f64::from(year.western())),
                Value::text(r.code.clone()),
                Value::text(r.title.clone()),
                Value::opt_text(r.lead.as_deref()),
                Value::number(*amount),
            ]);
            rows.push(row);
        }
    }
    Some(Table {
        file: "効果額.csv".into(),
        title: "取組項目ごと・年度ごとの効果額".into(),
        columns,
        rows,
    })
}

/// Every data table of the publication, in file order.
pub fn tables(p: &Publication<'_>) -> Vec<Table> {
    let by_code: HashMap<&str, &ItemReport> =
        p.model.items.iter().map(|i| (i.code.as_str(), i)).collect();
    let mut out = vec![
        items_table(p, &by_code),
        actions_table(p, &by_code),
        indicators_table(p),
    ];
    out.extend(effects_table(p));
    out
}

/// 項目定義: one row per column of every data file.
fn definitions(tables: &[Table]) -> Table {
    let columns = vec![
        col("ファイル名", Kind::Text, "", "データファイルの名前"),
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
            "値の種類（文字列・整数・数値・整数（西暦年度））",
        ),
        col("単位", Kind::Text, "", "数値の単位"),
        col("説明", Kind::Text, "", "列の意味"),
    ];
    let mut rows = Vec::new();
    for t in tables {
        for (i, c) in t.columns.iter().enumerate() {
            rows.push(vec![
                Value::text(t.file.clone()),
                Value::Number((i + 1) as f64),
                Value::text(c.name.clone()),
                Value::text(c.kind.label()),
                Value::text(c.unit.clone()),
                Value::text(c.meaning.clone()),
            ]);
        }
    }
    let mut t = Table {
        file: DEFINITIONS_NAME.into(),
        title: "各データファイルの列の名前・型・単位・意味".into(),
        columns,
        rows,
    };
    // The definition file describes itself too.
    let own: Vec<Vec<Value>> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                Value::text(DEFINITIONS_NAME),
                Value::Number((i + 1) as f64),
                Value::text(c.name.clone()),
                Value::text(c.kind.label()),
                Value::text(c.unit.clone()),
                Value::text(c.meaning.clone()),
            ]
        })
        .collect();
    t.rows.extend(own);
    t
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn json_value(v: &Value) -> String {
    match v {
        Value::Text(s) => json_string(s),
        Value::Number(n) => plain_number(*n),
        Value::Empty => "null".into(),
    }
}

/// The same data as one JSON document: the facts, then each table as a list of objects
/// whose keys are the CSV's column names in their order, and the column definitions.
fn json(p: &Publication<'_>, tables: &[Table]) -> Vec<u8> {
    let facts = &p.model.facts;
    let mut out = String::from("{\n");
    let mut field = |key: &str, value: String| {
        let _ = writeln!(out, "  {}: {value},", json_string(key));
    };
    field(
        "全国地方公共団体コード",
        facts
            .municipality_code
            .as_deref()
            .map_or_else(|| "null".into(), json_string),
    );
    field("地方公共団体名", json_string(&facts.municipality));
    field("計画名", json_string(&facts.plan_title));
    field("年度", p.model.year.western().to_string());
    field(
        "収録年度",
        format!(
            "[{}]",
            p.model
                .years
                .iter()
                .map(|y| y.western().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    field(
        "公表日",
        p.iso_date()
            .map_or_else(|| "null".into(), |d| json_string(&d)),
    );
    field("作成者", json_string(&facts.secretariat));
    if !p.settings.license.trim().is_empty() {
        field("利用条件", json_string(p.settings.license.trim()));
    }
    field(
        "評価の段階",
        format!(
            "[{}]",
            p.model
                .levels
                .iter()
                .map(|l| format!(
                    "{{\"記号\": {}, \"内容\": {}, \"説明\": {}}}",
                    json_string(&l.code),
                    json_string(&l.label),
                    json_string(&l.meaning)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    out.push_str("  \"データ\": {\n");
    for (t_i, t) in tables.iter().enumerate() {
        let _ = writeln!(out, "    {}: [", json_string(t.key()));
        for (r_i, row) in t.rows.iter().enumerate() {
            let pairs: Vec<String> = t
                .columns
                .iter()
                .zip(row)
                .map(|(c, v)| format!("{}: {}", json_string(&c.name), json_value(v)))
                .collect();
            let comma = if r_i + 1 < t.rows.len() { "," } else { "" };
            let _ = writeln!(out, "      {{{}}}{comma}", pairs.join(", "));
        }
        let comma = if t_i + 1 < tables.len() { "," } else { "" };
        let _ = writeln!(out, "    ]{comma}");
    }
    out.push_str("  }\n}\n");
    out.into_bytes()
}

/// Every open-data file (CSV files, 項目定義.csv, the JSON file), paths inside the folder.
pub fn files(p: &Publication<'_>) -> Vec<PublishedFile> {
    let mut tables = tables(p);
    let defs = definitions(&tables);
    tables.push(defs);
    let mut files: Vec<PublishedFile> = tables
        .iter()
        .map(|t| PublishedFile {
            path: format!("{FOLDER}/{}", t.file),
            bytes: t.csv(),
        })
        .collect();
    files.push(PublishedFile {
        path: format!("{FOLDER}/{JSON_NAME}"),
        bytes: json(p, &tables),
    });
    files
}

/// The title of a data file (for the links on the index page).
pub fn titles(p: &Publication<'_>) -> Vec<(String, String)> {
    let mut tables = tables(p);
    tables.push(definitions(&tables));
    tables.into_iter().map(|t| (t.file, t.title)).collect()
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
    }
}
