//! `kiroku-app --check` (the start-up check, issue 16): what it finds and says before any
//! window, without a password and without writing the vault.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use common::*;
use kiroku_api::startup_check;
use kiroku_store::credentials::{MemoryCredentials, NoCredentials};

#[test]
fn a_first_start_is_fine_and_writes_no_vault() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("新しいフォルダー").join("office.kiroku");
    let env = env_with(clock(), Arc::new(MemoryCredentials::default()));
    let check = startup_check(&env, &vault, "既定");
    assert!(check.ok(), "{}", check.render());
    let text = check.render();
    assert!(text.contains("まだありません"), "{text}");
    assert!(text.contains("既定"), "{text}");
    assert!(vault.parent().unwrap().is_dir());
    assert_eq!(
        std::fs::read_dir(vault.parent().unwrap()).unwrap().count(),
        0
    );
}

#[test]
fn a_device_bound_vault_is_found_with_its_device_secret() {
    let (office, _pc) = device_bound_office();
    let before = office.all_file_bytes();
    let check = startup_check(&office.env, &office.vault, "--vault");
    assert!(check.ok(), "{}", check.render());
    let text = check.render();
    assert!(text.contains("端末鍵があります"), "{text}");
    assert!(text.contains("利用者 1 人分"), "{text}");
    assert_eq!(office.all_file_bytes(), before, "the check wrote something");
}

#[test]
fn a_device_bound_vault_on_another_pc_needs_attention() {
    let (office, _pc) = device_bound_office();
    let other_pc = env_with(clock(), Arc::new(MemoryCredentials::default()));
    let check = startup_check(&other_pc, &office.vault, "--vault");
    assert!(!check.ok());
    assert!(check.render().contains("別の PC"), "{}", check.render());
}

#[test]
fn a_vault_without_its_key_file_needs_attention() {
    let office = office();
    std::fs::remove_file(kiroku_store::paths::keys_file(&office.vault)).unwrap();
    let env = env_with(clock(), Arc::new(NoCredentials));
    let check = startup_check(&env, &office.vault, "--vault");
    assert!(!check.ok());
    assert!(
        check.render().contains("鍵のファイル"),
        "{}",
        check.render()
    );
}
