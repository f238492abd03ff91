//! Retention rules (保存期間), documents (保存文書), the disposal schedule, disposals and the
//! contractors' certificates through the API (DOMAIN.md §6), with the clock moved by the test.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, NaiveDate};
use common::*;
use kiroku_api::{
    ApiError, CertificateRequest, DisposalRequest, DocumentView, ErrorCode, EventQuery,
    NewContractor, NewDocument, NewLedgerEntry, NewPerson, NewRule, RuleChanges, ScheduleCount,
    Session,
};
use kiroku_core::clock::Clock;

const FUYO: &str = "給与所得者の扶養控除等（異動）申告書";
const PENSION: &str = "年金請求書等（共済 長期給付）";
const KOYO: &str = "雇用保険 その他の書類";
/// The test clock's first day (2026-04-01 JST).
const TODAY: &str = "令和8年4月1日";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Moves the clock so that today (JST) is `day`.
fn move_to(o: &Office, day: NaiveDate) {
    let today = (o.clock.now() + Duration::hours(9)).date_naive();
    o.clock.advance(Duration::days((day - today).num_days()));
}

/// A 台帳 file; `electronic` makes it 電子データ (disposal is then a deletion).
fn file(s: &mut Session, name: &str, electronic: bool) -> i64 {
    let mut e = NewLedgerEntry::default();
    (e.name, e.electronic) = (name.into(), electronic);
    (e.scope, e.purpose) = ("役職員の個人番号、氏名".into(), "年末調整".into());
    (e.dept, e.owner, e.handlers) = ("総務課".into(), OFFICER.into(), vec![OFFICER.into()]);
    (e.retention, e.disposal) = ("翌年1月10日の翌日から7年".into(), "shred".into());
    e.location = "総務課キャビネット（施錠可）".into();
    s.add_ledger_entry(&e).unwrap().no
}

fn rule_id(s: &mut Session, name: &str) -> i64 {
    let rules = s.list_rules().unwrap();
    rules.into_iter().find(|r| r.name == name).unwrap().id
}

fn new_doc(name: &str, file: i64, rule: &str, base: &str) -> NewDocument {
    let mut new = NewDocument::default();
    (new.name, new.file, new.rule) = (name.into(), file, rule.into());
    new.base_date = base.into();
    new
}

fn doc(s: &mut Session, name: &str, file: i64, rule: &str, base: &str) -> DocumentView {
    s.add_document(&new_doc(name, file, rule, base)).unwrap()
}

/// A batch (一式) of `n` persons under 雇用保険 その他の書類, completed on 2024-03-31: kept
/// until 2026-03-31, so disposable from the test clock's first day.
fn batch(s: &mut Session, name: &str, file: i64, n: u32) -> i64 {
    let mut new = new_doc(name, file, KOYO, "令和6年3月31日");
    new.batch_count = Some(n);
    s.add_document(&new).unwrap().id
}

fn disposal(ids: &[i64], method: &str) -> DisposalRequest {
    let mut req = DisposalRequest::default();
    (req.documents, req.method, req.date) = (ids.to_vec(), method.into(), TODAY.into());
    req
}

fn certificate(contractor: &str, number: &str, ids: &[i64]) -> CertificateRequest {
    let mut req = CertificateRequest::default();
    (req.contractor, req.number) = (contractor.into(), number.into());
    (req.date, req.documents) = (TODAY.into(), ids.to_vec());
    req
}

fn contractor(s: &mut Session, name: &str) {
    let mut new = NewContractor::default();
    (new.name, new.pattern) = (name.into(), "III".into());
    s.add_contractor(&new).unwrap();
}

/// An office rule (規程, shredded).
fn new_rule(name: &str, start: &str, years: &str) -> NewRule {
    let mut new = NewRule::default();
    (new.name, new.start, new.years) = (name.into(), start.into(), years.into());
    (new.basis, new.disposal) = ("特定個人情報取扱規程".into(), "shred".into());
    new
}

fn years(n: &str) -> RuleChanges {
    RuleChanges {
        years: Some(n.into()),
        ..RuleChanges::default()
    }
}

/// The field an error names.
fn field<T: std::fmt::Debug>(r: Result<T, ApiError>) -> String {
    r.unwrap_err().body().field.unwrap_or_default()
}

fn code<T: std::fmt::Debug>(r: Result<T, ApiError>) -> ErrorCode {
    r.unwrap_err().code()
}

fn ids(list: &[DocumentView]) -> Vec<i64> {
    list.iter().map(|v| v.id).collect()
}

/// 保存期限, 廃棄可能日, 廃棄期限, the batch's 年度 and its day.
fn dates(v: &DocumentView) -> String {
    let (a, b, c) = (v.retain_until, v.disposable_from, v.dispose_by);
    format!("{a} {b} {c} FY{} {}", v.batch_fy, v.batch_day)
}

/// Asserts that `text` contains `part`.
fn says(text: impl std::fmt::Display, part: &str) {
    let text = text.to_string();
    assert!(text.contains(part), "「{part}」 not in 「{text}」");
}

fn state(v: &DocumentView) -> (&str, &str) {
    (&v.state, &v.state_label)
}

#[test]
fn a_reiwa_6_declaration_counts_from_its_year_not_the_day_it_was_handed_in() {
    // 所得税法施行規則第76条の3: 「翌年1月10日の翌日から7年」 with the 年分 as the base. A 令和6年分
    // 申告書 has S = 2025-01-11; the day corresponding to S seven years on is 2032-01-11, so the
    // last day is the day before, 2032-01-10. It may go from 2032-01-11, within a year (by
    // 2033-01-10, 002 第21条④⑤), in the batch of the 年度 containing 2032-01-11: 令和13年度,
    // batch day 2032-03-31. Any day of 2024 as the base (1 December or 1 January) gives the same.
    let o = office();
    let mut s = o.officer();
    let rules = s.list_rules().unwrap();
    let rule = rules.into_iter().find(|r| r.name == FUYO).unwrap();
    assert!(rule.built_in && rule.statutory && !rule.amended);
    assert_eq!(rule.period, "翌年1月10日の翌日から7年");
    let no = file(&mut s, "扶養控除等申告書綴", false);
    let added = doc(&mut s, "令和6年分", no, FUYO, "令和6年12月1日");
    let v = s.document(added.id).unwrap();
    assert_eq!(v, added);
    let want = "2032-01-10 2032-01-11 2033-01-10 FY2031 2032-03-31";
    assert_eq!(dates(&v), want);
    assert_eq!(v.batch_fy_label, "令和13年度");
    assert_eq!(state(&v), ("kept", "保存中"));
    assert_eq!((v.rule_id, v.file), (rule.id, no));
    // The same 年分 entered as 1 January, naming the rule by its ID.
    let by_id = rule.id.to_string();
    let january = doc(&mut s, "令和6年分（別綴）", no, &by_id, "2024-01-01");
    assert_eq!(dates(&january), want);
    let rules = s.list_rules().unwrap();
    assert_eq!(rules.iter().find(|r| r.id == rule.id).unwrap().documents, 2);
}

#[test]
fn a_pension_claim_is_kept_until_the_end_of_the_tenth_fiscal_year() {
    // 001 第15条: 「失権した日の属する翌年事業年度から起算して10年」. 失権日 2020-08-15 lies in
    // 令和2年度, so S = 2021-04-01; ten years on the corresponding day is 2031-04-01, and the
    // last day is 2031-03-31. Disposable from 2031-04-01 (令和13年度, batch 2032-03-31).
    let o = office();
    let mut s = o.officer();
    let no = file(&mut s, "年金請求書綴", false);
    let v = doc(&mut s, "遺族年金請求書", no, PENSION, "令和2年8月15日");
    let want = "2031-03-31 2031-04-01 2032-03-31 FY2031 2032-03-31";
    assert_eq!(dates(&v), want);
}

#[test]
fn a_period_starting_on_29_february_ends_on_28_february() {
    // An office rule counted from the base date itself (「起算して」), one year, from 2024-02-29:
    // 2025 has no 29 February, so the period ends on the last day of that month, 2025-02-28
    // (民法第143条2項ただし書); disposable from 2025-03-01, in 令和6年度's batch.
    let o = office();
    let mut s = o.officer();
    let new = new_rule("持出し記録簿", "base-date", "1");
    let rule = s.add_rule(&new).unwrap();
    assert!(!rule.built_in && rule.version == 1);
    assert_eq!(rule.period, "基準日から起算して1年");
    assert_eq!(rule.basis_kind, "規程");
    let no = file(&mut s, "持出し記録簿", false);
    let v = doc(&mut s, "令和6年2月分", no, "持出し記録簿", "2024-02-29");
    let want = "2025-02-28 2025-03-01 2026-02-28 FY2024 2025-03-31";
    assert_eq!(dates(&v), want);
}

#[test]
fn changing_a_rule_recalculates_every_document_under_it_and_says_how_many() {
    // Dates are derived from the rule's current version on every read: 7 → 5 years moves the
    // 令和6年分 declaration from 2032-01-10 to 2030-01-10 and the 令和5年分 one from 2031-01-10 to
    // 2029-01-10, leaves the pension claim (another rule) alone, and the audit row of the change
    // counts the two documents. Only the officer adds or changes rules, a change with a reason.
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    let no = file(&mut s, "扶養控除等申告書綴", false);
    let r6 = doc(&mut s, "令和6年分", no, FUYO, "令和6年12月1日").id;
    let r5 = doc(&mut s, "令和5年分", no, FUYO, "令和5年12月1日").id;
    let pension = doc(&mut s, "年金請求書", no, PENSION, "令和2年8月15日");
    let id = rule_id(&mut s, FUYO);
    let five = years("5");

    let mut clerk = o.login("sato", "clerk-pass-1");
    let new = new_rule("勝手な規則", "day-after", "1");
    assert_eq!(code(clerk.add_rule(&new)), ErrorCode::Forbidden);
    let edit = clerk.edit_rule(id, "短縮", &five);
    assert_eq!(code(edit), ErrorCode::Forbidden);
    assert_eq!(field(s.edit_rule(id, " ", &five)), "訂正の理由");
    let same = s.edit_rule(id, "同じ", &RuleChanges::default());
    assert_eq!(field(same), "変更内容");

    let v = s.edit_rule(id, "規程改正（令和8年4月）", &five).unwrap();
    assert_eq!((v.version, v.amended), (2, true));
    assert_eq!((v.years, v.documents), (5, 2));
    assert_eq!(v.period, "翌年1月10日の翌日から5年");
    let r6 = s.document(r6).unwrap();
    assert_eq!((r6.retain_until, r6.batch_fy), (d(2030, 1, 10), 2029));
    assert_eq!(s.document(r5).unwrap().retain_until, d(2029, 1, 10));
    assert_eq!(s.document(pension.id).unwrap(), pension);
    let history = s.rule_history(id).unwrap();
    assert_eq!(history.iter().map(|h| h.years).collect::<Vec<_>>(), [7, 5]);
    assert_eq!(history[1].reason.as_deref(), Some("規程改正（令和8年4月）"));
    let audit = s.audit_list(50).unwrap();
    let rule = format!("rule:{id}");
    let row = audit
        .iter()
        .find(|a| a.action == "amend" && a.target == rule)
        .unwrap();
    says(&row.detail, "規程改正（令和8年4月）");
    says(&row.detail, "保存文書 2 件を再計算");
}

#[test]
fn the_schedule_puts_overdue_first_then_this_years_batch_then_next_years() {
    // Kept on 2026-04-01 (file 1 扶養, file 2 雇用保険, file 3 年金):
    //   C 令和4年分 申告書   廃棄期限 2031-01-10, batch 令和11年度
    //   B 令和5年分 申告書   廃棄期限 2032-01-10, batch 令和12年度
    //   A 令和6年分 申告書   廃棄期限 2033-01-10, batch 令和13年度
    //   D 令和7年分 申告書   batch 令和14年度;  E 令和8年分: 令和15年度
    //   P 年金請求書 (失権 2020-08-15): 廃棄期限 2032-03-31, batch 令和13年度
    //   K 雇用保険 (完結 2024-03-31, 2年): 廃棄可能 2026-04-01, 廃棄期限 2027-03-31, 令和8年度
    // On 2026-04-01 this 年度 (令和8年度) holds K only. Asking 令和13年度 ahead lists every batch up
    // to it as due (K, C, B, P, A by 廃棄期限) and D as next year's. On 2031-06-01 (令和13年度)
    // K and C are past their 廃棄期限: overdue, the most overdue first; B (missed its batch, not
    // yet overdue), P and A are due; D is upcoming; E is not listed.
    let o = office();
    let mut s = o.officer();
    let f1 = file(&mut s, "扶養控除等申告書綴", false);
    let f2 = file(&mut s, "雇用保険届出控え", false);
    let f3 = file(&mut s, "年金請求書綴", false);
    let c = doc(&mut s, "令和4年分", f1, FUYO, "令和4年12月1日").id;
    let b = doc(&mut s, "令和5年分", f1, FUYO, "令和5年12月1日").id;
    let a = doc(&mut s, "令和6年分", f1, FUYO, "令和6年12月1日").id;
    let next = doc(&mut s, "令和7年分", f1, FUYO, "令和7年12月1日").id;
    doc(&mut s, "令和8年分", f1, FUYO, "令和8年1月5日");
    let p = doc(&mut s, "年金請求書", f3, PENSION, "令和2年8月15日").id;
    let k = batch(&mut s, "離職票控え", f2, 12);

    let now = s.schedule(None).unwrap();
    assert_eq!((now.fy, now.fy_label.as_str()), (2026, "令和8年度"));
    assert_eq!(now.batch_day, d(2027, 3, 31));
    assert_eq!(ids(&now.due), [k]);
    assert!(now.overdue.is_empty() && now.upcoming.is_empty());
    assert_eq!(now.headline, "今年度廃棄予定 1件 / 期限超過 0件");

    let ahead = s.schedule(Some("R13")).unwrap();
    assert_eq!((ahead.fy, ahead.batch_day), (2031, d(2032, 3, 31)));
    assert_eq!(ids(&ahead.due), [k, c, b, p, a]);
    assert_eq!(ids(&ahead.upcoming), [next]);
    assert!(ahead.overdue.is_empty());

    move_to(&o, d(2031, 6, 1));
    let mut s = o.officer();
    let plan = s.schedule(None).unwrap();
    assert_eq!(plan, s.schedule(Some("R13")).unwrap());
    assert_eq!(plan.fy_label, "令和13年度");
    assert_eq!(ids(&plan.overdue), [k, c]);
    assert_eq!(ids(&plan.due), [b, p, a]);
    assert_eq!(ids(&plan.upcoming), [next]);
    assert!(plan.awaiting_certificate.is_empty());
    assert_eq!(plan.headline, "今年度廃棄予定 3件 / 期限超過 2件");
    // Per file (by 台帳 NO.) and per rule (by ID): overdue/due/upcoming.
    let counts = |list: &[ScheduleCount]| -> Vec<String> {
        let row = |c: &ScheduleCount| format!("{} {}/{}/{}", c.name, c.overdue, c.due, c.upcoming);
        list.iter().map(row).collect()
    };
    let by_file = [
        "扶養控除等申告書綴 1/2/1",
        "雇用保険届出控え 1/0/0",
        "年金請求書綴 0/1/0",
    ];
    assert_eq!(counts(&plan.by_file), by_file);
    let by_rule = [(FUYO, "1/2/1"), (KOYO, "1/0/0"), (PENSION, "0/1/0")];
    assert_eq!(
        counts(&plan.by_rule),
        by_rule.map(|(r, n)| format!("{r} {n}"))
    );
}

#[test]
fn disposal_within_the_period_needs_the_officers_reason_and_goes_into_the_log() {
    // A 令和6年分 申告書 is kept until 2032-01-10: disposing of it on 2026-04-01 is refused on the
    // 廃棄日; a clerk cannot override even with a reason (Forbidden); the officer can, and the
    // reason stays with the disposal. The handling log gets a `dispose` event naming the
    // document. A batch of 48 disposable today makes one event without a person, labelled
    // 「… 一式（48名）」.
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    let mut person = NewPerson::default();
    (person.kind, person.name) = ("staff".into(), "鈴木 一郎".into());
    let person = s.add_person(&person).unwrap().id;
    let no = file(&mut s, "扶養控除等申告書綴", false);
    let mut new = new_doc("令和6年分 扶養控除等申告書", no, FUYO, "令和6年12月1日");
    new.person = Some(person);
    let mine = s.add_document(&new).unwrap();
    assert_eq!(mine.person.as_deref(), Some("鈴木 一郎"));
    let req = disposal(&[mine.id], "shred");
    let err = s.dispose(&req).unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("廃棄日"));
    assert!(err.to_string().contains("令和14年1月10日"), "{err}");
    let reason = "本人の退職に伴い返却済みの写しのため";
    let mut early = req;
    early.early_reason = Some(reason.into());
    let mut clerk = o.login("sato", "clerk-pass-1");
    assert_eq!(code(clerk.dispose(&early)), ErrorCode::Forbidden);
    assert_eq!(s.document(mine.id).unwrap().state, "kept");

    assert_eq!(s.dispose(&early).unwrap().len(), 1);
    let v = s.document(mine.id).unwrap();
    assert_eq!(state(&v), ("disposed", "廃棄済"));
    let x = v.disposal.unwrap();
    assert_eq!(x.early_reason.as_deref(), Some(reason));
    assert_eq!((x.deleted, x.performer.as_str()), (false, OFFICER));
    assert_eq!(x.disposed_on, d(2026, 4, 1));
    assert_eq!(x.method, "シュレッダー");

    let f2 = file(&mut s, "雇用保険届出控え", false);
    let lot = batch(&mut clerk, "雇用保険 離職票控え", f2, 48);
    let on_time = clerk.dispose(&disposal(&[lot], "shred")).unwrap();
    assert_eq!(on_time[0].state, "disposed");
    assert_eq!(on_time[0].disposal.as_ref().unwrap().early_reason, None);

    let log = s.chronological(&EventQuery::default()).unwrap();
    assert_eq!(log.len(), 2);
    let of_mine = log.iter().find(|r| r.event_id == x.event_id).unwrap();
    assert_eq!(of_mine.kind, "dispose");
    assert_eq!(of_mine.person.as_deref(), Some("鈴木 一郎"));
    says(&of_mine.summary, "令和6年分 扶養控除等申告書");
    let of_lot = log.iter().find(|r| r.event_id != x.event_id).unwrap();
    assert_eq!((of_lot.kind.as_str(), of_lot.file), ("dispose", Some(f2)));
    assert_eq!(of_lot.person, None);
    assert_eq!(of_lot.clerk, "佐藤 花子");
    says(&of_lot.summary, "雇用保険 離職票控え 一式（48名）");
}

#[test]
fn deleting_data_needs_a_witness_other_than_the_user() {
    // A 電子データ file's documents are deleted (削除), not disposed of: the handling-log event is
    // a `delete`, and 001 第14条(6) wants it checked by another registered user (確認者).
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    let no = file(&mut s, "給与システム データ", true);
    let data = batch(&mut s, "雇用保険 電子申請データ", no, 20);
    let req = disposal(&[data], "system_delete");
    assert_eq!(field(s.dispose(&req)), "確認者");
    let mut by = req;
    for witness in [OFFICER, "nobody"] {
        by.witness = Some(witness.into());
        assert_eq!(field(s.dispose(&by)), "確認者", "{witness}");
    }
    by.witness = Some("sato".into());
    let done = s.dispose(&by).unwrap();
    assert_eq!(state(&done[0]), ("deleted", "削除済"));
    let x = done[0].disposal.as_ref().unwrap();
    assert_eq!((x.deleted, x.witness.as_deref()), (true, Some("sato")));
    let log = s.chronological(&EventQuery::default()).unwrap();
    assert_eq!((log.len(), log[0].kind.as_str()), (1, "delete"));
    says(&log[0].summary, "確認者: 佐藤 花子");
}

#[test]
fn a_contractors_disposal_waits_for_its_certificate_whatever_the_year() {
    // 溶解 by a contractor leaves the documents 「証明書待ち」: listed in every year's schedule
    // until the 廃棄証明書 is recorded, which makes them 廃棄済 and puts its receipt into the log.
    // A certificate only covers documents that contractor disposed of and that still wait.
    let o = office();
    let mut s = o.officer();
    let name = "○○溶解センター株式会社";
    contractor(&mut s, name);
    contractor(&mut s, "別の業者");
    let no = file(&mut s, "雇用保険届出控え", false);
    let melted = batch(&mut s, "離職票控え", no, 30);
    let shredded = batch(&mut s, "資格喪失届控え", no, 5);
    let kept = batch(&mut s, "取得届控え", no, 5);
    let mut by = disposal(&[melted], "dissolve");
    by.contractor = Some(name.into());
    let v = s.dispose(&by).unwrap();
    assert_eq!(state(&v[0]), ("awaiting_certificate", "証明書待ち"));
    let x = v[0].disposal.clone().unwrap();
    assert_eq!((x.contractor.as_deref(), x.certificate), (Some(name), None));
    assert_eq!(x.method, "溶解");
    s.dispose(&disposal(&[shredded], "shred")).unwrap();
    for fy in [None, Some("R20")] {
        assert_eq!(ids(&s.schedule(fy).unwrap().awaiting_certificate), [melted]);
    }
    move_to(&o, d(2029, 5, 1));
    let mut s = o.officer();
    let later = s.schedule(None).unwrap();
    assert_eq!(ids(&later.awaiting_certificate), [melted]);
    assert_eq!(later.by_file[0].awaiting_certificate, 1);

    for (who, doc) in [(name, shredded), (name, kept), ("別の業者", melted)] {
        let r = s.add_certificate(&certificate(who, "第1号", &[doc]));
        assert_eq!(field(r), "保存文書", "{who} {doc}");
    }
    let receipt = certificate(name, "第2026-15号", &[melted]);
    let v = s.add_certificate(&receipt).unwrap();
    assert_eq!(v[0].state, "disposed");
    let x = v[0].disposal.clone().unwrap();
    assert_eq!(x.certificate.as_deref(), Some("第2026-15号"));
    assert_eq!(x.certificate_date, Some(d(2026, 4, 1)));
    assert!(s.schedule(None).unwrap().awaiting_certificate.is_empty());
    let twice = s.add_certificate(&certificate(name, "第3号", &[melted]));
    assert_eq!(field(twice), "保存文書");
    let log = s.chronological(&EventQuery::default()).unwrap();
    let kinds: Vec<&str> = log.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds, ["dispose", "dispose", "certificate"]);
    says(&log[0].summary, &format!("委託先: {name}"));
    let cert = &log[2].summary;
    says(
        cert,
        &format!("{name}の廃棄・削除証明書を受領（第2026-15号）"),
    );
    says(cert, "離職票控え 一式（30名）");
}

#[test]
fn the_disposal_record_names_the_contractor_and_its_certificate() {
    // The 廃棄記録簿 of a 委託先's disposal: the 委託先 in the 確認者 cell, then (once received)
    // the number of its 廃棄・削除証明書 beside it; a witness stays in the cell too.
    let o = office();
    o.add_user("sato", "佐藤 一郎", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    let name = "○○溶解センター株式会社";
    contractor(&mut s, name);
    let no = file(&mut s, "雇用保険届出控え", false);
    let melted = batch(&mut s, "離職票控え", no, 30);
    let mut by = disposal(&[melted], "dissolve");
    (by.contractor, by.witness) = (Some(name.into()), Some("sato".into()));
    s.dispose(&by).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let print = |s: &mut Session, file: &str| {
        let out = dir.path().join(file);
        let mut req = kiroku_api::PrintRequest::default();
        (req.form, req.out) = ("disposal".into(), out.display().to_string());
        s.print(&req).unwrap();
        let text = std::process::Command::new("pdftotext")
            .args(["-raw", &out.display().to_string(), "-"])
            .output_retried()
            .expect("pdftotext (poppler-utils) is needed by this test")
            .stdout;
        String::from_utf8(text)
            .unwrap()
            .replace(char::is_whitespace, "")
    };
    let waiting = print(&mut s, "waiting.pdf");
    says(&waiting, "証明書待ち");
    // Users by name, not by login ID.
    says(&waiting, &format!("佐藤一郎・{name}"));
    assert!(!waiting.contains("sato"), "{waiting}");
    assert!(!waiting.contains("証明書第"), "{waiting}");
    s.add_certificate(&certificate(name, "第2026-15号", &[melted]))
        .unwrap();
    let done = print(&mut s, "done.pdf");
    says(&done, &format!("佐藤一郎・{name}（証明書第2026-15号）"));
}

#[test]
fn refusals_name_the_field_and_never_echo_a_my_number() {
    // Disposing twice, unknown documents, rules and files, impossible dates and batches and a
    // 個人番号 typed into a name or as an ID: each refused naming its field; the number is never
    // echoed nor stored.
    let o = office();
    let mut s = o.officer();
    let no = file(&mut s, "雇用保険届出控え", false);
    let lot = batch(&mut s, "離職票控え", no, 3);
    s.dispose(&disposal(&[lot], "shred")).unwrap();
    let again = s.dispose(&disposal(&[lot], "shred")).unwrap_err();
    assert_eq!(again.body().field.as_deref(), Some("保存文書"));
    says(again, "すでに廃棄・削除済み");
    assert_eq!(field(s.dispose(&disposal(&[999], "shred"))), "保存文書");
    assert_eq!(field(s.dispose(&disposal(&[], "shred"))), "保存文書");
    assert_eq!(field(s.document(999)), "保存文書");
    let unknown_rule = new_doc("x", no, "存在しない保存文書", "令和6年1月1日");
    assert_eq!(field(s.add_document(&unknown_rule)), "保存期間のルール");
    let unknown_file = new_doc("x", 99, KOYO, "令和6年1月1日");
    assert_eq!(field(s.add_document(&unknown_file)), "特定個人情報ファイル");
    let no_such_day = new_doc("x", no, KOYO, "令和6年2月30日");
    assert_eq!(field(s.add_document(&no_such_day)), "基準日");
    let mut zero = new_doc("x", no, KOYO, "令和6年1月1日");
    zero.batch_count = Some(0);
    assert_eq!(field(s.add_document(&zero)), "件数");
    let rule = s.edit_rule(999, "理由", &RuleChanges::default());
    assert_eq!(field(rule), "保存期間のルール");

    let number = "１２３４-５６７８-９０１８";
    let named = new_doc(&format!("{number}の申告書"), no, KOYO, "令和6年1月1日");
    let err = s.add_document(&named).unwrap_err().body();
    assert_eq!(err.field.as_deref(), Some("保存文書名"));
    assert!(err.message.contains("個人番号"), "{}", err.message);
    assert!(!err.message.contains("9018") && !err.message.contains("９０１８"));
    let err = s.document(123_456_789_018).unwrap_err().body();
    assert_eq!(err.field.as_deref(), Some("保存文書"));
    assert!(!err.message.contains("9018"), "{}", err.message);
    let err = s.dispose(&disposal(&[123_456_789_018], "shred"));
    assert!(!err.unwrap_err().to_string().contains("9018"));
    assert_eq!(s.list_documents(None, None).unwrap().len(), 1);
    let audit = s.audit_list(200).unwrap();
    let clean = |a: &kiroku_api::AuditRow| !format!("{}{}", a.target, a.detail).contains("9018");
    assert!(audit.iter().all(clean));
}

#[test]
fn every_change_leaves_an_audit_row() {
    // Adding a rule or a document creates `rule:N` / `document:N`; changing a rule and disposing
    // of a document amend them; each disposal and each certificate receipt creates its
    // `event:N`, and the certificate its `certificate:N`. A kept document is never amended, and
    // the audit chain still verifies.
    let o = office();
    let mut s = o.officer();
    contractor(&mut s, "溶解業者");
    let new = new_rule("源泉徴収簿", "after-jan10-next-year", "7");
    let rule = s.add_rule(&new).unwrap().id;
    s.edit_rule(rule, "年数の誤り", &years("6")).unwrap();
    let no = file(&mut s, "源泉徴収簿", false);
    let kept = doc(&mut s, "令和7年分", no, "源泉徴収簿", "令和7年1月1日").id;
    let lot = batch(&mut s, "離職票控え", no, 2);
    let mut by = disposal(&[lot], "dissolve");
    by.contractor = Some("溶解業者".into());
    let done = s.dispose(&by).unwrap();
    let event = done[0].disposal.as_ref().unwrap().event_id;
    s.add_certificate(&certificate("溶解業者", "第7号", &[lot]))
        .unwrap();
    let receipt = s.chronological(&EventQuery::default()).unwrap()[1].event_id;
    let audit = s.audit_list(200).unwrap();
    let has = |action: &str, target: &str| {
        let row = |a: &&kiroku_api::AuditRow| a.action == action && a.target == target;
        audit.iter().find(row).is_some_and(|a| a.actor == OFFICER)
    };
    for (action, target) in [
        ("create", format!("rule:{rule}")),
        ("amend", format!("rule:{rule}")),
        ("create", format!("document:{kept}")),
        ("create", format!("document:{lot}")),
        ("amend", format!("document:{lot}")),
        ("create", format!("event:{event}")),
        ("create", format!("event:{receipt}")),
        ("create", "certificate:1".into()),
    ] {
        assert!(has(action, &target), "{action} {target}");
    }
    assert!(!has("amend", &format!("document:{kept}")));
    assert!(s.audit_verify().unwrap().ok);
}

#[test]
#[ignore = "timing: cargo test --release -p kiroku-api --test retention -- --ignored --nocapture"]
fn schedule_over_5000_documents() {
    // A figure, not a check (the tests above check): 5,000 documents of twelve 年分 (2016–2027)
    // added one by one through the API, each its own transaction and audit row; then the
    // schedule of this 年度 and of 令和13年度, the rule list (which counts documents per rule),
    // and the 年度末 batch: every overdue document disposed of in one step.
    use std::time::Instant;
    let o = office();
    let mut s = o.officer();
    let no = file(&mut s, "扶養控除等申告書綴", false);
    let n = 5_000u32;
    let t = Instant::now();
    for i in 0..n {
        let year = 2016 + i % 12;
        let new = new_doc(
            &format!("{year}年分 No.{i}"),
            no,
            FUYO,
            &format!("{year}-12-01"),
        );
        s.add_document(&new).unwrap();
    }
    let took = t.elapsed();
    let mut lines = vec![format!("add_document x{n}: {took:?} ({:?} each)", took / n)];
    let mut overdue = Vec::new();
    for fy in [None, Some("R13")] {
        let t = Instant::now();
        let plan = s.schedule(fy).unwrap();
        let took = t.elapsed();
        let listed = plan.overdue.len() + plan.due.len() + plan.upcoming.len();
        let by = |v: &DocumentView| v.dispose_by;
        assert!(plan.overdue.iter().map(by).is_sorted());
        let headline = plan.headline;
        lines.push(format!(
            "schedule({fy:?}): {took:?}, {listed} listed, {headline}"
        ));
        overdue = ids(&plan.overdue);
    }
    let t = Instant::now();
    let count = s.list_rules().unwrap()[0].documents;
    let took = t.elapsed();
    lines.push(format!("list_rules: {took:?} ({count} under {FUYO})"));
    let t = Instant::now();
    let done = s.dispose(&disposal(&overdue, "shred")).unwrap().len();
    let took = t.elapsed();
    lines.push(format!("dispose of {done} overdue in one step: {took:?}"));
    let t = Instant::now();
    let after = s.schedule(None).unwrap();
    let (took, headline) = (t.elapsed(), &after.headline);
    lines.push(format!("schedule(None) after: {took:?}, {headline}"));
    assert!(after.overdue.is_empty());
    for line in lines {
        println!("{line}");
    }
}

#[test]
fn one_request_names_each_document_once_and_a_certificate_follows_its_disposal() {
    let o = office();
    let mut s = o.officer();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let paper = file(&mut s, "雇用保険届 控え", false);
    let data = file(&mut s, "給与システム", true);
    let (a, b) = (
        batch(&mut s, "届 控え A", paper, 3),
        batch(&mut s, "届 控え B", paper, 4),
    );
    contractor(&mut s, "溶解株式会社");
    // A repeated ID is named as such (not a damaged vault).
    says(field(s.dispose(&disposal(&[a, a], "dissolve"))), "保存文書");
    // A witness is someone else, on paper too.
    let mut own = disposal(&[a], "shred");
    own.witness = Some(OFFICER.into());
    assert_eq!(field(s.dispose(&own)), "確認者");
    // Data is deleted with a witness, never by a contractor.
    let c = batch(&mut s, "給与データ", data, 2);
    let mut by_contractor = disposal(&[c], "system_delete");
    (by_contractor.contractor, by_contractor.witness) =
        (Some("溶解株式会社".into()), Some("sato".into()));
    assert_eq!(field(s.dispose(&by_contractor)), "委託先");
    // A certificate given with the disposal is recorded like one received later.
    let mut with_cert = disposal(&[a], "dissolve");
    (with_cert.contractor, with_cert.certificate) =
        (Some("溶解株式会社".into()), Some("第7号".into()));
    assert_eq!(s.dispose(&with_cert).unwrap()[0].state, "disposed");
    let kinds: Vec<String> = s
        .chronological(&EventQuery::default())
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, ["dispose", "certificate"]);
    // A certificate dated before the disposal, or naming a document twice, is refused.
    let mut later = disposal(&[b], "dissolve");
    later.contractor = Some("溶解株式会社".into());
    s.dispose(&later).unwrap();
    let mut early = certificate("溶解株式会社", "第8号", &[b]);
    early.date = "令和8年3月1日".into();
    assert_eq!(field(s.add_certificate(&early)), "証明書の日付");
    says(
        field(s.add_certificate(&certificate("溶解株式会社", "第8号", &[b, b]))),
        "保存文書",
    );
    assert!(s
        .add_certificate(&certificate("溶解株式会社", "第8号", &[b]))
        .is_ok());
}

#[test]
fn a_rule_cannot_take_another_rules_name() {
    let o = office();
    let mut s = o.officer();
    let first = s
        .add_rule(&new_rule("組合規程の保存文書A", "day-after", "3"))
        .unwrap();
    s.add_rule(&new_rule("組合規程の保存文書B", "day-after", "3"))
        .unwrap();
    let rename = RuleChanges {
        name: Some("組合規程の保存文書B".into()),
        ..RuleChanges::default()
    };
    assert_eq!(
        field(s.edit_rule(first.id, "名称の統一", &rename)),
        "保存文書名"
    );
}
