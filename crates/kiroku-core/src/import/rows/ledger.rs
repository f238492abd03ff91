//! 特定個人情報管理台帳 (002 別紙2): one row per 特定個人情報ファイル.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::{lines, Refusal};
use crate::field::{optional_name, optional_text, required_text, FieldError};
use crate::import::cell::{read_code, read_text, Cell};
use crate::import::header::Detected;
use crate::import::profiles::{ledger_key as key, LEDGER};
use crate::ledger::Medium;

/// One 台帳 row as the office wrote it. The 責任者 and 担当者 are names as written: the caller
/// matches them to users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    /// The sheet row, 1-based.
    pub row: usize,
    /// NO.
    pub no: Option<String>,
    /// 名称（ファイルの種類・名称）
    pub name: String,
    /// 特定個人情報の範囲
    pub scope: Option<String>,
    /// 取扱部署
    pub dept: Option<String>,
    /// 責任者
    pub owner: Option<String>,
    /// 担当者（アクセス権を有する者）, one per name written (split at 、 , ; / and line breaks)
    pub handlers: Vec<String>,
    /// 利用目的
    pub purpose: Option<String>,
    /// 保存期間
    pub retention: Option<String>,
    /// 廃棄・削除（方法・状況）
    pub disposal: Option<String>,
    /// 保管場所
    pub location: Option<String>,
    /// 紙媒体 or 電子データ, when the sheet says
    pub medium: Option<Medium>,
}

/// 紙・紙媒体・書類 → 紙媒体; 電子・電子データ・データ・システム → 電子データ; blank → `None`.
pub fn medium_of(field: &'static str, text: &str) -> Result<Option<Medium>, FieldError> {
    let text: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    if text.is_empty() {
        return Ok(None);
    }
    let paper = ["紙", "書類", "書面", "paper"]
        .iter()
        .any(|w| text.contains(w));
    let electronic = ["電子", "データ", "システム", "electronic", "PC", "パソコン"]
        .iter()
        .any(|w| text.contains(w));
    match (paper, electronic) {
        (true, false) => Ok(Some(Medium::Paper)),
        (false, true) => Ok(Some(Medium::Electronic)),
        (true, true) => Err(FieldError::new(
            field,
            "紙媒体と電子データの両方が書かれています。台帳では紙と電子を別のファイル（別の行）として登録してください。",
        )),
        (false, false) => Err(FieldError::new(
            field,
            "媒体は「紙」（紙媒体）か「電子」（電子データ）と書いてください。",
        )),
    }
}

/// Reads a 台帳's data rows.
pub fn ledger_rows(rows: &[Vec<Cell>], layout: &Detected) -> (Vec<LedgerRow>, Vec<Refusal>) {
    let mut taken = Vec::new();
    let mut refusals = Vec::new();
    for mut line in lines(rows, layout, &LEDGER) {
        let text = |line: &mut super::Line<'_>, k: &'static str, max: usize| {
            let value = line.text(k);
            line.take(optional_text(line.label(k), &value, max))
                .flatten()
        };
        let no = read_code(line.cell(key::NO));
        let no = line
            .take(optional_text(line.label(key::NO), &no, 20))
            .flatten();
        let name = line.text(key::NAME);
        let name = line.take(required_text(line.label(key::NAME), &name, 100));
        let scope = text(&mut line, key::SCOPE, 300);
        let dept = text(&mut line, key::DEPT, 50);
        let owner = line.text(key::OWNER);
        let owner = line
            .take(optional_name(line.label(key::OWNER), &owner, 50))
            .flatten();
        let handlers_text = read_text(line.cell(key::HANDLERS));
        let mut handlers = Vec::new();
        for handler in handlers_text.split(['、', ',', '，', ';', '；', '/', '／', '\n', '\r'])
        {
            if let Some(h) = line
                .take(optional_name(line.label(key::HANDLERS), handler, 50))
                .flatten()
            {
                handlers.push(h);
            }
        }
        let purpose = text(&mut line, key::PURPOSE, 300);
        let retention = text(&mut line, key::RETENTION, 100);
        let disposal = text(&mut line, key::DISPOSAL, 100);
        let location = text(&mut line, key::LOCATION, 100);
        let medium = line.text(key::MEDIUM);
        let medium = line
            .take(medium_of(line.label(key::MEDIUM), &medium))
            .flatten();
        match name {
            Some(name) if !line.refused() => taken.push(LedgerRow {
                row: line.row,
                no,
                name,
                scope,
                dept,
                owner,
                handlers,
                purpose,
                retention,
                disposal,
                location,
                medium,
            }),
            _ => refusals.append(&mut line.refusals),
        }
    }
    (taken, refusals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header::detect;
    use crate::import::profiles::PROFILES;
    use crate::import::rows::tests::grid;
    use crate::import::MY_NUMBER_REASON;

    #[test]
    fn the_002_example_row() {
        let mut rows = grid(&[
            &["特定個人情報管理台帳（役職員を対象とした例）"],
            &[
                "NO.",
                "名称",
                "特定個人情報の範囲",
                "取扱部署",
                "責任者",
                "担当者",
                "利用目的",
                "保存期間",
                "廃棄・削除",
                "保管場所",
                "媒体",
            ],
            &[
                "",
                "給与所得の源泉徴収票",
                "役職員及び扶養家族の個人番号、氏名、生年月日、その他源泉徴収票記載事項",
                "〇〇課",
                "〇〇",
                "〇〇、△△\n□□",
                "源泉徴収票の作成及び税務署への提出、本人への交付",
                "翌年1月10日の翌日から7年",
                "シュレッダー",
                "〇〇課キャビネット（施錠可）",
                "紙",
            ],
        ]);
        rows[2][0] = Cell::Number(1.0);
        let layout = detect(&rows, &PROFILES).unwrap();
        assert_eq!(layout.profile, "ledger");
        let (taken, refusals) = ledger_rows(&rows, &layout);
        assert_eq!(refusals, vec![]);
        assert_eq!(
            taken,
            vec![LedgerRow {
                row: 3,
                no: Some("1".to_owned()),
                name: "給与所得の源泉徴収票".to_owned(),
                scope: Some(
                    "役職員及び扶養家族の個人番号、氏名、生年月日、その他源泉徴収票記載事項"
                        .to_owned()
                ),
                dept: Some("〇〇課".to_owned()),
                owner: Some("〇〇".to_owned()),
                handlers: vec!["〇〇".to_owned(), "△△".to_owned(), "□□".to_owned()],
                purpose: Some("源泉徴収票の作成及び税務署への提出、本人への交付".to_owned()),
                retention: Some("翌年1月10日の翌日から7年".to_owned()),
                disposal: Some("シュレッダー".to_owned()),
                location: Some("〇〇課キャビネット（施錠可）".to_owned()),
                medium: Some(Medium::Paper),
            }]
        );
    }

    #[test]
    fn media_as_offices_write_them() {
        for (text, medium) in [
            ("紙", Some(Medium::Paper)),
            ("紙媒体", Some(Medium::Paper)),
            ("書類", Some(Medium::Paper)),
            ("電子", Some(Medium::Electronic)),
            ("電子データ", Some(Medium::Electronic)),
            ("ﾃﾞｰﾀ", Some(Medium::Electronic)),
            ("", None),
        ] {
            assert_eq!(medium_of("媒体", text), Ok(medium), "{text}");
        }
        assert!(medium_of("媒体", "紙・電子")
            .unwrap_err()
            .message
            .contains("別の行"));
        assert_eq!(medium_of("媒体", "ＵＳＢ").unwrap_err().field, "媒体");
    }

    #[test]
    fn a_ledger_row_holding_a_my_number_is_refused() {
        let rows = grid(&[
            &["名称", "特定個人情報の範囲"],
            &["源泉徴収票", "見本 5284-7391-0645"],
            &["", "名称のない行"],
        ]);
        let layout = detect(&rows, &PROFILES).unwrap();
        let (taken, refusals) = ledger_rows(&rows, &layout);
        assert!(taken.is_empty());
        assert_eq!(refusals[0].row, 2);
        assert_eq!(refusals[0].field, "特定個人情報の範囲");
        assert_eq!(refusals[0].reason, MY_NUMBER_REASON);
        assert!(refusals.iter().all(|r| !r.reason.contains("0645")));
        assert_eq!((refusals[1].row, refusals[1].field.as_str()), (3, "名称"));
    }
}
