//! Where the app reads the time: the system clock, or one tests move by hand.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// Seconds since the Unix epoch.
pub type UnixTime = i64;

/// The app's source of time, kept in Rocket's managed state.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The real time.
    #[default]
    System,
    /// A time that only moves when told to; shared by every clone.
    Manual(Arc<AtomicI64>),
}

impl Clock {
    /// A manual clock starting at `start`.
    pub fn manual(start: UnixTime) -> Clock {
        Clock::Manual(Arc::new(AtomicI64::new(start)))
    }

    /// The current time.
    pub fn now(&self) -> UnixTime {
        match self {
            Clock::System => time::OffsetDateTime::now_utc().unix_timestamp(),
            Clock::Manual(now) => now.load(Ordering::SeqCst),
        }
    }

    /// Moves a manual clock forward by `seconds`; the system clock ignores it.
    pub fn advance(&self, seconds: i64) {
        if let Clock::Manual(now) = self {
            now.fetch_add(seconds, Ordering::SeqCst);
        }
    }
}
