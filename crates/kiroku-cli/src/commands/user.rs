//! `kiroku user …`: the users, their roles and passwords.

use clap::Subcommand;
use kiroku_api::NewUser;

use crate::global::Global;
use crate::output::{emit, notice_undrawable, table, Failure};
use crate::secrets;
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// 利用者を追加する（パスワードは KIROKU_NEW_PASSWORD または入力）。
    Add {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        /// officer（事務取扱責任者） | clerk（事務取扱担当者） | auditor（監査責任者）
        #[arg(long)]
        role: String,
        #[arg(long)]
        dept: Option<String>,
        /// 業務内容。
        #[arg(long)]
        duties: Option<String>,
    },
    /// 利用者の一覧。
    List,
    /// 利用者を無効化する（ログインできなくなる）。
    Disable { id: String },
    /// 利用者のパスワードを再設定する（新しいパスワードは KIROKU_NEW_PASSWORD または入力）。
    Reset { id: String },
    /// 自分のパスワードを変更する。
    Passwd,
}

fn user_rows(users: &[kiroku_api::UserView]) -> String {
    let rows: Vec<Vec<String>> = users
        .iter()
        .map(|u| {
            vec![
                u.id.clone(),
                u.name.clone(),
                u.role_label.clone(),
                u.dept.clone().unwrap_or_default(),
                if u.active {
                    "有効".into()
                } else {
                    "無効".into()
                },
            ]
        })
        .collect();
    table(&["ID", "氏名", "権限", "所属", "状態"], &rows)
}

pub fn run(cli: &Global, cmd: &UserCommand) -> Result<(), Failure> {
    match cmd {
        UserCommand::Add {
            id,
            name,
            role,
            dept,
            duties,
        } => {
            let new = NewUser {
                id: id.clone(),
                name: name.clone(),
                role: role.clone(),
                dept: dept.clone(),
                duties: duties.clone(),
            };
            let created = with_session(cli, |s| {
                let password = secrets::new_password(id)?;
                Ok(s.add_user(&new, &password)?)
            })?;
            notice_undrawable("氏名", name);
            emit(cli.json, &created, |u| {
                format!(
                    "利用者を追加しました: {}（{}、{}）",
                    u.name, u.id, u.role_label
                )
            });
        }
        UserCommand::List => {
            let users = with_session(cli, |s| Ok(s.list_users()?))?;
            emit(cli.json, &users, |u| user_rows(u));
        }
        UserCommand::Disable { id } => {
            let user = with_session(cli, |s| Ok(s.disable_user(id)?))?;
            emit(cli.json, &user, |u| {
                format!(
                    "利用者 {}（{}）を無効化しました。以後ログインできません。",
                    u.name, u.id
                )
            });
        }
        UserCommand::Reset { id } => {
            let user = with_session(cli, |s| {
                let password = secrets::new_password(id)?;
                Ok(s.reset_password(id, &password)?)
            })?;
            emit(cli.json, &user, |u| {
                format!(
                    "利用者 {}（{}）のパスワードを再設定しました。",
                    u.name, u.id
                )
            });
        }
        UserCommand::Passwd => {
            let me = with_session(cli, |s| {
                let me = s.user();
                let password = secrets::new_password(&me.id)?;
                s.change_password(&password)?;
                Ok(me)
            })?;
            emit(cli.json, &me, |u| {
                format!("{} のパスワードを変更しました。", u.id)
            });
        }
    }
    Ok(())
}
