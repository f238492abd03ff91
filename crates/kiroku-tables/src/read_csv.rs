//! CSV: the encoding (UTF-8 with or without a BOM, else CP932) and the delimiter (comma, or
//! tab for a file whose first line has tabs and no commas) are detected.

use encoding_rs::SHIFT_JIS;
use zeroize::Zeroize;

use crate::grid::{CellRef, Grid, Source, Value};
use crate::TableError;

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(crate) fn grid(bytes: &[u8]) -> Result<(Source, Grid), TableError> {
    let (source, mut text) = decode(bytes)?;
    let result = parse(&text);
    text.zeroize();
    Ok((source, result?))
}

fn decode(bytes: &[u8]) -> Result<(Source, String), TableError> {
    if let Some(rest) = bytes.strip_prefix(BOM) {
        return std::str::from_utf8(rest)
            .map(|s| (Source::CsvUtf8Bom, s.to_owned()))
            .map_err(|_| TableError::NotATable);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((Source::CsvUtf8, s.to_owned()));
    }
    let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(TableError::NotATable);
    }
    Ok((Source::CsvCp932, text.into_owned()))
}

fn parse(text: &str) -> Result<Grid, TableError> {
    if text.contains('\0') {
        return Err(TableError::NotATable);
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut dropped = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                record.clear();
                return Err(TableError::CsvRead(e.to_string()));
            }
        }
        let row = rows.len();
        let cells = record
            .iter()
            .enumerate()
            .map(|(col, field)| {
                if field.trim().is_empty() {
                    Value::Empty
                } else if kiroku_core::guard::holds_my_number(field) {
                    dropped.push(CellRef { row, col });
                    Value::Dropped
                } else {
                    Value::Text(field.to_owned())
                }
            })
            .collect();
        rows.push(cells);
    }
    // The reader's buffer held the last record's text.
    record.clear();
    Ok(Grid {
        name: "CSV".to_owned(),
        rows,
        dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(grid: &Grid) -> Vec<Vec<String>> {
        grid.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|v| match v {
                        Value::Text(s) => s.clone(),
                        Value::Empty => String::new(),
                        Value::Dropped => "<dropped>".into(),
                        other => format!("{other:?}"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn cp932_utf8_and_bom_are_told_apart_and_read_alike() {
        let csv = "氏名,所属\r\n佐藤 花子,総務課\r\n";
        let (cp932, _, _) = SHIFT_JIS.encode(csv);
        let mut bom = BOM.to_vec();
        bom.extend_from_slice(csv.as_bytes());
        for (bytes, source) in [
            (cp932.to_vec(), Source::CsvCp932),
            (csv.as_bytes().to_vec(), Source::CsvUtf8),
            (bom, Source::CsvUtf8Bom),
        ] {
            let (got, grid) = grid(&bytes).unwrap();
            assert_eq!(got, source);
            assert_eq!(
                texts(&grid),
                vec![vec!["氏名", "所属"], vec!["佐藤 花子", "総務課"]]
            );
        }
    }

    #[test]
    fn a_my_number_cell_is_dropped_and_its_place_reported() {
        let csv =
            "氏名,個人番号,メモ\n佐藤,528473910645,番号は 5284-7391-0645\n鈴木,528473910646,\n";
        let (_, grid) = grid(csv.as_bytes()).unwrap();
        assert_eq!(
            grid.dropped,
            vec![CellRef { row: 1, col: 1 }, CellRef { row: 1, col: 2 }]
        );
        let flat = format!("{:?}", grid.rows);
        assert!(!flat.contains("528473910645") && !flat.contains("5284-7391"));
        // A number whose check digit fails is not a 個人番号: kept.
        assert!(flat.contains("528473910646"));
    }

    #[test]
    fn a_tab_separated_file_is_read_by_its_tabs() {
        let (_, grid) = grid("氏名\t所属\n佐藤, 花子\t総務課\n".as_bytes()).unwrap();
        assert_eq!(texts(&grid)[1], vec!["佐藤, 花子", "総務課"]);
    }

    #[test]
    fn binary_bytes_are_not_a_table() {
        assert!(matches!(
            grid(&[0x00, 0xFF, 0xFE, 0x81]),
            Err(TableError::NotATable)
        ));
    }
}
