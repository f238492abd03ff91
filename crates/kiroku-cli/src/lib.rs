//! The terminal conventions of `kiroku`, shared with the development tool `kiroku-bench`: the
//! global options, logging in for one command, printing results and failures (with their exit
//! codes), secrets from the environment or a hidden prompt, and the real clock and credential
//! store. The commands themselves are the binary's (`src/main.rs`, `src/commands/`).

pub mod global;
pub mod output;
pub mod secrets;
pub mod session;
pub mod system;
