//! 特定個人情報管理台帳 (別紙2): one entry per 特定個人情報ファイル (DOMAIN.md §4). The ledger
//! itself holds no 特定個人情報 (002 第13条): every text passes the My Number guard.

use serde::{Deserialize, Serialize};

use crate::choice::{Choice, DisposalMethod};
use crate::field::{required_name, required_text, FieldError};

/// 紙媒体 or 電子データ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    /// 紙媒体
    Paper,
    /// 電子データ
    Electronic,
}

impl Medium {
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Paper => "paper",
            Medium::Electronic => "electronic",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Medium::Paper => "紙媒体",
            Medium::Electronic => "電子データ",
        }
    }
}

impl std::str::FromStr for Medium {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Medium::Paper, Medium::Electronic]
            .into_iter()
            .find(|m| m.as_str() == s || m.label() == s)
            .ok_or_else(|| {
                FieldError::new(
                    "媒体",
                    "paper（紙媒体）か electronic（電子データ）を指定してください。",
                )
            })
    }
}

/// 保存期間: the text the office wrote, and (from the retention issue on) the rule it links to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRef {
    /// As printed in the 台帳, e.g. 翌年1月10日の翌日から7年.
    pub text: String,
    /// The retention rule this entry follows, once rules exist; `None` until linked.
    pub rule_id: Option<i64>,
}

/// One 台帳 entry's columns, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// 名称（ファイルの種類・名称）
    pub name: String,
    /// 特定個人情報の範囲
    pub scope: String,
    /// 取扱部署
    pub dept: String,
    /// 責任者 (login ID)
    pub owner: String,
    /// 担当者（アクセス権を有する者）(login IDs)
    pub handlers: Vec<String>,
    /// 利用目的
    pub purpose: String,
    /// 保存期間
    pub retention: RetentionRef,
    /// 廃棄・削除（方法）
    pub disposal: Choice<DisposalMethod>,
    /// 保管場所
    pub location: String,
    pub medium: Medium,
}

/// A 台帳 entry as typed. `owner` and `handlers` are login IDs the caller checks exist.
#[derive(Debug, Clone, Copy, Default)]
pub struct LedgerInput<'a> {
    pub name: &'a str,
    pub scope: &'a str,
    pub dept: &'a str,
    pub owner: &'a str,
    pub handlers: &'a [String],
    pub purpose: &'a str,
    pub retention: &'a str,
    pub disposal: &'a str,
    pub location: &'a str,
    pub electronic: bool,
}

impl LedgerInput<'_> {
    pub fn parse(&self) -> Result<LedgerEntry, FieldError> {
        let handlers: Vec<String> = self
            .handlers
            .iter()
            .map(|h| h.trim())
            .filter(|h| !h.is_empty())
            .map(|h| required_name("担当者", h, 32))
            .collect::<Result<_, _>>()?;
        if handlers.is_empty() {
            return Err(FieldError::new(
                "担当者",
                "アクセス権を有する担当者のユーザーIDを1人以上指定してください（例: sato,suzuki）。",
            ));
        }
        Ok(LedgerEntry {
            name: required_text("名称", self.name, 100)?,
            scope: required_text("特定個人情報の範囲", self.scope, 300)?,
            dept: required_text("取扱部署", self.dept, 50)?,
            owner: required_name("責任者", self.owner, 32)?,
            handlers,
            purpose: required_text("利用目的", self.purpose, 300)?,
            retention: RetentionRef {
                text: required_text("保存期間", self.retention, 100)?,
                rule_id: None,
            },
            disposal: Choice::parse(
                "廃棄・削除",
                &required_text("廃棄・削除", self.disposal, 100)?,
            )?,
            location: required_text("保管場所", self.location, 100)?,
            medium: if self.electronic {
                Medium::Electronic
            } else {
                Medium::Paper
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(handlers: &[String]) -> LedgerInput<'_> {
        LedgerInput {
            name: "給与所得の源泉徴収票",
            scope: "役職員及び扶養家族の個人番号、氏名、生年月日、その他源泉徴収票記載事項",
            dept: "総務課",
            owner: "boss",
            handlers,
            purpose: "源泉徴収票の作成及び税務署への提出、本人への交付",
            retention: "翌年1月10日の翌日から7年",
            disposal: "shred",
            location: "総務課キャビネット（施錠可）",
            electronic: false,
        }
    }

    #[test]
    fn the_002_example_entry_is_accepted() {
        let handlers = vec!["sato".to_owned()];
        let e = example(&handlers).parse().unwrap();
        assert_eq!(e.disposal.display(), "シュレッダー");
        assert_eq!(e.medium, Medium::Paper);
        assert_eq!(e.retention.rule_id, None);
    }

    #[test]
    fn every_column_is_required_and_named() {
        let handlers = vec!["sato".to_owned()];
        let none: Vec<String> = vec![];
        assert_eq!(example(&none).parse().unwrap_err().field, "担当者");
        let e = LedgerInput {
            location: " ",
            ..example(&handlers)
        };
        assert_eq!(e.parse().unwrap_err().field, "保管場所");
    }

    #[test]
    fn the_ledger_holds_no_my_number() {
        let handlers = vec!["sato".to_owned()];
        let e = LedgerInput {
            scope: "番号は123456789018です",
            ..example(&handlers)
        };
        let err = e.parse().unwrap_err();
        assert_eq!(err.field, "特定個人情報の範囲");
        assert!(!err.to_string().contains("9018"));
    }
}
