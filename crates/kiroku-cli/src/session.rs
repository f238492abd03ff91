//! Logging in for one command: the vault and user from the global options, the password from the
//! environment or a prompt, the login's notices on stderr, and the logout afterwards.

use kiroku_api::{Env, LoginOptions, Session};
use std::path::PathBuf;

use crate::global::Global;
use crate::output::{local, notice, Failure};
use crate::{secrets, system};

pub fn vault_path(cli: &Global) -> Result<PathBuf, Failure> {
    cli.vault.clone().ok_or_else(|| {
        Failure::Usage(
            "記録ファイルを --vault で指定するか、環境変数 KIROKU_VAULT を設定してください。"
                .into(),
        )
    })
}

/// Logs in as `--user` (or the first officer) with the password from the environment or a prompt.
pub fn login(cli: &Global, env: &Env) -> Result<Session, Failure> {
    let vault = vault_path(cli)?;
    let user = match &cli.user {
        Some(u) => u.clone(),
        None => kiroku_api::default_user(&vault)?,
    };
    let password = secrets::password(&user)?;
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
    let env = system::env();
    let mut session = login(cli, &env)?;
    let value = f(&mut session)?;
    session.logout()?;
    Ok(value)
}
