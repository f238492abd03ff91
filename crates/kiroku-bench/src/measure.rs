//! The measurements (moved from `kiroku bench`).

use kiroku_api::env::SystemClock;
use kiroku_api::{Env, InitRequest, Session};
use kiroku_store::credentials::NoCredentials;
use kiroku_store::kdf::KdfParams;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use zeroize::Zeroizing;

use kiroku_cli::output::{emit, Failure};

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
    /// 監査ログ's first page: rows shown, and the time to read them in words.
    audit_page_rows: usize,
    audit_page_ms: f64,
    /// One user's logins over the whole chain (利用者 + 種別 + 期間).
    audit_filtered_rows: u64,
    audit_filtered_ms: f64,
}

/// Where a measurement puts its vault: the given folder, or a temp folder removed afterwards.
pub(crate) struct Scratch {
    given: Option<PathBuf>,
    temp: Option<tempfile::TempDir>,
}

impl Scratch {
    pub(crate) fn new(dir: Option<&Path>) -> Result<Self, Failure> {
        Ok(match dir {
            Some(d) => Self {
                given: Some(d.to_owned()),
                temp: None,
            },
            None => Self {
                given: None,
                temp: Some(
                    tempfile::tempdir()
                        .map_err(|e| Failure::Usage(format!("一時フォルダを作れません: {e}")))?,
                ),
            },
        })
    }

    pub(crate) fn dir(&self) -> PathBuf {
        match (&self.given, &self.temp) {
            (Some(d), _) => d.clone(),
            (None, Some(t)) => t.path().to_owned(),
            (None, None) => PathBuf::from("."),
        }
    }
}

/// A new measuring vault with its officer `bench`.
pub(crate) fn init_bench_vault(env: &Env, vault: &Path, password: &str) -> Result<(), Failure> {
    kiroku_api::init(
        env,
        InitRequest {
            vault: vault.to_owned(),
            org_name: "ベンチマーク組合".into(),
            officer_id: "bench".into(),
            officer_name: "測定 太郎".into(),
            officer_dept: None,
            password: Zeroizing::new(password.into()),
            template: kiroku_api::OfficeTemplate::Jimukumiai,
            recovery_pdf: None,
        },
    )?;
    Ok(())
}

/// The real clock and the production KDF, with no OS credential store.
pub(crate) fn production_env() -> Env {
    Env {
        clock: Arc::new(SystemClock),
        credentials: Arc::new(NoCredentials),
        kdf: KdfParams::PRODUCTION,
    }
}

fn ms(start: Instant) -> f64 {
    (start.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0
}

pub fn foundation(json: bool, rows: u64, dir: Option<&Path>) -> Result<(), Failure> {
    let scratch = Scratch::new(dir)?;
    let (dir, env) = (scratch.dir(), production_env());
    let vault = dir.join("bench.kiroku");
    let password = "bench-password-1";
    let t = Instant::now();
    init_bench_vault(&env, &vault, password)?;
    let init_ms = ms(t);

    let mut unlock_ms_all = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let (s, _) = kiroku_api::login(&env, &vault, "bench", password)?;
        unlock_ms_all.push(ms(t));
        s.logout()?;
    }
    let unlock_ms_median = median(&unlock_ms_all);

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

    // The 監査ログ screen: its first page (the newest 2000 rows in words), then a narrow filter
    // (one user's logins in a period) that reads the whole chain to find a few rows.
    let t = Instant::now();
    let page = session.audit_search(&kiroku_api::AuditQuery::default())?;
    let audit_page_ms = ms(t);
    let t = Instant::now();
    let narrow = session.audit_search(&kiroku_api::AuditQuery {
        user: Some("bench".into()),
        kind: Some("user".into()),
        from: Some("2000-01-01".into()),
        to: Some("2999-12-31".into()),
        limit: None,
    })?;
    let audit_filtered_ms = ms(t);

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
        audit_page_rows: page.rows.len(),
        audit_page_ms,
        audit_filtered_rows: narrow.total,
        audit_filtered_ms,
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
             監査ログ, first page: {:>10.1} ms   ({} rows in words)\n\
             監査ログ, filtered:   {:>10.1} ms   ({} rows of the whole chain)\n\
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
            f.audit_page_ms,
            f.audit_page_rows,
            f.audit_filtered_ms,
            f.audit_filtered_rows,
            f.unlock_large_ms,
            f.backup_ms,
            f.backup_bytes,
            f.vault_bytes
        )
    });
    Ok(())
}

#[derive(Debug, Serialize)]
struct LogFigures {
    events: u64,
    persons: u64,
    generate_s: f64,
    generate_events_per_s: f64,
    batch_events: u64,
    batch_size: u64,
    batch_events_per_s: f64,
    single_events: u64,
    single_events_per_s: f64,
    vault_bytes: u64,
    fiscal_year: String,
    list_fy_rows: usize,
    list_fy_ms_median: f64,
    list_person_rows: usize,
    list_person_ms_median: f64,
    lifecycle_fy_rows: usize,
    lifecycle_fy_ms_median: f64,
    lifecycle_all_rows: usize,
    lifecycle_all_ms_median: f64,
}

/// The median of `times` (the upper one of an even count; 0 for none).
fn median(times: &[f64]) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(0.0)
}

/// Runs `f` `n` times; the median time in ms and the last result.
fn median_ms<T>(n: usize, mut f: impl FnMut() -> Result<T, Failure>) -> Result<(f64, T), Failure> {
    let mut times = Vec::with_capacity(n);
    let mut last = None;
    for _ in 0..n {
        let t = Instant::now();
        last = Some(f()?);
        times.push(ms(t));
    }
    let value = last.ok_or_else(|| Failure::Usage("測定の回数が 0 です。".into()))?;
    Ok((median(&times), value))
}

/// The handling log at scale: a demo office of `events` events over `persons` staff, its
/// insert rates, and the list and the 取扱記録表 over it (each read includes its audit row).
pub fn log(json: bool, events: u64, persons: u32, dir: Option<&Path>) -> Result<(), Failure> {
    let scratch = Scratch::new(dir)?;
    let (dir, env) = (scratch.dir(), production_env());
    let vault = dir.join("bench-log.kiroku");
    let password = "bench-password-1";
    let t = Instant::now();
    let report = kiroku_demo::generate(
        &env,
        &kiroku_demo::DemoRequest {
            vault: vault.clone(),
            password: Zeroizing::new(password.into()),
            seed: 1,
            events,
            persons,
        },
    )?;
    let generate_s = t.elapsed().as_secs_f64();
    let (mut s, _) = kiroku_api::login(&env, &vault, &report.officer, password)?;

    // Inserts on top: batches of the whole staff, then one event per transaction.
    let staff: Vec<i64> = s
        .list_persons()?
        .into_iter()
        .filter(|p| p.kind == "staff" && p.left_on.is_none())
        .map(|p| p.id)
        .collect();
    let today = report.last_day;
    let new = |persons: Vec<i64>| kiroku_api::NewEvent {
        kind: "output".into(),
        date: today.to_string(),
        affair: "1".into(),
        persons,
        fields: kiroku_api::EventFields {
            content: Some("測定用の一覧".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let t = Instant::now();
    let mut batch_events = 0;
    for _ in 0..5 {
        batch_events += s.add_events(&new(staff.clone()))?.len() as u64;
    }
    let batch_events_per_s = batch_events as f64 / t.elapsed().as_secs_f64().max(1e-9);
    let single_events = 200u64.min(staff.len() as u64);
    let t = Instant::now();
    for p in staff.iter().take(single_events as usize) {
        s.add_events(&new(vec![*p]))?;
    }
    let single_events_per_s = single_events as f64 / t.elapsed().as_secs_f64().max(1e-9);

    // The last complete fiscal year.
    let fy = kiroku_core::fiscal_year::FiscalYear::containing(today).0 - 1;
    let by_fy = kiroku_api::EventQuery {
        fy: Some(fy.to_string()),
        ..Default::default()
    };
    let (list_fy_ms_median, list) = median_ms(7, || Ok(s.chronological(&by_fy)?))?;
    let by_person = kiroku_api::EventQuery {
        person: staff.first().copied(),
        ..Default::default()
    };
    let (list_person_ms_median, person_list) = median_ms(7, || Ok(s.chronological(&by_person)?))?;
    let (lifecycle_fy_ms_median, lifecycle) = median_ms(7, || Ok(s.lifecycle(&by_fy)?))?;
    let all = kiroku_api::EventQuery::default();
    let (lifecycle_all_ms_median, lifecycle_all) = median_ms(3, || Ok(s.lifecycle(&all)?))?;
    s.logout()?;

    let figures = LogFigures {
        events: report.events,
        persons: report.persons,
        generate_s: (generate_s * 10.0).round() / 10.0,
        generate_events_per_s: (report.events as f64 / generate_s).round(),
        batch_events,
        batch_size: staff.len() as u64,
        batch_events_per_s: batch_events_per_s.round(),
        single_events,
        single_events_per_s: single_events_per_s.round(),
        vault_bytes: std::fs::metadata(&vault).map(|m| m.len()).unwrap_or(0),
        fiscal_year: kiroku_core::fiscal_year::FiscalYear(fy).label(),
        list_fy_rows: list.len(),
        list_fy_ms_median,
        list_person_rows: person_list.len(),
        list_person_ms_median,
        lifecycle_fy_rows: lifecycle.len(),
        lifecycle_fy_ms_median,
        lifecycle_all_rows: lifecycle_all.len(),
        lifecycle_all_ms_median,
    };
    emit(json, &figures, |f| {
        format!(
            "demo office:            {} events, {} persons ({} bytes), generated in {:.1} s ({:.0} events/s)\n\
             insert, batch of {}:   {:>8.0} events/s ({} events, one transaction per batch)\n\
             insert, 1 per tx:       {:>8.0} events/s ({} events)\n\
             event list --fy {}: {:>8.1} ms   ({} rows, median of 7)\n\
             event list --person:    {:>8.1} ms   ({} rows)\n\
             view lifecycle --fy:    {:>8.1} ms   ({} rows)\n\
             view lifecycle (all):   {:>8.1} ms   ({} rows, median of 3)",
            f.events,
            f.persons,
            f.vault_bytes,
            f.generate_s,
            f.generate_events_per_s,
            f.batch_size,
            f.batch_events_per_s,
            f.batch_events,
            f.single_events_per_s,
            f.single_events,
            f.fiscal_year,
            f.list_fy_ms_median,
            f.list_fy_rows,
            f.list_person_ms_median,
            f.list_person_rows,
            f.lifecycle_fy_ms_median,
            f.lifecycle_fy_rows,
            f.lifecycle_all_ms_median,
            f.lifecycle_all_rows
        )
    });
    Ok(())
}

#[derive(Debug, Serialize)]
struct RetentionFigures {
    documents: u32,
    insert_ms: f64,
    vault_bytes: u64,
    schedule_ms_median: f64,
    overdue: usize,
    due: usize,
    upcoming: usize,
    headline: String,
}

/// The disposal schedule over `count` documents (each read includes its audit row).
pub fn retention(json: bool, count: u32, years: u32, dir: Option<&Path>) -> Result<(), Failure> {
    let scratch = Scratch::new(dir)?;
    let (dir, env) = (scratch.dir(), production_env());
    let vault = dir.join("bench-retention.kiroku");
    let password = "bench-password-1";
    init_bench_vault(&env, &vault, password)?;
    let (mut s, _) = kiroku_api::login(&env, &vault, "bench", password)?;
    let file = s
        .add_ledger_entry(&kiroku_api::NewLedgerEntry {
            name: "測定用の台帳".into(),
            scope: "職員の個人番号".into(),
            dept: "総務課".into(),
            owner: "bench".into(),
            handlers: vec!["bench".into()],
            purpose: "測定".into(),
            retention: "規程による".into(),
            disposal: "shred".into(),
            location: "書庫".into(),
            electronic: false,
        })?
        .no;
    let person = s
        .add_person(&kiroku_api::NewPerson {
            kind: "staff".into(),
            name: "測定 花子".into(),
            dept: None,
            employer: None,
            kana: None,
        })?
        .id;
    let t = Instant::now();
    s.add_bench_documents(file, person, count, years.saturating_mul(365))?;
    let insert_ms = ms(t);
    let (schedule_ms_median, plan) = median_ms(7, || Ok(s.schedule(None)?))?;
    s.logout()?;
    let figures = RetentionFigures {
        documents: count,
        insert_ms,
        vault_bytes: std::fs::metadata(&vault).map(|m| m.len()).unwrap_or(0),
        schedule_ms_median,
        overdue: plan.overdue.len(),
        due: plan.due.len(),
        upcoming: plan.upcoming.len(),
        headline: plan.headline,
    };
    emit(json, &figures, |f| {
        format!(
            "documents:          {} ({} bytes), inserted in {:.0} ms (one transaction)\n\
             schedule (this 年度): {:>8.1} ms median of 7 — {} (overdue {}, due {}, upcoming {})",
            f.documents,
            f.vault_bytes,
            f.insert_ms,
            f.schedule_ms_median,
            f.headline,
            f.overdue,
            f.due,
            f.upcoming
        )
    });
    Ok(())
}

#[derive(Serialize)]
struct PrintFigures {
    form: String,
    rows: u32,
    pages: u32,
    bytes: u64,
    runs: usize,
    print_ms_median: f64,
    /// Resident memory before the first print (after unlocking), MB.
    rss_before_mb: f64,
    /// Peak resident memory while printing (the KDF's peak at login excluded), MB.
    peak_while_printing_mb: f64,
}

/// A `/proc/self/status` figure in MB (Linux), 0 elsewhere.
pub(crate) fn proc_status_mb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Printing at scale, in process: the login's key derivation (which briefly takes 128 MiB)
/// is outside the figures; the peak is reset (`clear_refs` 5) before the first print.
pub fn print(
    json: bool,
    session: &mut Session,
    form: &str,
    runs: usize,
    out: &Path,
) -> Result<(), Failure> {
    let req = kiroku_api::PrintRequest {
        form: form.to_owned(),
        out: out.display().to_string(),
        ..kiroku_api::PrintRequest::default()
    };
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let rss_before_mb = proc_status_mb("VmRSS:");
    let (ms, report) = median_ms(runs, || Ok(session.print(&req)?))?;
    let figures = PrintFigures {
        form: report.form,
        rows: report.rows,
        pages: report.pages,
        bytes: report.bytes,
        runs,
        print_ms_median: ms,
        rss_before_mb,
        peak_while_printing_mb: proc_status_mb("VmHWM:"),
    };
    emit(json, &figures, |f| {
        format!(
            "{}: {}行 {}ページ {:.0} KB — 印刷 {:.0} ms（{}回の中央値）、メモリ {:.0} MB → 最大 {:.0} MB",
            f.form,
            f.rows,
            f.pages,
            f.bytes as f64 / 1024.0,
            f.print_ms_median,
            f.runs,
            f.rss_before_mb,
            f.peak_while_printing_mb
        )
    });
    Ok(())
}

#[derive(Serialize)]
struct OpenFigures {
    vault_bytes: u64,
    runs: usize,
    /// Login: the key slot's Argon2id, then every page checked before the first write.
    login_ms_median: f64,
    login_ms_all: Vec<f64>,
    dashboard_ms_median: f64,
    this_year_rows: usize,
    this_year_ms_median: f64,
    /// Resident memory after the last login, and after its dashboard and year's log, MB.
    rss_after_login_mb: f64,
    rss_after_reads_mb: f64,
}

/// Opening an existing vault as the app does after the password: login, the dashboard, and
/// this 年度's log (each read includes its audit row). Medians of `runs` logins.
pub fn open(
    json: bool,
    runs: usize,
    mut login: impl FnMut() -> Result<Session, Failure>,
) -> Result<(), Failure> {
    let (mut logins, mut dashboards, mut years) = (Vec::new(), Vec::new(), Vec::new());
    let mut vault_bytes = 0;
    let mut this_year_rows = 0;
    let (mut rss_after_login_mb, mut rss_after_reads_mb) = (0.0, 0.0);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let mut s = login()?;
        logins.push(ms(t));
        rss_after_login_mb = proc_status_mb("VmRSS:");
        vault_bytes = std::fs::metadata(s.vault_path()).map_or(0, |m| m.len());
        let t = Instant::now();
        s.dashboard()?;
        dashboards.push(ms(t));
        let fy = s.today_view()?.fy;
        let t = Instant::now();
        this_year_rows = s
            .chronological(&kiroku_api::EventQuery {
                fy: Some(fy),
                ..kiroku_api::EventQuery::default()
            })?
            .len();
        years.push(ms(t));
        rss_after_reads_mb = proc_status_mb("VmRSS:");
        s.logout()?;
    }
    let figures = OpenFigures {
        vault_bytes,
        runs: logins.len(),
        login_ms_median: median(&logins),
        login_ms_all: logins.clone(),
        dashboard_ms_median: median(&dashboards),
        this_year_rows,
        this_year_ms_median: median(&years),
        rss_after_login_mb,
        rss_after_reads_mb,
    };
    emit(json, &figures, |f| {
        format!(
            "{:.1} MB の記録ファイル: ログイン {:.0} ms、ダッシュボード {:.0} ms、今年度の取扱記録 {}件 {:.0} ms（{}回の中央値）",
            f.vault_bytes as f64 / 1e6,
            f.login_ms_median,
            f.dashboard_ms_median,
            f.this_year_rows,
            f.this_year_ms_median,
            f.runs
        )
    });
    Ok(())
}
