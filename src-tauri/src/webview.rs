//! The web view the window needs: on Windows the Microsoft Edge WebView2 runtime, which
//! Windows 11 has and some Windows 10 PCs lack. Without it the window would open empty, so the
//! app says what to install, in Japanese, and stops.

/// The installed web view's version, or why there is none.
pub fn version() -> Result<String, String> {
    tauri::webview_version().map_err(|e| e.to_string())
}

/// `Ok` when the window can be shown. Only Windows is checked: elsewhere the web view
/// (WebKitGTK) is a dependency of the package itself.
pub fn present() -> Result<(), String> {
    if cfg!(windows) {
        version().map(drop)
    } else {
        Ok(())
    }
}

/// What to do when the runtime is missing.
pub const MISSING: &str = "Kiroku の画面を表示するための「Microsoft Edge WebView2 ランタイム」が、このパソコンに見つかりません。\n\n\
Windows 11 には最初から入っています。Windows 10 では、Microsoft の「WebView2 ランタイム (Evergreen Standalone Installer)」を\
情報システム担当者から受け取ってインストールしてから、もう一度 Kiroku を起動してください。\n\n\
記録ファイルには何も変更していません。コマンド版 (kiroku.exe) は WebView2 なしで使えます。";

/// Tells the user (a message box on Windows, where the app has no console; stderr elsewhere).
pub fn tell_missing(why: &str) {
    #[cfg(windows)]
    {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Kiroku を起動できません")
            .set_description(format!("{MISSING}\n\n（詳細: {why}）"))
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{MISSING}\n（詳細: {why}）");
    }
}
