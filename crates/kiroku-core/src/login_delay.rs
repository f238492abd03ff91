//! Failed logins slow down: the more failures since the last success, the longer the wait.

use chrono::{DateTime, Duration, Utc};

/// Failures allowed before any wait (a typo or two costs nothing).
pub const FREE_FAILURES: u32 = 2;
/// The longest wait, however many failures.
pub const MAX_DELAY_SECONDS: i64 = 15 * 60;

/// How long to wait after `failures` consecutive failures before the next try:
/// none for the first [`FREE_FAILURES`], then 5 s, 10 s, 20 s … doubling up to 15 minutes.
pub fn delay_after(failures: u32) -> Duration {
    if failures <= FREE_FAILURES {
        return Duration::zero();
    }
    let doublings = (failures - FREE_FAILURES - 1).min(20);
    Duration::seconds((5i64 << doublings).min(MAX_DELAY_SECONDS))
}

/// When the next try is allowed, given the failures so far and the last failure's time.
pub fn next_try_at(failures: u32, last_failure: DateTime<Utc>) -> DateTime<Utc> {
    last_failure + delay_after(failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_two_failures_cost_nothing() {
        assert_eq!(delay_after(0), Duration::zero());
        assert_eq!(delay_after(2), Duration::zero());
    }

    #[test]
    fn the_wait_doubles_and_is_capped() {
        assert_eq!(delay_after(3), Duration::seconds(5));
        assert_eq!(delay_after(4), Duration::seconds(10));
        assert_eq!(delay_after(5), Duration::seconds(20));
        assert_eq!(delay_after(10), Duration::seconds(640));
        assert_eq!(delay_after(11), Duration::seconds(MAX_DELAY_SECONDS));
        assert_eq!(delay_after(u32::MAX), Duration::seconds(MAX_DELAY_SECONDS));
    }
}
