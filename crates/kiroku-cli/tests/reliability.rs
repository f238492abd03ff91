//! The reliability suite (issue 13), process part: the real binary killed (SIGKILL) in the
//! middle of a password reset, a disable, a key rotation and a backup; a full disk; a read-only
//! file and folder; the command line's own guard. After each, the vault is in the old or the
//! new state, never between, its log is consistent and no temporary file is left.
//!
//! The disk tests mount a tiny tmpfs and read-only bind mounts, which needs root (CI runs as
//! root); elsewhere they say so and stop. `KIROKU_KILL_ROUNDS` sets the kills per operation
//! (default 6).
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const CLERK: &str = "clerk1";

fn rounds() -> u64 {
    std::env::var("KIROKU_KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6)
}

/// Starts `cmd`, kills it after `delay`, and reaps it (it may have finished first).
fn kill_after(mut cmd: Command, delay: Duration) {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    child.wait().unwrap();
}

/// The delays of one operation's kills: spread from its start to past the time it takes.
fn delays(s: &Sandbox, args: &[&str], new_password: Option<&str>) -> Vec<Duration> {
    let started = std::time::Instant::now();
    let mut cmd = s.cmd(args);
    if let Some(p) = new_password {
        cmd.env("KIROKU_NEW_PASSWORD", p);
    }
    assert_success(&cmd.output_retried());
    let took = started.elapsed().as_millis() as u64;
    let n = rounds();
    (0..n)
        .map(|i| Duration::from_millis(took * (i + 1) / (n + 1)))
        .collect()
}

/// The vault opens, every page and the whole chain check out, and nothing temporary is left
/// beside it.
fn assert_consistent(s: &Sandbox, after: &str) {
    let out = s.run(&["audit", "verify"]);
    assert_eq!(code(&out), 0, "after {after}: {}", stderr(&out));
    let leftovers: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("kiroku-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "after {after}: {leftovers:?}");
}

fn logs_in(s: &Sandbox, user: &str, password: &str) -> bool {
    code(&s.run_as(user, password, &["status"])) == 0
}

fn has_slot(s: &Sandbox, user: &str) -> bool {
    s.key_slots()["slots"]
        .as_array()
        .unwrap()
        .iter()
        .any(|slot| slot["owner"]["login_id"] == user)
}

#[test]
fn a_password_reset_killed_at_any_moment_leaves_the_old_or_the_new_password() {
    let s = Sandbox::new();
    s.add_clerk(CLERK, "password-0");
    let mut current = "password-0".to_owned();
    let timing = delays(&s, &["user", "reset", CLERK], Some("password-timing"));
    current = if logs_in(&s, CLERK, "password-timing") {
        "password-timing".into()
    } else {
        current
    };
    for (i, delay) in timing.into_iter().enumerate() {
        let next = format!("password-{}", i + 1);
        let mut cmd = s.cmd(&["user", "reset", CLERK]);
        cmd.env("KIROKU_NEW_PASSWORD", &next);
        kill_after(cmd, delay);
        assert_consistent(&s, &format!("reset killed after {delay:?}"));
        let old = logs_in(&s, CLERK, &current);
        let new = logs_in(&s, CLERK, &next);
        assert!(
            old != new,
            "kill after {delay:?}: old works {old}, new works {new}"
        );
        if new {
            current = next;
        }
    }
}

#[test]
fn a_disable_killed_at_any_moment_leaves_the_user_whole_or_gone() {
    let s = Sandbox::new();
    s.add_clerk("timing", "timing-pass-1");
    let timing = delays(&s, &["user", "disable", "timing"], None);
    for (i, delay) in timing.into_iter().enumerate() {
        let id = format!("leaver{i}");
        s.add_clerk(&id, "leaver-pass-1");
        kill_after(s.cmd(&["user", "disable", &id]), delay);
        assert_consistent(&s, &format!("disable killed after {delay:?}"));
        let listed = json(&s.run(&["--json", "user", "list"]));
        let active = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id.as_str())
            .unwrap()["active"]
            .as_bool()
            .unwrap();
        let slot = has_slot(&s, &id);
        let works = logs_in(&s, &id, "leaver-pass-1");
        if active {
            assert!(slot && works, "{id} active but slot {slot}, login {works}");
        } else {
            assert!(
                !slot && !works,
                "{id} disabled but slot {slot}, login {works}"
            );
        }
    }
}

#[test]
fn a_key_rotation_killed_at_any_moment_leaves_one_working_key() {
    let s = Sandbox::new();
    s.add_clerk(CLERK, "clerk-pass-1");
    let timing = delays(&s, &["key", "rotate", "--reason", "測定"], None);
    for delay in timing {
        let before = s.key_slots()["generation"].as_u64().unwrap();
        kill_after(s.cmd(&["key", "rotate", "--reason", "漏えいの疑い"]), delay);
        assert_consistent(&s, &format!("rotation killed after {delay:?}"));
        let after = s.key_slots()["generation"].as_u64().unwrap();
        assert!(after == before || after == before + 1, "{before} → {after}");
        assert!(logs_in(&s, OFFICER, PASSWORD), "kill after {delay:?}");
        assert!(logs_in(&s, CLERK, "clerk-pass-1"), "kill after {delay:?}");
        assert!(s.key_slots()["pending_recovery"].is_null());
    }
}

#[test]
fn a_backup_killed_at_any_moment_leaves_a_whole_file_or_none() {
    let s = Sandbox::new();
    let timing = delays(
        &s,
        &[
            "backup",
            "--out",
            &s.path("timing.bak").display().to_string(),
        ],
        None,
    );
    for (i, delay) in timing.into_iter().enumerate() {
        let out = s.path(&format!("b{i}.bak"));
        kill_after(
            s.cmd(&["backup", "--out", &out.display().to_string()]),
            delay,
        );
        assert_consistent(&s, &format!("backup killed after {delay:?}"));
        if out.exists() {
            // A backup that exists is complete: it restores.
            let target = s.path(&format!("restored{i}/office.kiroku"));
            assert_success(&restore(&s, &out, &target, &s.recovery_code));
        }
    }
}

/// `kiroku restore` of `backup` into `target` (a new folder) with the recovery code `code`.
fn restore(s: &Sandbox, backup: &Path, target: &Path, code: &str) -> Output {
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    kiroku(s.dir.path())
        .args(["--vault", &target.display().to_string(), "--user", OFFICER])
        .args(["restore", "--from", &backup.display().to_string()])
        .env("KIROKU_RECOVERY_CODE", code)
        .env("KIROKU_NEW_PASSWORD", "restored-pass-1")
        .output_retried()
}

// ---- The disk refuses: full, read-only -------------------------------------------------------

/// A mount made for one test, undone when dropped (also when the test fails).
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn mount(args: &[&str], at: &Path) -> Option<Mount> {
    let ok = Command::new("mount")
        .args(args)
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then(|| Mount(at.to_owned()))
}

/// `path` (a file or a folder) made read-only by a bind mount over itself (the remount changes
/// that same mount, so one unmount undoes both).
fn read_only(path: &Path) -> Option<Mount> {
    let p = path.display().to_string();
    let bind = mount(&["--bind", &p], path)?;
    let remounted = Command::new("mount")
        .args(["-o", "remount,bind,ro"])
        .arg(path)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    remounted.then_some(bind)
}

fn person_add(s: &Sandbox, name: &str) -> Output {
    s.run(&["person", "add", "--kind", "staff", "--name", name])
}

fn persons(s: &Sandbox) -> String {
    stdout(&s.run(&["person", "list"]))
}

/// Moves the sandbox's vault into `folder` (which may be a mount), keeping its key file.
fn move_vault(s: &mut Sandbox, folder: &Path) {
    let vault = folder.join("office.kiroku");
    std::fs::copy(&s.vault, &vault).unwrap();
    std::fs::copy(
        kiroku_store::paths::keys_file(&s.vault),
        kiroku_store::paths::keys_file(&vault),
    )
    .unwrap();
    s.vault = vault;
}

#[test]
#[cfg_attr(
    windows,
    ignore = "mounts a 4 MB tmpfs (Linux, root): Windows has no mount to fill"
)]
fn a_full_disk_is_named_as_such_and_loses_nothing() {
    let mut s = Sandbox::new();
    let small = s.path("small");
    std::fs::create_dir(&small).unwrap();
    let Some(_tmpfs) = mount(&["-t", "tmpfs", "-o", "size=4m", "tmpfs"], &small) else {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    move_vault(&mut s, &small);
    assert_success(&person_add(&s, "満杯前 一郎"));
    // Fill the disk to the last byte.
    let mut filler = std::fs::File::create(small.join("filler")).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    while std::io::Write::write_all(&mut filler, &chunk).is_ok() {}
    for size in [4096usize, 512, 1] {
        while std::io::Write::write_all(&mut filler, &vec![0u8; size]).is_ok() {}
    }
    let _ = filler.sync_all();

    let out = person_add(&s, "満杯中 二郎");
    let err = stderr(&out);
    assert_ne!(code(&out), 4, "a full disk reported as damage: {err}");
    assert_eq!(code(&out), 1, "{err}");
    assert!(err.contains("ディスクの空きがありません"), "{err}");
    assert!(!err.contains("改ざん") && !err.contains("restore"), "{err}");

    drop(filler);
    std::fs::remove_file(small.join("filler")).unwrap();
    let out = s.run(&["audit", "verify"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(persons(&s).contains("満杯前 一郎"));
    assert!(!persons(&s).contains("満杯中 二郎"));
    assert_success(&person_add(&s, "満杯後 三郎"));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "makes files read-only by bind mounts (Linux, root): Windows has no mount to do it with"
)]
fn a_read_only_vault_file_or_folder_is_named_and_leaves_no_lasting_harm() {
    let mut s = Sandbox::new();
    let folder = s.path("office");
    std::fs::create_dir(&folder).unwrap();
    move_vault(&mut s, &folder);
    assert_success(&person_add(&s, "読取前 一郎"));

    let vault = s.vault.clone();
    for (what, target) in [("file", vault.clone()), ("folder", folder.clone())] {
        let Some(mounts) = read_only(&target) else {
            eprintln!("skipped: a read-only bind mount needs root");
            return;
        };
        let out = person_add(&s, "読取中 二郎");
        let err = stderr(&out);
        assert_ne!(code(&out), 4, "read-only {what} reported as damage: {err}");
        assert_eq!(code(&out), 1, "read-only {what}: {err}");
        assert!(err.contains("読み取り専用"), "read-only {what}: {err}");
        drop(mounts);

        // Writable again: no read-only -shm or lock is left to block the vault.
        let out = s.run(&["audit", "verify"]);
        assert_eq!(code(&out), 0, "after read-only {what}: {}", stderr(&out));
        assert!(!persons(&s).contains("読取中 二郎"));
        assert_success(&person_add(&s, &format!("読取後 {what}")));
    }
}

// ---- The command line's own guard --------------------------------------------------------------

#[test]
fn a_my_number_in_a_file_name_a_count_or_a_user_id_never_reaches_a_file_or_the_log() {
    let s = Sandbox::new();
    let snapshot = s.snapshot();
    let number = "528473910645";
    let out_file = s.path(&format!("{number}.bak"));
    for args in [
        vec![
            "backup".to_owned(),
            "--out".into(),
            out_file.display().to_string(),
        ],
        vec![
            "audit".into(),
            "list".into(),
            "--limit".into(),
            number.into(),
        ],
        vec!["--user".into(), "5284 7391 0645".into(), "status".into()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = s.run(&args);
        assert_refused(&out, 1, "個人番号");
        assert!(!stderr(&out).contains(number) && !stdout(&out).contains(number));
    }
    let out = s
        .cmd(&["status"])
        .env("KIROKU_USER", number)
        .output_retried();
    assert_refused(&out, 1, "KIROKU_USER");
    assert!(!out_file.exists());
    assert_eq!(
        s.snapshot(),
        snapshot,
        "a refused command changed the vault"
    );
}

#[cfg(unix)]
#[test]
fn text_that_is_not_utf8_gets_a_japanese_message_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let s = Sandbox::new();
    let shift_jis = std::ffi::OsStr::from_bytes(&[0x8e, 0x52, 0x93, 0x63]);
    let out = s
        .cmd(&["person", "add", "--kind", "staff", "--name"])
        .arg(shift_jis)
        .output_retried();
    assert_refused(&out, 2, "UTF-8");
    let out = s
        .cmd(&["status"])
        .env("KIROKU_PASSWORD", shift_jis)
        .output_retried();
    assert_refused(&out, 2, "KIROKU_PASSWORD");
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    let s = Sandbox::new();
    for i in 0..30 {
        assert_success(&person_add(&s, &format!("職員 {i}")));
    }
    // `kiroku audit list | head -1`: the pipe closes after the first line.
    let mut child = s
        .cmd(&["audit", "list", "--limit", "1000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert_eq!(code(&out), 0, "{err}");
}

#[test]
fn key_rotate_shows_a_new_recovery_code_once_and_the_old_one_stops_working() {
    let s = Sandbox::new();
    let out = s.run(&["key", "rotate", "--reason", "退職者の鍵ファイル対策"]);
    assert_success(&out);
    let text = stdout(&out);
    assert!(text.contains("暗号鍵を更新しました"), "{text}");
    assert!(!text.contains(&s.recovery_code), "{text}");
    let refused = s.run(&["key", "rotate", "--reason", ""]);
    assert_refused(&refused, 1, "理由");

    let backup = s.path("after.bak");
    assert_success(&s.run(&["backup", "--out", &backup.display().to_string()]));
    let target = s.path("restored/office.kiroku");
    assert_eq!(code(&restore(&s, &backup, &target, &s.recovery_code)), 3);
    let new_code = text
        .lines()
        .find_map(|l| {
            let l = l.trim_matches(|c: char| c == '│' || c.is_whitespace());
            (l.len() > 30 && l.chars().filter(|c| *c == '-').count() >= 4).then(|| l.to_owned())
        })
        .unwrap_or_else(|| panic!("no recovery code in: {text}"));
    assert_success(&restore(&s, &backup, &target, &new_code));
}

#[test]
fn an_older_vault_put_back_is_refused_until_the_officer_accepts_it() {
    let s = Sandbox::new();
    assert_success(&person_add(&s, "古い 一郎"));
    let older = std::fs::read(&s.vault).unwrap();
    assert_success(&person_add(&s, "新しい 二郎"));
    std::fs::write(&s.vault, older).unwrap();

    let out = s.run(&["person", "list"]);
    assert_refused(&out, 4, "古い状態");
    assert!(stderr(&out).contains("--accept-older-vault"));
    let out = s.run(&["--accept-older-vault", "person", "list"]);
    assert_success(&out);
    assert!(
        stderr(&out).contains("注意: 古い記録ファイルを使っています"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("新しい 二郎"));
    assert_success(&s.run(&["person", "list"]));
}
