//! Where a learner stands against their plan, and the two finish dates every command shows under the same names:
//! the *planned* finish (the plan laid from its start with nothing done: what the learner set out to do) and the
//! *projected* finish (the work that remains, laid from this week at the same pace). `plan` and `status` both ask
//! [`standing`], so they can never disagree. Pure: today is an input.

use jiff::civil::Date;
use serde::Serialize;

use super::allocate::{PhaseWeeks, Work, allocate};
use super::dates::{monday_of, week_end};
use super::pace::Pace;
use crate::course::Course;
use crate::progress::{PathProgress, PlanPrefs, Status};

/// Where a learner stands against the plan that starts on their start date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub pace: Pace,
    pub start: Date,
    /// Positive: ahead of the plan; negative: behind.
    pub weeks_ahead: i64,
    /// The last day of the plan as laid from its start with nothing done; `None` when it has no weeks at all.
    pub planned_finish: Option<Date>,
    /// The last day of the remaining work laid from this week (or the plan's start, if later); `None` when nothing
    /// is left.
    pub projected_finish: Option<Date>,
}

/// The day the remaining work is laid from: today, or the plan's start when that is still to come.
pub fn resume_day(start: Date, today: Date) -> Date {
    start.max(today)
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
) -> Result<Standing, String> {
    let (remaining, planned) = super::both(
        course,
        || allocate(course, progress, baseline.pace),
        || planned(course, progress, baseline.pace),
    );
    standing_from(progress, baseline, today, &planned, &remaining)
}

/// The plan as it was on day one, shared out at `pace`: the same choices and skips, nothing done yet.
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
) -> Result<Standing, String> {
    let PlanPrefs { pace, start } = baseline;
    let earned: i64 = planned
        .iter()
        .flat_map(|p| &p.blocks)
        .filter(|b| matches!(&b.work, Work::Module(m) if progress.status(m) == Status::Done))
        .map(|b| i64::from(b.weeks))
        .sum();
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
    let finish = |from: Date, weeks: u32| match weeks {
        0 => Ok(None),
        n => week_end(from, n).map(Some),
    };
    Ok(Standing {
        pace,
        start,
        weeks_ahead: earned - weeks_elapsed(start, today),
        planned_finish: finish(start, planned_weeks)?,
        projected_finish: finish(resume_day(start, today), left)?,
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
