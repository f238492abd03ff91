//! `kiroku`: the command line over `kiroku-api`.
//!
//! Exit codes: 0 ok; 1 invalid input, not found, a conflicting change, or the disk refused
//! (full, read-only); 2 usage; 3 authentication failed, locked, disabled or not allowed;
//! 4 integrity failure (damaged or altered files only); 5 busy: another window or command was
//! writing, try again; 6 a fault of the program itself.

mod commands;
mod filters;
mod input;
mod invocation;

// The terminal conventions `kiroku-bench` shares live in the library half of this package.
use kiroku_cli::{global, output, secrets, session, system};

use clap::Parser;
use std::process::ExitCode;

use crate::commands::Command;
use crate::global::Global;

#[derive(Debug, Parser)]
#[command(
    name = "kiroku",
    version,
    about = "Kiroku — 特定個人情報の取扱記録（取扱記録表・管理台帳・委託先評価・廃棄予定）",
    long_about = None
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

fn main() -> ExitCode {
    if let Err(failure) = invocation::check(std::env::args_os(), |name| std::env::var_os(name)) {
        let json = std::env::args_os().any(|a| a == "--json");
        output::report_failure(&failure, json);
        return ExitCode::from(failure.exit_code());
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    match commands::run(&cli.global, &cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            output::report_failure(&failure, cli.global.json);
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Prints clap's message (help, version or a usage error) with anything that looks like a
/// 個人番号 masked: a mistyped number must not be echoed even by the argument parser.
#[allow(clippy::print_stderr, clippy::print_stdout)]
fn usage_error(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    let text = kiroku_core::guard::find_my_number(&text).unwrap_or(text);
    if e.use_stderr() {
        eprint!("{text}");
    } else {
        print!("{text}");
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}
