//! Temporary files beside their destination. Each is removed when it is done with — and, when
//! its process was killed first, by the next process that sweeps the folder: a temporary file
//! is held by a lock on a small marker file beside it, which the operating system releases when
//! the process dies, so a marker that can be locked belongs to nobody.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::key::random_bytes;
use crate::StoreError;

/// What every temporary file name contains (and nothing else Kiroku writes).
const TAG: &str = ".kiroku-tmp-";
const MARKER: &str = ".kiroku-lock";

/// The files SQLite may add beside a database it writes.
const SQLITE_SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_with_sidecars(path: &Path) {
    let _ = std::fs::remove_file(path);
    for s in SQLITE_SIDECARS {
        let _ = std::fs::remove_file(with_suffix(path, s));
    }
}

/// A temporary path beside a destination, claimed by a locked marker until dropped.
#[derive(Debug)]
pub struct TempFile {
    path: PathBuf,
    marker: PathBuf,
    _lock: File,
}

impl TempFile {
    /// Claims a new temporary name beside `dest` (`dest.kiroku-tmp-<what>-<pid>-<random>`).
    /// Nothing is created at the path itself.
    pub fn beside(dest: &Path, what: &str) -> Result<Self, StoreError> {
        let suffix = format!(
            "{TAG}{what}-{}-{}",
            std::process::id(),
            hex::encode(random_bytes::<4>())
        );
        let path = with_suffix(dest, &suffix);
        let marker = with_suffix(&path, MARKER);
        let lock = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&marker)
            .map_err(|e| StoreError::io(&marker, e))?;
        lock.lock().map_err(|e| StoreError::io(&marker, e))?;
        Ok(Self {
            path,
            marker,
            _lock: lock,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Moves the finished file over `dest` (atomically; the folder is synced).
    pub fn rename_to(self, dest: &Path) -> Result<(), StoreError> {
        std::fs::rename(&self.path, dest).map_err(|e| StoreError::io(dest, e))?;
        sync_dir(dest);
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        remove_with_sidecars(&self.path);
        let _ = std::fs::remove_file(&self.marker);
    }
}

/// Removes the temporary files in `folder` whose process is gone (their marker can be locked).
/// Returns how many were removed. Best effort: a folder that cannot be read is left alone.
pub fn sweep(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(temp_name) = name.strip_suffix(MARKER) else {
            continue;
        };
        if !temp_name.contains(TAG) {
            continue;
        }
        let marker = entry.path();
        let Ok(file) = OpenOptions::new().write(true).open(&marker) else {
            continue;
        };
        if file.try_lock().is_ok() {
            remove_with_sidecars(&folder.join(temp_name));
            let _ = std::fs::remove_file(&marker);
            removed += 1;
        }
    }
    removed
}

/// Makes a rename durable by syncing the directory (a no-op where that is not possible).
pub fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_temp_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.bak");
        let t = TempFile::beside(&dest, "export").unwrap();
        std::fs::write(t.path(), b"x").unwrap();
        std::fs::write(with_suffix(t.path(), "-wal"), b"x").unwrap();
        drop(t);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_sweep_removes_only_what_nobody_holds() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.bak");
        let held = TempFile::beside(&dest, "export").unwrap();
        std::fs::write(held.path(), b"x").unwrap();
        // A killed process: its marker exists but nobody holds the lock.
        let orphan = with_suffix(&dest, &format!("{TAG}export-1-00000000"));
        std::fs::write(&orphan, b"x").unwrap();
        std::fs::write(with_suffix(&orphan, MARKER), b"").unwrap();
        std::fs::write(dir.path().join("keep.txt"), b"x").unwrap();
        assert_eq!(sweep(dir.path()), 1);
        assert!(!orphan.exists());
        assert!(held.path().exists());
        assert!(dir.path().join("keep.txt").exists());
    }
}
