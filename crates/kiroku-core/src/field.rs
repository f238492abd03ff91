//! Validation errors that name the field, in Japanese, with the fix.

/// Invalid input in one field: `field` is the field's Japanese label as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
