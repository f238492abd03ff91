//! Reading the free text of a 別紙1 cell such as 「特定個人情報の利用及び持出」 or 「廃棄・削除日」
//! into handling events: 「平成27年12月10日に給与所得の源泉徴収票を作成、同日○○税務署に提出」
//! is a 利用 and a 提出 on 2015-12-10.
//!
//! The text falls into clauses at 、 。 ， ; and line breaks. A clause begins with its date
//! (any form [`super::cell::read_date`] reads, then に, 、 or a space), 「同日」 (the date of the
//! clause before), 「12月15日」 or 「同月15日」 (the year and month of the clause before); a
//! clause without a date takes the date of the clause before it. The kind of event comes from the
//! clause's last verb (作成 → 利用, 提出 → 提出・提供, 廃棄 → 廃棄, …); a clause with no known verb
//! keeps its whole text as the cell's default kind, so no text is ever dropped.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::MY_NUMBER_REASON;
use crate::choice::IdentityCheck;
use crate::field::FieldError;
use crate::guard;
use crate::handling::EventKind;
use crate::wareki;

/// One handling event read from an office's sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedEvent {
    pub kind: EventKind,
    pub date: NaiveDate,
    /// 本人確認方法 of an acquisition.
    pub identity_check: Option<IdentityCheck>,
    /// What was done, in the sheet's words (e.g. 給与所得の源泉徴収票を作成).
    pub text: String,
    /// 提出先 of a submission (or 持出先 of a taking out), as written.
    pub recipient: Option<String>,
    /// 担当: the clerk as the sheet names them.
    pub clerk: Option<String>,
}

/// The verbs that say what kind of event a clause is.
const VERBS: &[(&str, EventKind)] = &[
    ("作成", EventKind::Use),
    ("利用", EventKind::Use),
    ("計算", EventKind::Use),
    ("使用", EventKind::Use),
    ("記入", EventKind::Use),
    ("提出", EventKind::Submit),
    ("進達", EventKind::Submit),
    ("提供", EventKind::Submit),
    ("送付", EventKind::Submit),
    ("回付", EventKind::Submit),
    ("郵送", EventKind::Submit),
    ("送信", EventKind::Submit),
    ("届出", EventKind::Submit),
    ("届け出", EventKind::Submit),
    ("申請", EventKind::Submit),
    ("持参", EventKind::Submit),
    ("交付", EventKind::HandOver),
    ("手渡", EventKind::HandOver),
    ("手交", EventKind::HandOver),
    ("持出", EventKind::TakeOut),
    ("持ち出", EventKind::TakeOut),
    ("搬出", EventKind::TakeOut),
    ("出力", EventKind::Output),
    ("印刷", EventKind::Output),
    ("プリント", EventKind::Output),
    ("廃棄", EventKind::Dispose),
    ("破棄", EventKind::Dispose),
    ("シュレッダー", EventKind::Dispose),
    ("溶解", EventKind::Dispose),
    ("焼却", EventKind::Dispose),
    ("裁断", EventKind::Dispose),
    ("細断", EventKind::Dispose),
    ("破砕", EventKind::Dispose),
    ("削除", EventKind::Delete),
    ("消去", EventKind::Delete),
    ("記載", EventKind::Record),
    ("入力", EventKind::Record),
    ("転記", EventKind::Record),
    ("登録", EventKind::Record),
    ("取得", EventKind::Acquire),
    ("収集", EventKind::Acquire),
    ("受領", EventKind::Acquire),
    ("受け取", EventKind::Acquire),
    ("受取", EventKind::Acquire),
    ("証明書を受領", EventKind::Certificate),
    ("証明書の受領", EventKind::Certificate),
    ("証明書受領", EventKind::Certificate),
    ("証明書を受理", EventKind::Certificate),
    ("証明書を受け取", EventKind::Certificate),
    ("拒否", EventKind::Refusal),
    ("訂正", EventKind::Correct),
];

/// What may follow 取得 when it names a thing, not the act (資格取得届, 取得日).
const NOT_AN_ACT_AFTER_ACQUIRE: [char; 5] = ['届', '日', '者', '時', '年'];

/// The clause's last verb (the one that ends last; of two ending together, the longer): its kind
/// and where it starts in `folded` (the NFKC text).
fn last_verb(folded: &str) -> Option<(EventKind, usize)> {
    let mut best: Option<(usize, usize, EventKind, usize)> = None;
    for (verb, kind) in VERBS {
        for (start, _) in folded.match_indices(verb) {
            let end = start + verb.len();
            if *verb == "取得"
                && folded[end..]
                    .chars()
                    .next()
                    .is_some_and(|c| NOT_AN_ACT_AFTER_ACQUIRE.contains(&c))
            {
                continue;
            }
            let better = best.is_none_or(|(best_end, best_len, _, _)| {
                end > best_end || (end == best_end && verb.len() > best_len)
            });
            if better {
                best = Some((end, verb.len(), *kind, start));
            }
        }
    }
    best.map(|(_, _, kind, start)| (kind, start))
}

/// The kind of event a clause speaks of, from its last verb; `None` when it has none.
pub fn event_kind_of(clause: &str) -> Option<EventKind> {
    let folded: String = clause.nfkc().collect();
    last_verb(&folded).map(|(kind, _)| kind)
}

/// The words before 「に提出」「へ送付」「に持出」…: 「同日○○税務署に提出」 → 「○○税務署」,
/// 「源泉徴収票を○○税務署へ提出」 → 「○○税務署」. `None` when the clause names no one.
pub fn recipient_of(clause: &str) -> Option<String> {
    let folded: String = clause.nfkc().collect();
    let (_, verb) = last_verb(&folded)?;
    let before = &folded[..verb];
    let particle = before
        .char_indices()
        .filter(|(i, c)| {
            let next = before[i + c.len_utf8()..].chars().next();
            (*c == 'に' && !matches!(next, Some('て' | 'よ'))) || *c == 'へ'
        })
        .map(|(i, _)| i)
        .next_back()?;
    let named = &before[..particle];
    let named = named
        .rfind(['を', 'で', 'は', '、', ' '])
        .map_or(named, |i| {
            let cut = named[i..].chars().next().map_or(1, char::len_utf8);
            &named[i + cut..]
        });
    let named = named
        .trim_end_matches("宛て")
        .trim_end_matches("あて")
        .trim_end_matches('宛')
        .trim();
    (!named.is_empty()).then(|| named.to_owned())
}

/// Where a clause's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// A full date.
    Date(NaiveDate),
    /// 「同日」: the date of the clause before.
    SameDay,
    /// 「12月15日」「同年12月15日」: the year of the clause before.
    MonthDay(u32, u32),
    /// 「同月15日」: the year and month of the clause before.
    Day(u32),
    /// No date: the date of the clause before.
    None,
}

/// The byte length of the era at the start of `clause` (平成, H, ｈ …), 0 when none.
fn era_len(clause: &str) -> usize {
    if let Some(era) = wareki::ERAS.iter().find(|e| clause.starts_with(e.name)) {
        return era.name.len();
    }
    let mut chars = clause.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
        return 0;
    };
    let letter = first.nfkc().next().map(|c| c.to_ascii_uppercase());
    let digit = second.nfkc().next().is_some_and(|c| c.is_ascii_digit()) || second == '元';
    if digit && wareki::ERAS.iter().any(|e| Some(e.letter) == letter) {
        first.len_utf8()
    } else {
        0
    }
}

/// The numbers written in a date's text (元 counts as one).
fn number_count(text: &str) -> usize {
    let folded: String = text.nfkc().collect();
    let mut count = 0;
    let mut in_number = false;
    for c in folded.chars() {
        let digit = c.is_ascii_digit() || c == '元';
        if digit && !in_number {
            count += 1;
        }
        in_number = digit && c != '元';
    }
    count
}

/// Reads the numbers of 「12月15日」 or 「12/15」.
fn month_day(text: &str) -> Option<(u32, u32)> {
    let folded: String = text.nfkc().collect();
    let numbers: Vec<u32> = folded
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers.as_slice() {
        [m, d] => Some((*m, *d)),
        [d] => Some((0, *d)),
        _ => None,
    }
}

/// A character as NFKC writes it (full-width `．` → `.`), or itself.
fn folded_char(c: char) -> char {
    c.nfkc().next().unwrap_or(c)
}

/// `text` without the spaces and separators it ends with.
fn trim_separators(text: &str) -> &str {
    text.trim_end_matches(|c: char| matches!(folded_char(c), ' ' | '.' | '/' | '-'))
}

/// The date-like text at the start of `clause`: an era, then numbers joined by 年 月 . / - (or
/// spaces before a number), up to and including 日.
fn date_prefix(clause: &str) -> &str {
    let era = era_len(clause);
    let rest = &clause[era..];
    let mut previous: Option<char> = None;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let folded = folded_char(c);
        let after_number = previous.is_some_and(|p| p.is_ascii_digit() || p == '元');
        let next_is_digit = chars
            .peek()
            .is_some_and(|(_, n)| folded_char(*n).is_ascii_digit());
        let fits = match folded {
            d if d.is_ascii_digit() => true,
            '元' => previous.is_none(),
            '日' if after_number => return &clause[..era + i + c.len_utf8()],
            '年' | '月' => after_number,
            '.' | '/' | '-' => after_number || (previous.is_none() && era > 0),
            ' ' => next_is_digit || (previous.is_none() && era > 0),
            _ => false,
        };
        if !fits {
            return trim_separators(&clause[..era + i]);
        }
        previous = Some(folded);
    }
    trim_separators(clause)
}

/// Whether the words after a date without its year (「12/15」) show it is one: a space, に, 付
/// or で, or nothing. 「1/2を廃棄」 is a half, not 2 January.
fn ends_like_a_date(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, 'に' | '付' | 'で' | '(' | '（'))
}

/// Skips what joins a date to its clause: a weekday 「(木)」, 「付」「付け」, then に, で or
/// 、 and spaces.
fn after_date(rest: &str) -> &str {
    let mut rest = rest.trim_start();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = rest.strip_prefix(open) {
            let mut chars = inner.chars();
            if let (Some(day), Some(c)) = (chars.next(), chars.next()) {
                if "日月火水木金土".contains(day) && c == close {
                    rest = chars.as_str();
                }
            }
        }
    }
    let rest = rest
        .strip_prefix("付け")
        .or_else(|| rest.strip_prefix('付'))
        .unwrap_or(rest);
    let rest = rest
        .strip_prefix(['に', 'で', '、', ':', '：'])
        .unwrap_or(rest);
    rest.trim_start()
}

/// Where the clause's date comes from and the words after it.
fn lead_of<'a>(field: &'static str, clause: &'a str) -> Result<(Lead, &'a str), FieldError> {
    for (word, relative) in [("同日", true), ("同年", false), ("同月", false)] {
        let Some(rest) = clause.strip_prefix(word) else {
            continue;
        };
        if relative {
            return Ok((Lead::SameDay, after_date(rest)));
        }
        let prefix = date_prefix(rest);
        let lead = match (word, month_day(prefix)) {
            ("同年", Some((m, d))) if m > 0 && prefix.contains('月') => Lead::MonthDay(m, d),
            ("同月", Some((0, d))) if prefix.ends_with('日') => Lead::Day(d),
            _ => return Ok((Lead::None, clause)),
        };
        return Ok((lead, after_date(&rest[prefix.len()..])));
    }
    let prefix = date_prefix(clause);
    let has_era = era_len(clause) > 0;
    let lead = match number_count(prefix) {
        3 => Lead::Date(wareki::parse(field, prefix)?),
        2 if !has_era
            && (prefix.ends_with('日')
                || (prefix.contains('/') && ends_like_a_date(&clause[prefix.len()..]))) =>
        {
            match month_day(prefix) {
                Some((m, d)) if m > 0 => Lead::MonthDay(m, d),
                _ => Lead::None,
            }
        }
        _ => Lead::None,
    };
    if lead == Lead::None {
        return Ok((Lead::None, clause));
    }
    Ok((lead, after_date(&clause[prefix.len()..])))
}

/// At most 20 characters of `clause`, to quote it in a message.
fn quoted(clause: &str) -> String {
    let mut chars = clause.chars();
    let head: String = chars.by_ref().take(20).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// 「2015年2月30日」 and the like.
fn no_such_day(field: &'static str, y: i32, m: u32, d: u32) -> FieldError {
    FieldError::new(field, format!("{y}年{m}月{d}日という日はありません。"))
}

/// Splits a cell of free text into events (see the module notes). `previous` is the date the
/// first clause's 「同日」 (or the year of its 「12月15日」) refers to, e.g. the last date in the
/// columns before; a first clause with no date at all is refused even so, as its date would be a
/// guess. `otherwise` is the kind of a clause with no known verb (利用 in 「利用及び持出」, 廃棄 in
/// 「廃棄・削除日」). A text holding a 個人番号 is refused without repeating it.
pub fn split_events(
    field: &'static str,
    text: &str,
    previous: Option<NaiveDate>,
    otherwise: EventKind,
) -> Result<Vec<ImportedEvent>, FieldError> {
    if guard::holds_my_number(text) {
        return Err(FieldError::new(field, MY_NUMBER_REASON));
    }
    let mut events = Vec::new();
    let mut last: Option<NaiveDate> = None;
    // A clause that was only a date: the date of the next clause if that has none.
    let mut pending: Option<NaiveDate> = None;
    let clauses = text
        .split(['、', '。', '，', ',', '､', '｡', ';', '；', '\n', '\r'])
        .map(str::trim)
        .filter(|c| !c.is_empty());
    for clause in clauses {
        if guard::holds_my_number(clause) {
            return Err(FieldError::new(field, MY_NUMBER_REASON));
        }
        let (lead, words) = lead_of(field, clause)?;
        let reference = last.or(previous);
        let missing_reference = |what: &str| {
            FieldError::new(
                field,
                format!(
                    "「{}」の{what}がどの日か分かりません。年月日をすべて書いてください（例: 平成27年12月10日に…）。",
                    quoted(clause)
                ),
            )
        };
        let date = match lead {
            Lead::Date(date) => Some(date),
            Lead::SameDay => Some(reference.ok_or_else(|| missing_reference("「同日」"))?),
            Lead::MonthDay(m, d) => {
                let year = reference.ok_or_else(|| missing_reference("日付"))?.year();
                Some(
                    NaiveDate::from_ymd_opt(year, m, d)
                        .ok_or_else(|| no_such_day(field, year, m, d))?,
                )
            }
            Lead::Day(d) => {
                let on = reference.ok_or_else(|| missing_reference("日付"))?;
                Some(
                    NaiveDate::from_ymd_opt(on.year(), on.month(), d)
                        .ok_or_else(|| no_such_day(field, on.year(), on.month(), d))?,
                )
            }
            Lead::None => None,
        };
        let words = words.trim().trim_end_matches(['。', '.']).trim();
        let date = match (date, pending.take()) {
            (Some(date), Some(before)) => {
                events.push(event(before, "", otherwise));
                date
            }
            (Some(date), None) => date,
            (None, Some(before)) => before,
            (None, None) => last.ok_or_else(|| {
                FieldError::new(
                    field,
                    format!(
                        "「{}」に日付がありません。行った日を先頭に書いてください（例: 平成27年12月10日に給与所得の源泉徴収票を作成）。",
                        quoted(clause)
                    ),
                )
            })?,
        };
        last = Some(date);
        if words.is_empty() {
            pending = Some(date);
        } else {
            events.push(event(date, words, otherwise));
        }
    }
    if let Some(date) = pending {
        events.push(event(date, "", otherwise));
    }
    Ok(events)
}

/// The event a clause says.
fn event(date: NaiveDate, words: &str, otherwise: EventKind) -> ImportedEvent {
    let kind = event_kind_of(words).unwrap_or(otherwise);
    let recipient = match kind {
        EventKind::Submit | EventKind::TakeOut => recipient_of(words),
        _ => None,
    };
    ImportedEvent {
        kind,
        date,
        identity_check: None,
        text: words.to_owned(),
        recipient,
        clerk: None,
    }
}

/// Splits a 「特定個人情報の利用及び持出」 cell into events: [`split_events`] with 利用 for a
/// clause whose verb is not known.
pub fn split_handlings(
    field: &'static str,
    text: &str,
    previous: Option<NaiveDate>,
) -> Result<Vec<ImportedEvent>, FieldError> {
    split_events(field, text, previous, EventKind::Use)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ev(kind: EventKind, date: NaiveDate, text: &str, recipient: Option<&str>) -> ImportedEvent {
        ImportedEvent {
            kind,
            date,
            identity_check: None,
            text: text.to_owned(),
            recipient: recipient.map(str::to_owned),
            clerk: None,
        }
    }

    const USES: &str = "特定個人情報の利用及び持出";

    #[test]
    fn the_002_example_uses_cell() {
        let events = split_handlings(
            USES,
            "平成27年12月10日に給与所得の源泉徴収票を作成、同日○○税務署に提出",
            None,
        )
        .unwrap();
        assert_eq!(
            events,
            vec![
                ev(
                    EventKind::Use,
                    d(2015, 12, 10),
                    "給与所得の源泉徴収票を作成",
                    None
                ),
                ev(
                    EventKind::Submit,
                    d(2015, 12, 10),
                    "○○税務署に提出",
                    Some("○○税務署")
                ),
            ]
        );
    }

    #[test]
    fn the_002_example_disposal_cell() {
        let events = split_handlings(
            "廃棄・削除日",
            "平成27年12月8日に個人番号カードコピーを廃棄",
            None,
        )
        .unwrap();
        assert_eq!(
            events,
            vec![ev(
                EventKind::Dispose,
                d(2015, 12, 8),
                "個人番号カードコピーを廃棄",
                None
            )]
        );
    }

    #[rstest]
    #[case("R7.4.1 源泉徴収票を作成", d(2025, 4, 1), EventKind::Use)]
    #[case("2025/4/1に源泉徴収票を作成", d(2025, 4, 1), EventKind::Use)]
    #[case("2025-04-01 税務署へ提出", d(2025, 4, 1), EventKind::Submit)]
    #[case("Ｈ２７．１２．１０　本人に交付", d(2015, 12, 10), EventKind::HandOver)]
    #[case("令和元年5月1日付で年金事務所へ送付", d(2019, 5, 1), EventKind::Submit)]
    #[case("令和7年4月1日(火)に賃金台帳を印刷", d(2025, 4, 1), EventKind::Output)]
    #[case("平成28年1月5日 書類を市役所へ持出", d(2016, 1, 5), EventKind::TakeOut)]
    #[case("H28.3.31 シュレッダー", d(2016, 3, 31), EventKind::Dispose)]
    #[case("H28.3.31 溶解処理", d(2016, 3, 31), EventKind::Dispose)]
    #[case("R2.3.31 給与システムから削除", d(2020, 3, 31), EventKind::Delete)]
    #[case("R2.3.31 給与システムに入力", d(2020, 3, 31), EventKind::Record)]
    #[case("R2.3.31 台帳に転記", d(2020, 3, 31), EventKind::Record)]
    #[case(
        "R2.4.1 委託先から廃棄証明書を受領",
        d(2020, 4, 1),
        EventKind::Certificate
    )]
    #[case("R2.4.1 扶養控除等申告書を受領", d(2020, 4, 1), EventKind::Acquire)]
    #[case(
        "R2.4.1 ハローワークに資格取得届を電子申請",
        d(2020, 4, 1),
        EventKind::Submit
    )]
    #[case(
        "R2.4.1 源泉徴収票を作成し税務署へ進達",
        d(2020, 4, 1),
        EventKind::Submit
    )]
    #[case("R2.4.1 提出用に印刷", d(2020, 4, 1), EventKind::Output)]
    fn dates_and_verbs(#[case] text: &str, #[case] date: NaiveDate, #[case] kind: EventKind) {
        let events = split_handlings(USES, text, None).unwrap();
        assert_eq!(events.len(), 1, "{text}: {events:?}");
        assert_eq!((events[0].date, events[0].kind), (date, kind), "{text}");
    }

    #[test]
    fn an_unknown_verb_keeps_the_whole_text_as_the_default_kind() {
        let events = split_handlings(USES, "R7.4.1 年末調整の資料として確認", None).unwrap();
        assert_eq!(
            events,
            vec![ev(
                EventKind::Use,
                d(2025, 4, 1),
                "年末調整の資料として確認",
                None
            )]
        );
        let events = split_events("廃棄・削除日", "R8.3.31", None, EventKind::Dispose).unwrap();
        assert_eq!(
            events,
            vec![ev(EventKind::Dispose, d(2026, 3, 31), "", None)]
        );
    }

    #[test]
    fn a_clause_without_a_date_takes_the_date_before_it() {
        let events = split_handlings(
            USES,
            "令和7年1月20日に源泉徴収票を作成。税務署に提出。\n令和7年1月31日、本人に交付",
            None,
        )
        .unwrap();
        let got: Vec<(EventKind, NaiveDate)> = events.iter().map(|e| (e.kind, e.date)).collect();
        assert_eq!(
            got,
            vec![
                (EventKind::Use, d(2025, 1, 20)),
                (EventKind::Submit, d(2025, 1, 20)),
                (EventKind::HandOver, d(2025, 1, 31)),
            ]
        );
        assert_eq!(events[2].text, "本人に交付");
    }

    #[test]
    fn same_day_month_day_and_same_month_chain() {
        let events = split_handlings(
            USES,
            "令和6年12月10日に源泉徴収票を作成、同日税務署に提出、12月15日に本人に交付、同月20日に控えを印刷；同年12月25日にシュレッダー",
            None,
        )
        .unwrap();
        let dates: Vec<NaiveDate> = events.iter().map(|e| e.date).collect();
        assert_eq!(
            dates,
            vec![
                d(2024, 12, 10),
                d(2024, 12, 10),
                d(2024, 12, 15),
                d(2024, 12, 20),
                d(2024, 12, 25)
            ]
        );
        assert_eq!(events[4].kind, EventKind::Dispose);
    }

    #[test]
    fn same_day_at_the_start_takes_previous() {
        let events = split_handlings(USES, "同日に税務署へ提出", Some(d(2015, 12, 8))).unwrap();
        assert_eq!(
            events,
            vec![ev(
                EventKind::Submit,
                d(2015, 12, 8),
                "税務署へ提出",
                Some("税務署")
            )]
        );
        let err = split_handlings(USES, "同日に税務署へ提出", None).unwrap_err();
        assert_eq!(err.field, USES);
        assert!(err.message.contains("同日"), "{}", err.message);
    }

    #[test]
    fn a_clause_with_no_date_at_all_is_refused_quoting_it() {
        for previous in [None, Some(d(2015, 12, 8))] {
            let err = split_handlings(USES, "源泉徴収票を作成", previous).unwrap_err();
            assert_eq!(err.field, USES);
            assert!(
                err.message.contains("「源泉徴収票を作成」"),
                "{}",
                err.message
            );
        }
    }

    #[rstest]
    #[case("平成27年13月1日に作成")]
    #[case("令和7年2月30日に作成")]
    #[case("12月32日に作成")]
    fn a_date_that_does_not_exist_is_refused(#[case] text: &str) {
        let err = split_handlings(USES, text, Some(d(2015, 12, 8))).unwrap_err();
        assert_eq!(err.field, USES);
    }

    #[test]
    fn a_date_only_clause_dates_the_next_one() {
        let events = split_handlings(USES, "平成27年12月10日、源泉徴収票を作成", None).unwrap();
        assert_eq!(
            events,
            vec![ev(
                EventKind::Use,
                d(2015, 12, 10),
                "源泉徴収票を作成",
                None
            )]
        );
    }

    #[test]
    fn numbers_that_are_no_date_stay_in_the_text() {
        let events =
            split_handlings(USES, "R7.1.20 令和6年分の源泉徴収票を作成、2部を印刷", None).unwrap();
        assert_eq!(events[0].text, "令和6年分の源泉徴収票を作成");
        assert_eq!(events[1].text, "2部を印刷");
        assert_eq!(events[1].date, d(2025, 1, 20));
    }

    #[rstest]
    #[case("○○税務署に提出", Some("○○税務署"))]
    #[case("源泉徴収票を○○税務署へ提出", Some("○○税務署"))]
    #[case("○○税務署に源泉徴収票を提出", Some("○○税務署"))]
    #[case("e-Taxにて提出", None)]
    #[case("郵送により提出", None)]
    #[case("年金事務所あてに郵送", Some("年金事務所"))]
    #[case("電子申請で公共職業安定所に提出", Some("公共職業安定所"))]
    #[case("提出", None)]
    fn recipients(#[case] clause: &str, #[case] expected: Option<&str>) {
        assert_eq!(recipient_of(clause).as_deref(), expected, "{clause}");
    }

    #[test]
    fn a_my_number_in_the_text_is_refused_without_repeating_it() {
        for text in [
            "R7.4.1 528473910645 を税務署に提出",
            "R7.4.1 5284、7391、0645",
        ] {
            let err = split_handlings(USES, text, None).unwrap_err();
            assert_eq!(err.message, MY_NUMBER_REASON);
            assert!(!err.message.contains("0645"));
        }
    }

    #[test]
    fn blank_text_is_no_event() {
        assert_eq!(split_handlings(USES, "", None), Ok(vec![]));
        assert_eq!(split_handlings(USES, " 、\n", None), Ok(vec![]));
    }
}
