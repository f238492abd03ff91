//! The vault: one SQLCipher file (`office.kiroku`) and its key-slot sidecar
//! (`office.kiroku.keys`), plus a failed-login counter (`office.kiroku.attempts`).
//!
//! Architecture invariants:
//! - The database key is a random 256-bit [`MasterKey`]; passwords only unwrap it (key slots).
//! - Nothing outside the SQLCipher file holds personal data: the sidecars hold login IDs only.
//! - Every write is one transaction (`BEGIN IMMEDIATE`, `synchronous=FULL`) that also appends
//!   its audit row; audit rows are never updated or deleted (triggers refuse it).

pub mod atomic_file;
pub mod attempts;
pub mod backup;
pub mod credentials;
mod error;
mod failures;
pub mod head;
pub mod head_keeper;
pub mod kdf;
pub mod key;
pub mod key_file_lock;
pub mod migrations;
pub mod paths;
pub mod slots;
pub mod table;
pub mod temp_file;
mod vault;

pub use error::StoreError;
pub use key::MasterKey;
pub use rusqlite::{Connection, Transaction};
pub use vault::{CommitObserver, IntegrityReport, Vault, BUSY_TIMEOUT};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
