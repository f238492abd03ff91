//! Backups: one encrypted file, checked after writing, recorded in the audit chain.

use crate::{ApiError, Session};
use chrono::{DateTime, Utc};
use kiroku_core::audit::AuditAction;
use kiroku_store::backup;
use kiroku_store::key_file_lock::KeyFileLock;
use kiroku_store::table::audit;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

impl Session {
    /// Writes a backup to `out` (never over an existing file), re-opens it to check every page
    /// and the chain, and records the result.
    pub fn backup(&mut self, out: &Path) -> Result<BackupReport, ApiError> {
        self.require_writer("バックアップ")?;
        if out.exists() {
            return Err(ApiError::AlreadyExists(format!(
                "{} はすでに存在します。バックアップは既存のファイルを上書きしません。別の名前を指定してください。",
                out.display()
            )));
        }
        if let Some(folder) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            kiroku_store::temp_file::sweep(folder);
        }
        let created_at = self.env.clock.now();
        // The slots as they are now (another window may have changed them), without the
        // copies that belong to this file only.
        let mut keys = KeyFileLock::acquire(self.vault.path())?.load()?;
        keys.head = None;
        keys.failed_logins.clear();
        let bytes = backup::write(&self.vault, &self.key, &keys, out, created_at)?;
        let check = backup::verify(out, &self.key);
        let verified = matches!(&check, Ok(c) if c.is_ok());
        let audit_rows = check.as_ref().map(|c| c.chain.rows).unwrap_or(0);
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let detail = if verified {
            format!("{name}（{bytes}バイト、検証: 正常）")
        } else {
            format!("{name}（{bytes}バイト、検証: 異常）")
        };
        let entry = self.entry(AuditAction::Backup, "vault", detail);
        self.vault.write(|tx| -> Result<(), ApiError> {
            audit::append(tx, entry)?;
            Ok(())
        })?;
        if !verified {
            let why = match check {
                Err(e) => e.to_string(),
                Ok(c) => c
                    .chain
                    .first_break
                    .map(|b| b.to_string())
                    .unwrap_or_else(|| c.integrity.problems.join("; ")),
            };
            return Err(ApiError::Integrity(format!(
                "バックアップ {} の検証に失敗しました: {why}",
                out.display()
            )));
        }
        Ok(BackupReport {
            file: out.display().to_string(),
            bytes,
            audit_rows,
            verified,
            created_at,
        })
    }
}

/// `backup`: where it went and what the check after writing found.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupReport {
    pub file: String,
    pub bytes: u64,
    pub audit_rows: u64,
    pub verified: bool,
    pub created_at: DateTime<Utc>,
}

impl Session {
    /// バックアップ from the app: `バックアップ/<vault>_<date-time>.kiroku-backup` beside the
    /// vault (never overwriting), verified after writing.
    pub fn backup_beside_vault(&mut self) -> Result<crate::BackupReport, ApiError> {
        let vault = self.vault_path().to_owned();
        let stem = vault
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "kiroku".into());
        let out = crate::beside_vault::file_beside_vault(
            &vault,
            "バックアップ",
            &stem,
            "kiroku-backup",
            self.env.clock.now(),
        )?;
        self.backup(&out)
    }
}
