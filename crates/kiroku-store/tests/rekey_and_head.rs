//! Re-encrypting the vault under a new key, and the audit head kept outside it.
#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use kiroku_core::audit::{AuditAction, AuditEntry};
use kiroku_store::head::{self, AuditHead, HeadCheck};
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

fn append(v: &mut Vault, i: u32) {
    v.write(|tx| -> Result<(), StoreError> {
        audit::append(tx, entry(i))?;
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_reencrypted_vault_opens_with_the_new_key_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.kiroku");
    let old = MasterKey::generate();
    let new = MasterKey::generate();
    let mut v = Vault::create(&path, &old).unwrap();
    for i in 0..20 {
        append(&mut v, i);
    }
    let old_salt = kiroku_store::slots::database_salt(&path).unwrap();
    let mut told = None;
    v.reencrypt(&new, |salt| {
        told = Some(salt.to_owned());
        Ok(())
    })
    .unwrap();
    append(&mut v, 20);
    drop(v);
    let new_salt = kiroku_store::slots::database_salt(&path).unwrap();
    assert_eq!(told.as_deref(), Some(new_salt.as_str()));
    assert_ne!(old_salt, new_salt);
    assert!(matches!(
        Vault::open(&path, &old),
        Err(StoreError::NotAVault(_))
    ));
    let v = Vault::open(&path, &new).unwrap();
    assert_eq!(audit::count(v.conn()).unwrap(), 21);
    assert!(audit::verify(v.conn()).unwrap().first_break.is_none());
    // Nothing left beside it but the database and its WAL files.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("v.kiroku-") && n != "v.kiroku")
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn reencrypting_is_refused_while_another_connection_has_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.kiroku");
    let key = MasterKey::generate();
    let mut v = Vault::create(&path, &key).unwrap();
    append(&mut v, 0);
    let other = Vault::open(&path, &key).unwrap();
    let err = v.reencrypt(&MasterKey::generate(), |_| Ok(())).unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    drop(other);
    // Still the old key, still writable.
    append(&mut v, 1);
    drop(v);
    assert_eq!(
        audit::count(Vault::open(&path, &key).unwrap().conn()).unwrap(),
        2
    );
}

#[test]
fn a_file_behind_its_recorded_head_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.kiroku");
    let key = MasterKey::generate();
    let mut v = Vault::create(&path, &key).unwrap();
    append(&mut v, 0);
    append(&mut v, 1);
    drop(v);
    let copy = dir.path().join("old.kiroku");
    std::fs::copy(&path, &copy).unwrap();
    let mut v = Vault::open(&path, &key).unwrap();
    append(&mut v, 2);
    let recorded = AuditHead::of(v.conn()).unwrap().unwrap();
    assert_eq!(head::check(v.conn(), &recorded).unwrap(), HeadCheck::InStep);
    let sealed = recorded.seal("vault", 1, &key).unwrap();
    assert_eq!(sealed.open("vault", &key).unwrap(), recorded);
    assert!(sealed.open("vault", &MasterKey::generate()).is_err());
    drop(v);
    let old = Vault::open(&copy, &key).unwrap();
    assert_eq!(
        head::check(old.conn(), &recorded).unwrap(),
        HeadCheck::Behind {
            recorded: 3,
            found: 2
        }
    );
    // Another history of the same length is a fork.
    let mut old = old;
    append(&mut old, 9);
    assert_eq!(
        head::check(old.conn(), &recorded).unwrap(),
        HeadCheck::Forked { seq: 3 }
    );
}
