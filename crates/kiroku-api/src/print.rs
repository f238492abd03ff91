//! Printing (印刷): builds the values of a form from the same views the screens show, hands
//! them to `kiroku-forms`, writes the PDF and appends a `print` audit row.

use crate::settings::date_style;
use crate::{ApiError, DocumentView, EventQuery, Session};
use chrono::NaiveDate;
use kiroku_core::audit::AuditAction;
use kiroku_core::evaluation::{applies, Pattern};
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::recovery_code::RecoveryCode;
use kiroku_core::wareki::DateStyle;
use kiroku_core::{guard, FieldError};
use kiroku_forms::sheets::evaluation::{EvaluationSheet, SheetDecision, SheetItem};
use kiroku_forms::sheets::list::ListForm;
use kiroku_forms::sheets::recovery::RecoverySheet;
use kiroku_forms::{FormKind, Record, Rendered};
use kiroku_store::atomic_file;
use kiroku_store::table::audit;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What to print (`kiroku print …`, the 印刷 screen).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintRequest {
    /// `lifecycle` | `chronological` | `ledger` | `evaluation` | `disposal`
    pub form: String,
    /// The two 別紙1 forms: the period (`fy` or `from`/`to`) and optionally one 台帳 file
    /// (`file`, "for the binder of that file"). `disposal`: the 年度 (`fy`, default this one).
    pub query: EventQuery,
    /// `evaluation`: the sheet's ID.
    pub evaluation: Option<i64>,
    /// Where to write the PDF; empty: `記録票/` beside the vault.
    pub out: String,
}

/// What was printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintReport {
    pub form: String,
    pub title: String,
    pub path: String,
    pub pages: u32,
    pub rows: u32,
    pub bytes: u64,
}

/// The forms `print` knows, by their command-line name.
fn form_kind(name: &str) -> Result<FormKind, ApiError> {
    match name.trim() {
        "lifecycle" => Ok(FormKind::Lifecycle),
        "chronological" => Ok(FormKind::Chronological),
        "ledger" => Ok(FormKind::Ledger),
        "evaluation" => Ok(FormKind::Evaluation),
        "disposal" => Ok(FormKind::Disposal),
        _ => Err(FieldError::new(
            "記録票",
            "lifecycle（取扱記録表）、chronological（運用状況記録票）、ledger（管理台帳）、evaluation（委託先評価シート）、disposal（廃棄予定一覧）のどれかを指定してください。",
        )
        .into()),
    }
}

/// Where a PDF goes when no path is given (the desktop app): `記録票/` beside the vault.
pub(crate) fn default_out(
    vault: &Path,
    title: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, ApiError> {
    Ok(
        crate::beside_vault::file_beside_vault(vault, "記録票", title, "pdf", now)?
            .display()
            .to_string(),
    )
}

/// The output path of a file with extension `ext` (`pdf`, `xlsx`, `csv`), checked: no 個人番号
/// in it, its folder exists.
pub(crate) fn out_path(out: &str, ext: &str) -> Result<PathBuf, ApiError> {
    const FIELD: &str = "出力先";
    guard::check_field(FIELD, out)?;
    if out.trim().is_empty() {
        return Err(FieldError::new(
            FIELD,
            format!(
                "{} の保存先を指定してください（例: 台帳.{ext}）。",
                ext.to_ascii_uppercase()
            ),
        )
        .into());
    }
    let path = PathBuf::from(out.trim());
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if parent.is_some_and(|p| !p.is_dir()) {
        return Err(FieldError::new(
            FIELD,
            "保存先のフォルダがありません。既にあるフォルダを指定してください。",
        )
        .into());
    }
    if path.is_dir() {
        return Err(
            FieldError::new(FIELD, "フォルダではなくファイル名を指定してください。").into(),
        );
    }
    Ok(path)
}

fn write_pdf(path: &Path, rendered: &Rendered) -> Result<(), ApiError> {
    atomic_file::replace(path, &rendered.pdf).map_err(|e| {
        ApiError::from(FieldError::new(
            "出力先",
            format!("PDF を保存できません（{e}）。保存先を確認してください。"),
        ))
    })
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The period of a query in words: `令和7年度（令和7年4月1日～令和8年3月31日）`.
fn period_line(
    query: &EventQuery,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    style: DateStyle,
) -> String {
    let fy = query
        .fy
        .as_deref()
        .filter(|f| !f.trim().is_empty())
        .and_then(|f| FiscalYear::parse("年度", f).ok());
    let range = match (from, to) {
        (None, None) => "全期間".to_owned(),
        (f, t) => format!(
            "{}～{}",
            f.map(|d| style.format(d)).unwrap_or_default(),
            t.map(|d| style.format(d)).unwrap_or_default()
        ),
    };
    match fy {
        Some(fy) if from == Some(fy.first_day()) && to == Some(fy.last_day()) => {
            format!("期間：{}（{range}）", fy.label())
        }
        _ => format!("期間：{range}"),
    }
}

/// A form built in memory for the 印刷 screen's preview: nothing is written and no `print`
/// row is added (the views it was built from audit their reads as the screens do).
#[derive(Debug, Clone)]
pub struct Preview {
    pub form: String,
    pub title: String,
    pub pages: u32,
    pub rows: u32,
    pub pdf: Vec<u8>,
}

/// A form rendered, with how many rows it holds and the scope its audit row names.
struct Built {
    kind: FormKind,
    title: String,
    rendered: Rendered,
    rows: usize,
    scope: String,
}

impl Built {
    fn preview(self) -> Preview {
        Preview {
            form: self.kind.name().to_owned(),
            title: self.title,
            pages: u32_of(self.rendered.pages),
            rows: u32_of(self.rows),
            pdf: self.rendered.pdf,
        }
    }
}

impl Session {
    /// Prints one form to `req.out` (replacing a file of that name); with no path, to
    /// `記録票/<form>_<date-time>.pdf` beside the vault.
    pub fn print(&mut self, req: &PrintRequest) -> Result<PrintReport, ApiError> {
        let kind = form_kind(&req.form)?;
        let out = if req.out.trim().is_empty() {
            default_out(
                self.vault_path(),
                &kind.layout()?.title,
                self.env.clock.now(),
            )?
        } else {
            req.out.clone()
        };
        let path = out_path(&out, "pdf")?;
        let built = self.build(kind, req)?;
        write_pdf(&path, &built.rendered)?;
        self.audit_print(
            kind.name(),
            &format!(
                "{} {} {}ページ",
                built.title, built.scope, built.rendered.pages
            ),
            &path,
        )?;
        Ok(PrintReport {
            form: kind.name().to_owned(),
            title: built.title,
            path: path.display().to_string(),
            pages: u32_of(built.rendered.pages),
            rows: u32_of(built.rows),
            bytes: built.rendered.pdf.len() as u64,
        })
    }

    /// Builds one form in memory for the preview (`req.out` is not used).
    pub fn preview(&mut self, req: &PrintRequest) -> Result<Preview, ApiError> {
        let built = self.build(form_kind(&req.form)?, req)?;
        Ok(built.preview())
    }

    /// 「印刷する」: builds one form in memory for the system's print dialog and appends its
    /// `print form:NAME` row, as a saved print does but naming the dialog instead of a file.
    /// Nothing is written (`req.out` is not used). The row records that the form was handed
    /// to the print dialog: whether the clerk then pressed 「キャンセル」 there is not known.
    pub fn print_to_dialog(&mut self, req: &PrintRequest) -> Result<Preview, ApiError> {
        let built = self.build(form_kind(&req.form)?, req)?;
        self.append_print_row(
            built.kind.name(),
            format!(
                "{} {} {}ページ → 印刷ダイアログ",
                built.title, built.scope, built.rendered.pages
            ),
        )?;
        Ok(built.preview())
    }

    fn build(&mut self, kind: FormKind, req: &PrintRequest) -> Result<Built, ApiError> {
        let style = date_style(self.vault.conn())?;
        let org = self.org_name()?;
        let made_on = format!("作成日：{}", style.format(self.today()));
        let (rendered, rows, scope) = match kind {
            FormKind::Lifecycle
            | FormKind::Chronological
            | FormKind::Ledger
            | FormKind::Disposal => {
                let (form, scope) = self.list_values(kind, &req.query, style, &org, made_on)?;
                let rows = form.records.len();
                (kiroku_forms::print_list(kind, &form)?, rows, scope)
            }
            FormKind::Evaluation => {
                let id = req.evaluation.ok_or_else(|| {
                    FieldError::new("評価シート", "印刷する評価シートの ID を指定してください。")
                })?;
                self.print_evaluation(id, style, &org)?
            }
            FormKind::Recovery => {
                return Err(FieldError::new(
                    "記録票",
                    "復旧用キーは初期設定のときだけ印刷できます。",
                )
                .into())
            }
            FormKind::IncidentReport
            | FormKind::IncidentLetter
            | FormKind::IncidentNotices
            | FormKind::KyosaiSituationReport
            | FormKind::KyosaiAccidentReport => return Err(FieldError::new(
                "記録票",
                "事故・漏えいの報告書と通知文は、事案ごとに印刷します（kiroku incident print）。",
            )
            .into()),
            FormKind::Check => {
                return Err(FieldError::new(
                    "記録票",
                    "点検結果報告書は点検ごとに印刷します（kiroku print check --id ID）。",
                )
                .into())
            }
        };
        Ok(Built {
            kind,
            title: kind.layout()?.title,
            rendered,
            rows,
            scope,
        })
    }

    /// The `print form:NAME` audit row: what was printed and the file's name (not its folder).
    pub(crate) fn audit_print(
        &mut self,
        form: &str,
        what: &str,
        path: &Path,
    ) -> Result<(), ApiError> {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.append_print_row(form, format!("{what} → {file_name}"))?;
        if let Ok(canonical) = std::fs::canonicalize(path) {
            self.printed.push(canonical);
        }
        Ok(())
    }

    fn append_print_row(&mut self, form: &str, detail: String) -> Result<(), ApiError> {
        let entry = self.entry(AuditAction::Print, format!("form:{form}"), detail);
        self.vault.write(|tx| -> Result<(), ApiError> {
            audit::append(tx, entry)?;
            Ok(())
        })
    }

    /// A path for a PDF that must not outlive this login, in a private temporary folder of its
    /// own (owner-only on Unix); the folder is removed with the session.
    fn transient_pdf(&mut self, name: &str) -> Result<String, ApiError> {
        let dir = tempfile::Builder::new()
            .prefix("kiroku-")
            .tempdir()
            .map_err(|e| ApiError::Io(format!("一時フォルダを作れません: {e}")))?;
        let path = dir.path().join(name);
        self.transient.push(dir);
        Ok(path.display().to_string())
    }

    /// The file at `path`, if this session wrote it — a printed PDF or an exported list
    /// (`.xlsx`, `.csv`): the desktop app opens nothing else in the OS's program for it (not a
    /// file the UI was tricked into naming, not another session's print).
    pub fn printed_file(&self, path: &str) -> Result<std::path::PathBuf, ApiError> {
        let refused = || {
            ApiError::Forbidden(
                "このログイン中に印刷した PDF だけ、または書き出したファイルだけを開けます。もう一度印刷（書き出し）してください。".into(),
            )
        };
        let canonical = std::fs::canonicalize(path).map_err(|_| refused())?;
        let known_kind = canonical.extension().is_some_and(|e| {
            ["pdf", "xlsx", "csv"]
                .iter()
                .any(|k| e.eq_ignore_ascii_case(k))
        });
        if known_kind && self.printed.contains(&canonical) {
            Ok(canonical)
        } else {
            Err(refused())
        }
    }

    /// The values of a list form (取扱記録表, 運用状況記録票, 管理台帳, 廃棄予定一覧) and the scope
    /// its audit row names: what `print` renders and `export` writes.
    pub(crate) fn list_values(
        &mut self,
        kind: FormKind,
        query: &EventQuery,
        style: DateStyle,
        org: &str,
        made_on: String,
    ) -> Result<(ListForm, String), ApiError> {
        match kind {
            FormKind::Lifecycle | FormKind::Chronological => {
                self.log_values(kind, query, style, org, made_on)
            }
            FormKind::Ledger => self.ledger_values(org, made_on),
            FormKind::Disposal => self.disposal_values(query, style, org, made_on),
            FormKind::Evaluation
            | FormKind::Recovery
            | FormKind::IncidentReport
            | FormKind::IncidentLetter
            | FormKind::IncidentNotices
            | FormKind::KyosaiSituationReport
            | FormKind::KyosaiAccidentReport
            | FormKind::Check => Err(FieldError::new(
                "記録票",
                format!("{}は一覧の記録票ではありません。", kind.layout()?.title),
            )
            .into()),
        }
    }

    fn log_values(
        &mut self,
        kind: FormKind,
        query: &EventQuery,
        style: DateStyle,
        org: &str,
        made_on: String,
    ) -> Result<(ListForm, String), ApiError> {
        let filter = query.filter(self.vault.conn())?;
        let mut header_lines = vec![format!("団体名：{org}")];
        if let Some(no) = filter.ledger_no {
            let file = self.ledger_entry(no)?;
            header_lines.push(format!("特定個人情報ファイル：NO.{no} {}", file.name));
        }
        let period = period_line(query, filter.from, filter.to, style);
        header_lines.push(format!("{period}　　{made_on}"));
        let records: Vec<Record> = if kind == FormKind::Lifecycle {
            self.lifecycle(query)?
                .into_iter()
                .map(|r| {
                    let record = match &r.withdrawn {
                        // Every record of the row was withdrawn: struck through, the reason
                        // where the use would be.
                        Some(reason) => Record::new()
                            .struck_through()
                            .with("use_and_take_out", format!("誤登録として取消（{reason}）")),
                        None => Record::new().with("use_and_take_out", r.use_and_take_out),
                    };
                    record
                        .with("affair", r.affair)
                        .with("person", r.person)
                        .with("unit", r.unit)
                        .with("dependent", r.dependent)
                        .with("acquired_on", r.acquired_on)
                        .with("identity_check", r.identity_check)
                        .with("recorded_on", r.recorded_on)
                        .with("clerks", r.clerks)
                        .with("disposal", r.disposal)
                })
                .collect()
        } else {
            self.chronological(query)?
                .into_iter()
                .map(|r| {
                    let person = match (&r.person, &r.dependent) {
                        (Some(p), Some(d)) => format!("{p}（{d}）"),
                        (Some(p), None) => p.clone(),
                        (None, _) => String::new(),
                    };
                    let mut note = match (r.amended, r.note.as_deref()) {
                        (true, Some(n)) => format!("第{}版。{n}", r.version),
                        (true, None) => format!("第{}版", r.version),
                        (false, n) => n.unwrap_or_default().to_owned(),
                    };
                    if let Some(reason) = &r.withdrawn {
                        note = format!("誤登録として取消（{reason}）。{note}");
                    }
                    let record = if r.withdrawn.is_some() {
                        Record::new().struck_through()
                    } else {
                        Record::new()
                    };
                    record
                        .with("no", r.event_id.to_string())
                        .with("date", r.date_label)
                        .with("kind", r.kind_label)
                        .with("affair", r.affair.unwrap_or_default())
                        .with("person", person)
                        .with("unit", r.unit.unwrap_or_default())
                        .with("file", r.file.map(|f| f.to_string()).unwrap_or_default())
                        .with("summary", r.summary)
                        .with("clerk", r.clerk)
                        .with("note", note)
                })
                .collect()
        };
        Ok((
            ListForm {
                header_lines,
                records,
            },
            period,
        ))
    }

    fn ledger_values(
        &mut self,
        org: &str,
        made_on: String,
    ) -> Result<(ListForm, String), ApiError> {
        let records: Vec<Record> = self
            .list_ledger()?
            .into_iter()
            .map(|e| {
                let disposal = if e.disposal_status.is_empty() {
                    e.disposal
                } else {
                    format!("{}\n{}", e.disposal, e.disposal_status)
                };
                Record::new()
                    .with("no", e.no.to_string())
                    .with("name", e.name)
                    .with("scope", e.scope)
                    .with("medium", e.medium_label)
                    .with("dept", e.dept)
                    .with("owner", e.owner.name)
                    .with(
                        "handlers",
                        e.handlers
                            .into_iter()
                            .map(|h| h.name)
                            .collect::<Vec<_>>()
                            .join("、"),
                    )
                    .with("purpose", e.purpose)
                    .with("retention", e.retention)
                    .with("disposal", disposal)
                    .with("location", e.location)
            })
            .collect();
        let scope = format!("{}件", records.len());
        Ok((
            ListForm {
                header_lines: vec![format!("団体名：{org}"), made_on],
                records,
            },
            scope,
        ))
    }

    fn print_evaluation(
        &mut self,
        id: i64,
        style: DateStyle,
        org: &str,
    ) -> Result<(Rendered, usize, String), ApiError> {
        let sheet = self.evaluation(id)?;
        let contractor = self.contractor(sheet.contractor.id)?;
        let pattern: Pattern = sheet.pattern.parse()?;
        let pattern_index = Pattern::ALL
            .iter()
            .position(|p| *p == pattern)
            .unwrap_or_default();
        let decision = match sheet.decision.as_str() {
            "adopted" => SheetDecision::Adopted,
            "adopted_conditional" => SheetDecision::AdoptedConditional,
            "rejected" => SheetDecision::Rejected,
            _ => SheetDecision::Undecided,
        };
        let mut notes: Vec<String> = Vec::new();
        match decision {
            SheetDecision::Undecided if sheet.discarded => notes.push(format!(
                "破棄（理由: {}）",
                sheet.discard_reason.clone().unwrap_or_default()
            )),
            SheetDecision::Undecided => notes.push(format!(
                "判定未了（未記入の評価項目: {}）",
                sheet
                    .missing
                    .iter()
                    .map(|n| format!("No.{n}"))
                    .collect::<Vec<_>>()
                    .join("、")
            )),
            SheetDecision::AdoptedConditional => notes.push("改善措置の実施を条件に採用".into()),
            SheetDecision::Rejected => notes.push(format!(
                "不採用の理由: {}",
                sheet
                    .reasons
                    .iter()
                    .map(|r| r.text.clone())
                    .collect::<Vec<_>>()
                    .join("、")
            )),
            SheetDecision::Adopted => {}
        }
        match (&sheet.finalized_at, &sheet.finalized_by) {
            (Some(at), Some(by)) => {
                // The finaliser by name (a user is never deleted; the ID if the name is unreadable).
                let name = crate::people::users::user_ref(self.vault.conn(), "確定者", by)
                    .map_or_else(|_| by.clone(), |(user, _)| user.name);
                notes.push(format!(
                    "確定: {} {name}",
                    style.format(kiroku_core::wareki::day_in_japan(*at))
                ));
            }
            _ if sheet.discarded => {}
            _ => notes.push("下書き（未確定）".into()),
        }
        let shortcut_mark = |yes: bool| {
            if pattern != Pattern::I {
                "—"
            } else if yes {
                "○"
            } else {
                "×"
            }
            .to_owned()
        };
        let items: Vec<SheetItem> = sheet
            .items
            .iter()
            .map(|i| SheetItem {
                no: i.no,
                text: i.text.clone(),
                applies: Pattern::ALL.map(|p| applies(p, i.no)),
                judgment: if sheet.shortcut {
                    String::new()
                } else {
                    i.judgment.clone().unwrap_or_default()
                },
                improvement: match (&i.improvement, i.improvement_confirmed_on) {
                    (Some(text), Some(on)) => format!("{text}（{}確認済）", style.format(on)),
                    (Some(text), None) => text.clone(),
                    (None, _) => String::new(),
                },
            })
            .collect();
        let rows = items.len();
        let rendered = kiroku_forms::render(&kiroku_forms::sheets::evaluation::document(
            &EvaluationSheet {
                header_lines: vec![format!("団体名：{org}")],
                made_on: style.format(sheet.made_on),
                decision,
                decision_note: notes.join("　"),
                re_evaluation: sheet.re_evaluation,
                name: contractor.name,
                dept: contractor.dept.unwrap_or_default(),
                manager: contractor.manager.unwrap_or_default(),
                work: contractor.work.unwrap_or_default(),
                data: contractor.data.unwrap_or_default(),
                pattern: pattern_index,
                pmark: shortcut_mark(sheet.pmark_valid),
                no_leak: shortcut_mark(!sheet.leak_2y),
                items,
            },
        )?)?;
        Ok((rendered, rows, format!("評価シート {id}")))
    }

    fn disposal_values(
        &mut self,
        query: &EventQuery,
        style: DateStyle,
        org: &str,
        made_on: String,
    ) -> Result<(ListForm, String), ApiError> {
        let schedule = self.schedule(query.fy.as_deref())?;
        let fy = FiscalYear(schedule.fy);
        let done: Vec<DocumentView> = self
            .list_documents(None, None)?
            .into_iter()
            .filter(|d| {
                d.state != "awaiting_certificate"
                    && d.disposal.as_ref().is_some_and(|x| {
                        x.disposed_on >= fy.first_day() && x.disposed_on <= fy.last_day()
                    })
            })
            .collect();
        let listed = [
            ("期限超過", &schedule.overdue),
            ("今年度", &schedule.due),
            ("証明書待ち", &schedule.awaiting_certificate),
            ("廃棄済", &done),
        ];
        let names = crate::lookup::user_names(self.vault.conn())?;
        let name = crate::lookup::name_of(&names);
        let mut records = Vec::new();
        for (status, documents) in listed {
            for d in documents.iter() {
                let x = d.disposal.as_ref();
                let status = match (status, d.state.as_str()) {
                    ("廃棄済", "deleted") => "削除済",
                    (s, _) => s,
                };
                records.push(
                    Record::new()
                        .with("no", (records.len() + 1).to_string())
                        .with("status", status)
                        .with("document", d.name.clone())
                        .with("file", format!("NO.{} {}", d.file, d.file_name))
                        .with(
                            "person",
                            d.person.clone().unwrap_or_else(|| {
                                d.batch_count
                                    .map(|n| format!("{n}名分"))
                                    .unwrap_or_default()
                            }),
                        )
                        .with("retain_until", style.format(d.retain_until))
                        .with("dispose_by", style.format(d.dispose_by))
                        .with(
                            "disposed_on",
                            x.map(|x| style.format(x.disposed_on)).unwrap_or_default(),
                        )
                        .with("method", x.map(|x| x.method.clone()).unwrap_or_default())
                        .with(
                            "performer",
                            x.map(|x| name(&x.performer)).unwrap_or_default(),
                        )
                        .with(
                            "witness",
                            x.map(|x| confirmed_by(x, &name)).unwrap_or_default(),
                        )
                        .with("seal", ""),
                );
            }
        }
        let period = format!(
            "対象：{}（{}～{}）　{}",
            schedule.fy_label,
            style.format(fy.first_day()),
            style.format(fy.last_day()),
            schedule.headline
        );
        Ok((
            ListForm {
                header_lines: vec![format!("団体名：{org}"), format!("{period}　　{made_on}")],
                records,
            },
            schedule.fy_label,
        ))
    }
}

/// The 確認者 cell of a disposal in the 廃棄記録簿: the witness (by name), and for a 委託先's
/// disposal the 委託先 with the number of its 廃棄・削除証明書 once received (the proof the record
/// rests on).
fn confirmed_by(x: &crate::DisposalView, name: &dyn Fn(&str) -> String) -> String {
    let contractor = x.contractor.as_ref().map(|c| match &x.certificate {
        Some(no) => format!("{c}（証明書 {no}）"),
        None => c.clone(),
    });
    [x.witness.as_deref().map(name), contractor]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("・")
}

/// The 復旧用キー sheet of a vault just created (`init --recovery-pdf`).
pub(crate) fn recovery_sheet(
    org_name: &str,
    vault: &Path,
    code: &str,
    made_on: NaiveDate,
    out: &str,
) -> Result<(PathBuf, Rendered), ApiError> {
    let path = out_path(out, "pdf")?;
    let rendered =
        kiroku_forms::render(&kiroku_forms::sheets::recovery::document(&RecoverySheet {
            org_name: org_name.to_owned(),
            vault_name: vault
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            made_on: DateStyle::Wareki.format(made_on),
            code: code.to_owned(),
        })?)?;
    Ok((path, rendered))
}

pub(crate) fn write_recovery_sheet(path: &Path, rendered: &Rendered) -> Result<(), ApiError> {
    write_pdf(path, rendered)
}

/// The 復旧用キー sheet printed from the setup screen, from the code it showed once.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecoverySheetRequest {
    pub code: String,
    /// Empty: a temporary file for the viewer to print from, never beside the vault, removed
    /// when this login ends.
    pub out: String,
}

impl Session {
    /// Prints the 復旧用キー sheet of this vault from the code shown at setup (officer only;
    /// the code's check characters are verified first). Without `out` the PDF goes to a private
    /// temporary folder (not the vault's: whoever copies that folder must not get the key too)
    /// and is removed when this login ends (logout, lock, the app closing).
    pub fn print_recovery_sheet(
        &mut self,
        req: &RecoverySheetRequest,
    ) -> Result<PrintReport, ApiError> {
        self.require_officer("復旧用キーの印刷")?;
        let code = RecoveryCode::parse(&req.code)?;
        let org = self.org_name()?;
        let out = if req.out.trim().is_empty() {
            self.transient_pdf("復旧用キー.pdf")?
        } else {
            req.out.clone()
        };
        let (path, rendered) = recovery_sheet(
            &org,
            self.vault_path(),
            &code.to_string(),
            self.today(),
            &out,
        )?;
        write_recovery_sheet(&path, &rendered)?;
        self.audit_print("recovery", "復旧用キー 1ページ", &path)?;
        Ok(PrintReport {
            form: "recovery".into(),
            title: "復旧用キー".into(),
            path: path.display().to_string(),
            pages: 1,
            rows: 0,
            bytes: rendered.pdf.len() as u64,
        })
    }
}
