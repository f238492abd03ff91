//! The 台帳 and the handling log are append-only: no row of either is ever updated or
//! deleted; a correction is a new version, and a version 1 has no reason while a later one
//! must have one. The v4 contractor tables likewise: clause ticks, judgments and improvement
//! checks are never changed, contractors and evaluations never deleted, and an evaluation
//! changes only by being finalised, after which it is frozen. The v5 retention tables too:
//! rules change only by a new version (with its reason), and documents, disposals and
//! certificates are never updated or deleted; a document is disposed of once, covered by one
//! certificate, and a disposal's witness (確認者) is someone other than its performer.
//! The v8 incident tables: an incident changes by a new version with its reason; assessments,
//! filings and notices are never changed or removed.
#![allow(clippy::unwrap_used)]

use kiroku_store::{migrations, MasterKey, Vault};

fn migrated_fixture() -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.kiroku");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/v{}.kiroku", migrations::LATEST));
    std::fs::copy(fixture, &path).unwrap();
    let key = MasterKey::from_bytes(*b"kiroku-fixture-key-not-a-secret!");
    let vault = Vault::open(&path, &key).unwrap();
    (dir, vault)
}

#[test]
fn no_row_of_the_ledger_or_the_log_can_be_changed_or_removed() {
    let (_dir, vault) = migrated_fixture();
    for sql in [
        "UPDATE ledger_files SET created_by = 'x'",
        "DELETE FROM ledger_files",
        "UPDATE ledger_versions SET name = 'x'",
        "DELETE FROM ledger_versions",
        "UPDATE events SET entered_by = 'x'",
        "DELETE FROM events",
        "UPDATE event_versions SET happened_on = '2020-01-01'",
        "DELETE FROM event_versions",
    ] {
        let err = vault.conn().execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("never"), "{sql}: {err}");
    }
    let count: i64 = vault
        .conn()
        .query_row("SELECT count(*) FROM event_versions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
}

#[test]
fn a_later_version_needs_a_reason_and_the_first_has_none() {
    let (_dir, vault) = migrated_fixture();
    let copy = |version: i64, reason: Option<&str>| {
        vault.conn().execute(
            "INSERT INTO event_versions (event_id, version, kind, happened_on, affair_id, person_id,
                 dependent_id, ledger_no, clerk, details, content, note, reason, entered_at, entered_by)
             SELECT event_id, ?1, kind, happened_on, affair_id, person_id, dependent_id, ledger_no,
                 clerk, details, content, note, ?2, entered_at, entered_by
             FROM event_versions WHERE event_id = 1 AND version = 1",
            rusqlite::params![version, reason],
        )
    };
    assert!(copy(2, None).is_err(), "a correction without a reason");
    assert!(copy(2, Some("日付の誤り")).is_ok());
    assert!(
        copy(2, Some("again")).is_err(),
        "a version number is used once"
    );
}

/// A new contractor (the fixture holds one already), a clause tick, and an open evaluation
/// with a B and its 改善措置等.
fn with_contract_rows(vault: &Vault) -> (i64, i64) {
    let conn = vault.conn();
    let at = "2026-04-01T00:30:00Z";
    conn.execute(
        "INSERT INTO contractors (name, pattern, ledger_files, created_at, created_by)
         VALUES ('○○倉庫株式会社', 'III', '[]', ?1, 'boss')",
        [at],
    )
    .unwrap();
    let contractor = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO contract_clauses (contractor_id, clause, contract, signed_on, entered_at, entered_by)
         VALUES (?1, '004-1', '業務委託契約書', '2026-03-01', ?2, 'boss')",
        rusqlite::params![contractor, at],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO evaluations (contractor_id, re_evaluation, made_on, pattern, pmark_valid,
             leak_2y, created_at, created_by)
         VALUES (?1, 0, '2026-04-01', 'III', 0, 1, ?2, 'boss')",
        rusqlite::params![contractor, at],
    )
    .unwrap();
    let evaluation = conn.last_insert_rowid();
    judge(vault, evaluation, 1, "B").unwrap();
    (contractor, evaluation)
}

fn judge(vault: &Vault, evaluation: i64, item: i64, judgment: &str) -> rusqlite::Result<usize> {
    vault.conn().execute(
        "INSERT INTO evaluation_judgments (evaluation_id, item, judgment, improvement, entered_at, entered_by)
         VALUES (?1, ?2, ?3, '規程を整備', '2026-04-01T00:30:00Z', 'boss')",
        rusqlite::params![evaluation, item, judgment],
    )
}

fn finalize(vault: &Vault, evaluation: i64) -> rusqlite::Result<usize> {
    vault.conn().execute(
        "UPDATE evaluations SET finalized_at = '2026-04-02T00:00:00Z', finalized_by = 'boss',
             decision = 'adopted_conditional' WHERE id = ?1",
        [evaluation],
    )
}

fn refused(vault: &Vault, sql: &str, words: &str) {
    let err = vault.conn().execute(sql, []).unwrap_err().to_string();
    assert!(err.contains(words), "{sql}: {err}");
}

#[test]
fn clause_ticks_judgments_and_checks_never_change_and_nothing_is_deleted() {
    let (_dir, vault) = migrated_fixture();
    let (_, evaluation) = with_contract_rows(&vault);
    finalize(&vault, evaluation).unwrap();
    vault
        .conn()
        .execute(
            "INSERT INTO improvement_checks (evaluation_id, item, confirmed_on, entered_at, entered_by)
             VALUES (?1, 1, '2026-05-01', '2026-05-01T00:00:00Z', 'boss')",
            [evaluation],
        )
        .unwrap();
    let tables = [
        "contractors",
        "contract_clauses",
        "evaluations",
        "evaluation_judgments",
        "improvement_checks",
    ];
    let counts = |v: &Vault| -> Vec<i64> {
        tables
            .iter()
            .map(|t| {
                v.conn()
                    .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                    .unwrap()
            })
            .collect()
    };
    let before = counts(&vault);
    for sql in [
        "UPDATE contract_clauses SET contract = 'x'",
        "UPDATE contract_clauses SET signed_on = '2020-01-01'",
        "DELETE FROM contract_clauses",
        "UPDATE evaluation_judgments SET judgment = 'A'",
        "UPDATE evaluation_judgments SET improvement = NULL",
        "DELETE FROM evaluation_judgments",
        "UPDATE improvement_checks SET confirmed_on = '2020-01-01'",
        "DELETE FROM improvement_checks",
        "DELETE FROM contractors",
        "DELETE FROM evaluations",
    ] {
        refused(&vault, sql, "never");
    }
    assert_eq!(counts(&vault), before);
    // A contractor is disabled, not deleted: that update is allowed.
    vault
        .conn()
        .execute(
            "UPDATE contractors SET disabled_at = '2026-06-01T00:00:00Z', disabled_by = 'boss'",
            [],
        )
        .unwrap();
}

#[test]
fn an_evaluation_changes_only_by_being_finalised_and_then_is_frozen() {
    let (_dir, vault) = migrated_fixture();
    let (contractor, evaluation) = with_contract_rows(&vault);
    vault
        .conn()
        .execute(
            "INSERT INTO contractors (name, pattern, ledger_files, created_at, created_by)
             VALUES ('別の委託先', 'I', '[]', '2026-04-01T00:30:00Z', 'boss')",
            [],
        )
        .unwrap();
    let other = vault.conn().last_insert_rowid();
    for set in [
        format!("contractor_id = {other}"),
        "re_evaluation = 1".into(),
        "made_on = '2025-04-01'".into(),
        "pattern = 'I'".into(),
        "pmark_valid = 1".into(),
        "leak_2y = 0".into(),
        "created_at = '2020-01-01T00:00:00Z'".into(),
        "created_by = 'x'".into(),
        format!("id = {}", evaluation + 100),
    ] {
        let sql = format!("UPDATE evaluations SET {set} WHERE id = {evaluation}");
        refused(&vault, &sql, "changes only by being finalized");
    }
    // A decision needs its finalisation, and the other way round.
    let half = format!("UPDATE evaluations SET decision = 'adopted' WHERE id = {evaluation}");
    refused(&vault, &half, "CHECK");
    // An open sheet takes judgments; the latest per item counts.
    judge(&vault, evaluation, 1, "A").unwrap();
    assert_eq!(finalize(&vault, evaluation).unwrap(), 1);
    let frozen = |what: &str| format!("UPDATE evaluations SET {what} WHERE id = {evaluation}");
    for what in [
        "finalized_by = 'x'",
        "decision = 'rejected'",
        "finalized_at = NULL, finalized_by = NULL, decision = NULL",
        "made_on = '2025-04-01'",
    ] {
        let err = vault
            .conn()
            .execute(&frozen(what), [])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("never changed") || err.contains("only by"),
            "{what}: {err}"
        );
    }
    let err = judge(&vault, evaluation, 2, "A").unwrap_err().to_string();
    assert!(err.contains("takes no more judgments"), "{err}");
    let judged: i64 = vault
        .conn()
        .query_row(
            "SELECT count(*) FROM evaluation_judgments WHERE evaluation_id = ?1",
            [evaluation],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(judged, 2);
    // Another sheet of the same contractor is a new row and stays open.
    vault
        .conn()
        .execute(
            "INSERT INTO evaluations (contractor_id, re_evaluation, made_on, pattern, pmark_valid,
                 leak_2y, created_at, created_by)
             VALUES (?1, 1, '2027-04-01', 'III', 0, 1, '2027-04-01T00:30:00Z', 'boss')",
            [contractor],
        )
        .unwrap();
    let next = vault.conn().last_insert_rowid();
    judge(&vault, next, 1, "A").unwrap();
}

/// A clerk besides the fixture's officer, a disposal of the fixture's document 1 by the
/// officer through the fixture's contractor, and that contractor's certificate for it.
fn with_disposal_rows(vault: &Vault) {
    let conn = vault.conn();
    conn.execute_batch(
        "INSERT INTO users (login_id, name, role, created_at, created_by)
             VALUES ('sato', '佐藤 花子', 'clerk', '2026-04-01T00:30:00Z', 'boss');
         INSERT INTO disposals (document_id, deleted, method, disposed_on, performer, witness,
             contractor_id, event_id, entered_at, entered_by)
             VALUES (1, 0, '{\"code\":\"dissolve\"}', '2033-03-31', 'boss', 'sato', 1, 1,
                 '2033-03-31T00:30:00Z', 'boss');
         INSERT INTO certificates (id, contractor_id, number, issued_on, entered_at, entered_by)
             VALUES (1, 1, '第1号', '2033-04-10', '2033-04-10T00:30:00Z', 'boss');
         INSERT INTO certificate_documents (document_id, certificate_id) VALUES (1, 1);",
    )
    .unwrap();
}

#[test]
fn no_row_of_the_retention_tables_can_be_changed_or_removed() {
    let (_dir, vault) = migrated_fixture();
    with_disposal_rows(&vault);
    let tables = [
        "retention_rules",
        "retention_rule_versions",
        "documents",
        "disposals",
        "certificates",
        "certificate_documents",
    ];
    let counts = |v: &Vault| -> Vec<i64> {
        tables
            .iter()
            .map(|t| {
                v.conn()
                    .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                    .unwrap()
            })
            .collect()
    };
    let before = counts(&vault);
    // The built-in catalog (10 rules, version 1 each), the fixture's document and the rows above.
    assert_eq!(before, [10, 10, 1, 1, 1, 1]);
    for sql in [
        "UPDATE retention_rules SET created_by = 'x'",
        "DELETE FROM retention_rules",
        "UPDATE retention_rule_versions SET years = 5",
        "UPDATE retention_rule_versions SET reason = '後から' WHERE version = 1",
        "DELETE FROM retention_rule_versions",
        "UPDATE documents SET base_date = '2030-01-01'",
        "UPDATE documents SET rule_id = 2",
        "DELETE FROM documents",
        "UPDATE disposals SET disposed_on = '2040-01-01'",
        "UPDATE disposals SET witness = NULL",
        "DELETE FROM disposals",
        "UPDATE certificates SET number = 'x'",
        "DELETE FROM certificates",
        "UPDATE certificate_documents SET certificate_id = 2",
        "DELETE FROM certificate_documents",
    ] {
        refused(&vault, sql, "never");
    }
    assert_eq!(counts(&vault), before);
}

#[test]
fn a_rule_changes_by_a_new_version_with_its_reason() {
    let (_dir, vault) = migrated_fixture();
    let version = |v: i64, reason: Option<&str>| {
        vault.conn().execute(
            "INSERT INTO retention_rule_versions (rule_id, version, name, start_kind, years, basis,
                 statutory, disposal, base_hint, reason, entered_at, entered_by)
             SELECT rule_id, ?1, name, start_kind, 5, basis, statutory, disposal, base_hint, ?2,
                 '2026-05-01T00:00:00Z', 'boss'
             FROM retention_rule_versions WHERE rule_id = 1 AND version = 1",
            rusqlite::params![v, reason],
        )
    };
    assert!(version(2, None).is_err(), "a change without a reason");
    assert!(version(2, Some("規程改正")).is_ok());
    assert!(
        version(2, Some("again")).is_err(),
        "a version number is used once"
    );
    let err = vault
        .conn()
        .execute(
            "INSERT INTO retention_rule_versions (rule_id, version, name, start_kind, years, basis,
                 statutory, disposal, entered_at, entered_by)
             VALUES (1, 3, 'x', 'tomorrow', 1, 'x', 0, '{}', '2026-05-01T00:00:00Z', 'boss')",
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("CHECK"), "an unknown start kind: {err}");
}

#[test]
fn a_document_is_disposed_of_once_and_its_witness_is_someone_else() {
    let (_dir, vault) = migrated_fixture();
    let conn = vault.conn();
    conn.execute_batch(
        "INSERT INTO users (login_id, name, role, created_at, created_by)
             VALUES ('sato', '佐藤 花子', 'clerk', '2026-04-01T00:30:00Z', 'boss');
         INSERT INTO documents (id, name, ledger_no, rule_id, base_date, created_at, created_by)
             VALUES (2, '令和7年分 データ', 1, 1, '2025-01-01', '2026-04-01T00:30:00Z', 'boss');",
    )
    .unwrap();
    let dispose = |doc: i64, performer: &str, witness: Option<&str>| {
        conn.execute(
            "INSERT INTO disposals (document_id, deleted, method, disposed_on, performer, witness,
                 event_id, entered_at, entered_by)
             VALUES (?1, 1, '{\"code\":\"system_delete\"}', '2033-03-31', ?2, ?3, 1,
                 '2033-03-31T00:30:00Z', ?2)",
            rusqlite::params![doc, performer, witness],
        )
    };
    let err = dispose(1, "boss", Some("boss")).unwrap_err().to_string();
    assert!(err.contains("witness <> performer"), "{err}");
    let err = dispose(1, "boss", Some("nobody")).unwrap_err().to_string();
    assert!(err.contains("FOREIGN KEY"), "an unknown witness: {err}");
    dispose(1, "boss", Some("sato")).unwrap();
    dispose(2, "sato", None).unwrap();
    let err = dispose(1, "sato", Some("boss")).unwrap_err().to_string();
    assert!(err.contains("UNIQUE"), "a second disposal: {err}");
    // One certificate per document.
    conn.execute_batch(
        "INSERT INTO certificates (id, contractor_id, number, issued_on, entered_at, entered_by)
             VALUES (1, 1, '第1号', '2033-04-10', '2033-04-10T00:30:00Z', 'boss'),
                    (2, 1, '第2号', '2033-04-11', '2033-04-11T00:30:00Z', 'boss');
         INSERT INTO certificate_documents (document_id, certificate_id) VALUES (1, 1);",
    )
    .unwrap();
    let err = conn
        .execute(
            "INSERT INTO certificate_documents (document_id, certificate_id) VALUES (1, 2)",
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("UNIQUE"), "{err}");
}

#[test]
fn person_versions_persons_and_dependents_are_never_removed_and_a_withdrawal_has_a_reason() {
    let (_dir, vault) = migrated_fixture();
    vault
        .conn()
        .execute(
            "INSERT INTO dependents (person_id, name, relation, created_at, created_by)
             VALUES (1, '移行 一郎', '長男', '2026-04-01T00:30:00Z', 'boss')",
            [],
        )
        .unwrap();
    for sql in [
        "UPDATE person_versions SET name = 'x'",
        "DELETE FROM person_versions",
        "DELETE FROM persons",
        "DELETE FROM dependents",
    ] {
        let err = vault.conn().execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("never"), "{sql}: {err}");
    }
    // A version marked withdrawn without a reason is refused by the schema itself.
    vault
        .conn()
        .execute(
            "INSERT INTO events (id, entered_at, entered_by) SELECT 99, entered_at, entered_by
             FROM events WHERE id = 1",
            [],
        )
        .unwrap();
    let version = |withdrawn: i64| {
        vault.conn().execute(
            "INSERT INTO event_versions (event_id, version, kind, happened_on, clerk, details,
                 entered_at, entered_by, withdrawn)
             SELECT 99, 1, kind, happened_on, clerk, details, entered_at, entered_by, ?1
             FROM event_versions WHERE event_id = 1 AND version = 1",
            [withdrawn],
        )
    };
    let err = version(1).unwrap_err().to_string();
    assert!(err.contains("CHECK"), "{err}");
    version(0).unwrap();
}

#[test]
fn a_discarded_evaluation_is_frozen_and_takes_no_judgments() {
    let (_dir, vault) = migrated_fixture();
    let (_, evaluation) = with_contract_rows(&vault);
    vault
        .conn()
        .execute(
            "UPDATE evaluations SET discarded_at = '2026-05-01T00:00:00Z', discarded_by = 'boss',
                 discard_reason = '作り直し' WHERE id = ?1",
            [evaluation],
        )
        .unwrap();
    assert!(judge(&vault, evaluation, 3, "A").is_err());
    assert!(finalize(&vault, evaluation).is_err());
}

#[test]
fn no_row_of_an_incident_can_be_changed_or_removed() {
    let (_dir, vault) = migrated_fixture();
    let c = vault.conn();
    let n: i64 = c
        .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "the fixture's incident");
    c.execute(
        "INSERT INTO incident_assessments (incident_id, incident_version, computed, reportable,
                                           kakuho_days, entered_at, entered_by)
         VALUES (1, 1, '{}', 1, 30, '2026-04-02T00:00:00Z', 'boss')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO incident_reports (incident_id, kind, recipient, filed_on, entered_at, entered_by)
         VALUES (1, 'sokuho', 'ppc', '2026-04-03', '2026-04-03T00:00:00Z', 'boss')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO incident_notices (incident_id, person_id, method, notified_on, entered_at, entered_by)
         VALUES (1, 1, 'post', '2026-04-03', '2026-04-03T00:00:00Z', 'boss')",
        [],
    )
    .unwrap();
    for sql in [
        "UPDATE incidents SET created_by = 'x'",
        "DELETE FROM incidents",
        "UPDATE incident_versions SET status = 'closed'",
        "DELETE FROM incident_versions",
        "UPDATE incident_assessments SET reportable = 0",
        "DELETE FROM incident_assessments",
        "UPDATE incident_reports SET receipt_no = 'x'",
        "DELETE FROM incident_reports",
        "UPDATE incident_notices SET method = 'mail'",
        "DELETE FROM incident_notices",
    ] {
        refused(&vault, sql, "never");
    }
    // A second version needs its reason; a report of an unknown kind is refused.
    refused(
        &vault,
        "INSERT INTO incident_versions (incident_id, version, known_on, status, record, entered_at, entered_by)
         SELECT incident_id, 2, known_on, status, record, entered_at, entered_by FROM incident_versions",
        "CHECK",
    );
    refused(
        &vault,
        "INSERT INTO incident_reports (incident_id, kind, recipient, filed_on, entered_at, entered_by)
         VALUES (1, 'draft', 'ppc', '2026-04-03', '2026-04-03T00:00:00Z', 'boss')",
        "CHECK",
    );
}

#[test]
fn no_row_of_a_check_can_be_changed_or_removed() {
    let (_dir, vault) = migrated_fixture();
    let c = vault.conn();
    c.execute(
        "INSERT INTO check_signoffs (check_id, step, name, entered_at, entered_by)
         VALUES (1, 'creator', '移行 太郎', '2026-04-02T00:00:00Z', 'boss')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO check_action_completions (action_id, done_on, entered_at, entered_by)
         VALUES (1, '2026-06-01', '2026-06-01T00:00:00Z', 'boss')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO check_addenda (check_id, text, entered_at, entered_by)
         VALUES (1, '追記', '2026-06-01T00:00:00Z', 'boss')",
        [],
    )
    .unwrap();
    for sql in [
        "UPDATE checks SET adhoc = 1",
        "DELETE FROM checks",
        "UPDATE check_answers SET result = 'inadequate'",
        "DELETE FROM check_answers",
        "UPDATE check_actions SET due_on = '2030-01-01'",
        "DELETE FROM check_actions",
        "UPDATE check_action_completions SET done_on = '2026-07-01'",
        "DELETE FROM check_action_completions",
        "UPDATE check_signoffs SET name = 'x'",
        "DELETE FROM check_signoffs",
        "UPDATE check_addenda SET text = 'x'",
        "DELETE FROM check_addenda",
    ] {
        refused(&vault, sql, "never");
    }
    // One yearly check per 年度; a sign-off once; an action completed once.
    refused(
        &vault,
        "INSERT INTO checks (fiscal_year, adhoc, created_at, created_by)
         VALUES (2026, 0, '2026-06-01T00:00:00Z', 'boss')",
        "UNIQUE",
    );
    refused(
        &vault,
        "INSERT INTO check_signoffs (check_id, step, name, entered_at, entered_by)
         VALUES (1, 'creator', 'x', '2026-06-01T00:00:00Z', 'boss')",
        "UNIQUE",
    );
    refused(
        &vault,
        "INSERT INTO check_action_completions (action_id, done_on, entered_at, entered_by)
         VALUES (1, '2026-06-02', '2026-06-02T00:00:00Z', 'boss')",
        "UNIQUE",
    );
}
