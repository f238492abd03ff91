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

/// The lock taken around every change of the key-slot file: `office.kiroku.lock`.
pub fn lock_file(vault: &Path) -> PathBuf {
    with_suffix(vault, ".lock")
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

/// The folder a vault lives in (`.` for a bare file name).
pub fn folder_of(vault: &Path) -> PathBuf {
    match vault.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Whether `path` (an existing file) can be opened for writing. Tried for real, not read off
/// the permission bits: those say nothing of a read-only mount, and nothing at all to root.
fn file_writable(path: &Path) -> bool {
    std::fs::OpenOptions::new().append(true).open(path).is_ok()
}

/// Whether a new file can be created in `folder`.
fn folder_writable(folder: &Path) -> bool {
    let probe = folder.join(format!(".kiroku-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => e.kind() == std::io::ErrorKind::AlreadyExists,
    }
}

/// The first of the vault's folder, the vault, its WAL files and its key file that exists and
/// cannot be written, or `None` when all can. Checked before SQLite opens the file, so that a
/// read-only episode is refused with a clear message and leaves nothing behind (SQLite would
/// create a read-only `-shm` that blocks the vault later).
pub fn first_unwritable(vault: &Path) -> Option<PathBuf> {
    let folder = folder_of(vault);
    if folder.is_dir() && !folder_writable(&folder) {
        return Some(folder);
    }
    let [wal, shm] = wal_files(vault);
    [vault.to_owned(), wal, shm, keys_file(vault)]
        .into_iter()
        .find(|p| p.is_file() && !file_writable(p))
}

/// Where the desktop app keeps its vault when no `--vault` or `KIROKU_VAULT` is given, read from
/// the environment through `var`.
///
/// - Windows: `%LOCALAPPDATA%\Kiroku\office.kiroku`. Local AppData is this user's, on this PC
///   only: unlike Documents it is not redirected to a file server or synced to OneDrive by
///   Known Folder Move (a 特定個人情報 file must stay in the 取扱区域, and SQLite's locking is
///   unsafe on a network share or under a sync client), and unlike Roaming AppData it does not
///   travel with a roaming profile. The program itself goes to `%LOCALAPPDATA%\Programs\Kiroku`,
///   a different folder, so uninstalling never comes near the vault.
/// - Elsewhere: `$XDG_DATA_HOME/kiroku/office.kiroku`, else `~/.local/share/kiroku/…`.
pub fn default_vault(windows: bool, var: &dyn Fn(&str) -> Option<OsString>) -> PathBuf {
    let present = |name: &str| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if windows {
        let local = present("LOCALAPPDATA")
            .or_else(|| present("USERPROFILE").map(|home| home.join("AppData").join("Local")));
        return local
            .unwrap_or_else(|| PathBuf::from("."))
            .join("Kiroku")
            .join("office.kiroku");
    }
    present("XDG_DATA_HOME")
        .or_else(|| present("HOME").map(|home| home.join(".local").join("share")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("kiroku")
        .join("office.kiroku")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    fn parts(p: &Path) -> Vec<String> {
        p.iter().map(|c| c.to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn on_windows_the_vault_defaults_to_local_app_data() {
        let p = default_vault(true, &env(&[("LOCALAPPDATA", "L"), ("APPDATA", "R")]));
        assert_eq!(parts(&p), ["L", "Kiroku", "office.kiroku"]);
        let p = default_vault(true, &env(&[("USERPROFILE", "U")]));
        assert_eq!(
            parts(&p),
            ["U", "AppData", "Local", "Kiroku", "office.kiroku"]
        );
    }

    #[test]
    fn elsewhere_the_vault_defaults_to_the_xdg_data_folder() {
        let p = default_vault(false, &env(&[("XDG_DATA_HOME", "D"), ("HOME", "H")]));
        assert_eq!(parts(&p), ["D", "kiroku", "office.kiroku"]);
        let p = default_vault(false, &env(&[("XDG_DATA_HOME", ""), ("HOME", "H")]));
        assert_eq!(
            parts(&p),
            ["H", ".local", "share", "kiroku", "office.kiroku"]
        );
    }
}
