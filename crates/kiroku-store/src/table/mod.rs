//! One module per table: the SQL lives next to the Rust type it reads and writes.

pub mod affairs;
pub mod audit;
pub mod dependents;
pub mod meta;
pub mod persons;
pub mod users;

use chrono::{DateTime, Utc};
use kiroku_core::audit::format_time;

pub(crate) fn time_to_sql(at: DateTime<Utc>) -> String {
    format_time(at)
}

pub(crate) fn time_from_sql(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| text_conversion(0, e))
}

/// A stored text in column `column` that does not decode into its Rust type.
pub(crate) fn text_conversion(
    column: usize,
    e: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
}
