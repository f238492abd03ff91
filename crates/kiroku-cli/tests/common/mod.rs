//! Runs the real `kiroku` binary in a sealed environment: a temp folder for the vault and for
//! HOME / XDG_*, no OS keyring, no inherited KIROKU_* variables, no terminal.
#![allow(dead_code, clippy::unwrap_used)]

pub mod log;
pub mod sealed;

pub use sealed::{sealed_command, test_env, OutputRetried};

use kiroku_api::InitRequest;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use zeroize::Zeroizing;

pub const OFFICER: &str = "boss";
pub const PASSWORD: &str = "officer-pass-1";

pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub vault: PathBuf,
    pub recovery_code: String,
}

pub fn kiroku(dir: &Path) -> Command {
    sealed_command(env!("CARGO_BIN_EXE_kiroku"), dir)
}

impl Sandbox {
    /// A vault made through the API with a cheap KDF (the binary reads each slot's own cost),
    /// so that every test does not pay 0.5 s per unlock.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("office.kiroku");
        let init = kiroku_api::init(
            &test_env(),
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
        Self {
            dir,
            vault,
            recovery_code: init.recovery_code,
        }
    }

    /// `kiroku --vault V ARGS` as the officer.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = kiroku(self.dir.path());
        c.arg("--vault")
            .arg(&self.vault)
            .args(args)
            .env("KIROKU_PASSWORD", PASSWORD);
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output_retried()
    }

    /// Appends `rows` audit rows as the officer, `per_tx` to a transaction, in process
    /// (`kiroku_api::bench`; the product binary has no bench command).
    pub fn append_audit_rows(&self, rows: u64, per_tx: u64) {
        let (mut session, _) =
            kiroku_api::login(&test_env(), &self.vault, OFFICER, PASSWORD).unwrap();
        session.append_bench_rows(rows, per_tx, |_| {}).unwrap();
        session.logout().unwrap();
    }

    /// `kiroku --vault V --user USER ARGS` with `password`.
    pub fn run_as(&self, user: &str, password: &str, args: &[&str]) -> Output {
        self.cmd(&[&["--user", user], args].concat())
            .env("KIROKU_PASSWORD", password)
            .output_retried()
    }

    /// `kiroku --vault V ARGS` as the officer, with `new_password` for the command to set.
    pub fn run_setting(&self, new_password: &str, args: &[&str]) -> Output {
        self.cmd(args)
            .env("KIROKU_NEW_PASSWORD", new_password)
            .output_retried()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The bytes of the vault and its key file, to prove a refused command changed nothing.
    pub fn snapshot(&self) -> (Vec<u8>, Vec<u8>) {
        (
            std::fs::read(&self.vault).unwrap(),
            std::fs::read(kiroku_store::paths::keys_file(&self.vault)).unwrap(),
        )
    }

    /// The key material of the key file: its slots and disabled users, without the audit head
    /// and the failed-login copy that every login and every failure rewrite.
    pub fn key_slots(&self) -> serde_json::Value {
        let bytes = std::fs::read(kiroku_store::paths::keys_file(&self.vault)).unwrap();
        let mut keys: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let object = keys.as_object_mut().unwrap();
        object.remove("head");
        object.remove("failed_logins");
        keys
    }

    pub fn add_clerk(&self, id: &str, password: &str) {
        let out = self
            .cmd(&[
                "user",
                "add",
                "--id",
                id,
                "--name",
                "佐藤 花子",
                "--role",
                "clerk",
            ])
            .env("KIROKU_NEW_PASSWORD", password)
            .output_retried();
        assert_success(&out);
    }
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("the process exited by itself")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

pub fn assert_success(out: &Output) {
    assert_eq!(
        code(out),
        0,
        "stderr: {}\nstdout: {}",
        stderr(out),
        stdout(out)
    );
}

/// Exit code `expected`, a Japanese message on stderr, and no panic.
pub fn assert_refused(out: &Output, expected: i32, needle: &str) {
    let err = stderr(out);
    assert_eq!(code(out), expected, "stderr: {err}");
    assert!(err.starts_with("エラー: "), "stderr: {err}");
    assert!(err.contains(needle), "expected «{needle}» in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}
