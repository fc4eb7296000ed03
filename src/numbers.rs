//! Number formatting shared by every output: #,##0 with a fixed number of decimals.

/// Formats a number as #,##0 (or #,##0.0 … with `decimals`): 1234567 → "1,234,567".
pub fn format_grouped(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return "―".to_string();
    }
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
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
pub fn excel_format(decimals: u8) -> String {
    if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(usize::from(decimals)))
    }
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

    #[test]
    fn excel_formats() {
        assert_eq!(excel_format(0), "#,##0");
        assert_eq!(excel_format(2), "#,##0.00");
    }
}
