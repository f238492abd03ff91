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
