//! `kiroku init`, `kiroku status`, `kiroku backup` and `kiroku restore`: the vault as a whole.

use clap::Args;
use kiroku_api::{InitRequest, RestoreRequest};
use std::path::PathBuf;

use crate::global::Global;
use crate::output::{emit, local, recovery_box, Failure};
use crate::session::{vault_path, with_session};
use crate::{secrets, system};

#[derive(Debug, Args)]
pub struct InitArgs {
    // The officer's login ID is the global `--user`.
    /// 団体名（例: ○○広域事務組合）。
    #[arg(long)]
    pub org: String,
    /// 事務取扱責任者の氏名。
    #[arg(long)]
    pub name: String,
    /// 所属。
    #[arg(long)]
    pub dept: Option<String>,
    /// 関係事務の初期一覧: jimukumiai（事務組合）| roudouhoken（労働保険事務組合）| kyosai（共済組合 長期給付）
    #[arg(long, default_value = "jimukumiai")]
    pub template: String,
    /// 復旧用キーの用紙を PDF に印刷する（保存先のファイル）。
    #[arg(long)]
    pub recovery_pdf: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// 書き出すファイル（既存のファイルは上書きしない）。
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// バックアップファイル。
    #[arg(long)]
    pub from: PathBuf,
}

pub fn init(cli: &Global, args: &InitArgs) -> Result<(), Failure> {
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

pub fn status(cli: &Global) -> Result<(), Failure> {
    let (status, reminders) = with_session(cli, |s| Ok((s.status()?, s.reminders()?)))?;
    // `--json` keeps the status alone (`kiroku reminders --json` gives the reminders).
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
        for i in &s.open_incidents {
            text.push_str(&format!(
                "\n事故・漏えい: 事案 ID {}（{}、{}）{}",
                i.id,
                i.known_on_label,
                i.status_label,
                match &i.deadlines {
                    Some(d) => format!(" {}", super::incident::deadline_words(d)),
                    None if !i.assessed => " 報告要否の判定待ち".into(),
                    None => String::new(),
                }
            ));
        }
        for r in &reminders {
            text.push_str(&format!("\nお知らせ: {}", r.message));
        }
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

pub fn backup(cli: &Global, BackupArgs { out }: &BackupArgs) -> Result<(), Failure> {
    let report = with_session(cli, |s| Ok(s.backup(out)?))?;
    emit(cli.json, &report, |r| {
        format!(
            "バックアップを書き出し、検証しました: {}（{} バイト、監査ログ {} 行）\n復元には復旧コードが必要です。",
            r.file, r.bytes, r.audit_rows
        )
    });
    Ok(())
}

pub fn restore(cli: &Global, RestoreArgs { from }: &RestoreArgs) -> Result<(), Failure> {
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
