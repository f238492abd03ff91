//! The count of failed logins of one login ID, as both of its copies keep it (the counter
//! file and the key-slot file).

use chrono::{DateTime, Utc};
use kiroku_core::login_delay;
use serde::{Deserialize, Serialize};

/// Failures of one login ID since its last success.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failures {
    pub count: u32,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

impl Failures {
    /// When the next try is allowed.
    pub fn next_try_at(&self) -> DateTime<Utc> {
        login_delay::next_try_at(self.count, self.last)
    }
}
