//! Opening a printed PDF in the operating system's viewer (no plugin, no network).

use std::path::Path;
use std::process::Command;

use kiroku_api::{ApiError, ErrorBody};

use crate::state::Reply;

fn refused(e: &std::io::Error) -> ErrorBody {
    ApiError::Io(format!(
        "PDF を開けませんでした（{e}）。保存先のファイルを直接開いてください。"
    ))
    .body()
}

pub fn open(path: &Path) -> Reply<()> {
    let mut cmd = if cfg!(target_os = "windows") {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        Command::new("open")
    } else {
        Command::new("xdg-open")
    };
    cmd.arg(path).spawn().map(drop).map_err(|e| refused(&e))
}
