//! The command line as typed, checked before it is parsed: every argument and every environment
//! value that can reach a message, a file name or the audit log must be readable text (UTF-8) and
//! must hold no 個人番号 (a mistyped number in `backup --out` would become a file name and an
//! audit row; in `--user`, a prompt).
//!
//! Values of the options that fill a record's fields, and the positional IDs, are left to
//! `kiroku-api`, whose guard refuses them naming the field (「氏名: …」) exactly as it does for the
//! desktop app. Every other value — paths, counts, the user ID, anything not listed — is refused
//! here, naming its option.

use std::ffi::OsString;

use crate::output::Failure;

/// The environment variables whose values the command line reads as text. Passwords and the
/// recovery code are not here: they are never echoed, stored or logged.
pub const TEXT_VARIABLES: &[&str] = &["KIROKU_VAULT", "KIROKU_USER"];

/// Options whose values `kiroku-api` checks as named fields (texts, choices, dates, IDs).
const FIELD_OPTIONS: &[&str] = &[
    "affair",
    "answer",
    "approved",
    "base-date",
    "base-hint",
    "basis",
    "certificate",
    "certificate-no",
    "clerk",
    "content",
    "contract",
    "contractor",
    "correction-reason",
    "data",
    "date",
    "dependent",
    "dept",
    "disposal",
    "doc",
    "doc-base-date",
    "doc-name",
    "doc-rule",
    "duties",
    "early-reason",
    "eval",
    "file",
    "files",
    "handlers",
    "id",
    "improve",
    "kind",
    "leak-2y",
    "location",
    "manager",
    "measures",
    "medium",
    "method",
    "name",
    "no",
    "note",
    "officer",
    "org",
    "owner",
    "parent",
    "pattern",
    "person",
    "pmark",
    "pmark-expiry",
    "purpose",
    "reason",
    "relation",
    "requester",
    "retention",
    "role",
    "rule",
    "scope",
    "sealed",
    "source",
    "start",
    "template",
    "to",
    "via",
    "witness",
    "work",
    "years",
];

/// Options that take no value: what follows them is a positional argument.
const FLAGS: &[&str] = &[
    "json",
    "electronic",
    "statute",
    "re",
    "accept-older-vault",
    "help",
    "version",
];

/// The option a value at `index` belongs to: `Some("out")` for `--out VALUE` or `--out=VALUE`,
/// `None` for a positional argument.
fn option_of(args: &[&str], index: usize) -> Option<String> {
    let arg = args[index];
    if let Some(named) = arg.strip_prefix("--") {
        return Some(named.split('=').next().unwrap_or(named).to_owned());
    }
    let previous = index.checked_sub(1).map(|i| args[i])?;
    let named = previous.strip_prefix("--")?;
    (!named.contains('=') && !FLAGS.contains(&named)).then(|| named.to_owned())
}

const NOT_A_MY_NUMBER: &str = "個人番号（マイナンバー）と思われる12桁の数字が含まれています。個人番号はファイル名・利用者ID・件数などにも使えません。番号を消して打ち直してください。";

/// Refuses the invocation when an argument (after the program name) or a text variable is not
/// UTF-8 (exit 2) or looks like it holds a 個人番号 (exit 1). Neither message repeats the value.
pub fn check(
    args: impl IntoIterator<Item = OsString>,
    var: impl Fn(&str) -> Option<OsString>,
) -> Result<(), Failure> {
    let args: Vec<OsString> = args.into_iter().collect();
    let mut texts = Vec::with_capacity(args.len());
    for (index, arg) in args.iter().enumerate().skip(1) {
        let Some(text) = arg.to_str() else {
            return Err(Failure::Usage(format!(
                "{index} 番目の引数が文字化けしています（UTF-8 ではありません）。端末の文字コードを UTF-8 にして打ち直してください。"
            )));
        };
        texts.push(text);
    }
    for index in 0..texts.len() {
        if kiroku_core::guard::find_my_number(texts[index]).is_none() {
            continue;
        }
        match option_of(&texts, index) {
            Some(option) if FIELD_OPTIONS.contains(&option.as_str()) => {}
            None => {}
            Some(option) => return Err(refused_option(&option)),
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

fn refused_option(option: &str) -> Failure {
    let field = match option {
        "vault" => "--vault",
        "user" => "--user",
        "out" => "--out",
        "from" => "--from",
        "limit" => "--limit",
        "persons-file" => "--persons-file",
        "recovery-pdf" => "--recovery-pdf",
        _ => "コマンドの引数",
    };
    refused(field)
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
    fn a_field_option_or_an_id_is_left_to_the_api_which_names_the_field() {
        for list in [
            &["person", "add", "--kind", "staff", "--name", "528473910645"][..],
            &["event", "show", "528473910645"][..],
            &["--json", "event", "add", "--note=528473910645"][..],
        ] {
            assert!(check(args(list), no_env).is_ok(), "{list:?}");
        }
        // An unknown option's value is refused here: safe by default.
        assert!(check(args(&["bench", "print", "--runs", "528473910645"]), no_env).is_err());
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
