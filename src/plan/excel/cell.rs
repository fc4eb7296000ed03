//! Reading one cell of the plan workbook: text, numbers, years, yes/no and dropdown values,
//! with the same rules as the submission reader (全角数字 and numbers stored as text are read
//! with a note; anything that needs a guess is refused with a Japanese reason).

use calamine::Data;
use unicode_normalization::UnicodeNormalization;

use crate::fiscal_year::FiscalYear;
use crate::numbers::format_plain;

/// A value read from a cell, with a note when it was read leniently.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Read<T> {
    pub value: Option<T>,
    pub note: Option<String>,
}

impl<T> Read<T> {
    fn of(value: Option<T>) -> Read<T> {
        Read { value, note: None }
    }

    fn noted(value: T, note: String) -> Read<T> {
        Read {
            value: Some(value),
            note: Some(note),
        }
    }
}

/// The result of reading a cell: the value (and a note), or why it cannot be used.
pub(crate) type CellResult<T> = Result<Read<T>, String>;

const DATE_TEXT: &str = "日付として保存されています。セルの書式を「文字列」にしてから入力し直してください（1-2 のような値は Excel が日付に変えることがあります）";

/// Text as written (invisible characters removed, line ends unified); None when blank.
pub(crate) fn text(data: &Data) -> CellResult<String> {
    let s = match data {
        Data::Empty => return Ok(Read::of(None)),
        Data::String(s) => crate::text::clean(s)
            .replace("\r\n", "\n")
            .replace('\r', "\n"),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format_plain(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            return Err(DATE_TEXT.to_string());
        }
        Data::Error(e) => return Err(error_value(e)),
    };
    Ok(Read::of((!s.trim().is_empty()).then_some(s)))
}

/// Text without surrounding spaces (names, numbers of the plan, references).
pub(crate) fn name(data: &Data) -> CellResult<String> {
    text(data).map(|r| Read {
        value: r.value.map(|s| s.trim().to_string()),
        note: r.note,
    })
}

/// A number of the plan (管理番号, 取組方針 …): text; a cell stored as a number is read as
/// its digits, with a note (a leading 0 is lost in such a cell).
pub(crate) fn code(data: &Data) -> CellResult<String> {
    let mut read = name(data)?;
    if matches!(data, Data::Int(_) | Data::Float(_))
        && let Some(v) = &read.value
    {
        read.note = Some(format!(
            "数値として保存されているため「{v}」として読み取りました（先頭の 0 などが消えていないか確認してください。セルの書式を「文字列」にすると確実です）"
        ));
    }
    Ok(read)
}

fn error_value(e: &calamine::CellErrorType) -> String {
    format!("セルがエラー値（{e}）です。値を入力し直してください")
}

/// Text written as "not set" in the plan's drafts (● in the 素案).
fn is_unset_mark(s: &str) -> bool {
    matches!(s.trim(), "●" | crate::text::UNSET)
}

/// A number; blank (or ● / 未設定) is None.
pub(crate) fn number(data: &Data) -> CellResult<f64> {
    let read = match data {
        Data::Empty => return Ok(Read::of(None)),
        Data::Int(i) => Read::of(Some(*i as f64)),
        Data::Float(f) => Read::of(Some(*f)),
        Data::String(s) if s.trim().is_empty() || is_unset_mark(s) => return Ok(Read::of(None)),
        Data::String(s) => match crate::numbers::parse_number_text(s) {
            Some((v, true)) => Read::noted(v, "全角の数字を数値として読み取りました".into()),
            Some((v, false)) => Read::noted(
                v,
                "文字列として入力された数値を数値として読み取りました".into(),
            ),
            None => {
                return Err(format!(
                    "「{}」は数値ではありません。数字だけを入力してください（「約」・単位・記号は付けません。未設定なら空欄）",
                    crate::text::abbreviate(s.trim(), 40)
                ));
            }
        },
        Data::Bool(_) => return Err("数値を入力してください（TRUE/FALSE は使えません）".into()),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            return Err("日付として保存されています。数値を入力してください".into());
        }
        Data::Error(e) => return Err(error_value(e)),
    };
    match read.value {
        Some(v) if !v.is_finite() => Err("数値を入力してください".into()),
        Some(v) if v.abs() >= 1e15 => Err(
            "値が大きすぎます（Excel で正確に扱える15桁を超えています。単位や桁を確認してください）"
                .into(),
        ),
        _ => Ok(read),
    }
}

/// A whole number from `min` to `max` (小数桁).
pub(crate) fn whole(data: &Data, min: u8, max: u8) -> CellResult<u8> {
    let read = number(data)?;
    match read.value {
        None => Ok(Read::of(None)),
        Some(v) if v.fract() == 0.0 && v >= f64::from(min) && v <= f64::from(max) => Ok(Read {
            value: Some(v as u8),
            note: read.note,
        }),
        Some(v) => Err(format!(
            "{} は使えません。{min}〜{max} の整数を入力してください",
            format_plain(v)
        )),
    }
}

/// A fiscal year: a 4-digit 西暦 number; 令和6 / R6 / ２０２４ are read with a note.
pub(crate) fn year(data: &Data) -> CellResult<FiscalYear> {
    let refuse = |shown: &str| {
        format!("年度「{shown}」を読み取れません。西暦4桁の数値（例: 2024）で入力してください")
    };
    match data {
        Data::Empty => Ok(Read::of(None)),
        Data::String(s) if s.trim().is_empty() => Ok(Read::of(None)),
        Data::Int(_) | Data::Float(_) => {
            let v = match data {
                Data::Int(i) => *i as f64,
                Data::Float(f) => *f,
                _ => 0.0,
            };
            if v.fract() == 0.0 && (1989.0..=2200.0).contains(&v) {
                Ok(Read::of(Some(FiscalYear(v as u16))))
            } else {
                Err(refuse(&format_plain(v)))
            }
        }
        Data::String(s) => {
            let shown = s.trim();
            match FiscalYear::parse(shown) {
                Ok(y) if shown == y.western().to_string() => Ok(Read::noted(
                    y,
                    "文字列として入力された年度を数値として読み取りました".into(),
                )),
                Ok(y) => Ok(Read::noted(
                    y,
                    format!(
                        "「{shown}」を{}として読み取りました（西暦4桁の {} と入力するのが確実です）",
                        y.label(),
                        y.western()
                    ),
                )),
                Err(_) => Err(refuse(&crate::text::abbreviate(shown, 40))),
            }
        }
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Err(
            "日付として保存されています。年度は西暦4桁の数値（例: 2024）で入力してください".into(),
        ),
        Data::Bool(_) => Err(refuse("TRUE/FALSE")),
        Data::Error(e) => Err(error_value(e)),
    }
}

/// Yes or no: はい / いいえ (also TRUE / FALSE); blank is no.
pub(crate) fn yes_no(data: &Data) -> CellResult<bool> {
    let refuse = || {
        format!(
            "「{}」か「{}」を選んでください（空欄は{}）",
            super::YES,
            super::NO,
            super::NO
        )
    };
    match data {
        Data::Empty => Ok(Read::of(Some(false))),
        Data::Bool(b) => Ok(Read::of(Some(*b))),
        Data::Int(1) => Ok(Read::of(Some(true))),
        Data::Int(0) => Ok(Read::of(Some(false))),
        Data::Float(f) if *f == 1.0 || *f == 0.0 => Ok(Read::of(Some(*f == 1.0))),
        Data::String(s) => {
            let s = normalized(s);
            match s.to_uppercase().as_str() {
                "" | "いいえ" | "FALSE" => Ok(Read::of(Some(false))),
                "はい" | "TRUE" => Ok(Read::of(Some(true))),
                _ => Err(refuse()),
            }
        }
        _ => Err(refuse()),
    }
}

/// One of fixed choices (a dropdown); returns its index, None when blank.
pub(crate) fn choice(data: &Data, choices: &[&str]) -> CellResult<usize> {
    let Some(s) = text(data)?.value else {
        return Ok(Read::of(None));
    };
    let typed = normalized(&s);
    choices
        .iter()
        .position(|c| normalized(c) == typed)
        .map(|i| Read::of(Some(i)))
        .ok_or_else(|| {
            format!(
                "「{}」は選べません。プルダウン（{}）から選んでください",
                crate::text::abbreviate(s.trim(), 40),
                choices.join("・")
            )
        })
}

/// NFKC without any white space: how headings, labels and choices are compared.
pub(crate) fn normalized(s: &str) -> String {
    crate::text::clean(s)
        .nfkc()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Data {
        Data::String(x.to_string())
    }

    #[test]
    fn numbers_follow_the_submission_rules() {
        assert_eq!(number(&Data::Float(25.5)).unwrap().value, Some(25.5));
        assert_eq!(number(&Data::Empty).unwrap().value, None);
        assert_eq!(number(&s("●")).unwrap().value, None);
        assert_eq!(number(&s("未設定")).unwrap().value, None);
        let r = number(&s("２５")).unwrap();
        assert_eq!(r.value, Some(25.0));
        assert!(r.note.unwrap().contains("全角"));
        let r = number(&s("1,200")).unwrap();
        assert_eq!(r.value, Some(1200.0));
        assert!(r.note.is_some());
        assert!(
            number(&s("約300"))
                .unwrap_err()
                .contains("「約300」は数値ではありません")
        );
        assert!(
            number(&Data::Float(1e16))
                .unwrap_err()
                .contains("大きすぎます")
        );
    }

    #[test]
    fn years_accept_eras_with_a_note_and_refuse_text() {
        assert_eq!(
            year(&Data::Float(2024.0)).unwrap().value,
            Some(FiscalYear(2024))
        );
        let r = year(&s("令和6")).unwrap();
        assert_eq!(r.value, Some(FiscalYear(2024)));
        assert!(
            r.note
                .unwrap()
                .contains("「令和6」を令和6(2024)年度として読み取りました")
        );
        let r = year(&s("２０２４")).unwrap();
        assert_eq!(r.value, Some(FiscalYear(2024)));
        assert!(r.note.is_some());
        assert!(
            year(&s("来年度"))
                .unwrap_err()
                .contains("年度「来年度」を読み取れません")
        );
        assert!(year(&Data::Float(24.0)).is_err());
        assert!(year(&Data::Float(2024.5)).is_err());
    }

    #[test]
    fn text_cells() {
        assert_eq!(
            text(&Data::Float(1101.0)).unwrap().value.as_deref(),
            Some("1101")
        );
        assert_eq!(text(&s("  ")).unwrap().value, None);
        assert_eq!(text(&s("a\r\nb")).unwrap().value.as_deref(), Some("a\nb"));
        assert_eq!(
            name(&s(" 企画課\u{200B} ")).unwrap().value.as_deref(),
            Some("企画課")
        );
        assert!(
            text(&Data::DateTimeIso("2024-01-02".into()))
                .unwrap_err()
                .contains("日付")
        );
    }

    #[test]
    fn choices_and_yes_no() {
        assert_eq!(
            choice(&s(" 柱 "), &["柱", "取組方針"]).unwrap().value,
            Some(0)
        );
        assert_eq!(choice(&Data::Empty, &["柱"]).unwrap().value, None);
        assert!(
            choice(&s("章"), &["柱", "取組方針"])
                .unwrap_err()
                .contains("柱・取組方針")
        );
        assert_eq!(yes_no(&s("はい")).unwrap().value, Some(true));
        assert_eq!(yes_no(&Data::Bool(true)).unwrap().value, Some(true));
        assert_eq!(yes_no(&s("false")).unwrap().value, Some(false));
        assert_eq!(yes_no(&Data::Empty).unwrap().value, Some(false));
        assert!(yes_no(&s("たぶん")).is_err());
        assert_eq!(whole(&Data::Float(2.0), 0, 3).unwrap().value, Some(2));
        assert!(whole(&Data::Float(1.5), 0, 255).is_err());
    }
}
