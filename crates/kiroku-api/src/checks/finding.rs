//! One record behind a fault an auto item found: what the check's drill-down lists.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One record behind a fault an auto item found (the drill-down).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindingView {
    pub text: String,
    /// What it is about: `event:12`, `document:3`, `contractor:2`, `user:sato`, `audit:41` …
    pub target: String,
    /// The screen that shows it.
    pub screen: String,
}
