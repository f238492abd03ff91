//! `kiroku setting …`: the vault's settings (dates in 和暦 or 西暦).

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
}

pub fn run(cli: &Global, cmd: &SettingCommand) -> Result<(), Failure> {
    let view = match cmd {
        SettingCommand::Show => with_session(cli, |s| Ok(s.settings()?))?,
        SettingCommand::Dates { style } => with_session(cli, |s| Ok(s.set_date_style(style)?))?,
    };
    emit(cli.json, &view, |v: &SettingsView| {
        format!("日付の表記: {}", v.date_style_label)
    });
    Ok(())
}
