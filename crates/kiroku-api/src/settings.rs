//! Vault settings: how dates are written (和暦 / 西暦). Kept in `meta`, changed by the officer,
//! audited.

use kiroku_core::audit::AuditAction;
use kiroku_core::wareki::DateStyle;
use kiroku_store::table::{audit, meta};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, Session};

const DATE_STYLE: &str = "date_style";

/// The vault's settings as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SettingsView {
    /// `wareki` | `seireki`
    pub date_style: String,
    pub date_style_label: String,
}

pub(crate) fn date_style(conn: &Connection) -> Result<DateStyle, ApiError> {
    Ok(meta::get(conn, DATE_STYLE)?
        .and_then(|s| DateStyle::parse(&s).ok())
        .unwrap_or_default())
}

impl Session {
    pub fn settings(&self) -> Result<SettingsView, ApiError> {
        let style = date_style(self.vault.conn())?;
        Ok(SettingsView {
            date_style: style.as_str().to_owned(),
            date_style_label: style.label().to_owned(),
        })
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
}
