//! 取扱記録 (別紙1): one handling event of 特定個人情報 — its kind, the day it happened and
//! the details each kind requires (DOMAIN.md §3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::choice::{
    AcquireSource, Choice, DisposalMethod, IdentityCheck, Recipient, SubmissionMeans,
    TakeOutMeasure,
};
use crate::field::{optional_name, optional_text, required_text, FieldError};
use crate::wareki;

/// The kind of handling (DOMAIN.md §3 identifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// 取得（収集）
    Acquire,
    /// ファイルへの記載・入力（転記）
    Record,
    /// 利用
    Use,
    /// 出力（印刷等）
    Output,
    /// 持出し
    TakeOut,
    /// 提出・提供（回付・進達を含む）
    Submit,
    /// 本人への交付
    HandOver,
    /// 廃棄（書類・媒体）
    Dispose,
    /// 削除（電子データ）
    Delete,
    /// 委託先の廃棄・削除証明書の受領
    Certificate,
    /// 提供拒否の経緯
    Refusal,
    /// 訂正等
    Correct,
}

impl EventKind {
    pub const ALL: [EventKind; 12] = [
        EventKind::Acquire,
        EventKind::Record,
        EventKind::Use,
        EventKind::Output,
        EventKind::TakeOut,
        EventKind::Submit,
        EventKind::HandOver,
        EventKind::Dispose,
        EventKind::Delete,
        EventKind::Certificate,
        EventKind::Refusal,
        EventKind::Correct,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Acquire => "acquire",
            EventKind::Record => "record",
            EventKind::Use => "use",
            EventKind::Output => "output",
            EventKind::TakeOut => "take_out",
            EventKind::Submit => "submit",
            EventKind::HandOver => "hand_over",
            EventKind::Dispose => "dispose",
            EventKind::Delete => "delete",
            EventKind::Certificate => "certificate",
            EventKind::Refusal => "refusal",
            EventKind::Correct => "correct",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EventKind::Acquire => "取得",
            EventKind::Record => "ファイルへの記載・入力",
            EventKind::Use => "利用",
            EventKind::Output => "出力",
            EventKind::TakeOut => "持出し",
            EventKind::Submit => "提出・提供",
            EventKind::HandOver => "本人への交付",
            EventKind::Dispose => "廃棄",
            EventKind::Delete => "削除",
            EventKind::Certificate => "廃棄・削除証明書の受領",
            EventKind::Refusal => "提供拒否の経緯",
            EventKind::Correct => "訂正等",
        }
    }

    /// What 内容 means for this kind, and whether it is required.
    pub(crate) fn content_field(self) -> (&'static str, bool) {
        match self {
            EventKind::Use => ("利用の内容", true),
            EventKind::Output => ("出力したもの", true),
            EventKind::TakeOut => ("持出しの目的", true),
            EventKind::Dispose => ("廃棄したもの", true),
            EventKind::Delete => ("削除したもの", true),
            EventKind::Refusal => ("求めた内容", true),
            EventKind::Correct => ("訂正等の内容", true),
            _ => ("内容", false),
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EventKind {
    type Err = FieldError;

    /// The identifier (a hyphen may stand for the underscore) or the Japanese label.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let id = s.replace('-', "_");
        EventKind::ALL
            .into_iter()
            .find(|k| k.as_str() == id || k.label() == s)
            .ok_or_else(|| {
                let list: Vec<String> = EventKind::ALL
                    .iter()
                    .map(|k| format!("{}（{}）", k.as_str(), k.label()))
                    .collect();
                FieldError::new(
                    "種別",
                    format!("次のいずれかを指定してください: {}。", list.join("、")),
                )
            })
    }
}

/// The details each kind requires (the 内容 and 備考 common to all are in [`EventFacts`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventDetails {
    Acquire {
        /// 取得元
        source: Choice<AcquireSource>,
        /// 本人確認方法
        identity_check: Choice<IdentityCheck>,
    },
    Record,
    Use,
    Output,
    TakeOut {
        /// 持出先
        destination: String,
        /// 安全措置
        measures: Vec<Choice<TakeOutMeasure>>,
    },
    Submit {
        /// 提出先
        recipient: Choice<Recipient>,
        /// 提出方法
        means: Choice<SubmissionMeans>,
    },
    HandOver {
        /// 封緘
        sealed: bool,
    },
    Dispose {
        method: Choice<DisposalMethod>,
        /// 廃棄を委託した先
        contractor: Option<String>,
    },
    Delete {
        method: Choice<DisposalMethod>,
        /// 確認者 (login ID of a user other than the clerk, 001 第14条(6))
        witness: String,
    },
    Certificate {
        contractor: String,
        /// 証明書番号
        certificate_no: String,
    },
    Refusal {
        /// 回答
        answer: String,
    },
    Correct {
        /// 訂正理由
        reason: String,
        /// 請求者
        requester: String,
        /// 責任者 (login ID of an officer)
        officer: String,
    },
}

/// What an import writes for a detail its sheet left empty (the record is kept; the yearly
/// check lists it as 記載漏れ).
pub const NOT_WRITTEN: &str = "取り込み元に記載なし";

impl EventDetails {
    /// The details left unwritten (recorded as [`NOT_WRITTEN`]), by their labels: 記載漏れ.
    pub fn missing(&self) -> Vec<&'static str> {
        fn blank<K>(c: &Choice<K>) -> bool {
            c.text.as_deref().is_some_and(|t| t.trim() == NOT_WRITTEN)
        }
        let mut out = Vec::new();
        match self {
            EventDetails::Acquire {
                source,
                identity_check,
            } => {
                if blank(source) {
                    out.push("取得元");
                }
                if blank(identity_check) {
                    out.push("本人確認方法");
                }
            }
            EventDetails::TakeOut {
                destination,
                measures,
            } => {
                if destination.trim() == NOT_WRITTEN {
                    out.push("持出先");
                }
                if measures.iter().any(blank) {
                    out.push("安全措置");
                }
            }
            EventDetails::Submit { recipient, means } => {
                if blank(recipient) {
                    out.push("提出先");
                }
                if blank(means) {
                    out.push("提出方法");
                }
            }
            EventDetails::Dispose { method, .. } | EventDetails::Delete { method, .. }
                if blank(method) =>
            {
                out.push("廃棄・削除の方法");
            }
            _ => {}
        }
        out
    }

    pub fn kind(&self) -> EventKind {
        match self {
            EventDetails::Acquire { .. } => EventKind::Acquire,
            EventDetails::Record => EventKind::Record,
            EventDetails::Use => EventKind::Use,
            EventDetails::Output => EventKind::Output,
            EventDetails::TakeOut { .. } => EventKind::TakeOut,
            EventDetails::Submit { .. } => EventKind::Submit,
            EventDetails::HandOver { .. } => EventKind::HandOver,
            EventDetails::Dispose { .. } => EventKind::Dispose,
            EventDetails::Delete { .. } => EventKind::Delete,
            EventDetails::Certificate { .. } => EventKind::Certificate,
            EventDetails::Refusal { .. } => EventKind::Refusal,
            EventDetails::Correct { .. } => EventKind::Correct,
        }
    }
}

/// A handling event's facts, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFacts {
    /// The day it happened.
    pub happened_on: NaiveDate,
    pub details: EventDetails,
    /// 内容: what was used, output, taken out for, disposed of … (see the kind).
    pub content: Option<String>,
    /// 備考
    pub note: Option<String>,
}

/// An event as typed, before validation. The people it names (the clerk, a witness, an
/// officer) are login IDs the caller has already found.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventInput<'a> {
    pub kind: &'a str,
    pub date: &'a str,
    /// The clerk who did it (login ID).
    pub clerk: &'a str,
    /// Whether a 特定個人情報ファイル is named.
    pub has_file: bool,
    pub source: Option<&'a str>,
    pub method: Option<&'a str>,
    pub to: Option<&'a str>,
    pub via: Option<&'a str>,
    pub measures: &'a [String],
    pub sealed: Option<bool>,
    pub content: Option<&'a str>,
    pub contractor: Option<&'a str>,
    pub certificate_no: Option<&'a str>,
    pub answer: Option<&'a str>,
    pub requester: Option<&'a str>,
    pub correction_reason: Option<&'a str>,
    pub witness: Option<&'a str>,
    pub officer: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// A field's Japanese label and the text typed into it.
type Typed<'a> = (&'static str, Option<&'a str>);

impl EventInput<'_> {
    /// Validates the event: the date exists and has come (at most `today` + 1 day), every
    /// detail the kind requires is there, none that belongs to another kind is given, and
    /// every text passes the My Number guard.
    pub fn parse(&self, today: NaiveDate) -> Result<EventFacts, FieldError> {
        let kind: EventKind = self.kind.parse()?;
        let happened_on = wareki::parse_handling("日付", self.date, today)?;
        let (content_label, content_required) = kind.content_field();
        let content = if content_required {
            Some(required_text(
                content_label,
                self.content.unwrap_or_default(),
                200,
            )?)
        } else {
            optional_text(content_label, self.content.unwrap_or_default(), 200)?
        };
        let note = optional_text("備考", self.note.unwrap_or_default(), 500)?;
        self.refuse_others(kind)?;
        let details = self.details(kind)?;
        Ok(EventFacts {
            happened_on,
            details,
            content,
            note,
        })
    }

    /// The kind-specific fields, each with its label and the kinds it belongs to.
    fn specific(&self) -> [(Typed<'_>, &'static [EventKind]); 12] {
        use EventKind::*;
        let to_label = match self.kind.parse::<EventKind>() {
            Ok(TakeOut) => "持出先",
            _ => "提出先",
        };
        let method_label = match self.kind.parse::<EventKind>() {
            Ok(Acquire) => "本人確認方法",
            _ => "廃棄・削除の方法",
        };
        [
            (("取得元", self.source), &[Acquire]),
            ((method_label, self.method), &[Acquire, Dispose, Delete]),
            ((to_label, self.to), &[TakeOut, Submit]),
            (("提出方法", self.via), &[Submit]),
            (
                ("安全措置", self.measures.first().map(String::as_str)),
                &[TakeOut],
            ),
            (("封緘", self.sealed.map(|_| "yes")), &[HandOver]),
            (("委託先", self.contractor), &[Dispose, Certificate]),
            (("証明書番号", self.certificate_no), &[Certificate]),
            (("回答", self.answer), &[Refusal]),
            (("請求者", self.requester), &[Correct]),
            (("訂正理由", self.correction_reason), &[Correct]),
            (("確認者", self.witness), &[Delete]),
        ]
    }

    fn refuse_others(&self, kind: EventKind) -> Result<(), FieldError> {
        for ((label, value), kinds) in self.specific() {
            if value.is_some_and(|v| !v.trim().is_empty()) && !kinds.contains(&kind) {
                return Err(FieldError::new(
                    label,
                    format!(
                        "「{}」の記録には{label}を入力しません。種別を確認してください。",
                        kind.label()
                    ),
                ));
            }
        }
        if self.officer.is_some_and(|v| !v.trim().is_empty()) && kind != EventKind::Correct {
            return Err(FieldError::new(
                "責任者",
                format!("「{}」の記録には責任者を入力しません。", kind.label()),
            ));
        }
        Ok(())
    }

    fn details(&self, kind: EventKind) -> Result<EventDetails, FieldError> {
        let need = |label: &'static str, v: Option<&str>| -> Result<String, FieldError> {
            match v.map(str::trim).filter(|v| !v.is_empty()) {
                Some(v) => required_text(label, v, 100),
                None => Err(FieldError::new(
                    label,
                    format!("「{}」の記録には{label}が必要です。", kind.label()),
                )),
            }
        };
        Ok(match kind {
            EventKind::Acquire => {
                let source = Choice::parse("取得元", &need("取得元", self.source)?)?;
                let identity_check = match self.method {
                    None if source.code == AcquireSource::Jlis => Choice::new(IdentityCheck::Jlis),
                    m => Choice::parse("本人確認方法", &need("本人確認方法", m)?)?,
                };
                EventDetails::Acquire {
                    source,
                    identity_check,
                }
            }
            EventKind::Record => {
                if !self.has_file {
                    return Err(FieldError::new(
                        "特定個人情報ファイル",
                        "「ファイルへの記載・入力」の記録には、記載した特定個人情報ファイル（台帳のNO.）を指定してください。",
                    ));
                }
                EventDetails::Record
            }
            EventKind::Use => EventDetails::Use,
            EventKind::Output => EventDetails::Output,
            EventKind::TakeOut => {
                let destination = need("持出先", self.to)?;
                if self.measures.is_empty() {
                    return Err(FieldError::new(
                        "安全措置",
                        "持出しには安全措置（seal、tracked_mail、encryption、password、locked_case、other:内容）を1つ以上指定してください。",
                    ));
                }
                let measures = self
                    .measures
                    .iter()
                    .map(|m| Choice::parse("安全措置", m))
                    .collect::<Result<_, _>>()?;
                EventDetails::TakeOut {
                    destination,
                    measures,
                }
            }
            EventKind::Submit => EventDetails::Submit {
                recipient: Choice::parse("提出先", &need("提出先", self.to)?)?,
                means: Choice::parse("提出方法", &need("提出方法", self.via)?)?,
            },
            EventKind::HandOver => EventDetails::HandOver {
                sealed: self.sealed.ok_or_else(|| {
                    FieldError::new(
                        "封緘",
                        "本人への交付には、封緘したかどうか（yes または no）を指定してください。",
                    )
                })?,
            },
            EventKind::Dispose => EventDetails::Dispose {
                method: Choice::parse("廃棄・削除の方法", &need("廃棄・削除の方法", self.method)?)?,
                contractor: optional_name("委託先", self.contractor.unwrap_or_default(), 100)?,
            },
            EventKind::Delete => {
                let method =
                    Choice::parse("廃棄・削除の方法", &need("廃棄・削除の方法", self.method)?)?;
                let witness = need("確認者", self.witness)?;
                if witness == self.clerk.trim() {
                    return Err(FieldError::new(
                        "確認者",
                        "確認者は削除した担当者とは別の利用者にしてください（001 第14条(6)）。",
                    ));
                }
                EventDetails::Delete { method, witness }
            }
            EventKind::Certificate => EventDetails::Certificate {
                contractor: need("委託先", self.contractor)?,
                certificate_no: need("証明書番号", self.certificate_no)?,
            },
            EventKind::Refusal => EventDetails::Refusal {
                answer: need("回答", self.answer)?,
            },
            EventKind::Correct => EventDetails::Correct {
                reason: need("訂正理由", self.correction_reason)?,
                requester: need("請求者", self.requester)?,
                officer: need("責任者", self.officer)?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 12, 20).unwrap()
    }

    fn base<'a>(kind: &'a str) -> EventInput<'a> {
        EventInput {
            kind,
            date: "令和7年12月10日",
            clerk: "sato",
            ..EventInput::default()
        }
    }

    #[test]
    fn kinds_read_identifier_hyphen_or_label() {
        assert_eq!("take-out".parse::<EventKind>().unwrap(), EventKind::TakeOut);
        assert_eq!("持出し".parse::<EventKind>().unwrap(), EventKind::TakeOut);
        assert_eq!("steal".parse::<EventKind>().unwrap_err().field, "種別");
    }

    #[test]
    fn an_acquisition_needs_source_and_identity_check() {
        let err = base("acquire").parse(today()).unwrap_err();
        assert_eq!(err.field, "取得元");
        let e = EventInput {
            source: Some("person"),
            ..base("acquire")
        };
        assert_eq!(e.parse(today()).unwrap_err().field, "本人確認方法");
        let ok = EventInput {
            source: Some("person"),
            method: Some("mynumber_card:個人番号カードコピー"),
            ..base("acquire")
        }
        .parse(today())
        .unwrap();
        assert_eq!(ok.details.kind(), EventKind::Acquire);
        // From J-LIS the check is implied.
        let jlis = EventInput {
            source: Some("jlis"),
            ..base("acquire")
        }
        .parse(today())
        .unwrap();
        assert!(matches!(
            jlis.details,
            EventDetails::Acquire {
                identity_check: Choice {
                    code: IdentityCheck::Jlis,
                    ..
                },
                ..
            }
        ));
    }

    #[test]
    fn a_field_of_another_kind_is_refused_by_name() {
        let e = EventInput {
            content: Some("源泉徴収票を作成"),
            via: Some("e_filing"),
            ..base("use")
        };
        let err = e.parse(today()).unwrap_err();
        assert_eq!(err.field, "提出方法");
        assert!(err.message.contains("「利用」"), "{}", err.message);
    }

    #[test]
    fn a_deletion_needs_a_witness_other_than_the_clerk() {
        let e = EventInput {
            content: Some("扶養控除申告書データ"),
            method: Some("system_delete"),
            witness: Some("sato"),
            ..base("delete")
        };
        let err = e.parse(today()).unwrap_err();
        assert_eq!(err.field, "確認者");
        let ok = EventInput {
            witness: Some("suzuki"),
            ..e
        };
        assert!(ok.parse(today()).is_ok());
    }

    #[test]
    fn required_details_per_kind() {
        let cases: [(&str, &str); 9] = [
            ("record", "特定個人情報ファイル"),
            ("use", "利用の内容"),
            ("output", "出力したもの"),
            ("take_out", "持出しの目的"),
            ("submit", "提出先"),
            ("hand_over", "封緘"),
            ("certificate", "委託先"),
            ("refusal", "求めた内容"),
            ("correct", "訂正等の内容"),
        ];
        for (kind, field) in cases {
            assert_eq!(
                base(kind).parse(today()).unwrap_err().field,
                field,
                "{kind}"
            );
        }
    }

    #[test]
    fn a_take_out_needs_a_measure() {
        let e = EventInput {
            content: Some("年末調整の説明"),
            to: Some("○○会館"),
            ..base("take_out")
        };
        assert_eq!(e.parse(today()).unwrap_err().field, "安全措置");
        let measures = vec!["seal".to_owned(), "tracked_mail".to_owned()];
        let ok = EventInput {
            measures: &measures,
            ..e
        };
        assert!(ok.parse(today()).is_ok());
    }

    #[test]
    fn dates_that_do_not_exist_or_have_not_come_are_refused() {
        let e = EventInput {
            date: "令和7年2月29日",
            content: Some("x"),
            ..base("use")
        };
        assert_eq!(e.parse(today()).unwrap_err().field, "日付");
        let e = EventInput {
            date: "令和7年12月22日",
            ..e
        };
        assert!(e.parse(today()).unwrap_err().message.contains("未来"));
    }

    #[test]
    fn every_text_passes_the_guard() {
        let e = EventInput {
            content: Some("番号は123456789018です"),
            ..base("use")
        };
        let err = e.parse(today()).unwrap_err();
        assert_eq!(err.field, "利用の内容");
        assert!(!err.to_string().contains("9018"));
        let e = EventInput {
            content: Some("作成"),
            note: Some("１２３４-５６７８-９０１８"),
            ..base("use")
        };
        assert_eq!(e.parse(today()).unwrap_err().field, "備考");
    }

    #[test]
    fn details_round_trip_through_json_with_the_kind_as_tag() {
        let facts = EventInput {
            to: Some("tax_office:○○税務署"),
            via: Some("e_filing"),
            ..base("submit")
        }
        .parse(today())
        .unwrap();
        let json = serde_json::to_string(&facts.details).unwrap();
        assert!(json.contains("\"kind\":\"submit\""), "{json}");
        let back: EventDetails = serde_json::from_str(&json).unwrap();
        assert_eq!(back, facts.details);
        let record: EventDetails = serde_json::from_str(r#"{"kind":"record"}"#).unwrap();
        assert_eq!(record, EventDetails::Record);
    }
}
