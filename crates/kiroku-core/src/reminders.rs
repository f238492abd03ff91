//! 通知（リマインダー）: what the home screen and the login remind the office of, each from the
//! day its trigger falls — the 年度末 disposal batch (from February), a contractor's 再評価 or
//! P-mark expiry (60 days ahead), no backup for N days, the yearly check not done by the end of
//! a month, an improvement action past its 期限, an incident's deadline within 3 days — and
//! each dismissible until a day the user picks. Pure: the facts and the day come in.

use chrono::{Datelike, Duration, NaiveDate};

use crate::fiscal_year::FiscalYear;
use crate::incident::deadline::URGENT_WITHIN_DAYS;

/// How far ahead a contractor's date is reminded of.
pub const CONTRACTOR_DAYS_AHEAD: i64 = 60;
/// The backup reminder's default interval (a setting).
pub const DEFAULT_BACKUP_DAYS: u32 = 30;
/// The yearly check is reminded of after the end of this month of the 年度 (a setting).
pub const DEFAULT_CHECK_BY_MONTH: u32 = 5;

/// What a reminder is about, and where its link leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReminderKind {
    /// 年度末の廃棄
    DisposalBatch,
    /// 委託先の再評価
    Reevaluation,
    /// P マークの有効期限
    PmarkExpiry,
    /// バックアップ
    Backup,
    /// 年次点検
    YearlyCheck,
    /// 改善措置の期限
    ImprovementAction,
    /// 事故・漏えいの報告期限
    IncidentDeadline,
}

impl ReminderKind {
    /// The screen its link opens.
    pub fn screen(self) -> &'static str {
        match self {
            Self::DisposalBatch => "disposal",
            Self::Reevaluation | Self::PmarkExpiry => "contractors",
            Self::Backup => "settings",
            Self::YearlyCheck | Self::ImprovementAction => "check",
            Self::IncidentDeadline => "incidents",
        }
    }
}

/// A contractor's date to remind of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractorDate {
    pub id: i64,
    pub name: String,
    /// `true`: the P-mark expires; `false`: the 再評価 is due.
    pub pmark: bool,
    pub on: NaiveDate,
}

/// An open improvement action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAction {
    pub id: i64,
    pub what: String,
    pub due: NaiveDate,
}

/// An incident's next deadline not yet met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentDue {
    pub id: i64,
    /// 「速報」 or 「確報」
    pub report: &'static str,
    pub due: NaiveDate,
}

/// Everything the reminders are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderFacts {
    /// Papers and data whose disposal falls in this 年度 and are not yet disposed of.
    pub disposal_due_this_fy: u32,
    pub contractors: Vec<ContractorDate>,
    /// The day of the last backup, if any.
    pub last_backup: Option<NaiveDate>,
    pub backup_every_days: u32,
    /// This 年度's yearly check has been signed off (確認).
    pub check_done_this_fy: bool,
    /// The check is reminded of after this month ends (1–12).
    pub check_by_month: u32,
    pub actions: Vec<OpenAction>,
    pub incidents: Vec<IncidentDue>,
}

impl Default for ReminderFacts {
    fn default() -> Self {
        Self {
            disposal_due_this_fy: 0,
            contractors: Vec::new(),
            last_backup: None,
            backup_every_days: DEFAULT_BACKUP_DAYS,
            check_done_this_fy: false,
            check_by_month: DEFAULT_CHECK_BY_MONTH,
            actions: Vec::new(),
            incidents: Vec::new(),
        }
    }
}

/// One reminder. `key` names it for a dismissal (the same reminder keeps its key from day to
/// day; a new occasion gets a new key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub kind: ReminderKind,
    pub key: String,
    pub message: String,
}

/// The first day after the end of `month` within 年度 `fy` (the check's reminder starts then).
fn after_month(fy: FiscalYear, month: u32) -> Option<NaiveDate> {
    let year = if month >= 4 { fy.0 } else { fy.0 + 1 };
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
}

/// The reminders due on `today`, dismissed ones included (see [`visible`]).
pub fn due(facts: &ReminderFacts, today: NaiveDate) -> Vec<Reminder> {
    let fy = FiscalYear::containing(today);
    let mut out = Vec::new();
    let mut push = |kind, key: String, message: String| out.push(Reminder { kind, key, message });
    // 年度末の廃棄: from 1 February to the end of the 年度.
    if facts.disposal_due_this_fy > 0 && matches!(today.month(), 2 | 3) {
        push(
            ReminderKind::DisposalBatch,
            format!("disposal:{}", fy.0),
            format!(
                "{}の廃棄予定が{}件あります。年度末までに廃棄してください。",
                fy.label(),
                facts.disposal_due_this_fy
            ),
        );
    }
    for c in &facts.contractors {
        if today >= c.on - Duration::days(CONTRACTOR_DAYS_AHEAD) {
            let (kind, what) = if c.pmark {
                (ReminderKind::PmarkExpiry, "P マークの有効期限")
            } else {
                (ReminderKind::Reevaluation, "再評価の期限")
            };
            let left = (c.on - today).num_days();
            push(
                kind,
                format!(
                    "contractor:{}:{}:{}",
                    c.id,
                    if c.pmark { "pmark" } else { "eval" },
                    c.on
                ),
                if left >= 0 {
                    format!("委託先「{}」の{}まであと{left}日です。", c.name, what)
                } else {
                    format!("委託先「{}」の{}を{}日過ぎています。", c.name, what, -left)
                },
            );
        }
    }
    let backup_due = match facts.last_backup {
        None => true,
        Some(last) => (today - last).num_days() >= i64::from(facts.backup_every_days),
    };
    if backup_due {
        push(
            ReminderKind::Backup,
            format!(
                "backup:{}",
                facts.last_backup.map(|d| d.to_string()).unwrap_or_default()
            ),
            match facts.last_backup {
                None => "まだバックアップがありません。バックアップを作ってください。".to_owned(),
                Some(last) => format!(
                    "最後のバックアップから{}日たっています。バックアップを作ってください。",
                    (today - last).num_days()
                ),
            },
        );
    }
    if !facts.check_done_this_fy
        && after_month(fy, facts.check_by_month).is_some_and(|d| today >= d)
    {
        push(
            ReminderKind::YearlyCheck,
            format!("check:{}", fy.0),
            format!("{}の取扱状況の点検がまだ終わっていません。", fy.label()),
        );
    }
    for a in &facts.actions {
        if today > a.due {
            push(
                ReminderKind::ImprovementAction,
                format!("action:{}", a.id),
                format!(
                    "改善措置「{}」の期限を{}日過ぎています。",
                    a.what,
                    (today - a.due).num_days()
                ),
            );
        }
    }
    for i in &facts.incidents {
        let left = (i.due - today).num_days();
        if left <= URGENT_WITHIN_DAYS {
            push(
                ReminderKind::IncidentDeadline,
                format!("incident:{}:{}", i.id, i.report),
                if left >= 0 {
                    format!(
                        "事案 ID {} の{}の期限まであと{left}日です。",
                        i.id, i.report
                    )
                } else {
                    format!(
                        "事案 ID {} の{}の期限を{}日過ぎています。",
                        i.id, i.report, -left
                    )
                },
            );
        }
    }
    out
}

/// The reminders not dismissed: a dismissal (key, until) hides its reminder while `today` is
/// before `until`.
pub fn visible(
    reminders: Vec<Reminder>,
    dismissed: &[(String, NaiveDate)],
    today: NaiveDate,
) -> Vec<Reminder> {
    reminders
        .into_iter()
        .filter(|r| {
            !dismissed
                .iter()
                .any(|(k, until)| *k == r.key && today < *until)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|_| panic!("{s}"))
    }

    fn kinds(facts: &ReminderFacts, today: &str) -> Vec<ReminderKind> {
        due(facts, d(today)).into_iter().map(|r| r.kind).collect()
    }

    /// Facts with a fresh backup and this year's check done: nothing else to remind of.
    fn quiet() -> ReminderFacts {
        ReminderFacts {
            last_backup: Some(d("2027-01-20")),
            check_done_this_fy: true,
            ..ReminderFacts::default()
        }
    }

    #[test]
    fn the_disposal_batch_from_february() {
        let f = ReminderFacts {
            disposal_due_this_fy: 4,
            ..quiet()
        };
        assert!(kinds(&f, "2027-01-31").is_empty());
        assert_eq!(kinds(&f, "2027-02-01"), [ReminderKind::DisposalBatch]);
        assert!(kinds(&f, "2027-04-01")
            .iter()
            .all(|k| *k != ReminderKind::DisposalBatch));
    }

    #[test]
    fn contractors_sixty_days_ahead() {
        let f = ReminderFacts {
            contractors: vec![
                ContractorDate {
                    id: 1,
                    name: "大分データ".into(),
                    pmark: false,
                    on: d("2027-03-31"),
                },
                ContractorDate {
                    id: 2,
                    name: "文書保管".into(),
                    pmark: true,
                    on: d("2027-04-30"),
                },
            ],
            last_backup: Some(d("2027-02-20")),
            ..quiet()
        };
        assert!(kinds(&f, "2027-01-29").is_empty());
        assert_eq!(kinds(&f, "2027-01-30"), [ReminderKind::Reevaluation]);
        assert_eq!(
            kinds(&f, "2027-03-01"),
            [ReminderKind::Reevaluation, ReminderKind::PmarkExpiry]
        );
        let late = due(&f, d("2027-04-02"));
        assert!(
            late[0].message.contains("2日過ぎています"),
            "{}",
            late[0].message
        );
    }

    #[test]
    fn no_backup_for_the_set_number_of_days() {
        let f = ReminderFacts {
            last_backup: Some(d("2027-01-01")),
            backup_every_days: 30,
            check_done_this_fy: true,
            ..ReminderFacts::default()
        };
        assert!(kinds(&f, "2027-01-30").is_empty());
        assert_eq!(kinds(&f, "2027-01-31"), [ReminderKind::Backup]);
        let never = ReminderFacts {
            last_backup: None,
            ..f
        };
        assert_eq!(kinds(&never, "2027-01-02"), [ReminderKind::Backup]);
    }

    #[test]
    fn the_yearly_check_after_its_month() {
        let f = ReminderFacts {
            check_done_this_fy: false,
            last_backup: Some(d("2026-05-20")),
            ..ReminderFacts::default()
        };
        // Default: by the end of May.
        assert!(kinds(&f, "2026-05-31").is_empty());
        assert_eq!(kinds(&f, "2026-06-01"), [ReminderKind::YearlyCheck]);
        // A check due by the end of February of the 年度 (the next calendar year).
        let feb = ReminderFacts {
            check_by_month: 2,
            last_backup: Some(d("2027-02-20")),
            ..f.clone()
        };
        assert!(kinds(&feb, "2027-02-28").is_empty());
        assert_eq!(kinds(&feb, "2027-03-01"), [ReminderKind::YearlyCheck]);
        // Done: no reminder.
        let done = ReminderFacts {
            check_done_this_fy: true,
            ..f
        };
        assert!(kinds(&done, "2026-06-01").is_empty());
    }

    #[test]
    fn actions_past_their_due_day_and_incidents_within_three_days() {
        let f = ReminderFacts {
            actions: vec![OpenAction {
                id: 5,
                what: "USBの管理簿".into(),
                due: d("2027-01-15"),
            }],
            incidents: vec![IncidentDue {
                id: 2,
                report: "確報",
                due: d("2027-01-25"),
            }],
            ..quiet()
        };
        assert!(kinds(&f, "2027-01-15").is_empty());
        assert_eq!(kinds(&f, "2027-01-16"), [ReminderKind::ImprovementAction]);
        assert_eq!(
            kinds(&f, "2027-01-22"),
            [
                ReminderKind::ImprovementAction,
                ReminderKind::IncidentDeadline
            ]
        );
    }

    #[test]
    fn a_dismissal_hides_its_reminder_until_its_day() {
        let f = ReminderFacts {
            last_backup: Some(d("2027-01-01")),
            check_done_this_fy: true,
            ..ReminderFacts::default()
        };
        let key = due(&f, d("2027-02-10"))[0].key.clone();
        let dismissed = vec![(key, d("2027-02-17"))];
        assert!(visible(due(&f, d("2027-02-16")), &dismissed, d("2027-02-16")).is_empty());
        assert_eq!(
            visible(due(&f, d("2027-02-17")), &dismissed, d("2027-02-17")).len(),
            1
        );
    }
}
