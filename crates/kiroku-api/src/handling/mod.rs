//! The handling log (取扱記録, 別紙1): recording and correcting events, reading them back as
//! the 運用状況記録票 and the lifecycle view, and the entry forms the app builds from data.

pub(crate) mod entry_forms;
pub(crate) mod query;
pub(crate) mod record;
pub(crate) mod withdraw;

pub use entry_forms::*;
pub use query::*;
pub use record::*;
pub use withdraw::*;
