//! `kiroku print …` and `kiroku setting …`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use kiroku_api::{PrintReport, PrintRequest, SettingsView};

use crate::args::Cli;
use crate::commands::with_session;
use crate::log::{number, query};
use crate::log_args::{PeriodArgs, QueryArgs};
use crate::output::{emit, Failure};

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// lifecycle | chronological | ledger | evaluation | disposal
    pub form: String,
    /// 期間（disposal の年度は既定で今年度）と台帳の NO.（そのファイルの綴り用）。
    #[command(flatten)]
    pub period: PeriodArgs,
    /// 評価シートの ID（evaluation）。
    #[arg(long = "eval")]
    pub evaluation: Option<String>,
    /// 保存先の PDF ファイル（同じ名前のファイルは置き換える）。
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum SettingCommand {
    /// 設定を表示する。
    Show,
    /// 日付の表記: wareki（和暦・既定）| seireki（西暦）。事務取扱責任者のみ。
    Dates { style: String },
}

pub fn print(cli: &Cli, a: &PrintArgs) -> Result<(), Failure> {
    let req = PrintRequest {
        form: a.form.clone(),
        query: query(&QueryArgs {
            period: a.period.clone(),
            person: None,
            kind: None,
            affair: None,
        })?,
        evaluation: a
            .evaluation
            .as_deref()
            .map(|e| number("評価シート", e))
            .transpose()?,
        out: a.out.display().to_string(),
    };
    let report = with_session(cli, |s| Ok(s.print(&req)?))?;
    emit(cli.json, &report, |r: &PrintReport| {
        format!(
            "{}を印刷しました: {}（{}ページ、{}行、{} KB）",
            r.title,
            r.path,
            r.pages,
            r.rows,
            r.bytes.div_ceil(1024)
        )
    });
    Ok(())
}

pub fn setting(cli: &Cli, cmd: &SettingCommand) -> Result<(), Failure> {
    let view = match cmd {
        SettingCommand::Show => with_session(cli, |s| Ok(s.settings()?))?,
        SettingCommand::Dates { style } => with_session(cli, |s| Ok(s.set_date_style(style)?))?,
    };
    emit(cli.json, &view, |v: &SettingsView| {
        format!("日付の表記: {}", v.date_style_label)
    });
    Ok(())
}
