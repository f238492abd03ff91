//! The incident's PDFs: the report of the nine items (a draft to copy into the PPC's web form
//! or to send on paper), one letter per linked 本人 (each names only its person), and the
//! record of who was notified. Every print is an audit row.

use std::path::{Path, PathBuf};

use kiroku_core::incident::{NoticeMethod, PersonCount};
use kiroku_core::wareki::DateStyle;
use kiroku_core::FieldError;
use kiroku_forms::sheets::incident::{
    self as sheet, IncidentFacts, IncidentLetterSheet, IncidentNoticesSheet, IncidentReportSheet,
};
use kiroku_forms::FormKind;
use kiroku_store::atomic_file;
use kiroku_store::table::incidents::IncidentVersionRow;
use kiroku_store::table::{contractors, incident_notices, persons, users};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::print::{default_out, out_path};
use crate::{ApiError, PrintReport, Session};

/// What to print of an incident.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncidentPrintRequest {
    pub id: i64,
    /// `report` (報告書の下書き) | `letters` (本人への通知文, one PDF per person) | `notices`
    /// (通知の記録) | `kyosai1` (共済組合 様式第1号 事態報告書) | `kyosai2` (様式第2号 事故報告書).
    pub what: String,
    /// A PDF file (`report`, `notices`) or an existing folder (`letters`); empty: `記録票/`
    /// beside the vault.
    pub out: String,
}

fn or_none(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// The nine items in words, from the record and what the vault knows around it.
fn facts(
    conn: &Connection,
    row: &IncidentVersionRow,
    style: DateStyle,
    decision: &kiroku_core::incident::Decision,
) -> Result<IncidentFacts, ApiError> {
    let f = &row.record.facts;
    let first = &row.record.first;
    let occurred = match (f.occurred_from, f.occurred_to) {
        (Some(a), Some(b)) if a != b => format!("{}～{}", style.format(a), style.format(b)),
        (Some(a), _) => style.format(a),
        (None, Some(b)) => format!("{}以前", style.format(b)),
        (None, None) => "調査中".into(),
    };
    let known = format!(
        "{}{}",
        style.format(first.known_on),
        first
            .known_time
            .map(|t| t.format(" %H:%M").to_string())
            .unwrap_or_default()
    );
    let mut grounds = match decision.basis().as_slice() {
        [] => format!("該当なし（番号法: {}）", decision.my_number_act.label()),
        basis => basis.join("、"),
    };
    if let Some(note) = &f.grounds_note {
        grounds.push_str(&format!("\n{note}"));
    }
    let contractors = if f.contractor_ids.is_empty() {
        "なし".to_owned()
    } else {
        let names = f
            .contractor_ids
            .iter()
            .map(|&id| {
                Ok(contractors::get(conn, id)?
                    .map(|c| c.details.name)
                    .unwrap_or_else(|| format!("委託先 ID {id}")))
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        format!("あり（{}）", names.join("、"))
    };
    let progress = f
        .containment
        .iter()
        .map(|c| {
            format!(
                "{}{} {}",
                style.format(c.on),
                c.time
                    .map(|t| t.format(" %H:%M").to_string())
                    .unwrap_or_default(),
                c.action
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let persons = f
        .persons
        .map(|p: PersonCount| p.label())
        .unwrap_or_else(|| "調査中".into());
    let cause = match (&f.cause, f.cause_actor) {
        (Some(c), Some(a)) => format!("{c}（{}の行為）", a.label()),
        (Some(c), None) => c.clone(),
        (None, Some(a)) => format!("{}の行為", a.label()),
        (None, None) => String::new(),
    };
    let notices = incident_notices::of_incident(conn, row.id)?;
    let response = if notices.is_empty() {
        "未実施".to_owned()
    } else {
        let methods: Vec<&str> = notices
            .iter()
            .filter_map(|n| NoticeMethod::parse(&n.method).map(NoticeMethod::label))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        format!(
            "本人{}人に通知済み（{}、{}まで）",
            notices.len(),
            methods.join("・"),
            notices
                .iter()
                .map(|n| n.notified_on)
                .max()
                .map(|d| style.format(d))
                .unwrap_or_default()
        )
    };
    let prevention = f
        .prevention
        .iter()
        .map(|p| {
            if p.done {
                format!("実施済み: {}", p.measure)
            } else {
                format!(
                    "今後実施予定: {}{}{}",
                    p.measure,
                    p.owner
                        .as_deref()
                        .map(|o| format!("（担当: {o}）"))
                        .unwrap_or_default(),
                    p.due
                        .map(|d| format!("（期限: {}）", style.format(d)))
                        .unwrap_or_default()
                )
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    Ok(IncidentFacts {
        occurred,
        known,
        what: first.what.clone(),
        finder: first.finder.clone(),
        grounds,
        contractors,
        progress,
        medium: first.medium.clone(),
        items: or_none(&f.items),
        persons,
        cause,
        secondary_damage: or_none(&f.secondary_damage),
        response,
        publication: or_none(&f.publication),
        prevention,
        other: or_none(&f.other),
    })
}

fn write(path: &Path, pdf: &[u8]) -> Result<(), ApiError> {
    atomic_file::replace(path, pdf).map_err(|e| {
        ApiError::from(FieldError::new(
            "出力先",
            format!("PDF を保存できません（{e}）。保存先を確認してください。"),
        ))
    })
}

impl Session {
    /// Prints an incident's report, letters or notice record (officer only). Returns one
    /// report per file written.
    pub fn print_incident(
        &mut self,
        req: &IncidentPrintRequest,
    ) -> Result<Vec<PrintReport>, ApiError> {
        self.require_officer("事故・漏えいの記録票の印刷")?;
        let conn = self.vault.conn();
        let row = super::current(conn, req.id)?;
        let style = crate::settings::date_style(conn)?;
        let body = crate::settings::body_kind(conn)?;
        let decision = super::view::decision(body, &row);
        let org = self.org_name()?;
        let made_on = style.format(self.today());
        let facts = facts(conn, &row, style, &decision)?;
        let subject = format!("事案 ID {}", row.id);
        let now = self.env.clock.now();
        let mut files: Vec<(PathBuf, String, kiroku_forms::Rendered)> = Vec::new();
        let report_form = match req.what.trim() {
            "report" => Some((FormKind::IncidentReport, "報告書（下書き）")),
            "kyosai1" => Some((FormKind::KyosaiSituationReport, "様式第1号 事態報告書")),
            "kyosai2" => Some((FormKind::KyosaiAccidentReport, "様式第2号 事故報告書")),
            _ => None,
        };
        if let Some((form, what)) = report_form {
            let doc = sheet::report(
                form,
                &IncidentReportSheet {
                    org_name: org.clone(),
                    made_on,
                    subject,
                    facts,
                },
            )?;
            let out = self.incident_out(&req.out, what, now)?;
            files.push((
                out_path(&out, "pdf")?,
                what.into(),
                kiroku_forms::render(&doc)?,
            ));
        } else {
            match req.what.trim() {
                "notices" => {
                    let rows = incident_notices::of_incident(conn, row.id)?
                        .into_iter()
                        .map(|n| {
                            Ok((
                                persons::get(conn, n.person_id)?
                                    .map(|p| p.details.name)
                                    .unwrap_or_default(),
                                NoticeMethod::parse(&n.method).map(NoticeMethod::label).unwrap_or("").to_owned(),
                                style.format(n.notified_on),
                            ))
                        })
                        .collect::<Result<Vec<_>, ApiError>>()?;
                    let doc = sheet::notices(&IncidentNoticesSheet {
                        org_name: org.clone(),
                        made_on,
                        subject,
                        rows,
                    })?;
                    let out = self.incident_out(&req.out, "本人への通知の記録", now)?;
                    files.push((out_path(&out, "pdf")?, "本人への通知の記録".into(), kiroku_forms::render(&doc)?));
                }
                "letters" => {
                    if row.record.facts.person_ids.is_empty() {
                        return Err(FieldError::new(
                            "本人",
                            "この事案に関係する本人が登録されていません。事実確認で本人を選んでから印刷してください。",
                        )
                        .into());
                    }
                    let dir = if req.out.trim().is_empty() {
                        let any = default_out(self.vault_path(), "通知文", now)?;
                        PathBuf::from(any).parent().map(Path::to_path_buf).unwrap_or_default()
                    } else {
                        kiroku_core::guard::check_field("出力先", &req.out)?;
                        PathBuf::from(req.out.trim())
                    };
                    if !dir.is_dir() {
                        return Err(FieldError::new("出力先", "通知文を保存するフォルダを指定してください（既にあるフォルダ）。").into());
                    }
                    let contact = users::list(conn)?
                        .into_iter()
                        .find(|u| u.is_active() && u.role == kiroku_core::user::Role::Officer)
                        .and_then(|u| u.profile.dept)
                        .map(|d| format!("{org} {d}"))
                        .unwrap_or_else(|| org.clone());
                    for &pid in &row.record.facts.person_ids {
                        let name = persons::get(conn, pid)?
                            .map(|p| p.details.name)
                            .unwrap_or_default();
                        let doc = sheet::letter(&IncidentLetterSheet {
                            org_name: org.clone(),
                            dated: made_on.clone(),
                            person: name,
                            facts: facts.clone(),
                            contact: contact.clone(),
                        })?;
                        // The file's name carries the IDs, not the person's name.
                        let path = dir.join(format!("お知らせ_事案{}_本人{pid}.pdf", row.id));
                        files.push((path, format!("本人への通知文（本人 ID {pid}）"), kiroku_forms::render(&doc)?));
                    }
                }
                _ => {
                    return Err(FieldError::new(
                        "記録票",
                        "report（報告書の下書き）、letters（本人への通知文）、notices（通知の記録）、kyosai1（様式第1号 事態報告書）、kyosai2（様式第2号 事故報告書）のどれかを指定してください。",
                    )
                    .into())
                }
            }
        }
        let mut reports = Vec::new();
        for (path, what, rendered) in files {
            write(&path, &rendered.pdf)?;
            self.audit_print(
                &format!("incident:{}", row.id),
                &format!("{what} {}ページ", rendered.pages),
                &path,
            )?;
            reports.push(PrintReport {
                form: format!("incident_{}", req.what.trim()),
                title: what,
                path: path.display().to_string(),
                pages: u32::try_from(rendered.pages).unwrap_or(u32::MAX),
                rows: 0,
                bytes: rendered.pdf.len() as u64,
            });
        }
        Ok(reports)
    }

    fn incident_out(
        &self,
        out: &str,
        title: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<String, ApiError> {
        if out.trim().is_empty() {
            default_out(self.vault_path(), title, now)
        } else {
            Ok(out.to_owned())
        }
    }
}
