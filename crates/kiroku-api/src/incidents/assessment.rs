//! The officer's word on the decision: confirmed as computed, or overridden with a reason. Both
//! the computed decision and the officer's are kept; the latest is in force.

use kiroku_core::audit::AuditAction;
use kiroku_core::FieldError;
use kiroku_store::table::{audit, incident_assessments};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::IncidentView;
use crate::correction::required_reason;
use crate::{ApiError, Session};

/// 判定の確認: `reportable` and `kakuho_days` left out confirm the decision as computed; given
/// and different, they override it and need `reason`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConfirmIncidentRequest {
    pub id: i64,
    pub reportable: Option<bool>,
    pub kakuho_days: Option<u32>,
    pub reason: Option<String>,
}

impl Session {
    /// Records the officer's word on incident `req.id`'s decision.
    pub fn confirm_incident(
        &mut self,
        req: &ConfirmIncidentRequest,
    ) -> Result<IncidentView, ApiError> {
        self.require_officer("報告要否の判定")?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            let row = super::current(tx, req.id)?;
            super::refuse_closed(&row)?;
            let body = crate::settings::body_kind(tx)?;
            let computed = super::view::decision(body, &row);
            let reportable = req.reportable.unwrap_or(computed.reportable());
            let days = req.kakuho_days.unwrap_or(computed.kakuho_days);
            if days != 30 && days != 60 {
                return Err(FieldError::new("確報の期限", "確報の期限は30日か60日です。").into());
            }
            let overridden = reportable != computed.reportable() || days != computed.kakuho_days;
            let reason = match (overridden, req.reason.as_deref()) {
                (true, r) => Some(required_reason(
                    "判断の理由",
                    r.unwrap_or(""),
                    "判定と異なる判断には理由が必要です（例: 委託元の指示により報告する）。",
                )?),
                (false, _) => None,
            };
            let summary = serde_json::json!({
                "reportable": computed.reportable(),
                "basis": computed.basis(),
                "kakuho_days": computed.kakuho_days,
                "my_number_act": computed.my_number_act.label(),
                "appi": computed.appi.label(),
            })
            .to_string();
            incident_assessments::insert(
                tx,
                &incident_assessments::NewAssessment {
                    incident_id: row.id,
                    incident_version: row.version,
                    computed: &summary,
                    reportable,
                    kakuho_days: days,
                    override_reason: reason.as_deref(),
                },
                stamp.at,
                &stamp.actor,
            )?;
            let word = if reportable {
                "報告する"
            } else {
                "報告しない"
            };
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("incident:{}", row.id),
                    match &reason {
                        None => format!("判定を確認: {word}（確報 {days}日）"),
                        Some(r) => format!("判定と異なる判断: {word}（確報 {days}日）: {r}"),
                    },
                ),
            )?;
            Ok(())
        })?;
        self.incident_view(req.id)
    }
}
