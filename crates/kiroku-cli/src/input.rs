//! Reading what was typed on the command line into the values the API takes: IDs and NO.s (the
//! My Number guard first), yes/no.

use kiroku_api::ApiError;
use kiroku_core::FieldError;
use unicode_normalization::UnicodeNormalization;

use crate::output::Failure;

pub fn invalid(field: &'static str, message: impl Into<String>) -> Failure {
    Failure::Api(ApiError::Invalid(FieldError::new(field, message)))
}

/// An ID or NO. typed on the command line. The guard runs first and the message never
/// repeats what was typed.
pub fn number(field: &'static str, text: &str) -> Result<i64, Failure> {
    kiroku_core::guard::check_field(field, text).map_err(|e| Failure::Api(e.into()))?;
    let digits: String = text.nfkc().collect();
    digits
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| invalid(field, "数字（1 以上）で指定してください。"))
}

pub fn yes_no(field: &'static str, text: &str) -> Result<bool, Failure> {
    match text.trim() {
        "yes" | "y" | "true" | "はい" | "あり" => Ok(true),
        "no" | "n" | "false" | "いいえ" | "なし" => Ok(false),
        _ => Err(invalid(field, "yes か no で指定してください。")),
    }
}

/// The reason of a correction (`--reason`), empty when not given.
pub fn reason(r: &Option<String>) -> &str {
    r.as_deref().unwrap_or_default()
}
