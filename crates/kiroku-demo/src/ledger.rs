//! The demo 台帳: its 特定個人情報ファイル, each with the entry the officer registers.

use kiroku_api::NewLedgerEntry;

use super::OFFICER_ID;

/// The 特定個人情報ファイル of the demo 台帳.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum File {
    Gensen,
    Fuyo,
    System,
    Jumin,
    Koyo,
    Shaho,
    Hoshu,
    Sango,
    Jido,
    Itaku,
    /// Only when the office has a 消防団.
    Dan,
}

impl File {
    pub(super) const ALL: [File; 11] = [
        File::Gensen,
        File::Fuyo,
        File::System,
        File::Jumin,
        File::Koyo,
        File::Shaho,
        File::Hoshu,
        File::Sango,
        File::Jido,
        File::Itaku,
        File::Dan,
    ];

    pub(super) fn entry(self) -> NewLedgerEntry {
        let e = |name: &str,
                 scope: &str,
                 handlers: &[&str],
                 purpose: &str,
                 retention: &str,
                 disposal: &str,
                 location: &str,
                 electronic: bool| NewLedgerEntry {
            name: name.into(),
            scope: scope.into(),
            dept: "総務課".into(),
            owner: OFFICER_ID.into(),
            handlers: handlers.iter().map(|h| (*h).to_owned()).collect(),
            purpose: purpose.into(),
            retention: retention.into(),
            disposal: disposal.into(),
            location: location.into(),
            electronic,
        };
        const CABINET: &str = "総務課キャビネット（施錠可）";
        match self {
            File::Gensen => e(
                "給与所得の源泉徴収票（控え）",
                "職員及び扶養家族の個人番号、氏名、生年月日、その他源泉徴収票記載事項",
                &["sato", "suzuki"],
                "源泉徴収票の作成及び税務署への提出、本人への交付",
                "翌年1月10日の翌日から7年",
                "shred",
                CABINET,
                false,
            ),
            File::Fuyo => e(
                "給与所得者の扶養控除等（異動）申告書",
                "職員及び扶養親族の個人番号、氏名、生年月日、住所、続柄",
                &["sato"],
                "年末調整及び源泉徴収票の作成",
                "翌年1月10日の翌日から7年",
                "dissolve:委託業者による溶解（廃棄証明書を受領）",
                "総務課書庫（施錠可）",
                false,
            ),
            File::System => e(
                "給与システム（個人番号管理機能）",
                "職員及び扶養親族の個人番号、氏名、生年月日、住所",
                &["sato", "suzuki"],
                "源泉徴収票、給与支払報告書及び社会保険等の届出書の作成",
                "退職後、最後の法定調書等の提出を終えた年度の末日まで",
                "system_delete",
                "総務課 給与システム端末（取扱区域内）",
                true,
            ),
            File::Jumin => e(
                "給与支払報告書（個人別明細書）控え",
                "職員の個人番号、氏名、住所、給与の支払金額等",
                &["sato"],
                "構成市町村への給与支払報告書の提出",
                "提出期限の翌日から5年",
                "shred",
                CABINET,
                false,
            ),
            File::Koyo => e(
                "雇用保険 被保険者資格取得届・喪失届（控え）",
                "会計年度任用職員の個人番号、氏名、生年月日",
                &["suzuki"],
                "公共職業安定所への届出",
                "完結の日から4年",
                "shred",
                CABINET,
                false,
            ),
            File::Shaho => e(
                "健康保険・厚生年金保険 被保険者資格取得届・喪失届（控え）",
                "会計年度任用職員の個人番号、氏名、生年月日、住所",
                &["suzuki"],
                "年金事務所への届出",
                "完結の日から2年",
                "shred",
                CABINET,
                false,
            ),
            File::Hoshu => e(
                "報酬、料金、契約金及び賞金の支払調書（控え）",
                "理事、組合議員及び講師等の個人番号、氏名、住所、支払金額",
                &["suzuki"],
                "支払調書の作成及び税務署への提出",
                "提出期限の翌日から7年",
                "shred",
                CABINET,
                false,
            ),
            File::Sango => e(
                "国民年金第3号被保険者関係届（控え）",
                "職員の配偶者の個人番号、氏名、生年月日",
                &["suzuki"],
                "第3号被保険者の届出",
                "完結の日から2年",
                "shred",
                CABINET,
                false,
            ),
            File::Jido => e(
                "児童手当 認定請求書・額改定請求書",
                "職員及び配偶者の個人番号、氏名、住所",
                &["sato"],
                "児童手当の認定及び支給",
                "完結の日から5年",
                "shred",
                CABINET,
                false,
            ),
            File::Itaku => e(
                "雇用保険届出書類（委託事業主の従業員）控え",
                "委託事業主の従業員の個人番号、氏名、生年月日",
                &["suzuki"],
                "委託事業主の従業員に係る雇用保険の届出",
                "完結の日から4年",
                "shred",
                CABINET,
                false,
            ),
            File::Dan => e(
                "消防団員報酬 源泉徴収票・給与支払報告書（控え）",
                "消防団員の個人番号、氏名、住所、報酬の支払金額",
                &["sato"],
                "消防団員報酬の源泉徴収票及び給与支払報告書の作成、提出",
                "翌年1月10日の翌日から7年",
                "shred",
                CABINET,
                false,
            ),
        }
    }
}
