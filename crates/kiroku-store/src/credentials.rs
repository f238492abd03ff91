//! The device secret: 32 random bytes kept in the OS credential store (Secret Service,
//! Windows Credential Manager, macOS Keychain) under the vault's ID. Everyday key slots mix it
//! in, so a copied vault does not open on another PC with a password alone.

use std::collections::HashMap;
use std::sync::Mutex;
use zeroize::Zeroizing;

/// The secret bound to this PC for one vault.
pub type DeviceSecret = Zeroizing<[u8; 32]>;

#[derive(Debug, Clone, thiserror::Error)]
pub enum CredentialError {
    #[error("OS の資格情報ストアを使えません（{0}）。")]
    Unavailable(String),
}

/// Where device secrets are kept. Tests use [`MemoryCredentials`]; the binaries use
/// [`OsCredentials`] unless told otherwise.
pub trait CredentialStore: Send + Sync + std::fmt::Debug {
    /// A short name for `status` (e.g. "Secret Service").
    fn name(&self) -> &'static str;
    fn get(&self, vault_id: &str) -> Result<Option<DeviceSecret>, CredentialError>;
    fn put(&self, vault_id: &str, secret: &DeviceSecret) -> Result<(), CredentialError>;
    /// The vault's sealed audit head (see `head`), kept beside the device secret.
    fn get_head(&self, vault_id: &str) -> Result<Option<Vec<u8>>, CredentialError> {
        let _ = vault_id;
        Err(CredentialError::Unavailable("使わない設定です".into()))
    }
    fn put_head(&self, vault_id: &str, head: &[u8]) -> Result<(), CredentialError> {
        let _ = (vault_id, head);
        Err(CredentialError::Unavailable("使わない設定です".into()))
    }
}

/// No credential store: every slot is password-only.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoCredentials;

impl CredentialStore for NoCredentials {
    fn name(&self) -> &'static str {
        "なし"
    }
    fn get(&self, _: &str) -> Result<Option<DeviceSecret>, CredentialError> {
        Err(CredentialError::Unavailable("使わない設定です".into()))
    }
    fn put(&self, _: &str, _: &DeviceSecret) -> Result<(), CredentialError> {
        Err(CredentialError::Unavailable("使わない設定です".into()))
    }
}

/// An in-memory store standing in for the OS in tests (one per simulated PC).
#[derive(Debug, Default)]
pub struct MemoryCredentials {
    secrets: Mutex<HashMap<String, [u8; 32]>>,
    heads: Mutex<HashMap<String, Vec<u8>>>,
}

impl CredentialStore for MemoryCredentials {
    fn name(&self) -> &'static str {
        "memory"
    }
    fn get(&self, vault_id: &str) -> Result<Option<DeviceSecret>, CredentialError> {
        let map = self
            .secrets
            .lock()
            .map_err(|_| CredentialError::Unavailable("lock poisoned".into()))?;
        Ok(map.get(vault_id).map(|s| Zeroizing::new(*s)))
    }
    fn put(&self, vault_id: &str, secret: &DeviceSecret) -> Result<(), CredentialError> {
        let mut map = self
            .secrets
            .lock()
            .map_err(|_| CredentialError::Unavailable("lock poisoned".into()))?;
        map.insert(vault_id.to_owned(), **secret);
        Ok(())
    }
    fn get_head(&self, vault_id: &str) -> Result<Option<Vec<u8>>, CredentialError> {
        let map = self
            .heads
            .lock()
            .map_err(|_| CredentialError::Unavailable("lock poisoned".into()))?;
        Ok(map.get(vault_id).cloned())
    }
    fn put_head(&self, vault_id: &str, head: &[u8]) -> Result<(), CredentialError> {
        let mut map = self
            .heads
            .lock()
            .map_err(|_| CredentialError::Unavailable("lock poisoned".into()))?;
        map.insert(vault_id.to_owned(), head.to_vec());
        Ok(())
    }
}

/// The OS credential store through the `keyring` crate (service `kiroku`, account = vault ID).
#[derive(Debug, Default, Clone, Copy)]
pub struct OsCredentials;

const SERVICE: &str = "jp.kiroku.device-secret";
const HEAD_SERVICE: &str = "jp.kiroku.audit-head";

fn entry(vault_id: &str) -> Result<keyring::Entry, CredentialError> {
    keyring::Entry::new(SERVICE, vault_id).map_err(|e| CredentialError::Unavailable(e.to_string()))
}

fn head_entry(vault_id: &str) -> Result<keyring::Entry, CredentialError> {
    keyring::Entry::new(HEAD_SERVICE, vault_id)
        .map_err(|e| CredentialError::Unavailable(e.to_string()))
}

impl CredentialStore for OsCredentials {
    fn name(&self) -> &'static str {
        if cfg!(target_os = "windows") {
            "Windows 資格情報マネージャー"
        } else if cfg!(target_os = "macos") {
            "macOS キーチェーン"
        } else {
            "Secret Service"
        }
    }

    fn get(&self, vault_id: &str) -> Result<Option<DeviceSecret>, CredentialError> {
        match entry(vault_id)?.get_secret() {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                let arr: [u8; 32] = bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| CredentialError::Unavailable("端末鍵の長さが不正です".into()))?;
                Ok(Some(Zeroizing::new(arr)))
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(CredentialError::Unavailable(e.to_string())),
        }
    }

    fn put(&self, vault_id: &str, secret: &DeviceSecret) -> Result<(), CredentialError> {
        entry(vault_id)?
            .set_secret(secret.as_ref())
            .map_err(|e| CredentialError::Unavailable(e.to_string()))?;
        // Read it back: some back ends accept a write they cannot keep.
        match self.get(vault_id)? {
            Some(back) if *back == **secret => Ok(()),
            _ => Err(CredentialError::Unavailable(
                "書き込んだ端末鍵を読み戻せません".into(),
            )),
        }
    }

    fn get_head(&self, vault_id: &str) -> Result<Option<Vec<u8>>, CredentialError> {
        match head_entry(vault_id)?.get_secret() {
            Ok(bytes) => Ok(Some(bytes)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(CredentialError::Unavailable(e.to_string())),
        }
    }

    fn put_head(&self, vault_id: &str, head: &[u8]) -> Result<(), CredentialError> {
        head_entry(vault_id)?
            .set_secret(head)
            .map_err(|e| CredentialError::Unavailable(e.to_string()))
    }
}
