//! Reading a spreadsheet file into grids of cells, whatever its format and encoding.

use sha2::{Digest, Sha256};

use crate::grid::{Source, Workbook};
use crate::{read_book, read_csv, TableError};

/// Reads `bytes` (the whole file): `.xlsx`, `.xls` or CSV in UTF-8 (with or without a BOM) or
/// CP932, detected from the bytes. Every cell holding a 個人番号 is dropped as it is read.
pub fn read(bytes: &[u8]) -> Result<Workbook, TableError> {
    if bytes.is_empty() {
        return Err(TableError::Empty);
    }
    let sha256 = hex::encode(Sha256::digest(bytes));
    let (source, sheets) = if bytes.starts_with(b"PK\x03\x04") {
        (Source::Xlsx, read_book::sheets(bytes)?)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        (Source::Xls, read_book::sheets(bytes)?)
    } else {
        let (source, grid) = read_csv::grid(bytes)?;
        (source, vec![grid])
    };
    Ok(Workbook {
        source,
        sheets,
        sha256,
    })
}
