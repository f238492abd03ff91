//! Small files written so that a crash leaves either the old or the new content, never half.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;

use crate::temp_file::{sync_dir, TempFile};
use crate::StoreError;

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .map_err(|e| StoreError::io(path, e))?;
    f.write_all(bytes).map_err(|e| StoreError::io(path, e))?;
    f.sync_all().map_err(|e| StoreError::io(path, e))
}

/// Replaces `path` with `bytes` atomically (write a temp file, fsync, rename, fsync the folder).
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = TempFile::beside(path, "replace")?;
    write_synced(tmp.path(), bytes)?;
    tmp.rename_to(path)
}

/// Creates `path` with `bytes`, refusing if it already exists (even if created concurrently).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    if path.exists() {
        return Err(StoreError::AlreadyExists(path.to_owned()));
    }
    let tmp = TempFile::beside(path, "new")?;
    write_synced(tmp.path(), bytes)?;
    let linked = fs::hard_link(tmp.path(), path);
    drop(tmp);
    match linked {
        Ok(()) => {
            sync_dir(path);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(StoreError::AlreadyExists(path.to_owned()))
        }
        Err(e) => Err(StoreError::io(path, e)),
    }
}
