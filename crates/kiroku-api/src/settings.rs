//! Vault settings: how dates are written (和暦 / 西暦), the auto-lock, the kind of body (組織の
//! 種別, which incident rules apply). Kept in `meta`, changed by the officer, audited.

use kiroku_core::audit::AuditAction;
use kiroku_core::incident::BodyKind;
use kiroku_core::wareki::DateStyle;
use kiroku_store::table::{audit, meta};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, Session};

const DATE_STYLE: &str = "date_style";
const AUTO_LOCK_MINUTES: &str = "auto_lock_minutes";
const BACKUP_EVERY_DAYS: &str = "backup_every_days";
const CHECK_BY_MONTH: &str = "check_by_month";
/// 自動ロック: the desktop app locks after this many idle minutes unless set otherwise.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

/// The vault's settings as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SettingsView {
    /// `wareki` | `seireki`
    pub date_style: String,
    pub date_style_label: String,
    /// The desktop app locks itself after this many minutes without use (1–120).
    pub auto_lock_minutes: u32,
    /// 組織の種別: `jimukumiai` | `roudouhoken` | `kyosai`.
    pub body_kind: String,
    pub body_kind_label: String,
    /// バックアップの催促: reminded when the last backup is this many days old (1–365).
    pub backup_every_days: u32,
    /// 点検の催促: the yearly check is reminded of after the end of this month (1–12).
    pub check_by_month: u32,
}

/// 組織の種別 (set at init from the office type; a vault made before it existed got it from
/// its template in the v8 migration).
pub(crate) fn body_kind(conn: &Connection) -> Result<BodyKind, ApiError> {
    Ok(meta::get(conn, meta::BODY_KIND)?
        .and_then(|s| s.parse().ok())
        .unwrap_or(BodyKind::Jimukumiai))
}

/// バックアップの催促の日数.
pub(crate) fn backup_every_days(conn: &Connection) -> Result<u32, ApiError> {
    Ok(meta::get(conn, BACKUP_EVERY_DAYS)?
        .and_then(|s| s.parse().ok())
        .unwrap_or(kiroku_core::reminders::DEFAULT_BACKUP_DAYS))
}

/// 点検の催促の月.
pub(crate) fn check_by_month(conn: &Connection) -> Result<u32, ApiError> {
    Ok(meta::get(conn, CHECK_BY_MONTH)?
        .and_then(|s| s.parse().ok())
        .unwrap_or(kiroku_core::reminders::DEFAULT_CHECK_BY_MONTH))
}

pub(crate) fn date_style(conn: &Connection) -> Result<DateStyle, ApiError> {
    Ok(meta::get(conn, DATE_STYLE)?
        .and_then(|s| DateStyle::parse(&s).ok())
        .unwrap_or_default())
}

impl Session {
    pub fn settings(&self) -> Result<SettingsView, ApiError> {
        let conn = self.vault.conn();
        let style = date_style(conn)?;
        let auto_lock_minutes = meta::get(conn, AUTO_LOCK_MINUTES)?
            .and_then(|m| m.parse().ok())
            .unwrap_or(DEFAULT_AUTO_LOCK_MINUTES);
        let body = body_kind(conn)?;
        Ok(SettingsView {
            date_style: style.as_str().to_owned(),
            date_style_label: style.label().to_owned(),
            auto_lock_minutes,
            body_kind: body.as_str().to_owned(),
            body_kind_label: body.label().to_owned(),
            backup_every_days: backup_every_days(conn)?,
            check_by_month: check_by_month(conn)?,
        })
    }

    /// バックアップの催促の日数 (1–365) and 点検の催促の月 (1–12). Officer only.
    pub fn set_reminder_settings(
        &mut self,
        backup_every_days: Option<u32>,
        check_by_month: Option<u32>,
    ) -> Result<SettingsView, ApiError> {
        self.require_officer("通知の設定の変更")?;
        if backup_every_days.is_some_and(|d| !(1..=365).contains(&d)) {
            return Err(kiroku_core::FieldError::new(
                "バックアップの催促",
                "1日から365日の間で指定してください。",
            )
            .into());
        }
        if check_by_month.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(kiroku_core::FieldError::new(
                "点検の催促",
                "1月から12月の間で指定してください（例: 5 は5月末まで）。",
            )
            .into());
        }
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            if let Some(d) = backup_every_days {
                meta::set(tx, BACKUP_EVERY_DAYS, &d.to_string())?;
                audit::append(
                    tx,
                    stamp.entry(
                        AuditAction::Amend,
                        "setting:backup_every_days",
                        format!("バックアップの催促: {d}日"),
                    ),
                )?;
            }
            if let Some(m) = check_by_month {
                meta::set(tx, CHECK_BY_MONTH, &m.to_string())?;
                audit::append(
                    tx,
                    stamp.entry(
                        AuditAction::Amend,
                        "setting:check_by_month",
                        format!("点検の催促: {m}月末"),
                    ),
                )?;
            }
            Ok(())
        })?;
        self.settings()
    }

    /// 自動ロックまでの分数 (1–120). Officer only.
    pub fn set_auto_lock_minutes(&mut self, minutes: u32) -> Result<SettingsView, ApiError> {
        self.require_officer("自動ロックの変更")?;
        if !(1..=120).contains(&minutes) {
            return Err(kiroku_core::FieldError::new(
                "自動ロック",
                "1分から120分の間で指定してください。",
            )
            .into());
        }
        let entry = self.entry(
            AuditAction::Amend,
            "setting:auto_lock_minutes",
            format!("自動ロック: {minutes}分"),
        );
        self.vault.write(|tx| -> Result<(), ApiError> {
            meta::set(tx, AUTO_LOCK_MINUTES, &minutes.to_string())?;
            audit::append(tx, entry)?;
            Ok(())
        })?;
        self.settings()
    }

    /// Dates on forms in 和暦 (`wareki`) or 西暦 (`seireki`). Officer only.
    pub fn set_date_style(&mut self, style: &str) -> Result<SettingsView, ApiError> {
        self.require_officer("日付の表記の変更")?;
        let style = DateStyle::parse(style)?;
        let entry = self.entry(
            AuditAction::Amend,
            "setting:date_style",
            format!("日付の表記: {}", style.label()),
        );
        self.vault.write(|tx| -> Result<(), ApiError> {
            meta::set(tx, DATE_STYLE, style.as_str())?;
            audit::append(tx, entry)?;
            Ok(())
        })?;
        self.settings()
    }

    /// 組織の種別 (which rules decide whether an incident is reported). Officer only.
    pub fn set_body_kind(&mut self, kind: &str) -> Result<SettingsView, ApiError> {
        self.require_officer("組織の種別の変更")?;
        let kind: BodyKind = kind
            .parse()
            .map_err(|m: String| kiroku_core::FieldError::new("組織の種別", m))?;
        let entry = self.entry(
            AuditAction::Amend,
            "setting:body_kind",
            format!("組織の種別: {}", kind.label()),
        );
        self.vault.write(|tx| -> Result<(), ApiError> {
            meta::set(tx, meta::BODY_KIND, kind.as_str())?;
            audit::append(tx, entry)?;
            Ok(())
        })?;
        self.settings()
    }
}
