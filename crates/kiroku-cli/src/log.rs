//! `kiroku ledger …`, `kiroku event …` and `kiroku view …`.

use kiroku_api::{
    ApiError, ChronologicalRow, EventChanges, EventFields, EventQuery, EventView, LedgerChanges,
    LedgerView, LifecycleRow, NewEvent, NewLedgerEntry,
};
use kiroku_core::FieldError;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

use crate::args::Cli;
use crate::commands::with_session;
use crate::log_args::{
    EventAddArgs, EventAmendArgs, EventCommand, EventFieldArgs, LedgerAddArgs, LedgerAmendArgs,
    LedgerCommand, QueryArgs, ViewCommand,
};
use crate::output::{emit, local, table, Failure};

fn invalid(field: &'static str, message: impl Into<String>) -> Failure {
    Failure::Api(ApiError::Invalid(FieldError::new(field, message)))
}

/// An ID or NO. typed on the command line. The guard runs first and the message never
/// repeats what was typed.
pub(crate) fn number(field: &'static str, text: &str) -> Result<i64, Failure> {
    kiroku_core::guard::check_field(field, text).map_err(|e| Failure::Api(e.into()))?;
    let digits: String = text.nfkc().collect();
    digits
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| invalid(field, "数字（1 以上）で指定してください。"))
}

pub(crate) fn yes_no(field: &'static str, text: &str) -> Result<bool, Failure> {
    match text.trim() {
        "yes" | "y" | "true" | "はい" | "あり" => Ok(true),
        "no" | "n" | "false" | "いいえ" | "なし" => Ok(false),
        _ => Err(invalid(field, "yes か no で指定してください。")),
    }
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

fn fields(args: &EventFieldArgs) -> Result<EventFields, Failure> {
    Ok(EventFields {
        source: args.source.clone(),
        method: args.method.clone(),
        to: args.to.clone(),
        via: args.via.clone(),
        measures: args.measures.clone(),
        sealed: args
            .sealed
            .as_deref()
            .map(|s| yes_no("封緘", s))
            .transpose()?,
        content: args.content.clone(),
        contractor: args.contractor.clone(),
        certificate_no: args.certificate_no.clone(),
        answer: args.answer.clone(),
        requester: args.requester.clone(),
        correction_reason: args.correction_reason.clone(),
        witness: args.witness.clone(),
        officer: args.officer.clone(),
        note: args.note.clone(),
    })
}

pub(crate) fn query(args: &QueryArgs) -> Result<EventQuery, Failure> {
    let period = &args.period;
    Ok(EventQuery {
        fy: period.fy.clone(),
        from: period.from.clone(),
        to: period.to.clone(),
        person: args
            .person
            .as_deref()
            .map(|p| number("本人", p))
            .transpose()?,
        affair: args.affair.clone(),
        kind: args.kind.clone(),
        file: period
            .file
            .as_deref()
            .map(|f| number("特定個人情報ファイル", f))
            .transpose()?,
    })
}

fn reason(r: &Option<String>) -> &str {
    r.as_deref().unwrap_or_default()
}

// ---- 台帳 ----

fn ledger_rows(entries: &[LedgerView]) -> String {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.no.to_string(),
                format!("{}{}", e.name, if e.amended { " ＊訂正" } else { "" }),
                e.medium_label.clone(),
                e.dept.clone(),
                e.owner.name.clone(),
                e.retention.clone(),
                e.disposal.clone(),
                e.location.clone(),
            ]
        })
        .collect();
    table(
        &[
            "NO.",
            "名称",
            "媒体",
            "取扱部署",
            "責任者",
            "保存期間",
            "廃棄・削除",
            "保管場所",
        ],
        &rows,
    )
}

fn ledger_detail(e: &LedgerView) -> String {
    let handlers: Vec<String> = e
        .handlers
        .iter()
        .map(|h| format!("{}（{}）", h.name, h.id))
        .collect();
    let mut lines = vec![
        format!("NO.{}  {}（第{}版）", e.no, e.name, e.version),
        format!("  特定個人情報の範囲: {}", e.scope),
        format!("  取扱部署: {}", e.dept),
        format!("  責任者: {}（{}）", e.owner.name, e.owner.id),
        format!("  担当者: {}", handlers.join("、")),
        format!("  利用目的: {}", e.purpose),
        format!("  保存期間: {}", e.retention),
        format!(
            "  廃棄・削除: {}{}",
            e.disposal,
            if e.disposal_status.is_empty() {
                String::new()
            } else {
                format!("（{}）", e.disposal_status)
            }
        ),
        format!("  保管場所: {}", e.location),
        format!("  媒体: {}", e.medium_label),
        format!("  登録: {}（{}）", local(e.entered_at), e.entered_by),
    ];
    if let Some(r) = &e.reason {
        lines.push(format!("  訂正の理由: {r}"));
    }
    lines.join("\n")
}

pub fn ledger(cli: &Cli, cmd: &LedgerCommand) -> Result<(), Failure> {
    let entry = match cmd {
        LedgerCommand::Add(a) => with_session(cli, |s| Ok(s.add_ledger_entry(&new_ledger(a))?))?,
        LedgerCommand::List => {
            let list = with_session(cli, |s| Ok(s.list_ledger()?))?;
            emit(cli.json, &list, |l| ledger_rows(l));
            return Ok(());
        }
        LedgerCommand::Show { no } => {
            let no = number("台帳 NO.", no)?;
            with_session(cli, |s| Ok(s.ledger_entry(no)?))?
        }
        LedgerCommand::History { no } => {
            let no = number("台帳 NO.", no)?;
            let versions = with_session(cli, |s| Ok(s.ledger_history(no)?))?;
            emit(cli.json, &versions, |v| {
                v.iter().map(ledger_detail).collect::<Vec<_>>().join("\n\n")
            });
            return Ok(());
        }
        LedgerCommand::Amend(a) => {
            let no = number("台帳 NO.", &a.no)?;
            let changes = ledger_changes(a)?;
            with_session(cli, |s| {
                Ok(s.amend_ledger_entry(no, reason(&a.reason), &changes)?)
            })?
        }
    };
    emit(cli.json, &entry, ledger_detail);
    Ok(())
}

fn new_ledger(a: &LedgerAddArgs) -> NewLedgerEntry {
    NewLedgerEntry {
        name: a.name.clone(),
        scope: a.scope.clone(),
        dept: a.dept.clone(),
        owner: a.owner.clone(),
        handlers: a.handlers.clone(),
        purpose: a.purpose.clone(),
        retention: a.retention.clone(),
        disposal: a.disposal.clone(),
        location: a.location.clone(),
        electronic: a.electronic,
    }
}

fn ledger_changes(a: &LedgerAmendArgs) -> Result<LedgerChanges, Failure> {
    let electronic = match a.medium.as_deref() {
        None => None,
        Some(m) => Some(
            m.parse::<kiroku_core::ledger::Medium>()
                .map_err(|e| Failure::Api(e.into()))?
                == kiroku_core::ledger::Medium::Electronic,
        ),
    };
    Ok(LedgerChanges {
        name: a.name.clone(),
        scope: a.scope.clone(),
        dept: a.dept.clone(),
        owner: a.owner.clone(),
        handlers: a.handlers.clone(),
        purpose: a.purpose.clone(),
        retention: a.retention.clone(),
        disposal: a.disposal.clone(),
        location: a.location.clone(),
        electronic,
    })
}

// ---- 取扱記録 ----

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
        lines.push(format!("  帳票: ID {doc}（doc show {doc}）"));
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

pub fn event(cli: &Cli, cmd: &EventCommand) -> Result<(), Failure> {
    match cmd {
        EventCommand::Add(a) => {
            let new = NewEvent {
                kind: a.kind.clone(),
                date: a.date.clone(),
                affair: a.affair.clone(),
                persons: person_ids(a)?,
                dependent: a.dependent.clone(),
                file: a
                    .file
                    .as_deref()
                    .map(|f| number("特定個人情報ファイル", f))
                    .transpose()?,
                clerk: a.clerk.clone(),
                fields: fields(&a.fields)?,
                document: a.doc.as_deref().map(|d| number("帳票", d)).transpose()?,
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

pub fn view(cli: &Cli, cmd: &ViewCommand) -> Result<(), Failure> {
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
