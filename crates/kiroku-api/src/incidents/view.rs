//! What an incident looks like to the screens, the CLI and the forms: the record, the decision
//! as computed and as the officer confirmed it, the deadlines with the days left, the filings
//! and the notices.

use chrono::NaiveDate;
use kiroku_core::incident::{
    deadline, decide, BodyKind, Deadlines, Decision, IncidentStatus, Law, NoticeMethod, Recipient,
    ReportKind,
};
use kiroku_core::wareki::DateStyle;
use kiroku_store::table::incidents::IncidentVersionRow;
use kiroku_store::table::{incident_assessments, incident_notices, incident_reports, persons};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ApiError;

/// One row of the decision table, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GroundView {
    /// 番号法 | 個人情報保護法
    pub law: String,
    pub code: String,
    pub applies: bool,
    pub reason: String,
}

/// The decision as computed from the current facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionView {
    pub body_kind: String,
    pub body_kind_label: String,
    pub reportable: bool,
    pub basis: Vec<String>,
    /// 番号法: 報告義務あり / 報告対象（ガイドラインにより報告） / 報告は努力義務 / 報告対象外
    pub my_number_act: String,
    pub appi: String,
    pub kakuho_days: u32,
    pub may_notify_principal: bool,
    /// C: 事態報告書 and 事故報告書 are due.
    pub kyosai_forms: bool,
    pub reasons: Vec<String>,
    pub rows: Vec<GroundView>,
}

impl DecisionView {
    fn new(d: &Decision) -> Self {
        Self {
            body_kind: d.body.as_str().into(),
            body_kind_label: d.body.label().into(),
            reportable: d.reportable(),
            basis: d.basis().into_iter().map(Into::into).collect(),
            my_number_act: d.my_number_act.label().into(),
            appi: d.appi.label().into(),
            kakuho_days: d.kakuho_days,
            may_notify_principal: d.may_notify_principal,
            kyosai_forms: d.kyosai_forms,
            reasons: d.reasons.clone(),
            rows: d
                .rows
                .iter()
                .map(|g| GroundView {
                    law: match g.law {
                        Law::MyNumberAct => "番号法",
                        Law::Appi => "個人情報保護法",
                    }
                    .into(),
                    code: g.code.into(),
                    applies: g.applies,
                    reason: g.reason.clone(),
                })
                .collect(),
        }
    }
}

/// The officer's word on the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentView {
    pub reportable: bool,
    pub kakuho_days: u32,
    /// `None`: confirmed as computed.
    pub override_reason: Option<String>,
    /// The incident's version the officer judged (a later change of the facts asks for a new
    /// confirmation).
    pub incident_version: u32,
    pub entered_at_label: String,
    pub entered_by: String,
}

/// The deadlines of a reportable incident, with the days left today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeadlineView {
    pub sokuho_warn: NaiveDate,
    pub sokuho_due: NaiveDate,
    pub sokuho_due_label: String,
    pub kakuho_due: NaiveDate,
    pub kakuho_due_label: String,
    /// Why the 確報's last day moved (「日曜日」, 「年末年始」 …).
    pub kakuho_moved_because: Option<String>,
    pub sokuho_done: bool,
    pub kakuho_done: bool,
    /// Days left (negative: overdue); `None` once filed.
    pub sokuho_days_left: Option<i64>,
    pub kakuho_days_left: Option<i64>,
    /// Due within 3 days or overdue (shown red).
    pub urgent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportView {
    pub kind: String,
    pub kind_label: String,
    pub recipient: String,
    pub recipient_label: String,
    pub filed_on: NaiveDate,
    pub filed_on_label: String,
    pub receipt_no: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NoticeView {
    pub person_id: i64,
    pub person: String,
    pub method: String,
    pub method_label: String,
    pub notified_on: NaiveDate,
    pub notified_on_label: String,
}

/// One incident, whole. `reportable`, `basis`, `sokuho_due`, `kakuho_due`,
/// `may_notify_principal` and `reasons` are the decision in force: the officer's if given,
/// else as computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncidentView {
    pub id: i64,
    pub version: u32,
    pub status: String,
    pub status_label: String,
    pub known_on: NaiveDate,
    pub known_on_label: String,
    pub known_time: Option<String>,
    pub finder: String,
    pub what: String,
    pub medium: String,
    pub place: Option<String>,
    /// The officer's facts as stored (JSON of the core's `OfficerFacts`).
    #[ts(type = "Record<string, unknown>")]
    pub facts: serde_json::Value,
    pub reportable: bool,
    pub basis: Vec<String>,
    pub sokuho_due: Option<NaiveDate>,
    pub kakuho_due: Option<NaiveDate>,
    pub may_notify_principal: bool,
    pub reasons: Vec<String>,
    pub decision: DecisionView,
    pub assessment: Option<AssessmentView>,
    pub deadlines: Option<DeadlineView>,
    pub reports: Vec<ReportView>,
    pub notices: Vec<NoticeView>,
    /// The persons linked to the incident: one letter each.
    pub persons: Vec<LinkedPerson>,
}

/// A 本人 linked to an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LinkedPerson {
    pub id: i64,
    pub name: String,
}

/// One line of the incidents list (and the home screen's deadlines).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncidentSummary {
    pub id: i64,
    pub status: String,
    pub status_label: String,
    pub known_on_label: String,
    pub what: String,
    pub reportable: bool,
    pub assessed: bool,
    pub deadlines: Option<DeadlineView>,
}

impl IncidentView {
    pub fn summary(&self) -> IncidentSummary {
        IncidentSummary {
            id: self.id,
            status: self.status.clone(),
            status_label: self.status_label.clone(),
            known_on_label: self.known_on_label.clone(),
            what: self.what.clone(),
            reportable: self.reportable,
            assessed: self.assessment.is_some(),
            deadlines: self.deadlines.clone(),
        }
    }
}

/// The decision computed for `row` in a vault whose body is `body`.
pub(crate) fn decision(body: BodyKind, row: &IncidentVersionRow) -> Decision {
    decide(body, &row.record.decision_facts())
}

pub(crate) fn build(
    conn: &Connection,
    row: IncidentVersionRow,
    today: NaiveDate,
) -> Result<IncidentView, ApiError> {
    let style = crate::settings::date_style(conn)?;
    let body = crate::settings::body_kind(conn)?;
    let computed = decision(body, &row);
    let assessment = incident_assessments::latest(conn, row.id)?;
    let reports = incident_reports::of_incident(conn, row.id)?;
    let notices = incident_notices::of_incident(conn, row.id)?;
    let (reportable, days) = match &assessment {
        Some(a) => (a.reportable, a.kakuho_days),
        None => (computed.reportable(), computed.kakuho_days),
    };
    let kinds: Vec<ReportKind> = reports
        .iter()
        .filter_map(|r| ReportKind::parse(&r.kind))
        .collect();
    let deadlines = reportable.then(|| {
        deadline_view(
            &Deadlines::new(row.record.clock_starts(computed.by_count_only()), days),
            kinds.iter().any(|k| k.is_sokuho()),
            kinds.iter().any(|k| k.is_kakuho()),
            row.status == IncidentStatus::Closed,
            today,
            style,
        )
    });
    let person_name = |id: i64| -> Result<String, ApiError> {
        Ok(persons::get(conn, id)?
            .map(|p| p.details.name)
            .unwrap_or_else(|| format!("本人 ID {id}")))
    };
    let linked = row
        .record
        .facts
        .person_ids
        .iter()
        .map(|&id| {
            Ok(LinkedPerson {
                id,
                name: person_name(id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let notices = notices
        .into_iter()
        .map(|n| {
            Ok(NoticeView {
                person_id: n.person_id,
                person: person_name(n.person_id)?,
                method_label: NoticeMethod::parse(&n.method)
                    .map(|m| m.label().to_owned())
                    .unwrap_or_else(|| n.method.clone()),
                method: n.method,
                notified_on_label: style.format(n.notified_on),
                notified_on: n.notified_on,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let first = &row.record.first;
    Ok(IncidentView {
        id: row.id,
        version: row.version,
        status: row.status.as_str().into(),
        status_label: row.status.label().into(),
        known_on: first.known_on,
        known_on_label: style.format(first.known_on),
        known_time: first.known_time.map(|t| t.format("%H:%M").to_string()),
        finder: first.finder.clone(),
        what: first.what.clone(),
        medium: first.medium.clone(),
        place: first.place.clone(),
        facts: serde_json::to_value(&row.record.facts).unwrap_or_default(),
        reportable,
        basis: computed.basis().into_iter().map(Into::into).collect(),
        sokuho_due: deadlines.as_ref().map(|d| d.sokuho_due),
        kakuho_due: deadlines.as_ref().map(|d| d.kakuho_due),
        may_notify_principal: computed.may_notify_principal && reportable,
        reasons: match &assessment {
            Some(a) => {
                let mut r = computed.reasons.clone();
                if let Some(why) = &a.override_reason {
                    r.push(format!(
                        "事務取扱責任者の判断: {}（理由: {why}）",
                        if a.reportable {
                            "報告する"
                        } else {
                            "報告しない"
                        }
                    ));
                }
                r
            }
            None => computed.reasons.clone(),
        },
        decision: DecisionView::new(&computed),
        assessment: assessment.map(|a| AssessmentView {
            reportable: a.reportable,
            kakuho_days: a.kakuho_days,
            override_reason: a.override_reason,
            incident_version: a.incident_version,
            entered_at_label: style.format_time(a.entered_at),
            entered_by: a.entered_by,
        }),
        deadlines,
        reports: reports
            .into_iter()
            .map(|r| ReportView {
                kind_label: ReportKind::parse(&r.kind)
                    .map(|k| k.label().to_owned())
                    .unwrap_or_else(|| r.kind.clone()),
                kind: r.kind,
                recipient_label: Recipient::parse(&r.recipient)
                    .map(|k| k.label().to_owned())
                    .unwrap_or_else(|| r.recipient.clone()),
                recipient: r.recipient,
                filed_on_label: style.format(r.filed_on),
                filed_on: r.filed_on,
                receipt_no: r.receipt_no,
                note: r.note,
            })
            .collect(),
        notices,
        persons: linked,
    })
}

fn deadline_view(
    d: &Deadlines,
    sokuho_done: bool,
    kakuho_done: bool,
    closed: bool,
    today: NaiveDate,
    style: DateStyle,
) -> DeadlineView {
    let left =
        |done: bool, due: NaiveDate| (!done && !closed).then(|| deadline::days_left(today, due));
    let sokuho_days_left = left(sokuho_done, d.sokuho_due);
    let kakuho_days_left = left(kakuho_done, d.kakuho_due);
    let urgent = [sokuho_days_left, kakuho_days_left]
        .into_iter()
        .flatten()
        .any(|n| n <= deadline::URGENT_WITHIN_DAYS);
    DeadlineView {
        sokuho_warn: d.sokuho_warn,
        sokuho_due: d.sokuho_due,
        sokuho_due_label: style.format(d.sokuho_due),
        kakuho_due: d.kakuho_due,
        kakuho_due_label: style.format(d.kakuho_due),
        kakuho_moved_because: d.kakuho_moved_because.map(Into::into),
        sokuho_done,
        kakuho_done,
        sokuho_days_left,
        kakuho_days_left,
        urgent,
    }
}
