//! 第一報: anyone who may write records reports what they found at once; the officer is told
//! (the audit row and the home screen) and the clock starts on 知った日.

use kiroku_core::audit::AuditAction;
use kiroku_core::field::{optional_text, required_text};
use kiroku_core::incident::{FirstReport, IncidentRecord, OfficerFacts};
use kiroku_core::wareki;
use kiroku_store::table::{audit, incidents};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{input, IncidentView};
use crate::{ApiError, Session};

/// 第一報 as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewIncident {
    /// 発見者
    pub finder: String,
    /// 知った日 (和暦 or 西暦)
    pub known_on: String,
    /// 知った時刻 (「9:30」), optional
    pub known_time: Option<String>,
    /// 何が起きたか
    pub what: String,
    /// 媒体
    pub medium: String,
    pub place: Option<String>,
}

impl NewIncident {
    pub(crate) fn parse(&self, today: chrono::NaiveDate) -> Result<FirstReport, ApiError> {
        Ok(FirstReport {
            finder: required_text("発見者", &self.finder, 50)?,
            known_on: wareki::parse_happened("知った日", &self.known_on, today)?,
            known_time: input::time("知った時刻", self.known_time.as_deref().unwrap_or(""))?,
            what: required_text("何が起きたか", &self.what, 500)?,
            medium: required_text("媒体", &self.medium, 100)?,
            place: optional_text("場所", self.place.as_deref().unwrap_or(""), 100)?,
        })
    }
}

impl Session {
    /// Records a 第一報 (any user who may write records). Returns the new incident.
    pub fn report_incident(&mut self, new: &NewIncident) -> Result<IncidentView, ApiError> {
        self.require_writer("事故・漏えいの第一報")?;
        let first = new.parse(self.today())?;
        let record = IncidentRecord {
            first,
            facts: OfficerFacts::default(),
        };
        let stamp = self.stamp();
        let id = self.vault.write(|tx| -> Result<i64, ApiError> {
            let id = incidents::insert(tx, &record, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("incident:{id}"),
                    format!("第一報（知った日 {}）", record.first.known_on),
                ),
            )?;
            Ok(id)
        })?;
        self.incident_view(id)
    }
}
