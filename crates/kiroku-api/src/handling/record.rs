//! The handling log (別紙1): record events (one or a batch), correct them (a new version with
//! the reason), read one with its history, and list them. Every read and change is audited.

use crate::correction::amend_reason;
use crate::lookup::{self, name_of, refuse_repeats, user_names, Asked};
use crate::people::users::user_ref;
use crate::{ApiError, Session, UserRef};
use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::audit::AuditAction;
pub use kiroku_core::event_fields::EventFields;
use kiroku_core::field::required_text;
use kiroku_core::handling::{EventDetails, EventFacts, EventKind};
use kiroku_core::lifecycle::HandlingRecord;
use kiroku_core::FieldError;
use kiroku_store::table::events::{self, EventLinks, EventVersionRow};
use kiroku_store::table::{affairs, audit, dependents, persons};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// The 保存文書 an acquisition goes into.
#[derive(Debug)]
enum DocumentChoice {
    Existing(i64),
    New(kiroku_store::table::documents::NewDocument),
}

/// An event with every reference resolved, before its facts are validated.
#[derive(Debug, Clone)]
struct Draft {
    kind: String,
    date: String,
    links: EventLinks,
    fields: EventFields,
}

impl Draft {
    /// Validates the facts and the people named (clerk, witness, officer).
    fn validate(
        &self,
        conn: &Connection,
        today: chrono::NaiveDate,
    ) -> Result<(EventLinks, EventFacts), ApiError> {
        let f = &self.fields;
        let (clerk, clerk_row) = user_ref(conn, "担当", &self.links.clerk)?;
        if !clerk_row.role.may_write_records() {
            return Err(FieldError::new(
                "担当",
                format!(
                    "{}（{}）は{}のため、特定個人情報を取り扱えません。",
                    clerk.name,
                    clerk.id,
                    clerk_row.role.label()
                ),
            )
            .into());
        }
        let facts = f
            .input(
                &self.kind,
                &self.date,
                &clerk.id,
                self.links.ledger_no.is_some(),
            )
            .parse(today)?;
        match &facts.details {
            EventDetails::Delete { witness, .. } => {
                user_ref(conn, "確認者", witness)?;
            }
            EventDetails::Correct { officer, .. } => {
                let (who, row) = user_ref(conn, "責任者", officer)?;
                if !row.role.may_manage_users() {
                    return Err(FieldError::new(
                        "責任者",
                        format!("{}（{}）は事務取扱責任者ではありません。", who.name, who.id),
                    )
                    .into());
                }
            }
            _ => {}
        }
        let links = EventLinks {
            clerk: clerk.id,
            ..self.links.clone()
        };
        Ok((links, facts))
    }
}

pub(crate) fn event_view(
    conn: &Connection,
    row: &EventVersionRow,
    versions: u32,
    names: &HashMap<String, String>,
) -> Result<EventView, ApiError> {
    let l = &row.links;
    let affair = match l.affair_id {
        Some(a) => affairs::get(conn, a)?.map(|a| a.name),
        None => None,
    };
    let person = match l.person_id {
        Some(p) => persons::get(conn, p)?,
        None => None,
    };
    let dependent = match (l.dependent_id, l.person_id) {
        (Some(d), Some(_)) => dependents::get(conn, d)?.map(|x| x.details.name),
        _ => None,
    };
    let record = HandlingRecord {
        event_id: row.event_id,
        version: row.version,
        facts: row.facts.clone(),
        affair_id: l.affair_id,
        affair: affair.map(Into::into),
        person_id: l.person_id,
        person: person.as_ref().map(|p| p.details.name.as_str().into()),
        unit: None,
        dependent_id: l.dependent_id,
        dependent: dependent.map(Into::into),
        file_no: l.ledger_no,
        document_id: l.document_id,
        withdrawn: row
            .withdrawn
            .then(|| row.reason.clone().unwrap_or_default()),
        clerk_id: l.clerk.clone(),
        clerk: name_of(names)(&l.clerk).into(),
    };
    let kind = record.kind();
    Ok(EventView {
        id: row.event_id,
        version: row.version,
        versions,
        amended: versions > 1,
        kind: kind.as_str().into(),
        kind_label: kind.label().into(),
        date: row.facts.happened_on,
        date_label: crate::settings::date_style(conn)?.format(row.facts.happened_on),
        summary: record.summary(&name_of(names)),
        affair_id: record.affair_id,
        affair: record.affair.as_deref().map(str::to_owned),
        person_id: record.person_id,
        person: record.person.as_deref().map(str::to_owned),
        dependent_id: record.dependent_id,
        dependent: record.dependent.as_deref().map(str::to_owned),
        file: record.file_no,
        document: l.document_id,
        clerk: UserRef {
            id: record.clerk_id,
            name: record.clerk.to_string(),
        },
        fields: EventFields::from_facts(&row.facts),
        reason: row.reason.clone(),
        withdrawn: row.withdrawn,
        entered_at: row.entered_at,
        entered_by: row.entered_by.clone(),
    })
}

/// The document an acquisition attaches to or creates (a document disposed of is refused).
fn document_for(
    conn: &Connection,
    new: &NewEvent,
    validated: &[(EventLinks, EventFacts)],
) -> Result<Option<DocumentChoice>, ApiError> {
    let wants = new.document.is_some() || new.new_document.is_some();
    if !wants {
        return Ok(None);
    }
    let Some((links, facts)) = validated.first() else {
        return Ok(None);
    };
    if facts.details.kind() != kiroku_core::handling::EventKind::Acquire {
        return Err(FieldError::new(
            "保存文書",
            "保存文書との結び付けは「取得」の記録で行います。",
        )
        .into());
    }
    if let Some(id) = new.document {
        if new.new_document.is_some() {
            return Err(FieldError::new(
                "保存文書",
                "既存の保存文書か新しい保存文書の、どちらか一方を指定してください。",
            )
            .into());
        }
        let d = lookup::document(conn, id)?;
        return match d.disposal {
            None => Ok(Some(DocumentChoice::Existing(d.id))),
            Some(_) => Err(FieldError::new(
                "保存文書",
                format!("保存文書 ID {} はすでに廃棄・削除済みです。", d.id),
            )
            .into()),
        };
    }
    let Some(spec) = &new.new_document else {
        return Ok(None);
    };
    let ledger_no = links.ledger_no.ok_or_else(|| {
        FieldError::new(
            "特定個人情報ファイル",
            "保存文書を作るには、保管する台帳の NO. を指定してください。",
        )
    })?;
    let rule = lookup::rule_by_text(conn, &spec.rule)?;
    let name = match spec
        .name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .or(facts.content.as_deref())
    {
        Some(n) => kiroku_core::field::required_text("保存文書名", n, 100)?,
        None => {
            return Err(FieldError::new(
                "保存文書名",
                "保存文書名か内容を入力してください（内容が保存文書名になります）。",
            )
            .into())
        }
    };
    let base_date = match spec.base_date.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => rule.rule.read_base("基準日", d)?,
        None => facts.happened_on,
    };
    // One 本人 (with or without the family ticked under them): their document; several: 一式.
    let holders = new.persons.len();
    let one = holders == 1;
    Ok(Some(DocumentChoice::New(
        kiroku_store::table::documents::NewDocument {
            name,
            ledger_no,
            rule_id: rule.id,
            base_date,
            person_id: if one { links.person_id } else { None },
            batch_count: if one {
                None
            } else {
                u32::try_from(holders).ok()
            },
        },
    )))
}

/// The checks of a batch that need no look-up.
fn check_batch_shape(new: &NewEvent) -> Result<(), ApiError> {
    if new.persons.is_empty() {
        return Err(FieldError::new(
            "本人",
            "本人の ID を指定してください（本人の一覧で確認できます）。",
        )
        .into());
    }
    if new.dependent.is_some() && new.persons.len() > 1 {
        return Err(FieldError::new(
            "扶養家族",
            "扶養家族は、本人を1人だけ指定したときに指定できます。",
        )
        .into());
    }
    if new.dependent.is_some() && !new.family.is_empty() {
        return Err(FieldError::new(
            "扶養家族",
            "扶養家族は、名前で1人指定するか一覧でチェックするか、どちらか一方にしてください。",
        )
        .into());
    }
    refuse_repeats("本人", &new.persons)?;
    let mut seen = std::collections::HashSet::new();
    for tick in &new.family {
        if !new.persons.contains(&tick.person) {
            let person = lookup::guarded_id("本人", tick.person)?;
            return Err(FieldError::new(
                "扶養家族",
                format!("扶養家族をチェックした本人 ID {person} が、本人に選ばれていません。本人を選び直してください。"),
            )
            .into());
        }
        if !seen.insert(tick.dependent) {
            let id = lookup::guarded_id("扶養家族", tick.dependent)?;
            return Err(FieldError::new(
                "扶養家族",
                format!("扶養家族 ID {id} が2回指定されています。"),
            )
            .into());
        }
    }
    Ok(())
}

/// Resolves and validates each person's event of a batch against what `conn` holds now.
fn validate_batch(
    conn: &Connection,
    new: &NewEvent,
    clerk: &str,
    today: NaiveDate,
) -> Result<Vec<(EventLinks, EventFacts)>, ApiError> {
    let affair_id = lookup::affair(conn, &new.affair)?;
    let ledger_no = new.file.map(|no| lookup::file_no(conn, no)).transpose()?;
    let draft = |person_id: i64, dependent_id: Option<i64>| Draft {
        kind: new.kind.clone(),
        date: new.date.clone(),
        links: EventLinks {
            affair_id: Some(affair_id),
            person_id: Some(person_id),
            dependent_id,
            ledger_no,
            clerk: clerk.to_owned(),
            document_id: None,
        },
        fields: new.fields.clone(),
    };
    let mut validated = Vec::with_capacity(new.persons.len() + new.family.len());
    for &person_id in &new.persons {
        let person = lookup::person(conn, person_id, Asked::InField)?;
        let dependent_id = new
            .dependent
            .as_deref()
            .map(|d| lookup::dependent(conn, person_id, d))
            .transpose()?;
        validated.push(draft(person_id, dependent_id).validate(conn, today)?);
        // Each family member ticked under this 本人: an event of their own, right after.
        for tick in new.family.iter().filter(|t| t.person == person_id) {
            let dependent = lookup::dependent_of(conn, &person, tick.dependent)?;
            let checked = draft(person_id, Some(dependent.id)).validate(conn, today)?;
            // Not for a handling after they left the household (an earlier one may be entered).
            if let Some(left) = dependent.left_on.filter(|l| *l < checked.1.happened_on) {
                return Err(FieldError::new(
                    "扶養家族",
                    format!(
                        "{}は{}に扶養から外れています。それより後の日付の記録には選べません。",
                        dependent.details.name,
                        kiroku_core::wareki::format(left)
                    ),
                )
                .into());
            }
            validated.push(checked);
        }
    }
    Ok(validated)
}

impl Session {
    fn event_row(&self, id: i64) -> Result<EventVersionRow, ApiError> {
        lookup::event(self.vault.conn(), id)
    }

    /// Records an event for one person, or the same event for each of several persons (a
    /// batch, all or nothing). Returns the new events.
    pub fn add_events(&mut self, new: &NewEvent) -> Result<Vec<EventView>, ApiError> {
        self.require_writer("取扱いの記録")?;
        check_batch_shape(new)?;
        let clerk = new
            .clerk
            .clone()
            .unwrap_or_else(|| self.actor().to_string());
        let today = self.today();
        let stamp = self.stamp();
        // Every look-up and check runs inside the write transaction (BEGIN IMMEDIATE): a
        // person, file or document changed by another window or command meanwhile is seen.
        let ids = self.vault.write(|tx| -> Result<Vec<i64>, ApiError> {
            let validated = validate_batch(tx, new, &clerk, today)?;
            let document = document_for(tx, new, &validated)?;
            let document_id = match &document {
                Some(DocumentChoice::Existing(id)) => Some(*id),
                Some(DocumentChoice::New(doc)) => {
                    let id =
                        kiroku_store::table::documents::insert(tx, doc, stamp.at, &stamp.actor)?;
                    audit::append(
                        tx,
                        stamp.entry(
                            AuditAction::Create,
                            format!("document:{id}"),
                            "取得の記録から作成",
                        ),
                    )?;
                    Some(id)
                }
                None => None,
            };
            let mut ids = Vec::with_capacity(validated.len());
            for (links, facts) in &validated {
                let links = EventLinks {
                    document_id,
                    ..links.clone()
                };
                let id = events::insert(tx, &links, facts, stamp.at, &stamp.actor)?;
                audit::append(
                    tx,
                    stamp.entry(
                        AuditAction::Create,
                        format!("event:{id}"),
                        facts.details.kind().label(),
                    ),
                )?;
                ids.push(id);
            }
            Ok(ids)
        })?;
        let conn = self.vault.conn();
        let names = user_names(conn)?;
        ids.iter()
            .map(|&id| event_view(conn, &self.event_row(id)?, 1, &names))
            .collect()
    }

    /// One event's current version (the read is audited).
    pub fn event(&mut self, id: i64) -> Result<EventView, ApiError> {
        let history = self.event_versions(id)?;
        self.audited_read(&format!("event:{id}"), "")?;
        history
            .into_iter()
            .last()
            .ok_or_else(|| ApiError::NotFound(format!("記録 ID {id} はありません。")))
    }

    /// Every version of an event, oldest first (the read is audited).
    pub fn event_history(&mut self, id: i64) -> Result<Vec<EventView>, ApiError> {
        let history = self.event_versions(id)?;
        self.audited_read(&format!("event:{id}"), "履歴")?;
        Ok(history)
    }

    fn event_versions(&self, id: i64) -> Result<Vec<EventView>, ApiError> {
        self.event_row(id)?;
        let conn = self.vault.conn();
        let rows = events::history(conn, id)?;
        let versions = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        let names = user_names(conn)?;
        rows.iter()
            .map(|r| event_view(conn, r, versions, &names))
            .collect()
    }

    /// Corrects an event: a new version with the reason (002 第43条); the old one stays
    /// readable in its history.
    pub fn amend_event(
        &mut self,
        id: i64,
        reason: &str,
        changes: &EventChanges,
    ) -> Result<EventView, ApiError> {
        self.require_writer("取扱記録の訂正")?;
        let reason = amend_reason(reason)?;
        let today = self.today();
        let stamp = self.stamp();
        // The current version is read, and the correction checked, inside the write
        // transaction: two windows correcting one record never both write 第2版.
        let version = self.vault.write(|tx| -> Result<u32, ApiError> {
            let conn: &Connection = tx;
            let current = lookup::event(conn, id)?;
            if current.withdrawn {
                return Err(ApiError::Conflict(format!(
                    "記録 ID {id} は誤登録として取り消されています。取り消した記録は訂正できません。正しい内容は新しく記録してください。"
                )));
            }
            let mut links = current.links.clone();
            if let Some(a) = &changes.affair {
                links.affair_id = Some(lookup::affair(conn, a)?);
            }
            if let Some(p) = changes.person {
                links.person_id = Some(lookup::person(conn, p, Asked::InField)?.id);
                if changes.dependent.is_none() && Some(p) != current.links.person_id {
                    links.dependent_id = None;
                }
            }
            match changes.dependent.as_deref().map(str::trim) {
                Some("") => links.dependent_id = None,
                Some(d) => {
                    let person = links.person_id.ok_or_else(|| {
                        FieldError::new(
                            "扶養家族",
                            "本人のない記録（一式の記録）には扶養家族を指定できません。",
                        )
                    })?;
                    links.dependent_id = Some(lookup::dependent(conn, person, d)?);
                }
                None => {}
            }
            match changes.file.as_deref().map(str::trim) {
                Some("") => links.ledger_no = None,
                Some(no) => {
                    let no = required_text("特定個人情報ファイル", no, 20)?;
                    let no = no.parse::<i64>().map_err(|_| {
                        FieldError::new(
                            "特定個人情報ファイル",
                            "台帳の NO.（数字）を指定してください。",
                        )
                    })?;
                    links.ledger_no = Some(lookup::file_no(conn, no)?);
                }
                None => {}
            }
            if let Some(c) = &changes.clerk {
                links.clerk.clone_from(c);
            }
            let kind_now = current.facts.details.kind();
            let kind = changes
                .kind
                .clone()
                .unwrap_or_else(|| kind_now.as_str().to_owned());
            // Another kind: the details only the old kind took go (the new kind's are given).
            let before = EventFields::from_facts(&current.facts);
            let before = match kind.parse::<EventKind>() {
                Ok(k) if k != kind_now => before.kept_for(k),
                _ => before,
            };
            let draft = Draft {
                kind,
                date: changes
                    .date
                    .clone()
                    .unwrap_or_else(|| current.facts.happened_on.to_string()),
                links,
                fields: before.merged(&changes.fields),
            };
            let (links, facts) = draft.validate(conn, today)?;
            if links == current.links && facts == current.facts {
                return Err(FieldError::new(
                "訂正内容",
                "変更する項目がありません。直す項目（日付・備考など）に新しい値を入れてください。",
            )
            .into());
            }
            append_version(tx, &stamp, &current, (&links, &facts), &reason, false)
        })?;
        let conn = self.vault.conn();
        event_view(conn, &self.event_row(id)?, version, &user_names(conn)?)
    }
}

/// Writes the next version of event `current` — a correction, or with `withdrawn` the same
/// record withdrawn as entered by mistake — and its audit row, in the caller's transaction.
/// Returns the new version's number.
pub(crate) fn append_version(
    conn: &Connection,
    stamp: &crate::session::Stamp,
    current: &EventVersionRow,
    (links, facts): (&EventLinks, &EventFacts),
    reason: &str,
    withdrawn: bool,
) -> Result<u32, ApiError> {
    let (id, version) = (current.event_id, current.version + 1);
    events::amend(
        conn,
        &events::Amendment {
            event_id: id,
            version,
            links,
            facts,
            reason,
            withdrawn,
        },
        stamp.at,
        &stamp.actor,
    )?;
    let detail = if withdrawn {
        format!("第{version}版で誤登録として取消し: {reason}")
    } else {
        format!("第{version}版: {reason}")
    };
    audit::append(
        conn,
        stamp.entry(AuditAction::Amend, format!("event:{id}"), detail),
    )?;
    Ok(version)
}

/// A correction of an event (訂正), with its reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AmendEventRequest {
    pub id: i64,
    pub reason: String,
    pub changes: EventChanges,
}

/// A handling event to record (別紙1). Identifiers are those of DOMAIN.md §3; a choice may
/// carry its precise text as `ID:内容` (e.g. `tax_office:○○税務署`).
///
/// `persons` takes one person, or many for a batch (the same event for each, e.g. 年末調整).
/// `affair` is an affair's ID or exact name; `dependent` a dependent's ID or name (only with
/// one person: the event is about that dependent alone), `family` the dependents ticked under
/// the persons (an event each, besides the persons' own); `file` a 台帳 NO.; `clerk` the login ID of who did it (default: the user).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewEvent {
    pub kind: String,
    pub date: String,
    pub affair: String,
    pub persons: Vec<i64>,
    pub dependent: Option<String>,
    /// 扶養家族 ticked under the persons: each gets an event of their own (本人 = that person,
    /// 扶養家族 = them), in the same transaction as the persons' events.
    #[serde(default)]
    pub family: Vec<FamilyTick>,
    pub file: Option<i64>,
    pub clerk: Option<String>,
    pub fields: EventFields,
    /// The 保存文書 this acquisition's papers go into: an existing one …
    pub document: Option<i64>,
    /// … or a new one made from the event (one person: theirs; a batch: 一式 of them all).
    pub new_document: Option<DocumentFromEvent>,
}

/// One 扶養家族 ticked under a 本人 in an entry: `dependent` must be `person`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FamilyTick {
    pub person: i64,
    pub dependent: i64,
}

/// A document made from an acquisition: kept under the event's 台帳 file by `rule` (ID or
/// 保存文書名); its name defaults to the event's 内容, its base date to the event's date.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentFromEvent {
    pub rule: String,
    pub name: Option<String>,
    pub base_date: Option<String>,
}

/// A correction of an event: the parts given replace the current ones, an empty text clears
/// an optional one; in `fields` likewise, and given measures replace the list. Another `kind`
/// drops the details only the old kind took (its 安全措置, 封緘, 提出先…).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventChanges {
    pub kind: Option<String>,
    pub date: Option<String>,
    pub affair: Option<String>,
    pub person: Option<i64>,
    pub dependent: Option<String>,
    pub file: Option<String>,
    pub clerk: Option<String>,
    pub fields: EventFields,
}

/// One version of an event as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventView {
    pub id: i64,
    pub version: u32,
    /// How many versions the event has (the current one is the last).
    pub versions: u32,
    pub amended: bool,
    pub kind: String,
    pub kind_label: String,
    pub date: NaiveDate,
    /// The date in 和暦.
    pub date_label: String,
    /// None for a handling of a document as a whole.
    pub affair_id: Option<i64>,
    pub affair: Option<String>,
    /// None for a batch (一式).
    pub person_id: Option<i64>,
    pub person: Option<String>,
    pub dependent_id: Option<i64>,
    pub dependent: Option<String>,
    pub file: Option<i64>,
    /// The 保存文書 it handled or filed the papers in.
    pub document: Option<i64>,
    pub clerk: UserRef,
    /// Everything the event recorded, in words (the 運用状況記録票's 内容).
    pub summary: String,
    /// The details as the amend form takes them.
    pub fields: EventFields,
    /// Why this version replaced the previous one.
    pub reason: Option<String>,
    /// This version withdrew the record (誤登録として取消し; `reason` says why).
    pub withdrawn: bool,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}
