//! The session as learners read it: times, spans and limits in words.

use time::macros::format_description;
use time::OffsetDateTime;

use crate::clock::UnixTime;
use crate::session::Limit;

/// A time as people read it: `2025-06-01 14:03:22 UTC`.
pub fn readable_time(at: UnixTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_default()
}

/// A span of time as people read it: `1 h 2 min 3 s`.
pub fn readable_duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut parts = Vec::new();
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if minutes > 0 {
        parts.push(format!("{minutes} min"));
    }
    if seconds > 0 || parts.is_empty() {
        parts.push(format!("{seconds} s"));
    }
    parts.join(" ")
}

/// `idle` or `absolute`.
pub fn limit_code(limit: Limit) -> &'static str {
    match limit {
        Limit::Idle => "idle",
        Limit::Absolute => "absolute",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_spans_read_like_words() {
        assert_eq!(readable_time(1_700_000_000), "2023-11-14 22:13:20 UTC");
        assert_eq!(readable_duration(0), "0 s");
        assert_eq!(readable_duration(1800), "30 min");
        assert_eq!(readable_duration(3723), "1 h 2 min 3 s");
    }
}
