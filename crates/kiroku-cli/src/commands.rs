//! One function per command: read the arguments, call `kiroku-api`, print.

use kiroku_api::{
    Env, InitRequest, LoginOptions, NewUser, RecoverySheetRequest, RestoreRequest, Session,
};
use std::path::{Path, PathBuf};

use crate::args::{AuditCommand, BenchCommand, Cli, Command, InitArgs, KeyCommand, UserCommand};
use crate::output::{emit, local, notice, notice_undrawable, table, Failure};
use crate::{bench, contracts, log, people, print_cmd, retention_cmd, secrets, system};

fn vault_path(cli: &Cli) -> Result<PathBuf, Failure> {
    cli.vault.clone().ok_or_else(|| {
        Failure::Usage(
            "記録ファイルを --vault で指定するか、環境変数 KIROKU_VAULT を設定してください。"
                .into(),
        )
    })
}

/// Logs in as `--user` (or the first officer) with the password from the environment or a prompt.
fn login(cli: &Cli, env: &Env) -> Result<Session, Failure> {
    let vault = vault_path(cli)?;
    let user = match &cli.user {
        Some(u) => u.clone(),
        None => kiroku_api::default_user(&vault)?,
    };
    let password = secrets::password(&user)?;
    let options = LoginOptions {
        accept_older_vault: cli.accept_older_vault,
    };
    let (session, report) = kiroku_api::login_with(env, &vault, &user, &password, options)?;
    if let Some(f) = report.failed_logins {
        notice(&format!(
            "前回のログイン以降、{} 回ログインに失敗しています（{} 〜 {}）。心当たりがなければ事務取扱責任者に報告してください。",
            f.count,
            local(f.first),
            local(f.last)
        ));
    }
    for warning in &report.warnings {
        notice(warning);
    }
    Ok(session)
}

/// Runs `f` in a logged-in session, then records the logout.
pub(crate) fn with_session<T>(
    cli: &Cli,
    f: impl FnOnce(&mut Session) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let env = system::env();
    let mut session = login(cli, &env)?;
    let value = f(&mut session)?;
    session.logout()?;
    Ok(value)
}

pub fn run(cli: &Cli) -> Result<(), Failure> {
    match &cli.command {
        Command::Init(args) => init(cli, args),
        Command::User(cmd) => user(cli, cmd),
        Command::Status => status(cli),
        Command::Affair(cmd) => people::affair(cli, cmd),
        Command::Person(cmd) => people::person(cli, cmd),
        Command::Ledger(cmd) => log::ledger(cli, cmd),
        Command::Event(cmd) => log::event(cli, cmd),
        Command::View(cmd) => log::view(cli, cmd),
        Command::Contractor(cmd) => contracts::contractor(cli, cmd),
        Command::Eval(cmd) => contracts::eval(cli, cmd),
        Command::Rule(cmd) => retention_cmd::rule(cli, cmd),
        Command::Doc(cmd) => retention_cmd::doc(cli, cmd),
        Command::Schedule { fy } => retention_cmd::schedule(cli, fy.as_deref()),
        Command::Dispose(a) => retention_cmd::dispose(cli, a),
        Command::Certificate(cmd) => retention_cmd::certificate(cli, cmd),
        Command::Audit(cmd) => audit(cli, cmd),
        Command::Key(cmd) => key(cli, cmd),
        Command::Backup { out } => backup(cli, out),
        Command::Print(a) => print_cmd::print(cli, a),
        Command::Setting(cmd) => print_cmd::setting(cli, cmd),
        Command::Restore { from } => restore(cli, from),
        Command::Demo {
            out,
            events,
            persons,
            seed,
        } => demo(cli, out, *events, *persons, *seed),
        Command::Bench(cmd) => match cmd {
            BenchCommand::Foundation { rows, dir } => {
                bench::foundation(cli.json, *rows, dir.as_deref())
            }
            BenchCommand::Log {
                events,
                persons,
                dir,
            } => bench::log(cli.json, *events, *persons, dir.as_deref()),
            BenchCommand::Retention {
                documents,
                years,
                dir,
            } => bench::retention(cli.json, *documents, *years, dir.as_deref()),
            BenchCommand::Print { form, runs, out } => {
                with_session(cli, |s| bench::print(cli.json, s, form, *runs, out))
            }
            BenchCommand::Open { runs } => {
                let env = system::env();
                bench::open(cli.json, *runs, || login(cli, &env))
            }
            BenchCommand::Append { rows, per_tx } => {
                with_session(cli, |s| bench::append(s, *rows, *per_tx))
            }
        },
    }
}

fn init(cli: &Cli, args: &InitArgs) -> Result<(), Failure> {
    let vault = vault_path(cli)?;
    let officer_id = cli.user.clone().ok_or_else(|| {
        Failure::Usage("最初の事務取扱責任者のユーザーIDを --user で指定してください。".into())
    })?;
    let template = kiroku_api::OfficeTemplate::parse(&args.template).ok_or_else(|| {
        Failure::Api(kiroku_api::ApiError::Invalid(kiroku_core::FieldError::new(
            "テンプレート",
            "jimukumiai（事務組合）、roudouhoken（労働保険事務組合）、kyosai（共済組合）のいずれかを指定してください。",
        )))
    })?;
    let password = secrets::new_password(&officer_id)?;
    let response = kiroku_api::init(
        &system::env(),
        InitRequest {
            vault,
            org_name: args.org.clone(),
            officer_id,
            officer_name: args.name.clone(),
            officer_dept: args.dept.clone(),
            password,
            template,
            recovery_pdf: args.recovery_pdf.as_ref().map(|p| p.display().to_string()),
        },
    )?;
    emit(cli.json, &response, |r| {
        format!(
            "記録ファイルを作成しました: {}\n団体名: {}\n事務取扱責任者: {}（{}）\n保護: {}\n\n\
             {}",
            r.vault,
            r.org_name,
            r.officer.name,
            r.officer.id,
            r.protection.label(),
            recovery_box(&r.recovery_code, args.recovery_pdf.as_deref()),
        )
    });
    Ok(())
}

/// The recovery code in a box, shown once, with what to do with it.
fn recovery_box(code: &str, printed_to: Option<&Path>) -> String {
    format!(
        "┌──────────────────────────────────────────────┐\n\
         │ 復旧コード（この画面でしか表示されません）             │\n\
         │   {code}   │\n\
         └──────────────────────────────────────────────┘\n\
         {}\n\
         パスワードを忘れたときや PC を替えたとき、バックアップからの復元に必要です。",
        match printed_to {
            Some(p) => format!(
                "復旧用キーの用紙を印刷しました: {}\n印刷して、施錠できるキャビネットに保管してください。",
                p.display()
            ),
            None => "印刷するか書き写し、施錠できるキャビネットに保管してください。".to_owned(),
        }
    )
}

fn key(cli: &Cli, cmd: &KeyCommand) -> Result<(), Failure> {
    match cmd {
        KeyCommand::Rotate {
            reason,
            recovery_pdf,
        } => {
            let report = with_session(cli, |s| {
                let report = s.rotate_key(reason)?;
                if let Some(out) = recovery_pdf {
                    s.print_recovery_sheet(&RecoverySheetRequest {
                        code: report.recovery_code.clone(),
                        out: out.display().to_string(),
                    })?;
                }
                Ok(report)
            })?;
            emit(cli.json, &report, |r| {
                let mut text = format!(
                    "暗号鍵を更新しました（第 {} 世代）。古いパスワード・復旧コード・鍵ファイルのコピーでは、これからの記録を開けません。\n\n{}",
                    r.generation,
                    recovery_box(&r.recovery_code, recovery_pdf.as_deref())
                );
                if !r.users_needing_reset.is_empty() {
                    text.push_str(&format!(
                        "\n次の利用者はパスワードの再設定が必要です（user reset）: {}",
                        r.users_needing_reset.join(", ")
                    ));
                }
                text
            });
        }
    }
    Ok(())
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

fn user(cli: &Cli, cmd: &UserCommand) -> Result<(), Failure> {
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

fn status(cli: &Cli) -> Result<(), Failure> {
    let status = with_session(cli, |s| Ok(s.status()?))?;
    emit(cli.json, &status, |s| {
        let mut text = format!(
            "団体名: {}\n記録ファイル: {}\n作成日時: {}\nスキーマ: {} 版\n利用者: 有効 {} 名（責任者 {}、担当者 {}、監査 {}）、無効 {} 名\n監査ログ: {} 行\n保護: {}",
            s.org_name,
            s.vault,
            s.created_at.map(local).unwrap_or_default(),
            s.schema_version,
            s.users.active,
            s.users.officers,
            s.users.clerks,
            s.users.auditors,
            s.users.disabled,
            s.audit_rows,
            s.protection.label(),
        );
        if !s.users_without_slot.is_empty() {
            text.push_str(&format!(
                "\nこの PC でパスワード未設定の利用者: {}（user reset で再設定してください）",
                s.users_without_slot.join(", ")
            ));
        }
        text
    });
    Ok(())
}

fn audit(cli: &Cli, cmd: &AuditCommand) -> Result<(), Failure> {
    match cmd {
        AuditCommand::List { limit } => {
            let rows = with_session(cli, |s| Ok(s.audit_list(*limit)?))?;
            emit(cli.json, &rows, |rows| {
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.seq.to_string(),
                            local(r.at),
                            r.actor.clone(),
                            r.action_label.clone(),
                            r.target.clone(),
                            r.detail.clone(),
                        ]
                    })
                    .collect();
                table(&["行", "日時", "利用者", "操作", "対象", "内容"], &cells)
            });
        }
        AuditCommand::Verify => {
            let report = with_session(cli, |s| Ok(s.audit_verify()?))?;
            emit(cli.json, &report, |r| {
                if r.ok {
                    format!(
                        "検証しました: 全ページ正常、監査ログ {} 行のつながりは正常です。",
                        r.rows
                    )
                } else {
                    let mut lines = vec!["検証の結果、異常が見つかりました。".to_owned()];
                    lines.extend(r.page_problems.iter().map(|p| format!("ページ: {p}")));
                    if let Some(c) = &r.chain_problem {
                        lines.push(c.clone());
                    }
                    lines.join("\n")
                }
            });
            if !report.ok {
                return Err(Failure::Api(kiroku_api::ApiError::Integrity(
                    report
                        .chain_problem
                        .clone()
                        .unwrap_or_else(|| "記録ファイルのページに異常があります。".into()),
                )));
            }
        }
    }
    Ok(())
}

fn backup(cli: &Cli, out: &Path) -> Result<(), Failure> {
    let report = with_session(cli, |s| Ok(s.backup(out)?))?;
    emit(cli.json, &report, |r| {
        format!(
            "バックアップを書き出し、検証しました: {}（{} バイト、監査ログ {} 行）\n復元には復旧コードが必要です。",
            r.file, r.bytes, r.audit_rows
        )
    });
    Ok(())
}

fn restore(cli: &Cli, from: &Path) -> Result<(), Failure> {
    let vault = vault_path(cli)?;
    let user = cli.user.clone().ok_or_else(|| {
        Failure::Usage("復元後にログインするユーザーIDを --user で指定してください。".into())
    })?;
    let recovery_code = secrets::recovery_code()?;
    let new_password = secrets::new_password(&user)?;
    let report = kiroku_api::restore(
        &system::env(),
        RestoreRequest {
            from: from.to_owned(),
            vault,
            user,
            recovery_code,
            new_password,
        },
    )?;
    emit(cli.json, &report, |r| {
        let mut text = format!(
            "復元しました: {}（{} 作成のバックアップ）\n{}（{}）は新しいパスワードでログインできます。\n保護: {}",
            r.vault,
            local(r.backup_created_at),
            r.user.name,
            r.user.id,
            r.protection.label()
        );
        if !r.users_needing_reset.is_empty() {
            text.push_str(&format!(
                "\n次の利用者はこの PC ではパスワードの再設定が必要です: {}",
                r.users_needing_reset.join(", ")
            ));
        }
        text
    });
    Ok(())
}

fn demo(cli: &Cli, out: &Path, events: u64, persons: u32, seed: u64) -> Result<(), Failure> {
    let password = secrets::new_password(kiroku_api::demo::OFFICER_ID)?;
    let report = kiroku_api::demo::generate(
        &system::env(),
        &kiroku_api::demo::DemoRequest {
            vault: out.to_owned(),
            password,
            seed,
            events,
            persons,
        },
    )?;
    emit(cli.json, &report, |r| {
        format!(
            "デモの記録ファイルを作成しました: {}\n団体名: {}\n利用者: {}（責任者は {}。パスワードはすべて入力したもの）\n本人 {} 人（扶養家族 {} 人）、台帳 {} 件、取扱記録 {} 件（{} 〜 {}）、委託先 {} 社（評価 {} 件）、帳票 {} 件\n復旧コード: {}",
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
