//! `kiroku manual`: the 操作マニュアル built from its sources into a PDF (no vault is opened).

use clap::Args;
use std::path::PathBuf;

use crate::global::Global;
use crate::output::{emit, Failure};

#[derive(Debug, Args)]
pub struct ManualArgs {
    /// 原稿のフォルダー（章の NN-*.md、用語集の terms.json。画像はここからの相対パス）。
    #[arg(long, default_value = "docs/manual")]
    pub source: PathBuf,
    /// 書き出す PDF。
    #[arg(long, default_value = "docs/操作マニュアル.pdf")]
    pub out: PathBuf,
}

pub fn run(cli: &Global, a: &ManualArgs) -> Result<(), Failure> {
    let report = kiroku_api::build_manual(&a.source, &a.out)?;
    emit(cli.json, &report, |r| {
        format!(
            "操作マニュアルを作りました: {}（{}ページ、{} KB、{}章、用語 {}）",
            r.out.display(),
            r.pages,
            r.bytes / 1024,
            r.chapters.len(),
            r.terms
        )
    });
    Ok(())
}
