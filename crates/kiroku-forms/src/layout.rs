//! Form layouts as data: one TOML file per form in `forms/` at the top of the repository,
//! compiled in. A layout names the form, its paper, its seal boxes, its tables' columns
//! (title, width, alignment) and its fixed texts; the sheet builders fill them with values.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::document::{Align, Column, Orientation};
use crate::FormError;

/// Every form Kiroku prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// 取扱記録表 (別紙1, one row per 関係事務 × 本人 × 扶養家族)
    Lifecycle,
    /// 運用状況記録票 (別紙1, one row per event)
    Chronological,
    /// 特定個人情報管理台帳 (別紙2)
    Ledger,
    /// 特定個人情報等取扱業務委託先評価シート (別紙3)
    Evaluation,
    /// 廃棄予定一覧 兼 廃棄記録簿
    Disposal,
    /// 復旧用キー
    Recovery,
    /// 特定個人情報の漏えい等に関する報告 (the nine items, a draft)
    IncidentReport,
    /// 本人への通知 (one letter per person)
    IncidentLetter,
    /// 本人への通知の記録 (who was notified, how, when)
    IncidentNotices,
    /// 共済組合 様式第1号 事態報告書 (to the 理事長)
    KyosaiSituationReport,
    /// 共済組合 様式第2号 事故報告書 (to the 連合会)
    KyosaiAccidentReport,
    /// 取扱状況の点検（監査）結果報告書
    Check,
}

impl FormKind {
    pub const ALL: [FormKind; 12] = [
        FormKind::Lifecycle,
        FormKind::Chronological,
        FormKind::Ledger,
        FormKind::Evaluation,
        FormKind::Disposal,
        FormKind::Recovery,
        FormKind::IncidentReport,
        FormKind::IncidentLetter,
        FormKind::IncidentNotices,
        FormKind::KyosaiSituationReport,
        FormKind::KyosaiAccidentReport,
        FormKind::Check,
    ];

    /// The file name in `forms/` (without `.toml`); also the CLI's name of the form.
    pub fn name(self) -> &'static str {
        match self {
            FormKind::Lifecycle => "lifecycle",
            FormKind::Chronological => "chronological",
            FormKind::Ledger => "ledger",
            FormKind::Evaluation => "evaluation",
            FormKind::Disposal => "disposal",
            FormKind::Recovery => "recovery",
            FormKind::IncidentReport => "incident_report",
            FormKind::IncidentLetter => "incident_letter",
            FormKind::IncidentNotices => "incident_notices",
            FormKind::KyosaiSituationReport => "incident_kyosai1",
            FormKind::KyosaiAccidentReport => "incident_kyosai2",
            FormKind::Check => "check",
        }
    }

    fn source(self) -> &'static str {
        match self {
            FormKind::Lifecycle => include_str!("../../../forms/lifecycle.toml"),
            FormKind::Chronological => include_str!("../../../forms/chronological.toml"),
            FormKind::Ledger => include_str!("../../../forms/ledger.toml"),
            FormKind::Evaluation => include_str!("../../../forms/evaluation.toml"),
            FormKind::Disposal => include_str!("../../../forms/disposal.toml"),
            FormKind::Recovery => include_str!("../../../forms/recovery.toml"),
            FormKind::IncidentReport => include_str!("../../../forms/incident_report.toml"),
            FormKind::IncidentLetter => include_str!("../../../forms/incident_letter.toml"),
            FormKind::IncidentNotices => include_str!("../../../forms/incident_notices.toml"),
            FormKind::KyosaiSituationReport => include_str!("../../../forms/incident_kyosai1.toml"),
            FormKind::KyosaiAccidentReport => include_str!("../../../forms/incident_kyosai2.toml"),
            FormKind::Check => include_str!("../../../forms/check.toml"),
        }
    }

    /// The layout of this form, read from its file.
    pub fn layout(self) -> Result<FormLayout, FormError> {
        toml::from_str(self.source()).map_err(|e| FormError::Layout {
            form: self.name(),
            detail: e.message().to_owned(),
        })
    }
}

/// One form file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormLayout {
    pub title: String,
    pub form_no: Option<String>,
    pub orientation: Orientation,
    #[serde(default)]
    pub seals: Vec<String>,
    /// Text size of the tables, in points (default 9).
    pub size_pt: Option<f32>,
    /// Named tables; a plain list form has one, `main`.
    #[serde(default)]
    pub tables: BTreeMap<String, Vec<ColumnLayout>>,
    /// Named fixed texts (headings, notes, instructions).
    #[serde(default)]
    pub texts: BTreeMap<String, String>,
}

/// A column as the form file gives it; `key` names the value of a [`crate::Record`] it shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnLayout {
    pub key: String,
    pub title: String,
    pub width_mm: f32,
    #[serde(default)]
    pub align: Align,
    #[serde(default)]
    pub shaded: bool,
    /// What the column's values are, for a spreadsheet export (the PDF prints them as text).
    #[serde(default)]
    pub cell: CellKind,
}

/// What a column holds: written as a number or a real date in a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    #[default]
    Text,
    Number,
    /// A date as the office writes it (和暦 or 西暦); an empty value is no date.
    Date,
}

impl ColumnLayout {
    pub fn column(&self) -> Column {
        Column {
            title: self.title.clone(),
            width_mm: self.width_mm,
            align: self.align,
            shaded: self.shaded,
        }
    }
}

impl FormLayout {
    /// The columns of table `name` (`main` for a list form).
    pub fn table(&self, form: FormKind, name: &str) -> Result<&[ColumnLayout], FormError> {
        self.tables
            .get(name)
            .map(Vec::as_slice)
            .ok_or_else(|| FormError::Layout {
                form: form.name(),
                detail: format!("表 {name} がありません"),
            })
    }

    pub(crate) fn text(&self, form: FormKind, name: &str) -> Result<&str, FormError> {
        self.texts
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| FormError::Layout {
                form: form.name(),
                detail: format!("文 {name} がありません"),
            })
    }
}
