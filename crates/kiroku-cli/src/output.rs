//! Printing results: human text (Japanese) or `--json` on stdout; errors on stderr.

use chrono::{DateTime, Local, Utc};
use kiroku_api::ApiError;
use serde::Serialize;
use std::io::{ErrorKind, Write};
use std::path::Path;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    Api(ApiError),
    /// No password or recovery code could be had (no env var, no terminal).
    NoSecret(String),
    /// The command line itself is incomplete.
    Usage(String),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

/// The option that fills a field whose name the API's messages give, where every command that
/// can refuse it uses the same option (the messages are shared with the desktop app, which has
/// no options to name).
const OPTION_OF_FIELD: &[(&str, &str)] = &[
    ("訂正の理由", "--reason"),
    ("確認者", "--witness"),
    ("プライバシーマーク有効期限", "--pmark-expiry"),
    ("プライバシーマーク登録番号", "--pmark"),
];

impl Failure {
    /// The process exit code of this failure (see the README).
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

    pub fn message(&self) -> String {
        match self {
            Failure::Api(e) => {
                let option = e.body().field.and_then(|f| {
                    OPTION_OF_FIELD
                        .iter()
                        .find(|(name, _)| *name == f)
                        .map(|(_, option)| *option)
                });
                match option {
                    Some(option) => format!("{e}（{option} で指定します）"),
                    None => e.to_string(),
                }
            }
            Failure::NoSecret(m) | Failure::Usage(m) => m.clone(),
        }
    }
}

/// Writes `text` and a newline to standard output. When the reader has gone away (`kiroku … |
/// head`), the command stops quietly: what it did is done and logged, and there is no one left
/// to tell.
pub fn out_line(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let written = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
    if let Err(e) = written {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// Writes a line to standard error (messages for the person at the terminal). A closed stderr
/// is ignored.
pub fn err_line(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{text}");
}

/// Something the user must know that is not the command's result: 「注意: …」 on stderr.
pub fn notice(text: &str) {
    err_line(&format!("注意: {text}"));
}

/// Tells, after a save, which characters of a name no printed form can draw.
pub fn notice_undrawable(field: &str, text: &str) {
    for warning in kiroku_api::text_warnings(field, text) {
        notice(&warning);
    }
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

/// Lays out rows in aligned columns (East Asian wide characters count double).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    fn width(s: &str) -> usize {
        s.chars()
            .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
            .sum()
    }
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(cell));
            }
        }
    }
    let line = |cells: Vec<&str>| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c}{}", " ".repeat(widths[i].saturating_sub(width(c)))))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let mut out = vec![line(header.to_vec())];
    for row in rows {
        out.push(line(row.iter().map(String::as_str).collect()));
    }
    out.join("\n")
}

/// The recovery code in a box, shown once, with what to do with it.
pub fn recovery_box(code: &str, printed_to: Option<&Path>) -> String {
    format!(
        "┌──────────────────────────────────────────────┐\n\
         │ 復旧コード（この画面でしか表示されません）             │\n\
         │   {code}   │\n\
         └──────────────────────────────────────────────┘\n\
         {}\n\
         パスワードを忘れたときや PC を替えたとき、バックアップからの復元に必要です。",
        match printed_to {
            Some(p) => format!(
                "復旧用キーの用紙を印刷しました: {}\n印刷して、施錠できるキャビネットに保管してください。",
                p.display()
            ),
            None => "印刷するか書き写し、施錠できるキャビネットに保管してください。".to_owned(),
        }
    )
}
