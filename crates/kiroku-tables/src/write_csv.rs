//! CSV: UTF-8 with a BOM or CP932, CRLF line ends, quoted where needed.

use std::borrow::Cow;

use encoding_rs::SHIFT_JIS;

use crate::{Table, TableError};

/// The BOM Excel needs to read a CSV as UTF-8 (without it, Japanese Excel reads CP932).
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Characters a spreadsheet reads as the start of a formula: a cell starting with one gets an
/// apostrophe in front, so that opening the file never runs anything (the importer takes it
/// off again).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

pub(crate) fn utf8(table: &Table) -> Result<Vec<u8>, TableError> {
    let mut out = BOM.to_vec();
    out.extend_from_slice(text(table)?.as_bytes());
    Ok(out)
}

pub(crate) fn cp932(table: &Table) -> Result<Vec<u8>, TableError> {
    let csv = text(table)?;
    let (bytes, _, had_errors) = SHIFT_JIS.encode(&csv);
    if !had_errors {
        return Ok(bytes.into_owned());
    }
    // Some character has no code of its own: its Windows twin, or the cell is named.
    let Ok(fixed) = to_cp932_repertoire(&csv) else {
        return Err(locate_unencodable(table));
    };
    let (bytes, _, had_errors) = SHIFT_JIS.encode(&fixed);
    if had_errors {
        return Err(locate_unencodable(table));
    }
    Ok(bytes.into_owned())
}

/// The whole CSV as text.
fn text(table: &Table) -> Result<String, TableError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(table.rows.len() * 128));
    let csv_error = |e: csv::Error| TableError::Csv(e.to_string());
    for c in &table.columns {
        writer
            .write_field(guarded(&c.caption).as_bytes())
            .map_err(csv_error)?;
    }
    writer.write_record(None::<&[u8]>).map_err(csv_error)?;
    for row in &table.rows {
        for cell in &row.cells {
            writer
                .write_field(guarded(&cell.csv_text()).as_bytes())
                .map_err(csv_error)?;
        }
        writer.write_record(None::<&[u8]>).map_err(csv_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| TableError::Csv(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| TableError::Csv(e.to_string()))
}

/// A cell's text, with an apostrophe in front if a spreadsheet would read it as a formula.
fn guarded(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Characters a Mac or Linux writes (the JIS mapping: 〜 U+301C, ‖, −, ¢, £, ¬) that CP932
/// has under its Windows twin with the same meaning (～ U+FF5E is 0x8160 …): written as the
/// twin, which Windows reads back.
const CP932_TWINS: [(char, char); 6] = [
    ('\u{FF5E}', '\u{301C}'), // ～ → 〜
    ('\u{2225}', '\u{2016}'), // ∥ → ‖
    ('\u{FF0D}', '\u{2212}'), // － → −
    ('\u{FFE0}', '\u{00A2}'), // ￠ → ¢
    ('\u{FFE1}', '\u{00A3}'), // ￡ → £
    ('\u{FFE2}', '\u{00AC}'), // ￢ → ¬
];

fn encodable(c: char) -> bool {
    let mut buf = [0u8; 4];
    !SHIFT_JIS.encode(c.encode_utf8(&mut buf)).2
}

/// `s` with every character CP932 lacks under its own code point replaced by its twin; the
/// first character that has no code at all as the error.
fn to_cp932_repertoire(s: &str) -> Result<Cow<'_, str>, char> {
    if !SHIFT_JIS.encode(s).2 {
        return Ok(Cow::Borrowed(s));
    }
    s.chars()
        .map(|c| {
            if encodable(c) {
                return Ok(c);
            }
            CP932_TWINS
                .iter()
                .find_map(|&(a, b)| match c {
                    _ if c == a && encodable(b) => Some(b),
                    _ if c == b && encodable(a) => Some(a),
                    _ => None,
                })
                .ok_or(c)
        })
        .collect::<Result<String, char>>()
        .map(Cow::Owned)
}

/// The first cell with a character CP932 cannot write, for the message.
fn locate_unencodable(table: &Table) -> TableError {
    let captions = table.columns.iter().map(|c| {
        (
            1usize,
            c.caption.as_str(),
            Cow::Borrowed(c.caption.as_str()),
        )
    });
    let cells = table.rows.iter().enumerate().flat_map(|(i, row)| {
        row.cells
            .iter()
            .zip(&table.columns)
            .map(move |(cell, column)| (i + 2, column.caption.as_str(), cell.csv_text()))
    });
    for (row, column, text) in captions.chain(cells) {
        if let Err(ch) = to_cp932_repertoire(&text) {
            return TableError::NotInCp932 {
                row,
                column: column.to_owned(),
                ch,
            };
        }
    }
    TableError::Csv("CP932 に変換できない文字があります".into())
}
