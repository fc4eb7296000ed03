//! Japanese line breaking with kinsoku shori: no closing punctuation, small kana or prolonged
//! sound mark at a line start, no opening bracket at a line end, Latin words kept whole.

/// Characters that must not start a line (行頭禁則).
const NO_START: &str = "、。，．・：；？！ー―‐）」』】〕》〉｝］〙〗ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ”’),.:;!?%]}」、";
/// Characters that may hang past the right margin (ぶら下げ).
const HANGING: &str = "、。，．,.";
/// Characters that must not end a line (行末禁則).
const NO_END: &str = "（「『【〔《〈｛［〘〖“‘([{";

fn no_start(c: char) -> bool {
    static SET: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| sorted(NO_START));
    SET.binary_search(&c).is_ok()
}

fn no_end(c: char) -> bool {
    static SET: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| sorted(NO_END));
    SET.binary_search(&c).is_ok()
}

/// The characters of a list, sorted for binary search (a linear search of the string for
/// every character of every paragraph was a third of the line breaker's time).
fn sorted(list: &str) -> Vec<char> {
    let mut set: Vec<char> = list.chars().collect();
    set.sort_unstable();
    set
}

/// Whether a character belongs to a Latin word that must not be split.
fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '.' | ',' | '-' | '_' | '/' | '\'' | '%' | '@' | '&' | '+' | '#'
        )
}

/// Splits text into unbreakable units: Latin words, single spaces and single other characters
/// (slices of the text).
fn units(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::with_capacity(text.len());
    let mut word_start = None;
    for (i, c) in text.char_indices() {
        if word_char(c) && c.is_ascii() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            out.push(&text[start..i]);
        }
        out.push(&text[i..i + c.len_utf8()]);
    }
    if let Some(start) = word_start {
        out.push(&text[start..]);
    }
    out
}

/// Breaks `text` into lines no wider than `max_width`, measuring with `measure`.
/// Explicit newlines are kept; a line that is exactly `max_width` wide is not broken early.
pub fn break_lines(text: &str, max_width: f32, measure: impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        lines.extend(break_paragraph(paragraph, max_width, &measure));
    }
    lines
}

fn break_paragraph(text: &str, max_width: f32, measure: &impl Fn(&str) -> f32) -> Vec<String> {
    const EPS: f32 = 0.01;
    let mut lines: Vec<Vec<&str>> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut cur_w = 0.0f32;
    let width_of = |units: &[&str]| units.iter().map(|u| measure(u)).sum::<f32>();
    for unit in units(text) {
        let w = measure(unit);
        let first = unit.chars().next().unwrap_or(' ');
        if unit == " " && cur.is_empty() && !lines.is_empty() {
            continue; // no leading space on a continued line
        }
        if no_start(first) && cur.is_empty() && !lines.is_empty() {
            // The line just broke before a no-start unit: pull units down from the previous
            // line (追い出し) until the line starts with an allowed character.
            let mut carried = vec![unit];
            while let Some(prev) = lines.last_mut() {
                if prev.len() <= 1 {
                    break;
                }
                let last = prev.pop().unwrap_or_default();
                let bad = last.chars().next().is_some_and(no_start);
                carried.insert(0, last);
                if !bad {
                    break;
                }
            }
            cur_w = width_of(&carried);
            cur = carried;
            continue;
        }
        if cur_w + w <= max_width + EPS || cur.is_empty() && w <= max_width + EPS {
            cur_w += w;
            cur.push(unit);
            continue;
        }
        if unit == " " {
            // A space at the break point disappears.
            lines.push(std::mem::take(&mut cur));
            cur_w = 0.0;
            continue;
        }
        if no_start(first) && !cur.is_empty() {
            if HANGING.contains(first) && unit.chars().count() == 1 {
                cur.push(unit); // ぶら下げ: the comma hangs in the margin
                lines.push(std::mem::take(&mut cur));
                cur_w = 0.0;
                continue;
            }
            // 追い出し: carry the last unit(s) to the next line with this one.
            let mut carried = vec![unit];
            while cur.len() > 1 {
                let last = cur.pop().unwrap_or_default();
                let starts_bad = last.chars().next().is_some_and(no_start);
                carried.insert(0, last);
                if !starts_bad {
                    break;
                }
            }
            lines.push(std::mem::take(&mut cur));
            cur_w = width_of(&carried);
            cur = carried;
            continue;
        }
        // 行末禁則: an opening bracket moves down with the next unit.
        let mut carried = Vec::new();
        while cur.len() > 1
            && cur
                .last()
                .and_then(|u| u.chars().last())
                .is_some_and(no_end)
        {
            carried.insert(0, cur.pop().unwrap_or_default());
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        carried.push(unit);
        cur_w = width_of(&carried);
        cur = carried;
        // A single unit wider than the line (a very long word) is split by character.
        if cur_w > max_width + EPS && cur.len() == 1 {
            let word = cur.pop().unwrap_or_default();
            let mut start = 0;
            let mut piece_w = 0.0;
            for (i, c) in word.char_indices() {
                let cw = measure(&word[i..i + c.len_utf8()]);
                if piece_w + cw > max_width + EPS && i > start {
                    lines.push(vec![&word[start..i]]);
                    start = i;
                    piece_w = 0.0;
                }
                piece_w += cw;
            }
            let piece = &word[start..];
            cur = vec![piece];
            cur_w = piece_w;
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
        .into_iter()
        .map(|l| {
            let mut line = l.concat();
            line.truncate(line.trim_end().len());
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Full-width characters measure 1.0, ASCII 0.5.
    fn measure(s: &str) -> f32 {
        s.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    }

    fn brk(text: &str, width: f32) -> Vec<String> {
        break_lines(text, width, measure)
    }

    #[test]
    fn exact_fit_is_not_broken() {
        assert_eq!(brk("あいうえお", 5.0), ["あいうえお"]);
        assert_eq!(brk("あいうえおか", 5.0), ["あいうえお", "か"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // 。 hangs in the margin rather than starting the next line.
        assert_eq!(brk("あいうえお。かき", 5.0), ["あいうえお。", "かき"]);
        // 」 is pushed out together with the previous character.
        assert_eq!(brk("あいうえお」かき", 5.0), ["あいうえ", "お」かき"]);
        for (text, w) in [
            ("あいうえおっか", 5.0),
            ("あいうえおーか", 5.0),
            ("あいうえお）か", 5.0),
            ("ああああ、、、い", 4.0),
        ] {
            for line in brk(text, w).iter().skip(1) {
                let c = line.chars().next().unwrap();
                assert!(
                    !no_start(c),
                    "{text}: line starts with {c}: {:?}",
                    brk(text, w)
                );
            }
        }
    }

    #[test]
    fn opening_brackets_never_end_a_line() {
        let lines = brk("あいうえ「おかき」", 5.0);
        assert_eq!(lines, ["あいうえ", "「おかき」"]);
        for line in &lines {
            assert!(!no_end(line.chars().last().unwrap()));
        }
    }

    #[test]
    fn latin_words_are_kept_whole() {
        assert_eq!(brk("あいう google 翻訳", 4.0), ["あいう", "google", "翻訳"]);
        assert_eq!(
            brk("あいう google 翻訳", 5.0),
            ["あいう", "google 翻", "訳"]
        );
        assert_eq!(brk("件数は1,234件", 4.0), ["件数は", "1,234件"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_split() {
        let lines = brk("abcdefghijkl", 3.0);
        assert_eq!(lines, ["abcdef", "ghijkl"]);
    }

    #[test]
    fn newlines_and_empty_text() {
        assert_eq!(brk("", 5.0), [""]);
        assert_eq!(brk("あ\nい", 5.0), ["あ", "い"]);
        assert_eq!(brk("\n\n", 5.0), ["", "", ""]);
    }

    #[test]
    fn mixed_text_fits() {
        let text = "SNSの利用マニュアルを作成し、SNSによる情報発信を新たに行う。";
        for line in brk(text, 10.0) {
            // Only a hanging comma or full stop may pass the margin.
            let body = line.trim_end_matches(|c| HANGING.contains(c));
            assert!(measure(body) <= 10.0, "{line}");
        }
        assert_eq!(brk(text, 10.0).concat(), text);
    }
}
