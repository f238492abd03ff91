//! What every correction needs: a reason (002 第43条). A correction is a new version of the
//! record; the old one stays readable.

use kiroku_core::field::required_text;
use kiroku_core::FieldError;

use crate::ApiError;

/// The reason a correction needs: required, guarded like every text.
pub(crate) fn amend_reason(reason: &str) -> Result<String, ApiError> {
    required_reason(
        "訂正の理由",
        reason,
        "訂正には理由が必要です。何をなぜ直すのかを入力してください。",
    )
}

/// A reason an act needs (訂正, 取消し, 破棄, 暗号鍵の更新): guarded like every text, at most
/// 200 characters; when missing, `when_missing` says what to write.
pub(crate) fn required_reason(
    field: &'static str,
    reason: &str,
    when_missing: &str,
) -> Result<String, ApiError> {
    if reason.trim().is_empty() {
        return Err(FieldError::new(field, when_missing).into());
    }
    Ok(required_text(field, reason, 200)?)
}
