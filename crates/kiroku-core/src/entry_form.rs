//! Which fields the entry of each handling kind asks for (the quick-entry screen is drawn
//! from this, so the rule lives here and not in the UI). The labels are the field names the
//! validation errors use, so a message lands beside its field.

use crate::choice::{
    AcquireSource, ChoiceKind, DisposalMethod, IdentityCheck, Recipient, SubmissionMeans,
    TakeOutMeasure,
};
use crate::handling::EventKind;

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    /// One of `choices` (`ID` or `ID:内容`; `other` needs the text).
    Choice,
    /// One or more of `choices`.
    Multi,
    /// はい / いいえ
    YesNo,
    /// A user's login ID.
    User,
    /// A 台帳 NO.
    File,
}

/// One field of an entry form; `key` is the name in the request (`EventFields` or `file`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub input: Input,
    pub required: bool,
    pub choices: Vec<(&'static str, &'static str)>,
}

fn choices<K: ChoiceKind>() -> Vec<(&'static str, &'static str)> {
    K::ALL.iter().map(|k| (k.as_str(), k.label())).collect()
}

fn field(key: &'static str, label: &'static str, input: Input, required: bool) -> FieldSpec {
    FieldSpec {
        key,
        label,
        input,
        required,
        choices: Vec::new(),
    }
}

fn pick<K: ChoiceKind>(key: &'static str, label: &'static str, input: Input) -> FieldSpec {
    FieldSpec {
        choices: choices::<K>(),
        ..field(key, label, input, true)
    }
}

/// The fields of `kind` beyond date, 関係事務, 本人 and 備考, in entry order.
pub fn fields(kind: EventKind) -> Vec<FieldSpec> {
    use EventKind::*;
    use Input::*;
    let (content_label, content_required) = kind.content_field();
    let content = field("content", content_label, Text, content_required);
    match kind {
        Acquire => vec![
            pick::<AcquireSource>("source", "取得元", Choice),
            pick::<IdentityCheck>("method", "本人確認方法", Choice),
            content,
        ],
        Record => vec![field("file", "特定個人情報ファイル", File, true), content],
        Use | Output => vec![content],
        TakeOut => vec![
            field("to", "持出先", Text, true),
            content,
            pick::<TakeOutMeasure>("measures", "安全措置", Multi),
        ],
        Submit => vec![
            pick::<Recipient>("to", "提出先", Choice),
            pick::<SubmissionMeans>("via", "提出方法", Choice),
            content,
        ],
        HandOver => vec![field("sealed", "封緘", YesNo, true), content],
        Dispose => vec![
            content,
            pick::<DisposalMethod>("method", "廃棄・削除の方法", Choice),
            field("contractor", "委託先", Text, false),
        ],
        Delete => vec![
            content,
            pick::<DisposalMethod>("method", "廃棄・削除の方法", Choice),
            field("witness", "確認者", User, true),
        ],
        Certificate => vec![
            field("contractor", "委託先", Text, true),
            field("certificate_no", "証明書番号", Text, true),
        ],
        Refusal => vec![content, field("answer", "回答", Text, true)],
        Correct => vec![
            content,
            field("correction_reason", "訂正理由", Text, true),
            field("requester", "請求者", Text, true),
            field("officer", "責任者", User, true),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handling::EventInput;
    use chrono::NaiveDate;

    /// Filling exactly the required fields of each form (first choice, a text, yes) is a
    /// valid event of that kind: the form and the validation agree.
    #[test]
    fn the_required_fields_of_each_form_make_a_valid_event() {
        let today = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        for kind in EventKind::ALL {
            let specs = fields(kind);
            let value = |key: &str| -> Option<&'static str> {
                specs
                    .iter()
                    .find(|f| f.key == key && f.required)
                    .map(|f| match f.input {
                        Input::Choice | Input::Multi => f.choices[0].0,
                        Input::User => "other-user",
                        _ => "記入",
                    })
            };
            let measures: Vec<String> = value("measures")
                .map(|m| vec![m.to_owned()])
                .unwrap_or_default();
            let input = EventInput {
                kind: kind.as_str(),
                date: "2026-03-31",
                clerk: "clerk",
                has_file: specs.iter().any(|f| f.key == "file"),
                source: value("source"),
                method: value("method"),
                to: value("to"),
                via: value("via"),
                measures: &measures,
                sealed: value("sealed").map(|_| true),
                content: value("content"),
                contractor: value("contractor"),
                certificate_no: value("certificate_no"),
                answer: value("answer"),
                requester: value("requester"),
                correction_reason: value("correction_reason"),
                witness: value("witness"),
                officer: value("officer"),
                note: None,
            };
            let parsed = input.parse(today);
            assert!(parsed.is_ok(), "{kind:?}: {parsed:?}");
        }
    }
}
