//! Kiroku's use cases: the one API that the command line and the desktop app both call.
//!
//! Requests and responses are plain serialisable types with TypeScript bindings (ts-rs,
//! written to `ui/src/lib/bindings/` by `cargo test`). Errors cross the boundary as
//! `{code, message, field}` ([`ErrorBody`]).
//!
//! Architecture invariant: every use case that reads personal data or changes anything
//! appends its audit row in the same transaction as the change.

mod audit_log;
mod backup;
#[cfg(feature = "bench")]
pub mod bench;
mod beside_vault;
pub mod contractor_views;
mod contractors;
pub mod desktop;
mod documents;
pub mod env;
mod error;
mod evaluations;
mod events;
mod handling_views;
mod init;
mod key_change;
mod ledger;
pub mod log_views;
mod persons;
mod print;
mod restore;
mod retention;
pub mod retention_views;
mod session;
mod settings;
mod status;
mod users;
mod vault_head;
pub mod views;

pub use contractor_views::*;
pub use desktop::*;
pub use env::Env;
pub use error::{ApiError, ErrorBody, ErrorCode};
pub use init::{init, InitRequest};
pub use kiroku_core::affair_templates::OfficeTemplate;
pub use kiroku_core::lifecycle::LifecycleRow;
pub use kiroku_core::wareki::DateEcho;
pub use log_views::*;
pub use print::{Preview, PrintReport, PrintRequest};
pub use restore::{restore, RestoreRequest};
pub use retention_views::*;
pub use session::{default_user, login, login_with, LoginOptions, Session};
pub use settings::SettingsView;
pub use views::*;
