//! Test plans for the unit tests of every layer: the fixed head of a plan (title, city,
//! FY2022–2025 with base year 2021) with the test's departments, followed by its own pillars
//! and items.

use super::{Plan, parse_plan};

/// One pillar 「1 柱」 with one policy 「1-1 方針」, for tests that need no more.
pub const ONE_POLICY: &str = r#"[[pillars]]
id = "1"
name = "柱"
policies = [{ id = "1-1", name = "方針" }]
"#;

/// The first lines of item 「1101 項目」 of policy 1-1, led by 甲課; a test adds its own fields
/// (implementers, actions, indicators …) after them.
pub const ITEM_1101: &str = r#"[[items]]
id = "1101"
policy = "1-1"
title = "項目"
lead = "甲課"
"#;

/// A valid plan of `departments` with [`ONE_POLICY`] and `items` (in TOML).
pub fn one_policy_plan(departments: &[&str], items: &str) -> Plan {
    plan(departments, &format!("{ONE_POLICY}{items}"))
}

/// A valid plan of `departments` with `body` (pillars and items, in TOML) after the fixed head.
pub fn plan(departments: &[&str], body: &str) -> Plan {
    let departments: Vec<String> = departments.iter().map(|d| format!("\"{d}\"")).collect();
    let text = format!(
        "title = \"テスト計画\"\nmunicipality = \"テスト市\"\nstart_year = 2022\nend_year = 2025\n\
         baseline_year = 2021\ntarget_year = 2025\ndepartments = [{}]\n{body}",
        departments.join(", ")
    );
    match parse_plan(&text, std::path::Path::new("plan.toml")) {
        Ok(plan) => plan,
        Err(e) => panic!("test plan: {e}"),
    }
}
