//! The plan as a workbook a secretariat edits in Excel or LibreOffice (`gyokaku plan --export`
//! / `--import`), and the plan written back as TOML.
//!
//! One sheet per kind of data, one row per record, one value per cell; the first row holds
//! the column headings and the reader finds every column by its heading, so moved columns,
//! inserted rows and blank rows do not matter. The sheets and their columns are defined here
//! once, for the writer, the reader and the 記入方法 sheet.

mod cell;
mod export;
mod hidden;
mod import;
mod place;
mod records;
mod sheet;
mod table;
mod to_toml;

pub use export::export_workbook;
pub use import::{ImportFailure, Imported, import_workbook};
pub use to_toml::plan_toml;

/// A column of a sheet: its heading, width and what to write in it (for the 記入方法 sheet).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub header: &'static str,
    pub width: f64,
    pub help: &'static str,
}

const fn col(header: &'static str, width: f64, help: &'static str) -> Column {
    Column {
        header,
        width,
        help,
    }
}

/// A data sheet: its name, what one row is, and its columns in export order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SheetSpec {
    pub name: &'static str,
    pub purpose: &'static str,
    pub columns: &'static [Column],
}

impl SheetSpec {
    /// The position of a column in export order.
    pub fn index(&self, header: &str) -> u16 {
        self.columns
            .iter()
            .position(|c| c.header == header)
            .map_or(0, |i| i as u16)
    }
}

/// The explanation sheet (not read back).
pub(crate) const GUIDE: &str = "記入方法";

// Headings used by more than one part of the code.
pub(crate) const H_LABEL: &str = "項目";
pub(crate) const H_VALUE: &str = "値";
pub(crate) const H_NOTE: &str = "説明";
pub(crate) const H_BASIC: &str = "基本方針";
pub(crate) const H_VIEWPOINT: &str = "視点";
pub(crate) const H_DEPARTMENT: &str = "部署";
pub(crate) const H_KIND: &str = "区分";
pub(crate) const H_NUMBER: &str = "番号";
pub(crate) const H_NAME: &str = "名称";
pub(crate) const H_PARENT: &str = "上位の柱";
pub(crate) const H_CODE: &str = "管理番号";
pub(crate) const H_GROUP: &str = "取組方針";
pub(crate) const H_TITLE: &str = "取組項目";
pub(crate) const H_CONTINUITY: &str = "前期計画";
pub(crate) const H_LEAD: &str = "担当部署";
pub(crate) const H_IMPLEMENTERS: &str = "取組部署";
pub(crate) const H_OUTCOME: &str = "アウトカム";
pub(crate) const H_SITUATION: &str = "現状・課題";
pub(crate) const H_SAMPLE_DEPTS: &str = "サンプル部署";
pub(crate) const H_ACTION: &str = "内容";
pub(crate) const H_INDICATOR: &str = "指標名";
pub(crate) const H_UNIT: &str = "単位";
pub(crate) const H_BASELINE: &str = "基準値";
pub(crate) const H_TARGET: &str = "目標値";
pub(crate) const H_DIRECTION: &str = "方向";
pub(crate) const H_AGGREGATION: &str = "集計";
pub(crate) const H_DECIMALS: &str = "小数桁";
pub(crate) const H_MIN: &str = "最小値";
pub(crate) const H_MAX: &str = "最大値";
pub(crate) const H_SAMPLE: &str = "サンプル値";
/// Heading of a yearly-target column: "年度目標 令和6(2024)年度".
pub(crate) const YEARLY_PREFIX: &str = "年度目標";

/// Rows of the 計画 sheet: (label in the 項目 column, explanation).
pub(crate) const PLAN_ROWS: [(&str, &str); 7] = [
    (L_TITLE, "計画の正式な名称"),
    (L_MUNICIPALITY, "市区町村の名称"),
    (
        L_CODE,
        "6桁の団体コード（オープンデータ用）。わからなければ空欄",
    ),
    (L_START, "計画期間の最初の年度（西暦4桁、例: 2024）"),
    (L_END, "計画期間の最後の年度（西暦4桁）"),
    (
        L_BASELINE,
        "指標の基準値の年度（西暦4桁、計画開始年度以前）",
    ),
    (L_TARGET, "指標の目標値の年度（西暦4桁、計画期間内）"),
];
pub(crate) const L_TITLE: &str = "計画の名称";
pub(crate) const L_MUNICIPALITY: &str = "自治体名";
pub(crate) const L_CODE: &str = "全国地方公共団体コード";
pub(crate) const L_START: &str = "計画開始年度";
pub(crate) const L_END: &str = "計画終了年度";
pub(crate) const L_BASELINE: &str = "基準年度";
pub(crate) const L_TARGET: &str = "目標年度";

/// 区分 values of the 体系 sheet.
pub(crate) const KIND_PILLAR: &str = "柱";
pub(crate) const KIND_POLICY: &str = "取組方針";
/// Yes/no values.
pub(crate) const YES: &str = "はい";
pub(crate) const NO: &str = "いいえ";
/// 方向 values.
pub(crate) const HIGHER: &str = "大きいほど良い";
pub(crate) const LOWER: &str = "小さいほど良い";
/// 集計 values.
pub(crate) const LEAD_ONLY: &str = "担当部署の値";
pub(crate) const SUM: &str = "担当部署と取組部署の合計";

pub(crate) const PLAN_SHEET: SheetSpec = SheetSpec {
    name: "計画",
    purpose: "計画の名称・自治体名・計画期間など（1行に1項目。「項目」の列は変えないでください）",
    columns: &[
        col(H_LABEL, 24.0, "項目名（変えないでください）"),
        col(H_VALUE, 56.0, "その値"),
        col(H_NOTE, 60.0, "項目の説明（読み込みません）"),
    ],
};

pub(crate) const BASIC_SHEET: SheetSpec = SheetSpec {
    name: "基本方針",
    purpose: "大綱の基本方針（1行に1つ。なければ空のまま）",
    columns: &[col(H_BASIC, 80.0, "基本方針の文")],
};

pub(crate) const VIEWPOINT_SHEET: SheetSpec = SheetSpec {
    name: "視点",
    purpose: "計画の視点（1行に説明の1段落。段落が複数あれば、視点の名前を繰り返して行を続けます）",
    columns: &[
        col(
            H_VIEWPOINT,
            40.0,
            "視点の名前（同じ名前の行は1つの視点の段落）",
        ),
        col(H_NOTE, 100.0, "説明の1段落"),
    ],
};

pub(crate) const DEPARTMENT_SHEET: SheetSpec = SheetSpec {
    name: "部署",
    purpose: "組織のすべての部署（1行に1部署）。取組部署の「全部署」はこの一覧のすべての部署です",
    columns: &[col(H_DEPARTMENT, 30.0, "部署名")],
};

pub(crate) const STRUCTURE_SHEET: SheetSpec = SheetSpec {
    name: "体系",
    purpose: "取組方針の体系（1行に1つの柱または取組方針）。柱の下に取組方針がなければ、取組項目は柱に直接属します",
    columns: &[
        col(H_KIND, 12.0, "「柱」または「取組方針」（プルダウン）"),
        col(
            H_NUMBER,
            12.0,
            "番号（(1)、1-1、第1章、A など自由。重複しないこと）",
        ),
        col(H_NAME, 50.0, "名称"),
        col(
            H_PARENT,
            12.0,
            "取組方針の行だけ: 属する柱の番号。柱の行は空欄",
        ),
    ],
};

pub(crate) const ITEM_SHEET: SheetSpec = SheetSpec {
    name: "取組項目",
    purpose: "取組項目（1行に1項目）。行の順が計画の順になります",
    columns: &[
        col(
            H_CODE,
            12.0,
            "管理番号（1101、No.12、A-01 など自由。重複しないこと）",
        ),
        col(
            H_GROUP,
            12.0,
            "属する取組方針の番号（プルダウン。取組方針のない柱なら柱の番号）",
        ),
        col(H_TITLE, 36.0, "取組項目の名称"),
        col(
            H_CONTINUITY,
            10.0,
            "前期計画（継続・新規など自由）。計画にこの区分がなければ空欄",
        ),
        col(H_LEAD, 18.0, "担当部署（プルダウン）。未定なら空欄"),
        col(
            H_IMPLEMENTERS,
            28.0,
            "取組部署:「全部署」、または部署名を「、」で区切って並べる。なければ空欄",
        ),
        col(H_OUTCOME, 44.0, "アウトカム（達成後の状態）"),
        col(
            H_SITUATION,
            70.0,
            "現状・課題（段落ごとにセル内で改行。Excel では Alt+Enter）",
        ),
        col(
            H_SAMPLE_DEPTS,
            12.0,
            "担当部署・取組部署が架空のサンプル値なら「はい」（空欄 = いいえ）",
        ),
    ],
};

pub(crate) const ACTION_SHEET: SheetSpec = SheetSpec {
    name: "具体的な取組",
    purpose: "取組項目ごとの具体的な取組（1行に1つ）。番号の順に並びます",
    columns: &[
        col(H_CODE, 12.0, "取組項目の管理番号（プルダウン）"),
        col(
            H_NUMBER,
            8.0,
            "取組項目の中での順番（1, 2, 3…。間に入れるときは 1.5 なども可）",
        ),
        col(H_ACTION, 100.0, "具体的な取組の内容"),
    ],
};

pub(crate) const INDICATOR_SHEET: SheetSpec = SheetSpec {
    name: "指標",
    purpose: "取組項目ごとの指標（1行に1指標）。行の順に並びます",
    columns: &[
        col(H_CODE, 12.0, "取組項目の管理番号（プルダウン）"),
        col(
            H_INDICATOR,
            28.0,
            "指標名（1つの取組項目の中で重複しないこと）",
        ),
        col(H_UNIT, 8.0, "単位（件、人、% など）"),
        col(H_BASELINE, 11.0, "基準年度の値（数値のみ）。未設定なら空欄"),
        col(H_TARGET, 11.0, "目標年度の値（数値のみ）。未設定なら空欄"),
        col(
            H_DIRECTION,
            16.0,
            "「大きいほど良い」または「小さいほど良い」（プルダウン）",
        ),
        col(
            H_AGGREGATION,
            22.0,
            "「担当部署の値」または「担当部署と取組部署の合計」（プルダウン。% の指標は合計にできません）",
        ),
        col(H_DECIMALS, 8.0, "小数点以下の桁数（0〜3）"),
        col(H_MIN, 10.0, "部署が報告できる最小の値（空欄 = 0）"),
        col(H_MAX, 10.0, "部署が報告できる最大の値（空欄 = 上限なし）"),
        col(
            H_SAMPLE,
            11.0,
            "基準値・目標値が架空のサンプル値なら「はい」（空欄 = いいえ）",
        ),
    ],
};

/// Where the yearly-target columns go in the 指標 sheet (after 目標値).
pub(crate) const YEARLY_AFTER: &str = H_TARGET;

/// Every sheet that is read back, in workbook order.
pub(crate) const DATA_SHEETS: [&SheetSpec; 8] = [
    &PLAN_SHEET,
    &BASIC_SHEET,
    &VIEWPOINT_SHEET,
    &DEPARTMENT_SHEET,
    &STRUCTURE_SHEET,
    &ITEM_SHEET,
    &ACTION_SHEET,
    &INDICATOR_SHEET,
];

/// The heading of a yearly-target column.
pub(crate) fn yearly_header(year: crate::fiscal_year::FiscalYear) -> String {
    format!("{YEARLY_PREFIX} {}", year.label())
}

pub(crate) use crate::xlsx::column_letters;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_unique_per_sheet() {
        for sheet in DATA_SHEETS {
            let mut seen = std::collections::BTreeSet::new();
            for c in sheet.columns {
                assert!(seen.insert(c.header), "{} {}", sheet.name, c.header);
                assert!(!c.header.starts_with(YEARLY_PREFIX));
            }
        }
    }
}

#[cfg(test)]
mod round_trip_tests {
    use std::path::Path;

    use super::*;
    use crate::plan::parse_plan;

    /// A plan that sets every key the model has, with awkward text.
    const FULL: &str = r#"
title = "計画 \"全部\" \\ 入り"
municipality = "テスト市"
municipality_code = "011002"
start_year = 2024
end_year = 2026
baseline_year = 2022
target_year = 2026
basic_policies = ["方針1", "　全角空白で始まる方針"]
departments = ["A課", "B課", "C課"]

[[viewpoints]]
name = "説明のない視点"

[[viewpoints]]
name = "視点"
description = ["段落1", "段落2"]

[[pillars]]
id = "1"
name = "柱1"
policies = [{ id = "1-1", name = "方針1-1" }]

[[pillars]]
id = "2"
name = "方針のない柱"

[[items]]
id = "0012"
policy = "1-1"
title = "すべての項目"
continuity = "拡充"
lead = "A課"
implementers = ["A課"]
sample_departments = true
outcome = "状態"
situation = ["　字下げした段落", "2つ目"]
actions = ["取組1", "取組2", "取組3"]
  [[items.indicators]]
  name = "率"
  unit = "%"
  baseline = 98.6
  target = 0.1
  yearly_targets = { "2024" = 98.7, "2026" = 1e-3 }
  direction = "lower"
  decimals = 3
  min = -5
  max = 1000.5
  sample = true
  [[items.indicators]]
  name = "件数"
  unit = "件"
  aggregation = "sum"

[[items]]
id = "x"
policy = "2"
title = "柱に直接"
implementers = "全部署"
lead = "B課"
"#;

    #[test]
    fn every_key_survives_toml_and_the_workbook() {
        let plan = parse_plan(FULL, Path::new("plan.toml")).unwrap_or_else(|e| panic!("{e}"));
        let text = plan_toml(&plan);
        let back = parse_plan(&text, Path::new("plan.toml")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, plan);
        assert_eq!(plan_toml(&back), text, "deterministic text");

        let bytes = export_workbook(&plan).unwrap();
        let imported = import_workbook(&bytes, "xlsx").unwrap_or_else(|f| panic!("{f:?}"));
        assert!(imported.notes.is_empty(), "{:?}", imported.notes);
        assert_eq!(imported.plan, plan);
        assert_eq!(export_workbook(&imported.plan).unwrap(), bytes);
    }

    #[test]
    fn an_empty_plan_still_writes_valid_toml() {
        let mut plan = parse_plan(FULL, Path::new("plan.toml")).unwrap();
        plan.items.clear();
        plan.pillars.clear();
        plan.viewpoints.clear();
        plan.basic_policies.clear();
        plan.municipality_code = None;
        let text = plan_toml(&plan);
        let back: crate::plan::Plan = toml::from_str(&text).unwrap();
        assert_eq!(back, plan);
    }
}
