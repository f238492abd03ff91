//! Two writers on one vault (the app and the CLI may share it): every look-up and check that
//! decides a write is made inside its `BEGIN IMMEDIATE` transaction, so a change made by the
//! other writer between this one's check and its write is seen, named, and never collides.
//!
//! The window between a check and a write is opened deterministically: session B runs on a
//! clock that, at its n-th reading, lets session A make its change (a use case reads the clock
//! for its day and for the stamp of its write, after its input is read and before it writes).
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::*;
use kiroku_api::{
    ApiError, CertificateRequest, DisposalRequest, ErrorCode, LedgerChanges, NewContractor,
    NewDocument, NewLedgerEntry, RuleChanges, Session,
};
use kiroku_core::clock::Clock;
use kiroku_store::credentials::NoCredentials;
use std::sync::{Arc, Barrier, Mutex};

type Hook = Box<dyn FnOnce() + Send>;

/// The test clock's time, with a hook run at the n-th reading once armed.
struct GateClock {
    at: DateTime<Utc>,
    armed: Mutex<Option<(usize, Hook)>>,
}

impl GateClock {
    fn new() -> Arc<Self> {
        Arc::new(Self {
            at: Utc.with_ymd_and_hms(2026, 4, 1, 0, 30, 0).unwrap(),
            armed: Mutex::new(None),
        })
    }

    /// Runs `hook` at the `nth` reading of the clock from now (1 = the next one).
    fn arm(&self, nth: usize, hook: impl FnOnce() + Send + 'static) {
        *self.armed.lock().unwrap() = Some((nth, Box::new(hook)));
    }
}

impl Clock for GateClock {
    fn now(&self) -> DateTime<Utc> {
        let due = {
            let mut armed = self.armed.lock().unwrap();
            match armed.take() {
                Some((1, hook)) => Some(hook),
                Some((n, hook)) => {
                    *armed = Some((n - 1, hook));
                    None
                }
                None => None,
            }
        };
        if let Some(hook) = due {
            hook();
        }
        self.at
    }
}

/// The officer logged in a second time, on a gated clock (session B).
fn second_session(o: &Office) -> (Session, Arc<GateClock>) {
    let clock = GateClock::new();
    let env = kiroku_api::Env {
        clock: clock.clone(),
        credentials: Arc::new(NoCredentials),
        kdf: kiroku_store::kdf::KdfParams::INSECURE_FOR_TESTS,
    };
    let session = kiroku_api::login(&env, &o.vault, OFFICER, PASSWORD)
        .unwrap()
        .0;
    (session, clock)
}

const KOYO: &str = "雇用保険 その他の書類";
const TODAY: &str = "令和8年4月1日";

fn ledger_entry(name: &str) -> NewLedgerEntry {
    let mut e = NewLedgerEntry {
        name: name.into(),
        ..NewLedgerEntry::default()
    };
    (e.scope, e.purpose) = ("役職員の個人番号、氏名".into(), "年末調整".into());
    (e.dept, e.owner, e.handlers) = ("総務課".into(), OFFICER.into(), vec![OFFICER.into()]);
    (e.retention, e.disposal) = ("翌年1月10日の翌日から7年".into(), "shred".into());
    e.location = "総務課キャビネット（施錠可）".into();
    e
}

/// A 台帳 file and a batch (一式) under it, disposable from the test clock's first day.
fn file_and_document(s: &mut Session) -> i64 {
    let file = s
        .add_ledger_entry(&ledger_entry("雇用保険関係"))
        .unwrap()
        .no;
    let mut new = NewDocument::default();
    (new.name, new.file, new.rule) = ("雇用保険 資格取得届 控".into(), file, KOYO.into());
    new.base_date = "令和6年3月31日".into();
    new.batch_count = Some(12);
    s.add_document(&new).unwrap().id
}

fn disposal(ids: &[i64]) -> DisposalRequest {
    let mut req = DisposalRequest::default();
    (req.documents, req.method, req.date) = (ids.to_vec(), "shred".into(), TODAY.into());
    req
}

fn says(e: &ApiError, part: &str) {
    let text = e.to_string();
    assert!(text.contains(part), "「{part}」 not in 「{text}」 ({e:?})");
}

/// No raw SQLite text reaches the user.
fn no_raw_sql(e: &ApiError) {
    let text = e.to_string();
    for raw in ["UNIQUE", "constraint", "SQL"] {
        assert!(!text.contains(raw), "raw database text in 「{text}」");
    }
}

#[test]
fn a_document_disposed_of_by_another_writer_meanwhile_is_refused_by_name() {
    let o = office();
    let mut a = o.officer();
    let doc = file_and_document(&mut a);
    let (mut b, clock) = second_session(&o);
    // B checks the document (not yet disposed of); A disposes of it before B writes.
    clock.arm(2, move || {
        a.dispose(&disposal(&[doc])).unwrap();
    });
    let err = b.dispose(&disposal(&[doc])).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err:?}");
    assert_eq!(err.body().field.as_deref(), Some("保存文書"));
    says(&err, "すでに廃棄・削除済み");
    says(&err, "雇用保険 資格取得届 控");
    no_raw_sql(&err);
    // Disposed of once: one disposal in the handling log.
    let view = b.document(doc).unwrap();
    assert_eq!(view.state, "disposed");
    let disposals = b
        .count_events(&kiroku_api::EventQuery {
            kind: Some("dispose".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(disposals, 1);
    assert!(b.audit_verify().unwrap().ok);
}

#[test]
fn a_second_disposal_is_refused_in_japanese_saying_what_to_do() {
    let o = office();
    let mut a = o.officer();
    let doc = file_and_document(&mut a);
    let (mut b, _) = second_session(&o);
    a.dispose(&disposal(&[doc])).unwrap();
    let err = b.dispose(&disposal(&[doc])).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err:?}");
    says(&err, "すでに廃棄・削除済み");
    says(&err, "保存文書の一覧");
    no_raw_sql(&err);
}

#[test]
fn a_certificate_recorded_by_another_writer_meanwhile_is_refused_by_name() {
    let o = office();
    let mut a = o.officer();
    let doc = file_and_document(&mut a);
    let mut c = NewContractor::default();
    (c.name, c.pattern) = ("株式会社シュレッド".into(), "III".into());
    a.add_contractor(&c).unwrap();
    let mut req = disposal(&[doc]);
    req.contractor = Some("株式会社シュレッド".into());
    a.dispose(&req).unwrap();
    let cert = CertificateRequest {
        contractor: "株式会社シュレッド".into(),
        number: "CERT-001".into(),
        date: TODAY.into(),
        documents: vec![doc],
    };
    let (mut b, clock) = second_session(&o);
    let first = cert.clone();
    clock.arm(2, move || {
        a.add_certificate(&first).unwrap();
    });
    let err = b.add_certificate(&cert).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err:?}");
    says(&err, "による廃棄の証明書はすでに記録されています");
    says(&err, "株式会社シュレッド");
    no_raw_sql(&err);
    assert_eq!(b.document(doc).unwrap().state, "disposed");
}

#[test]
fn two_writers_correcting_one_ledger_entry_write_versions_2_and_3() {
    let o = office();
    let mut a = o.officer();
    let no = a.add_ledger_entry(&ledger_entry("給与関係")).unwrap().no;
    let (mut b, clock) = second_session(&o);
    clock.arm(1, move || {
        let scope = LedgerChanges {
            scope: Some("役職員の個人番号、氏名、住所".into()),
            ..LedgerChanges::default()
        };
        assert_eq!(
            a.amend_ledger_entry(no, "住所を追加", &scope)
                .unwrap()
                .version,
            2
        );
    });
    let location = LedgerChanges {
        location: Some("総務課金庫".into()),
        ..LedgerChanges::default()
    };
    let v3 = b
        .amend_ledger_entry(no, "保管場所の変更", &location)
        .unwrap();
    assert_eq!(v3.version, 3);
    // B's correction applies over A's: both are kept.
    assert_eq!(v3.scope, "役職員の個人番号、氏名、住所");
    assert_eq!(v3.location, "総務課金庫");
    let history = b.ledger_history(no).unwrap();
    let versions: Vec<u32> = history.iter().map(|v| v.version).collect();
    assert_eq!(versions, [1, 2, 3]);
    assert!(b.audit_verify().unwrap().ok);
}

#[test]
fn two_writers_changing_one_rule_write_versions_2_and_3() {
    let o = office();
    let mut a = o.officer();
    let rule = a
        .list_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.name == KOYO)
        .unwrap();
    let doc_file = file_and_document(&mut a);
    let (mut b, clock) = second_session(&o);
    let id = rule.id;
    clock.arm(1, move || {
        let years = RuleChanges {
            years: Some("5".into()),
            ..RuleChanges::default()
        };
        assert_eq!(a.edit_rule(id, "規程の改正", &years).unwrap().version, 2);
    });
    let basis = RuleChanges {
        basis: Some("特定個人情報取扱規程 第21条".into()),
        ..RuleChanges::default()
    };
    let v3 = b.edit_rule(id, "根拠の明記", &basis).unwrap();
    assert_eq!(v3.version, 3);
    assert_eq!(
        (v3.years, v3.basis.as_str()),
        (5, "特定個人情報取扱規程 第21条")
    );
    let versions: Vec<u32> = b
        .rule_history(id)
        .unwrap()
        .iter()
        .map(|r| r.version)
        .collect();
    assert_eq!(versions, [1, 2, 3]);
    // The document under the rule follows the last version.
    assert_eq!(b.document(doc_file).unwrap().rule_id, id);
    assert!(b.audit_verify().unwrap().ok);
}

#[test]
fn a_sheet_finalised_by_another_writer_meanwhile_takes_no_more_judgments() {
    let o = office();
    let mut a = o.officer();
    let mut c = NewContractor::default();
    (c.name, c.pattern) = ("○○会計事務所".into(), "III".into());
    let c = a.add_contractor(&c).unwrap();
    let e = a.new_evaluation(c.id, false, None).unwrap();
    let all_a: Vec<(String, String)> = (1..=6).map(|n| (n.to_string(), "A".into())).collect();
    a.set_judgments(e.id, &all_a, &[]).unwrap();
    let (mut b, clock) = second_session(&o);
    let id = e.id;
    clock.arm(1, move || {
        a.finalize_evaluation(id).unwrap();
    });
    let err = b
        .set_judgments(
            e.id,
            &[("1".into(), "B".into())],
            &[("1".into(), "手順書の整備".into())],
        )
        .unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("評価"), "{err:?}");
    says(&err, "確定済み");
    let sheet = b.evaluation(e.id).unwrap();
    assert!(sheet.finalized);
    assert_eq!(sheet.items[0].judgment.as_deref(), Some("A"));
}

#[test]
fn a_contractor_disabled_by_another_writer_meanwhile_is_not_evaluated() {
    let o = office();
    let mut a = o.officer();
    let mut c = NewContractor::default();
    (c.name, c.pattern) = ("△△システム株式会社".into(), "III".into());
    let c = a.add_contractor(&c).unwrap();
    let (mut b, clock) = second_session(&o);
    let id = c.id;
    clock.arm(2, move || {
        a.disable_contractor(id).unwrap();
    });
    let err = b.new_evaluation(c.id, false, None).unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("委託先"), "{err:?}");
    says(&err, "無効化されているため評価できません");
    assert!(b.evaluations_of(c.id).unwrap().is_empty());
}

#[test]
fn two_writers_at_once_amend_one_entry_and_add_entries_without_a_collision() {
    const EACH: u32 = 8;
    let o = office();
    let mut first = o.officer();
    let no = first
        .add_ledger_entry(&ledger_entry("共有の台帳"))
        .unwrap()
        .no;
    let start = Arc::new(Barrier::new(2));
    let writers: Vec<_> = ["A", "B"]
        .into_iter()
        .map(|who| {
            let mut s = o.officer();
            let start = start.clone();
            std::thread::spawn(move || {
                start.wait();
                let mut added = Vec::new();
                for i in 0..EACH {
                    let location = LedgerChanges {
                        location: Some(format!("書庫 {who}-{i}")),
                        ..LedgerChanges::default()
                    };
                    s.amend_ledger_entry(no, "保管場所の変更", &location)
                        .unwrap();
                    added.push(
                        s.add_ledger_entry(&ledger_entry(&format!("{who} の台帳 {i}")))
                            .unwrap()
                            .no,
                    );
                }
                added
            })
        })
        .collect();
    let mut nos: Vec<i64> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    nos.sort_unstable();
    nos.dedup();
    assert_eq!(nos.len(), 2 * EACH as usize, "distinct NOs: {nos:?}");
    let versions: Vec<u32> = first
        .ledger_history(no)
        .unwrap()
        .iter()
        .map(|v| v.version)
        .collect();
    assert_eq!(versions, (1..=2 * EACH + 1).collect::<Vec<_>>());
    assert!(first.audit_verify().unwrap().ok);
}

#[test]
fn an_unknown_document_or_rule_is_still_refused_with_its_field() {
    // The checks moved into the transaction keep their messages.
    let o = office();
    let mut s = o.officer();
    let err = s.dispose(&disposal(&[4242])).unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("保存文書"));
    says(&err, "保存文書 ID 4242 はありません");
    let err = s
        .edit_rule(4242, "理由", &RuleChanges::default())
        .unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("保存期間のルール"));
    let err = s
        .amend_ledger_entry(4242, "理由", &LedgerChanges::default())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[test]
fn a_user_disabled_by_another_writer_cannot_set_a_new_password_from_an_open_session() {
    let o = office();
    o.add_user("tanaka", "田中 花子", "clerk", "clerk-pass-1234");
    let mut clerk = o.login("tanaka", "clerk-pass-1234");
    let mut officer = o.officer();
    officer.disable_user("tanaka").unwrap();
    let err = clerk.change_password("clerk-pass-5678").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Disabled, "{err:?}");
    // No slot was made again: the new password opens nothing.
    assert!(kiroku_api::login(&o.env, &o.vault, "tanaka", "clerk-pass-5678").is_err());
}
