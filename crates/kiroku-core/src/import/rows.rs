//! Turning a sheet's data rows into typed, checked rows ([`staff_rows`], [`ledger_rows`],
//! [`handling_rows`]); a row that cannot be taken in is refused with every reason
//! ([`Refusal`]). Before a row is read:
//! - 〃 and 同上 take the cell above (the same column of the data row before);
//! - a blank row, and a header row printed again among the data, are passed over;
//! - every cell that is read is checked for a 個人番号 ([`MY_NUMBER_REASON`]); the 個人番号
//!   column itself is never read.

use serde::{Deserialize, Serialize};

use super::cell::{read_text, Cell};
use super::header::{CaptionIndex, Detected, Profile, MY_NUMBER_KEY};
use super::MY_NUMBER_REASON;
use crate::field::FieldError;

mod handling;
mod ledger;
mod staff;

pub use handling::{handling_rows, identity_check_of, HandlingRow};
pub use ledger::{ledger_rows, medium_of, LedgerRow};
pub use staff::{person_kind_of, staff_rows, DependentRow, StaffRow};

/// A row that was not imported, and why: one per reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// The sheet row, 1-based as Excel numbers rows.
    pub row: usize,
    /// The caption of the field at fault.
    pub field: String,
    pub reason: String,
}

impl Refusal {
    /// Row `row` refused for `error`'s field and reason.
    pub fn new(row: usize, error: FieldError) -> Self {
        Self {
            row,
            field: error.field.to_owned(),
            reason: error.message,
        }
    }
}

/// One data row being read: its cells (dittos resolved) and the reasons found so far to refuse
/// it.
#[derive(Debug)]
struct Line<'a> {
    /// The sheet row, 1-based.
    row: usize,
    cells: Vec<Cell>,
    columns: &'a [Option<&'static str>],
    profile: &'static Profile,
    refusals: Vec<Refusal>,
}

const EMPTY: Cell = Cell::Empty;

impl Line<'_> {
    /// The cell of the first column holding `key`.
    fn cell(&self, key: &str) -> &Cell {
        self.columns
            .iter()
            .position(|c| *c == Some(key))
            .and_then(|i| self.cells.get(i))
            .unwrap_or(&EMPTY)
    }

    /// The cell in `column`.
    fn at(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&EMPTY)
    }

    fn label(&self, key: &'static str) -> &'static str {
        self.profile.label_of(key)
    }

    /// The text of the field `key`, on one line.
    fn text(&self, key: &str) -> String {
        one_line(&read_text(self.cell(key)))
    }

    /// The value, or `None` with the error noted as a reason to refuse the row.
    fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.refuse(error);
                None
            }
        }
    }

    /// Notes a reason to refuse the row: the first reason found for each field.
    fn refuse(&mut self, error: FieldError) {
        if !self.refusals.iter().any(|r| r.field == error.field) {
            self.refusals.push(Refusal::new(self.row, error));
        }
    }

    fn refused(&self) -> bool {
        !self.refusals.is_empty()
    }
}

/// Line breaks and tabs in a cell (Alt+Enter) as single spaces: names and one-line fields.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for part in text.split(['\r', '\n', '\t']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Whether every cell that is read is blank.
fn is_blank(cells: &[Cell], columns: &[Option<&'static str>]) -> bool {
    columns.iter().enumerate().all(|(i, key)| match key {
        Some(key) if *key != MY_NUMBER_KEY => cells.get(i).is_none_or(Cell::is_blank),
        _ => true,
    })
}

/// Whether the row is the header printed again (as every printed page of a long list repeats
/// it): two of its cells, or all of them, are their column's caption.
fn is_header_again(cells: &[Cell], columns: &[Option<&'static str>], index: &CaptionIndex) -> bool {
    let mut filled = 0;
    let mut captions = 0;
    for (i, key) in columns.iter().enumerate() {
        let (Some(key), Some(cell)) = (key, cells.get(i)) else {
            continue;
        };
        if cell.is_blank() {
            continue;
        }
        filled += 1;
        if index.is_caption_of(key, &read_text(cell)) {
            captions += 1;
        }
    }
    captions >= 2 || (filled > 0 && captions == filled)
}

/// The data rows of `rows` below the header, as [`Line`]s: dittos resolved, blank rows and
/// repeated headers passed over, every read cell holding a 個人番号 noted as a reason to refuse.
fn lines<'a>(rows: &[Vec<Cell>], layout: &'a Detected, profile: &'static Profile) -> Vec<Line<'a>> {
    let columns = layout.columns.as_slice();
    let captions = CaptionIndex::new(profile);
    let mut above: Option<Vec<Cell>> = None;
    let mut lines = Vec::new();
    for (index, raw) in rows.iter().enumerate().skip(layout.first_data_row) {
        if is_blank(raw, columns) || is_header_again(raw, columns, &captions) {
            continue;
        }
        let cells: Vec<Cell> = raw
            .iter()
            .enumerate()
            .map(|(i, cell)| match &above {
                Some(above) if cell.is_ditto() => above.get(i).cloned().unwrap_or(Cell::Empty),
                _ => cell.clone(),
            })
            .collect();
        let mut line = Line {
            row: index + 1,
            cells,
            columns,
            profile,
            refusals: Vec::new(),
        };
        for (i, key) in columns.iter().enumerate() {
            let Some(key) = key.filter(|k| *k != MY_NUMBER_KEY) else {
                continue;
            };
            let field = line.label(key);
            if line.at(i).holds_my_number() {
                line.refuse(FieldError::new(field, MY_NUMBER_REASON));
            } else if line.at(i).is_ditto() {
                line.refuse(FieldError::new(
                    field,
                    "「〃」「同上」ですが、上に写す行がありません。値を入力してください。",
                ));
            }
        }
        above = Some(line.cells.clone());
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header::detect;
    use crate::import::profiles::PROFILES;

    pub(super) fn grid(rows: &[&[&str]]) -> Vec<Vec<Cell>> {
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|c| {
                        if c.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text((*c).to_owned())
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn dittos_blank_rows_and_repeated_headers() {
        let rows = grid(&[
            &["氏名", "所属"],
            &["山田 太郎", "総務課"],
            &["", ""],
            &["氏名", "所属"],
            &["佐藤 花子", "〃"],
            &["鈴木 一郎", "同上"],
        ]);
        let layout = detect(&rows, &PROFILES).unwrap();
        let lines = lines(&rows, &layout, &crate::import::STAFF);
        let read: Vec<(usize, String, String)> = lines
            .iter()
            .map(|l| (l.row, l.text("name"), l.text("dept")))
            .collect();
        assert_eq!(
            read,
            [
                (2, "山田 太郎", "総務課"),
                (5, "佐藤 花子", "総務課"),
                (6, "鈴木 一郎", "総務課")
            ]
            .map(|(r, n, d)| (r, n.to_owned(), d.to_owned()))
        );
    }

    #[test]
    fn a_ditto_with_no_row_above_is_refused() {
        let rows = grid(&[
            &["氏名", "所属"],
            &["山田 太郎", "〃"],
            &["佐藤 花子", "〃"],
        ]);
        let layout = detect(&rows, &PROFILES).unwrap();
        let lines = lines(&rows, &layout, &crate::import::STAFF);
        assert_eq!(lines[0].refusals.len(), 1);
        assert_eq!(lines[0].refusals[0].field, "所属");
        assert!(lines[0].refusals[0].reason.contains("上に写す行"));
        // The row below copies the 〃 it cannot resolve: refused in turn, not taken as a name.
        assert_eq!(lines[1].refusals.len(), 1);
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(one_line("山田\n太郎"), "山田 太郎");
        assert_eq!(one_line(" 総務課\r\n\r\n庶務係 "), "総務課 庶務係");
        assert_eq!(one_line("山田　太郎"), "山田　太郎");
    }
}
