//! `kiroku contractor …`: 委託先 and 再委託先, their contract clauses, and what falls due.

use clap::{Args, Subcommand};
use kiroku_api::{ContractorView, DueItem, NewContractor};
use kiroku_core::wareki;

use crate::global::Global;
use crate::input::{number, yes_no};
use crate::output::{emit, notice_undrawable, table, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum ContractorCommand {
    /// 委託先（--parent を付けると再委託先）を登録する。
    Add(ContractorAddArgs),
    /// 委託先の一覧（無効化したものを含む）。
    List,
    /// 委託先の詳細と契約条項のチェックリスト。
    Show { id: String },
    /// 委託先の情報を変更する（プライバシーマークの更新、業務責任者の交代、漏えい事故の有無など）。空の値 "" で消す。
    Update(ContractorUpdateArgs),
    /// 契約条項。
    #[command(subcommand)]
    Clause(ClauseCommand),
    /// 委託先を無効化する（事務取扱責任者のみ。記録は残る）。
    Disable { id: String },
    /// 再評価・プライバシーマーク期限・改善の確認・廃棄証明書待ちなど、期限が近いもの。
    Due {
        /// 何日先までを表示するか。
        #[arg(long, default_value_t = 60)]
        within: u32,
    },
}

#[derive(Debug, Args)]
pub struct ContractorAddArgs {
    /// 委託先名称。
    #[arg(long)]
    pub name: String,
    /// 委託パターン: I（取扱いの委託） | II（クラウド事業者） | III（IDC・ISP・倉庫会社など） | IV（警備会社・清掃会社など）
    #[arg(long)]
    pub pattern: String,
    #[command(flatten)]
    pub details: ContractorDetailsArgs,
    /// 再委託元の委託先（ID または名称）。
    #[arg(long)]
    pub parent: Option<String>,
    /// 再委託の許諾日。
    #[arg(long)]
    pub approved: Option<String>,
    /// 扱う特定個人情報ファイル（台帳の NO.、カンマ区切り）。
    #[arg(long, value_delimiter = ',')]
    pub files: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ContractorUpdateArgs {
    pub id: String,
    /// 委託先名称。
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub details: ContractorDetailsArgs,
}

/// A contractor's details, the same when adding and when updating (an empty text clears one).
#[derive(Debug, Args)]
pub struct ContractorDetailsArgs {
    /// 委託先の部門名。
    #[arg(long)]
    pub dept: Option<String>,
    /// 委託先の業務責任者。
    #[arg(long)]
    pub manager: Option<String>,
    /// 業務委託内容。
    #[arg(long)]
    pub work: Option<String>,
    /// 預託個人情報。
    #[arg(long)]
    pub data: Option<String>,
    /// プライバシーマーク登録番号。
    #[arg(long)]
    pub pmark: Option<String>,
    /// プライバシーマーク有効期限。
    #[arg(long)]
    pub pmark_expiry: Option<String>,
    /// 過去2年間の漏えい事故: yes | no
    #[arg(long = "leak-2y")]
    pub leak_2y: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ClauseCommand {
    /// 契約条項を契約書で確認したことを記録する（CLAUSE は contractor show の ID、例: 002-4-1）。
    Set {
        id: String,
        clause: String,
        /// 契約書の名称。
        #[arg(long)]
        contract: String,
        /// 契約日。
        #[arg(long)]
        date: String,
    },
}

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

pub fn run(cli: &Global, cmd: &ContractorCommand) -> Result<(), Failure> {
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
