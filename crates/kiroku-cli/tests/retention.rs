//! `kiroku rule …`, `doc …`, `schedule`, `dispose`, `certificate add` and `event add --doc-rule`
//! through the real binary: the built-in rules and who may change them, the dates of a
//! document (ISO in JSON), the disposal schedule, disposal before the period, deletion of data
//! with a witness, a contractor's disposal waiting for its certificate, a batch made from an
//! acquisition, the My Number guard and bad input. The binary reads the real clock: disposals
//! are dated 令和8年11月1日 (passed); early ones concern documents kept until 2030 or later.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, Months, NaiveDate};
use common::log::*;
use common::*;
use serde_json::{json, Value};
use std::process::Output;

const CLERK: &str = "sato";
const CLERK_PASS: &str = "clerk-pass-1";
const R6: &str = "令和6年分 扶養控除等申告書";
/// The method and the day (passed) of a `dispose`.
const ON: &str = "--method shred --date 令和8年11月1日";
const EARLY: [&str; 2] = ["--early-reason", "誤って受領したため"];

/// `LINE` split at its spaces, then `extra` as they are (for values holding a space).
fn args<'a>(line: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    line.split(' ').chain(extra.iter().copied()).collect()
}

fn run(s: &Sandbox, line: &str, extra: &[&str]) -> Output {
    s.run(&args(line, extra))
}

fn clerk(s: &Sandbox, line: &str, extra: &[&str]) -> Output {
    s.run_as(CLERK, CLERK_PASS, &args(line, extra))
}

/// `kiroku --json LINE EXTRA…` as the officer, which must succeed.
fn ok(s: &Sandbox, line: &str, extra: &[&str]) -> Value {
    ok_json(s, &args(line, extra))
}

/// `LINE` with `{}` where the guard tests put the number, for [`refuse_everywhere`].
fn guarded(s: &Sandbox, line: &str, field: &str) {
    refuse_everywhere(s, &owned(&args(line, &[])), field);
}

/// The refusal with `exit` whose stderr holds every needle.
fn refused(out: &Output, exit: i32, needles: &[&str]) {
    for needle in needles {
        assert_refused(out, exit, needle);
    }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `doc add --name NAME --file FILE --rule RULE --base-date BASE EXTRA…`, its ID.
fn doc_add(s: &Sandbox, name: &str, file: &str, rule: &str, base: &str, extra: &[&str]) -> i64 {
    let flags = ["--file", file, "--rule", rule, "--base-date", base];
    let d = ok(s, "doc add --name", &[&[name][..], &flags, extra].concat());
    d["id"].as_i64().unwrap()
}

/// The 令和6年分 扶養控除等申告書 一式（48名）, under 台帳 NO.1.
fn r6_batch(s: &Sandbox) -> i64 {
    doc_add(s, R6, "1", "1", "令和6年12月1日", &["--batch-count", "48"])
}

/// A document of 平成29年分 under 台帳 `file`, whose 廃棄期限 (令和8年1月10日) has passed.
fn old_doc(s: &Sandbox, name: &str, file: &str) -> String {
    doc_add(s, name, file, "1", "平成29年1月1日", &[]).to_string()
}

fn doc_show(s: &Sandbox, id: &str) -> Value {
    ok(s, "doc show", &[id])
}

fn list_ids(v: &Value) -> Vec<i64> {
    ids(v, "id")
}

/// `[v[k1], v[k2], …]` of the keys `"k1 k2 …"` as one value, to compare several fields at once.
fn pick(v: &Value, keys: &str) -> Value {
    keys.split(' ').map(|k| v[k].clone()).collect()
}

/// The `event list --json` rows of `kind`.
fn events_of(s: &Sandbox, kind: &str) -> Vec<Value> {
    let all = ok(s, "event list", &[]);
    let rows = all.as_array().unwrap().iter();
    rows.filter(|r| r["kind"] == kind).cloned().collect()
}

#[test]
fn the_built_in_rules_are_listed_and_only_the_officer_adds_or_changes_one() {
    let s = office();
    s.add_clerk(CLERK, CLERK_PASS);
    let rules = ok(&s, "rule list", &[]);
    assert_eq!(list_ids(&rules), (1..=10).collect::<Vec<_>>(), "{rules}");
    for r in rules.as_array().unwrap() {
        assert_eq!(pick(r, "built_in version"), json!([true, 1]), "{r}");
        assert!(!text(&r["basis"]).trim().is_empty(), "{r}");
    }
    let first = pick(&rules[0], "name period start");
    let want = [
        "給与所得者の扶養控除等（異動）申告書",
        "翌年1月10日の翌日から7年",
    ];
    assert_eq!(first, json!([want[0], want[1], "after-jan10-next-year"]));

    let add = "rule add --name 〇〇台帳 --start day-after --years 3 --basis 取扱規程第20条";
    refused(
        &clerk(&s, add, &[]),
        3,
        &["ルールの追加は事務取扱責任者だけ"],
    );
    let own = ok(&s, add, &[]);
    assert_eq!(
        pick(&own, "id built_in period"),
        json!([11, false, "基準日から3年"])
    );
    assert_eq!(list_ids(&ok(&s, "rule list", &[])).len(), 11);

    // A change needs the officer and a reason, and recalculates the documents under the rule.
    let id = r6_batch(&s).to_string();
    let dates = "retain_until disposable_from dispose_by batch_fy";
    let before = json!(["2032-01-10", "2032-01-11", "2033-01-10", 2031]);
    assert_eq!(pick(&doc_show(&s, &id), dates), before);
    refused(
        &run(&s, "rule edit 1 --years 5", &[]),
        1,
        &["訂正の理由: ", "--reason"],
    );
    let edit = "rule edit 1 --reason 規程の改正 --years 5";
    refused(
        &clerk(&s, edit, &[]),
        3,
        &["ルールの変更は事務取扱責任者だけ"],
    );
    assert_eq!(
        pick(&doc_show(&s, &id), dates),
        before,
        "a refusal changed it"
    );
    let changed = ok(&s, edit, &[]);
    let got = pick(&changed, "version amended built_in documents reason");
    assert_eq!(got, json!([2, true, true, 1, "規程の改正"]));
    let after = json!(["2030-01-10", "2030-01-11", "2031-01-10", 2029]);
    assert_eq!(pick(&doc_show(&s, &id), dates), after);
    assert_eq!(ids(&ok(&s, "rule show 1", &[]), "years"), [7, 5]);
}

#[test]
fn a_reiwa_6_declaration_batch_has_its_iso_dates_and_fiscal_year() {
    let s = office();
    let id = r6_batch(&s).to_string();
    let d = doc_show(&s, &id);
    let want = r#"{"name": "令和6年分 扶養控除等申告書", "base_date": "2024-12-01",
        "retain_until": "2032-01-10", "disposable_from": "2032-01-11", "dispose_by": "2033-01-10",
        "batch_fy": 2031, "batch_fy_label": "令和13年度", "batch_day": "2032-03-31",
        "state": "kept", "batch_count": 48, "file": 1, "rule_id": 1, "disposal": null}"#;
    let want: Value = serde_json::from_str(want).unwrap();
    for (key, value) in want.as_object().unwrap() {
        assert_eq!(&d[key], value, "{key} in {d}");
    }
    let plain = stdout(&run(&s, "doc show", &[&id]));
    assert!(plain.contains("保存期限: 令和14年1月10日"), "{plain}");
    assert!(plain.contains("一式: 48名"), "{plain}");
}

#[test]
fn schedule_json_lists_overdue_due_upcoming_and_awaiting_documents() {
    let s = office();
    let r6 = r6_batch(&s);
    let old = old_doc(&s, "平成29年分 扶養控除等申告書", "1");
    // Rule 6 keeps 2 years from the day after 完結の日: disposable 2 years and a day later.
    let today = jst_today();
    let base = |d: NaiveDate| ymd(d - Months::new(24) - Duration::days(1));
    let due = doc_add(&s, "雇用保険 届出控え", "1", "6", &base(today), &[]);
    let next_year = base(today + Months::new(12));
    let next = doc_add(&s, "雇用保険 翌年度", "1", "6", &next_year, &[]);
    let schedule = ok(&s, "schedule", &[]);
    let fields = "id name retain_until disposable_from dispose_by batch_fy state";
    for key in ["due", "overdue", "upcoming", "awaiting_certificate"] {
        let list = schedule[key].as_array();
        for d in list.unwrap_or_else(|| panic!("{key}: {schedule}")) {
            for field in fields.split(' ') {
                assert!(d.get(field).is_some_and(|v| !v.is_null()), "{field}: {d}");
            }
        }
    }
    assert_eq!(
        list_ids(&schedule["overdue"]),
        [old.parse::<i64>().unwrap()]
    );
    assert_eq!(schedule["overdue"][0]["dispose_by"], "2026-01-10");
    assert_eq!(schedule["overdue"][0]["state"], "kept");
    assert_eq!(list_ids(&schedule["due"]), [due]);
    assert_eq!(schedule["due"][0]["batch_fy"], schedule["fy"]);
    assert_eq!(list_ids(&schedule["upcoming"]), [next]);
    assert_eq!(schedule["awaiting_certificate"], json!([]));
    let n = |k: &str| schedule[k].as_array().unwrap().len();
    let headline = format!(
        "今年度廃棄予定 {}件 / 期限超過 {}件",
        n("due"),
        n("overdue")
    );
    assert_eq!(schedule["headline"], headline.as_str());
    assert_eq!(schedule["by_rule"][0]["overdue"], 1);

    let r13 = ok(&s, "schedule --fy R13", &[]);
    assert_eq!(pick(&r13, "fy fy_label"), json!([2031, "令和13年度"]));
    assert!(list_ids(&r13["due"]).contains(&r6), "{r13}");
    assert!(list_ids(&r13["overdue"]).contains(&old.parse().unwrap()));
    let r12 = ok(&s, "schedule --fy 令和12年度", &[]);
    assert!(list_ids(&r12["upcoming"]).contains(&r6), "{r12}");
    let plain = stdout(&run(&s, "schedule --fy R13", &[]));
    assert!(
        plain.contains("一式（48名）") && plain.contains("期限超過"),
        "{plain}"
    );
}

#[test]
fn disposal_before_the_period_needs_the_officer_and_a_reason() {
    let s = office();
    s.add_clerk(CLERK, CLERK_PASS);
    let id = r6_batch(&s).to_string();
    let kept = doc_add(
        &s,
        "令和7年分 扶養控除等申告書",
        "1",
        "1",
        "令和7年1月1日",
        &[],
    );
    let dispose = format!("dispose --doc {id} {ON}");
    let needles = [
        "廃棄日: ",
        "保存文書 ID 1",
        "令和14年1月10日",
        "令和14年1月11日",
    ];
    refused(&clerk(&s, &dispose, &[]), 1, &needles);
    refused(&clerk(&s, &dispose, &EARLY), 3, &["事務取扱責任者だけ"]);
    refused(&run(&s, &dispose, &[]), 1, &["廃棄日: "]);
    assert_eq!(doc_show(&s, &id)["state"], "kept");
    assert!(events_of(&s, "dispose").is_empty());

    assert_eq!(list_ids(&ok(&s, &dispose, &EARLY)), [1]);
    let d = doc_show(&s, &id);
    assert_eq!(pick(&d, "state state_label"), json!(["disposed", "廃棄済"]));
    let x = &d["disposal"];
    let keys = "early_reason disposed_on performer deleted method";
    let want = json!([EARLY[1], "2026-11-01", OFFICER, false, "シュレッダー"]);
    assert_eq!(pick(x, keys), want);
    let rows = events_of(&s, "dispose");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let summary = text(&rows[0]["summary"]);
    assert!(summary.contains(&format!("{R6} 一式（48名）")), "{summary}");
    assert_eq!(
        pick(&rows[0], "event_id note"),
        json!([x["event_id"], EARLY[1]])
    );

    let status = |s: &Sandbox| ok(s, "ledger show 1", &[])["disposal_status"].clone();
    assert_eq!(status(&s), "保存中 1件・廃棄済 1件");
    refused(
        &run(&s, &dispose, &EARLY),
        1,
        &["保存文書: ", "すでに廃棄・削除済み"],
    );
    assert_eq!(events_of(&s, "dispose").len(), 1);
    assert_eq!(doc_show(&s, &kept.to_string())["state"], "kept");
    // From its 廃棄可能日 a clerk disposes of a document without anyone's leave.
    let old = old_doc(&s, "平成29年分 扶養控除等申告書", "1");
    assert_success(&clerk(&s, &format!("dispose --doc {old} {ON}"), &[]));
    assert_eq!(status(&s), "保存中 1件・廃棄済 2件");
}

#[test]
fn deleting_data_needs_a_witness_other_than_the_user() {
    let s = office();
    s.add_clerk(CLERK, CLERK_PASS);
    let ledger = [
        ledger_add("--name", "給与システム"),
        owned(&["--electronic"]),
    ]
    .concat();
    let entry = ok_json(&s, &strs(&ledger));
    assert_eq!(pick(&entry, "no medium"), json!([2, "electronic"]));
    let id = old_doc(&s, "平成29年分 源泉徴収データ", "2");
    let delete = format!("dispose --doc {id} --method system_delete --date 令和8年11月1日");
    refused(&run(&s, &delete, &[]), 1, &["確認者: "]);
    let own = ["--witness", OFFICER];
    refused(&run(&s, &delete, &own), 1, &["確認者: ", "別の利用者"]);
    refused(&run(&s, &delete, &["--witness", "nobody"]), 1, &["確認者"]);
    assert!(events_of(&s, "delete").is_empty());
    let done = ok(&s, &delete, &["--witness", CLERK]);
    assert_eq!(
        pick(&done[0], "state state_label"),
        json!(["deleted", "削除済"])
    );
    let x = &doc_show(&s, &id)["disposal"];
    assert_eq!(pick(x, "deleted witness"), json!([true, CLERK]));
    let rows = events_of(&s, "delete");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let summary = text(&rows[0]["summary"]);
    assert!(summary.contains("平成29年分 源泉徴収データ"), "{summary}");
    assert!(summary.contains("確認者"), "{summary}");
    assert!(events_of(&s, "dispose").is_empty());
    let status = &ok(&s, "ledger show 2", &[])["disposal_status"];
    assert_eq!(status, "削除済 1件");
}

#[test]
fn a_contractors_disposal_waits_for_its_certificate() {
    let s = office();
    s.add_clerk(CLERK, CLERK_PASS);
    let firm = "○○文書処理株式会社";
    assert_eq!(
        ok(&s, "contractor add --pattern IV --name", &[firm])["id"],
        1
    );
    let shredded = old_doc(&s, "平成29年分 扶養控除等申告書", "1");
    let by_office = old_doc(&s, "平成29年分 保険料控除申告書", "1");
    let kept = old_doc(&s, "平成29年分 退職所得の申告書", "1");
    let by_firm = ["--contractor", firm];
    let done = ok(&s, &format!("dispose --doc {shredded} {ON}"), &by_firm);
    assert_eq!(pick(&done[0], "state"), json!(["awaiting_certificate"]));
    assert_eq!(done[0]["disposal"]["contractor"], firm);
    assert_success(&run(&s, &format!("dispose --doc {by_office} {ON}"), &[]));
    let schedule = ok(&s, "schedule", &[]);
    let waiting = &schedule["awaiting_certificate"];
    assert_eq!(list_ids(waiting), [shredded.parse::<i64>().unwrap()]);
    assert_eq!(waiting[0]["state"], "awaiting_certificate");
    let listed = ok(&s, "doc list --state awaiting_certificate", &[]);
    assert_eq!(list_ids(&listed), list_ids(waiting));
    let row = &events_of(&s, "dispose")[0];
    assert!(text(&row["summary"]).contains(firm), "{row}");

    // Only documents this contractor disposed of and that still wait.
    let cert = |doc: &str, no: &str| {
        let flags = ["--no", no, "--date", "令和8年11月2日", "--doc", doc];
        run(
            &s,
            "certificate add --contractor",
            &[&[firm][..], &flags].concat(),
        )
    };
    for doc in [by_office.as_str(), kept.as_str(), "99"] {
        refused(&cert(doc, "第100号"), 1, &["保存文書: "]);
    }
    refused(&cert(&shredded, " "), 1, &["証明書番号: "]);
    assert!(events_of(&s, "certificate").is_empty());
    let line = format!(
        "--json certificate add --contractor 1 --no 第100号 --date 令和8年11月1日 --doc {shredded}"
    );
    assert_success(&clerk(&s, &line, &[]));
    let d = doc_show(&s, &shredded);
    assert_eq!(d["state"], "disposed");
    let keys = "certificate certificate_date";
    assert_eq!(pick(&d["disposal"], keys), json!(["第100号", "2026-11-01"]));
    let rows = events_of(&s, "certificate");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let summary = text(&rows[0]["summary"]);
    assert!(
        summary.contains(firm) && summary.contains("第100号"),
        "{summary}"
    );
    assert_eq!(ok(&s, "schedule", &[])["awaiting_certificate"], json!([]));
    refused(&cert(&shredded, "第101号"), 1, &["保存文書: ", firm]);
    // A certificate given with the disposal closes it at once.
    let with_cert = [&by_firm[..], &["--certificate", "第102号"]].concat();
    let at_once = ok(&s, &format!("dispose --doc {kept} {ON}"), &with_cert);
    assert_eq!(at_once[0]["state"], "disposed");
    assert_eq!(at_once[0]["disposal"]["certificate"], "第102号");
}

#[test]
fn an_acquisition_for_two_makes_one_batch_whose_disposal_shows_on_both_rows() {
    let s = office();
    assert_eq!(add_person(&s, "〇〇 二郎", "〇課"), 2);
    let content = ["--content", "令和9年分 扶養控除等申告書"];
    let acquire = "event add --kind acquire --date 令和8年11月1日 --affair 1 --person 1,2 \
                   --source person --method mynumber_card";
    let with_file = format!("{acquire} --file 1");
    // --doc-rule belongs to an acquisition only, under a 台帳 file, with a rule that exists.
    let usage = "event add --kind use --date 令和8年11月1日 --affair 1 --person 1 --doc-rule 1";
    refused(
        &run(&s, usage, &["--content", "源泉徴収票の作成"]),
        1,
        &["保存文書: ", "取得"],
    );
    let no_rule = format!("{with_file} --doc-rule 99");
    refused(&run(&s, &no_rule, &content), 1, &["保存期間のルール: "]);
    let no_file = format!("{acquire} --doc-rule 1");
    refused(&run(&s, &no_file, &content), 1, &["特定個人情報ファイル: "]);
    let no_doc = format!("{with_file} --doc 99");
    refused(
        &run(&s, &no_doc, &content),
        1,
        &["保存文書: ", "保存文書 ID 99"],
    );
    assert_eq!(ok(&s, "doc list", &[]), json!([]));
    assert!(
        events_of(&s, "acquire").is_empty(),
        "a refusal kept an event"
    );

    let line = format!("{with_file} --doc-rule 1 --doc-base-date 令和9年1月1日");
    assert_eq!(ok(&s, &line, &content).as_array().unwrap().len(), 2);
    let docs = ok(&s, "doc list", &[]);
    assert_eq!(list_ids(&docs), [1], "{docs}");
    let keys = "name batch_count person_id retain_until state";
    let want = json!([content[1], 2, null, "2035-01-10", "kept"]);
    assert_eq!(pick(&docs[0], keys), want);
    let plain = stdout(&run(&s, "doc list", &[]));
    assert!(
        plain.contains("令和9年分 扶養控除等申告書 一式（2名）"),
        "{plain}"
    );

    let early = ["--early-reason", "本人から返還の申出"];
    let dispose = "dispose --doc 1 --method shred --date 令和8年11月20日";
    assert_success(&run(&s, dispose, &early));
    let rows = ok(&s, "view lifecycle", &[]);
    assert_eq!(ids(&rows, "person_id"), [1, 2], "{rows}");
    for r in rows.as_array().unwrap() {
        let cell = text(&r["disposal"]);
        assert!(cell.contains("令和8年11月20日に"), "{r}");
        assert!(cell.contains("一式（2名）を廃棄"), "{r}");
        assert_eq!(r["acquired_on"], "令和8年11月1日");
    }
}

#[test]
fn the_my_number_guard_covers_document_texts_reasons_and_ids() {
    let s = office();
    s.add_clerk(CLERK, CLERK_PASS);
    let r6 = r6_batch(&s).to_string();
    assert_eq!(
        ok(&s, "contractor add --name ○○文書処理 --pattern IV", &[])["id"],
        1
    );
    let before = saved(&s);
    let docs = ok(&s, "doc list", &[]);
    let date = "--date 令和8年11月1日";
    guarded(
        &s,
        "doc add --name {} --file 1 --rule 1 --base-date 令和6年1月1日",
        "保存文書名",
    );
    let early = format!("dispose --doc {r6} --method shred {date} --early-reason {{}}");
    guarded(&s, &early, "早期廃棄の理由");
    let cert = format!("certificate add --contractor 1 --no {{}} {date} --doc {r6}");
    guarded(&s, &cert, "証明書番号");
    guarded(&s, "doc show {}", "保存文書");
    guarded(
        &s,
        &format!("dispose --doc {{}} --method shred {date}"),
        "保存文書",
    );
    guarded(
        &s,
        &format!("certificate add --contractor 1 --no 1 {date} --doc {{}}"),
        "保存文書",
    );
    guarded(&s, "rule edit 1 --reason {} --years 5", "訂正の理由");
    guarded(
        &s,
        "rule add --name {} --start day-after --years 3 --basis 規程",
        "保存文書名",
    );
    guarded(&s, "rule show {}", "保存期間のルール");
    guarded(&s, "doc list --file {}", "特定個人情報ファイル");
    let acquire = [owned(&["event", "add"]), flat(&event_base("acquire"))].concat();
    let named = owned(&["--file", "1", "--doc-rule", "1", "--doc-name", "{}"]);
    refuse_everywhere(&s, &[acquire, named].concat(), "保存文書名");
    // In plain mode as well, and for a clerk.
    let reason = ["--early-reason", "番号は123456789018です"];
    let out = clerk(&s, &format!("dispose --doc {r6} {ON}"), &reason);
    assert_guarded_plain(&out, "早期廃棄の理由");
    assert_guarded_plain(&run(&s, "doc show 123456789018", &[]), "保存文書");
    assert_nothing_kept(&s, &before);
    assert_eq!(ok(&s, "doc list", &[]), docs);
    assert_eq!(doc_show(&s, &r6)["state"], "kept");
}

#[test]
fn bad_retention_input_is_refused_naming_the_field() {
    let s = office();
    let id = r6_batch(&s);
    let kept = |s: &Sandbox| (ok(s, "doc list", &[]), ok(s, "rule list", &[]), saved(s));
    let before = kept(&s);
    let r = |line: &str, needles: &[&str]| refused(&run(&s, line, &[]), 1, needles);
    let add = "doc add --name 申告書 --base-date 令和6年1月1日";
    r(
        &format!("{add} --file 1 --rule 99"),
        &["保存期間のルール: ", "「99」"],
    );
    r(
        &format!("{add} --file 1 --rule 不明な保存文書"),
        &["保存期間のルール: "],
    );
    r(
        &format!("{add} --file 9 --rule 1"),
        &["特定個人情報ファイル: ", "NO.9"],
    );
    r(
        &format!("{add} --file x --rule 1"),
        &["特定個人情報ファイル: "],
    );
    r(&format!("{add} --file 1 --rule 1 --person 99"), &["本人"]);
    let both = format!("{add} --file 1 --rule 1 --person 1 --batch-count 3");
    r(&both, &["件数: "]);
    r(
        &format!("{add} --file 1 --rule 1 --batch-count 0"),
        &["件数: "],
    );
    let base = "doc add --name 申告書 --file 1 --rule 1 --base-date";
    r(&format!("{base} いつか"), &["基準日: "]);
    r("doc show 99", &["保存文書: ", "保存文書 ID 99"]);
    r("doc show 0", &["保存文書: "]);
    r("doc list --state lost", &["状態: "]);
    r("doc list --file 9", &["特定個人情報ファイル: "]);
    r("rule show 99", &["ルール ID 99"]);
    r("rule edit 99 --reason 改正 --years 5", &["ルール ID 99"]);
    r("rule edit 1 --reason 改正", &["変更内容: "]);
    r("rule edit 1 --reason 改正 --years 0", &["年数: "]);
    r("rule edit 1 --reason 改正 --statute たぶん", &["法令: "]);
    let rule = "rule add --name 〇〇台帳 --basis 規程";
    r(&format!("{rule} --start someday --years 3"), &["起算点: "]);
    r(
        &format!("{rule} --start day-after --years 101"),
        &["年数: "],
    );
    let dup = "rule add --name 訂正等の記録 --basis 規程 --start day-after --years 1";
    r(dup, &["保存文書名: ", "すでにあります"]);
    r("schedule --fy いつか", &["年度: "]);
    let early = "--early-reason 誤って受領";
    r(
        &format!("dispose --doc 99 {ON} {early}"),
        &["保存文書: ", "保存文書 ID 99"],
    );
    r(
        &format!("dispose --doc {id} {ON} {early} --certificate 第1号"),
        &["証明書番号: "],
    );
    r(
        &format!("dispose --doc {id} {ON} {early} --contractor 不明"),
        &["委託先"],
    );
    let burn = format!("dispose --doc {id} --method burn --date 令和8年11月1日 {early}");
    r(&burn, &["廃棄・削除の方法: "]);
    let future = ymd(jst_today() + Duration::days(2));
    r(
        &format!("dispose --doc {id} --method shred --date {future} {early}"),
        &["廃棄日: ", "未来"],
    );
    let cert = "certificate add --contractor 9 --no 1 --date 令和8年11月1日 --doc";
    r(&format!("{cert} {id}"), &["委託先"]);
    assert_eq!(kept(&s), before, "a refused command saved something");
}

#[test]
fn a_document_named_twice_is_refused_as_input() {
    let s = office();
    let id = old_doc(&s, "平成29年分 扶養控除等申告書", "1");
    assert_eq!(
        ok(&s, "contractor add --name ○○文書処理 --pattern IV", &[])["id"],
        1
    );
    let twice = ["保存文書: ", "2回指定されています"];
    refused(
        &run(&s, &format!("dispose --doc {id},{id} {ON}"), &[]),
        1,
        &twice,
    );
    assert_eq!(doc_show(&s, &id)["state"], "kept");
    let by_firm = format!("dispose --doc {id} {ON} --contractor 1");
    assert_eq!(ok(&s, &by_firm, &[])[0]["state"], "awaiting_certificate");
    let cert =
        format!("certificate add --contractor 1 --no 第1号 --date 令和8年11月1日 --doc {id},{id}");
    refused(&run(&s, &cert, &[]), 1, &twice);
    assert!(events_of(&s, "certificate").is_empty());
}

// The reason is read (and guarded) even when the disposal is on time and needs none.

#[test]
fn an_early_reason_holding_a_my_number_is_refused_on_time_too() {
    let s = office();
    let id = old_doc(&s, "平成29年分 扶養控除等申告書", "1");
    let line = format!("--json dispose --doc {id} {ON} --early-reason 123456789018");
    assert_guarded(&run(&s, &line, &[]), "早期廃棄の理由", &line);
}
