//! `kiroku import …`: an office's Excel or CSV list brought in, after a preview.

use clap::Args;
use kiroku_api::{ImportPreview, ImportRequest};
use std::path::PathBuf;

use crate::global::Global;
use crate::output::{emit, Failure};
use crate::session::with_session;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// persons（本人・扶養家族。職員名簿から）| ledger（管理台帳）| events（取扱記録表、002 別紙1 の様式）。
    pub kind: String,
    /// 取り込むファイル（.xlsx、.xls、.csv。CSV の文字コードは自動判定）。
    #[arg(long)]
    pub from: PathBuf,
    /// 保存済みの列の対応の名前（なければ見出しから判定）。
    #[arg(long)]
    pub profile: Option<String>,
    /// 登録済みの人と一致した行を更新する（既定はそのままにする）。
    #[arg(long)]
    pub update: bool,
    /// 取り込まずに、追加・更新・変更なし・取り込めない行を表示するだけにする。
    #[arg(long)]
    pub dry_run: bool,
    /// 使った列の対応をこの名前で保存する（次回 --profile で使う）。
    #[arg(long)]
    pub save_profile: Option<String>,
}

fn preview_text(p: &ImportPreview) -> String {
    let mut out = vec![format!(
        "{}（{}、シート「{}」）",
        p.file_name, p.source, p.sheet
    )];
    out.extend(p.notices.iter().cloned());
    out.push(format!(
        "追加 {}件、更新 {}件、変更なし {}件、取り込めない行 {}件",
        p.add.len(),
        p.update.len(),
        p.skip.len(),
        p.refused
            .iter()
            .map(|r| r.row)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    ));
    for r in &p.update {
        out.push(format!("  更新 {}行目 {}", r.row, r.summary));
    }
    for r in &p.refused {
        out.push(format!(
            "  取り込めない {}行目「{}」: {}",
            r.row, r.field, r.reason
        ));
    }
    out.join("\n")
}

pub fn run(cli: &Global, a: &ImportArgs) -> Result<(), Failure> {
    let req = ImportRequest {
        kind: a.kind.clone(),
        from: a.from.display().to_string(),
        profile: a.profile.clone(),
        mapping: None,
        on_match: if a.update { "update" } else { "skip" }.into(),
        save_profile: a.save_profile.clone(),
    };
    if a.dry_run {
        let preview = with_session(cli, |s| Ok(s.import_preview(&req)?))?;
        emit(cli.json, &preview, preview_text);
    } else {
        let report = with_session(cli, |s| Ok(s.import(&req)?))?;
        emit(cli.json, &report, |r| {
            format!(
                "{}\n取り込みました（取り込み番号 {}）: 追加 {}件、更新 {}件、変更なし {}件",
                preview_text(&r.preview),
                r.batch,
                r.added,
                r.updated,
                r.skipped
            )
        });
    }
    Ok(())
}
