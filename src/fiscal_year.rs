//! Fiscal years (年度): parsing 2023 / R5 / 令和5 / 令和元 / H30 and formatting 令和5(2023)年度.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

/// A Japanese fiscal year (April–March), identified by its 西暦 starting year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(pub u16);

/// A year string that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YearParseError {
    /// Not a year in any accepted form.
    #[error("年度「{0}」を読み取れません。2023、R5、令和5、令和元、H30 のように指定してください")]
    Unreadable(String),
    /// 令和5(2024): the era year and the western year name different years.
    #[error(
        "年度「{input}」は和暦と西暦が一致しません（{era}は{western}年度です）。どちらか一方で指定してください（例: {western}、{era}）"
    )]
    Contradiction {
        /// The year as given.
        input: String,
        /// The era year it names (令和5年度).
        era: String,
        /// The western year given beside it.
        western: u16,
    },
}

impl FiscalYear {
    /// Parses 2023, FY2023, R5, r5, 令和5, 令和５, 令和元, H30, 平成30, with an optional 年度/年.
    ///
    /// ```
    /// use gyokaku::fiscal_year::FiscalYear;
    /// for text in ["2023", "FY2023", "R5", "令和５年度", "令和5(2023)年度"] {
    ///     assert_eq!(FiscalYear::parse(text).unwrap(), FiscalYear(2023));
    /// }
    /// assert_eq!(FiscalYear::parse("令和元年度").unwrap(), FiscalYear(2019));
    /// assert_eq!(FiscalYear::parse("H30").unwrap(), FiscalYear(2018));
    /// assert!(FiscalYear::parse("約2023").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<FiscalYear, YearParseError> {
        let err = || YearParseError::Unreadable(input.to_string());
        let text: String = input.nfkc().filter(|c| !c.is_whitespace()).collect();
        let text = text
            .strip_suffix("年度")
            .or_else(|| text.strip_suffix('年'))
            .unwrap_or(&text);
        // An optional western year in parentheses after an era year: 令和5(2023).
        let (text, western) = match text.split_once('(') {
            Some((head, tail)) => {
                let inner = tail.strip_suffix(')').ok_or_else(err)?;
                let inner = inner
                    .strip_suffix("年度")
                    .or_else(|| inner.strip_suffix('年'))
                    .unwrap_or(inner);
                if inner.len() != 4 {
                    return Err(err());
                }
                (head, Some(digits(inner).ok_or_else(err)?))
            }
            None => (text, None),
        };
        let lower = text.to_lowercase();
        let era = [("令和", 2018u16), ("r", 2018), ("平成", 1988), ("h", 1988)]
            .into_iter()
            .find_map(|(prefix, offset)| lower.strip_prefix(prefix).map(|rest| (rest, offset)));
        let year = match era {
            Some((rest, offset)) => {
                let n: u16 = if rest == "元" {
                    1
                } else {
                    digits(rest).ok_or_else(err)?
                };
                let max = if offset == 1988 { 31 } else { 200 };
                if n == 0 || n > max {
                    return Err(err());
                }
                offset + n
            }
            None => {
                let rest = lower.strip_prefix("fy").unwrap_or(&lower);
                if rest.len() != 4 {
                    return Err(err());
                }
                digits(rest).ok_or_else(err)?
            }
        };
        if !(1989..=2200).contains(&year) {
            return Err(err());
        }
        if let Some(w) = western {
            if era.is_none() {
                return Err(err());
            }
            if w != year {
                return Err(YearParseError::Contradiction {
                    input: input.to_string(),
                    era: text.to_string(),
                    western: year,
                });
            }
        }
        Ok(FiscalYear(year))
    }

    /// The 西暦 year.
    pub fn western(self) -> u16 {
        self.0
    }

    /// Era name and year number, e.g. ("令和", "5") or ("令和", "元").
    pub fn era(self) -> (&'static str, String) {
        let (name, n) = if self.0 >= 2019 {
            ("令和", self.0 - 2018)
        } else {
            ("平成", self.0.saturating_sub(1988))
        };
        let n = if n == 1 {
            "元".to_string()
        } else {
            n.to_string()
        };
        (name, n)
    }

    /// 令和5年度 (used in file names).
    pub fn era_label(self) -> String {
        let (name, n) = self.era();
        format!("{name}{n}年度")
    }

    /// 令和5(2023)年度 (used in every output).
    ///
    /// ```
    /// use gyokaku::fiscal_year::FiscalYear;
    /// assert_eq!(FiscalYear(2023).label(), "令和5(2023)年度");
    /// assert_eq!(FiscalYear(2019).era_label(), "令和元年度");
    /// assert_eq!(FiscalYear(2018).era_label(), "平成30年度");
    /// ```
    pub fn label(self) -> String {
        let (name, n) = self.era();
        format!("{name}{n}({})年度", self.0)
    }

    /// The previous fiscal year.
    pub fn previous(self) -> FiscalYear {
        FiscalYear(self.0.saturating_sub(1))
    }

    /// Every fiscal year from `from` to `to`, both included.
    pub fn span(from: FiscalYear, to: FiscalYear) -> impl Iterator<Item = FiscalYear> {
        (from.0..=to.0).map(FiscalYear)
    }
}

/// A fiscal year is written as its 西暦 number (2023) in data files.
impl serde::Serialize for FiscalYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.0)
    }
}

/// Plan and settings files write a fiscal year as its 西暦 number (2023).
impl<'de> serde::Deserialize<'de> for FiscalYear {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(d)?;
        u16::try_from(n)
            .ok()
            .filter(|y| (1989..=2200).contains(y))
            .map(FiscalYear)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "年度 {n} は使えません。西暦4桁の年度（1989〜2200、例: 2023）で書いてください"
                ))
            })
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

fn digits(s: &str) -> Option<u16> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A calendar date written the Japanese way: 令和6年4月30日.
pub fn era_date(year: u16, month: u8, day: u8) -> String {
    // The era changed on 2019-05-01.
    let reiwa = (year, month) >= (2019, 5);
    let (name, n) = if reiwa {
        ("令和", year - 2018)
    } else {
        ("平成", year.saturating_sub(1988))
    };
    let n = if n == 1 {
        "元".to_string()
    } else {
        n.to_string()
    };
    format!("{name}{n}年{month}月{day}日")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_spelling() {
        let table = [
            ("2023", 2023),
            ("２０２３", 2023),
            ("FY2023", 2023),
            ("R5", 2023),
            ("r5", 2023),
            ("Ｒ５", 2023),
            ("令和5", 2023),
            ("令和５", 2023),
            ("令和5年度", 2023),
            ("令和 5 年度", 2023),
            ("令和5(2023)年度", 2023),
            ("令和元", 2019),
            ("令和元年度", 2019),
            ("R1", 2019),
            ("H30", 2018),
            ("h30", 2018),
            ("平成30", 2018),
            ("平成31", 2019),
            ("2025年度", 2025),
        ];
        for (input, want) in table {
            assert_eq!(FiscalYear::parse(input), Ok(FiscalYear(want)), "{input}");
        }
    }

    #[test]
    fn refuses_nonsense() {
        for input in [
            "",
            "R",
            "令和",
            "令和0",
            "H32",
            "23",
            "20233",
            "abc",
            "令和五",
            "R-1",
            "1900",
        ] {
            let err = FiscalYear::parse(input).unwrap_err();
            assert!(err.to_string().contains("読み取れません"), "{input}");
        }
    }

    #[test]
    fn refuses_contradictory_era_and_western_years() {
        assert_eq!(FiscalYear::parse("令和5(2023)"), Ok(FiscalYear(2023)));
        assert_eq!(
            FiscalYear::parse("令和５（２０２３）年度"),
            Ok(FiscalYear(2023))
        );
        assert_eq!(FiscalYear::parse("R5(2023年度)"), Ok(FiscalYear(2023)));
        let err = FiscalYear::parse("令和5(2024)").unwrap_err();
        assert!(
            matches!(&err, YearParseError::Contradiction { western: 2023, .. }),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains("和暦と西暦が一致しません") && msg.contains("令和5は2023年度"),
            "{msg}"
        );
        for input in ["令和5(20)", "令和5(2023", "2023(2023)", "令和5(abcd)"] {
            assert!(
                matches!(FiscalYear::parse(input), Err(YearParseError::Unreadable(_))),
                "{input}"
            );
        }
    }

    #[test]
    fn formats_labels() {
        assert_eq!(FiscalYear(2023).label(), "令和5(2023)年度");
        assert_eq!(FiscalYear(2019).label(), "令和元(2019)年度");
        assert_eq!(FiscalYear(2018).label(), "平成30(2018)年度");
        assert_eq!(FiscalYear(2023).era_label(), "令和5年度");
        assert_eq!(era_date(2024, 4, 30), "令和6年4月30日");
        assert_eq!(era_date(2019, 4, 30), "平成31年4月30日");
        assert_eq!(era_date(2019, 5, 1), "令和元年5月1日");
    }
}
