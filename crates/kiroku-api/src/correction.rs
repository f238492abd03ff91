//! What every correction needs: a reason (002 第43条). A correction is a new version of the
//! record; the old one stays readable.

use kiroku_core::field::required_text;
use kiroku_core::FieldError;

use crate::ApiError;

/// The reason a correction needs: required, guarded like every text.
pub(crate) fn amend_reason(reason: &str) -> Result<String, ApiError> {
    Ok(required_text("訂正の理由", reason, 200).map_err(|e| {
        if reason.trim().is_empty() {
            FieldError::new(
                "訂正の理由",
                "訂正には理由が必要です。何をなぜ直すのかを入力してください。",
            )
        } else {
            e
        }
    })?)
}
