//! The desktop app's requests and views: what it asks before anyone logs in, the first-run
//! setup, the dashboard, and the request shapes of commands that take several values.
//! (The app's commands translate these one to one; no rule lives in the app.)

use std::path::Path;

use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::recovery_code::RecoveryCode;
use kiroku_core::FieldError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::contractor_views::DueItem;
use crate::log_views::{ChronologicalRow, EventChanges, EventQuery};
use crate::print::{recovery_sheet, write_recovery_sheet};
use crate::{ApiError, InitRequest, OfficeTemplate, PrintReport, Session};

/// The vault the app was pointed at (`KIROKU_VAULT` or the default), before login.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VaultState {
    pub path: String,
    /// False: the first-run setup is shown.
    pub exists: bool,
}

pub fn vault_state(path: &Path) -> VaultState {
    VaultState {
        path: path.display().to_string(),
        exists: path.exists(),
    }
}

/// 初回セットアップ: the office and its first officer.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetupRequest {
    pub org_name: String,
    /// `jimukumiai` | `roudouhoken` | `kyosai`
    pub template: String,
    pub officer_id: String,
    pub officer_name: String,
    pub officer_dept: Option<String>,
    pub password: String,
}

impl SetupRequest {
    pub fn into_init(self, vault: &Path) -> Result<InitRequest, ApiError> {
        let template = OfficeTemplate::parse(&self.template).ok_or_else(|| {
            FieldError::new(
                "事務所の種類",
                "事務組合、労働保険事務組合、共済組合のいずれかを選んでください。",
            )
        })?;
        Ok(InitRequest {
            vault: vault.to_owned(),
            org_name: self.org_name,
            officer_id: self.officer_id,
            officer_name: self.officer_name,
            officer_dept: self.officer_dept,
            password: Zeroizing::new(self.password),
            template,
            recovery_pdf: None,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LoginRequest {
    pub user: String,
    pub password: String,
    /// The officer knowingly opens a vault file older than the audit head recorded outside it.
    #[serde(default)]
    pub accept_older_vault: bool,
}

/// A correction of an event (訂正), with its reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AmendEventRequest {
    pub id: i64,
    pub reason: String,
    pub changes: EventChanges,
}

/// One row of the evaluation grid: item (1–20), A/B/C/—, and the improvement for a B.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct JudgmentInput {
    pub item: String,
    pub judgment: String,
    pub improvement: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct JudgmentsRequest {
    pub id: i64,
    pub judgments: Vec<JudgmentInput>,
}

/// The 復旧用キー sheet printed from the setup screen, from the code it showed once.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecoverySheetRequest {
    pub code: String,
    /// Empty: `帳票/` beside the vault.
    pub out: String,
}

/// ダッシュボード: what needs doing.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DashboardView {
    pub org_name: String,
    pub fy_label: String,
    /// 「今年度廃棄予定 N件 / 期限超過 M件」
    pub disposal_headline: String,
    pub disposal_due: u32,
    pub disposal_overdue: u32,
    /// 証明書待ち
    pub awaiting_certificate: u32,
    /// 再評価・P マーク・改善確認・証明書 (60 days ahead)
    pub contractors_due: Vec<DueItem>,
    /// 今年度の取扱記録の件数
    pub events_this_year: u32,
    /// 最近の記録 (newest first, at most 10)
    pub recent: Vec<ChronologicalRow>,
}

/// Today as the office counts it (JST), for the screens' defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TodayView {
    /// `2026-04-01`
    pub date: String,
    pub date_label: String,
    /// This 年度 as the filters take it (`2026`).
    pub fy: String,
    pub fy_label: String,
}

/// What to tell the person typing into a text field before it is saved (a character no printed
/// form can draw), shown beside the field as they type. The same warnings the command line
/// prints as 「注意: …」.
pub fn text_warnings(field: &str, text: &str) -> Vec<String> {
    kiroku_core::glyphs::entry_warning(field, text)
        .into_iter()
        .collect()
}

impl Session {
    /// A date as typed, read back in full (「令和7年4月1日 (2025-04-01)」) beside the field, or
    /// the refusal the save would give. `handling`: the date of a handling (not before the
    /// 個人番号 were notified, not after tomorrow).
    pub fn echo_date(&self, text: &str, handling: bool) -> Result<crate::DateEcho, ApiError> {
        Ok(if handling {
            kiroku_core::wareki::read_handling_input("日付", text, self.today())?
        } else {
            kiroku_core::wareki::read_input("日付", text)?
        })
    }

    pub fn today_view(&self) -> Result<TodayView, ApiError> {
        let today = self.today();
        let style = crate::settings::date_style(self.vault.conn())?;
        let fy = FiscalYear::containing(today);
        Ok(TodayView {
            date: today.to_string(),
            date_label: style.format(today),
            fy: fy.0.to_string(),
            fy_label: fy.label(),
        })
    }

    /// The dashboard of this 年度.
    pub fn dashboard(&mut self) -> Result<DashboardView, ApiError> {
        let fy = FiscalYear::containing(self.today());
        let schedule = self.schedule(None)?;
        let contractors_due = self.contractors_due(60)?;
        let this_year = EventQuery {
            fy: Some(fy.0.to_string()),
            ..EventQuery::default()
        };
        let events_this_year = self.count_events(&this_year)?;
        // The last month is enough for the ten most recent in a working office; the whole
        // year only when it is quiet.
        let last_month = EventQuery {
            from: Some((self.today() - chrono::Days::new(31)).to_string()),
            ..EventQuery::default()
        };
        let mut recent = self.chronological(&last_month)?;
        if recent.len() < 10 {
            recent = self.chronological(&this_year)?;
        }
        recent.reverse();
        recent.truncate(10);
        Ok(DashboardView {
            org_name: self.org_name()?,
            fy_label: fy.label(),
            disposal_headline: schedule.headline,
            disposal_due: u32::try_from(schedule.due.len()).unwrap_or(u32::MAX),
            disposal_overdue: u32::try_from(schedule.overdue.len()).unwrap_or(u32::MAX),
            awaiting_certificate: u32::try_from(schedule.awaiting_certificate.len())
                .unwrap_or(u32::MAX),
            contractors_due,
            events_this_year,
            recent,
        })
    }

    /// The evaluation grid saved in one step (all pairs checked before any is kept).
    pub fn set_judgment_rows(
        &mut self,
        req: &JudgmentsRequest,
    ) -> Result<crate::EvaluationView, ApiError> {
        let judgments: Vec<(String, String)> = req
            .judgments
            .iter()
            .filter(|j| !j.judgment.trim().is_empty())
            .map(|j| (j.item.clone(), j.judgment.clone()))
            .collect();
        let improvements: Vec<(String, String)> = req
            .judgments
            .iter()
            .filter_map(|j| {
                j.improvement
                    .as_ref()
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| (j.item.clone(), t.clone()))
            })
            .collect();
        self.set_judgments(req.id, &judgments, &improvements)
    }

    /// Prints the 復旧用キー sheet of this vault from the code shown at setup (officer only;
    /// the code's check characters are verified first).
    pub fn print_recovery_sheet(
        &mut self,
        req: &RecoverySheetRequest,
    ) -> Result<PrintReport, ApiError> {
        self.require_officer("復旧用キーの印刷")?;
        let code = RecoveryCode::parse(&req.code)?;
        let org = self.org_name()?;
        let out = if req.out.trim().is_empty() {
            crate::print::default_out(self.vault_path(), "復旧用キー", self.env.clock.now())?
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

/// A choice of a pick-list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChoiceView {
    pub id: String,
    pub label: String,
}

/// One field of a quick-entry form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldView {
    /// The name in `EventFields` (or `file` for the 台帳 NO.).
    pub key: String,
    /// The field's name, as validation messages give it.
    pub label: String,
    /// `text` | `choice` | `multi` | `yes_no` | `user` | `file`
    pub input: String,
    pub required: bool,
    pub choices: Vec<ChoiceView>,
}

/// The quick-entry form of one kind of handling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventFormView {
    pub kind: String,
    pub label: String,
    pub fields: Vec<FieldView>,
}

/// The entry form of every kind, in the order of DOMAIN.md §3.
pub fn event_forms() -> Vec<EventFormView> {
    use kiroku_core::entry_form::{fields, Input};
    use kiroku_core::handling::EventKind;
    EventKind::ALL
        .iter()
        .map(|&kind| EventFormView {
            kind: kind.as_str().to_owned(),
            label: kind.label().to_owned(),
            fields: fields(kind)
                .into_iter()
                .map(|f| FieldView {
                    key: f.key.to_owned(),
                    label: f.label.to_owned(),
                    input: match f.input {
                        Input::Text => "text",
                        Input::Choice => "choice",
                        Input::Multi => "multi",
                        Input::YesNo => "yes_no",
                        Input::User => "user",
                        Input::File => "file",
                    }
                    .to_owned(),
                    required: f.required,
                    choices: f
                        .choices
                        .into_iter()
                        .map(|(id, label)| ChoiceView {
                            id: id.to_owned(),
                            label: label.to_owned(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// 利用者の追加 from the settings screen.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewUserRequest {
    pub user: crate::NewUser,
    pub password: String,
}

/// 関係事務の追加.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewAffairRequest {
    pub name: String,
    pub basis: Option<String>,
}

/// 扶養家族の追加.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewDependentRequest {
    pub person: i64,
    pub dependent: crate::NewDependent,
}

impl Session {
    /// バックアップ from the app: `バックアップ/<vault>_<date-time>.kiroku-backup` beside the
    /// vault (never overwriting), verified after writing.
    pub fn backup_beside_vault(&mut self) -> Result<crate::BackupReport, ApiError> {
        let vault = self.vault_path().to_owned();
        let stem = vault
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "kiroku".into());
        let out = crate::beside_vault::file_beside_vault(
            &vault,
            "バックアップ",
            &stem,
            "kiroku-backup",
            self.env.clock.now(),
        )?;
        self.backup(&out)
    }
}

/// A correction of a 台帳 entry (訂正), with its reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AmendLedgerRequest {
    pub no: i64,
    pub reason: String,
    pub changes: crate::LedgerChanges,
}

/// A change of a retention rule (保存期間のルール), with its reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EditRuleRequest {
    pub id: i64,
    pub reason: String,
    pub changes: crate::RuleChanges,
}

/// A new password for another user (パスワードの再設定).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResetPasswordRequest {
    pub id: String,
    pub password: String,
}

/// Where a retention period may start (起算点), for the rule form's pick-list.
pub fn rule_starts() -> Vec<ChoiceView> {
    kiroku_core::period::StartKind::ALL
        .iter()
        .map(|k| ChoiceView {
            id: k.as_str().to_owned(),
            label: k.label().to_owned(),
        })
        .collect()
}
