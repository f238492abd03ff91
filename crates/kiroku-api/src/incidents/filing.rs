//! Filings (速報 / 確報 / 速報兼確報 / 追完), 本人への通知, and closing an incident.

use kiroku_core::audit::AuditAction;
use kiroku_core::field::optional_text;
use kiroku_core::incident::{IncidentStatus, NoticeMethod, Recipient, ReportKind};
use kiroku_core::{wareki, FieldError};
use kiroku_store::table::{
    audit, incident_assessments, incident_notices, incident_reports, incidents,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::IncidentView;
use crate::correction::required_reason;
use crate::lookup::{self, Asked};
use crate::{ApiError, Session};

/// A filing of the report.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FileReportRequest {
    pub id: i64,
    /// `sokuho` | `kakuho` | `sokuho_kakuho` | `tsuikan` (or the Japanese word).
    pub kind: String,
    /// `ppc` | `soumu` | `rengokai` | `rijicho` | `principal` (or the Japanese word).
    pub recipient: String,
    pub filed_on: String,
    /// 受付番号
    pub receipt_no: Option<String>,
    pub note: Option<String>,
}

/// 本人への通知, given to these persons on one day in one way.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NotifyPersonsRequest {
    pub id: i64,
    pub persons: Vec<i64>,
    /// `post` | `mail` | `hand` | `alternative`
    pub method: String,
    pub notified_on: String,
}

/// 完了: the incident is closed with a note of how it ended.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseIncidentRequest {
    pub id: i64,
    pub reason: String,
}

impl Session {
    /// Records a filing. Refused before the officer has confirmed the decision.
    pub fn file_incident_report(
        &mut self,
        req: &FileReportRequest,
    ) -> Result<IncidentView, ApiError> {
        self.require_officer("報告の記録")?;
        kiroku_core::guard::check_field("報告の種類", &req.kind)?;
        kiroku_core::guard::check_field("報告先", &req.recipient)?;
        let kind = ReportKind::parse(&req.kind).ok_or_else(|| {
            FieldError::new(
                "報告の種類",
                "速報・確報・速報兼確報・追完のどれかを選んでください。",
            )
        })?;
        let recipient = Recipient::parse(&req.recipient).ok_or_else(|| {
            FieldError::new(
                "報告先",
                "個人情報保護委員会・総務大臣・連合会・理事長・委託元のどれかを選んでください。",
            )
        })?;
        let filed_on = wareki::parse_happened("報告日", &req.filed_on, self.today())?;
        let receipt_no = optional_text("受付番号", req.receipt_no.as_deref().unwrap_or(""), 50)?;
        let note = optional_text("備考", req.note.as_deref().unwrap_or(""), 500)?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            let row = super::current(tx, req.id)?;
            if incident_assessments::latest(tx, row.id)?.is_none() {
                return Err(ApiError::Conflict(
                    "報告要否の判定を確認する前には、報告を記録できません。先に「判定を確認する」を行ってください。".into(),
                ));
            }
            super::refuse_closed(&row)?;
            if filed_on < row.record.first.known_on {
                return Err(FieldError::new("報告日", "報告日が知った日より前です。").into());
            }
            incident_reports::insert(
                tx,
                &incident_reports::NewReport {
                    incident_id: row.id,
                    kind: kind.as_str(),
                    recipient: recipient.as_str(),
                    filed_on,
                    receipt_no: receipt_no.as_deref(),
                    note: note.as_deref(),
                },
                stamp.at,
                &stamp.actor,
            )?;
            if row.status == IncidentStatus::Open && kind.is_kakuho() {
                incidents::add_version(
                    tx,
                    row.id,
                    row.version + 1,
                    &row.record,
                    IncidentStatus::Reported,
                    Some(&format!("{}を{}へ提出", kind.label(), recipient.label())),
                    stamp.at,
                    &stamp.actor,
                )?;
            }
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("incident:{}/report", row.id),
                    format!("{} → {}（{filed_on}）", kind.label(), recipient.label()),
                ),
            )?;
            Ok(())
        })?;
        self.incident_view(req.id)
    }

    /// Records 本人への通知 to each person named.
    pub fn notify_incident_persons(
        &mut self,
        req: &NotifyPersonsRequest,
    ) -> Result<IncidentView, ApiError> {
        self.require_officer("本人への通知の記録")?;
        if req.persons.is_empty() {
            return Err(FieldError::new("本人", "通知した本人を選んでください。").into());
        }
        lookup::refuse_repeats("本人", &req.persons)?;
        kiroku_core::guard::check_field("通知の方法", &req.method)?;
        let method = NoticeMethod::parse(&req.method).ok_or_else(|| {
            FieldError::new(
                "通知の方法",
                "郵送・電子メール・手渡し・代替措置のどれかを選んでください。",
            )
        })?;
        let on = wareki::parse_happened("通知日", &req.notified_on, self.today())?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            let row = super::current(tx, req.id)?;
            super::refuse_closed(&row)?;
            for &p in &req.persons {
                let person = lookup::person(tx, p, Asked::InField)?;
                incident_notices::insert(
                    tx,
                    row.id,
                    person.id,
                    method.as_str(),
                    on,
                    stamp.at,
                    &stamp.actor,
                )?;
            }
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("incident:{}/notice", row.id),
                    format!(
                        "本人への通知 {}人（{}、{on}）",
                        req.persons.len(),
                        method.label()
                    ),
                ),
            )?;
            Ok(())
        })?;
        self.incident_view(req.id)
    }

    /// 完了: closes the incident with its note. Nothing changes after it.
    pub fn close_incident(&mut self, req: &CloseIncidentRequest) -> Result<IncidentView, ApiError> {
        self.require_officer("事案の完了")?;
        let reason = required_reason("完了の理由", &req.reason, "完了にするには、どう終わったかを入力してください（例: 確報を提出し再発防止策を実施）。")?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            let row = super::current(tx, req.id)?;
            super::refuse_closed(&row)?;
            incidents::add_version(
                tx,
                row.id,
                row.version + 1,
                &row.record,
                IncidentStatus::Closed,
                Some(&format!("完了: {reason}")),
                stamp.at,
                &stamp.actor,
            )?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("incident:{}", row.id),
                    format!("完了: {reason}"),
                ),
            )?;
            Ok(())
        })?;
        self.incident_view(req.id)
    }
}
