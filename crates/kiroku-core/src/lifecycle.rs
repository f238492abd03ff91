//! The two views of 別紙1: the 取扱記録表 (one row per 関係事務 × 本人 × 扶養家族, its cells
//! composed from the events in date order, as the 002 example row) and the 運用状況記録票
//! (one row per event, in date order). Pure functions over events whose names are resolved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::handling::{EventDetails, EventFacts, EventKind};
use crate::wareki::DateStyle;

/// A name shared by every event that prints it (an affair, a person, a clerk): a view over
/// 100,000 events clones a pointer, not the text.
pub type Name = std::sync::Arc<str>;

/// A handling event (its current version) with the names the views print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlingRecord {
    pub event_id: i64,
    /// 1 for the original; higher once amended.
    pub version: u32,
    pub facts: EventFacts,
    pub affair_id: Option<i64>,
    /// 関係事務 (none for a handling of a document as a whole)
    pub affair: Option<Name>,
    pub person_id: Option<i64>,
    /// 本人の氏名 (none for a batch 一式)
    pub person: Option<Name>,
    /// 所属 (or 委託事業主名)
    pub unit: Option<Name>,
    pub dependent_id: Option<i64>,
    /// 扶養家族氏名
    pub dependent: Option<Name>,
    /// 特定個人情報ファイル (台帳 NO.)
    pub file_no: Option<i64>,
    /// The 帳票 it handled or filed papers in.
    pub document_id: Option<i64>,
    /// Withdrawn as entered by mistake, with the reason (printed struck through).
    pub withdrawn: Option<String>,
    /// 担当: login ID and 氏名
    pub clerk_id: String,
    pub clerk: Name,
}

impl HandlingRecord {
    pub fn kind(&self) -> EventKind {
        self.facts.details.kind()
    }

    pub fn happened_on(&self) -> NaiveDate {
        self.facts.happened_on
    }

    /// Date order; on the same day the stages of handling in their natural order (a form is
    /// made before it is submitted, whatever order the clerk typed them in), then as entered.
    pub fn order_key(&self) -> (NaiveDate, EventKind, i64) {
        (self.happened_on(), self.kind(), self.event_id)
    }

    fn content(&self) -> &str {
        self.facts.content.as_deref().unwrap_or_default()
    }

    /// The phrase for the 利用及び持出 or 廃棄・削除 cell (without its date), if the kind
    /// belongs there.
    fn lifecycle_phrase(&self) -> Option<(Cell, String)> {
        let c = self.content();
        Some(match &self.facts.details {
            EventDetails::Use => (Cell::UseAndTakeOut, c.to_owned()),
            EventDetails::Output => (Cell::UseAndTakeOut, format!("{c}を出力")),
            EventDetails::TakeOut { destination, .. } => (
                Cell::UseAndTakeOut,
                format!("{c}のため{destination}へ持出し"),
            ),
            EventDetails::Submit { recipient, .. } => (
                Cell::UseAndTakeOut,
                format!("{}に提出", recipient.display()),
            ),
            EventDetails::HandOver { sealed } => (
                Cell::UseAndTakeOut,
                if *sealed {
                    "本人に封緘して交付".to_owned()
                } else {
                    "本人に交付".to_owned()
                },
            ),
            EventDetails::Dispose { .. } => (Cell::Disposal, format!("{c}を廃棄")),
            EventDetails::Delete { .. } => (Cell::Disposal, format!("{c}を削除")),
            EventDetails::Certificate {
                contractor,
                certificate_no,
            } => (
                Cell::Disposal,
                format!("{contractor}の廃棄・削除証明書（{certificate_no}）を受領"),
            ),
            EventDetails::Acquire { .. }
            | EventDetails::Record
            | EventDetails::Refusal { .. }
            | EventDetails::Correct { .. } => return None,
        })
    }

    /// The 内容 column of the 運用状況記録票: everything the kind recorded, in words.
    /// `user_name` turns a login ID (確認者, 責任者) into the person's name.
    pub fn summary(&self, user_name: &dyn Fn(&str) -> String) -> String {
        let c = self.content();
        let with_content = |s: String| {
            if c.is_empty() {
                s
            } else {
                format!("{s}（{c}）")
            }
        };
        match &self.facts.details {
            EventDetails::Acquire {
                source,
                identity_check,
            } => with_content(format!(
                "{}から取得、本人確認: {}",
                source.display(),
                identity_check.display()
            )),
            EventDetails::Record => with_content(match self.file_no {
                Some(no) => format!("特定個人情報ファイル（台帳NO.{no}）に記載・入力"),
                None => "特定個人情報ファイルに記載・入力".to_owned(),
            }),
            EventDetails::Use => c.to_owned(),
            EventDetails::Output => format!("{c}を出力"),
            EventDetails::TakeOut {
                destination,
                measures,
            } => format!(
                "{destination}へ持出し（目的: {c}、安全措置: {}）",
                measures
                    .iter()
                    .map(|m| m.display())
                    .collect::<Vec<_>>()
                    .join("・")
            ),
            EventDetails::Submit { recipient, means } => with_content(format!(
                "{}に提出（{}）",
                recipient.display(),
                means.display()
            )),
            EventDetails::HandOver { sealed } => with_content(format!(
                "本人に交付（{}）",
                if *sealed {
                    "封緘あり"
                } else {
                    "封緘なし"
                }
            )),
            EventDetails::Dispose { method, contractor } => match contractor {
                Some(k) => format!("{c}を廃棄（{}、委託先: {k}）", method.display()),
                None => format!("{c}を廃棄（{}）", method.display()),
            },
            EventDetails::Delete { method, witness } => format!(
                "{c}を削除（{}、確認者: {}）",
                method.display(),
                user_name(witness)
            ),
            EventDetails::Certificate {
                contractor,
                certificate_no,
            } => with_content(format!(
                "{contractor}の廃棄・削除証明書を受領（{certificate_no}）"
            )),
            EventDetails::Refusal { answer } => {
                format!("提供を求めた内容: {c}／回答: {answer}")
            }
            EventDetails::Correct {
                reason,
                requester,
                officer,
            } => format!(
                "訂正等: {c}（理由: {reason}、請求者: {requester}、責任者: {}）",
                user_name(officer)
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    UseAndTakeOut,
    Disposal,
}

/// One row of the 取扱記録表 (別紙1, the lifecycle layout).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LifecycleRow {
    pub affair_id: i64,
    /// 関係事務
    pub affair: String,
    pub person_id: i64,
    /// 従業員氏名
    pub person: String,
    /// 所属
    pub unit: String,
    pub dependent_id: Option<i64>,
    /// 扶養家族氏名
    pub dependent: String,
    /// 個人番号取得日
    pub acquired_on: String,
    /// 本人確認方法
    pub identity_check: String,
    /// 特定個人情報ファイルへの記載日等
    pub recorded_on: String,
    /// 担当
    pub clerks: String,
    /// 特定個人情報の利用及び持出
    pub use_and_take_out: String,
    /// 廃棄・削除日
    pub disposal: String,
    /// The events the row is made of, in date order.
    pub event_ids: Vec<i64>,
    /// Whether any of them has been amended.
    pub amended: bool,
    /// Every event of the row was withdrawn as entered by mistake: the reasons (the row is
    /// printed struck through). Withdrawn events never fill a live row's cells.
    pub withdrawn: Option<String>,
}

/// Joins distinct values in first-seen order.
fn distinct_joined<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for v in values {
        if !v.is_empty() && !seen.contains(&v) {
            seen.push(v);
        }
    }
    seen.join("、")
}

/// `平成27年12月10日に…、同日…`: each phrase with its day, 同日 for the same day as the one before.
fn dated_phrases(phrases: &[(NaiveDate, String)], style: DateStyle) -> String {
    let mut previous = None;
    let mut out = Vec::with_capacity(phrases.len());
    for (day, phrase) in phrases {
        let prefix = if previous == Some(*day) {
            "同日".to_owned()
        } else {
            format!("{}に", style.format(*day))
        };
        out.push(format!("{prefix}{phrase}"));
        previous = Some(*day);
    }
    out.join("、")
}

fn row_of(all: &[&HandlingRecord], style: DateStyle) -> Option<LifecycleRow> {
    let live: Vec<&HandlingRecord> = all
        .iter()
        .copied()
        .filter(|e| e.withdrawn.is_none())
        .collect();
    let withdrawn = live
        .is_empty()
        .then(|| distinct_joined(all.iter().filter_map(|e| e.withdrawn.as_deref())));
    let events: &[&HandlingRecord] = if live.is_empty() { all } else { &live };
    let first = events.first()?;
    let days = |kind: EventKind| {
        distinct_joined(
            events
                .iter()
                .filter(|e| e.kind() == kind)
                .map(|e| style.format(e.happened_on()))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        )
    };
    let phrases = |cell: Cell| {
        let list: Vec<(NaiveDate, String)> = events
            .iter()
            .filter_map(|e| {
                e.lifecycle_phrase()
                    .filter(|(c, _)| *c == cell)
                    .map(|(_, p)| (e.happened_on(), p))
            })
            .collect();
        dated_phrases(&list, style)
    };
    Some(LifecycleRow {
        affair_id: first.affair_id.unwrap_or_default(),
        affair: first.affair.as_deref().unwrap_or_default().to_owned(),
        person_id: first.person_id.unwrap_or_default(),
        person: first.person.as_deref().unwrap_or_default().to_owned(),
        unit: first.unit.as_deref().unwrap_or_default().to_owned(),
        dependent_id: first.dependent_id,
        dependent: first.dependent.as_deref().unwrap_or_default().to_owned(),
        acquired_on: days(EventKind::Acquire),
        identity_check: distinct_joined(events.iter().filter_map(|e| match &e.facts.details {
            EventDetails::Acquire { identity_check, .. } => Some(identity_check.display()),
            _ => None,
        })),
        recorded_on: days(EventKind::Record),
        clerks: distinct_joined(events.iter().map(|e| &*e.clerk)),
        use_and_take_out: phrases(Cell::UseAndTakeOut),
        disposal: phrases(Cell::Disposal),
        event_ids: events.iter().map(|e| e.event_id).collect(),
        amended: events.iter().any(|e| e.version > 1),
        withdrawn,
    })
}

/// The 取扱記録表: one row per (関係事務, 本人, 扶養家族), ordered by affair, person and
/// dependent (the person's own row first); cells composed from the events in date order.
/// Events about a document as a whole (no affair or no person) have no row here; the
/// 運用状況記録票 lists them.
pub fn lifecycle_rows(records: &[HandlingRecord]) -> Vec<LifecycleRow> {
    lifecycle_rows_in(records, DateStyle::Wareki)
}

/// [`lifecycle_rows`] with the dates in the cells written in `style`.
pub fn lifecycle_rows_in(records: &[HandlingRecord], style: DateStyle) -> Vec<LifecycleRow> {
    let mut groups: BTreeMap<(i64, i64, Option<i64>), Vec<&HandlingRecord>> = BTreeMap::new();
    for r in records {
        if let (Some(affair), Some(person)) = (r.affair_id, r.person_id) {
            groups
                .entry((affair, person, r.dependent_id))
                .or_default()
                .push(r);
        }
    }
    groups
        .into_values()
        .filter_map(|mut events| {
            events.sort_by_key(|e| e.order_key());
            row_of(&events, style)
        })
        .collect()
}

/// Events about a document as a whole (a batch disposed of together, no person) counted on
/// the rows of every person whose acquisition filed papers in that document (`holders`: the
/// acquisitions with a document), so each person's 取扱記録表 row shows the 廃棄.
pub fn expand_documents(
    mut records: Vec<HandlingRecord>,
    holders: &[HandlingRecord],
) -> Vec<HandlingRecord> {
    let mut extra = Vec::new();
    for r in records.iter().filter(|r| r.person_id.is_none()) {
        let Some(doc) = r.document_id else { continue };
        let mut seen = Vec::new();
        for h in holders
            .iter()
            .filter(|h| h.document_id == Some(doc) && h.person_id.is_some())
        {
            let key = (h.affair_id, h.person_id, h.dependent_id);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            extra.push(HandlingRecord {
                affair_id: h.affair_id,
                affair: h.affair.clone(),
                person_id: h.person_id,
                person: h.person.clone(),
                unit: h.unit.clone(),
                dependent_id: h.dependent_id,
                dependent: h.dependent.clone(),
                ..r.clone()
            });
        }
    }
    records.extend(extra);
    records
}

/// The 運用状況記録票 order: by the day it happened; within a day by the stage of handling
/// (取得 → 記載 → 利用 → … → 廃棄), then as entered.
pub fn chronological(records: &mut [HandlingRecord]) {
    records.sort_by_key(HandlingRecord::order_key);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handling::EventInput;

    fn record(id: i64, input: EventInput<'_>, dependent: Option<&str>) -> HandlingRecord {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        HandlingRecord {
            event_id: id,
            version: 1,
            facts: input.parse(today).unwrap(),
            affair_id: Some(1),
            affair: Some("給与所得の源泉徴収票".into()),
            person_id: Some(7),
            person: Some("〇〇".into()),
            unit: Some("〇課".into()),
            dependent_id: dependent.map(|_| 3),
            dependent: dependent.map(Into::into),
            file_no: Some(1),
            document_id: None,
            withdrawn: None,
            clerk_id: "tanto".into(),
            clerk: "〇〇".into(),
        }
    }

    fn on(kind: &'static str, date: &'static str) -> EventInput<'static> {
        EventInput {
            kind,
            date,
            clerk: "tanto",
            ..EventInput::default()
        }
    }

    /// The 002 別紙1 記入例, from the events that produce it (entered out of order).
    #[test]
    fn reproduces_the_002_example_row() {
        let dep = Some("〇〇 〇〇");
        let events = vec![
            record(
                3,
                EventInput {
                    to: Some("tax_office:〇〇税務署"),
                    via: Some("e_filing"),
                    ..on("submit", "平成27年12月10日")
                },
                dep,
            ),
            record(
                1,
                EventInput {
                    source: Some("person"),
                    method: Some("mynumber_card:個人番号カードコピー"),
                    ..on("acquire", "平成27年10月10日")
                },
                dep,
            ),
            record(
                4,
                EventInput {
                    content: Some("給与所得の源泉徴収票を作成"),
                    ..on("use", "平成27年12月10日")
                },
                dep,
            ),
            record(
                2,
                EventInput {
                    has_file: true,
                    ..on("record", "平成27年12月8日")
                },
                dep,
            ),
            record(
                5,
                EventInput {
                    content: Some("個人番号カードコピー"),
                    method: Some("shred"),
                    ..on("dispose", "平成27年12月8日")
                },
                dep,
            ),
        ];
        let rows = lifecycle_rows(&events);
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(
            [
                r.affair.as_str(),
                &r.person,
                &r.unit,
                &r.dependent,
                &r.acquired_on,
                &r.identity_check,
                &r.recorded_on,
                &r.clerks,
                &r.use_and_take_out,
                &r.disposal,
            ],
            [
                "給与所得の源泉徴収票",
                "〇〇",
                "〇課",
                "〇〇 〇〇",
                "平成27年10月10日",
                "個人番号カードコピー",
                "平成27年12月8日",
                "〇〇",
                "平成27年12月10日に給与所得の源泉徴収票を作成、同日〇〇税務署に提出",
                "平成27年12月8日に個人番号カードコピーを廃棄",
            ]
        );
        // The submission was typed before the use; on the same day the form is made first.
        assert_eq!(r.event_ids, vec![1, 2, 5, 4, 3]);
        assert!(!r.amended);

        // The same row with the 西暦 setting: every date in every cell.
        let seireki = &lifecycle_rows_in(&events, DateStyle::Seireki)[0];
        assert_eq!(seireki.acquired_on, "2015年10月10日");
        assert_eq!(seireki.recorded_on, "2015年12月8日");
        assert_eq!(
            seireki.use_and_take_out,
            "2015年12月10日に給与所得の源泉徴収票を作成、同日〇〇税務署に提出"
        );
        assert_eq!(
            seireki.disposal,
            "2015年12月8日に個人番号カードコピーを廃棄"
        );
    }

    #[test]
    fn rows_are_per_affair_person_and_dependent() {
        let use_it = |id| {
            record(
                id,
                EventInput {
                    content: Some("作成"),
                    ..on("use", "令和7年1月5日")
                },
                None,
            )
        };
        let mut other_affair = use_it(2);
        other_affair.affair_id = Some(2);
        let with_dependent = record(
            3,
            EventInput {
                content: Some("作成"),
                ..on("use", "令和7年1月6日")
            },
            Some("山田 花子"),
        );
        let rows = lifecycle_rows(&[with_dependent, other_affair, use_it(1)]);
        let keys: Vec<_> = rows.iter().map(|r| (r.affair_id, r.dependent_id)).collect();
        assert_eq!(keys, vec![(1, None), (1, Some(3)), (2, None)]);
    }

    #[test]
    fn different_days_are_each_named_and_amended_rows_are_marked() {
        let mut a = record(
            1,
            EventInput {
                content: Some("源泉徴収票を作成"),
                ..on("use", "令和6年12月10日")
            },
            None,
        );
        a.version = 2;
        let b = record(
            2,
            EventInput {
                sealed: Some(true),
                ..on("hand_over", "令和6年12月20日")
            },
            None,
        );
        let rows = lifecycle_rows(&[a, b]);
        assert_eq!(
            rows[0].use_and_take_out,
            "令和6年12月10日に源泉徴収票を作成、令和6年12月20日に本人に封緘して交付"
        );
        assert!(rows[0].amended);
    }

    #[test]
    fn a_handling_of_a_document_as_a_whole_has_no_lifecycle_row() {
        let mut batch = record(
            1,
            EventInput {
                content: Some("令和6年分 扶養控除等申告書 一式（48名）"),
                method: Some("dissolve"),
                contractor: Some("○○リサイクル"),
                ..on("dispose", "令和7年3月31日")
            },
            None,
        );
        batch.affair_id = None;
        batch.affair = None;
        batch.person_id = None;
        batch.person = None;
        let own = record(
            2,
            EventInput {
                content: Some("作成"),
                ..on("use", "令和7年1月10日")
            },
            None,
        );
        let rows = lifecycle_rows(&[batch.clone(), own.clone()]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].event_ids, [2]);
        let mut all = [batch, own];
        chronological(&mut all);
        assert_eq!(
            all[1].event_id, 1,
            "the batch is still in the chronological list"
        );
    }

    #[test]
    fn a_batch_disposal_shows_on_the_row_of_each_person_whose_papers_it_held() {
        let mut acquired = record(
            1,
            EventInput {
                source: Some("person"),
                method: Some("mynumber_card"),
                ..on("acquire", "令和7年11月10日")
            },
            None,
        );
        acquired.document_id = Some(9);
        let mut other = acquired.clone();
        other.event_id = 2;
        other.person_id = Some(8);
        other.person = Some("乙".into());
        let mut batch = record(
            3,
            EventInput {
                content: Some("令和8年分 扶養控除等申告書 一式（2名）"),
                method: Some("shred"),
                ..on("dispose", "令和7年12月26日")
            },
            None,
        );
        (batch.person_id, batch.person, batch.affair_id, batch.affair) = (None, None, None, None);
        batch.document_id = Some(9);
        let holders = vec![acquired.clone(), other.clone()];
        let rows = lifecycle_rows(&expand_documents(vec![acquired, other, batch], &holders));
        assert_eq!(rows.len(), 2);
        for r in &rows {
            assert_eq!(
                r.disposal, "令和7年12月26日に令和8年分 扶養控除等申告書 一式（2名）を廃棄",
                "{}",
                r.person
            );
        }
    }

    #[test]
    fn the_chronological_summary_names_the_witness() {
        let r = record(
            1,
            EventInput {
                content: Some("申告書データ"),
                method: Some("system_delete"),
                witness: Some("suzuki"),
                ..on("delete", "令和7年3月31日")
            },
            None,
        );
        let s = r.summary(&|id| {
            if id == "suzuki" {
                "鈴木 一郎".into()
            } else {
                id.into()
            }
        });
        assert_eq!(
            s,
            "申告書データを削除（システムによる削除、確認者: 鈴木 一郎）"
        );
    }
}
