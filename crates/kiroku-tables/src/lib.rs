//! Spreadsheet files, both ways.
//!
//! - **Writing** ([`write`]): a [`Table`] handed by the caller (captions, typed cells, rows
//!   struck through) becomes CSV — UTF-8 with a BOM, which Excel opens as UTF-8, or CP932
//!   (Shift_JIS) on request, CRLF line ends for Excel and Notepad — or an `.xlsx` workbook of
//!   one sheet with the header row frozen, column widths set and dates as real Excel dates
//!   shown in 和暦 or 西暦.
//! - **Reading** ([`read`]): a CSV (UTF-8 with or without a BOM, or CP932: detected, not
//!   asked), `.xlsx` or `.xls` file becomes a [`Workbook`] of [`Grid`]s of [`Value`]s.
//!
//! Architecture invariant: a cell that holds a 個人番号 (a check-digit-valid 12-digit number,
//! after normalising) never leaves this crate. The reader checks every cell as it takes it
//! from the file and hands back [`Value::Dropped`] in its place — the text itself is wiped —
//! with the cell's place in [`Grid::dropped`]. The writer refuses a table holding one
//! (callers never hold one either: every stored text passed the guard).
//!
//! Like `kiroku-forms`, this crate never reads the vault: it writes what it is handed and
//! reads bytes it is handed.

mod cell_guard;
mod error;
mod grid;
mod read;
mod read_book;
mod read_csv;
mod table;
mod write_csv;
mod write_xlsx;

pub use error::TableError;
pub use grid::{column_letters, CellRef, Grid, Source, Value, Workbook};
pub use read::read;
pub use table::{Cell, Column, DateStyle, Format, Row, Table};

/// Writes `table` in `format`: the file's bytes.
pub fn write(table: &Table, format: Format) -> Result<Vec<u8>, TableError> {
    table.check()?;
    match format {
        Format::CsvUtf8 => write_csv::utf8(table),
        Format::CsvCp932 => write_csv::cp932(table),
        Format::Xlsx => write_xlsx::workbook(table),
    }
}
