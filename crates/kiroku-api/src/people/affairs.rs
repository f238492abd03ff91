//! The affair catalog (関係事務): the affairs for which My Numbers may be handled.

use crate::{ApiError, Session};
use kiroku_core::audit::AuditAction;
use kiroku_core::field::{optional_text, required_name};
use kiroku_store::table::{affairs, audit};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 関係事務の追加.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewAffairRequest {
    pub name: String,
    pub basis: Option<String>,
}

/// A 関係事務 of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AffairView {
    pub id: i64,
    pub name: String,
    /// The 規程 article it was seeded from.
    pub basis: Option<String>,
}

impl From<&kiroku_store::table::affairs::AffairRow> for AffairView {
    fn from(a: &kiroku_store::table::affairs::AffairRow) -> Self {
        Self {
            id: a.id,
            name: a.name.clone(),
            basis: a.basis.clone(),
        }
    }
}

impl Session {
    /// The affair catalog (not personal data).
    pub fn list_affairs(&self) -> Result<Vec<AffairView>, ApiError> {
        Ok(affairs::list(self.vault.conn())?
            .iter()
            .map(AffairView::from)
            .collect())
    }

    /// Adds an affair to the catalog (officer only).
    pub fn add_affair(&mut self, name: &str, basis: Option<&str>) -> Result<AffairView, ApiError> {
        self.require_officer("関係事務の追加")?;
        let name = required_name("関係事務", name, 100)?;
        let basis = optional_text("根拠", basis.unwrap_or(""), 100)?;
        let stamp = self.stamp();
        // The name is checked inside the write transaction: two windows adding the same
        // affair never reach the database's own refusal.
        let id = self.vault.write(|tx| -> Result<i64, ApiError> {
            if affairs::by_name(tx, &name)?.is_some() {
                return Err(ApiError::AlreadyExists(format!(
                    "関係事務「{name}」はすでにあります。関係事務の一覧（kiroku affair list）で確認してください。"
                )));
            }
            let id = affairs::insert(tx, &name, basis.as_deref(), stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(AuditAction::Create, format!("affair:{id}"), ""),
            )?;
            Ok(id)
        })?;
        let row = affairs::get(self.vault.conn(), id)?
            .ok_or_else(|| ApiError::NotFound(format!("関係事務 {id}")))?;
        Ok(AffairView::from(&row))
    }
}
