//! xlsx: one sheet, the header row frozen, widths from the content, dates as Excel dates.

use chrono::Datelike;
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use crate::table::number_text;
use crate::{Cell, Table, TableError};

/// Excel's limits: a sheet name of at most 31 characters without `[]:*?/\`, a cell of at most
/// 32,767 characters, 1,048,576 rows.
const SHEET_NAME_MAX: usize = 31;
const CELL_MAX: usize = 32_767;
const ROWS_MAX: usize = 1_048_576;
/// Column widths, in characters of the default font.
const WIDTH_MIN: f64 = 6.0;
const WIDTH_MAX: f64 = 60.0;

fn xlsx_error(e: XlsxError) -> TableError {
    TableError::Xlsx(e.to_string())
}

pub(crate) fn workbook(table: &Table) -> Result<Vec<u8>, TableError> {
    if table.rows.len() + 1 > ROWS_MAX {
        return Err(TableError::Xlsx(format!(
            "行が {} 行あり、Excel の上限（{ROWS_MAX} 行）を超えます。期間を分けて書き出してください",
            table.rows.len()
        )));
    }
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .set_name(sheet_name(&table.title))
        .map_err(xlsx_error)?;

    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xE7_E6_E6))
        .set_border(FormatBorder::Thin);
    let plain = Format::new().set_align(FormatAlign::Top);
    let wrapped = plain.clone().set_text_wrap();
    let date = plain.clone().set_num_format(table.dates.excel_format());
    let struck = |f: &Format| f.clone().set_font_strikethrough();
    let (plain_struck, wrapped_struck, date_struck) =
        (struck(&plain), struck(&wrapped), struck(&date));

    for (c, column) in table.columns.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| TableError::Xlsx("列が多すぎます".into()))?;
        sheet
            .write_string_with_format(0, col, &column.caption, &header)
            .map_err(xlsx_error)?;
    }
    let mut widths: Vec<f64> = table
        .columns
        .iter()
        .map(|c| display_width(&c.caption))
        .collect();

    for (r, row) in table.rows.iter().enumerate() {
        let at = u32::try_from(r + 1).map_err(|_| TableError::Xlsx("行が多すぎます".into()))?;
        for (c, cell) in row.cells.iter().enumerate() {
            let col = u16::try_from(c).map_err(|_| TableError::Xlsx("列が多すぎます".into()))?;
            let strike = row.struck && table.reason_column != Some(c);
            match cell {
                Cell::Empty => {
                    if strike {
                        sheet
                            .write_blank(at, col, &plain_struck)
                            .map_err(xlsx_error)?;
                    }
                }
                Cell::Text(s) => {
                    let multi_line = s.contains('\n');
                    let format = match (multi_line, strike) {
                        (true, true) => &wrapped_struck,
                        (true, false) => &wrapped,
                        (false, true) => &plain_struck,
                        (false, false) => &plain,
                    };
                    let text = clipped(s);
                    sheet
                        .write_string_with_format(at, col, text, format)
                        .map_err(xlsx_error)?;
                    let longest = text.lines().map(display_width).fold(0.0, f64::max);
                    widths[c] = widths[c].max(longest);
                }
                Cell::Number(n) => {
                    let format = if strike { &plain_struck } else { &plain };
                    sheet
                        .write_number_with_format(at, col, *n, format)
                        .map_err(xlsx_error)?;
                    widths[c] = widths[c].max(number_text(*n).len() as f64);
                }
                Cell::Date { date: d, label } => {
                    let format = if strike { &date_struck } else { &date };
                    match excel_date(*d) {
                        Some(value) => sheet
                            .write_datetime_with_format(at, col, &value, format)
                            .map_err(xlsx_error)?,
                        // Before 1900 Excel has no dates: the label as text.
                        None => sheet
                            .write_string_with_format(at, col, label, format)
                            .map_err(xlsx_error)?,
                    };
                    widths[c] = widths[c].max(display_width(label));
                }
            }
        }
    }

    for (c, column) in table.columns.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| TableError::Xlsx("列が多すぎます".into()))?;
        let width = column
            .width
            .unwrap_or_else(|| (widths[c] + 2.0).clamp(WIDTH_MIN, WIDTH_MAX));
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    if !table.rows.is_empty() {
        let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
        let last_col = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
        sheet
            .autofilter(0, 0, last_row, last_col)
            .map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

/// The width of `s` in character cells (a kanji counts two).
fn display_width(s: &str) -> f64 {
    s.width() as f64
}

/// At most Excel's 32,767 characters of `s` (never cut inside a character).
fn clipped(s: &str) -> &str {
    match s.char_indices().nth(CELL_MAX) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok().filter(|y| *y >= 1900)?;
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// A sheet name Excel accepts: without `[]:*?/\`, at most 31 characters, not empty.
fn sheet_name(title: &str) -> String {
    let name: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(SHEET_NAME_MAX)
        .collect();
    let name = name.trim_matches('\'').trim().to_owned();
    if name.is_empty() {
        "一覧".to_owned()
    } else {
        name
    }
}
