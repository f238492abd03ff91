//! `kiroku print …`: a form printed to an A4 PDF.

use clap::Args;
use kiroku_api::{PrintReport, PrintRequest};
use std::path::PathBuf;

use crate::filters::{period_query, PeriodArgs};
use crate::global::Global;
use crate::input::number;
use crate::output::{emit, Failure};
use crate::session::with_session;

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// lifecycle | chronological | ledger | evaluation | disposal | check（点検結果報告書、--id）
    pub form: String,
    /// 期間（disposal の年度は既定で今年度）と台帳の NO.（そのファイルの綴り用）。
    #[command(flatten)]
    pub period: PeriodArgs,
    /// 評価シートの ID（evaluation）。
    #[arg(long = "eval")]
    pub evaluation: Option<String>,
    /// 点検の ID（check）。
    #[arg(long)]
    pub id: Option<String>,
    /// 保存先の PDF ファイル（同じ名前のファイルは置き換える）。
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(cli: &Global, a: &PrintArgs) -> Result<(), Failure> {
    if a.form.trim() == "check" {
        let id = a.id.as_deref().ok_or_else(|| {
            crate::input::invalid("点検", "印刷する点検の ID を --id で指定してください（kiroku check list で確認できます）。")
        })?;
        let req = kiroku_api::CheckPrintRequest {
            id: number("点検", id)?,
            out: a.out.display().to_string(),
        };
        let report = with_session(cli, |s| Ok(s.print_check(&req)?))?;
        emit(cli.json, &report, printed);
        return Ok(());
    }
    let req = PrintRequest {
        form: a.form.clone(),
        query: period_query(&a.period)?,
        evaluation: a
            .evaluation
            .as_deref()
            .map(|e| number("評価シート", e))
            .transpose()?,
        out: a.out.display().to_string(),
    };
    let report = with_session(cli, |s| Ok(s.print(&req)?))?;
    emit(cli.json, &report, printed);
    Ok(())
}

fn printed(r: &PrintReport) -> String {
    format!(
        "{}を印刷しました: {}（{}ページ、{}行、{} KB）",
        r.title,
        r.path,
        r.pages,
        r.rows,
        r.bytes.div_ceil(1024)
    )
}
