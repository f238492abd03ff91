//! Kiroku's use cases: the one API that the command line and the desktop app both call.
//!
//! Requests and responses are plain serialisable types with TypeScript bindings (ts-rs,
//! written to `ui/src/lib/bindings/` by `cargo test`). Errors cross the boundary as
//! `{code, message, field}` ([`ErrorBody`]).
//!
//! Architecture invariant: every use case that reads personal data or changes anything
//! appends its audit row in the same transaction as the change.

#[cfg(feature = "bench")]
pub mod bench;
mod beside_vault;
mod checks;
mod contractors;
mod correction;
mod dashboard;
pub mod env;
mod error;
mod export;
mod handling;
mod import;
mod incidents;
mod ledger;
mod lookup;
mod manual;
mod people;
mod print;
mod reminders;
mod retention;
mod session;
mod settings;
mod vault;

pub use checks::*;
pub use contractors::*;
pub use dashboard::*;
pub use env::{Env, SystemClock};
pub use error::{ApiError, ErrorBody, ErrorCode};
pub use export::*;
pub use handling::*;
pub use import::*;
pub use incidents::*;
pub use kiroku_core::affair_templates::OfficeTemplate;
pub use kiroku_core::clock::Clock;
pub use kiroku_core::lifecycle::LifecycleRow;
pub use kiroku_core::wareki::DateEcho;
pub use ledger::*;
pub use manual::{build_manual, ManualReport};
pub use people::*;
pub use print::*;
pub use reminders::*;
pub use retention::*;
pub use session::*;
pub use settings::SettingsView;
pub use vault::*;
