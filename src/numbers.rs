//! Number formatting shared by every output: #,##0 with a fixed number of decimals, rounded
//! by one rule everywhere — the rule Excel's number formats show (the value taken to 15
//! significant digits, then halves rounded away from zero: 6.25 → "6.3", 12.5 → "13").

/// A figure rounded for display: the digits every output shows, and the number they mean.
///
/// ```
/// use gyokaku::numbers::Rounded;
/// let r = Rounded::new(6.25, 1);
/// assert_eq!(r.label(), "6.3");
/// assert_eq!(r.value(), 6.3);
/// assert_eq!(Rounded::new(-1234.5, 0).label(), "-1,235");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rounded {
    /// Whether a nonzero rounded value is negative.
    negative: bool,
    /// Integer digits, without leading zeros (at least "0").
    int: String,
    /// Exactly `decimals` digits after the point.
    frac: String,
}

impl Rounded {
    /// Rounds `value` to `decimals` places by Excel's rule (halves away from zero, after
    /// taking the value to the 15 significant digits Excel keeps). Not finite → zero.
    pub fn new(value: f64, decimals: u8) -> Rounded {
        let decimals = usize::from(decimals);
        let zero = || Rounded {
            negative: false,
            int: "0".into(),
            frac: "0".repeat(decimals),
        };
        if !value.is_finite() || value == 0.0 {
            return zero();
        }
        // 15 significant digits: "d.dddddddddddddde±x".
        let sci = format!("{:.14e}", value.abs());
        let Some((mantissa, exp)) = sci.split_once('e') else {
            return zero();
        };
        let Ok(exp) = exp.parse::<i32>() else {
            return zero();
        };
        let digits: Vec<u8> = mantissa
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        // The number is 0.d1d2d3… × 10^(exp+1): place the digits on a fixed grid of
        // `lead` integer places and `decimals` fraction places (+1 for the rounding digit).
        let point = exp + 1; // digits before the decimal point
        let lead = point.max(1) as usize;
        let mut grid = vec![0u8; lead + decimals + 1];
        for (i, d) in digits.iter().enumerate() {
            // Position of digit i relative to the start of the grid.
            let pos = lead as i64 - i64::from(point) + i as i64;
            if let Ok(pos) = usize::try_from(pos)
                && pos < grid.len()
            {
                grid[pos] = *d;
            }
        }
        let round_up = grid.pop().is_some_and(|d| d >= 5);
        if round_up {
            let mut carry = true;
            for d in grid.iter_mut().rev() {
                if !carry {
                    break;
                }
                *d += 1;
                carry = *d == 10;
                if carry {
                    *d = 0;
                }
            }
            if carry {
                grid.insert(0, 1);
            }
        }
        let split = grid.len() - decimals;
        let to_text = |ds: &[u8]| ds.iter().map(|d| char::from(b'0' + d)).collect::<String>();
        let int = to_text(&grid[..split]);
        let int = match int.trim_start_matches('0') {
            "" => "0".to_string(),
            t => t.to_string(),
        };
        let frac = to_text(&grid[split..]);
        let negative = value < 0.0 && grid.iter().any(|d| *d != 0);
        Rounded {
            negative,
            int,
            frac,
        }
    }

    /// The rounded number (6.25 at one place → 6.3), for outputs that write numbers.
    pub fn value(&self) -> f64 {
        let sign = if self.negative { "-" } else { "" };
        let text = if self.frac.is_empty() {
            format!("{sign}{}", self.int)
        } else {
            format!("{sign}{}.{}", self.int, self.frac)
        };
        text.parse().unwrap_or(0.0)
    }

    /// The text as #,##0 (or #,##0.0 …) shows it: "1,234.5".
    pub fn label(&self) -> String {
        let mut grouped = String::new();
        let n = self.int.len();
        for (i, c) in self.int.chars().enumerate() {
            if i > 0 && (n - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if self.negative { "-" } else { "" };
        if self.frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}.{}", self.frac)
        }
    }
}

/// Formats a number as #,##0 (or #,##0.0 … with `decimals`): 1234567 → "1,234,567", rounded
/// as [`Rounded`] (halves away from zero, as Excel shows it).
///
/// ```
/// use gyokaku::numbers::format_grouped;
/// assert_eq!(format_grouped(1234567.0, 0), "1,234,567");
/// assert_eq!(format_grouped(12.5, 0), "13");
/// assert_eq!(format_grouped(-2.25, 1), "-2.3");
/// assert_eq!(format_grouped(f64::NAN, 0), "―");
/// ```
pub fn format_grouped(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return "―".to_string();
    }
    Rounded::new(value, decimals).label()
}

/// A number as typed, without grouping or trailing zeros: 1200 → "1200", 98.5 → "98.5",
/// -5 → "-5" (for limits in messages).
pub fn format_plain(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// The Excel number format for a number of decimals: "#,##0" or "#,##0.0".
///
/// ```
/// assert_eq!(gyokaku::numbers::excel_format(0), "#,##0");
/// assert_eq!(gyokaku::numbers::excel_format(2), "#,##0.00");
/// ```
pub fn excel_format(decimals: u8) -> String {
    if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(usize::from(decimals)))
    }
}

/// Parses a number typed as text: "1200", "1,200", "３００", " 98.7 ". Returns the value and
/// whether full-width characters were converted. Refuses anything that needs a guess.
///
/// ```
/// use gyokaku::numbers::parse_number_text;
/// assert_eq!(parse_number_text("1,200"), Some((1200.0, false)));
/// assert_eq!(parse_number_text("３００"), Some((300.0, true)));
/// assert_eq!(parse_number_text("約300"), None);
/// ```
pub fn parse_number_text(text: &str) -> Option<(f64, bool)> {
    let normalized: String = unicode_normalization::UnicodeNormalization::nfkc(text).collect();
    let was_fullwidth = normalized != text && normalized.trim() != text.trim();
    let trimmed = normalized.trim();
    // A minus sign (also the full-width and typographic ones) before the digits.
    let (negative, s) = match trimmed.strip_prefix(['-', '−', '－']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    if s.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac_part
        && (f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if int_part.is_empty() || !int_part.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    if int_part.contains(',') {
        // Only proper thousands grouping: 1,234,567.
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return None;
        }
    }
    let plain: String = s.chars().filter(|c| *c != ',').collect();
    let value = plain.parse::<f64>().ok()?;
    Some((if negative { -value } else { value }, was_fullwidth))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(format_grouped(0.0, 0), "0");
        assert_eq!(format_grouped(999.0, 0), "999");
        assert_eq!(format_grouped(1000.0, 0), "1,000");
        assert_eq!(format_grouped(1234567.0, 0), "1,234,567");
        assert_eq!(format_grouped(-1234.0, 0), "-1,234");
        assert_eq!(format_grouped(98.26, 1), "98.3");
        assert_eq!(format_grouped(1234.5, 1), "1,234.5");
        assert_eq!(format_grouped(-0.01, 0), "0");
        assert_eq!(format_grouped(f64::NAN, 0), "―");
    }

    /// Excel's rule, written out: halves away from zero, also where the binary value lies
    /// just below the half (1.005 is stored as 1.00499999999999989…; Excel shows 1.01).
    #[test]
    fn rounds_halves_away_from_zero() {
        let cases: [(f64, u8, &str); 14] = [
            (6.25, 1, "6.3"),
            (6.35, 1, "6.4"),
            (0.125, 2, "0.13"),
            (1.005, 2, "1.01"),
            (2.5, 0, "3"),
            (3.5, 0, "4"),
            (-2.5, 0, "-3"),
            (12.5, 0, "13"),
            (999.95, 1, "1,000.0"),
            (99999.5, 0, "100,000"),
            (0.04, 1, "0.0"),
            (0.05, 1, "0.1"),
            (-0.04, 1, "0.0"),
            (1e-20, 0, "0"),
        ];
        for (v, d, want) in cases {
            assert_eq!(format_grouped(v, d), want, "{v} at {d}");
        }
        assert_eq!(Rounded::new(0.0625 * 100.0, 1).value(), 6.3);
        assert_eq!(Rounded::new(123456789.0, 0).label(), "123,456,789");
        assert_eq!(Rounded::new(5e-7, 6).label(), "0.000001");
    }

    #[test]
    fn excel_formats() {
        assert_eq!(excel_format(0), "#,##0");
        assert_eq!(excel_format(2), "#,##0.00");
    }
}
