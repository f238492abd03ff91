//! Kill at any moment: a writer process is killed (SIGKILL) at a random point, again and again;
//! after each kill the vault opens, passes every page check and the chain check, and holds every
//! row whose commit was acknowledged before the kill.
//!
//! One kill in four lands at a random moment after the start (opening the vault, a migration, the
//! first write); the others wait for the writer's first acknowledged row and then a random delay,
//! so they land while rows are being written however slow the machine is to start a process
//! (under Wine a start alone can take longer than the whole random window).
//!
//! `KIROKU_KILL_ITERATIONS` sets the number of kills (default 50).
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::sync::mpsc;
use std::time::Duration;

/// A small deterministic generator, so a failing run can be repeated with the same delays.
struct Lcg(u64);

impl Lcg {
    fn next_below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn a_vault_survives_being_killed_at_any_moment() {
    let iterations: u32 = std::env::var("KIROKU_KILL_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let s = Sandbox::new();
    let mut rng = Lcg(0x6b69726f6b75);
    let mut total_acked = 0u64;
    let mut kills_mid_write = 0;
    for i in 0..iterations {
        let per_tx = [1, 1, 10, 100][rng.next_below(4) as usize];
        let mut child = s
            .cmd(&[
                "append",
                "--rows",
                "1000000",
                "--per-tx",
                &per_tx.to_string(),
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(seq) = line
                    .strip_prefix("ack ")
                    .and_then(|n| n.parse::<u64>().ok())
                {
                    let _ = tx.send(seq);
                }
            }
        });
        let mid_write = i % 4 != 0;
        let mut acked: Vec<u64> = Vec::new();
        if mid_write {
            match rx.recv_timeout(Duration::from_secs(120)) {
                Ok(first) => acked.push(first),
                Err(_) => {
                    let _ = child.kill();
                    panic!("kill {i}: the writer acknowledged no row within 120 s");
                }
            }
            std::thread::sleep(Duration::from_millis(rng.next_below(300)));
        } else {
            std::thread::sleep(Duration::from_millis(rng.next_below(200)));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        acked.extend(rx.try_iter());
        if !acked.is_empty() {
            kills_mid_write += 1;
        }
        let last_acked = acked.last().copied().unwrap_or(0);
        total_acked += acked.len() as u64;

        // The vault opens, every page and the chain check out, and the acknowledged rows are there.
        let report = s.verify();
        assert_eq!(report["ok"], true, "kill {i}: {report}");
        let rows = report["rows"].as_u64().unwrap();
        assert!(
            rows >= last_acked,
            "kill {i}: row {last_acked} was acknowledged but the vault has {rows} rows"
        );
    }
    eprintln!(
        "{iterations} kills, {kills_mid_write} after an acknowledged row, {total_acked} rows acknowledged"
    );
}
