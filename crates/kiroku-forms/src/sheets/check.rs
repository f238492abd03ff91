//! 取扱状況の点検（監査）結果報告書: the item table (項目 | 根拠 | 結果 | 所見), the improvement
//! actions, the carried-over ones, the sign-offs, addenda and the attachments — every value
//! already in words; this module only lays them out.

use crate::document::{Align, Block, Document, TableBlock};
use crate::layout::{ColumnLayout, FormKind};
use crate::FormError;

const FORM: FormKind = FormKind::Check;

/// One print-out of a check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckSheet {
    pub org_name: String,
    /// Printed before the form's title (「令和8年度」, 「令和8年度 臨時」).
    pub title_prefix: String,
    pub period: String,
    pub made_on: String,
    /// (項目, 点検事項, 根拠, 結果, 所見)
    pub items: Vec<[String; 5]>,
    /// (内容, 担当, 期限, 完了日)
    pub actions: Vec<[String; 4]>,
    pub carried: Vec<[String; 4]>,
    /// (区分, 氏名, 日付, 意見)
    pub signoffs: Vec<[String; 4]>,
    /// (日付, 追記)
    pub addenda: Vec<[String; 2]>,
    /// (種別, 件数)
    pub event_totals: Vec<[String; 2]>,
    /// (保存文書, 内容)
    pub disposal: Vec<[String; 2]>,
    /// (委託先, 内容)
    pub contractors: Vec<[String; 2]>,
    /// (利用者, 内容)
    pub users: Vec<[String; 2]>,
    /// (区分, 内容)
    pub chain: Vec<[String; 2]>,
}

fn table(cols: &[ColumnLayout], rows: Vec<Vec<String>>) -> Block {
    Block::Table(TableBlock {
        columns: cols.iter().map(ColumnLayout::column).collect(),
        rows,
        struck: Vec::new(),
        reason_column: None,
        show_header: true,
        size_pt: 8.5,
    })
}

fn heading(text: &str) -> [Block; 2] {
    [
        Block::Space { mm: 3.0 },
        Block::Text {
            text: text.to_owned(),
            size_pt: 10.5,
            align: Align::Left,
        },
    ]
}

fn none_row(n: usize) -> Vec<Vec<String>> {
    let mut row = vec![String::new(); n];
    row[n.min(2) - 1] = "なし".to_owned();
    vec![row]
}

fn numbered(rows: &[[String; 4]]) -> Vec<Vec<String>> {
    if rows.is_empty() {
        return none_row(5);
    }
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let mut v = vec![(i + 1).to_string()];
            v.extend(r.iter().cloned());
            v
        })
        .collect()
}

fn pairs(rows: &[[String; 2]]) -> Vec<Vec<String>> {
    if rows.is_empty() {
        return none_row(2);
    }
    rows.iter().map(|r| r.to_vec()).collect()
}

pub fn document(sheet: &CheckSheet) -> Result<Document, FormError> {
    let layout = FORM.layout()?;
    let mut blocks = vec![Block::Text {
        text: layout.text(FORM, "intro")?.to_owned(),
        size_pt: 9.0,
        align: Align::Left,
    }];
    blocks.extend(heading(layout.text(FORM, "items")?));
    blocks.push(table(
        layout.table(FORM, "items")?,
        sheet.items.iter().map(|r| r.to_vec()).collect(),
    ));
    blocks.extend(heading(layout.text(FORM, "actions")?));
    blocks.push(table(
        layout.table(FORM, "actions")?,
        numbered(&sheet.actions),
    ));
    blocks.extend(heading(layout.text(FORM, "carried")?));
    blocks.push(table(
        layout.table(FORM, "actions")?,
        numbered(&sheet.carried),
    ));
    blocks.extend(heading(layout.text(FORM, "signoffs")?));
    blocks.push(table(
        layout.table(FORM, "signoffs")?,
        sheet.signoffs.iter().map(|r| r.to_vec()).collect(),
    ));
    if !sheet.addenda.is_empty() {
        blocks.extend(heading(layout.text(FORM, "addenda")?));
        blocks.push(table(
            layout.table(FORM, "attachment")?,
            pairs(&sheet.addenda),
        ));
    }
    blocks.extend(heading(layout.text(FORM, "attachments")?));
    for (name, rows) in [
        ("events", &sheet.event_totals),
        ("disposal", &sheet.disposal),
        ("contractors", &sheet.contractors),
        ("users", &sheet.users),
        ("chain", &sheet.chain),
    ] {
        blocks.extend(heading(layout.text(FORM, name)?));
        blocks.push(table(layout.table(FORM, "attachment")?, pairs(rows)));
    }
    Ok(Document {
        orientation: layout.orientation,
        title: format!("{} {}", sheet.title_prefix, layout.title),
        form_no: layout.form_no.clone(),
        header_lines: vec![
            format!("団体名：{}", sheet.org_name),
            format!("点検の期間：{}", sheet.period),
            format!("作成日：{}", sheet.made_on),
        ],
        seals: layout.seals.clone(),
        blocks,
    })
}
