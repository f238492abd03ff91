//! The outside world as the binary sees it: the real clock and the OS credential store.

use chrono::{DateTime, Utc};
use kiroku_api::Env;
use kiroku_core::clock::Clock;
use kiroku_store::credentials::{CredentialStore, NoCredentials, OsCredentials};
use kiroku_store::kdf::KdfParams;
use std::sync::Arc;

/// The system clock: the one place below `main` that reads the time.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// `KIROKU_CREDENTIAL_STORE=none` keeps the OS credential store out (password-only slots);
/// anything else uses it where reachable.
fn credentials() -> Arc<dyn CredentialStore> {
    match std::env::var("KIROKU_CREDENTIAL_STORE").as_deref() {
        Ok("none") => Arc::new(NoCredentials),
        _ => Arc::new(OsCredentials),
    }
}

pub fn env() -> Env {
    Env {
        clock: Arc::new(SystemClock),
        credentials: credentials(),
        kdf: KdfParams::PRODUCTION,
    }
}
