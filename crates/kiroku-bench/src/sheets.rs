//! Spreadsheet measurements: exporting a big log (xlsx, CSV) and importing a big staff list
//! (xlsx, with the preview), each with its time and peak memory.

use std::path::Path;
use std::time::Instant;

use kiroku_api::{ExportRequest, ImportRequest, Session};
use kiroku_cli::output::{emit, Failure};
use serde::Serialize;

use crate::measure::{init_bench_vault, proc_status_mb, production_env, Scratch};

/// Resets the peak-memory mark (Linux); the figures after it are this step's.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

#[derive(Serialize)]
struct ExportFigures {
    list: String,
    format: String,
    rows: u32,
    bytes: u64,
    export_ms: f64,
    /// The same list's view alone (what the screen shows), for how much of the export is
    /// the writing.
    view_ms: f64,
    rss_before_mb: f64,
    peak_mb: f64,
}

/// Exports `list` in `format` from the logged-in vault (the whole log, no period).
pub fn export(
    json: bool,
    s: &mut Session,
    list: &str,
    format: &str,
    out: &Path,
) -> Result<(), Failure> {
    let req = ExportRequest {
        audit: None,
        list: list.to_owned(),
        format: format.to_owned(),
        out: out.display().to_string(),
        ..ExportRequest::default()
    };
    let t = Instant::now();
    if list == "chronological" {
        s.chronological(&kiroku_api::EventQuery::default())?;
    }
    let view_ms = t.elapsed().as_secs_f64() * 1000.0;
    reset_peak();
    let rss_before_mb = proc_status_mb("VmRSS:");
    let t = Instant::now();
    let report = s.export(&req)?;
    let figures = ExportFigures {
        list: report.list,
        format: report.format,
        rows: report.rows,
        bytes: report.bytes,
        export_ms: t.elapsed().as_secs_f64() * 1000.0,
        view_ms,
        rss_before_mb,
        peak_mb: proc_status_mb("VmHWM:"),
    };
    emit(json, &figures, |f| {
        format!(
            "{} {}: {}行 {:.1} MB — {:.0} ms（うち一覧の表示 {:.0} ms）、メモリ {:.0} MB → 最大 {:.0} MB",
            f.list,
            f.format,
            f.rows,
            f.bytes as f64 / 1_048_576.0,
            f.export_ms,
            f.view_ms,
            f.rss_before_mb,
            f.peak_mb
        )
    });
    Ok(())
}

#[derive(Serialize)]
struct ImportFigures {
    rows: usize,
    file_bytes: u64,
    preview_ms: f64,
    import_ms: f64,
    added: u32,
    peak_mb: f64,
}

/// A staff list of `rows` people (社員番号, 所属, 氏名, フリガナ, 生年月日 as 和暦 text, 入社日 as a
/// date cell) written as xlsx, then previewed and imported into a new vault.
pub fn import_staff(json: bool, rows: usize, dir: Option<&Path>) -> Result<(), Failure> {
    let scratch = Scratch::new(dir)?;
    let (dir, env) = (scratch.dir(), production_env());
    let vault = dir.join("bench-import.kiroku");
    let password = "bench-password-1";
    init_bench_vault(&env, &vault, password)?;
    let file = dir.join("staff.xlsx");
    write_staff(&file, rows)?;
    let (mut s, _) = kiroku_api::login(&env, &vault, "bench", password)?;
    let req = ImportRequest {
        kind: "persons".into(),
        from: file.display().to_string(),
        on_match: "skip".into(),
        ..ImportRequest::default()
    };
    reset_peak();
    let t = Instant::now();
    let preview = s.import_preview(&req)?;
    let preview_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let report = s.import(&req)?;
    let import_ms = t.elapsed().as_secs_f64() * 1000.0;
    let figures = ImportFigures {
        rows,
        file_bytes: std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0),
        preview_ms,
        import_ms,
        added: report.added,
        peak_mb: proc_status_mb("VmHWM:"),
    };
    if preview.add.len() != rows {
        return Err(Failure::Usage(format!(
            "取り込みの確認で {} 行のはずが {} 行でした",
            rows,
            preview.add.len()
        )));
    }
    emit(json, &figures, |f| {
        format!(
            "職員名簿 {}行（{:.1} MB の xlsx）: 確認 {:.0} ms、取り込み {:.0} ms（確認を含めて {:.0} ms）、追加 {}人、最大メモリ {:.0} MB",
            f.rows,
            f.file_bytes as f64 / 1_048_576.0,
            f.preview_ms,
            f.import_ms,
            f.preview_ms + f.import_ms,
            f.added,
            f.peak_mb
        )
    });
    Ok(())
}

fn write_staff(path: &Path, rows: usize) -> Result<(), Failure> {
    let fail = |e: rust_xlsxwriter::XlsxError| Failure::Usage(format!("xlsx を作れません: {e}"));
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy/mm/dd");
    for (c, h) in ["社員番号", "所属", "氏名", "フリガナ", "生年月日", "入社日"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).map_err(fail)?;
    }
    const DEPTS: [&str; 5] = ["総務課", "業務課", "会計課", "施設課", "企画課"];
    for i in 0..rows {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let year = 1960 + (i % 40);
        sheet
            .write_string(r, 0, format!("{:06}", 100_000 + i))
            .map_err(fail)?;
        sheet
            .write_string(r, 1, DEPTS[i % DEPTS.len()])
            .map_err(fail)?;
        sheet
            .write_string(r, 2, format!("職員 {i:05}"))
            .map_err(fail)?;
        sheet.write_string(r, 3, "ショクイン").map_err(fail)?;
        sheet
            .write_string(r, 4, format!("{year}年{}月{}日", 1 + i % 12, 1 + i % 28))
            .map_err(fail)?;
        let joined =
            rust_xlsxwriter::ExcelDateTime::from_ymd(2000 + (i % 25) as u16, 4, 1).map_err(fail)?;
        sheet
            .write_datetime_with_format(r, 5, &joined, &date)
            .map_err(fail)?;
    }
    book.save(path).map_err(fail)
}
