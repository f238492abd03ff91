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
}

/// 組織の種別 (set at init from the office type; a vault made before it existed got it from
/// its template in the v8 migration).
pub(crate) fn body_kind(conn: &Connection) -> Result<BodyKind, ApiError> {
    Ok(meta::get(conn, meta::BODY_KIND)?
        .and_then(|s| s.parse().ok())
        .unwrap_or(BodyKind::Jimukumiai))
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
        })
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
