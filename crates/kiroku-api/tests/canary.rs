//! Nothing personal is readable outside the encryption: a canary 氏名 written into the vault
//! appears in none of the vault's bytes, its WAL, the key-slot file or a backup.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kiroku_store::credentials::NoCredentials;
use std::sync::Arc;

const CANARY: &str = "カナリア試験太郎";
const ASCII_CANARY: &str = "CanaryQx7Person";

#[test]
fn a_canary_name_is_in_no_file_on_disk_while_open_or_after_backup() {
    let o = office_with(Arc::new(NoCredentials), CANARY);
    o.add_user("canary2", ASCII_CANARY, "clerk", "clerk-pass-1");
    // Keep a session open with uncheckpointed writes so the WAL is on disk.
    let mut s = o.officer();
    s.list_users().unwrap();
    let backup = o.dir.path().join("office.kiroku-backup");
    s.backup(&backup).unwrap();
    let files = o.all_file_bytes();
    let names: Vec<String> = files
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "office.kiroku",
        "office.kiroku-wal",
        "office.kiroku.keys",
        "office.kiroku-backup",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing from {names:?}"
        );
    }
    for (path, bytes) in &files {
        for needle in [
            CANARY.as_bytes(),
            ASCII_CANARY.as_bytes(),
            "テスト広域事務組合".as_bytes(),
        ] {
            assert!(
                !contains(bytes, needle),
                "{} holds a canary",
                path.display()
            );
        }
    }
    // The names really were written (the check is not vacuous).
    let users = s.list_users().unwrap();
    assert!(users.iter().any(|u| u.name == CANARY));
}

#[test]
fn sqlite3_cannot_read_the_vault() {
    let o = office();
    drop(o.officer());
    let out = std::process::Command::new("sqlite3")
        .arg(&o.vault)
        .arg("SELECT name FROM sqlite_master;")
        .output_retried()
        .expect("sqlite3 must be installed for this test (scripts/install-deps.sh installs it)");
    assert!(!out.status.success(), "sqlite3 opened the vault");
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("not a database") || text.contains("encrypted"),
        "{text}"
    );
}
