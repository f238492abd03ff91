//! Schema versions, in code. Each migration runs with the version bump in one transaction.
//!
//! Architecture invariant: a migration, once released, is never edited; a change is a new
//! migration, and `tests/migrations.rs` opens a fixture of every earlier version.

use rusqlite_migration::{Migrations, M};

const V1: &str = include_str!("migrations/v1_users_audit.sql");
const V2: &str = include_str!("migrations/v2_affairs_persons.sql");
const V3: &str = include_str!("migrations/v3_ledger_events.sql");
const V4: &str = include_str!("migrations/v4_contractors.sql");
const V5: &str = include_str!("migrations/v5_retention_documents.sql");
const V6: &str = include_str!("migrations/v6_corrections_withdrawals.sql");
const V7: &str = include_str!("migrations/v7_imports.sql");
const V8: &str = include_str!("migrations/v8_incidents.sql");
const V9: &str = include_str!("migrations/v9_yearly_checks.sql");

/// All migrations in order; the schema version is their count.
pub fn all() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up_with_hook(V5, seed_retention_rules),
        M::up(V6),
        M::up(V7),
        M::up(V8),
        M::up(V9),
    ])
}

/// The schema version this build writes.
pub const LATEST: i64 = 9;

/// v5's hook: the built-in retention rules (DOMAIN.md §6), entered by `kiroku` at the
/// migration's own time-independent stamp so that every vault gets the same catalog.
fn seed_retention_rules(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    for rule in kiroku_core::retention::built_in() {
        crate::table::retention_rules::insert(tx, &rule, at, "kiroku")
            .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// v8 reads the kind of body off the 関係事務 a template seeded (their basis names the
    /// template's 規程).
    #[test]
    fn v8_takes_the_body_kind_from_the_seeded_affairs() {
        for (basis, kind) in [
            (Some("002 第3条"), "roudouhoken"),
            (Some("001 第2条"), "kyosai"),
            (Some("003 第4条"), "jimukumiai"),
            (None, "jimukumiai"),
        ] {
            let mut conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
            all()
                .to_version(&mut conn, 7)
                .unwrap_or_else(|e| panic!("{e}"));
            conn.execute(
                "INSERT INTO affairs (name, basis, created_at, created_by)
                 VALUES ('源泉徴収票', ?1, '2026-04-01T00:00:00Z', 'boss')",
                [basis],
            )
            .unwrap_or_else(|e| panic!("{e}"));
            all()
                .to_version(&mut conn, 8)
                .unwrap_or_else(|e| panic!("{e}"));
            let got: String = conn
                .query_row("SELECT value FROM meta WHERE key = 'body_kind'", [], |r| {
                    r.get(0)
                })
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(got, kind, "{basis:?}");
        }
    }
}
