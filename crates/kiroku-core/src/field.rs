//! Validation errors that name the field, in Japanese, with the fix.

pub use crate::field_error::FieldError;

/// A required one-line text: trimmed, not empty, at most `max` characters, no control characters.
pub fn required_text(field: &'static str, value: &str, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "入力してください。"));
    }
    optional_text(field, value, max).map(|v| v.unwrap_or_default())
}

/// An optional one-line text: `None` when blank. Like every text field, it passes the
/// My Number guard.
pub fn optional_text(
    field: &'static str,
    value: &str,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > max {
        return Err(FieldError::new(
            field,
            format!("{max}文字以内で入力してください。"),
        ));
    }
    crate::guard::check_field(field, value)?;
    if value.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "改行や制御文字は使えません。1行で入力してください。",
        ));
    }
    Ok(Some(value.to_owned()))
}

/// Refuses characters a name must not hide: bidi controls (U+202A–202E, U+2066–2069, …),
/// which make a name show in another order than it is stored, and invisible characters
/// (zero-width spaces and joiners, BOM, soft hyphen, variation selectors out of place), which
/// make two names that look the same differ. An ideographic variation selector
/// (U+E0100–E01EF) right after a kanji is kept: 葛󠄀 and 辻󠄀 are how some names are written.
pub fn refuse_hidden_characters(field: &'static str, text: &str) -> Result<(), FieldError> {
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let ivs_after_kanji =
            ('\u{E0100}'..='\u{E01EF}').contains(&c) && previous.is_some_and(is_kanji);
        if crate::guard::is_bidi_control(c) {
            return Err(FieldError::new(
                field,
                format!(
                    "{field}に文字の向きを変える制御文字 (U+{:04X}) が含まれています。見た目と違う順に記録されるため使えません。文字を打ち直してください。",
                    u32::from(c)
                ),
            ));
        }
        if crate::guard::is_invisible(c) && !ivs_after_kanji {
            return Err(FieldError::new(
                field,
                format!(
                    "{field}に見えない制御文字 (U+{:04X}) が含まれています。文字を打ち直してください。",
                    u32::from(c)
                ),
            ));
        }
        previous = Some(c);
    }
    Ok(())
}

/// CJK unified ideographs (with extensions) and compatibility ideographs, 々 and 〆: the
/// characters an ideographic variation selector may follow.
fn is_kanji(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3005 | 0x3006 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF
    )
}

/// A required name (本人・扶養家族・利用者の氏名, 団体名, 関係事務, 委託先名, …): like
/// [`required_text`], and refusing hidden characters ([`refuse_hidden_characters`]).
pub fn required_name(field: &'static str, text: &str, max: usize) -> Result<String, FieldError> {
    let name = required_text(field, text, max)?;
    refuse_hidden_characters(field, &name)?;
    Ok(name)
}

/// An optional name: `None` when blank, otherwise as [`required_name`].
pub fn optional_name(
    field: &'static str,
    text: &str,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let name = optional_text(field, text, max)?;
    if let Some(name) = &name {
        refuse_hidden_characters(field, name)?;
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("山田\u{202E}太郎", "202E")]
    #[case("\u{202D}山田太郎", "202D")]
    #[case("山田\u{2066}太郎\u{2069}", "2066")]
    #[case("山田\u{200F}太郎", "200F")]
    #[case("山\u{200B}田太郎", "200B")]
    #[case("山田\u{200D}太郎", "200D")]
    #[case("山田\u{2060}太郎", "2060")]
    #[case("\u{FEFF}山田太郎", "FEFF")]
    #[case("ヤマ\u{AD}ダ", "00AD")]
    #[case("山田\u{FE0F}太郎", "FE0F")]
    #[case("山田 \u{E0100}太郎", "E0100")]
    #[case("ﾔﾏﾀﾞ\u{3164}", "3164")]
    fn names_refuse_hidden_characters_naming_the_field_and_the_character(
        #[case] name: &str,
        #[case] code: &str,
    ) {
        let err = required_name("氏名", name, 50).unwrap_err();
        assert_eq!(err.field, "氏名");
        assert!(err.message.starts_with("氏名に"), "{}", err.message);
        assert!(
            err.message.contains(&format!("(U+{code})")),
            "{}",
            err.message
        );
        assert!(err.message.contains("打ち直して"), "{}", err.message);
        let err = optional_name("委託事業主名", name, 50).unwrap_err();
        assert_eq!(err.field, "委託事業主名");
    }

    #[rstest]
    #[case("葛\u{E0100}飾 花子")]
    #[case("辻\u{E0101}本 𠮷男")]
    #[case("髙﨑 はるか")]
    #[case("José García")]
    #[case("Nguyễn Văn An")]
    fn names_keep_what_names_are_written_with(#[case] name: &str) {
        assert_eq!(required_name("氏名", name, 50).as_deref(), Ok(name));
    }

    #[test]
    fn a_blank_optional_name_is_none_and_a_name_still_passes_the_guard() {
        assert_eq!(optional_name("委託事業主名", " ", 50), Ok(None));
        assert!(required_name("氏名", "山田 528473910645", 50).is_err());
    }

    #[test]
    fn blank_required_text_names_the_field() {
        let err = required_text("氏名", "   ", 10).unwrap_err();
        assert_eq!(err.field, "氏名");
        assert!(err.to_string().starts_with("氏名: 入力してください"));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(required_text("氏名", "山田太郎山田太郎山田", 10).is_ok());
        assert!(required_text("氏名", "山田太郎山田太郎山田太", 10).is_err());
    }

    #[test]
    fn every_text_field_refuses_a_my_number() {
        let err = required_text("所属", "総務課 123456789018", 50).unwrap_err();
        assert_eq!(err.field, "所属");
        assert!(err.message.contains("個人番号"));
        assert!(optional_text("業務内容", "法人番号 1234567890123", 50).is_ok());
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(optional_text("所属", "総務\n課", 20).is_err());
        assert_eq!(optional_text("所属", "  ", 20), Ok(None));
    }
}
