//! The clock of the end-to-end tests (feature `e2e-clock`, built by `scripts/e2e.sh` only):
//! the system time moved by the number of days written in the file `KIROKU_E2E_CLOCK_FILE`
//! names, read at every tick, so a test can jump to the year-end disposal while the app runs.

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use kiroku_api::{Clock, SystemClock};

pub struct ShiftedClock {
    days_file: PathBuf,
}

impl ShiftedClock {
    /// The clock the environment asks for, if any.
    pub fn from_env() -> Option<Self> {
        std::env::var_os("KIROKU_E2E_CLOCK_FILE").map(|f| Self {
            days_file: PathBuf::from(f),
        })
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        let days = std::fs::read_to_string(&self.days_file)
            .ok()
            .and_then(|t| t.trim().parse::<i64>().ok())
            .unwrap_or(0);
        SystemClock.now() + Duration::days(days)
    }
}
