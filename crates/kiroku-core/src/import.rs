//! 取り込み: the rules for reading an office's existing Excel and CSV sheets (職員名簿, 管理台帳,
//! 取扱記録表; DOMAIN.md §12). The file readers hand over a grid of [`Cell`]s; this module finds
//! the header ([`detect`]), reads each data row into a typed row or refuses it with its reasons
//! ([`staff_rows`], [`ledger_rows`], [`handling_rows`]) and never lets a 個人番号 through: a
//! 個人番号 column is recognised only to be reported, and a row with a 個人番号 in any cell
//! that is read is refused without repeating the number.

pub mod cell;
pub mod header;
pub mod profiles;
pub mod rows;
pub mod uses;

pub use cell::{read_code, read_date, read_text, read_tick, Cell, CellAt};
pub use header::{apply_mapping, detect, Detected, FieldSpec, Mapping, Profile};
pub use profiles::{HANDLING_LOG, LEDGER, PROFILES, STAFF};
pub use rows::{
    handling_rows, ledger_rows, staff_rows, DependentRow, HandlingRow, LedgerRow, Refusal, StaffRow,
};
pub use uses::{split_events, split_handlings, ImportedEvent};

/// Why a row holding a 個人番号 is not imported. It never repeats the number.
pub const MY_NUMBER_REASON: &str = "個人番号のような数字があるため取り込みません";

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    /// Texts offices put in cells, 個人番号 included, and the odd ones out.
    const TEXTS: &[&str] = &[
        "氏名",
        "社員番号",
        "扶養家族",
        "続柄",
        "関係事務",
        "従業員 氏名",
        "名称",
        "個人番号",
        "山田 太郎",
        "山田 528473910645",
        "5284-7391-0645",
        "本人",
        "妻",
        "〃",
        "同上",
        "同日",
        "平成27年10月10日",
        "R7.4.1",
        "2025/4/1 0:00:00",
        "45748",
        "平成27年12月10日に給与所得の源泉徴収票を作成、同日○○税務署に提出",
        "12月15日に本人に交付",
        "同月20日",
        "紙",
        "'=1+1",
        "\u{202E}",
        "ｱ",
        "",
    ];

    fn a_cell() -> impl Strategy<Value = Cell> {
        prop_oneof![
            Just(Cell::Empty),
            proptest::sample::select(TEXTS).prop_map(|t| Cell::Text(t.to_owned())),
            ".{0,12}".prop_map(Cell::Text),
            proptest::sample::select(vec![
                1.0,
                60.0,
                45748.0,
                528_473_910_645.0,
                12_345_678_901.0,
                -1.0,
                f64::NAN,
                1e300
            ])
            .prop_map(Cell::Number),
            any::<f64>().prop_map(Cell::Number),
            (1800i32..2200, 1u32..13, 1u32..29).prop_map(|(y, m, d)| Cell::Date(
                NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
            )),
        ]
    }

    fn a_grid() -> impl Strategy<Value = Vec<Vec<Cell>>> {
        proptest::collection::vec(proptest::collection::vec(a_cell(), 0..8), 0..10)
    }

    /// Every text of a value (as JSON), for checking that none holds a 個人番号.
    fn texts(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|v| texts(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| texts(v, out)),
            _ => {}
        }
    }

    fn no_my_number(value: impl serde::Serialize) -> Result<(), TestCaseError> {
        let mut found = Vec::new();
        texts(&serde_json::to_value(value).unwrap(), &mut found);
        for text in found {
            prop_assert!(!crate::guard::holds_my_number(&text), "{}", text);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn no_grid_panics_and_no_row_taken_in_holds_a_my_number(grid in a_grid()) {
            if let Some(layout) = detect(&grid, &PROFILES) {
                let _ = header::captions(&grid, layout.header_rows.clone());
                let (staff, refused) = staff_rows(&grid, &layout);
                no_my_number(&staff)?;
                no_my_number(&refused)?;
                let (ledger, refused) = ledger_rows(&grid, &layout);
                no_my_number(&ledger)?;
                no_my_number(&refused)?;
                let (log, refused) = handling_rows(&grid, &layout);
                no_my_number(&log)?;
                no_my_number(&refused)?;
            }
            let _ = cell::cells_holding_my_numbers(&grid, 0);
        }

        #[test]
        fn a_layout_of_any_columns_reads_any_grid(
            grid in a_grid(),
            keys in proptest::collection::vec(proptest::option::of(0usize..13), 0..9),
            first in 0usize..4,
        ) {
            for profile in PROFILES {
                let columns = keys
                    .iter()
                    .map(|k| k.and_then(|k| profile.fields.get(k)).map(|f| f.key))
                    .collect();
                let layout = Detected { profile: profile.name, header_rows: 0..first, columns, first_data_row: first };
                no_my_number(staff_rows(&grid, &layout))?;
                no_my_number(ledger_rows(&grid, &layout))?;
                no_my_number(handling_rows(&grid, &layout))?;
            }
        }

        #[test]
        fn no_text_panics_a_reader(text in "\\PC{0,40}", previous in proptest::option::of(Just(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap_or_default()))) {
            let cell = Cell::Text(text.clone());
            let _ = read_date("日付", &cell, previous);
            let _ = read_tick("チェック", &cell);
            let _ = read_code(&cell);
            let _ = read_text(&cell);
            if let Ok(events) = split_handlings("利用及び持出", &text, previous) {
                no_my_number(&events)?;
            }
            let _ = uses::recipient_of(&text);
            let _ = rows::identity_check_of(&text);
            let _ = header::normalize_caption(&text);
        }

        #[test]
        fn date_like_texts_never_panic(
            era in proptest::sample::select(vec!["", "平成", "令和", "H", "ｒ", "昭和", "同日", "同年", "同月"]),
            parts in proptest::collection::vec((0u32..100_000, proptest::sample::select(vec![".", "/", "年", "月", "日", " ", "-", "に", "、", "(木)"])), 0..6),
            tail in ".{0,6}",
        ) {
            let mut text = era.to_owned();
            for (n, sep) in parts {
                text.push_str(&n.to_string());
                text.push_str(sep);
            }
            text.push_str(&tail);
            let _ = split_handlings("利用及び持出", &text, NaiveDate::from_ymd_opt(2025, 4, 1));
            let _ = read_date("日付", &Cell::Text(text), None);
        }
    }
}
