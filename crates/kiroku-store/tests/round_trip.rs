//! Every row the store writes reads back as written, through every query of its table: the
//! SELECT lists, the inserts and the readers are matched by column name, and a mix-up of two
//! columns of the same type would only show here (or in kiroku-api's tests).
#![allow(clippy::unwrap_used)]

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use kiroku_core::audit::{AuditAction, AuditEntry};
use kiroku_core::choice::Choice;
use kiroku_core::contractor::ContractorInput;
use kiroku_core::evaluation::{Decision, Judgment, Pattern, ShortcutFacts};
use kiroku_core::handling::{EventFacts, EventInput, EventKind};
use kiroku_core::ledger::LedgerInput;
use kiroku_core::person::{DependentDetails, PersonDetails};
use kiroku_core::user::{LoginId, Role, UserProfile};
use kiroku_store::table::{
    affairs, audit, contract_clauses, contractors, dependents, documents, evaluations, events,
    ledger, persons, retention_rules, users,
};
use kiroku_store::{MasterKey, StoreError, Vault};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn facts(input: EventInput<'_>) -> EventFacts {
    input.parse(day(2026, 4, 1)).unwrap()
}

fn user(login: &str, name: &str, role: Role) -> users::UserRow {
    users::UserRow {
        login_id: LoginId::parse(login).unwrap(),
        profile: UserProfile::parse(name, "総務課", "給与事務").unwrap(),
        role,
        created_at: Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap(),
        created_by: "boss".into(),
        disabled_at: None,
    }
}

#[test]
fn every_row_reads_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = Vault::create(&dir.path().join("rows.kiroku"), &MasterKey::generate()).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap();
    let later = at + Duration::hours(2);
    v.write(|tx| -> Result<(), StoreError> {
        // Users: the officer first, then by login ID.
        let boss = user("boss", "事務 太郎", Role::Officer);
        let clerk = users::UserRow {
            disabled_at: Some(later),
            ..user("clerk", "記録 花子", Role::Clerk)
        };
        users::insert(tx, &clerk)?;
        users::insert(tx, &boss)?;
        assert_eq!(users::get(tx, &clerk.login_id)?, Some(clerk.clone()));
        assert_eq!(users::list(tx)?, [boss.clone(), clerk.clone()]);

        let affair = affairs::insert(tx, "給与所得の源泉徴収票", Some("第2条"), at, "boss")?;
        let affair_row = affairs::get(tx, affair)?.unwrap();
        assert_eq!(
            (affair_row.name.as_str(), affair_row.basis.as_deref()),
            ("給与所得の源泉徴収票", Some("第2条"))
        );
        assert_eq!(
            (affair_row.created_at, affair_row.created_by.as_str()),
            (at, "boss")
        );
        assert_eq!(
            affairs::by_name(tx, "給与所得の源泉徴収票")?,
            Some(affair_row.clone())
        );
        assert_eq!(affairs::list(tx)?, [affair_row]);

        let staff = PersonDetails::parse("staff", "記録 一郎", "総務課", "").unwrap();
        let person = persons::insert(tx, &staff, at, "clerk")?;
        persons::set_left_on(tx, person, day(2026, 3, 31))?;
        let person_row = persons::get(tx, person)?.unwrap();
        assert_eq!(person_row.details, staff);
        assert_eq!(person_row.left_on, Some(day(2026, 3, 31)));
        assert_eq!(
            (person_row.created_at, person_row.created_by.as_str()),
            (at, "clerk")
        );
        assert_eq!(persons::list(tx)?, [person_row]);

        let spouse = DependentDetails {
            name: "記録 二葉".into(),
            relation: "配偶者".into(),
        };
        let dependent = dependents::insert(tx, person, &spouse, at, "clerk")?;
        let dependent_rows = dependents::of_person(tx, person)?;
        assert_eq!(dependent_rows.len(), 1);
        let d = &dependent_rows[0];
        assert_eq!(
            (d.id, d.person_id, &d.details, d.created_at),
            (dependent, person, &spouse, at)
        );

        // The 台帳: version 1, then a correction with its reason.
        let handlers = vec!["boss".to_owned(), "clerk".to_owned()];
        let input = LedgerInput {
            name: "給与所得の源泉徴収票",
            scope: "役職員の個人番号、氏名",
            dept: "総務課",
            owner: "boss",
            handlers: &handlers,
            purpose: "源泉徴収票の作成",
            retention: "翌年1月10日の翌日から7年",
            disposal: "shred",
            location: "総務課キャビネット",
            electronic: false,
        };
        let first = input.parse().unwrap();
        let mut second = LedgerInput {
            location: "書庫",
            electronic: true,
            ..input
        }
        .parse()
        .unwrap();
        second.retention.rule_id = Some(1);
        let no = ledger::insert(tx, &first, at, "boss")?;
        ledger::amend(tx, no, 2, &second, "保管場所の変更", later, "clerk")?;
        let history = ledger::history(tx, no)?;
        assert_eq!(history.len(), 2);
        assert_eq!((history[0].version, &history[0].entry), (1, &first));
        assert_eq!(
            (history[0].reason.as_deref(), history[0].entered_at),
            (None, at)
        );
        assert_eq!(history[0].entered_by, "boss");
        let current = &history[1];
        assert_eq!(
            (current.no, current.version, &current.entry),
            (no, 2, &second)
        );
        assert_eq!(current.reason.as_deref(), Some("保管場所の変更"));
        assert_eq!(
            (current.entered_at, current.entered_by.as_str()),
            (later, "clerk")
        );
        assert_eq!(ledger::current(tx, no)?.as_ref(), Some(current));
        assert_eq!(ledger::list(tx)?, std::slice::from_ref(current));

        // A retention rule of the office's own, corrected once.
        let mut rule = kiroku_core::retention::built_in().remove(0);
        rule.name = "独自の帳票".into();
        rule.base_hint = Some("完結の日".into());
        let mut amended = rule.clone();
        amended.years = 9;
        amended.statutory = !rule.statutory;
        let rule_id = retention_rules::insert(tx, &rule, at, "boss")?;
        retention_rules::amend(tx, rule_id, 2, &amended, "年数の誤り", later, "boss")?;
        let versions = retention_rules::history(tx, rule_id)?;
        assert_eq!(versions.len(), 2);
        assert_eq!(
            (&versions[0].rule, versions[0].reason.as_deref()),
            (&rule, None)
        );
        let now = retention_rules::current(tx, rule_id)?.unwrap();
        assert_eq!((now.id, now.version, &now.rule), (rule_id, 2, &amended));
        assert_eq!(now.reason.as_deref(), Some("年数の誤り"));
        assert_eq!((now.entered_at, now.entered_by.as_str()), (later, "boss"));
        assert_eq!(retention_rules::list(tx)?.last(), Some(&now));

        // A contractor (with a P-mark, approved as a 再委託先) and its evaluation.
        let details = ContractorInput {
            name: "記録情報サービス",
            pattern: "II",
            dept: Some("営業部"),
            manager: Some("委託 三郎"),
            work: Some("源泉徴収票の印刷"),
            data: Some("氏名、個人番号"),
            pmark_no: Some("12345678"),
            pmark_expiry: Some("令和9年3月31日"),
            leak_in_2_years: Some(false),
        }
        .parse()
        .unwrap();
        let parent = contractors::insert(tx, &details, &Default::default(), at, "boss")?;
        let placement = contractors::Placement {
            parent_id: Some(parent),
            approved_on: Some(day(2026, 3, 1)),
            ledger_files: vec![no],
        };
        let contractor = contractors::insert(tx, &details, &placement, at, "boss")?;
        contractors::disable(tx, contractor, later, "boss")?;
        let c = contractors::get(tx, contractor)?.unwrap();
        assert_eq!(
            (&c.details, c.parent_id, c.approved_on),
            (&details, Some(parent), Some(day(2026, 3, 1)))
        );
        assert_eq!(
            (c.ledger_files.as_slice(), c.disabled_at),
            ([no].as_slice(), Some(later))
        );
        assert_eq!((c.created_at, c.created_by.as_str()), (at, "boss"));
        assert_eq!(contractors::list(tx)?.len(), 2);

        let tick = contract_clauses::ClauseTick {
            clause: "秘密保持".into(),
            contract: "印刷業務委託契約".into(),
            signed_on: day(2026, 3, 15),
            entered_at: at,
            entered_by: "boss".into(),
        };
        contract_clauses::insert(tx, contractor, &tick)?;
        assert_eq!(contract_clauses::current(tx, contractor)?, [tick]);

        let evaluation = evaluations::insert(
            tx,
            &evaluations::NewEvaluation {
                contractor_id: contractor,
                re_evaluation: true,
                made_on: day(2026, 3, 20),
                pattern: Pattern::II,
                facts: ShortcutFacts {
                    pmark_valid: true,
                    leak_in_2_years: false,
                },
            },
            at,
            "boss",
        )?;
        evaluations::add_judgments(
            tx,
            evaluation,
            &[
                (1, Judgment::A, None),
                (2, Judgment::B, Some("手順書を整える".into())),
            ],
            at,
            "boss",
        )?;
        evaluations::confirm_improvement(tx, evaluation, 2, day(2026, 3, 25), at, "boss")?;
        evaluations::finalize(tx, evaluation, Decision::AdoptedConditional, later, "boss")?;
        let e = evaluations::get(tx, evaluation)?.unwrap();
        assert_eq!(
            (e.contractor_id, e.re_evaluation, e.made_on),
            (contractor, true, day(2026, 3, 20))
        );
        assert_eq!(
            (e.pattern, e.facts.pmark_valid, e.facts.leak_in_2_years),
            (Pattern::II, true, false)
        );
        assert_eq!((e.created_at, e.created_by.as_str()), (at, "boss"));
        assert_eq!(
            e.finalized,
            Some(evaluations::Finalized {
                at: later,
                by: "boss".into(),
                decision: Decision::AdoptedConditional,
            })
        );
        assert_eq!(evaluations::of_contractor(tx, contractor)?, [e]);
        let sheet = evaluations::sheet(tx, evaluation)?;
        assert_eq!(sheet.judgments.get(&2), Some(&Judgment::B));
        assert_eq!(
            sheet.improvements.get(&2).map(String::as_str),
            Some("手順書を整える")
        );
        let confirmed = evaluations::confirmed_improvements(tx, evaluation)?;
        assert_eq!(confirmed.get(&2), Some(&day(2026, 3, 25)));

        // The handling log: an event about the person, corrected once, and a disposal by the
        // contractor of a document as a whole.
        let links = events::EventLinks {
            affair_id: Some(affair),
            person_id: Some(person),
            dependent_id: Some(dependent),
            ledger_no: Some(no),
            clerk: "clerk".into(),
            document_id: None,
        };
        let acquired = facts(EventInput {
            kind: "acquire",
            date: "令和8年1月5日",
            clerk: "clerk",
            source: Some("person"),
            method: Some("mynumber_card"),
            note: Some("初回"),
            ..Default::default()
        });
        let corrected = facts(EventInput {
            date: "令和8年1月6日",
            content: Some("扶養控除等申告書"),
            note: Some("日付の訂正"),
            ..EventInput {
                kind: "acquire",
                clerk: "clerk",
                source: Some("person"),
                method: Some("mynumber_card"),
                ..Default::default()
            }
        });
        let event = events::insert(tx, &links, &acquired, at, "clerk")?;
        events::amend(
            tx,
            &events::Amendment {
                event_id: event,
                version: 2,
                links: &links,
                facts: &corrected,
                reason: "日付の誤り",
                withdrawn: false,
            },
            later,
            "boss",
        )?;
        let versions = events::history(tx, event)?;
        assert_eq!(versions.len(), 2);
        assert_eq!(
            (&versions[0].links, &versions[0].facts),
            (&links, &acquired)
        );
        assert_eq!(
            (versions[0].reason.as_deref(), versions[0].entered_at),
            (None, at)
        );
        let now = events::current(tx, event)?.unwrap();
        assert_eq!(
            (now.event_id, now.version, &now.links, &now.facts),
            (event, 2, &links, &corrected)
        );
        assert_eq!(now.reason.as_deref(), Some("日付の誤り"));
        assert_eq!((now.entered_at, now.entered_by.as_str()), (later, "boss"));

        let document = documents::insert(
            tx,
            &documents::NewDocument {
                name: "令和7年分 扶養控除等申告書".into(),
                ledger_no: no,
                rule_id,
                base_date: day(2025, 1, 1),
                person_id: None,
                batch_count: Some(48),
            },
            at,
            "clerk",
        )?;
        let batch = events::EventLinks {
            affair_id: None,
            person_id: None,
            dependent_id: None,
            ledger_no: Some(no),
            clerk: "boss".into(),
            document_id: Some(document),
        };
        let disposed = facts(EventInput {
            kind: "dispose",
            date: "令和8年3月31日",
            clerk: "boss",
            content: Some("令和7年分 扶養控除等申告書 一式（48名）"),
            method: Some("dissolve"),
            contractor: Some("記録情報サービス"),
            ..Default::default()
        });
        let disposal_event = events::insert(tx, &batch, &disposed, later, "boss")?;
        assert_eq!(events::current(tx, disposal_event)?.unwrap().links, batch);

        let records = events::handling_records(tx, &Default::default())?;
        assert_eq!(records.len(), 2);
        let r = &records[0];
        assert_eq!((r.event_id, r.version, &r.facts), (event, 2, &corrected));
        assert_eq!(
            (r.affair_id, r.person_id, r.dependent_id),
            (Some(affair), Some(person), Some(dependent))
        );
        assert_eq!(
            (r.file_no, r.document_id, r.clerk_id.as_str()),
            (Some(no), None, "clerk")
        );
        assert_eq!(
            r.affair.as_ref().map(|n| n.to_string()).as_deref(),
            Some("給与所得の源泉徴収票")
        );
        assert_eq!(
            r.person.as_ref().map(|n| n.to_string()).as_deref(),
            Some("記録 一郎")
        );
        assert_eq!(
            r.unit.as_ref().map(|n| n.to_string()).as_deref(),
            Some("総務課")
        );
        assert_eq!(
            r.dependent.as_ref().map(|n| n.to_string()).as_deref(),
            Some("記録 二葉")
        );
        assert_eq!(r.clerk.to_string(), "記録 花子");
        let b = &records[1];
        assert_eq!(
            (b.event_id, &b.facts, b.document_id),
            (disposal_event, &disposed, Some(document))
        );
        assert_eq!(
            (b.affair.is_none(), b.person.is_none(), b.clerk.to_string()),
            (true, true, "事務 太郎".into())
        );
        let filter = events::EventFilter {
            kind: Some(EventKind::Dispose),
            ..Default::default()
        };
        assert_eq!(events::count(tx, &filter)?, 1);
        assert_eq!(
            events::days_by_contractor(tx, EventKind::Dispose)?,
            [("記録情報サービス".to_owned(), day(2026, 3, 31))]
        );

        // The document's disposal and certificate.
        let disposal = documents::Disposal {
            deleted: false,
            method: Choice::parse("廃棄・削除の方法", "dissolve").unwrap(),
            disposed_on: day(2026, 3, 31),
            performer: "boss".into(),
            witness: Some("clerk".into()),
            contractor_id: Some(contractor),
            early_reason: Some("書庫の整理".into()),
            event_id: disposal_event,
        };
        documents::dispose(tx, document, &disposal, later, "boss")?;
        let certificate = documents::add_certificate(
            tx,
            contractor,
            "第12号",
            day(2026, 4, 10),
            &[document],
            later,
            "boss",
        )?;
        let doc = documents::get(tx, document)?.unwrap();
        assert_eq!(
            (doc.doc.name.as_str(), doc.doc.ledger_no, doc.doc.rule_id),
            ("令和7年分 扶養控除等申告書", no, rule_id)
        );
        assert_eq!(
            (doc.doc.base_date, doc.doc.person_id, doc.doc.batch_count),
            (day(2025, 1, 1), None, Some(48))
        );
        assert_eq!(doc.disposal.as_ref(), Some(&disposal));
        assert_eq!(
            doc.certificate,
            Some(documents::Certificate {
                id: certificate,
                contractor_id: contractor,
                number: "第12号".into(),
                issued_on: day(2026, 4, 10),
            })
        );
        assert_eq!(documents::list(tx, Default::default())?, [doc]);
        assert_eq!(documents::count_under_rule(tx, rule_id)?, 1);

        // The audit chain.
        for (action, detail) in [
            (AuditAction::Init, "作成"),
            (AuditAction::Login, "ログイン"),
        ] {
            audit::append(
                tx,
                AuditEntry {
                    at,
                    actor: "boss".into(),
                    action,
                    target: "vault".into(),
                    detail: detail.into(),
                },
            )?;
        }
        let rows = audit::latest(tx, 10)?;
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (
                rows[1].seq,
                rows[1].entry.action,
                rows[1].entry.detail.as_str()
            ),
            (2, AuditAction::Login, "ログイン")
        );
        assert_eq!(
            (
                rows[1].entry.at,
                rows[1].entry.actor.as_str(),
                rows[1].entry.target.as_str()
            ),
            (at, "boss", "vault")
        );
        assert_eq!(rows[1].prev_hash, rows[0].hash);
        let chain = audit::verify(tx)?;
        assert_eq!(
            (chain.rows, chain.head, chain.first_break),
            (2, rows[1].hash, None)
        );
        Ok(())
    })
    .unwrap();
}
