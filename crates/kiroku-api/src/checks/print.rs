//! The check as a PDF: 「令和N年度 特定個人情報等の取扱状況の点検（監査）結果報告書」 with the
//! item table, the actions, the sign-offs and the attachments. The print is an audit row.

use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::handling::EventKind;
use kiroku_forms::sheets::check::{self as sheet, CheckSheet};
use kiroku_store::atomic_file;
use kiroku_store::table::{audit, contractors, events, users};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::view::{ActionView, CheckView};
use crate::print::{default_out, out_path};
use crate::{ApiError, PrintReport, Session};

/// 点検結果報告書を印刷する.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckPrintRequest {
    pub id: i64,
    /// A PDF file; empty: `帳票/` beside the vault.
    pub out: String,
}

fn action_rows(actions: &[ActionView]) -> Vec<[String; 4]> {
    actions
        .iter()
        .map(|a| {
            [
                a.what.clone(),
                a.owner.clone(),
                a.due_label.clone(),
                a.done_label.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

/// 所見: the figure, the faults found (each with its record), the signer's note.
fn findings_text(item: &super::CheckItemView) -> String {
    let mut lines = Vec::new();
    if let Some(f) = &item.figure {
        lines.push(f.clone());
    }
    for f in &item.findings {
        lines.push(format!("・{}", f.text));
    }
    if let Some(n) = &item.note {
        lines.push(format!("所見: {n}"));
    }
    lines.join("\n")
}

impl Session {
    /// Prints check `req.id` (any user who may read it; the auditor too).
    pub fn print_check(&mut self, req: &CheckPrintRequest) -> Result<PrintReport, ApiError> {
        let view = self.check_view(req.id)?;
        let sheet = self.check_sheet(&view)?;
        let doc = sheet::document(&sheet)?;
        let rendered = kiroku_forms::render(&doc)?;
        let now = self.env.clock.now();
        let out = if req.out.trim().is_empty() {
            default_out(self.vault_path(), "点検結果報告書", now)?
        } else {
            req.out.clone()
        };
        let path = out_path(&out, "pdf")?;
        atomic_file::replace(&path, &rendered.pdf).map_err(|e| {
            ApiError::from(kiroku_core::FieldError::new(
                "出力先",
                format!("PDF を保存できません（{e}）。保存先を確認してください。"),
            ))
        })?;
        self.audit_print(
            &format!("check:{}", view.id),
            &format!("点検結果報告書 {}ページ", rendered.pages),
            &path,
        )?;
        Ok(PrintReport {
            form: "check".into(),
            title: view.title.clone(),
            path: path.display().to_string(),
            pages: u32::try_from(rendered.pages).unwrap_or(u32::MAX),
            rows: u32::try_from(view.items.len()).unwrap_or(u32::MAX),
            bytes: rendered.pdf.len() as u64,
        })
    }

    fn check_sheet(&mut self, view: &CheckView) -> Result<CheckSheet, ApiError> {
        let fy = FiscalYear(view.fiscal_year);
        let schedule = self.schedule(Some(&fy.0.to_string()))?;
        let due = self.contractors_due(60)?;
        let conn = self.vault.conn();
        let style = crate::settings::date_style(conn)?;
        let (from, to) = super::auto::period(fy, self.today());
        let mut event_totals = Vec::new();
        for kind in EventKind::ALL {
            let n = events::count(
                conn,
                &events::EventFilter {
                    from: Some(from),
                    to: Some(to),
                    kind: Some(kind),
                    ..Default::default()
                },
            )?;
            event_totals.push([kind.label().to_owned(), format!("{n}件")]);
        }
        let disposal = schedule
            .overdue
            .iter()
            .map(|d| (d, "期限超過"))
            .chain(schedule.due.iter().map(|d| (d, "今年度廃棄予定")))
            .map(|(d, state)| {
                [
                    format!("{}（{}）", d.name, d.file_name),
                    format!("{state}　廃棄期限 {}", d.dispose_by_label),
                ]
            })
            .collect();
        let contractor_rows = contractors::list(conn)?
            .iter()
            .filter(|c| c.is_active())
            .map(|c| {
                let notes: Vec<String> = due
                    .iter()
                    .filter(|d| d.contractor.id == c.id)
                    .map(|d| {
                        format!(
                            "{}{}",
                            d.kind_label,
                            d.due_on
                                .map(|on| format!(" {}", style.format(on)))
                                .unwrap_or_default()
                        )
                    })
                    .collect();
                [
                    c.details.name.clone(),
                    if notes.is_empty() {
                        "60日以内の期限なし".to_owned()
                    } else {
                        notes.join("、")
                    },
                ]
            })
            .collect();
        let user_rows = users::list(conn)?
            .iter()
            .map(|u| {
                [
                    format!("{}（{}）", u.profile.name, u.login_id),
                    format!(
                        "{}　{}",
                        u.role.label(),
                        if u.is_active() { "有効" } else { "無効" }
                    ),
                ]
            })
            .collect();
        let chain_now = audit::verify(conn)?;
        let chain = vec![
            [
                "検証（印刷時）".to_owned(),
                format!(
                    "{}行 {}",
                    chain_now.rows,
                    if chain_now.first_break.is_none() {
                        "正常"
                    } else {
                        "異常あり"
                    }
                ),
            ],
            [
                format!("先頭ハッシュ（{}時点）", view.as_of_label),
                view.head_hash.clone().unwrap_or_default(),
            ],
        ];
        Ok(CheckSheet {
            org_name: self.org_name()?,
            title_prefix: if view.adhoc {
                format!("{} 臨時", view.fy_label)
            } else {
                view.fy_label.clone()
            },
            period: view.period_label.clone(),
            made_on: style.format(self.today()),
            items: view
                .items
                .iter()
                .map(|i| {
                    [
                        i.id.clone(),
                        i.title.clone(),
                        i.basis.clone(),
                        i.result.clone().unwrap_or_else(|| "未回答".into()),
                        findings_text(i),
                    ]
                })
                .collect(),
            actions: action_rows(&view.actions),
            carried: action_rows(&view.carried),
            signoffs: ["creator", "officer", "auditor", "head"]
                .iter()
                .map(|step| {
                    let s = view.signoffs.iter().find(|s| s.step == *step);
                    [
                        super::view::step_of(step)
                            .map(kiroku_core::yearly_check::SignOff::label)
                            .unwrap_or_default()
                            .to_owned(),
                        s.map(|s| s.name.clone()).unwrap_or_default(),
                        s.map(|s| s.on_label.clone()).unwrap_or_default(),
                        s.and_then(|s| s.opinion.clone()).unwrap_or_default(),
                    ]
                })
                .collect(),
            addenda: view
                .addenda
                .iter()
                .map(|a| [a.on_label.clone(), format!("{}（{}）", a.text, a.by)])
                .collect(),
            event_totals,
            disposal,
            contractors: contractor_rows,
            users: user_rows,
            chain,
        })
    }
}
