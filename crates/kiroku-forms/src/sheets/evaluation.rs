//! 特定個人情報等取扱業務委託先評価シート (別紙3), laid out as in 001's 別紙3: the final
//! decision boxes, the basic information, the item table with the four pattern columns, and
//! the notes, 評価方法 and 選定基準 — all fixed texts from `forms/evaluation.toml`.

use crate::document::{Align, Block, Document, TableBlock};
use crate::layout::{ColumnLayout, FormKind, FormLayout};
use crate::FormError;

const SIZE_PT: f32 = 8.5;
const FORM: FormKind = FormKind::Evaluation;

/// The final decision as ticked on the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetDecision {
    Adopted,
    /// 採用, on condition of the improvements (a B item).
    AdoptedConditional,
    Rejected,
    /// Not every applicable item is judged yet: neither box is ticked.
    Undecided,
}

/// One 評価項目 row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetItem {
    pub no: u8,
    pub text: String,
    /// ○ per pattern I–IV.
    pub applies: [bool; 4],
    /// A, B, C, — or empty.
    pub judgment: String,
    pub improvement: String,
}

/// The values of one evaluation sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationSheet {
    pub header_lines: Vec<String>,
    /// 作成年月日, already formatted.
    pub made_on: String,
    pub decision: SheetDecision,
    /// Printed beside the boxes (e.g. the items still missing, or the finalisation).
    pub decision_note: String,
    pub re_evaluation: bool,
    pub name: String,
    pub dept: String,
    pub manager: String,
    pub work: String,
    pub data: String,
    /// 0 = I … 3 = IV.
    pub pattern: usize,
    /// 判定 of the two 選定基準(1) rows (○, × or — when the pattern is not I).
    pub pmark: String,
    pub no_leak: String,
    pub items: Vec<SheetItem>,
}

fn text(layout: &FormLayout, name: &str, size_pt: f32) -> Result<Block, FormError> {
    Ok(Block::Text {
        text: layout.text(FORM, name)?.to_owned(),
        size_pt,
        align: Align::Left,
    })
}

fn table(columns: &[ColumnLayout], rows: Vec<Vec<String>>, pattern: Option<usize>) -> Block {
    Block::Table(TableBlock {
        struck: Vec::new(),
        reason_column: None,
        columns: columns
            .iter()
            .map(|c| {
                let mut column = c.column();
                if let Some(p) = pattern {
                    column.shaded = c.key == format!("p{}", p + 1);
                }
                column
            })
            .collect(),
        rows,
        show_header: true,
        size_pt: SIZE_PT,
    })
}

fn mark(yes: bool) -> String {
    if yes { "○" } else { "—" }.to_owned()
}

fn ticked(label: &str, yes: bool) -> String {
    format!("{}{label}", if yes { "■" } else { "□" })
}

/// The document of one evaluation sheet.
pub fn document(sheet: &EvaluationSheet) -> Result<Document, FormError> {
    let layout = FORM.layout()?;
    let info = layout.table(FORM, "info")?;
    let items = layout.table(FORM, "items")?;
    if info.len() != 3 || items.len() != 8 {
        return Err(FormError::Layout {
            form: FORM.name(),
            detail: "基本情報は3列、評価項目は8列です".to_owned(),
        });
    }
    let adopted = matches!(
        sheet.decision,
        SheetDecision::Adopted | SheetDecision::AdoptedConditional
    );
    let info_rows = vec![
        vec![
            "(1) 委託選定".to_owned(),
            format!(
                "{}　{}",
                ticked("新規", !sheet.re_evaluation),
                ticked("再評価", sheet.re_evaluation)
            ),
            "※".to_owned(),
        ],
        vec![
            "(2) 委託先名称".to_owned(),
            sheet.name.clone(),
            String::new(),
        ],
        vec![
            "(3) 委託先の部門名".to_owned(),
            sheet.dept.clone(),
            String::new(),
        ],
        vec![
            "(4) 委託先の業務責任者".to_owned(),
            sheet.manager.clone(),
            String::new(),
        ],
        vec![
            "(5) 業務委託内容".to_owned(),
            sheet.work.clone(),
            String::new(),
        ],
        vec![
            "(6) 預託個人情報".to_owned(),
            sheet.data.clone(),
            String::new(),
        ],
    ];
    let shortcut_row = |text_name: &str, judgment: &str| -> Result<Vec<String>, FormError> {
        Ok(vec![
            String::new(),
            layout.text(FORM, text_name)?.to_owned(),
            "○".to_owned(),
            String::new(),
            String::new(),
            String::new(),
            judgment.to_owned(),
            String::new(),
        ])
    };
    let shortcut_rows = vec![
        shortcut_row("pmark", &sheet.pmark)?,
        shortcut_row("no_leak", &sheet.no_leak)?,
    ];
    let item_rows = sheet
        .items
        .iter()
        .map(|item| {
            let mut row = vec![item.no.to_string(), item.text.clone()];
            row.extend(item.applies.iter().map(|&a| mark(a)));
            row.push(item.judgment.clone());
            row.push(item.improvement.clone());
            row
        })
        .collect();
    let blocks = vec![
        Block::Text {
            text: format!("{}{}", layout.text(FORM, "made_on")?, sheet.made_on),
            size_pt: 10.0,
            align: Align::Right,
        },
        Block::Space { mm: 2.0 },
        text(&layout, "decision_heading", 10.0)?,
        Block::Checks {
            items: vec![
                ("採用".to_owned(), adopted),
                (
                    "不採用".to_owned(),
                    sheet.decision == SheetDecision::Rejected,
                ),
            ],
            size_pt: 11.0,
        },
        Block::Text {
            text: sheet.decision_note.clone(),
            size_pt: SIZE_PT,
            align: Align::Left,
        },
        Block::Space { mm: 3.0 },
        text(&layout, "info_heading", 10.0)?,
        table(info, info_rows, None),
        text(&layout, "info_note", 7.5)?,
        Block::Space { mm: 3.0 },
        text(&layout, "items_heading", 10.0)?,
        table(items, shortcut_rows, Some(sheet.pattern)),
        text(&layout, "shortcut_note", 7.5)?,
        table(items, item_rows, Some(sheet.pattern)),
        Block::Space { mm: 3.0 },
        text(&layout, "notes", 7.5)?,
        Block::Space { mm: 2.0 },
        text(&layout, "method", 7.5)?,
        Block::Space { mm: 2.0 },
        text(&layout, "criteria", 7.5)?,
    ];
    Ok(Document {
        orientation: layout.orientation,
        title: layout.title.clone(),
        form_no: layout.form_no.clone(),
        header_lines: sheet.header_lines.clone(),
        seals: layout.seals.clone(),
        blocks,
    })
}
