//! `kiroku audit …`: the audit chain, listed and verified.

use clap::Subcommand;

use kiroku_api::AuditQuery;

use crate::global::Global;
use crate::output::{emit, local, table, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 最新の監査ログを表示する（利用者・種別・期間で絞り込める）。
    List {
        /// 表示する行数。
        #[arg(long, default_value_t = 100)]
        limit: u64,
        /// 利用者のユーザーID。
        #[arg(long)]
        user: Option<String>,
        /// 種別: event | person | ledger | document | contractor | incident | check | print | export | user | vault。
        #[arg(long)]
        kind: Option<String>,
        /// 期間の開始日（和暦・西暦）。
        #[arg(long)]
        from: Option<String>,
        /// 期間の終了日（和暦・西暦）。
        #[arg(long)]
        to: Option<String>,
    },
    /// ファイルの全ページと監査ログのつながりを検証する。
    Verify,
}

pub fn run(cli: &Global, cmd: &AuditCommand) -> Result<(), Failure> {
    match cmd {
        AuditCommand::List {
            limit,
            user,
            kind,
            from,
            to,
        } => {
            let query = AuditQuery {
                user: user.clone(),
                kind: kind.clone(),
                from: from.clone(),
                to: to.clone(),
                limit: Some(*limit),
            };
            let page = with_session(cli, |s| Ok(s.audit_search(&query)?))?;
            emit(cli.json, &page, |page| {
                let cells: Vec<Vec<String>> = page
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.seq.to_string(),
                            local(r.at),
                            r.actor_name.clone(),
                            r.summary.clone(),
                            r.detail.clone(),
                        ]
                    })
                    .collect();
                let shown = format!("{}行中 {}行", page.total, page.rows.len());
                format!(
                    "{}\n{shown}",
                    table(&["行", "日時", "利用者", "操作", "内容"], &cells)
                )
            });
        }
        AuditCommand::Verify => {
            let report = with_session(cli, |s| Ok(s.audit_verify()?))?;
            emit(cli.json, &report, |r| {
                if r.ok {
                    format!(
                        "検証しました: 全ページ正常、監査ログ {} 行のつながりは正常です。",
                        r.rows
                    )
                } else {
                    let mut lines = vec!["検証の結果、異常が見つかりました。".to_owned()];
                    lines.extend(r.page_problems.iter().map(|p| format!("ページ: {p}")));
                    if let Some(c) = &r.chain_problem {
                        lines.push(c.clone());
                    }
                    lines.join("\n")
                }
            });
            if !report.ok {
                return Err(Failure::Api(kiroku_api::ApiError::Integrity(
                    report
                        .chain_problem
                        .clone()
                        .unwrap_or_else(|| "記録ファイルのページに異常があります。".into()),
                )));
            }
        }
    }
    Ok(())
}
