//! `kiroku export …`: a list written out for Excel (CSV or xlsx).

use clap::Args;
use kiroku_api::{ExportReport, ExportRequest};
use std::path::PathBuf;

use crate::filters::{period_query, PeriodArgs};
use crate::global::Global;
use crate::output::{emit, Failure};
use crate::session::with_session;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// chronological | lifecycle | ledger | persons | documents | disposal | contractors | evaluations | audit
    pub list: String,
    /// xlsx（Excel）| csv（UTF-8、BOM付き）| csv-sjis（Shift_JIS）。
    #[arg(long, default_value = "xlsx")]
    pub format: String,
    /// 期間（chronological・lifecycle・audit。disposal の年度は既定で今年度）と台帳の NO.。
    #[command(flatten)]
    pub period: PeriodArgs,
    /// 保存先のファイル（同じ名前のファイルは置き換える）。
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(cli: &Global, a: &ExportArgs) -> Result<(), Failure> {
    let req = ExportRequest {
        audit: None,
        list: a.list.clone(),
        format: a.format.clone(),
        query: period_query(&a.period)?,
        out: a.out.display().to_string(),
    };
    let report = with_session(cli, |s| Ok(s.export(&req)?))?;
    emit(cli.json, &report, |r: &ExportReport| {
        format!(
            "{}を書き出しました: {}（{}、{}行、{} KB）",
            r.title,
            r.path,
            r.format,
            r.rows,
            r.bytes.div_ceil(1024)
        )
    });
    Ok(())
}
