//! Helpers of the handling-log CLI tests: argument sets for every field, the My Number in the
//! forms people type it, and checks that a refusal kept nothing.

use serde_json::Value;
use std::process::Output;
use unicode_normalization::UnicodeNormalization;

use super::*;

/// One valid 個人番号 (check digit 8) in the forms people type it.
pub const MY_NUMBERS: [&str; 4] = [
    "123456789018",
    "1234 5678 9018",
    "１２３４-５６７８-９０１８",
    "番号は123456789018です",
];

/// A day that has certainly come (the CLI reads the real clock).
pub const DATE: &str = "令和7年12月10日";

/// A 台帳 entry that is valid as it stands.
pub const LEDGER: [(&str, &str); 9] = [
    ("--name", "給与所得の源泉徴収票"),
    ("--scope", "役職員及び扶養家族の個人番号、氏名"),
    ("--dept", "総務課"),
    ("--owner", OFFICER),
    ("--handlers", OFFICER),
    ("--purpose", "源泉徴収票の作成及び税務署への提出"),
    ("--retention", "翌年1月10日の翌日から7年"),
    ("--disposal", "shred"),
    ("--location", "総務課キャビネット（施錠可）"),
];

/// `base` as arguments, with `flag` set to `value` (replaced, or added when absent).
pub fn with(base: &[(&str, &str)], flag: &str, value: &str) -> Vec<String> {
    let mut args: Vec<String> = Vec::new();
    let mut replaced = false;
    for (f, v) in base {
        args.push((*f).to_owned());
        if *f == flag {
            args.push(value.to_owned());
            replaced = true;
        } else {
            args.push((*v).to_owned());
        }
    }
    if !replaced {
        args.push(flag.to_owned());
        args.push(value.to_owned());
    }
    args
}

pub fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// `ledger add` with `flag` set to `value`.
pub fn ledger_add(flag: &str, value: &str) -> Vec<String> {
    [
        vec!["ledger".to_owned(), "add".to_owned()],
        with(&LEDGER, flag, value),
    ]
    .concat()
}

/// A valid `event add` of `kind` for person 1 under affair 1: the details the kind needs.
pub fn event_base(kind: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut base = vec![
        ("--kind", kind),
        ("--date", DATE),
        ("--affair", "1"),
        ("--person", "1"),
    ];
    base.extend_from_slice(match kind {
        "acquire" => &[("--source", "person"), ("--method", "mynumber_card")][..],
        "record" => &[("--file", "1")],
        "use" => &[("--content", "源泉徴収票の作成")],
        "output" => &[("--content", "源泉徴収票")],
        "take_out" => &[
            ("--content", "税務署への提出"),
            ("--to", "〇〇税務署"),
            ("--measures", "seal"),
        ],
        "submit" => &[("--to", "tax_office"), ("--via", "e_filing")],
        "hand_over" => &[("--sealed", "yes")],
        "dispose" => &[("--content", "個人番号カードコピー"), ("--method", "shred")],
        "certificate" => &[("--contractor", "〇〇社"), ("--certificate-no", "A-1")],
        "refusal" => &[("--content", "個人番号の提供"), ("--answer", "提供を拒否")],
        "correct" => &[
            ("--content", "住所の訂正"),
            ("--correction-reason", "転居"),
            ("--requester", "本人"),
            ("--officer", OFFICER),
        ],
        other => panic!("no base for {other}"),
    });
    base
}

/// `event add` of `kind` with `flag` set to `value`.
pub fn event_add(kind: &'static str, flag: &str, value: &str) -> Vec<String> {
    [
        vec!["event".to_owned(), "add".to_owned()],
        with(&event_base(kind), flag, value),
    ]
    .concat()
}

/// Panics if `text`, NFKC-normalised, shows any part of the refused number.
pub fn assert_no_my_number(what: &str, text: &str) {
    let folded: String = text.nfkc().collect();
    assert!(
        !folded.contains("9018"),
        "{what} repeats the 個人番号: {text}"
    );
}

/// Refused by the guard: exit 1, the field named (on stderr and in the JSON error), and the
/// number nowhere in the output. The command must have been run with `--json`.
pub fn assert_guarded(out: &Output, field: &str, case: &str) {
    let err = stderr(out);
    assert_eq!(code(out), 1, "{case}\nstderr: {err}");
    assert!(
        err.starts_with(&format!("エラー: {field}: ")),
        "{case}: expected the field «{field}» in: {err}"
    );
    assert!(err.contains("個人番号"), "{case}: {err}");
    let body = json(out);
    assert_eq!(body["error"]["field"], field, "{case}");
    assert_no_my_number(&format!("{case}: stderr"), &err);
    assert_no_my_number(&format!("{case}: stdout"), &stdout(out));
}

/// Like [`assert_guarded`], for a command run without `--json`.
pub fn assert_guarded_plain(out: &Output, field: &str) {
    let err = stderr(out);
    assert_eq!(code(out), 1, "stderr: {err}");
    assert!(err.starts_with(&format!("エラー: {field}: ")), "{err}");
    assert!(err.contains("個人番号"), "{err}");
    assert_no_my_number("stderr", &err);
}

/// Runs `kiroku --json ARGS` where `{}` in ARGS is each form of the number in turn, and
/// checks each is refused for `field`.
pub fn refuse_everywhere(s: &Sandbox, args: &[String], field: &str) {
    for n in MY_NUMBERS {
        let filled: Vec<String> = args.iter().map(|a| a.replace("{}", n)).collect();
        let mut full = vec!["--json"];
        full.extend(strs(&filled));
        let out = s.run(&full);
        assert_guarded(&out, field, &filled.join(" "));
    }
}

/// What a refusal must leave unchanged: the events, the 台帳, the people, the records' audit
/// rows and the key slots.
#[derive(Debug, PartialEq)]
pub struct Saved {
    events: Value,
    ledger: Value,
    persons: Value,
    changes: Vec<(String, String)>,
    keys: Value,
}

pub fn saved(s: &Sandbox) -> Saved {
    let list = |args: &[&str]| {
        let out = s.run(args);
        assert_success(&out);
        json(&out)
    };
    Saved {
        events: list(&["--json", "event", "list"]),
        ledger: list(&["--json", "ledger", "list"]),
        persons: list(&["--json", "person", "list"]),
        changes: audit_rows(s)
            .iter()
            .filter(|r| r["action"] == "create" || r["action"] == "amend")
            .map(|r| (text(&r["action"]), text(&r["target"])))
            .collect(),
        keys: s.key_slots(),
    }
}

pub fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

pub fn audit_rows(s: &Sandbox) -> Vec<Value> {
    let out = s.run(&["--json", "audit", "list", "--limit", "100000"]);
    assert_success(&out);
    json(&out)["rows"].as_array().unwrap().clone()
}

/// After refusals: nothing new was saved, and neither the audit chain (its words: the hash and
/// the time are hex and digits that may hold "9018" by chance) nor any file of the vault
/// folder holds the number.
pub fn assert_nothing_kept(s: &Sandbox, before: &Saved) {
    assert_eq!(&saved(s), before, "a refused command saved something");
    for row in audit_rows(s) {
        for key in ["actor", "action", "target", "detail"] {
            assert_no_my_number(&format!("audit row {row}"), &text(&row[key]));
        }
    }
    assert_eq!(code(&s.run(&["audit", "verify"])), 0);
    // The vault is encrypted; its key file must be unchanged (above) and no attempts file
    // may have been written (no login failed).
    assert!(
        !kiroku_store::paths::attempts_file(&s.vault).exists(),
        "an attempts file was written"
    );
    let needles: Vec<Vec<u8>> = ["9018", "９０１８", "123456789018", "１２３４"]
        .iter()
        .map(|n| n.as_bytes().to_vec())
        .collect();
    for entry in std::fs::read_dir(s.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() || path == kiroku_store::paths::keys_file(&s.vault) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for needle in &needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
                "{} holds {}",
                path.display(),
                String::from_utf8_lossy(needle)
            );
        }
    }
}

pub fn ok_json(s: &Sandbox, args: &[&str]) -> Value {
    let out = s.run(&[&["--json"], args].concat());
    assert_success(&out);
    json(&out)
}

pub fn add_person(s: &Sandbox, name: &str, dept: &str) -> i64 {
    ok_json(
        s,
        &[
            "person", "add", "--kind", "staff", "--name", name, "--dept", dept,
        ],
    )["id"]
        .as_i64()
        .unwrap()
}

/// A vault with person 1 (〇〇 of 〇課, dependent 〇〇 〇〇) and 台帳 NO.1.
pub fn office() -> Sandbox {
    let s = Sandbox::new();
    assert_eq!(add_person(&s, "〇〇", "〇課"), 1);
    assert_success(&s.run(&[
        "person",
        "dependent",
        "add",
        "1",
        "--name",
        "〇〇 〇〇",
        "--relation",
        "子",
    ]));
    let entry = ok_json(&s, &strs(&ledger_add("--name", "給与所得の源泉徴収票")));
    assert_eq!(entry["no"], 1);
    s
}

pub fn ids(rows: &Value, key: &str) -> Vec<i64> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_i64().unwrap())
        .collect()
}

pub fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_owned()).collect()
}

/// The numbers of a JSON array.
pub fn nums(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_i64().unwrap())
        .collect()
}

/// `pairs` as arguments.
pub fn flat(pairs: &[(&str, &str)]) -> Vec<String> {
    pairs
        .iter()
        .flat_map(|(f, v)| [(*f).to_owned(), (*v).to_owned()])
        .collect()
}

/// `args` without `flag` and its value.
pub fn without(mut args: Vec<String>, flag: &str) -> Vec<String> {
    let at = args.iter().position(|a| a == flag).unwrap();
    args.drain(at..at + 2);
    args
}

/// Today in Japan, as the binary reads it from the real clock (Japan keeps no summer time).
#[allow(clippy::disallowed_methods)]
pub fn jst_today() -> chrono::NaiveDate {
    let jst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
    chrono::Utc::now().with_timezone(&jst).date_naive()
}

/// `event add --json` of a use for the persons listed in a file holding `lines`.
pub fn persons_file_event(s: &Sandbox, lines: &str) -> Output {
    let file = s.path("persons.txt");
    std::fs::write(&file, lines).unwrap();
    let args = without(event_add("use", "--note", "一括"), "--person");
    let out = s.run(&strs(
        &[
            owned(&["--json"]),
            args,
            owned(&["--persons-file", file.to_str().unwrap()]),
        ]
        .concat(),
    ));
    std::fs::remove_file(&file).unwrap();
    out
}
