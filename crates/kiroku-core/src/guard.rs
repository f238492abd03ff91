//! The My Number guard (DOMAIN.md §8): Kiroku records *that* a 個人番号 was handled, never the
//! number. Every text field passes through [`check_field`], which refuses text that contains
//! what looks like a 個人番号 (12 digits whose check digit is valid).

use unicode_normalization::UnicodeNormalization;

use crate::field::FieldError;

/// Dashes, minus signs, long-vowel marks and dots that people type between digit groups
/// (after NFKC, full-width forms are already folded to these).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
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
                | '.'
                | '・'
                | '･'
        )
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

/// The digit runs of `text` after NFKC: maximal sequences of ASCII digits in which separators
/// may stand between digits. Each run is its digits and its span in the normalised text.
fn digit_runs(normalized: &[char]) -> Vec<(Vec<u8>, std::ops::Range<usize>)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < normalized.len() {
        if !normalized[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = Vec::new();
        let mut end = i;
        let mut j = i;
        while j < normalized.len() {
            let c = normalized[j];
            if c.is_ascii_digit() {
                digits.push(c as u8 - b'0');
                end = j + 1;
                j += 1;
            } else if is_separator(c)
                && normalized
                    .get(j + 1)
                    .is_some_and(|n| n.is_ascii_digit() || is_separator(*n))
            {
                j += 1;
            } else {
                break;
            }
        }
        runs.push((digits, start..end));
        i = end.max(i + 1);
    }
    runs
}

/// Finds what looks like a 個人番号 in `text`: returns the text (NFKC-normalised) with every
/// such run's digits replaced by `＊`, or `None` when there is none.
pub fn find_my_number(text: &str) -> Option<String> {
    let normalized: Vec<char> = text.nfkc().collect();
    let mut masked = normalized.clone();
    let mut found = false;
    for (digits, span) in digit_runs(&normalized) {
        if digits.len() == 12 && is_my_number(&digits) {
            found = true;
            for c in &mut masked[span] {
                if c.is_ascii_digit() {
                    *c = '＊';
                }
            }
        }
    }
    found.then(|| masked.into_iter().collect())
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

    #[rstest]
    #[case("1234567890123")] // 13 digits: a 法人番号
    #[case("12345678901")] // 11 digits: a 雇用保険被保険者番号
    #[case("123456789019")] // 12 digits, wrong check digit
    #[case("令和7年4月1日 03-1234-5678")]
    #[case("")]
    fn accepts_other_numbers(#[case] text: &str) {
        assert!(check_field("備考", text).is_ok(), "{text}");
    }

    #[test]
    fn two_separate_numbers_are_two_runs() {
        // A 12-digit number followed by words and another number is still found.
        assert!(find_my_number("電話 0312345678、番号 123456789018").is_some());
        // A 12-digit run glued to more digits is not a 個人番号.
        assert!(find_my_number("1234567890180").is_none());
    }

    proptest! {
        #[test]
        fn every_valid_number_is_refused_in_any_field_text(
            first in proptest::array::uniform11(0u8..10),
            prefix in "[あ-ん]{0,5}",
            suffix in "[あ-ん]{0,5}",
        ) {
            let mut digits: Vec<u8> = first.to_vec();
            digits.push(check_digit(&first));
            let number: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            let text = format!("{prefix}{number}{suffix}");
            prop_assert!(check_field("内容", &text).is_err());
        }

        #[test]
        fn a_wrong_check_digit_is_accepted(first in proptest::array::uniform11(0u8..10), delta in 1u8..10) {
            let mut digits: Vec<u8> = first.to_vec();
            digits.push((check_digit(&first) + delta) % 10);
            prop_assume!(!is_my_number(&digits));
            let number: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            prop_assert!(check_field("内容", &number).is_ok());
        }
    }
}
