//! `kiroku eval …`: the 委託先評価シート (別紙3).

use clap::Subcommand;
use kiroku_api::EvaluationView;
use kiroku_core::wareki;

use crate::global::Global;
use crate::input::number;
use crate::output::{emit, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// 委託先評価シート（別紙3）を新しく作る。
    New {
        #[arg(long)]
        contractor: String,
        /// 再評価（指定しなければ新規）。
        #[arg(long)]
        re: bool,
        /// 作成年月日（既定: 今日）。
        #[arg(long)]
        date: Option<String>,
    },
    /// 判定を入力する: 項目=判定（A, B, C, —）をカンマ区切りで。B には --improve 項目=改善措置等。
    Set {
        id: String,
        /// 例: 1=A,2=A,3=B
        #[arg(value_delimiter = ',')]
        judgments: Vec<String>,
        /// 例: --improve 3=手順書を今年度中に整備
        #[arg(long)]
        improve: Vec<String>,
    },
    /// 評価を確定する（事務取扱責任者のみ。未判定の項目があると確定できない）。
    Finalize { id: String },
    /// 評価シートの内容、判定、理由、未入力の項目。
    Show { id: String },
    /// 委託先の評価の一覧。
    List {
        #[arg(long)]
        contractor: String,
    },
    /// B（改善が必要）の項目の改善が実施されたことを記録する。
    Confirm {
        id: String,
        item: String,
        /// 確認日（既定: 今日）。
        #[arg(long)]
        date: Option<String>,
    },
}

fn evaluation_detail(e: &EvaluationView) -> String {
    let mut text = format!(
        "評価 ID {}  {}（{}）  作成年月日 {}  委託パターン{}{}\n  最終判定: {}",
        e.id,
        e.contractor.name,
        if e.re_evaluation {
            "再評価"
        } else {
            "新規"
        },
        e.made_on_label,
        e.pattern,
        if e.finalized {
            "  【確定】"
        } else {
            "  【下書き】"
        },
        e.decision_label
    );
    for r in &e.reasons {
        text.push_str(&format!("\n    ・{}", r.text));
    }
    if !e.missing.is_empty() {
        let list: Vec<String> = e.missing.iter().map(|n| format!("No.{n}")).collect();
        text.push_str(&format!("\n  未判定: {}", list.join("、")));
    }
    if e.shortcut {
        text.push_str(
            "\n  選定基準(1): プライバシーマーク付与事業者・過去2年間の漏えい事故なし（○）",
        );
    }
    let items = e
        .items
        .iter()
        .filter(|i| !e.shortcut && (i.applies || i.judgment.is_some()));
    for i in items {
        text.push_str(&format!(
            "\n  {:>2}. [{}] {}{}{}",
            i.no,
            i.judgment.as_deref().unwrap_or(" "),
            i.text,
            i.improvement
                .as_ref()
                .map(|t| format!(" — 改善措置等: {t}"))
                .unwrap_or_default(),
            i.improvement_confirmed_on
                .map(|d| format!("（{} 確認済）", wareki::format(d)))
                .unwrap_or_default()
        ));
    }
    text
}

/// `ITEM=VALUE` pairs.
fn pairs(field: &'static str, values: &[String]) -> Result<Vec<(String, String)>, Failure> {
    values
        .iter()
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            let (k, val) = v.split_once(['=', '＝']).ok_or_else(|| {
                Failure::Api(kiroku_api::ApiError::Invalid(kiroku_core::FieldError::new(
                    field,
                    "「項目=値」の形で入力してください（例: 3=B）。",
                )))
            })?;
            Ok((k.trim().to_owned(), val.trim().to_owned()))
        })
        .collect()
}

pub fn run(cli: &Global, cmd: &EvalCommand) -> Result<(), Failure> {
    let e = match cmd {
        EvalCommand::New {
            contractor,
            re,
            date,
        } => {
            let id = number("委託先", contractor)?;
            with_session(cli, |s| Ok(s.new_evaluation(id, *re, date.as_deref())?))?
        }
        EvalCommand::Set {
            id,
            judgments,
            improve,
        } => {
            let id = number("評価ID", id)?;
            let judgments = pairs("判定", judgments)?;
            let improve = pairs("改善措置等", improve)?;
            with_session(cli, |s| Ok(s.set_judgments(id, &judgments, &improve)?))?
        }
        EvalCommand::Finalize { id } => {
            let id = number("評価ID", id)?;
            with_session(cli, |s| Ok(s.finalize_evaluation(id)?))?
        }
        EvalCommand::Show { id } => {
            let id = number("評価ID", id)?;
            with_session(cli, |s| Ok(s.evaluation(id)?))?
        }
        EvalCommand::Confirm { id, item, date } => {
            let id = number("評価ID", id)?;
            with_session(cli, |s| {
                Ok(s.confirm_improvement(id, item, date.as_deref())?)
            })?
        }
        EvalCommand::List { contractor } => {
            let id = number("委託先", contractor)?;
            let list = with_session(cli, |s| Ok(s.evaluations_of(id)?))?;
            emit(cli.json, &list, |l| {
                l.iter()
                    .map(evaluation_detail)
                    .collect::<Vec<_>>()
                    .join("\n\n")
            });
            return Ok(());
        }
    };
    emit(cli.json, &e, evaluation_detail);
    Ok(())
}
