//! The handling log (別紙1): record events (one or a batch), correct them (a new version with
//! the reason), read one with its history, and list them. Every read and change is audited.

use chrono::NaiveDate;
use kiroku_core::audit::AuditAction;
use kiroku_core::field::{required_name, required_text};
use kiroku_core::guard;
use kiroku_core::handling::{EventDetails, EventFacts, EventInput};
use kiroku_core::lifecycle::HandlingRecord;
use kiroku_core::FieldError;
use kiroku_store::table::events::{self, EventLinks, EventVersionRow};
use kiroku_store::table::{affairs, audit, dependents, ledger, persons, users};
use kiroku_store::Connection;
use std::collections::HashMap;

use crate::ledger::{amend_reason, user_ref};
use crate::log_views::{EventChanges, EventFields, EventView, NewEvent, UserRef};
use crate::{ApiError, Session};

/// A number typed where an ID goes is still text the guard reads: an ID that looks like a
/// 個人番号 is refused before it can be echoed in a "not found" message.
pub(crate) fn guarded_id(field: &'static str, id: i64) -> Result<i64, FieldError> {
    guard::check_field(field, &id.to_string())?;
    Ok(id)
}

/// Each ID once in one request (persons of a batch, documents of a disposal): a repeated one
/// is a typing mistake, named as such for `field`.
pub(crate) fn refuse_repeats(field: &'static str, ids: &[i64]) -> Result<(), ApiError> {
    let mut seen = std::collections::HashSet::new();
    match ids.iter().find(|id| !seen.insert(**id)) {
        // The guard first: a repeated 個人番号 typed as an ID is refused as such, never echoed.
        Some(&id) => {
            let id = guarded_id(field, id)?;
            Err(FieldError::new(field, format!("{field} ID {id} が2回指定されています。")).into())
        }
        None => Ok(()),
    }
}

/// An affair by ID or exact name.
pub(crate) fn resolve_affair(conn: &Connection, text: &str) -> Result<i64, ApiError> {
    let text = required_name("関係事務", text, 100)?;
    let found = match text.parse::<i64>() {
        Ok(id) => affairs::get(conn, id)?,
        Err(_) => affairs::by_name(conn, &text)?,
    };
    found.map(|a| a.id).ok_or_else(|| {
        FieldError::new(
            "関係事務",
            format!("「{text}」は関係事務の一覧にありません。affair list で ID か名称を確認してください。"),
        )
        .into()
    })
}

pub(crate) fn require_person(conn: &Connection, id: i64) -> Result<persons::PersonRow, ApiError> {
    let id = guarded_id("本人", id)?;
    persons::get(conn, id)?.ok_or_else(|| {
        FieldError::new(
            "本人",
            format!("本人 ID {id} は登録されていません。本人の一覧（本人、kiroku person list）で確認してください。"),
        )
        .into()
    })
}

pub(crate) fn require_file(conn: &Connection, no: i64) -> Result<i64, ApiError> {
    let no = guarded_id("特定個人情報ファイル", no)?;
    match ledger::current(conn, no)? {
        Some(_) => Ok(no),
        None => Err(FieldError::new(
            "特定個人情報ファイル",
            format!("台帳 NO.{no} はありません。管理台帳の一覧（管理台帳、kiroku ledger list）で確認してください。"),
        )
        .into()),
    }
}

/// A dependent of `person_id`, by ID or name.
fn resolve_dependent(conn: &Connection, person_id: i64, text: &str) -> Result<i64, ApiError> {
    let text = required_name("扶養家族", text, 50)?;
    let deps = dependents::of_person(conn, person_id)?;
    let by_id = text.parse::<i64>().ok();
    deps.iter()
        .find(|d| Some(d.id) == by_id || d.details.name == text)
        .map(|d| d.id)
        .ok_or_else(|| {
            FieldError::new(
                "扶養家族",
                format!("本人 ID {person_id} の扶養家族に「{text}」はいません。本人の扶養家族（本人、kiroku person show {person_id}）で確認してください。"),
            )
            .into()
        })
}

/// The 帳票 an acquisition goes into.
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
        let facts = EventInput {
            kind: &self.kind,
            date: &self.date,
            clerk: &clerk.id,
            has_file: self.links.ledger_no.is_some(),
            source: f.source.as_deref(),
            method: f.method.as_deref(),
            to: f.to.as_deref(),
            via: f.via.as_deref(),
            measures: &f.measures,
            sealed: f.sealed,
            content: f.content.as_deref(),
            contractor: f.contractor.as_deref(),
            certificate_no: f.certificate_no.as_deref(),
            answer: f.answer.as_deref(),
            requester: f.requester.as_deref(),
            correction_reason: f.correction_reason.as_deref(),
            witness: f.witness.as_deref(),
            officer: f.officer.as_deref(),
            note: f.note.as_deref(),
        }
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

/// The details of stored facts, as the forms take them back.
fn fields_of(facts: &EventFacts) -> EventFields {
    let mut f = EventFields {
        content: facts.content.clone(),
        note: facts.note.clone(),
        ..EventFields::default()
    };
    match &facts.details {
        EventDetails::Acquire {
            source,
            identity_check,
        } => {
            f.source = Some(source.to_input());
            f.method = Some(identity_check.to_input());
        }
        EventDetails::Record | EventDetails::Use | EventDetails::Output => {}
        EventDetails::TakeOut {
            destination,
            measures,
        } => {
            f.to = Some(destination.clone());
            f.measures = measures.iter().map(|m| m.to_input()).collect();
        }
        EventDetails::Submit { recipient, means } => {
            f.to = Some(recipient.to_input());
            f.via = Some(means.to_input());
        }
        EventDetails::HandOver { sealed } => f.sealed = Some(*sealed),
        EventDetails::Dispose { method, contractor } => {
            f.method = Some(method.to_input());
            f.contractor.clone_from(contractor);
        }
        EventDetails::Delete { method, witness } => {
            f.method = Some(method.to_input());
            f.witness = Some(witness.clone());
        }
        EventDetails::Certificate {
            contractor,
            certificate_no,
        } => {
            f.contractor = Some(contractor.clone());
            f.certificate_no = Some(certificate_no.clone());
        }
        EventDetails::Refusal { answer } => f.answer = Some(answer.clone()),
        EventDetails::Correct {
            reason,
            requester,
            officer,
        } => {
            f.correction_reason = Some(reason.clone());
            f.requester = Some(requester.clone());
            f.officer = Some(officer.clone());
        }
    }
    f
}

/// `changes` over `current`: a given text replaces (an empty one clears), given measures
/// replace the list, a given flag replaces.
fn merge_fields(current: &EventFields, changes: &EventFields) -> EventFields {
    fn text(cur: &Option<String>, new: &Option<String>) -> Option<String> {
        match new {
            Some(v) if v.trim().is_empty() => None,
            Some(v) => Some(v.clone()),
            None => cur.clone(),
        }
    }
    EventFields {
        source: text(&current.source, &changes.source),
        method: text(&current.method, &changes.method),
        to: text(&current.to, &changes.to),
        via: text(&current.via, &changes.via),
        measures: if changes.measures.is_empty() {
            current.measures.clone()
        } else {
            changes.measures.clone()
        },
        sealed: changes.sealed.or(current.sealed),
        content: text(&current.content, &changes.content),
        contractor: text(&current.contractor, &changes.contractor),
        certificate_no: text(&current.certificate_no, &changes.certificate_no),
        answer: text(&current.answer, &changes.answer),
        requester: text(&current.requester, &changes.requester),
        correction_reason: text(&current.correction_reason, &changes.correction_reason),
        witness: text(&current.witness, &changes.witness),
        officer: text(&current.officer, &changes.officer),
        note: text(&current.note, &changes.note),
    }
}

/// Login ID → 氏名 of every user, for the summaries.
pub(crate) fn user_names(conn: &Connection) -> Result<HashMap<String, String>, ApiError> {
    Ok(users::list(conn)?
        .into_iter()
        .map(|u| (u.login_id.to_string(), u.profile.name))
        .collect())
}

pub(crate) fn name_of(names: &HashMap<String, String>) -> impl Fn(&str) -> String + '_ {
    move |id| names.get(id).cloned().unwrap_or_else(|| id.to_owned())
}

fn event_view(
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
        (Some(d), Some(p)) => dependents::of_person(conn, p)?
            .into_iter()
            .find(|x| x.id == d)
            .map(|x| x.details.name),
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
        fields: fields_of(&row.facts),
        reason: row.reason.clone(),
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
        return Err(FieldError::new("帳票", "帳票との結び付けは「取得」の記録で行います。").into());
    }
    if let Some(id) = new.document {
        if new.new_document.is_some() {
            return Err(FieldError::new(
                "帳票",
                "既存の帳票か新しい帳票の、どちらか一方を指定してください。",
            )
            .into());
        }
        let id = guarded_id("帳票", id)?;
        return match kiroku_store::table::documents::get(conn, id)? {
            Some(d) if d.disposal.is_none() => Ok(Some(DocumentChoice::Existing(id))),
            Some(_) => Err(FieldError::new(
                "帳票",
                format!("帳票 ID {id} はすでに廃棄・削除済みです。"),
            )
            .into()),
            None => Err(FieldError::new(
                "帳票",
                format!("帳票 ID {id} はありません。帳票の一覧（帳票・廃棄、kiroku doc list）で確認してください。"),
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
            "帳票を作るには、保管する台帳の NO. を指定してください。",
        )
    })?;
    let rule = crate::retention::resolve_rule(conn, &spec.rule)?;
    let name = match spec
        .name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .or(facts.content.as_deref())
    {
        Some(n) => kiroku_core::field::required_text("帳票名", n, 100)?,
        None => {
            return Err(FieldError::new(
                "帳票名",
                "帳票名か内容を入力してください（内容が帳票名になります）。",
            )
            .into())
        }
    };
    let base_date = match spec.base_date.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => kiroku_core::wareki::parse("基準日", d)?,
        None => facts.happened_on,
    };
    let one = validated.len() == 1;
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
                u32::try_from(validated.len()).ok()
            },
        },
    )))
}

fn current_event(conn: &Connection, id: i64) -> Result<EventVersionRow, ApiError> {
    let id = guarded_id("記録ID", id)?;
    events::current(conn, id)?.ok_or_else(|| {
        ApiError::NotFound(format!(
            "記録 ID {id} はありません。取扱記録の一覧（取扱記録、kiroku event list）で確認してください。"
        ))
    })
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
    refuse_repeats("本人", &new.persons)
}

/// Resolves and validates each person's event of a batch against what `conn` holds now.
fn validate_batch(
    conn: &Connection,
    new: &NewEvent,
    clerk: &str,
    today: NaiveDate,
) -> Result<Vec<(EventLinks, EventFacts)>, ApiError> {
    let affair_id = resolve_affair(conn, &new.affair)?;
    let ledger_no = new.file.map(|no| require_file(conn, no)).transpose()?;
    let mut validated = Vec::with_capacity(new.persons.len());
    for &person_id in &new.persons {
        require_person(conn, person_id)?;
        let dependent_id = new
            .dependent
            .as_deref()
            .map(|d| resolve_dependent(conn, person_id, d))
            .transpose()?;
        let draft = Draft {
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
        validated.push(draft.validate(conn, today)?);
    }
    Ok(validated)
}

impl Session {
    fn event_row(&self, id: i64) -> Result<EventVersionRow, ApiError> {
        current_event(self.vault.conn(), id)
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
            let current = current_event(conn, id)?;
            let mut links = current.links.clone();
            if let Some(a) = &changes.affair {
                links.affair_id = Some(resolve_affair(conn, a)?);
            }
            if let Some(p) = changes.person {
                links.person_id = Some(require_person(conn, p)?.id);
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
                    links.dependent_id = Some(resolve_dependent(conn, person, d)?);
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
                    links.ledger_no = Some(require_file(conn, no)?);
                }
                None => {}
            }
            if let Some(c) = &changes.clerk {
                links.clerk.clone_from(c);
            }
            let draft = Draft {
                kind: changes
                    .kind
                    .clone()
                    .unwrap_or_else(|| current.facts.details.kind().as_str().to_owned()),
                date: changes
                    .date
                    .clone()
                    .unwrap_or_else(|| current.facts.happened_on.to_string()),
                links,
                fields: merge_fields(&fields_of(&current.facts), &changes.fields),
            };
            let (links, facts) = draft.validate(conn, today)?;
            if links == current.links && facts == current.facts {
                return Err(FieldError::new(
                "訂正内容",
                "変更する項目がありません。直す項目（日付・備考など）に新しい値を入れてください。",
            )
            .into());
            }
            let version = current.version + 1;
            events::amend(
                tx,
                &events::Amendment {
                    event_id: id,
                    version,
                    links: &links,
                    facts: &facts,
                    reason: &reason,
                },
                stamp.at,
                &stamp.actor,
            )?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("event:{id}"),
                    format!("第{version}版: {reason}"),
                ),
            )?;
            Ok(version)
        })?;
        let conn = self.vault.conn();
        event_view(conn, &self.event_row(id)?, version, &user_names(conn)?)
    }
}
