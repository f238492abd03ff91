//! `kiroku contractor …` and `kiroku eval …`.

use kiroku_api::{ContractorView, DueItem, EvaluationView, NewContractor};
use kiroku_core::wareki;

use crate::args::Cli;
use crate::commands::with_session;
use crate::contract_args::{
    ClauseCommand, ContractorAddArgs, ContractorCommand, ContractorDetailsArgs, EvalCommand,
};
use crate::log::{number, yes_no};
use crate::output::{emit, notice_undrawable, table, Failure};

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(wareki::format).unwrap_or_default()
}

fn contractor_rows(list: &[ContractorView]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                match &c.parent {
                    Some(p) => format!("{}（{}の再委託先）", c.name, p.name),
                    None => c.name.clone(),
                },
                c.pattern.clone(),
                c.pmark.as_ref().map_or(String::new(), |p| {
                    format!("{p}（{}まで）", day(c.pmark_expiry))
                }),
                c.last_evaluation.as_ref().map_or("未評価".into(), |e| {
                    format!("{} {}", wareki::format(e.made_on), e.decision_label)
                }),
                day(c.next_evaluation_due),
                c.clauses_missing.to_string(),
                if c.active { "" } else { "無効" }.into(),
            ]
        })
        .collect();
    table(
        &[
            "ID",
            "委託先",
            "パターン",
            "Pマーク",
            "最終評価",
            "再評価期限",
            "未確認の条項",
            "",
        ],
        &rows,
    )
}

fn contractor_text(c: &ContractorView, with_clauses: bool) -> String {
    let opt = |label: &str, v: &Option<String>| {
        v.as_ref()
            .map(|v| format!("\n  {label}: {v}"))
            .unwrap_or_default()
    };
    let mut text = format!(
        "委託先 ID {}  {}{}\n  委託パターン: {}（{}）",
        c.id,
        c.name,
        if c.active { "" } else { "（無効）" },
        c.pattern,
        c.pattern_label
    );
    text.push_str(&opt("部門名", &c.dept));
    text.push_str(&opt("業務責任者", &c.manager));
    text.push_str(&opt("業務委託内容", &c.work));
    text.push_str(&opt("預託個人情報", &c.data));
    if let Some(p) = &c.pmark {
        text.push_str(&format!(
            "\n  プライバシーマーク: {p}（{}まで）",
            day(c.pmark_expiry)
        ));
    }
    text.push_str(&format!(
        "\n  過去2年間の漏えい事故: {}",
        match c.leak_2y {
            Some(true) => "あり",
            Some(false) => "なし",
            None => "未確認",
        }
    ));
    if let Some(p) = &c.parent {
        text.push_str(&format!(
            "\n  再委託元: {}（ID {}）、許諾日: {}",
            p.name,
            p.id,
            day(c.approved_on)
        ));
    }
    for s in &c.subcontractors {
        text.push_str(&format!("\n  再委託先: {}（ID {}）", s.name, s.id));
    }
    if !c.files.is_empty() {
        let files: Vec<String> = c.files.iter().map(|n| format!("NO.{n}")).collect();
        text.push_str(&format!("\n  特定個人情報ファイル: {}", files.join("、")));
    }
    match &c.last_evaluation {
        Some(e) => text.push_str(&format!(
            "\n  最終評価: {}（評価 ID {}）{}、再評価期限 {}",
            wareki::format(e.made_on),
            e.id,
            e.decision_label,
            day(c.next_evaluation_due)
        )),
        None => text.push_str("\n  最終評価: 未評価"),
    }
    if !with_clauses {
        text.push_str(&format!(
            "\n  契約条項: 未確認 {} 件（contractor show {} で一覧）",
            c.clauses_missing, c.id
        ));
    } else if !c.clauses.is_empty() {
        text.push_str(&format!("\n  契約条項（未確認 {} 件）:", c.clauses_missing));
        for k in &c.clauses {
            let mark = match (&k.contract, k.signed_on) {
                (Some(contract), Some(on)) => format!("✓ {contract}（{}）", wareki::format(on)),
                _ => "未確認".into(),
            };
            text.push_str(&format!(
                "\n    [{}] {} {} — {}",
                k.id, k.article, mark, k.text
            ));
        }
    }
    text
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

fn due_rows(items: &[DueItem]) -> String {
    if items.is_empty() {
        return "期限が近いものはありません。".into();
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|d| {
            vec![
                if d.overdue { "期限超過" } else { "" }.into(),
                d.contractor.name.clone(),
                d.kind_label.clone(),
                day(d.due_on),
                d.detail.clone(),
            ]
        })
        .collect();
    table(&["", "委託先", "内容", "期限", "詳細"], &rows)
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

/// The details as the API's changes take them (also what adding one fills in).
fn details(d: &ContractorDetailsArgs) -> Result<kiroku_api::ContractorChanges, Failure> {
    Ok(kiroku_api::ContractorChanges {
        name: None,
        dept: d.dept.clone(),
        manager: d.manager.clone(),
        work: d.work.clone(),
        data: d.data.clone(),
        pmark: d.pmark.clone(),
        pmark_expiry: d.pmark_expiry.clone(),
        leak_2y: d
            .leak_2y
            .as_deref()
            .map(|v| yes_no("過去2年間の漏えい事故", v))
            .transpose()?,
    })
}

fn new_contractor(a: &ContractorAddArgs) -> Result<NewContractor, Failure> {
    let d = details(&a.details)?;
    Ok(NewContractor {
        name: a.name.clone(),
        pattern: a.pattern.clone(),
        dept: d.dept,
        manager: d.manager,
        work: d.work,
        data: d.data,
        pmark: d.pmark,
        pmark_expiry: d.pmark_expiry,
        leak_2y: d.leak_2y,
        parent: a.parent.clone(),
        approved_on: a.approved.clone(),
        files: a
            .files
            .iter()
            .map(|f| number("特定個人情報ファイル", f))
            .collect::<Result<_, _>>()?,
    })
}

pub fn contractor(cli: &Cli, cmd: &ContractorCommand) -> Result<(), Failure> {
    let c = match cmd {
        ContractorCommand::Add(a) => {
            let new = new_contractor(a)?;
            let c = with_session(cli, |s| Ok(s.add_contractor(&new)?))?;
            notice_undrawable("委託先名称", &c.name);
            c
        }
        ContractorCommand::List => {
            let list = with_session(cli, |s| Ok(s.list_contractors()?))?;
            emit(cli.json, &list, |l| contractor_rows(l));
            return Ok(());
        }
        ContractorCommand::Show { id } => {
            let id = number("委託先", id)?;
            with_session(cli, |s| Ok(s.contractor(id)?))?
        }
        ContractorCommand::Clause(ClauseCommand::Set {
            id,
            clause,
            contract,
            date,
        }) => {
            let id = number("委託先", id)?;
            with_session(cli, |s| Ok(s.set_clause(id, clause, contract, date)?))?
        }
        ContractorCommand::Update(a) => {
            let id = number("委託先", &a.id)?;
            let changes = kiroku_api::ContractorChanges {
                name: a.name.clone(),
                ..details(&a.details)?
            };
            with_session(cli, |s| Ok(s.update_contractor(id, &changes)?))?
        }
        ContractorCommand::Disable { id } => {
            let id = number("委託先", id)?;
            with_session(cli, |s| Ok(s.disable_contractor(id)?))?
        }
        ContractorCommand::Due { within } => {
            let due = with_session(cli, |s| Ok(s.contractors_due(*within)?))?;
            emit(cli.json, &due, |d| due_rows(d));
            return Ok(());
        }
    };
    let with_clauses = matches!(
        cmd,
        ContractorCommand::Show { .. } | ContractorCommand::Clause(_)
    );
    emit(cli.json, &c, |c| contractor_text(c, with_clauses));
    Ok(())
}

pub fn eval(cli: &Cli, cmd: &EvalCommand) -> Result<(), Failure> {
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
