//! The 委託先・評価シート and 保存文書・廃棄 screens' use cases as the window calls them: a draft
//! 評価シート discarded with its reason (and its refusals), and a contractor's certificate
//! received from 証明書待ち, the contractor named by its ID.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kiroku_api::{
    ApiError, CertificateRequest, DisposalRequest, ErrorCode, EventQuery, NewContractor,
    NewDocument, NewLedgerEntry, Session,
};

/// The field an error names.
fn field<T: std::fmt::Debug>(r: Result<T, ApiError>) -> String {
    r.unwrap_err().body().field.unwrap_or_default()
}

fn code<T: std::fmt::Debug>(r: Result<T, ApiError>) -> ErrorCode {
    r.unwrap_err().code()
}

fn contractor(s: &mut Session, name: &str, pattern: &str) -> i64 {
    let mut new = NewContractor::default();
    (new.name, new.pattern) = (name.into(), pattern.into());
    s.add_contractor(&new).unwrap().id
}

/// `items` all judged A.
fn all_a(items: impl IntoIterator<Item = u8>) -> Vec<(String, String)> {
    items
        .into_iter()
        .map(|n| (n.to_string(), "A".into()))
        .collect()
}

/// Whether the officer's audit rows hold `action` on `target` with `detail`.
fn audited(s: &mut Session, action: &str, target: &str, detail: &str) -> bool {
    s.audit_list(500)
        .unwrap()
        .iter()
        .any(|a| a.action == action && a.target == target && a.detail == detail)
}

#[test]
fn a_draft_sheet_discarded_with_a_reason_stays_readable_marked_and_is_not_the_current_sheet() {
    // The officer discards a draft made for the wrong contractor: the sheet stays in the
    // contractor's list marked 破棄 with its reason and who did it, takes no more judgments and
    // is never finalised; the audit chain has the reason. A new sheet is then made, finalised
    // and is the contractor's last evaluation.
    let o = office();
    let mut s = o.officer();
    let c = contractor(&mut s, "○○倉庫株式会社", "III");
    let draft = s.new_evaluation(c, false, None).unwrap();
    s.set_judgments(draft.id, &all_a(1..=3), &[]).unwrap();
    let gone = s
        .discard_evaluation(draft.id, "委託先を取り違えたため")
        .unwrap();
    assert!(gone.discarded && !gone.finalized);
    assert_eq!(
        (gone.decision.as_str(), gone.decision_label.as_str()),
        ("discarded", "破棄")
    );
    assert_eq!(
        gone.discard_reason.as_deref(),
        Some("委託先を取り違えたため")
    );
    assert_eq!(gone.discarded_by.as_deref(), Some(OFFICER));
    assert!(gone.discarded_at.is_some());
    // Still readable, judgments as they were.
    let read = s.evaluation(draft.id).unwrap();
    assert_eq!(read.items[0].judgment.as_deref(), Some("A"));
    assert!(read.discarded);
    assert!(audited(
        &mut s,
        "amend",
        &format!("evaluation:{}", draft.id),
        "破棄: 委託先を取り違えたため"
    ));
    // Frozen: no judgment, no finalising.
    let more = s.set_judgments(draft.id, &all_a(4..=6), &[]).unwrap_err();
    assert_eq!(more.body().field.as_deref(), Some("評価"));
    assert!(more.to_string().contains("破棄済み"), "{more}");
    assert_eq!(field(s.finalize_evaluation(draft.id)), "評価");
    // Not the contractor's evaluation: none yet; a new one counts once finalised.
    assert_eq!(s.contractor(c).unwrap().last_evaluation, None);
    let sheet = s.new_evaluation(c, false, None).unwrap();
    s.set_judgments(sheet.id, &all_a(1..=6), &[]).unwrap();
    s.finalize_evaluation(sheet.id).unwrap();
    let list = s.evaluations_of(c).unwrap();
    let marks: Vec<(i64, bool, bool)> = list
        .iter()
        .map(|e| (e.id, e.discarded, e.finalized))
        .collect();
    assert_eq!(marks, [(draft.id, true, false), (sheet.id, false, true)]);
    let last = s.contractor(c).unwrap().last_evaluation.unwrap();
    assert_eq!((last.id, last.decision.as_str()), (sheet.id, "adopted"));
    assert!(s.audit_verify().unwrap().ok);
}

#[test]
fn discarding_needs_a_reason_and_the_officer_and_only_ever_a_draft_once() {
    // Refused, each naming what to do: no reason, a clerk, a finalised sheet, a sheet already
    // discarded (by another window meanwhile), an unknown sheet, and a 個人番号 in the reason
    // (never echoed nor kept).
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    let c = contractor(&mut s, "○○清掃株式会社", "IV");
    let draft = s.new_evaluation(c, false, None).unwrap();

    let blank = s.discard_evaluation(draft.id, "  ").unwrap_err();
    assert_eq!(blank.body().field.as_deref(), Some("破棄の理由"));
    assert!(blank.to_string().contains("理由が必要"), "{blank}");

    let mut clerk = o.login("sato", "clerk-pass-1");
    let by_clerk = clerk.discard_evaluation(draft.id, "不要");
    assert_eq!(code(by_clerk), ErrorCode::Forbidden);
    // The clerk may still judge it: it was not discarded.
    clerk.set_judgments(draft.id, &all_a([1]), &[]).unwrap();

    let number = "１２３４-５６７８-９０１８";
    let err = s
        .discard_evaluation(draft.id, &format!("{number}を誤入力"))
        .unwrap_err()
        .body();
    assert_eq!(err.field.as_deref(), Some("破棄の理由"));
    assert!(!err.message.contains("9018") && !err.message.contains("９０１８"));

    let done = s.new_evaluation(c, true, None).unwrap();
    s.set_judgments(done.id, &all_a([1, 2, 3, 5, 6]), &[])
        .unwrap();
    s.finalize_evaluation(done.id).unwrap();
    let finalised = s.discard_evaluation(done.id, "やり直し").unwrap_err();
    assert_eq!(finalised.body().field.as_deref(), Some("評価"));
    assert!(finalised.to_string().contains("確定済み"), "{finalised}");
    assert!(!s.evaluation(done.id).unwrap().discarded);

    s.discard_evaluation(draft.id, "重複して作成した").unwrap();
    let twice = s.discard_evaluation(draft.id, "重複して作成した");
    assert_eq!(code(twice), ErrorCode::AlreadyExists);
    assert_eq!(code(s.discard_evaluation(999, "理由")), ErrorCode::NotFound);

    let audit = s.audit_list(500).unwrap();
    let discards = audit
        .iter()
        .filter(|a| a.detail.starts_with("破棄"))
        .count();
    assert_eq!(discards, 1);
    assert!(audit
        .iter()
        .all(|a| !format!("{}{}", a.target, a.detail).contains("9018")));
}

/// A paper 台帳 file with one batch (一式) of `n` persons disposable on the test clock's
/// first day (雇用保険 その他の書類, completed 令和6年3月31日).
fn lot(s: &mut Session, name: &str) -> i64 {
    let mut e = NewLedgerEntry::default();
    (e.name, e.electronic) = (format!("{name}のファイル"), false);
    (e.scope, e.purpose) = ("役職員の個人番号、氏名".into(), "雇用保険".into());
    (e.dept, e.owner, e.handlers) = ("総務課".into(), OFFICER.into(), vec![OFFICER.into()]);
    (e.retention, e.disposal) = ("完結の日から2年".into(), "shred".into());
    e.location = "総務課キャビネット".into();
    let file = s.add_ledger_entry(&e).unwrap().no;
    let mut doc = NewDocument::default();
    (doc.name, doc.file) = (name.into(), file);
    (doc.rule, doc.base_date) = ("雇用保険 その他の書類".into(), "令和6年3月31日".into());
    doc.batch_count = Some(10);
    s.add_document(&doc).unwrap().id
}

fn dispose(s: &mut Session, doc: i64, method: &str, contractor: Option<String>) {
    let mut req = DisposalRequest::default();
    (req.documents, req.method) = (vec![doc], method.into());
    (req.date, req.contractor) = ("令和8年4月1日".into(), contractor);
    s.dispose(&req).unwrap();
}

fn certificate(contractor: String, number: &str, documents: Vec<i64>) -> CertificateRequest {
    CertificateRequest {
        contractor,
        number: number.into(),
        date: "令和8年4月1日".into(),
        documents,
    }
}

#[test]
fn a_certificate_is_received_from_the_window_naming_the_contractor_by_its_id() {
    // The window chooses the 委託先 from a list and sends its ID; 証明書待ち gives each
    // document's contractor ID, and 「証明書を受け取った」 sends it back with the number and day.
    // A disabled contractor of the same name as a new one is never confused with it. A
    // document the office shredded itself, or one another contractor disposed of, is refused.
    let o = office();
    let mut s = o.officer();
    let old = contractor(&mut s, "○○溶解センター", "III");
    s.disable_contractor(old).unwrap();
    let melter = contractor(&mut s, "○○溶解センター", "III");
    let other = contractor(&mut s, "別の業者", "III");
    let melted = lot(&mut s, "離職票控え");
    let shredded = lot(&mut s, "資格喪失届控え");
    dispose(&mut s, melted, "dissolve", Some(melter.to_string()));
    dispose(&mut s, shredded, "shred", None);

    let waiting = s.schedule(None).unwrap().awaiting_certificate;
    assert_eq!(waiting.len(), 1);
    let by = waiting[0].disposal.clone().unwrap();
    assert_eq!(
        (by.contractor.as_deref(), by.contractor_id),
        (Some("○○溶解センター"), Some(melter))
    );

    let own = s.add_certificate(&certificate(melter.to_string(), "第1号", vec![shredded]));
    let own = own.unwrap_err();
    assert_eq!(own.body().field.as_deref(), Some("保存文書"));
    assert!(
        own.to_string()
            .contains("証明書を待っているものではありません"),
        "{own}"
    );
    for who in [other, old] {
        let r = s.add_certificate(&certificate(who.to_string(), "第1号", vec![melted]));
        assert_eq!(field(r), "保存文書", "contractor {who}");
    }
    let blank = s.add_certificate(&certificate(melter.to_string(), " ", vec![melted]));
    assert_eq!(field(blank), "証明書番号");

    let received = by.contractor_id.unwrap().to_string();
    let done = s
        .add_certificate(&certificate(received, "第2026-15号", vec![melted]))
        .unwrap();
    assert_eq!(done[0].state, "disposed");
    let x = done[0].disposal.clone().unwrap();
    assert_eq!(x.certificate.as_deref(), Some("第2026-15号"));
    assert!(s.schedule(None).unwrap().awaiting_certificate.is_empty());
    let log = s.chronological(&EventQuery::default()).unwrap();
    let kinds: Vec<&str> = log.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds, ["dispose", "dispose", "certificate"]);
}
