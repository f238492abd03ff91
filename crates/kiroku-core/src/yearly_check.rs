//! 取扱状況の点検（監査）: the items of the yearly check (DOMAIN §10) — A1–A14 filled from the
//! vault, M1–M10 answered by hand — and the order of its sign-offs: 作成 (clerk or officer),
//! 確認 (officer; the report is frozen from then), 監査意見 (auditor: its opinion, nothing else),
//! 決裁 (the head's name, typed by the officer).

use crate::user::Role;

/// One item of the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckItem {
    /// `A1` … `A14`, `M1` … `M10`
    pub id: &'static str,
    pub title: &'static str,
    /// 根拠 (the articles of the seed regulations it answers).
    pub basis: &'static str,
    /// Filled from the vault (the signer still confirms it); else answered by hand.
    pub auto: bool,
}

const fn item(id: &'static str, title: &'static str, basis: &'static str, auto: bool) -> CheckItem {
    CheckItem {
        id,
        title,
        basis,
        auto,
    }
}

/// Every item, in the report's order.
pub const ITEMS: [CheckItem; 24] = [
    item(
        "A1",
        "取扱記録の件数（種別ごと）と必要事項の記載漏れ",
        "001 第11条、002 第17条",
        true,
    ),
    item(
        "A2",
        "管理台帳の記載（記載漏れ・個人番号の混入・今年度に記録のないファイル）",
        "001 第11条、002 第17条",
        true,
    ),
    item("A3", "廃棄期限を過ぎた保存文書", "002 第17条", true),
    item(
        "A4",
        "今年度の廃棄（方法・確認者・証明書）",
        "002 第17条",
        true,
    ),
    item(
        "A5",
        "委託先の評価（12か月以内の評価・C 判定・未改善の B 項目・契約条項・再委託の許諾）",
        "001 第14条(5)、002 第47条6",
        true,
    ),
    item(
        "A6",
        "利用者（退職者の無効化・長期間ログインのない利用者）",
        "002 第17条",
        true,
    ),
    item(
        "A7",
        "ログイン失敗・ロック、大量の印刷・書き出し",
        "002 第24条⑤",
        true,
    ),
    item(
        "A8",
        "監査ログの検証（先頭ハッシュ）と最後のバックアップ",
        "002 第24条⑤",
        true,
    ),
    item("A9", "事故・漏えいと報告期限の遵守", "002 第14条7", true),
    item("A10", "開示等の請求と決定までの日数", "004 第29条", true),
    item("A11", "第三者提供の記録", "004 第12条・第13条", true),
    item("A12", "持出し", "002 第17条", true),
    item("A13", "提供の拒否", "002 第17条", true),
    item("A14", "研修の実施", "002 第17条", true),
    item(
        "M1",
        "管理区域・取扱区域（施錠・鍵の管理）",
        "002 第17条",
        false,
    ),
    item(
        "M2",
        "ウイルス対策・更新・USB 等の管理",
        "002 第17条",
        false,
    ),
    item(
        "M3",
        "規程と実際の取扱いとの一致",
        "001 第11条、002 第17条",
        false,
    ),
    item("M4", "利用目的の通知・公表", "002 第17条", false),
    item(
        "M5",
        "委託先の実地確認",
        "001 第14条(5)、002 第47条6",
        false,
    ),
    item("M6", "苦情の受付と対応", "002 第17条", false),
    item("M7", "監事・外部監査の指摘", "002 第16条", false),
    item(
        "M8",
        "個人情報ファイル簿、定期報告（評価書を提出した場合）",
        "003（一部事務組合・広域連合）",
        false,
    ),
    item("M9", "他団体の事故事例からの教訓", "002 第14条7", false),
    item("M10", "総合所見", "002 第17条", false),
];

/// The item of that ID.
pub fn item_of(id: &str) -> Option<&'static CheckItem> {
    ITEMS.iter().find(|i| i.id.eq_ignore_ascii_case(id.trim()))
}

/// The answer to a hand-answered item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// 適
    Adequate,
    /// 不適
    Inadequate,
    /// 該当なし
    NotApplicable,
}

impl Answer {
    pub fn label(self) -> &'static str {
        match self {
            Self::Adequate => "適",
            Self::Inadequate => "不適",
            Self::NotApplicable => "該当なし",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "適" | "ok" => Some(Self::Adequate),
            "不適" | "ng" => Some(Self::Inadequate),
            "該当なし" | "na" => Some(Self::NotApplicable),
            _ => None,
        }
    }
}

/// The four sign-offs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SignOff {
    /// 作成
    Creator,
    /// 確認 (freezes the report)
    Officer,
    /// 監査意見
    Auditor,
    /// 決裁
    Head,
}

impl SignOff {
    pub fn label(self) -> &'static str {
        match self {
            Self::Creator => "作成",
            Self::Officer => "確認",
            Self::Auditor => "監査意見",
            Self::Head => "決裁",
        }
    }
}

/// Why a sign-off is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignOffRefusal {
    #[error("{step}は{who}だけが行えます。")]
    Role {
        step: &'static str,
        who: &'static str,
    },
    #[error("{step}の前に{before}が必要です。")]
    Order {
        step: &'static str,
        before: &'static str,
    },
    #[error("{step}はすでに済んでいます。")]
    Done { step: &'static str },
}

/// Whether a user of `role` may give `step` now, `given` being the sign-offs already given.
pub fn may_sign(role: Role, step: SignOff, given: &[SignOff]) -> Result<(), SignOffRefusal> {
    let who = match step {
        SignOff::Creator => (role != Role::Auditor)
            .then_some(())
            .ok_or(SignOffRefusal::Role {
                step: step.label(),
                who: "事務取扱責任者または事務取扱担当者",
            }),
        SignOff::Officer | SignOff::Head => {
            (role == Role::Officer)
                .then_some(())
                .ok_or(SignOffRefusal::Role {
                    step: step.label(),
                    who: "事務取扱責任者",
                })
        }
        SignOff::Auditor => (role == Role::Auditor)
            .then_some(())
            .ok_or(SignOffRefusal::Role {
                step: step.label(),
                who: "監査担当者",
            }),
    };
    who?;
    if given.contains(&step) {
        return Err(SignOffRefusal::Done { step: step.label() });
    }
    let before = match step {
        SignOff::Creator => None,
        SignOff::Officer => Some(SignOff::Creator),
        SignOff::Auditor | SignOff::Head => Some(SignOff::Officer),
    };
    match before {
        Some(b) if !given.contains(&b) => Err(SignOffRefusal::Order {
            step: step.label(),
            before: b.label(),
        }),
        _ => Ok(()),
    }
}

/// Once 確認 is given the report is frozen: answers and actions change only as addenda.
pub fn is_frozen(given: &[SignOff]) -> bool {
    given.contains(&SignOff::Officer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_auto_items_and_ten_by_hand_each_with_its_basis() {
        assert_eq!(ITEMS.iter().filter(|i| i.auto).count(), 14);
        assert_eq!(ITEMS.iter().filter(|i| !i.auto).count(), 10);
        assert!(ITEMS
            .iter()
            .all(|i| !i.basis.is_empty() && !i.title.is_empty()));
        assert_eq!(item_of("m10").map(|i| i.title), Some("総合所見"));
        assert_eq!(Answer::parse("不適"), Some(Answer::Inadequate));
        assert_eq!(Answer::parse("まあまあ"), None);
    }

    #[test]
    fn sign_offs_go_in_order_and_by_role() {
        use SignOff::*;
        assert!(may_sign(Role::Clerk, Creator, &[]).is_ok());
        assert!(may_sign(Role::Auditor, Creator, &[]).is_err());
        // A clerk cannot 確認; the officer only after 作成.
        assert!(matches!(
            may_sign(Role::Clerk, Officer, &[Creator]),
            Err(SignOffRefusal::Role { .. })
        ));
        assert!(matches!(
            may_sign(Role::Officer, Officer, &[]),
            Err(SignOffRefusal::Order { .. })
        ));
        assert!(may_sign(Role::Officer, Officer, &[Creator]).is_ok());
        // The auditor writes only its opinion, after 確認.
        assert!(matches!(
            may_sign(Role::Auditor, Auditor, &[Creator]),
            Err(SignOffRefusal::Order { .. })
        ));
        assert!(may_sign(Role::Auditor, Auditor, &[Creator, Officer]).is_ok());
        assert!(may_sign(Role::Officer, Auditor, &[Creator, Officer]).is_err());
        assert!(may_sign(Role::Officer, Head, &[Creator, Officer]).is_ok());
        assert!(matches!(
            may_sign(Role::Officer, Creator, &[Creator]),
            Err(SignOffRefusal::Done { .. })
        ));
        assert!(!is_frozen(&[Creator]));
        assert!(is_frozen(&[Creator, Officer]));
    }
}
