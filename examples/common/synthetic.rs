//! Synthetic large-city data shared by the benchmarks.
#![allow(dead_code)]

use gyokaku::form::Value;
use gyokaku::form::template::FilledValues;
use gyokaku::form::{Field, SheetKind, department_forms};
use gyokaku::plan::Plan;

/// Departments of the synthetic plan.
pub const DEPARTMENTS: usize = 100;

/// A large-city plan as TOML: `items` items over 8 取組方針 and 100 departments; each item
/// has one lead, three implementing departments, three actions and two indicators (one
/// Settings of the synthetic city: no names of a real one.
pub fn synthetic_settings() -> gyokaku::plan::Settings {
    gyokaku::plan::Settings::parse(
        "[report]\ntitle = \"進捗状況報告\"\ncommittee = \"推進委員会\"\nsecretariat = \"企画課\"\n[effect]\nunit = \"千円\"\n",
        std::path::Path::new("report.toml"),
    )
    .expect("settings")
}

/// summed). Texts are `text_scale` times a realistic length.
pub fn synthetic_plan(items: usize, text_scale: usize) -> String {
    let mut t = String::from(
        "title = \"大規模市 行財政改革 行動計画（ベンチマーク）\"\nmunicipality = \"ベンチ市\"\n\
         start_year = 2022\nend_year = 2025\nbaseline_year = 2021\ntarget_year = 2025\n",
    );
    let depts: Vec<String> = (0..DEPARTMENTS)
        .map(|d| format!("\"部署{d:03}課\""))
        .collect();
    t.push_str(&format!("departments = [{}]\n", depts.join(", ")));
    for p in 1..=2 {
        t.push_str(&format!(
            "[[pillars]]\nid = \"{p}\"\nname = \"柱{p}\"\npolicies = ["
        ));
        let policies: Vec<String> = (1..=4)
            .map(|s| format!("{{ id = \"{p}-{s}\", name = \"方針{p}-{s}\" }}"))
            .collect();
        t.push_str(&policies.join(", "));
        t.push_str("]\n");
    }
    for i in 0..items {
        let policy = i % 8;
        let (p, s) = (policy / 4 + 1, policy % 4 + 1);
        let serial = i / 8 + 1;
        let lead = i % DEPARTMENTS;
        let others: Vec<String> = (1..=3)
            .map(|k| format!("\"部署{:03}課\"", (lead + k * 7) % DEPARTMENTS))
            .collect();
        t.push_str(&format!(
            "[[items]]\nid = \"{p}{s}{serial:02}\"\npolicy = \"{p}-{s}\"\ntitle = \"取組項目{i}\"\n\
             continuity = \"継続\"\nlead = \"部署{lead:03}課\"\nimplementers = [{}]\n\
             outcome = \"{outcome}\"\nsituation = [\"{situation}\"]\n\
             actions = [\"取組その1を実施する。\", \"取組その2を実施する。\", \"取組その3を実施する。\"]\n\
             [[items.indicators]]\nname = \"指標A\"\nunit = \"件\"\nbaseline = 100\ntarget = 200\n\
             [[items.indicators]]\nname = \"指標B\"\nunit = \"件\"\nbaseline = 10\ntarget = 50\naggregation = \"sum\"\n",
            others.join(", "),
            outcome = "達成後の状態の説明文がここに入ります。".repeat(text_scale),
            situation = "現状と課題の説明文。市民の利便性を高めるために取り組む必要がある。".repeat(text_scale),
        ));
    }
    t
}

/// Input values of a department's workbook, texts `text_scale` times a realistic length.
pub fn filled_values(
    plan: &Plan,
    settings: &gyokaku::plan::Settings,
    dept: &str,
    text_scale: usize,
) -> FilledValues {
    let mut v = FilledValues::new();
    for f in department_forms(plan, settings, &gyokaku::form::Opinions::new(), dept) {
        for input in &f.inputs {
            let value = match (f.kind, input.field) {
                (_, Field::Evaluation) => Value::Choice("A".into()),
                (_, Field::ActionStatus(_)) => Value::Choice("取組中".into()),
                (_, Field::Indicator(i)) => Value::Number(120.0 + i as f64),
                (_, Field::EffectAmount) => Value::Number(500.0),
                (SheetKind::Lead, _) | (SheetKind::Contribution, _) => Value::Text(
                    "今年度は計画どおりに取組を進め、関係部署と連携して実施した。"
                        .repeat(text_scale),
                ),
            };
            v.insert((f.item_code.clone(), f.kind, input.field), value);
        }
    }
    v
}
