//! `kiroku`: the command line over `kiroku-api`.
//!
//! Exit codes: 0 ok; 1 invalid input; 2 usage; 3 authentication failed, locked, disabled or
//! not allowed; 4 integrity failure.

mod args;
mod bench;
mod commands;
mod output;
mod people;
mod secrets;
mod system;

use clap::Parser;
use std::process::ExitCode;

use crate::args::Cli;
use crate::output::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            output::report_failure(&failure, cli.json);
            ExitCode::from(failure.exit_code())
        }
    }
}

impl Failure {
    fn exit_code(&self) -> u8 {
        use kiroku_api::ErrorCode::*;
        match self {
            Failure::NoSecret(_) => 3,
            Failure::Usage(_) => 2,
            Failure::Api(e) => match e.code() {
                InvalidInput | NotFound | AlreadyExists | Io => 1,
                AuthFailed | Locked | Disabled | Forbidden => 3,
                Integrity => 4,
            },
        }
    }
}
