//! `kiroku key …`: the master key's rotation.

use clap::Subcommand;
use kiroku_api::RecoverySheetRequest;
use std::path::PathBuf;

use crate::global::Global;
use crate::output::{emit, recovery_box, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// 暗号鍵を新しくする: 古いパスワード・復旧コード・鍵ファイルのコピーでは以後の記録を開けなくなる。
    /// 新しい復旧コードを一度だけ表示する。
    Rotate {
        /// 更新の理由（例: 利用者の退職、パスワード漏えいの疑い）。
        #[arg(long)]
        reason: String,
        /// 新しい復旧用キーの用紙を PDF に印刷する（保存先のファイル）。
        #[arg(long)]
        recovery_pdf: Option<PathBuf>,
    },
}

pub fn run(cli: &Global, cmd: &KeyCommand) -> Result<(), Failure> {
    match cmd {
        KeyCommand::Rotate {
            reason,
            recovery_pdf,
        } => {
            let report = with_session(cli, |s| {
                let report = s.rotate_key(reason)?;
                if let Some(out) = recovery_pdf {
                    s.print_recovery_sheet(&RecoverySheetRequest {
                        code: report.recovery_code.clone(),
                        out: out.display().to_string(),
                    })?;
                }
                Ok(report)
            })?;
            emit(cli.json, &report, |r| {
                let mut text = format!(
                    "暗号鍵を更新しました（第 {} 世代）。古いパスワード・復旧コード・鍵ファイルのコピーでは、これからの記録を開けません。\n\n{}",
                    r.generation,
                    recovery_box(&r.recovery_code, recovery_pdf.as_deref())
                );
                if !r.users_needing_reset.is_empty() {
                    text.push_str(&format!(
                        "\n次の利用者はパスワードの再設定が必要です（user reset）: {}",
                        r.users_needing_reset.join(", ")
                    ));
                }
                text
            });
        }
    }
    Ok(())
}
