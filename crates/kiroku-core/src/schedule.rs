//! The disposal schedule (DOMAIN.md §6): for a fiscal year, which documents go in its 年度末
//! batch, which are past their 廃棄期限, which come next year, and which disposals still wait
//! for a contractor's certificate. Pure functions over documents' derived dates; the caller
//! passes `today` and groups (per 台帳 file, per rule) by what it passes in.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::field::{optional_text, FieldError};
use crate::fiscal_year::FiscalYear;
use crate::period::RetentionDates;
use crate::wareki;

/// Where a document (帳票) is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentState {
    /// 保存中
    Kept,
    /// 廃棄済 (paper, media)
    Disposed,
    /// 削除済 (data)
    Deleted,
    /// 証明書待ち: disposed of by a contractor whose 廃棄（削除）証明書 has not arrived; listed
    /// until it does.
    AwaitingCertificate,
}

/// Who carried out a disposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposer {
    /// The office itself (the clerk, checked by another).
    Office,
    /// A contractor (溶解業者 …), who owes a certificate.
    Contractor { certificate_received: bool },
}

impl DocumentState {
    pub const ALL: [DocumentState; 4] = [
        DocumentState::Kept,
        DocumentState::Disposed,
        DocumentState::Deleted,
        DocumentState::AwaitingCertificate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentState::Kept => "kept",
            DocumentState::Disposed => "disposed",
            DocumentState::Deleted => "deleted",
            DocumentState::AwaitingCertificate => "awaiting_certificate",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DocumentState::Kept => "保存中",
            DocumentState::Disposed => "廃棄済",
            DocumentState::Deleted => "削除済",
            DocumentState::AwaitingCertificate => "証明書待ち",
        }
    }

    /// Still to be disposed of (保存中).
    pub fn is_kept(self) -> bool {
        self == DocumentState::Kept
    }

    /// The state a recorded disposal leaves: `deleted` for data (削除), else 廃棄. A
    /// contractor's disposal without its certificate stays 証明書待ち; record it again with the
    /// certificate to close it.
    pub fn after_disposal(deleted: bool, by: Disposer) -> Self {
        match by {
            Disposer::Contractor {
                certificate_received: false,
            } => DocumentState::AwaitingCertificate,
            _ if deleted => DocumentState::Deleted,
            _ => DocumentState::Disposed,
        }
    }
}

impl fmt::Display for DocumentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocumentState {
    type Err = FieldError;

    /// The identifier (a hyphen may stand for the underscore) or the Japanese label.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let id = s.replace('-', "_");
        DocumentState::ALL
            .into_iter()
            .find(|k| k.as_str() == id || k.label() == s)
            .ok_or_else(|| {
                let list: Vec<String> = DocumentState::ALL
                    .iter()
                    .map(|k| format!("{}（{}）", k.as_str(), k.label()))
                    .collect();
                FieldError::new(
                    "状態",
                    format!("次のいずれかを指定してください: {}。", list.join("、")),
                )
            })
    }
}

/// Which list of the schedule a document is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// 期限超過: still kept after its 廃棄期限.
    Overdue,
    /// 廃棄予定: in the asked year's batch (or left over from an earlier batch, not yet overdue).
    Due,
    /// 翌年度廃棄予定: in the next year's batch.
    Upcoming,
    /// 証明書待ち, whatever the year.
    AwaitingCertificate,
}

impl Bucket {
    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Overdue => "overdue",
            Bucket::Due => "due",
            Bucket::Upcoming => "upcoming",
            Bucket::AwaitingCertificate => "awaiting_certificate",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Bucket::Overdue => "期限超過",
            Bucket::Due => "廃棄予定",
            Bucket::Upcoming => "翌年度廃棄予定",
            Bucket::AwaitingCertificate => "証明書待ち",
        }
    }
}

/// Where a document with `dates` and `state` goes in the schedule of `fy` as seen on `today`;
/// `None` when it is not listed (disposed of, or its batch is later than next year's).
///
/// A kept document past its 廃棄期限 is overdue whatever year is asked. One that missed its
/// batch but is not yet past its 廃棄期限 stays due in every later year's schedule until it is.
pub fn classify(
    dates: &RetentionDates,
    state: DocumentState,
    fy: FiscalYear,
    today: NaiveDate,
) -> Option<Bucket> {
    match state {
        DocumentState::AwaitingCertificate => Some(Bucket::AwaitingCertificate),
        DocumentState::Disposed | DocumentState::Deleted => None,
        DocumentState::Kept if dates.dispose_by < today => Some(Bucket::Overdue),
        DocumentState::Kept if dates.batch_fy <= fy => Some(Bucket::Due),
        DocumentState::Kept if dates.batch_fy == fy.next() => Some(Bucket::Upcoming),
        DocumentState::Kept => None,
    }
}

/// The disposal schedule of one fiscal year. Each list runs by 廃棄期限 (then 保存期限, then
/// the order given): the most overdue first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule<T> {
    /// 期限超過: shown at the top.
    pub overdue: Vec<T>,
    /// 今年度廃棄予定
    pub due: Vec<T>,
    /// 翌年度廃棄予定 (the look-ahead)
    pub upcoming: Vec<T>,
    /// 証明書待ち
    pub awaiting_certificate: Vec<T>,
}

impl<T> Default for Schedule<T> {
    fn default() -> Self {
        Self {
            overdue: Vec::new(),
            due: Vec::new(),
            upcoming: Vec::new(),
            awaiting_certificate: Vec::new(),
        }
    }
}

impl<T> Schedule<T> {
    /// The dashboard figure: 「今年度廃棄予定 N件 / 期限超過 M件」.
    pub fn headline(&self) -> String {
        format!(
            "今年度廃棄予定 {}件 / 期限超過 {}件",
            self.due.len(),
            self.overdue.len()
        )
    }

    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty()
            && self.due.is_empty()
            && self.upcoming.is_empty()
            && self.awaiting_certificate.is_empty()
    }
}

/// Builds the schedule of `fy` as seen on `today` from documents with their derived dates and
/// states ([`classify`]). One pass, then a stable sort of each list; no allocation per document
/// beyond the returned lists. Group per 台帳 file or per rule by filtering what is passed in.
pub fn schedule<T>(
    items: impl IntoIterator<Item = (T, RetentionDates, DocumentState)>,
    fy: FiscalYear,
    today: NaiveDate,
) -> Schedule<T> {
    type Keyed<T> = Vec<((NaiveDate, NaiveDate), T)>;
    let (mut overdue, mut due, mut upcoming, mut awaiting): (
        Keyed<T>,
        Keyed<T>,
        Keyed<T>,
        Keyed<T>,
    ) = Default::default();
    for (item, dates, state) in items {
        let list = match classify(&dates, state, fy, today) {
            Some(Bucket::Overdue) => &mut overdue,
            Some(Bucket::Due) => &mut due,
            Some(Bucket::Upcoming) => &mut upcoming,
            Some(Bucket::AwaitingCertificate) => &mut awaiting,
            None => continue,
        };
        list.push(((dates.dispose_by, dates.retain_until), item));
    }
    fn sorted<T>(mut list: Keyed<T>) -> Vec<T> {
        // Stable: equal dates keep the order given.
        list.sort_by_key(|(key, _)| *key);
        list.into_iter().map(|(_, item)| item).collect()
    }
    Schedule {
        overdue: sorted(overdue),
        due: sorted(due),
        upcoming: sorted(upcoming),
        awaiting_certificate: sorted(awaiting),
    }
}

/// A disposal day that passed [`check_disposal_day`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "reason", rename_all = "snake_case")]
pub enum EarlyDisposal {
    /// On or after the 廃棄可能日.
    OnTime,
    /// Before it, confirmed by the officer with this reason (to be recorded with the disposal).
    Confirmed(String),
}

/// Checks a disposal on `on` against the document's dates: before its 廃棄可能日 (i.e. within
/// its 保存期限) it is refused unless the officer confirms with a non-empty reason. The caller
/// checks that the one confirming is the officer.
pub fn check_disposal_day(
    dates: &RetentionDates,
    on: NaiveDate,
    officer_reason: Option<&str>,
) -> Result<EarlyDisposal, FieldError> {
    if on >= dates.disposable_from {
        return Ok(EarlyDisposal::OnTime);
    }
    match optional_text("早期廃棄の理由", officer_reason.unwrap_or(""), 200)? {
        Some(reason) => Ok(EarlyDisposal::Confirmed(reason)),
        None => Err(FieldError::new(
            "廃棄日",
            format!(
                "保存期限（{}）が過ぎていないため廃棄できません。廃棄できるのは{}からです。保存期限前に廃棄する必要がある場合は、事務取扱責任者が理由を入力して確認してください。",
                wareki::format(dates.retain_until),
                wareki::format(dates.disposable_from),
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::{retention, StartKind};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// 令和6年分 扶養控除等申告書: kept until 2032-01-10, batch 令和13年度, 廃棄期限 2033-01-10.
    fn declaration_2024() -> RetentionDates {
        retention(StartKind::AfterJan10NextYear, 7, d(2024, 1, 1))
    }

    #[test]
    fn states_read_identifier_or_label() {
        for s in DocumentState::ALL {
            assert_eq!(s.as_str().parse::<DocumentState>(), Ok(s));
            assert_eq!(s.label().parse::<DocumentState>(), Ok(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        assert_eq!(
            "awaiting-certificate".parse::<DocumentState>(),
            Ok(DocumentState::AwaitingCertificate)
        );
        assert_eq!("lost".parse::<DocumentState>().unwrap_err().field, "状態");
    }

    #[test]
    fn the_declaration_is_due_in_reiwa_13_and_upcoming_the_year_before() {
        // Its batch is 令和13年度 (FY2031, batch day 2032-03-31): due in FY2031's schedule,
        // the look-ahead of FY2030's, absent from FY2029's.
        let dates = declaration_2024();
        let today = d(2031, 6, 1);
        assert_eq!(
            classify(&dates, DocumentState::Kept, FiscalYear(2031), today),
            Some(Bucket::Due)
        );
        assert_eq!(
            classify(&dates, DocumentState::Kept, FiscalYear(2030), today),
            Some(Bucket::Upcoming)
        );
        assert_eq!(
            classify(&dates, DocumentState::Kept, FiscalYear(2029), today),
            None
        );
        // Once disposed of it leaves the schedule.
        assert_eq!(
            classify(&dates, DocumentState::Disposed, FiscalYear(2031), today),
            None
        );
    }

    #[test]
    fn a_missed_batch_stays_due_until_its_deadline_then_is_overdue() {
        // Not disposed of at the 2032-03-31 batch: in 令和14年度 it is still due (廃棄期限
        // 2033-01-10 not passed), not silently dropped; from 2033-01-11 it is overdue, whatever
        // year is asked.
        let dates = declaration_2024();
        let fy = FiscalYear(2032);
        assert_eq!(
            classify(&dates, DocumentState::Kept, fy, d(2032, 6, 1)),
            Some(Bucket::Due)
        );
        assert_eq!(
            classify(&dates, DocumentState::Kept, fy, d(2033, 1, 10)),
            Some(Bucket::Due)
        );
        assert_eq!(
            classify(&dates, DocumentState::Kept, fy, d(2033, 1, 11)),
            Some(Bucket::Overdue)
        );
        assert_eq!(
            classify(
                &dates,
                DocumentState::Kept,
                FiscalYear(2040),
                d(2033, 1, 11)
            ),
            Some(Bucket::Overdue)
        );
    }

    #[test]
    fn a_contractor_disposal_without_its_certificate_is_listed_whatever_the_year() {
        // 溶解 by a contractor on the 2032-03-31 batch day, certificate not yet in: 証明書待ち,
        // and listed in every year's schedule (even long after) until it arrives; then 廃棄済
        // and gone.
        let waiting = DocumentState::after_disposal(
            false,
            Disposer::Contractor {
                certificate_received: false,
            },
        );
        assert_eq!(waiting, DocumentState::AwaitingCertificate);
        assert_eq!(waiting.label(), "証明書待ち");
        let dates = declaration_2024();
        for (fy, today) in [(2031, d(2032, 3, 31)), (2035, d(2036, 1, 1))] {
            let s = schedule([("一式", dates, waiting)], FiscalYear(fy), today);
            assert_eq!(s.awaiting_certificate, ["一式"]);
            assert!(s.overdue.is_empty() && s.due.is_empty());
        }
        let done = DocumentState::after_disposal(
            false,
            Disposer::Contractor {
                certificate_received: true,
            },
        );
        assert_eq!(done, DocumentState::Disposed);
        assert!(schedule([("一式", dates, done)], FiscalYear(2031), d(2032, 4, 1)).is_empty());
        assert_eq!(
            DocumentState::after_disposal(true, Disposer::Office),
            DocumentState::Deleted
        );
        assert_eq!(
            DocumentState::after_disposal(false, Disposer::Office),
            DocumentState::Disposed
        );
    }

    #[test]
    fn overdue_documents_come_first_most_overdue_at_the_top() {
        // On 2032-06-01, asking 令和14年度 (FY2032):
        // - a 令和3年分 declaration (廃棄期限 2030-01-10) and a 令和4年分 one (2031-01-10) are
        //   overdue, the older first;
        // - 雇用保険 papers completed 2029-05-10 (4 years day-after: S 2029-05-11, kept to
        //   2033-05-10, batch FY2033) are the look-ahead;
        // - papers completed 2028-06-30 (kept to 2032-06-30, disposable 2032-07-01, FY2032) and
        //   2028-04-30 (disposable 2032-05-01, FY2032) are due, the earlier first even though
        //   given second;
        // - a disposed-of declaration is not listed.
        let items = [
            (
                "R4分",
                retention(StartKind::AfterJan10NextYear, 7, d(2022, 1, 1)),
                DocumentState::Kept,
            ),
            (
                "R3分",
                retention(StartKind::AfterJan10NextYear, 7, d(2021, 1, 1)),
                DocumentState::Kept,
            ),
            (
                "2029完結",
                retention(StartKind::DayAfter, 4, d(2029, 5, 10)),
                DocumentState::Kept,
            ),
            (
                "2028-06完結",
                retention(StartKind::DayAfter, 4, d(2028, 6, 30)),
                DocumentState::Kept,
            ),
            (
                "2028-04完結",
                retention(StartKind::DayAfter, 4, d(2028, 4, 30)),
                DocumentState::Kept,
            ),
            (
                "R2分 廃棄済",
                retention(StartKind::AfterJan10NextYear, 7, d(2020, 1, 1)),
                DocumentState::Disposed,
            ),
        ];
        let s = schedule(items, FiscalYear(2032), d(2032, 6, 1));
        assert_eq!(s.overdue, ["R3分", "R4分"]);
        assert_eq!(s.due, ["2028-04完結", "2028-06完結"]);
        assert_eq!(s.upcoming, ["2029完結"]);
        assert!(s.awaiting_certificate.is_empty());
        assert_eq!(s.headline(), "今年度廃棄予定 2件 / 期限超過 2件");
    }

    #[test]
    fn equal_dates_keep_the_order_given() {
        // 48 declarations of the same 年分 share their dates: the list keeps the input order.
        let dates = declaration_2024();
        let s = schedule(
            (0..48).map(|i| (i, dates, DocumentState::Kept)),
            FiscalYear(2031),
            d(2031, 4, 1),
        );
        assert_eq!(s.due, (0..48).collect::<Vec<_>>());
        assert_eq!(s.headline(), "今年度廃棄予定 48件 / 期限超過 0件");
    }

    #[test]
    fn the_headline_of_an_empty_schedule() {
        let s: Schedule<u32> = schedule([], FiscalYear(2025), d(2025, 4, 1));
        assert!(s.is_empty());
        assert_eq!(s.headline(), "今年度廃棄予定 0件 / 期限超過 0件");
    }

    #[test]
    fn a_large_schedule_is_one_pass() {
        // 100,000 documents over 20 年分 (the benchmark's size): each lands in exactly one list
        // or none, and every list is in date order.
        let dates: Vec<RetentionDates> = (2015..2035)
            .map(|y| retention(StartKind::AfterJan10NextYear, 7, d(y, 1, 1)))
            .collect();
        let n = 100_000usize;
        let state = |i: usize| match i % 10 {
            0 => DocumentState::Disposed,
            1 => DocumentState::AwaitingCertificate,
            _ => DocumentState::Kept,
        };
        let s = schedule(
            (0..n).map(|i| (i, dates[i % dates.len()], state(i))),
            FiscalYear(2030),
            d(2030, 6, 1),
        );
        let listed =
            s.overdue.len() + s.due.len() + s.upcoming.len() + s.awaiting_certificate.len();
        let expected = (0..n)
            .filter(|&i| {
                classify(
                    &dates[i % dates.len()],
                    state(i),
                    FiscalYear(2030),
                    d(2030, 6, 1),
                )
                .is_some()
            })
            .count();
        assert_eq!(listed, expected);
        assert_eq!(s.awaiting_certificate.len(), n / 10);
        for list in [&s.overdue, &s.due, &s.upcoming] {
            let keys: Vec<_> = list
                .iter()
                .map(|&i| dates[i % dates.len()].dispose_by)
                .collect();
            assert!(keys.windows(2).all(|w| w[0] <= w[1]));
        }
    }

    #[test]
    fn disposal_within_the_period_is_refused_unless_the_officer_gives_a_reason() {
        // The 令和6年分 declarations are kept until 2032-01-10: disposing of them on 2032-01-10
        // is refused, naming the 保存期限 in 和暦 and how the officer may confirm; with a reason
        // it is allowed and the reason is kept; from 2032-01-11 it is on time.
        let dates = declaration_2024();
        let err = check_disposal_day(&dates, d(2032, 1, 10), None).unwrap_err();
        assert_eq!(err.field, "廃棄日");
        assert!(err.message.contains("令和14年1月10日"), "{}", err.message);
        assert!(err.message.contains("令和14年1月11日"), "{}", err.message);
        assert!(
            err.message.contains("事務取扱責任者が理由"),
            "{}",
            err.message
        );
        assert_eq!(
            check_disposal_day(&dates, d(2032, 1, 10), Some("  "))
                .unwrap_err()
                .field,
            "廃棄日"
        );
        assert_eq!(
            check_disposal_day(
                &dates,
                d(2026, 5, 1),
                Some("本人の死亡により不要（責任者確認済）")
            ),
            Ok(EarlyDisposal::Confirmed(
                "本人の死亡により不要（責任者確認済）".to_owned()
            ))
        );
        assert_eq!(
            check_disposal_day(&dates, d(2032, 1, 11), None),
            Ok(EarlyDisposal::OnTime)
        );
        // The reason is a text like any other: no 個人番号.
        let err = check_disposal_day(&dates, d(2026, 5, 1), Some("123456789018 の分")).unwrap_err();
        assert_eq!(err.field, "早期廃棄の理由");
    }
}
