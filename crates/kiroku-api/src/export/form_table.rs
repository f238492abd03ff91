//! A printed list form's values as a spreadsheet table: the form file's captions, numbers
//! and dates typed as its columns say.

use kiroku_core::wareki;
use kiroku_forms::layout::CellKind;
use kiroku_forms::sheets::list::{ListForm, REASON_KEYS};
use kiroku_forms::FormKind;
use kiroku_tables::{Cell, Column, Row, Table};

use crate::ApiError;

pub(super) fn table(
    kind: FormKind,
    form: &ListForm,
    style: wareki::DateStyle,
) -> Result<Table, ApiError> {
    let layout = kind.layout()?;
    let columns = layout.table(kind, "main")?;
    let rows = form
        .records
        .iter()
        .map(|record| Row {
            cells: columns
                .iter()
                .map(|c| cell(c.cell, record.get(&c.key).unwrap_or_default()))
                .collect(),
            struck: record.is_struck(),
        })
        .collect();
    Ok(Table {
        title: layout.title.clone(),
        columns: columns
            .iter()
            .map(|c| Column::new(c.title.replace('\n', "")))
            .collect(),
        rows,
        dates: super::lists::date_style(style),
        reason_column: columns
            .iter()
            .position(|c| REASON_KEYS.contains(&c.key.as_str())),
    })
}

/// One value as the column's kind says; a value that does not read as one (「—」, two dates
/// in one cell) stays text.
fn cell(kind: CellKind, value: &str) -> Cell {
    if value.trim().is_empty() {
        return Cell::Empty;
    }
    match kind {
        CellKind::Number => value
            .trim()
            .parse::<f64>()
            .map_or_else(|_| Cell::text(value), Cell::Number),
        CellKind::Date => wareki::parse("日付", value).map_or_else(
            |_| Cell::text(value),
            |date| Cell::Date {
                date,
                label: value.to_owned(),
            },
        ),
        CellKind::Text => Cell::text(value),
    }
}
