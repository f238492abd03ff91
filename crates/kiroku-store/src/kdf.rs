//! Password → key-encryption key, with Argon2id.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::StoreError;

/// Argon2id cost parameters, stored with each slot so they can be raised later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over the memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// The production cost: 128 MiB, 5 passes, 1 lane. 64 MiB × 3 took 0.14 s per unlock on the
    /// 2-core reference machine, below the 0.3–0.8 s aimed for; this is about 3.3× that work
    /// (figures in ARCHITECTURE.md, "Key slots").
    pub const PRODUCTION: KdfParams = KdfParams {
        m_kib: 128 * 1024,
        t: 5,
        p: 1,
    };

    /// A cheap cost for unit tests of the store only. Never used by the binaries.
    pub const INSECURE_FOR_TESTS: KdfParams = KdfParams {
        m_kib: 64,
        t: 1,
        p: 1,
    };

    /// Derives 32 bytes from `secret` and `salt`.
    pub fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; 32]>, StoreError> {
        let params = argon2::Params::new(self.m_kib, self.t, self.p, Some(32))
            .map_err(|_| StoreError::Crypto("Argon2 のパラメータが不正です"))?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(secret, salt, out.as_mut())
            .map_err(|_| StoreError::Crypto("Argon2 による鍵の導出に失敗しました"))?;
        Ok(out)
    }
}
