//! What the writer is handed: a table of captions and typed cells.

use chrono::NaiveDate;

use crate::cell_guard;
use crate::TableError;

/// The file formats a table is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV, UTF-8 with a BOM (Excel then reads it as UTF-8), CRLF.
    CsvUtf8,
    /// CSV in CP932 (Shift_JIS as Windows has it), CRLF: for older systems that want it.
    CsvCp932,
    /// An Excel workbook of one sheet.
    Xlsx,
}

impl Format {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::CsvUtf8 | Format::CsvCp932 => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// How an Excel date cell shows its date: as the office's setting says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// 和暦 (令和7年4月1日)
    #[default]
    Wareki,
    /// 西暦 (2025年4月1日)
    Seireki,
}

impl DateStyle {
    /// The Excel number format of a date cell. `[$-411]` is the Japanese locale, whose
    /// `ggge` writes the era and its year.
    pub(crate) fn excel_format(self) -> &'static str {
        match self {
            DateStyle::Wareki => "[$-411]ggge\"年\"m\"月\"d\"日\"",
            DateStyle::Seireki => "yyyy\"年\"m\"月\"d\"日\"",
        }
    }
}

/// One column: its caption (as the printed form's) and, optionally, its width in
/// characters (otherwise from its longest cell).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub caption: String,
    pub width: Option<f64>,
}

impl Column {
    pub fn new(caption: impl Into<String>) -> Self {
        Self {
            caption: caption.into(),
            width: None,
        }
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number (a count, an ID): a number cell in Excel.
    Number(f64),
    /// A date: a real date in Excel, shown per [`DateStyle`]; `label` is how CSV writes it
    /// (the office's 和暦 or 西暦 text).
    Date {
        date: NaiveDate,
        label: String,
    },
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    /// The text CSV writes.
    pub(crate) fn csv_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Empty => "".into(),
            Cell::Text(s) => s.as_str().into(),
            Cell::Number(n) => number_text(*n).into(),
            Cell::Date { label, .. } => label.as_str().into(),
        }
    }
}

/// A number as a person writes it: `12`, not `12.0`.
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// One row; a struck row (a record withdrawn as entered by mistake) is struck through in
/// Excel, as on the printed form.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub struck: bool,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            struck: false,
        }
    }
}

/// A list to write: the sheet's name, its captions and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name in Excel (the list's title, e.g. 「運用状況記録票」).
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub dates: DateStyle,
    /// The column left unstruck in a struck row (where the reason is written).
    pub reason_column: Option<usize>,
}

impl Table {
    /// Every row as wide as the captions, and no 個人番号 in any cell.
    pub(crate) fn check(&self) -> Result<(), TableError> {
        for (i, row) in self.rows.iter().enumerate() {
            if row.cells.len() != self.columns.len() {
                return Err(TableError::RowWidth {
                    row: i + 2,
                    cells: row.cells.len(),
                    columns: self.columns.len(),
                });
            }
            for (cell, column) in row.cells.iter().zip(&self.columns) {
                let holds = match cell {
                    Cell::Text(s) => kiroku_core::guard::holds_my_number(s),
                    Cell::Number(n) => cell_guard::number_holds(*n),
                    Cell::Empty | Cell::Date { .. } => false,
                };
                if holds {
                    return Err(TableError::MyNumber {
                        row: i + 2,
                        column: column.caption.clone(),
                    });
                }
            }
        }
        Ok(())
    }
}
