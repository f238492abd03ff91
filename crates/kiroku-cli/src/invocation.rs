//! The command line as typed, checked before it is parsed: every argument and every environment
//! value that can reach a message, a file name or the audit log must be readable text (UTF-8) and
//! must hold no 個人番号 (a mistyped number in `backup --out` would become a file name and an
//! audit row; in `--user`, a prompt).

use std::ffi::OsString;

use crate::output::Failure;

/// The environment variables whose values the command line reads as text. Passwords and the
/// recovery code are not here: they are never echoed, stored or logged.
pub const TEXT_VARIABLES: &[&str] = &["KIROKU_VAULT", "KIROKU_USER"];

const NOT_A_MY_NUMBER: &str = "個人番号（マイナンバー）と思われる12桁の数字が含まれています。個人番号はファイル名・利用者ID・件数などにも使えません。番号を消して打ち直してください。";

/// Refuses the invocation when an argument (after the program name) or a text variable is not
/// UTF-8 (exit 2) or looks like it holds a 個人番号 (exit 1). Neither message repeats the value.
pub fn check(
    args: impl IntoIterator<Item = OsString>,
    var: impl Fn(&str) -> Option<OsString>,
) -> Result<(), Failure> {
    for (index, arg) in args.into_iter().enumerate().skip(1) {
        let Some(text) = arg.to_str() else {
            return Err(Failure::Usage(format!(
                "{index} 番目の引数が文字化けしています（UTF-8 ではありません）。端末の文字コードを UTF-8 にして打ち直してください。"
            )));
        };
        if kiroku_core::guard::find_my_number(text).is_some() {
            return Err(refused("コマンドの引数"));
        }
    }
    for name in TEXT_VARIABLES {
        let Some(value) = var(name) else { continue };
        let Some(text) = value.to_str() else {
            return Err(Failure::Usage(format!(
                "環境変数 {name} の値が文字化けしています（UTF-8 ではありません）。UTF-8 で設定し直してください。"
            )));
        };
        if kiroku_core::guard::find_my_number(text).is_some() {
            return Err(refused(match *name {
                "KIROKU_VAULT" => "環境変数 KIROKU_VAULT",
                _ => "環境変数 KIROKU_USER",
            }));
        }
    }
    Ok(())
}

fn refused(field: &'static str) -> Failure {
    Failure::Api(kiroku_api::ApiError::Invalid(kiroku_core::FieldError::new(
        field,
        NOT_A_MY_NUMBER,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        std::iter::once("kiroku")
            .chain(list.iter().copied())
            .map(OsString::from)
            .collect()
    }

    fn no_env(_: &str) -> Option<OsString> {
        None
    }

    #[test]
    fn a_number_in_a_file_name_or_a_count_is_refused_without_echo() {
        for list in [
            &["backup", "--out", "528473910645.bak"][..],
            &["audit", "list", "--limit", "528473910645"][..],
            &["--user=5284-7391-0645", "status"][..],
        ] {
            let Err(Failure::Api(e)) = check(args(list), no_env) else {
                panic!("{list:?} was let through");
            };
            assert!(!e.to_string().contains("528473910645"), "{e}");
            assert!(e.to_string().contains("個人番号"), "{e}");
        }
    }

    #[test]
    fn ordinary_arguments_and_the_program_name_pass() {
        assert!(check(
            args(&["event", "list", "--fy", "2025", "--limit", "20"]),
            no_env
        )
        .is_ok());
        // A 法人番号 (13 digits) is not a 個人番号.
        assert!(check(
            args(&["contractor", "add", "--name", "1234567890123"]),
            no_env
        )
        .is_ok());
        let mut with_number_as_program = args(&[]);
        with_number_as_program[0] = OsString::from("/opt/528473910645/kiroku");
        assert!(check(with_number_as_program, no_env).is_ok());
    }

    #[test]
    fn a_number_in_the_user_or_vault_variable_is_refused() {
        let env = |name: &str| (name == "KIROKU_USER").then(|| OsString::from("528473910645"));
        let Err(Failure::Api(e)) = check(args(&["status"]), env) else {
            panic!("KIROKU_USER was let through");
        };
        assert!(e.to_string().contains("KIROKU_USER"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn text_that_is_not_utf8_gets_a_japanese_message() {
        use std::os::unix::ffi::OsStringExt;
        let mut list = args(&["person", "add", "--name"]);
        list.push(OsString::from_vec(vec![0x8e, 0x52, 0x93, 0x63])); // 山田 in Shift_JIS
        let Err(Failure::Usage(m)) = check(list, no_env) else {
            panic!("not refused as usage");
        };
        assert!(m.contains("4 番目の引数") && m.contains("UTF-8"), "{m}");
        let env = |name: &str| (name == "KIROKU_VAULT").then(|| OsString::from_vec(vec![0xff]));
        let Err(Failure::Usage(m)) = check(args(&["status"]), env) else {
            panic!("not refused as usage");
        };
        assert!(m.contains("KIROKU_VAULT"), "{m}");
    }
}
