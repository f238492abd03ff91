//! The entry forms of the handling log as data (one per kind of handling, with its fields and
//! pick-lists), and the echoes shown beside a field while it is typed (dates read back in
//! full, characters no printed form can draw).

use crate::{ApiError, Session};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to tell the person typing into a text field before it is saved (a character no printed
/// form can draw), shown beside the field as they type. The same warnings the command line
/// prints as 「注意: …」.
pub fn text_warnings(field: &str, text: &str) -> Vec<String> {
    kiroku_core::glyphs::entry_warning(field, text)
        .into_iter()
        .collect()
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
}
