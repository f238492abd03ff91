//! One module per table: the SQL lives next to the Rust type it reads and writes.

pub mod affairs;
pub mod audit;
pub mod contract_clauses;
pub mod contractors;
pub mod dependents;
pub mod documents;
pub mod evaluations;
pub mod events;
pub mod ledger;
pub mod meta;
pub mod persons;
pub mod retention_rules;
pub mod users;

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::audit::format_time;

pub(crate) fn time_to_sql(at: DateTime<Utc>) -> String {
    format_time(at)
}

/// Reads a time stored in `column`.
pub(crate) fn time_from_sql(column: usize, text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| text_conversion(column, e))
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

/// An ISO date as stored (`YYYY-MM-DD`), read without chrono's general parser: a view reads
/// one per event.
pub(crate) fn date_from_sql(column: usize, text: &str) -> rusqlite::Result<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let quick = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| {
            let y = i32::try_from(digits(0..4)?).ok()?;
            NaiveDate::from_ymd_opt(y, digits(5..7)?, digits(8..10)?)
        })
        .flatten();
    match quick {
        Some(d) => Ok(d),
        None => text
            .parse::<NaiveDate>()
            .map_err(|e| text_conversion(column, e)),
    }
}

/// A table of numbered versions (`key`, `version`, …): a record's current version is the one
/// with no later version. The 台帳, the handling log and the retention rules are kept so.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Versioned {
    pub table: &'static str,
    pub key: &'static str,
    pub columns: &'static str,
}

type FromRow<T> = fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>;

impl Versioned {
    /// `v` is its record's current version (for a query that names the table `v`).
    pub fn current_clause(&self) -> String {
        format!(
            "NOT EXISTS (SELECT 1 FROM {t} w WHERE w.{k} = v.{k} AND w.version > v.version)",
            t = self.table,
            k = self.key
        )
    }

    /// The current version of record `id`.
    pub fn current<T>(
        &self,
        conn: &rusqlite::Connection,
        id: i64,
        from_row: FromRow<T>,
    ) -> Result<Option<T>, crate::StoreError> {
        use rusqlite::OptionalExtension;
        Ok(conn
            .prepare_cached(&format!(
                "SELECT {} FROM {} v WHERE v.{} = ?1 AND {}",
                self.columns,
                self.table,
                self.key,
                self.current_clause()
            ))?
            .query_row([id], from_row)
            .optional()?)
    }

    /// Every record's current version, by key.
    pub fn list<T>(
        &self,
        conn: &rusqlite::Connection,
        from_row: FromRow<T>,
    ) -> Result<Vec<T>, crate::StoreError> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {} FROM {} v WHERE {} ORDER BY v.{}",
            self.columns,
            self.table,
            self.current_clause(),
            self.key
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every version of record `id`, oldest first.
    pub fn history<T>(
        &self,
        conn: &rusqlite::Connection,
        id: i64,
        from_row: FromRow<T>,
    ) -> Result<Vec<T>, crate::StoreError> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {} FROM {} v WHERE v.{} = ?1 ORDER BY v.version",
            self.columns, self.table, self.key
        ))?;
        let rows = stmt.query_map([id], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
