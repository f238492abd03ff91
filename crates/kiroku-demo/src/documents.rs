//! The demo office's documents (帳票): each 年分's 扶養控除等申告書 and 源泉徴収票（控え） as a
//! batch, and each year's 雇用保険 filings, under their 台帳 files and built-in rules — enough
//! for the disposal schedule to show this year's batch, next year's, and what is overdue (the
//! demo office has not disposed of them yet: a task for the clerk who tries it).
//! None is disposed of here, so the handling log keeps exactly the events asked for.

use chrono::{Datelike, NaiveDate};

use kiroku_core::fiscal_year::FiscalYear;

use super::calendar::{year_label, ymd};
use super::ledger::File;
use kiroku_api::{ApiError, NewDocument, Session};

/// (帳票名 after the year, 台帳 file, rule name, named by 年度 rather than 年分).
const KINDS: [(&str, File, &str, bool); 3] = [
    (
        "給与所得者の扶養控除等（異動）申告書",
        File::Fuyo,
        "給与所得者の扶養控除等（異動）申告書",
        false,
    ),
    (
        "給与所得の源泉徴収票（控え）",
        File::Gensen,
        "給与所得の源泉徴収票（控え）",
        false,
    ),
    (
        "雇用保険 被保険者資格取得届（控え）",
        File::Koyo,
        "雇用保険 被保険者に関する書類（資格取得届等の控え）",
        true,
    ),
];

/// Adds the documents of every year from `first_year` to `today`'s year. Returns how many.
pub(super) fn register(
    clerk: &mut Session,
    files: &[(File, i64)],
    first_year: i32,
    today: NaiveDate,
    staff: u32,
) -> Result<u64, ApiError> {
    let mut count = 0;
    for year in first_year..=today.year() {
        for (what, file, rule, by_fiscal_year) in KINDS {
            let Some(&(_, no)) = files.iter().find(|(f, _)| *f == file) else {
                continue;
            };
            // A 年分 counts from its year; a 雇用保険 filing is complete (完結) at the end of
            // its 年度.
            let (base, batch, label) = if by_fiscal_year {
                (
                    ymd(year + 1, 3, 31),
                    staff / 10 + 1,
                    FiscalYear(year).label(),
                )
            } else {
                (ymd(year, 1, 1), staff, year_label(year))
            };
            if base > today {
                continue;
            }
            clerk.add_document(&NewDocument {
                name: format!("{label} {what}"),
                file: no,
                rule: rule.into(),
                base_date: base.to_string(),
                person: None,
                batch_count: Some(batch.max(1)),
            })?;
            count += 1;
        }
    }
    Ok(count)
}
