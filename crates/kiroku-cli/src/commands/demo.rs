//! `kiroku demo`: a generated demo office.

use clap::Args;
use std::path::PathBuf;

use crate::global::Global;
use crate::output::{emit, Failure};
use crate::{secrets, system};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// 作る記録ファイル（既存のファイルは上書きしない）。
    #[arg(long)]
    pub out: PathBuf,
    /// 取扱記録の件数。
    #[arg(long, default_value_t = 2000)]
    pub events: u64,
    /// 職員の人数。
    #[arg(long, default_value_t = 60)]
    pub persons: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(cli: &Global, a: &DemoArgs) -> Result<(), Failure> {
    let password = secrets::new_password(kiroku_demo::OFFICER_ID)?;
    let report = kiroku_demo::generate(
        &system::env(),
        &kiroku_demo::DemoRequest {
            vault: a.out.clone(),
            password,
            seed: a.seed,
            events: a.events,
            persons: a.persons,
        },
    )?;
    emit(cli.json, &report, |r| {
        format!(
            "デモの記録ファイルを作成しました: {}\n団体名: {}\n利用者: {}（責任者は {}。パスワードはすべて入力したもの）\n本人 {} 人（扶養家族 {} 人）、台帳 {} 件、取扱記録 {} 件（{} 〜 {}）、委託先 {} 社（評価 {} 件）、保存文書 {} 件\n復旧コード: {}",
            r.vault,
            r.org_name,
            r.users.join("、"),
            r.officer,
            r.persons,
            r.dependents,
            r.ledger_entries,
            r.events,
            kiroku_core::wareki::format(r.first_day),
            kiroku_core::wareki::format(r.last_day),
            r.contractors,
            r.evaluations,
            r.documents,
            r.recovery_code
        )
    });
    Ok(())
}
