//! The open data as one JSON document for developers.

use std::fmt::Write as _;

use super::{Table, Value, plain_number};
use crate::publish::Publication;

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn json_value(v: &Value) -> String {
    match v {
        Value::Text(s) | Value::Code(s) => json_string(s),
        Value::Number(n) => plain_number(*n),
        Value::Empty => "null".into(),
    }
}

/// The same data as one JSON document: the facts, then each table as a list of objects
/// whose keys are the CSV's column names in their order, and the column definitions.
pub(super) fn json(p: &Publication<'_>, tables: &[Table]) -> Vec<u8> {
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
