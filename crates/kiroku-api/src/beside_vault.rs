//! Files the app writes without asking where: in a folder beside the vault, named after what
//! they are and the moment (JST), e.g. `記録票/特定個人情報管理台帳_20260401-093000.pdf`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::ApiError;

/// `<vault's folder>/<folder>/<name>_<YYYYmmdd-HHMMSS>.<ext>`, the folder created if needed.
pub(crate) fn file_beside_vault(
    vault: &Path,
    folder: &str,
    name: &str,
    ext: &str,
    now: DateTime<Utc>,
) -> Result<PathBuf, ApiError> {
    let dir = vault
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(folder);
    std::fs::create_dir_all(&dir)
        .map_err(|e| ApiError::Io(format!("{folder}の保存先フォルダを作れません（{e}）。")))?;
    let stamp = now
        .with_timezone(&kiroku_core::wareki::jst())
        .format("%Y%m%d-%H%M%S");
    Ok(dir.join(format!("{name}_{stamp}.{ext}")))
}
