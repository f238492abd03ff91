//! `kiroku reminders`: what is due (年度末の廃棄, 委託先の再評価・P マーク, バックアップ, 点検,
//! 改善措置, 事故の報告期限), and putting one aside for a while.

use clap::Args;

use crate::global::Global;
use crate::output::{emit, Failure};
use crate::session::with_session;

#[derive(Debug, Args)]
pub struct RemindersArgs {
    /// この通知をしばらく表示しない（キーは一覧の [ ] 内）。
    #[arg(long)]
    pub dismiss: Option<String>,
    /// 表示しない日数（既定 7、最大 90）。
    #[arg(long)]
    pub days: Option<u32>,
}

pub fn run(cli: &Global, a: &RemindersArgs) -> Result<(), Failure> {
    if let Some(key) = &a.dismiss {
        with_session(cli, |s| Ok(s.dismiss_reminder(key, a.days)?))?;
        emit(cli.json, &serde_json::json!({ "dismissed": key }), |_| {
            format!(
                "通知 {key} を{}日間表示しません。",
                a.days.unwrap_or(kiroku_api::DEFAULT_DISMISS_DAYS)
            )
        });
        return Ok(());
    }
    let list = with_session(cli, |s| Ok(s.reminders()?))?;
    emit(cli.json, &list, |l| {
        if l.is_empty() {
            return "お知らせはありません。".to_owned();
        }
        l.iter()
            .map(|r| format!("・{} [{}]", r.message, r.key))
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}
