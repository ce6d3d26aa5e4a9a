//! The study log's numbers: hours, weekly rhythm, streaks, and a finish date forecast from the learner's own pace.
//! Pure: today is an input.

pub mod days;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use crate::course::Course;
use crate::dates::add_days;
pub use crate::dates::monday_of;
use crate::error::{CommandError, Kind};
use crate::progress::{LogEntry, PathProgress, Status};

pub use crate::progress::{MAX_HOURS_PER_DAY, from_hundredths, hundredths};

/// The form hours are typed in, for messages.
pub const HOURS_FORM: &str = "digits with at most two decimals after a point, like 2, 1.5 or 0.25";

/// Reads hours as a learner types them: digits, and at most two decimals after a point (`1.5`, `0.25`, `2`). What
/// a float parser would also take is refused, for it is nearly always a slip: `1e1` (ten hours), `inf`, `NaN`, `1,5`,
/// `1.255`. A leading minus is read, for the range check to refuse with its own words.
pub fn parse_hours(text: &str) -> Result<f64, SessionError> {
    let refuse = || SessionError::NotHours(text.to_string());
    let t = text.trim();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (whole, decimals) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 6
        || !digits(whole)
        || !digits(decimals)
        || decimals.len() > 2
        || (t.contains('.') && decimals.is_empty())
    {
        return Err(refuse());
    }
    let whole: i64 = whole.parse().map_err(|_| refuse())?;
    let fraction: i64 = format!("{decimals:0<2}").parse().map_err(|_| refuse())?;
    let h = whole * 100 + fraction;
    Ok(from_hundredths(if negative { -h } else { h }))
}

/// Checks a new session against the log: hours in (0, 24], the day's total at most 24, the date not after today.
pub fn check_session(
    log: &[LogEntry],
    date: Date,
    hours: f64,
    today: Date,
) -> Result<(), SessionError> {
    if !hours.is_finite() || hours <= 0.0 || hundredths(hours) == 0 {
        return Err(SessionError::TooFew(hours));
    }
    if hours > MAX_HOURS_PER_DAY {
        return Err(SessionError::TooMany(hours));
    }
    if date > today {
        return Err(SessionError::Future { date, today });
    }
    let that_day: i64 = log
        .iter()
        .filter(|e| e.date == date)
        .map(|e| hundredths(e.hours))
        .sum();
    if that_day + hundredths(hours) > hundredths(MAX_HOURS_PER_DAY) {
        return Err(SessionError::DayFull {
            date,
            logged: from_hundredths(that_day),
            hours,
        });
    }
    Ok(())
}

/// A session aipath will not log.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SessionError {
    #[error("`{0}` is not a number of hours")]
    NotHours(String),
    #[error("log at least 0.01 hours, not `{0}`")]
    TooFew(f64),
    #[error("{0} hours do not fit in one day (at most {MAX_HOURS_PER_DAY})")]
    TooMany(f64),
    #[error("{date} is in the future")]
    Future { date: Date, today: Date },
    #[error(
        "{date} already has {logged} hours logged; {hours} more would pass {MAX_HOURS_PER_DAY} for one day"
    )]
    DayFull { date: Date, logged: f64, hours: f64 },
}

/// Bad input (exit 2), with what to type instead.
impl From<SessionError> for CommandError {
    fn from(err: SessionError) -> Self {
        let hint = match &err {
            SessionError::NotHours(_) => Some(format!("write {HOURS_FORM}")),
            SessionError::Future { today, .. } => {
                Some(format!("log sessions on or before today ({today})"))
            }
            _ => None,
        };
        let err = CommandError::new(Kind::Input, err);
        match hint {
            Some(hint) => err.hint(hint),
            None => err,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub hours_total: f64,
    /// This ISO week, Monday to Sunday.
    pub hours_this_week: f64,
    /// Hours in the 28 days ending today, per week; a learner who began less than four weeks ago is averaged over
    /// the weeks since their first session (at least one), so a new learner's pace is not diluted by weeks before.
    pub hours_per_week: f64,
    pub streak_days: u32,
    pub longest_streak_days: u32,
    pub forecast_finish: Option<Date>,
    /// Why there is no forecast, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast_note: Option<String>,
    /// The estimated hours still to study.
    pub hours_remaining: f64,
}

pub fn stats(course: &Course, progress: &PathProgress, today: Date) -> Stats {
    let log = &progress.log;
    let total: i64 = log.iter().map(|e| hundredths(e.hours)).sum();
    let monday = monday_of(today);
    let this_week: i64 = log
        .iter()
        .filter(|e| e.date >= monday && e.date <= today)
        .map(|e| hundredths(e.hours))
        .sum();
    let four_weeks_ago = today.checked_sub(27.days()).unwrap_or(today);
    let recent: i64 = log
        .iter()
        .filter(|e| e.date >= four_weeks_ago && e.date <= today)
        .map(|e| hundredths(e.hours))
        .sum();
    let first = log.iter().map(|e| e.date).min().unwrap_or(today);
    let window_days = first
        .until(today)
        .map_or(28, |s| i64::from(s.get_days()) + 1)
        .clamp(1, 28);
    let per_week = from_hundredths(recent) / (window_days as f64 / 7.0).max(1.0);
    let (streak, longest) = streaks(log, today);
    let remaining = remaining_hours(course, progress);
    let (forecast_finish, forecast_note) = if total == 0 {
        (
            None,
            Some("no study hours logged yet (`aipath log <hours>`)".to_string()),
        )
    } else if let Some(missing) = too_few_sessions(log) {
        (None, Some(missing))
    } else if recent == 0 {
        (
            None,
            Some("no study hours logged in the last four weeks".to_string()),
        )
    } else if remaining <= 0.0 {
        (Some(today), None)
    } else {
        forecast(today, remaining, per_week)
    };
    Stats {
        hours_total: from_hundredths(total),
        hours_this_week: from_hundredths(this_week),
        hours_per_week: per_week,
        streak_days: streak,
        longest_streak_days: longest,
        forecast_finish,
        forecast_note,
        hours_remaining: remaining,
    }
}

/// The fewest sessions, and the fewest days they must span, before the learner's own pace says anything: two
/// sessions on one evening are no rhythm to forecast months from.
pub const FORECAST_SESSIONS: usize = 3;
pub const FORECAST_DAYS: i64 = 7;

/// What the log still lacks for a forecast, in words; `None` once it has enough.
fn too_few_sessions(log: &[LogEntry]) -> Option<String> {
    let first = log.iter().map(|e| e.date).min()?;
    let last = log.iter().map(|e| e.date).max()?;
    let days = first.until(last).map_or(0, |s| i64::from(s.get_days())) + 1;
    if log.len() >= FORECAST_SESSIONS && days >= FORECAST_DAYS {
        return None;
    }
    let sessions = if log.len() == 1 {
        "session"
    } else {
        "sessions"
    };
    let span = if days == 1 { "day" } else { "days" };
    Some(format!(
        "it needs at least {FORECAST_SESSIONS} sessions over {FORECAST_DAYS} days or more \
         (so far {} {sessions} over {days} {span})",
        log.len()
    ))
}

/// How far this pace carries the learner: more than [`FORECAST_YEARS`] out is not a date worth printing (and a
/// slow enough pace would pass the end of the calendar).
pub const FORECAST_YEARS: i64 = 3;

/// The day `remaining` hours are done at `per_week` hours a week, or why there is no such day to show.
fn forecast(today: Date, remaining: f64, per_week: f64) -> (Option<Date>, Option<String>) {
    let days = (remaining / per_week * 7.0).ceil();
    // Compared as floats: a cast would saturate silently on the way to a date.
    let horizon = (FORECAST_YEARS * 366) as f64;
    match add_days(today, days as i64) {
        Some(d) if days.is_finite() && days <= horizon => (Some(d), None),
        _ => (
            None,
            Some(format!(
                "at {per_week:.2} h/week the rest takes more than {FORECAST_YEARS} years"
            )),
        ),
    }
}

/// (current, longest): runs of consecutive days with a session. The current run ends today or yesterday.
pub fn streaks(log: &[LogEntry], today: Date) -> (u32, u32) {
    let mut days: Vec<Date> = log.iter().map(|e| e.date).filter(|d| *d <= today).collect();
    days.sort_unstable();
    days.dedup();
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<Date> = None;
    for &day in &days {
        run = match previous {
            Some(p) if p.tomorrow().ok() == Some(day) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    let current = match previous {
        Some(last) if last == today || last.tomorrow().ok() == Some(today) => run,
        _ => 0,
    };
    (current, longest)
}

/// Estimated hours left: remaining modules' hours less what was logged to those in progress. A choice phase with
/// nothing chosen counts its fewest choices at the options' average.
pub fn remaining_hours(course: &Course, progress: &PathProgress) -> f64 {
    let path = &course.path;
    let hours = |m: &str| course.hours(m);
    let known: Vec<f64> = path.module_ids().filter_map(hours).collect();
    let fallback = if known.is_empty() {
        0.0
    } else {
        known.iter().sum::<f64>() / known.len() as f64
    };
    let estimate = |m: &str| hours(m).unwrap_or(fallback);
    // Hours per module in one pass over the log: a pass per module in progress was modules x sessions.
    let per_module = progress.logged_by_module();
    let logged = |m: &str| per_module.get(m).copied().unwrap_or(0.0);
    let mut left = 0.0;
    for phase in &path.phases {
        if phase.is_choice() && progress.chosen_in(phase).is_empty() {
            let options: Vec<f64> = phase.module_ids().map(estimate).collect();
            let average = options.iter().sum::<f64>() / options.len().max(1) as f64;
            left += average * phase.choice_range().0 as f64;
            continue;
        }
        for m in phase.module_ids() {
            if !progress.takes(phase, m) {
                continue;
            }
            left += match progress.status(m) {
                Status::Done | Status::Skipped => 0.0,
                Status::InProgress | Status::Todo => (estimate(m) - logged(m)).max(0.0),
            };
        }
    }
    left
}

/// Hours per ISO week for the `n` weeks ending with this one: (Monday, hours), oldest first.
pub fn weekly(log: &[LogEntry], today: Date, n: u32) -> Vec<(Date, f64)> {
    let this_monday = monday_of(today);
    let mondays: Vec<Date> = (0..n)
        .rev()
        .filter_map(|back| this_monday.checked_sub((i64::from(back) * 7).days()).ok())
        .collect();
    // One pass over the log, each session into its week: a pass per week was weeks x sessions.
    let mut sums = vec![0i64; mondays.len()];
    let first = mondays.first().copied().unwrap_or(this_monday);
    let last_day = this_monday.checked_add(6.days()).unwrap_or(this_monday);
    for e in log.iter().filter(|e| e.date >= first && e.date <= last_day) {
        if let Ok(span) = first.until(e.date)
            && let Some(sum) = usize::try_from(span.get_days() / 7)
                .ok()
                .and_then(|week| sums.get_mut(week))
        {
            *sum += hundredths(e.hours);
        }
    }
    mondays
        .into_iter()
        .zip(sums)
        .map(|(monday, h)| (monday, from_hundredths(h)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_read_strictly() {
        for (text, hours) in [
            ("1", 1.0),
            ("1.5", 1.5),
            ("0.25", 0.25),
            (" 2 ", 2.0),
            ("10.05", 10.05),
            ("-1", -1.0),
        ] {
            assert_eq!(parse_hours(text), Ok(hours), "{text}");
        }
        for text in [
            "1e1", "inf", "NaN", "1,5", "1.255", "1.", ".5", "", "abc", "+1", "0x1", "1 h", "1_0",
            "١", "9999999",
        ] {
            assert_eq!(
                parse_hours(text),
                Err(SessionError::NotHours(text.to_string())),
                "{text}"
            );
            let hints = parse_hours(text)
                .err()
                .map(|e| CommandError::from(e).hints().to_vec());
            assert_eq!(hints, Some(vec![format!("write {HOURS_FORM}")]));
        }
    }
    use crate::course::Facts;
    use crate::progress::{Change, Kind};
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

    fn log(days: &[(Date, f64)]) -> Vec<LogEntry> {
        days.iter().map(|&(d, h)| entry(d, h, None)).collect()
    }

    fn with_log(days: &[(Date, f64)]) -> PathProgress {
        PathProgress {
            log: log(days),
            ..Default::default()
        }
    }

    const PATH: &str = "
id: p
title: P
phases:
  - id: one
    title: One
    weeks: { min: 2, max: 2 }
    groups: [{ modules: [a, b] }]
  - id: spec
    title: Spec
    weeks: { min: 1, max: 1 }
    choose: { min: 1, max: 2 }
    groups: [{ modules: [c, d] }]
modules:
  - { id: a, title: A }
  - { id: b, title: B }
  - { id: c, title: C }
  - { id: d, title: D }
";

    fn course() -> Course {
        let path = crate::path::LearningPath::from_yaml(PATH).unwrap_or_else(|e| panic!("{e:?}"));
        let facts = ["a", "b", "c", "d"].map(|module| Facts {
            module,
            hours: hours(module),
            checklist: Vec::new(),
        });
        Course::from_facts(path, facts).unwrap_or_else(|e| panic!("{e:#}"))
    }

    fn hours(m: &str) -> Option<f64> {
        match m {
            "a" => Some(20.0),
            "b" => Some(10.0),
            "c" => Some(30.0),
            "d" => Some(50.0),
            _ => None,
        }
    }

    #[test]
    fn sums_are_exact_in_hundredths() {
        let mut p = PathProgress::default();
        for h in [0.1, 0.2, 1.25] {
            p.log_session(entry(date(2026, 1, 5), h, None));
        }
        let s = stats(&course(), &p, date(2026, 1, 5));
        assert_eq!(s.hours_total, 1.55);
        assert_eq!(s.hours_this_week, 1.55);
    }

    #[test]
    fn this_week_runs_monday_to_sunday() {
        // 2026-01-04 is a Sunday, 2026-01-05 a Monday.
        let p = with_log(&[
            (date(2026, 1, 4), 2.0),
            (date(2026, 1, 5), 1.0),
            (date(2026, 1, 11), 3.0),
        ]);
        assert_eq!(stats(&course(), &p, date(2026, 1, 11)).hours_this_week, 4.0);
        assert_eq!(stats(&course(), &p, date(2026, 1, 4)).hours_this_week, 2.0);
        assert_eq!(monday_of(date(2026, 1, 1)), date(2025, 12, 29));
    }

    #[test]
    fn the_weekly_average_takes_the_last_28_days() {
        let p = with_log(&[
            (date(2025, 12, 8), 100.0),
            (date(2025, 12, 9), 4.0),
            (date(2026, 1, 5), 4.0),
        ]);
        // 2025-12-09 is 27 days before 2026-01-05: inside; 2025-12-08 is 28 days before: outside.
        assert_eq!(stats(&course(), &p, date(2026, 1, 5)).hours_per_week, 2.0);
    }

    #[test]
    fn a_new_learner_is_averaged_over_the_weeks_since_the_first_session() {
        // Two weeks in (14 days including today): 6 hours is 3 a week, not 1.5.
        let p = with_log(&[(date(2025, 12, 23), 2.0), (date(2026, 1, 5), 4.0)]);
        assert_eq!(stats(&course(), &p, date(2026, 1, 5)).hours_per_week, 3.0);
        // Three days in: averaged over one week at least.
        let p = with_log(&[(date(2026, 1, 3), 2.0), (date(2026, 1, 5), 4.0)]);
        assert_eq!(stats(&course(), &p, date(2026, 1, 5)).hours_per_week, 6.0);
    }

    #[test]
    fn a_streak_ends_today_or_yesterday() {
        let days = log(&[
            (date(2026, 1, 3), 1.0),
            (date(2026, 1, 4), 1.0),
            (date(2026, 1, 5), 1.0),
        ]);
        assert_eq!(streaks(&days, date(2026, 1, 5)), (3, 3));
        // Today not logged yet: the streak still counts.
        assert_eq!(streaks(&days, date(2026, 1, 6)), (3, 3));
        // A day missed: the streak is over, the longest remains.
        assert_eq!(streaks(&days, date(2026, 1, 7)), (0, 3));
    }

    #[test]
    fn a_gap_day_breaks_a_streak_and_several_sessions_a_day_count_once() {
        let days = log(&[
            (date(2026, 1, 1), 1.0),
            (date(2026, 1, 2), 1.0),
            (date(2026, 1, 2), 2.0),
            (date(2026, 1, 4), 1.0),
            (date(2026, 1, 5), 1.0),
        ]);
        assert_eq!(streaks(&days, date(2026, 1, 5)), (2, 2));
    }

    #[test]
    fn streaks_cross_month_and_year_boundaries() {
        let days = log(&[
            (date(2025, 12, 30), 1.0),
            (date(2025, 12, 31), 1.0),
            (date(2026, 1, 1), 1.0),
        ]);
        assert_eq!(streaks(&days, date(2026, 1, 1)), (3, 3));
        let feb = log(&[
            (date(2028, 2, 28), 1.0),
            (date(2028, 2, 29), 1.0),
            (date(2028, 3, 1), 1.0),
        ]);
        assert_eq!(streaks(&feb, date(2028, 3, 1)), (3, 3));
        assert_eq!(streaks(&[], date(2028, 3, 1)), (0, 0));
    }

    #[test]
    fn the_forecast_divides_remaining_hours_by_the_recent_pace() {
        let mut p = PathProgress::default();
        p.choose(vec!["c".into()], date(2026, 1, 1));
        p.apply(Kind::Module, "a", Change::Start, date(2026, 1, 1));
        // 8 hours on `a` in the last four weeks: 2 hours a week; three sessions over more than a week.
        p.log = vec![
            entry(date(2025, 12, 9), 0.01, None),
            entry(date(2025, 12, 20), 3.99, Some("a")),
            entry(date(2026, 1, 2), 4.0, Some("a")),
        ];
        let s = stats(&course(), &p, date(2026, 1, 5));
        // Left: a 20-7.99 = 12.01, b 10, c 30 (d not chosen) = 52.01 hours: 26.005 weeks, 182.035 -> 183 days.
        assert!(
            (s.hours_remaining - 52.01).abs() < 1e-9,
            "{}",
            s.hours_remaining
        );
        assert_eq!(s.hours_per_week, 2.0);
        assert_eq!(
            s.forecast_finish,
            date(2026, 1, 5).checked_add(183.days()).ok()
        );
        // Twice the pace: half the time.
        p.log.push(entry(date(2026, 1, 3), 8.0, None));
        let s = stats(&course(), &p, date(2026, 1, 5));
        assert_eq!(s.hours_per_week, 4.0);
        assert_eq!(
            s.forecast_finish,
            date(2026, 1, 5).checked_add(92.days()).ok()
        );
    }

    #[test]
    fn unchosen_specializations_count_their_fewest_choices_at_the_average() {
        let p = PathProgress::default();
        // a 20 + b 10 + one of c/d at (30+50)/2.
        assert_eq!(remaining_hours(&course(), &p), 70.0);
    }

    #[test]
    fn no_hours_no_forecast_and_a_reason() {
        let s = stats(&course(), &PathProgress::default(), date(2026, 1, 5));
        assert_eq!(s.forecast_finish, None);
        assert!(
            s.forecast_note
                .as_deref()
                .is_some_and(|n| n.starts_with("no study hours logged yet"))
        );
        let p = with_log(&[(date(2025, 6, 1), 3.0)]);
        let s = stats(&course(), &p, date(2026, 1, 5));
        assert_eq!(
            s.forecast_note.as_deref(),
            Some("it needs at least 3 sessions over 7 days or more (so far 1 session over 1 day)")
        );
        let p = with_log(&[
            (date(2025, 6, 1), 3.0),
            (date(2025, 6, 3), 3.0),
            (date(2025, 6, 8), 3.0),
        ]);
        let s = stats(&course(), &p, date(2026, 1, 5));
        assert_eq!(
            s.forecast_note.as_deref(),
            Some("no study hours logged in the last four weeks")
        );
        // Three sessions in six days are not yet a rhythm.
        let p = with_log(&[
            (date(2026, 1, 1), 3.0),
            (date(2026, 1, 3), 3.0),
            (date(2026, 1, 5), 3.0),
        ]);
        let s = stats(&course(), &p, date(2026, 1, 5));
        assert_eq!(
            s.forecast_note.as_deref(),
            Some(
                "it needs at least 3 sessions over 7 days or more (so far 3 sessions over 5 days)"
            )
        );
    }

    #[test]
    fn sessions_are_checked() {
        let today = date(2026, 1, 5);
        let day = log(&[(today, 20.0)]);
        let refused = |date: Date, hours: f64| {
            check_session(&[], date, hours, today)
                .err()
                .map(|e| e.to_string())
        };
        for hours in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(
                refused(today, hours),
                Some(format!("log at least 0.01 hours, not `{hours}`"))
            );
        }
        assert_eq!(
            refused(today, 24.5).as_deref(),
            Some("24.5 hours do not fit in one day (at most 24)")
        );
        assert!(check_session(&[], today, 24.0, today).is_ok());
        let future = check_session(&[], date(2026, 1, 6), 1.0, today)
            .err()
            .map(CommandError::from);
        assert_eq!(
            future.as_ref().map(|e| (e.to_string(), e.hints().to_vec())),
            Some((
                "2026-01-06 is in the future".to_string(),
                vec!["log sessions on or before today (2026-01-05)".to_string()]
            ))
        );
        assert!(check_session(&day, today, 4.0, today).is_ok());
        let err = check_session(&day, today, 4.5, today)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(
            err,
            "2026-01-05 already has 20 hours logged; 4.5 more would pass 24 for one day"
        );
    }

    #[test]
    fn log_keeps_date_order() {
        let mut p = PathProgress::default();
        p.log_session(entry(date(2026, 1, 5), 1.0, Some("first")));
        p.log_session(entry(date(2026, 1, 3), 1.0, None));
        p.log_session(entry(date(2026, 1, 5), 1.0, Some("second")));
        let order: Vec<(Date, Option<&str>)> = p
            .log
            .iter()
            .map(|e| (e.date, e.module.as_deref()))
            .collect();
        assert_eq!(
            order,
            [
                (date(2026, 1, 3), None),
                (date(2026, 1, 5), Some("first")),
                (date(2026, 1, 5), Some("second"))
            ]
        );
        assert_eq!(p.started, Some(date(2026, 1, 3)));
    }

    #[test]
    fn weekly_buckets_sum_each_iso_week() {
        let days = log(&[
            (date(2026, 1, 5), 2.0),
            (date(2026, 1, 11), 2.0),
            (date(2025, 12, 31), 1.0),
        ]);
        let weeks = weekly(&days, date(2026, 1, 12), 3);
        assert_eq!(
            weeks,
            [
                (date(2025, 12, 29), 1.0),
                (date(2026, 1, 5), 4.0),
                (date(2026, 1, 12), 0.0)
            ]
        );
    }
}
