//! The audit head kept outside the database: the newest audit row (its number and hash),
//! sealed under the master key, in the key-slot file after every commit and in the OS
//! credential store at login and logout. A vault file copied back over a newer one is behind
//! it, and is refused at open (`audit verify` alone cannot see it: an older chain is whole).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::credentials::CredentialStore;
use crate::key::{random_bytes, MasterKey};
use crate::table::col;
use crate::StoreError;

const PURPOSE: &[u8] = b"kiroku audit head v1";

/// The newest row of the audit chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHead {
    pub seq: u64,
    #[serde(with = "hex::serde")]
    pub hash: [u8; 32],
}

/// An [`AuditHead`] sealed under a master key (of `generation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedHead {
    pub generation: u64,
    nonce: String,
    ciphertext: String,
}

fn aad(vault_id: &str, generation: u64) -> Vec<u8> {
    format!("kiroku-head\0{vault_id}\0{generation}").into_bytes()
}

impl AuditHead {
    /// The newest row of the chain in `conn`, if any.
    pub fn of(conn: &Connection) -> Result<Option<Self>, StoreError> {
        const HEAD: &str = "seq, hash";
        let row: Option<(i64, Vec<u8>)> = conn
            .query_row(
                &format!("SELECT {HEAD} FROM audit ORDER BY seq DESC LIMIT 1"),
                [],
                |r| Ok((r.get(col!(HEAD, "seq"))?, r.get(col!(HEAD, "hash"))?)),
            )
            .optional()?;
        Ok(row.and_then(|(seq, hash)| {
            Some(AuditHead {
                seq: u64::try_from(seq).ok()?,
                hash: hash.as_slice().try_into().ok()?,
            })
        }))
    }

    pub fn seal(
        &self,
        vault_id: &str,
        generation: u64,
        master: &MasterKey,
    ) -> Result<SealedHead, StoreError> {
        let key = master.derive(PURPOSE);
        let nonce = random_bytes::<24>();
        let plain = serde_json::to_vec(self)
            .map_err(|_| StoreError::Crypto("監査ログの控えを作れません"))?;
        let ciphertext = XChaCha20Poly1305::new(key.as_ref().into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &plain,
                    aad: &aad(vault_id, generation),
                },
            )
            .map_err(|_| StoreError::Crypto("監査ログの控えを作れません"))?;
        Ok(SealedHead {
            generation,
            nonce: B64.encode(nonce),
            ciphertext: B64.encode(ciphertext),
        })
    }
}

impl SealedHead {
    /// Opens the sealed head with the master key of its generation. A head that does not open
    /// was altered (or belongs to another vault).
    pub fn open(&self, vault_id: &str, master: &MasterKey) -> Result<AuditHead, StoreError> {
        let altered = || {
            StoreError::Corrupt(
                "鍵ファイルにある監査ログの控えが改変されています（またはこの記録ファイルのものではありません）".into(),
            )
        };
        let nonce = B64.decode(&self.nonce).map_err(|_| altered())?;
        let ciphertext = B64.decode(&self.ciphertext).map_err(|_| altered())?;
        if nonce.len() != 24 {
            return Err(altered());
        }
        let key = master.derive(PURPOSE);
        let plain = XChaCha20Poly1305::new(key.as_ref().into())
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: &aad(vault_id, self.generation),
                },
            )
            .map_err(|_| altered())?;
        serde_json::from_slice(&plain).map_err(|_| altered())
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>, StoreError> {
        serde_json::to_vec(self).map_err(|_| StoreError::Crypto("監査ログの控えを作れません"))
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        serde_json::from_slice(bytes).ok()
    }
}

/// How the vault's chain stands against a head recorded outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadCheck {
    /// The chain ends at the recorded row, or goes on from it.
    InStep,
    /// The chain ends before the recorded row: the file is an older copy.
    Behind { recorded: u64, found: u64 },
    /// The recorded row is in the chain with another hash: another history.
    Forked { seq: u64 },
}

/// Compares the chain in `conn` with `recorded`.
pub fn check(conn: &Connection, recorded: &AuditHead) -> Result<HeadCheck, StoreError> {
    let found = AuditHead::of(conn)?.map_or(0, |h| h.seq);
    if found < recorded.seq {
        return Ok(HeadCheck::Behind {
            recorded: recorded.seq,
            found,
        });
    }
    let hash: Option<Vec<u8>> = conn
        .query_row(
            "SELECT hash FROM audit WHERE seq = ?1",
            [i64::try_from(recorded.seq).unwrap_or(i64::MAX)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match hash {
        Some(h) if h.as_slice() == recorded.hash => HeadCheck::InStep,
        _ => HeadCheck::Forked { seq: recorded.seq },
    })
}

/// Copies the sealed head into the OS credential store (best effort: where there is none, the
/// key-slot file's copy is the only one).
pub fn remember_in_os(credentials: &Arc<dyn CredentialStore>, vault_id: &str, head: &SealedHead) {
    if let Ok(bytes) = head.to_bytes() {
        let _ = credentials.put_head(vault_id, &bytes);
    }
}

/// The sealed head the OS credential store holds for `vault_id`, if any.
pub fn recalled_from_os(
    credentials: &Arc<dyn CredentialStore>,
    vault_id: &str,
) -> Option<SealedHead> {
    credentials
        .get_head(vault_id)
        .ok()
        .flatten()
        .and_then(|b| SealedHead::from_bytes(&b))
}
