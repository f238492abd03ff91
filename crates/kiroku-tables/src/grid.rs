//! A spreadsheet as read: the file's kind, its sheets, their cells, and where 個人番号 cells
//! were dropped.

use chrono::NaiveDate;

/// What the file turned out to be (detected from its bytes, never asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Xlsx,
    Xls,
    /// CSV in UTF-8 with a BOM.
    CsvUtf8Bom,
    /// CSV in UTF-8 without a BOM.
    CsvUtf8,
    /// CSV in CP932 (Shift_JIS).
    CsvCp932,
}

impl Source {
    /// In words, for the preview.
    pub fn label(self) -> &'static str {
        match self {
            Source::Xlsx => "Excel（.xlsx）",
            Source::Xls => "Excel 97-2003（.xls）",
            Source::CsvUtf8Bom => "CSV（UTF-8、BOM付き）",
            Source::CsvUtf8 => "CSV（UTF-8）",
            Source::CsvCp932 => "CSV（Shift_JIS）",
        }
    }
}

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel keeps as a date.
    Date(NaiveDate),
    /// A cell that held a 個人番号: dropped as it was read (its place is in [`Grid::dropped`]).
    Dropped,
}

/// Where a cell is: 0-based row and column of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellRef {
    pub row: usize,
    pub col: usize,
}

impl CellRef {
    /// `D12`: the column letters and the 1-based row, as Excel names a cell.
    pub fn a1(self) -> String {
        format!("{}{}", column_letters(self.col), self.row + 1)
    }
}

/// `A`, `B`, … `Z`, `AA`, …: the letters Excel gives the 0-based column `col`.
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// One sheet: its rows from the sheet's first row (row 0 is the sheet's row 1) and column A.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Value>>,
    /// The cells dropped because they held a 個人番号, in reading order.
    pub dropped: Vec<CellRef>,
}

/// A file read: its sheets (one for a CSV), what it was, and its SHA-256 (for the audit row).
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub source: Source,
    pub sheets: Vec<Grid>,
    pub sha256: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(3), "D");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(CellRef { row: 11, col: 3 }.a1(), "D12");
    }
}
