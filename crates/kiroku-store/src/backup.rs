//! One-file backups: the key slots and an encrypted copy of the database, sealed with a MAC
//! under a key derived from the master key. Restorable on a new PC with the recovery code.
//!
//! Layout: `KIROKU-BACKUP\n` · u32 header length · header JSON · u64 database length ·
//! database bytes (SQLCipher, same master key) · HMAC-SHA256 of everything before it.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::key::MasterKey;
use crate::slots::KeySlots;
use crate::table::audit::{self, ChainReport};
use crate::temp_file::TempFile;
use crate::vault::IntegrityReport;
use crate::{atomic_file, StoreError, Vault};

const MAGIC: &[u8] = b"KIROKU-BACKUP\n";
const FORMAT: &str = "kiroku-backup-v1";
const MAC_PURPOSE: &[u8] = b"kiroku backup mac v1";
const MAC_LEN: usize = 32;

/// What the backup says about itself (readable before the recovery code is given).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupHeader {
    format: String,
    pub vault_id: String,
    pub created_at: DateTime<Utc>,
    pub schema_version: i64,
    pub keys: KeySlots,
}

/// A backup file read into memory, its MAC not yet checked.
#[derive(Debug)]
pub struct BackupFile {
    pub header: BackupHeader,
    signed: Vec<u8>,
    db_range: std::ops::Range<usize>,
    mac: [u8; MAC_LEN],
}

fn mac_of(key: &MasterKey, bytes: &[u8]) -> Hmac<sha2::Sha256> {
    let mac_key = key.derive(MAC_PURPOSE);
    // HMAC accepts keys of any length.
    #[allow(clippy::expect_used)]
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(mac_key.as_ref()).expect("any key length");
    mac.update(bytes);
    mac
}

/// Writes a backup of `vault` to `out` (a new file; an existing one is never overwritten).
/// Returns the size in bytes.
pub fn write(
    vault: &Vault,
    key: &MasterKey,
    keys: &KeySlots,
    out: &Path,
    created_at: DateTime<Utc>,
) -> Result<u64, StoreError> {
    if out.exists() {
        return Err(StoreError::AlreadyExists(out.to_owned()));
    }
    let export = TempFile::beside(out, "export")?;
    vault.export_copy(export.path(), key)?;
    let db = std::fs::read(export.path()).map_err(|e| StoreError::io(export.path(), e))?;
    drop(export);

    let header = BackupHeader {
        format: FORMAT.into(),
        vault_id: keys.vault_id.clone(),
        created_at,
        schema_version: vault.schema_version()?,
        keys: keys.clone(),
    };
    let header_json = serde_json::to_vec(&header)
        .map_err(|_| StoreError::Crypto("バックアップの見出しを書き出せません"))?;
    let mut bytes = Vec::with_capacity(MAGIC.len() + 12 + header_json.len() + db.len() + MAC_LEN);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(header_json.len() as u32).to_be_bytes());
    bytes.extend_from_slice(&header_json);
    bytes.extend_from_slice(&(db.len() as u64).to_be_bytes());
    bytes.extend_from_slice(&db);
    let tag = mac_of(key, &bytes).finalize().into_bytes();
    bytes.extend_from_slice(&tag);
    atomic_file::create_new(out, &bytes)?;
    Ok(bytes.len() as u64)
}

impl BackupFile {
    /// Reads and parses a backup file (no key needed, nothing trusted yet).
    pub fn read(path: &Path) -> Result<Self, StoreError> {
        let bytes = std::fs::read(path).map_err(|e| StoreError::io(path, e))?;
        let bad = |why: &str| StoreError::BadBackup(format!("{}: {why}", path.display()));
        if !bytes.starts_with(MAGIC) {
            return Err(bad("Kiroku のバックアップファイルではありません"));
        }
        let mut at = MAGIC.len();
        let take = |at: &mut usize, n: usize| -> Result<std::ops::Range<usize>, StoreError> {
            let end = at
                .checked_add(n)
                .filter(|&e| e <= bytes.len())
                .ok_or_else(|| bad("途中で切れています"))?;
            let r = *at..end;
            *at = end;
            Ok(r)
        };
        let r = take(&mut at, 4)?;
        let header_len =
            u32::from_be_bytes(bytes[r].try_into().map_err(|_| bad("見出し"))?) as usize;
        let r = take(&mut at, header_len)?;
        let header: BackupHeader =
            serde_json::from_slice(&bytes[r]).map_err(|_| bad("見出しを読めません"))?;
        if header.format != FORMAT {
            return Err(bad("この版の Kiroku では読めない形式です"));
        }
        let r = take(&mut at, 8)?;
        let db_len = u64::from_be_bytes(bytes[r].try_into().map_err(|_| bad("長さ"))?);
        let db_range = take(&mut at, usize::try_from(db_len).map_err(|_| bad("長さ"))?)?;
        let r = take(&mut at, MAC_LEN)?;
        if at != bytes.len() {
            return Err(bad("末尾に余分なデータがあります"));
        }
        let mac: [u8; MAC_LEN] = bytes[r].try_into().map_err(|_| bad("署名"))?;
        let mut signed = bytes;
        signed.truncate(at - MAC_LEN);
        Ok(Self {
            header,
            signed,
            db_range,
            mac,
        })
    }

    /// Checks the MAC with the master key: proves the file is whole and of this vault.
    pub fn authenticate(&self, key: &MasterKey) -> Result<(), StoreError> {
        mac_of(key, &self.signed)
            .verify_slice(&self.mac)
            .map_err(|_| {
                StoreError::BadBackup(
                    "内容が壊れているか改ざんされています（署名が一致しません）".into(),
                )
            })
    }

    /// Writes the database to `dest` (a new file).
    pub fn write_database(&self, dest: &Path) -> Result<(), StoreError> {
        atomic_file::create_new(dest, &self.signed[self.db_range.clone()])
    }
}

/// The result of checking a backup after writing it.
#[derive(Debug, Clone)]
pub struct BackupCheck {
    pub integrity: IntegrityReport,
    pub chain: ChainReport,
}

impl BackupCheck {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_ok() && self.chain.first_break.is_none()
    }
}

/// Re-reads a backup, checks its MAC, opens its database and checks every page and the chain.
pub fn verify(path: &Path, key: &MasterKey) -> Result<BackupCheck, StoreError> {
    let file = BackupFile::read(path)?;
    file.authenticate(key)?;
    let scratch = TempFile::beside(path, "verify")?;
    file.write_database(scratch.path())?;
    let vault = Vault::open(scratch.path(), key)?;
    let integrity = vault.integrity_check()?;
    let chain = audit::verify(vault.conn())?;
    drop(vault);
    Ok(BackupCheck { integrity, chain })
}
