//! Character-based line breaking with simple 禁則処理 (JIS X 4051, reduced).
//!
//! A line may break between any two characters, except that a line never *starts* with a
//! closing bracket, a 句読点 or a small kana, and never *ends* with an opening bracket: the
//! character before the break is carried over to the next line instead (追い出し). If that
//! would empty the line, the break stays where the width put it.
//!
//! A run of ASCII letters and digits (`2025`, `No.12`, `P-mark` parts) is not broken either,
//! unless the run alone is wider than the line. ぶら下げ (hanging 、。) is not done.

use crate::chars::is_variation_selector;

/// Characters that must not begin a line (行頭禁則).
const NO_LINE_START: &str = "、。，．,.：；:;？！?!）)」』】〕〉》］]｝}’”ー―‐ゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・…‥〜～";

/// Characters that must not end a line (行末禁則).
const NO_LINE_END: &str = "（(「『【〔〈《［[｛{‘“";

fn may_start_line(c: char) -> bool {
    !NO_LINE_START.contains(c)
}

fn may_end_line(c: char) -> bool {
    !NO_LINE_END.contains(c)
}

/// Letters and digits of a Latin word or a number, kept on one line.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == ','
}

/// Breaks `text` into lines no wider than `max_width` (measured with `advance`), except where a
/// single character is wider. `\n` forces a break; an empty text gives no lines.
pub(crate) fn wrap(text: &str, max_width: f32, advance: impl Fn(char) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    if text.is_empty() {
        return lines;
    }
    for paragraph in text.split('\n') {
        let chars: Vec<char> = paragraph.chars().collect();
        if chars.is_empty() {
            lines.push(String::new());
            continue;
        }
        let mut start = 0;
        while start < chars.len() {
            let mut end = start;
            let mut width = 0.0;
            while let Some(&c) = chars.get(end) {
                let w = advance(c);
                if end > start && width + w > max_width {
                    break;
                }
                width += w;
                end += 1;
            }
            if end < chars.len() {
                end = kinsoku_break(&chars, start, end);
            }
            // A variation selector stays with its character.
            while chars.get(end).copied().is_some_and(is_variation_selector) {
                end += 1;
            }
            lines.push(chars[start..end].iter().collect());
            start = end;
        }
    }
    lines
}

/// Moves a break at `end` (the first character of the next line) earlier until neither side
/// breaks a 禁則 rule; keeps `end` if no such point leaves the line non-empty.
fn kinsoku_break(chars: &[char], start: usize, end: usize) -> usize {
    let allowed = |at: usize| {
        let next_ok = chars.get(at).is_none_or(|&c| may_start_line(c));
        let prev_ok = at
            .checked_sub(1)
            .and_then(|i| chars.get(i))
            .is_none_or(|&c| may_end_line(c));
        let inside_word = at
            .checked_sub(1)
            .and_then(|i| chars.get(i))
            .zip(chars.get(at))
            .is_some_and(|(&a, &b)| is_word_char(a) && is_word_char(b));
        let selector = chars.get(at).copied().is_some_and(is_variation_selector);
        next_ok && prev_ok && !inside_word && !selector
    };
    (start + 1..=end)
        .rev()
        .find(|&at| allowed(at))
        .unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::wrap;

    /// Every character one unit wide.
    fn lines(text: &str, width: f32) -> Vec<String> {
        wrap(text, width, |_| 1.0)
    }

    #[test]
    fn breaks_by_width() {
        assert_eq!(lines("あいうえおか", 3.0), ["あいう", "えおか"]);
        assert_eq!(lines("あいうえ", 3.0), ["あいう", "え"]);
    }

    #[test]
    fn empty_text_has_no_lines_and_newlines_force_breaks() {
        assert!(lines("", 3.0).is_empty());
        assert_eq!(lines("あ\n\nい", 3.0), ["あ", "", "い"]);
    }

    #[test]
    fn a_line_never_starts_with_a_closing_mark() {
        // Width alone would start line 2 with 「、」.
        assert_eq!(lines("作成した、提出", 4.0), ["作成し", "た、提出"]);
        assert_eq!(lines("提出。」以上", 2.0), ["提", "出。", "」以", "上"]);
        assert_eq!(
            lines("作成」。以上です", 3.0),
            ["作", "成」。", "以上で", "す"]
        );
    }

    #[test]
    fn a_line_never_ends_with_an_opening_bracket() {
        assert_eq!(lines("あああ「い", 4.0), ["あああ", "「い"]);
    }

    #[test]
    fn numbers_and_latin_words_stay_whole() {
        assert_eq!(lines("令和7年12月10日", 5.0), ["令和7年", "12月10", "日"]);
        assert_eq!(lines("No.123456789", 4.0), ["No.1", "2345", "6789"]);
    }

    #[test]
    fn an_impossible_rule_falls_back_to_the_width_break() {
        assert_eq!(lines("、、、、", 2.0), ["、、", "、、"]);
    }

    #[test]
    fn a_variation_selector_stays_with_its_character() {
        // 葛󠄀 = 葛 U+E0100; the selector has no width of its own.
        let advance = |c: char| if c == '\u{E0100}' { 0.0 } else { 1.0 };
        for width in [1.0, 2.0, 3.0, 0.5] {
            let lines = wrap("あ葛\u{E0100}い辻\u{E0100}", width, advance);
            assert_eq!(lines.concat(), "あ葛\u{E0100}い辻\u{E0100}");
            for line in &lines {
                assert!(!line.starts_with('\u{E0100}'), "{lines:?} at {width}");
            }
        }
    }

    #[test]
    fn a_character_wider_than_the_line_still_gets_a_line() {
        assert_eq!(wrap("あい", 0.5, |_| 1.0), ["あ", "い"]);
    }
}
