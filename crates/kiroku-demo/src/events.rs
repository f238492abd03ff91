//! The events as planned: a kind, the file named and the details, and a builder for each
//! common shape (取得, 利用, 出力, 記録, 提出, 交付, 廃棄, 持出し).

use kiroku_api::EventFields;

use super::ledger::File;

/// One event as planned: its kind, the file it names and its details.
#[derive(Debug, Clone)]
pub(super) struct Ev {
    pub(super) kind: &'static str,
    pub(super) file: Option<File>,
    pub(super) fields: EventFields,
}

impl Ev {
    pub(super) fn new(kind: &'static str, fields: EventFields) -> Self {
        Self {
            kind,
            file: None,
            fields,
        }
    }

    pub(super) fn in_file(mut self, file: File) -> Self {
        self.file = Some(file);
        self
    }
}

pub(super) fn text(s: impl Into<String>) -> Option<String> {
    Some(s.into())
}

fn with_content(kind: &'static str, content: impl Into<String>) -> Ev {
    Ev::new(
        kind,
        EventFields {
            content: text(content),
            ..EventFields::default()
        },
    )
}

pub(super) fn usage(content: impl Into<String>) -> Ev {
    with_content("use", content)
}

pub(super) fn output(content: &str) -> Ev {
    with_content("output", content)
}

pub(super) fn record(file: File, content: &str) -> Ev {
    with_content("record", content).in_file(file)
}

pub(super) fn acquire(source: &str, method: &str, content: impl Into<String>) -> Ev {
    Ev::new(
        "acquire",
        EventFields {
            source: text(source),
            method: text(method),
            content: text(content),
            ..EventFields::default()
        },
    )
}

pub(super) fn submit(to: &str, via: &str, content: impl Into<String>) -> Ev {
    Ev::new(
        "submit",
        EventFields {
            to: text(to),
            via: text(via),
            content: text(content),
            ..EventFields::default()
        },
    )
}

/// 本人への交付, sealed.
pub(super) fn hand_over(content: impl Into<String>) -> Ev {
    Ev::new(
        "hand_over",
        EventFields {
            sealed: Some(true),
            content: text(content),
            ..EventFields::default()
        },
    )
}

pub(super) fn dispose(method: &str, content: impl Into<String>, contractor: Option<&str>) -> Ev {
    Ev::new(
        "dispose",
        EventFields {
            method: text(method),
            content: text(content),
            contractor: contractor.map(str::to_owned),
            ..EventFields::default()
        },
    )
}

/// The copy of an identity document, shredded once the number is recorded.
pub(super) fn shred_copy() -> Ev {
    dispose("shred", "本人確認書類のコピー", None)
}

/// 持出し in a sealed envelope inside a locked case.
pub(super) fn take_out(to: &str, content: &str) -> Ev {
    Ev::new(
        "take_out",
        EventFields {
            to: text(to),
            content: text(content),
            measures: vec!["seal".into(), "locked_case".into()],
            ..EventFields::default()
        },
    )
}

pub(super) const DEPENDENT_CHECK: &str = "other:職員本人が扶養親族の本人確認を実施";
