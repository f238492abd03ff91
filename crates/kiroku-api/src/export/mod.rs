//! Writing a list out for Excel (一覧の書き出し): every list the screens show — the two 別紙1
//! lists, the 台帳, the 本人 with their 扶養家族, the 帳票, the 廃棄予定, the 委託先 and their 評価シート,
//! the audit log — as CSV (UTF-8 with a BOM, or CP932 on request) or `.xlsx`.
//!
//! The lists that are printed forms are built by the same code as the print-out
//! ([`Session::list_values`]) and keep its captions; the form file says which columns hold
//! numbers and dates (`cell = "date"`), which a workbook writes as real Excel dates in the
//! office's 和暦 or 西暦. Every export is an `export list:NAME` audit row naming the list, the
//! rows, the format and the file's name.

mod form_table;
mod lists;

use std::path::Path;

use kiroku_core::audit::AuditAction;
use kiroku_core::FieldError;
use kiroku_forms::FormKind;
use kiroku_store::atomic_file;
use kiroku_store::table::audit;
use kiroku_tables::{Format, Table};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::settings::date_style;
use crate::{ApiError, AuditQuery, EventQuery, Session};

/// What to write out (`kiroku export …`, 「Excelに書き出す」).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    /// `chronological` | `lifecycle` | `ledger` | `persons` | `documents` | `disposal` |
    /// `contractors` | `evaluations` | `audit`
    pub list: String,
    /// `xlsx` | `csv` (UTF-8 with a BOM) | `csv-sjis` (CP932)
    pub format: String,
    /// The two 別紙1 lists and the audit log: the period (and for 別紙1 the 台帳 file);
    /// `disposal`: the 年度 (default this one).
    pub query: EventQuery,
    /// `audit`: the 監査ログ screen's filters (利用者, 種別, 期間); absent: `query`'s period.
    #[serde(default)]
    #[ts(optional)]
    pub audit: Option<AuditQuery>,
    /// Where to write (a file of that name is replaced); empty: `書き出し/` beside the vault.
    pub out: String,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportReport {
    pub list: String,
    pub title: String,
    pub format: String,
    pub path: String,
    pub rows: u32,
    pub bytes: u64,
}

/// The lists `export` knows, by their command-line name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    /// A printed list form: its values and captions are the print-out's.
    Form(FormKind),
    /// 本人・扶養家族
    Persons,
    /// 保存文書
    Documents,
    /// 委託先
    Contractors,
    /// 評価シート
    Evaluations,
    /// 監査ログ
    Audit,
}

impl ListKind {
    const ALL: [(&'static str, ListKind); 9] = [
        ("chronological", ListKind::Form(FormKind::Chronological)),
        ("lifecycle", ListKind::Form(FormKind::Lifecycle)),
        ("ledger", ListKind::Form(FormKind::Ledger)),
        ("persons", ListKind::Persons),
        ("documents", ListKind::Documents),
        ("disposal", ListKind::Form(FormKind::Disposal)),
        ("contractors", ListKind::Contractors),
        ("evaluations", ListKind::Evaluations),
        ("audit", ListKind::Audit),
    ];

    fn parse(name: &str) -> Result<(&'static str, ListKind), ApiError> {
        let name = name.trim().replace('_', "-");
        Self::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .copied()
            .ok_or_else(|| {
                FieldError::new(
                    "一覧",
                    "chronological（運用状況記録票）、lifecycle（取扱記録表）、ledger（管理台帳）、persons（本人・扶養家族）、documents（保存文書）、disposal（廃棄予定）、contractors（委託先）、evaluations（評価シート）、audit（監査ログ）のどれかを指定してください。",
                )
                .into()
            })
    }
}

fn format_of(name: &str) -> Result<Format, ApiError> {
    match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "xlsx" | "excel" => Ok(Format::Xlsx),
        "csv" | "csv-utf8" | "utf8" | "utf-8" => Ok(Format::CsvUtf8),
        "csv-sjis" | "sjis" | "cp932" | "shift-jis" | "csv-cp932" => Ok(Format::CsvCp932),
        _ => Err(FieldError::new(
            "形式",
            "xlsx（Excel）、csv（UTF-8）、csv-sjis（Shift_JIS）のどれかを指定してください。",
        )
        .into()),
    }
}

fn format_label(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "xlsx",
        Format::CsvUtf8 => "csv",
        Format::CsvCp932 => "csv-sjis",
    }
}

impl Session {
    /// Writes one list to `req.out` (replacing a file of that name); with no path, to
    /// `書き出し/<一覧>_<date-time>.<ext>` beside the vault. The lists' reads are audited as
    /// the screens' are, and the export itself is one `export` row.
    pub fn export(&mut self, req: &ExportRequest) -> Result<ExportReport, ApiError> {
        let (name, kind) = ListKind::parse(&req.list)?;
        let format = format_of(&req.format)?;
        let mut table = self.export_table(kind, req)?;
        let out = if req.out.trim().is_empty() {
            crate::beside_vault::file_beside_vault(
                self.vault_path(),
                "書き出し",
                &table.title,
                format.extension(),
                self.env.clock.now(),
            )?
            .display()
            .to_string()
        } else {
            req.out.clone()
        };
        let path = crate::print::out_path(&out, format.extension())?;
        let bytes = kiroku_tables::write(&table, format)
            .map_err(|e| ApiError::from(FieldError::new("形式", e.to_string())))?;
        // The file's bytes are all that is needed now: the table goes before they are written.
        let (title, rows) = (std::mem::take(&mut table.title), table.rows.len());
        drop(table);
        atomic_file::replace(&path, &bytes).map_err(|e| {
            ApiError::from(FieldError::new(
                "出力先",
                format!("ファイルを保存できません（{e}）。保存先を確認してください。Excel で開いている場合は閉じてください。"),
            ))
        })?;
        self.audit_export(name, &title, rows, format, &path)?;
        if let Ok(canonical) = std::fs::canonicalize(&path) {
            self.printed.push(canonical);
        }
        Ok(ExportReport {
            list: name.to_owned(),
            title,
            format: format_label(format).to_owned(),
            path: path.display().to_string(),
            rows: u32::try_from(rows).unwrap_or(u32::MAX),
            bytes: bytes.len() as u64,
        })
    }

    fn export_table(&mut self, kind: ListKind, req: &ExportRequest) -> Result<Table, ApiError> {
        let query = &req.query;
        let style = date_style(self.vault.conn())?;
        match kind {
            ListKind::Form(form) => {
                let org = self.org_name()?;
                let (values, _) = self.list_values(form, query, style, &org, String::new())?;
                form_table::table(form, values, style)
            }
            ListKind::Persons => lists::persons(self, style),
            ListKind::Documents => lists::documents(self, style),
            ListKind::Contractors => lists::contractors(self, style),
            ListKind::Evaluations => lists::evaluations(self, style),
            ListKind::Audit => {
                let audit = match &req.audit {
                    Some(audit) => audit.clone(),
                    None => lists::audit_period(query)?,
                };
                lists::audit_log(self, &audit, style)
            }
        }
    }

    /// The `export list:NAME` row: what was written, how many rows, the file's name (not its
    /// folder).
    fn audit_export(
        &mut self,
        name: &str,
        title: &str,
        rows: usize,
        format: Format,
        path: &Path,
    ) -> Result<(), ApiError> {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let entry = self.entry(
            AuditAction::Export,
            format!("list:{name}"),
            format!("{title} {rows}行 {} → {file_name}", format_label(format)),
        );
        self.vault.write(|tx| -> Result<(), ApiError> {
            audit::append(tx, entry)?;
            Ok(())
        })
    }
}
