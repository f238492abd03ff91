//! The IPC commands: each translates between the UI and one `kiroku-api` use case. No rule
//! lives here. Every command runs off the UI thread (`async`), so a long print or the key
//! derivation at login never freezes the window.

use kiroku_api::*;
use tauri::State;

use crate::state::{AppState, Reply};

#[tauri::command(async)]
pub fn vault_state(state: State<'_, AppState>) -> VaultState {
    kiroku_api::vault_state(state.vault())
}

/// The quick-entry form of each kind of handling (which fields, which choices).
#[tauri::command(async)]
pub fn event_forms() -> Vec<EventFormView> {
    kiroku_api::event_forms()
}

#[tauri::command(async)]
pub fn setup(state: State<'_, AppState>, req: SetupRequest) -> Reply<InitResponse> {
    state.setup(req)
}

#[tauri::command(async)]
pub fn login(state: State<'_, AppState>, req: LoginRequest) -> Reply<LoginReport> {
    state.login(&req)
}

#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) -> Reply<()> {
    state.lock()
}

#[tauri::command(async)]
pub fn today(state: State<'_, AppState>) -> Reply<TodayView> {
    state.with(|s| s.today_view())
}

#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> Reply<DashboardView> {
    state.with(Session::dashboard)
}

#[tauri::command(async)]
pub fn events(state: State<'_, AppState>, query: EventQuery) -> Reply<Vec<ChronologicalRow>> {
    state.with(|s| s.chronological(&query))
}

#[tauri::command(async)]
pub fn lifecycle(state: State<'_, AppState>, query: EventQuery) -> Reply<Vec<LifecycleRow>> {
    state.with(|s| s.lifecycle(&query))
}

#[tauri::command(async)]
pub fn add_events(state: State<'_, AppState>, event: NewEvent) -> Reply<Vec<EventView>> {
    state.with(|s| s.add_events(&event))
}

#[tauri::command(async)]
pub fn amend_event(state: State<'_, AppState>, req: AmendEventRequest) -> Reply<EventView> {
    state.with(|s| s.amend_event(req.id, &req.reason, &req.changes))
}

#[tauri::command(async)]
pub fn event_history(state: State<'_, AppState>, id: i64) -> Reply<Vec<EventView>> {
    state.with(|s| s.event_history(id))
}

#[tauri::command(async)]
pub fn persons(state: State<'_, AppState>) -> Reply<Vec<PersonView>> {
    state.with(Session::list_persons)
}

#[tauri::command(async)]
pub fn add_person(state: State<'_, AppState>, person: NewPerson) -> Reply<PersonView> {
    state.with(|s| s.add_person(&person))
}

#[tauri::command(async)]
pub fn affairs(state: State<'_, AppState>) -> Reply<Vec<AffairView>> {
    state.with(|s| s.list_affairs())
}

#[tauri::command(async)]
pub fn users(state: State<'_, AppState>) -> Reply<Vec<UserView>> {
    state.with(Session::list_users)
}

#[tauri::command(async)]
pub fn ledger(state: State<'_, AppState>) -> Reply<Vec<LedgerView>> {
    state.with(Session::list_ledger)
}

#[tauri::command(async)]
pub fn schedule(state: State<'_, AppState>, fy: Option<String>) -> Reply<ScheduleView> {
    state.with(|s| s.schedule(fy.as_deref()))
}

#[tauri::command(async)]
pub fn dispose(state: State<'_, AppState>, req: DisposalRequest) -> Reply<Vec<DocumentView>> {
    state.with(|s| s.dispose(&req))
}

#[tauri::command(async)]
pub fn contractors(state: State<'_, AppState>) -> Reply<Vec<ContractorView>> {
    state.with(Session::list_contractors)
}

#[tauri::command(async)]
pub fn evaluations_of(state: State<'_, AppState>, contractor: i64) -> Reply<Vec<EvaluationView>> {
    state.with(|s| s.evaluations_of(contractor))
}

#[tauri::command(async)]
pub fn new_evaluation(
    state: State<'_, AppState>,
    contractor: i64,
    re: bool,
) -> Reply<EvaluationView> {
    state.with(|s| s.new_evaluation(contractor, re, None))
}

#[tauri::command(async)]
pub fn set_judgments(state: State<'_, AppState>, req: JudgmentsRequest) -> Reply<EvaluationView> {
    state.with(|s| s.set_judgment_rows(&req))
}

#[tauri::command(async)]
pub fn finalize_evaluation(state: State<'_, AppState>, id: i64) -> Reply<EvaluationView> {
    state.with(|s| s.finalize_evaluation(id))
}

#[tauri::command(async)]
pub fn print(state: State<'_, AppState>, req: PrintRequest) -> Reply<PrintReport> {
    state.with(|s| s.print(&req))
}

#[tauri::command(async)]
pub fn print_recovery_sheet(
    state: State<'_, AppState>,
    req: RecoverySheetRequest,
) -> Reply<PrintReport> {
    state.with(|s| s.print_recovery_sheet(&req))
}

/// A date as typed, read back in full beside its field.
#[tauri::command(async)]
pub fn echo_date(state: State<'_, AppState>, text: String, handling: bool) -> Reply<DateEcho> {
    state.with(|s| s.echo_date(&text, handling))
}

/// Warnings for a text being typed (a character no printed form can draw).
#[tauri::command(async)]
pub fn text_warnings(field: String, text: String) -> Vec<String> {
    kiroku_api::text_warnings(&field, &text)
}

/// 暗号鍵の更新: a new master key, every slot re-wrapped, a new recovery code shown once.
#[tauri::command(async)]
pub fn rotate_key(state: State<'_, AppState>, reason: String) -> Reply<RotationReport> {
    state.with(|s| s.rotate_key(&reason))
}

/// パスワードの変更: the logged-in user's own, after the current one.
#[tauri::command(async)]
pub fn change_password(state: State<'_, AppState>, req: ChangePasswordRequest) -> Reply<()> {
    state.with(|s| s.change_own_password(&req))
}

#[tauri::command(async)]
pub fn audit_search(state: State<'_, AppState>, query: AuditQuery) -> Reply<AuditPage> {
    state.with(|s| s.audit_search(&query))
}

#[tauri::command(async)]
pub fn audit_verify(state: State<'_, AppState>) -> Reply<VerifyReport> {
    state.with(Session::audit_verify)
}

#[tauri::command(async)]
pub fn settings(state: State<'_, AppState>) -> Reply<SettingsView> {
    state.with(|s| s.settings())
}

#[tauri::command(async)]
pub fn set_date_style(state: State<'_, AppState>, style: String) -> Reply<SettingsView> {
    state.with(|s| s.set_date_style(&style))
}

#[tauri::command(async)]
pub fn set_auto_lock_minutes(state: State<'_, AppState>, minutes: u32) -> Reply<SettingsView> {
    let view = state.with(|s| s.set_auto_lock_minutes(minutes))?;
    state.set_idle_minutes(view.auto_lock_minutes);
    Ok(view)
}

/// Opens a PDF that this login printed, or a list it exported, in the OS's program for it
/// (nothing else).
#[tauri::command(async)]
pub fn open_file(state: State<'_, AppState>, path: String) -> Reply<()> {
    crate::open::open(&state.with(|s| s.printed_file(&path))?)
}

/// 「ヘルプ」: opens the 操作マニュアル (PDF) in the OS's viewer; no login needed.
#[tauri::command(async)]
pub fn open_manual(app: tauri::AppHandle) -> Reply<()> {
    crate::open::open(&crate::manual::find(&app)?)
}

#[tauri::command(async)]
pub fn add_user(state: State<'_, AppState>, req: NewUserRequest) -> Reply<UserView> {
    state.with(|s| s.add_user(&req.user, &req.password))
}

#[tauri::command(async)]
pub fn add_affair(state: State<'_, AppState>, req: NewAffairRequest) -> Reply<AffairView> {
    state.with(|s| s.add_affair(&req.name, req.basis.as_deref()))
}

#[tauri::command(async)]
pub fn add_dependent(state: State<'_, AppState>, req: NewDependentRequest) -> Reply<PersonView> {
    state.with(|s| s.add_dependent(req.person, &req.dependent))
}

#[tauri::command(async)]
pub fn add_ledger_entry(state: State<'_, AppState>, entry: NewLedgerEntry) -> Reply<LedgerView> {
    state.with(|s| s.add_ledger_entry(&entry))
}

#[tauri::command(async)]
pub fn rules(state: State<'_, AppState>) -> Reply<Vec<RuleView>> {
    state.with(Session::list_rules)
}

#[tauri::command(async)]
pub fn backup(state: State<'_, AppState>) -> Reply<BackupReport> {
    state.with(Session::backup_beside_vault)
}

#[tauri::command(async)]
pub fn documents(
    state: State<'_, AppState>,
    file: Option<i64>,
    doc_state: Option<String>,
) -> Reply<Vec<DocumentView>> {
    state.with(|s| s.list_documents(file, doc_state.as_deref()))
}

#[tauri::command(async)]
pub fn add_document(state: State<'_, AppState>, document: NewDocument) -> Reply<DocumentView> {
    state.with(|s| s.add_document(&document))
}

/// A form built in memory for the preview: the PDF's bytes, raw (not JSON).
#[tauri::command(async)]
pub fn preview(state: State<'_, AppState>, req: PrintRequest) -> Reply<tauri::ipc::Response> {
    state.with(|s| s.preview(&req).map(|p| tauri::ipc::Response::new(p.pdf)))
}

/// 「印刷する」: the form built in memory for the system print dialog (raw bytes), audited as a
/// print.
#[tauri::command(async)]
pub fn print_dialog(state: State<'_, AppState>, req: PrintRequest) -> Reply<tauri::ipc::Response> {
    state.with(|s| {
        s.print_to_dialog(&req)
            .map(|p| tauri::ipc::Response::new(p.pdf))
    })
}

/// 「このままでよい」: the officer confirms the retention rules as they stand.
#[tauri::command(async)]
pub fn confirm_rules(state: State<'_, AppState>) -> Reply<()> {
    state.with(Session::confirm_rules)
}

#[tauri::command(async)]
pub fn ledger_history(state: State<'_, AppState>, no: i64) -> Reply<Vec<LedgerView>> {
    state.with(|s| s.ledger_history(no))
}

#[tauri::command(async)]
pub fn amend_ledger_entry(
    state: State<'_, AppState>,
    req: AmendLedgerRequest,
) -> Reply<LedgerView> {
    state.with(|s| s.amend_ledger_entry(req.no, &req.reason, &req.changes))
}

#[tauri::command(async)]
pub fn disable_user(state: State<'_, AppState>, id: String) -> Reply<UserView> {
    state.with(|s| s.disable_user(&id))
}

#[tauri::command(async)]
pub fn reset_password(state: State<'_, AppState>, req: ResetPasswordRequest) -> Reply<UserView> {
    state.with(|s| s.reset_password(&req.id, &req.password))
}

/// Where a retention period may start (the rule form's pick-list).
#[tauri::command(async)]
pub fn rule_starts() -> Vec<ChoiceView> {
    kiroku_api::rule_starts()
}

#[tauri::command(async)]
pub fn add_rule(state: State<'_, AppState>, rule: NewRule) -> Reply<RuleView> {
    state.with(|s| s.add_rule(&rule))
}

#[tauri::command(async)]
pub fn edit_rule(state: State<'_, AppState>, req: EditRuleRequest) -> Reply<RuleView> {
    state.with(|s| s.edit_rule(req.id, &req.reason, &req.changes))
}

#[tauri::command(async)]
pub fn rule_history(state: State<'_, AppState>, id: i64) -> Reply<Vec<RuleView>> {
    state.with(|s| s.rule_history(id))
}

#[tauri::command(async)]
pub fn withdraw_event(state: State<'_, AppState>, req: WithdrawEventRequest) -> Reply<EventView> {
    state.with(|s| s.withdraw_event(&req))
}

#[tauri::command(async)]
pub fn person(state: State<'_, AppState>, id: i64) -> Reply<PersonView> {
    state.with(|s| s.person(id))
}

#[tauri::command(async)]
pub fn correct_person(state: State<'_, AppState>, req: PersonCorrection) -> Reply<PersonView> {
    state.with(|s| s.correct_person(&req))
}

#[tauri::command(async)]
pub fn person_history(state: State<'_, AppState>, id: i64) -> Reply<Vec<PersonVersionView>> {
    state.with(|s| s.person_history(id))
}

#[tauri::command(async)]
pub fn person_leave(state: State<'_, AppState>, req: PersonLeaveRequest) -> Reply<PersonView> {
    state.with(|s| s.person_leave(req.person, &req.date))
}

#[tauri::command(async)]
pub fn dependent_leave(
    state: State<'_, AppState>,
    req: DependentLeaveRequest,
) -> Reply<PersonView> {
    state.with(|s| s.dependent_leave(&req))
}

#[tauri::command(async)]
pub fn recover_password(state: State<'_, AppState>, req: RecoverPasswordRequest) -> Reply<()> {
    state.recover_password(&req)
}

/// The backups found beside the app's vault path (choices for 「バックアップから復元」).
#[tauri::command(async)]
pub fn backups_beside(state: State<'_, AppState>) -> Vec<String> {
    kiroku_api::backups_beside(state.vault())
}

#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    req: RestoreFromAppRequest,
) -> Reply<LoginReport> {
    state.restore(req)
}

/// One 委託先 with its contract checklist (契約条項).
#[tauri::command(async)]
pub fn contractor(state: State<'_, AppState>, id: i64) -> Reply<ContractorView> {
    state.with(|s| s.contractor(id))
}

#[tauri::command(async)]
pub fn add_contractor(
    state: State<'_, AppState>,
    contractor: NewContractor,
) -> Reply<ContractorView> {
    state.with(|s| s.add_contractor(&contractor))
}

#[tauri::command(async)]
pub fn update_contractor(
    state: State<'_, AppState>,
    req: ContractorUpdateRequest,
) -> Reply<ContractorView> {
    state.with(|s| s.update_contractor(req.id, &req.changes))
}

#[tauri::command(async)]
pub fn set_clause(state: State<'_, AppState>, req: ClauseRequest) -> Reply<ContractorView> {
    state.with(|s| s.set_clause(req.id, &req.clause, &req.contract, &req.signed_on))
}

#[tauri::command(async)]
pub fn disable_contractor(state: State<'_, AppState>, id: i64) -> Reply<ContractorView> {
    state.with(|s| s.disable_contractor(id))
}

/// 「証明書を受け取った」: a contractor's 廃棄・削除証明書 for documents it disposed of.
#[tauri::command(async)]
pub fn add_certificate(
    state: State<'_, AppState>,
    req: CertificateRequest,
) -> Reply<Vec<DocumentView>> {
    state.with(|s| s.add_certificate(&req))
}

/// 「下書きを破棄」: a draft 評価シート discarded with its reason (officer only).
#[tauri::command(async)]
pub fn discard_evaluation(
    state: State<'_, AppState>,
    req: DiscardEvaluationRequest,
) -> Reply<EvaluationView> {
    state.with(|s| s.discard_evaluation(req.id, &req.reason))
}

/// 「前回と同じ人たち」: the persons of this user's previous entry.
#[tauri::command(async)]
pub fn last_entry_persons(state: State<'_, AppState>) -> Reply<Vec<i64>> {
    state.with(Session::last_entry_persons)
}

/// The rule an acquisition for `affair` most likely files its papers under.
#[tauri::command(async)]
pub fn suggested_rule(state: State<'_, AppState>, affair: String) -> Reply<Option<i64>> {
    state.with(|s| s.suggested_rule(&affair))
}

/// The 保存期限 and 廃棄可能日 a new 保存文書 would get (nothing is saved).
#[tauri::command(async)]
pub fn retention_preview(
    state: State<'_, AppState>,
    req: RetentionPreviewRequest,
) -> Reply<RetentionPreview> {
    state.with(|s| s.retention_preview(&req))
}

/// 「Excelに書き出す」: one list to xlsx or CSV (in 書き出し/ beside the vault), audited.
#[tauri::command(async)]
pub fn export(state: State<'_, AppState>, req: ExportRequest) -> Reply<ExportReport> {
    state.with(|s| s.export(&req))
}

/// What importing a file would do (nothing is changed).
#[tauri::command(async)]
pub fn import_preview(state: State<'_, AppState>, req: ImportRequest) -> Reply<ImportPreview> {
    state.with(|s| s.import_preview(&req))
}

/// 「取り込む」: every row of the file or none, as one import batch.
#[tauri::command(async)]
pub fn import(state: State<'_, AppState>, req: ImportRequest) -> Reply<ImportReport> {
    state.with(|s| s.import(&req))
}

#[tauri::command(async)]
pub fn import_batches(state: State<'_, AppState>) -> Reply<Vec<ImportBatchView>> {
    state.with(Session::import_batches)
}

/// 「この取り込みを取り消す」: an import withdrawn as a whole, with the reason.
#[tauri::command(async)]
pub fn withdraw_import(
    state: State<'_, AppState>,
    req: WithdrawImportRequest,
) -> Reply<ImportBatchView> {
    state.with(|s| s.withdraw_import(&req))
}

/// The names of the saved column mappings (列の対応).
#[tauri::command(async)]
pub fn import_profiles(state: State<'_, AppState>) -> Reply<Vec<String>> {
    state.with(Session::import_profiles)
}

/// 組織の種別 (which rules decide an incident's reporting). Officer only.
#[tauri::command(async)]
pub fn set_body_kind(state: State<'_, AppState>, kind: String) -> Reply<SettingsView> {
    state.with(|s| s.set_body_kind(&kind))
}

/// 事故・漏えい: every incident, newest first.
#[tauri::command(async)]
pub fn incidents(state: State<'_, AppState>) -> Reply<Vec<IncidentSummary>> {
    state.with(Session::list_incidents)
}

#[tauri::command(async)]
pub fn incident(state: State<'_, AppState>, id: i64) -> Reply<IncidentView> {
    state.with(|s| s.incident(id))
}

/// 第一報 (any user who may write records).
#[tauri::command(async)]
pub fn report_incident(state: State<'_, AppState>, new: NewIncident) -> Reply<IncidentView> {
    state.with(|s| s.report_incident(&new))
}

/// 事実確認: the officer's facts, a new version with the reason.
#[tauri::command(async)]
pub fn update_incident(
    state: State<'_, AppState>,
    id: i64,
    changes: IncidentChanges,
) -> Reply<IncidentView> {
    state.with(|s| s.update_incident(id, &changes))
}

/// 判定の確認 (or the officer's own decision, with the reason).
#[tauri::command(async)]
pub fn confirm_incident(
    state: State<'_, AppState>,
    req: ConfirmIncidentRequest,
) -> Reply<IncidentView> {
    state.with(|s| s.confirm_incident(&req))
}

#[tauri::command(async)]
pub fn file_incident_report(
    state: State<'_, AppState>,
    req: FileReportRequest,
) -> Reply<IncidentView> {
    state.with(|s| s.file_incident_report(&req))
}

#[tauri::command(async)]
pub fn notify_incident_persons(
    state: State<'_, AppState>,
    req: NotifyPersonsRequest,
) -> Reply<IncidentView> {
    state.with(|s| s.notify_incident_persons(&req))
}

#[tauri::command(async)]
pub fn close_incident(
    state: State<'_, AppState>,
    req: CloseIncidentRequest,
) -> Reply<IncidentView> {
    state.with(|s| s.close_incident(&req))
}

/// An incident's PDFs (report, letters, notices, 共済組合 様式); `out` empty: 記録票/ beside the vault.
#[tauri::command(async)]
pub fn print_incident(
    state: State<'_, AppState>,
    req: IncidentPrintRequest,
) -> Reply<Vec<PrintReport>> {
    state.with(|s| s.print_incident(&req))
}

/// 年次点検: every check, newest first.
#[tauri::command(async)]
pub fn checks(state: State<'_, AppState>) -> Reply<Vec<CheckSummary>> {
    state.with(Session::list_checks)
}

#[tauri::command(async)]
pub fn check(state: State<'_, AppState>, id: i64) -> Reply<CheckView> {
    state.with(|s| s.check(id))
}

/// 点検を始める (this 年度's, or a 臨時 one).
#[tauri::command(async)]
pub fn new_check(state: State<'_, AppState>, req: NewCheckRequest) -> Reply<CheckView> {
    state.with(|s| s.new_check(&req))
}

#[tauri::command(async)]
pub fn answer_check(state: State<'_, AppState>, req: CheckAnswerRequest) -> Reply<CheckView> {
    state.with(|s| s.answer_check(&req))
}

#[tauri::command(async)]
pub fn add_check_action(state: State<'_, AppState>, req: CheckActionRequest) -> Reply<CheckView> {
    state.with(|s| s.add_check_action(&req))
}

#[tauri::command(async)]
pub fn complete_check_action(
    state: State<'_, AppState>,
    action: i64,
    done: String,
) -> Reply<CheckView> {
    state.with(|s| s.complete_check_action(action, &done))
}

/// 作成 / 確認 / 監査意見 / 決裁, in order and by role.
#[tauri::command(async)]
pub fn sign_check(state: State<'_, AppState>, req: CheckSignRequest) -> Reply<CheckView> {
    state.with(|s| s.sign_check(&req))
}

#[tauri::command(async)]
pub fn add_check_addendum(state: State<'_, AppState>, id: i64, text: String) -> Reply<CheckView> {
    state.with(|s| s.add_check_addendum(id, &text))
}

/// The report as a PDF; `out` empty: 記録票/ beside the vault.
#[tauri::command(async)]
pub fn print_check(state: State<'_, AppState>, req: CheckPrintRequest) -> Reply<PrintReport> {
    state.with(|s| s.print_check(&req))
}

/// しばらく表示しない: a reminder put aside for `days` days.
#[tauri::command(async)]
pub fn dismiss_reminder(state: State<'_, AppState>, key: String, days: Option<u32>) -> Reply<()> {
    state.with(|s| s.dismiss_reminder(&key, days))
}

/// バックアップの催促の日数 and 点検の催促の月. Officer only.
#[tauri::command(async)]
pub fn set_reminder_settings(
    state: State<'_, AppState>,
    backup_every_days: Option<u32>,
    check_by_month: Option<u32>,
) -> Reply<SettingsView> {
    state.with(|s| s.set_reminder_settings(backup_every_days, check_by_month))
}
