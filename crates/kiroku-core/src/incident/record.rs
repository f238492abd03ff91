//! An incident as recorded: the 第一報 anyone may give, the officer's facts, and its status.
//! Stored whole as one version; a change is the next version with its reason.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::facts::{IncidentFacts, PersonCount, Situation, SystemKind};

/// 第一報: what the finder reports at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstReport {
    /// 発見者
    pub finder: String,
    /// 知った日 — the clock of every deadline starts here (day 1).
    pub known_on: NaiveDate,
    /// 知った時刻 (if known).
    pub known_time: Option<NaiveTime>,
    /// 何が起きたか
    pub what: String,
    /// 媒体 (紙・USBメモリ・メール …)
    pub medium: String,
    /// 場所
    pub place: Option<String>,
}

/// 原因を作った者.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseActor {
    /// 職員
    Staff,
    /// 委託先
    Contractor,
    /// 外部の者
    Outsider,
    /// 不明
    Unknown,
}

impl CauseActor {
    pub const ALL: [Self; 4] = [Self::Staff, Self::Contractor, Self::Outsider, Self::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::Contractor => "contractor",
            Self::Outsider => "outsider",
            Self::Unknown => "unknown",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Staff => "職員",
            Self::Contractor => "委託先",
            Self::Outsider => "外部の者",
            Self::Unknown => "不明",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim() || x.label() == s.trim())
    }
}

/// 封じ込め等の措置: what was done, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Containment {
    pub on: NaiveDate,
    pub time: Option<NaiveTime>,
    pub action: String,
}

/// 再発防止策: done, or planned with its owner and due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prevention {
    pub measure: String,
    pub done: bool,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
}

/// The officer's facts (事実確認). Empty until the officer writes them. A field added later
/// reads as its default from a record stored before it existed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OfficerFacts {
    /// 発生日 (from … to).
    pub occurred_from: Option<NaiveDate>,
    pub occurred_to: Option<NaiveDate>,
    /// 事態
    pub situations: Vec<Situation>,
    /// 規則第2条1号の情報システム
    pub system: Option<SystemKind>,
    pub unlawful_purpose: bool,
    pub public_viewing: bool,
    /// 本人の数 (確定 or 最大)
    pub persons: Option<PersonCount>,
    /// The day the body knew the count passed 100 (規則第2条4号), when that came later than the
    /// 第一報: an incident reportable by its count alone is reportable from then.
    pub count_known_on: Option<NaiveDate>,
    /// 各号該当性の判断理由 (the officer's reasoning, in words)
    pub grounds_note: Option<String>,
    /// 特定個人情報の項目
    pub items: Option<String>,
    /// 関係する台帳 (NO.), 本人 (ID) and 委託先 (ID).
    pub ledger_nos: Vec<i64>,
    pub person_ids: Vec<i64>,
    pub contractor_ids: Vec<i64>,
    /// 原因
    pub cause: Option<String>,
    pub cause_actor: Option<CauseActor>,
    /// 二次被害又はそのおそれ
    pub secondary_damage: Option<String>,
    /// 高度な暗号化 (and the key is safe)
    pub encrypted_key_safe: bool,
    /// 閲覧される前に回収
    pub recovered_before_viewed: bool,
    pub sensitive: bool,
    pub financial_damage: bool,
    pub ordinance_sensitive: bool,
    pub principal_data: bool,
    pub short_term_benefit: bool,
    /// 封じ込め等の措置
    pub containment: Vec<Containment>,
    /// 再発防止策
    pub prevention: Vec<Prevention>,
    /// 公表の実施状況 (あり/なし/未定 with date and method, in words)
    pub publication: Option<String>,
    /// その他参考となる事項
    pub other: Option<String>,
}

/// 対応状況.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentStatus {
    /// 対応中
    Open,
    /// 報告済
    Reported,
    /// 完了
    Closed,
}

impl IncidentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Reported => "reported",
            Self::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "対応中",
            Self::Reported => "報告済",
            Self::Closed => "完了",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Reported, Self::Closed]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// One version of an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentRecord {
    pub first: FirstReport,
    pub facts: OfficerFacts,
}

impl IncidentRecord {
    /// Day 1 of the deadlines: 知った日, or — when the count alone makes the incident
    /// reportable (`count_only`) and it passed 100 later — the day that was known.
    pub fn clock_starts(&self, count_only: bool) -> NaiveDate {
        match self.facts.count_known_on {
            Some(d) if count_only && d > self.first.known_on => d,
            _ => self.first.known_on,
        }
    }

    /// The facts the decision reads. An unknown count is 0 until the officer gives one.
    pub fn decision_facts(&self) -> IncidentFacts {
        let f = &self.facts;
        IncidentFacts {
            situations: f.situations.clone(),
            system: f.system,
            unlawful_purpose: f.unlawful_purpose,
            public_viewing: f.public_viewing,
            persons: f.persons.unwrap_or(PersonCount {
                count: 0,
                confirmed: false,
            }),
            encrypted_key_safe: f.encrypted_key_safe,
            recovered_before_viewed: f.recovered_before_viewed,
            sensitive: f.sensitive,
            financial_damage: f.financial_damage,
            ordinance_sensitive: f.ordinance_sensitive,
            principal_data: f.principal_data,
            short_term_benefit: f.short_term_benefit,
        }
    }
}

/// 報告の種類.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// 速報
    Sokuho,
    /// 確報
    Kakuho,
    /// 速報兼確報
    Both,
    /// 追完
    Supplement,
}

impl ReportKind {
    pub const ALL: [Self; 4] = [Self::Sokuho, Self::Kakuho, Self::Both, Self::Supplement];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sokuho => "sokuho",
            Self::Kakuho => "kakuho",
            Self::Both => "sokuho_kakuho",
            Self::Supplement => "tsuikan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Sokuho => "速報",
            Self::Kakuho => "確報",
            Self::Both => "速報兼確報",
            Self::Supplement => "追完",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim() || x.label() == s.trim())
    }

    /// This filing counts as the 速報.
    pub fn is_sokuho(self) -> bool {
        matches!(self, Self::Sokuho | Self::Both)
    }

    /// This filing counts as the 確報.
    pub fn is_kakuho(self) -> bool {
        matches!(self, Self::Kakuho | Self::Both)
    }
}

/// 報告先.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// 個人情報保護委員会
    Ppc,
    /// 総務大臣 (via the 都道府県)
    Soumu,
    /// 連合会 (C: 事故報告書)
    Rengokai,
    /// 理事長 (C: 事態報告書)
    Rijicho,
    /// 委託元 (B: notice instead of a report)
    Principal,
}

impl Recipient {
    pub const ALL: [Self; 5] = [
        Self::Ppc,
        Self::Soumu,
        Self::Rengokai,
        Self::Rijicho,
        Self::Principal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ppc => "ppc",
            Self::Soumu => "soumu",
            Self::Rengokai => "rengokai",
            Self::Rijicho => "rijicho",
            Self::Principal => "principal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Ppc => "個人情報保護委員会",
            Self::Soumu => "総務大臣",
            Self::Rengokai => "連合会",
            Self::Rijicho => "理事長",
            Self::Principal => "委託元",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim() || x.label() == s.trim())
    }
}

/// 本人への通知の方法.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeMethod {
    /// 郵送
    Post,
    /// 電子メール
    Mail,
    /// 手渡し
    Hand,
    /// 代替措置 (公表・問合せ窓口)
    Alternative,
}

impl NoticeMethod {
    pub const ALL: [Self; 4] = [Self::Post, Self::Mail, Self::Hand, Self::Alternative];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Post => "post",
            Self::Mail => "mail",
            Self::Hand => "hand",
            Self::Alternative => "alternative",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Post => "郵送",
            Self::Mail => "電子メール",
            Self::Hand => "手渡し",
            Self::Alternative => "代替措置（公表・問合せ窓口）",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim() || x.label() == s.trim())
    }
}
