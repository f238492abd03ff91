use kiroku_core::clock::Clock;
use kiroku_store::credentials::CredentialStore;
use kiroku_store::kdf::KdfParams;
use std::sync::Arc;

/// What the use cases need from the outside world, passed in: the time, the OS credential
/// store, and the key-derivation cost.
#[derive(Clone)]
pub struct Env {
    pub clock: Arc<dyn Clock>,
    pub credentials: Arc<dyn CredentialStore>,
    pub kdf: KdfParams,
}

impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Env")
            .field("credentials", &self.credentials)
            .field("kdf", &self.kdf)
            .finish_non_exhaustive()
    }
}

/// The system clock: the one place below the binaries' `main` that reads the time.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now()
    }
}

impl Env {
    /// The real world, for the binaries: the system clock, the OS credential store where
    /// reachable (`KIROKU_CREDENTIAL_STORE=none` keeps it out: password-only key slots), and
    /// production key derivation.
    pub fn system() -> Env {
        let credentials: Arc<dyn CredentialStore> =
            match std::env::var("KIROKU_CREDENTIAL_STORE").as_deref() {
                Ok("none") => Arc::new(kiroku_store::credentials::NoCredentials),
                _ => Arc::new(kiroku_store::credentials::OsCredentials),
            };
        Env {
            clock: Arc::new(SystemClock),
            credentials,
            kdf: KdfParams::PRODUCTION,
        }
    }
}
