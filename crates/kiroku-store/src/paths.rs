//! Where a vault's sidecar files live: beside the database, named after it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

fn with_suffix(vault: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = vault.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The key-slot file: `office.kiroku.keys`.
pub fn keys_file(vault: &Path) -> PathBuf {
    with_suffix(vault, ".keys")
}

/// The failed-login counter: `office.kiroku.attempts`.
pub fn attempts_file(vault: &Path) -> PathBuf {
    with_suffix(vault, ".attempts")
}

/// Removes a database file and its WAL files (best effort: for cleaning up after a failure).
pub fn remove_database(path: &Path) {
    let _ = std::fs::remove_file(path);
    for f in wal_files(path) {
        let _ = std::fs::remove_file(f);
    }
}

/// SQLite's write-ahead log and its index, which sit beside the database while it is open.
pub fn wal_files(vault: &Path) -> [PathBuf; 2] {
    [with_suffix(vault, "-wal"), with_suffix(vault, "-shm")]
}
