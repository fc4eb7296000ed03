//! Reading one input cell: turning what a department typed into a value, or saying why not.
//!
//! Safe normalisations are made and reported (全角数字, numbers stored as text, stray spaces);
//! anything that would need a guess ("約300", "●", "-") is refused.

use calamine::Data;
use unicode_normalization::UnicodeNormalization;

use super::Severity;
use crate::form::InputKind;

pub use crate::form::Value;

/// The outcome of reading a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// The cell is empty.
    Empty,
    /// A usable value, with notes about normalisations made.
    Ok(Value, Vec<(Severity, String)>),
    /// Not usable: the message says why.
    Invalid(String),
}

/// Shows a raw cell as text for messages.
pub fn raw_text(data: &Data) -> String {
    match data {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::String(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            date_text(d).unwrap_or_else(|| d.as_f64().to_string())
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// What else is known about a cell besides its value.
#[derive(Debug, Clone, Copy, Default)]
pub struct CellContext<'a> {
    /// Allowed values of a dropdown.
    pub choices: &'a [String],
    /// Unit of a number input ("%", "件", …).
    pub unit: Option<&'a str>,
    /// The cell is formatted as a percentage (Excel stores 98.8% as 0.988).
    pub percent_format: bool,
}

/// Reads a cell of the given kind with what is known about its format. Invisible characters
/// (zero-width spaces, bidi marks, variation selectors) are removed first, with a note; a
/// cell holding only such characters is empty.
pub fn read_input(data: &Data, kind: &InputKind, cx: &CellContext<'_>) -> Reading {
    if let Data::Error(e) = data {
        return Reading::Invalid(format!(
            "Excel のエラー値（{e}）になっています。数式を使わず値を入力してください"
        ));
    }
    let mut hygiene = None;
    let cleaned;
    let data = match data {
        Data::String(s) => {
            let removed = crate::text::invisible_count(s);
            if removed > 0 {
                hygiene = Some((
                    Severity::Info,
                    format!(
                        "見えない文字（ゼロ幅スペース・書式制御文字・異体字セレクタなど）を{removed}文字取り除きました"
                    ),
                ));
                cleaned = Data::String(crate::text::clean(s).into_owned());
                &cleaned
            } else {
                data
            }
        }
        _ => data,
    };
    if let Data::String(s) = data
        && s.trim().is_empty()
    {
        return Reading::Empty;
    }
    if matches!(data, Data::Empty) {
        return Reading::Empty;
    }
    let reading = match kind {
        InputKind::Number { decimals, min, max } => read_number(data, *decimals, *min, *max, cx),
        InputKind::Evaluation | InputKind::Status => read_choice(data, cx.choices),
        InputKind::Text => read_text(data),
    };
    match (reading, hygiene) {
        (Reading::Ok(v, mut notes), Some(note)) => {
            notes.insert(0, note);
            Reading::Ok(v, notes)
        }
        (r, _) => r,
    }
}

/// A date cell as text: 令和5年7月15日 (with the time when there is one).
fn date_text(d: &calamine::ExcelDateTime) -> Option<String> {
    let (y, m, day, h, min, _, _) = d.to_ymd_hms_milli();
    if !(1900..=9999).contains(&y) {
        return None;
    }
    let date = crate::fiscal_year::era_date(y, m, day);
    Some(if (h, min) == (0, 0) {
        date
    } else {
        format!("{date} {h}:{min:02}")
    })
}

/// An ISO date (2023-07-15 or 2023-07-15T10:30:00, as .ods stores dates) as text.
fn iso_date_text(s: &str) -> Option<String> {
    let (date, time) = s.split_once('T').unwrap_or((s, ""));
    let mut parts = date.splitn(3, '-');
    let y: u16 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let date = crate::fiscal_year::era_date(y, m, d);
    let hm: Vec<u8> = time
        .split(':')
        .take(2)
        .filter_map(|p| p.parse::<u8>().ok())
        .collect();
    Some(match hm.as_slice() {
        [h, min] if (*h, *min) != (0, 0) => format!("{date} {h}:{min:02}"),
        _ => date,
    })
}

fn read_text(data: &Data) -> Reading {
    let mut notes = Vec::new();
    let date = match data {
        Data::DateTime(d) if d.is_datetime() => date_text(d),
        Data::DateTimeIso(s) => iso_date_text(s),
        _ => None,
    };
    let raw = match date {
        Some(text) => {
            notes.push((
                Severity::Info,
                format!("日付として入力された値を「{text}」として読み取りました"),
            ));
            text
        }
        None => raw_text(data),
    };
    // Control characters (_x001B_ and the like, decoded) reach no output: removed here, where
    // submitted text enters the model, and said at the cell. TAB, LF and CR are kept.
    let control = |c: char| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}';
    let removed = raw.chars().filter(|c| control(*c)).count();
    let raw = if removed > 0 {
        notes.push((
            Severity::Warning,
            format!("制御文字（画面に表示されない文字）{removed}個を取り除きました"),
        ));
        raw.chars().filter(|c| !control(*c)).collect()
    } else {
        raw
    };
    let trimmed = raw.trim();
    if trimmed.len() != raw.len() {
        notes.push((Severity::Info, "前後の空白を取り除きました".to_string()));
    }
    if crate::text::runs_as_formula(trimmed) {
        notes.push((
            Severity::Warning,
            "表計算ソフトが数式として実行しうる記号（= + - @）で始まっています。公表するオープンデータ（CSV）では先頭に ' を付けて出力します。文章であれば、先頭の記号を見直してください".to_string(),
        ));
    }
    let length = crate::text::excel_len(trimmed);
    if length > crate::text::EXCEL_CELL_LIMIT {
        return Reading::Invalid(format!(
            "文字数が Excel の1セルの上限（32,767文字）を超えています（{}文字）。2,000文字以内を目安に短くしてください",
            trimmed.chars().count()
        ));
    }
    if trimmed.chars().count() > 2000 {
        notes.push((
            Severity::Warning,
            format!(
                "{}文字あります（2,000文字以内を目安にしてください）",
                trimmed.chars().count()
            ),
        ));
    }
    Reading::Ok(Value::Text(trimmed.to_string()), notes)
}

fn read_choice(data: &Data, choices: &[String]) -> Reading {
    let list = choices.join("・");
    let raw = match data {
        Data::String(s) => s.clone(),
        _ => {
            return Reading::Invalid(format!("プルダウン（{list}）から選んでください"));
        }
    };
    let normalized: String = raw.nfkc().collect::<String>().trim().to_string();
    match choices.iter().find(|c| **c == normalized) {
        Some(c) => {
            let notes = if normalized == raw {
                Vec::new()
            } else {
                vec![(
                    Severity::Warning,
                    format!("「{raw}」を「{c}」として読み取りました（全角・空白を補正）"),
                )]
            };
            Reading::Ok(Value::Choice(c.clone()), notes)
        }
        None => Reading::Invalid(format!("プルダウン（{list}）から選んでください")),
    }
}

fn read_number(
    data: &Data,
    decimals: u8,
    min: f64,
    max: Option<f64>,
    cx: &CellContext<'_>,
) -> Reading {
    let mut notes = Vec::new();
    let percent_unit = cx.unit.is_some_and(|u| u.trim() == "%" || u.trim() == "％");
    let numeric = match data {
        Data::Int(i) => Some(*i as f64),
        Data::Float(f) => Some(*f),
        _ => None,
    };
    let value = match data {
        Data::Int(_) | Data::Float(_) if cx.percent_format && percent_unit => {
            let stored = numeric.unwrap_or_default();
            let shown = stored * 100.0;
            // Round away the binary noise of ×100 (0.988 × 100 = 98.80000000000001).
            let shown = (shown * 1e9).round() / 1e9;
            notes.push((
                Severity::Warning,
                format!(
                    "パーセント表示のセルです。保存されている値 {stored} を {shown}% として読み取りました（% の書式を外し、数値だけを入力してください）"
                ),
            ));
            shown
        }
        Data::Int(i) => *i as f64,
        Data::Float(f) => *f,
        Data::String(s) => match parse_number_text(s) {
            Some((v, was_fullwidth)) => {
                notes.push((
                    Severity::Warning,
                    if was_fullwidth {
                        "全角の数字を数値として読み取りました".to_string()
                    } else {
                        "文字列として入力された数値を数値として読み取りました".to_string()
                    },
                ));
                v
            }
            None => {
                return Reading::Invalid(
                    "数値を入力してください（「約」・単位・記号は付けず、数字だけ）".to_string(),
                );
            }
        },
        _ => return Reading::Invalid("数値を入力してください".to_string()),
    };
    if !value.is_finite() {
        return Reading::Invalid(
            "数値だけを入力してください（「約」・単位・記号は付けず、数字だけ）".to_string(),
        );
    }
    let show = |v: f64| crate::numbers::format_plain(v);
    // Excel keeps 15 significant digits: larger numbers are not stored as typed.
    if value.abs() >= 1e15 {
        return Reading::Invalid(
            "値が大きすぎます（Excel で正確に扱える15桁を超えています。単位や桁を確認してください）".to_string(),
        );
    }
    if value < min {
        return Reading::Invalid(if min == 0.0 {
            "負の数は入力できません。0 以上の数値を入力してください".to_string()
        } else {
            format!("値が小さすぎます（{} 以上で入力してください）", show(min))
        });
    }
    if let Some(max) = max
        && value > max
    {
        return Reading::Invalid(format!(
            "値が大きすぎます（{} 以下で入力してください）",
            show(max)
        ));
    }
    let scale = 10f64.powi(i32::from(decimals));
    if ((value * scale).round() - value * scale).abs() > 1e-6 {
        notes.push((
            Severity::Warning,
            if decimals == 0 {
                "小数が入力されています（整数で入力する項目です）。整数で入力してください".to_string()
            } else {
                format!(
                    "小数第{decimals}位より細かい値が入力されています。小数第{decimals}位までで入力してください"
                )
            },
        ));
    }
    Reading::Ok(Value::Number(value), notes)
}

/// Parsing of numbers typed as text lives with the other number rules (the plan workbook uses it too).
pub use crate::numbers::parse_number_text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_removed_and_formula_like_text_is_warned_about() {
        let Reading::Ok(Value::Text(t), notes) =
            read_text(&Data::String("a\u{1b}b\u{0}c\u{7f}\n\td".into()))
        else {
            panic!("read");
        };
        assert_eq!(t, "abc\n\td");
        assert!(
            notes.iter().any(|(s, n)| *s == Severity::Warning
                && n.contains("制御文字")
                && n.contains("3個"))
        );
        for risky in crate::text::FORMULA_SAMPLES {
            let Reading::Ok(_, notes) = read_text(&Data::String(risky.into())) else {
                panic!("read");
            };
            assert!(
                notes
                    .iter()
                    .any(|(s, n)| *s == Severity::Warning && n.contains("数式")),
                "{risky:?}"
            );
        }
        let Reading::Ok(_, notes) = read_text(&Data::String("見直し = 1件".into())) else {
            panic!("read");
        };
        assert!(notes.is_empty());
    }

    /// Reads a cell of the given kind; `choices` are the allowed values of a dropdown.
    fn read_cell(data: &Data, kind: &InputKind, choices: &[String]) -> Reading {
        read_input(
            data,
            kind,
            &CellContext {
                choices,
                ..CellContext::default()
            },
        )
    }

    fn number(data: Data) -> Reading {
        read_number_kind(data, 0)
    }

    fn read_number_kind(data: Data, decimals: u8) -> Reading {
        read_cell(
            &data,
            &InputKind::Number {
                decimals,
                min: 0.0,
                max: Some(1e12),
            },
            &[],
        )
    }

    #[test]
    fn numbers_as_numbers() {
        assert_eq!(
            number(Data::Float(300.0)),
            Reading::Ok(Value::Number(300.0), vec![])
        );
        assert_eq!(
            number(Data::Int(12)),
            Reading::Ok(Value::Number(12.0), vec![])
        );
        assert_eq!(number(Data::Empty), Reading::Empty);
        assert_eq!(number(Data::String("  ".into())), Reading::Empty);
    }

    #[test]
    fn text_numbers_are_accepted_with_a_warning() {
        for (text, want) in [
            ("３００", 300.0),
            ("1200", 1200.0),
            ("1,200", 1200.0),
            (" 98.7 ", 98.7),
        ] {
            match read_number_kind(Data::String(text.into()), 1) {
                Reading::Ok(Value::Number(v), notes) => {
                    assert_eq!(v, want, "{text}");
                    assert_eq!(notes.len(), 1, "{text}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        let Reading::Ok(_, notes) = number(Data::String("３００".into())) else {
            panic!()
        };
        assert!(notes[0].1.contains("全角"));
    }

    #[test]
    fn guesses_are_refused() {
        for text in [
            "約300",
            "●",
            "-",
            "1,2,3",
            "300件",
            "12,34",
            "1.2.3",
            "３００人",
            ".5",
            "1e5",
        ] {
            assert!(
                matches!(number(Data::String(text.into())), Reading::Invalid(m) if m.contains("数値を入力")),
                "{text}"
            );
        }
        assert!(matches!(number(Data::Float(-5.0)), Reading::Invalid(m) if m.contains("負の数")));
        assert!(matches!(number(Data::Float(1e15)), Reading::Invalid(m) if m.contains("大きすぎ")));
        assert!(matches!(
            number(Data::Error(calamine::CellErrorType::Div0)),
            Reading::Invalid(m) if m.contains("#DIV/0!")
        ));
        assert!(matches!(number(Data::Bool(true)), Reading::Invalid(_)));
    }

    #[test]
    fn decimals_beyond_the_indicator_warn() {
        let Reading::Ok(_, notes) = number(Data::Float(2.5)) else {
            panic!()
        };
        assert!(notes[0].1.contains("整数"));
        let Reading::Ok(_, notes) = read_number_kind(Data::Float(98.7), 1) else {
            panic!()
        };
        assert!(notes.is_empty());
    }

    #[test]
    fn choices() {
        let choices = vec!["S".to_string(), "A".to_string()];
        let read = |s: &str| read_cell(&Data::String(s.into()), &InputKind::Evaluation, &choices);
        assert_eq!(read("A"), Reading::Ok(Value::Choice("A".into()), vec![]));
        assert!(matches!(read("Ａ"), Reading::Ok(Value::Choice(c), n) if c == "A" && n.len() == 1));
        assert!(matches!(read("A+"), Reading::Invalid(m) if m.contains("S・A")));
        assert!(matches!(
            read_cell(&Data::Float(1.0), &InputKind::Evaluation, &choices),
            Reading::Invalid(_)
        ));
    }

    #[test]
    fn text_is_trimmed() {
        let r = read_cell(&Data::String(" 実施した \n".into()), &InputKind::Text, &[]);
        assert!(matches!(r, Reading::Ok(Value::Text(t), n) if t == "実施した" && n.len() == 1));
        let r = read_cell(&Data::Float(12.0), &InputKind::Text, &[]);
        assert_eq!(r, Reading::Ok(Value::Text("12".into()), vec![]));
    }
}
