//! `kiroku affair …`: the 関係事務 catalog.

use clap::Subcommand;
use kiroku_api::AffairView;

use crate::global::Global;
use crate::output::{emit, table, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum AffairCommand {
    /// 関係事務の一覧。
    List,
    /// 関係事務を追加する（事務取扱責任者のみ）。
    Add {
        #[arg(long)]
        name: String,
        /// 根拠（規程の条項など）。
        #[arg(long)]
        basis: Option<String>,
    },
}

fn affair_rows(affairs: &[AffairView]) -> String {
    let rows: Vec<Vec<String>> = affairs
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.name.clone(),
                a.basis.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table(&["ID", "関係事務", "根拠"], &rows)
}

pub fn run(cli: &Global, cmd: &AffairCommand) -> Result<(), Failure> {
    match cmd {
        AffairCommand::List => {
            let affairs = with_session(cli, |s| Ok(s.list_affairs()?))?;
            emit(cli.json, &affairs, |a| affair_rows(a));
        }
        AffairCommand::Add { name, basis } => {
            let affair = with_session(cli, |s| Ok(s.add_affair(name, basis.as_deref())?))?;
            emit(cli.json, &affair, |a| {
                format!("関係事務を追加しました: {}（ID {}）", a.name, a.id)
            });
        }
    }
    Ok(())
}
