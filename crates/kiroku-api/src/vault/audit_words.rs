//! The audit log in words: who (the user's name, not `user:sato`), what (「管理台帳 NO.1」, not
//! `ledger:1`) and the deed as one sentence (「管理台帳 NO.1 を訂正」), for the 監査ログ screen,
//! its export and its filter of 種別.

use std::collections::HashMap;
use std::sync::OnceLock;

use kiroku_core::audit::{AuditAction, AuditEntry};
use kiroku_forms::FormKind;
use kiroku_store::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::lookup::{contractor_names, name_of, person_names, user_names};
use crate::ApiError;

/// 種別 of the audit log's filter: what kind of record a row touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TargetKind {
    /// The filter's value (`event`, `ledger`, …).
    pub id: &'static str,
    /// Its name on screen.
    pub label: &'static str,
    /// The targets it covers: `event` covers `event` and `event:12`.
    pub targets: &'static [&'static str],
}

/// Every 種別, in the menu's order.
pub(crate) const TARGET_KINDS: &[TargetKind] = &[
    TargetKind {
        id: "event",
        label: "取扱記録",
        targets: &["event", "events"],
    },
    TargetKind {
        id: "person",
        label: "本人・扶養家族",
        targets: &["person", "persons", "dependent"],
    },
    TargetKind {
        id: "ledger",
        label: "管理台帳",
        targets: &["ledger"],
    },
    TargetKind {
        id: "document",
        label: "保存文書・廃棄",
        targets: &[
            "document",
            "documents",
            "certificate",
            "rule",
            "rules",
            "disposal",
        ],
    },
    TargetKind {
        id: "contractor",
        label: "委託先・評価シート",
        targets: &["contractor", "contractors", "evaluation", "evaluations"],
    },
    TargetKind {
        id: "incident",
        label: "事故・漏えい",
        targets: &["incident", "incidents"],
    },
    TargetKind {
        id: "check",
        label: "年次点検",
        targets: &["check", "checks", "check_action", "reminder"],
    },
    TargetKind {
        id: "print",
        label: "記録票の印刷",
        targets: &["form"],
    },
    TargetKind {
        id: "export",
        label: "書き出し・取り込み",
        targets: &["list", "import"],
    },
    TargetKind {
        id: "user",
        label: "利用者・ログイン",
        targets: &["user", "users"],
    },
    TargetKind {
        id: "vault",
        label: "記録ファイル・設定",
        targets: &["vault", "settings", "affair", "audit"],
    },
];

/// The 種別 named `id`, if the log knows it.
pub(crate) fn target_kind(id: &str) -> Option<&'static TargetKind> {
    TARGET_KINDS.iter().find(|k| k.id == id)
}

/// One choice of a filter: its value and its name on screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditChoice {
    pub value: String,
    pub label: String,
}

/// The names the log's rows refer to by ID, read once per listing.
pub(crate) struct AuditNames {
    users: HashMap<String, String>,
    persons: HashMap<i64, String>,
    contractors: HashMap<i64, String>,
    forms: &'static HashMap<&'static str, String>,
}

/// The printed forms' titles by name, parsed from the layouts once per process.
fn form_titles() -> &'static HashMap<&'static str, String> {
    static TITLES: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    TITLES.get_or_init(|| {
        FormKind::ALL
            .iter()
            .filter_map(|k| k.layout().ok().map(|l| (k.name(), l.title)))
            .collect()
    })
}

impl AuditNames {
    pub(crate) fn read(conn: &Connection) -> Result<Self, ApiError> {
        Ok(Self {
            users: user_names(conn)?,
            persons: person_names(conn)?,
            contractors: contractor_names(conn)?,
            forms: form_titles(),
        })
    }

    /// The users to filter by: every login ID the log may name, with the user's name.
    pub(crate) fn user_choices(&self) -> Vec<AuditChoice> {
        let mut out: Vec<AuditChoice> = self
            .users
            .iter()
            .map(|(id, name)| AuditChoice {
                value: id.clone(),
                label: format!("{name}（{id}）"),
            })
            .collect();
        out.sort_by(|a, b| a.value.cmp(&b.value));
        out
    }

    /// 「佐藤 美咲」 for `sato`; the ID itself for one the file does not know; 「システム」 for `-`.
    pub(crate) fn actor(&self, id: &str) -> String {
        match id {
            "-" | "" => "システム".into(),
            _ => name_of(&self.users)(id),
        }
    }

    /// What was touched, in words: 「管理台帳 NO.1」, 「本人 田村 千尋」, 「取扱記録の一覧」.
    pub(crate) fn target(&self, target: &str) -> String {
        let (kind, key) = match target.split_once(':') {
            Some((kind, key)) => (kind, Some(key)),
            None => (target, None),
        };
        let number = key.and_then(|k| k.parse::<i64>().ok());
        let named =
            |names: &HashMap<i64, String>, what: &str| match number.and_then(|n| names.get(&n)) {
                Some(name) => format!("{what}「{name}」"),
                None => format!("{what} {}", key.unwrap_or_default()),
            };
        match (kind, key) {
            ("event", Some(k)) => format!("取扱記録 No.{k}"),
            ("events", None) => "取扱記録の一覧".into(),
            ("ledger", Some(k)) => format!("管理台帳 NO.{k}"),
            ("ledger", None) => "管理台帳の一覧".into(),
            ("person", Some(_)) => named(&self.persons, "本人"),
            ("persons", None) => "本人の一覧".into(),
            ("dependent", Some(k)) => format!("扶養家族 No.{k}"),
            ("document", Some(k)) => format!("保存文書 No.{k}"),
            ("documents", None) => "保存文書の一覧".into(),
            ("certificate", Some(k)) => format!("廃棄証明書 No.{k}"),
            ("rule", Some(k)) => format!("保存期間のルール No.{k}"),
            ("rules", None) => "保存期間のルールの一覧".into(),
            ("contractor", Some(_)) => named(&self.contractors, "委託先"),
            ("contractors", None) => "委託先の一覧".into(),
            ("evaluation", Some(k)) => format!("評価シート No.{k}"),
            ("evaluations", None) => "評価シートの一覧".into(),
            ("incident", Some(k)) => format!("事故・漏えい No.{k}"),
            ("incidents", None) => "事故・漏えいの一覧".into(),
            ("check", Some(k)) => format!("年次点検 No.{k}"),
            ("checks", None) => "年次点検の一覧".into(),
            ("check_action", Some(k)) => format!("年次点検の改善 No.{k}"),
            ("reminder", Some(_)) => "お知らせ".into(),
            ("user", Some(k)) => format!("利用者「{}」", self.actor(k)),
            ("users", None) => "利用者の一覧".into(),
            ("form", Some(k)) => match self.forms.get(k) {
                Some(title) => format!("記録票「{title}」"),
                None => "記録票".into(),
            },
            ("list", Some(k)) => format!("一覧（{k}）"),
            ("import", Some(k)) => match number {
                Some(n) => format!("取り込み No.{n}"),
                None => format!("取り込み（{k}）"),
            },
            ("affair", Some(k)) => format!("関係事務 No.{k}"),
            ("audit", None) => "監査ログ".into(),
            ("audit", Some(k)) => format!("監査ログ {k}行目"),
            ("vault", None) => "記録ファイル".into(),
            ("settings", None) => "設定".into(),
            _ => target.to_owned(),
        }
    }

    /// The row as one sentence: 「管理台帳 NO.1 を訂正」, 「記録票「取扱記録表」を印刷」, 「ログイン」.
    pub(crate) fn summary(&self, entry: &AuditEntry) -> String {
        let what = self.target(&entry.target);
        let verb = match entry.action {
            AuditAction::Login | AuditAction::Logout | AuditAction::LoginFailures => {
                return entry.action.label().into();
            }
            AuditAction::Init => "作成",
            AuditAction::Read => "閲覧",
            AuditAction::Create => "登録",
            AuditAction::Amend if is_record(&entry.target) => "訂正",
            AuditAction::Amend => "変更",
            AuditAction::Print => "印刷",
            AuditAction::Export => "書き出し",
            AuditAction::Backup => "バックアップ",
            AuditAction::Restore => "復元",
            AuditAction::Verify => "検証",
            AuditAction::KeyChange => "鍵を変更",
        };
        // 「管理台帳 NO.1 を訂正」: a space after a number, none after a word.
        let gap = if what.ends_with(|c: char| c.is_ascii_alphanumeric()) {
            " "
        } else {
            ""
        };
        let particle = if entry.action == AuditAction::KeyChange {
            "の"
        } else {
            "を"
        };
        format!("{what}{gap}{particle}{verb}")
    }
}

/// A record whose change is a 訂正 (a new version with a reason), not a setting's 変更.
fn is_record(target: &str) -> bool {
    ["event:", "ledger:", "person:", "dependent:", "document:"]
        .iter()
        .any(|p| target.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> AuditNames {
        AuditNames {
            users: [("sato".to_owned(), "佐藤 美咲".to_owned())].into(),
            persons: [(7, "田村 千尋".to_owned())].into(),
            contractors: HashMap::new(),
            forms: form_titles(),
        }
    }

    fn entry(action: AuditAction, target: &str) -> AuditEntry {
        AuditEntry {
            at: chrono::DateTime::UNIX_EPOCH,
            actor: "sato".into(),
            action,
            target: target.into(),
            detail: String::new(),
        }
    }

    #[test]
    fn rows_read_as_sentences_with_names() {
        let n = names();
        assert_eq!(
            n.summary(&entry(AuditAction::Amend, "ledger:1")),
            "管理台帳 NO.1 を訂正"
        );
        assert_eq!(
            n.summary(&entry(AuditAction::Read, "person:7")),
            "本人「田村 千尋」を閲覧"
        );
        assert_eq!(
            n.summary(&entry(AuditAction::Print, "form:lifecycle")),
            "記録票「特定個人情報等取扱記録表」を印刷"
        );
        assert_eq!(
            n.summary(&entry(AuditAction::Login, "user:sato")),
            "ログイン"
        );
        assert_eq!(
            n.summary(&entry(AuditAction::Amend, "rule:3")),
            "保存期間のルール No.3 を変更"
        );
        assert_eq!(
            n.summary(&entry(AuditAction::KeyChange, "vault")),
            "記録ファイルの鍵を変更"
        );
        assert_eq!(n.actor("sato"), "佐藤 美咲");
        assert_eq!(n.actor("gone"), "gone");
        assert_eq!(n.actor("-"), "システム");
        assert_eq!(n.target("user:sato"), "利用者「佐藤 美咲」");
        assert_eq!(n.target("something:new"), "something:new");
    }

    #[test]
    fn every_kind_is_a_plain_word_the_store_may_inline() {
        for k in TARGET_KINDS {
            assert!(target_kind(k.id).is_some());
            for t in k.targets {
                assert!(t.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{t}");
            }
        }
    }
}
