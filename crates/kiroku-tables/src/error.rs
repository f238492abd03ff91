//! What can go wrong with a spreadsheet file, in words a clerk can act on.

/// A spreadsheet could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// A character that CP932 (Shift_JIS) has no code for.
    #[error("{row}行目の「{column}」にある「{ch}」は CP932（Shift_JIS）で書けない文字です。UTF-8 の CSV か Excel 形式で書き出してください。")]
    NotInCp932 {
        row: usize,
        column: String,
        ch: char,
    },
    /// A row with a different number of cells from the captions (a caller's mistake).
    #[error("{row}行目のセルの数（{cells}）が列の数（{columns}）と合いません。")]
    RowWidth {
        row: usize,
        cells: usize,
        columns: usize,
    },
    /// A cell holding what looks like a 個人番号 (never written).
    #[error("{row}行目の「{column}」に個人番号のような数字があるため書き出しません。")]
    MyNumber { row: usize, column: String },
    /// The xlsx writer failed.
    #[error("Excel ファイルを作れません（{0}）。")]
    Xlsx(String),
    /// The CSV writer failed.
    #[error("CSV ファイルを作れません（{0}）。")]
    Csv(String),
    /// The file is empty.
    #[error("ファイルが空です。取り込むファイルを確かめてください。")]
    Empty,
    /// The file is an Excel workbook that could not be read.
    #[error("Excel ファイルを読めません（{0}）。ファイルが壊れていないか、パスワードが掛かっていないか確かめてください。")]
    Book(String),
    /// The file is neither a spreadsheet nor text.
    #[error(
        "表のファイル（.xlsx、.xls、.csv）として読めません。Excel で開けるか確かめてください。"
    )]
    NotATable,
    /// A CSV file that could not be read.
    #[error("CSV ファイルを読めません（{0}）。")]
    CsvRead(String),
}
