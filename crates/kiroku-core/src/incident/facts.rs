//! The facts of an incident the decision reads (the officer's 事実確認).

use serde::{Deserialize, Serialize};

/// 事態: what happened to the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// 漏えい
    Leak,
    /// 滅失
    Loss,
    /// 毀損
    Damage,
    /// 不正利用 (利用 against 番号法第9条, or with 不正の目的)
    UnlawfulUse,
    /// 不正提供 (提供 against 番号法第19条, or with 不正の目的)
    UnlawfulProvision,
    /// 不特定多数の者による閲覧（のおそれ）
    PublicViewing,
}

impl Situation {
    pub const ALL: [Self; 6] = [
        Self::Leak,
        Self::Loss,
        Self::Damage,
        Self::UnlawfulUse,
        Self::UnlawfulProvision,
        Self::PublicViewing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Leak => "leak",
            Self::Loss => "loss",
            Self::Damage => "damage",
            Self::UnlawfulUse => "unlawful_use",
            Self::UnlawfulProvision => "unlawful_provision",
            Self::PublicViewing => "public_viewing",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Leak => "漏えい",
            Self::Loss => "滅失",
            Self::Damage => "毀損",
            Self::UnlawfulUse => "不正利用",
            Self::UnlawfulProvision => "不正提供",
            Self::PublicViewing => "不特定多数閲覧",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim() || x.label() == s.trim())
    }

    /// 漏えい等 (漏えい, 滅失 or 毀損; a 閲覧 by anyone is a 漏えい).
    pub fn is_leak_etc(self) -> bool {
        matches!(
            self,
            Self::Leak | Self::Loss | Self::Damage | Self::PublicViewing
        )
    }
}

/// The information system the data was in (規則第2条1号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SystemKind {
    /// イ 情報提供ネットワークシステム
    InfoNetwork,
    /// ロ 個人番号利用事務を処理する者が使用する情報システム
    UsageSystem,
    /// ハ 地方公共団体等（一部事務組合を含む）又はその委託先が個人番号関係事務に使用する情報システム
    LocalGovSystem,
}

impl SystemKind {
    pub const ALL: [Self; 3] = [Self::InfoNetwork, Self::UsageSystem, Self::LocalGovSystem];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InfoNetwork => "info_network",
            Self::UsageSystem => "usage_system",
            Self::LocalGovSystem => "local_gov_system",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::InfoNetwork => "情報提供ネットワークシステム",
            Self::UsageSystem => "個人番号利用事務の情報システム",
            Self::LocalGovSystem => "地方公共団体等の個人番号関係事務の情報システム",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim() || x.label() == s.trim())
    }
}

/// 本人の数: known (確定) or at most (最大 — an uncertain count is decided by its maximum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonCount {
    pub count: u32,
    /// `false`: the count is the maximum possible (最大).
    pub confirmed: bool,
}

impl PersonCount {
    pub fn label(self) -> String {
        if self.confirmed {
            format!("{}人（確定）", self.count)
        } else {
            format!("最大{}人", self.count)
        }
    }
}

/// The facts the decision reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentFacts {
    pub situations: Vec<Situation>,
    /// The information system the data was in (規則第2条1号), if any.
    pub system: Option<SystemKind>,
    /// 不正の目的をもって行われたおそれ (規則第2条2号; APPI 規則の不正目的).
    pub unlawful_purpose: bool,
    /// 電磁的方法により不特定多数の者に閲覧された（おそれ）(規則第2条3号).
    pub public_viewing: bool,
    pub persons: PersonCount,
    /// 高度な暗号化その他の措置 — and the key is safe.
    pub encrypted_key_safe: bool,
    /// 回収: the data was recovered before anyone saw it.
    pub recovered_before_viewed: bool,
    /// 要配慮個人情報 were among the data (APPI).
    pub sensitive: bool,
    /// 財産的被害が生じるおそれ (APPI).
    pub financial_damage: bool,
    /// 条例要配慮個人情報 (APPI, for a 行政機関等 only).
    pub ordinance_sensitive: bool,
    /// B: the data were a 委託事業主's (the body holds them as its 委託先).
    pub principal_data: bool,
    /// C: 短期給付 data (病気・けが): 要配慮, one person suffices.
    pub short_term_benefit: bool,
}

impl Default for IncidentFacts {
    fn default() -> Self {
        Self {
            situations: Vec::new(),
            system: None,
            unlawful_purpose: false,
            public_viewing: false,
            persons: PersonCount {
                count: 0,
                confirmed: true,
            },
            encrypted_key_safe: false,
            recovered_before_viewed: false,
            sensitive: false,
            financial_damage: false,
            ordinance_sensitive: false,
            principal_data: false,
            short_term_benefit: false,
        }
    }
}
