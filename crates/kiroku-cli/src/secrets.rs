//! Passwords and the recovery code: from the environment (scripts, tests) or a hidden prompt.

use zeroize::Zeroizing;

use crate::output::Failure;

fn from_env_or_prompt(var: &str, prompt: &str) -> Result<Zeroizing<String>, Failure> {
    match std::env::var(var) {
        Ok(v) => return Ok(Zeroizing::new(v)),
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(Failure::Usage(format!(
                "環境変数 {var} の値が文字化けしています（UTF-8 ではありません）。UTF-8 で設定し直してください。"
            )))
        }
        Err(std::env::VarError::NotPresent) => {}
    }
    rpassword::prompt_password(prompt)
        .map(Zeroizing::new)
        .map_err(|_| {
            Failure::NoSecret(format!(
                "{}: 環境変数 {var} を設定するか、端末から実行して入力してください。",
                prompt.trim_end_matches([':', ' ', '：'])
            ))
        })
}

/// The logging-in user's password.
pub fn password(user: &str) -> Result<Zeroizing<String>, Failure> {
    from_env_or_prompt("KIROKU_PASSWORD", &format!("{user} のパスワード: "))
}

/// A new password, typed twice when prompted.
pub fn new_password(whose: &str) -> Result<Zeroizing<String>, Failure> {
    if std::env::var_os("KIROKU_NEW_PASSWORD").is_some() {
        return from_env_or_prompt("KIROKU_NEW_PASSWORD", "");
    }
    let first = from_env_or_prompt(
        "KIROKU_NEW_PASSWORD",
        &format!("{whose} の新しいパスワード: "),
    )?;
    let again = from_env_or_prompt("KIROKU_NEW_PASSWORD", "もう一度入力してください: ")?;
    if *first != *again {
        return Err(Failure::Api(kiroku_api::ApiError::Invalid(
            kiroku_core::FieldError::new(
                "パスワード",
                "2回の入力が一致しません。もう一度やり直してください。",
            ),
        )));
    }
    Ok(first)
}

pub fn recovery_code() -> Result<Zeroizing<String>, Failure> {
    from_env_or_prompt(
        "KIROKU_RECOVERY_CODE",
        "復旧コード（印刷した復旧用キーの35文字）: ",
    )
}
