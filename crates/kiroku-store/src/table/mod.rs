//! One module per table: the SQL lives next to the Rust type it reads and writes.

pub mod affairs;
pub mod audit;
pub mod check_actions;
pub mod check_addenda;
pub mod check_answers;
pub mod check_signoffs;
pub mod checks;
pub mod contract_clauses;
pub mod contractors;
pub mod dependents;
pub mod documents;
pub mod evaluations;
pub mod events;
pub mod import_batches;
pub mod import_mappings;
pub mod incident_assessments;
pub mod incident_notices;
pub mod incident_reports;
pub mod incidents;
pub mod ledger;
pub mod meta;
pub mod persons;
pub mod reminder_dismissals;
pub mod retention_rules;
pub mod users;

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::audit::format_time;
use rusqlite::Row;

/// The position of column `$name` in the SELECT list `$columns`, found at compile time by
/// [`position`]: a row is read by column name, and a name the list does not select does not
/// compile.
macro_rules! col {
    ($columns:expr, $name:literal) => {
        const { $crate::table::position($columns, $name) }
    };
}
pub(crate) use col;

/// The position of the column called `name` in `columns`, a SELECT list such as
/// `"id, v.name, COALESCE(dept, employer) AS unit"`. An item is called by its last word: its
/// column (`v.name` is `name`) or its alias (`… AS unit`), so an expression needs an alias.
/// Panics (at compile time, through [`col!`]) unless exactly one item is called `name`.
pub(crate) const fn position(columns: &str, name: &str) -> usize {
    let b = columns.as_bytes();
    let mut found = None;
    let (mut index, mut start, mut depth, mut quoted) = (0, 0, 0u32, false);
    let mut i = 0;
    while i <= b.len() {
        if i == b.len() || (b[i] == b',' && depth == 0 && !quoted) {
            if last_word_is(b, start, i, name.as_bytes()) {
                assert!(found.is_none(), "two columns of the list have this name");
                found = Some(index);
            }
            index += 1;
            start = i + 1;
        } else if b[i] == b'\'' {
            quoted = !quoted;
        } else if b[i] == b'(' && !quoted {
            depth += 1;
        } else if b[i] == b')' && !quoted {
            depth -= 1;
        }
        i += 1;
    }
    match found {
        Some(p) => p,
        None => panic!("the list selects no column of this name"),
    }
}

/// Whether the last word of `b[start..end]` is `name`.
const fn last_word_is(b: &[u8], start: usize, end: usize, name: &[u8]) -> bool {
    let mut stop = end;
    while stop > start && b[stop - 1].is_ascii_whitespace() {
        stop -= 1;
    }
    let mut first = stop;
    while first > start && (b[first - 1].is_ascii_alphanumeric() || b[first - 1] == b'_') {
        first -= 1;
    }
    if stop - first != name.len() {
        return false;
    }
    let mut k = 0;
    while k < name.len() {
        if b[first + k] != name[k] {
            return false;
        }
        k += 1;
    }
    true
}

pub(crate) fn time_to_sql(at: DateTime<Utc>) -> String {
    format_time(at)
}

/// A time as stored (RFC 3339).
pub(crate) fn time_from_sql(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc))
}

/// A stored text in column `column` that does not decode into its Rust type.
pub(crate) fn text_conversion(
    column: usize,
    e: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
}

/// Column `column` of `r`, its text decoded by `decode` (a time, a date, JSON, a code).
pub(crate) fn decoded<T, E>(
    r: &Row<'_>,
    column: usize,
    decode: impl FnOnce(&str) -> Result<T, E>,
) -> rusqlite::Result<T>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let text: String = r.get(column)?;
    decode(&text).map_err(|e| text_conversion(column, e))
}

/// Column `column` of `r`, `None` when NULL, else its text decoded by `decode`.
pub(crate) fn decoded_opt<T, E>(
    r: &Row<'_>,
    column: usize,
    decode: impl FnOnce(&str) -> Result<T, E>,
) -> rusqlite::Result<Option<T>>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let text: Option<String> = r.get(column)?;
    text.map(|t| decode(&t).map_err(|e| text_conversion(column, e)))
        .transpose()
}

/// Inserts one row into `table`: `columns` is a list of plain column names (a table's
/// `COLUMNS`) and `values` pairs each column's position in it (`col!`) with its value, so the
/// list can be reordered without moving a value into another column.
pub(crate) fn insert_row(
    conn: &rusqlite::Connection,
    table: &str,
    columns: &str,
    values: &[(usize, &dyn rusqlite::ToSql)],
) -> Result<(), crate::StoreError> {
    let placeholders = vec!["?"; columns.split(',').count()].join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    ))?;
    debug_assert!(
        values.len() == stmt.parameter_count()
            && (0..values.len()).all(|c| values.iter().any(|(p, _)| *p == c)),
        "one value for every column of {table}"
    );
    for (column, value) in values {
        stmt.raw_bind_parameter(column + 1, value)?;
    }
    stmt.raw_execute()?;
    Ok(())
}

/// A value kept as JSON text (details of a kind, a choice, a list of IDs).
pub(crate) fn json_to_sql<T: serde::Serialize>(value: &T) -> Result<String, crate::StoreError> {
    serde_json::to_string(value).map_err(|e| crate::StoreError::Sql(text_conversion(0, e)))
}

/// A value kept as JSON text, read back.
pub(crate) fn json_from_sql<T: serde::de::DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    serde_json::from_str(text)
}

/// An ISO date as stored (`YYYY-MM-DD`), read without chrono's general parser: a view reads
/// one per event.
pub(crate) fn date_from_sql(text: &str) -> Result<NaiveDate, chrono::ParseError> {
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
        None => text.parse::<NaiveDate>(),
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

#[cfg(test)]
mod tests {
    use super::position;

    #[test]
    fn a_column_is_found_by_its_name_or_alias() {
        let list = "id, v.name, COALESCE(dept, employer) AS unit,\n    json_extract(v.details, '$.a, b') AS contractor, created_at";
        assert_eq!(position(list, "id"), 0);
        assert_eq!(position(list, "name"), 1);
        assert_eq!(position(list, "unit"), 2);
        assert_eq!(position(list, "contractor"), 3);
        assert_eq!(position(list, "created_at"), 4);
    }

    #[test]
    #[should_panic(expected = "no column of this name")]
    fn a_name_the_list_does_not_select_is_refused() {
        position("id, name", "dept");
    }

    #[test]
    #[should_panic(expected = "no column of this name")]
    fn a_name_is_not_found_by_its_prefix() {
        position("id, created_at", "created");
    }

    #[test]
    #[should_panic(expected = "two columns")]
    fn a_name_selected_twice_is_refused() {
        position("c.id, d.id", "id");
    }
}
