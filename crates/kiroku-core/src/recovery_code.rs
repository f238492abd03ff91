//! The recovery code (復旧用キー): printed once at `init`, kept in the locked cabinet, and
//! enough on its own to restore a backup on a new PC.
//!
//! Seven groups of five Crockford base-32 characters (`0-9A-Z` without I, L, O, U): four
//! random characters and one check character per group, so a mistyped character is reported
//! with its group before any slow key derivation runs. 7 × 4 × 5 = 140 random bits.

use crate::field::FieldError;
use std::fmt;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS: usize = 7;
const DATA_PER_GROUP: usize = 4;
/// How many random bytes [`RecoveryCode::from_random`] takes (one per data character).
pub const RANDOM_BYTES: usize = GROUPS * DATA_PER_GROUP;
const FIELD: &str = "復旧コード";

/// A well-formed recovery code. Its `Display` is the grouped form `XXXXX-XXXXX-…`.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode {
    /// 35 symbols (values 0..32), check symbols included.
    symbols: [u8; GROUPS * (DATA_PER_GROUP + 1)],
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(…)")
    }
}

fn check_symbol(group: usize, data: &[u8]) -> u8 {
    let weighted: usize = data
        .iter()
        .enumerate()
        .map(|(i, &s)| (2 * i + 1) * usize::from(s))
        .sum();
    ((weighted + 7 * group) % 32) as u8
}

/// Reads one character as a Crockford symbol, forgiving the usual confusions.
fn symbol_of(c: char) -> Option<u8> {
    let c = c.to_ascii_uppercase();
    let c = match c {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == c)
        .map(|p| p as u8)
}

/// Folds full-width ASCII (ＡＢ１２) to half-width.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        other => other,
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | 'ー' | '－' | '‐' | '−' | '–' | '—')
}

impl RecoveryCode {
    /// Builds a code from [`RANDOM_BYTES`] random bytes (the caller owns the randomness).
    pub fn from_random(bytes: &[u8; RANDOM_BYTES]) -> Self {
        let mut symbols = [0u8; GROUPS * (DATA_PER_GROUP + 1)];
        for g in 0..GROUPS {
            let data: Vec<u8> = bytes[g * DATA_PER_GROUP..(g + 1) * DATA_PER_GROUP]
                .iter()
                .map(|b| b % 32)
                .collect();
            let at = g * (DATA_PER_GROUP + 1);
            symbols[at..at + DATA_PER_GROUP].copy_from_slice(&data);
            symbols[at + DATA_PER_GROUP] = check_symbol(g, &data);
        }
        Self { symbols }
    }

    /// Parses what a person typed: case, spaces, hyphens, full-width characters and the
    /// letters O / I / L for 0 / 1 are forgiven; a wrong character is reported by group.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let chars: Vec<char> = input
            .chars()
            .map(half_width)
            .filter(|c| !is_separator(*c))
            .collect();
        let expected = GROUPS * (DATA_PER_GROUP + 1);
        if chars.len() != expected {
            return Err(FieldError::new(
                FIELD,
                format!(
                    "5文字ずつ{GROUPS}組（計{expected}文字）です。入力は{}文字でした。印刷した復旧用キーをもう一度ご確認ください。",
                    chars.len()
                ),
            ));
        }
        let mut symbols = [0u8; GROUPS * (DATA_PER_GROUP + 1)];
        for (i, c) in chars.iter().enumerate() {
            symbols[i] = symbol_of(*c).ok_or_else(|| {
                FieldError::new(
                    FIELD,
                    format!(
                        "{}組目に使えない文字「{c}」があります（使える文字は 0〜9 と A〜Z、ただし U を除く）。",
                        i / (DATA_PER_GROUP + 1) + 1
                    ),
                )
            })?;
        }
        for g in 0..GROUPS {
            let at = g * (DATA_PER_GROUP + 1);
            if check_symbol(g, &symbols[at..at + DATA_PER_GROUP]) != symbols[at + DATA_PER_GROUP] {
                return Err(FieldError::new(
                    FIELD,
                    format!(
                        "{}組目に入力の誤りがあります。印刷した復旧用キーと見比べてください。",
                        g + 1
                    ),
                ));
            }
        }
        Ok(Self { symbols })
    }

    /// The canonical secret (no separators) that the key derivation takes.
    pub fn secret(&self) -> String {
        self.symbols
            .iter()
            .map(|&s| char::from(ALPHABET[usize::from(s)]))
            .collect()
    }
}

impl fmt::Display for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = self.secret();
        let groups: Vec<&str> = (0..GROUPS)
            .map(|g| &secret[g * (DATA_PER_GROUP + 1)..(g + 1) * (DATA_PER_GROUP + 1)])
            .collect();
        f.write_str(&groups.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(seed: u8) -> RecoveryCode {
        let mut bytes = [0u8; RANDOM_BYTES];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = seed
                .wrapping_mul(31)
                .wrapping_add((i as u8).wrapping_mul(97));
        }
        RecoveryCode::from_random(&bytes)
    }

    #[test]
    fn displays_seven_groups_of_five() {
        let shown = code(3).to_string();
        assert_eq!(shown.len(), 41);
        assert_eq!(shown.split('-').count(), 7);
        assert!(shown.split('-').all(|g| g.len() == 5));
    }

    #[test]
    fn reads_back_what_a_person_types() {
        let c = code(5);
        let shown = c.to_string();
        let lower_spaced = shown.to_lowercase().replace('-', " ");
        assert_eq!(RecoveryCode::parse(&lower_spaced).unwrap(), c);
        let full_width: String = shown
            .chars()
            .map(|ch| {
                if ch == '-' {
                    'ー'
                } else {
                    char::from_u32(ch as u32 + 0xFEE0).unwrap()
                }
            })
            .collect();
        assert_eq!(RecoveryCode::parse(&full_width).unwrap(), c);
    }

    #[test]
    fn a_typo_names_its_group() {
        let shown = code(9).to_string();
        let mut chars: Vec<char> = shown.chars().collect();
        // Third group starts at index 12 (two groups of 5 plus two hyphens).
        chars[13] = if chars[13] == 'A' { 'B' } else { 'A' };
        let typo: String = chars.into_iter().collect();
        let err = RecoveryCode::parse(&typo).unwrap_err();
        assert!(err.message.starts_with("3組目"), "{}", err.message);
    }

    #[test]
    fn a_short_code_says_how_long_it_should_be() {
        let err = RecoveryCode::parse("ABCDE-FGHJK").unwrap_err();
        assert_eq!(err.field, "復旧コード");
        assert!(err.message.contains("計35文字"));
    }

    proptest! {
        #[test]
        fn every_single_character_substitution_is_caught(
            bytes in proptest::array::uniform28(any::<u8>()),
            pos in 0usize..35,
            replacement in 0u8..32,
        ) {
            let c = RecoveryCode::from_random(&bytes);
            let mut secret: Vec<u8> = c.secret().into_bytes();
            let new = ALPHABET[usize::from(replacement)];
            prop_assume!(secret[pos] != new);
            secret[pos] = new;
            let typed = String::from_utf8(secret).unwrap();
            prop_assert!(RecoveryCode::parse(&typed).is_err());
        }

        #[test]
        fn every_code_round_trips(bytes in proptest::array::uniform28(any::<u8>())) {
            let c = RecoveryCode::from_random(&bytes);
            prop_assert_eq!(RecoveryCode::parse(&c.to_string()).unwrap(), c);
        }
    }
}
