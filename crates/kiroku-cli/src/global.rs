//! The options every command takes, before or after its name: which vault, who logs in, and
//! how results are printed.

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct Global {
    /// 記録ファイル（*.kiroku）。既定は環境変数 KIROKU_VAULT。
    #[arg(long, global = true, env = "KIROKU_VAULT")]
    pub vault: Option<PathBuf>,
    /// ログインするユーザーID。既定は KIROKU_USER、なければ init で作った責任者。
    #[arg(long, global = true, env = "KIROKU_USER")]
    pub user: Option<String>,
    /// 結果を JSON で標準出力に出す。
    #[arg(long, global = true)]
    pub json: bool,
    /// 監査ログの記録より古い記録ファイル（意図して戻したコピー）を、事務取扱責任者が承知のうえで開く。
    #[arg(long, global = true)]
    pub accept_older_vault: bool,
}
