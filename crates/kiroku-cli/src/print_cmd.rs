//! `kiroku print …` and `kiroku setting …`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use kiroku_api::{PrintReport, PrintRequest, SettingsView};

use crate::args::Cli;
use crate::commands::with_session;
use crate::log::{number, query};
use crate::log_args::QueryArgs;
use crate::output::{emit, Failure};

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// lifecycle | chronological | ledger | evaluation | disposal
    pub form: String,
    /// 年度（令和7年度、R7、2025）。disposal は既定で今年度。
    #[arg(long)]
    pub fy: Option<String>,
    /// この日から（和暦・西暦）。
    #[arg(long)]
    pub from: Option<String>,
    /// この日まで。
    #[arg(long)]
    pub to: Option<String>,
    /// 台帳の NO.（そのファイルの綴り用に、そのファイルの記録だけ）。
    #[arg(long)]
    pub file: Option<String>,
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
            fy: a.fy.clone(),
            from: a.from.clone(),
            to: a.to.clone(),
            person: None,
            kind: None,
            affair: None,
            file: a.file.clone(),
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
