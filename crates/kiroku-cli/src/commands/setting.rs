//! `kiroku setting …`: the vault's settings (dates in 和暦 or 西暦, the kind of body).

use clap::Subcommand;
use kiroku_api::SettingsView;

use crate::global::Global;
use crate::output::{emit, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum SettingCommand {
    /// 設定を表示する。
    Show,
    /// 日付の表記: wareki（和暦・既定）| seireki（西暦）。事務取扱責任者のみ。
    Dates { style: String },
    /// 組織の種別: jimukumiai（一部事務組合・広域連合）| roudouhoken（労働保険事務組合）| kyosai（共済組合）。漏えい等の報告要否の判定に使う。事務取扱責任者のみ。
    BodyKind { kind: String },
    /// 通知: --backup-days（最後のバックアップから何日で知らせるか、既定 30）、--check-by-month（点検を何月末までに、既定 5）。事務取扱責任者のみ。
    Reminders {
        #[arg(long)]
        backup_days: Option<u32>,
        #[arg(long)]
        check_by_month: Option<u32>,
    },
}

pub fn run(cli: &Global, cmd: &SettingCommand) -> Result<(), Failure> {
    let view = match cmd {
        SettingCommand::Show => with_session(cli, |s| Ok(s.settings()?))?,
        SettingCommand::Dates { style } => with_session(cli, |s| Ok(s.set_date_style(style)?))?,
        SettingCommand::BodyKind { kind } => with_session(cli, |s| Ok(s.set_body_kind(kind)?))?,
        SettingCommand::Reminders {
            backup_days,
            check_by_month,
        } => with_session(cli, |s| {
            Ok(s.set_reminder_settings(*backup_days, *check_by_month)?)
        })?,
    };
    emit(cli.json, &view, |v: &SettingsView| {
        format!(
            "日付の表記: {}\n組織の種別: {}\nバックアップの催促: {}日\n点検の催促: {}月末",
            v.date_style_label, v.body_kind_label, v.backup_every_days, v.check_by_month
        )
    });
    Ok(())
}
