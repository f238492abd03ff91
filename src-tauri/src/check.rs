//! `kiroku-app --check`: the start-up path without a window. It says where the vault is and
//! why, whether its folder can be written, whether the vault and its key file are there, whether
//! the OS credential store answers, and whether the web view the window needs is installed —
//! and exits. It asks no password and writes nothing but the vault's folder. It runs where the
//! window cannot be shown (Wine has no WebView2), so CI checks the Windows start-up path with it.
//!
//! Exit status: 0 the app can start; 1 something about the vault or the credential store needs
//! attention; 2 only the web view is missing (the window cannot be shown on this PC).

use std::path::Path;

use crate::webview;

pub fn run(vault: &Path, chosen_by: &str) -> i32 {
    let env = kiroku_api::Env::system();
    let mut check = kiroku_api::startup_check(&env, vault, chosen_by);
    let vault_ok = check.ok();
    let web = webview::version();
    let web_name = if cfg!(windows) {
        "Microsoft Edge WebView2"
    } else {
        "WebKitGTK"
    };
    match &web {
        Ok(v) => check.push("画面の部品", format!("{web_name} {v}"), true),
        Err(e) => check.push(
            "画面の部品",
            format!("{web_name} が見つかりません（{e}）。{}", webview::MISSING),
            false,
        ),
    }
    let verdict = match (vault_ok, web.is_ok()) {
        (true, true) => "起動できます。",
        (false, _) => "「要確認」の項目を直してから起動してください。",
        (true, false) => {
            "記録ファイルと資格情報ストアは使えますが、このパソコンでは画面を表示できません。"
        }
    };
    #[allow(clippy::print_stdout)]
    {
        println!(
            "Kiroku {} 起動前の確認（{} {}）\n{}結果: {verdict}",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH,
            check.render()
        );
    }
    match (vault_ok, web.is_ok()) {
        (true, true) => 0,
        (false, _) => 1,
        (true, false) => 2,
    }
}
