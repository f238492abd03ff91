//! Failed logins, counted outside the encrypted file (which cannot be opened without the
//! password), then written into the audit chain at the next successful login.

use chrono::{DateTime, Utc};
use kiroku_core::login_delay;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::{atomic_file, StoreError};

/// Failures of one login ID since its last success.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failures {
    pub count: u32,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

impl Failures {
    /// When the next try is allowed.
    pub fn next_try_at(&self) -> DateTime<Utc> {
        login_delay::next_try_at(self.count, self.last)
    }
}

/// The counter file (`office.kiroku.attempts`).
#[derive(Debug)]
pub struct AttemptLog {
    path: PathBuf,
}

impl AttemptLog {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    fn load(&self) -> BTreeMap<String, Failures> {
        // A missing or unreadable counter starts again from zero: it slows guessing, it does not
        // guard the data (Argon2 and the key slots do).
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
        let bytes = serde_json::to_vec_pretty(map).unwrap_or_default();
        atomic_file::replace(&self.path, &bytes)
    }

    pub fn get(&self, login_id: &str) -> Option<Failures> {
        self.load().get(login_id).copied()
    }

    /// Counts one more failure at `at` and returns the new tally.
    pub fn record_failure(
        &self,
        login_id: &str,
        at: DateTime<Utc>,
    ) -> Result<Failures, StoreError> {
        let mut map = self.load();
        let entry = map
            .entry(login_id.to_owned())
            .and_modify(|f| {
                f.count = f.count.saturating_add(1);
                f.last = at;
            })
            .or_insert(Failures {
                count: 1,
                first: at,
                last: at,
            });
        let result = *entry;
        self.save(&map)?;
        Ok(result)
    }

    /// Forgets the failures of `login_id` (after they were written to the audit chain).
    pub fn clear(&self, login_id: &str) -> Result<(), StoreError> {
        let mut map = self.load();
        if map.remove(login_id).is_some() {
            self.save(&map)?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn failures_accumulate_and_clear() {
        let dir = tempfile::tempdir().unwrap();
        let log = AttemptLog::new(dir.path().join("v.attempts"));
        let t0 = Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap();
        log.record_failure("a", t0).unwrap();
        log.record_failure("a", t0 + chrono::Duration::seconds(3))
            .unwrap();
        let f = log
            .record_failure("a", t0 + chrono::Duration::seconds(9))
            .unwrap();
        assert_eq!(f.count, 3);
        assert_eq!(f.first, t0);
        assert_eq!(f.next_try_at(), t0 + chrono::Duration::seconds(14));
        assert!(log.get("b").is_none());
        log.clear("a").unwrap();
        assert!(log.get("a").is_none());
        assert!(!log.path().exists());
    }
}
