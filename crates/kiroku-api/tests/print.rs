//! Printing through the API: each form of a generated office read back from its PDF, the
//! audit row of every print, the 西暦 setting, and bad requests refused before any file is
//! written.
#![allow(clippy::unwrap_used)]

mod common;
use common::OutputRetried;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use kiroku_api::{DisposalRequest, ErrorCode, EventQuery, PrintRequest, Session};
use kiroku_demo as demo;
use kiroku_store::credentials::NoCredentials;
use zeroize::Zeroizing;

fn demo_office(dir: &Path) -> (kiroku_api::Env, std::path::PathBuf) {
    common::demo_office(dir, 7, 400)
}

fn login(env: &kiroku_api::Env, vault: &Path, user: &str) -> Session {
    common::demo_login(env, vault, user)
}

/// The PDF's text in drawing order (`-raw`: cell by cell, a wrapped cell's lines together),
/// whitespace removed.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(path)
        .arg("-")
        .output_retried()
        .expect("pdftotext (poppler-utils) is needed by these tests");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn assert_in_order(text: &str, needles: &[String]) {
    let mut from = 0;
    for needle in needles {
        let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
        match text[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("「{needle}」 not found in order in the PDF's text"),
        }
    }
}

fn request(form: &str, out: &Path) -> PrintRequest {
    PrintRequest {
        form: form.into(),
        out: out.display().to_string(),
        ..PrintRequest::default()
    }
}

fn fy(fy: &str) -> EventQuery {
    EventQuery {
        fy: Some(fy.into()),
        ..EventQuery::default()
    }
}

#[test]
fn every_form_prints_the_rows_of_its_view_in_order_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);

    // 運用状況記録票 of 令和7年度: every event, in the view's order, each with its date.
    let out = dir.path().join("chronological.pdf");
    let report = s
        .print(&PrintRequest {
            query: fy("R7"),
            ..request("chronological", &out)
        })
        .unwrap();
    let rows = s.chronological(&fy("R7")).unwrap();
    assert!(rows.len() > 50);
    assert_eq!(report.rows as usize, rows.len());
    assert!(report.pages > 1);
    let text = pdf_text(&out);
    assert_in_order(
        &text,
        &rows
            .iter()
            .map(|r| format!("{}{}", r.event_id, r.date_label))
            .collect::<Vec<_>>(),
    );
    assert!(text.contains("期間：令和7年度（令和7年4月1日～令和8年3月31日）"));

    // 取扱記録表: the people of the rows, in order.
    let out = dir.path().join("lifecycle.pdf");
    s.print(&PrintRequest {
        query: fy("R7"),
        ..request("lifecycle", &out)
    })
    .unwrap();
    let rows = s.lifecycle(&fy("R7")).unwrap();
    assert!(!rows.is_empty());
    assert_in_order(
        &pdf_text(&out),
        &rows.iter().map(|r| r.person.clone()).collect::<Vec<_>>(),
    );

    // 管理台帳: every entry by NO.
    let out = dir.path().join("ledger.pdf");
    s.print(&request("ledger", &out)).unwrap();
    let ledger = s.list_ledger().unwrap();
    assert_in_order(
        &pdf_text(&out),
        &ledger
            .iter()
            .flat_map(|e| [e.no.to_string(), e.name.clone(), e.location.clone()])
            .collect::<Vec<_>>(),
    );

    // 委託先評価シート: the contractor, the judgments and the improvements.
    let contractors = s.list_contractors().unwrap();
    let (sheet, contractor) = contractors
        .iter()
        .filter_map(|c| {
            let e = s
                .evaluations_of(c.id)
                .ok()?
                .into_iter()
                .find(|e| !e.shortcut)?;
            Some((e, c.clone()))
        })
        .next()
        .unwrap();
    let out = dir.path().join("evaluation.pdf");
    s.print(&PrintRequest {
        evaluation: Some(sheet.id),
        ..request("evaluation", &out)
    })
    .unwrap();
    let mut expected = vec![
        sheet.made_on_label.clone(),
        contractor.name.clone(),
        "3評価項目".to_owned(),
    ];
    for item in &sheet.items {
        expected.push(item.text.clone());
        if let Some(j) = &item.judgment {
            expected.push(j.clone());
        }
    }
    expected.push("【選定基準】".into());
    let text = pdf_text(&out);
    assert_in_order(&text, &expected);
    // The finaliser by name, not by login ID.
    let by = sheet.finalized_by.clone().unwrap();
    let name = s
        .list_users()
        .unwrap()
        .into_iter()
        .find(|u| u.id == by)
        .unwrap()
        .name;
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains(&name), "{name} in the sheet");
    assert!(!text.contains(&by), "no login ID ({by}) in the sheet");

    let audit = s.audit_list(1000).unwrap();
    let prints: Vec<_> = audit.iter().filter(|r| r.action == "print").collect();
    assert_eq!(prints.len(), 4, "one audit row per PDF");
    assert!(prints.iter().any(|r| r.target == "form:chronological"
        && r.detail.contains("ページ")
        && r.detail.contains("chronological.pdf")));
}

#[test]
fn the_disposal_list_shows_what_is_due_and_what_was_done() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    let schedule = s.schedule(None).unwrap();
    let due: Vec<_> = schedule
        .overdue
        .iter()
        .chain(&schedule.due)
        .cloned()
        .collect();
    assert!(due.len() >= 2, "the demo has documents to dispose of");
    let out = dir.path().join("before.pdf");
    s.print(&request("disposal", &out)).unwrap();
    let text = pdf_text(&out);
    assert_in_order(
        &text,
        &due.iter().map(|d| d.name.clone()).collect::<Vec<_>>(),
    );
    assert!(text.contains("確認印"));

    // Shred the first one: the list of the same year now shows the day, method and performer.
    let first = &due[0];
    s.dispose(&DisposalRequest {
        documents: vec![first.id],
        method: "shred".into(),
        date: "2026-04-01".into(),
        witness: Some("sato".into()),
        early_reason: Some("試験".into()),
        ..DisposalRequest::default()
    })
    .unwrap();
    let out = dir.path().join("after.pdf");
    s.print(&request("disposal", &out)).unwrap();
    let text = pdf_text(&out);
    assert_in_order(
        &text,
        &[
            "廃棄済".to_owned(),
            first.name.clone(),
            "令和8年4月1日".to_owned(),
            "シュレッダー".to_owned(),
        ],
    );
}

#[test]
fn dates_follow_the_vault_setting_which_only_the_officer_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut clerk = login(&env, &vault, "sato");
    assert_eq!(
        clerk.set_date_style("seireki").unwrap_err().code(),
        ErrorCode::Forbidden
    );
    drop(clerk);
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    assert_eq!(s.settings().unwrap().date_style, "wareki");
    let err = s.set_date_style("gregorian").unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("日付の表記"));
    s.set_date_style("seireki").unwrap();

    let out = dir.path().join("seireki.pdf");
    s.print(&PrintRequest {
        query: fy("R7"),
        ..request("chronological", &out)
    })
    .unwrap();
    let text = pdf_text(&out);
    assert!(text.contains("期間：令和7年度（2025年4月1日～2026年3月31日）"));
    assert!(text.contains("作成日：2026年4月1日"));
    let first = &s.chronological(&fy("R7")).unwrap()[0];
    assert!(
        first.date_label.starts_with("2025年"),
        "{}",
        first.date_label
    );
    assert!(text.contains(&format!("{}{}", first.event_id, first.date_label)));
    assert!(s
        .audit_list(100)
        .unwrap()
        .iter()
        .any(|r| r.target == "setting:date_style" && r.detail.contains("西暦")));
}

#[test]
fn a_bad_request_names_its_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    let audit_before = s.audit_list(10_000).unwrap().len();
    let out = dir.path().join("x.pdf");
    let cases = [
        (request("receipt", &out), "記録票"),
        (request("evaluation", &out), "評価シート"),
        (
            request("ledger", &dir.path().join("no-such-dir/x.pdf")),
            "出力先",
        ),
        (request("ledger", dir.path()), "出力先"),
        (
            PrintRequest {
                query: EventQuery {
                    from: Some("令和7年4月1日".into()),
                    to: Some("令和7年3月1日".into()),
                    ..EventQuery::default()
                },
                ..request("chronological", &out)
            },
            "終了日",
        ),
    ];
    for (req, field) in cases {
        let err = s.print(&req).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
        assert_eq!(err.body().field.as_deref(), Some(field), "{err}");
    }
    // A 個人番号 typed as the file name is refused and not repeated.
    let err = s
        .print(&request("ledger", &dir.path().join("123456789018.pdf")))
        .unwrap_err();
    assert!(!err.to_string().contains("123456789018"));
    assert!(!out.exists());
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| e
        .unwrap()
        .path()
        .extension()
        .is_none_or(|x| x != "pdf")));
    // Reads may be audited, but no print row was added.
    let audit = s.audit_list(10_000).unwrap();
    assert!(audit.len() >= audit_before);
    assert!(!audit.iter().any(|r| r.action == "print"));
}

#[test]
fn init_prints_the_recovery_sheet_with_the_code_and_audits_it() {
    let dir = tempfile::tempdir().unwrap();
    let env = common::env_with(common::clock(), Arc::new(NoCredentials));
    let vault = dir.path().join("new.kiroku");
    let sheet = dir.path().join("recovery.pdf");
    let init = |vault: &Path| {
        kiroku_api::init(
            &env,
            kiroku_api::InitRequest {
                vault: vault.to_owned(),
                org_name: "みどり広域事務組合".into(),
                officer_id: "boss".into(),
                officer_name: "大塚 正道".into(),
                officer_dept: None,
                password: Zeroizing::new("officer-pass-1".into()),
                template: kiroku_api::OfficeTemplate::Jimukumiai,
                recovery_pdf: Some(sheet.display().to_string()),
            },
        )
    };
    let response = init(&vault).unwrap();
    let text = pdf_text(&sheet);
    assert_in_order(
        &text,
        &[
            "復旧用キー".to_owned(),
            "みどり広域事務組合".to_owned(),
            "new.kiroku".to_owned(),
            response.recovery_code.clone(),
            "第1組".to_owned(),
            "鍵のかかる書庫".to_owned(),
        ],
    );
    let mut s = kiroku_api::login(&env, &vault, "boss", "officer-pass-1")
        .unwrap()
        .0;
    let audit = s.audit_list(100).unwrap();
    let print = audit.iter().find(|r| r.action == "print").unwrap();
    assert_eq!(print.target, "form:recovery");
    assert!(!print.detail.contains(&response.recovery_code));

    // A second init on the same vault fails and leaves no new sheet behind.
    std::fs::remove_file(&sheet).unwrap();
    assert!(init(&vault).is_err());
    assert!(!sheet.exists());
}

#[test]
fn a_preview_is_the_same_form_built_in_memory_and_leaves_no_file_and_no_print_row() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    let prints = |s: &mut Session| {
        s.audit_list(1000)
            .unwrap()
            .into_iter()
            .filter(|r| r.action == "print")
            .count()
    };
    let before = prints(&mut s);

    let preview = s.preview(&request("ledger", Path::new(""))).unwrap();
    assert!(preview.pdf.starts_with(b"%PDF-"));
    assert_eq!(preview.title, "特定個人情報管理台帳");
    let shown = dir.path().join("shown.pdf");
    std::fs::write(&shown, &preview.pdf).unwrap();
    let text = pdf_text(&shown);
    let names: Vec<String> = s
        .list_ledger()
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(preview.rows as usize, names.len());
    assert_in_order(&text, &names);
    assert!(
        !dir.path().join("記録票").exists(),
        "nothing saved beside the vault"
    );
    assert_eq!(prints(&mut s), before, "a preview is not a print");

    // Saving it afterwards prints the same pages.
    let out = dir.path().join("saved.pdf");
    let saved = s.print(&request("ledger", &out)).unwrap();
    assert_eq!(saved.pages, preview.pages);
    assert_eq!(pdf_text(&out), text);
    assert_eq!(prints(&mut s), before + 1);

    // A bad request is refused the same way as a print.
    let err = s.preview(&request("invoice", Path::new(""))).unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("記録票"));
}

/// The desktop app hands a path to the OS viewer only when this login printed that PDF: not a
/// file the UI names otherwise, not a copy beside it, not another login's print.
#[test]
fn only_a_pdf_printed_in_this_login_may_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut session = login(&env, &vault, demo::OFFICER_ID);
    let out = dir.path().join("ledger.pdf");
    let report = session.print(&request("ledger", &out)).unwrap();
    let opened = session.printed_file(&report.path).unwrap();
    assert_eq!(opened, std::fs::canonicalize(&out).unwrap());

    let copy = dir.path().join("copy.pdf");
    std::fs::copy(&out, &copy).unwrap();
    for other in [
        copy.display().to_string(),
        vault.display().to_string(),
        "/etc/passwd".to_owned(),
        dir.path().join("missing.pdf").display().to_string(),
    ] {
        let refused = session.printed_file(&other).unwrap_err();
        assert_eq!(refused.code(), ErrorCode::Forbidden, "{other}");
        assert!(
            refused.to_string().contains("印刷した PDF だけ"),
            "{refused}"
        );
    }
    session.logout().unwrap();

    let next = login(&env, &vault, demo::OFFICER_ID);
    assert_eq!(
        next.printed_file(&report.path).unwrap_err().code(),
        ErrorCode::Forbidden
    );
}

/// 「印刷する」: the form handed to the system print dialog is the previewed form, audited as a
/// print of it (naming the dialog, not a file), and nothing is written beside the vault.
#[test]
fn a_print_through_the_dialog_is_the_previewed_form_audited_as_a_print() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    let req = PrintRequest {
        form: "lifecycle".into(),
        query: fy("R7"),
        ..PrintRequest::default()
    };
    let prints = |s: &mut Session| {
        s.audit_list(1000)
            .unwrap()
            .into_iter()
            .filter(|r| r.action == "print")
            .collect::<Vec<_>>()
    };
    let before = prints(&mut s).len();
    let preview = s.preview(&req).unwrap();
    let printed = s.print_to_dialog(&req).unwrap();
    assert!(printed.pdf.starts_with(b"%PDF-"));
    assert_eq!(
        (printed.pages, printed.rows, printed.title.as_str()),
        (preview.pages, preview.rows, preview.title.as_str())
    );
    let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    std::fs::write(&a, &preview.pdf).unwrap();
    std::fs::write(&b, &printed.pdf).unwrap();
    assert_eq!(pdf_text(&a), pdf_text(&b), "the same form as previewed");

    let after = prints(&mut s);
    assert_eq!(after.len(), before + 1, "one print row per print");
    let row = after.last().unwrap();
    assert_eq!(row.target, "form:lifecycle");
    assert!(
        row.detail.contains("印刷ダイアログ")
            && row.detail.contains("令和7年度")
            && row.detail.contains(&format!("{}ページ", printed.pages)),
        "{}",
        row.detail
    );
    assert!(
        !dir.path().join("記録票").exists(),
        "no file beside the vault"
    );

    // A bad request is refused before any print row.
    let count = prints(&mut s).len();
    let err = s
        .print_to_dialog(&request("invoice", Path::new("")))
        .unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("記録票"));
    assert_eq!(prints(&mut s).len(), count);
}
