//! A printed list form's values as a spreadsheet table: the form file's captions, numbers
//! and dates typed as its columns say.

use std::collections::HashMap;

use chrono::NaiveDate;
use kiroku_core::wareki;
use kiroku_forms::layout::CellKind;
use kiroku_forms::sheets::list::{ListForm, REASON_KEYS};
use kiroku_forms::FormKind;
use kiroku_tables::{Cell, Column, Row, Table};

use crate::ApiError;

pub(super) fn table(
    kind: FormKind,
    form: ListForm,
    style: wareki::DateStyle,
) -> Result<Table, ApiError> {
    let layout = kind.layout()?;
    let columns = layout.table(kind, "main")?;
    // A year's records share a few hundred days: each label is read once.
    let mut dates: HashMap<String, Option<NaiveDate>> = HashMap::new();
    let rows = form
        .records
        .into_iter()
        .map(|mut record| Row {
            cells: columns
                .iter()
                .map(|c| cell(c.cell, record.take(&c.key).unwrap_or_default(), &mut dates))
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
fn cell(kind: CellKind, value: String, dates: &mut HashMap<String, Option<NaiveDate>>) -> Cell {
    if value.trim().is_empty() {
        return Cell::Empty;
    }
    match kind {
        CellKind::Number => match value.trim().parse::<f64>() {
            Ok(n) => Cell::Number(n),
            Err(_) => Cell::text(value),
        },
        CellKind::Date => {
            let date = match dates.get(&value) {
                Some(known) => *known,
                None => {
                    let read = wareki::parse("日付", &value).ok();
                    dates.insert(value.clone(), read);
                    read
                }
            };
            match date {
                Some(date) => Cell::Date { date, label: value },
                None => Cell::text(value),
            }
        }
        CellKind::Text => Cell::text(value),
    }
}
