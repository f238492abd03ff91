//! Opening a printed PDF or an exported list (xlsx, CSV) in the operating system's program for it (no plugin, no network, no shell).

use std::path::Path;

use kiroku_api::{ApiError, ErrorBody};

use crate::state::Reply;

fn refused(e: &dyn std::fmt::Display) -> ErrorBody {
    ApiError::Io(format!(
        "ファイルを開けませんでした（{e}）。保存先のファイルを直接開いてください。"
    ))
    .body()
}

/// Windows: `ShellExecuteW` with the "open" verb (through `opener`), so the path reaches the
/// default viewer as one argument and is never read by `cmd.exe`.
#[cfg(windows)]
pub fn open(path: &Path) -> Reply<()> {
    opener::open(path).map_err(|e| refused(&e))
}

#[cfg(not(windows))]
pub fn open(path: &Path) -> Reply<()> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(path)
        .spawn()
        .map(drop)
        .map_err(|e| refused(&e))
}
