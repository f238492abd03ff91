//! 特定個人情報等取扱業務委託先評価シート (別紙3, 001): the 委託パターン, the 20 評価項目 and
//! which apply to which pattern, the judgments, and the rule that turns a sheet into 採用,
//! 採用（改善条件付）, 不採用 — or the list of what is still missing (DOMAIN.md §5).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use unicode_normalization::UnicodeNormalization;

use crate::field::FieldError;

/// 委託パターン.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Pattern {
    /// 特定個人情報等の取扱い（利用・加工等）を委託する場合
    I,
    /// クラウド事業者に委託する場合
    II,
    /// IDC、ISP、倉庫会社のように、特定個人情報等を受領している認識がない場合
    III,
    /// 警備会社、清掃会社のように個人情報に触れる機会がある場合
    IV,
}

impl Pattern {
    pub const ALL: [Pattern; 4] = [Pattern::I, Pattern::II, Pattern::III, Pattern::IV];

    pub fn as_str(self) -> &'static str {
        match self {
            Pattern::I => "I",
            Pattern::II => "II",
            Pattern::III => "III",
            Pattern::IV => "IV",
        }
    }

    /// The pattern as the sheet describes it (001 別紙3 ※1).
    pub fn label(self) -> &'static str {
        match self {
            Pattern::I => "特定個人情報等の取扱い（利用・加工等）を委託する場合",
            Pattern::II => "クラウド事業者に委託する場合",
            Pattern::III => {
                "IDC、ISP、倉庫会社のように、特定個人情報等を受領している認識がない場合"
            }
            Pattern::IV => "警備会社、清掃会社のように個人情報に触れる機会がある場合",
        }
    }

    fn column(self) -> usize {
        match self {
            Pattern::I => 0,
            Pattern::II => 1,
            Pattern::III => 2,
            Pattern::IV => 3,
        }
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Pattern {
    type Err = FieldError;

    /// `I`–`IV` (any case, full-width, or the Roman numerals Ⅰ–Ⅳ) or `1`–`4`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t: String = s.nfkc().collect::<String>().trim().to_ascii_uppercase();
        match t.as_str() {
            "I" | "1" => Ok(Pattern::I),
            "II" | "2" => Ok(Pattern::II),
            "III" | "3" => Ok(Pattern::III),
            "IV" | "4" => Ok(Pattern::IV),
            _ => Err(FieldError::new(
                "委託パターン",
                "I（取扱いの委託）、II（クラウド事業者）、III（IDC・ISP・倉庫会社など）、IV（警備会社・清掃会社など）のいずれかを指定してください。",
            )),
        }
    }
}

/// The 20 評価項目, verbatim from 001 別紙3 (No. n is `ITEMS[n - 1]`).
pub const ITEMS: [&str; 20] = [
    "特定個人情報等の保護体制が整備されているか",
    "特定個人情報等の保護やセキュリティに関する規程や手順書が整備されているか",
    "事故時の手順書やマニュアルが整備されているか",
    "特定個人情報等の取扱いについて、定期的に内部監査や点検が実施されているか",
    "従業員等から機密保持に関する誓約書を取得しているか",
    "従業員等に特定個人情報等の保護に必要な教育を実施しているか",
    "特定個人情報等の取扱い場所の入退管理を実施しているか",
    "特定個人情報等の保管場所の施錠管理を実施しているか",
    "特定個人情報等の持ち出し管理を実施しているか",
    "特定個人情報等の授受の記録が取られているか",
    "特定個人情報等を確実に廃棄・消去しているか",
    "クリアデスク、クリアスクリーンを実施しているか",
    "特定個人情報等を格納するサーバは安全管理に必要な措置を講じているか",
    "上記サーバのアクセスログを取得しているか",
    "職務内容に応じたアクセス権限を与えているか",
    "PC等のウィルス対策を実施しているか",
    "システム障害対策を実施しているか",
    "施設や機器に対する物理的安全対策（地震、火災、避雷、停電等）を実施しているか",
    "災害発生時の手順書やマニュアルが整備されているか",
    "秘密保持契約を締結できるか",
];

/// The two questions of 選定基準(1), verbatim (pattern I only).
pub const PMARK_QUESTIONS: [&str; 2] = [
    "プライバシーマーク付与事業者か",
    "過去2年間に特定個人情報等の漏えい事故を起こしていないか",
];

/// ○ of the sheet: `APPLIES[n - 1][column]` for patterns I, II, III, IV.
const APPLIES: [[bool; 4]; 20] = [
    [true, true, true, true],    // 1
    [true, true, true, true],    // 2
    [true, true, true, true],    // 3
    [true, true, true, false],   // 4
    [true, true, true, true],    // 5
    [true, true, true, true],    // 6
    [true, true, false, false],  // 7
    [true, true, false, false],  // 8
    [true, true, false, false],  // 9
    [true, true, false, false],  // 10
    [true, true, false, false],  // 11
    [true, true, false, false],  // 12
    [true, true, false, false],  // 13
    [true, true, false, false],  // 14
    [true, true, false, false],  // 15
    [true, true, false, false],  // 16
    [false, true, false, false], // 17
    [false, true, false, false], // 18
    [false, true, false, false], // 19
    [false, true, false, false], // 20
];

/// An item number, 1 to 20.
pub fn item_text(item: u8) -> Option<&'static str> {
    ITEMS.get(usize::from(item).checked_sub(1)?).copied()
}

/// Whether item `item` (1–20) is evaluated for `pattern` (○ on the sheet).
pub fn applies(pattern: Pattern, item: u8) -> bool {
    usize::from(item)
        .checked_sub(1)
        .and_then(|i| APPLIES.get(i))
        .is_some_and(|row| row[pattern.column()])
}

/// The items evaluated for `pattern`, in order.
pub fn applicable_items(pattern: Pattern) -> impl Iterator<Item = u8> {
    (1..=20).filter(move |&n| applies(pattern, n))
}

/// 判定.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Judgment {
    /// A 満足
    A,
    /// B 改善が必要
    B,
    /// C 評価項目を満たしていない
    C,
    /// — 該当しない
    #[serde(rename = "-")]
    NotApplicable,
}

impl Judgment {
    pub fn as_str(self) -> &'static str {
        match self {
            Judgment::A => "A",
            Judgment::B => "B",
            Judgment::C => "C",
            Judgment::NotApplicable => "—",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Judgment::A => "満足",
            Judgment::B => "改善が必要",
            Judgment::C => "評価項目を満たしていない",
            Judgment::NotApplicable => "該当しない",
        }
    }

    /// `A`, `B`, `C` (any case, full-width) or a dash for 該当しない.
    pub fn parse(item: u8, s: &str) -> Result<Self, FieldError> {
        let t: String = s.nfkc().collect::<String>().trim().to_ascii_uppercase();
        match t.as_str() {
            "A" => Ok(Judgment::A),
            "B" => Ok(Judgment::B),
            "C" => Ok(Judgment::C),
            "-" | "—" | "–" | "―" | "‐" | "−" | "ー" => Ok(Judgment::NotApplicable),
            _ => Err(FieldError::new(
                "判定",
                format!("No.{item} の判定は A（満足）、B（改善が必要）、C（評価項目を満たしていない）、—（該当しない）のいずれかです。"),
            )),
        }
    }
}

/// Reads an item number typed by the clerk (`7`, `７`, `No.7`).
pub fn parse_item(s: &str) -> Result<u8, FieldError> {
    let t: String = s.nfkc().collect::<String>();
    let t = t.trim();
    let t = t
        .strip_prefix("No.")
        .or_else(|| t.strip_prefix("NO."))
        .or_else(|| t.strip_prefix("no."))
        .unwrap_or(t)
        .trim();
    t.parse::<u8>()
        .ok()
        .filter(|n| (1..=20).contains(n))
        .ok_or_else(|| FieldError::new("評価項目", "評価項目の番号は 1 から 20 です（例: 7=A）。"))
}

/// Checks one judgment against the sheet's rules before it is kept: the item exists, a
/// non-applicable item is only ever —, an applicable one takes A, B or C, and B comes with its
/// 改善措置等.
pub fn check_judgment(
    pattern: Pattern,
    item: u8,
    judgment: Judgment,
    improvement: Option<&str>,
) -> Result<(), FieldError> {
    if item_text(item).is_none() {
        return Err(FieldError::new(
            "評価項目",
            format!("評価項目 No.{item} はありません。1 から 20 で指定してください。"),
        ));
    }
    match (applies(pattern, item), judgment) {
        (false, Judgment::NotApplicable) | (true, Judgment::A | Judgment::C) => Ok(()),
        (false, _) => Err(FieldError::new(
            "判定",
            format!("No.{item} は委託パターン{pattern}では該当しない項目です（判定は —）。"),
        )),
        (true, Judgment::NotApplicable) => Err(FieldError::new(
            "判定",
            format!("No.{item} は委託パターン{pattern}で評価する項目です。A、B、C のいずれかを入力してください。"),
        )),
        (true, Judgment::B) => match improvement.map(str::trim) {
            Some(t) if !t.is_empty() => Ok(()),
            _ => Err(FieldError::new(
                "改善措置等",
                format!("No.{item} を B（改善が必要）とするときは、改善措置等を入力してください（--improve {item}=内容）。"),
            )),
        },
    }
}

/// 選定基準(1): facts about the contractor on the day of the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShortcutFacts {
    /// Holds a プライバシーマーク valid on the day of the evaluation.
    pub pmark_valid: bool,
    /// Has had a 特定個人情報等 leak in the past 2 years (unknown counts as yes).
    pub leak_in_2_years: bool,
}

/// A sheet as filled in so far.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sheet {
    pub judgments: BTreeMap<u8, Judgment>,
    /// 改善措置等 per item.
    pub improvements: BTreeMap<u8, String>,
}

/// 最終判定.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 採用
    Adopted,
    /// 採用（改善条件付）
    AdoptedConditional,
    /// 不採用
    Rejected,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Adopted => "adopted",
            Decision::AdoptedConditional => "adopted_conditional",
            Decision::Rejected => "rejected",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Decision::Adopted => "採用",
            Decision::AdoptedConditional => "採用（改善条件付）",
            Decision::Rejected => "不採用",
        }
    }
}

/// Why: an item (0 for 選定基準(1)) and the words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub item: u8,
    pub text: String,
}

/// What the rule says of a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Decided {
        decision: Decision,
        reasons: Vec<Reason>,
    },
    /// Applicable items without a judgment: the sheet cannot be finalised yet.
    Incomplete { missing: Vec<u8> },
}

/// Whether 選定基準(1) applies: pattern I, a valid P-mark, no leak in the past 2 years.
pub fn shortcut_applies(pattern: Pattern, facts: ShortcutFacts) -> bool {
    pattern == Pattern::I && facts.pmark_valid && !facts.leak_in_2_years
}

/// The rule of 001 別紙3: 選定基準(1) gives 採用 without the items; otherwise every applicable
/// item needs a judgment, any C gives 不採用 (naming the items), B gives 採用 conditional on
/// the improvement, all A gives 採用. Judgments are assumed checked by [`check_judgment`];
/// one that does not fit the pattern counts as missing.
pub fn decide(pattern: Pattern, facts: ShortcutFacts, sheet: &Sheet) -> Outcome {
    if shortcut_applies(pattern, facts) {
        return Outcome::Decided {
            decision: Decision::Adopted,
            reasons: vec![Reason {
                item: 0,
                text: "選定基準(1): プライバシーマーク付与事業者で、過去2年間に特定個人情報等の漏えい事故を起こしていないため、評価項目を省略して採用可".into(),
            }],
        };
    }
    let judged = |n: u8| {
        sheet.judgments.get(&n).copied().filter(|&j| {
            check_judgment(
                pattern,
                n,
                j,
                sheet.improvements.get(&n).map(String::as_str),
            )
            .is_ok()
        })
    };
    let missing: Vec<u8> = applicable_items(pattern)
        .filter(|&n| judged(n).is_none())
        .collect();
    if !missing.is_empty() {
        return Outcome::Incomplete { missing };
    }
    let with = |j: Judgment| applicable_items(pattern).filter(move |&n| judged(n) == Some(j));
    let text = |n: u8| item_text(n).unwrap_or_default();
    let rejected: Vec<Reason> = with(Judgment::C)
        .map(|n| Reason {
            item: n,
            text: format!("No.{n}「{}」を満たしていない（C）", text(n)),
        })
        .collect();
    if !rejected.is_empty() {
        return Outcome::Decided {
            decision: Decision::Rejected,
            reasons: rejected,
        };
    }
    let conditions: Vec<Reason> = with(Judgment::B)
        .map(|n| Reason {
            item: n,
            text: format!(
                "No.{n}「{}」は改善が必要（B）: {}",
                text(n),
                sheet
                    .improvements
                    .get(&n)
                    .map(String::as_str)
                    .unwrap_or_default()
            ),
        })
        .collect();
    if conditions.is_empty() {
        Outcome::Decided {
            decision: Decision::Adopted,
            reasons: vec![Reason {
                item: 0,
                text: format!("委託パターン{pattern}の評価項目をすべて満たしている（A）"),
            }],
        }
    } else {
        Outcome::Decided {
            decision: Decision::AdoptedConditional,
            reasons: conditions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NO_SHORTCUT: ShortcutFacts = ShortcutFacts {
        pmark_valid: false,
        leak_in_2_years: false,
    };

    /// The sheet's ○ columns, counted: I has 16 items, II all 20, III 6, IV 5.
    #[test]
    fn the_applicability_table_is_the_sheets() {
        let counts: Vec<usize> = Pattern::ALL
            .iter()
            .map(|&p| applicable_items(p).count())
            .collect();
        assert_eq!(counts, [16, 20, 6, 5]);
        assert!(!applies(Pattern::IV, 4), "No.4 is — for IV");
        assert!(applies(Pattern::III, 4));
        assert!(!applies(Pattern::I, 17) && applies(Pattern::II, 17));
        assert!(!applies(Pattern::I, 0) && !applies(Pattern::I, 21));
    }

    fn complete(pattern: Pattern, j: Judgment) -> Sheet {
        let mut sheet = Sheet::default();
        for n in 1..=20 {
            let judgment = if applies(pattern, n) {
                j
            } else {
                Judgment::NotApplicable
            };
            sheet.judgments.insert(n, judgment);
            if judgment == Judgment::B {
                sheet.improvements.insert(n, "規程を整備する".into());
            }
        }
        sheet
    }

    /// Every pattern × every item: what the sheet allows for each judgment.
    #[test]
    fn every_item_of_every_pattern_follows_the_sheet() {
        for pattern in Pattern::ALL {
            for item in 1..=20u8 {
                let on = applies(pattern, item);
                for j in [Judgment::A, Judgment::C] {
                    let r = check_judgment(pattern, item, j, None);
                    assert_eq!(r.is_ok(), on, "{pattern} No.{item} {j:?}");
                    if let Err(e) = r {
                        assert!(e.message.contains(&format!("No.{item} ")), "{}", e.message);
                    }
                }
                let dash = check_judgment(pattern, item, Judgment::NotApplicable, None);
                assert_eq!(dash.is_ok(), !on, "{pattern} No.{item} —");
                if on {
                    // B needs its improvement, naming the item.
                    let err = check_judgment(pattern, item, Judgment::B, Some(" ")).unwrap_err();
                    assert_eq!(err.field, "改善措置等");
                    assert!(err.message.contains(&format!("No.{item} ")));
                    assert!(
                        check_judgment(pattern, item, Judgment::B, Some("手順書を作成中")).is_ok()
                    );

                    // Left empty: the sheet is incomplete and lists exactly that item.
                    let mut sheet = complete(pattern, Judgment::A);
                    sheet.judgments.remove(&item);
                    assert_eq!(
                        decide(pattern, NO_SHORTCUT, &sheet),
                        Outcome::Incomplete {
                            missing: vec![item]
                        },
                        "{pattern} No.{item}"
                    );

                    // One C: 不採用 naming that item.
                    let mut sheet = complete(pattern, Judgment::A);
                    sheet.judgments.insert(item, Judgment::C);
                    match decide(pattern, NO_SHORTCUT, &sheet) {
                        Outcome::Decided {
                            decision: Decision::Rejected,
                            reasons,
                        } => {
                            assert_eq!(reasons.iter().map(|r| r.item).collect::<Vec<_>>(), [item]);
                        }
                        other => panic!("{pattern} No.{item}: {other:?}"),
                    }

                    // One B: 採用（改善条件付）naming that item and its improvement.
                    let mut sheet = complete(pattern, Judgment::A);
                    sheet.judgments.insert(item, Judgment::B);
                    sheet
                        .improvements
                        .insert(item, "来月までに教育を実施".into());
                    match decide(pattern, NO_SHORTCUT, &sheet) {
                        Outcome::Decided {
                            decision: Decision::AdoptedConditional,
                            reasons,
                        } => {
                            assert_eq!(reasons.len(), 1);
                            assert_eq!(reasons[0].item, item);
                            assert!(reasons[0].text.contains("来月までに教育を実施"));
                        }
                        other => panic!("{pattern} No.{item}: {other:?}"),
                    }
                }
            }
            assert!(matches!(
                decide(pattern, NO_SHORTCUT, &complete(pattern, Judgment::A)),
                Outcome::Decided {
                    decision: Decision::Adopted,
                    ..
                }
            ));
        }
    }

    #[test]
    fn an_empty_sheet_lists_every_applicable_item() {
        let Outcome::Incomplete { missing } = decide(Pattern::III, NO_SHORTCUT, &Sheet::default())
        else {
            panic!("an empty sheet is incomplete");
        };
        assert_eq!(missing, [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn the_pmark_shortcut_is_for_pattern_i_without_a_leak() {
        let pmark = ShortcutFacts {
            pmark_valid: true,
            leak_in_2_years: false,
        };
        // Pattern I: 採用 without any item.
        match decide(Pattern::I, pmark, &Sheet::default()) {
            Outcome::Decided {
                decision: Decision::Adopted,
                reasons,
            } => {
                assert_eq!(reasons[0].item, 0);
                assert!(reasons[0].text.contains("選定基準(1)"));
            }
            other => panic!("{other:?}"),
        }
        // Other patterns: the P-mark changes nothing.
        for p in [Pattern::II, Pattern::III, Pattern::IV] {
            assert!(matches!(
                decide(p, pmark, &Sheet::default()),
                Outcome::Incomplete { .. }
            ));
        }
        // A P-mark holder with a leak in the past 2 years is evaluated item by item.
        let leaked = ShortcutFacts {
            pmark_valid: true,
            leak_in_2_years: true,
        };
        assert!(matches!(
            decide(Pattern::I, leaked, &Sheet::default()),
            Outcome::Incomplete { .. }
        ));
        let mut sheet = complete(Pattern::I, Judgment::A);
        sheet.judgments.insert(11, Judgment::C);
        assert!(matches!(
            decide(Pattern::I, leaked, &sheet),
            Outcome::Decided {
                decision: Decision::Rejected,
                ..
            }
        ));
        // An expired P-mark is no P-mark.
        let expired = ShortcutFacts::default();
        assert!(!shortcut_applies(Pattern::I, expired));
    }

    #[test]
    fn judgments_and_items_read_what_clerks_type() {
        assert_eq!(Judgment::parse(1, "Ａ"), Ok(Judgment::A));
        assert_eq!(Judgment::parse(1, "b"), Ok(Judgment::B));
        assert_eq!(Judgment::parse(1, "－"), Ok(Judgment::NotApplicable));
        assert_eq!(Judgment::parse(1, "—"), Ok(Judgment::NotApplicable));
        for bad in ["D", "○", "AA", ""] {
            assert_eq!(Judgment::parse(3, bad).unwrap_err().field, "判定", "{bad}");
        }
        assert_eq!(parse_item("７"), Ok(7));
        assert_eq!(parse_item("No.20"), Ok(20));
        for bad in ["0", "21", "x", "-1"] {
            assert_eq!(parse_item(bad).unwrap_err().field, "評価項目", "{bad}");
        }
        assert_eq!("ⅳ".parse::<Pattern>(), Ok(Pattern::IV));
        assert_eq!("2".parse::<Pattern>(), Ok(Pattern::II));
        assert_eq!("V".parse::<Pattern>().unwrap_err().field, "委託パターン");
    }

    fn judgment() -> impl Strategy<Value = Judgment> {
        prop_oneof![Just(Judgment::A), Just(Judgment::B), Just(Judgment::C)]
    }

    proptest! {
        /// For any complete set of judgments, 不採用 exactly when some applicable item is C.
        #[test]
        fn rejected_exactly_when_some_applicable_item_is_c(
            p in 0usize..4,
            js in proptest::collection::vec(judgment(), 20),
            pmark_valid in any::<bool>(),
        ) {
            let pattern = Pattern::ALL[p];
            let facts = ShortcutFacts { pmark_valid, leak_in_2_years: true };
            let mut sheet = Sheet::default();
            for n in 1..=20u8 {
                let j = if applies(pattern, n) { js[usize::from(n - 1)] } else { Judgment::NotApplicable };
                sheet.judgments.insert(n, j);
                if j == Judgment::B {
                    sheet.improvements.insert(n, "改善中".into());
                }
            }
            let any_c = applicable_items(pattern).any(|n| sheet.judgments[&n] == Judgment::C);
            match decide(pattern, facts, &sheet) {
                Outcome::Decided { decision, .. } => prop_assert_eq!(decision == Decision::Rejected, any_c),
                Outcome::Incomplete { missing } => prop_assert!(false, "complete sheet reported missing {:?}", missing),
            }
        }
    }
}
