//! Items A1–A14 of the check, filled from the vault: for each, its figure and the records
//! behind every fault found (the drill-down). The signer still confirms each item.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate, TimeZone};
use kiroku_core::audit::AuditAction;
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::handling::EventKind;
use kiroku_store::table::{audit, events, incidents, ledger, persons, users};

use super::finding::FindingView;
use crate::{ApiError, Session};

/// A user who has not logged in for this many months is listed (A6).
pub const IDLE_USER_MONTHS: u32 = 6;
/// Failed logins in a row from this many on are listed (A7).
pub const FAILED_LOGINS_LISTED: u32 = 3;
/// An export of this many rows or more is listed (A7: 大量の書き出し).
pub const BULK_EXPORT_ROWS: u64 = 500;

/// One auto item as read now.
#[derive(Debug, Clone, Default)]
pub(crate) struct AutoItem {
    pub figure: String,
    pub findings: Vec<FindingView>,
    /// Kiroku holds no record of this (the signer checks by hand).
    pub not_recorded: bool,
    /// The audit head hash (A8).
    pub head: Option<String>,
}

fn finding(text: String, target: String, screen: &str) -> FindingView {
    FindingView {
        text,
        target,
        screen: screen.to_owned(),
    }
}

/// The period a check of 年度 `fy` covers on `today`: from 1 April to the 年度's end or today.
pub(crate) fn period(fy: FiscalYear, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (fy.first_day(), fy.last_day().min(today))
}

impl Session {
    /// A1–A14 of 年度 `fy` as the vault holds them now.
    pub(crate) fn auto_items(
        &mut self,
        fy: FiscalYear,
    ) -> Result<BTreeMap<&'static str, AutoItem>, ApiError> {
        let today = self.today();
        let (from, to) = period(fy, today);
        let style = crate::settings::date_style(self.vault.conn())?;
        let since = kiroku_core::wareki::jst()
            .from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap_or_default())
            .single()
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_default();
        let mut out = BTreeMap::new();

        // A1: events per kind; details left unwritten.
        let conn = self.vault.conn();
        let filter = events::EventFilter {
            from: Some(from),
            to: Some(to),
            ..Default::default()
        };
        let records = events::handling_records(conn, &filter)?;
        let mut per_kind: BTreeMap<usize, u32> = BTreeMap::new();
        let mut a1 = AutoItem::default();
        for r in &records {
            let kind = r.facts.details.kind();
            let pos = EventKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
            *per_kind.entry(pos).or_default() += 1;
            let missing = r.facts.details.missing();
            if !missing.is_empty() {
                a1.findings.push(finding(
                    format!(
                        "{} {} {}: {}の記載なし",
                        style.format(r.facts.happened_on),
                        kind.label(),
                        r.person.as_deref().unwrap_or("（一式）"),
                        missing.join("・")
                    ),
                    format!("event:{}", r.event_id),
                    "log",
                ));
            }
        }
        a1.figure = if records.is_empty() {
            "取扱記録 0件".to_owned()
        } else {
            format!(
                "取扱記録 {}件（{}）",
                records.len(),
                per_kind
                    .iter()
                    .map(|(k, n)| format!("{} {n}", EventKind::ALL[*k].label()))
                    .collect::<Vec<_>>()
                    .join("・")
            )
        };
        out.insert("A1", a1);

        // A2: 台帳 files; a 個人番号 in any text; files with no record this 年度.
        let files = ledger::list(conn)?;
        let mut a2 = AutoItem {
            figure: format!("管理台帳 {}件", files.len()),
            ..AutoItem::default()
        };
        for f in &files {
            let text = serde_json::to_string(&f.entry).unwrap_or_default();
            if kiroku_core::guard::holds_my_number(&text) {
                a2.findings.push(finding(
                    format!("NO.{} {}: 個人番号らしき数字があります", f.no, f.entry.name),
                    format!("ledger:{}", f.no),
                    "ledger",
                ));
            }
            if !records.iter().any(|r| r.file_no == Some(f.no)) {
                a2.findings.push(finding(
                    format!("NO.{} {}: 今年度の取扱記録がありません", f.no, f.entry.name),
                    format!("ledger:{}", f.no),
                    "ledger",
                ));
            }
        }
        out.insert("A2", a2);

        // A3, A4: the disposal schedule.
        let schedule = self.schedule(Some(&fy.0.to_string()))?;
        let a3 = AutoItem {
            figure: format!(
                "廃棄期限を過ぎた保存文書 {}件、今年度の廃棄予定 {}件",
                schedule.overdue.len(),
                schedule.due.len()
            ),
            findings: schedule
                .overdue
                .iter()
                .map(|d| {
                    finding(
                        format!(
                            "{}（{}）: 廃棄期限 {}",
                            d.name, d.file_name, d.dispose_by_label
                        ),
                        format!("document:{}", d.id),
                        "disposal",
                    )
                })
                .collect(),
            ..AutoItem::default()
        };
        out.insert("A3", a3);
        let disposals = records
            .iter()
            .filter(|r| {
                matches!(
                    r.facts.details.kind(),
                    EventKind::Dispose | EventKind::Delete
                )
            })
            .count();
        let a4 = AutoItem {
            figure: format!(
                "今年度の廃棄・削除 {disposals}件、証明書待ち {}件",
                schedule.awaiting_certificate.len()
            ),
            findings: schedule
                .awaiting_certificate
                .iter()
                .map(|d| {
                    finding(
                        format!(
                            "{}（{}）: 委託先の廃棄証明書が届いていません",
                            d.name, d.file_name
                        ),
                        format!("document:{}", d.id),
                        "disposal",
                    )
                })
                .collect(),
            ..AutoItem::default()
        };
        out.insert("A4", a4);

        // A5: contractors (not evaluated within 12 months, 不採用, open B items).
        let due = self.contractors_due(0)?;
        let conn = self.vault.conn();
        let active = kiroku_store::table::contractors::count_active(conn)?;
        let mut a5 = AutoItem {
            figure: format!("委託先 {active}件"),
            findings: due
                .iter()
                .filter(|d| {
                    matches!(
                        d.kind.as_str(),
                        "first_evaluation" | "rejected" | "improvement"
                    ) || (matches!(d.kind.as_str(), "reevaluation" | "pmark_expiry") && d.overdue)
                })
                .map(|d| {
                    finding(
                        format!("{}: {}（{}）", d.contractor.name, d.kind_label, d.detail),
                        format!("contractor:{}", d.contractor.id),
                        "contractors",
                    )
                })
                .collect(),
            ..AutoItem::default()
        };
        for c in kiroku_store::table::contractors::list(conn)?
            .iter()
            .filter(|c| c.is_active() && c.parent_id.is_some() && c.approved_on.is_none())
        {
            a5.findings.push(finding(
                format!("{}: 再委託の許諾が記録されていません", c.details.name),
                format!("contractor:{}", c.id),
                "contractors",
            ));
        }
        out.insert("A5", a5);

        // A6: users — left staff still enabled, no login for months.
        let all_users = users::list(conn)?;
        let people = persons::list(conn)?;
        let logins =
            audit::of_action_since(conn, AuditAction::Login, chrono::DateTime::UNIX_EPOCH)?;
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        let idle_since = today - Months::new(IDLE_USER_MONTHS);
        let mut a6 = AutoItem {
            figure: format!(
                "有効な利用者 {}人",
                all_users.iter().filter(|u| u.is_active()).count()
            ),
            ..AutoItem::default()
        };
        for u in all_users.iter().filter(|u| u.is_active()) {
            let name = squash(&u.profile.name);
            if let Some(left) = people
                .iter()
                .filter(|p| !p.withdrawn && squash(&p.details.name) == name)
                .filter_map(|p| p.left_on)
                .find(|d| *d <= today)
            {
                a6.findings.push(finding(
                    format!(
                        "{}（{}）: {}に退職していますが、利用者が有効のままです",
                        u.profile.name,
                        u.login_id,
                        style.format(left)
                    ),
                    format!("user:{}", u.login_id),
                    "users",
                ));
            }
            let id = u.login_id.to_string();
            let last = logins
                .iter()
                .filter(|l| l.entry.actor == id)
                .map(|l| l.entry.at)
                .max()
                .unwrap_or(u.created_at);
            let last_day = kiroku_core::wareki::day_in_japan(last);
            if last_day < idle_since {
                a6.findings.push(finding(
                    format!(
                        "{}（{}）: {}から{}か月以上ログインがありません",
                        u.profile.name,
                        u.login_id,
                        style.format(last_day),
                        IDLE_USER_MONTHS
                    ),
                    format!("user:{}", u.login_id),
                    "users",
                ));
            }
        }
        out.insert("A6", a6);

        // A7: failed logins; prints and exports.
        let failures = audit::of_action_since(conn, AuditAction::LoginFailures, since)?;
        let prints = audit::of_action_since(conn, AuditAction::Print, since)?;
        let exports = audit::of_action_since(conn, AuditAction::Export, since)?;
        let count_of = |detail: &str, unit: char| -> u64 {
            detail
                .split(unit)
                .next()
                .and_then(|s| s.rsplit(|c: char| !c.is_ascii_digit()).next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0)
        };
        let total_failures: u64 = failures
            .iter()
            .map(|f| count_of(&f.entry.detail, '回'))
            .sum();
        let mut a7 = AutoItem {
            figure: format!(
                "ログイン失敗 {total_failures}回、印刷 {}回、書き出し {}回",
                prints.len(),
                exports.len()
            ),
            ..AutoItem::default()
        };
        for f in &failures {
            let n = count_of(&f.entry.detail, '回');
            if n >= u64::from(FAILED_LOGINS_LISTED) {
                let who = f.entry.target.trim_start_matches("user:");
                a7.findings.push(finding(
                    format!(
                        "{}: ログインに{n}回続けて失敗（{}に成功）",
                        who,
                        style.format(kiroku_core::wareki::day_in_japan(f.entry.at))
                    ),
                    format!("audit:{}", f.seq),
                    "audit",
                ));
            }
        }
        for e in &exports {
            let rows = e
                .entry
                .detail
                .split('行')
                .next()
                .and_then(|s| s.rsplit(' ').next())
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0);
            if rows >= BULK_EXPORT_ROWS {
                a7.findings.push(finding(
                    format!("{}: 大量の書き出し（{}）", e.entry.actor, e.entry.detail),
                    format!("audit:{}", e.seq),
                    "audit",
                ));
            }
        }
        out.insert("A7", a7);

        // A8: the chain verified now; the last backup.
        let chain = audit::verify(conn)?;
        let head = crate::vault::audit::hex_string(&chain.head);
        let backup = audit::last_of_action(conn, AuditAction::Backup)?;
        let every = crate::settings::backup_every_days(conn)?;
        let mut a8 = AutoItem {
            figure: format!(
                "監査ログ {}行 {}、最後のバックアップ {}",
                chain.rows,
                if chain.first_break.is_none() {
                    "正常"
                } else {
                    "異常あり"
                },
                backup
                    .as_ref()
                    .map(|b| style.format(kiroku_core::wareki::day_in_japan(b.entry.at)))
                    .unwrap_or_else(|| "なし".to_owned())
            ),
            head: Some(head),
            ..AutoItem::default()
        };
        if let Some(b) = &chain.first_break {
            a8.findings.push(finding(
                format!("監査ログの検証で異常: {b}"),
                format!("audit:{}", b.seq()),
                "audit",
            ));
        }
        let last_backup_day = backup
            .as_ref()
            .map(|b| kiroku_core::wareki::day_in_japan(b.entry.at));
        if last_backup_day.is_none_or(|d| (today - d).num_days() >= i64::from(every)) {
            a8.findings.push(finding(
                match last_backup_day {
                    None => "バックアップが一度も作られていません".to_owned(),
                    Some(d) => format!(
                        "最後のバックアップ（{}）から{every}日以上たっています",
                        style.format(d)
                    ),
                },
                "vault".to_owned(),
                "settings",
            ));
        }
        out.insert("A8", a8);

        // A9: incidents known this 年度 and their deadlines.
        let known: Vec<_> = incidents::list(conn)?
            .into_iter()
            .filter(|r| fy.contains(r.known_on))
            .collect();
        let mut a9 = AutoItem {
            figure: format!("事故・漏えい等 {}件", known.len()),
            ..AutoItem::default()
        };
        for row in known {
            let id = row.id;
            let view = crate::incidents::view_of(conn, row, today)?;
            let Some(d) = &view.deadlines else { continue };
            let filed = |kinds: &[&str]| {
                view.reports
                    .iter()
                    .filter(|r| kinds.contains(&r.kind.as_str()))
                    .map(|r| r.filed_on)
                    .min()
            };
            let late = |what: &str, due: NaiveDate, on: Option<NaiveDate>| match on {
                Some(on) if on > due => Some(format!(
                    "{what}が期限（{}）後の{}に提出",
                    style.format(due),
                    style.format(on)
                )),
                None if today > due => Some(format!(
                    "{what}の期限（{}）を過ぎています",
                    style.format(due)
                )),
                _ => None,
            };
            for text in [
                late("速報", d.sokuho_due, filed(&["sokuho", "sokuho_kakuho"])),
                late("確報", d.kakuho_due, filed(&["kakuho", "sokuho_kakuho"])),
            ]
            .into_iter()
            .flatten()
            {
                a9.findings.push(finding(
                    format!("事案 ID {id}（{}）: {text}", view.what),
                    format!("incident:{id}"),
                    "incidents",
                ));
            }
        }
        out.insert("A9", a9);

        // A10–A14: counts of the records Kiroku holds.
        let count = |kind: EventKind| {
            records
                .iter()
                .filter(|r| r.facts.details.kind() == kind)
                .count()
        };
        out.insert(
            "A10",
            AutoItem {
                figure: format!(
                    "訂正等の記録 {}件（開示等の請求の受付は Kiroku に記録がありません）",
                    count(EventKind::Correct)
                ),
                not_recorded: true,
                ..AutoItem::default()
            },
        );
        let mut to_whom: BTreeMap<String, u32> = BTreeMap::new();
        for r in records
            .iter()
            .filter(|r| r.facts.details.kind() == EventKind::Submit)
        {
            if let kiroku_core::handling::EventDetails::Submit { recipient, .. } = &r.facts.details
            {
                *to_whom.entry(recipient.display().to_owned()).or_default() += 1;
            }
        }
        out.insert(
            "A11",
            AutoItem {
                figure: if to_whom.is_empty() {
                    "提出・提供 0件".to_owned()
                } else {
                    format!(
                        "提出・提供 {}件（{}）",
                        count(EventKind::Submit),
                        to_whom
                            .iter()
                            .map(|(k, n)| format!("{k} {n}"))
                            .collect::<Vec<_>>()
                            .join("・")
                    )
                },
                ..AutoItem::default()
            },
        );
        out.insert(
            "A12",
            AutoItem {
                figure: format!("持出し {}件", count(EventKind::TakeOut)),
                ..AutoItem::default()
            },
        );
        out.insert(
            "A13",
            AutoItem {
                figure: format!("提供拒否 {}件", count(EventKind::Refusal)),
                ..AutoItem::default()
            },
        );
        out.insert(
            "A14",
            AutoItem {
                figure: "研修の実施は Kiroku に記録がありません".to_owned(),
                not_recorded: true,
                ..AutoItem::default()
            },
        );
        Ok(out)
    }
}
