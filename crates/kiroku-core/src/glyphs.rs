//! Which characters the printed forms can draw: the union of the fonts Kiroku embeds
//! (IPAexゴシック and its Noto Sans CJK JP fallback, see kiroku-forms). A name with a character
//! outside it would print as a box (☒): the API warns at entry, naming the character.
//!
//! The table is generated from the fonts by a kiroku-forms test (which also checks it is
//! current), so this crate does not need the fonts.

mod drawable;

/// Whether a printed form can draw `c`. Variation selectors (drawn with their base character:
/// the variant glyph when a font has one, else the base's) and control characters (not drawn)
/// count as drawable.
pub fn drawable(c: char) -> bool {
    if c.is_control() || matches!(u32::from(c), 0xFE00..=0xFE0F | 0xE0100..=0xE01EF) {
        return true;
    }
    let cp = u32::from(c);
    drawable::DRAWABLE
        .binary_search_by(|&(first, last)| {
            if last < cp {
                std::cmp::Ordering::Less
            } else if first > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The characters of `text` no embedded font draws, each once, in order of appearance.
pub fn undrawable(text: &str) -> Vec<char> {
    let mut found: Vec<char> = Vec::new();
    for c in text.chars() {
        if !drawable(c) && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// What to tell the person typing `text` into `field` when a printed form could not draw some
/// of it: each character named with its code point, and what to do. `None` when all prints.
pub fn entry_warning(field: &str, text: &str) -> Option<String> {
    let missing = undrawable(text);
    if missing.is_empty() {
        return None;
    }
    let named: Vec<String> = missing
        .iter()
        .map(|c| format!("「{c}」(U+{:04X})", u32::from(*c)))
        .collect();
    Some(format!(
        "{field}の {} は記録票のフォントにない文字で、印刷すると空白の四角になります。保存はできます。印刷した記録票には手書きで補うか、通用字体で入力してください。",
        named.join("、")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warning_names_each_missing_character_and_is_silent_otherwise() {
        assert_eq!(entry_warning("氏名", "𠮷田 葛\u{E0100}城"), None);
        let w = entry_warning("氏名", "山田 😀 太郎😀").unwrap();
        assert!(w.starts_with("氏名の 「😀」(U+1F600) は"), "{w}");
        assert_eq!(w.matches("U+1F600").count(), 1, "{w}");
    }

    #[test]
    fn names_the_fonts_draw_are_drawable() {
        for name in [
            "山田 太郎",
            "𠮷田",
            "髙橋",
            "山﨑",
            "葛\u{E0100}城",
            "辻\u{E0100}",
            "ＡＢＣ abc 123",
        ] {
            assert!(
                undrawable(name).is_empty(),
                "{name}: {:?}",
                undrawable(name)
            );
        }
    }

    #[test]
    fn a_character_no_font_draws_is_reported_once() {
        assert_eq!(undrawable("山田😀太郎😀"), vec!['😀']);
        assert_eq!(
            undrawable("\u{10000}田\u{1F600}"),
            vec!['\u{10000}', '\u{1F600}']
        );
        assert!(!drawable('\u{10FFFD}'));
        assert!(drawable('\n'));
    }

    #[test]
    fn the_table_is_sorted_and_disjoint() {
        assert!(drawable::DRAWABLE.len() > 100);
        for pair in drawable::DRAWABLE.windows(2) {
            assert!(
                pair[0].0 <= pair[0].1 && pair[0].1 + 1 < pair[1].0,
                "{pair:?}"
            );
        }
    }
}
