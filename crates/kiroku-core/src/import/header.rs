//! Finding the 見出し (header) of an office's sheet: which rows hold the captions, which kind of
//! sheet it is ([`Profile`]) and which field each column holds. A header is one row, or two
//! rows whose top row has merged cells (「扶養家族」 over 「氏名」「続柄」). The clerk can
//! correct what was found with a [`Mapping`], which is saved as JSON.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::cell::{column_letter, read_text, Cell};
use crate::field::FieldError;

/// How many rows from the top the header is looked for in (titles and notes stand above it).
pub const HEADER_SEARCH_ROWS: usize = 15;

/// The key of the 個人番号 column: recognised only to report that it is not imported.
pub const MY_NUMBER_KEY: &str = "my_number";

/// One field a sheet may hold: its key, its caption (見出し) and the other captions offices
/// give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    /// The caption shown to the clerk and named in errors.
    pub label: &'static str,
    /// Other captions offices write for it (compared after [`normalize_caption`]).
    pub synonyms: &'static [&'static str],
    /// The sheet is not of this kind unless a column holds this field.
    pub required: bool,
    /// May stand in several columns (numbered groups: 扶養家族1氏名, 扶養家族2氏名, …).
    pub repeats: bool,
}

/// A kind of sheet (職員名簿, 管理台帳, 取扱記録表) and the fields it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    pub name: &'static str,
    /// The kind of sheet in Japanese, shown to the clerk.
    pub label: &'static str,
    pub fields: &'static [FieldSpec],
}

impl Profile {
    /// The field with `key`.
    pub fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The caption of the field with `key` (the key itself for a key the profile lacks).
    pub fn label_of(&self, key: &'static str) -> &'static str {
        self.field(key).map_or(key, |f| f.label)
    }

    /// Whether `text` is one of the captions of the field `key` (as in a header row printed
    /// again among the data rows).
    pub fn is_caption_of(&self, key: &str, text: &str) -> bool {
        CaptionIndex::new(self).is_caption_of(key, text)
    }
}

/// A profile's captions (labels and synonyms), normalised once, to compare captions against.
#[derive(Debug)]
pub(crate) struct CaptionIndex {
    fields: &'static [FieldSpec],
    captions: Vec<(String, &'static FieldSpec)>,
}

impl CaptionIndex {
    pub(crate) fn new(profile: &Profile) -> Self {
        let captions = profile
            .fields
            .iter()
            .flat_map(|f| {
                std::iter::once(f.label)
                    .chain(f.synonyms.iter().copied())
                    .map(move |s| (normalize_caption(s), f))
            })
            .collect();
        Self {
            fields: profile.fields,
            captions,
        }
    }

    /// The field whose caption is `caption`, already normalised.
    fn field(&self, caption: &str) -> Option<&'static FieldSpec> {
        if caption.is_empty() {
            return None;
        }
        self.captions
            .iter()
            .find(|(c, _)| c == caption)
            .map(|(_, f)| *f)
    }

    fn has(&self, key: &str) -> bool {
        self.fields.iter().any(|f| f.key == key)
    }

    fn repeats(&self, key: &str) -> bool {
        self.fields.iter().any(|f| f.key == key && f.repeats)
    }

    /// Whether `text` is one of the captions of the field `key`.
    pub(crate) fn is_caption_of(&self, key: &str, text: &str) -> bool {
        self.field(&normalize_caption(text))
            .is_some_and(|f| f.key == key)
    }
}

/// What [`detect`] found (or a [`Mapping`] set): the kind of sheet, the header rows (0-based
/// row indexes), the field key of each column (`None`: not imported) and the first row of data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub profile: &'static str,
    pub header_rows: Range<usize>,
    pub columns: Vec<Option<&'static str>>,
    pub first_data_row: usize,
}

impl Detected {
    /// The first column holding `key`.
    pub fn column_of(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(key))
    }

    /// The columns recognised as 個人番号: never read, reported as not imported.
    pub fn my_number_columns(&self) -> Vec<usize> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Some(MY_NUMBER_KEY))
            .map(|(i, _)| i)
            .collect()
    }
}

/// A caption as compared: NFKC, lower case, without spaces, line breaks, 「・」, brackets,
/// dots and the marks of a required column (※ *).
pub fn normalize_caption(text: &str) -> String {
    text.nfkc()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '・' | '･'
                        | '('
                        | ')'
                        | '['
                        | ']'
                        | '【'
                        | '】'
                        | '「'
                        | '」'
                        | '〔'
                        | '〕'
                        | '.'
                        | '※'
                        | '*'
                        | ':'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a caption that matched no field still speaks of a 個人番号 itself (not of the day it
/// was obtained, how it was checked, …).
fn speaks_of_my_number(caption: &str) -> bool {
    const ABOUT_HANDLING: [&str; 11] = [
        "日", "方法", "確認", "取得", "記載", "利用", "提出", "廃棄", "削除", "有無", "済",
    ];
    (caption.contains("個人番号") || caption.contains("マイナンバー"))
        && !ABOUT_HANDLING.iter().any(|w| caption.contains(w))
}

/// The field of one column from its captions, tried in order (top+bottom, bottom, top): each
/// as written, then without its digits (扶養家族1氏名 → 扶養家族氏名); failing all, a 個人番号
/// caption the profile does not list.
fn field_of(index: &CaptionIndex, candidates: &[String]) -> Option<&'static str> {
    let captioned = |caption: &String| {
        let without_digits: String = caption.chars().filter(|c| !c.is_ascii_digit()).collect();
        index
            .field(caption)
            .or_else(|| index.field(&without_digits))
    };
    let my_number = || {
        (index.has(MY_NUMBER_KEY) && candidates.iter().any(|c| speaks_of_my_number(c)))
            .then_some(MY_NUMBER_KEY)
    };
    candidates
        .iter()
        .find_map(captioned)
        .map(|f| f.key)
        .or_else(my_number)
}

/// The captions of a row, one per column, as text (`""` for an empty cell), `width` long.
fn caption_texts(row: &[Cell], width: usize) -> Vec<String> {
    (0..width)
        .map(|i| row.get(i).map(read_text).unwrap_or_default())
        .collect()
}

/// The top row of a two-row header with each merged cell's caption carried right over the
/// cells below it: a merged cell arrives as its caption in its first column and empty cells to
/// the right, and it spans as far as the row below has captions without a gap.
fn carried_right(top: &[String], bottom: &[String]) -> Vec<String> {
    let mut carried = top.to_vec();
    for column in 0..carried.len() {
        if !top[column].is_empty() || bottom[column].is_empty() {
            continue;
        }
        let Some(source) = (0..column).rev().find(|k| !top[*k].is_empty()) else {
            continue;
        };
        if (source..=column).all(|k| !bottom[k].is_empty()) {
            carried[column] = top[source].clone();
        }
    }
    carried
}

/// The field key of each column of a header of one or two rows (`header`), duplicates of a
/// field that does not repeat dropped (the first column keeps it).
pub fn match_columns(profile: &Profile, header: &[Vec<Cell>]) -> Vec<Option<&'static str>> {
    columns_by(&CaptionIndex::new(profile), header)
}

fn columns_by(index: &CaptionIndex, header: &[Vec<Cell>]) -> Vec<Option<&'static str>> {
    let width = header.iter().map(Vec::len).max().unwrap_or(0);
    let (top, bottom) = match header {
        [top, bottom] => {
            let bottom = caption_texts(bottom, width);
            (carried_right(&caption_texts(top, width), &bottom), bottom)
        }
        [row] => (vec![String::new(); width], caption_texts(row, width)),
        _ => return Vec::new(),
    };
    let mut columns = Vec::with_capacity(width);
    for (top, bottom) in top.iter().zip(&bottom) {
        let (top, bottom) = (normalize_caption(top), normalize_caption(bottom));
        let candidates: Vec<String> = [format!("{top}{bottom}"), bottom, top]
            .into_iter()
            .filter(|c| !c.is_empty())
            .collect();
        let key = field_of(index, &candidates)
            .filter(|key| index.repeats(key) || !columns.contains(&Some(*key)));
        columns.push(key);
    }
    columns
}

/// Every required field of `profile` has a column.
fn has_required(profile: &Profile, columns: &[Option<&'static str>]) -> bool {
    profile
        .fields
        .iter()
        .filter(|f| f.required)
        .all(|f| columns.contains(&Some(f.key)))
}

/// How many different fields the columns hold.
fn matched_fields(columns: &[Option<&'static str>]) -> usize {
    let mut keys: Vec<&str> = columns.iter().flatten().copied().collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len()
}

/// Finds the header within the first [`HEADER_SEARCH_ROWS`] rows: the profile and the header row
/// (or pair of rows) whose captions match the most fields, all required fields among them. On
/// a tie the earlier profile wins, then one header row over two, then the higher row.
pub fn detect(rows: &[Vec<Cell>], profiles: &[&Profile]) -> Option<Detected> {
    let indexes: Vec<CaptionIndex> = profiles.iter().map(|p| CaptionIndex::new(p)).collect();
    let mut best: Option<(usize, Detected)> = None;
    for start in 0..rows.len().min(HEADER_SEARCH_ROWS) {
        for height in [1, 2] {
            let end = start + height;
            let Some(header) = rows.get(start..end).filter(|_| end <= HEADER_SEARCH_ROWS) else {
                continue;
            };
            for (profile, index) in profiles.iter().zip(&indexes) {
                let columns = columns_by(index, header);
                let score = matched_fields(&columns);
                if score == 0 || !has_required(profile, &columns) {
                    continue;
                }
                let better = match &best {
                    None => true,
                    Some((best_score, found)) => {
                        score > *best_score
                            || (score == *best_score && height < found.header_rows.len())
                    }
                };
                if better {
                    best = Some((
                        score,
                        Detected {
                            profile: profile.name,
                            header_rows: start..start + height,
                            columns,
                            first_data_row: start + height,
                        },
                    ));
                }
            }
        }
    }
    best.map(|(_, found)| found)
}

/// The caption of each column as the sheet shows it (a two-row header's captions joined by
/// a space, merged captions carried right), for the clerk to check the columns against.
pub fn captions(rows: &[Vec<Cell>], header_rows: Range<usize>) -> Vec<String> {
    let header = rows.get(header_rows).unwrap_or_default();
    let width = header.iter().map(Vec::len).max().unwrap_or(0);
    match header {
        [top, bottom] => {
            let bottom = caption_texts(bottom, width);
            carried_right(&caption_texts(top, width), &bottom)
                .into_iter()
                .zip(bottom)
                .map(|(t, b)| match (t.is_empty(), b.is_empty()) {
                    (false, false) => format!("{t} {b}"),
                    (true, _) => b,
                    (false, true) => t,
                })
                .collect()
        }
        [row] => caption_texts(row, width),
        _ => Vec::new(),
    }
}

/// The columns as the clerk set them: what [`detect`] found, corrected, saved as JSON and read
/// back with [`apply_mapping`]. `columns` holds a field key per column, `None` to not import it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub profile: String,
    pub header_rows: Range<usize>,
    pub columns: Vec<Option<String>>,
}

impl From<&Detected> for Mapping {
    fn from(found: &Detected) -> Self {
        Self {
            profile: found.profile.to_owned(),
            header_rows: found.header_rows.clone(),
            columns: found.columns.iter().map(|c| c.map(str::to_owned)).collect(),
        }
    }
}

/// Reads a clerk's [`Mapping`] against the profiles: the profile exists, every key is one of its
/// fields, a field that does not repeat stands in one column only, and every required field
/// has a column. Data start below the header rows.
pub fn apply_mapping(mapping: &Mapping, profiles: &[&Profile]) -> Result<Detected, FieldError> {
    const FIELD: &str = "列の割り当て";
    let profile = profiles
        .iter()
        .find(|p| p.name == mapping.profile)
        .ok_or_else(|| {
            let kinds: Vec<String> = profiles
                .iter()
                .map(|p| format!("{}（{}）", p.name, p.label))
                .collect();
            FieldError::new(
                "表の種類",
                format!(
                    "表の種類は次のいずれかを選んでください: {}。",
                    kinds.join("、")
                ),
            )
        })?;
    if mapping.header_rows.start > mapping.header_rows.end {
        return Err(FieldError::new(
            "見出しの行",
            "見出しの行の範囲が逆になっています。最初の行と最後の行を選び直してください。",
        ));
    }
    let mut columns: Vec<Option<&'static str>> = Vec::with_capacity(mapping.columns.len());
    for (i, key) in mapping.columns.iter().enumerate() {
        let Some(key) = key else {
            columns.push(None);
            continue;
        };
        let field = profile.field(key).ok_or_else(|| {
            FieldError::new(
                FIELD,
                format!(
                    "{}列に割り当てた項目は「{}」にありません。一覧から項目を選び直してください。",
                    column_letter(i),
                    profile.label
                ),
            )
        })?;
        if let Some(first) = columns.iter().position(|c| *c == Some(field.key)) {
            if !field.repeats {
                return Err(FieldError::new(
                    FIELD,
                    format!(
                        "「{}」が{}列と{}列の2つに割り当てられています。どちらか1つにしてください。",
                        field.label,
                        column_letter(first),
                        column_letter(i)
                    ),
                ));
            }
        }
        columns.push(Some(field.key));
    }
    if let Some(missing) = profile
        .fields
        .iter()
        .find(|f| f.required && !columns.contains(&Some(f.key)))
    {
        return Err(FieldError::new(
            FIELD,
            format!(
                "「{}」の列がありません。「{}」が入っている列に割り当ててください。",
                missing.label, missing.label
            ),
        ));
    }
    Ok(Detected {
        profile: profile.name,
        header_rows: mapping.header_rows.clone(),
        columns,
        first_data_row: mapping.header_rows.end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::profiles::{HANDLING_LOG, LEDGER, PROFILES, STAFF};

    fn row(captions: &[&str]) -> Vec<Cell> {
        captions
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text((*c).to_owned())
                }
            })
            .collect()
    }

    #[test]
    fn captions_are_normalised_before_matching() {
        assert_eq!(normalize_caption("従業員 氏名"), "従業員氏名");
        assert_eq!(
            normalize_caption("廃棄・削除\n（方法・状況）"),
            "廃棄削除方法状況"
        );
        assert_eq!(normalize_caption("ＮＯ．"), "no");
        assert_eq!(normalize_caption("ﾌﾘｶﾞﾅ"), "フリガナ");
        assert_eq!(normalize_caption("個人番号［12桁］"), "個人番号12桁");
    }

    #[test]
    fn the_002_handling_log_header_is_found_with_every_column() {
        let rows = vec![
            row(&["特定個人情報等の取扱記録表"]),
            row(&[
                "関係事務",
                "従業員 氏名",
                "所属",
                "扶養家族 氏名",
                "個人番号 取得日",
                "本人確認 方法",
                "特定個人情報ファイ ルへの記載日等",
                "担当",
                "特定個人情報の 利用及び持出",
                "廃棄・ 削除日",
            ]),
            row(&["給与所得の源泉徴収票", "〇〇", "〇課"]),
        ];
        let found = detect(&rows, &PROFILES).unwrap();
        assert_eq!(found.profile, "handling_log");
        assert_eq!(found.header_rows, 1..2);
        assert_eq!(found.first_data_row, 2);
        assert_eq!(
            found.columns,
            [
                "affair",
                "person",
                "dept",
                "dependent",
                "acquired_on",
                "identity_check",
                "recorded_on",
                "clerk",
                "uses",
                "disposal"
            ]
            .map(Some)
        );
    }

    #[test]
    fn a_header_in_row_3_under_a_title_row_and_a_blank_row() {
        let rows = vec![
            row(&["職員名簿（令和7年4月1日現在）"]),
            row(&[]),
            row(&[
                "社員番号",
                "所属",
                "氏名",
                "フリガナ",
                "生年月日",
                "入社日",
                "退職日",
            ]),
            row(&[
                "001",
                "総務課",
                "山田 太郎",
                "ヤマダ タロウ",
                "S50.1.2",
                "H10.4.1",
                "",
            ]),
        ];
        let found = detect(&rows, &PROFILES).unwrap();
        assert_eq!(found.profile, "staff");
        assert_eq!(found.header_rows, 2..3);
        assert_eq!(found.first_data_row, 3);
        assert_eq!(
            found.columns,
            [
                "staff_no",
                "dept",
                "name",
                "kana",
                "born_on",
                "joined_on",
                "left_on"
            ]
            .map(Some)
        );
    }

    #[test]
    fn a_two_row_header_with_a_merged_top_cell() {
        // 「扶養家族」 is merged over 「氏名」「続柄」「生年月日」; the staff columns are merged
        // down over both rows (their lower cells are empty).
        let rows = vec![
            row(&["社員番号", "氏名", "生年月日", "扶養家族", "", "", "備考"]),
            row(&["", "", "", "氏名", "続柄", "生年月日", ""]),
            row(&[
                "001",
                "山田 太郎",
                "S50.1.2",
                "山田 花子",
                "妻",
                "S52.2.3",
                "",
            ]),
        ];
        let found = detect(&rows, &PROFILES).unwrap();
        assert_eq!(found.profile, "staff");
        assert_eq!(found.header_rows, 0..2);
        assert_eq!(found.first_data_row, 2);
        assert_eq!(
            found.columns,
            vec![
                Some("staff_no"),
                Some("name"),
                Some("born_on"),
                Some("dependent"),
                Some("dependent_relation"),
                Some("dependent_born_on"),
                None,
            ]
        );
        assert_eq!(
            captions(&rows, found.header_rows),
            [
                "社員番号",
                "氏名",
                "生年月日",
                "扶養家族 氏名",
                "扶養家族 続柄",
                "扶養家族 生年月日",
                "備考"
            ]
        );
    }

    #[test]
    fn numbered_dependant_groups_each_get_their_columns() {
        let rows = vec![
            row(&["氏名", "扶養家族1", "", "扶養家族2", ""]),
            row(&["", "氏名", "続柄", "氏名", "続柄"]),
        ];
        let found = detect(&rows, &[&STAFF]).unwrap();
        assert_eq!(
            found.columns,
            [
                "name",
                "dependent",
                "dependent_relation",
                "dependent",
                "dependent_relation"
            ]
            .map(Some)
        );
        let one_row = vec![row(&[
            "氏名",
            "扶養1",
            "扶養家族2氏名",
            "扶養親族（３）氏名",
        ])];
        assert_eq!(
            detect(&one_row, &[&STAFF]).unwrap().columns,
            ["name", "dependent", "dependent", "dependent"].map(Some)
        );
    }

    #[test]
    fn a_my_number_column_is_recognised_only_to_be_reported() {
        let rows = vec![row(&[
            "職員番号",
            "氏名",
            "個人番号（12桁）",
            "マイナンバー",
            "配偶者の個人番号",
            "個人番号取得日",
        ])];
        let found = detect(&rows, &PROFILES).unwrap();
        assert_eq!(found.profile, "staff");
        assert_eq!(found.my_number_columns(), vec![2, 3, 4]);
        assert_eq!(found.columns[5], None);
    }

    #[test]
    fn the_002_ledger_header_is_found() {
        let rows = vec![
            row(&["特定個人情報管理台帳"]),
            row(&[
                "NO.",
                "名称",
                "特定個人情報の範囲",
                "取扱部署",
                "責任者",
                "担当者",
                "利用目的",
                "保存期間",
                "廃棄・削除",
                "保管場所",
                "紙・電子",
            ]),
        ];
        let found = detect(&rows, &PROFILES).unwrap();
        assert_eq!(found.profile, "ledger");
        assert_eq!(
            found.columns,
            [
                "no",
                "name",
                "scope",
                "dept",
                "owner",
                "handlers",
                "purpose",
                "retention",
                "disposal",
                "location",
                "medium"
            ]
            .map(Some)
        );
        let long = vec![row(&[
            "ファイルの種類・名称",
            "担当者（アクセス権を有する者）",
            "廃棄・削除（方法・状況）",
        ])];
        assert_eq!(
            detect(&long, &[&LEDGER]).unwrap().columns,
            ["name", "handlers", "disposal"].map(Some)
        );
    }

    #[test]
    fn nothing_is_found_without_a_required_field_or_beyond_row_15() {
        assert_eq!(detect(&[row(&["所属", "生年月日"])], &PROFILES), None);
        assert_eq!(detect(&[], &PROFILES), None);
        let mut rows = vec![row(&["メモ"]); HEADER_SEARCH_ROWS];
        rows.push(row(&["社員番号", "氏名"]));
        assert_eq!(detect(&rows, &PROFILES), None);
        rows.remove(0);
        assert!(detect(&rows, &PROFILES).is_some());
    }

    #[test]
    fn a_field_in_two_columns_stays_with_the_first() {
        let rows = vec![row(&["氏名", "名前", "扶養家族氏名"])];
        assert_eq!(
            detect(&rows, &[&STAFF]).unwrap().columns,
            vec![Some("name"), None, Some("dependent")]
        );
    }

    #[test]
    fn a_mapping_round_trips_through_json_and_replaces_the_detection() {
        let rows = vec![row(&["社員番号", "氏名", "メモ"])];
        let found = detect(&rows, &PROFILES).unwrap();
        let mut mapping = Mapping::from(&found);
        mapping.columns[0] = None;
        mapping.columns[2] = Some("kana".to_owned());
        let json = serde_json::to_string(&mapping).unwrap();
        assert_eq!(
            json,
            r#"{"profile":"staff","header_rows":{"start":0,"end":1},"columns":[null,"name","kana"]}"#
        );
        let back: Mapping = serde_json::from_str(&json).unwrap();
        let applied = apply_mapping(&back, &PROFILES).unwrap();
        assert_eq!(applied.columns, vec![None, Some("name"), Some("kana")]);
        assert_eq!(applied.first_data_row, 1);
    }

    #[test]
    fn a_mapping_that_cannot_be_applied_says_why() {
        let mapping = |profile: &str, columns: &[Option<&str>]| Mapping {
            profile: profile.to_owned(),
            header_rows: 0..1,
            columns: columns.iter().map(|c| c.map(str::to_owned)).collect(),
        };
        let err = apply_mapping(&mapping("payroll", &[Some("name")]), &PROFILES).unwrap_err();
        assert_eq!(err.field, "表の種類");
        assert!(err.message.contains("staff"), "{}", err.message);
        let err = apply_mapping(
            &mapping("staff", &[Some("name"), Some("salary")]),
            &PROFILES,
        )
        .unwrap_err();
        assert!(err.message.contains("B列"), "{}", err.message);
        let err =
            apply_mapping(&mapping("staff", &[Some("name"), Some("name")]), &PROFILES).unwrap_err();
        assert!(err.message.contains("A列とB列"), "{}", err.message);
        let err =
            apply_mapping(&mapping("handling_log", &[Some("affair")]), &PROFILES).unwrap_err();
        assert!(err.message.contains("従業員氏名"), "{}", err.message);
        assert!(apply_mapping(
            &mapping(
                "staff",
                &[Some("name"), Some("dependent"), Some("dependent")]
            ),
            &PROFILES
        )
        .is_ok());
        assert_eq!(HANDLING_LOG.label_of("person"), "従業員氏名");
    }
}
