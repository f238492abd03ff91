//! Which retention rule an acquisition's papers most likely follow, from its 関係事務
//! (DOMAIN.md §6): a suggestion the clerk sees pre-selected and may change.

use unicode_normalization::UnicodeNormalization;

/// Words of a 関係事務's name → the built-in rule its papers are kept by, first match wins;
/// `None` stops the search (財形年金貯蓄 is no 年金請求). More specific words come before the
/// general ones (退職所得 before 源泉, 第3号 before 年金).
const BY_AFFAIR: [(&[&str], Option<&str>); 8] = [
    (
        &["扶養控除", "年末調整"],
        Some("給与所得者の扶養控除等（異動）申告書"),
    ),
    (
        &["退職所得", "退職手当"],
        Some("退職所得の受給に関する申告書"),
    ),
    (
        &["保険料控除", "配偶者控除", "配偶者特別控除", "基礎控除"],
        Some("保険料控除申告書・配偶者控除等申告書・基礎控除申告書 等"),
    ),
    (&["源泉"], Some("給与所得者の扶養控除等（異動）申告書")),
    (
        &["雇用保険"],
        Some("雇用保険 被保険者に関する書類（資格取得届等の控え）"),
    ),
    (
        &["健康保険", "厚生年金", "企業年金", "第3号", "第三号"],
        Some("健康保険・厚生年金保険 届出の控え"),
    ),
    (&["財産形成", "財形"], None),
    (&["長期給付", "年金"], Some("年金請求書等（共済 長期給付）")),
];

/// The rule of `rule_names` (the office's current rules) that the papers of an acquisition for
/// `affair` are kept by: matched on the affair's words (full-width and half-width alike), and
/// only when the office still has that rule under its built-in name. `None` when no word
/// matches: the clerk chooses.
pub fn suggested_rule<'a>(
    affair: &str,
    rule_names: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let affair: String = affair.nfkc().filter(|c| !c.is_whitespace()).collect();
    BY_AFFAIR
        .iter()
        .find(|(words, _)| words.iter().any(|w| affair.contains(w)))
        .and_then(|(_, rule)| *rule)
        .and_then(|rule| rule_names.into_iter().find(|n| *n == rule))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::affair_templates::OfficeTemplate;
    use crate::retention::built_in;

    fn suggest(affair: &str) -> Option<String> {
        let rules = built_in();
        suggested_rule(affair, rules.iter().map(|r| r.name.as_str())).map(str::to_owned)
    }

    #[test]
    fn every_target_is_a_built_in_rule() {
        let names: Vec<String> = built_in().into_iter().map(|r| r.name).collect();
        for rule in BY_AFFAIR.iter().filter_map(|(_, rule)| *rule) {
            assert!(names.iter().any(|n| n == rule), "{rule}");
        }
    }

    #[test]
    fn declarations_follow_the_return_rules() {
        // 年末調整 and 源泉徴収 collect the 扶養控除等申告書 (kept 7 years from the 年分).
        for affair in [
            "扶養控除等（異動）申告書、保険料控除申告書兼給与所得者の配偶者特別控除申告書作成事務等（役職員・扶養家族）",
            "年末調整事務",
            "給与所得等に係る源泉徴収票の作成等の事務（職員等）",
            "源泉徴収関連事務等（役職員・扶養家族）",
        ] {
            assert_eq!(
                suggest(affair).as_deref(),
                Some("給与所得者の扶養控除等（異動）申告書"),
                "{affair}"
            );
        }
        assert_eq!(
            suggest("退職所得に関する申告書作成事務等（役職員・扶養家族）").as_deref(),
            Some("退職所得の受給に関する申告書")
        );
        assert_eq!(
            suggest("保険料控除申告書の受付").as_deref(),
            Some("保険料控除申告書・配偶者控除等申告書・基礎控除申告書 等")
        );
    }

    #[test]
    fn insurance_and_pensions_follow_their_rules() {
        for (affair, rule) in [
            (
                "雇用保険に関する届出等の事務（職員等）",
                "雇用保険 被保険者に関する書類（資格取得届等の控え）",
            ),
            (
                "雇用保険被保険者資格取得届作成事務（委託事業主の新規被雇用者）",
                "雇用保険 被保険者に関する書類（資格取得届等の控え）",
            ),
            (
                "健康保険、厚生年金保険に関する届出等の事務（職員等）",
                "健康保険・厚生年金保険 届出の控え",
            ),
            (
                "国民年金の第3号被保険者の届出事務（役職員の配偶者）",
                "健康保険・厚生年金保険 届出の控え",
            ),
            ("長期給付事務", "年金請求書等（共済 長期給付）"),
            ("年金の請求に関する事務", "年金請求書等（共済 長期給付）"),
            // Half-width and spaced forms read alike.
            (
                "雇用 保険ﾃﾞｰﾀ届出",
                "雇用保険 被保険者に関する書類（資格取得届等の控え）",
            ),
        ] {
            assert_eq!(suggest(affair).as_deref(), Some(rule), "{affair}");
        }
    }

    #[test]
    fn no_suggestion_when_nothing_matches_or_the_rule_was_renamed() {
        assert_eq!(suggest("委託先管理事務"), None);
        assert_eq!(suggest("住民税に関する届出等の事務（職員等）"), None);
        // The office renamed the rule: nothing is guessed in its place.
        let renamed = ["扶養控除申告書（当組合）", "雇用保険 その他の書類"];
        assert_eq!(suggested_rule("年末調整", renamed), None);
        // Every affair of every template gets a rule or none, never a panic.
        assert_eq!(
            suggest("財産形成住宅貯蓄・財産形成年金貯蓄に関する申告書、届出書及び申込書作成事務等（役職員・扶養家族）"),
            None
        );
        // Every affair of every template: the ones about returns, insurance and pensions get
        // their rule.
        let suggested = OfficeTemplate::ALL
            .iter()
            .flat_map(|t| t.affairs())
            .filter(|a| suggest(a.name).is_some())
            .count();
        assert!(suggested >= 15, "{suggested}");
    }
}
