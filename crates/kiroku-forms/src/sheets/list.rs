//! The list forms: 取扱記録表, 運用状況記録票, 管理台帳, 廃棄予定一覧 兼 廃棄記録簿 — a frame and
//! one table whose columns come from the form file.

use crate::document::{Block, Document, TableBlock, BODY_PT};
use crate::layout::FormKind;
use crate::record::Record;
use crate::FormError;

/// The cells where a withdrawn record's reason is written (備考 in the 運用状況記録票, the use
/// column of a 取扱記録表 row whose every record was withdrawn): they are not struck through.
pub const REASON_KEYS: [&str; 2] = ["note", "use_and_take_out"];

/// One print-out of a list form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListForm {
    /// 団体名, 期間, 作成日 …
    pub header_lines: Vec<String>,
    pub records: Vec<Record>,
}

/// The document of `kind` (a list form) with `form`'s values.
pub fn document(kind: FormKind, form: &ListForm) -> Result<Document, FormError> {
    let layout = kind.layout()?;
    let columns = layout.table(kind, "main")?;
    let rows =
        form.records
            .iter()
            .map(|record| {
                columns
                    .iter()
                    .map(|c| {
                        record.get(&c.key).map(str::to_owned).ok_or_else(|| {
                            FormError::MissingValue {
                                form: kind.name(),
                                key: c.key.clone(),
                            }
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<Vec<_>, _>>()?;
    let struck = form
        .records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_struck())
        .map(|(i, _)| i)
        .collect();
    let mut blocks = vec![Block::Table(TableBlock {
        columns: columns.iter().map(|c| c.column()).collect(),
        rows,
        struck,
        reason_column: columns
            .iter()
            .position(|c| REASON_KEYS.contains(&c.key.as_str())),
        show_header: true,
        size_pt: layout.size_pt.unwrap_or(BODY_PT),
    })];
    if form.records.is_empty() {
        blocks.push(Block::Space { mm: 3.0 });
        blocks.push(Block::Text {
            text: layout.text(kind, "empty")?.to_owned(),
            size_pt: BODY_PT,
            align: crate::Align::Left,
        });
    }
    if let Some(note) = layout.texts.get("note") {
        blocks.push(Block::Space { mm: 3.0 });
        blocks.push(Block::Text {
            text: note.clone(),
            size_pt: 8.0,
            align: crate::Align::Left,
        });
    }
    Ok(Document {
        orientation: layout.orientation,
        title: layout.title.clone(),
        form_no: layout.form_no.clone(),
        header_lines: form.header_lines.clone(),
        seals: layout.seals.clone(),
        blocks,
    })
}
