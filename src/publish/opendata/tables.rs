//! The data tables: 取組一覧, 具体的な取組, 指標 and 効果額, every year of the history, each
//! starting with the columns of the 自治体標準オープンデータセット.

use std::collections::HashMap;

use super::{Column, Kind, Table, Value, col};
use crate::fiscal_year::FiscalYear;
use crate::plan::{Aggregation, Direction, PublishField, Words};
use crate::publish::Publication;
use crate::report::model::{ItemReport, Role, StateLabel};

/// The columns every file starts with.
fn common_columns(w: &Words) -> Vec<Column> {
    vec![
        col(
            "全国地方公共団体コード",
            Kind::Text,
            "",
            "総務省の全国地方公共団体コード（6桁、検査数字を含む）。先頭の0を含む文字列（引用符で囲んで書いています）。計画マスタに設定がないときは空欄",
        ),
        col(
            "ID",
            Kind::Text,
            "",
            &format!(
                "このファイルの中で行を一意に示す番号（文字列。年度・{}などを「-」でつないだもの）",
                w.code
            ),
        ),
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
        facts
            .municipality_code
            .as_deref()
            .map_or(Value::Empty, |c| Value::Code(c.to_string())),
        Value::Code(id),
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

fn code_column(w: &Words) -> Column {
    col(
        &w.code,
        Kind::Text,
        "",
        &format!(
            "計画での{}の番号。先頭の0を含む文字列（引用符で囲んで書いています）",
            w.item
        ),
    )
}

fn title_column(w: &Words) -> Column {
    col(&w.item, Kind::Text, "", &format!("{}の名称", w.item))
}

/// 年度, 管理番号 and 取組項目 (in the city's words): the columns after the common ones in
/// most tables.
fn item_columns(w: &Words) -> [Column; 3] {
    [year_column(), code_column(w), title_column(w)]
}

/// A fiscal year as the number written in the 年度 columns.
fn year_value(year: FiscalYear) -> Value {
    Value::Number(f64::from(year.western()))
}

/// The values of [`item_columns`].
fn item_values(year: FiscalYear, code: &str, title: &str) -> [Value; 3] {
    [
        year_value(year),
        Value::Code(code.to_string()),
        Value::text(title),
    ]
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

/// The implementing departments, one list value with the standard's separator ";".
fn implementers(item: &ItemReport) -> Value {
    let names: Vec<&str> = item
        .departments
        .iter()
        .filter(|d| d.role == Role::Implementer)
        .map(|d| d.department.as_str())
        .collect();
    if names.is_empty() {
        Value::Empty
    } else {
        Value::text(names.join(";"))
    }
}

/// 取組一覧: one row per item and year.
fn items_table(p: &Publication<'_>, by_code: &HashMap<&str, &ItemReport>) -> Table {
    let facts = &p.model.facts;
    let w = p.words;
    let mut columns = common_columns(w);
    columns.extend([
        year_column(),
        code_column(w),
        col(
            &w.policy,
            Kind::Text,
            "",
            &format!("{}が属する{}（番号と名称）", w.item, w.policy),
        ),
        title_column(w),
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
            &w.lead,
            Kind::Text,
            "",
            "取組をまとめる部署。空欄 = 計画で未設定",
        ),
        col(
            &w.participant,
            Kind::Text,
            "",
            &format!(
                "{}とともに取り組む部署（複数のときは「;」区切り）。空欄 = なし",
                w.lead
            ),
        ),
        col(
            "提出状況",
            Kind::Text,
            "",
            &format!(
                "その年度の報告の状況（提出済・要確認・未提出・{}未設定）",
                w.lead
            ),
        ),
        col(
            "評価",
            Kind::Text,
            "",
            &format!(
                "{}による進み具合の評価の記号。空欄 = 評価なし（未提出など）",
                w.lead
            ),
        ),
        col("評価の内容", Kind::Text, "", "評価の記号の意味"),
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
            &w.effect,
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
            year_value(r.year),
            Value::Code(r.code.clone()),
            Value::text(item.policy.clone()),
            Value::text(item.title.clone()),
        ]);
        if facts.has_continuity {
            row.push(Value::opt_text(item.continuity.as_deref()));
        }
        row.extend([
            Value::opt_text(item.lead.as_deref()),
            implementers(item),
            Value::text(r.state.label_in(w)),
            Value::opt_text(r.evaluation.as_ref().map(|e| e.code.as_str())),
            Value::opt_text(r.evaluation.as_ref().map(|e| e.label.as_str())),
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
        file: super::file_name(p, "reform_items", "csv"),
        name: "取組一覧".into(),
        title: format!("{}ごと・年度ごとの評価と取組の内容", w.item),
        columns,
        rows,
    }
}

/// 具体的な取組: one row per item, action and year.
fn actions_table(p: &Publication<'_>, by_code: &HashMap<&str, &ItemReport>) -> Table {
    let w = p.words;
    let mut columns = common_columns(w);
    columns.extend(item_columns(w));
    columns.extend([
        col(
            "取組番号",
            Kind::Integer,
            "",
            &format!("{}の中での{}の順番（1から）", w.item, w.action),
        ),
        col(
            &w.action,
            Kind::Text,
            "",
            &format!("計画に書かれた{}", w.action),
        ),
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
            row.extend(item_values(r.year, &r.code, &item.title));
            row.extend([
                Value::Number((k + 1) as f64),
                Value::text(action.text.clone()),
                Value::opt_text(r.statuses.get(k).and_then(Option::as_deref)),
            ]);
            rows.push(row);
        }
    }
    Table {
        file: super::file_name(p, "reform_actions", "csv"),
        name: w.action.clone(),
        title: format!("{}ごと・年度ごとの状況", w.action),
        columns,
        rows,
    }
}

/// 指標: one row per item, indicator and year.
fn indicators_table(p: &Publication<'_>) -> Table {
    let facts = &p.model.facts;
    let w = p.words;
    let lead_value = format!("{}の値", w.lead);
    let mut columns = common_columns(w);
    columns.extend(item_columns(w));
    columns.extend([
        col(
            "指標番号",
            Kind::Integer,
            "",
            &format!("{}の中での指標の順番（1から）", w.item),
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
            &format!("「{lead_value}」または「関係部署の値の合計」"),
        ),
        col(
            "基準年度",
            Kind::Year,
            "年度",
            "基準値の年度（西暦）。指標ごとに計画の基準年度と異なることがある",
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
            "目標の比較",
            Kind::Text,
            "",
            "目標値・年度目標の読み方:「以上」「以下」「未満」「超」（例: 目標値 96 と「未満」で 96 未満が目標）。空欄 = 比較の定めなし（達成率で評価）",
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
                facts.achievement.description().replace("目標値", "年度目標")
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
            "判定",
            Kind::Text,
            "",
            "目標値と目標の比較による実績の判定:「達成」または「未達成」（「未満」「超」は目標値と同じ値を含まない）。空欄 = 比較の定めなし、または目標値・実績がない",
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
                row.extend(item_values(v.year, &item.code, &item.title));
                row.extend([
                    Value::Number((x.index + 1) as f64),
                    Value::text(x.name.clone()),
                    Value::text(x.unit.clone()),
                    Value::text(match x.direction {
                        Direction::Higher => "大きいほど良い",
                        Direction::Lower => "小さいほど良い",
                    }),
                    Value::text(match x.aggregation {
                        Aggregation::Lead => lead_value.as_str(),
                        Aggregation::Sum => "関係部署の値の合計",
                    }),
                    year_value(x.baseline_year),
                    Value::number(x.baseline),
                    year_value(facts.target_year),
                    Value::number(x.target),
                    x.comparison
                        .map_or(Value::Empty, |c| Value::text(c.label())),
                    Value::number(v.target),
                    Value::number(v.value),
                    Value::percent(v.rate),
                    Value::percent(v.final_rate),
                    match v.judgement {
                        Some(j) if j.is_judged() => Value::text(j.label()),
                        _ => Value::Empty,
                    },
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
        file: super::file_name(p, "reform_indicators", "csv"),
        name: "指標".into(),
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
    let w = p.words;
    let mut columns = common_columns(w);
    columns.extend(item_columns(w));
    columns.extend([
        col(&w.lead, Kind::Text, "", "取組をまとめる部署"),
        col(
            &w.effect,
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
            row.extend(item_values(*year, &r.code, &r.title));
            row.extend([Value::opt_text(r.lead.as_deref()), Value::number(*amount)]);
            rows.push(row);
        }
    }
    Some(Table {
        file: super::file_name(p, "reform_effects", "csv"),
        name: w.effect.clone(),
        title: format!("{}ごと・年度ごとの{}", w.item, w.effect),
        columns,
        rows,
    })
}

/// 取組部署の実施内容: one row per item and department of the year (the lead and every
/// implementing department), with what each department did.
fn departments_table(p: &Publication<'_>) -> Option<Table> {
    if !p.shows(PublishField::ContributionWork) {
        return None;
    }
    let year = p.model.year;
    let w = p.words;
    let mut columns = common_columns(w);
    columns.extend(item_columns(w));
    columns.extend([
        col("部署", Kind::Text, "", "取組に関係する部署"),
        col(
            "役割",
            Kind::Text,
            "",
            &format!("「{}」または「{}」", w.lead, w.participant),
        ),
        col(
            "報告",
            Kind::Text,
            "",
            "その年度の部署の報告の状況（報告あり・未提出・集計中）",
        ),
        col(
            "実施内容",
            Kind::Text,
            "",
            &format!(
                "{}がその年度に実施した内容（{}の実施内容は取組一覧の「実施内容」）。空欄 = 記入なし・未提出",
                w.participant, w.lead
            ),
        ),
    ]);
    let mut rows = Vec::new();
    for item in &p.model.items {
        for (k, d) in item.departments.iter().enumerate() {
            let mut row = common(p, format!("{}-{}-{}", year.western(), item.code, k + 1));
            row.extend(item_values(year, &item.code, &item.title));
            row.extend([
                Value::text(d.department.clone()),
                Value::text(match d.role {
                    Role::Lead => w.lead.as_str(),
                    Role::Implementer => w.participant.as_str(),
                }),
                Value::text(d.state.plain_in(w)),
                match d.role {
                    Role::Lead => Value::Empty,
                    Role::Implementer => Value::opt_text(d.work_done.as_deref()),
                },
            ]);
            rows.push(row);
        }
    }
    Some(Table {
        file: super::file_name(p, "reform_departments", "csv"),
        name: "部署別の取組".into(),
        title: format!(
            "{}ごとの関係部署と、{}の実施内容（{}）",
            w.item,
            w.participant,
            year.label()
        ),
        columns,
        rows,
    })
}

/// 委員会意見と対応: one row per item and year with an opinion — the committee's opinion
/// on that year and the department's response in the following year's report.
fn opinions_table(p: &Publication<'_>) -> Option<Table> {
    if !p.shows(PublishField::CommitteeOpinions) {
        return None;
    }
    let model = p.model;
    let w = p.words;
    let mut columns = common_columns(w);
    columns.extend(item_columns(w));
    columns.extend([
        col(
            "委員会の意見",
            Kind::Text,
            "",
            "その年度の取組に対する委員会の意見",
        ),
        col(
            &format!("{}の対応", w.lead),
            Kind::Text,
            "",
            &format!(
                "意見に対する{}の対応（翌年度の報告に記入）。空欄 = まだ報告がない",
                w.lead
            ),
        ),
    ]);
    let mut rows = Vec::new();
    for item in &model.items {
        let pairs = [
            (
                model.year.previous(),
                item.previous_opinion.as_deref(),
                item.response.as_deref(),
            ),
            (model.year, item.opinion.as_deref(), None),
        ];
        for (year, opinion, response) in pairs {
            // A response typed where there was no opinion (an older form) is kept too.
            let opinion = opinion.filter(|o| !o.trim().is_empty());
            let response = response.filter(|r| !r.trim().is_empty());
            if opinion.is_none() && response.is_none() {
                continue;
            }
            let mut row = common(p, format!("{}-{}", year.western(), item.code));
            row.extend(item_values(year, &item.code, &item.title));
            row.extend([Value::opt_text(opinion), Value::opt_text(response)]);
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return None;
    }
    Some(Table {
        file: super::file_name(p, "reform_opinions", "csv"),
        name: "委員会意見と対応".into(),
        title: format!("{}ごとの委員会の意見と{}の対応", w.item, w.lead),
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
    out.extend(departments_table(p));
    out.extend(opinions_table(p));
    out
}
