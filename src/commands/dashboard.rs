//! `aipath` alone: a dashboard, as rustlings' is — the active path and how far along it is, the modules in progress,
//! this week's hours, the schedule, and the one command to type next. `aipath help` keeps the full help.

use anyhow::Result;

use super::Ctx;
use crate::course::Course;
use crate::log::stats;
use crate::plan::next::next_steps;
use crate::plan::standing::standing;
use crate::plan::{Pace, allocate};
use crate::progress::count::count;
use crate::progress::{PathProgress, Status};
use crate::render::views::dashboard::{DashboardView, Studying};

pub fn run(ctx: &Ctx) -> Result<()> {
    let (state, course) = ctx.load()?;
    let progress = course.progress_of(&state);
    ctx.shell.print(&view(&course, &progress, ctx.today)?)
}

/// The dashboard's content on `today`, from the functions `status` and `next` ask.
pub fn view(
    course: &Course,
    progress: &PathProgress,
    today: jiff::civil::Date,
) -> Result<DashboardView> {
    let (_, overall) = count(&course.path, progress);
    // Modules in progress, then the projects the learner works on (their briefs have checklists too).
    let projects = course
        .path
        .all_projects()
        .map(|p| p.id.as_str())
        .filter(|p| progress.works_on(p) && course.brief(p).is_some());
    let studying = course
        .path
        .module_ids()
        .filter(|m| progress.status(m) == Status::InProgress)
        .chain(projects)
        .map(|m| {
            Ok(Studying {
                id: m.to_string(),
                title: course.title(m).to_string(),
                checklist: course.ticks(progress, m)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let schedule = match progress.baseline() {
        Some(b) => {
            Some(standing(course, progress, b, today).map_err(crate::error::CommandError::from)?)
        }
        None => None,
    };
    let allocation = allocate(course, progress, Pace::Steady);
    let next = next_steps(course, progress, &allocation).into_iter().next();
    Ok(DashboardView {
        path: course.id().to_string(),
        title: course.path.title.clone(),
        progress: overall,
        studying,
        hours_this_week: stats(course, progress, today).hours_this_week,
        schedule,
        next,
    })
}
