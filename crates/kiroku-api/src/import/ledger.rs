//! Importing a 管理台帳 (別紙2): each row an entry. A row matches a registered entry by its
//! NO. and 名称, else by 名称; a match is updated (a new version with the import as its reason)
//! or left as it is. 責任者 and 担当者 are written as names (or login IDs) of users: a name that
//! is no user refuses the row (register the user first).

use std::collections::HashMap;

use kiroku_core::choice::{Choice, DisposalMethod};
use kiroku_core::import::{ledger_rows, LedgerRow, Refusal};
use kiroku_core::ledger::{LedgerEntry, LedgerInput, Medium};
use kiroku_core::FieldError;
use kiroku_store::table::{ledger, users};
use kiroku_store::Connection;

use super::file::{refusal, u32_of, PlanRows, Sheet};
use super::persons::name_key;
use super::{method_named, ImportRow, OnMatch, PAPER_DISPOSAL_WORDS};
use crate::session::Stamp;
use crate::ApiError;

#[derive(Debug)]
pub(crate) struct Plan {
    items: Vec<Item>,
    refused: Vec<Refusal>,
}

#[derive(Debug)]
enum Item {
    Add {
        row: usize,
        entry: LedgerEntry,
    },
    Update {
        row: usize,
        no: i64,
        version: u32,
        entry: LedgerEntry,
        changes: Vec<&'static str>,
    },
    Skip {
        row: usize,
        summary: String,
    },
}

/// Users by login ID and by name (spaces ignored).
struct People(HashMap<String, String>);

impl People {
    fn load(conn: &Connection) -> Result<Self, ApiError> {
        let mut map = HashMap::new();
        for u in users::list(conn)? {
            let login = u.login_id.to_string();
            map.insert(name_key(&u.profile.name), login.clone());
            map.insert(login.clone(), login);
        }
        Ok(People(map))
    }

    fn login(&self, field: &'static str, name: &str) -> Result<String, FieldError> {
        self.0.get(&name_key(name)).cloned().ok_or_else(|| {
            FieldError::new(
                field,
                format!("{field}「{name}」は利用者に登録されていません。先に利用者として登録するか、利用者の氏名に直してください。"),
            )
        })
    }
}

/// 廃棄・削除 as written (its first line: an export adds the 状況 on the next): a method's
/// name or ID as it is; words naming a method as that method with the words kept (「委託業者に
/// よる溶解」 is 溶解 with its text); anything else 「その他」 with the text.
fn disposal_input(text: &str) -> String {
    let text = without_status(text);
    if Choice::<DisposalMethod>::parse("廃棄・削除", text).is_ok() {
        return text.to_owned();
    }
    const DATA_DISPOSAL_WORDS: [(&str, &str); 2] = [
        ("削除ソフト", "wipe_software"),
        ("システム", "system_delete"),
    ];
    let words: String = text.chars().take(100).collect();
    match method_named(
        text,
        PAPER_DISPOSAL_WORDS.iter().chain(&DATA_DISPOSAL_WORDS),
    ) {
        Some(id) => format!("{id}:{words}"),
        None => format!("other:{words}"),
    }
}

/// The method of a 廃棄・削除 cell without the 状況 an export (or the printed 台帳) writes after
/// it (「保存中 10件・廃棄済 2件」), on the next line or after a space.
fn without_status(text: &str) -> &str {
    use kiroku_core::schedule::DocumentState;
    let first = text.lines().next().unwrap_or_default();
    let cut = first
        .char_indices()
        .filter(|(i, c)| c.is_whitespace() && *i > 0)
        .map(|(i, c)| (i, &first[i + c.len_utf8()..]))
        .find(|(_, rest)| {
            DocumentState::ALL.iter().any(|st| {
                rest.strip_prefix(st.label())
                    .and_then(|r| r.strip_prefix(' '))
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            })
        })
        .map_or(first.len(), |(i, _)| i);
    first[..cut].trim()
}

fn entry_of(r: &LedgerRow, people: &People) -> Result<LedgerEntry, FieldError> {
    let need = |label: &'static str, v: &Option<String>| -> Result<String, FieldError> {
        v.clone().filter(|v| !v.trim().is_empty()).ok_or_else(|| {
            FieldError::new(
                label,
                format!("{label}が空です。ファイルに書き足してください。"),
            )
        })
    };
    let owner = people.login("責任者", &need("責任者", &r.owner)?)?;
    let handlers = r
        .handlers
        .iter()
        .map(|h| people.login("担当者", h))
        .collect::<Result<Vec<_>, _>>()?;
    let disposal = disposal_input(&need("廃棄・削除", &r.disposal)?);
    LedgerInput {
        name: &r.name,
        scope: &need("特定個人情報の範囲", &r.scope)?,
        dept: &need("取扱部署", &r.dept)?,
        owner: &owner,
        handlers: &handlers,
        purpose: &need("利用目的", &r.purpose)?,
        retention: &need("保存期間", &r.retention)?,
        disposal: &disposal,
        location: &need("保管場所", &r.location)?,
        electronic: r.medium == Some(Medium::Electronic),
    }
    .parse()
}

fn changes(old: &LedgerEntry, new: &LedgerEntry) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut diff = |label, changed: bool| {
        if changed {
            out.push(label);
        }
    };
    diff("名称", old.name != new.name);
    diff("特定個人情報の範囲", old.scope != new.scope);
    diff("取扱部署", old.dept != new.dept);
    diff("責任者", old.owner != new.owner);
    diff("担当者", old.handlers != new.handlers);
    diff("利用目的", old.purpose != new.purpose);
    diff("保存期間", old.retention.text != new.retention.text);
    diff("廃棄・削除", old.disposal != new.disposal);
    diff("保管場所", old.location != new.location);
    diff("媒体", old.medium != new.medium);
    out
}

pub(crate) fn plan(conn: &Connection, sheet: &Sheet, on_match: OnMatch) -> Result<Plan, ApiError> {
    let (rows, mut refused) = ledger_rows(&sheet.rows, &sheet.layout);
    let people = People::load(conn)?;
    let registered = ledger::list(conn)?;
    let mut items = Vec::with_capacity(rows.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in &rows {
        let mut entry = match entry_of(r, &people) {
            Ok(e) => e,
            Err(e) => {
                refused.push(Refusal::new(r.row, e));
                continue;
            }
        };
        if let Some(first) = seen.insert(name_key(&entry.name), r.row) {
            refused.push(Refusal {
                row: r.row,
                field: "名称".into(),
                reason: format!("{first}行目と同じ名称です。どちらか一方にしてください。"),
            });
            continue;
        }
        let no: Option<i64> =
            r.no.as_deref()
                .and_then(|n| n.trim().trim_start_matches("NO.").trim().parse().ok());
        let found = registered
            .iter()
            .find(|e| Some(e.no) == no && name_key(&e.entry.name) == name_key(&entry.name))
            .or_else(|| {
                registered
                    .iter()
                    .find(|e| name_key(&e.entry.name) == name_key(&entry.name))
            });
        let Some(old) = found else {
            items.push(Item::Add { row: r.row, entry });
            continue;
        };
        // The retention rule it follows is kept (the sheet has only the text).
        entry.retention.rule_id = old.entry.retention.rule_id;
        let diff = changes(&old.entry, &entry);
        let label = format!("NO.{} {}", old.no, old.entry.name);
        if diff.is_empty() {
            items.push(Item::Skip {
                row: r.row,
                summary: format!("{label}: 登録済み（変更なし）"),
            });
        } else if on_match == OnMatch::Skip {
            items.push(Item::Skip {
                row: r.row,
                summary: format!("{label}: 登録済み（違い: {}。更新しない）", diff.join("、")),
            });
        } else {
            items.push(Item::Update {
                row: r.row,
                no: old.no,
                version: old.version + 1,
                entry,
                changes: diff,
            });
        }
    }
    refused.sort_by_key(|r| r.row);
    Ok(Plan { items, refused })
}

impl Plan {
    pub(crate) fn rows(&self) -> PlanRows {
        let mut out = PlanRows {
            refused: self.refused.iter().map(refusal).collect(),
            ..PlanRows::default()
        };
        for item in &self.items {
            match item {
                Item::Add { row, entry } => out.add.push(ImportRow {
                    row: u32_of(*row),
                    summary: format!("{}（{}）", entry.name, entry.medium.label()),
                }),
                Item::Update {
                    row,
                    no,
                    entry,
                    changes,
                    ..
                } => out.update.push(ImportRow {
                    row: u32_of(*row),
                    summary: format!("NO.{no} {}: {}", entry.name, changes.join("、")),
                }),
                Item::Skip { row, summary } => out.skip.push(ImportRow {
                    row: u32_of(*row),
                    summary: summary.clone(),
                }),
            }
        }
        out
    }

    pub(crate) fn commit(
        &self,
        conn: &Connection,
        sheet: &Sheet,
        batch: i64,
        stamp: &Stamp,
    ) -> Result<(), ApiError> {
        let reason = format!("取り込み（{}、取り込み番号 {batch}）", sheet.file_name);
        for item in &self.items {
            match item {
                Item::Add { entry, .. } => {
                    ledger::insert_from(conn, entry, Some(batch), stamp.at, &stamp.actor)?;
                }
                Item::Update {
                    no, version, entry, ..
                } => {
                    ledger::amend_from(
                        conn,
                        *no,
                        *version,
                        entry,
                        &reason,
                        batch,
                        stamp.at,
                        &stamp.actor,
                    )?;
                }
                Item::Skip { .. } => {}
            }
        }
        Ok(())
    }
}
