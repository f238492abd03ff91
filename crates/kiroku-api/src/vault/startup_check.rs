//! `kiroku-app --check`: what the desktop app finds before it opens its window — where the
//! vault is and why, whether its folder can be written, whether the vault and its key file are
//! there and readable, and whether the OS credential store answers. No password is asked, the
//! database is not opened and nothing is written (but the vault's folder, which the app makes
//! at start-up anyway).

use std::path::Path;

use kiroku_store::credentials::CredentialError;
use kiroku_store::paths;
use kiroku_store::slots::KeySlots;

use crate::Env;

/// One line of the check: what was looked at, what was found, and whether the app can go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
    pub label: &'static str,
    pub found: String,
    pub ok: bool,
}

/// Every line of the check, in the order they are shown.
#[derive(Debug, Clone, Default)]
pub struct StartupCheck {
    pub lines: Vec<CheckLine>,
}

impl StartupCheck {
    pub fn push(&mut self, label: &'static str, found: impl Into<String>, ok: bool) {
        self.lines.push(CheckLine {
            label,
            found: found.into(),
            ok,
        });
    }

    /// Whether every line is fine.
    pub fn ok(&self) -> bool {
        self.lines.iter().all(|l| l.ok)
    }

    /// The report as shown: one line each, 「OK」 or 「要確認」 first.
    pub fn render(&self) -> String {
        self.lines
            .iter()
            .map(|l| {
                let mark = if l.ok { "OK    " } else { "要確認" };
                format!("[{mark}] {}: {}\n", l.label, l.found)
            })
            .collect()
    }
}

/// Checks the vault at `vault` (chosen by `chosen_by`, e.g. 「既定」 or 「--vault」) and the
/// credential store of `env`.
pub fn startup_check(env: &Env, vault: &Path, chosen_by: &str) -> StartupCheck {
    let mut check = StartupCheck::default();
    check.push(
        "記録ファイルの場所",
        format!("{} （{chosen_by}）", vault.display()),
        true,
    );

    let folder = paths::folder_of(vault);
    match std::fs::create_dir_all(&folder) {
        Err(e) => check.push(
            "フォルダー",
            format!("{} を作れません（{e}）", folder.display()),
            false,
        ),
        Ok(()) => match paths::first_unwritable(vault) {
            Some(p) => check.push(
                "フォルダー",
                format!("{} に書き込めません（読み取り専用）", p.display()),
                false,
            ),
            None => check.push(
                "フォルダー",
                format!("{} （書き込めます）", folder.display()),
                true,
            ),
        },
    }

    let keys_path = paths::keys_file(vault);
    let mut keys: Option<KeySlots> = None;
    match (vault.is_file(), keys_path.is_file()) {
        (false, false) => check.push(
            "記録ファイル",
            "まだありません（起動すると、はじめの設定の画面が出ます）",
            true,
        ),
        (true, false) => check.push(
            "記録ファイル",
            format!(
                "あります。ただし鍵のファイル {} がありません（記録ファイルと同じフォルダーに置いてください）",
                keys_path.display()
            ),
            false,
        ),
        (false, true) => check.push(
            "記録ファイル",
            format!(
                "ありません。鍵のファイル {} だけがあります（記録ファイルを同じフォルダーに戻してください）",
                keys_path.display()
            ),
            false,
        ),
        (true, true) => match KeySlots::load(&keys_path) {
            Ok(k) => {
                let bytes = std::fs::metadata(vault).map(|m| m.len()).unwrap_or(0);
                check.push(
                    "記録ファイル",
                    format!(
                        "あります（{} KB、鍵のファイルも読めます: 利用者 {} 人分の鍵、{}）",
                        bytes.div_ceil(1024),
                        k.slots
                            .iter()
                            .filter(|s| {
                                matches!(s.owner, kiroku_store::slots::SlotOwner::User(_))
                            })
                            .count(),
                        if k.device_bound() {
                            "この PC の端末鍵と組み合わせて保護"
                        } else {
                            "パスワードだけで保護"
                        }
                    ),
                    true,
                );
                keys = Some(k);
            }
            Err(e) => check.push("記録ファイル", format!("鍵のファイルを読めません: {e}"), false),
        },
    }

    let store = env.credentials.name();
    if store == "なし" {
        check.push(
            "資格情報ストア",
            "使わない設定です（KIROKU_CREDENTIAL_STORE=none: パスワードだけで保護）",
            keys.as_ref().is_none_or(|k| !k.device_bound()),
        );
        return check;
    }
    // The vault's own entry when there is a vault, else an entry nobody writes: either way a
    // read that says whether the store answers, and writes nothing.
    let account = keys
        .as_ref()
        .map(|k| k.vault_id.clone())
        .unwrap_or_else(|| "kiroku-startup-check".into());
    let bound = keys.as_ref().is_some_and(|k| k.device_bound());
    match env.credentials.get(&account) {
        Ok(Some(_)) => check.push(
            "資格情報ストア",
            format!("{store} を使えます（この記録ファイルの端末鍵があります）"),
            true,
        ),
        Ok(None) if bound => check.push(
            "資格情報ストア",
            format!(
                "{store} を使えますが、この記録ファイルの端末鍵がありません（別の PC で作られた記録ファイルです。バックアップと復旧用キーで復元してください）"
            ),
            false,
        ),
        Ok(None) => check.push("資格情報ストア", format!("{store} を使えます"), true),
        Err(CredentialError::Unavailable(why)) => check.push(
            "資格情報ストア",
            format!(
                "{store} を使えません（{why}）。{}",
                if bound {
                    "この記録ファイルは端末鍵が必要なので、開けません"
                } else {
                    "新しい記録ファイルはパスワードだけで保護されます"
                }
            ),
            !bound,
        ),
    }
    check
}

/// Where the desktop app keeps its vault when none is named: on Windows
/// `%LOCALAPPDATA%\Kiroku\office.kiroku` (this PC's, never synced or redirected: see
/// [`kiroku_store::paths::default_vault`]), elsewhere `$XDG_DATA_HOME/kiroku/office.kiroku`.
pub fn default_vault_path() -> std::path::PathBuf {
    paths::default_vault(cfg!(windows), &|name| std::env::var_os(name))
}
