//! One module per table: the SQL lives next to the Rust type it reads and writes.

pub mod affairs;
pub mod audit;
pub mod dependents;
pub mod events;
pub mod ledger;
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

/// A value kept as JSON text (details of a kind, a choice, a list of IDs).
pub(crate) fn json_to_sql<T: serde::Serialize>(value: &T) -> Result<String, crate::StoreError> {
    serde_json::to_string(value).map_err(|e| crate::StoreError::Sql(text_conversion(0, e)))
}

/// Reads a JSON text stored in `column`.
pub(crate) fn json_from_sql<T: serde::de::DeserializeOwned>(
    column: usize,
    text: &str,
) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| text_conversion(column, e))
}
