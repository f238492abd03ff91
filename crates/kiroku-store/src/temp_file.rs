//! Temporary files beside their destination. Each is removed when it is done with — and, when
//! its process was killed first, by the next process that sweeps the folder: a temporary file
//! is held by a lock on a small marker file beside it, which the operating system releases when
//! the process dies, so a marker that can be locked belongs to nobody.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

    /// Moves the finished file over `dest` (atomically; the folder is synced). On Windows a
    /// destination another program holds open is waited for, up to [`HELD_FILE_WAIT`].
    pub fn rename_to(self, dest: &Path) -> Result<(), StoreError> {
        replace_file(&self.path, dest, HELD_FILE_WAIT)?;
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

/// How long a replace waits for a file that another program holds open without sharing it (on
/// Windows an antivirus scanner or the search indexer opens a file that was just written, for a
/// moment). Tried again and again, every 10 to 200 ms, until then.
pub const HELD_FILE_WAIT: Duration = Duration::from_secs(5);

/// Whether a failed rename is another program holding the file (Windows): `ERROR_ACCESS_DENIED`
/// (what `MoveFileExW` returns for a file open without `FILE_SHARE_DELETE`),
/// `ERROR_SHARING_VIOLATION`, `ERROR_LOCK_VIOLATION`. Never on other systems, where a rename
/// does not care who has the file open.
fn held_by_another_program(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Renames `from` over `to`: atomic on one volume (`rename(2)`; on Windows `MoveFileExW` with
/// `MOVEFILE_REPLACE_EXISTING`, atomic on NTFS). A destination held by another program is
/// tried again until `wait` has passed, then refused with [`StoreError::InUse`]; `from` is left
/// in place for the caller to remove.
pub fn replace_file(from: &Path, to: &Path, wait: Duration) -> Result<(), StoreError> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(10);
    loop {
        match std::fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(e) if held_by_another_program(&e) => {
                if start.elapsed() >= wait {
                    return Err(StoreError::InUse(to.to_owned()));
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(200));
            }
            Err(e) => return Err(StoreError::io(to, e)),
        }
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

    /// Opens `path` the way a scanner that does not share it would (no `FILE_SHARE_DELETE`).
    #[cfg(windows)]
    fn hold(path: &Path) -> File {
        use std::os::windows::fs::OpenOptionsExt;
        OpenOptions::new()
            .read(true)
            .share_mode(1) // FILE_SHARE_READ only
            .open(path)
            .unwrap()
    }

    #[cfg(windows)]
    #[test]
    fn a_replace_waits_for_a_file_another_program_holds_briefly() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("office.kiroku.keys");
        std::fs::write(&dest, b"old").unwrap();
        let held = hold(&dest);
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(held);
        });
        crate::atomic_file::replace(&dest, b"new").unwrap();
        release.join().unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"new");
    }

    #[cfg(windows)]
    #[test]
    fn a_replace_gives_up_on_a_file_held_too_long_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("office.kiroku.keys");
        std::fs::write(&dest, b"old").unwrap();
        let tmp = dir.path().join("new");
        std::fs::write(&tmp, b"new").unwrap();
        let _held = hold(&dest);
        let err = replace_file(&tmp, &dest, Duration::from_millis(300)).unwrap_err();
        assert!(matches!(err, StoreError::InUse(_)), "{err:?}");
        assert!(err.to_string().contains("ウイルス対策ソフト"), "{err}");
        drop(_held);
        assert_eq!(std::fs::read(&dest).unwrap(), b"old");
    }

    #[test]
    fn a_replace_is_not_retried_for_an_ordinary_failure() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        let start = Instant::now();
        let err = replace_file(&missing, &dir.path().join("dest"), HELD_FILE_WAIT).unwrap_err();
        assert!(start.elapsed() < Duration::from_secs(1));
        assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
    }
}
