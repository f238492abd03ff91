//! `kiroku event …` and `kiroku view …`: the handling records (取扱記録, 別紙1) and their two
//! views, the 取扱記録表 and the 運用状況記録票.
//!
//! IDs and numbers are read as text and checked by `crate::input::number` (the My Number guard
//! first), so that a mistyped 個人番号 is never echoed back by an argument parser.

use clap::{Args, Subcommand};
use kiroku_api::{ChronologicalRow, EventChanges, EventFields, EventView, LifecycleRow, NewEvent};
use std::path::{Path, PathBuf};

use crate::filters::{query, QueryArgs};
use crate::global::Global;
use crate::input::{invalid, number, reason, yes_no};
use crate::output::{emit, local, table, Failure};
use crate::session::with_session;

/// The details of an event; which ones a kind needs is in `kiroku event add --help`.
#[derive(Debug, Args, Default)]
pub struct EventFieldArgs {
    /// 取得元（acquire）: person | agent | employer | jlis | other:内容
    #[arg(long)]
    pub source: Option<String>,
    /// 本人確認方法（acquire: mynumber_card, notification_card, resident_record, preprinted_match, jlis, agent, employer_verified, other:内容）または廃棄・削除の方法（dispose, delete: shred, dissolve, incinerate, destroy, wipe_software, system_delete, other:内容）。「ID:内容」で具体的に書ける（例: mynumber_card:個人番号カードコピー）。
    #[arg(long)]
    pub method: Option<String>,
    /// 提出先（submit: tax_office, hello_work, pension_office, municipality, labour_bureau, kyosai_federation, other。例: tax_office:大分税務署）または持出先（take_out）。
    #[arg(long)]
    pub to: Option<String>,
    /// 提出方法（submit）: e_filing | registered_mail | sealed_hand_carry | information_network | other:内容
    #[arg(long)]
    pub via: Option<String>,
    /// 持出しの安全措置（take_out）、カンマ区切り: seal, tracked_mail, encryption, password, locked_case, other:内容
    #[arg(long, value_delimiter = ',')]
    pub measures: Vec<String>,
    /// 封緘したか（hand_over）: yes | no
    #[arg(long)]
    pub sealed: Option<String>,
    /// 内容: 利用の内容（use）、出力したもの（output）、持出しの目的（take_out）、廃棄・削除したもの（dispose, delete）、求めた内容（refusal）、訂正等の内容（correct）。
    #[arg(long)]
    pub content: Option<String>,
    /// 委託先（dispose を委託したとき、certificate）。
    #[arg(long)]
    pub contractor: Option<String>,
    /// 証明書番号（certificate）。
    #[arg(long)]
    pub certificate_no: Option<String>,
    /// 回答（refusal）。
    #[arg(long)]
    pub answer: Option<String>,
    /// 請求者（correct）。
    #[arg(long)]
    pub requester: Option<String>,
    /// 訂正理由（correct: 本人から求められた訂正等の理由）。
    #[arg(long)]
    pub correction_reason: Option<String>,
    /// 確認者のユーザーID（delete: 削除した担当者とは別の人）。
    #[arg(long)]
    pub witness: Option<String>,
    /// 責任者のユーザーID（correct）。
    #[arg(long)]
    pub officer: Option<String>,
    /// 備考。
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// 取扱いを記録する。--person に複数の ID（カンマ区切り）か --persons-file を渡すと、同じ記録を全員分つける。
    Add(EventAddArgs),
    /// 記録の一覧（現在の版、日付順。訂正されたものに印）。
    List(QueryArgs),
    /// 記録の1件（現在の版）。
    Show { id: String },
    /// 記録を訂正する（新しい版として記録。理由が必要。空の値 "" で項目を消せる）。
    Amend(EventAmendArgs),
    /// 記録の全ての版（訂正の履歴）。
    History { id: String },
    /// 誤登録として取り消す（取消線付きで残り、件数に数えない。理由が必要）。
    Withdraw {
        id: String,
        /// 取消しの理由。
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct EventAddArgs {
    /// 種別: acquire | record | use | output | take_out | submit | hand_over | dispose | delete | certificate | refusal | correct
    #[arg(long)]
    pub kind: String,
    /// 行った日（令和7年12月10日、R7.12.10、2025-12-10 など）。
    #[arg(long)]
    pub date: String,
    /// 関係事務の ID または名称。
    #[arg(long)]
    pub affair: String,
    /// 本人の ID（複数はカンマ区切り）。
    #[arg(long, value_delimiter = ',')]
    pub person: Vec<String>,
    /// 本人の ID を1行に1つ書いたファイル（# で始まる行は無視）。
    #[arg(long)]
    pub persons_file: Option<PathBuf>,
    /// 扶養家族の名前または ID（本人が1人のとき）。
    #[arg(long)]
    pub dependent: Option<String>,
    /// 特定個人情報ファイル（台帳の NO.）。
    #[arg(long)]
    pub file: Option<String>,
    /// 行った担当者のユーザーID（既定: ログインしている利用者）。
    #[arg(long)]
    pub clerk: Option<String>,
    #[command(flatten)]
    pub fields: EventFieldArgs,
    /// 取得した書類を入れる既存の保存文書の ID（acquire）。
    #[arg(long)]
    pub doc: Option<String>,
    /// 取得した書類から保存文書を作る: 保存期間のルール（ID または保存文書名）。本人が複数なら一式になる。
    #[arg(long)]
    pub doc_rule: Option<String>,
    /// 作る保存文書の名称（既定: --content）。
    #[arg(long)]
    pub doc_name: Option<String>,
    /// 作る保存文書の基準日（既定: 取得日。申告書は年分の日付、例: 令和7年1月1日）。
    #[arg(long)]
    pub doc_base_date: Option<String>,
}

#[derive(Debug, Args)]
pub struct EventAmendArgs {
    pub id: String,
    /// 訂正の理由（必須）。
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub affair: Option<String>,
    #[arg(long)]
    pub person: Option<String>,
    #[arg(long)]
    pub dependent: Option<String>,
    #[arg(long)]
    pub file: Option<String>,
    #[arg(long)]
    pub clerk: Option<String>,
    #[command(flatten)]
    pub fields: EventFieldArgs,
}

#[derive(Debug, Subcommand)]
pub enum ViewCommand {
    /// 取扱記録表（別紙1）: 関係事務・本人・扶養家族ごとに1行。
    Lifecycle(QueryArgs),
    /// 運用状況記録票（別紙1）: 記録ごとに1行、日付順。
    Chronological(QueryArgs),
}

/// Person IDs from `--person` and `--persons-file` (one ID per line, `#` lines ignored).
fn person_ids(args: &EventAddArgs) -> Result<Vec<i64>, Failure> {
    let mut ids = args
        .person
        .iter()
        .map(|p| number("本人", p))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(file) = &args.persons_file {
        ids.extend(read_persons_file(file)?);
    }
    Ok(ids)
}

fn read_persons_file(file: &Path) -> Result<Vec<i64>, Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        invalid(
            "本人の一覧ファイル",
            format!("{} を読めません（{e}）。", file.display()),
        )
    })?;
    let mut ids = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // The whole line passes the guard first: `1234 5678 9018` is not person 1234.
        kiroku_core::guard::check_field("本人の一覧ファイル", line)
            .map_err(|e| invalid(e.field, format!("{} 行目: {}", n + 1, e.message)))?;
        let first = line.split([',', '\t', ' ']).next().unwrap_or_default();
        ids.push(number("本人", first).map_err(|_| {
            invalid(
                "本人の一覧ファイル",
                format!(
                    "{} 行目が本人の ID（数字）ではありません。1行に1つ ID を書いてください。",
                    n + 1
                ),
            )
        })?);
    }
    Ok(ids)
}

/// The details as the API takes them. Every option is taken apart here (no `..`), so an option
/// added to [`EventFieldArgs`] without reaching the request does not compile.
fn fields(args: &EventFieldArgs) -> Result<EventFields, Failure> {
    let EventFieldArgs {
        source,
        method,
        to,
        via,
        measures,
        sealed,
        content,
        contractor,
        certificate_no,
        answer,
        requester,
        correction_reason,
        witness,
        officer,
        note,
    } = args;
    Ok(EventFields {
        source: source.clone(),
        method: method.clone(),
        to: to.clone(),
        via: via.clone(),
        measures: measures.clone(),
        sealed: sealed.as_deref().map(|s| yes_no("封緘", s)).transpose()?,
        content: content.clone(),
        contractor: contractor.clone(),
        certificate_no: certificate_no.clone(),
        answer: answer.clone(),
        requester: requester.clone(),
        correction_reason: correction_reason.clone(),
        witness: witness.clone(),
        officer: officer.clone(),
        note: note.clone(),
    })
}

fn event_detail(e: &EventView) -> String {
    let mut lines = vec![
        format!(
            "記録 ID {}（第{}版{}）",
            e.id,
            e.version,
            if e.version < e.versions {
                format!("、最新は第{}版", e.versions)
            } else if e.amended {
                "、訂正あり".to_owned()
            } else {
                String::new()
            }
        ),
        format!("  日付: {}", e.date_label),
        format!("  種別: {}", e.kind_label),
        format!("  関係事務: {}", e.affair.as_deref().unwrap_or("—")),
        match (&e.person, e.person_id) {
            (Some(name), Some(id)) => format!(
                "  本人: {name}（ID {id}）{}",
                e.dependent
                    .as_ref()
                    .map(|d| format!("  扶養家族: {d}"))
                    .unwrap_or_default()
            ),
            _ => "  本人: —（書類一式）".to_owned(),
        },
    ];
    if let Some(no) = e.file {
        lines.push(format!("  特定個人情報ファイル: 台帳 NO.{no}"));
    }
    if let Some(doc) = e.document {
        lines.push(format!("  保存文書: ID {doc}（doc show {doc}）"));
    }
    lines.push(format!("  内容: {}", e.summary));
    if let Some(n) = &e.fields.note {
        lines.push(format!("  備考: {n}"));
    }
    lines.push(format!("  担当: {}（{}）", e.clerk.name, e.clerk.id));
    lines.push(format!(
        "  入力: {}（{}）",
        local(e.entered_at),
        e.entered_by
    ));
    if let Some(r) = &e.reason {
        lines.push(format!("  訂正の理由: {r}"));
    }
    lines.join("\n")
}

fn chronological_rows(rows: &[ChronologicalRow]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                format!("{}{}", r.event_id, if r.amended { "＊" } else { "" }),
                r.date_label.clone(),
                r.kind_label.clone(),
                r.affair.clone().unwrap_or_else(|| "—".into()),
                match (&r.person, &r.dependent) {
                    (Some(p), Some(d)) => format!("{p}（扶養: {d}）"),
                    (Some(p), None) => p.clone(),
                    (None, _) => "—（書類一式）".into(),
                },
                r.summary.clone(),
                r.clerk.clone(),
                r.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut text = table(
        &[
            "ID",
            "日付",
            "種別",
            "関係事務",
            "本人",
            "内容",
            "担当",
            "備考",
        ],
        &cells,
    );
    text.push_str(&format!(
        "\n{} 件（＊は訂正あり: event history ID で履歴）",
        rows.len()
    ));
    text
}

fn lifecycle_rows(rows: &[LifecycleRow]) -> String {
    let mut blocks = Vec::with_capacity(rows.len() + 1);
    for r in rows {
        let mut head = format!("■ {} ／ {}", r.affair, r.person);
        if !r.unit.is_empty() {
            head.push_str(&format!("（{}）", r.unit));
        }
        if !r.dependent.is_empty() {
            head.push_str(&format!(" ／ 扶養家族: {}", r.dependent));
        }
        if r.amended {
            head.push_str(" ＊訂正あり");
        }
        blocks.push(format!(
            "{head}\n  個人番号取得日: {}\n  本人確認方法: {}\n  ファイルへの記載日等: {}\n  担当: {}\n  利用及び持出: {}\n  廃棄・削除日: {}",
            r.acquired_on, r.identity_check, r.recorded_on, r.clerks, r.use_and_take_out, r.disposal
        ));
    }
    blocks.push(format!("{} 行", rows.len()));
    blocks.join("\n")
}

pub fn event(cli: &Global, cmd: &EventCommand) -> Result<(), Failure> {
    match cmd {
        EventCommand::Add(a) => {
            let new = NewEvent {
                kind: a.kind.clone(),
                date: a.date.clone(),
                affair: a.affair.clone(),
                persons: person_ids(a)?,
                dependent: a.dependent.clone(),
                family: Vec::new(),
                file: a
                    .file
                    .as_deref()
                    .map(|f| number("特定個人情報ファイル", f))
                    .transpose()?,
                clerk: a.clerk.clone(),
                fields: fields(&a.fields)?,
                document: a
                    .doc
                    .as_deref()
                    .map(|d| number("保存文書", d))
                    .transpose()?,
                new_document: a
                    .doc_rule
                    .as_ref()
                    .map(|rule| kiroku_api::DocumentFromEvent {
                        rule: rule.clone(),
                        name: a.doc_name.clone(),
                        base_date: a.doc_base_date.clone(),
                    }),
            };
            let created = with_session(cli, |s| Ok(s.add_events(&new)?))?;
            match created.as_slice() {
                [one] if new.persons.len() == 1 => emit(cli.json, one, |e| {
                    format!("記録しました。\n{}", event_detail(e))
                }),
                many => emit(cli.json, &many, |m| {
                    format!(
                        "{} 人分を記録しました（記録 ID {}〜{}）: {}",
                        m.len(),
                        m.first().map(|e| e.id).unwrap_or_default(),
                        m.last().map(|e| e.id).unwrap_or_default(),
                        m.first().map(|e| e.summary.as_str()).unwrap_or_default()
                    )
                }),
            }
        }
        EventCommand::List(q) => {
            let q = query(q)?;
            let rows = with_session(cli, |s| Ok(s.chronological(&q)?))?;
            emit(cli.json, &rows, |r| chronological_rows(r));
        }
        EventCommand::Show { id } => {
            let id = number("記録ID", id)?;
            let e = with_session(cli, |s| Ok(s.event(id)?))?;
            emit(cli.json, &e, event_detail);
        }
        EventCommand::History { id } => {
            let id = number("記録ID", id)?;
            let versions = with_session(cli, |s| Ok(s.event_history(id)?))?;
            emit(cli.json, &versions, |v| {
                v.iter().map(event_detail).collect::<Vec<_>>().join("\n\n")
            });
        }
        EventCommand::Withdraw { id, reason } => {
            let id = number("記録ID", id)?;
            let req = kiroku_api::WithdrawEventRequest {
                id,
                reason: reason.clone(),
            };
            let e = with_session(cli, |s| Ok(s.withdraw_event(&req)?))?;
            emit(cli.json, &e, |e| {
                format!("誤登録として取り消しました。\n{}", event_detail(e))
            });
        }
        EventCommand::Amend(a) => {
            let id = number("記録ID", &a.id)?;
            let changes = event_changes(a)?;
            let e = with_session(cli, |s| {
                Ok(s.amend_event(id, reason(&a.reason), &changes)?)
            })?;
            emit(cli.json, &e, |e| {
                format!("訂正しました。\n{}", event_detail(e))
            });
        }
    }
    Ok(())
}

fn event_changes(a: &EventAmendArgs) -> Result<EventChanges, Failure> {
    Ok(EventChanges {
        kind: a.kind.clone(),
        date: a.date.clone(),
        affair: a.affair.clone(),
        person: a.person.as_deref().map(|p| number("本人", p)).transpose()?,
        dependent: a.dependent.clone(),
        // `""` clears the file; otherwise a NO. read like every other number.
        file: match a.file.as_deref() {
            Some(f) if !f.trim().is_empty() => Some(number("特定個人情報ファイル", f)?.to_string()),
            other => other.map(str::to_owned),
        },
        clerk: a.clerk.clone(),
        fields: fields(&a.fields)?,
    })
}

pub fn view(cli: &Global, cmd: &ViewCommand) -> Result<(), Failure> {
    match cmd {
        ViewCommand::Lifecycle(q) => {
            let q = query(q)?;
            let rows = with_session(cli, |s| Ok(s.lifecycle(&q)?))?;
            emit(cli.json, &rows, |r| lifecycle_rows(r));
        }
        ViewCommand::Chronological(q) => {
            let q = query(q)?;
            let rows = with_session(cli, |s| Ok(s.chronological(&q)?))?;
            emit(cli.json, &rows, |r| chronological_rows(r));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The options of an event's details are exactly the core's details (`EventFields`): a
    /// detail added in the core without its option here, or an option with no detail, fails.
    #[test]
    fn the_detail_options_are_the_core_details() {
        let details: BTreeSet<String> = match serde_json::to_value(EventFields::default()) {
            Ok(serde_json::Value::Object(map)) => map.keys().map(|k| k.replace('_', "-")).collect(),
            other => panic!("the details serialise as an object, got {other:?}"),
        };
        let options: BTreeSet<String> = EventFieldArgs::augment_args(clap::Command::new("event"))
            .get_arguments()
            .filter_map(|a| a.get_long().map(str::to_owned))
            .collect();
        assert_eq!(options, details);
    }
}
