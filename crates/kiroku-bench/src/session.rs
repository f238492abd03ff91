//! Logging in as `kiroku` does: the vault and user from the options, the password from
//! `KIROKU_PASSWORD` or a hidden prompt, the login's notices on stderr, the logout afterwards.

use clap::Args;
use kiroku_api::{Env, LoginOptions, Session};
use std::path::PathBuf;
use zeroize::Zeroizing;

use crate::output::{local, notice, Failure};

#[derive(Debug, Args)]
pub struct Global {
    /// 記録ファイル（*.kiroku）。既定は環境変数 KIROKU_VAULT。
    #[arg(long, global = true, env = "KIROKU_VAULT")]
    pub vault: Option<PathBuf>,
    /// ログインするユーザーID。既定は KIROKU_USER、なければ init で作った責任者。
    #[arg(long, global = true, env = "KIROKU_USER")]
    pub user: Option<String>,
    /// 結果を JSON で標準出力に出す。
    #[arg(long, global = true)]
    pub json: bool,
    /// 監査ログの記録より古い記録ファイル（意図して戻したコピー）を、事務取扱責任者が承知のうえで開く。
    #[arg(long, global = true)]
    pub accept_older_vault: bool,
}

fn vault_path(cli: &Global) -> Result<PathBuf, Failure> {
    cli.vault.clone().ok_or_else(|| {
        Failure::Usage(
            "記録ファイルを --vault で指定するか、環境変数 KIROKU_VAULT を設定してください。"
                .into(),
        )
    })
}

/// The logging-in user's password: `KIROKU_PASSWORD`, else a hidden prompt.
fn password(user: &str) -> Result<Zeroizing<String>, Failure> {
    const VAR: &str = "KIROKU_PASSWORD";
    match std::env::var(VAR) {
        Ok(v) => return Ok(Zeroizing::new(v)),
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(Failure::Usage(format!(
                "環境変数 {VAR} の値が文字化けしています（UTF-8 ではありません）。UTF-8 で設定し直してください。"
            )))
        }
        Err(std::env::VarError::NotPresent) => {}
    }
    rpassword::prompt_password(format!("{user} のパスワード: "))
        .map(Zeroizing::new)
        .map_err(|_| {
            Failure::NoSecret(format!(
                "{user} のパスワード: 環境変数 {VAR} を設定するか、端末から実行して入力してください。"
            ))
        })
}

/// Logs in as `--user` (or the first officer) with the password from the environment or a prompt.
pub fn login(cli: &Global, env: &Env) -> Result<Session, Failure> {
    let vault = vault_path(cli)?;
    let user = match &cli.user {
        Some(u) => u.clone(),
        None => kiroku_api::default_user(&vault)?,
    };
    let password = password(&user)?;
    let options = LoginOptions {
        accept_older_vault: cli.accept_older_vault,
    };
    let (session, report) = kiroku_api::login_with(env, &vault, &user, &password, options)?;
    if let Some(f) = report.failed_logins {
        notice(&format!(
            "前回のログイン以降、{} 回ログインに失敗しています（{} 〜 {}）。心当たりがなければ事務取扱責任者に報告してください。",
            f.count,
            local(f.first),
            local(f.last)
        ));
    }
    for warning in &report.warnings {
        notice(warning);
    }
    Ok(session)
}

/// Runs `f` in a logged-in session, then records the logout.
pub fn with_session<T>(
    cli: &Global,
    f: impl FnOnce(&mut Session) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let env = Env::system();
    let mut session = login(cli, &env)?;
    let value = f(&mut session)?;
    session.logout()?;
    Ok(value)
}
