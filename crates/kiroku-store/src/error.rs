use std::path::PathBuf;

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
    #[error("データベースの処理に失敗しました: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("スキーマの更新に失敗しました: {0}")]
    Migration(String),
    #[error("{0}")]
    Credentials(#[from] crate::credentials::CredentialError),
    #[error("鍵の処理に失敗しました: {0}")]
    Crypto(&'static str),
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
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
}

/// SQLite's own words for "these bytes are not what was written".
pub(crate) fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}
