//! The two views of 別紙1 over the log: the 取扱記録表 (lifecycle rows) and the 運用状況記録票
//! (chronological rows), with filters. The PDF issue prints them from these.

use crate::lookup::{self, name_of, user_names, Asked};
use crate::{ApiError, Session};
use chrono::NaiveDate;
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::handling::EventKind;
use kiroku_core::lifecycle::{lifecycle_rows_in, HandlingRecord, LifecycleRow};
use kiroku_store::table::events::{self, EventFilter};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

impl EventQuery {
    /// The store's filter: a fiscal year and a date range narrow each other.
    pub(crate) fn filter(&self, conn: &Connection) -> Result<EventFilter, ApiError> {
        let fy = self
            .fy
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| FiscalYear::parse("年度", t))
            .transpose()?;
        let (from, to) = crate::lookup::period(&self.from, &self.to)?;
        Ok(EventFilter {
            from: from.max(fy.map(FiscalYear::first_day)),
            to: match (to, fy.map(FiscalYear::last_day)) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            person_id: self
                .person
                .map(|p| lookup::person(conn, p, Asked::InField).map(|p| p.id))
                .transpose()?,
            affair_id: self
                .affair
                .as_deref()
                .filter(|a| !a.trim().is_empty())
                .map(|a| lookup::affair(conn, a))
                .transpose()?,
            kind: self
                .kind
                .as_deref()
                .filter(|k| !k.trim().is_empty())
                .map(str::parse::<EventKind>)
                .transpose()?,
            ledger_no: self.file.map(|n| lookup::file_no(conn, n)).transpose()?,
            with_withdrawn: false,
        })
    }

    /// The filter in words, for the audit row.
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        let mut add = |label: &str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                parts.push(format!("{label}={v}"));
            }
        };
        add("年度", self.fy.clone());
        add("開始日", self.from.clone());
        add("終了日", self.to.clone());
        add("本人", self.person.map(|p| p.to_string()));
        add("関係事務", self.affair.clone());
        add("種別", self.kind.clone());
        add("台帳NO", self.file.map(|n| n.to_string()));
        parts.join(" ")
    }
}

impl Session {
    fn handling_records(
        &mut self,
        query: &EventQuery,
        view: &str,
    ) -> Result<Vec<HandlingRecord>, ApiError> {
        // The lists and forms show withdrawn records struck through; counts leave them out.
        let filter = EventFilter {
            with_withdrawn: true,
            ..query.filter(self.vault.conn())?
        };
        self.audited_read("events", format!("{view} {}", query.describe()).trim())?;
        Ok(events::handling_records(self.vault.conn(), &filter)?)
    }

    /// The 運用状況記録票: every event the query selects, current versions, in date order;
    /// amended ones are marked. (`event list` shows the same.)
    pub fn chronological(&mut self, query: &EventQuery) -> Result<Vec<ChronologicalRow>, ApiError> {
        let mut records = self.handling_records(query, "運用状況記録票")?;
        kiroku_core::lifecycle::chronological(&mut records);
        let names = user_names(self.vault.conn())?;
        let name = name_of(&names);
        let style = crate::settings::date_style(self.vault.conn())?;
        Ok(records
            .into_iter()
            .map(|r| {
                let kind = r.kind();
                ChronologicalRow {
                    event_id: r.event_id,
                    version: r.version,
                    amended: r.version > 1,
                    date: r.happened_on(),
                    date_label: style.format(r.happened_on()),
                    kind: kind.as_str().into(),
                    kind_label: kind.label().into(),
                    summary: r.summary(&name),
                    affair: r.affair.as_deref().map(str::to_owned),
                    person: r.person.as_deref().map(str::to_owned),
                    unit: r.unit.as_deref().map(str::to_owned),
                    dependent: r.dependent.as_deref().map(str::to_owned),
                    file: r.file_no,
                    clerk: r.clerk.to_string(),
                    note: r.facts.note,
                    withdrawn: r.withdrawn,
                }
            })
            .collect())
    }

    /// How many current events the query selects (the dashboard's count; audited like a list).
    pub fn count_events(&mut self, query: &EventQuery) -> Result<u32, ApiError> {
        let filter = query.filter(self.vault.conn())?;
        self.audited_read("events", format!("件数 {}", query.describe()).trim())?;
        Ok(u32::try_from(events::count(self.vault.conn(), &filter)?).unwrap_or(u32::MAX))
    }

    /// 「前回と同じ人たち」: the 本人 of this user's newest entry (one event or a batch), each
    /// once, in the order entered; empty before their first entry (the read is audited).
    pub fn last_entry_persons(&mut self) -> Result<Vec<i64>, ApiError> {
        let entry = self.entry(
            kiroku_core::audit::AuditAction::Read,
            "events",
            "前回と同じ人たち",
        );
        let by = self.actor().to_string();
        self.vault.write(|tx| -> Result<Vec<i64>, ApiError> {
            kiroku_store::table::audit::append(tx, entry)?;
            Ok(events::persons_of_last_entry(tx, &by)?)
        })
    }

    /// The 取扱記録表: one row per 関係事務 × 本人 × 扶養家族 over the events the query selects.
    pub fn lifecycle(&mut self, query: &EventQuery) -> Result<Vec<LifecycleRow>, ApiError> {
        let records = self.handling_records(query, "取扱記録表")?;
        let by_document = records
            .iter()
            .any(|r| r.person_id.is_none() && r.document_id.is_some());
        let records = if by_document {
            // Whose papers each document held: the acquisitions filed in it, in any year.
            let holders: Vec<HandlingRecord> = events::handling_records(
                self.vault.conn(),
                &EventFilter {
                    kind: Some(EventKind::Acquire),
                    ..EventFilter::default()
                },
            )?
            .into_iter()
            .filter(|h| h.document_id.is_some())
            .collect();
            kiroku_core::lifecycle::expand_documents(records, &holders)
        } else {
            records
        };
        Ok(lifecycle_rows_in(
            &records,
            crate::settings::date_style(self.vault.conn())?,
        ))
    }
}

/// Which events a list or view shows. Dates in 和暦 or 西暦; `fy` as `令和7年度`, `R7` or `2025`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventQuery {
    pub fy: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub person: Option<i64>,
    pub affair: Option<String>,
    pub kind: Option<String>,
    pub file: Option<i64>,
}

/// One row of the 運用状況記録票 (別紙1, chronological).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChronologicalRow {
    pub event_id: i64,
    pub version: u32,
    pub amended: bool,
    pub date: NaiveDate,
    pub date_label: String,
    pub kind: String,
    pub kind_label: String,
    pub affair: Option<String>,
    pub person: Option<String>,
    pub unit: Option<String>,
    pub dependent: Option<String>,
    pub file: Option<i64>,
    pub summary: String,
    pub clerk: String,
    pub note: Option<String>,
    /// 誤登録として取り消し済み: the reason (the row is shown struck through).
    pub withdrawn: Option<String>,
}
