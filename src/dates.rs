//! Date arithmetic that cannot panic: every step a count of days from a path or a learner's log can take goes
//! through here, and a date past what the calendar knows is `None`, never an abort.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

/// `date` moved by `days` (negative: back), or `None` past either end of the calendar.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    let span = Span::new().try_days(days).ok()?;
    date.checked_add(span).ok()
}

/// The Monday of the ISO week that holds `date`.
pub fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(back.days()).unwrap_or(date)
}

/// The first day of week `n` (1-based) of a plan starting on `start`: the start itself for week 1, a Monday after.
/// Every week in aipath is an ISO week, Monday to Sunday, as `log --weeks` and "this week" are.
pub fn week_start(start: Date, n: u32) -> Result<Date, PastTheCalendar> {
    if n <= 1 {
        return Ok(start);
    }
    add_days(monday_of(start), (i64::from(n) - 1) * 7).ok_or_else(|| past_the_calendar(start))
}

/// The last day, a Sunday, of week `n` (1-based) of a plan starting on `start`.
pub fn week_end(start: Date, n: u32) -> Result<Date, PastTheCalendar> {
    add_days(monday_of(start), i64::from(n) * 7 - 1).ok_or_else(|| past_the_calendar(start))
}

fn past_the_calendar(start: Date) -> PastTheCalendar {
    PastTheCalendar { start }
}

/// A plan whose weeks run off the end of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a plan starting {start} runs past 9999-12-31, the last day aipath's calendar knows")]
pub struct PastTheCalendar {
    pub start: Date,
}

/// Bad input (exit 2): the start date the learner gave.
impl From<PastTheCalendar> for crate::error::CommandError {
    fn from(err: PastTheCalendar) -> Self {
        Self::new(crate::error::Kind::Input, err).hint("start earlier")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn days_past_the_calendar_are_none_not_a_panic() {
        assert_eq!(add_days(date(2026, 1, 5), 7), Some(date(2026, 1, 12)));
        assert_eq!(add_days(date(2026, 1, 5), -5), Some(date(2025, 12, 31)));
        assert_eq!(add_days(date(2026, 1, 5), i64::MAX), None);
        assert_eq!(add_days(date(2026, 1, 5), 10_000_000), None);
        assert_eq!(add_days(date(9999, 12, 31), 1), None);
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(monday_of(date(2026, 1, 4)), date(2025, 12, 29));
        assert_eq!(monday_of(date(2026, 1, 5)), date(2026, 1, 5));
    }
}
