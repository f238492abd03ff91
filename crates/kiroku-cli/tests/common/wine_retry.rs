//! `Command::output` that survives one Wine quirk, shared by the tests that start programs: the
//! CLI's and the bench's (through `sealed.rs`), the API's (`kiroku-api/tests/common`) and the
//! forms' (`kiroku-forms/src/tests`, poppler), each including this file by `#[path]`.

use std::process::{Command, Output};

/// Runs `command` to its end. Under Wine 8, CreateProcess now and then fails with
/// `ERROR_INTERNAL_ERROR` (1359) while many test threads start programs at once (seen about once
/// in 1,000 starts in CI): that error alone is tried again, at most 5 times, 200 ms apart.
/// Windows itself does not return it here; any other error, or a child that ran and failed, is
/// returned at once.
pub fn output_retried(command: &mut Command) -> std::io::Result<Output> {
    const WINE_INTERNAL_ERROR: i32 = 1359;
    let mut tries = 0;
    loop {
        match command.output() {
            Err(e) if e.raw_os_error() == Some(WINE_INTERNAL_ERROR) && tries < 5 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            other => return other,
        }
    }
}
