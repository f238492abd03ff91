//! Printing figures (human text or `--json` on stdout) and failures (stderr), as `kiroku` does.

use chrono::{DateTime, Local, Utc};
use kiroku_api::ApiError;
use serde::Serialize;
use std::io::{ErrorKind, Write};

/// Why a measurement failed.
#[derive(Debug)]
pub enum Failure {
    Api(ApiError),
    /// No password could be had (no env var, no terminal).
    NoSecret(String),
    /// The command line itself is incomplete.
    Usage(String),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

impl Failure {
    fn message(&self) -> String {
        match self {
            Failure::Api(e) => e.to_string(),
            Failure::NoSecret(m) | Failure::Usage(m) => m.clone(),
        }
    }

    /// The exit code `kiroku` gives the same failure.
    pub fn exit_code(&self) -> u8 {
        use kiroku_api::ErrorCode::*;
        match self {
            Failure::NoSecret(_) => 3,
            Failure::Usage(_) => 2,
            Failure::Api(e) => match e.code() {
                InvalidInput | NotFound | AlreadyExists | Io | Conflict => 1,
                AuthFailed | Locked | Disabled | Forbidden => 3,
                Integrity | OlderVault => 4,
                Busy => 5,
                Internal => 6,
            },
        }
    }
}

/// Writes `text` and a newline to standard output; stops quietly when the reader has gone.
pub fn out_line(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let written = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
    if let Err(e) = written {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

fn err_line(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{text}");
}

/// Something the user must know that is not the result: 「注意: …」 on stderr.
pub fn notice(text: &str) {
    err_line(&format!("注意: {text}"));
}

pub fn report_failure(failure: &Failure, json: bool) {
    err_line(&format!("エラー: {}", failure.message()));
    if json {
        let body = match failure {
            Failure::Api(e) => serde_json::to_value(e.body()).unwrap_or_default(),
            Failure::NoSecret(m) => {
                serde_json::json!({"code": "auth_failed", "message": m, "field": null})
            }
            Failure::Usage(m) => serde_json::json!({"code": "usage", "message": m, "field": null}),
        };
        out_line(&serde_json::json!({ "error": body }).to_string());
    }
}

/// Prints `value` as JSON, or as the text `human` makes of it.
pub fn emit<T: Serialize>(json: bool, value: &T, human: impl FnOnce(&T) -> String) {
    if json {
        out_line(&serde_json::to_string_pretty(value).unwrap_or_default());
    } else {
        let text = human(value);
        if !text.is_empty() {
            out_line(text.trim_end());
        }
    }
}

/// A time as the clerk reads it: local time, to the minute.
pub fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
