//! The 台帳 and the handling log are append-only: no row of either is ever updated or
//! deleted; a correction is a new version, and a version 1 has no reason while a later one
//! must have one.
#![allow(clippy::unwrap_used)]

use kiroku_store::{migrations, MasterKey, Vault};

fn migrated_fixture() -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.kiroku");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/v{}.kiroku", migrations::LATEST));
    std::fs::copy(fixture, &path).unwrap();
    let key = MasterKey::from_bytes(*b"kiroku-fixture-key-not-a-secret!");
    let vault = Vault::open(&path, &key).unwrap();
    (dir, vault)
}

#[test]
fn no_row_of_the_ledger_or_the_log_can_be_changed_or_removed() {
    let (_dir, vault) = migrated_fixture();
    for sql in [
        "UPDATE ledger_files SET created_by = 'x'",
        "DELETE FROM ledger_files",
        "UPDATE ledger_versions SET name = 'x'",
        "DELETE FROM ledger_versions",
        "UPDATE events SET entered_by = 'x'",
        "DELETE FROM events",
        "UPDATE event_versions SET happened_on = '2020-01-01'",
        "DELETE FROM event_versions",
    ] {
        let err = vault.conn().execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("never"), "{sql}: {err}");
    }
    let count: i64 = vault
        .conn()
        .query_row("SELECT count(*) FROM event_versions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
}

#[test]
fn a_later_version_needs_a_reason_and_the_first_has_none() {
    let (_dir, vault) = migrated_fixture();
    let copy = |version: i64, reason: Option<&str>| {
        vault.conn().execute(
            "INSERT INTO event_versions (event_id, version, kind, happened_on, affair_id, person_id,
                 dependent_id, ledger_no, clerk, details, content, note, reason, entered_at, entered_by)
             SELECT event_id, ?1, kind, happened_on, affair_id, person_id, dependent_id, ledger_no,
                 clerk, details, content, note, ?2, entered_at, entered_by
             FROM event_versions WHERE event_id = 1 AND version = 1",
            rusqlite::params![version, reason],
        )
    };
    assert!(copy(2, None).is_err(), "a correction without a reason");
    assert!(copy(2, Some("日付の誤り")).is_ok());
    assert!(
        copy(2, Some("again")).is_err(),
        "a version number is used once"
    );
}
