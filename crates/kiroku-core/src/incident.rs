//! 漏えい等の事案 (incidents): the kind of body an office is, the facts an officer establishes,
//! the decision whether and by when it must be reported under 番号法 and under 個人情報保護法
//! (APPI), and the deadlines counted in days from the day the body knew.
//!
//! Pure: the facts and the day come in, the decision with a reason for every row goes out.

pub mod body;
pub mod deadline;
pub mod decision;
pub mod facts;
pub mod record;

pub use body::BodyKind;
pub use deadline::Deadlines;
pub use decision::{decide, Decision, Ground, Law, Obligation};
pub use facts::{IncidentFacts, PersonCount, Situation, SystemKind};
pub use record::{
    CauseActor, Containment, FirstReport, IncidentRecord, IncidentStatus, NoticeMethod,
    OfficerFacts, Prevention, Recipient, ReportKind,
};
