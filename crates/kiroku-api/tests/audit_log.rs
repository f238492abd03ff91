//! The 監査ログ in words (who by name, what as a sentence), narrowed by 利用者, 種別 and 期間,
//! and written out with the same filters.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Duration;
use common::office;
use kiroku_api::{AuditQuery, EventQuery, ExportRequest};
use kiroku_tables::{read, Value};

fn query(
    user: Option<&str>,
    kind: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> AuditQuery {
    AuditQuery {
        user: user.map(Into::into),
        kind: kind.map(Into::into),
        from: from.map(Into::into),
        to: to.map(Into::into),
        limit: None,
    }
}

#[test]
fn the_log_reads_as_names_and_sentences_and_narrows_by_user_kind_and_period() {
    let o = office();
    // 令和8年4月1日: the officer registers 佐藤 美咲.
    o.add_user("sato", "佐藤 美咲", "clerk", "clerk-pass-1");
    // Two days later she looks at the list of 本人.
    o.clock.advance(Duration::days(2));
    let mut sato = o.login("sato", "clerk-pass-1");
    sato.list_persons().unwrap();
    sato.logout().unwrap();

    let mut s = o.officer();
    let all = s.audit_search(&AuditQuery::default()).unwrap();
    assert_eq!(all.total as usize, all.rows.len());
    let created = all
        .rows
        .iter()
        .find(|r| r.target == "user:sato" && r.action == "create")
        .unwrap();
    assert_eq!(created.actor_name, "山田 太郎");
    assert_eq!(created.summary, "利用者「佐藤 美咲」を登録");
    assert!(all
        .rows
        .iter()
        .all(|r| !r.summary.contains("user:") && !r.actor_name.is_empty()));
    assert!(all
        .users
        .iter()
        .any(|u| u.value == "sato" && u.label.contains("佐藤 美咲")));
    assert!(all
        .kinds
        .iter()
        .any(|k| k.value == "ledger" && k.label == "管理台帳"));

    // 利用者: hers only, in her name.
    let hers = s
        .audit_search(&query(Some("sato"), None, None, None))
        .unwrap();
    assert!(hers.rows.len() >= 3, "{:?}", hers.rows);
    assert!(hers
        .rows
        .iter()
        .all(|r| r.actor == "sato" && r.actor_name == "佐藤 美咲"));
    assert!(hers.rows.iter().any(|r| r.summary == "本人の一覧を閲覧"));

    // 種別: 利用者・ログイン only (her creation, the logins and logouts), not the 本人 list.
    let users = s
        .audit_search(&query(None, Some("user"), None, None))
        .unwrap();
    assert!(users
        .rows
        .iter()
        .any(|r| r.summary == "利用者「佐藤 美咲」を登録"));
    assert!(
        users.rows.iter().all(|r| r.target.starts_with("user")),
        "{:?}",
        users.rows
    );

    // 期間 in the office's days: the first day holds the registration, not her reading.
    let first_day = s
        .audit_search(&query(None, None, Some("令和8年4月1日"), Some("R8.4.1")))
        .unwrap();
    assert!(first_day.rows.iter().any(|r| r.target == "user:sato"));
    assert!(first_day.rows.iter().all(|r| r.target != "persons"));
    let later = s
        .audit_search(&query(Some("sato"), None, Some("2026-04-03"), None))
        .unwrap();
    assert_eq!(later.total, hers.total, "all of hers are on the third day");

    // A bad filter names its field; nothing else is refused with it.
    for (bad, field) in [
        (query(None, None, Some("あした"), None), "開始日"),
        (query(None, None, Some("R8.4.3"), Some("R8.4.1")), "終了日"),
        (query(None, Some("nothing"), None, None), "種別"),
    ] {
        let err = s.audit_search(&bad).unwrap_err();
        assert_eq!(err.body().field.as_deref(), Some(field), "{bad:?}");
    }

    // The export writes what the screen shows: her rows, in words.
    let out = o.dir.path().join("監査ログ.csv");
    let report = s
        .export(&ExportRequest {
            list: "audit".into(),
            format: "csv".into(),
            query: EventQuery::default(),
            audit: Some(query(Some("sato"), None, None, None)),
            out: out.display().to_string(),
        })
        .unwrap();
    assert_eq!(u64::from(report.rows), hers.total);
    let book = read(&std::fs::read(&out).unwrap()).unwrap();
    let sheet = &book.sheets[0];
    let cell = |row: &[Value], i: usize| match &row[i] {
        Value::Text(t) => t.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(cell(&sheet.rows[0], 2), "利用者");
    assert_eq!(cell(&sheet.rows[0], 3), "操作");
    assert!(sheet.rows[1..].iter().all(|r| cell(r, 2) == "佐藤 美咲"));
    assert!(sheet.rows[1..]
        .iter()
        .any(|r| cell(r, 3) == "本人の一覧を閲覧"));
    assert!(sheet.rows[1..].iter().all(|r| cell(r, 5) == "sato"));
}
