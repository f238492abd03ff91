//! The vault as a whole: creating it, its status, its audit chain, backup and restore.

pub(crate) mod audit;
pub(crate) mod audit_words;
pub(crate) mod backup;
pub(crate) mod init;
pub(crate) mod restore;
pub(crate) mod startup_check;
pub(crate) mod status;

pub use audit::*;
pub use audit_words::AuditChoice;
pub use backup::*;
pub use init::*;
pub use restore::*;
pub use startup_check::*;
pub use status::*;
