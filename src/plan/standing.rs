//! Where a learner stands against their plan, and the two finish dates every command shows under the same names:
//! the *planned* finish (the plan laid from its start with nothing done: what the learner set out to do) and the
//! *projected* finish (the work that remains, laid from this week at the same pace). `plan` and `status` both ask
//! [`standing`], so they can never disagree. Pure: today is an input.
//!
//! The definitions, each in one function here (and in `docs/schedule.md`):
//!
//! - a plan's weeks are ISO weeks, Monday to Sunday; a plan laid from a day other than a Monday has a partial first
//!   week, and its work spills into one more week, so `n` weeks of work take [`iso_weeks`] rows;
//! - the **planned finish** is the last day of the plan laid from its start with nothing done ([`finish`]);
//! - the **projected finish** is the last day of the remaining work laid from this week's Monday (or the start, if
//!   later: [`resume_day`]) at the same pace;
//! - **weeks ahead** are the whole weeks between the two: from the projected finish's ISO week to the planned
//!   finish's, positive when the projected one is earlier, 0 ("on schedule") exactly when both fall in the same week
//!   ([`weeks_ahead`]); once nothing is left, the day the last module was finished stands for the projected finish.

use jiff::civil::Date;
use serde::Serialize;

use super::allocate::{PhaseWeeks, allocate};
use crate::course::Course;
use crate::dates::{PastTheCalendar, monday_of, week_end};
use crate::progress::pace::Pace;
use crate::progress::{Entry, PathProgress, PlanPrefs, Status};

/// Where a learner stands against the plan that starts on their start date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub pace: Pace,
    pub start: Date,
    /// Positive: ahead of the plan; negative: behind; 0: on schedule (see [`weeks_ahead`]).
    pub weeks_ahead: i64,
    /// The last day of the plan as laid from its start with nothing done; `None` when it has no weeks at all.
    pub planned_finish: Option<Date>,
    /// The last day of the remaining work laid from this week (or the plan's start, if later); `None` when nothing
    /// is left.
    pub projected_finish: Option<Date>,
}

/// The day the remaining work is laid from: the Monday of this ISO week (hours logged earlier in the week are this
/// week's), or the plan's start when that is later.
pub fn resume_day(start: Date, today: Date) -> Date {
    start.max(monday_of(today))
}

/// The ISO weeks `weeks` weeks of work take from `from`: one more when `from` is not a Monday, for the partial first
/// week holds only its days' share of a week's work.
pub fn iso_weeks(from: Date, weeks: u32) -> u32 {
    let partial = from != monday_of(from);
    weeks + u32::from(partial && weeks > 0)
}

/// The last day, a Sunday, of `weeks` weeks of work laid from `from`; `None` for no work at all.
pub fn finish(from: Date, weeks: u32) -> Result<Option<Date>, PastTheCalendar> {
    match weeks {
        0 => Ok(None),
        n => week_end(from, iso_weeks(from, n)).map(Some),
    }
}

/// Weeks ahead of the plan: the whole ISO weeks from the projected finish's week to the planned finish's; positive
/// when the projected finish is earlier, negative when it is later, 0 exactly when both are in the same week.
pub fn weeks_ahead(planned: Date, projected: Date) -> i64 {
    let days = monday_of(projected)
        .until(monday_of(planned))
        .map_or(0, |s| i64::from(s.get_days()));
    days / 7
}

/// Whole ISO weeks gone by since the plan's start: the weeks before the current one.
pub fn weeks_elapsed(start: Date, today: Date) -> i64 {
    if today <= start {
        return 0;
    }
    let days = monday_of(start)
        .until(monday_of(today))
        .map_or(0, |s| i64::from(s.get_days()));
    days / 7
}

/// Compares progress with the plan from `baseline`: the weeks the plan gives to the modules done so far, against the
/// weeks elapsed since its start; and lays the remaining work out from this week for the projected finish.
pub fn standing(
    course: &Course,
    progress: &PathProgress,
    baseline: PlanPrefs,
    today: Date,
) -> Result<Standing, PastTheCalendar> {
    let remaining = allocate(course, progress, baseline.pace);
    let planned = planned(course, progress, baseline.pace);
    standing_from(progress, baseline, today, &planned, &remaining)
}

/// The plan as it was on day one, shared out at `pace`: the same choices, skips and projects taken up, nothing done
/// yet.
pub fn planned(course: &Course, progress: &PathProgress, pace: Pace) -> Vec<PhaseWeeks> {
    // Only what the allocation reads is copied, not the study log.
    let fresh = PathProgress {
        chosen: course.chosen(progress),
        modules: progress
            .modules
            .iter()
            .filter(|(_, e)| e.status == Status::Skipped)
            .map(|(id, e)| (id.clone(), e.clone()))
            .collect(),
        // The projects taken up, in progress or done, are part of the learner's path from day one, as the chosen
        // specializations are: all their hours still to do.
        projects: progress
            .projects
            .iter()
            .filter(|(_, e)| matches!(e.status, Status::InProgress | Status::Done))
            .map(|(id, _)| {
                let entry = Entry {
                    status: Status::InProgress,
                    ..Entry::default()
                };
                (id.clone(), entry)
            })
            .collect(),
        ..PathProgress::default()
    };
    allocate(course, &fresh, pace)
}

/// [`standing`], given both allocations at the baseline's pace, when the caller makes them itself: the day-one plan
/// ([`planned`]) and the remaining work (the calendar lays its weeks out from the same one). On a large path each
/// allocation is a tenth of `plan`, so neither is made twice.
pub fn standing_from(
    progress: &PathProgress,
    baseline: PlanPrefs,
    today: Date,
    planned: &[PhaseWeeks],
    remaining: &[PhaseWeeks],
) -> Result<Standing, PastTheCalendar> {
    let PlanPrefs { pace, start } = baseline;
    let planned_weeks: u32 = planned
        .iter()
        .flat_map(|p| &p.blocks)
        .map(|b| b.weeks)
        .sum();
    // The remaining plan's last day, from its length alone: laying out every week, with focus and milestones, only
    // to read the date of the last was most of `status` on a large path.
    let left: u32 = remaining
        .iter()
        .flat_map(|p| &p.blocks)
        .map(|b| b.weeks)
        .sum();
    let planned_finish = finish(start, planned_weeks)?;
    let projected_finish = finish(resume_day(start, today), left)?;
    // With nothing left, the path ended on the day its last module was finished (or skipped).
    let ended = || {
        progress
            .modules
            .values()
            .filter(|e| e.status.is_closed())
            .filter_map(|e| e.finished)
            .max()
            .unwrap_or(today)
    };
    let weeks_ahead = match planned_finish {
        Some(planned) => weeks_ahead(planned, projected_finish.unwrap_or_else(ended)),
        None => 0,
    };
    Ok(Standing {
        pace,
        start,
        weeks_ahead,
        planned_finish,
        projected_finish,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weeks_elapsed_count_whole_iso_weeks_before_this_one() {
        // A Wednesday start: its own week is week 1, Monday to Sunday.
        let start = date(2026, 1, 7);
        assert_eq!(weeks_elapsed(start, date(2026, 1, 11)), 0);
        assert_eq!(weeks_elapsed(start, date(2026, 1, 12)), 1);
        assert_eq!(weeks_elapsed(start, date(2026, 1, 25)), 2);
        assert_eq!(weeks_elapsed(start, date(2025, 12, 1)), 0);
        // Across ISO week 53 of 2026 into 2027.
        assert_eq!(weeks_elapsed(date(2026, 12, 27), date(2027, 1, 4)), 2);
    }
}
