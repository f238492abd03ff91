//! The 復旧用キー sheet printed at `init`: the recovery code in large type, group by group
//! with a column to tick once each group of the written copy is compared, and where to keep it.

use crate::document::{Align, Block, Document, TableBlock};
use crate::layout::FormKind;
use crate::FormError;

const FORM: FormKind = FormKind::Recovery;

/// The values of the recovery sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoverySheet {
    pub org_name: String,
    /// The vault's file name.
    pub vault_name: String,
    /// The day it was made, already formatted.
    pub made_on: String,
    /// The code as displayed: groups joined by `-`.
    pub code: String,
}

/// The document of the recovery sheet.
pub fn document(sheet: &RecoverySheet) -> Result<Document, FormError> {
    let layout = FORM.layout()?;
    let text = |name: &str, size_pt: f32| -> Result<Block, FormError> {
        Ok(Block::Text {
            text: layout.text(FORM, name)?.to_owned(),
            size_pt,
            align: Align::Left,
        })
    };
    let groups = layout.table(FORM, "groups")?;
    let storage = layout.table(FORM, "storage")?;
    let columns = |cols: &[crate::layout::ColumnLayout]| cols.iter().map(|c| c.column()).collect();
    let group_rows = sheet
        .code
        .split('-')
        .enumerate()
        .map(|(i, group)| {
            let spaced: Vec<String> = group.chars().map(String::from).collect();
            vec![format!("第{}組", i + 1), spaced.join(" "), String::new()]
        })
        .collect();
    let blocks = vec![
        text("intro", 10.0)?,
        Block::Space { mm: 6.0 },
        Block::Text {
            text: sheet.code.clone(),
            size_pt: 20.0,
            align: Align::Center,
        },
        Block::Space { mm: 6.0 },
        Block::Table(TableBlock {
            struck: Vec::new(),
            reason_column: None,
            columns: columns(groups),
            rows: group_rows,
            show_header: true,
            size_pt: 18.0,
        }),
        text("check", 9.0)?,
        Block::Space { mm: 6.0 },
        text("instructions", 10.0)?,
        Block::Space { mm: 6.0 },
        Block::Table(TableBlock {
            struck: Vec::new(),
            reason_column: None,
            columns: columns(storage),
            // Two lines of room to write in by hand.
            rows: vec![vec!["\n".to_owned(); storage.len()]; 3],
            show_header: true,
            size_pt: 12.0,
        }),
    ];
    Ok(Document {
        orientation: layout.orientation,
        title: layout.title.clone(),
        form_no: layout.form_no.clone(),
        header_lines: vec![
            format!("団体名：{}", sheet.org_name),
            format!("金庫ファイル：{}", sheet.vault_name),
            format!("作成日：{}", sheet.made_on),
        ],
        seals: layout.seals.clone(),
        blocks,
    })
}
