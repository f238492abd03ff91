//! Runs the real `kiroku-bench` binary in a sealed environment: a temp folder for the vault and
//! for HOME / XDG_*, no OS keyring, no inherited KIROKU_* variables, no terminal. The vault is
//! checked in process, through the same `kiroku-api` calls as `kiroku audit verify`.
#![allow(dead_code, clippy::unwrap_used)]

#[path = "../../../kiroku-cli/tests/common/sealed.rs"]
mod sealed;

pub use sealed::{sealed_command, test_env};

use kiroku_api::{Env, InitRequest};
use kiroku_store::credentials::NoCredentials;
use kiroku_store::kdf::KdfParams;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use zeroize::Zeroizing;

pub const OFFICER: &str = "boss";
pub const PASSWORD: &str = "officer-pass-1";

pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub vault: PathBuf,
}

pub fn kiroku_bench(dir: &Path) -> Command {
    sealed_command(env!("CARGO_BIN_EXE_kiroku-bench"), dir)
}

impl Sandbox {
    /// A vault made through the API with a cheap KDF (the binary reads each slot's own cost).
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("office.kiroku");
        let env = test_env();
        kiroku_api::init(
            &env,
            InitRequest {
                vault: vault.clone(),
                org_name: "テスト広域事務組合".into(),
                officer_id: OFFICER.into(),
                officer_name: "山田 太郎".into(),
                officer_dept: None,
                password: Zeroizing::new(PASSWORD.into()),
                template: kiroku_api::OfficeTemplate::Jimukumiai,
                recovery_pdf: None,
            },
        )
        .unwrap();
        Self { dir, vault }
    }

    /// `kiroku-bench --vault V ARGS` as the officer.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = kiroku_bench(self.dir.path());
        c.arg("--vault")
            .arg(&self.vault)
            .args(args)
            .env("KIROKU_PASSWORD", PASSWORD);
        c
    }

    /// What `kiroku --json audit verify` prints: the officer logs in (the real clock, no OS
    /// credential store, as the binaries here), verifies every page and the chain, logs out.
    pub fn verify(&self) -> serde_json::Value {
        let env = Env {
            clock: Arc::new(kiroku_api::env::SystemClock),
            credentials: Arc::new(NoCredentials),
            kdf: KdfParams::INSECURE_FOR_TESTS,
        };
        let (mut session, _) = kiroku_api::login(&env, &self.vault, OFFICER, PASSWORD).unwrap();
        let report = session.audit_verify().unwrap();
        session.logout().unwrap();
        serde_json::to_value(report).unwrap()
    }
}
