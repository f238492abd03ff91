//! `kiroku bench`: measured figures for the issue notes (never timed assertions in tests).

use kiroku_api::{Env, InitRequest, Session};
use kiroku_store::credentials::NoCredentials;
use kiroku_store::kdf::KdfParams;
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;
use zeroize::Zeroizing;

use crate::output::{emit, Failure};
use crate::system::SystemClock;

/// Appends rows and prints `ack SEQ` after each commit (used by the kill-at-any-moment test).
#[allow(clippy::print_stdout)]
pub fn append(session: &mut Session, rows: u64, per_tx: u64) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    session.append_bench_rows(rows, per_tx, |seq| {
        let mut out = stdout.lock();
        let _ = writeln!(out, "ack {seq}");
        let _ = out.flush();
    })?;
    Ok(())
}

#[derive(Debug, Serialize)]
struct FoundationFigures {
    kdf: KdfParams,
    init_ms: f64,
    unlock_ms_median: f64,
    unlock_ms_all: Vec<f64>,
    single_tx_rows: u64,
    single_tx_rows_per_s: f64,
    batched_rows: u64,
    batch_size: u64,
    batched_rows_per_s: f64,
    verify_rows: u64,
    verify_ms: f64,
    unlock_large_ms: f64,
    vault_bytes: u64,
    backup_ms: f64,
    backup_bytes: u64,
}

fn ms(start: Instant) -> f64 {
    (start.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0
}

pub fn foundation(json: bool, rows: u64, dir: Option<&Path>) -> Result<(), Failure> {
    let temp;
    let dir = match dir {
        Some(d) => d.to_owned(),
        None => {
            temp = tempfile::tempdir()
                .map_err(|e| Failure::Usage(format!("一時フォルダを作れません: {e}")))?;
            temp.path().to_owned()
        }
    };
    let env = Env {
        clock: Arc::new(SystemClock),
        credentials: Arc::new(NoCredentials),
        kdf: KdfParams::PRODUCTION,
    };
    let vault = dir.join("bench.kiroku");
    let password = "bench-password-1";
    let t = Instant::now();
    kiroku_api::init(
        &env,
        InitRequest {
            vault: vault.clone(),
            org_name: "ベンチマーク組合".into(),
            officer_id: "bench".into(),
            officer_name: "測定 太郎".into(),
            officer_dept: None,
            password: Zeroizing::new(password.into()),
            template: kiroku_api::OfficeTemplate::Jimukumiai,
        },
    )?;
    let init_ms = ms(t);

    let mut unlock_ms_all = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let (s, _) = kiroku_api::login(&env, &vault, "bench", password)?;
        unlock_ms_all.push(ms(t));
        s.logout()?;
    }
    let mut sorted = unlock_ms_all.clone();
    sorted.sort_by(f64::total_cmp);
    let unlock_ms_median = sorted[sorted.len() / 2];

    let (mut session, _) = kiroku_api::login(&env, &vault, "bench", password)?;
    let single_tx_rows = 1000.min(rows);
    let t = Instant::now();
    session.append_bench_rows(single_tx_rows, 1, |_| {})?;
    let single_tx_rows_per_s = single_tx_rows as f64 / t.elapsed().as_secs_f64();

    let batch_size = 1000;
    let batched_rows = rows.saturating_sub(single_tx_rows);
    let t = Instant::now();
    session.append_bench_rows(batched_rows, batch_size, |_| {})?;
    let batched_rows_per_s = batched_rows as f64 / t.elapsed().as_secs_f64().max(1e-9);

    let t = Instant::now();
    let report = session.audit_verify()?;
    let verify_ms = ms(t);

    session.logout()?;
    // Unlocking the full vault: Argon2 plus the page check of every page at open.
    let t = Instant::now();
    let (mut session, _) = kiroku_api::login(&env, &vault, "bench", password)?;
    let unlock_large_ms = ms(t);

    let vault_bytes = std::fs::metadata(&vault).map(|m| m.len()).unwrap_or(0);
    let out = dir.join("bench.kiroku-backup");
    let _ = std::fs::remove_file(&out);
    let t = Instant::now();
    let backup = session.backup(&out)?;
    let backup_ms = ms(t);
    session.logout()?;

    let figures = FoundationFigures {
        kdf: KdfParams::PRODUCTION,
        init_ms,
        unlock_ms_median,
        unlock_ms_all,
        single_tx_rows,
        single_tx_rows_per_s: single_tx_rows_per_s.round(),
        batched_rows,
        batch_size,
        batched_rows_per_s: batched_rows_per_s.round(),
        verify_rows: report.rows,
        verify_ms,
        unlock_large_ms,
        vault_bytes,
        backup_ms,
        backup_bytes: backup.bytes,
    };
    emit(json, &figures, |f| {
        format!(
            "Argon2id: m={} KiB, t={}, p={}\n\
             init:                 {:>10.1} ms\n\
             unlock (median of 5): {:>10.1} ms   {:?}\n\
             append, 1 row/tx:     {:>10.0} rows/s ({} rows, synchronous=FULL)\n\
             append, {} rows/tx: {:>10.0} rows/s ({} rows)\n\
             audit verify:         {:>10.1} ms   ({} rows, pages + chain)\n\
             unlock, full vault:   {:>10.1} ms   (Argon2 + page check at open)\n\
             backup + verify:      {:>10.1} ms   ({} bytes; vault {} bytes)",
            f.kdf.m_kib,
            f.kdf.t,
            f.kdf.p,
            f.init_ms,
            f.unlock_ms_median,
            f.unlock_ms_all,
            f.single_tx_rows_per_s,
            f.single_tx_rows,
            f.batch_size,
            f.batched_rows_per_s,
            f.batched_rows,
            f.verify_ms,
            f.verify_rows,
            f.unlock_large_ms,
            f.backup_ms,
            f.backup_bytes,
            f.vault_bytes
        )
    });
    Ok(())
}
