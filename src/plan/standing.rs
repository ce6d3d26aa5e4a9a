//! Where a learner stands against their plan: the weeks the plan gives to what they have done, against the weeks
//! elapsed since its start, and the finish the remaining work projects from today. Pure: today is an input.

use jiff::civil::Date;
use serde::Serialize;

use super::allocate::{Work, allocate};
use super::calendar::week_end;
use super::pace::Pace;
use crate::course::Course;
use crate::progress::{PathProgress, Status};

/// Where a learner stands against the plan that starts on their start date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub pace: Pace,
    pub start: Date,
    /// Positive: ahead of the plan; negative: behind.
    pub weeks_ahead: i64,
    pub projected_finish: Option<Date>,
}

/// Compares progress with the plan from `start`: the weeks the plan gives to the modules done so far, against the
/// whole weeks elapsed since `start`. The projected finish lays the remaining work out from `today`.
pub fn standing(
    course: &Course,
    progress: &PathProgress,
    pace: Pace,
    start: Date,
    today: Date,
) -> Result<Standing, String> {
    // The plan as it was on day one: the same choices and skips, nothing done yet. Only what the allocation reads is
    // copied, not the study log.
    let fresh = PathProgress {
        chosen: progress.chosen.clone(),
        modules: progress
            .modules
            .iter()
            .filter(|(_, e)| e.status == Status::Skipped)
            .map(|(id, e)| (id.clone(), e.clone()))
            .collect(),
        ..PathProgress::default()
    };
    let baseline = allocate(course, &fresh, pace);
    let earned: i64 = baseline
        .iter()
        .flat_map(|p| &p.blocks)
        .filter(|b| matches!(&b.work, Work::Module(m) if progress.status(m) == Status::Done))
        .map(|b| i64::from(b.weeks))
        .sum();
    // Both are calendar dates, so the span between them always exists; a start after today is no time elapsed.
    let elapsed_days = start.until(today).map_or(0, |s| i64::from(s.get_days()));
    let elapsed_weeks = elapsed_days.max(0) / 7;
    // The remaining plan's last day, from its length alone: laying out every week, with focus and milestones, only
    // to read the date of the last was most of `status` on a large path.
    let left: u32 = allocate(course, progress, pace)
        .iter()
        .flat_map(|p| &p.blocks)
        .map(|b| b.weeks)
        .sum();
    let projected_finish = match left {
        0 => None,
        n => Some(week_end(today, n)?),
    };
    Ok(Standing {
        pace,
        start,
        weeks_ahead: earned - elapsed_weeks,
        projected_finish,
    })
}
