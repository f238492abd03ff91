//! 本人 and 扶養家族: the data subjects whose My Numbers are handled. Kiroku keeps who they
//! are (氏名, 所属 or 委託事業主) so the log can say whose number was handled — never the number.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::field::{optional_name, optional_text, required_name, required_text, FieldError};

/// Who the person is to the office (DOMAIN.md §3 identifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// 職員等
    Staff,
    /// 理事・役員
    Director,
    /// 組合議員
    Councillor,
    /// 第三者
    ThirdParty,
    /// 委託事業主の従業員
    EmployerStaff,
}

impl PersonKind {
    pub const ALL: [PersonKind; 5] = [
        PersonKind::Staff,
        PersonKind::Director,
        PersonKind::Councillor,
        PersonKind::ThirdParty,
        PersonKind::EmployerStaff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PersonKind::Staff => "staff",
            PersonKind::Director => "director",
            PersonKind::Councillor => "councillor",
            PersonKind::ThirdParty => "third_party",
            PersonKind::EmployerStaff => "employer_staff",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PersonKind::Staff => "職員等",
            PersonKind::Director => "理事・役員",
            PersonKind::Councillor => "組合議員",
            PersonKind::ThirdParty => "第三者",
            PersonKind::EmployerStaff => "委託事業主の従業員",
        }
    }
}

impl fmt::Display for PersonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PersonKind {
    type Err = FieldError;

    /// Accepts the identifier (a hyphen may stand for the underscore) or the Japanese label.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().replace('-', "_");
        PersonKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s || k.label() == s)
            .ok_or_else(|| {
                FieldError::new(
                    "種別",
                    "staff（職員等）、director（理事・役員）、councillor（組合議員）、third_party（第三者）、employer_staff（委託事業主の従業員）のいずれかを指定してください。",
                )
            })
    }
}

/// A person's details as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetails {
    pub kind: PersonKind,
    /// 氏名
    pub name: String,
    /// 所属
    pub dept: Option<String>,
    /// 委託事業主名 (for 委託事業主の従業員)
    pub employer: Option<String>,
    /// フリガナ: the reading to find the person by (katakana; optional).
    pub kana: Option<String>,
    /// 社員番号 (職員番号): the payroll's code, which an import matches rows on.
    pub staff_no: Option<String>,
    /// 生年月日: with 氏名, what an import matches rows on when there is no 社員番号.
    pub born_on: Option<chrono::NaiveDate>,
}

impl PersonDetails {
    pub fn parse(kind: &str, name: &str, dept: &str, employer: &str) -> Result<Self, FieldError> {
        let kind: PersonKind = kind.parse()?;
        let employer = optional_name("委託事業主名", employer, 100)?;
        if kind == PersonKind::EmployerStaff && employer.is_none() {
            return Err(FieldError::new(
                "委託事業主名",
                "委託事業主の従業員には、委託事業主名を入力してください。",
            ));
        }
        Ok(Self {
            kind,
            name: required_name("氏名", name, 50)?,
            dept: optional_text("所属", dept, 50)?,
            employer,
            kana: None,
            staff_no: None,
            born_on: None,
        })
    }

    /// The same details with their 社員番号 (full-width digits made ASCII; empty: none).
    pub fn with_staff_no(mut self, staff_no: &str) -> Result<Self, FieldError> {
        use unicode_normalization::UnicodeNormalization;
        let code: String = staff_no.nfkc().collect();
        self.staff_no = optional_text("社員番号", code.trim(), 20)?;
        Ok(self)
    }

    /// The same details with their 生年月日.
    #[must_use]
    pub fn with_born_on(mut self, born_on: Option<chrono::NaiveDate>) -> Self {
        self.born_on = born_on;
        self
    }

    /// The same details with their フリガナ (hiragana and half-width kana are written as
    /// full-width katakana; an empty text means none).
    pub fn with_kana(mut self, kana: &str) -> Result<Self, FieldError> {
        self.kana = furigana(kana)?;
        Ok(self)
    }
}

/// フリガナ as entered → full-width katakana, spaces kept single; only kana, the long-vowel
/// mark, 「・」 and spaces are accepted.
pub fn furigana(text: &str) -> Result<Option<String>, FieldError> {
    use unicode_normalization::UnicodeNormalization;
    let Some(text) = optional_text("フリガナ", text, 50)? else {
        return Ok(None);
    };
    let mut out = String::new();
    for c in text.nfkc() {
        let c = match c {
            // ひらがな → カタカナ (the blocks are 0x60 apart).
            'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        };
        match c {
            'ァ'..='ヺ' | 'ー' | '・' | 'ヽ' | 'ヾ' => out.push(c),
            ' ' | '\u{3000}' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            _ => {
                return Err(FieldError::new(
                    "フリガナ",
                    "フリガナはカタカナかひらがなで入力してください（例: ヤマダ タロウ）。",
                ))
            }
        }
    }
    Ok(Some(out.trim().to_owned()))
}

/// A dependent (扶養家族) of a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DependentDetails {
    /// 氏名
    pub name: String,
    /// 続柄 (e.g. 配偶者, 長男)
    pub relation: String,
}

impl DependentDetails {
    pub fn parse(name: &str, relation: &str) -> Result<Self, FieldError> {
        Ok(Self {
            name: required_name("扶養家族氏名", name, 50)?,
            relation: required_text("続柄", relation, 20)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_from_identifier_hyphen_or_label() {
        assert_eq!(
            "employer-staff".parse::<PersonKind>().unwrap(),
            PersonKind::EmployerStaff
        );
        assert_eq!(
            "third_party".parse::<PersonKind>().unwrap(),
            PersonKind::ThirdParty
        );
        assert_eq!(
            "組合議員".parse::<PersonKind>().unwrap(),
            PersonKind::Councillor
        );
        assert_eq!("boss".parse::<PersonKind>().unwrap_err().field, "種別");
    }

    #[test]
    fn an_employers_staff_member_needs_the_employer() {
        let err = PersonDetails::parse("employer_staff", "田中", "", "").unwrap_err();
        assert_eq!(err.field, "委託事業主名");
        let ok = PersonDetails::parse("employer_staff", "田中", "", "○○建設").unwrap();
        assert_eq!(ok.employer.as_deref(), Some("○○建設"));
    }

    #[test]
    fn no_field_takes_a_my_number() {
        assert_eq!(
            PersonDetails::parse("staff", "123456789018", "", "")
                .unwrap_err()
                .field,
            "氏名"
        );
        assert_eq!(
            DependentDetails::parse("山田 花子", "1234 5678 9018")
                .unwrap_err()
                .field,
            "続柄"
        );
    }

    #[test]
    fn furigana_is_written_in_full_width_katakana() {
        let p = PersonDetails::parse("staff", "山田 太郎", "", "")
            .unwrap()
            .with_kana("やまだ　たろう")
            .unwrap();
        assert_eq!(p.kana.as_deref(), Some("ヤマダ タロウ"));
        assert_eq!(
            furigana("ﾔﾏﾀﾞ ｼﾞﾛｳ").unwrap().as_deref(),
            Some("ヤマダ ジロウ")
        );
        assert_eq!(furigana("  ").unwrap(), None);
        assert_eq!(furigana("山田").unwrap_err().field, "フリガナ");
        assert_eq!(furigana("yamada").unwrap_err().field, "フリガナ");
    }

    #[test]
    fn a_dependent_needs_name_and_relation() {
        assert_eq!(
            DependentDetails::parse("", "長男").unwrap_err().field,
            "扶養家族氏名"
        );
        assert_eq!(
            DependentDetails::parse("山田 一郎", " ").unwrap_err().field,
            "続柄"
        );
    }
}
