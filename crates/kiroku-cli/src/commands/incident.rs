//! `kiroku incident …`: 漏えい等の事案 — 第一報, the officer's facts, the decision and its
//! confirmation, filings, 本人への通知, 完了.

use clap::{Args, Subcommand};
use kiroku_api::{
    CloseIncidentRequest, ConfirmIncidentRequest, DeadlineView, FileReportRequest, IncidentChanges,
    IncidentSummary, IncidentView, NewIncident, NotifyPersonsRequest,
};

use crate::global::Global;
use crate::input::{number, yes_no};
use crate::output::{emit, table, Failure};
use crate::session::with_session;

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// 第一報: 発見者、知った日（時刻）、何が起きたか、媒体、場所。担当者も行えます。
    Add {
        #[arg(long)]
        finder: String,
        /// 知った日（和暦・西暦）。期限はこの日を1日目として数えます。
        #[arg(long)]
        known_on: String,
        /// 知った時刻（例: 16:40）。
        #[arg(long)]
        known_time: Option<String>,
        #[arg(long)]
        what: String,
        /// 媒体（紙・USBメモリ・メールなど）。
        #[arg(long)]
        medium: String,
        #[arg(long)]
        place: Option<String>,
    },
    /// 事案の一覧（新しい順、状況と期限）。
    List,
    /// 事案の詳細（--json で reportable, basis, sokuho_due, kakuho_due, may_notify_principal, reasons）。
    Show { id: String },
    /// 事実確認（事務取扱責任者）: 指定した項目だけを変え、理由とともに新しい版にする。
    Update(UpdateArgs),
    /// 報告要否の判定: 各号・各基準ごとの該当と理由、期限。
    Assess { id: String },
    /// 判定を確認する。--reportable・--days が判定と異なるときは --reason が必要。
    Confirm {
        id: String,
        /// 報告する（yes）・しない（no）。省略すると判定どおり。
        #[arg(long)]
        reportable: Option<String>,
        /// 確報の期限（30 か 60 日）。省略すると判定どおり。
        #[arg(long)]
        days: Option<u32>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// 報告を記録する: --kind 速報|確報|速報兼確報|追完、--to 個人情報保護委員会|総務大臣|連合会|理事長|委託元。
    Report {
        id: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        to: String,
        /// 報告日。
        #[arg(long)]
        on: String,
        /// 受付番号。
        #[arg(long)]
        receipt_no: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// 本人への通知を記録する（--person を通知した人数分）。
    Notify {
        id: String,
        #[arg(long = "person", required = true)]
        persons: Vec<String>,
        /// 郵送 | 電子メール | 手渡し | 代替措置（post | mail | hand | alternative）。
        #[arg(long)]
        method: String,
        #[arg(long)]
        on: String,
    },
    /// 印刷する: report（報告書の下書き、9項目）| letters（本人への通知文、本人ごとに1ファイル。--out はフォルダ）| notices（通知の記録）。
    Print {
        id: String,
        #[arg(long)]
        what: String,
        /// PDF のファイル名（letters はフォルダ）。省略すると記録ファイルの隣の「記録票」フォルダ。
        #[arg(long, default_value = "")]
        out: String,
    },
    /// 完了にする（どう終わったかを --reason に）。
    Close {
        id: String,
        #[arg(long)]
        reason: String,
    },
}

/// The officer's facts: only the options given change.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    id: String,
    /// 変更の理由。
    #[arg(long)]
    reason: String,
    /// 事態（複数可）: 漏えい | 滅失 | 毀損 | 不正利用 | 不正提供 | 不特定多数閲覧。
    #[arg(long = "situation")]
    situations: Vec<String>,
    /// 規則第2条1号の情報システム: info_network | usage_system | local_gov_system（なし: 空文字）。
    #[arg(long)]
    system: Option<String>,
    /// 不正の目的のおそれ（yes/no）。
    #[arg(long)]
    unlawful_purpose: Option<String>,
    /// 不特定多数の者に閲覧された（おそれ）（yes/no）。
    #[arg(long)]
    public_viewing: Option<String>,
    /// 本人の数。
    #[arg(long)]
    persons: Option<String>,
    /// 本人の数は最大の見込み（確定していない）。
    #[arg(long)]
    persons_max: bool,
    /// 本人の数が100人を超えると知った日（第一報より後に分かったとき。期限はこの日から数える）。
    #[arg(long)]
    count_known_on: Option<String>,
    /// 関係する本人の ID（複数可）。
    #[arg(long = "person")]
    person_ids: Vec<String>,
    /// 関係する台帳 NO.（複数可）。
    #[arg(long = "ledger")]
    ledger_nos: Vec<String>,
    /// 関係する委託先 ID（複数可）。
    #[arg(long = "contractor")]
    contractor_ids: Vec<String>,
    #[arg(long)]
    occurred_from: Option<String>,
    #[arg(long)]
    occurred_to: Option<String>,
    /// 特定個人情報の項目。
    #[arg(long)]
    items: Option<String>,
    #[arg(long)]
    cause: Option<String>,
    /// 原因を作った者: 職員 | 委託先 | 外部の者 | 不明。
    #[arg(long)]
    cause_actor: Option<String>,
    #[arg(long)]
    secondary_damage: Option<String>,
    /// 高度な暗号化がされ鍵は安全（yes/no）。
    #[arg(long)]
    encrypted: Option<String>,
    /// 閲覧される前に回収した（yes/no）。
    #[arg(long)]
    recovered: Option<String>,
    /// 要配慮個人情報を含む（yes/no）。
    #[arg(long)]
    sensitive: Option<String>,
    /// 財産的被害のおそれ（yes/no）。
    #[arg(long)]
    financial_damage: Option<String>,
    /// 条例要配慮個人情報を含む（yes/no）。
    #[arg(long)]
    ordinance_sensitive: Option<String>,
    /// 委託事業主から預かった情報（yes/no、労働保険事務組合）。
    #[arg(long)]
    principal_data: Option<String>,
    /// 短期給付の情報（yes/no、共済組合）。
    #[arg(long)]
    short_term_benefit: Option<String>,
    /// 公表の実施状況。
    #[arg(long)]
    publication: Option<String>,
    /// その他参考となる事項。
    #[arg(long)]
    other: Option<String>,
    /// 各号に当たるかどうかの判断の理由。
    #[arg(long)]
    grounds_note: Option<String>,
    /// 封じ込め等の措置（複数可、指定すると全体を置き換え）: 「令和8年12月1日 17:00 誤送付先に回収を依頼」（時刻は省略可）。
    #[arg(long = "containment")]
    containment: Vec<String>,
    /// 再発防止策（複数可、指定すると全体を置き換え）: 「実施済み:宛名の読み合わせ」または「予定:封入の二重確認:担当者:期限」。
    #[arg(long = "prevention")]
    prevention: Vec<String>,
}

/// 「令和8年12月1日 17:00 誤送付先に回収を依頼」: the day, an optional time, the action.
fn containment(text: &str) -> kiroku_api::ContainmentInput {
    let mut parts = text.trim().splitn(2, char::is_whitespace);
    let on = parts.next().unwrap_or_default().to_owned();
    let rest = parts.next().unwrap_or_default().trim();
    let (time, action) = match rest.split_once(char::is_whitespace) {
        Some((t, a)) if t.contains(':') || t.contains('：') => {
            (Some(t.to_owned()), a.trim().to_owned())
        }
        _ => (None, rest.to_owned()),
    };
    kiroku_api::ContainmentInput { on, time, action }
}

/// 「実施済み:措置」 or 「予定:措置:担当:期限」 (担当 and 期限 may be left out).
fn prevention(text: &str) -> Result<kiroku_api::PreventionInput, Failure> {
    let parts: Vec<&str> = text.split([':', '：']).map(str::trim).collect();
    let (done, rest) = match parts.split_first() {
        Some((&"実施済み" | &"done", rest)) => (true, rest),
        Some((&"予定" | &"planned", rest)) => (false, rest),
        _ => {
            return Err(crate::input::invalid(
                "再発防止策",
                "「実施済み:内容」か「予定:内容:担当:期限」の形で指定してください。",
            ))
        }
    };
    let field = |i: usize| {
        rest.get(i)
            .filter(|s| !s.is_empty())
            .map(|s| (*s).to_owned())
    };
    Ok(kiroku_api::PreventionInput {
        measure: field(0).unwrap_or_default(),
        done,
        owner: field(1),
        due: field(2),
    })
}

fn flag(field: &'static str, v: &Option<String>) -> Result<Option<bool>, Failure> {
    v.as_deref().map(|v| yes_no(field, v)).transpose()
}

fn ids(field: &'static str, list: &[String]) -> Result<Option<Vec<i64>>, Failure> {
    if list.is_empty() {
        return Ok(None);
    }
    list.iter()
        .map(|v| number(field, v))
        .collect::<Result<_, _>>()
        .map(Some)
}

impl UpdateArgs {
    fn changes(&self) -> Result<IncidentChanges, Failure> {
        Ok(IncidentChanges {
            reason: self.reason.clone(),
            occurred_from: self.occurred_from.clone(),
            occurred_to: self.occurred_to.clone(),
            situations: (!self.situations.is_empty()).then(|| self.situations.clone()),
            system: self.system.clone(),
            unlawful_purpose: flag("不正の目的", &self.unlawful_purpose)?,
            public_viewing: flag("不特定多数閲覧", &self.public_viewing)?,
            persons_count: self.persons.clone(),
            persons_confirmed: self.persons.as_ref().map(|_| !self.persons_max),
            count_known_on: self.count_known_on.clone(),
            grounds_note: self.grounds_note.clone(),
            items: self.items.clone(),
            ledger_nos: ids("台帳 NO.", &self.ledger_nos)?,
            person_ids: ids("本人", &self.person_ids)?,
            contractor_ids: ids("委託先", &self.contractor_ids)?,
            cause: self.cause.clone(),
            cause_actor: self.cause_actor.clone(),
            secondary_damage: self.secondary_damage.clone(),
            encrypted_key_safe: flag("高度な暗号化", &self.encrypted)?,
            recovered_before_viewed: flag("回収", &self.recovered)?,
            sensitive: flag("要配慮個人情報", &self.sensitive)?,
            financial_damage: flag("財産的被害", &self.financial_damage)?,
            ordinance_sensitive: flag("条例要配慮個人情報", &self.ordinance_sensitive)?,
            principal_data: flag("委託事業主の情報", &self.principal_data)?,
            short_term_benefit: flag("短期給付の情報", &self.short_term_benefit)?,
            containment: (!self.containment.is_empty())
                .then(|| self.containment.iter().map(|c| containment(c)).collect()),
            prevention: if self.prevention.is_empty() {
                None
            } else {
                Some(
                    self.prevention
                        .iter()
                        .map(|p| prevention(p))
                        .collect::<Result<_, _>>()?,
                )
            },
            publication: self.publication.clone(),
            other: self.other.clone(),
        })
    }
}

/// 「速報 あと2日」「確報 3日超過」 — what `kiroku status` and the list say of the deadlines.
pub fn deadline_words(d: &DeadlineView) -> String {
    let part = |what: &str, left: Option<i64>, label: &str| -> Option<String> {
        left.map(|n| match n {
            n if n < 0 => format!("{what} {}日超過（{label}まで）", -n),
            0 => format!("{what} 今日まで"),
            n => format!("{what} あと{n}日（{label}まで）"),
        })
    };
    let parts: Vec<String> = [
        part("速報", d.sokuho_days_left, &d.sokuho_due_label),
        part("確報", d.kakuho_days_left, &d.kakuho_due_label),
    ]
    .into_iter()
    .flatten()
    .collect();
    match (parts.is_empty(), d.urgent) {
        (true, _) => "報告済".into(),
        (false, true) => format!("【至急】{}", parts.join("、")),
        (false, false) => parts.join("、"),
    }
}

fn summary_rows(list: &[IncidentSummary]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|i| {
            vec![
                i.id.to_string(),
                i.known_on_label.clone(),
                i.status_label.clone(),
                i.what.clone(),
                match (&i.deadlines, i.reportable, i.assessed) {
                    (Some(d), _, _) => deadline_words(d),
                    (None, false, true) => "報告しない（確認済）".into(),
                    (None, _, _) => "判定待ち".into(),
                },
            ]
        })
        .collect();
    table(&["ID", "知った日", "状況", "内容", "期限"], &rows)
}

fn details(v: &IncidentView) -> String {
    let mut out = format!(
        "事案 ID {}（第{}版、{}）\n知った日: {}{}\n発見者: {}\n内容: {}\n媒体: {}{}\n",
        v.id,
        v.version,
        v.status_label,
        v.known_on_label,
        v.known_time
            .as_deref()
            .map(|t| format!(" {t}"))
            .unwrap_or_default(),
        v.finder,
        v.what,
        v.medium,
        v.place
            .as_deref()
            .map(|p| format!("（{p}）"))
            .unwrap_or_default(),
    );
    out.push_str(&format!(
        "報告: {}{}\n",
        if v.reportable { "必要" } else { "不要" },
        if v.basis.is_empty() {
            String::new()
        } else {
            format!("（{}）", v.basis.join("・"))
        }
    ));
    for r in &v.reasons {
        out.push_str(&format!("  {r}\n"));
    }
    if let Some(d) = &v.deadlines {
        out.push_str(&format!("期限: {}\n", deadline_words(d)));
    }
    match &v.assessment {
        Some(a) => out.push_str(&format!(
            "判定の確認: {}（{} {}）\n",
            match &a.override_reason {
                None => "判定どおり".to_owned(),
                Some(r) => format!("判定と異なる判断（{r}）"),
            },
            a.entered_at_label,
            a.entered_by
        )),
        None => out.push_str("判定の確認: まだ（kiroku incident confirm）\n"),
    }
    for r in &v.reports {
        out.push_str(&format!(
            "{} {} → {}{}\n",
            r.filed_on_label,
            r.kind_label,
            r.recipient_label,
            r.receipt_no
                .as_deref()
                .map(|n| format!("（受付番号 {n}）"))
                .unwrap_or_default()
        ));
    }
    if !v.notices.is_empty() {
        out.push_str(&format!("本人への通知: {}人\n", v.notices.len()));
    }
    out
}

fn assessment(v: &IncidentView) -> String {
    let rows: Vec<Vec<String>> = v
        .decision
        .rows
        .iter()
        .map(|g| {
            vec![
                g.law.clone(),
                g.code.clone(),
                if g.applies { "○" } else { "×" }.into(),
                g.reason.clone(),
            ]
        })
        .collect();
    let mut out = format!(
        "組織の種別: {}\n番号法: {}\n個人情報保護法: {}\n",
        v.decision.body_kind_label, v.decision.my_number_act, v.decision.appi
    );
    out.push_str(&table(&["法", "項目", "該当", "理由"], &rows));
    for r in &v.decision.reasons {
        out.push_str(&format!("\n{r}"));
    }
    out
}

pub fn run(cli: &Global, cmd: &IncidentCommand) -> Result<(), Failure> {
    match cmd {
        IncidentCommand::Add {
            finder,
            known_on,
            known_time,
            what,
            medium,
            place,
        } => {
            let new = NewIncident {
                finder: finder.clone(),
                known_on: known_on.clone(),
                known_time: known_time.clone(),
                what: what.clone(),
                medium: medium.clone(),
                place: place.clone(),
            };
            let v = with_session(cli, |s| Ok(s.report_incident(&new)?))?;
            emit(cli.json, &v, |v| {
                format!(
                    "第一報を記録しました（事案 ID {}）。事務取扱責任者に直ちに知らせてください。期限は知った日（{}）を1日目として数えます。",
                    v.id, v.known_on_label
                )
            });
        }
        IncidentCommand::List => {
            let list = with_session(cli, |s| Ok(s.list_incidents()?))?;
            emit(cli.json, &list, |l| summary_rows(l));
        }
        IncidentCommand::Show { id } => {
            let id = number("事案", id)?;
            let v = with_session(cli, |s| Ok(s.incident(id)?))?;
            emit(cli.json, &v, details);
        }
        IncidentCommand::Update(args) => {
            let id = number("事案", &args.id)?;
            let changes = args.changes()?;
            let v = with_session(cli, |s| Ok(s.update_incident(id, &changes)?))?;
            emit(cli.json, &v, details);
        }
        IncidentCommand::Assess { id } => {
            let id = number("事案", id)?;
            let v = with_session(cli, |s| Ok(s.incident(id)?))?;
            emit(cli.json, &v.decision, |_| assessment(&v));
        }
        IncidentCommand::Confirm {
            id,
            reportable,
            days,
            reason,
        } => {
            let req = ConfirmIncidentRequest {
                id: number("事案", id)?,
                reportable: flag("報告する", reportable)?,
                kakuho_days: *days,
                reason: reason.clone(),
            };
            let v = with_session(cli, |s| Ok(s.confirm_incident(&req)?))?;
            emit(cli.json, &v, details);
        }
        IncidentCommand::Report {
            id,
            kind,
            to,
            on,
            receipt_no,
            note,
        } => {
            let req = FileReportRequest {
                id: number("事案", id)?,
                kind: kind.clone(),
                recipient: to.clone(),
                filed_on: on.clone(),
                receipt_no: receipt_no.clone(),
                note: note.clone(),
            };
            let v = with_session(cli, |s| Ok(s.file_incident_report(&req)?))?;
            emit(cli.json, &v, details);
        }
        IncidentCommand::Notify {
            id,
            persons,
            method,
            on,
        } => {
            let req = NotifyPersonsRequest {
                id: number("事案", id)?,
                persons: persons
                    .iter()
                    .map(|p| number("本人", p))
                    .collect::<Result<_, _>>()?,
                method: method.clone(),
                notified_on: on.clone(),
            };
            let v = with_session(cli, |s| Ok(s.notify_incident_persons(&req)?))?;
            emit(cli.json, &v, |v| {
                format!("本人への通知を記録しました（{}人）。", v.notices.len())
            });
        }
        IncidentCommand::Print { id, what, out } => {
            let req = kiroku_api::IncidentPrintRequest {
                id: number("事案", id)?,
                what: what.clone(),
                out: out.clone(),
            };
            let files = with_session(cli, |s| Ok(s.print_incident(&req)?))?;
            emit(cli.json, &files, |files| {
                files
                    .iter()
                    .map(|f| format!("{}: {}（{}ページ）", f.title, f.path, f.pages))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        IncidentCommand::Close { id, reason } => {
            let req = CloseIncidentRequest {
                id: number("事案", id)?,
                reason: reason.clone(),
            };
            let v = with_session(cli, |s| Ok(s.close_incident(&req)?))?;
            emit(cli.json, &v, |v| {
                format!("事案 ID {} を完了にしました。", v.id)
            });
        }
    }
    Ok(())
}
