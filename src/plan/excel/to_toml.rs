//! The plan as readable, deterministic TOML in the layout of the bundled plan.toml: the plan's
//! keys first, then 視点, 取組方針 (policies inline) and 取組項目 with their 指標. Keys with
//! no value are left out, as the plan reader's defaults are.

use std::fmt::Write;

use crate::plan::{Aggregation, Direction, EndReason, Implementers, Plan, Revision};

const HEADER: &str = "\
# 計画の内容（gyokaku の計画マスタ）
#
# このファイルは `gyokaku plan --import` で Excel の計画から作成しました。
# このファイルを直接編集することも、`gyokaku plan --export 計画.xlsx` で Excel に書き出して
# 編集し、`gyokaku plan --import 計画.xlsx` で取り込み直すこともできます。
# 値が決まっていない項目（未設定の基準値・目標値など）は書いていません。
";

/// The plan as TOML text (parsing it gives the same plan).
pub fn plan_toml(plan: &Plan) -> String {
    let mut out = String::from(HEADER);
    let o = &mut out;
    line(o, "");
    kv(o, "title", &string(&plan.title));
    kv(o, "municipality", &string(&plan.municipality));
    if let Some(code) = &plan.municipality_code {
        kv(o, "municipality_code", &string(code));
    }
    kv(o, "start_year", &plan.start_year.western().to_string());
    kv(o, "end_year", &plan.end_year.western().to_string());
    kv(
        o,
        "baseline_year",
        &plan.baseline_year.western().to_string(),
    );
    kv(o, "target_year", &plan.target_year.western().to_string());
    if let Some(y) = plan.first_reported_year {
        kv(o, "first_reported_year", &y.western().to_string());
    }
    if !plan.basic_policies.is_empty() {
        line(o, "");
        kv(o, "basic_policies", &list(&plan.basic_policies, ""));
    }
    line(o, "");
    line(o, "# 部署一覧（全部署 = この一覧のすべて）");
    kv(o, "departments", &list(&plan.departments, ""));
    if !plan.former_names.is_empty() {
        line(o, "# 部署の旧名称（組織改編の前の名前）");
        let entries: Vec<String> = plan
            .former_names
            .iter()
            .map(|(d, names)| {
                let names: Vec<String> = names.iter().map(|n| string(n)).collect();
                format!("{} = [{}]", string(d), names.join(", "))
            })
            .collect();
        kv(o, "former_names", &format!("{{ {} }}", entries.join(", ")));
    }
    if plan.pillars.is_empty() {
        kv(o, "pillars", "[]");
    }
    if plan.items.is_empty() {
        kv(o, "items", "[]");
    }

    for v in &plan.viewpoints {
        line(o, "");
        line(o, "[[viewpoints]]");
        kv(o, "name", &string(&v.name));
        if !v.description.is_empty() {
            kv(o, "description", &list(&v.description, ""));
        }
    }

    if !plan.pillars.is_empty() {
        line(o, "");
        line(
            o,
            "# ── 取組方針 ──────────────────────────────────────────",
        );
    }
    for p in &plan.pillars {
        line(o, "");
        line(o, "[[pillars]]");
        kv(o, "id", &string(&p.id));
        kv(o, "name", &string(&p.name));
        if !p.policies.is_empty() {
            let policies: Vec<String> = p
                .policies
                .iter()
                .map(|q| format!("{{ id = {}, name = {} }}", string(&q.id), string(&q.name)))
                .collect();
            kv(o, "policies", &block(&policies, ""));
        }
    }

    if !plan.items.is_empty() {
        line(o, "");
        line(
            o,
            "# ── 取組項目 ──────────────────────────────────────────",
        );
    }
    for item in &plan.items {
        line(o, "");
        line(o, "[[items]]");
        kv(o, "id", &string(item.code()));
        kv(o, "policy", &string(item.policy_id()));
        kv(o, "title", &string(&item.title));
        if let Some(c) = &item.continuity {
            kv(o, "continuity", &string(c));
        }
        if let Some(lead) = &item.lead {
            kv(o, "lead", &string(lead));
        }
        match &item.implementers {
            Implementers::All => kv(o, "implementers", &string(crate::plan::ALL_DEPARTMENTS)),
            Implementers::Listed(v) if v.is_empty() => {}
            Implementers::Listed(v) => {
                let names: Vec<String> = v.iter().map(|s| string(s)).collect();
                kv(o, "implementers", &format!("[{}]", names.join(", ")));
            }
        }
        if item.sample_departments {
            kv(o, "sample_departments", "true");
        }
        if let Some(outcome) = &item.outcome {
            kv(o, "outcome", &string(outcome));
        }
        if !item.situation.is_empty() {
            kv(o, "situation", &list(&item.situation, ""));
        }
        if !item.actions.is_empty() {
            kv(o, "actions", &list(&item.actions, ""));
        }
        if let Some(from) = item.from {
            kv(o, "from", &from.western().to_string());
        }
        if let Some(end) = &item.end {
            let reason = match end.reason {
                EndReason::Completed => "完了",
                EndReason::Abolished => "廃止",
                EndReason::Merged => "統合",
            };
            let into = end
                .into
                .as_ref()
                .map_or_else(String::new, |c| format!(", into = {}", string(c)));
            kv(
                o,
                "end",
                &format!(
                    "{{ year = {}, reason = {}{into} }}",
                    end.year.western(),
                    string(reason)
                ),
            );
        }
        if !item.revisions.is_empty() {
            let revisions: Vec<String> = item.revisions.iter().map(revision).collect();
            kv(o, "revisions", &block(&revisions, ""));
        }
        for ind in &item.indicators {
            let i = "  ";
            line(o, "");
            line(o, &format!("{i}[[items.indicators]]"));
            let kv = |o: &mut String, k: &str, v: &str| line(o, &format!("{i}{k} = {v}"));
            kv(o, "name", &string(&ind.name));
            kv(o, "unit", &string(&ind.unit));
            if let Some(v) = ind.baseline {
                kv(o, "baseline", &number(v));
            }
            if let Some(v) = ind.target {
                kv(o, "target", &number(v));
            }
            if !ind.yearly_targets.is_empty() {
                let pairs: Vec<String> = ind
                    .yearly_targets
                    .iter()
                    .map(|(y, v)| format!("{} = {}", string(y), number(*v)))
                    .collect();
                kv(o, "yearly_targets", &format!("{{ {} }}", pairs.join(", ")));
            }
            if ind.direction == Some(Direction::Lower) {
                kv(o, "direction", "\"lower\"");
            }
            if let Some(y) = ind.baseline_year {
                kv(o, "baseline_year", &y.western().to_string());
            }
            if let Some(c) = ind.comparison {
                kv(o, "comparison", &string(c.label()));
            }
            if let Some(y) = ind.from {
                kv(o, "from", &y.western().to_string());
            }
            if ind.aggregation == Aggregation::Sum {
                kv(o, "aggregation", "\"sum\"");
            }
            if ind.decimals != 0 {
                kv(o, "decimals", &ind.decimals.to_string());
            }
            if let Some(v) = ind.min {
                kv(o, "min", &number(v));
            }
            if let Some(v) = ind.max {
                kv(o, "max", &number(v));
            }
            if ind.sample {
                kv(o, "sample", "true");
            }
        }
    }
    out
}

/// A revision as an inline table: `{ year = 2024, target = 350, note = "…" }`.
fn revision(r: &Revision) -> String {
    let mut parts = vec![format!("year = {}", r.year.western())];
    let texts = [
        ("title", &r.title),
        ("lead", &r.lead),
        ("indicator", &r.indicator),
        ("indicator_name", &r.indicator_name),
    ];
    for (key, value) in texts {
        if let Some(v) = value {
            parts.push(format!("{key} = {}", string(v)));
        }
    }
    if let Some(t) = r.target {
        parts.push(format!("target = {}", number(t)));
    }
    if let Some(n) = &r.note {
        parts.push(format!("note = {}", string(n)));
    }
    format!("{{ {} }}", parts.join(", "))
}

fn line(out: &mut String, text: &str) {
    let _ = writeln!(out, "{text}");
}

fn kv(out: &mut String, key: &str, value: &str) {
    line(out, &format!("{key} = {value}"));
}

/// A multi-line array of strings.
fn list(values: &[String], indent: &str) -> String {
    let quoted: Vec<String> = values.iter().map(|v| string(v)).collect();
    block(&quoted, indent)
}

/// A multi-line array of TOML values (one per line).
fn block(values: &[String], indent: &str) -> String {
    if values.is_empty() {
        return "[]".to_string();
    }
    let mut s = String::from("[\n");
    for v in values {
        let _ = writeln!(s, "{indent}  {v},");
    }
    s.push_str(indent);
    s.push(']');
    s
}

/// A TOML basic string: `"…"` with \\, \" and control characters escaped.
fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as TOML: whole numbers as integers (25), others in Rust's shortest form that reads
/// back to the same value (0.1, 1.5e20).
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_numbers_read_back() {
        #[derive(serde::Deserialize)]
        struct Doc {
            s: String,
            n: Vec<f64>,
        }
        let tricky = "引用\"符\\ と\n改行\tタブ\u{7}";
        let values = [0.1, 25.0, -3.0, 1e20, 1.5e-7, 123456.789, 1e15];
        let nums: Vec<String> = values.iter().map(|v| number(*v)).collect();
        let text = format!("s = {}\nn = [{}]\n", string(tricky), nums.join(", "));
        let doc: Doc = toml::from_str(&text).unwrap();
        assert_eq!(doc.s, tricky);
        assert_eq!(doc.n, values);
        assert_eq!(number(25.0), "25");
        assert_eq!(number(0.1), "0.1");
    }
}
