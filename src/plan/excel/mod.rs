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

pub use export::{export_workbook, export_workbook_with};
pub use import::{Absent, ImportFailure, Imported, import_workbook, import_workbook_with};
pub use to_toml::plan_toml;

/// A column of a sheet: its heading, width and what to write in it (for the 記入方法 sheet).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub header: &'static str,
    pub width: f64,
    pub help: &'static str,
    /// A column added after the first workbooks were exported: a workbook without it still
    /// imports, and its values are kept from plan.toml.
    pub optional: bool,
}

const fn col(header: &'static str, width: f64, help: &'static str) -> Column {
    Column {
        header,
        width,
        help,
        optional: false,
    }
}

/// A column that older workbooks lack (see [`Column::optional`]).
const fn later(header: &'static str, width: f64, help: &'static str) -> Column {
    Column {
        header,
        width,
        help,
        optional: true,
    }
}

/// A data sheet: its name, what one row is, and its columns in export order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SheetSpec {
    pub name: &'static str,
    pub purpose: &'static str,
    pub columns: &'static [Column],
    /// A sheet added after the first workbooks were exported (see [`Column::optional`]).
    pub optional: bool,
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
pub(crate) const H_FORMER: &str = "旧部署名";
pub(crate) const H_FROM: &str = "開始年度";
pub(crate) const H_END_YEAR: &str = "終了年度";
pub(crate) const H_END_REASON: &str = "終了の理由";
pub(crate) const H_INTO: &str = "統合先";
pub(crate) const H_BASELINE_YEAR: &str = "基準値の年度";
pub(crate) const H_COMPARISON: &str = "目標の比較";
pub(crate) const H_YEAR: &str = "年度";
pub(crate) const H_NEW_TITLE: &str = "新しい取組項目名";
pub(crate) const H_NEW_LEAD: &str = "新しい担当部署";
pub(crate) const H_NEW_INDICATOR: &str = "新しい指標名";
pub(crate) const H_NEW_TARGET: &str = "新しい目標値";
pub(crate) const H_REASON: &str = "理由";
/// 終了の理由 values (as plan.toml writes them).
pub(crate) const END_REASONS: [&str; 3] = ["完了", "廃止", "統合"];
/// 目標の比較 values (as plan.toml writes them).
pub(crate) const COMPARISONS: [&str; 4] = ["以上", "以下", "未満", "超"];
/// Heading of a yearly-target column: "年度目標 令和6(2024)年度".
pub(crate) const YEARLY_PREFIX: &str = "年度目標";

/// Rows of the 計画 sheet: (label in the 項目 column, explanation); the rows after the first
/// [`PLAN_ROWS_REQUIRED`] may be missing in older workbooks.
pub(crate) const PLAN_ROWS: [(&str, &str); 8] = [
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
    (
        L_FIRST,
        "計画期間の途中から集計を始めたときの最初の年度（西暦4桁）。空欄なら提出ファイルのある最初の年度",
    ),
];
/// The rows of the 計画 sheet every workbook has.
pub(crate) const PLAN_ROWS_REQUIRED: usize = 7;
pub(crate) const L_FIRST: &str = "集計開始年度";
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
    optional: false,
    purpose: "計画の名称・自治体名・計画期間など（1行に1項目。「項目」の列は変えないでください）",
    columns: &[
        col(H_LABEL, 24.0, "項目名（変えないでください）"),
        col(H_VALUE, 56.0, "その値"),
        col(H_NOTE, 60.0, "項目の説明（読み込みません）"),
    ],
};

pub(crate) const BASIC_SHEET: SheetSpec = SheetSpec {
    name: "基本方針",
    optional: false,
    purpose: "大綱の基本方針（1行に1つ。なければ空のまま）",
    columns: &[col(H_BASIC, 80.0, "基本方針の文")],
};

pub(crate) const VIEWPOINT_SHEET: SheetSpec = SheetSpec {
    name: "視点",
    optional: false,
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
    optional: false,
    purpose: "組織のすべての部署（1行に1部署）。取組部署の「全部署」はこの一覧のすべての部署です",
    columns: &[
        col(H_DEPARTMENT, 30.0, "部署名"),
        later(
            H_FORMER,
            30.0,
            "組織改編の前の部署名（今は使っていない名前）。複数なら「、」で区切る。なければ空欄",
        ),
    ],
};

pub(crate) const STRUCTURE_SHEET: SheetSpec = SheetSpec {
    name: "体系",
    optional: false,
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
    optional: false,
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
        later(
            H_FROM,
            10.0,
            "計画期間の途中で始めた取組項目: 最初に報告する年度（西暦4桁）。計画の初めからなら空欄",
        ),
        later(
            H_END_YEAR,
            10.0,
            "終わった取組項目: 最後に報告する年度（西暦4桁）。続いていれば空欄",
        ),
        later(
            H_END_REASON,
            10.0,
            "終わった理由:「完了」「廃止」「統合」（プルダウン）。終了年度とともに入力",
        ),
        later(
            H_INTO,
            12.0,
            "終了の理由が「統合」のとき: 統合先の取組項目の管理番号",
        ),
    ],
};

pub(crate) const ACTION_SHEET: SheetSpec = SheetSpec {
    name: "具体的な取組",
    optional: false,
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
    optional: false,
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
        later(
            H_BASELINE_YEAR,
            11.0,
            "基準値の年度（西暦4桁、計画開始年度以前）。計画の基準年度と同じなら空欄",
        ),
        later(
            H_COMPARISON,
            11.0,
            "目標値の読み方:「以上」「以下」「未満」「超」（プルダウン）。実績を目標値と比べて達成・未達成を判定します。空欄なら達成率だけ。比較を選んだときは方向を空欄にできます",
        ),
        later(
            H_FROM,
            10.0,
            "計画期間の途中で加えた指標: 最初に報告する年度（西暦4桁）。その取組項目の指標の最後に置きます。初めからなら空欄",
        ),
    ],
};

pub(crate) const REVISION_SHEET: SheetSpec = SheetSpec {
    name: "見直し",
    optional: true,
    purpose: "取組項目の見直し（1行に1つ）。その年度から、取組項目名・担当部署・指標名・目標値が変わります。見直した項目だけを入力し、ほかは空欄にします。他のシートには計画当初の内容を残します",
    columns: &[
        col(H_CODE, 12.0, "見直した取組項目の管理番号（プルダウン）"),
        col(H_YEAR, 10.0, "見直しが反映される最初の年度（西暦4桁）"),
        col(H_NEW_TITLE, 30.0, "新しい取組項目名。変えなければ空欄"),
        col(
            H_NEW_LEAD,
            18.0,
            "新しい担当部署（プルダウン）。変えなければ空欄",
        ),
        col(
            H_INDICATOR,
            24.0,
            "名前や目標値を見直す指標の名前。空欄ならその取組項目の最初の指標",
        ),
        col(
            H_NEW_INDICATOR,
            24.0,
            "新しい指標名（過去の年度の値は引き継ぎます）。変えなければ空欄",
        ),
        col(
            H_NEW_TARGET,
            11.0,
            "見直した目標値（数値のみ）。変えなければ空欄",
        ),
        col(H_REASON, 40.0, "見直しの理由（短く。資料に表示します）"),
    ],
};

/// Where the yearly-target columns go in the 指標 sheet (after 目標値).
pub(crate) const YEARLY_AFTER: &str = H_TARGET;

/// Every sheet that is read back, in workbook order.
pub(crate) const DATA_SHEETS: [&SheetSpec; 9] = [
    &PLAN_SHEET,
    &BASIC_SHEET,
    &VIEWPOINT_SHEET,
    &DEPARTMENT_SHEET,
    &STRUCTURE_SHEET,
    &ITEM_SHEET,
    &ACTION_SHEET,
    &INDICATOR_SHEET,
    &REVISION_SHEET,
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
    fn texts_take_the_citys_words_longest_first() {
        let words = crate::plan::Words {
            policy: "重点改革項目".into(),
            item: "行動計画項目".into(),
            action: "実施事項".into(),
            lead: "所管課".into(),
            ..Default::default()
        };
        assert_eq!(
            words.reword("新しい取組項目名・担当部署・具体的な取組・取組方針"),
            "新しい行動計画項目名・所管課・実施事項・重点改革項目"
        );
        let same = crate::plan::Words::default();
        assert_eq!(same.reword("取組項目"), "取組項目");
    }

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
first_reported_year = 2025
basic_policies = ["方針1", "　全角空白で始まる方針"]
departments = ["A課", "B課", "C課"]
former_names = { "A課" = ["旧A課", "旧旧A課"], "C課" = ["旧C課"] }

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
from = 2025
revisions = [
  { year = 2025, indicator = "率", indicator_name = "新しい率", target = 0.5, note = "理由 \"付き\"" },
  { year = 2026, indicator = "新しい率", target = 0.2 },
  { year = 2026, title = "見直した名前", lead = "B課" },
]
  [[items.indicators]]
  name = "率"
  unit = "%"
  baseline = 98.6
  target = 0.1
  yearly_targets = { "2024" = 98.7, "2026" = 1e-3 }
  direction = "lower"
  baseline_year = 2021
  comparison = "未満"
  decimals = 3
  min = -5
  max = 1000.5
  sample = true
  [[items.indicators]]
  name = "件数"
  unit = "件"
  aggregation = "sum"
  from = 2026
  comparison = "以上"

[[items]]
id = "x"
policy = "2"
title = "柱に直接"
implementers = "全部署"
lead = "B課"
end = { year = 2025, reason = "統合", into = "0012" }

[[items]]
id = "y"
policy = "2"
title = "完了した項目"
end = { year = 2024, reason = "完了" }
  [[items.indicators]]
  name = "比率"
  unit = "%"
  direction = "lower"
  comparison = "以下"
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
    fn a_workbook_without_the_later_columns_keeps_them_from_the_plan() {
        let plan = parse_plan(FULL, Path::new("plan.toml")).unwrap_or_else(|e| panic!("{e}"));
        let mut bare = plan.clone();
        bare.former_names.clear();
        bare.first_reported_year = None;
        for item in &mut bare.items {
            item.from = None;
            item.end = None;
            item.revisions.clear();
            for ind in &mut item.indicators {
                ind.from = None;
                ind.baseline_year = None;
                ind.comparison = None;
            }
        }
        let bytes = export_workbook(&bare).unwrap();
        // Today's export has every column: nothing is absent, nothing is kept.
        let read = import_workbook(&bytes, "xlsx").unwrap_or_else(|f| panic!("{f:?}"));
        assert!(read.absent.is_empty());
        assert_eq!(read.plan, bare);
        // An older workbook: the later columns, row and sheet removed.
        let older = strip_later_parts(&bytes);
        let mut read = import_workbook(&older, "xlsx").unwrap_or_else(|f| panic!("{f:?}"));
        assert!(!read.absent.is_empty());
        assert_eq!(read.plan, bare);
        read.keep_from(&plan);
        assert_eq!(read.plan, plan);
    }

    /// The workbook as an earlier version exported it: without the 見直し sheet, the 集計開始年度
    /// row and the optional columns (rewritten with calamine's values into a new workbook).
    fn strip_later_parts(bytes: &[u8]) -> Vec<u8> {
        use calamine::{Data, Reader, Xlsx};
        let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let mut out = rust_xlsxwriter::Workbook::new();
        for spec in DATA_SHEETS.iter().filter(|s| !s.optional) {
            let range = book.worksheet_range(spec.name).unwrap();
            let rows: Vec<&[Data]> = range.rows().collect();
            let keep: Vec<usize> = (0..range.width())
                .filter(|c| {
                    let head = rows[0][*c].to_string();
                    !spec
                        .columns
                        .iter()
                        .any(|col| col.optional && col.header == head)
                })
                .collect();
            let ws = out.add_worksheet();
            ws.set_name(spec.name).unwrap();
            let mut r_out = 0;
            for row in &rows {
                if spec.name == PLAN_SHEET.name && row[0] == L_FIRST {
                    continue;
                }
                for (c_out, c) in keep.iter().enumerate() {
                    let c_out = c_out as u16;
                    match &row[*c] {
                        Data::String(s) => {
                            ws.write_string(r_out, c_out, s).unwrap();
                        }
                        Data::Float(v) => {
                            ws.write_number(r_out, c_out, *v).unwrap();
                        }
                        Data::Int(v) => {
                            ws.write_number(r_out, c_out, *v as f64).unwrap();
                        }
                        _ => {}
                    }
                }
                r_out += 1;
            }
        }
        out.save_to_buffer().unwrap()
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
