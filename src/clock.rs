//! Where the app reads the time and waits: the system clock, or one tests
//! move by hand (and which then moves forward instead of waiting).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Seconds since the Unix epoch.
pub type UnixTime = i64;

/// Milliseconds since the Unix epoch.
pub type UnixMillis = i64;

/// The app's source of time, kept in Rocket's managed state.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The real time.
    #[default]
    System,
    /// A time in milliseconds that only moves when told to (or waited on);
    /// shared by every clone.
    Manual(Arc<AtomicI64>),
}

impl Clock {
    /// A manual clock starting at `start`.
    pub fn manual(start: UnixTime) -> Clock {
        Clock::Manual(Arc::new(AtomicI64::new(start.saturating_mul(1000))))
    }

    /// The current time, in whole seconds (rounded down).
    pub fn now(&self) -> UnixTime {
        self.now_ms().div_euclid(1000)
    }

    /// The current time, in milliseconds.
    pub fn now_ms(&self) -> UnixMillis {
        match self {
            Clock::System => {
                let now = time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000;
                UnixMillis::try_from(now).unwrap_or(UnixMillis::MAX)
            }
            Clock::Manual(now) => now.load(Ordering::SeqCst),
        }
    }

    /// Moves a manual clock forward by `seconds`; the system clock ignores it.
    pub fn advance(&self, seconds: i64) {
        self.advance_ms(seconds.saturating_mul(1000));
    }

    /// Moves a manual clock forward by `millis`; the system clock ignores it.
    pub fn advance_ms(&self, millis: i64) {
        if let Clock::Manual(now) = self {
            now.fetch_add(millis, Ordering::SeqCst);
        }
    }

    /// Waits `duration`: really on the system clock; a manual clock moves
    /// forward by it at once, so tests see the wait without sleeping.
    pub async fn sleep(&self, duration: Duration) {
        match self {
            Clock::System => rocket::tokio::time::sleep(duration).await,
            Clock::Manual(_) => {
                let millis = i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
                self.advance_ms(millis);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_forward_instead_of_sleeping() {
        let clock = Clock::manual(1_000);
        rocket::tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(clock.sleep(Duration::from_millis(2_500)));
        assert_eq!(clock.now_ms(), 1_002_500);
        assert_eq!(clock.now(), 1_002, "whole seconds round down");
    }
}
