//! `kiroku rule …`, `kiroku doc …`, `kiroku schedule`, `kiroku dispose` and
//! `kiroku certificate …`: 保存期間のルール, the 保存文書 kept under them, and their disposal.

use clap::{Args, Subcommand};
use kiroku_api::{
    CertificateRequest, DisposalRequest, DocumentView, NewDocument, NewRule, RuleChanges, RuleView,
    ScheduleView,
};
use kiroku_core::wareki;

use crate::global::Global;
use crate::input::{number, yes_no};
use crate::output::{emit, table, Failure};
use crate::session::with_session;

#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    /// 保存期間のルールの一覧（組込みのルールと追加したもの）。
    List,
    /// ルールの全ての版。
    Show { id: String },
    /// ルールを追加する（事務取扱責任者のみ）。
    Add(RuleArgs),
    /// ルールを変更する（事務取扱責任者のみ。理由が必要。そのルールの保存文書はすべて再計算される）。
    Edit(RuleEditArgs),
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// 保存文書名。
    #[arg(long)]
    pub name: String,
    /// 起算点: base-date | day-after | after-jan10-next-year | next-fiscal-year
    #[arg(long)]
    pub start: String,
    /// 保存年数。
    #[arg(long)]
    pub years: String,
    /// 根拠（法令や規程の条項）。
    #[arg(long)]
    pub basis: String,
    /// 根拠が法令（指定しなければ規程・規程例）。
    #[arg(long)]
    pub statute: bool,
    /// 既定の廃棄方法（shred など、other:内容）。
    #[arg(long, default_value = "shred")]
    pub disposal: String,
    /// 基準日の説明（例: 完結の日）。
    #[arg(long)]
    pub base_hint: Option<String>,
}

#[derive(Debug, Args)]
pub struct RuleEditArgs {
    pub id: String,
    /// 変更の理由（必須）。
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub start: Option<String>,
    #[arg(long)]
    pub years: Option<String>,
    #[arg(long)]
    pub basis: Option<String>,
    /// 根拠が法令か: yes | no
    #[arg(long)]
    pub statute: Option<String>,
    #[arg(long)]
    pub disposal: Option<String>,
    #[arg(long)]
    pub base_hint: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// 保存文書を登録する（本人1人分か、--batch-count で一式）。
    Add {
        /// 保存文書名（例: 令和6年分 扶養控除等申告書）。
        #[arg(long)]
        name: String,
        /// 特定個人情報ファイル（台帳の NO.）。
        #[arg(long)]
        file: String,
        /// 保存期間のルール（ID または保存文書名）。
        #[arg(long)]
        rule: String,
        /// 基準日（年分、提出日、退職日、失権日、完結の日など）。
        #[arg(long)]
        base_date: String,
        /// 本人の ID。
        #[arg(long)]
        person: Option<String>,
        /// 一式の件数（例: 48）。
        #[arg(long)]
        batch_count: Option<u32>,
    },
    /// 保存文書の一覧。
    List {
        #[arg(long)]
        file: Option<String>,
        /// kept | disposed | deleted | awaiting_certificate
        #[arg(long)]
        state: Option<String>,
    },
    /// 保存文書の詳細（保存期限・廃棄可能日・廃棄期限・年度末の廃棄）。
    Show { id: String },
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// 年度（令和7年度、R7、2025。既定: 今年度）。
    #[arg(long)]
    pub fy: Option<String>,
}

#[derive(Debug, Args)]
pub struct DisposeArgs {
    /// 廃棄・削除する保存文書の ID（カンマ区切り）。
    #[arg(long, value_delimiter = ',')]
    pub doc: Vec<String>,
    /// 方法: shred | dissolve | incinerate | destroy | wipe_software | system_delete | other:内容
    #[arg(long)]
    pub method: String,
    /// 廃棄・削除した日。
    #[arg(long)]
    pub date: String,
    /// 確認者のユーザーID（電子データの削除では必須）。
    #[arg(long)]
    pub witness: Option<String>,
    /// 廃棄を委託した委託先（ID または名称）。
    #[arg(long)]
    pub contractor: Option<String>,
    /// 委託先の廃棄証明書の番号（受領済みのとき）。
    #[arg(long)]
    pub certificate: Option<String>,
    /// 保存期限前に廃棄する理由（事務取扱責任者のみ）。
    #[arg(long)]
    pub early_reason: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CertificateCommand {
    /// 委託先の廃棄・削除証明書を受領したことを記録する。
    Add {
        #[arg(long)]
        contractor: String,
        /// 証明書番号。
        #[arg(long)]
        no: String,
        /// 証明書の日付。
        #[arg(long)]
        date: String,
        /// 対象の保存文書 ID（カンマ区切り）。
        #[arg(long, value_delimiter = ',')]
        doc: Vec<String>,
    },
}

fn rule_rows(rules: &[RuleView]) -> String {
    let rows: Vec<Vec<String>> = rules
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                format!("{}{}", r.name, if r.amended { " ＊変更" } else { "" }),
                r.period.clone(),
                r.basis_kind.clone(),
                r.basis.clone(),
                r.disposal.clone(),
                r.documents.to_string(),
            ]
        })
        .collect();
    table(
        &[
            "ID",
            "保存文書名",
            "保存期間",
            "種別",
            "根拠",
            "廃棄方法",
            "保存文書数",
        ],
        &rows,
    )
}

fn rule_detail(r: &RuleView) -> String {
    let mut text = format!(
        "ルール ID {}（第{}版{}）  {}\n  保存期間: {}（起算点: {}、{}年）\n  根拠: {}（{}）\n  既定の廃棄方法: {}\n  保存文書数: {}",
        r.id,
        r.version,
        if r.built_in { "、組込み" } else { "" },
        r.name,
        r.period,
        r.start_label,
        r.years,
        r.basis,
        r.basis_kind,
        r.disposal,
        r.documents
    );
    if let Some(h) = &r.base_hint {
        text.push_str(&format!("\n  基準日: {h}"));
    }
    if let Some(reason) = &r.reason {
        text.push_str(&format!("\n  変更の理由: {reason}"));
    }
    text
}

fn doc_rows(docs: &[DocumentView]) -> String {
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            vec![
                d.id.to_string(),
                match (&d.person, d.batch_count) {
                    (Some(p), _) => format!("{}（{p}）", d.name),
                    (None, Some(n)) => format!("{} 一式（{n}名）", d.name),
                    (None, None) => d.name.clone(),
                },
                format!("NO.{}", d.file),
                wareki::format(d.retain_until),
                d.batch_fy_label.clone(),
                wareki::format(d.dispose_by),
                d.state_label.clone(),
            ]
        })
        .collect();
    table(
        &[
            "ID",
            "保存文書",
            "台帳",
            "保存期限",
            "廃棄（年度末）",
            "廃棄期限",
            "状態",
        ],
        &rows,
    )
}

fn doc_detail(d: &DocumentView) -> String {
    let mut text = format!(
        "保存文書 ID {}  {}\n  台帳: NO.{} {}\n  ルール: {}（ID {}）\n  基準日: {}\n  保存期限: {}\n  廃棄可能日: {}\n  廃棄期限: {}\n  年度末の廃棄: {}（{}）\n  状態: {}",
        d.id,
        d.name,
        d.file,
        d.file_name,
        d.rule,
        d.rule_id,
        wareki::format(d.base_date),
        wareki::format(d.retain_until),
        wareki::format(d.disposable_from),
        wareki::format(d.dispose_by),
        d.batch_fy_label,
        wareki::format(d.batch_day),
        d.state_label
    );
    if let Some(p) = &d.person {
        text.push_str(&format!("\n  本人: {p}"));
    }
    if let Some(n) = d.batch_count {
        text.push_str(&format!("\n  一式: {n}名"));
    }
    if let Some(x) = &d.disposal {
        text.push_str(&format!(
            "\n  {}: {}（{}、実施 {}{}{}）",
            if x.deleted { "削除" } else { "廃棄" },
            wareki::format(x.disposed_on),
            x.method,
            x.performer,
            x.witness
                .as_ref()
                .map(|w| format!("、確認 {w}"))
                .unwrap_or_default(),
            x.contractor
                .as_ref()
                .map(|c| format!("、委託先 {c}"))
                .unwrap_or_default()
        ));
        if let Some(c) = &x.certificate {
            text.push_str(&format!(
                "\n  証明書: {c}（{}）",
                x.certificate_date.map(wareki::format).unwrap_or_default()
            ));
        }
        if let Some(r) = &x.early_reason {
            text.push_str(&format!("\n  保存期限前の廃棄の理由: {r}"));
        }
    }
    text
}

fn schedule_text(s: &ScheduleView) -> String {
    let mut parts = vec![format!(
        "{}の廃棄予定（年度末 {}）: {}",
        s.fy_label,
        wareki::format(s.batch_day),
        s.headline
    )];
    for (title, list) in [
        ("■ 期限超過（廃棄期限を過ぎて保存中）", &s.overdue),
        ("■ 今年度の廃棄予定", &s.due),
        ("■ 証明書待ち", &s.awaiting_certificate),
        ("■ 来年度の廃棄予定", &s.upcoming),
    ] {
        if !list.is_empty() {
            parts.push(format!("{title} {}件\n{}", list.len(), doc_rows(list)));
        }
    }
    parts.join("\n\n")
}

fn ids(field: &'static str, values: &[String]) -> Result<Vec<i64>, Failure> {
    values.iter().map(|v| number(field, v)).collect()
}

pub fn rule(cli: &Global, cmd: &RuleCommand) -> Result<(), Failure> {
    match cmd {
        RuleCommand::List => {
            let rules = with_session(cli, |s| Ok(s.list_rules()?))?;
            emit(cli.json, &rules, |r| rule_rows(r));
        }
        RuleCommand::Show { id } => {
            let id = number("保存期間のルール", id)?;
            let versions = with_session(cli, |s| Ok(s.rule_history(id)?))?;
            emit(cli.json, &versions, |v| {
                v.iter().map(rule_detail).collect::<Vec<_>>().join("\n\n")
            });
        }
        RuleCommand::Add(a) => {
            let new = NewRule {
                name: a.name.clone(),
                start: a.start.clone(),
                years: a.years.clone(),
                basis: a.basis.clone(),
                statutory: a.statute,
                disposal: a.disposal.clone(),
                base_hint: a.base_hint.clone(),
            };
            let r = with_session(cli, |s| Ok(s.add_rule(&new)?))?;
            emit(cli.json, &r, rule_detail);
        }
        RuleCommand::Edit(a) => {
            let id = number("保存期間のルール", &a.id)?;
            let changes = RuleChanges {
                name: a.name.clone(),
                start: a.start.clone(),
                years: a.years.clone(),
                basis: a.basis.clone(),
                statutory: a
                    .statute
                    .as_deref()
                    .map(|v| yes_no("法令", v))
                    .transpose()?,
                disposal: a.disposal.clone(),
                base_hint: a.base_hint.clone(),
            };
            let reason = a.reason.clone().unwrap_or_default();
            let r = with_session(cli, |s| Ok(s.edit_rule(id, &reason, &changes)?))?;
            emit(cli.json, &r, |r| {
                format!("変更しました。\n{}", rule_detail(r))
            });
        }
    }
    Ok(())
}

pub fn doc(cli: &Global, cmd: &DocCommand) -> Result<(), Failure> {
    match cmd {
        DocCommand::Add {
            name,
            file,
            rule,
            base_date,
            person,
            batch_count,
        } => {
            let new = NewDocument {
                name: name.clone(),
                file: number("特定個人情報ファイル", file)?,
                rule: rule.clone(),
                base_date: base_date.clone(),
                person: person.as_deref().map(|p| number("本人", p)).transpose()?,
                batch_count: *batch_count,
            };
            let d = with_session(cli, |s| Ok(s.add_document(&new)?))?;
            emit(cli.json, &d, doc_detail);
        }
        DocCommand::List { file, state } => {
            let file = file
                .as_deref()
                .map(|f| number("特定個人情報ファイル", f))
                .transpose()?;
            let docs = with_session(cli, |s| Ok(s.list_documents(file, state.as_deref())?))?;
            emit(cli.json, &docs, |d| doc_rows(d));
        }
        DocCommand::Show { id } => {
            let id = number("保存文書", id)?;
            let d = with_session(cli, |s| Ok(s.document(id)?))?;
            emit(cli.json, &d, doc_detail);
        }
    }
    Ok(())
}

pub fn schedule(cli: &Global, ScheduleArgs { fy }: &ScheduleArgs) -> Result<(), Failure> {
    let s = with_session(cli, |s| Ok(s.schedule(fy.as_deref())?))?;
    emit(cli.json, &s, schedule_text);
    Ok(())
}

pub fn dispose(cli: &Global, a: &DisposeArgs) -> Result<(), Failure> {
    let req = DisposalRequest {
        documents: ids("保存文書", &a.doc)?,
        method: a.method.clone(),
        date: a.date.clone(),
        witness: a.witness.clone(),
        contractor: a.contractor.clone(),
        certificate: a.certificate.clone(),
        early_reason: a.early_reason.clone(),
    };
    let docs = with_session(cli, |s| Ok(s.dispose(&req)?))?;
    emit(cli.json, &docs, |d| {
        format!(
            "{} 件を記録しました（取扱記録にも記載）。\n{}",
            d.len(),
            doc_rows(d)
        )
    });
    Ok(())
}

pub fn certificate(cli: &Global, cmd: &CertificateCommand) -> Result<(), Failure> {
    let CertificateCommand::Add {
        contractor,
        no,
        date,
        doc,
    } = cmd;
    let req = CertificateRequest {
        contractor: contractor.clone(),
        number: no.clone(),
        date: date.clone(),
        documents: ids("保存文書", doc)?,
    };
    let docs = with_session(cli, |s| Ok(s.add_certificate(&req)?))?;
    emit(cli.json, &docs, |d| {
        format!("証明書を記録しました（{} 件）。\n{}", d.len(), doc_rows(d))
    });
    Ok(())
}
