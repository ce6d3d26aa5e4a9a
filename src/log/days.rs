//! The study log by day: the sums a calendar of squares shows. Pure; sums are done in hundredths like every other sum
//! of the log, so a day's hours here are the hours `log` lists for it.

use jiff::civil::Date;

use super::{from_hundredths, hundredths};
use crate::dates::add_days;
use crate::progress::LogEntry;

/// Hours per day from `first` to `last` (both included), oldest first, a day without a session at 0. Empty when
/// `last` is before `first`.
pub fn daily(log: &[LogEntry], first: Date, last: Date) -> Vec<(Date, f64)> {
    let len = first
        .until(last)
        .map_or(0, |s| s.get_days() + 1)
        .clamp(0, 366 * 100);
    let mut sums = vec![0i64; len as usize];
    // One pass over the log, each session into its day.
    for e in log.iter().filter(|e| e.date >= first && e.date <= last) {
        if let Ok(span) = first.until(e.date)
            && let Some(sum) = usize::try_from(span.get_days())
                .ok()
                .and_then(|day| sums.get_mut(day))
        {
            *sum += hundredths(e.hours);
        }
    }
    sums.into_iter()
        .enumerate()
        .filter_map(|(i, h)| add_days(first, i as i64).map(|day| (day, from_hundredths(h))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn entry(d: Date, hours: f64, module: Option<&str>) -> LogEntry {
        LogEntry {
            id: String::new(),
            number: 0,
            date: d,
            hours,
            module: module.map(str::to_string),
            note: None,
        }
    }

    #[test]
    fn every_day_of_the_range_once_with_its_sessions_summed_exactly() {
        let log = [
            entry(date(2025, 12, 30), 5.0, None),
            entry(date(2025, 12, 31), 0.1, None),
            entry(date(2025, 12, 31), 0.2, Some("a")),
            entry(date(2026, 1, 2), 1.5, None),
            entry(date(2026, 1, 9), 9.0, None),
        ];
        let days = daily(&log, date(2025, 12, 31), date(2026, 1, 3));
        assert_eq!(
            days,
            [
                (date(2025, 12, 31), 0.3),
                (date(2026, 1, 1), 0.0),
                (date(2026, 1, 2), 1.5),
                (date(2026, 1, 3), 0.0),
            ]
        );
        assert_eq!(daily(&log, date(2026, 1, 5), date(2026, 1, 4)), []);
        // A year of squares: 364 days ending today, as the report draws them.
        assert_eq!(daily(&[], date(2025, 1, 7), date(2026, 1, 5)).len(), 364);
    }
}
