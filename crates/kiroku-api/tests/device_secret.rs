//! The device secret: everyday slots need this PC's OS credential store; a copied vault does
//! not open elsewhere with the password alone; the recovery code never needs it.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kiroku_api::{ErrorCode, Protection};
use kiroku_store::credentials::{MemoryCredentials, NoCredentials};
use std::sync::Arc;

const CODE_PASSWORD: &str = "restored-pass-1";

#[test]
fn a_device_bound_vault_opens_on_its_own_pc() {
    let (o, _pc) = device_bound_office();
    assert!(matches!(o.init.protection, Protection::DeviceBound { .. }));
    let s = o.officer();
    assert!(matches!(
        s.status().unwrap().protection,
        Protection::DeviceBound { .. }
    ));
}

#[test]
fn a_copied_vault_does_not_open_on_another_pc_with_the_password_alone() {
    let (o, _pc) = device_bound_office();
    let other_pc = env_with(clock(), Arc::new(MemoryCredentials::default()));
    let e = kiroku_api::login(&other_pc, &o.vault, OFFICER, PASSWORD).unwrap_err();
    assert_eq!(e.code(), ErrorCode::AuthFailed);
    assert!(e.to_string().contains("別の PC"), "{e}");
    let no_store = env_with(clock(), Arc::new(NoCredentials));
    assert_eq!(
        kiroku_api::login(&no_store, &o.vault, OFFICER, PASSWORD)
            .unwrap_err()
            .code(),
        ErrorCode::AuthFailed
    );
}

#[test]
fn users_added_later_are_device_bound_too() {
    let (o, _pc) = device_bound_office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let other_pc = env_with(clock(), Arc::new(MemoryCredentials::default()));
    assert!(kiroku_api::login(&other_pc, &o.vault, "sato", "clerk-pass-1").is_err());
    o.login("sato", "clerk-pass-1");
}

#[test]
fn without_a_credential_store_the_vault_is_password_only_and_says_so() {
    let o = office();
    match &o.init.protection {
        Protection::PasswordOnly { reason } => assert!(!reason.is_empty()),
        other => panic!("expected password-only, got {other:?}"),
    }
    // Password-only slots open anywhere.
    let elsewhere = env_with(clock(), Arc::new(MemoryCredentials::default()));
    assert!(kiroku_api::login(&elsewhere, &o.vault, OFFICER, PASSWORD).is_ok());
}

#[test]
fn the_recovery_code_restores_a_device_bound_vault_on_a_new_pc() {
    let (o, _pc) = device_bound_office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let backup = o.dir.path().join("office.kiroku-backup");
    o.officer().backup(&backup).unwrap();

    let new_pc = Arc::new(MemoryCredentials::default());
    let new_env = env_with(clock(), new_pc.clone());
    let target = tempfile::tempdir().unwrap();
    let restored = target.path().join("restored.kiroku");
    let report = kiroku_api::restore(
        &new_env,
        restore_request(&backup, &restored, &o.init.recovery_code, CODE_PASSWORD),
    )
    .unwrap();
    // The clerk's slot was bound to the old PC: it is dropped and the clerk is named.
    assert_eq!(report.users_needing_reset, ["sato"]);
    assert!(matches!(report.protection, Protection::DeviceBound { .. }));
    let (mut s, _) = kiroku_api::login(&new_env, &restored, OFFICER, CODE_PASSWORD).unwrap();
    assert_eq!(s.status().unwrap().users_without_slot, ["sato"]);
    s.reset_password("sato", "clerk-pass-9").unwrap();
    assert!(kiroku_api::login(&new_env, &restored, "sato", "clerk-pass-9").is_ok());
    // The restored vault is bound to the new PC now.
    let third_pc = env_with(clock(), Arc::new(MemoryCredentials::default()));
    assert!(kiroku_api::login(&third_pc, &restored, OFFICER, CODE_PASSWORD).is_err());
}

#[test]
fn restoring_on_the_same_pc_keeps_every_slot() {
    let (o, pc) = device_bound_office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let backup = o.dir.path().join("office.kiroku-backup");
    o.officer().backup(&backup).unwrap();
    let same_pc = env_with(clock(), pc);
    let restored = o.dir.path().join("copy.kiroku");
    let report = kiroku_api::restore(
        &same_pc,
        restore_request(&backup, &restored, &o.init.recovery_code, CODE_PASSWORD),
    )
    .unwrap();
    assert!(report.users_needing_reset.is_empty());
    assert!(kiroku_api::login(&same_pc, &restored, "sato", "clerk-pass-1").is_ok());
}
