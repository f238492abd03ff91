// The single gateway to the Rust side: no other module may import @tauri-apps/* (enforced by
// eslint.config.js). Each function wraps one Tauri command of src-tauri/src/commands.rs; the
// types come from the Rust types (ts-rs, ./bindings).
import { invoke } from '@tauri-apps/api/core';
import type { AffairView } from './bindings/AffairView';
import type { WithdrawEventRequest } from './bindings/WithdrawEventRequest';
import type { PersonCorrection } from './bindings/PersonCorrection';
import type { PersonVersionView } from './bindings/PersonVersionView';
import type { PersonLeaveRequest } from './bindings/PersonLeaveRequest';
import type { DependentLeaveRequest } from './bindings/DependentLeaveRequest';
import type { RecoverPasswordRequest } from './bindings/RecoverPasswordRequest';
import type { RestoreFromAppRequest } from './bindings/RestoreFromAppRequest';
import type { BackupReport } from './bindings/BackupReport';
import type { ChangePasswordRequest } from './bindings/ChangePasswordRequest';
import type { NewAffairRequest } from './bindings/NewAffairRequest';
import type { NewDocument } from './bindings/NewDocument';
import type { NewDependentRequest } from './bindings/NewDependentRequest';
import type { NewLedgerEntry } from './bindings/NewLedgerEntry';
import type { NewPerson } from './bindings/NewPerson';
import type { NewUserRequest } from './bindings/NewUserRequest';
import type { RuleView } from './bindings/RuleView';
import type { AmendEventRequest } from './bindings/AmendEventRequest';
import type { AmendLedgerRequest } from './bindings/AmendLedgerRequest';
import type { ChoiceView } from './bindings/ChoiceView';
import type { EditRuleRequest } from './bindings/EditRuleRequest';
import type { NewRule } from './bindings/NewRule';
import type { ResetPasswordRequest } from './bindings/ResetPasswordRequest';
import type { AuditPage } from './bindings/AuditPage';
import type { AuditQuery } from './bindings/AuditQuery';
import type { ChronologicalRow } from './bindings/ChronologicalRow';
import type { ContractorView } from './bindings/ContractorView';
import type { DashboardView } from './bindings/DashboardView';
import type { DisposalRequest } from './bindings/DisposalRequest';
import type { DocumentView } from './bindings/DocumentView';
import type { ErrorBody } from './bindings/ErrorBody';
import type { EvaluationView } from './bindings/EvaluationView';
import type { EventFormView } from './bindings/EventFormView';
import type { EventQuery } from './bindings/EventQuery';
import type { EventView } from './bindings/EventView';
import type { LifecycleRow } from './bindings/LifecycleRow';
import type { InitResponse } from './bindings/InitResponse';
import type { JudgmentsRequest } from './bindings/JudgmentsRequest';
import type { LedgerView } from './bindings/LedgerView';
import type { LoginReport } from './bindings/LoginReport';
import type { LoginRequest } from './bindings/LoginRequest';
import type { NewEvent } from './bindings/NewEvent';
import type { PersonView } from './bindings/PersonView';
import type { PrintReport } from './bindings/PrintReport';
import type { PrintRequest } from './bindings/PrintRequest';
import type { RecoverySheetRequest } from './bindings/RecoverySheetRequest';
import type { RotationReport } from './bindings/RotationReport';
import type { DateEcho } from './bindings/DateEcho';
import type { ScheduleView } from './bindings/ScheduleView';
import type { SettingsView } from './bindings/SettingsView';
import type { SetupRequest } from './bindings/SetupRequest';
import type { TodayView } from './bindings/TodayView';
import type { UserView } from './bindings/UserView';
import type { VaultState } from './bindings/VaultState';
import type { VerifyReport } from './bindings/VerifyReport';
import type { NewContractor } from './bindings/NewContractor';
import type { ContractorUpdateRequest } from './bindings/ContractorUpdateRequest';
import type { ClauseRequest } from './bindings/ClauseRequest';
import type { CertificateRequest } from './bindings/CertificateRequest';
import type { DiscardEvaluationRequest } from './bindings/DiscardEvaluationRequest';
import type { RetentionPreview } from './bindings/RetentionPreview';
import type { RetentionPreviewRequest } from './bindings/RetentionPreviewRequest';
import type { ExportRequest } from './bindings/ExportRequest';
import type { ExportReport } from './bindings/ExportReport';
import type { ImportRequest } from './bindings/ImportRequest';
import type { ImportPreview } from './bindings/ImportPreview';
import type { ImportReport } from './bindings/ImportReport';
import type { ImportBatchView } from './bindings/ImportBatchView';
import type { WithdrawImportRequest } from './bindings/WithdrawImportRequest';
import type { IncidentSummary } from './bindings/IncidentSummary';
import type { IncidentView } from './bindings/IncidentView';
import type { NewIncident } from './bindings/NewIncident';
import type { IncidentChanges } from './bindings/IncidentChanges';
import type { ConfirmIncidentRequest } from './bindings/ConfirmIncidentRequest';
import type { FileReportRequest } from './bindings/FileReportRequest';
import type { NotifyPersonsRequest } from './bindings/NotifyPersonsRequest';
import type { CloseIncidentRequest } from './bindings/CloseIncidentRequest';
import type { IncidentPrintRequest } from './bindings/IncidentPrintRequest';
import type { CheckSummary } from './bindings/CheckSummary';
import type { CheckView } from './bindings/CheckView';
import type { NewCheckRequest } from './bindings/NewCheckRequest';
import type { CheckAnswerRequest } from './bindings/CheckAnswerRequest';
import type { CheckActionRequest } from './bindings/CheckActionRequest';
import type { CheckSignRequest } from './bindings/CheckSignRequest';
import type { CheckPrintRequest } from './bindings/CheckPrintRequest';

/**
 * What crosses the IPC is JSON: a Rust i64 (`bigint` in the bindings) arrives and leaves as
 * a number (IDs and counts stay far below 2^53).
 */
export type Json<T> = T extends bigint
  ? number
  : T extends Array<infer U>
    ? Array<Json<U>>
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** A refused command: the Japanese message, its code, and the field it names. */
export class IpcError extends Error {
  readonly code: string;
  readonly field: string | null;
  constructor(body: ErrorBody) {
    super(body.message);
    this.code = body.code;
    this.field = body.field;
  }
}

function toIpcError(e: unknown): IpcError {
  if (e && typeof e === 'object' && 'message' in e && 'code' in e) {
    return new IpcError(e as ErrorBody);
  }
  return new IpcError({ code: 'io', message: `予期しないエラー: ${String(e)}`, field: null });
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<Json<T>> {
  try {
    return await invoke<Json<T>>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

export type Wire<T> = Json<T>;

export const api = {
  vaultState: () => call<VaultState>('vault_state'),
  eventForms: () => call<EventFormView[]>('event_forms'),
  setup: (req: Json<SetupRequest>) => call<InitResponse>('setup', { req }),
  login: (req: Json<LoginRequest>) => call<LoginReport>('login', { req }),
  lock: () => call<null>('lock'),
  today: () => call<TodayView>('today'),
  dashboard: () => call<DashboardView>('dashboard'),
  events: (query: Json<EventQuery>) => call<ChronologicalRow[]>('events', { query }),
  /** The 取扱記録表 rows (one per 関係事務 × 本人 × 扶養家族), e.g. one person's. */
  lifecycle: (query: Json<EventQuery>) => call<LifecycleRow[]>('lifecycle', { query }),
  addEvents: (event: Json<NewEvent>) => call<EventView[]>('add_events', { event }),
  amendEvent: (req: Json<AmendEventRequest>) => call<EventView>('amend_event', { req }),
  eventHistory: (id: number) => call<EventView[]>('event_history', { id }),
  persons: () => call<PersonView[]>('persons'),
  affairs: () => call<AffairView[]>('affairs'),
  users: () => call<UserView[]>('users'),
  ledger: () => call<LedgerView[]>('ledger'),
  schedule: (fy: string | null) => call<ScheduleView>('schedule', { fy }),
  dispose: (req: Json<DisposalRequest>) => call<DocumentView[]>('dispose', { req }),
  contractors: () => call<ContractorView[]>('contractors'),
  evaluationsOf: (contractor: number) =>
    call<EvaluationView[]>('evaluations_of', { contractor }),
  newEvaluation: (contractor: number, re: boolean) =>
    call<EvaluationView>('new_evaluation', { contractor, re }),
  setJudgments: (req: Json<JudgmentsRequest>) => call<EvaluationView>('set_judgments', { req }),
  finalizeEvaluation: (id: number) => call<EvaluationView>('finalize_evaluation', { id }),
  print: (req: Json<PrintRequest>) => call<PrintReport>('print', { req }),
  printRecoverySheet: (req: Json<RecoverySheetRequest>) =>
    call<PrintReport>('print_recovery_sheet', { req }),
  auditSearch: (query: Json<AuditQuery>) => call<AuditPage>('audit_search', { query }),
  /** The 操作マニュアル (PDF) in the OS's viewer; needs no login. */
  openManual: () => call<null>('open_manual'),
  auditVerify: () => call<VerifyReport>('audit_verify'),
  settings: () => call<SettingsView>('settings'),
  setDateStyle: (style: string) => call<SettingsView>('set_date_style', { style }),
  setAutoLockMinutes: (minutes: number) =>
    call<SettingsView>('set_auto_lock_minutes', { minutes }),
  openFile: (path: string) => call<null>('open_file', { path }),
  rotateKey: (reason: string) => call<RotationReport>('rotate_key', { reason }),
  changePassword: (req: Json<ChangePasswordRequest>) => call<null>('change_password', { req }),
  echoDate: (text: string, handling: boolean) => call<DateEcho>('echo_date', { text, handling }),
  textWarnings: (field: string, text: string) => call<string[]>('text_warnings', { field, text }),
  addPerson: (person: Json<NewPerson>) => call<PersonView>('add_person', { person }),
  addDependent: (req: Json<NewDependentRequest>) => call<PersonView>('add_dependent', { req }),
  addUser: (req: Json<NewUserRequest>) => call<UserView>('add_user', { req }),
  addAffair: (req: Json<NewAffairRequest>) => call<AffairView>('add_affair', { req }),
  addLedgerEntry: (entry: Json<NewLedgerEntry>) => call<LedgerView>('add_ledger_entry', { entry }),
  rules: () => call<RuleView[]>('rules'),
  backup: () => call<BackupReport>('backup'),
  documents: (file: number | null, docState: string | null) =>
    call<DocumentView[]>('documents', { file, docState }),
  addDocument: (document: Json<NewDocument>) => call<DocumentView>('add_document', { document }),
  /** The form's PDF built in memory (raw bytes, nothing saved) for the preview. */
  preview: async (req: Json<PrintRequest>): Promise<ArrayBuffer> => {
    try {
      return await invoke<ArrayBuffer>('preview', { req });
    } catch (e) {
      throw toIpcError(e);
    }
  },
  /**
   * 「印刷する」: the form's PDF built in memory (raw bytes) for the system print dialog,
   * audited as a print of that form (nothing saved).
   */
  printDialog: async (req: Json<PrintRequest>): Promise<ArrayBuffer> => {
    try {
      return await invoke<ArrayBuffer>('print_dialog', { req });
    } catch (e) {
      throw toIpcError(e);
    }
  },
  /** 「このままでよい」: the officer confirms the retention rules as they stand. */
  confirmRules: () => call<null>('confirm_rules'),
  ledgerHistory: (no: number) => call<LedgerView[]>('ledger_history', { no }),
  amendLedgerEntry: (req: Json<AmendLedgerRequest>) =>
    call<LedgerView>('amend_ledger_entry', { req }),
  disableUser: (id: string) => call<UserView>('disable_user', { id }),
  resetPassword: (req: Json<ResetPasswordRequest>) => call<UserView>('reset_password', { req }),
  ruleStarts: () => call<ChoiceView[]>('rule_starts'),
  addRule: (rule: Json<NewRule>) => call<RuleView>('add_rule', { rule }),
  editRule: (req: Json<EditRuleRequest>) => call<RuleView>('edit_rule', { req }),
  ruleHistory: (id: number) => call<RuleView[]>('rule_history', { id }),
  withdrawEvent: (req: Json<WithdrawEventRequest>) => call<EventView>('withdraw_event', { req }),
  person: (id: number) => call<PersonView>('person', { id }),
  correctPerson: (req: Json<PersonCorrection>) => call<PersonView>('correct_person', { req }),
  personHistory: (id: number) => call<PersonVersionView[]>('person_history', { id }),
  personLeave: (req: Json<PersonLeaveRequest>) => call<PersonView>('person_leave', { req }),
  dependentLeave: (req: Json<DependentLeaveRequest>) =>
    call<PersonView>('dependent_leave', { req }),
  recoverPassword: (req: Json<RecoverPasswordRequest>) => call<null>('recover_password', { req }),
  backupsBeside: () => call<string[]>('backups_beside'),
  restoreBackup: (req: Json<RestoreFromAppRequest>) =>
    call<LoginReport>('restore_backup', { req }),
  contractor: (id: number) => call<ContractorView>('contractor', { id }),
  addContractor: (contractor: Json<NewContractor>) =>
    call<ContractorView>('add_contractor', { contractor }),
  updateContractor: (req: Json<ContractorUpdateRequest>) =>
    call<ContractorView>('update_contractor', { req }),
  setClause: (req: Json<ClauseRequest>) => call<ContractorView>('set_clause', { req }),
  disableContractor: (id: number) => call<ContractorView>('disable_contractor', { id }),
  addCertificate: (req: Json<CertificateRequest>) =>
    call<DocumentView[]>('add_certificate', { req }),
  discardEvaluation: (req: Json<DiscardEvaluationRequest>) =>
    call<EvaluationView>('discard_evaluation', { req }),
  /** 「前回と同じ人たち」: the persons of this user's previous entry. */
  lastEntryPersons: () => call<number[]>('last_entry_persons'),
  /** The rule (ID) an acquisition for `affair` (ID or name) most likely files its papers under. */
  suggestedRule: (affair: string) => call<number | null>('suggested_rule', { affair }),
  retentionPreview: (req: Json<RetentionPreviewRequest>) =>
    call<RetentionPreview>('retention_preview', { req }),
  /** 「Excelに書き出す」: one list to xlsx or CSV (empty `out`: 書き出し/ beside the vault). */
  exportList: (req: Json<ExportRequest>) => call<ExportReport>('export', { req }),
  /** What importing a file would do (nothing is changed). */
  importPreview: (req: Json<ImportRequest>) => call<ImportPreview>('import_preview', { req }),
  /** 「取り込む」: every row of the file or none, as one import batch. */
  importFile: (req: Json<ImportRequest>) => call<ImportReport>('import', { req }),
  /** 取り込み履歴: every import, newest first. */
  importBatches: () => call<ImportBatchView[]>('import_batches'),
  /** An import withdrawn as a whole, with the reason. */
  withdrawImport: (req: Json<WithdrawImportRequest>) =>
    call<ImportBatchView>('withdraw_import', { req }),
  /** The names of the saved column mappings (列の対応). */
  importProfiles: () => call<string[]>('import_profiles'),
  /** 組織の種別 (officer only). */
  setBodyKind: (kind: string) => call<SettingsView>('set_body_kind', { kind }),
  /** 事故・漏えい: every incident, newest first. */
  incidents: () => call<IncidentSummary[]>('incidents'),
  incident: (id: number) => call<IncidentView>('incident', { id }),
  /** 第一報 (any user who may write records). */
  reportIncident: (incident: Json<NewIncident>) => call<IncidentView>('report_incident', { new: incident }),
  /** 事実確認 (officer): only the fields given change; a new version with the reason. */
  updateIncident: (id: number, changes: Json<IncidentChanges>) =>
    call<IncidentView>('update_incident', { id, changes }),
  confirmIncident: (req: Json<ConfirmIncidentRequest>) => call<IncidentView>('confirm_incident', { req }),
  fileIncidentReport: (req: Json<FileReportRequest>) => call<IncidentView>('file_incident_report', { req }),
  notifyIncidentPersons: (req: Json<NotifyPersonsRequest>) =>
    call<IncidentView>('notify_incident_persons', { req }),
  closeIncident: (req: Json<CloseIncidentRequest>) => call<IncidentView>('close_incident', { req }),
  /** An incident's PDFs into 記録票/ beside the vault (letters: one file per person). */
  printIncident: (req: Json<IncidentPrintRequest>) => call<PrintReport[]>('print_incident', { req }),
  /** 年次点検: every check, newest first. */
  checks: () => call<CheckSummary[]>('checks'),
  check: (id: number) => call<CheckView>('check', { id }),
  /** 点検を始める (this 年度's, or a 臨時 one). */
  newCheck: (req: Json<NewCheckRequest>) => call<CheckView>('new_check', { req }),
  answerCheck: (req: Json<CheckAnswerRequest>) => call<CheckView>('answer_check', { req }),
  addCheckAction: (req: Json<CheckActionRequest>) => call<CheckView>('add_check_action', { req }),
  /** 改善措置の完了 (`done` empty: today). */
  completeCheckAction: (action: number, done: string) =>
    call<CheckView>('complete_check_action', { action, done }),
  /** 作成 / 確認 / 監査意見 / 決裁, in order and by role. */
  signCheck: (req: Json<CheckSignRequest>) => call<CheckView>('sign_check', { req }),
  addCheckAddendum: (id: number, text: string) => call<CheckView>('add_check_addendum', { id, text }),
  /** The report as a PDF into 記録票/ beside the vault. */
  printCheck: (req: Json<CheckPrintRequest>) => call<PrintReport>('print_check', { req }),
  /** しばらく表示しない (default 7 days). */
  dismissReminder: (key: string, days: number | null) => call<null>('dismiss_reminder', { key, days }),
  /** バックアップの催促の日数 and 点検の催促の月 (officer only). */
  setReminderSettings: (backupEveryDays: number | null, checkByMonth: number | null) =>
    call<SettingsView>('set_reminder_settings', { backupEveryDays, checkByMonth }),
};

export type Api = typeof api;
