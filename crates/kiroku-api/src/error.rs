use kiroku_core::FieldError;
use kiroku_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// The kind of failure, for programs (the UI, scripts). Exit codes of the CLI follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// A field is invalid; `field` names it.
    InvalidInput,
    NotFound,
    AlreadyExists,
    /// Wrong password, unknown user, wrong recovery code, or no device secret on this PC.
    AuthFailed,
    /// Too many failed logins: wait before the next try.
    Locked,
    Disabled,
    /// The user's role does not allow this.
    Forbidden,
    /// The file is damaged or altered (vault, key file, backup, audit chain).
    Integrity,
    /// The vault file is older than the audit head recorded outside it (an older copy put back):
    /// only the officer may open it, knowingly (`accept_older_vault`).
    OlderVault,
    /// The disk or the operating system refused (a full disk, a read-only file or folder).
    Io,
    /// Another window or command was writing: nothing was saved, try again.
    Busy,
    /// A change made meanwhile conflicts with this one: nothing was saved, reload and retry.
    Conflict,
    /// A fault of the program itself (e.g. a form layout that does not fit its paper).
    Internal,
}

/// A use case's failure. Messages are Japanese, name the field and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Invalid(#[from] FieldError),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    AlreadyExists(String),
    #[error("{0}")]
    AuthFailed(String),
    #[error("ログインの失敗が続いたため、あと{seconds}秒お待ちください。")]
    Locked { seconds: i64 },
    #[error("ユーザー「{0}」は無効化されています。事務取扱責任者に連絡してください。")]
    Disabled(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Integrity(String),
    #[error("{0}")]
    OlderVault(String),
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Busy(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Invalid(_) => ErrorCode::InvalidInput,
            ApiError::NotFound(_) => ErrorCode::NotFound,
            ApiError::AlreadyExists(_) => ErrorCode::AlreadyExists,
            ApiError::AuthFailed(_) => ErrorCode::AuthFailed,
            ApiError::Locked { .. } => ErrorCode::Locked,
            ApiError::Disabled(_) => ErrorCode::Disabled,
            ApiError::Forbidden(_) => ErrorCode::Forbidden,
            ApiError::Integrity(_) => ErrorCode::Integrity,
            ApiError::OlderVault(_) => ErrorCode::OlderVault,
            ApiError::Io(_) => ErrorCode::Io,
            ApiError::Busy(_) => ErrorCode::Busy,
            ApiError::Conflict(_) => ErrorCode::Conflict,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code(),
            message: self.to_string(),
            field: match self {
                ApiError::Invalid(e) => Some(e.field.to_owned()),
                _ => None,
            },
        }
    }

    pub(crate) fn forbidden(what: &str) -> Self {
        ApiError::Forbidden(format!("{what}は事務取扱責任者だけが行えます。"))
    }
}

/// What crosses the boundary to the UI: `{code, message, field}`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
}

impl From<StoreError> for ApiError {
    /// Only damaged or altered bytes are an integrity failure (exit 4): a busy vault, a full
    /// disk, a read-only file and a refused constraint each say what to do, and never advise a
    /// restore that would lose recent records.
    fn from(e: StoreError) -> Self {
        if e.is_integrity_failure() {
            let message = match &e {
                StoreError::Sql(inner) => format!(
                    "記録ファイルが壊れているか改ざんされています（{inner}）。監査ログの検証（監査ログ、kiroku audit verify）で確認し、バックアップから復元（kiroku restore）してください。"
                ),
                other => other.to_string(),
            };
            return ApiError::Integrity(message);
        }
        let message = e.to_string();
        match e {
            StoreError::VaultNotFound(_) => ApiError::NotFound(message),
            StoreError::AlreadyExists(_) => ApiError::AlreadyExists(message),
            StoreError::Busy | StoreError::InUse(_) => ApiError::Busy(message),
            StoreError::Conflict(_) => ApiError::Conflict(message),
            StoreError::Io { .. } | StoreError::DiskFull(_) | StoreError::ReadOnly(_) => {
                ApiError::Io(message)
            }
            StoreError::Credentials(_) => ApiError::AuthFailed(message),
            StoreError::TooNew { .. } => ApiError::Internal(message),
            StoreError::Sql(inner) => ApiError::Internal(format!(
                "記録ファイルの処理で予期しないエラーが起きました（{inner}）。記録は保存されていません。もう一度実行し、続くときは開発元に連絡してください。"
            )),
            StoreError::Migration(_) | StoreError::Crypto(_) => ApiError::Internal(message),
            StoreError::NotAVault(_)
            | StoreError::Corrupt(_)
            | StoreError::BadKeyFile { .. }
            | StoreError::BadBackup(_) => ApiError::Integrity(message),
        }
    }
}

impl From<kiroku_forms::FormError> for ApiError {
    fn from(e: kiroku_forms::FormError) -> Self {
        ApiError::Internal(format!(
            "記録票を作成できません（{e}）。開発元に連絡してください。"
        ))
    }
}
