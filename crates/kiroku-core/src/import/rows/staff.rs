//! 職員名簿: 本人 and their 扶養家族 from a payroll staff list.
//!
//! Dependants stand either
//! - on rows of their own under their 本人: a row whose 社員番号 is empty or the 本人's, and
//!   whose 続柄 is not 本人 (nor 世帯主) or whose 氏名 is empty but 扶養家族氏名 filled; or
//! - in groups of columns on the 本人's row (扶養家族1氏名, 扶養家族1続柄, 扶養家族2氏名, …): each
//!   扶養家族氏名 column starts a group, and the 続柄 and 生年月日 columns after it belong to it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::{lines, Line, Refusal};
use crate::field::{optional_text, required_name, FieldError};
use crate::import::cell::{read_code, read_date, read_text, Cell};
use crate::import::header::Detected;
use crate::import::profiles::{staff_key as key, STAFF};
use crate::person::{furigana, PersonKind};

/// A 本人 read from a staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRow {
    /// The sheet row, 1-based.
    pub row: usize,
    /// 社員番号
    pub staff_no: Option<String>,
    /// 所属
    pub dept: Option<String>,
    /// 氏名
    pub name: String,
    /// フリガナ (full-width katakana)
    pub kana: Option<String>,
    /// 生年月日
    pub born_on: Option<NaiveDate>,
    /// 委託事業主名 (for 委託事業主の従業員)
    pub employer: Option<String>,
    /// 入社日
    pub joined_on: Option<NaiveDate>,
    /// 退職日
    pub left_on: Option<NaiveDate>,
    /// 区分 (職員等 unless the sheet says otherwise)
    pub kind: PersonKind,
    /// 扶養家族
    pub dependents: Vec<DependentRow>,
}

/// A 扶養家族 read from a staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DependentRow {
    /// The sheet row, 1-based.
    pub row: usize,
    /// 氏名
    pub name: String,
    /// 続柄 (e.g. 配偶者, 長男)
    pub relation: Option<String>,
    /// 生年月日
    pub born_on: Option<NaiveDate>,
}

/// 区分 as a payroll list writes it: the identifiers and labels of [`PersonKind`], and words
/// with 理事・役員・監事 (理事・役員), 議員 (組合議員), 委託事業主 or 第三者; anything else on a
/// payroll list (正職員, 臨時, パート, 事務職 …, or blank) is 職員等.
pub fn person_kind_of(text: &str) -> PersonKind {
    let text: String = text.nfkc().collect();
    let text = text.trim();
    if let Ok(kind) = text.parse::<PersonKind>() {
        return kind;
    }
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["委託事業主"]) {
        PersonKind::EmployerStaff
    } else if has(&["議員"]) {
        PersonKind::Councillor
    } else if has(&["理事", "役員", "監事"]) {
        PersonKind::Director
    } else if has(&["第三者"]) {
        PersonKind::ThirdParty
    } else {
        PersonKind::Staff
    }
}

/// 「本人」「世帯主」 or a blank 続柄: the row is the person's own.
fn is_self(relation: &str) -> bool {
    relation.is_empty() || relation.contains("本人") || relation.contains("世帯主")
}

/// The columns of one dependant: 氏名, 続柄 and 生年月日, any of them missing.
#[derive(Debug, Clone, Copy, Default)]
struct Group {
    name: Option<usize>,
    relation: Option<usize>,
    born_on: Option<usize>,
}

/// The dependant groups of the columns, left to right.
fn groups(columns: &[Option<&'static str>]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        match *column {
            Some(key::DEPENDENT) => groups.push(Group {
                name: Some(i),
                ..Group::default()
            }),
            Some(key::DEPENDENT_RELATION) => match groups.last_mut() {
                Some(g) if g.relation.is_none() => g.relation = Some(i),
                _ => groups.push(Group {
                    relation: Some(i),
                    ..Group::default()
                }),
            },
            Some(key::DEPENDENT_BORN_ON) => match groups.last_mut() {
                Some(g) if g.born_on.is_none() => g.born_on = Some(i),
                _ => groups.push(Group {
                    born_on: Some(i),
                    ..Group::default()
                }),
            },
            _ => {}
        }
    }
    groups
}

/// Where one dependant's name, 続柄 and 生年月日 are read from: a column and its field key.
#[derive(Debug, Clone, Copy)]
struct Source {
    name: Option<(usize, &'static str)>,
    relation: Option<(usize, &'static str)>,
    born_on: Option<(usize, &'static str)>,
}

impl Line<'_> {
    fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(key))
    }

    fn filled(&self, column: Option<usize>) -> bool {
        column.is_some_and(|c| !self.at(c).is_blank())
    }

    /// `first` when its cell is filled, else `fallback`.
    fn either(
        &self,
        first: Option<usize>,
        first_key: &'static str,
        fallback: &'static str,
    ) -> Option<(usize, &'static str)> {
        if self.filled(first) {
            first.map(|c| (c, first_key))
        } else {
            self.column(fallback).map(|c| (c, fallback))
        }
    }

    /// Reads one dependant; `None` (and a reason) when it cannot be.
    fn dependant(&mut self, source: Source) -> Option<DependentRow> {
        let text_at = |line: &Self, at: Option<(usize, &'static str)>| {
            at.map(|(c, k)| (super::one_line(&read_text(line.at(c))), line.label(k)))
        };
        let (name, name_label) = text_at(self, source.name)
            .unwrap_or_else(|| (String::new(), self.label(key::DEPENDENT)));
        let name = self.take(required_name(name_label, &name, 50));
        let relation = match text_at(self, source.relation) {
            Some((text, label)) => self.take(optional_text(label, &text, 20)).flatten(),
            None => None,
        };
        let born_on = match source.born_on {
            Some((c, k)) => {
                let cell = self.at(c).clone();
                self.take(read_date(self.label(k), &cell, None)).flatten()
            }
            None => None,
        };
        Some(DependentRow {
            row: self.row,
            name: name?,
            relation,
            born_on,
        })
    }

    /// The dependants in the column groups of this row that are filled. `first_relation` and
    /// `first_born_on` are the columns the first group's 続柄 and 生年月日 are read from when its
    /// own are empty or missing.
    fn grouped_dependants(
        &mut self,
        groups: &[Group],
        first_relation: Option<&'static str>,
        first_born_on: Option<&'static str>,
    ) -> Vec<DependentRow> {
        let mut found = Vec::new();
        for (n, group) in groups.iter().enumerate() {
            let any = [group.name, group.relation, group.born_on]
                .into_iter()
                .any(|c| self.filled(c));
            if !any {
                continue;
            }
            let fallback = |key: Option<&'static str>, own: Option<usize>, own_key| match key {
                Some(k) if n == 0 && !self.filled(own) => self.column(k).map(|c| (c, k)),
                _ => own.map(|c| (c, own_key)),
            };
            let source = Source {
                name: group.name.map(|c| (c, key::DEPENDENT)),
                relation: fallback(first_relation, group.relation, key::DEPENDENT_RELATION),
                born_on: fallback(first_born_on, group.born_on, key::DEPENDENT_BORN_ON),
            };
            if let Some(d) = self.dependant(source) {
                found.push(d);
            }
        }
        found
    }

    /// The 本人 on this row.
    fn staff(&mut self) -> Option<StaffRow> {
        let staff_no = read_code(self.cell(key::STAFF_NO));
        let staff_no = self
            .take(optional_text(self.label(key::STAFF_NO), &staff_no, 32))
            .flatten();
        let dept = self.text(key::DEPT);
        let dept = self
            .take(optional_text(self.label(key::DEPT), &dept, 50))
            .flatten();
        let name = self.text(key::NAME);
        let name = self.take(required_name(self.label(key::NAME), &name, 50));
        let kana = self.text(key::KANA);
        let kana = self.take(furigana(&kana)).flatten();
        let employer = self.text(key::EMPLOYER);
        let employer = self
            .take(optional_text(self.label(key::EMPLOYER), &employer, 100))
            .flatten();
        let born_on = self.date(key::BORN_ON, None);
        let joined_on = self.date(key::JOINED_ON, born_on);
        let left_on = self.date(key::LEFT_ON, joined_on.or(born_on));
        if let (Some(joined), Some(left)) = (joined_on, left_on) {
            if left < joined {
                self.refuse(FieldError::new(
                    self.label(key::LEFT_ON),
                    "退職日が入社日より前です。日付を確かめてください。",
                ));
            }
        }
        Some(StaffRow {
            row: self.row,
            staff_no,
            dept,
            name: name?,
            kana,
            born_on,
            employer,
            joined_on,
            left_on,
            kind: person_kind_of(&self.text(key::KIND)),
            dependents: Vec::new(),
        })
    }

    fn date(&mut self, key: &'static str, previous: Option<NaiveDate>) -> Option<NaiveDate> {
        let cell: Cell = self.cell(key).clone();
        self.take(read_date(self.label(key), &cell, previous))
            .flatten()
    }
}

/// The 本人 the rows below belong to.
#[derive(Debug, Clone)]
enum Current {
    /// Taken in: the index in the rows read and the 社員番号.
    Taken(usize, Option<String>),
    /// Refused: its sheet row.
    Refused(usize),
}

/// Reads a staff list's data rows into 本人 with their 扶養家族 (see the module notes).
pub fn staff_rows(rows: &[Vec<Cell>], layout: &Detected) -> (Vec<StaffRow>, Vec<Refusal>) {
    let groups = groups(&layout.columns);
    let mut staff: Vec<StaffRow> = Vec::new();
    let mut refusals = Vec::new();
    let mut current: Option<Current> = None;
    for mut line in lines(rows, layout, &STAFF) {
        let relation = line.text(key::RELATION);
        let staff_no = read_code(line.cell(key::STAFF_NO));
        let same_staff_no = match &current {
            Some(Current::Taken(_, no)) => {
                staff_no.is_empty() || no.as_deref() == Some(staff_no.as_str())
            }
            _ => staff_no.is_empty(),
        };
        let dependant_filled = groups.iter().any(|g| line.filled(g.name));
        let dependant_row = same_staff_no
            && (!is_self(&relation) || (line.cell(key::NAME).is_blank() && dependant_filled));
        if !dependant_row {
            let person = line.staff();
            let dependants = line.grouped_dependants(
                &groups,
                (!is_self(&relation)).then_some(key::RELATION),
                None,
            );
            match person {
                Some(mut person) if !line.refused() => {
                    person.dependents = dependants;
                    current = Some(Current::Taken(staff.len(), person.staff_no.clone()));
                    staff.push(person);
                }
                _ => current = Some(Current::Refused(line.row)),
            }
            refusals.append(&mut line.refusals);
            continue;
        }
        let dependants = if line.filled(line.column(key::NAME)) || groups.is_empty() {
            let source = Source {
                name: line.column(key::NAME).map(|c| (c, key::NAME)),
                relation: line.either(
                    groups.first().and_then(|g| g.relation),
                    key::DEPENDENT_RELATION,
                    key::RELATION,
                ),
                born_on: line.either(
                    groups.first().and_then(|g| g.born_on),
                    key::DEPENDENT_BORN_ON,
                    key::BORN_ON,
                ),
            };
            let first = line.dependant(source);
            let rest = if line.filled(groups.first().and_then(|g| g.name)) {
                line.grouped_dependants(&groups, None, None)
            } else {
                Vec::new()
            };
            first.into_iter().chain(rest).collect()
        } else {
            line.grouped_dependants(&groups, Some(key::RELATION), Some(key::BORN_ON))
        };
        match &current {
            None => line.refuse(FieldError::new(
                line.label(key::RELATION),
                "扶養家族の行ですが、その上に本人の行がありません。本人の行のすぐ下に並べてください。",
            )),
            Some(Current::Refused(row)) => {
                let row = *row;
                line.refuse(FieldError::new(
                    line.label(key::DEPENDENT),
                    format!("本人の行（{row}行目）を取り込めないため、この扶養家族も取り込みません。"),
                ));
            }
            Some(Current::Taken(index, _)) => {
                if !line.refused() {
                    if let Some(person) = staff.get_mut(*index) {
                        person.dependents.extend(dependants);
                    }
                }
            }
        }
        refusals.append(&mut line.refusals);
    }
    (staff, refusals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header::detect;
    use crate::import::profiles::PROFILES;
    use crate::import::rows::tests::grid;
    use crate::import::MY_NUMBER_REASON;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn read(rows: &[Vec<Cell>]) -> (Vec<StaffRow>, Vec<Refusal>) {
        let layout = detect(rows, &PROFILES).unwrap();
        assert_eq!(layout.profile, "staff");
        staff_rows(rows, &layout)
    }

    /// A 本人's name with each dependant's name and 続柄.
    type Family = (String, Vec<(String, Option<String>)>);

    fn names(staff: &[StaffRow]) -> Vec<Family> {
        staff
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.dependents
                        .iter()
                        .map(|d| (d.name.clone(), d.relation.clone()))
                        .collect(),
                )
            })
            .collect()
    }

    fn pair(name: &str, deps: &[(&str, &str)]) -> Family {
        (
            name.to_owned(),
            deps.iter()
                .map(|(n, r)| ((*n).to_owned(), Some((*r).to_owned())))
                .collect(),
        )
    }

    #[test]
    fn a_payroll_list_with_every_column() {
        let mut rows = grid(&[
            &[
                "社員番号",
                "所属",
                "氏名",
                "フリガナ",
                "生年月日",
                "入社日",
                "退職日",
                "区分",
                "個人番号",
            ],
            &[
                "",
                "総務課",
                "山田 太郎",
                "やまだ たろう",
                "S50.1.2",
                "H10.4.1",
                "",
                "正職員",
                "",
            ],
            &[
                "002",
                "〃",
                "佐藤\n花子",
                "ｻﾄｳ ﾊﾅｺ",
                "",
                "2025/4/1",
                "",
                "理事",
                "528473910645",
            ],
        ]);
        rows[1][0] = Cell::Number(1.0);
        rows[1][4] = Cell::Number(27_396.0);
        let (staff, refusals) = read(&rows);
        assert_eq!(refusals, vec![]);
        assert_eq!(
            staff[0],
            StaffRow {
                row: 2,
                staff_no: Some("1".to_owned()),
                dept: Some("総務課".to_owned()),
                name: "山田 太郎".to_owned(),
                kana: Some("ヤマダ タロウ".to_owned()),
                born_on: Some(d(1975, 1, 2)),
                employer: None,
                joined_on: Some(d(1998, 4, 1)),
                left_on: None,
                kind: PersonKind::Staff,
                dependents: vec![],
            }
        );
        assert_eq!(staff[1].name, "佐藤 花子");
        assert_eq!(staff[1].dept.as_deref(), Some("総務課"));
        assert_eq!(staff[1].kana.as_deref(), Some("サトウ ハナコ"));
        assert_eq!(staff[1].kind, PersonKind::Director);
        assert_eq!(staff[1].joined_on, Some(d(2025, 4, 1)));
    }

    #[test]
    fn dependants_on_rows_of_their_own_named_in_the_name_column() {
        let rows = grid(&[
            &["社員番号", "氏名", "続柄", "生年月日"],
            &["001", "山田 太郎", "本人", "S50.1.2"],
            &["", "山田 花子", "妻", "S52.2.3"],
            &["001", "山田 一郎", "長男", "H20.5.6"],
            &["002", "佐藤 次郎", "本人", "S60.7.8"],
        ]);
        let (staff, refusals) = read(&rows);
        assert_eq!(refusals, vec![]);
        assert_eq!(
            names(&staff),
            vec![
                pair("山田 太郎", &[("山田 花子", "妻"), ("山田 一郎", "長男")]),
                pair("佐藤 次郎", &[]),
            ]
        );
        assert_eq!(staff[0].dependents[0].born_on, Some(d(1977, 2, 3)));
        assert_eq!(staff[0].dependents[1].row, 4);
    }

    #[test]
    fn dependants_on_rows_of_their_own_in_a_dependant_column() {
        let rows = grid(&[
            &["社員番号", "氏名", "扶養家族氏名", "続柄"],
            &["001", "山田 太郎", "山田 花子", "妻"],
            &["", "", "山田 一郎", "長男"],
            &["002", "佐藤 次郎", "", ""],
        ]);
        let (staff, refusals) = read(&rows);
        assert_eq!(refusals, vec![]);
        assert_eq!(
            names(&staff),
            vec![
                pair("山田 太郎", &[("山田 花子", "妻"), ("山田 一郎", "長男")]),
                pair("佐藤 次郎", &[]),
            ]
        );
    }

    #[test]
    fn dependants_in_numbered_column_groups_under_a_merged_header() {
        let rows = grid(&[
            &["職員番号", "氏名", "扶養家族1", "", "", "扶養家族2", ""],
            &["", "", "氏名", "続柄", "生年月日", "氏名", "続柄"],
            &[
                "001",
                "山田 太郎",
                "山田 花子",
                "妻",
                "S52.2.3",
                "山田 一郎",
                "長男",
            ],
            &["002", "佐藤 次郎", "", "", "", "", ""],
        ]);
        let (staff, refusals) = read(&rows);
        assert_eq!(refusals, vec![]);
        assert_eq!(
            names(&staff),
            vec![
                pair("山田 太郎", &[("山田 花子", "妻"), ("山田 一郎", "長男")]),
                pair("佐藤 次郎", &[]),
            ]
        );
        assert_eq!(staff[0].dependents[0].born_on, Some(d(1977, 2, 3)));
        assert_eq!(staff[0].dependents[1].born_on, None);
    }

    #[test]
    fn a_my_number_in_a_name_refuses_the_row_without_repeating_it() {
        let rows = grid(&[
            &["社員番号", "氏名", "所属"],
            &["001", "山田 528473910645", "総務課"],
            &["002", "佐藤 花子", "総務課"],
        ]);
        let (staff, refusals) = read(&rows);
        assert_eq!(names(&staff), vec![pair("佐藤 花子", &[])]);
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].row, 2);
        assert_eq!(refusals[0].field, "氏名");
        assert_eq!(refusals[0].reason, MY_NUMBER_REASON);
        let all = format!("{refusals:?}");
        assert!(
            !all.contains("528473910645") && !all.contains("0645"),
            "{all}"
        );
    }

    #[test]
    fn a_my_number_kept_as_a_number_in_a_code_column_is_refused() {
        let mut rows = grid(&[&["社員番号", "氏名"], &["", "山田 太郎"]]);
        rows[1][0] = Cell::Number(528_473_910_645.0);
        let (staff, refusals) = read(&rows);
        assert!(staff.is_empty());
        assert_eq!(refusals[0].field, "社員番号");
        assert_eq!(refusals[0].reason, MY_NUMBER_REASON);
    }

    #[test]
    fn the_my_number_column_is_never_read() {
        let rows = grid(&[&["氏名", "個人番号"], &["山田 太郎", "528473910645"]]);
        let layout = detect(&rows, &PROFILES).unwrap();
        assert_eq!(layout.my_number_columns(), vec![1]);
        let (staff, refusals) = staff_rows(&rows, &layout);
        assert_eq!(refusals, vec![]);
        assert_eq!(names(&staff), vec![pair("山田 太郎", &[])]);
        assert!(!format!("{staff:?}").contains("0645"));
    }

    #[test]
    fn every_reason_of_a_refused_row_is_given_and_its_dependants_follow_it() {
        let rows = grid(&[
            &["氏名", "フリガナ", "生年月日", "入社日", "退職日", "続柄"],
            &["", "山田", "平成2年2月30日", "R2.4.1", "R1.5.1", "本人"],
            &["山田 花子", "", "", "", "", "妻"],
            &["佐藤 次郎", "", "", "", "", ""],
        ]);
        let (staff, refusals) = read(&rows);
        assert_eq!(names(&staff), vec![pair("佐藤 次郎", &[])]);
        let fields: Vec<(usize, &str)> =
            refusals.iter().map(|r| (r.row, r.field.as_str())).collect();
        assert_eq!(
            fields,
            vec![
                (2, "氏名"),
                (2, "フリガナ"),
                (2, "生年月日"),
                (2, "退職日"),
                (3, "扶養家族氏名"),
            ]
        );
        assert!(
            refusals[4].reason.contains("2行目"),
            "{}",
            refusals[4].reason
        );
    }

    #[test]
    fn a_row_with_another_staff_number_is_a_staff_row_even_without_a_name() {
        let rows = grid(&[
            &["社員番号", "氏名", "扶養家族氏名"],
            &["001", "山田 太郎", ""],
            &["002", "", "佐藤 花子"],
        ]);
        let (staff, refusals) = read(&rows);
        assert_eq!(names(&staff), vec![pair("山田 太郎", &[])]);
        assert_eq!((refusals[0].row, refusals[0].field.as_str()), (3, "氏名"));
    }

    #[test]
    fn a_dependant_before_any_staff_is_refused() {
        let rows = grid(&[&["氏名", "続柄"], &["山田 花子", "妻"]]);
        let (staff, refusals) = read(&rows);
        assert!(staff.is_empty());
        assert_eq!(refusals[0].field, "続柄");
        assert!(refusals[0].reason.contains("本人の行"));
    }

    #[test]
    fn kinds_from_what_payroll_lists_write() {
        for (text, kind) in [
            ("", PersonKind::Staff),
            ("正職員", PersonKind::Staff),
            ("パート", PersonKind::Staff),
            ("事務職", PersonKind::Staff),
            ("理事長", PersonKind::Director),
            ("監事", PersonKind::Director),
            ("役員", PersonKind::Director),
            ("組合議員", PersonKind::Councillor),
            ("議員", PersonKind::Councillor),
            ("第三者", PersonKind::ThirdParty),
            ("委託事業主の従業員", PersonKind::EmployerStaff),
            ("employer_staff", PersonKind::EmployerStaff),
        ] {
            assert_eq!(person_kind_of(text), kind, "{text}");
        }
    }
}
