//! The details of a handling event as typed: the one list of them. The API takes them in its
//! requests, the entry forms name them by key ([`crate::entry_form`]), and this module turns
//! them into the validation's input and back from validated facts. A new detail is added
//! here, to [`EventInput`] and to its entry form; everything else follows.

use serde::{Deserialize, Serialize};

use crate::entry_form::fields;
use crate::handling::{EventDetails, EventFacts, EventInput, EventKind};

/// The details of an event; which are needed depends on the kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EventFields {
    /// 取得元 (acquire): `person` | `agent` | `employer` | `jlis` | `other:…`
    pub source: Option<String>,
    /// 本人確認方法 (acquire) or 廃棄・削除の方法 (dispose, delete).
    pub method: Option<String>,
    /// 提出先 (submit: `tax_office:○○税務署` …) or 持出先 (take_out, free text).
    pub to: Option<String>,
    /// 提出方法 (submit): `e_filing` | `registered_mail` | `sealed_hand_carry` | …
    pub via: Option<String>,
    /// 安全措置 (take_out): `seal`, `tracked_mail`, `encryption`, `password`, `locked_case`, `other:…`
    pub measures: Vec<String>,
    /// 封緘 (hand_over).
    pub sealed: Option<bool>,
    /// 内容: 利用の内容, 出力したもの, 持出しの目的, 廃棄・削除したもの, 求めた内容, 訂正等の内容.
    pub content: Option<String>,
    /// 委託先 (dispose by a contractor, certificate).
    pub contractor: Option<String>,
    /// 証明書番号 (certificate).
    pub certificate_no: Option<String>,
    /// 回答 (refusal).
    pub answer: Option<String>,
    /// 請求者 (correct).
    pub requester: Option<String>,
    /// 訂正理由 (correct).
    pub correction_reason: Option<String>,
    /// 確認者 (delete): login ID of a user other than the clerk.
    pub witness: Option<String>,
    /// 責任者 (correct): login ID of an officer.
    pub officer: Option<String>,
    /// 備考
    pub note: Option<String>,
}

impl EventFields {
    /// The validation's input for an event of `kind` on `date` by `clerk` with these details;
    /// `has_file`: a 特定個人情報ファイル is named.
    pub fn input<'a>(
        &'a self,
        kind: &'a str,
        date: &'a str,
        clerk: &'a str,
        has_file: bool,
    ) -> EventInput<'a> {
        EventInput {
            kind,
            date,
            clerk,
            has_file,
            source: self.source.as_deref(),
            method: self.method.as_deref(),
            to: self.to.as_deref(),
            via: self.via.as_deref(),
            measures: &self.measures,
            sealed: self.sealed,
            content: self.content.as_deref(),
            contractor: self.contractor.as_deref(),
            certificate_no: self.certificate_no.as_deref(),
            answer: self.answer.as_deref(),
            requester: self.requester.as_deref(),
            correction_reason: self.correction_reason.as_deref(),
            witness: self.witness.as_deref(),
            officer: self.officer.as_deref(),
            note: self.note.as_deref(),
        }
    }

    /// The details of stored facts, as the forms take them back.
    pub fn from_facts(facts: &EventFacts) -> Self {
        let mut f = EventFields {
            content: facts.content.clone(),
            note: facts.note.clone(),
            ..EventFields::default()
        };
        match &facts.details {
            EventDetails::Acquire {
                source,
                identity_check,
            } => {
                f.source = Some(source.to_input());
                f.method = Some(identity_check.to_input());
            }
            EventDetails::Record | EventDetails::Use | EventDetails::Output => {}
            EventDetails::TakeOut {
                destination,
                measures,
            } => {
                f.to = Some(destination.clone());
                f.measures = measures.iter().map(|m| m.to_input()).collect();
            }
            EventDetails::Submit { recipient, means } => {
                f.to = Some(recipient.to_input());
                f.via = Some(means.to_input());
            }
            EventDetails::HandOver { sealed } => f.sealed = Some(*sealed),
            EventDetails::Dispose { method, contractor } => {
                f.method = Some(method.to_input());
                f.contractor.clone_from(contractor);
            }
            EventDetails::Delete { method, witness } => {
                f.method = Some(method.to_input());
                f.witness = Some(witness.clone());
            }
            EventDetails::Certificate {
                contractor,
                certificate_no,
            } => {
                f.contractor = Some(contractor.clone());
                f.certificate_no = Some(certificate_no.clone());
            }
            EventDetails::Refusal { answer } => f.answer = Some(answer.clone()),
            EventDetails::Correct {
                reason,
                requester,
                officer,
            } => {
                f.correction_reason = Some(reason.clone());
                f.requester = Some(requester.clone());
                f.officer = Some(officer.clone());
            }
        }
        f
    }

    /// These details as a record of `kind` takes them: a detail that only other kinds take is
    /// dropped (a correction that changes the kind leaves none of the old kind's behind, even
    /// the 安全措置 or 封緘 a correction cannot clear); 内容 and 備考 stay.
    pub fn kept_for(&self, kind: EventKind) -> EventFields {
        let keys: Vec<&str> = fields(kind).iter().map(|f| f.key).collect();
        let asks = |key: &str| keys.contains(&key);
        let keep = |key: &str, v: &Option<String>| if asks(key) { v.clone() } else { None };
        EventFields {
            source: keep("source", &self.source),
            method: keep("method", &self.method),
            to: keep("to", &self.to),
            via: keep("via", &self.via),
            measures: if asks("measures") {
                self.measures.clone()
            } else {
                Vec::new()
            },
            sealed: if asks("sealed") { self.sealed } else { None },
            content: self.content.clone(),
            contractor: keep("contractor", &self.contractor),
            certificate_no: keep("certificate_no", &self.certificate_no),
            answer: keep("answer", &self.answer),
            requester: keep("requester", &self.requester),
            correction_reason: keep("correction_reason", &self.correction_reason),
            witness: keep("witness", &self.witness),
            officer: keep("officer", &self.officer),
            note: self.note.clone(),
        }
    }

    /// `changes` over these details: a given text replaces (an empty one clears), given
    /// measures replace the list, a given flag replaces.
    pub fn merged(&self, changes: &EventFields) -> EventFields {
        fn text(cur: &Option<String>, new: &Option<String>) -> Option<String> {
            match new {
                Some(v) if v.trim().is_empty() => None,
                Some(v) => Some(v.clone()),
                None => cur.clone(),
            }
        }
        EventFields {
            source: text(&self.source, &changes.source),
            method: text(&self.method, &changes.method),
            to: text(&self.to, &changes.to),
            via: text(&self.via, &changes.via),
            measures: if changes.measures.is_empty() {
                self.measures.clone()
            } else {
                changes.measures.clone()
            },
            sealed: changes.sealed.or(self.sealed),
            content: text(&self.content, &changes.content),
            contractor: text(&self.contractor, &changes.contractor),
            certificate_no: text(&self.certificate_no, &changes.certificate_no),
            answer: text(&self.answer, &changes.answer),
            requester: text(&self.requester, &changes.requester),
            correction_reason: text(&self.correction_reason, &changes.correction_reason),
            witness: text(&self.witness, &changes.witness),
            officer: text(&self.officer, &changes.officer),
            note: text(&self.note, &changes.note),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry_form::{fields, Input};
    use crate::handling::EventKind;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    #[test]
    fn another_kind_keeps_only_its_own_details() {
        let take_out = EventFields {
            to: Some("税務署".into()),
            measures: vec!["seal".into()],
            content: Some("提出".into()),
            note: Some("備考".into()),
            ..EventFields::default()
        };
        assert_eq!(take_out.kept_for(EventKind::TakeOut), take_out);
        assert_eq!(
            take_out.kept_for(EventKind::Use),
            EventFields {
                content: Some("提出".into()),
                note: Some("備考".into()),
                ..EventFields::default()
            }
        );
        let hand_over = EventFields {
            sealed: Some(true),
            ..EventFields::default()
        };
        assert_eq!(hand_over.kept_for(EventKind::Output).sealed, None);
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 4, 1).expect("a real date")
    }

    /// Details as the entry form of `kind` would fill them: `picks` chooses among the choices,
    /// `texts` are the free texts typed, `yes` answers a yes/no field.
    fn filled(kind: EventKind, picks: &[usize], texts: &[String], yes: bool) -> EventFields {
        let mut json = serde_json::Map::new();
        json.insert("measures".into(), serde_json::json!([]));
        for (i, spec) in fields(kind).into_iter().enumerate() {
            let pick = picks[i % picks.len()];
            let text = texts[i % texts.len()].clone();
            let choice = |n: usize| {
                let id = spec.choices[n % spec.choices.len()].0;
                if id == "other" {
                    format!("other:{text}")
                } else {
                    id.to_owned()
                }
            };
            let value = match spec.input {
                Input::File => continue,
                Input::Choice => serde_json::json!(choice(pick)),
                Input::Multi => serde_json::json!([choice(pick), choice(pick + 1)]),
                Input::YesNo => serde_json::json!(yes),
                Input::User => serde_json::json!("other-user"),
                Input::Text => serde_json::json!(text),
            };
            json.insert(spec.key.into(), value);
        }
        serde_json::from_value(serde_json::Value::Object(json)).expect("every form key is a detail")
    }

    proptest! {
        /// Whatever a form can send that validates comes back from the stored facts as details
        /// that validate to the same facts: the API's details and the core's input are one list.
        #[test]
        fn details_round_trip_through_validated_facts(
            kind in prop::sample::select(EventKind::ALL.to_vec()),
            picks in prop::collection::vec(0usize..8, 1..6),
            texts in prop::collection::vec("[あ-ん]{1,8}|[a-z]{1,8}", 1..6),
            yes in any::<bool>(),
            note in proptest::option::of("[ア-ン]{1,10}"),
        ) {
            let mut details = filled(kind, &picks, &texts, yes);
            details.note = note;
            let input = details.input(kind.as_str(), "2026-03-31", "clerk", true);
            let facts = input.parse(today()).expect("a form's required fields make a valid event");
            let back = EventFields::from_facts(&facts);
            let again = back
                .input(kind.as_str(), "2026-03-31", "clerk", true)
                .parse(today())
                .expect("details read back from facts validate");
            prop_assert_eq!(&again, &facts);
            prop_assert_eq!(EventFields::from_facts(&again), back.clone());
            // No change keeps every detail; a change of one keeps the others.
            prop_assert_eq!(back.merged(&EventFields::default()), back.clone());
            let changed = back.merged(&EventFields { note: Some("訂正".into()), ..EventFields::default() });
            prop_assert_eq!(changed.note.as_deref(), Some("訂正"));
            prop_assert_eq!(EventFields { note: back.note.clone(), ..changed }, back);
        }
    }

    /// Every key an entry form asks for is a detail here (or the 台帳 link `file`), and every
    /// detail is asked for by some form: a detail added here without a form field, or a field
    /// without a detail, fails.
    #[test]
    fn the_entry_forms_ask_for_exactly_these_details() {
        let keys: Vec<String> = match serde_json::to_value(EventFields::default()) {
            Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
            other => panic!("details serialise as an object, got {other:?}"),
        };
        let asked: std::collections::BTreeSet<&str> = EventKind::ALL
            .iter()
            .flat_map(|k| fields(*k))
            .map(|f| f.key)
            .chain(["note"])
            .collect();
        for key in &keys {
            assert!(asked.contains(key.as_str()), "no entry form asks for {key}");
        }
        for key in asked {
            assert!(
                key == "file" || keys.iter().any(|k| k == key),
                "{key} is not a detail"
            );
        }
    }
}
