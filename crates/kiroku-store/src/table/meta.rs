//! `meta`: the vault's identity (its ID, the 団体名, when it was created).

use rusqlite::{Connection, OptionalExtension};

use crate::StoreError;

pub const VAULT_ID: &str = "vault_id";
pub const ORG_NAME: &str = "org_name";
pub const CREATED_AT: &str = "created_at";
/// 組織の種別 (`jimukumiai` | `roudouhoken` | `kyosai`): which incident rules apply.
pub const BODY_KIND: &str = "body_kind";

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub fn remove(conn: &Connection, key: &str) -> Result<(), StoreError> {
    conn.execute("DELETE FROM meta WHERE key = ?1", [key])?;
    Ok(())
}
