//! `kiroku audit …`: the audit chain, listed and verified.

use clap::Subcommand;

use crate::global::Global;
use crate::output::{emit, local, table, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 最新の監査ログを表示する。
    List {
        /// 表示する行数。
        #[arg(long, default_value_t = 100)]
        limit: u64,
    },
    /// ファイルの全ページと監査ログのつながりを検証する。
    Verify,
}

pub fn run(cli: &Global, cmd: &AuditCommand) -> Result<(), Failure> {
    match cmd {
        AuditCommand::List { limit } => {
            let rows = with_session(cli, |s| Ok(s.audit_list(*limit)?))?;
            emit(cli.json, &rows, |rows| {
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.seq.to_string(),
                            local(r.at),
                            r.actor.clone(),
                            r.action_label.clone(),
                            r.target.clone(),
                            r.detail.clone(),
                        ]
                    })
                    .collect();
                table(&["行", "日時", "利用者", "操作", "対象", "内容"], &cells)
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
