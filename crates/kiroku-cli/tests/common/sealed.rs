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

/// A child's output, started again when Wine refuses to start it.
pub trait OutputRetried {
    /// `Command::output`, retried (up to 5 times, 200 ms apart) when process creation fails with
    /// `ERROR_INTERNAL_ERROR` (1359). Wine 8 returns it now and then when many test threads start
    /// processes at once (seen once in ~1,000 spawns in CI); Windows itself does not, and any
    /// other error, or a child that ran and failed, is returned at once.
    fn output_retried(&mut self) -> std::process::Output;
}

impl OutputRetried for Command {
    fn output_retried(&mut self) -> std::process::Output {
        const WINE_INTERNAL_ERROR: i32 = 1359;
        let mut tries = 0;
        loop {
            match self.output() {
                Ok(out) => return out,
                Err(e) if e.raw_os_error() == Some(WINE_INTERNAL_ERROR) && tries < 5 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                Err(e) => panic!("{self:?} did not start: {e}"),
            }
        }
    }
}
