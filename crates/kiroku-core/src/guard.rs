//! The My Number guard (DOMAIN.md §8): Kiroku records *that* a 個人番号 was handled, never the
//! number. Every text field passes through [`check_field`], which refuses text that contains
//! what looks like a 個人番号 (12 digits whose check digit is valid).
//!
//! How text is read, so that the guard cannot be slipped:
//! 1. NFKC (full-width, circled and other compatibility digits become ASCII digits), then
//!    every invisible character ([`is_invisible`]: format characters, bidi controls, variation
//!    selectors, fillers) and every combining mark is taken out; 漢数字 (〇一二三四五六七八九,
//!    零, 壱弐参) and the digits of other scripts are read as digits.
//! 2. The digits fall into *groups* (maximal runs of digits). Two neighbouring groups are
//!    *joined* when only hidden characters stand between them (a soft join, free), or only
//!    separators: spaces, dashes, dots, and at most 3 other punctuation marks or brackets —
//!    no letter, kana or kanji (a hard join).
//! 3. A *window* is a sequence of whole joined groups holding exactly 12 digits. It is checked
//!    when it crosses at most 3 hard joins (`5284-7391-0645`, `No.1 528473910645`), when its
//!    groups all have one length and the same separator (`5 2 8 4 … 5`, `52 84 73 91 06 45`
//!    beside other numbers), or when it is a whole run of groups joined by spaces, dashes and
//!    dots only (what the guard refused before). The text is refused if any checked window
//!    passes the check digit. A whole chain of more than 4 groups of different lengths is not
//!    checked: `2025/04/01 10:30` has 12 digits too.
//!
//! A window never starts or ends inside a group, so a 13-digit 法人番号 or an 11-digit
//! 雇用保険番号 written as one run is not refused for a 12-digit part of it; a date
//! (`2025-04-01`) or a phone number (`03-1234-5678`) alone has fewer than 12 digits. Text with
//! several numbers side by side (a date range `2025-04-01〜2025-04-30`, a date then a phone
//! number) can form a 12-digit window by chance: about 1 in 11 such windows passes the check
//! digit and is refused — the price of catching a number written next to other numbers.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::field_error::FieldError;

/// Unicode format characters (general category Cf): soft hyphen, zero-width space and joiners,
/// bidi controls, word joiner and invisible operators, BOM, interlinear annotation, tags, ….
pub fn is_format_char(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// Characters that change the direction text is shown in (LRM/RLM, ALM, the embeddings and
/// overrides U+202A–202E, the isolates U+2066–2069): `abc` U+202E `fed` shows as `abcdef`.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        u32::from(c),
        0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069
    )
}

/// Variation selectors: VS1–16 (U+FE00–FE0F), the ideographic variation selectors VS17–256
/// (U+E0100–E01EF, as in 葛󠄀 and 辻󠄀) and the Mongolian free variation selectors.
pub fn is_variation_selector(c: char) -> bool {
    matches!(
        u32::from(c),
        0x180B..=0x180D | 0x180F | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF
    )
}

/// Characters that take no room on screen or paper: [`is_format_char`] (bidi controls
/// included), [`is_variation_selector`], the combining grapheme joiner and the Hangul and
/// Khmer fillers.
pub fn is_invisible(c: char) -> bool {
    is_format_char(c)
        || is_variation_selector(c)
        || matches!(
            u32::from(c),
            0x034F | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x3164 | 0xFFA0
        )
}

/// Dashes, minus signs and long-vowel marks that people type between digit groups (after NFKC,
/// full-width forms are already folded to these). `ー` counts as a letter in Unicode.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '‐'
            | '‑'
            | '‒'
            | '–'
            | '—'
            | '―'
            | '−'
            | 'ー'
            | 'ｰ'
            | '－'
            | '﹣'
            | '⁃'
            | '〜'
            | '〰'
            | '~'
    )
}

/// The separators the guard has always joined groups across, in any number.
fn is_plain_separator(c: char) -> bool {
    c.is_whitespace() || is_dash(c) || matches!(c, '.' | '・' | '･')
}

/// Any single character between digit groups that is neither a digit nor a letter: brackets,
/// slashes, commas, colons, 。、 and the like.
fn is_separator(c: char) -> bool {
    is_plain_separator(c) || !(c.is_alphanumeric() || c.is_control())
}

/// The first code point (zero) of each run of ten decimal digits outside ASCII that NFKC
/// leaves alone: Arabic-Indic, Devanagari, Bengali, …, Thai, Lao, Tibetan, Myanmar, Khmer.
const DIGIT_ZEROS: [u32; 24] = [
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0xA8D0, 0xA900,
];

/// The digit `c` stands for: ASCII digits, 漢数字 (〇一二三四五六七八九, 零, 壱弐参 and their
/// old forms, ○ for zero as in 二○二五年) and the decimal digits of other scripts.
fn digit_value(c: char) -> Option<u8> {
    if let Some(d) = c.to_digit(10) {
        return u8::try_from(d).ok();
    }
    let kanji = match c {
        '〇' | '零' | '○' => 0,
        '一' | '壱' | '壹' => 1,
        '二' | '弐' | '貳' => 2,
        '三' | '参' | '參' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => {
            let code = u32::from(c);
            return DIGIT_ZEROS
                .iter()
                .find(|zero| (**zero..*zero + 10).contains(&code))
                .and_then(|zero| u8::try_from(code - zero).ok());
        }
    };
    Some(kanji)
}

/// One character of the normalised text.
#[derive(Debug, Clone, Copy)]
enum Token {
    Digit(u8, char),
    Other(char),
    /// An invisible character or a combining mark: shown nowhere, read as nothing.
    Hidden,
}

fn tokens(text: &str) -> Vec<Token> {
    text.nfkc()
        .map(|c| {
            if is_invisible(c) || is_combining_mark(c) {
                Token::Hidden
            } else if let Some(d) = digit_value(c) {
                Token::Digit(d, c)
            } else {
                Token::Other(c)
            }
        })
        .collect()
}

/// A maximal run of digit tokens: `start..end` in the token list.
#[derive(Debug)]
struct Group {
    start: usize,
    end: usize,
}

/// What stands between two neighbouring groups.
#[derive(Debug, PartialEq, Eq)]
enum Gap {
    /// Only hidden characters: the groups read as one.
    Soft,
    /// Only separators (the visible ones given): the groups may be one number.
    Hard { separators: String, plain: bool },
    /// A letter, kana, kanji or too much punctuation: the groups are separate.
    Apart,
}

fn gap(between: &[Token]) -> Gap {
    let mut separators = String::new();
    let mut others = 0;
    let mut hidden = false;
    for t in between {
        match *t {
            Token::Hidden => hidden = true,
            Token::Other(c) if is_plain_separator(c) => separators.push(c),
            Token::Other(c) if is_separator(c) => {
                others += 1;
                separators.push(c);
            }
            _ => return Gap::Apart,
        }
    }
    if separators.is_empty() {
        Gap::Soft
    } else if others > 3 {
        Gap::Apart
    } else {
        Gap::Hard {
            separators,
            plain: others == 0 && !hidden,
        }
    }
}

/// The number of digits of a My Number.
const LEN: usize = 12;
/// The most separators a window of groups of different lengths may cross.
const MAX_JOINS: usize = 3;

/// The token spans of every window (see the module notes) whose 12 digits pass the check digit.
fn found_spans(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if matches!(t, Token::Digit(..)) {
            match groups.last_mut() {
                Some(g) if g.end == i => g.end = i + 1,
                _ => groups.push(Group {
                    start: i,
                    end: i + 1,
                }),
            }
        }
    }
    // gaps[k] stands between groups[k] and groups[k + 1].
    let gaps: Vec<Gap> = groups
        .windows(2)
        .map(|w| gap(&tokens[w[0].end..w[1].start]))
        .collect();
    let joined = |k: usize| gaps.get(k).is_some_and(|g| *g != Gap::Apart);
    let plain = |k: usize| matches!(gaps.get(k), Some(Gap::Hard { plain: true, .. }));
    let digits_of = |g: &Group| -> Vec<u8> {
        tokens[g.start..g.end]
            .iter()
            .filter_map(|t| match t {
                Token::Digit(d, _) => Some(*d),
                _ => None,
            })
            .collect()
    };
    let mut spans = Vec::new();
    for first in 0..groups.len() {
        let mut digits: Vec<u8> = Vec::with_capacity(LEN);
        let mut last = first;
        loop {
            digits.extend(digits_of(&groups[last]));
            if digits.len() >= LEN {
                break;
            }
            if !joined(last) {
                break;
            }
            last += 1;
        }
        if digits.len() != LEN || !is_my_number(&digits) {
            continue;
        }
        let inner = &gaps[first..last];
        let hard: Vec<&String> = inner
            .iter()
            .filter_map(|g| match g {
                Gap::Hard { separators, .. } => Some(separators),
                _ => None,
            })
            .collect();
        let few_joins = hard.len() <= MAX_JOINS;
        let old_run = inner
            .iter()
            .all(|g| matches!(g, Gap::Hard { plain: true, .. }))
            && (first == 0 || !plain(first - 1))
            && !plain(last);
        let lengths_even = groups[first..=last]
            .iter()
            .all(|g| g.end - g.start == groups[first].end - groups[first].start)
            && hard.windows(2).all(|w| w[0] == w[1]);
        if few_joins || old_run || lengths_even {
            spans.push(groups[first].start..groups[last].end);
        }
    }
    spans
}

/// The check digit of the first 11 digits of a 個人番号 (番号法施行令第8条).
pub fn check_digit(first_eleven: &[u8; 11]) -> u8 {
    let sum: u32 = (1..=11u32)
        .map(|n| {
            let p = u32::from(first_eleven[11 - n as usize]);
            let q = if n <= 6 { n + 1 } else { n - 5 };
            p * q
        })
        .sum();
    let r = sum % 11;
    if r <= 1 {
        0
    } else {
        (11 - r) as u8
    }
}

/// True when `digits` (exactly 12) end with the valid check digit.
pub fn is_my_number(digits: &[u8]) -> bool {
    let Ok(twelve) = <[u8; 12]>::try_from(digits) else {
        return false;
    };
    let mut first = [0u8; 11];
    first.copy_from_slice(&twelve[..11]);
    check_digit(&first) == twelve[11]
}

/// Finds what looks like a 個人番号 in `text`: returns the text as the guard reads it (NFKC,
/// invisible characters and combining marks taken out) with the digits of every such number
/// replaced by `＊`, or `None` when there is none.
pub fn find_my_number(text: &str) -> Option<String> {
    let tokens = tokens(text);
    let spans = found_spans(&tokens);
    if spans.is_empty() {
        return None;
    }
    let mut masked = vec![false; tokens.len()];
    for span in spans {
        for m in &mut masked[span] {
            *m = true;
        }
    }
    Some(
        tokens
            .iter()
            .zip(masked)
            .filter_map(|(t, m)| match *t {
                Token::Digit(_, _) if m => Some('＊'),
                Token::Digit(_, c) | Token::Other(c) => Some(c),
                Token::Hidden => None,
            })
            .collect(),
    )
}

/// True when `text` holds what looks like a 個人番号 ([`find_my_number`]); the number itself is
/// not handed back.
pub fn holds_my_number(text: &str) -> bool {
    !found_spans(&tokens(text)).is_empty()
}

/// True when a number read from a spreadsheet cell is a 個人番号: integral, of 12 digits, with a
/// valid check digit. An 11-digit number counts too when its 12 digits with a leading zero
/// pass the check: a spreadsheet keeps `012345678901` as the number 12345678901.
pub fn number_is_my_number(n: f64) -> bool {
    if !n.is_finite() || n.fract() != 0.0 || !(1e10..1e12).contains(&n) {
        return false;
    }
    use zeroize::Zeroize;
    let mut text = format!("{n:012.0}");
    let mut digits: Vec<u8> = text.bytes().map(|b| b.wrapping_sub(b'0')).collect();
    let holds = is_my_number(&digits);
    // The number's digits are wiped before the memory is given back.
    text.zeroize();
    digits.zeroize();
    holds
}

/// Refuses `text` for `field` if it appears to contain a 個人番号. The message never repeats
/// the number.
pub fn check_field(field: &'static str, text: &str) -> Result<(), FieldError> {
    match find_my_number(text) {
        None => Ok(()),
        Some(_) => Err(FieldError::new(
            field,
            "個人番号（マイナンバー）と思われる12桁の数字が含まれています。個人番号は記録できません。番号を消して、「個人番号を取得」などの事実だけを入力してください。",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[test]
    fn the_check_digit_follows_the_ordinance() {
        // 1,2,3,4,5,6,7,8,9,0,1 → Σ P(n)·Q(n) = 212, 212 mod 11 = 3, 11 − 3 = 8.
        assert_eq!(check_digit(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]), 8);
        // All zeros: r = 0 ≤ 1 → 0.
        assert_eq!(check_digit(&[0; 11]), 0);
        assert!(is_my_number(&[5, 2, 8, 4, 7, 3, 9, 1, 0, 6, 4, 5]));
    }

    #[rstest]
    #[case("123456789018")]
    #[case("1234 5678 9018")]
    #[case("１２３４-５６７８-９０１８")]
    #[case("番号は123456789018です")]
    #[case("1234.5678.9018")]
    #[case("1234−5678−9018")]
    #[case("1234ー5678ー9018")]
    #[case("1234–5678—9018")]
    #[case("1234　5678　9018")]
    #[case("1 2 3 4 5 6 7 8 9 0 1 8")]
    #[case("12 34 5678 90 18")]
    fn refuses_a_my_number_however_it_is_written(#[case] text: &str) {
        let err = check_field("備考", text).unwrap_err();
        assert_eq!(err.field, "備考");
        assert!(!err.message.contains("9018"));
        let masked = find_my_number(text).unwrap();
        assert!(
            !masked.contains("9018") && !masked.contains("1234"),
            "{masked}"
        );
    }

    /// Each of these was let through before (e815191): the number stood next to other digit
    /// groups, behind a separator the guard did not know, split by an invisible character or
    /// written in 漢数字.
    #[rstest]
    #[case::date_before("年末調整 2025-04-01 528473910645")]
    #[case::count_before("No.1 528473910645")]
    #[case::phone_after("528473910645 03-1234-5678")]
    #[case::two_numbers("528473910645 123456789018")]
    #[case::grouped_after_a_count("No.1 5284-7391-0645")]
    #[case::zwsp("5284\u{200B}7391\u{200B}0645")]
    #[case::zwnj("5284\u{200C}7391\u{200C}0645")]
    #[case::zwj("52847\u{200D}3910645")]
    #[case::word_joiner("5284\u{2060}7391\u{2060}0645")]
    #[case::bom("5284\u{FEFF}7391\u{FEFF}0645")]
    #[case::soft_hyphen("5284\u{AD}7391\u{AD}0645")]
    #[case::bidi_override("5284\u{202E}7391\u{202C}0645")]
    #[case::lrm("5284\u{200E}7391\u{200F}0645")]
    #[case::isolate("5284\u{2066}7391\u{2069}0645")]
    #[case::variation_selector("5\u{FE0F}28473910645")]
    #[case::ivs("5284\u{E0100}73910645")]
    #[case::combining_acute("5\u{301}28473910645")]
    #[case::combining_underline("5284\u{332}7391\u{332}0645")]
    #[case::slash("5284/7391/0645")]
    #[case::comma("5284,7391,0645")]
    #[case::colon("5284:7391:0645")]
    #[case::underscore("5284_7391_0645")]
    #[case::kuten("5284。7391。0645")]
    #[case::touten("5284、7391、0645")]
    #[case::wave_dash("5284〜7391〜0645")]
    #[case::tilde("5284~7391~0645")]
    #[case::parentheses("(5284)7391-0645")]
    #[case::kagi("「5284」「7391」「0645」")]
    #[case::brackets("[5284][7391][0645]")]
    #[case::full_width_parentheses("（５２８４）（７３９１）（０６４５）")]
    #[case::kanji("五二八四七三九一〇六四五")]
    #[case::kanji_rei("五二八四七三九一零六四五")]
    #[case::kanji_mixed("5284七三九一0645")]
    #[case::daiji("五弐八四七参九壱〇六四五")]
    #[case::arabic_indic("٥٢٨٤٧٣٩١٠٦٤٥")]
    #[case::zwsp_after_a_digit("No.1\u{200B}528473910645")]
    #[case::spaced_pairs_beside_a_count("No.1 52 84 73 91 06 45")]
    fn refuses_what_used_to_slip_through(#[case] text: &str) {
        let err = check_field("備考", text).unwrap_err();
        assert_eq!(err.field, "備考");
        let masked = find_my_number(text).unwrap();
        assert!(
            !masked.contains("0645") && !masked.contains("5284"),
            "{masked}"
        );
        assert!(!masked.chars().any(is_invisible), "{masked:?}");
    }

    #[rstest]
    #[case("1234567890123")] // 13 digits: a 法人番号
    #[case("法人番号 1234567890123")]
    #[case("12345678901")] // 11 digits: a 雇用保険被保険者番号
    #[case("1234-567890-1")] // 雇用保険被保険者番号 as printed
    #[case("123456789019")] // 12 digits, wrong check digit
    #[case("1528473910645")] // a valid number's digits inside a longer run
    #[case("5284739106451")]
    #[case("令和7年4月1日 03-1234-5678")]
    #[case("2025-04-01")]
    #[case("2025/04/01 10:30")]
    #[case("2025/04/01 10:30〜12:00")]
    #[case("03-1234-5678")]
    #[case("090-1234-5678")]
    #[case("0120-123-456")]
    #[case("(03)1234-5678")]
    #[case("1,234,567円")]
    #[case("一二三")]
    #[case("")]
    fn accepts_other_numbers(#[case] text: &str) {
        assert!(check_field("備考", text).is_ok(), "{text}");
    }

    #[test]
    fn holds_my_number_says_only_whether() {
        assert!(holds_my_number("山田 528473910645"));
        assert!(holds_my_number("５２８４－７３９１－０６４５"));
        assert!(!holds_my_number("山田 太郎 2025-04-01"));
        assert!(!holds_my_number(""));
    }

    #[rstest]
    #[case(528_473_910_645.0, true)]
    #[case(123_456_789_018.0, true)]
    #[case(123_456_789_019.0, false)] // wrong check digit
    #[case(528_473_910_645.5, false)] // not integral
    #[case(1_234_567_890_123.0, false)] // 13 digits
    #[case(12_345_678.0, false)]
    #[case(0.0, false)]
    #[case(-528_473_910_645.0, false)]
    #[case(f64::NAN, false)]
    #[case(f64::INFINITY, false)]
    fn a_numeric_cell_is_a_my_number_when_integral_twelve_digits_and_checked(
        #[case] n: f64,
        #[case] expected: bool,
    ) {
        assert_eq!(number_is_my_number(n), expected, "{n}");
    }

    #[test]
    fn a_number_that_lost_its_leading_zero_is_still_caught() {
        // 0 followed by ten digits and the check digit: a spreadsheet shows it as 11 digits.
        let first = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0];
        let mut digits = first.to_vec();
        digits.push(check_digit(&first));
        let n: f64 = digits.iter().fold(0.0, |acc, d| acc * 10.0 + f64::from(*d));
        assert!(n < 1e11);
        assert!(number_is_my_number(n));
        let wrong = n - f64::from(digits[11]) + f64::from((digits[11] + 1) % 10);
        assert!(!number_is_my_number(wrong));
    }

    #[test]
    fn two_separate_numbers_are_two_runs() {
        // A 12-digit number followed by words and another number is still found.
        assert!(find_my_number("電話 0312345678、番号 123456789018").is_some());
        // A 12-digit run glued to more digits is not a 個人番号.
        assert!(find_my_number("1234567890180").is_none());
    }

    #[test]
    fn the_masked_text_keeps_the_other_digits() {
        assert_eq!(
            find_my_number("No.1 5284-7391-0645 様").as_deref(),
            Some("No.1 ＊＊＊＊-＊＊＊＊-＊＊＊＊ 様")
        );
        assert_eq!(
            find_my_number("令和7年 五二八四七三九一〇六四五").as_deref(),
            Some("令和7年 ＊＊＊＊＊＊＊＊＊＊＊＊")
        );
    }

    #[test]
    fn the_character_classes_are_what_they_say() {
        for c in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}',
        ] {
            assert!(is_format_char(c) && is_invisible(c), "{:04X}", u32::from(c));
            assert!(!is_bidi_control(c));
        }
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            assert!(is_bidi_control(c) && is_format_char(c) && is_invisible(c));
        }
        for c in ['\u{FE00}', '\u{FE0F}', '\u{E0100}', '\u{E01EF}'] {
            assert!(is_variation_selector(c) && is_invisible(c) && !is_format_char(c));
        }
        for c in ['a', '5', 'あ', '葛', ' ', '-', '\u{301}'] {
            assert!(!is_invisible(c), "{c}");
        }
    }

    /// A valid number with random first 11 digits.
    fn a_number() -> impl Strategy<Value = Vec<u8>> {
        proptest::array::uniform11(0u8..10).prop_map(|first| {
            let mut digits = first.to_vec();
            digits.push(check_digit(&first));
            digits
        })
    }

    const HIDDEN: [&str; 18] = [
        "\u{200B}",
        "\u{200C}",
        "\u{200D}",
        "\u{2060}",
        "\u{FEFF}",
        "\u{AD}",
        "\u{200E}",
        "\u{200F}",
        "\u{202E}",
        "\u{202C}",
        "\u{2066}",
        "\u{2069}",
        "\u{FE0F}",
        "\u{E0100}",
        "\u{301}",
        "\u{332}",
        "\u{34F}",
        "\u{180E}",
    ];
    const SEPARATORS: [&str; 26] = [
        " ", "　", "-", "－", "ー", "‐", "−", "—", ".", "・", "/", ",", ":", "_", "。", "、", "〜",
        "~", " - ", ")(", "）（", "」「", "][", "(", ")", "／",
    ];
    const NEIGHBOURS: [&str; 8] = [
        "No.1 ",
        "2025-04-01 ",
        "年末調整 2025/4/1 ",
        "03-1234-5678 ",
        "123456789018 ",
        "第3回 ",
        "1234567890123 ",
        "(1) ",
    ];

    fn written(d: u8, style: u8) -> String {
        match style {
            0 => char::from(b'0' + d).to_string(),
            1 => char::from_u32(0xFF10 + u32::from(d))
                .unwrap_or('0')
                .to_string(),
            _ => ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"][usize::from(d)]
                .to_owned(),
        }
    }

    proptest! {
        #[test]
        fn every_valid_number_is_refused_in_any_field_text(
            number in a_number(),
            prefix in "[あ-ん]{0,5}",
            suffix in "[あ-ん]{0,5}",
        ) {
            let number: String = number.iter().map(|d| char::from(b'0' + d)).collect();
            let text = format!("{prefix}{number}{suffix}");
            prop_assert!(check_field("内容", &text).is_err());
        }

        #[test]
        fn a_number_split_hidden_and_surrounded_is_refused(
            number in a_number(),
            cuts in proptest::collection::btree_set(1usize..12, 0..=3),
            separators in proptest::collection::vec(0..SEPARATORS.len(), 3),
            hidden in proptest::collection::vec(proptest::option::weighted(0.2, 0..HIDDEN.len()), 13),
            styles in proptest::collection::vec(0u8..3, 12),
            before in proptest::option::of(0..NEIGHBOURS.len()),
            after in proptest::option::of(0..NEIGHBOURS.len()),
        ) {
            let mut text = String::new();
            if let Some(b) = before {
                text.push_str(NEIGHBOURS[b]);
            }
            let mut cut = 0;
            for (i, d) in number.iter().enumerate() {
                if let Some(h) = hidden[i] {
                    text.push_str(HIDDEN[h]);
                }
                if cuts.contains(&i) {
                    text.push_str(SEPARATORS[separators[cut]]);
                    cut += 1;
                }
                text.push_str(&written(*d, styles[i]));
            }
            if let Some(h) = hidden[12] {
                text.push_str(HIDDEN[h]);
            }
            if let Some(a) = after {
                text.push(' ');
                text.push_str(NEIGHBOURS[a].trim_end());
            }
            prop_assert!(check_field("内容", &text).is_err(), "{:?}", text);
            let masked = find_my_number(&text).unwrap_or_default();
            prop_assert!(!masked.chars().any(is_invisible), "{:?}", masked);
        }

        #[test]
        fn a_wrong_check_digit_is_accepted(first in proptest::array::uniform11(0u8..10), delta in 1u8..10) {
            let mut digits: Vec<u8> = first.to_vec();
            digits.push((check_digit(&first) + delta) % 10);
            prop_assume!(!is_my_number(&digits));
            let number: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            prop_assert!(check_field("内容", &number).is_ok());
        }

        #[test]
        fn other_numbers_alone_are_accepted(
            digits in proptest::collection::vec(0u8..10, 13),
            eleven in proptest::collection::vec(0u8..10, 11),
            (y, m, d) in (1873i32..2100, 1u32..13, 1u32..29),
            area in 1u32..10,
            (a, b) in (0u32..10000, 0u32..10000),
            words in "[あ-んア-ン]{0,4}",
        ) {
            let run = |ds: &[u8]| ds.iter().map(|d| char::from(b'0' + d)).collect::<String>();
            let texts = [
                format!("法人番号 {}", run(&digits)),
                format!("{words}{}", run(&digits)),
                format!("雇用保険 {}", run(&eleven)),
                format!("{words}{}", run(&eleven)),
                format!("{y}-{m:02}-{d:02}"),
                format!("{y}/{m}/{d}{words}"),
                format!("{y}年{m}月{d}日"),
                format!("0{area}-{a:04}-{b:04}"),
                format!("090-{a:04}-{b:04}"),
                format!("0{area}{}-{:03}-{b:04}", a % 10, a % 1000),
                format!("（0{area}）{a:04}－{b:04}"),
            ];
            for text in texts {
                prop_assert!(check_field("内容", &text).is_ok(), "{}", text);
            }
        }
    }

    /// The price of catching a number beside other numbers: text with two numbers side by side
    /// forms a 12-digit window now and then, which passes the check digit about 1 time in 11.
    #[test]
    fn false_alarms_stay_rare() {
        let day = |n: i64| {
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default()
                + chrono::Duration::days(n)
        };
        // Date ranges over a year: 2025-04-01〜2025-04-30 (digits 4+2+2+4 make a window).
        let ranges = (0..365)
            .filter(|n| {
                let text = format!(
                    "{}〜{}",
                    day(*n).format("%Y-%m-%d"),
                    day(n + 29).format("%Y-%m-%d")
                );
                find_my_number(&text).is_some()
            })
            .count();
        assert!(
            (10..=60).contains(&ranges),
            "{ranges} of 365 date ranges refused"
        );
        // Dates and times alone never are (2025/04/01 10:30 has 12 digits in 5 groups).
        for n in 0..365 {
            for (h, m) in [(10, 30), (9, 5), (17, 45)] {
                let text = format!("{} {h}:{m:02}", day(n).format("%Y/%m/%d"));
                assert!(find_my_number(&text).is_none(), "{text}");
                let text = format!(
                    "{} {h:02}:{m:02}〜{}",
                    day(n).format("%Y-%m-%d"),
                    day(n).format("%m/%d")
                );
                assert!(find_my_number(&text).is_none(), "{text}");
            }
        }
    }
}
