//! The lock around every change of a vault's key-slot and failed-login files: re-read under
//! the lock, changed, written — never from a copy read earlier.

use std::path::{Path, PathBuf};

use crate::slots::KeySlots;
use crate::StoreError;

/// The exclusive lock around every read-modify-write of a vault's key-slot and failed-login
/// files (`office.kiroku.lock`): two windows or commands never lose each other's change.
#[derive(Debug)]
pub struct KeyFileLock {
    /// `None` when this thread already held the lock (a nested acquire, e.g. the audit head
    /// kept after a commit made while the slots are being changed).
    file: Option<std::fs::File>,
    lock_path: PathBuf,
    keys_path: PathBuf,
}

thread_local! {
    /// The lock files this thread holds.
    static HELD: std::cell::RefCell<Vec<PathBuf>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Drop for KeyFileLock {
    fn drop(&mut self) {
        if self.file.is_some() {
            HELD.with(|h| h.borrow_mut().retain(|p| p != &self.lock_path));
        }
    }
}

/// How long to wait for another process's slot change before giving up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

impl KeyFileLock {
    /// Waits (at most 15 s) for the lock of the vault at `vault`.
    pub fn acquire(vault: &Path) -> Result<Self, StoreError> {
        let path = crate::paths::lock_file(vault);
        let keys_path = crate::paths::keys_file(vault);
        if HELD.with(|h| h.borrow().contains(&path)) {
            return Ok(Self {
                file: None,
                lock_path: path,
                keys_path,
            });
        }
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        let started = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(StoreError::Busy),
                Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
            }
        }
        HELD.with(|h| h.borrow_mut().push(path.clone()));
        Ok(Self {
            file: Some(file),
            lock_path: path,
            keys_path,
        })
    }

    /// The key-slot file as it is now on disk.
    pub fn load(&self) -> Result<KeySlots, StoreError> {
        KeySlots::load(&self.keys_path)
    }

    pub fn save(&self, keys: &KeySlots) -> Result<(), StoreError> {
        keys.save(&self.keys_path)
    }

    pub fn keys_path(&self) -> &Path {
        &self.keys_path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_exclusive_between_holders() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kiroku");
        let first = KeyFileLock::acquire(&vault).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let v = vault.clone();
        let waiter = std::thread::spawn(move || {
            let _second = KeyFileLock::acquire(&v).unwrap();
            tx.send(()).unwrap();
        });
        assert!(rx
            .recv_timeout(std::time::Duration::from_millis(200))
            .is_err());
        drop(first);
        rx.recv_timeout(std::time::Duration::from_secs(5)).unwrap();
        waiter.join().unwrap();
    }

    #[test]
    fn the_lock_may_be_taken_again_by_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kiroku");
        let first = KeyFileLock::acquire(&vault).unwrap();
        let nested = KeyFileLock::acquire(&vault).unwrap();
        drop(nested);
        // Still held by `first`: another thread waits.
        let v = vault.clone();
        let other = std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let _l = KeyFileLock::acquire(&v).unwrap();
            started.elapsed()
        });
        std::thread::sleep(std::time::Duration::from_millis(150));
        drop(first);
        assert!(other.join().unwrap() >= std::time::Duration::from_millis(100));
    }
}
