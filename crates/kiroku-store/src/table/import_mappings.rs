//! `import_mappings`: column mappings a user adjusted and saved for an import, by name.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::time_to_sql;
use crate::StoreError;

/// Saves (or replaces) the mapping called `name` (JSON of `kiroku_core::import::Mapping`).
pub fn save(
    conn: &Connection,
    name: &str,
    mapping_json: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO import_mappings (name, mapping, saved_at, saved_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET mapping = ?2, saved_at = ?3, saved_by = ?4",
        params![name, mapping_json, time_to_sql(at), by],
    )?;
    Ok(())
}

/// The mapping called `name`, as JSON.
pub fn get(conn: &Connection, name: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT mapping FROM import_mappings WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

/// The names of the saved mappings.
pub fn names(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT name FROM import_mappings ORDER BY name")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
