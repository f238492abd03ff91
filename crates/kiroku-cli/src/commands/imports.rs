//! `kiroku imports …`: the imports done (取り込み履歴), and an import withdrawn as a whole.

use clap::Subcommand;
use kiroku_api::WithdrawImportRequest;

use crate::global::Global;
use crate::input::number;
use crate::output::{emit, local, table, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum ImportsCommand {
    /// 取り込みの一覧（新しい順）: 取り込み番号、種類、ファイル名、件数、取り消したかどうか。
    List,
    /// 取り込みをまとめて取り消す（取扱記録は取消済みに、本人・台帳は一覧から外れ、更新した分は元に戻る。どれも消えずに残る）。
    Withdraw {
        /// 取り込み番号。
        batch: String,
        /// 取り消す理由。
        #[arg(long)]
        reason: String,
    },
}

pub fn run(cli: &Global, cmd: &ImportsCommand) -> Result<(), Failure> {
    match cmd {
        ImportsCommand::List => {
            let batches = with_session(cli, |s| Ok(s.import_batches()?))?;
            emit(cli.json, &batches, |rows| {
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|b| {
                        vec![
                            b.id.to_string(),
                            local(b.imported_at),
                            b.kind.clone(),
                            b.file_name.clone(),
                            format!("追加{} 更新{} 変更なし{}", b.added, b.updated, b.skipped),
                            match (&b.withdraw_reason, b.withdrawn) {
                                (Some(r), true) => format!("取消済（{r}）"),
                                _ => String::new(),
                            },
                        ]
                    })
                    .collect();
                table(
                    &["番号", "日時", "種類", "ファイル", "件数", "取消"],
                    &cells,
                )
            });
        }
        ImportsCommand::Withdraw { batch, reason } => {
            let req = WithdrawImportRequest {
                batch: number("取り込み番号", batch)?,
                reason: reason.clone(),
            };
            let view = with_session(cli, |s| Ok(s.withdraw_import(&req)?))?;
            emit(cli.json, &view, |b| {
                format!(
                    "取り込み番号 {} （{}）を取り消しました。",
                    b.id, b.file_name
                )
            });
        }
    }
    Ok(())
}
