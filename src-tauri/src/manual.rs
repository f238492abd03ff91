//! 「ヘルプ」: the 操作マニュアル (`docs/操作マニュアル.pdf`, built by `kiroku manual`) opened in
//! the OS's PDF viewer. Where it is looked for, in order: the app's resources (the Linux
//! package, `bundle.resources` in tauri.conf.json), the executable's folder (the Windows
//! installer and zip put it beside `kiroku-app.exe`), then in a development or end-to-end
//! build the repository's `docs/` (above the executable, or where the app was compiled).

use std::path::{Path, PathBuf};

use kiroku_api::ApiError;
use tauri::Manager;

use crate::state::Reply;

/// The manual's file name, in the resources, beside the executable and in `docs/`.
pub const MANUAL_FILE: &str = "操作マニュアル.pdf";

/// The places the manual may be, most likely first.
fn candidates(resources: Option<PathBuf>, exe: Option<PathBuf>) -> Vec<PathBuf> {
    let mut places: Vec<PathBuf> = resources.into_iter().map(|d| d.join(MANUAL_FILE)).collect();
    let exe_dir = exe.as_deref().and_then(Path::parent).map(Path::to_path_buf);
    places.extend(exe_dir.iter().map(|d| d.join(MANUAL_FILE)));
    if cfg!(debug_assertions) {
        // target/debug/kiroku-app → <repo>/docs, or the workspace this binary was built from.
        places.extend(
            exe_dir
                .iter()
                .flat_map(|d| d.ancestors())
                .map(|d| d.join("docs").join(MANUAL_FILE)),
        );
        places.push(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("docs")
                .join(MANUAL_FILE),
        );
    }
    places
}

/// The first of `places` that is a file.
fn first_file(places: &[PathBuf]) -> Option<&PathBuf> {
    places.iter().find(|p| p.is_file())
}

/// Where the manual is, or why it is not found (in Japanese).
pub fn find(app: &tauri::AppHandle) -> Reply<PathBuf> {
    let places = candidates(app.path().resource_dir().ok(), std::env::current_exe().ok());
    first_file(&places).cloned().ok_or_else(|| {
        ApiError::NotFound(format!(
            "操作マニュアル（{MANUAL_FILE}）が見つかりません。Kiroku を入れ直すか、情報システム担当者に連絡してください。"
        ))
        .body()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resources_come_first_then_the_executables_folder() {
        let dir = std::env::temp_dir().join(format!("kiroku-manual-find-{}", std::process::id()));
        let (res, bin) = (dir.join("res"), dir.join("bin"));
        std::fs::create_dir_all(&res).unwrap();
        std::fs::create_dir_all(&bin).unwrap();
        let places = candidates(Some(res.clone()), Some(bin.join("kiroku-app.exe")));
        assert_eq!(places[0], res.join(MANUAL_FILE));
        assert_eq!(places[1], bin.join(MANUAL_FILE));
        std::fs::write(bin.join(MANUAL_FILE), b"%PDF").unwrap();
        assert_eq!(first_file(&places), Some(&bin.join(MANUAL_FILE)));
        std::fs::write(res.join(MANUAL_FILE), b"%PDF").unwrap();
        assert_eq!(first_file(&places), Some(&res.join(MANUAL_FILE)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
