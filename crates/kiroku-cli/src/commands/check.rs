//! `kiroku check …`: 取扱状況の点検（監査） — a check per 年度 or 臨時, its items (A1–A14 from
//! the vault, M1–M10 by hand), improvement actions, the four sign-offs and addenda.

use clap::Subcommand;
use kiroku_api::{
    CheckActionRequest, CheckAnswerRequest, CheckSignRequest, CheckSummary, CheckView,
    NewCheckRequest,
};

use crate::global::Global;
use crate::input::number;
use crate::output::{emit, table, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum CheckCommand {
    /// 点検を始める（既定は今年度。--adhoc で臨時の点検）。
    New {
        /// 年度（2026、令和8年度）。
        #[arg(long)]
        fy: Option<String>,
        #[arg(long)]
        adhoc: bool,
    },
    /// 点検の一覧（新しい順）。
    List,
    /// 点検の内容（--json で items[{id, auto, result, figure, findings}]）。
    Show { id: String },
    /// 項目に回答する: ITEM=適|不適|該当なし（例: M1=適）。
    Answer {
        id: String,
        /// 項目と結果（例: A3=不適）。
        answer: String,
        /// 所見。
        #[arg(long)]
        note: Option<String>,
    },
    /// 改善措置: add（追加）| done（完了）。
    #[command(subcommand)]
    Action(ActionCommand),
    /// 署名する: --as creator（作成）| officer（確認、以後は変更不可）| auditor（監査意見、--opinion）| head（決裁、--name）。
    Sign {
        id: String,
        #[arg(long = "as")]
        step: String,
        /// 監査意見（auditor）。
        #[arg(long)]
        opinion: Option<String>,
        /// 決裁者の氏名（head、事務取扱責任者が入力）。
        #[arg(long)]
        name: Option<String>,
    },
    /// 確認後の追記。
    Addendum {
        id: String,
        #[arg(long)]
        text: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// 改善措置を追加する（内容、担当、期限）。
    Add {
        id: String,
        #[arg(long)]
        what: String,
        #[arg(long)]
        owner: String,
        /// 期限（和暦・西暦）。
        #[arg(long)]
        due: String,
    },
    /// 改善措置の完了を記録する（--on 省略時は今日）。
    Done {
        action: String,
        #[arg(long)]
        on: Option<String>,
    },
}

fn summary_rows(list: &[CheckSummary]) -> String {
    if list.is_empty() {
        return "点検はまだありません。kiroku check new で始めてください。".into();
    }
    table(
        &["ID", "点検", "作成日", "状況"],
        &list
            .iter()
            .map(|c| {
                vec![
                    c.id.to_string(),
                    c.title.clone(),
                    c.created_label.clone(),
                    c.status_label.clone(),
                ]
            })
            .collect::<Vec<_>>(),
    )
}

fn details(v: &CheckView) -> String {
    let mut out = vec![
        format!("{}（点検 ID {}）", v.title, v.id),
        format!(
            "期間: {}　{}時点{}",
            v.period_label,
            v.as_of_label,
            if v.frozen { "（確認済み）" } else { "" }
        ),
        String::new(),
    ];
    for i in &v.items {
        out.push(format!(
            "{:<4}{}【{}{}】",
            i.id,
            i.title,
            i.result.as_deref().unwrap_or("未回答"),
            if i.auto && !i.answered && i.result.is_some() {
                "（自動）"
            } else {
                ""
            }
        ));
        if let Some(f) = &i.figure {
            out.push(format!("    {f}"));
        }
        for f in &i.findings {
            out.push(format!("    ・{}（{}）", f.text, f.target));
        }
        if let Some(n) = &i.note {
            out.push(format!("    所見: {n}"));
        }
    }
    let actions = |title: &str, list: &[kiroku_api::ActionView], out: &mut Vec<String>| {
        if list.is_empty() {
            return;
        }
        out.push(String::new());
        out.push(title.to_owned());
        for a in list {
            out.push(format!(
                "  [{}] {}（担当 {}、期限 {}）{}",
                a.id,
                a.what,
                a.owner,
                a.due_label,
                match (&a.done_label, a.overdue) {
                    (Some(d), _) => format!(" 完了 {d}"),
                    (None, true) => " 【期限超過】".to_owned(),
                    (None, false) => String::new(),
                }
            ));
        }
    };
    actions("改善措置", &v.actions, &mut out);
    actions("前回からの繰越", &v.carried, &mut out);
    out.push(String::new());
    for s in &v.signoffs {
        out.push(format!(
            "{}: {}（{}）{}",
            s.step_label,
            s.name,
            s.on_label,
            s.opinion
                .as_deref()
                .map(|o| format!(" {o}"))
                .unwrap_or_default()
        ));
    }
    for a in &v.addenda {
        out.push(format!("追記（{}、{}）: {}", a.on_label, a.by, a.text));
    }
    if let Some(h) = &v.head_hash {
        out.push(format!("監査ログの先頭ハッシュ: {h}"));
    }
    out.join("\n")
}

pub fn run(cli: &Global, cmd: &CheckCommand) -> Result<(), Failure> {
    match cmd {
        CheckCommand::New { fy, adhoc } => {
            let req = NewCheckRequest {
                fy: fy.clone(),
                adhoc: *adhoc,
            };
            let v = with_session(cli, |s| Ok(s.new_check(&req)?))?;
            emit(cli.json, &v, |v| {
                format!(
                    "{}を作成しました（点検 ID {}）。kiroku check show {} で内容を確認してください。",
                    v.title, v.id, v.id
                )
            });
        }
        CheckCommand::List => {
            let list = with_session(cli, |s| Ok(s.list_checks()?))?;
            emit(cli.json, &list, |l| summary_rows(l));
        }
        CheckCommand::Show { id } => {
            let id = number("点検", id)?;
            let v = with_session(cli, |s| Ok(s.check(id)?))?;
            emit(cli.json, &v, details);
        }
        CheckCommand::Answer { id, answer, note } => {
            let id = number("点検", id)?;
            let (item, result) = answer.split_once(['=', '＝']).ok_or_else(|| {
                crate::input::invalid(
                    "回答",
                    "「項目=結果」の形で指定してください（例: M1=適、A3=不適）。",
                )
            })?;
            let req = CheckAnswerRequest {
                id,
                item: item.trim().to_owned(),
                result: result.trim().to_owned(),
                note: note.clone(),
            };
            let v = with_session(cli, |s| Ok(s.answer_check(&req)?))?;
            emit(cli.json, &v, |_| format!("{} に回答しました。", req.item));
        }
        CheckCommand::Action(ActionCommand::Add {
            id,
            what,
            owner,
            due,
        }) => {
            let req = CheckActionRequest {
                id: number("点検", id)?,
                what: what.clone(),
                owner: owner.clone(),
                due: due.clone(),
            };
            let v = with_session(cli, |s| Ok(s.add_check_action(&req)?))?;
            emit(cli.json, &v, |v| {
                format!(
                    "改善措置を追加しました（ID {}）。",
                    v.actions.last().map(|a| a.id).unwrap_or_default()
                )
            });
        }
        CheckCommand::Action(ActionCommand::Done { action, on }) => {
            let action = number("改善措置", action)?;
            let v = with_session(cli, |s| {
                Ok(s.complete_check_action(action, on.as_deref().unwrap_or(""))?)
            })?;
            emit(cli.json, &v, |_| {
                format!("改善措置 ID {action} の完了を記録しました。")
            });
        }
        CheckCommand::Sign {
            id,
            step,
            opinion,
            name,
        } => {
            let req = CheckSignRequest {
                id: number("点検", id)?,
                step: step.clone(),
                opinion: opinion.clone(),
                name: name.clone(),
            };
            let v = with_session(cli, |s| Ok(s.sign_check(&req)?))?;
            emit(cli.json, &v, |v| {
                let last = v.signoffs.last();
                format!(
                    "{}（{}）を記録しました。{}",
                    last.map(|s| s.step_label.as_str()).unwrap_or(""),
                    last.map(|s| s.name.as_str()).unwrap_or(""),
                    if v.frozen && req.step == "officer" {
                        "報告書は確定し、以後は追記だけができます。"
                    } else {
                        ""
                    }
                )
            });
        }
        CheckCommand::Addendum { id, text } => {
            let id = number("点検", id)?;
            let v = with_session(cli, |s| Ok(s.add_check_addendum(id, text)?))?;
            emit(cli.json, &v, |_| "追記しました。".to_owned());
        }
    }
    Ok(())
}
