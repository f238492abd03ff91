//! Importing a staff list: 本人 and their 扶養家族. A row matches a registered 本人 by 社員番号,
//! else by 氏名 and 生年月日 (氏名 and 所属 when neither has a 生年月日); a match is updated (a
//! new version of the details, with the import as its reason, and the 扶養家族 not yet
//! registered added) or left as it is.

use std::collections::HashMap;

use chrono::NaiveDate;
use kiroku_core::import::{profiles::staff_key, staff_rows, Refusal, StaffRow};
use kiroku_core::person::{DependentDetails, PersonDetails};
use kiroku_core::FieldError;
use kiroku_store::table::{dependents, persons};
use kiroku_store::Connection;
use unicode_normalization::UnicodeNormalization;

use super::file::{refusal, u32_of, PlanRows, Sheet};
use super::{ImportRow, OnMatch};
use crate::session::Stamp;
use crate::ApiError;

/// What the import will do with each row.
#[derive(Debug)]
pub(crate) struct Plan {
    items: Vec<Item>,
    refused: Vec<Refusal>,
}

#[derive(Debug)]
enum Item {
    Add {
        row: usize,
        details: PersonDetails,
        left_on: Option<NaiveDate>,
        dependents: Vec<DependentDetails>,
    },
    Update {
        row: usize,
        id: i64,
        details: Option<PersonDetails>,
        left_on: Option<NaiveDate>,
        dependents: Vec<DependentDetails>,
        changes: Vec<String>,
    },
    Skip {
        row: usize,
        summary: String,
    },
}

/// A name as compared: NFKC, without spaces (「佐藤　花子」 is 「佐藤 花子」 is 「佐藤花子」).
pub(crate) fn name_key(name: &str) -> String {
    name.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// The details a row gives, checked as the 本人 form checks them.
fn details_of(r: &StaffRow) -> Result<PersonDetails, FieldError> {
    PersonDetails::parse(
        r.kind.as_str(),
        &r.name,
        r.dept.as_deref().unwrap_or(""),
        "",
    )?
    .with_kana(r.kana.as_deref().unwrap_or(""))?
    .with_staff_no(r.staff_no.as_deref().unwrap_or(""))
    .map(|d| d.with_born_on(r.born_on))
}

fn dependents_of(r: &StaffRow) -> Result<Vec<DependentDetails>, (usize, FieldError)> {
    r.dependents
        .iter()
        .map(|d| {
            DependentDetails::parse(&d.name, d.relation.as_deref().unwrap_or("扶養家族"))
                .map_err(|e| (d.row, e))
        })
        .collect()
}

/// The registered 本人, indexed the three ways a row can match.
struct Registered {
    by_staff_no: HashMap<String, i64>,
    by_name_born: HashMap<(String, NaiveDate), i64>,
    by_name_dept: HashMap<(String, String), i64>,
    rows: HashMap<i64, persons::PersonRow>,
}

impl Registered {
    fn load(conn: &Connection) -> Result<Self, ApiError> {
        let mut r = Registered {
            by_staff_no: HashMap::new(),
            by_name_born: HashMap::new(),
            by_name_dept: HashMap::new(),
            rows: HashMap::new(),
        };
        for p in persons::list(conn)? {
            let name = name_key(&p.details.name);
            if let Some(no) = &p.details.staff_no {
                r.by_staff_no.insert(no.clone(), p.id);
            }
            match p.details.born_on {
                Some(born) => {
                    r.by_name_born.insert((name, born), p.id);
                }
                None => {
                    r.by_name_dept
                        .insert((name, p.details.dept.clone().unwrap_or_default()), p.id);
                }
            }
            r.rows.insert(p.id, p);
        }
        Ok(r)
    }

    fn find(&self, d: &PersonDetails) -> Option<i64> {
        if let Some(id) = d.staff_no.as_ref().and_then(|n| self.by_staff_no.get(n)) {
            return Some(*id);
        }
        let name = name_key(&d.name);
        if let Some(born) = d.born_on {
            if let Some(id) = self.by_name_born.get(&(name.clone(), born)) {
                return Some(*id);
            }
        }
        self.by_name_dept
            .get(&(name, d.dept.clone().unwrap_or_default()))
            .copied()
    }
}

/// The key a row is known by inside the file (two rows with one key are one person twice).
fn file_key(d: &PersonDetails) -> String {
    match (&d.staff_no, d.born_on) {
        (Some(no), _) => format!("no:{no}"),
        (None, Some(born)) => format!("born:{}:{born}", name_key(&d.name)),
        (None, None) => format!(
            "dept:{}:{}",
            name_key(&d.name),
            d.dept.clone().unwrap_or_default()
        ),
    }
}

fn summary(d: &PersonDetails, dependents: usize) -> String {
    let mut s = d.name.clone();
    if let Some(dept) = &d.dept {
        s.push_str(&format!("（{dept}）"));
    }
    if dependents > 0 {
        s.push_str(&format!(" 扶養家族{dependents}人"));
    }
    s
}

/// What a matching row changes: the registered details with the row's where the sheet has the
/// column, and the names of the fields that differ.
fn merged(old: &PersonDetails, new: &PersonDetails, sheet: &Sheet) -> (PersonDetails, Vec<String>) {
    let has = |key: &str| sheet.layout.column_of(key).is_some();
    let mut out = old.clone();
    let mut changes = Vec::new();
    let mut set = |label: &str, changed: bool| {
        if changed {
            changes.push(label.to_owned());
        }
    };
    if has(staff_key::KIND) && old.kind != new.kind {
        out.kind = new.kind;
        set("種別", true);
    }
    if name_key(&old.name) != name_key(&new.name) {
        out.name = new.name.clone();
        set("氏名", true);
    }
    if has(staff_key::DEPT) && old.dept != new.dept {
        out.dept = new.dept.clone();
        set("所属", true);
    }
    if has(staff_key::KANA) && new.kana.is_some() && old.kana != new.kana {
        out.kana = new.kana.clone();
        set("フリガナ", true);
    }
    if has(staff_key::STAFF_NO) && new.staff_no.is_some() && old.staff_no != new.staff_no {
        out.staff_no = new.staff_no.clone();
        set("社員番号", true);
    }
    if has(staff_key::BORN_ON) && new.born_on.is_some() && old.born_on != new.born_on {
        out.born_on = new.born_on;
        set("生年月日", true);
    }
    (out, changes)
}

pub(crate) fn plan(conn: &Connection, sheet: &Sheet, on_match: OnMatch) -> Result<Plan, ApiError> {
    let (rows, mut refused) = staff_rows(&sheet.rows, &sheet.layout);
    let registered = Registered::load(conn)?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        let details = match details_of(r) {
            Ok(d) => d,
            Err(e) => {
                refused.push(Refusal::new(r.row, e));
                continue;
            }
        };
        let deps = match dependents_of(r) {
            Ok(d) => d,
            Err((row, e)) => {
                refused.push(Refusal::new(row, e));
                continue;
            }
        };
        if let Some(first) = seen.insert(file_key(&details), r.row) {
            refused.push(Refusal {
                row: r.row,
                field: "氏名".into(),
                reason: format!("{first}行目と同じ人です。どちらか一方にしてください。"),
            });
            continue;
        }
        let Some(id) = registered.find(&details) else {
            items.push(Item::Add {
                row: r.row,
                details,
                left_on: r.left_on,
                dependents: deps,
            });
            continue;
        };
        let Some(old) = registered.rows.get(&id) else {
            continue;
        };
        let (new_details, mut changes) = merged(&old.details, &details, sheet);
        let left_on = r.left_on.filter(|d| old.left_on != Some(*d));
        if left_on.is_some() {
            changes.push("退職日".into());
        }
        let known: Vec<String> = dependents::of_person(conn, id)?
            .iter()
            .map(|d| name_key(&d.details.name))
            .collect();
        let new_deps: Vec<DependentDetails> = deps
            .into_iter()
            .filter(|d| !known.contains(&name_key(&d.name)))
            .collect();
        if !new_deps.is_empty() {
            changes.push(format!("扶養家族{}人を追加", new_deps.len()));
        }
        let summary_text = summary(&old.details, 0);
        if changes.is_empty() {
            items.push(Item::Skip {
                row: r.row,
                summary: format!("{summary_text}: 登録済み（変更なし）"),
            });
        } else if on_match == OnMatch::Skip {
            items.push(Item::Skip {
                row: r.row,
                summary: format!(
                    "{summary_text}: 登録済み（違い: {}。更新しない）",
                    changes.join("、")
                ),
            });
        } else {
            let changed_details = new_details != old.details;
            items.push(Item::Update {
                row: r.row,
                id,
                details: changed_details.then_some(new_details),
                left_on,
                dependents: new_deps,
                changes,
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
                Item::Add {
                    row,
                    details,
                    dependents,
                    ..
                } => out.add.push(ImportRow {
                    row: u32_of(*row),
                    summary: summary(details, dependents.len()),
                }),
                Item::Update {
                    row,
                    details,
                    changes,
                    ..
                } => out.update.push(ImportRow {
                    row: u32_of(*row),
                    summary: format!(
                        "{}: {}",
                        details
                            .as_ref()
                            .map_or_else(String::new, |d| d.name.clone()),
                        changes.join("、")
                    ),
                }),
                Item::Skip { row, summary } => out.skip.push(ImportRow {
                    row: u32_of(*row),
                    summary: summary.clone(),
                }),
            }
        }
        out
    }
}

pub(crate) fn commit(
    conn: &Connection,
    plan: &Plan,
    sheet: &Sheet,
    batch: i64,
    stamp: &Stamp,
) -> Result<(), ApiError> {
    let reason = format!("取り込み（{}、取り込み番号 {batch}）", sheet.file_name);
    for item in &plan.items {
        match item {
            Item::Add {
                details,
                left_on,
                dependents,
                ..
            } => {
                let id = persons::insert_from(conn, details, Some(batch), stamp.at, &stamp.actor)?;
                if let Some(on) = left_on {
                    persons::set_left_on(conn, id, *on)?;
                }
                for d in dependents {
                    dependents::insert_from(conn, id, d, Some(batch), stamp.at, &stamp.actor)?;
                }
            }
            Item::Update {
                id,
                details,
                left_on,
                dependents,
                ..
            } => {
                if let Some(details) = details {
                    persons::correct_from(
                        conn,
                        *id,
                        details,
                        &reason,
                        Some(batch),
                        stamp.at,
                        &stamp.actor,
                    )?;
                }
                if let Some(on) = left_on {
                    persons::set_left_on(conn, *id, *on)?;
                }
                for d in dependents {
                    dependents::insert_from(conn, *id, d, Some(batch), stamp.at, &stamp.actor)?;
                }
            }
            Item::Skip { .. } => {}
        }
    }
    Ok(())
}
