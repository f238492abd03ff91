//! 特定個人情報等の取扱記録表 (002 別紙1): one row per 関係事務, 本人 and 扶養家族, its date
//! columns and free-text cells read into handling events:
//! - 個人番号取得日 → 取得 (with the 本人確認方法),
//! - 特定個人情報ファイルへの記載日等 → 記載・入力,
//! - 特定個人情報の利用及び持出 → 利用, 提出, 持出し … as its words say,
//! - 廃棄・削除日 → 廃棄 or 削除.
//!
//! 「同日」 at the start of a cell is the last date in the columns before it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::{lines, Line, Refusal};
use crate::choice::IdentityCheck;
use crate::field::{optional_name, optional_text, required_name, FieldError};
use crate::handling::EventKind;
use crate::import::cell::{read_date, Cell};
use crate::import::header::Detected;
use crate::import::profiles::{handling_key as key, HANDLING_LOG};
use crate::import::uses::{split_events, ImportedEvent};
use crate::wareki;

/// One 取扱記録表 row: whose number was handled, for which 関係事務, and the events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandlingRow {
    /// The sheet row, 1-based.
    pub row: usize,
    /// 関係事務
    pub affair: String,
    /// 従業員氏名 (本人)
    pub person: String,
    /// 所属
    pub dept: Option<String>,
    /// 扶養家族氏名: the row is about this dependant's number.
    pub dependent: Option<String>,
    /// In the order of the columns.
    pub events: Vec<ImportedEvent>,
}

/// The 本人確認方法 as written → its kind (DOMAIN.md §3): 個人番号カード(コピー) →
/// `mynumber_card`, 通知カード → `notification_card`, 住民票 → `resident_record`, 印字・照合 →
/// `preprinted_match`, J-LIS → `jlis`, 代理人・委任状 → `agent`, 委託事業主 →
/// `employer_verified`, anything else → `other`; blank → `None`.
pub fn identity_check_of(text: &str) -> Option<IdentityCheck> {
    let text: String = text.nfkc().collect::<String>().to_uppercase();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let kind = if has(&["J-LIS", "JLIS", "地方公共団体情報システム機構"]) {
        IdentityCheck::Jlis
    } else if has(&["委託事業主", "事業主が確認", "事業主確認"]) {
        IdentityCheck::EmployerVerified
    } else if has(&["代理人", "委任状"]) {
        IdentityCheck::Agent
    } else if has(&["印字", "照合"]) {
        IdentityCheck::PreprintedMatch
    } else if has(&["通知カード"]) {
        IdentityCheck::NotificationCard
    } else if has(&["住民票"]) {
        IdentityCheck::ResidentRecord
    } else if has(&["個人番号カード", "マイナンバーカード", "番号カード"]) {
        IdentityCheck::MynumberCard
    } else {
        IdentityCheck::Other
    };
    Some(kind)
}

/// The longest 内容 of an event (as [`crate::handling::EventInput`] takes it).
const MAX_TEXT: usize = 200;
/// The longest 提出先 or 持出先.
const MAX_RECIPIENT: usize = 100;

impl Line<'_> {
    /// The events of the cell of `column_key`: a date cell is one event of kind `otherwise`; a
    /// text is split into clauses ([`split_events`]).
    fn events(
        &mut self,
        column_key: &'static str,
        previous: Option<NaiveDate>,
        otherwise: EventKind,
    ) -> Vec<ImportedEvent> {
        let field = self.label(column_key);
        let cell = self.cell(column_key).clone();
        let events = match &cell {
            Cell::Text(text) => self.take(split_events(field, text, previous, otherwise)),
            other => self
                .take(read_date(field, other, previous))
                .map(|date| date.map(|d| dated(otherwise, d)).into_iter().collect()),
        }
        .unwrap_or_default();
        for e in &events {
            if e.text.chars().count() > MAX_TEXT {
                self.refuse(FieldError::new(
                    field,
                    format!("1つの取扱いは{MAX_TEXT}文字以内で書いてください。「、」や改行で区切ると別の取扱いとして読みます。"),
                ));
            }
            if e.recipient
                .as_ref()
                .is_some_and(|r| r.chars().count() > MAX_RECIPIENT)
            {
                self.refuse(FieldError::new(
                    field,
                    format!("提出先・持出先は{MAX_RECIPIENT}文字以内で書いてください。"),
                ));
            }
            if e.date < wareki::my_number_start() {
                self.refuse(FieldError::new(
                    field,
                    format!(
                        "{}は個人番号の通知が始まった{}より前です。日付を確かめてください。",
                        wareki::format(e.date),
                        wareki::format(wareki::my_number_start())
                    ),
                ));
            }
        }
        events
    }
}

/// An event with its date and kind only.
fn dated(kind: EventKind, date: NaiveDate) -> ImportedEvent {
    ImportedEvent {
        kind,
        date,
        identity_check: None,
        text: String::new(),
        recipient: None,
        clerk: None,
    }
}

/// Reads a 取扱記録表's data rows.
pub fn handling_rows(rows: &[Vec<Cell>], layout: &Detected) -> (Vec<HandlingRow>, Vec<Refusal>) {
    let mut taken = Vec::new();
    let mut refusals = Vec::new();
    for mut line in lines(rows, layout, &HANDLING_LOG) {
        let affair = line.text(key::AFFAIR);
        let affair = line.take(required_name(line.label(key::AFFAIR), &affair, 100));
        let person = line.text(key::PERSON);
        let person = line.take(required_name(line.label(key::PERSON), &person, 50));
        let dept = line.text(key::DEPT);
        let dept = line
            .take(optional_text(line.label(key::DEPT), &dept, 50))
            .flatten();
        let dependent = line.text(key::DEPENDENT);
        let dependent = line
            .take(optional_name(line.label(key::DEPENDENT), &dependent, 50))
            .flatten();
        let clerk = line.text(key::CLERK);
        let clerk = line
            .take(optional_name(line.label(key::CLERK), &clerk, 50))
            .flatten();
        let identity = line.text(key::IDENTITY_CHECK);
        let identity = line
            .take(optional_text(
                line.label(key::IDENTITY_CHECK),
                &identity,
                100,
            ))
            .flatten();

        let mut acquired = line.events(key::ACQUIRED_ON, None, EventKind::Acquire);
        for e in &mut acquired {
            e.identity_check = identity.as_deref().and_then(identity_check_of);
            if e.text.is_empty() {
                e.text = identity.clone().unwrap_or_default();
            }
        }
        if identity.is_some() && line.cell(key::ACQUIRED_ON).is_blank() {
            line.refuse(FieldError::new(
                line.label(key::ACQUIRED_ON),
                "本人確認方法が書かれていますが、個人番号取得日がありません。取得日を入力してください。",
            ));
        }
        let mut events = acquired;
        for (column, kind) in [
            (key::RECORDED_ON, EventKind::Record),
            (key::USES, EventKind::Use),
            (key::DISPOSAL, EventKind::Dispose),
        ] {
            let before = events.last().map(|e| e.date);
            let found = line.events(column, before, kind);
            events.extend(found);
        }
        let (Some(affair), Some(person)) = (affair, person) else {
            refusals.append(&mut line.refusals);
            continue;
        };
        if line.refused() {
            refusals.append(&mut line.refusals);
            continue;
        }
        for e in &mut events {
            if e.text.is_empty() && e.kind.content_field().1 {
                e.text.clone_from(&affair);
            }
            e.clerk.clone_from(&clerk);
        }
        taken.push(HandlingRow {
            row: line.row,
            affair,
            person,
            dept,
            dependent,
            events,
        });
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

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const HEADER: &[&str] = &[
        "関係事務",
        "従業員 氏名",
        "所属",
        "扶養家族 氏名",
        "個人番号 取得日",
        "本人確認 方法",
        "特定個人情報ファイ ルへの記載日等",
        "担当",
        "特定個人情報の 利用及び持出",
        "廃棄・ 削除日",
    ];

    fn read(rows: &[Vec<Cell>]) -> (Vec<HandlingRow>, Vec<Refusal>) {
        let layout = detect(rows, &PROFILES).unwrap();
        assert_eq!(layout.profile, "handling_log");
        handling_rows(rows, &layout)
    }

    fn event(
        kind: EventKind,
        date: NaiveDate,
        text: &str,
        identity_check: Option<IdentityCheck>,
        recipient: Option<&str>,
    ) -> ImportedEvent {
        ImportedEvent {
            kind,
            date,
            identity_check,
            text: text.to_owned(),
            recipient: recipient.map(str::to_owned),
            clerk: Some("○○".to_owned()),
        }
    }

    #[test]
    fn the_002_example_row() {
        let rows = grid(&[
            &["特定個人情報等の取扱記録表（役職員を対象とした例）"],
            HEADER,
            &[
                "給与所得の源泉徴収票",
                "○○",
                "○課",
                "○○ ○○",
                "平成27年10月10日",
                "個人番号カードコピー",
                "平成27年12月8日",
                "○○",
                "平成27年12月10日に給与所得の源泉徴収票を作成、同日○○税務署に提出",
                "平成27年12月8日に個人番号カードコピーを廃棄",
            ],
        ]);
        let (taken, refusals) = read(&rows);
        assert_eq!(refusals, vec![]);
        assert_eq!(
            taken,
            vec![HandlingRow {
                row: 3,
                affair: "給与所得の源泉徴収票".to_owned(),
                person: "○○".to_owned(),
                dept: Some("○課".to_owned()),
                dependent: Some("○○ ○○".to_owned()),
                events: vec![
                    event(
                        EventKind::Acquire,
                        d(2015, 10, 10),
                        "個人番号カードコピー",
                        Some(IdentityCheck::MynumberCard),
                        None
                    ),
                    event(EventKind::Record, d(2015, 12, 8), "", None, None),
                    event(
                        EventKind::Use,
                        d(2015, 12, 10),
                        "給与所得の源泉徴収票を作成",
                        None,
                        None
                    ),
                    event(
                        EventKind::Submit,
                        d(2015, 12, 10),
                        "○○税務署に提出",
                        None,
                        Some("○○税務署")
                    ),
                    event(
                        EventKind::Dispose,
                        d(2015, 12, 8),
                        "個人番号カードコピーを廃棄",
                        None,
                        None
                    ),
                ],
            }]
        );
    }

    #[test]
    fn date_cells_same_day_and_ditto_rows() {
        let mut rows = grid(&[
            HEADER,
            &[
                "給与所得の源泉徴収票",
                "山田 太郎",
                "総務課",
                "",
                "",
                "通知カード＋運転免許証",
                "同日",
                "○○",
                "R7.1.20 源泉徴収票を作成、税務署に提出",
                "R8.3.31",
            ],
            &[
                "〃",
                "〃",
                "〃",
                "山田 花子",
                "〃",
                "〃",
                "〃",
                "〃",
                "同上",
                "",
            ],
        ]);
        rows[1][4] = Cell::Number(45_748.0);
        let (taken, refusals) = read(&rows);
        assert_eq!(refusals, vec![]);
        assert_eq!(taken.len(), 2);
        let first = &taken[0];
        let kinds: Vec<(EventKind, NaiveDate)> =
            first.events.iter().map(|e| (e.kind, e.date)).collect();
        assert_eq!(
            kinds,
            vec![
                (EventKind::Acquire, d(2025, 4, 1)),
                (EventKind::Record, d(2025, 4, 1)),
                (EventKind::Use, d(2025, 1, 20)),
                (EventKind::Submit, d(2025, 1, 20)),
                (EventKind::Dispose, d(2026, 3, 31)),
            ]
        );
        assert_eq!(
            first.events[0].identity_check,
            Some(IdentityCheck::NotificationCard)
        );
        // A 廃棄 without words is the 関係事務's papers.
        assert_eq!(first.events[4].text, "給与所得の源泉徴収票");
        let second = &taken[1];
        assert_eq!(
            (second.person.as_str(), second.dependent.as_deref()),
            ("山田 太郎", Some("山田 花子"))
        );
        assert_eq!(second.events.len(), 4);
        assert_eq!(second.events[3].recipient.as_deref(), Some("税務署"));
    }

    #[rstest::rstest]
    #[case("個人番号カード", IdentityCheck::MynumberCard)]
    #[case("個人番号カードコピー", IdentityCheck::MynumberCard)]
    #[case("マイナンバーカード（写し）", IdentityCheck::MynumberCard)]
    #[case("通知カード＋運転免許証", IdentityCheck::NotificationCard)]
    #[case("住民票の写し、健康保険証", IdentityCheck::ResidentRecord)]
    #[case("印字された個人識別事項と照合", IdentityCheck::PreprintedMatch)]
    #[case("J-LISから取得", IdentityCheck::Jlis)]
    #[case("Ｊ－ＬＩＳ", IdentityCheck::Jlis)]
    #[case(
        "代理人（委任状＋代理人の運転免許証＋本人の個人番号カード写し）",
        IdentityCheck::Agent
    )]
    #[case("委託事業主が確認済み", IdentityCheck::EmployerVerified)]
    #[case("パスポート", IdentityCheck::Other)]
    fn identity_checks(#[case] text: &str, #[case] kind: IdentityCheck) {
        assert_eq!(identity_check_of(text), Some(kind), "{text}");
    }

    #[test]
    fn refusals_name_the_column_and_never_the_number() {
        let rows = grid(&[
            HEADER,
            &[
                "源泉徴収票",
                "山田 太郎",
                "",
                "",
                "",
                "個人番号カード",
                "",
                "",
                "R7.1.20 528473910645 を記入",
                "",
            ],
            &[
                "源泉徴収票",
                "佐藤 花子",
                "",
                "",
                "H27.9.1",
                "",
                "",
                "",
                "源泉徴収票を作成",
                "",
            ],
            &["源泉徴収票", "", "", "", "", "", "", "", "", ""],
        ]);
        let (taken, refusals) = read(&rows);
        assert!(taken.is_empty());
        let got: Vec<(usize, &str)> = refusals.iter().map(|r| (r.row, r.field.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (2, "特定個人情報の利用及び持出"),
                (2, "個人番号取得日"),
                (3, "個人番号取得日"),
                (3, "特定個人情報の利用及び持出"),
                (4, "従業員氏名"),
            ]
        );
        assert_eq!(refusals[0].reason, MY_NUMBER_REASON);
        assert!(
            refusals[2].reason.contains("平成27年10月5日"),
            "{}",
            refusals[2].reason
        );
        assert!(refusals[3].reason.contains("「源泉徴収票を作成」"));
        assert!(refusals.iter().all(|r| !r.reason.contains("0645")));
    }
}
