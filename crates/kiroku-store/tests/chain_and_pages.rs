//! The audit chain and the pages of the file, checked at the store level with a known key.
#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use kiroku_core::audit::{AuditAction, AuditEntry, ChainBreak};
use kiroku_store::table::audit;
use kiroku_store::{MasterKey, StoreError, Vault};

fn entry(i: u32) -> AuditEntry {
    AuditEntry {
        at: Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap()
            + chrono::Duration::minutes(i.into()),
        actor: "boss".into(),
        action: AuditAction::Create,
        target: format!("user:u{i}"),
        detail: format!("row {i}"),
    }
}

fn vault_with_rows(n: u32) -> (tempfile::TempDir, std::path::PathBuf, MasterKey) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.kiroku");
    let key = MasterKey::generate();
    let mut v = Vault::create(&path, &key).unwrap();
    for i in 0..n {
        v.write(|tx| -> Result<(), StoreError> {
            audit::append(tx, entry(i))?;
            Ok(())
        })
        .unwrap();
    }
    (dir, path, key)
}

#[test]
fn audit_rows_cannot_be_updated_or_deleted() {
    let (_d, path, key) = vault_with_rows(3);
    let v = Vault::open(&path, &key).unwrap();
    let upd = v
        .conn()
        .execute("UPDATE audit SET detail = 'x' WHERE seq = 2", []);
    assert!(upd.unwrap_err().to_string().contains("never updated"));
    let del = v.conn().execute("DELETE FROM audit WHERE seq = 3", []);
    assert!(del.unwrap_err().to_string().contains("never deleted"));
    assert_eq!(audit::verify(v.conn()).unwrap().first_break, None);
}

#[test]
fn a_row_altered_behind_the_triggers_is_named_by_verify() {
    let (_d, path, key) = vault_with_rows(6);
    let v = Vault::open(&path, &key).unwrap();
    // Someone with the key drops the triggers and edits row 4.
    v.conn()
        .execute_batch(
            "DROP TRIGGER audit_rows_are_never_updated;
             UPDATE audit SET actor = 'intruder' WHERE seq = 4;",
        )
        .unwrap();
    let report = audit::verify(v.conn()).unwrap();
    assert_eq!(report.first_break, Some(ChainBreak::AlteredRow { seq: 4 }));
    assert_eq!(report.rows, 3);
    assert!(report.first_break.unwrap().to_string().contains("4 行目"));
}

#[test]
fn a_deleted_row_is_named_by_verify() {
    let (_d, path, key) = vault_with_rows(6);
    let v = Vault::open(&path, &key).unwrap();
    v.conn()
        .execute_batch(
            "DROP TRIGGER audit_rows_are_never_deleted;
             DELETE FROM audit WHERE seq = 2;",
        )
        .unwrap();
    assert_eq!(
        audit::verify(v.conn()).unwrap().first_break,
        Some(ChainBreak::Gap {
            seq: 3,
            expected: 2
        })
    );
}

#[test]
fn the_wrong_key_does_not_open_and_does_not_touch_the_file() {
    let (_d, path, _key) = vault_with_rows(2);
    let before = std::fs::read(&path).unwrap();
    let err = Vault::open(&path, &MasterKey::generate()).unwrap_err();
    assert!(matches!(err, StoreError::NotAVault(_)), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!kiroku_store::paths::wal_files(&path)[0].exists());
}

#[test]
fn every_flipped_byte_is_detected_by_opening_or_the_page_check() {
    let (_d, path, key) = vault_with_rows(200);
    let original = std::fs::read(&path).unwrap();
    assert!(original.len() >= 4096 * 3, "the vault spans several pages");
    // One byte in each 512-byte stretch of every page: header, salt, page bodies, HMACs.
    for at in (0..original.len()).step_by(509) {
        let mut bytes = original.clone();
        bytes[at] ^= 0x20;
        std::fs::write(&path, &bytes).unwrap();
        let detected = match Vault::open(&path, &key) {
            Err(e) => e.is_integrity_failure(),
            Ok(v) => {
                let pages = v.integrity_check();
                let chain = audit::verify(v.conn());
                !matches!(pages, Ok(ref r) if r.is_ok())
                    || !matches!(chain, Ok(ref c) if c.first_break.is_none())
            }
        };
        assert!(detected, "a flipped byte at offset {at} went unnoticed");
    }
}

#[test]
fn a_truncated_vault_is_detected() {
    let (_d, path, key) = vault_with_rows(200);
    let original = std::fs::read(&path).unwrap();
    for len in [0, 100, 4096, original.len() - 4096, original.len() - 1] {
        std::fs::write(&path, &original[..len]).unwrap();
        let detected = match Vault::open(&path, &key) {
            Err(e) => {
                assert_eq!(
                    std::fs::read(&path).unwrap().len(),
                    len,
                    "opening changed the file"
                );
                e.is_integrity_failure()
            }
            Ok(v) => {
                !matches!(v.integrity_check(), Ok(ref r) if r.is_ok())
                    || !matches!(audit::verify(v.conn()), Ok(ref c) if c.first_break.is_none() && c.rows == 200)
            }
        };
        assert!(detected, "truncation to {len} bytes went unnoticed");
    }
}

#[test]
fn a_damaged_free_page_no_table_reads_still_stops_the_open() {
    let (_d, path, key) = vault_with_rows(20);
    {
        // Pages that end up on the free list: written once, then no longer part of any table,
        // so quick_check never reads them; only the HMAC check of every page does.
        let v = Vault::open(&path, &key).unwrap();
        v.conn()
            .execute_batch(
                "CREATE TABLE scratch(x BLOB);
                 INSERT INTO scratch VALUES (zeroblob(40000));
                 DROP TABLE scratch;
                 PRAGMA wal_checkpoint(TRUNCATE);",
            )
            .unwrap();
        let free: i64 = v
            .conn()
            .query_row("PRAGMA freelist_count", [], |r| r.get(0))
            .unwrap();
        assert!(free >= 5, "free pages: {free}");
    }
    let mut bytes = std::fs::read(&path).unwrap();
    // The last page is free (the dropped blob's overflow pages were the last ones written).
    let at = bytes.len() - 4096 + 1000;
    bytes[at] ^= 0x20;
    std::fs::write(&path, &bytes).unwrap();
    let err = Vault::open(&path, &key).unwrap_err();
    assert!(err.is_integrity_failure(), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file is left as it was"
    );
}
