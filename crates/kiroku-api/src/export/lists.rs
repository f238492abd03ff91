//! The lists that are not printed forms, as the screens show them: 本人・扶養家族, 保存文書, 委託先,
//! 評価シート, 監査ログ.

use chrono::NaiveDate;
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::wareki::{self, DateStyle};
use kiroku_tables::{Cell, Column, Row, Table};

use crate::lookup::optional_day;
use crate::{ApiError, AuditQuery, EventQuery, Session};

pub(super) fn date_style(style: DateStyle) -> kiroku_tables::DateStyle {
    match style {
        DateStyle::Wareki => kiroku_tables::DateStyle::Wareki,
        DateStyle::Seireki => kiroku_tables::DateStyle::Seireki,
    }
}

/// A table of `title` with `captions`, its rows to come.
fn table(title: &str, captions: &[&str], style: DateStyle, rows: Vec<Row>) -> Table {
    Table {
        title: title.to_owned(),
        columns: captions.iter().map(|c| Column::new(*c)).collect(),
        rows,
        dates: date_style(style),
        reason_column: None,
    }
}

fn date(d: NaiveDate, style: DateStyle) -> Cell {
    Cell::Date {
        date: d,
        label: style.format(d),
    }
}

fn maybe_date(d: Option<NaiveDate>, style: DateStyle) -> Cell {
    d.map_or(Cell::Empty, |d| date(d, style))
}

fn id(n: i64) -> Cell {
    Cell::Number(n as f64)
}

fn text(s: impl Into<String>) -> Cell {
    Cell::text(s)
}

fn maybe_text(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, Cell::text)
}

/// The captions of the 本人・扶養家族 list: a 本人's row (続柄 「本人」), then one row per
/// 扶養家族 under it, as a payroll staff list has them (and as the import reads them).
pub(crate) const PERSON_CAPTIONS: [&str; 10] = [
    "ID",
    "種別",
    "氏名",
    "フリガナ",
    "所属",
    "委託事業主",
    "続柄",
    "扶養家族氏名",
    "退職日等",
    "扶養を外れた日",
];

pub(super) fn persons(session: &mut Session, style: DateStyle) -> Result<Table, ApiError> {
    let mut rows = Vec::new();
    for p in session.list_persons()? {
        rows.push(Row::new(vec![
            id(p.id),
            text(p.kind_label.clone()),
            text(p.name.clone()),
            maybe_text(p.kana.as_deref()),
            maybe_text(p.dept.as_deref()),
            maybe_text(p.employer.as_deref()),
            text("本人"),
            Cell::Empty,
            maybe_date(p.left_on, style),
            Cell::Empty,
        ]));
        for d in &p.dependents {
            rows.push(Row::new(vec![
                id(p.id),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                text(d.relation.clone()),
                text(d.name.clone()),
                Cell::Empty,
                maybe_date(d.left_on, style),
            ]));
        }
    }
    Ok(table("本人・扶養家族", &PERSON_CAPTIONS, style, rows))
}

pub(super) fn documents(session: &mut Session, style: DateStyle) -> Result<Table, ApiError> {
    let rows = session
        .list_documents(None, None)?
        .into_iter()
        .map(|d| {
            let x = d.disposal.as_ref();
            Row::new(vec![
                id(d.id),
                text(d.name),
                text(format!("NO.{} {}", d.file, d.file_name)),
                text(d.person.unwrap_or_else(|| {
                    d.batch_count
                        .map(|n| format!("{n}名分"))
                        .unwrap_or_default()
                })),
                text(d.rule),
                date(d.base_date, style),
                date(d.retain_until, style),
                date(d.disposable_from, style),
                date(d.dispose_by, style),
                text(d.state_label),
                maybe_date(x.map(|x| x.disposed_on), style),
                maybe_text(x.map(|x| x.method.as_str())),
            ])
        })
        .collect();
    Ok(table(
        "保存文書",
        &[
            "ID",
            "文書・データ名",
            "台帳ファイル",
            "本人",
            "保存期間",
            "基準日",
            "保存期限",
            "廃棄可能日",
            "廃棄期限",
            "状態",
            "廃棄日",
            "方法",
        ],
        style,
        rows,
    ))
}

pub(super) fn contractors(session: &mut Session, style: DateStyle) -> Result<Table, ApiError> {
    let rows = session
        .list_contractors()?
        .into_iter()
        .map(|c| {
            let last = c.last_evaluation.as_ref();
            Row::new(vec![
                id(c.id),
                text(c.name),
                maybe_text(c.parent.as_ref().map(|p| p.name.as_str())),
                text(c.pattern_label),
                maybe_text(c.dept.as_deref()),
                maybe_text(c.manager.as_deref()),
                maybe_text(c.work.as_deref()),
                maybe_text(c.data.as_deref()),
                maybe_text(c.pmark.as_deref()),
                maybe_date(c.pmark_expiry, style),
                maybe_date(last.map(|e| e.made_on), style),
                maybe_text(last.map(|e| e.decision_label.as_str())),
                maybe_date(c.next_evaluation_due, style),
                text(if c.active { "委託中" } else { "終了" }),
            ])
        })
        .collect();
    Ok(table(
        "委託先",
        &[
            "ID",
            "委託先名",
            "再委託元",
            "評価パターン",
            "部門名",
            "責任者",
            "委託業務",
            "取り扱う特定個人情報",
            "プライバシーマーク",
            "有効期限",
            "直近の評価日",
            "判定",
            "再評価の期限",
            "状態",
        ],
        style,
        rows,
    ))
}

pub(super) fn evaluations(session: &mut Session, style: DateStyle) -> Result<Table, ApiError> {
    let mut rows = Vec::new();
    for c in session.list_contractors()? {
        for e in session.evaluations_of(c.id)? {
            let finalized = e
                .finalized_at
                .map(|at| at.with_timezone(&wareki::jst()).date_naive());
            rows.push(Row {
                cells: vec![
                    id(e.id),
                    text(e.contractor.name.clone()),
                    text(if e.re_evaluation {
                        "再評価"
                    } else {
                        "新規"
                    }),
                    date(e.made_on, style),
                    text(e.pattern.clone()),
                    text(e.decision_label.clone()),
                    text(
                        e.reasons
                            .iter()
                            .map(|r| r.text.clone())
                            .collect::<Vec<_>>()
                            .join("、"),
                    ),
                    text(
                        e.missing
                            .iter()
                            .map(|n| format!("No.{n}"))
                            .collect::<Vec<_>>()
                            .join("、"),
                    ),
                    maybe_date(finalized, style),
                    text(match (&e.discard_reason, e.discarded) {
                        (Some(reason), true) => format!("破棄（{reason}）"),
                        _ => String::new(),
                    }),
                ],
                struck: e.discarded,
            });
        }
    }
    let mut t = table(
        "評価シート",
        &[
            "ID",
            "委託先名",
            "新規・再評価",
            "作成年月日",
            "パターン",
            "判定",
            "不採用の理由",
            "未記入の項目",
            "確定日",
            "備考",
        ],
        style,
        rows,
    );
    t.reason_column = Some(9);
    Ok(t)
}

pub(super) fn audit_log(
    session: &mut Session,
    query: &AuditQuery,
    style: DateStyle,
) -> Result<Table, ApiError> {
    let page = session.audit_search(&AuditQuery {
        limit: Some(u64::MAX >> 1),
        ..query.clone()
    })?;
    let rows = page
        .rows
        .into_iter()
        .map(|r| {
            Row::new(vec![
                Cell::Number(r.seq as f64),
                text(r.at_label),
                text(r.actor_name),
                text(r.summary),
                text(r.detail),
                text(r.actor),
                text(r.action_label),
                text(r.target),
                text(r.hash),
            ])
        })
        .collect();
    Ok(table(
        "監査ログ",
        &[
            "番号",
            "日時",
            "利用者",
            "操作",
            "内容",
            "ユーザーID",
            "操作の種類",
            "対象（記録上の名前）",
            "ハッシュ",
        ],
        style,
        rows,
    ))
}

/// The audit log's filter of `kiroku export audit`: the period of `query` (年度, or from/to).
pub(super) fn audit_period(query: &EventQuery) -> Result<AuditQuery, ApiError> {
    let (from, to) = period(query)?;
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    Ok(AuditQuery {
        from: day(from),
        to: day(to),
        ..AuditQuery::default()
    })
}

/// The days of `query` (年度, or from/to), without the 台帳 and other filters of the log.
fn period(query: &EventQuery) -> Result<(Option<NaiveDate>, Option<NaiveDate>), ApiError> {
    let from = optional_day("開始日", &query.from)?;
    let to = optional_day("終了日", &query.to)?;
    match query.fy.as_deref().filter(|f| !f.trim().is_empty()) {
        Some(fy) => {
            let fy = FiscalYear::parse("年度", fy)?;
            Ok((
                Some(from.unwrap_or(fy.first_day())),
                Some(to.unwrap_or(fy.last_day())),
            ))
        }
        None => Ok((from, to)),
    }
}
