use std::path::{Path, PathBuf};

/// What can go wrong in the store. Messages are Japanese and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("記録ファイル {0} が見つかりません。パスを確認してください。")]
    VaultNotFound(PathBuf),
    #[error(
        "{0} はすでに存在します。既存のファイルは上書きしません。別の名前を指定してください。"
    )]
    AlreadyExists(PathBuf),
    #[error("{0} は Kiroku の記録ファイルではないか、壊れています。")]
    NotAVault(PathBuf),
    #[error("記録ファイルが壊れているか改ざんされています: {0}")]
    Corrupt(String),
    #[error("鍵ファイル {path} を読めません: {reason}")]
    BadKeyFile { path: PathBuf, reason: String },
    #[error("この記録ファイルは新しい版の Kiroku で作られています（スキーマ {found} 版、この Kiroku は {supported} 版まで）。Kiroku を更新してください。")]
    TooNew { found: i64, supported: i64 },
    #[error("バックアップファイルが壊れているか、改ざんされています: {0}")]
    BadBackup(String),
    #[error("ファイル {path} の読み書きに失敗しました: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Another window or command holds the write lock longer than the busy timeout.
    #[error("他の画面・コマンドが記録ファイルに書き込み中です。しばらく待ってから、もう一度実行してください。")]
    Busy,
    /// Another program (an antivirus scanner, the search indexer, a backup tool) kept a file
    /// open without sharing it for longer than a replace waits (Windows).
    #[error("{0} を置き換えられませんでした。ほかのプログラム（ウイルス対策ソフト、バックアップソフトなど）がこのファイルを開いています。今回の内容は保存されていません。しばらく待ってから、もう一度実行してください。")]
    InUse(PathBuf),
    /// The disk (or the folder's quota) is full: nothing was saved.
    #[error("ディスクの空きがありません（{0}）。今回の内容は保存されていません。不要なファイルを削除して空きを作ってから、もう一度実行してください。")]
    DiskFull(String),
    /// A file or folder the vault needs to write is read-only.
    #[error("{0} に書き込めません（読み取り専用です）。今回の内容は保存されていません。ファイルとフォルダーの書き込みの許可（読み取り専用の設定、USB メモリの書き込み禁止スイッチ）を確認してください。")]
    ReadOnly(PathBuf),
    /// A constraint refused the change (a conflicting change made meanwhile, or a record that
    /// may no longer change).
    #[error("同時に行われた別の変更とぶつかったため、保存しませんでした（{0}）。画面を読み込み直してから、もう一度実行してください。")]
    Conflict(String),
    #[error("データベースの処理に失敗しました: {0}")]
    Sql(rusqlite::Error),
    #[error("スキーマの更新に失敗しました: {0}")]
    Migration(String),
    #[error("{0}")]
    Credentials(#[from] crate::credentials::CredentialError),
    #[error("鍵の処理に失敗しました: {0}")]
    Crypto(&'static str),
}

/// The kind of an SQLite failure, by its error code: what a clerk is told depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SqliteFailure {
    Busy,
    DiskFull,
    ReadOnly,
    Constraint,
    Corrupt,
    Other,
}

fn sqlite_failure(e: &rusqlite::Error) -> SqliteFailure {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => SqliteFailure::Busy,
        Some(C::DiskFull) => SqliteFailure::DiskFull,
        Some(C::ReadOnly | C::CannotOpen | C::PermissionDenied) => SqliteFailure::ReadOnly,
        Some(C::ConstraintViolation) => SqliteFailure::Constraint,
        Some(C::DatabaseCorrupt | C::NotADatabase) => SqliteFailure::Corrupt,
        _ => SqliteFailure::Other,
    }
}

impl From<rusqlite::Error> for StoreError {
    /// Sorts SQLite's failures by code: only damaged bytes are an integrity failure; a busy
    /// database, a full disk, a read-only file and a refused constraint each say what to do.
    fn from(e: rusqlite::Error) -> Self {
        StoreError::from_sqlite(e, None)
    }
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        match source.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                StoreError::DiskFull(path.display().to_string())
            }
            std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => {
                StoreError::ReadOnly(path)
            }
            _ => StoreError::Io { path, source },
        }
    }

    /// An SQLite failure on the vault at `vault` (when known): a read-only failure names the
    /// file or folder that cannot be written.
    pub(crate) fn from_sqlite(e: rusqlite::Error, vault: Option<&Path>) -> Self {
        match sqlite_failure(&e) {
            SqliteFailure::Busy => StoreError::Busy,
            SqliteFailure::DiskFull => StoreError::DiskFull(
                vault
                    .map(|v| v.display().to_string())
                    .unwrap_or_else(|| "記録ファイルのあるディスク".into()),
            ),
            SqliteFailure::ReadOnly => StoreError::ReadOnly(
                vault
                    .map(|v| crate::paths::first_unwritable(v).unwrap_or_else(|| v.to_owned()))
                    .unwrap_or_else(|| PathBuf::from("記録ファイル")),
            ),
            SqliteFailure::Constraint => StoreError::Conflict(e.to_string()),
            SqliteFailure::Corrupt | SqliteFailure::Other => StoreError::Sql(e),
        }
    }

    /// Adds the vault's path to a failure that names no file.
    pub(crate) fn at_vault(self, vault: &Path) -> Self {
        match self {
            StoreError::Sql(e) => StoreError::from_sqlite(e, Some(vault)),
            StoreError::ReadOnly(p) if p.as_os_str() == "記録ファイル" => {
                StoreError::ReadOnly(
                    crate::paths::first_unwritable(vault).unwrap_or_else(|| vault.to_owned()),
                )
            }
            StoreError::DiskFull(_) => StoreError::DiskFull(vault.display().to_string()),
            other => other,
        }
    }

    /// True when the stored bytes are damaged or altered (as opposed to a usage problem).
    pub fn is_integrity_failure(&self) -> bool {
        matches!(
            self,
            StoreError::NotAVault(_)
                | StoreError::Corrupt(_)
                | StoreError::BadKeyFile { .. }
                | StoreError::BadBackup(_)
        ) || matches!(self, StoreError::Sql(e) if is_corruption(e))
    }

    /// True when trying again later may succeed (another writer held the vault).
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Busy)
    }
}

/// SQLite's own words for "these bytes are not what was written".
pub(crate) fn is_corruption(e: &rusqlite::Error) -> bool {
    sqlite_failure(e) == SqliteFailure::Corrupt
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constraint_error() -> rusqlite::Error {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (v INTEGER UNIQUE); INSERT INTO t VALUES (1);")
            .unwrap();
        conn.execute("INSERT INTO t VALUES (1)", []).unwrap_err()
    }

    #[test]
    fn a_refused_constraint_is_a_conflict_not_tampering() {
        let e = StoreError::from(constraint_error());
        assert!(matches!(e, StoreError::Conflict(_)), "{e:?}");
        assert!(!e.is_integrity_failure());
        assert!(e.to_string().contains("もう一度"), "{e}");
    }

    #[test]
    fn a_full_disk_and_a_read_only_folder_name_themselves() {
        let full = StoreError::io(
            "/x/office.kiroku.keys",
            std::io::Error::from(std::io::ErrorKind::StorageFull),
        );
        assert!(matches!(full, StoreError::DiskFull(_)));
        assert!(full.to_string().contains("ディスクの空きがありません"));
        let ro = StoreError::io(
            "/x/office.kiroku.keys",
            std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem),
        );
        assert!(ro.to_string().contains("/x/office.kiroku.keys"), "{ro}");
        assert!(!ro.is_integrity_failure() && !full.is_integrity_failure());
    }
}
