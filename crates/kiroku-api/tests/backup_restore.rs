//! Backups: written once, checked, restorable with the recovery code alone, never over a file.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kiroku_api::{ErrorCode, RestoreRequest};
use kiroku_store::credentials::NoCredentials;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn request(from: &Path, vault: &Path, code: &str) -> RestoreRequest {
    restore_request(from, vault, code, "restored-pass-1")
}

fn backed_up() -> (Office, PathBuf) {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let out = o.dir.path().join("office.kiroku-backup");
    let report = o.officer().backup(&out).unwrap();
    assert!(report.verified);
    assert!(report.bytes > 0);
    (o, out)
}

#[test]
fn a_backup_restores_into_a_fresh_folder_with_the_recovery_code_alone() {
    let (o, out) = backed_up();
    let fresh = tempfile::tempdir().unwrap();
    let restored = fresh.path().join("restored.kiroku");
    let env = env_with(clock(), Arc::new(NoCredentials));
    let report =
        kiroku_api::restore(&env, request(&out, &restored, &o.init.recovery_code)).unwrap();
    assert_eq!(report.user.id, OFFICER);
    let (mut s, login) = kiroku_api::login(&env, &restored, OFFICER, "restored-pass-1").unwrap();
    assert_eq!(login.org_name, "テスト広域事務組合");
    let users = s.list_users().unwrap();
    assert!(users
        .iter()
        .any(|u| u.id == "sato" && u.name == "佐藤 花子"));
    // The clerk's password-only slot travelled with the backup.
    assert!(kiroku_api::login(&env, &restored, "sato", "clerk-pass-1").is_ok());
    let actions: Vec<String> = s
        .audit_list(200)
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert!(actions.contains(&"restore".to_owned()));
    assert!(s.audit_verify().unwrap().ok);
}

#[test]
fn the_backup_and_its_check_are_in_the_audit_chain() {
    let (o, _out) = backed_up();
    let mut s = o.officer();
    let rows = s.audit_list(50).unwrap();
    let b = rows.iter().find(|r| r.action == "backup").unwrap();
    assert!(b.detail.contains("検証: 正常"), "{}", b.detail);
}

#[test]
fn a_backup_never_overwrites_a_file() {
    let (o, out) = backed_up();
    let before = std::fs::read(&out).unwrap();
    let e = o.officer().backup(&out).unwrap_err();
    assert_eq!(e.code(), ErrorCode::AlreadyExists);
    assert_eq!(std::fs::read(&out).unwrap(), before);
}

#[test]
fn restore_never_overwrites_an_existing_vault() {
    let (o, out) = backed_up();
    let before = std::fs::read(&o.vault).unwrap();
    let e =
        kiroku_api::restore(&o.env, request(&out, &o.vault, &o.init.recovery_code)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::AlreadyExists);
    assert_eq!(std::fs::read(&o.vault).unwrap(), before);
}

#[test]
fn a_recovery_code_with_a_typo_is_caught_before_anything_is_written() {
    let (o, out) = backed_up();
    let mut code: Vec<char> = o.init.recovery_code.chars().collect();
    code[1] = if code[1] == 'A' { 'B' } else { 'A' };
    let typo: String = code.into_iter().collect();
    let target = o.dir.path().join("r.kiroku");
    let e = kiroku_api::restore(&o.env, request(&out, &target, &typo)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert_eq!(e.body().field.as_deref(), Some("復旧コード"));
    assert!(e.to_string().contains("1組目"), "{e}");
    assert!(!target.exists());
}

#[test]
fn a_backup_of_another_vault_is_refused_with_this_vaults_code() {
    let (o, _out) = backed_up();
    let (_other, other_backup) = backed_up();
    let target = o.dir.path().join("r.kiroku");
    let e = kiroku_api::restore(
        &o.env,
        request(&other_backup, &target, &o.init.recovery_code),
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::AuthFailed);
    assert!(
        e.to_string()
            .contains("このバックアップのものではありません"),
        "{e}"
    );
    assert!(!target.exists());
}

#[test]
fn an_altered_backup_is_refused_and_leaves_nothing_behind() {
    let (o, out) = backed_up();
    let mut bytes = std::fs::read(&out).unwrap();
    let len = bytes.len();
    for at in [len / 2, len - 40, len - 1] {
        let mut altered = bytes.clone();
        altered[at] ^= 0x01;
        let bad = o.dir.path().join(format!("altered-{at}.kiroku-backup"));
        std::fs::write(&bad, &altered).unwrap();
        let target = o.dir.path().join(format!("r-{at}.kiroku"));
        let e =
            kiroku_api::restore(&o.env, request(&bad, &target, &o.init.recovery_code)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Integrity, "byte {at}: {e}");
        assert!(!target.exists());
    }
    bytes.truncate(len / 3);
    let short = o.dir.path().join("short.kiroku-backup");
    std::fs::write(&short, &bytes).unwrap();
    let target = o.dir.path().join("r-short.kiroku");
    let e =
        kiroku_api::restore(&o.env, request(&short, &target, &o.init.recovery_code)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Integrity, "{e}");
    assert!(!target.exists());
}
