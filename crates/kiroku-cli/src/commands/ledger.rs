//! `kiroku ledger …`: the 特定個人情報管理台帳 (別紙2).
//!
//! IDs and numbers are read as text and checked by `crate::input::number` (the My Number guard
//! first), so that a mistyped 個人番号 is never echoed back by an argument parser.

use clap::{Args, Subcommand};
use kiroku_api::{LedgerChanges, LedgerView, NewLedgerEntry};

use crate::global::Global;
use crate::input::{number, reason};
use crate::output::{emit, local, table, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// 台帳（別紙2）に特定個人情報ファイルを登録する（NO. は自動で付く）。
    Add(LedgerAddArgs),
    /// 台帳の一覧（現在の版）。
    List,
    /// 台帳の1件。
    Show { no: String },
    /// 台帳の1件の全ての版（訂正の履歴）。
    History { no: String },
    /// 台帳を訂正する（新しい版として記録。理由が必要）。
    Amend(LedgerAmendArgs),
}

#[derive(Debug, Args)]
pub struct LedgerAddArgs {
    /// 名称（ファイルの種類・名称）。
    #[arg(long)]
    pub name: String,
    /// 特定個人情報の範囲。
    #[arg(long)]
    pub scope: String,
    /// 取扱部署。
    #[arg(long)]
    pub dept: String,
    /// 責任者のユーザーID。
    #[arg(long)]
    pub owner: String,
    /// 担当者（アクセス権を有する者）のユーザーID、カンマ区切り。
    #[arg(long, value_delimiter = ',')]
    pub handlers: Vec<String>,
    /// 利用目的。
    #[arg(long)]
    pub purpose: String,
    /// 保存期間（例: 翌年1月10日の翌日から7年）。
    #[arg(long)]
    pub retention: String,
    /// 廃棄・削除の方法: shred | dissolve | incinerate | destroy | wipe_software | system_delete | other:内容
    #[arg(long)]
    pub disposal: String,
    /// 保管場所。
    #[arg(long)]
    pub location: String,
    /// 電子データのファイル（指定しなければ紙媒体）。
    #[arg(long)]
    pub electronic: bool,
}

#[derive(Debug, Args)]
pub struct LedgerAmendArgs {
    pub no: String,
    /// 訂正の理由（必須）。
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub scope: Option<String>,
    #[arg(long)]
    pub dept: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    #[arg(long, value_delimiter = ',')]
    pub handlers: Option<Vec<String>>,
    #[arg(long)]
    pub purpose: Option<String>,
    #[arg(long)]
    pub retention: Option<String>,
    #[arg(long)]
    pub disposal: Option<String>,
    #[arg(long)]
    pub location: Option<String>,
    /// paper（紙媒体） | electronic（電子データ）
    #[arg(long)]
    pub medium: Option<String>,
}

fn ledger_rows(entries: &[LedgerView]) -> String {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.no.to_string(),
                format!("{}{}", e.name, if e.amended { " ＊訂正" } else { "" }),
                e.medium_label.clone(),
                e.dept.clone(),
                e.owner.name.clone(),
                e.retention.clone(),
                e.disposal.clone(),
                e.location.clone(),
            ]
        })
        .collect();
    table(
        &[
            "NO.",
            "名称",
            "媒体",
            "取扱部署",
            "責任者",
            "保存期間",
            "廃棄・削除",
            "保管場所",
        ],
        &rows,
    )
}

fn ledger_detail(e: &LedgerView) -> String {
    let handlers: Vec<String> = e
        .handlers
        .iter()
        .map(|h| format!("{}（{}）", h.name, h.id))
        .collect();
    let mut lines = vec![
        format!("NO.{}  {}（第{}版）", e.no, e.name, e.version),
        format!("  特定個人情報の範囲: {}", e.scope),
        format!("  取扱部署: {}", e.dept),
        format!("  責任者: {}（{}）", e.owner.name, e.owner.id),
        format!("  担当者: {}", handlers.join("、")),
        format!("  利用目的: {}", e.purpose),
        format!("  保存期間: {}", e.retention),
        format!(
            "  廃棄・削除: {}{}",
            e.disposal,
            if e.disposal_status.is_empty() {
                String::new()
            } else {
                format!("（{}）", e.disposal_status)
            }
        ),
        format!("  保管場所: {}", e.location),
        format!("  媒体: {}", e.medium_label),
        format!("  登録: {}（{}）", local(e.entered_at), e.entered_by),
    ];
    if let Some(r) = &e.reason {
        lines.push(format!("  訂正の理由: {r}"));
    }
    lines.join("\n")
}

pub fn run(cli: &Global, cmd: &LedgerCommand) -> Result<(), Failure> {
    let entry = match cmd {
        LedgerCommand::Add(a) => with_session(cli, |s| Ok(s.add_ledger_entry(&new_ledger(a))?))?,
        LedgerCommand::List => {
            let list = with_session(cli, |s| Ok(s.list_ledger()?))?;
            emit(cli.json, &list, |l| ledger_rows(l));
            return Ok(());
        }
        LedgerCommand::Show { no } => {
            let no = number("台帳 NO.", no)?;
            with_session(cli, |s| Ok(s.ledger_entry(no)?))?
        }
        LedgerCommand::History { no } => {
            let no = number("台帳 NO.", no)?;
            let versions = with_session(cli, |s| Ok(s.ledger_history(no)?))?;
            emit(cli.json, &versions, |v| {
                v.iter().map(ledger_detail).collect::<Vec<_>>().join("\n\n")
            });
            return Ok(());
        }
        LedgerCommand::Amend(a) => {
            let no = number("台帳 NO.", &a.no)?;
            let changes = ledger_changes(a)?;
            with_session(cli, |s| {
                Ok(s.amend_ledger_entry(no, reason(&a.reason), &changes)?)
            })?
        }
    };
    emit(cli.json, &entry, ledger_detail);
    Ok(())
}

fn new_ledger(a: &LedgerAddArgs) -> NewLedgerEntry {
    NewLedgerEntry {
        name: a.name.clone(),
        scope: a.scope.clone(),
        dept: a.dept.clone(),
        owner: a.owner.clone(),
        handlers: a.handlers.clone(),
        purpose: a.purpose.clone(),
        retention: a.retention.clone(),
        disposal: a.disposal.clone(),
        location: a.location.clone(),
        electronic: a.electronic,
    }
}

fn ledger_changes(a: &LedgerAmendArgs) -> Result<LedgerChanges, Failure> {
    let electronic = match a.medium.as_deref() {
        None => None,
        Some(m) => Some(
            m.parse::<kiroku_core::ledger::Medium>()
                .map_err(|e| Failure::Api(e.into()))?
                == kiroku_core::ledger::Medium::Electronic,
        ),
    };
    Ok(LedgerChanges {
        name: a.name.clone(),
        scope: a.scope.clone(),
        dept: a.dept.clone(),
        owner: a.owner.clone(),
        handlers: a.handlers.clone(),
        purpose: a.purpose.clone(),
        retention: a.retention.clone(),
        disposal: a.disposal.clone(),
        location: a.location.clone(),
        electronic,
    })
}
