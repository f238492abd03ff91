//! The command-line contract: names, exit codes, JSON, and refusals that change nothing.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;

#[test]
fn init_creates_a_vault_prints_the_recovery_code_once_and_refuses_to_run_twice() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("new.kiroku");
    let init = |json: bool| {
        let mut c = kiroku(dir.path());
        c.arg("--vault").arg(&vault).args(["--user", "tanaka"]);
        if json {
            c.arg("--json");
        }
        c.args([
            "init",
            "--org",
            "○○広域事務組合",
            "--name",
            "田中 一郎",
            "--dept",
            "総務課",
        ])
        .env("KIROKU_NEW_PASSWORD", "tanaka-pass-1")
        .output_retried()
    };
    let out = init(true);
    assert_success(&out);
    let v = json(&out);
    assert_eq!(v["org_name"], "○○広域事務組合");
    assert_eq!(v["officer"]["id"], "tanaka");
    assert!(v["id"].as_str().unwrap().len() >= 32);
    let code_text = v["recovery_code"].as_str().unwrap();
    assert_eq!(code_text.len(), 41);
    assert_eq!(v["protection"]["mode"], "password_only");
    let before = std::fs::read(&vault).unwrap();

    let again = init(false);
    assert_refused(&again, 1, "上書きしません");
    assert_eq!(std::fs::read(&vault).unwrap(), before);

    // The recovery code is in no file.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            assert!(
                !bytes.windows(8).any(|w| w == &code_text.as_bytes()[..8]),
                "{}",
                p.display()
            );
        }
    }
    // The officer created by init is the default user.
    let status = kiroku(dir.path())
        .arg("--vault")
        .arg(&vault)
        .arg("status")
        .env("KIROKU_PASSWORD", "tanaka-pass-1")
        .output_retried();
    assert_success(&status);
    assert!(stdout(&status).contains("○○広域事務組合"));
}

#[test]
fn users_are_added_listed_disabled_and_reset_with_json_output() {
    let s = Sandbox::new();
    let out = s.run_setting(
        "clerk-pass-1",
        &[
            "--json",
            "user",
            "add",
            "--id",
            "sato",
            "--name",
            "佐藤 花子",
            "--role",
            "clerk",
            "--dept",
            "業務課",
            "--duties",
            "年末調整",
        ],
    );
    assert_success(&out);
    let created = json(&out);
    assert_eq!(created["id"], "sato");
    assert_eq!(created["role"], "clerk");
    assert_eq!(created["duties"], "年末調整");
    assert!(created["created_at"].as_str().unwrap().starts_with("20"));

    let list = json(&s.run(&["--json", "user", "list"]));
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["boss", "sato"]);

    let clerk_status = s.run_as("sato", "clerk-pass-1", &["status"]);
    assert_success(&clerk_status);

    let reset = s.run_setting("clerk-pass-2", &["user", "reset", "sato"]);
    assert_success(&reset);
    let old = s.run_as("sato", "clerk-pass-1", &["status"]);
    assert_refused(&old, 3, "パスワードが違います");
    let new = s.run_as("sato", "clerk-pass-2", &["status"]);
    assert_success(&new);

    assert_success(&s.run(&["user", "disable", "sato"]));
    let disabled = s.run_as("sato", "clerk-pass-2", &["status"]);
    assert_refused(&disabled, 3, "無効化されています");
}

#[test]
fn a_clerk_cannot_manage_users() {
    let s = Sandbox::new();
    s.add_clerk("sato", "clerk-pass-1");
    let out = s.run_as("sato", "clerk-pass-1", &["user", "disable", "boss"]);
    assert_refused(&out, 3, "事務取扱責任者だけ");
}

#[test]
fn bad_field_input_exits_1_naming_the_field_in_text_and_json() {
    let s = Sandbox::new();
    let before = s.key_slots();
    let out = s.run_setting(
        "clerk-pass-1",
        &[
            "--json", "user", "add", "--id", "Sato San", "--name", "佐藤", "--role", "clerk",
        ],
    );
    assert_refused(&out, 1, "ユーザーID");
    let body = json(&out);
    assert_eq!(body["error"]["code"], "invalid_input");
    assert_eq!(body["error"]["field"], "ユーザーID");
    let role = s.run_setting(
        "clerk-pass-1",
        &[
            "user", "add", "--id", "sato", "--name", "佐藤", "--role", "boss",
        ],
    );
    assert_refused(&role, 1, "権限");
    // The login and logout rows were written, but no user.
    let list = json(&s.run(&["--json", "user", "list"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(before, s.key_slots(), "no slot was added");
}

#[test]
fn wrong_password_unknown_user_and_missing_password_exit_3_and_change_nothing() {
    let s = Sandbox::new();
    let (vault_before, _) = s.snapshot();
    let slots_before = s.key_slots();
    let wrong = s
        .cmd(&["status"])
        .env("KIROKU_PASSWORD", "wrong-password")
        .output_retried();
    assert_refused(&wrong, 3, "パスワードが違います");
    let unknown = s.run(&["--user", "ghost", "status"]);
    assert_refused(&unknown, 3, "ghost");
    let mut no_password = s.cmd(&["status"]);
    no_password.env_remove("KIROKU_PASSWORD");
    let out = no_password.output_retried();
    assert_refused(&out, 3, "KIROKU_PASSWORD");
    assert!(s.snapshot().0 == vault_before, "the vault is unchanged");
    assert_eq!(s.key_slots(), slots_before, "the slots are unchanged");
    // The failure is counted in both copies: the counter file and the key file.
    let keys = std::fs::read_to_string(kiroku_store::paths::keys_file(&s.vault)).unwrap();
    assert!(keys.contains("failed_logins"), "{keys}");
}

#[test]
fn usage_errors_exit_2() {
    let s = Sandbox::new();
    let out = kiroku(s.dir.path())
        .args(["status"])
        .env("KIROKU_PASSWORD", PASSWORD)
        .output_retried();
    assert_refused(&out, 2, "--vault");
    let out = s.run(&["user", "frobnicate"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn a_file_that_is_not_a_vault_exits_4() {
    let s = Sandbox::new();
    let fake = s.path("fake.kiroku");
    std::fs::write(&fake, "これは記録ファイルではありません").unwrap();
    let out = kiroku(s.dir.path())
        .arg("--vault")
        .arg(&fake)
        .arg("status")
        .env("KIROKU_PASSWORD", PASSWORD)
        .output_retried();
    assert_refused(&out, 4, "Kiroku の記録ファイルではない");
    // Even beside a valid key file, a foreign file is refused as damaged.
    std::fs::copy(
        kiroku_store::paths::keys_file(&s.vault),
        kiroku_store::paths::keys_file(&fake),
    )
    .unwrap();
    let out = kiroku(s.dir.path())
        .arg("--vault")
        .arg(&fake)
        .arg("status")
        .env("KIROKU_PASSWORD", PASSWORD)
        .output_retried();
    assert_refused(&out, 4, "壊れている");
    assert_eq!(
        std::fs::read_to_string(&fake).unwrap(),
        "これは記録ファイルではありません"
    );
}

#[test]
fn a_damaged_key_file_exits_4() {
    let s = Sandbox::new();
    let keys = kiroku_store::paths::keys_file(&s.vault);
    let mut bytes = std::fs::read(&keys).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&keys, &bytes).unwrap();
    assert_refused(&s.run(&["status"]), 4, "鍵ファイル");
}

#[test]
fn a_truncated_or_altered_vault_exits_4_on_verify_and_is_not_modified() {
    let s = Sandbox::new();
    s.append_audit_rows(400, 100);
    assert_success(&s.run(&["audit", "verify"]));
    let original = std::fs::read(&s.vault).unwrap();
    let len = original.len();
    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    for at in [
        0,
        20,
        100,
        1500,
        4095,
        4096 + 700,
        len / 2,
        len - 33,
        len - 1,
    ] {
        let mut b = original.clone();
        b[at] ^= 0x04;
        cases.push((format!("byte {at} flipped"), b));
    }
    cases.push((
        "truncated by a page".into(),
        original[..len - 4096].to_vec(),
    ));
    cases.push(("truncated mid-page".into(), original[..len - 1000].to_vec()));
    for (what, bytes) in cases {
        std::fs::write(&s.vault, &bytes).unwrap();
        let out = s.run(&["audit", "verify"]);
        assert_eq!(code(&out), 4, "{what}: stderr {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{what}");
        assert!(
            stderr(&out).contains("壊れている") || stderr(&out).contains("異常"),
            "{what}: {}",
            stderr(&out)
        );
        assert!(
            std::fs::read(&s.vault).unwrap() == bytes,
            "{what}: the file was changed"
        );
    }
}

#[test]
fn audit_list_and_verify_show_the_chain() {
    let s = Sandbox::new();
    s.add_clerk("sato", "clerk-pass-1");
    let page = json(&s.run(&["--json", "audit", "list"]));
    let actions: Vec<&str> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        // The user's creation is a pair: 開始 with the slot change, then done.
        ["init", "create", "login", "create", "create", "logout", "login", "read"]
    );
    let v = json(&s.run(&["--json", "audit", "verify"]));
    assert_eq!(v["ok"], true);
    assert_eq!(v["rows"], 10);
    let text = stdout(&s.run(&["audit", "list", "--limit", "3"]));
    assert!(
        text.contains("ログイン") && text.contains("監査ログ一覧（最新3行）"),
        "{text}"
    );
}

#[test]
fn backup_then_restore_on_a_fresh_folder_with_the_recovery_code() {
    let s = Sandbox::new();
    s.add_clerk("sato", "clerk-pass-1");
    let backup = s.path("office.kiroku-backup");
    let out = s.run(&["--json", "backup", "--out", backup.to_str().unwrap()]);
    assert_success(&out);
    assert_eq!(json(&out)["verified"], true);
    let again = s.run(&["backup", "--out", backup.to_str().unwrap()]);
    assert_refused(&again, 1, "上書きしません");

    let fresh = tempfile::tempdir().unwrap();
    let target = fresh.path().join("restored.kiroku");
    let restore = |code_text: &str, from: &std::path::Path| {
        kiroku(fresh.path())
            .arg("--vault")
            .arg(&target)
            .args(["--user", "boss", "--json", "restore", "--from"])
            .arg(from)
            .env("KIROKU_RECOVERY_CODE", code_text)
            .env("KIROKU_NEW_PASSWORD", "restored-pass-1")
            .output_retried()
    };
    // A typo in the recovery code: exit 1, the group named, nothing written.
    let mut typo: Vec<char> = s.recovery_code.chars().collect();
    typo[7] = if typo[7] == '9' { '8' } else { '9' };
    let out = restore(&typo.into_iter().collect::<String>(), &backup);
    assert_refused(&out, 1, "2組目");
    assert!(!target.exists());
    // A backup of another vault with this vault's code: exit 3.
    let other = Sandbox::new();
    let other_backup = other.path("other.kiroku-backup");
    assert_success(&other.run(&["backup", "--out", other_backup.to_str().unwrap()]));
    let out = restore(&s.recovery_code, &other_backup);
    assert_refused(&out, 3, "このバックアップのものではありません");
    assert!(!target.exists());

    let out = restore(&s.recovery_code.to_lowercase().replace('-', " "), &backup);
    assert_success(&out);
    assert_eq!(json(&out)["user"]["id"], "boss");
    let status = kiroku(fresh.path())
        .arg("--vault")
        .arg(&target)
        .args(["--json", "status"])
        .env("KIROKU_PASSWORD", "restored-pass-1")
        .output_retried();
    assert_success(&status);
    let st = json(&status);
    assert_eq!(st["org_name"], "テスト広域事務組合");
    assert_eq!(st["users"]["active"], 2);
    // Restoring onto an existing vault is refused.
    let out = restore(&s.recovery_code, &backup);
    assert_refused(&out, 1, "上書きしません");
}

#[test]
fn a_my_number_typed_into_a_user_field_is_refused_and_never_echoed() {
    let s = Sandbox::new();
    for (flag, value) in [
        ("--name", "佐藤 123456789018"),
        ("--dept", "１２３４-５６７８-９０１８"),
        ("--duties", "番号は1234 5678 9018です"),
    ] {
        let mut args = vec![
            "--json", "user", "add", "--id", "sato", "--name", "佐藤", "--role", "clerk",
        ];
        if flag == "--name" {
            args[6] = value;
        } else {
            args.extend([flag, value]);
        }
        let out = s
            .cmd(&args)
            .env("KIROKU_NEW_PASSWORD", "clerk-pass-1")
            .output_retried();
        assert_refused(&out, 1, "個人番号");
        for text in [stderr(&out), stdout(&out)] {
            assert!(
                !text.contains("9018") && !text.contains("９０１８"),
                "{text}"
            );
        }
    }
    // No audit row repeats it (the hex hashes are left out: they may hold any digits).
    let page = json(&s.run(&["--json", "audit", "list", "--limit", "1000"]));
    for row in page["rows"].as_array().unwrap() {
        for field in ["actor", "action", "target", "detail"] {
            assert!(!row[field].as_str().unwrap().contains("9018"), "{row}");
        }
    }
    let users = json(&s.run(&["--json", "user", "list"]));
    assert_eq!(users.as_array().unwrap().len(), 1);
    // A 13-digit 法人番号 is not a 個人番号.
    let ok = s.run_setting(
        "clerk-pass-1",
        &[
            "user",
            "add",
            "--id",
            "sato",
            "--name",
            "佐藤",
            "--role",
            "clerk",
            "--duties",
            "法人番号1234567890123の事業所",
        ],
    );
    assert_success(&ok);
}

#[test]
fn a_key_file_of_another_vault_is_named_as_such_not_as_damage() {
    // Defect 3 of the trust issue: a `.keys` of another vault was reported as tampering (exit 4,
    // "restore from a backup"), advice that loses the records made since that backup.
    let first = Sandbox::new();
    let second = Sandbox::new();
    std::fs::copy(
        kiroku_store::paths::keys_file(&second.vault),
        kiroku_store::paths::keys_file(&first.vault),
    )
    .unwrap();
    let before = std::fs::read(&first.vault).unwrap();
    let out = first.run(&["status"]);
    assert_refused(&out, 1, "のものではありません");
    assert!(!stderr(&out).contains("restore"), "{}", stderr(&out));
    assert!(std::fs::read(&first.vault).unwrap() == before);
}
