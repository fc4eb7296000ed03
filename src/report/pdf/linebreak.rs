//! Japanese line breaking: break opportunities from the Unicode line breaking algorithm
//! (UAX #14, the `unicode-linebreak` crate), with Japanese kinsoku shori (JIS X 4051) on top:
//! no closing punctuation, small kana or prolonged sound mark at a line start, no opening
//! bracket at a line end, a comma or full stop may hang in the margin (ぶら下げ).

/// Characters that must not start a line (行頭禁則, JIS X 4051 classes 2–7 and 9–10: closing
/// brackets, hyphens, dividing and middle punctuation, full stops, commas, iteration marks,
/// the prolonged sound mark and small kana), with their halfwidth and ASCII forms.
const NO_START: &str = "、。，．・：；？！゛゜ヽヾゝゞ々〻ー―‐゠–〜～）］｝」』】〕〉》〙〗〟’”｠»\
ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ\
ｧｨｩｪｫｬｭｮｯｰ｡｣､･‼⁇⁈⁉),.:;!?%]}";
/// Characters that may hang past the right margin (ぶら下げ).
const HANGING: &str = "、。，．,.｡､";
/// Characters that must not end a line (行末禁則: opening brackets and quotes, JIS X 4051
/// class 1), with their halfwidth and ASCII forms.
const NO_END: &str = "（［｛「『【〔〈《〘〖〝‘“｟«｢([{";

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

/// Splits text into unbreakable units at the break opportunities of UAX #14 (so Latin words
/// and numbers stay whole); a unit's trailing spaces and hanging punctuation become units of
/// their own, so that spaces can vanish and commas hang at a line end. Kinsoku is applied on
/// these units by the line breaker.
fn units(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::with_capacity(text.len());
    let mut start = 0;
    for (end, _) in unicode_linebreak::linebreaks(text) {
        let mut segment = &text[start..end];
        start = end;
        let mut tail: Vec<&str> = Vec::new();
        while let Some(c) = segment.chars().next_back() {
            if segment.len() == c.len_utf8() || !(c == ' ' || HANGING.contains(c)) {
                break;
            }
            let at = segment.len() - c.len_utf8();
            tail.push(&segment[at..]);
            segment = &segment[..at];
        }
        split_quotes(segment, &mut out);
        out.extend(tail.into_iter().rev());
    }
    out
}

/// UAX #14 never breaks beside a quotation mark (class QU), made for Western quotes; in
/// Japanese text ‘“« open and ’”» close like brackets (JIS X 4051): a break is allowed before
/// an opening and after a closing one next to a non-ASCII character, and kinsoku keeps them
/// with their text.
fn split_quotes<'a>(segment: &'a str, out: &mut Vec<&'a str>) {
    const OPENING: [char; 3] = ['\u{2018}', '\u{201C}', '\u{AB}'];
    const CLOSING: [char; 3] = ['\u{2019}', '\u{201D}', '\u{BB}'];
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in segment.char_indices() {
        if let Some(p) = prev {
            let wide = !p.is_ascii() || !c.is_ascii();
            if wide && (OPENING.contains(&c) || CLOSING.contains(&p)) {
                out.push(&segment[start..i]);
                start = i;
            }
        }
        prev = Some(c);
    }
    out.push(&segment[start..]);
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

    /// JIS X 4051 (2004) 行頭禁則, written out from the standard's character classes by
    /// code point, independently of the table under test: 終わり括弧類 (cl-02), ハイフン類
    /// (cl-03), 区切り約物 (cl-04), 中点類 (cl-05), 句点類 (cl-06), 読点類 (cl-07), 繰返し記号
    /// and 長音記号 (cl-09/10 as the standard's 行頭禁則和字), 小書きの仮名 (cl-11 small kana),
    /// and the halfwidth forms of these.
    const JIS_NO_START: &str = concat!(
        // cl-02 closing brackets and quotes
        "\u{2019}\u{201D}\u{FF09}\u{3015}\u{FF3D}\u{FF5D}\u{3009}\u{300B}\u{300D}",
        "\u{300F}\u{3011}\u{3019}\u{3017}\u{301F}\u{FF60}\u{00BB}",
        // cl-03 hyphens: hyphen, katakana-hiragana double hyphen, en dash, wave dashes
        "\u{2010}\u{30A0}\u{2013}\u{301C}\u{FF5E}",
        // cl-04 dividing punctuation
        "\u{FF1F}\u{FF01}\u{203C}\u{2047}\u{2048}\u{2049}",
        // cl-05 middle dots, colons
        "\u{30FB}\u{FF1A}\u{FF1B}\u{FF65}",
        // cl-06 full stops, cl-07 commas (with halfwidth forms)
        "\u{3002}\u{FF0E}\u{FF61}\u{3001}\u{FF0C}\u{FF64}",
        // iteration marks, voiced sound marks, prolonged sound marks
        "\u{30FD}\u{30FE}\u{309D}\u{309E}\u{3005}\u{303B}\u{309B}\u{309C}\u{30FC}\u{FF70}",
        // small hiragana
        "\u{3041}\u{3043}\u{3045}\u{3047}\u{3049}\u{3063}\u{3083}\u{3085}\u{3087}",
        "\u{308E}\u{3095}\u{3096}",
        // small katakana (and the Ainu extensions U+31F0..U+31FF)
        "\u{30A1}\u{30A3}\u{30A5}\u{30A7}\u{30A9}\u{30C3}\u{30E3}\u{30E5}\u{30E7}",
        "\u{30EE}\u{30F5}\u{30F6}",
        "\u{31F0}\u{31F1}\u{31F2}\u{31F3}\u{31F4}\u{31F5}\u{31F6}\u{31F7}",
        "\u{31F8}\u{31F9}\u{31FA}\u{31FB}\u{31FC}\u{31FD}\u{31FE}\u{31FF}",
        // halfwidth small katakana and closing bracket
        "\u{FF67}\u{FF68}\u{FF69}\u{FF6A}\u{FF6B}\u{FF6C}\u{FF6D}\u{FF6E}\u{FF6F}",
        "\u{FF63}",
    );

    /// JIS X 4051 行末禁則: 始め括弧類 (cl-01) and their halfwidth form, by code point.
    const JIS_NO_END: &str = concat!(
        "\u{2018}\u{201C}\u{FF08}\u{3014}\u{FF3B}\u{FF5B}\u{3008}\u{300A}\u{300C}",
        "\u{300E}\u{3010}\u{3018}\u{3016}\u{301D}\u{FF5F}\u{00AB}\u{FF62}",
    );

    /// Every character of JIS X 4051's line-start class is kept off a line start, and every
    /// opening bracket off a line end, wherever the width would put it.
    #[test]
    fn jis_x_4051_classes_are_respected_at_every_width() {
        for c in JIS_NO_START.chars() {
            let text = format!("あいうえお{c}かきくけこ{c}{c}さし");
            for w in 3..=9 {
                let lines = brk(&text, w as f32);
                assert_eq!(lines.concat(), text, "{c} at {w}: text kept");
                for line in lines.iter().skip(1) {
                    let first = line.chars().next().unwrap();
                    assert!(
                        first != c,
                        "{c} (U+{:04X}) starts a line at {w}: {lines:?}",
                        c as u32
                    );
                }
            }
        }
        for c in JIS_NO_END.chars() {
            let text = format!("あいうえお{c}かきくけこ{c}{c}さし");
            for w in 3..=9 {
                let lines = brk(&text, w as f32);
                assert_eq!(lines.concat(), text, "{c} at {w}: text kept");
                for line in &lines[..lines.len() - 1] {
                    let last = line.chars().last().unwrap();
                    assert!(
                        last != c,
                        "{c} (U+{:04X}) ends a line at {w}: {lines:?}",
                        c as u32
                    );
                }
            }
        }
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
                    !JIS_NO_START.contains(c),
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
            assert!(!JIS_NO_END.contains(line.chars().last().unwrap()));
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
