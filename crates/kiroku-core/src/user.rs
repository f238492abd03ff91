//! Users of the vault: a distinct ID and password per person (001 第14条(3)(7), 002 第23条).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::field::{optional_text, required_name, FieldError};

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 事務取扱責任者: manages users, rules and evaluations; handles data.
    Officer,
    /// 事務取扱担当者: records handling events.
    Clerk,
    /// 監査責任者 / 監事: reads everything, writes nothing.
    Auditor,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Officer, Role::Clerk, Role::Auditor];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Clerk => "clerk",
            Role::Auditor => "auditor",
        }
    }

    /// The Japanese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Role::Officer => "事務取扱責任者",
            Role::Clerk => "事務取扱担当者",
            Role::Auditor => "監査責任者",
        }
    }

    /// Only clerks and the officer handle data (DOMAIN.md §7).
    pub fn may_write_records(self) -> bool {
        matches!(self, Role::Officer | Role::Clerk)
    }

    pub fn may_manage_users(self) -> bool {
        self == Role::Officer
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim() || r.label() == s.trim())
            .ok_or_else(|| {
                FieldError::new(
                    "権限",
                    "officer（事務取扱責任者）、clerk（事務取扱担当者）、auditor（監査責任者）のいずれかを指定してください。",
                )
            })
    }
}

/// A login ID: 1–32 characters of a–z, 0–9, `.`, `_`, `-`, starting with a letter or digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LoginId(String);

impl LoginId {
    pub fn parse(value: &str) -> Result<Self, FieldError> {
        let v = value.trim();
        let field = "ユーザーID";
        if v.is_empty() {
            return Err(FieldError::new(field, "入力してください。"));
        }
        // An ID is echoed in messages and kept in the failed-login counter: never a 個人番号.
        crate::guard::check_field(field, v)?;
        if v.len() > 32 {
            return Err(FieldError::new(field, "32文字以内にしてください。"));
        }
        let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
        let first_ok = v
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !first_ok || !v.chars().all(ok_char) {
            return Err(FieldError::new(
                field,
                "半角の英小文字・数字と . _ - だけで、英小文字か数字で始めてください（例: yamada）。",
            ));
        }
        Ok(Self(v.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LoginId {
    type Error = FieldError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        LoginId::parse(&value)
    }
}

impl From<LoginId> for String {
    fn from(id: LoginId) -> Self {
        id.0
    }
}

impl fmt::Display for LoginId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is registered about a user (000 第5条3項): 氏名, 所属部署, 業務内容.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserProfile {
    /// 氏名
    pub name: String,
    /// 所属部署
    pub dept: Option<String>,
    /// 業務内容
    pub duties: Option<String>,
}

impl UserProfile {
    pub fn parse(name: &str, dept: &str, duties: &str) -> Result<Self, FieldError> {
        Ok(Self {
            name: required_name("氏名", name, 50)?,
            dept: optional_text("所属", dept, 50)?,
            duties: optional_text("業務内容", duties, 200)?,
        })
    }
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Checks a new password: at least [`MIN_PASSWORD_CHARS`] characters, not only spaces.
pub fn check_new_password(password: &str) -> Result<(), FieldError> {
    let field = "パスワード";
    if password.trim().is_empty() {
        return Err(FieldError::new(field, "入力してください。"));
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            format!("{MIN_PASSWORD_CHARS}文字以上にしてください。"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("yamada")]
    #[case("t.sato-2")]
    #[case("0officer")]
    fn accepts_plain_login_ids(#[case] id: &str) {
        assert_eq!(LoginId::parse(id).unwrap().as_str(), id);
    }

    #[rstest]
    #[case("")]
    #[case("Yamada")]
    #[case("山田")]
    #[case("-x")]
    #[case("a b")]
    #[case("abcdefghijabcdefghijabcdefghijabc")]
    fn refuses_other_login_ids_naming_the_field(#[case] id: &str) {
        let err = LoginId::parse(id).unwrap_err();
        assert_eq!(err.field, "ユーザーID");
    }

    #[test]
    fn roles_parse_from_identifier_or_japanese_label() {
        assert_eq!("clerk".parse::<Role>().unwrap(), Role::Clerk);
        assert_eq!("事務取扱責任者".parse::<Role>().unwrap(), Role::Officer);
        assert_eq!("admin".parse::<Role>().unwrap_err().field, "権限");
    }

    #[test]
    fn only_officer_and_clerk_write() {
        assert!(Role::Officer.may_write_records());
        assert!(Role::Clerk.may_write_records());
        assert!(!Role::Auditor.may_write_records());
        assert!(!Role::Clerk.may_manage_users());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_new_password("1234567").is_err());
        assert!(check_new_password("        ").is_err());
        assert!(check_new_password("ひみつのあいことば").is_ok());
    }
}
