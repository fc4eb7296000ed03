//! Reading the input cells of an item sheet: each value with its rules (dropdown choices,
//! number limits, percent formats), required fields, implausible indicator values and
//! characters the PDF font cannot show.

use std::collections::BTreeMap;

use calamine::Data;

use super::{ReadContext, SheetValues, SubmittedFile};
use crate::form::layout::Input;
use crate::form::{Field, InputKind, SheetForm, SheetKind};
use crate::submission::cells::CellInfo;
use crate::submission::value::{CellContext, Reading, Value, raw_text, read_input};
use crate::submission::{Diagnostic, Severity};

/// Reads every input cell of the sheet with its rules; problems become diagnostics.
pub(super) fn read_inputs(
    file: &mut SubmittedFile,
    f: &SheetForm,
    cells: &BTreeMap<(u32, u32), CellInfo>,
    ctx: &ReadContext<'_>,
) -> SheetValues {
    let levels = ctx.settings.level_codes();
    let statuses = &ctx.settings.evaluation.statuses;
    let item = ctx.plan.item(&f.item_code);
    let mut out = SheetValues {
        item_code: f.item_code.clone(),
        kind: f.kind,
        values: Vec::new(),
        errors: 0,
    };
    for input in &f.inputs {
        let cell = cells
            .get(&(input.cell.row, u32::from(input.cell.col)))
            .cloned()
            .unwrap_or_default();
        let choices: &[String] = match input.kind {
            InputKind::Evaluation => &levels,
            InputKind::Status => statuses,
            _ => &[],
        };
        let a1 = || input.cell.a1();
        let raw = || raw_text(&cell.data);
        let label = || input.label.clone();
        let mut diag = |severity: Severity, message: String, value: Option<String>| {
            file.diagnostics.push(Diagnostic::cell(
                severity,
                &file.name,
                &f.sheet_name,
                a1(),
                message,
                value,
            ));
        };
        if cell.formula_without_value {
            out.errors += 1;
            diag(
                Severity::Error,
                format!(
                    "{}: 数式の計算結果が保存されていません（数式だけで値のないセルです）。Excel で開いて保存し直すか、数式を使わず値を入力してください",
                    label()
                ),
                None,
            );
            continue;
        }
        let cx = CellContext {
            choices,
            unit: input.unit.as_deref(),
            percent_format: cell.percent,
        };
        match read_input(&cell.data, &input.kind, &cx) {
            Reading::Empty => {
                if input.required {
                    out.errors += 1;
                    let note = if matches!(&cell.data, Data::String(s) if !s.is_empty()) {
                        "（見えない文字だけが入力されています）"
                    } else {
                        ""
                    };
                    diag(
                        Severity::Error,
                        format!(
                            "必須項目「{}」が入力されていません{note}。入力欄 {} に{}",
                            label(),
                            a1(),
                            what_to_enter(input, f.kind, choices)
                        ),
                        None,
                    );
                }
            }
            Reading::Ok(value, notes) => {
                if !input.offered {
                    // An older form or an edited file: the cell is locked where the committee
                    // gave no opinion. The text is kept, and said.
                    diag(
                        Severity::Warning,
                        format!(
                            "{}: 前年度の委員会意見がない{}ですが、入力があります（今年度の入力シートでは入力しない欄です）。意見への対応でなければ、実施内容・今後の方向性など該当する欄に記入してください",
                            label(),
                            ctx.settings.words.item
                        ),
                        Some(raw()),
                    );
                }
                for (severity, note) in notes {
                    diag(severity, format!("{}: {note}", label()), Some(raw()));
                }
                if let (Field::Indicator(i), Value::Number(v)) = (input.field, &value)
                    && let Some(ind) = item.and_then(|it| it.indicators.get(i))
                    && let Some(note) = implausible(*v, ind, f.kind)
                {
                    diag(
                        Severity::Warning,
                        format!("{}: {note}", label()),
                        Some(raw()),
                    );
                }
                if let Value::Text(t) = &value {
                    let missing = missing_glyphs(t);
                    if !missing.is_empty() {
                        let list: Vec<String> = missing
                            .iter()
                            .take(10)
                            .map(|c| format!("「{c}」({})", crate::text::code_point(*c)))
                            .collect();
                        diag(
                            Severity::Warning,
                            format!(
                                "{}: PDF のフォントにない文字があります: {}。PDF では 〓 などに置き換えて印刷されます（絵文字・外字は使わないでください）",
                                label(),
                                list.join("、")
                            ),
                            None,
                        );
                    }
                }
                out.values.push((input.field, input.cell, value));
            }
            Reading::Invalid(message) => {
                out.errors += 1;
                diag(
                    Severity::Error,
                    format!("{}: {message}", label()),
                    Some(raw()),
                );
            }
        }
    }
    out
}

/// A warning when an indicator value is far off the scale of its baseline and target
/// (100 times larger, or a hundredth; a department's part of a summed indicator may be
/// small).
fn implausible(v: f64, ind: &crate::plan::Indicator, kind: SheetKind) -> Option<String> {
    let scale = match (ind.baseline, ind.target) {
        (Some(b), Some(t)) => b.max(t),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => return None,
    };
    if scale.is_nan() || scale <= 0.0 || v <= 0.0 {
        return None;
    }
    let part = kind == SheetKind::Contribution || ind.aggregation == crate::plan::Aggregation::Sum;
    let fmt = |x: f64| crate::numbers::format_grouped(x, ind.decimals);
    let range = match (ind.baseline, ind.target) {
        (Some(b), Some(t)) => format!("基準値 {}・目標値 {}", fmt(b), fmt(t)),
        (Some(b), None) => format!("基準値 {}", fmt(b)),
        (None, Some(t)) => format!("目標値 {}", fmt(t)),
        (None, None) => String::new(),
    };
    if v >= scale * 100.0 {
        Some(format!(
            "値 {} は{range}（{}）と比べて100倍以上です。単位や桁を確認してください",
            fmt(v),
            ind.unit
        ))
    } else if !part && v <= scale / 100.0 {
        Some(format!(
            "値 {} は{range}（{}）と比べて100分の1以下です。単位や桁（% を小数で入力していないかなど）を確認してください",
            fmt(v),
            ind.unit
        ))
    } else {
        None
    }
}

/// Characters of a text one of the PDF fonts cannot show (each listed once, in order).
fn missing_glyphs(text: &str) -> Vec<char> {
    let mut out = Vec::new();
    if text.is_ascii() {
        return out;
    }
    for c in text.chars() {
        if c.is_ascii() || c.is_control() || out.contains(&c) {
            continue;
        }
        if !crate::typography::printable_in_every_face(c) {
            out.push(c);
        }
    }
    out
}

/// What a department is asked to enter in an input cell, in the form's words.
fn what_to_enter(input: &Input, kind: SheetKind, choices: &[String]) -> String {
    match (&input.kind, input.field) {
        (InputKind::Evaluation | InputKind::Status, _) => {
            format!("プルダウン（{}）から選んでください", choices.join("・"))
        }
        (InputKind::Number { .. }, _) => match input.unit.as_deref() {
            Some(unit) if !unit.is_empty() => {
                format!("数値だけを入力してください（単位: {unit}）")
            }
            _ => "数値だけを入力してください".to_string(),
        },
        (InputKind::Text, Field::WorkDone) if kind == SheetKind::Contribution => {
            "この取組で自部署が今年度に行った内容を入力してください".to_string()
        }
        (InputKind::Text, Field::WorkDone) => "今年度に実施した内容を入力してください".to_string(),
        (InputKind::Text, Field::Response) => {
            "前年度の委員会意見（上の行）を受けて、どのように対応したかを入力してください"
                .to_string()
        }
        (InputKind::Text, _) => format!("{}を入力してください", input.label),
    }
}
