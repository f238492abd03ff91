//! 契約に盛り込む事項: the clauses a contract with a 委託先 must contain, by the 規程 that
//! requires them (001 第14条(5), 002 第47条, 004 第8条).
//!
//! The officer ticks each clause per contractor with the contract's name and date; the
//! unticked ones are what the contract is missing. Each [`Clause::text`] copies the
//! regulation's wording (the files under `reference/`, named by their three-digit prefix).
//!
//! Where the regulations' structure goes beyond a plain list of contract items:
//!
//! - 001 第14条(5) ② 「個人情報の安全管理に関する事項」 has sub-items ア–ウ; they belong to
//!   ② and are kept in its text, so 001 still has seven clauses.
//! - 002 第47条3項⑥ (暴力団員等に該当しないこと) is, in the regulation, one of the points
//!   checked when the 委託先 is selected (3項 「委託先の適切な選定」), not one of the 4項
//!   contract items; it is listed here as the 反社会的勢力でないことの確認 to tick.
//! - 002 第47条8–10項 are three paragraphs. 8項 (再委託は本組合の許諾を得た場合に限る) and
//!   10項 (再委託契約に第4項と同等の規定等を盛り込ませる) bind the 委託先 and so belong in
//!   the contract; 9項 is 本組合's own duty to supervise and is not a contract term, so it
//!   is not listed.

/// Which regulation a clause comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseSource {
    /// 001 兵庫県市町村職員共済組合 特定個人情報等取扱要綱 第14条(5) 委託先管理事務 「契約」.
    Kyosai001,
    /// 002 宮崎県労働保険協会 特定個人情報取扱規程 第47条 (委託先における安全管理措置).
    Roudou002,
    /// 004 大分県市町村職員共済組合 個人情報保護に関する規程細則 第8条 (委託).
    Oita004,
}

impl ClauseSource {
    /// Every source, in catalog order.
    pub const ALL: [ClauseSource; 3] = [
        ClauseSource::Kyosai001,
        ClauseSource::Roudou002,
        ClauseSource::Oita004,
    ];

    /// The article the clauses come from, as cited.
    pub fn label(self) -> &'static str {
        match self {
            ClauseSource::Kyosai001 => "001 第14条(5)",
            ClauseSource::Roudou002 => "002 第47条",
            ClauseSource::Oita004 => "004 第8条",
        }
    }
}

/// One clause of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// Stable identifier used on the command line and in the vault, e.g. `001-5-1` …
    /// `001-5-7`, `002-4-1` … `002-4-10`, `002-3-6` (反社会的勢力), `002-8` (再委託の許諾),
    /// `002-10` (再委託契約の内容), `004-1` … `004-13`.
    pub id: &'static str,
    /// The regulation it comes from.
    pub source: ClauseSource,
    /// The article and item as cited, e.g. 「001 第14条(5)①」, 「002 第47条4項⑩」,
    /// 「004 第8条(13)」.
    pub article: &'static str,
    /// The clause's text, verbatim from the regulation (the item's sentence; where an item
    /// is very long, its first sentence, still verbatim — never paraphrased).
    pub text: &'static str,
}

const fn c(
    id: &'static str,
    source: ClauseSource,
    article: &'static str,
    text: &'static str,
) -> Clause {
    Clause {
        id,
        source,
        article,
        text,
    }
}

use ClauseSource::{Kyosai001 as K, Oita004 as O, Roudou002 as R};

/// The whole checklist, in regulation order: 001, then 002 (3項⑥, 4項①–⑩, 8項, 10項),
/// then 004.
pub const CLAUSES: &[Clause] = &[
    // 001 第14条(5) 委託先管理事務 契約 【委託契約の内容に含む事項】
    c("001-5-1", K, "001 第14条(5)①", "秘密保持義務"),
    c(
        "001-5-2",
        K,
        "001 第14条(5)②",
        "個人情報の安全管理に関する事項 ア 目的外利用の禁止 イ 契約範囲外の加工・複写・複製の禁止 ウ 委託契約終了後の個人情報の返還・廃棄・削除に関する事項",
    ),
    c(
        "001-5-3",
        K,
        "001 第14条(5)③",
        "事務取扱担当者の教育・監督に関する事項",
    ),
    c(
        "001-5-4",
        K,
        "001 第14条(5)④",
        "再委託に関する事項(原則、再委託は禁止。やむを得ず再委託する場合は、委託と同等の条件を満たすこと。)",
    ),
    c(
        "001-5-5",
        K,
        "001 第14条(5)⑤",
        "契約内容の履行状況を確認するための委託者への報告又は委託者による監査に関する事項",
    ),
    c(
        "001-5-6",
        K,
        "001 第14条(5)⑥",
        "契約内容の不履行等が発生した場合の措置に関する事項",
    ),
    c(
        "001-5-7",
        K,
        "001 第14条(5)⑦",
        "特定個人情報等の漏えい、滅失又はき損による事故等が発生した場合の報告に関する事項",
    ),
    // 002 第47条3項⑥: 反社会的勢力でないことの確認 (委託先の適切な選定)
    c(
        "002-3-6",
        R,
        "002 第47条3項⑥",
        "暴力団、暴力団員、暴力団員でなくなった時から5年を経過しない者、暴力団準構成員、暴力団関係企業、総会屋等、社会運動等標ぼうゴロ又は特殊知能暴力集団等、その他これらに準ずる者（以下総称して「暴力団員等」という。）又は以下の(i)から(v)までのいずれにも該当しないこと",
    ),
    // 002 第47条4項: 委託契約の内容として盛り込む規定等
    c("002-4-1", R, "002 第47条4項①", "秘密保持義務に関する規定"),
    c(
        "002-4-2",
        R,
        "002 第47条4項②",
        "事業所内からの特定個人情報の持出しの禁止",
    ),
    c(
        "002-4-3",
        R,
        "002 第47条4項③",
        "特定個人情報の目的外利用の禁止",
    ),
    c("002-4-4", R, "002 第47条4項④", "再委託における条件"),
    c(
        "002-4-5",
        R,
        "002 第47条4項⑤",
        "漏えい事案等が発生した場合の委託先の責任に関する規定",
    ),
    c(
        "002-4-6",
        R,
        "002 第47条4項⑥",
        "委託契約終了後の特定個人情報の返却又は廃棄に関する規定",
    ),
    c(
        "002-4-7",
        R,
        "002 第47条4項⑦",
        "従業者に対する監督・教育に関する規定",
    ),
    c(
        "002-4-8",
        R,
        "002 第47条4項⑧",
        "契約内容の遵守状況について報告を求める規定",
    ),
    c(
        "002-4-9",
        R,
        "002 第47条4項⑨",
        "特定個人情報を取り扱う従業者の明確化に関する規定",
    ),
    c(
        "002-4-10",
        R,
        "002 第47条4項⑩",
        "委託者が委託先に対して実地の調査を行うことができる規定",
    ),
    // 002 第47条8項・10項: 再委託
    c(
        "002-8",
        R,
        "002 第47条8項",
        "委託先は、本組合の許諾を得た場合に限り、委託を受けた個人番号関係事務の全部又は一部を再委託することができるものとする。再委託先が更に再委託する場合も同様とする。",
    ),
    c(
        "002-10",
        R,
        "002 第47条10項",
        "本組合は、委託先が再委託をする場合、当該再委託契約の内容として、第4項と同等の規定等を盛り込ませるものとする。",
    ),
    // 004 第8条: 委託契約書等に明記する必要な事項
    c("004-1", O, "004 第8条(1)", "秘密保持義務"),
    c("004-2", O, "004 第8条(2)", "目的外使用の禁止"),
    c("004-3", O, "004 第8条(3)", "複写・複製の禁止"),
    c("004-4", O, "004 第8条(4)", "第三者提供の禁止"),
    c("004-5", O, "004 第8条(5)", "再委託における条件"),
    c(
        "004-6",
        O,
        "004 第8条(6)",
        "個人情報の授受の方法及び保管方法",
    ),
    c("004-7", O, "004 第8条(7)", "個人情報の管理責任者"),
    c("004-8", O, "004 第8条(8)", "作業場所"),
    c(
        "004-9",
        O,
        "004 第8条(9)",
        "個人情報の管理状況に関する報告の義務",
    ),
    c(
        "004-10",
        O,
        "004 第8条(10)",
        "事故等の発生時における報告の義務",
    ),
    c(
        "004-11",
        O,
        "004 第8条(11)",
        "委託処理終了後の個人情報の返還、消去又は廃棄",
    ),
    c(
        "004-12",
        O,
        "004 第8条(12)",
        "契約事項に違反した場合の契約解除及び損害賠償",
    ),
    c(
        "004-13",
        O,
        "004 第8条(13)",
        "前各号に掲げるもののほか、個人情報の保護に関し必要な事項",
    ),
];

/// The clause with this id (surrounding whitespace ignored; otherwise exact, ASCII).
pub fn clause(id: &str) -> Option<&'static Clause> {
    let id = id.trim();
    CLAUSES.iter().find(|c| c.id == id)
}

/// The clauses one regulation requires, in regulation order.
pub fn by_source(source: ClauseSource) -> impl Iterator<Item = &'static Clause> {
    CLAUSES.iter().filter(move |c| c.source == source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_ascii() {
        let mut seen = HashSet::new();
        for c in CLAUSES {
            assert!(seen.insert(c.id), "duplicate id {}", c.id);
            assert!(
                c.id.bytes().all(|b| b.is_ascii_digit() || b == b'-'),
                "id {:?} is not digits and hyphens",
                c.id
            );
            assert!(!c.text.trim().is_empty(), "{} has no text", c.id);
        }
    }

    #[test]
    fn counts_per_source_follow_the_regulations() {
        assert_eq!(by_source(ClauseSource::Kyosai001).count(), 7);
        // 3項⑥, 4項①–⑩, 8項, 10項.
        assert_eq!(by_source(ClauseSource::Roudou002).count(), 13);
        assert_eq!(by_source(ClauseSource::Oita004).count(), 13);
        assert_eq!(CLAUSES.len(), 33);
    }

    #[test]
    fn catalog_is_grouped_by_source_in_order() {
        let order: Vec<_> = CLAUSES.iter().map(|c| c.source).collect();
        let mut sorted = order.clone();
        sorted.sort_by_key(|s| ClauseSource::ALL.iter().position(|a| a == s));
        assert_eq!(order, sorted);
    }

    fn circled(n: u32) -> char {
        // ① is U+2460; ①–⑳ are consecutive.
        char::from_u32(0x2460 + n - 1).unwrap()
    }

    /// The item marker the regulation prints before the clause, and the article cited,
    /// both derived from the id.
    fn expected(c: &Clause) -> (String, String) {
        let parts: Vec<u32> = c.id.split('-').map(|p| p.parse().unwrap()).collect();
        match (c.source, parts.as_slice()) {
            (ClauseSource::Kyosai001, [1, 5, n]) => (
                circled(*n).to_string(),
                format!("001 第14条(5){}", circled(*n)),
            ),
            (ClauseSource::Roudou002, [2, p, n]) => (
                circled(*n).to_string(),
                format!("002 第47条{p}項{}", circled(*n)),
            ),
            (ClauseSource::Roudou002, [2, p]) => (p.to_string(), format!("002 第47条{p}項")),
            (ClauseSource::Oita004, [4, n]) => (format!("({n})"), format!("004 第8条({n})")),
            _ => panic!("id {} does not fit source {:?}", c.id, c.source),
        }
    }

    #[test]
    fn ids_articles_and_sources_agree() {
        for c in CLAUSES {
            let (_, article) = expected(c);
            assert_eq!(c.article, article, "{}", c.id);
            assert!(c.article.starts_with(c.source.label()), "{}", c.id);
        }
    }

    /// Drops whitespace and the `<p>` markup left by the PDF conversion, so a sentence
    /// broken across lines or table cells still matches.
    fn normalise(s: &str) -> String {
        s.replace("<p>", "")
            .replace("</p>", "")
            .chars()
            .filter(|ch| !ch.is_whitespace())
            .collect()
    }

    fn reference(source: ClauseSource) -> Option<String> {
        let file = match source {
            ClauseSource::Kyosai001 => "001-hyogo-kyosai-tokutei-kojin-joho-youkou.txt",
            ClauseSource::Roudou002 => "002-miyazaki-roudou-hoken-kyoukai-kitei.txt",
            ClauseSource::Oita004 => "004-oita-kyosai-kojin-joho-saisoku.txt",
        };
        let path = format!(
            "{}/../../../shared/reference/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).ok()
    }

    #[test]
    fn every_text_is_verbatim_in_its_regulation() {
        for source in ClauseSource::ALL {
            // The regulations sit beside the repository (../shared); without them there
            // is nothing to compare against.
            let Some(reference) = reference(source) else {
                return;
            };
            let reference = normalise(&reference);
            for c in by_source(source) {
                let (marker, _) = expected(c);
                let quoted = normalise(&format!("{marker}{}", c.text));
                assert!(
                    reference.contains(&quoted),
                    "{} ({}) is not verbatim in its regulation: {}",
                    c.id,
                    c.article,
                    c.text
                );
            }
        }
    }

    #[test]
    fn lookup_by_id() {
        let c = clause("002-4-10").unwrap();
        assert_eq!(c.article, "002 第47条4項⑩");
        assert_eq!(
            clause(" 004-13\n").map(|c| c.article),
            Some("004 第8条(13)")
        );
        assert_eq!(
            clause("002-8").map(|c| c.source),
            Some(ClauseSource::Roudou002)
        );
        for bad in [
            "",
            "002-4-11",
            "004-14",
            "001-5-0",
            "002-9",
            "００４-１",
            "004_1",
        ] {
            assert_eq!(clause(bad), None, "{bad:?}");
        }
        for c in CLAUSES {
            assert_eq!(clause(c.id), Some(c));
        }
    }

    #[test]
    fn source_serialises_snake_case() {
        assert_eq!(
            serde_json::to_string(&ClauseSource::Roudou002).unwrap(),
            "\"roudou002\""
        );
        for s in ClauseSource::ALL {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(serde_json::from_str::<ClauseSource>(&json).unwrap(), s);
        }
    }
}
