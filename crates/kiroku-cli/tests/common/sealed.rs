//! What every test of a Kiroku binary shares (this file is also included by `kiroku-bench`'s
//! tests): a process sealed from the real home, keyring and `KIROKU_*` settings, and the API as
//! the tests call it in process.

use kiroku_api::Env;
use kiroku_core::clock::FixedClock;
use kiroku_store::credentials::NoCredentials;
use kiroku_store::kdf::KdfParams;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

#[path = "wine_retry.rs"]
mod wine_retry;

/// `program` with HOME and XDG_* inside `dir`, no OS keyring, no inherited KIROKU_* or D-Bus
/// variables, Japan's time zone and no terminal on stdin.
pub fn sealed_command(program: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    for (k, _) in std::env::vars() {
        if k.starts_with("KIROKU_") || k.starts_with("XDG_") || k == "DBUS_SESSION_BUS_ADDRESS" {
            cmd.env_remove(k);
        }
    }
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    cmd.env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_RUNTIME_DIR", home.join("run"))
        .env("KIROKU_CREDENTIAL_STORE", "none")
        .env("TZ", "Asia/Tokyo")
        .stdin(Stdio::null());
    cmd
}

/// The API as the tests call it in process: a fixed clock, no OS keyring, a cheap KDF (the
/// binaries read each slot's own cost).
pub fn test_env() -> Env {
    Env {
        clock: Arc::new(FixedClock(
            chrono::DateTime::parse_from_rfc3339("2026-04-01T09:00:00Z")
                .unwrap()
                .into(),
        )),
        credentials: Arc::new(NoCredentials),
        kdf: KdfParams::INSECURE_FOR_TESTS,
    }
}

/// A child's output, started again when Wine refuses to start it (`wine_retry`).
pub trait OutputRetried {
    /// `Command::output` through `wine_retry::output_retried`; a child that cannot start panics.
    fn output_retried(&mut self) -> std::process::Output;
}

impl OutputRetried for Command {
    fn output_retried(&mut self) -> std::process::Output {
        wine_retry::output_retried(self).unwrap_or_else(|e| panic!("{self:?} did not start: {e}"))
    }
}
