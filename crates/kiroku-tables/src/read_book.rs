//! Excel workbooks (.xlsx, .xls) through calamine: every visible worksheet.

use std::io::Cursor;

use calamine::{Data, Reader, SheetType, SheetVisible};
use chrono::NaiveDate;
use zeroize::Zeroize;

use crate::cell_guard;
use crate::grid::{CellRef, Grid, Value};
use crate::TableError;

pub(crate) fn sheets(bytes: &[u8]) -> Result<Vec<Grid>, TableError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| TableError::Book(e.to_string()))?;
    let wanted: Vec<String> = {
        let meta = book.sheets_metadata();
        let visible: Vec<String> = meta
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .collect();
        if visible.is_empty() {
            meta.iter().map(|s| s.name.clone()).collect()
        } else {
            visible
        }
    };
    let mut grids = Vec::with_capacity(wanted.len());
    for name in wanted {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| TableError::Book(e.to_string()))?;
        grids.push(grid(name, range));
    }
    Ok(grids)
}

fn grid(name: String, range: calamine::Range<Data>) -> Grid {
    let (top, left) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows: Vec<Vec<Value>> = vec![Vec::new(); top];
    let mut dropped = Vec::new();
    for (i, source_row) in range.rows().enumerate() {
        let row = top + i;
        let mut cells = vec![Value::Empty; left];
        for (j, data) in source_row.iter().enumerate() {
            let col = left + j;
            let value = value(data.clone());
            if value == Value::Dropped {
                dropped.push(CellRef { row, col });
            }
            cells.push(value);
        }
        while cells.last() == Some(&Value::Empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    // calamine's own copy of the sheet is freed with `range` here (calamine gives no way to
    // wipe it in place); every copy this crate makes of a dropped cell is wiped.
    drop(range);
    Grid {
        name,
        rows,
        dropped,
    }
}

fn value(data: Data) -> Value {
    match data {
        Data::Empty | Data::Error(_) => Value::Empty,
        Data::String(mut s) => {
            if s.trim().is_empty() {
                Value::Empty
            } else if kiroku_core::guard::holds_my_number(&s) {
                s.zeroize();
                Value::Dropped
            } else {
                Value::Text(s)
            }
        }
        Data::Int(n) => number(n as f64),
        Data::Float(n) => number(n),
        Data::Bool(b) => Value::Text(if b { "TRUE" } else { "FALSE" }.to_owned()),
        Data::DateTime(d) if d.is_datetime() => d
            .as_datetime()
            .map_or_else(|| number(d.as_f64()), |dt| Value::Date(dt.date())),
        Data::DateTime(d) => number(d.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|ymd| NaiveDate::parse_from_str(ymd, "%Y-%m-%d").ok())
            .map_or(Value::Text(s.clone()), Value::Date),
        Data::DurationIso(s) => Value::Text(s),
    }
}

fn number(n: f64) -> Value {
    if cell_guard::number_holds(n) {
        Value::Dropped
    } else {
        Value::Number(n)
    }
}
