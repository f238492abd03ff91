//! Reading what the officer typed: times, counts, lists of words. Every text passes the guard
//! before it can be echoed in a message.

use chrono::NaiveTime;
use kiroku_core::guard;
use kiroku_core::FieldError;

/// Full-width digits and colons as typed on a Japanese keyboard, made ASCII.
fn ascii_digits(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '：' => ':',
            other => other,
        })
        .collect()
}

/// 知った時刻: 「9:30」「09:30」「９：３０」, or empty.
pub(crate) fn time(field: &'static str, text: &str) -> Result<Option<NaiveTime>, FieldError> {
    guard::check_field(field, text)?;
    let t = ascii_digits(text);
    if t.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(&t, "%H:%M")
        .map(Some)
        .map_err(|_| {
            FieldError::new(
                field,
                format!(
                    "「{t}」は時刻として読めません。「9:30」のように時と分で入力してください。"
                ),
            )
        })
}

/// 本人の数: a whole number, 0 or more.
pub(crate) fn count(field: &'static str, text: &str) -> Result<u32, FieldError> {
    guard::check_field(field, text)?;
    let t = ascii_digits(text).replace([',', '人'], "");
    t.parse::<u32>().map_err(|_| {
        FieldError::new(
            field,
            format!(
                "「{}」は人数として読めません。0以上の整数で入力してください（例: 3）。",
                text.trim()
            ),
        )
    })
}
