//! The device-secret path against a real Secret Service (gnome-keyring on a private D-Bus).
//! `scripts/test.sh` runs this under `dbus-run-session` with an unlocked gnome-keyring and its
//! own XDG folders; it never touches a real user's keyring. Built for Windows,
//! `scripts/test-windows.sh` runs it against the Credential Manager of its private Wine prefix.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kiroku_api::Protection;
use kiroku_store::credentials::{CredentialStore, MemoryCredentials, OsCredentials};
use std::sync::Arc;
use zeroize::Zeroizing;

fn require_private_session_bus() {
    // Windows: the Credential Manager of the Wine prefix scripts/test-windows.sh made.
    let bus = if cfg!(windows) {
        std::env::var("WINEPREFIX").unwrap_or_default()
    } else {
        std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_default()
    };
    assert!(
        std::env::var("KIROKU_TEST_SECRET_SERVICE").is_ok() && !bus.is_empty(),
        "run through scripts/test.sh (dbus-run-session + gnome-keyring), never against a real keyring"
    );
}

#[test]
#[ignore = "needs a Secret Service: scripts/test.sh runs it under dbus-run-session"]
fn the_os_store_keeps_a_device_secret() {
    require_private_session_bus();
    let store = OsCredentials;
    let id = format!("test-{}", std::process::id());
    assert!(store.get(&id).unwrap().is_none());
    let secret = Zeroizing::new([42u8; 32]);
    store.put(&id, &secret).unwrap();
    assert_eq!(*store.get(&id).unwrap().unwrap(), [42u8; 32]);
}

#[test]
#[ignore = "needs a Secret Service: scripts/test.sh runs it under dbus-run-session"]
fn a_vault_made_with_the_os_store_is_device_bound_and_opens_only_with_it() {
    require_private_session_bus();
    let o = office_with(Arc::new(OsCredentials), "山田 太郎");
    assert!(
        matches!(o.init.protection, Protection::DeviceBound { ref store } if store == OsCredentials.name())
    );
    o.officer().logout().unwrap();
    let elsewhere = env_with(clock(), Arc::new(MemoryCredentials::default()));
    assert!(kiroku_api::login(&elsewhere, &o.vault, OFFICER, PASSWORD).is_err());
}
