//! Retention (保存期間): the rules, the documents kept under them, the disposal schedule of
//! the 年度, disposals and their certificates.

pub(crate) mod disposal;
pub(crate) mod documents;
pub(crate) mod preview;
pub(crate) mod rules;
pub(crate) mod schedule;

pub use disposal::*;
pub use documents::*;
pub use preview::*;
pub use rules::*;
pub use schedule::*;
