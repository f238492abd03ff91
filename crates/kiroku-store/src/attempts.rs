//! Failed logins, counted outside the encrypted file (which cannot be opened without the
//! password), then written into the audit chain at the next successful login.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use crate::failures::Failures;
use crate::key_file_lock::KeyFileLock;
use crate::slots::KeySlots;
use crate::{atomic_file, StoreError};

/// The counter file (`office.kiroku.attempts`), with its second copy in the key-slot file.
/// Every change is made holding the [`KeyFileLock`], to both copies; a count is the larger of
/// the two, so deleting the counter file does not reset it, and a counter that cannot be
/// written stops the login (it never stops counting).
#[derive(Debug)]
pub struct AttemptLog {
    path: PathBuf,
}

impl AttemptLog {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    /// The counter of the vault at `vault`.
    pub fn for_vault(vault: &Path) -> Self {
        Self::new(crate::paths::attempts_file(vault))
    }

    fn load(&self) -> BTreeMap<String, Failures> {
        // A missing or unreadable file counts nothing: the copy in the key-slot file remains.
        std::fs::read(&self.path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn save(&self, map: &BTreeMap<String, Failures>) -> Result<(), StoreError> {
        if map.is_empty() {
            return match std::fs::remove_file(&self.path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(StoreError::io(&self.path, e)),
            };
        }
        let bytes = serde_json::to_vec_pretty(map)
            .map_err(|_| StoreError::Crypto("ログイン失敗の記録を書き出せません"))?;
        atomic_file::replace(&self.path, &bytes)
    }

    /// The failures of `login_id` since its last success: the larger of the two copies.
    pub fn get(&self, keys: &KeySlots, login_id: &str) -> Option<Failures> {
        let file = self.load().get(login_id).copied();
        let copy = keys.failed_logins.get(login_id).copied();
        match (file, copy) {
            (Some(a), Some(b)) => Some(if b.count > a.count { b } else { a }),
            (a, b) => a.or(b),
        }
    }

    /// True when the key-slot file counts more failures for `login_id` than the counter file:
    /// the counter file was deleted or replaced.
    pub fn file_lost_count(&self, keys: &KeySlots, login_id: &str) -> bool {
        let file = self.load().get(login_id).map_or(0, |f| f.count);
        keys.failed_logins
            .get(login_id)
            .is_some_and(|c| c.count > file)
    }

    /// Sets the failures of `login_id` in both copies (`None` forgets them).
    fn set(
        &self,
        lock: &KeyFileLock,
        login_id: &str,
        value: Option<Failures>,
    ) -> Result<(), StoreError> {
        let mut map = self.load();
        let mut keys = lock.load()?;
        match value {
            Some(f) => {
                map.insert(login_id.to_owned(), f);
                keys.failed_logins.insert(login_id.to_owned(), f);
            }
            None => {
                if map.remove(login_id).is_none() && keys.failed_logins.remove(login_id).is_none() {
                    return Ok(());
                }
                keys.failed_logins.remove(login_id);
            }
        }
        self.save(&map)?;
        lock.save(&keys)
    }

    /// Counts one more failure at `at` and returns the new tally. Fails when the count cannot
    /// be saved: the caller must then not try the password.
    pub fn record_failure(
        &self,
        lock: &KeyFileLock,
        login_id: &str,
        at: DateTime<Utc>,
    ) -> Result<Failures, StoreError> {
        let keys = lock.load()?;
        let next = match self.get(&keys, login_id) {
            Some(f) => Failures {
                count: f.count.saturating_add(1),
                first: f.first,
                last: at,
            },
            None => Failures {
                count: 1,
                first: at,
                last: at,
            },
        };
        self.set(lock, login_id, Some(next))?;
        Ok(next)
    }

    /// Puts back what was counted before a try that succeeded.
    pub fn restore(
        &self,
        lock: &KeyFileLock,
        login_id: &str,
        before: Option<Failures>,
    ) -> Result<(), StoreError> {
        self.set(lock, login_id, before)
    }

    /// Forgets the failures of `login_id` (after they were written to the audit chain).
    pub fn clear(&self, lock: &KeyFileLock, login_id: &str) -> Result<(), StoreError> {
        self.set(lock, login_id, None)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use kiroku_core::user::LoginId;

    fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kiroku");
        KeySlots::new("v".into(), LoginId::parse("boss").unwrap())
            .save_new(&crate::paths::keys_file(&vault))
            .unwrap();
        (dir, vault)
    }

    #[test]
    fn failures_accumulate_and_clear() {
        let (_dir, vault) = setup();
        let log = AttemptLog::for_vault(&vault);
        let lock = KeyFileLock::acquire(&vault).unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap();
        log.record_failure(&lock, "a", t0).unwrap();
        log.record_failure(&lock, "a", t0 + chrono::Duration::seconds(3))
            .unwrap();
        let f = log
            .record_failure(&lock, "a", t0 + chrono::Duration::seconds(9))
            .unwrap();
        assert_eq!(f.count, 3);
        assert_eq!(f.first, t0);
        assert_eq!(f.next_try_at(), t0 + chrono::Duration::seconds(14));
        let keys = lock.load().unwrap();
        assert!(log.get(&keys, "b").is_none());
        log.clear(&lock, "a").unwrap();
        assert!(log.get(&lock.load().unwrap(), "a").is_none());
        assert!(!log.path().exists());
    }

    #[test]
    fn deleting_the_counter_file_does_not_reset_the_count() {
        let (_dir, vault) = setup();
        let log = AttemptLog::for_vault(&vault);
        let lock = KeyFileLock::acquire(&vault).unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap();
        for i in 0..5 {
            log.record_failure(&lock, "a", t0 + chrono::Duration::seconds(i))
                .unwrap();
        }
        std::fs::remove_file(log.path()).unwrap();
        let keys = lock.load().unwrap();
        assert_eq!(log.get(&keys, "a").unwrap().count, 5);
        assert!(log.file_lost_count(&keys, "a"));
        let f = log
            .record_failure(&lock, "a", t0 + chrono::Duration::seconds(60))
            .unwrap();
        assert_eq!(f.count, 6);
    }
}
