//! Shared set-up for the API tests: a temp folder, a clock the test moves, a cheap KDF and an
//! in-memory credential store standing in for one PC's OS store.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use kiroku_api::{Env, InitRequest, InitResponse, RestoreRequest, Session};
use kiroku_core::clock::Clock;
use kiroku_store::credentials::{CredentialStore, MemoryCredentials, NoCredentials};
use kiroku_store::kdf::KdfParams;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use zeroize::Zeroizing;

#[path = "../../../kiroku-cli/tests/common/wine_retry.rs"]
mod wine_retry;

/// A clock the test sets and advances.
#[derive(Debug)]
pub struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

pub const OFFICER: &str = "boss";
pub const PASSWORD: &str = "officer-pass-1";

pub struct Office {
    pub dir: tempfile::TempDir,
    pub vault: PathBuf,
    pub clock: Arc<TestClock>,
    pub env: Env,
    pub init: InitResponse,
}

pub fn env_with(clock: Arc<TestClock>, credentials: Arc<dyn CredentialStore>) -> Env {
    Env {
        clock,
        credentials,
        kdf: KdfParams::INSECURE_FOR_TESTS,
    }
}

pub fn clock() -> Arc<TestClock> {
    Arc::new(TestClock(Mutex::new(
        Utc.with_ymd_and_hms(2026, 4, 1, 0, 30, 0).unwrap(),
    )))
}

/// A new office vault on a "PC" whose OS credential store is `credentials`.
pub fn office_with(credentials: Arc<dyn CredentialStore>, officer_name: &str) -> Office {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("office.kiroku");
    let clock = clock();
    let env = env_with(clock.clone(), credentials);
    let init = kiroku_api::init(
        &env,
        InitRequest {
            vault: vault.clone(),
            org_name: "テスト広域事務組合".into(),
            officer_id: OFFICER.into(),
            officer_name: officer_name.into(),
            officer_dept: Some("総務課".into()),
            password: Zeroizing::new(PASSWORD.into()),
            template: kiroku_api::OfficeTemplate::Jimukumiai,
            recovery_pdf: None,
        },
    )
    .unwrap();
    Office {
        dir,
        vault,
        clock,
        env,
        init,
    }
}

/// A password-only office (no OS credential store), as on a headless Linux PC.
pub fn office() -> Office {
    office_with(Arc::new(NoCredentials), "山田 太郎")
}

/// A device-bound office on a simulated PC.
pub fn device_bound_office() -> (Office, Arc<MemoryCredentials>) {
    let pc = Arc::new(MemoryCredentials::default());
    (office_with(pc.clone(), "山田 太郎"), pc)
}

impl Office {
    pub fn login(&self, user: &str, password: &str) -> Session {
        kiroku_api::login(&self.env, &self.vault, user, password)
            .unwrap()
            .0
    }

    pub fn officer(&self) -> Session {
        self.login(OFFICER, PASSWORD)
    }

    pub fn add_user(&self, id: &str, name: &str, role: &str, password: &str) {
        let mut s = self.officer();
        s.add_user(
            &kiroku_api::NewUser {
                id: id.into(),
                name: name.into(),
                role: role.into(),
                dept: Some("業務課".into()),
                duties: Some("年末調整".into()),
            },
            password,
        )
        .unwrap();
        s.logout().unwrap();
    }

    /// Every file of the vault (database, WAL, key slots, counters) as bytes.
    pub fn all_file_bytes(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(self.dir.path()).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
        out.sort();
        out
    }
}

/// A restore of `from` into `vault` as the officer, with `code` and a new password.
pub fn restore_request(
    from: &Path,
    vault: &Path,
    code: &str,
    new_password: &str,
) -> RestoreRequest {
    RestoreRequest {
        from: from.to_owned(),
        vault: vault.to_owned(),
        user: OFFICER.into(),
        recovery_code: Zeroizing::new(code.into()),
        new_password: Zeroizing::new(new_password.into()),
    }
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The password of every user of a generated demo office in the tests.
pub const DEMO_PASSWORD: &str = "demo-password";

/// A generated demo office (`seed`, `events`, 20 persons) in `dir`, on the test clock.
pub fn demo_office(dir: &Path, seed: u64, events: u64) -> (Env, PathBuf) {
    let env = env_with(clock(), Arc::new(NoCredentials));
    let vault = dir.join("office.kiroku");
    kiroku_demo::generate(
        &env,
        &kiroku_demo::DemoRequest {
            vault: vault.clone(),
            password: Zeroizing::new(DEMO_PASSWORD.into()),
            seed,
            events,
            persons: 20,
        },
    )
    .unwrap();
    (env, vault)
}

/// Logs `user` of a demo office in.
pub fn demo_login(env: &Env, vault: &Path, user: &str) -> Session {
    kiroku_api::login(env, vault, user, DEMO_PASSWORD)
        .unwrap()
        .0
}

/// `Command::output` that survives one Wine quirk (`wine_retry`).
pub trait OutputRetried {
    fn output_retried(&mut self) -> std::io::Result<std::process::Output>;
}

impl OutputRetried for std::process::Command {
    fn output_retried(&mut self) -> std::io::Result<std::process::Output> {
        wine_retry::output_retried(self)
    }
}
