//! The file an import reads: its one sheet (the first whose header is found), the columns
//! found or mapped, and where 個人番号 cells were dropped.

use kiroku_core::import::{apply_mapping, detect, header, Cell, Detected, Mapping, Profile};
use kiroku_core::{guard, FieldError};
use kiroku_tables::{Grid, Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroize;

use super::{DroppedCell, ImportField, ImportKind, ImportPreview, ImportRefusal, ImportRow};
use crate::ApiError;

/// The column mapping the wizard shows and sends back (and `--profile` saves).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportMapping {
    /// `staff` | `ledger` | `handling_log`
    pub profile: String,
    /// The header's rows (0-based, end exclusive): the data start below them.
    pub header_start: u32,
    pub header_end: u32,
    /// The field each column is taken as (`name`, `born_on` …), `null`: not imported.
    pub columns: Vec<Option<String>>,
}

impl ImportMapping {
    pub(crate) fn to_core(&self) -> Mapping {
        Mapping {
            profile: self.profile.clone(),
            header_rows: self.header_start as usize..self.header_end as usize,
            columns: self.columns.clone(),
        }
    }

    fn of(m: &Mapping) -> Self {
        Self {
            profile: m.profile.clone(),
            header_start: u32_of(m.header_rows.start),
            header_end: u32_of(m.header_rows.end),
            columns: m.columns.clone(),
        }
    }
}

/// One column of the sheet: its letter, its caption as written, what it is taken as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportColumn {
    pub letter: String,
    pub caption: String,
    /// The field key, `null`: not imported.
    pub key: Option<String>,
    /// The field in words (氏名, 生年月日 …); 「取り込まない」 for none.
    pub label: String,
}

pub(crate) fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A sheet read and laid out.
#[derive(Debug)]
pub(crate) struct Sheet {
    pub file_name: String,
    pub source: &'static str,
    pub sha256: String,
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    pub layout: Detected,
    pub mapping: Mapping,
    captions: Vec<String>,
    dropped: Vec<kiroku_tables::CellRef>,
    profile: &'static Profile,
}

/// The rows of a plan, for the preview.
#[derive(Debug, Default)]
pub(crate) struct PlanRows {
    pub add: Vec<ImportRow>,
    pub update: Vec<ImportRow>,
    pub skip: Vec<ImportRow>,
    pub refused: Vec<ImportRefusal>,
    /// What the import adds besides its rows (a 関係事務 to the catalog …), in words.
    pub notices: Vec<String>,
}

impl Sheet {
    /// Reads `path` and lays out its first sheet that has `profile`'s header (or that `saved`
    /// maps).
    pub fn read(
        path: &str,
        profile: &'static Profile,
        saved: Option<&Mapping>,
    ) -> Result<Self, ApiError> {
        const FIELD: &str = "取り込むファイル";
        let path = std::path::Path::new(path.trim());
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        guard::check_field(FIELD, &file_name)?;
        let mut bytes = std::fs::read(path).map_err(|e| {
            FieldError::new(
                FIELD,
                format!("ファイルを読めません（{e}）。ファイルの場所と名前を確かめてください。"),
            )
        })?;
        let book = kiroku_tables::read(&bytes);
        bytes.zeroize();
        let book = book.map_err(|e| FieldError::new(FIELD, e.to_string()))?;
        let source = book.source.label();
        let sha256 = book.sha256.clone();
        let mut last_error = None;
        for grid in book.sheets {
            let rows = cells(&grid);
            let layout = match saved {
                Some(m) => match apply_mapping(m, &[profile]) {
                    Ok(l) => l,
                    Err(e) => {
                        last_error = Some(e);
                        continue;
                    }
                },
                None => match detect(&rows, &[profile]) {
                    Some(l) => l,
                    None => continue,
                },
            };
            let mapping = Mapping::from(&layout);
            let captions = header::captions(&rows, layout.header_rows.clone());
            return Ok(Self {
                file_name,
                source,
                sha256,
                name: grid.name,
                rows,
                mapping,
                layout,
                captions,
                dropped: grid.dropped,
                profile,
            });
        }
        Err(last_error
            .unwrap_or_else(|| {
                let required: Vec<&str> = profile
                    .fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| f.label)
                    .collect();
                FieldError::new(
                    FIELD,
                    format!(
                        "{}の見出しの行が見つかりません（「{}」の列が必要です）。見出しが上から15行以内にあるか確かめるか、列の対応を指定してください。",
                        profile.label,
                        required.join("」「")
                    ),
                )
            })
            .into())
    }

    pub fn preview(&self, kind: ImportKind, rows: PlanRows) -> ImportPreview {
        let my_number_columns = self.layout.my_number_columns();
        let mut notices: Vec<String> = my_number_columns
            .iter()
            .map(|c| {
                format!(
                    "個人番号の列（{}列）は取り込みません。",
                    kiroku_tables::column_letters(*c)
                )
            })
            .collect();
        let dropped: Vec<DroppedCell> = self
            .dropped
            .iter()
            .filter(|c| !my_number_columns.contains(&c.col))
            .map(|c| DroppedCell {
                row: u32_of(c.row + 1),
                column: kiroku_tables::column_letters(c.col),
            })
            .collect();
        notices.extend(rows.notices);
        if !dropped.is_empty() {
            notices.push(format!(
                "個人番号のような数字があったセル（{}）は読み飛ばしました。",
                dropped
                    .iter()
                    .map(|d| format!("{}{}", d.column, d.row))
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
        let width = self.captions.len().max(self.layout.columns.len());
        let columns = (0..width)
            .map(|i| {
                let key = self.layout.columns.get(i).copied().flatten();
                ImportColumn {
                    letter: kiroku_tables::column_letters(i),
                    caption: self.captions.get(i).cloned().unwrap_or_default(),
                    key: key.map(str::to_owned),
                    label: key
                        .and_then(|k| self.profile.field(k))
                        .map_or("取り込まない", |f| f.label)
                        .to_owned(),
                }
            })
            .collect();
        ImportPreview {
            kind: kind.as_str().to_owned(),
            file_name: self.file_name.clone(),
            source: self.source.to_owned(),
            sha256: self.sha256.clone(),
            sheet: self.name.clone(),
            columns,
            mapping: ImportMapping::of(&self.mapping),
            fields: self
                .profile
                .fields
                .iter()
                .map(|f| ImportField {
                    key: f.key.to_owned(),
                    label: f.label.to_owned(),
                    required: f.required,
                })
                .collect(),
            add: rows.add,
            update: rows.update,
            skip: rows.skip,
            refused: rows.refused,
            dropped_my_number: dropped,
            notices,
        }
    }
}

/// A sheet's values as the import rules read them; a dropped cell is empty.
fn cells(grid: &Grid) -> Vec<Vec<Cell>> {
    grid.rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|v| match v {
                    Value::Empty | Value::Dropped => Cell::Empty,
                    Value::Text(s) => Cell::Text(s.clone()),
                    Value::Number(n) => Cell::Number(*n),
                    Value::Date(d) => Cell::Date(*d),
                })
                .collect()
        })
        .collect()
}

pub(crate) fn refusal(r: &kiroku_core::import::Refusal) -> ImportRefusal {
    ImportRefusal {
        row: u32_of(r.row),
        field: r.field.clone(),
        reason: r.reason.clone(),
    }
}
