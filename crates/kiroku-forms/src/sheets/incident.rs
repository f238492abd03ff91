//! The incident forms: the report of the nine items under their labels (規則第3条第1項), the
//! letter to one 本人 (items 1, 2, 4, 5 and 9 — 規則第5条 —, with the 謝意 and the 個人番号
//! 変更 note), and the record of who was notified.

use crate::document::{Align, Block, Document, TableBlock};
use crate::layout::{ColumnLayout, FormKind};
use crate::FormError;

/// The nine items of a report, each already in words (dates formatted, lists joined).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncidentFacts {
    /// 発生日
    pub occurred: String,
    /// 発覚日 (知った日)
    pub known: String,
    /// 発生事案
    pub what: String,
    /// 発見者
    pub finder: String,
    /// 規則第2条各号該当性
    pub grounds: String,
    /// 委託元・委託先の有無
    pub contractors: String,
    /// 事実経過
    pub progress: String,
    /// 媒体
    pub medium: String,
    /// 種類 (特定個人情報の項目)
    pub items: String,
    /// 本人の数 (確定 or 最大)
    pub persons: String,
    /// 原因
    pub cause: String,
    /// 二次被害又はそのおそれの有無及びその内容
    pub secondary_damage: String,
    /// 本人への対応の実施状況
    pub response: String,
    /// 公表の実施状況
    pub publication: String,
    /// 再発防止のための措置
    pub prevention: String,
    /// その他参考となる事項
    pub other: String,
}

/// The report: the office, the report's kind (速報・確報 …) and the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentReportSheet {
    pub org_name: String,
    pub made_on: String,
    /// 「事案 ID 4」 and the kind of report the draft is for.
    pub subject: String,
    pub facts: IncidentFacts,
}

/// The letter to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentLetterSheet {
    pub org_name: String,
    /// The day on the letter.
    pub dated: String,
    /// The person it is for (「田村 千尋 様」 is written from this).
    pub person: String,
    pub facts: IncidentFacts,
    /// お問い合わせ窓口 (the office and its department).
    pub contact: String,
}

/// The record of the notices of one incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentNoticesSheet {
    pub org_name: String,
    pub made_on: String,
    pub subject: String,
    /// (本人, 方法, 通知日)
    pub rows: Vec<(String, String, String)>,
}

fn columns(cols: &[ColumnLayout]) -> Vec<crate::document::Column> {
    cols.iter().map(ColumnLayout::column).collect()
}

fn table(cols: &[ColumnLayout], rows: Vec<Vec<String>>, size_pt: f32) -> Block {
    Block::Table(TableBlock {
        columns: columns(cols),
        rows,
        struck: Vec::new(),
        reason_column: None,
        show_header: true,
        size_pt,
    })
}

fn or_blank(v: &str) -> String {
    if v.trim().is_empty() {
        "（未記入）".to_owned()
    } else {
        v.to_owned()
    }
}

/// The nine items under the labels of 規則第3条第1項, in order.
fn report_rows(f: &IncidentFacts) -> Vec<Vec<String>> {
    [
        ("1 概要　発生日", &f.occurred),
        ("1 概要　発覚日", &f.known),
        ("1 概要　発生事案", &f.what),
        ("1 概要　発見者", &f.finder),
        ("1 概要　規則第2条各号該当性", &f.grounds),
        ("1 概要　委託元及び委託先の有無", &f.contractors),
        ("1 概要　事実経過", &f.progress),
        ("2 特定個人情報の項目　媒体", &f.medium),
        ("2 特定個人情報の項目　種類", &f.items),
        ("3 特定個人情報に係る本人の数", &f.persons),
        ("4 原因", &f.cause),
        (
            "5 二次被害又はそのおそれの有無及びその内容",
            &f.secondary_damage,
        ),
        ("6 本人への対応の実施状況", &f.response),
        ("7 公表の実施状況", &f.publication),
        ("8 再発防止のための措置", &f.prevention),
        ("9 その他参考となる事項", &f.other),
    ]
    .into_iter()
    .map(|(label, value)| vec![label.to_owned(), or_blank(value)])
    .collect()
}

/// The report of the nine items: `form` is the PPC draft ([`FormKind::IncidentReport`]) or a
/// 共済組合's 様式第1号 / 第2号.
pub fn report(form: FormKind, sheet: &IncidentReportSheet) -> Result<Document, FormError> {
    let layout = form.layout()?;
    let blocks = vec![
        Block::Text {
            text: layout.text(form, "intro")?.to_owned(),
            size_pt: 9.0,
            align: Align::Left,
        },
        Block::Space { mm: 3.0 },
        table(layout.table(form, "items")?, report_rows(&sheet.facts), 9.5),
    ];
    Ok(Document {
        orientation: layout.orientation,
        title: layout.title.clone(),
        form_no: layout.form_no.clone(),
        header_lines: vec![
            format!("団体名：{}", sheet.org_name),
            format!("{}　作成日：{}", sheet.subject, sheet.made_on),
        ],
        seals: layout.seals.clone(),
        blocks,
    })
}

pub fn letter(sheet: &IncidentLetterSheet) -> Result<Document, FormError> {
    const FORM: FormKind = FormKind::IncidentLetter;
    let layout = FORM.layout()?;
    let text = |t: String, size_pt: f32, align: Align| Block::Text {
        text: t,
        size_pt,
        align,
    };
    let f = &sheet.facts;
    // 規則第5条: items 1 (概要), 2 (項目), 4 (原因), 5 (二次被害) and 9 (その他) only.
    let rows = [
        (
            "発生した事態",
            format!(
                "{}（発生日: {}、当組合が知った日: {}）",
                or_blank(&f.what),
                or_blank(&f.occurred),
                or_blank(&f.known)
            ),
        ),
        ("漏えい等した情報の項目", or_blank(&f.items)),
        ("原因", or_blank(&f.cause)),
        ("二次被害又はそのおそれ", or_blank(&f.secondary_damage)),
        ("その他", or_blank(&f.other)),
    ]
    .into_iter()
    .map(|(l, v)| vec![l.to_owned(), v])
    .collect();
    let blocks = vec![
        text(sheet.dated.clone(), 10.5, Align::Right),
        text(format!("{}　様", sheet.person), 13.0, Align::Left),
        text(sheet.org_name.clone(), 10.5, Align::Right),
        Block::Space { mm: 4.0 },
        text(layout.text(FORM, "apology")?.to_owned(), 10.5, Align::Left),
        Block::Space { mm: 3.0 },
        text("記".to_owned(), 10.5, Align::Center),
        table(layout.table(FORM, "items")?, rows, 10.0),
        Block::Space { mm: 3.0 },
        text(
            layout.text(FORM, "number_change")?.to_owned(),
            10.0,
            Align::Left,
        ),
        Block::Space { mm: 2.0 },
        text(layout.text(FORM, "closing")?.to_owned(), 10.0, Align::Left),
        Block::Space { mm: 3.0 },
        text(
            format!("お問い合わせ窓口：{}", sheet.contact),
            10.0,
            Align::Left,
        ),
    ];
    Ok(Document {
        orientation: layout.orientation,
        title: layout.title.clone(),
        form_no: layout.form_no.clone(),
        header_lines: Vec::new(),
        seals: layout.seals.clone(),
        blocks,
    })
}

pub fn notices(sheet: &IncidentNoticesSheet) -> Result<Document, FormError> {
    const FORM: FormKind = FormKind::IncidentNotices;
    let layout = FORM.layout()?;
    let rows = sheet
        .rows
        .iter()
        .enumerate()
        .map(|(i, (p, m, d))| vec![(i + 1).to_string(), p.clone(), m.clone(), d.clone()])
        .collect();
    Ok(Document {
        orientation: layout.orientation,
        title: layout.title.clone(),
        form_no: layout.form_no.clone(),
        header_lines: vec![
            format!("団体名：{}", sheet.org_name),
            format!("{}　作成日：{}", sheet.subject, sheet.made_on),
        ],
        seals: layout.seals.clone(),
        blocks: vec![table(layout.table(FORM, "notices")?, rows, 10.0)],
    })
}
