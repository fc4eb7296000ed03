//! Building the layout of one item sheet: the plan facts shown above, then one row per
//! input, each at the row after the one before.

use super::{
    COL_INPUT, COL_TEXT, Cell, Field, HEADING_PLAN, HEADING_REPORT, Input, InputKind,
    LABEL_PREVIOUS_OPINION, LabelRow, NO_PREVIOUS_OPINION, Opinions, SheetForm, SheetKind, Worded,
};
use crate::form::UNSET;
use crate::plan::{Aggregation, Indicator, Item, Plan, Settings, Words};

/// The rows of a sheet as they are laid out, from top to bottom.
struct Rows<'a> {
    labels: Vec<LabelRow>,
    inputs: Vec<Input>,
    /// The next free row.
    row: u32,
    /// The unit of the 効果額 input ("千円": its label is "効果額（千円）"), when collected.
    effect_unit: Option<String>,
    /// The city's words.
    words: &'a Words,
}

impl Rows<'_> {
    /// A label row in column A, with plan text in column B when given.
    fn label(&mut self, label: Worded, value: Option<String>, heading: bool) {
        self.labels.push(LabelRow {
            row: self.row,
            worded: label,
            text: value,
            heading,
        });
        self.row += 1;
    }

    /// A plan fact: its label (without a word) and its (locked) text.
    fn fact(&mut self, label: &str, text: String) {
        self.label(Worded::plain(label), Some(text), false);
    }

    /// A plan fact whose label is one of the city's words.
    fn worded_fact(&mut self, word: fn(&Words) -> &String, text: String) {
        let label = Worded::new(self.words, |w| word(w).clone());
        self.label(label, Some(text), false);
    }

    /// An input row: its label (with `text` beside it when given) and its input cell.
    fn input(&mut self, field: Field, text: Option<String>, kind: InputKind, unit: Option<String>) {
        let col = if kind == InputKind::Text {
            COL_TEXT
        } else {
            COL_INPUT
        };
        let label = match (field, &self.effect_unit) {
            (Field::EffectAmount, Some(unit)) => {
                Worded::new(self.words, |w| format!("{}（{unit}）", w.effect))
            }
            _ => Worded::new(self.words, |w| field.label(w)),
        };
        let text_label = label.text.clone();
        self.labels.push(LabelRow {
            row: self.row,
            worded: label,
            text,
            heading: false,
        });
        self.inputs.push(Input {
            field,
            label: text_label,
            cell: Cell { row: self.row, col },
            kind,
            unit,
            required: false,
            offered: true,
        });
        self.row += 1;
    }

    /// A free-text input.
    fn text_input(&mut self, field: Field) {
        self.input(field, None, InputKind::Text, None);
    }

    /// One number input per indicator the sheet asks for (every indicator on a lead sheet,
    /// the summed ones on a contribution sheet).
    fn indicator_inputs(&mut self, item: &Item, kind: SheetKind) {
        for (i, ind) in item.indicators.iter().enumerate() {
            if kind == SheetKind::Lead || ind.aggregation == Aggregation::Sum {
                self.input(
                    Field::Indicator(i),
                    Some(indicator_text(ind)),
                    InputKind::Number {
                        decimals: ind.decimals,
                        min: ind.lower_bound(),
                        max: ind.max,
                    },
                    Some(ind.unit.clone()),
                );
            }
        }
    }
}

/// The text beside an indicator's input: its name, baseline and target, and on a summed
/// indicator that the department's own count is asked for.
fn indicator_text(ind: &Indicator) -> String {
    let v = |x: Option<f64>| {
        x.map_or_else(
            || UNSET.to_string(),
            |x| crate::numbers::format_grouped(x, ind.decimals),
        )
    };
    let sample = if ind.sample {
        "（サンプル値）"
    } else {
        ""
    };
    let scope = if ind.aggregation == Aggregation::Sum {
        "\n※全体の合計ではなく、この部署の件数を入力"
    } else {
        ""
    };
    format!(
        "{}\n基準値 {} → 目標値 {}{}（{}）{sample}{scope}",
        ind.name,
        v(ind.baseline),
        v(ind.target),
        match (ind.target, ind.comparison) {
            (Some(_), Some(c)) => c.label(),
            _ => "",
        },
        ind.unit
    )
}

/// Builds the layout of an item sheet (its name as wanted; see [`super::department_forms`]).
/// With a committee in the settings, a lead sheet shows last year's opinion on the item and
/// asks for the response (委員会意見への対応).
pub(super) fn sheet_form(
    plan: &Plan,
    settings: &Settings,
    opinions: &Opinions,
    item: &Item,
    kind: SheetKind,
) -> SheetForm {
    let mut rows = Rows {
        labels: Vec::new(),
        inputs: Vec::new(),
        row: 4,
        effect_unit: settings.effect.as_ref().map(|e| e.unit.clone()),
        words: &settings.words,
    };
    let sample = if item.sample_departments {
        "（サンプル）"
    } else {
        ""
    };
    let lead = item
        .lead
        .as_deref()
        .map_or_else(|| UNSET.to_string(), |l| format!("{l}{sample}"));
    let or_unset = |s: Option<&str>| s.map_or_else(|| UNSET.to_string(), str::to_string);
    let outcome = or_unset(item.outcome.as_deref());

    rows.label(Worded::plain(HEADING_PLAN), None, true);
    rows.worded_fact(|w| &w.code, item.code().to_string());
    rows.worded_fact(|w| &w.policy, plan.group_label(item));
    rows.worded_fact(|w| &w.item, item.title.clone());
    match kind {
        SheetKind::Lead => {
            if plan.has_continuity() {
                rows.fact(
                    "前期計画",
                    item.continuity.clone().unwrap_or_else(|| "―".into()),
                );
            }
            let implementers = plan
                .implementers_label(item)
                .unwrap_or_else(|| "―".to_string());
            rows.worded_fact(|w| &w.lead, lead);
            rows.worded_fact(|w| &w.participant, format!("{implementers}{sample}"));
            rows.fact("アウトカム（達成後の状態）", outcome);
            let situation = (!item.situation.is_empty()).then(|| item.situation.join("\n"));
            rows.fact("現状・課題", or_unset(situation.as_deref()));
            if settings.report.committee.is_some() {
                let opinion = opinions
                    .get(item.code())
                    .map_or(NO_PREVIOUS_OPINION, String::as_str);
                rows.fact(LABEL_PREVIOUS_OPINION, opinion.to_string());
            }
        }
        SheetKind::Contribution => {
            rows.worded_fact(|w| &w.lead, lead);
            rows.fact("アウトカム（達成後の状態）", outcome);
        }
    }
    rows.row += 1;
    let input_header_row = rows.row;
    rows.label(Worded::plain(HEADING_REPORT), None, true);

    match kind {
        SheetKind::Lead => {
            rows.input(Field::Evaluation, None, InputKind::Evaluation, None);
            for (i, action) in item.actions.iter().enumerate() {
                rows.input(
                    Field::ActionStatus(i),
                    Some(action.clone()),
                    InputKind::Status,
                    None,
                );
            }
            rows.indicator_inputs(item, kind);
            if let Some(effect) = &settings.effect {
                rows.input(
                    Field::EffectAmount,
                    Some(effect.description.clone()),
                    InputKind::Number {
                        decimals: 0,
                        min: 0.0,
                        max: None,
                    },
                    Some(effect.unit.clone()),
                );
            }
            rows.text_input(Field::WorkDone);
            rows.text_input(Field::Issues);
            rows.text_input(Field::NextSteps);
            if settings.report.committee.is_some() {
                rows.text_input(Field::Response);
            }
        }
        SheetKind::Contribution => {
            rows.text_input(Field::WorkDone);
            rows.indicator_inputs(item, kind);
        }
    }
    let has_opinion = opinions.contains_key(item.code());
    for input in &mut rows.inputs {
        input.offered = input.field != Field::Response || has_opinion;
        input.required = input.offered && is_required(settings, kind, input.field);
    }
    SheetForm {
        kind,
        item_code: item.code().to_string(),
        sheet_name: crate::form::sheet_name::worded_sheet_name(item.code(), kind, &settings.words),
        anchor_name: crate::form::sheet_name::sheet_name(item.code(), kind),
        labels: rows.labels,
        inputs: rows.inputs,
        input_header_row,
        last_row: rows.row - 1,
    }
}

/// Whether the settings require a field of a sheet (the response only where the committee
/// gave an opinion: see [`Input::offered`]).
fn is_required(settings: &Settings, kind: SheetKind, field: Field) -> bool {
    use crate::plan::RequiredField as R;
    let required = match (kind, field) {
        (SheetKind::Lead, Field::Evaluation) => R::Evaluation,
        (SheetKind::Lead, Field::ActionStatus(_)) => R::ActionStatus,
        (SheetKind::Lead, Field::WorkDone) => R::WorkDone,
        (_, Field::Indicator(_)) => R::IndicatorValues,
        (SheetKind::Lead, Field::EffectAmount) => R::EffectAmount,
        (SheetKind::Lead, Field::Issues) => R::Issues,
        (SheetKind::Lead, Field::NextSteps) => R::NextSteps,
        (SheetKind::Contribution, Field::WorkDone) => R::ContributionWork,
        (SheetKind::Lead, Field::Response) => R::CommitteeResponse,
        _ => return false,
    };
    settings.is_required(required)
}
