//! Seed catalogs of 関係事務 for `kiroku init --template`, from the offices' 取扱規程.
//!
//! Each catalog copies the wording of the regulation it cites (the files under
//! `reference/`, named by their three-digit prefix in [`SeedAffair::basis`]). Where the
//! regulation groups affairs under a heading naming whose numbers are handled (職員等,
//! 役職員以外の個人, …), that heading is appended in full-width parentheses so that
//! each name stands alone and the same affair for two groups stays distinct.

/// An office type whose 取扱規程 seeds the affair catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfficeTemplate {
    /// 一部事務組合 / 広域事務組合 (003 中部広域市町村圏事務組合特定個人情報事務取扱規程).
    Jimukumiai,
    /// 労働保険事務組合 (002 宮崎県労働保険協会 特定個人情報取扱規程).
    Roudouhoken,
    /// 共済組合の長期給付事業 (001 兵庫県市町村職員共済組合 特定個人情報等取扱要綱).
    Kyosai,
}

/// One seeded affair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedAffair {
    /// The affair's name as a list entry, in the regulation's wording.
    pub name: &'static str,
    /// The article it comes from: source file prefix, then article and item.
    pub basis: &'static str,
}

const fn a(name: &'static str, basis: &'static str) -> SeedAffair {
    SeedAffair { name, basis }
}

/// 003 第3条: 事務組合が個人番号を取り扱う事務の範囲. The source text carries no item
/// numbers for this article, so the basis cites the group heading instead.
const JIMUKUMIAI: &[SeedAffair] = &[
    // 職員等に係る個人番号関係事務
    a(
        "給与所得等に係る源泉徴収票の作成等の事務（職員等）",
        "003 第3条 職員等に係る個人番号関係事務",
    ),
    a(
        "住民税に関する届出等の事務（職員等）",
        "003 第3条 職員等に係る個人番号関係事務",
    ),
    a(
        "健康保険、厚生年金保険に関する届出等の事務（職員等）",
        "003 第3条 職員等に係る個人番号関係事務",
    ),
    a(
        "公務災害、労働者災害補償保険に関する請求等の事務（職員等）",
        "003 第3条 職員等に係る個人番号関係事務",
    ),
    a(
        "雇用保険に関する届出等の事務（職員等）",
        "003 第3条 職員等に係る個人番号関係事務",
    ),
    a(
        "勤労者財産形成貯蓄契約に関する届出等の事務（職員等）",
        "003 第3条 職員等に係る個人番号関係事務",
    ),
    a(
        "児童手当に関する支給等の事務（職員等）",
        "003 第3条 職員等に係る個人番号関係事務",
    ),
    // 職員等の被扶養者に係る個人番号関係事務
    a(
        "国民年金の第三号被保険者の届出等に関する事務（職員等の被扶養者）",
        "003 第3条 職員等の被扶養者に係る個人番号関係事務",
    ),
    // 理事、組合議員及び第三者に係る個人番号関係事務
    a(
        "報酬等に係る支払調書の作成等の事務（理事、組合議員及び第三者）",
        "003 第3条 理事、組合議員及び第三者に係る個人番号関係事務",
    ),
    a(
        "給与所得等に係る源泉徴収票の作成等の事務（理事、組合議員及び第三者）",
        "003 第3条 理事、組合議員及び第三者に係る個人番号関係事務",
    ),
    a(
        "住民税に関する届出等の事務（理事、組合議員及び第三者）",
        "003 第3条 理事、組合議員及び第三者に係る個人番号関係事務",
    ),
    a(
        "公務災害に関する請求等の事務（理事、組合議員及び第三者）",
        "003 第3条 理事、組合議員及び第三者に係る個人番号関係事務",
    ),
];

/// 002 第3条 (① 役職員等から取得して行う事務, ② 委託事業主から取得して行う事務) and
/// the 別表 that details ①. Entries of the 別表 that repeat a 第3条① entry are merged
/// into it (basis `第3条①・別表`). The 別表's trailing 「等」 is kept as written.
const ROUDOUHOKEN: &[SeedAffair] = &[
    // 第3条① 役職員（扶養家族を含む）に係る個人番号関係事務
    a(
        "給与所得・退職所得の源泉徴収票作成事務（役職員・扶養家族）",
        "002 第3条①",
    ),
    a("雇用保険届出事務（役職員・扶養家族）", "002 第3条①"),
    a(
        "健康保険・厚生年金保険届出事務（役職員・扶養家族）",
        "002 第3条①",
    ),
    // 第3条① 役職員の配偶者に係る個人番号関係事務
    a(
        "国民年金の第3号被保険者の届出事務（役職員の配偶者）",
        "002 第3条①",
    ),
    // 第3条① 役職員以外の個人に係る個人番号関係事務 (all three also in the 別表)
    a(
        "報酬・料金等の支払調書作成事務（役職員以外の個人）",
        "002 第3条①・別表",
    ),
    a(
        "不動産の使用料等の支払調書作成事務（役職員以外の個人）",
        "002 第3条①・別表",
    ),
    // The 別表 writes 「不動産等の譲受けの対価の支払調書作成事務」.
    a(
        "不動産の譲受けの対価の支払調書作成事務（役職員以外の個人）",
        "002 第3条①・別表",
    ),
    // 第3条② 新規被雇用者に係る個人番号関係事務
    a(
        "雇用保険被保険者資格取得届作成事務（委託事業主の新規被雇用者）",
        "002 第3条②",
    ),
    a(
        "雇用保険被保険者氏名変更・喪失届作成事務（委託事業主の新規被雇用者）",
        "002 第3条②",
    ),
    // 第3条② 在職者に係る個人番号関係事務
    a(
        "個人番号登録・変更届書（仮称）作成事務（委託事業主の在職者）",
        "002 第3条②",
    ),
    a(
        "個人番号登録（連記式）個人別票（仮称）作成事務（委託事業主の在職者）",
        "002 第3条②",
    ),
    // 別表 役職員（扶養家族を含む）に係る個人番号関係事務（右記に関連する事務を含む）
    a("源泉徴収関連事務等（役職員・扶養家族）", "002 別表"),
    a(
        "扶養控除等（異動）申告書、保険料控除申告書兼給与所得者の配偶者特別控除申告書作成事務等（役職員・扶養家族）",
        "002 別表",
    ),
    a("給与支払報告書作成事務等（役職員・扶養家族）", "002 別表"),
    a(
        "給与支払報告特別徴収に係る給与所得者異動届出書作成事務等（役職員・扶養家族）",
        "002 別表",
    ),
    a(
        "特別徴収への切替申請書作成事務等（役職員・扶養家族）",
        "002 別表",
    ),
    a(
        "退職手当金等受給者別支払調書作成事務等（役職員・扶養家族）",
        "002 別表",
    ),
    a(
        "退職所得に関する申告書作成事務等（役職員・扶養家族）",
        "002 別表",
    ),
    a(
        "財産形成住宅貯蓄・財産形成年金貯蓄に関する申告書、届出書及び申込書作成事務等（役職員・扶養家族）",
        "002 別表",
    ),
    a(
        "健康保険、厚生年金、企業年金届出事務等（役職員・扶養家族）",
        "002 別表",
    ),
    a("国民年金第3号届出事務等（役職員・扶養家族）", "002 別表"),
    a(
        "健康保険、厚生年金、企業年金申請・請求事務等（役職員・扶養家族）",
        "002 別表",
    ),
    a(
        "雇用保険、労災保険届出事務等（役職員・扶養家族）",
        "002 別表",
    ),
    a(
        "雇用保険申請・請求事務等（役職員・扶養家族）",
        "002 別表",
    ),
    // Bracketed 【…】 in the 別表, as the model 規程 marks an item that applies only to
    // some employers.
    a(
        "持株会に係る金融商品取引に関する法定書類の作成・提供事務（役職員・扶養家族）",
        "002 別表",
    ),
    // 別表 役職員以外の個人に係る個人番号関係事務（右記に関連する事務を含む）
    a(
        "配当、剰余金の分配及び基金利息の支払調書作成事務（役職員以外の個人）",
        "002 別表",
    ),
];

/// 001 第4条: 長期給付事業における個人番号利用事務として特定個人情報等を取り扱う事務の種類.
const KYOSAI: &[SeedAffair] = &[
    a("個人番号取得事務", "001 第4条(1)"),
    a("回付・進達事務", "001 第4条(2)"),
    a("個人番号入力事務", "001 第4条(3)"),
    a("特定個人情報管理・保管事務", "001 第4条(4)"),
    a("委託先管理事務", "001 第4条(5)"),
    a("廃棄・削除事務", "001 第4条(6)"),
    a("情報システム管理事務", "001 第4条(7)"),
];

impl OfficeTemplate {
    /// Every template, in the order offered to the user.
    pub const ALL: [OfficeTemplate; 3] = [
        OfficeTemplate::Jimukumiai,
        OfficeTemplate::Roudouhoken,
        OfficeTemplate::Kyosai,
    ];

    /// The identifier used on the command line (`--template jimukumiai`).
    pub fn as_str(self) -> &'static str {
        match self {
            OfficeTemplate::Jimukumiai => "jimukumiai",
            OfficeTemplate::Roudouhoken => "roudouhoken",
            OfficeTemplate::Kyosai => "kyosai",
        }
    }

    /// The office type's name for display.
    pub fn label(self) -> &'static str {
        match self {
            OfficeTemplate::Jimukumiai => "事務組合",
            OfficeTemplate::Roudouhoken => "労働保険事務組合",
            OfficeTemplate::Kyosai => "共済組合（長期給付）",
        }
    }

    /// The template named by its identifier, as returned by [`OfficeTemplate::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The affairs this office type's regulation lists, in the regulation's order.
    pub fn affairs(self) -> &'static [SeedAffair] {
        match self {
            OfficeTemplate::Jimukumiai => JIMUKUMIAI,
            OfficeTemplate::Roudouhoken => ROUDOUHOKEN,
            OfficeTemplate::Kyosai => KYOSAI,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn source_prefix(t: OfficeTemplate) -> &'static str {
        match t {
            OfficeTemplate::Kyosai => "001",
            OfficeTemplate::Roudouhoken => "002",
            OfficeTemplate::Jimukumiai => "003",
        }
    }

    fn names(t: OfficeTemplate) -> Vec<&'static str> {
        t.affairs().iter().map(|a| a.name).collect()
    }

    #[test]
    fn every_template_has_at_least_three_affairs() {
        for t in OfficeTemplate::ALL {
            assert!(t.affairs().len() >= 3, "{t:?}");
        }
    }

    #[test]
    fn names_are_nonempty_trimmed_unique_and_short() {
        for t in OfficeTemplate::ALL {
            let mut seen = HashSet::new();
            for a in t.affairs() {
                assert!(!a.name.trim().is_empty(), "{t:?}: empty name");
                assert_eq!(a.name, a.name.trim(), "{t:?}: untrimmed {:?}", a.name);
                assert!(
                    a.name.chars().count() <= 60,
                    "{t:?}: too long ({} chars): {}",
                    a.name.chars().count(),
                    a.name
                );
                assert!(seen.insert(a.name), "{t:?}: duplicate {}", a.name);
            }
        }
    }

    #[test]
    fn every_basis_cites_the_template_source_and_an_article() {
        for t in OfficeTemplate::ALL {
            let prefix = format!("{} ", source_prefix(t));
            for a in t.affairs() {
                assert!(
                    a.basis.starts_with(&prefix),
                    "{t:?}: {} has basis {:?}",
                    a.name,
                    a.basis
                );
                let cite = &a.basis[prefix.len()..];
                assert!(
                    cite.starts_with('第') || cite.starts_with("別表"),
                    "{t:?}: basis {:?} cites no article",
                    a.basis
                );
            }
        }
    }

    #[test]
    fn parse_round_trips_as_str_and_rejects_others() {
        for t in OfficeTemplate::ALL {
            assert_eq!(OfficeTemplate::parse(t.as_str()), Some(t));
            assert!(!t.label().is_empty());
        }
        let ids: HashSet<_> = OfficeTemplate::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(ids.len(), OfficeTemplate::ALL.len());
        for bad in ["", "Kyosai", " kyosai", "kyosai ", "事務組合", "jimu"] {
            assert_eq!(OfficeTemplate::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn templates_do_not_share_a_catalog() {
        let all: Vec<_> = OfficeTemplate::ALL.iter().map(|t| names(*t)).collect();
        assert_ne!(all[0], all[1]);
        assert_ne!(all[1], all[2]);
        assert_ne!(all[0], all[2]);
    }

    #[test]
    fn jimukumiai_pins_003_article_3() {
        let n = names(OfficeTemplate::Jimukumiai);
        assert_eq!(n.len(), 12);
        assert!(n.contains(&"児童手当に関する支給等の事務（職員等）"));
        assert!(n.contains(&"国民年金の第三号被保険者の届出等に関する事務（職員等の被扶養者）"));
        // The same affair under two groups stays two entries.
        assert!(n.contains(&"公務災害に関する請求等の事務（理事、組合議員及び第三者）"));
    }

    #[test]
    fn roudouhoken_pins_002_article_3_and_table() {
        let n = names(OfficeTemplate::Roudouhoken);
        assert!(n.contains(&"雇用保険被保険者資格取得届作成事務（委託事業主の新規被雇用者）"));
        assert!(n.contains(&"給与支払報告書作成事務等（役職員・扶養家族）"));
        // 別表 repeats of 第3条① are merged, not listed twice.
        let payment = OfficeTemplate::Roudouhoken
            .affairs()
            .iter()
            .filter(|a| a.name.starts_with("報酬・料金等の支払調書作成事務"))
            .count();
        assert_eq!(payment, 1);
    }

    #[test]
    fn kyosai_pins_001_article_4() {
        let affairs = OfficeTemplate::Kyosai.affairs();
        assert_eq!(affairs.len(), 7);
        assert_eq!(
            affairs
                .iter()
                .find(|a| a.name == "回付・進達事務")
                .map(|a| a.basis),
            Some("001 第4条(2)")
        );
    }
}
