//! Importing an existing 取扱記録表 (002 別紙1): each row a 関係事務 × 本人 (× 扶養家族); its
//! 取得日, 記載日 and the events written in its 「利用及び持出」 and 「廃棄・削除日」 cells become
//! records, each checked as an entry on the screen is. The 本人, the 関係事務 and (for a 記載)
//! the 台帳 file of the same name must be registered first (import the staff list and the 台帳
//! before the log). What the old sheet does not say is written as 「取り込み元に記載なし」, never
//! guessed; a 削除 needs its 確認者 and is refused (enter it on the screen). A record already
//! registered (same 本人, 関係事務, 種別, 日付 and 内容) is left as it is.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use kiroku_core::choice::ChoiceKind;
use kiroku_core::handling::{EventFacts, EventInput, EventKind};
use kiroku_core::import::{handling_rows, ImportedEvent, Refusal};
use kiroku_core::FieldError;
use kiroku_store::table::events::{self, EventFilter, EventLinks};
use kiroku_store::table::{affairs, dependents, ledger, persons, users};
use kiroku_store::Connection;

use super::file::{refusal, u32_of, PlanRows, Sheet};
use super::persons::name_key;
use super::{method_named, ImportRow, PAPER_DISPOSAL_WORDS};
use crate::session::Stamp;
use crate::ApiError;

/// What the old sheet does not say.
use kiroku_core::handling::NOT_WRITTEN;

/// A sheet row with records to add: its row, its summary, the records.
type RowToAdd = (usize, String, Vec<(EventLinks, EventFacts)>);

#[derive(Debug)]
pub(crate) struct Plan {
    /// Rows whose records are all new (or partly registered): the records to add.
    adds: Vec<RowToAdd>,
    skips: Vec<(usize, String)>,
    refused: Vec<Refusal>,
    /// 関係事務 the catalog does not have yet, added with the import (its records point at
    /// them by name until then).
    new_affairs: Vec<String>,
    /// For each record of `adds` (in order) whose 関係事務 is new: its index in `new_affairs`.
    pending: HashMap<(usize, usize), usize>,
}

/// 提出先 as written → the choice Kiroku knows, with the words kept.
fn recipient_input(text: &str) -> String {
    let known = [
        ("税務署", "tax_office"),
        ("公共職業安定所", "hello_work"),
        ("ハローワーク", "hello_work"),
        ("年金事務所", "pension_office"),
        ("労働局", "labour_bureau"),
        ("労働基準監督署", "labour_bureau"),
        ("共済組合連合会", "kyosai_federation"),
        ("市役所", "municipality"),
        ("区役所", "municipality"),
        ("町役場", "municipality"),
        ("村役場", "municipality"),
    ];
    let text: String = text.chars().take(100).collect();
    match known.iter().find(|(word, _)| text.contains(word)) {
        Some((_, id)) => format!("{id}:{text}"),
        None => format!("other:{text}"),
    }
}

/// 廃棄・削除の方法 from the words of the cell, else 「取り込み元に記載なし」.
fn disposal_method(text: &str) -> String {
    method_named(text, &PAPER_DISPOSAL_WORDS)
        .map_or_else(|| format!("other:{NOT_WRITTEN}"), str::to_owned)
}

/// Everything a registered record is known by, for a re-import.
type RecordKey = (
    Option<i64>,
    Option<i64>,
    Option<i64>,
    EventKind,
    NaiveDate,
    Option<String>,
);

fn key_of(links: &EventLinks, facts: &EventFacts) -> RecordKey {
    (
        links.person_id,
        links.dependent_id,
        links.affair_id,
        facts.details.kind(),
        facts.happened_on,
        facts.content.clone(),
    )
}

struct Registered {
    affairs: HashMap<String, i64>,
    persons: HashMap<String, Vec<(i64, Option<String>)>>,
    files: HashMap<String, i64>,
    users: HashMap<String, String>,
    records: HashSet<RecordKey>,
}

impl Registered {
    fn load(conn: &Connection) -> Result<Self, ApiError> {
        let mut persons_by_name: HashMap<String, Vec<(i64, Option<String>)>> = HashMap::new();
        for p in persons::list(conn)? {
            persons_by_name
                .entry(name_key(&p.details.name))
                .or_default()
                .push((p.id, p.details.dept.clone()));
        }
        let mut users_by_name = HashMap::new();
        for u in users::list(conn)? {
            users_by_name.insert(name_key(&u.profile.name), u.login_id.to_string());
        }
        let records = events::handling_records(conn, &EventFilter::default())?
            .iter()
            .map(|r| {
                key_of(
                    &EventLinks {
                        affair_id: r.affair_id,
                        person_id: r.person_id,
                        dependent_id: r.dependent_id,
                        ledger_no: r.file_no,
                        clerk: String::new(),
                        document_id: None,
                    },
                    &r.facts,
                )
            })
            .collect();
        Ok(Registered {
            affairs: affairs::list(conn)?
                .into_iter()
                .map(|a| (name_key(&a.name), a.id))
                .collect(),
            persons: persons_by_name,
            files: ledger::list(conn)?
                .into_iter()
                .map(|e| (name_key(&e.entry.name), e.no))
                .collect(),
            users: users_by_name,
            records,
        })
    }

    fn person(&self, name: &str, dept: Option<&str>) -> Result<i64, FieldError> {
        let found = self
            .persons
            .get(&name_key(name))
            .cloned()
            .unwrap_or_default();
        let in_dept: Vec<&(i64, Option<String>)> = match dept {
            Some(d) => found
                .iter()
                .filter(|(_, pd)| pd.as_deref().map(name_key) == Some(name_key(d)))
                .collect(),
            None => found.iter().collect(),
        };
        match (found.len(), in_dept.as_slice()) {
            (0, _) => Err(FieldError::new(
                "従業員氏名",
                format!("「{name}」は本人に登録されていません。先に職員名簿を取り込むか、本人を登録してください。"),
            )),
            (_, [(id, _)]) => Ok(*id),
            (1, []) => Ok(found[0].0),
            _ => Err(FieldError::new(
                "従業員氏名",
                format!("「{name}」という本人が複数います。所属の列で区別できるようにしてください。"),
            )),
        }
    }
}

/// One imported event as the entry screen would check it.
fn facts_of(
    ev: &ImportedEvent,
    clerk: &str,
    has_file: bool,
    note: &str,
    today: NaiveDate,
) -> Result<EventFacts, FieldError> {
    let date = ev.date.to_string();
    let method;
    let to;
    let other = format!("other:{NOT_WRITTEN}");
    let measures = vec![other.clone()];
    let mut input = EventInput {
        kind: ev.kind.as_str(),
        date: &date,
        clerk,
        has_file,
        note: Some(note),
        ..EventInput::default()
    };
    let sealed_note: String;
    match ev.kind {
        EventKind::Acquire => {
            input.source = Some(&other);
            method = match ev.identity_check {
                Some(ic) if !ic.is_other() => ic.as_str().to_owned(),
                _ if ev.text.trim().is_empty() => other.clone(),
                _ => format!("other:{}", ev.text.chars().take(100).collect::<String>()),
            };
            input.method = Some(&method);
        }
        EventKind::Submit => {
            to = recipient_input(ev.recipient.as_deref().unwrap_or(NOT_WRITTEN));
            input.to = Some(&to);
            input.via = Some(&other);
            input.content = Some(&ev.text);
        }
        EventKind::TakeOut => {
            input.to = Some(ev.recipient.as_deref().unwrap_or(NOT_WRITTEN));
            input.measures = &measures;
            input.content = Some(&ev.text);
        }
        EventKind::HandOver => {
            input.sealed = Some(false);
            sealed_note = format!("{note}。封緘の有無は{NOT_WRITTEN}");
            input.note = Some(&sealed_note);
            input.content = Some(&ev.text);
        }
        EventKind::Dispose | EventKind::Delete => {
            method = disposal_method(&ev.text);
            input.method = Some(&method);
            input.content = Some(&ev.text);
        }
        _ => input.content = Some(&ev.text),
    }
    input.parse(today)
}

pub(crate) fn plan(
    conn: &Connection,
    sheet: &Sheet,
    clerk: &str,
    today: NaiveDate,
) -> Result<Plan, ApiError> {
    let (rows, mut refused) = handling_rows(&sheet.rows, &sheet.layout);
    let known = Registered::load(conn)?;
    let mut plan = Plan {
        adds: Vec::new(),
        skips: Vec::new(),
        refused: Vec::new(),
        new_affairs: Vec::new(),
        pending: HashMap::new(),
    };
    let mut in_file: HashSet<RecordKey> = HashSet::new();
    'rows: for r in &rows {
        let affair_id = known.affairs.get(&name_key(&r.affair)).copied();
        let new_affair = match affair_id {
            Some(_) => None,
            None => {
                if let Err(e) = kiroku_core::field::required_text("関係事務", &r.affair, 100) {
                    refused.push(Refusal::new(r.row, e));
                    continue;
                }
                let at = plan
                    .new_affairs
                    .iter()
                    .position(|a| name_key(a) == name_key(&r.affair))
                    .unwrap_or_else(|| {
                        plan.new_affairs.push(r.affair.trim().to_owned());
                        plan.new_affairs.len() - 1
                    });
                Some(at)
            }
        };
        let person_id = match known.person(&r.person, r.dept.as_deref()) {
            Ok(id) => id,
            Err(e) => {
                refused.push(Refusal::new(r.row, e));
                continue;
            }
        };
        let dependent_id = match &r.dependent {
            None => None,
            Some(name) => {
                let found = dependents::of_person(conn, person_id)?
                    .into_iter()
                    .find(|d| name_key(&d.details.name) == name_key(name));
                match found {
                    Some(d) => Some(d.id),
                    None => {
                        refused.push(Refusal {
                            row: r.row,
                            field: "扶養家族氏名".into(),
                            reason: format!(
                                "「{}」の扶養家族に「{name}」が登録されていません。",
                                r.person
                            ),
                        });
                        continue;
                    }
                }
            }
        };
        let file = known.files.get(&name_key(&r.affair)).copied();
        let mut records = Vec::new();
        let mut already = 0;
        for ev in &r.events {
            let (clerk_id, clerk_note) = match ev
                .clerk
                .as_deref()
                .map(|c| (c, known.users.get(&name_key(c))))
            {
                Some((_, Some(login))) => (login.clone(), String::new()),
                Some((name, None)) => (clerk.to_owned(), format!("。担当（取り込み元）: {name}")),
                None => (clerk.to_owned(), String::new()),
            };
            let ledger_no = match (ev.kind, file) {
                (EventKind::Record, None) => {
                    refused.push(Refusal {
                        row: r.row,
                        field: "特定個人情報ファイルへの記載日等".into(),
                        reason: format!("記載の記録には台帳のファイルが要りますが、関係事務と同じ名称「{}」の台帳ファイルがありません。先に台帳を取り込んでください。", r.affair),
                    });
                    continue 'rows;
                }
                (_, f) => f,
            };
            let note = format!("取り込み（{} {}行目）{clerk_note}", sheet.file_name, r.row);
            let facts = match facts_of(ev, &clerk_id, ledger_no.is_some(), &note, today) {
                Ok(f) => f,
                Err(e) => {
                    refused.push(Refusal::new(r.row, e));
                    continue 'rows;
                }
            };
            let links = EventLinks {
                affair_id,
                person_id: Some(person_id),
                dependent_id,
                ledger_no,
                clerk: clerk_id,
                document_id: None,
            };
            let key = key_of(&links, &facts);
            if known.records.contains(&key) || !in_file.insert(key) {
                already += 1;
                continue;
            }
            records.push((links, facts));
        }
        let who = match &r.dependent {
            Some(d) => format!("{}（{d}）", r.person),
            None => r.person.clone(),
        };
        if records.is_empty() {
            plan.skips.push((
                r.row,
                format!("{} {who}: 登録済み（{already}件）", r.affair),
            ));
        } else {
            let mut summary = format!("{} {who}: {}件", r.affair, records.len());
            if already > 0 {
                summary.push_str(&format!("（ほかに登録済み {already}件）"));
            }
            if let Some(at) = new_affair {
                for i in 0..records.len() {
                    plan.pending.insert((plan.adds.len(), i), at);
                }
            }
            plan.adds.push((r.row, summary, records));
        }
    }
    refused.sort_by_key(|r| r.row);
    plan.refused = refused;
    Ok(plan)
}

impl Plan {
    pub(crate) fn rows(&self) -> PlanRows {
        PlanRows {
            add: self
                .adds
                .iter()
                .map(|(row, summary, _)| ImportRow {
                    row: u32_of(*row),
                    summary: summary.clone(),
                })
                .collect(),
            update: Vec::new(),
            skip: self
                .skips
                .iter()
                .map(|(row, summary)| ImportRow {
                    row: u32_of(*row),
                    summary: summary.clone(),
                })
                .collect(),
            refused: self.refused.iter().map(refusal).collect(),
            notices: self
                .new_affairs
                .iter()
                .map(|a| format!("関係事務「{a}」を新しく登録します。"))
                .collect(),
        }
    }

    /// (records added, 0, rows left as they are)
    pub(crate) fn counts(&self) -> (u32, u32, u32) {
        (
            u32_of(self.adds.iter().map(|(_, _, r)| r.len()).sum()),
            0,
            u32_of(self.skips.len()),
        )
    }

    pub(crate) fn commit(
        &self,
        conn: &Connection,
        batch: i64,
        stamp: &Stamp,
    ) -> Result<(), ApiError> {
        let basis = format!("取り込み番号 {batch}");
        let new_ids = self
            .new_affairs
            .iter()
            .map(|name| affairs::insert(conn, name, Some(&basis), stamp.at, &stamp.actor))
            .collect::<Result<Vec<_>, _>>()?;
        for (a, (_, _, records)) in self.adds.iter().enumerate() {
            for (i, (links, facts)) in records.iter().enumerate() {
                let mut links = links.clone();
                if let Some(at) = self.pending.get(&(a, i)) {
                    links.affair_id = new_ids.get(*at).copied();
                }
                events::insert_from(conn, &links, facts, Some(batch), stamp.at, &stamp.actor)?;
            }
        }
        Ok(())
    }
}
