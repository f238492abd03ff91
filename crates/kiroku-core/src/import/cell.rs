//! One cell of an office's sheet as the file readers hand it over, and how its value is read:
//! dates in every form offices write them (和暦, 西暦, Excel serial numbers, 「同日」),
//! ticks (○ ✓ レ 済), texts and codes.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use crate::field::FieldError;
use crate::guard;
use crate::wareki;

/// A cell's value. A merged cell arrives as its value in its first (top-left) cell and
/// [`Cell::Empty`] in the others.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// Empty, or a text of spaces only.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(_) | Cell::Date(_) => false,
        }
    }

    /// Whether the cell holds what looks like a 個人番号 (a 12-digit number whose check
    /// digit is valid, written as text or kept as a number).
    pub fn holds_my_number(&self) -> bool {
        match self {
            Cell::Text(t) => guard::holds_my_number(t),
            Cell::Number(n) => guard::number_is_my_number(*n),
            Cell::Empty | Cell::Date(_) => false,
        }
    }

    /// 〃, 同上: 「as in the row above」.
    pub fn is_ditto(&self) -> bool {
        matches!(self, Cell::Text(t) if is_ditto_word(&folded(t)))
    }
}

/// Where a cell is: its sheet row (1-based, as Excel numbers rows) and column (0-based);
/// shown the way Excel names it (`C5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct CellAt {
    pub row: usize,
    pub column: usize,
}

impl fmt::Display for CellAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_letter(self.column), self.row)
    }
}

/// The letters Excel names a column by: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letter(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    loop {
        letters.push(char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Every cell from sheet row index `from_row` (0-based) down that holds what looks like a
/// 個人番号, in any column: what the import report lists as not taken in.
pub fn cells_holding_my_numbers(rows: &[Vec<Cell>], from_row: usize) -> Vec<CellAt> {
    rows.iter()
        .enumerate()
        .skip(from_row)
        .flat_map(|(r, cells)| {
            cells
                .iter()
                .enumerate()
                .filter(|(_, c)| c.holds_my_number())
                .map(move |(column, _)| CellAt { row: r + 1, column })
        })
        .collect()
}

/// NFKC, trimmed of ASCII and full-width spaces.
fn folded(text: &str) -> String {
    text.nfkc().collect::<String>().trim().to_owned()
}

/// 〃 (and the double prime people type for it), 同上, 仝, 仝上.
fn is_ditto_word(folded: &str) -> bool {
    matches!(folded, "〃" | "″" | "′′" | "\"" | "同上" | "仝" | "仝上")
}

/// 「同日」 and the ditto words: the same date as `previous`.
fn is_same_day_word(folded: &str) -> bool {
    folded == "同日" || is_ditto_word(folded)
}

/// The latest date read from an Excel serial number or an 8-digit `YYYYMMDD`.
fn latest() -> NaiveDate {
    NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// An Excel serial date (the 1900 date system): 1 is 1900-01-01. Excel counts a 1900-02-29
/// that never was (serial 60, the Lotus 1-2-3 bug), so from serial 61 on the days are counted
/// from 1899-12-30. A time of day (the fraction) is dropped.
pub fn excel_serial_date(field: &'static str, serial: f64) -> Result<NaiveDate, FieldError> {
    let refuse = |why: &str| {
        FieldError::new(
            field,
            format!("{why}日付を「2025/4/1」「令和7年4月1日」のように入力し直してください。"),
        )
    };
    if !serial.is_finite() || serial < 1.0 {
        return Err(refuse("日付として読めない数です。"));
    }
    let days = serial.trunc();
    if days == 60.0 {
        return Err(refuse(
            "Excelの日付の60番（1900年2月29日）は実在しない日です。",
        ));
    }
    let base = if days < 60.0 {
        NaiveDate::from_ymd_opt(1899, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    };
    let date = base.and_then(|b| {
        if days > 1e6 {
            return None;
        }
        b.checked_add_signed(chrono::Duration::days(days as i64))
    });
    match date {
        Some(d) if d <= latest() => Ok(d),
        _ => Err(refuse(
            "日付のシリアル値としては大きすぎます（2100年より後になります）。",
        )),
    }
}

/// `YYYYMMDD` written as one number (20250401), as payroll exports often do.
fn compact_date(digits: &str) -> Option<NaiveDate> {
    if digits.len() != 8 {
        return None;
    }
    let y = digits.get(0..4)?.parse().ok()?;
    let m = digits.get(4..6)?.parse().ok()?;
    let d = digits.get(6..8)?.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d).filter(|date| *date >= wareki::earliest() && *date <= latest())
}

/// A number in a date cell: `YYYYMMDD` or an Excel serial date.
fn date_of_number(field: &'static str, n: f64) -> Result<NaiveDate, FieldError> {
    if n.fract() == 0.0 && (1.0e7..1.0e8).contains(&n) {
        if let Some(date) = compact_date(&format!("{n:.0}")) {
            return Ok(date);
        }
    }
    excel_serial_date(field, n)
}

/// Whether `s` is a time of day as Excel writes it after a date: `0:00`, `0:00:00`,
/// `10:30:00.000`, `午後3:00`, `3:00 PM`.
fn is_time(s: &str) -> bool {
    let s = s.trim_start_matches(['午', '前', '後']);
    let s = s
        .trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ' ')
        .trim();
    let parts: Vec<&str> = s.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| {
            !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || c == '.') && p.len() <= 6
        })
}

/// `2025/4/1 0:00:00` → `2025/4/1`; `2025-04-01T00:00:00` → `2025-04-01`.
fn without_time(text: &str) -> &str {
    if let Some(i) = text.find('T') {
        if i > 0 && is_time(&text[i + 1..]) {
            return text[..i].trim_end();
        }
    }
    text.match_indices(' ')
        .find(|(i, _)| is_time(&text[i + 1..]))
        .map_or(text, |(i, _)| text[..i].trim_end())
}

/// `令和7年4月1日（火）` → `令和7年4月1日`.
fn without_weekday(text: &str) -> &str {
    let Some(open) = text.rfind('(') else {
        return text;
    };
    let inner = text[open + 1..].trim_end_matches(')');
    let weekday = inner.chars().count() == 1 && inner.chars().all(|c| "日月火水木金土".contains(c));
    if weekday && text.ends_with(')') {
        text[..open].trim_end()
    } else {
        text
    }
}

/// Reads a date cell. Blank → `None`; a date → it; a number → an Excel serial date (or
/// `YYYYMMDD`); a text in 和暦 (`平成27年10月10日`, `H27.10.10`, `Ｈ２７．１０．１０`,
/// `令和元年5月1日`) or 西暦 (`2025/4/1`, `2025-04-01`, `2025年4月1日`, `2025.4.1`), with or
/// without a time after it (`2025/4/1 0:00:00`), a serial number written as text (`45748`), or
/// 「同日」「同上」「〃」, which mean `previous`.
pub fn read_date(
    field: &'static str,
    cell: &Cell,
    previous: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, FieldError> {
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Date(d) => return Ok(Some(*d)),
        Cell::Number(n) => return date_of_number(field, *n).map(Some),
        Cell::Text(t) => folded(t),
    };
    if text.is_empty() {
        return Ok(None);
    }
    if is_same_day_word(&text) {
        return previous.map(Some).ok_or_else(|| {
            FieldError::new(
                field,
                format!(
                    "{field}の「{text}」がどの日を指すのか分かりません。日付を入力してください。"
                ),
            )
        });
    }
    let text = without_weekday(without_time(&text));
    let numeric = text.split_once('.').map_or(text, |(whole, zeros)| {
        if zeros.chars().all(|c| c == '0') {
            whole
        } else {
            text
        }
    });
    if !numeric.is_empty() && numeric.len() <= 8 && numeric.chars().all(|c| c.is_ascii_digit()) {
        if let Some(date) = compact_date(numeric) {
            return Ok(Some(date));
        }
        let serial: f64 = numeric
            .parse()
            .map_err(|_| FieldError::new(field, "日付として読めない数です。"))?;
        return excel_serial_date(field, serial).map(Some);
    }
    wareki::parse(field, text).map(Some)
}

/// What a tick cell may say for yes.
const TICK_YES: &[&str] = &[
    "○", "◯", "〇", "●", "◎", "✓", "✔", "☑", "レ", "済", "済み", "有", "有り", "あり", "はい",
    "要", "1", "true", "yes", "y", "o", "必要",
];
/// What a tick cell may say for no (besides being empty).
const TICK_NO: &[&str] = &[
    "×",
    "✕",
    "✗",
    "x",
    "-",
    "ー",
    "―",
    "—",
    "無",
    "無し",
    "なし",
    "いいえ",
    "否",
    "未",
    "0",
    "false",
    "no",
];

/// Reads a tick (チェック欄): ○ ◯ 〇 ● ✓ ✔ レ 済 有 あり はい 要 1 TRUE yes are yes; blank,
/// × ✕ - ー 無 なし いいえ 0 FALSE no are no. Any other text is refused, naming `field` and
/// what is accepted.
pub fn read_tick(field: &'static str, cell: &Cell) -> Result<bool, FieldError> {
    let refuse = || {
        FieldError::new(
            field,
            format!("{field}は「○」「✓」「レ」「済」「有」「1」などか、空欄・「×」「-」「無」「0」で入力してください。"),
        )
    };
    let text = match cell {
        Cell::Empty => return Ok(false),
        Cell::Number(n) if *n == 1.0 => return Ok(true),
        Cell::Number(n) if *n == 0.0 => return Ok(false),
        Cell::Number(_) | Cell::Date(_) => return Err(refuse()),
        Cell::Text(t) => folded(t).to_lowercase(),
    };
    if text.is_empty() || TICK_NO.contains(&text.as_str()) {
        Ok(false)
    } else if TICK_YES.contains(&text.as_str()) {
        Ok(true)
    } else {
        Err(refuse())
    }
}

/// A number as written: integral numbers without `.0` and never with an exponent
/// (`12345678.0` → `12345678`).
fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// Reads a text cell: trimmed of ASCII and full-width spaces; a number as written
/// (`123`, not `123.0`); a date as `YYYY-MM-DD`. The apostrophe a CSV export puts before a
/// leading `=` `+` `-` `@` (so that Excel does not run it as a formula) is taken off.
pub fn read_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Number(n) => number_text(*n),
        Cell::Date(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        Cell::Text(t) => {
            let t = t.trim();
            let mut chars = t.chars();
            match (chars.next(), chars.next()) {
                (Some('\''), Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠')) => {
                    t['\''.len_utf8()..].to_owned()
                }
                _ => t.to_owned(),
            }
        }
    }
}

/// Reads a code (社員番号, NO.): NFKC (full-width digits become ASCII), trimmed, a leading
/// apostrophe taken off, an integral number without `.0` or exponent.
pub fn read_code(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => {
            let t = folded(t);
            t.strip_prefix('\'').unwrap_or(&t).trim().to_owned()
        }
        other => read_text(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    #[rstest]
    #[case("平成27年10月10日", d(2015, 10, 10))]
    #[case("H27.10.10", d(2015, 10, 10))]
    #[case("h27/10/10", d(2015, 10, 10))]
    #[case("Ｈ２７．１０．１０", d(2015, 10, 10))]
    #[case("令和元年5月1日", d(2019, 5, 1))]
    #[case("R1.5.1", d(2019, 5, 1))]
    #[case("R7/4/1", d(2025, 4, 1))]
    #[case("平成31年4月30日", d(2019, 4, 30))]
    #[case("昭和50年1月2日", d(1975, 1, 2))]
    #[case("S50.1.2", d(1975, 1, 2))]
    #[case("2025/4/1", d(2025, 4, 1))]
    #[case("2025-04-01", d(2025, 4, 1))]
    #[case("2025年4月1日", d(2025, 4, 1))]
    #[case("2025.4.1", d(2025, 4, 1))]
    #[case("２０２５／４／１", d(2025, 4, 1))]
    #[case("45748", d(2025, 4, 1))]
    #[case("45748.0", d(2025, 4, 1))]
    #[case("20250401", d(2025, 4, 1))]
    #[case("2025/4/1 0:00:00", d(2025, 4, 1))]
    #[case("2025/04/01 10:30", d(2025, 4, 1))]
    #[case("2025-04-01T00:00:00", d(2025, 4, 1))]
    #[case("令和7年4月1日(火)", d(2025, 4, 1))]
    #[case("令和7年4月1日（火）", d(2025, 4, 1))]
    #[case(" 　R7.4.1　", d(2025, 4, 1))]
    fn reads_every_written_date(#[case] written: &str, #[case] date: NaiveDate) {
        assert_eq!(read_date("生年月日", &text(written), None), Ok(Some(date)));
    }

    #[rstest]
    #[case(45748.0, d(2025, 4, 1))]
    #[case(45748.75, d(2025, 4, 1))]
    #[case(1.0, d(1900, 1, 1))]
    #[case(59.0, d(1900, 2, 28))]
    #[case(61.0, d(1900, 3, 1))]
    #[case(42287.0, d(2015, 10, 10))]
    #[case(20150101.0, d(2015, 1, 1))]
    fn reads_excel_serial_numbers(#[case] n: f64, #[case] date: NaiveDate) {
        assert_eq!(read_date("取得日", &Cell::Number(n), None), Ok(Some(date)));
    }

    #[rstest]
    #[case(60.0, "実在しない")]
    #[case(0.0, "読めない")]
    #[case(-3.0, "読めない")]
    #[case(f64::NAN, "読めない")]
    #[case(f64::INFINITY, "読めない")]
    #[case(1e300, "大きすぎ")]
    #[case(528_473_910_645.0, "大きすぎ")]
    #[case(99_999.0, "大きすぎ")]
    fn refuses_serials_that_are_no_date(#[case] n: f64, #[case] hint: &str) {
        let err = read_date("取得日", &Cell::Number(n), None).unwrap_err();
        assert_eq!(err.field, "取得日");
        assert!(err.message.contains(hint), "{n}: {}", err.message);
        assert!(!err.message.contains("0645"));
    }

    #[test]
    fn blank_and_date_cells() {
        assert_eq!(read_date("退職日", &Cell::Empty, None), Ok(None));
        assert_eq!(read_date("退職日", &text(" 　"), None), Ok(None));
        assert_eq!(
            read_date("退職日", &Cell::Date(d(2025, 3, 31)), None),
            Ok(Some(d(2025, 3, 31)))
        );
    }

    #[rstest]
    #[case("同日")]
    #[case("同上")]
    #[case("〃")]
    #[case(" 〃 ")]
    fn same_day_words_take_the_previous_date(#[case] word: &str) {
        let before = d(2015, 12, 8);
        assert_eq!(
            read_date("記載日", &text(word), Some(before)),
            Ok(Some(before))
        );
        let err = read_date("記載日", &text(word), None).unwrap_err();
        assert_eq!(err.field, "記載日");
        assert!(err.message.contains("どの日"), "{}", err.message);
    }

    #[rstest]
    #[case("あした")]
    #[case("平成27年13月1日")]
    #[case("令和0年4月1日")]
    fn refuses_text_that_is_no_date_naming_the_field(#[case] written: &str) {
        let err = read_date("入社日", &text(written), None).unwrap_err();
        assert_eq!(err.field, "入社日");
    }

    #[rstest]
    #[case("○")]
    #[case("◯")]
    #[case("〇")]
    #[case("●")]
    #[case("✓")]
    #[case("✔")]
    #[case("レ")]
    #[case("ﾚ")]
    #[case("済")]
    #[case("有")]
    #[case("あり")]
    #[case("はい")]
    #[case("要")]
    #[case("1")]
    #[case("TRUE")]
    #[case("true")]
    #[case("yes")]
    fn ticks_that_mean_yes(#[case] written: &str) {
        assert_eq!(read_tick("封緘", &text(written)), Ok(true), "{written}");
    }

    #[rstest]
    #[case("")]
    #[case("×")]
    #[case("✕")]
    #[case("-")]
    #[case("ー")]
    #[case("無")]
    #[case("なし")]
    #[case("いいえ")]
    #[case("0")]
    #[case("FALSE")]
    fn ticks_that_mean_no(#[case] written: &str) {
        assert_eq!(read_tick("封緘", &text(written)), Ok(false), "{written}");
    }

    #[test]
    fn tick_numbers_and_unknown_text() {
        assert_eq!(read_tick("封緘", &Cell::Empty), Ok(false));
        assert_eq!(read_tick("封緘", &Cell::Number(1.0)), Ok(true));
        assert_eq!(read_tick("封緘", &Cell::Number(0.0)), Ok(false));
        for cell in [text("たぶん"), Cell::Number(2.0), Cell::Date(d(2025, 4, 1))] {
            let err = read_tick("封緘", &cell).unwrap_err();
            assert_eq!(err.field, "封緘");
            assert!(err.message.contains("「○」"), "{}", err.message);
            assert!(!err.message.contains("たぶん"));
        }
    }

    #[rstest]
    #[case(text("  山田　太郎　"), "山田　太郎")]
    #[case(Cell::Number(123.0), "123")]
    #[case(Cell::Number(1.5), "1.5")]
    #[case(Cell::Number(12_345_678.0), "12345678")]
    #[case(Cell::Date(d(2025, 4, 1)), "2025-04-01")]
    #[case(Cell::Empty, "")]
    #[case(text("'=SUM(A1)"), "=SUM(A1)")]
    #[case(text("'+81"), "+81")]
    #[case(text("'-"), "-")]
    #[case(text("'@x"), "@x")]
    #[case(text("'山田"), "'山田")]
    fn reads_texts(#[case] cell: Cell, #[case] expected: &str) {
        assert_eq!(read_text(&cell), expected);
    }

    #[rstest]
    #[case(Cell::Number(12_345_678.0), "12345678")]
    #[case(Cell::Number(1e14), "100000000000000")]
    #[case(text("０００１２３"), "000123")]
    #[case(text(" A-01 "), "A-01")]
    #[case(text("'00123"), "00123")]
    fn reads_codes(#[case] cell: Cell, #[case] expected: &str) {
        assert_eq!(read_code(&cell), expected);
    }

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(CellAt { row: 5, column: 2 }.to_string(), "C5");
    }

    #[test]
    fn finds_the_cells_that_hold_a_my_number() {
        let rows = vec![
            vec![text("氏名"), text("個人番号")],
            vec![text("山田"), text("5284 7391 0645")],
            vec![text("佐藤"), Cell::Number(528_473_910_645.0)],
            vec![text("鈴木"), Cell::Number(123_456_789_019.0)],
        ];
        assert_eq!(
            cells_holding_my_numbers(&rows, 1),
            vec![CellAt { row: 2, column: 1 }, CellAt { row: 3, column: 1 }]
        );
    }

    #[test]
    fn ditto_marks() {
        assert!(text("〃").is_ditto());
        assert!(text("同上").is_ditto());
        assert!(!text("同日").is_ditto());
        assert!(!Cell::Empty.is_ditto());
    }
}
