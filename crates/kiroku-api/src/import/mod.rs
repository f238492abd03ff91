//! Bringing an office's Excel in (取り込み): a staff list (本人・扶養家族), the 管理台帳 or an
//! existing 取扱記録表, from `.xlsx`, `.xls` or CSV (CP932 or UTF-8, detected).
//!
//! Always two steps: [`Session::import_preview`] reads the file, finds its header (or takes the
//! mapping the clerk adjusted, or one saved by name), reads every row and matches it against
//! what is registered — rows to add, rows that match (update or skip, as asked), rows refused
//! with the reason — and changes nothing. [`Session::import`] plans again inside one write
//! transaction and commits all of it or nothing: one import batch, one audit row with the
//! file's SHA-256, the counts and the batch ID.
//!
//! Architecture invariant: a cell holding a 個人番号 is dropped by `kiroku-tables` as the file
//! is read; this module never sees one, and the preview names only where such cells were
//! (「個人番号の列（D列）は取り込みません」, or the cells).

mod events;
mod file;
mod ledger;
mod persons;
mod withdraw;

use kiroku_core::audit::AuditAction;
use kiroku_core::import::Mapping;
use kiroku_core::FieldError;
use kiroku_store::table::{audit, import_batches, import_mappings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, Session};

pub use file::{ImportColumn, ImportMapping};
pub use withdraw::WithdrawImportRequest;

/// Words that name a way of destroying papers, and the 廃棄・削除の方法 each is (an old sheet
/// writes 「シュレッダーで裁断」, 「委託業者による溶解」 …).
const PAPER_DISPOSAL_WORDS: [(&str, &str); 5] = [
    ("シュレッダ", "shred"),
    ("裁断", "shred"),
    ("溶解", "dissolve"),
    ("焼却", "incinerate"),
    ("破壊", "destroy"),
];

/// The method that words of `text` name, among `words` (first match).
fn method_named<'w>(
    text: &str,
    words: impl IntoIterator<Item = &'w (&'w str, &'w str)>,
) -> Option<&'w str> {
    words
        .into_iter()
        .find(|(word, _)| text.contains(word))
        .map(|(_, id)| *id)
}

/// What to import and how (`kiroku import …`, the 「取り込み」 wizard).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportRequest {
    /// `persons` (本人・扶養家族) | `ledger` (管理台帳) | `events` (取扱記録表, 002 別紙1)
    pub kind: String,
    /// The file: `.xlsx`, `.xls` or `.csv`.
    pub from: String,
    /// A saved column mapping to use, by name (else the header is detected).
    pub profile: Option<String>,
    /// A mapping adjusted in the wizard (the preview's, changed): used before `profile`.
    pub mapping: Option<ImportMapping>,
    /// Rows that match a registered record: `skip` (default) or `update`.
    pub on_match: String,
    /// Save the mapping used under this name (for the next file of the same layout).
    pub save_profile: Option<String>,
}

/// A field a column can be taken as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportField {
    pub key: String,
    pub label: String,
    pub required: bool,
}

/// One row of the preview: its sheet row and what it is in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportRow {
    pub row: u32,
    pub summary: String,
}

/// A row refused, and why (one per reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportRefusal {
    pub row: u32,
    pub field: String,
    pub reason: String,
}

/// A cell dropped because it held a 個人番号: where it was, never what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DroppedCell {
    pub row: u32,
    /// The column's letter (`D`).
    pub column: String,
}

/// What an import would do (nothing is changed by a preview).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub kind: String,
    pub file_name: String,
    /// What the file turned out to be (`Excel（.xlsx）`, `CSV（Shift_JIS）` …).
    pub source: String,
    pub sha256: String,
    pub sheet: String,
    /// The columns as read and what each is taken as.
    pub columns: Vec<ImportColumn>,
    /// The mapping used (to adjust and send back, or save).
    pub mapping: ImportMapping,
    /// The fields a column can be taken as (the wizard's choices for each column).
    pub fields: Vec<ImportField>,
    pub add: Vec<ImportRow>,
    pub update: Vec<ImportRow>,
    pub skip: Vec<ImportRow>,
    pub refused: Vec<ImportRefusal>,
    pub dropped_my_number: Vec<DroppedCell>,
    /// Sentences for the clerk: 「個人番号の列（D列）は取り込みません」 and the like.
    pub notices: Vec<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub batch: i64,
    pub added: u32,
    pub updated: u32,
    pub skipped: u32,
    pub preview: ImportPreview,
}

/// An import batch, as the 取り込み履歴 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportBatchView {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub added: u32,
    pub updated: u32,
    pub skipped: u32,
    pub imported_at: chrono::DateTime<chrono::Utc>,
    /// 取り込んだ日時 in the office's 和暦/西暦 style.
    pub imported_at_label: String,
    /// 取り込んだもの: 本人・扶養家族 / 管理台帳 / 取扱記録表.
    pub kind_label: String,
    pub imported_by: String,
    pub withdrawn: bool,
    pub withdraw_reason: Option<String>,
}

/// The kinds of import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImportKind {
    Persons,
    Ledger,
    Events,
}

impl ImportKind {
    fn parse(text: &str) -> Result<Self, ApiError> {
        match text.trim() {
            "persons" | "staff" => Ok(ImportKind::Persons),
            "ledger" => Ok(ImportKind::Ledger),
            "events" | "log" => Ok(ImportKind::Events),
            _ => Err(FieldError::new(
                "取り込むもの",
                "persons（本人・扶養家族）、ledger（管理台帳）、events（取扱記録表）のどれかを指定してください。",
            )
            .into()),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            ImportKind::Persons => "persons",
            ImportKind::Ledger => "ledger",
            ImportKind::Events => "events",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ImportKind::Persons => "本人・扶養家族",
            ImportKind::Ledger => "管理台帳",
            ImportKind::Events => "取扱記録表",
        }
    }

    fn profile(self) -> &'static kiroku_core::import::Profile {
        match self {
            ImportKind::Persons => &kiroku_core::import::STAFF,
            ImportKind::Ledger => &kiroku_core::import::LEDGER,
            ImportKind::Events => &kiroku_core::import::HANDLING_LOG,
        }
    }

    /// What importing `sheet` would do; `clerk` is the 担当 of imported records whose 担当 is
    /// no user, `today` bounds their dates.
    fn plan(
        self,
        conn: &kiroku_store::Connection,
        sheet: &file::Sheet,
        on_match: OnMatch,
        clerk: &str,
        today: chrono::NaiveDate,
    ) -> Result<Plan, ApiError> {
        Ok(match self {
            ImportKind::Persons => Plan::Persons(persons::plan(conn, sheet, on_match)?),
            ImportKind::Ledger => Plan::Ledger(ledger::plan(conn, sheet, on_match)?),
            ImportKind::Events => Plan::Events(events::plan(conn, sheet, clerk, today)?),
        })
    }
}

/// What an import will do, row by row.
#[derive(Debug)]
enum Plan {
    Persons(persons::Plan),
    Ledger(ledger::Plan),
    Events(events::Plan),
}

impl Plan {
    fn rows(&self) -> file::PlanRows {
        match self {
            Plan::Persons(p) => p.rows(),
            Plan::Ledger(p) => p.rows(),
            Plan::Events(p) => p.rows(),
        }
    }

    /// (added, updated, skipped): the preview's rows, except that an imported 取扱記録表 adds
    /// records, several to a row.
    fn counts(&self, rows: &file::PlanRows) -> (u32, u32, u32) {
        match self {
            Plan::Events(p) => p.counts(),
            Plan::Persons(_) | Plan::Ledger(_) => (
                file::u32_of(rows.add.len()),
                file::u32_of(rows.update.len()),
                file::u32_of(rows.skip.len()),
            ),
        }
    }

    fn commit(
        &self,
        conn: &kiroku_store::Connection,
        sheet: &file::Sheet,
        batch: i64,
        stamp: &crate::session::Stamp,
    ) -> Result<(), ApiError> {
        match self {
            Plan::Persons(p) => persons::commit(conn, p, sheet, batch, stamp),
            Plan::Ledger(p) => p.commit(conn, sheet, batch, stamp),
            Plan::Events(p) => p.commit(conn, batch, stamp),
        }
    }
}

/// Matching rows: update them or leave them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnMatch {
    Skip,
    Update,
}

fn on_match(text: &str) -> Result<OnMatch, ApiError> {
    match text.trim() {
        "" | "skip" => Ok(OnMatch::Skip),
        "update" => Ok(OnMatch::Update),
        _ => Err(FieldError::new(
            "登録済みと一致した行",
            "skip（そのままにする）か update（更新する）を指定してください。",
        )
        .into()),
    }
}

impl Session {
    /// What importing `req.from` would do; nothing is changed. The read of the registered
    /// records it is matched against is audited.
    pub fn import_preview(&mut self, req: &ImportRequest) -> Result<ImportPreview, ApiError> {
        self.require_writer("取り込み")?;
        let kind = ImportKind::parse(&req.kind)?;
        let on_match = on_match(&req.on_match)?;
        let sheet = self.import_sheet(kind, req)?;
        let (clerk, today) = (self.actor().to_string(), self.today());
        let entry = self.entry(
            AuditAction::Read,
            format!("import:{}", kind.as_str()),
            format!("取り込みの確認 {} {}", kind.label(), sheet.file_name),
        );
        self.vault.write(|tx| -> Result<ImportPreview, ApiError> {
            audit::append(tx, entry)?;
            let plan = kind.plan(tx, &sheet, on_match, &clerk, today)?;
            Ok(sheet.preview(kind, plan.rows()))
        })
    }

    /// Imports `req.from`: all rows or none (any refused row refuses the import; the preview
    /// says which and why). One batch, one audit row.
    pub fn import(&mut self, req: &ImportRequest) -> Result<ImportReport, ApiError> {
        self.require_writer("取り込み")?;
        let kind = ImportKind::parse(&req.kind)?;
        let on_match = on_match(&req.on_match)?;
        let sheet = self.import_sheet(kind, req)?;
        let stamp = self.stamp();
        let today = self.today();
        let save_as = req
            .save_profile
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| {
                kiroku_core::guard::check_field("対応の名前", n)?;
                Ok::<_, ApiError>(n.to_owned())
            })
            .transpose()?;
        self.vault.write(|tx| -> Result<ImportReport, ApiError> {
            let plan = kind.plan(tx, &sheet, on_match, &stamp.actor, today)?;
            let rows = plan.rows();
            if !rows.refused.is_empty() {
                let first = &rows.refused[0];
                return Err(FieldError::new(
                    "取り込むファイル",
                    format!(
                        "{}行に誤りがあるため、何も取り込んでいません（最初は {}行目の「{}」: {}）。ファイルを直して、もう一度確認してください。",
                        rows.refused.iter().map(|r| r.row).collect::<std::collections::BTreeSet<_>>().len(),
                        first.row,
                        first.field,
                        first.reason
                    ),
                )
                .into());
            }
            let counts = plan.counts(&rows);
            let batch = import_batches::insert(
                tx,
                &import_batches::NewBatch {
                    kind: kind.as_str(),
                    file_name: &sheet.file_name,
                    sha256: &sheet.sha256,
                    added: counts.0,
                    updated: counts.1,
                    skipped: counts.2,
                },
                stamp.at,
                &stamp.actor,
            )?;
            plan.commit(tx, &sheet, batch, &stamp)?;
            if let Some(name) = &save_as {
                let json = serde_json::to_string(&sheet.mapping)
                    .map_err(|e| ApiError::Io(e.to_string()))?;
                import_mappings::save(tx, name, &json, stamp.at, &stamp.actor)?;
            }
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("import:{batch}"),
                    format!(
                        "{}の取り込み {} sha256={} 追加{} 更新{} 変更なし{}",
                        kind.label(),
                        sheet.file_name,
                        sheet.sha256,
                        counts.0,
                        counts.1,
                        counts.2
                    ),
                ),
            )?;
            Ok(ImportReport {
                batch,
                added: counts.0,
                updated: counts.1,
                skipped: counts.2,
                preview: sheet.preview(kind, rows),
            })
        })
    }

    /// Every import, newest first.
    pub fn import_batches(&mut self) -> Result<Vec<ImportBatchView>, ApiError> {
        let conn = self.vault.conn();
        let rows = import_batches::list(conn)?;
        let style = crate::settings::date_style(conn)?;
        Ok(rows
            .into_iter()
            .map(|b| ImportBatchView {
                id: b.id,
                kind_label: match b.kind.as_str() {
                    "persons" => "本人・扶養家族",
                    "ledger" => "管理台帳",
                    _ => "取扱記録表",
                }
                .into(),
                imported_at_label: style.format_time(b.imported_at),
                kind: b.kind,
                file_name: b.file_name,
                sha256: b.sha256,
                added: b.added,
                updated: b.updated,
                skipped: b.skipped,
                imported_at: b.imported_at,
                imported_by: b.imported_by,
                withdrawn: b.withdrawn_at.is_some(),
                withdraw_reason: b.withdraw_reason,
            })
            .collect())
    }

    /// The names of the saved column mappings.
    pub fn import_profiles(&mut self) -> Result<Vec<String>, ApiError> {
        Ok(import_mappings::names(self.vault.conn())?)
    }

    fn import_sheet(
        &mut self,
        kind: ImportKind,
        req: &ImportRequest,
    ) -> Result<file::Sheet, ApiError> {
        let saved: Option<Mapping> = match (&req.mapping, req.profile.as_deref()) {
            (Some(m), _) => Some(m.to_core()),
            (None, Some(name)) if !name.trim().is_empty() => {
                let json =
                    import_mappings::get(self.vault.conn(), name.trim())?.ok_or_else(|| {
                        FieldError::new(
                            "列の対応",
                            format!("「{}」という保存済みの列の対応はありません。", name.trim()),
                        )
                    })?;
                Some(serde_json::from_str(&json).map_err(|e| ApiError::Io(e.to_string()))?)
            }
            _ => None,
        };
        file::Sheet::read(&req.from, kind.profile(), saved.as_ref())
    }
}
