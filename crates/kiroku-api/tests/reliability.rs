//! The reliability suite (issue 13), in-process part: writers and key changes racing on one
//! vault, each through its own session and connection as the app and the command line would,
//! and a vault file put back from an older copy. The process part (kill -9, a full disk, a
//! read-only folder) is in `crates/kiroku-cli/tests/reliability.rs`.
//!
//! `KIROKU_RELIABILITY_EVENTS` sets the events per writer (default 200).
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kiroku_api::{ErrorCode, EventFields, EventQuery, LoginOptions, NewEvent, NewPerson, Session};
use kiroku_core::user::LoginId;
use kiroku_store::slots::{KeySlots, SlotOwner};
use kiroku_store::{paths, Vault};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};

const AFFAIR: &str = "給与所得の源泉徴収票";

fn events_per_writer() -> usize {
    std::env::var("KIROKU_RELIABILITY_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn use_event(person: i64, content: String) -> NewEvent {
    NewEvent {
        kind: "use".into(),
        date: "2026-03-16".into(),
        affair: AFFAIR.into(),
        persons: vec![person],
        fields: EventFields {
            content: Some(content),
            ..EventFields::default()
        },
        ..NewEvent::default()
    }
}

fn all_events(s: &mut Session) -> Vec<kiroku_api::ChronologicalRow> {
    s.chronological(&EventQuery {
        fy: Some("2025".into()),
        ..EventQuery::default()
    })
    .unwrap()
}

/// Three writers add their events at once while a fourth session verifies every page and the
/// whole chain again and again: every write succeeds (a busy moment is waited out, never
/// reported), nothing is lost, and every verification says 正常.
#[test]
fn three_writers_and_a_verifier_on_one_vault_lose_nothing() {
    let o = office();
    let mut s = o.officer();
    s.add_affair(AFFAIR, None).unwrap();
    let person = s
        .add_person(&NewPerson {
            kind: "staff".into(),
            name: "鈴木 一郎".into(),
            dept: Some("総務課".into()),
            employer: None,
            kana: None,
        })
        .unwrap()
        .id;
    s.logout().unwrap();

    let per_writer = events_per_writer();
    let start = Arc::new(Barrier::new(4));
    let writing = Arc::new(AtomicBool::new(true));
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let mut session = o.officer();
            let start = start.clone();
            std::thread::spawn(move || {
                start.wait();
                let mut errors = Vec::new();
                for i in 0..per_writer {
                    if let Err(e) =
                        session.add_events(&use_event(person, format!("書き手{w}の{i}件目")))
                    {
                        errors.push(format!("{:?}: {e}", e.code()));
                    }
                }
                session.logout().unwrap();
                errors
            })
        })
        .collect();
    let verifier = {
        let mut session = o.officer();
        let (start, writing) = (start.clone(), writing.clone());
        std::thread::spawn(move || {
            start.wait();
            let mut rounds = 0u32;
            let mut problems = Vec::new();
            while writing.load(Ordering::SeqCst) || rounds == 0 {
                match session.audit_verify() {
                    Ok(r) if r.ok => {}
                    Ok(r) => problems.push(format!("{:?} {:?}", r.page_problems, r.chain_problem)),
                    Err(e) => problems.push(format!("{:?}: {e}", e.code())),
                }
                rounds += 1;
            }
            session.logout().unwrap();
            (rounds, problems)
        })
    };
    let errors: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    writing.store(false, Ordering::SeqCst);
    let (rounds, problems) = verifier.join().unwrap();
    assert!(
        errors.is_empty(),
        "{} writes failed, first: {}",
        errors.len(),
        errors[0]
    );
    assert!(
        problems.is_empty(),
        "{} of {rounds} verifications failed: {}",
        problems.len(),
        problems[0]
    );

    let mut s = o.officer();
    let rows = all_events(&mut s);
    assert_eq!(rows.len(), 3 * per_writer, "events lost");
    for w in 0..3 {
        for i in [0, per_writer / 2, per_writer - 1] {
            let content = format!("書き手{w}の{i}件目");
            assert!(
                rows.iter().any(|r| r.summary.contains(&content)),
                "{content} is missing"
            );
        }
    }
    let report = s.audit_verify().unwrap();
    assert!(report.ok);
}

fn new_user(id: &str) -> kiroku_api::NewUser {
    kiroku_api::NewUser {
        id: id.into(),
        name: format!("利用者 {id}"),
        role: "clerk".into(),
        dept: None,
        duties: None,
    }
}

fn slots(o: &Office) -> KeySlots {
    KeySlots::load(&paths::keys_file(&o.vault)).unwrap()
}

fn login_code(o: &Office, user: &str, password: &str) -> Option<ErrorCode> {
    match kiroku_api::login(&o.env, &o.vault, user, password) {
        Ok((s, _)) => {
            s.logout().unwrap();
            None
        }
        Err(e) => Some(e.code()),
    }
}

/// Officers in four sessions add, disable and reset users at the same moment: every added
/// user's slot is there, every disabled user's slot is gone (their password opens nothing),
/// every reset password works and the old one does not.
#[test]
fn concurrent_user_changes_keep_every_slot_and_drop_every_disabled_one() {
    let o = office();
    for i in 0..4 {
        o.add_user(&format!("leaver{i}"), "退職 予定", "clerk", "leaver-pass-1");
        o.add_user(&format!("forgot{i}"), "忘れ 太郎", "clerk", "forgot-old-1");
    }
    let start = Arc::new(Barrier::new(4));
    // Each job runs in its own officer session, all four starting at the same moment.
    let spawn = |job: Box<dyn FnOnce(&mut Session) + Send>| {
        let mut session = o.officer();
        let start = start.clone();
        std::thread::spawn(move || {
            start.wait();
            job(&mut session);
            session.logout().unwrap();
        })
    };
    let mut jobs = Vec::new();
    for group in ["a", "b"] {
        jobs.push(spawn(Box::new(move |s| {
            for i in 0..6 {
                let id = format!("{group}{i}");
                s.add_user(&new_user(&id), &format!("{id}-pass-1")).unwrap();
            }
        })));
    }
    jobs.push(spawn(Box::new(|s| {
        for i in 0..4 {
            s.disable_user(&format!("leaver{i}")).unwrap();
        }
    })));
    jobs.push(spawn(Box::new(|s| {
        for i in 0..4 {
            s.reset_password(&format!("forgot{i}"), "forgot-new-1")
                .unwrap();
        }
    })));
    for job in jobs {
        job.join().unwrap();
    }

    let keys = slots(&o);
    for group in ["a", "b"] {
        for i in 0..6 {
            let id = format!("{group}{i}");
            assert_eq!(login_code(&o, &id, &format!("{id}-pass-1")), None, "{id}");
        }
    }
    for i in 0..4 {
        let leaver = format!("leaver{i}");
        let owner = SlotOwner::User(LoginId::parse(&leaver).unwrap());
        assert!(
            keys.slot(&owner).is_none(),
            "{leaver}'s slot is still there"
        );
        assert_eq!(
            login_code(&o, &leaver, "leaver-pass-1"),
            Some(ErrorCode::Disabled)
        );
        let forgot = format!("forgot{i}");
        assert_eq!(login_code(&o, &forgot, "forgot-new-1"), None, "{forgot}");
        assert_eq!(
            login_code(&o, &forgot, "forgot-old-1"),
            Some(ErrorCode::AuthFailed)
        );
    }
}

/// After a user is disabled and the master key rotated, a copy of the old key-slot file and
/// that user's password unwrap only the old key, which no longer opens the vault; the old
/// recovery code no longer opens a backup made afterwards.
#[test]
fn a_rotated_key_leaves_an_old_key_file_and_password_with_nothing_to_open() {
    let o = office();
    o.add_user("leaver", "退職 予定", "clerk", "leaver-pass-1");
    let old_keys = std::fs::read(paths::keys_file(&o.vault)).unwrap();

    let mut s = o.officer();
    s.disable_user("leaver").unwrap();
    let rotation = s
        .rotate_key("退職者のパスワード・鍵ファイルのコピー対策")
        .unwrap();
    assert_ne!(rotation.recovery_code, o.init.recovery_code);
    let backup = o.dir.path().join("after.kirokubak");
    s.backup(&backup).unwrap();
    s.logout().unwrap();

    let old = KeySlots::from_bytes(&paths::keys_file(&o.vault), &old_keys).unwrap();
    let owner = SlotOwner::User(LoginId::parse("leaver").unwrap());
    let keys = old
        .slot(&owner)
        .unwrap()
        .open(&old.vault_id, b"leaver-pass-1", None, 1)
        .unwrap();
    assert!(!keys.is_empty());
    for (generation, key) in &keys {
        let opened = Vault::open(&o.vault, key).and_then(|v| {
            v.conn()
                .query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0))
                .map_err(Into::into)
        });
        assert!(
            opened.is_err(),
            "the generation-{generation} key still opens the vault"
        );
    }

    // The whole old key file put back: nobody's old password opens the vault any more.
    std::fs::write(paths::keys_file(&o.vault), &old_keys).unwrap();
    assert!(login_code(&o, OFFICER, PASSWORD).is_some());
    assert!(login_code(&o, "leaver", "leaver-pass-1").is_some());

    // The old recovery code does not restore the new backup; the new one does.
    let fresh = o.dir.path().join("restored/office.kiroku");
    std::fs::create_dir_all(fresh.parent().unwrap()).unwrap();
    let refused = kiroku_api::restore(
        &o.env,
        restore_request(&backup, &fresh, &o.init.recovery_code, "restored-pass-1"),
    )
    .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::AuthFailed, "{refused}");
    kiroku_api::restore(
        &o.env,
        restore_request(&backup, &fresh, &rotation.recovery_code, "restored-pass-1"),
    )
    .unwrap();
}

/// A vault file replaced by an older copy of itself is refused at login, naming what is
/// missing; only the officer may open it knowingly, and that is recorded in the chain.
#[test]
fn an_older_copy_of_the_vault_put_back_is_refused_at_login() {
    let o = office();
    o.add_user("clerk1", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    s.add_affair(AFFAIR, None).unwrap();
    s.logout().unwrap();
    let older = std::fs::read(&o.vault).unwrap();
    let mut s = o.officer();
    s.add_affair("扶養控除等申告書", None).unwrap();
    s.logout().unwrap();

    std::fs::write(&o.vault, &older).unwrap();
    for wal in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{wal}", o.vault.display()));
    }
    let refused = kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::OlderVault, "{refused}");
    assert!(refused.to_string().contains("古い状態"), "{refused}");

    let accept = LoginOptions {
        accept_older_vault: true,
    };
    let clerk = kiroku_api::login_with(&o.env, &o.vault, "clerk1", "clerk-pass-1", accept);
    assert_eq!(clerk.err().map(|e| e.code()), Some(ErrorCode::OlderVault));

    let (mut s, report) =
        kiroku_api::login_with(&o.env, &o.vault, OFFICER, PASSWORD, accept).unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("古い記録ファイル")),
        "{:?}",
        report.warnings
    );
    let rows = s.audit_list(5).unwrap();
    assert!(
        rows.iter()
            .any(|r| r.detail.contains("古い記録ファイルの使用を承認")),
        "{rows:?}"
    );
    s.logout().unwrap();
    // Accepted once, the vault is the reference again: the next login is ordinary.
    assert_eq!(login_code(&o, "clerk1", "clerk-pass-1"), None);
}

/// A PC clock set earlier than the newest record gives a warning at login.
#[test]
fn a_clock_set_back_before_the_newest_record_is_named_at_login() {
    let o = office();
    o.officer().logout().unwrap();
    o.clock.advance(chrono::Duration::days(-3));
    let (s, report) = kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD).unwrap();
    assert!(
        report.warnings.iter().any(|w| w.contains("時計")),
        "{:?}",
        report.warnings
    );
    s.logout().unwrap();
}
