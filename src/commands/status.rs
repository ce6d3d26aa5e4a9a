//! `aipath status`: progress per phase and for the whole path.

use anyhow::Result;
use jiff::civil::Date;

use super::Ctx;
use crate::course::Course;
use crate::guide::checklist::Ticks;
use crate::log::stats;
use crate::plan::standing::{Standing, standing};
use crate::progress::PathProgress;
use crate::progress::count::{Count, count, counted};
use crate::render::views::status::{PhaseRow, StatusView};
use crate::render::views::sync::Synced;

fn row(id: &str, title: &str, c: &Count, checklist: Ticks) -> PhaseRow {
    PhaseRow {
        id: id.to_string(),
        title: title.to_string(),
        done: c.done,
        total: c.total,
        percent: c.percent(),
        checklist,
    }
}

pub fn run(ctx: &Ctx) -> Result<()> {
    let (state, course) = ctx.load()?;
    let progress = course.progress_of(&state);
    let synced = match super::sync::last_synced(&ctx.store.file) {
        Some(at) => Some(Synced::at(at, &crate::io::clock::now()?)),
        None => None,
    };
    ctx.shell
        .print(&view(&course, &progress, ctx.today, synced)?)
}

/// What `status` shows on `today`; `synced` is when this machine last synced, which only the caller can read.
pub fn view(
    course: &Course,
    progress: &PathProgress,
    today: Date,
    synced: Option<Synced>,
) -> Result<StatusView> {
    // The study statistics are a pass over every session of their own, made beside the counts and the schedule.
    let study = stats(course, progress, today);
    let counts = counts(course, progress, today);
    let (phases, overall, phase_ticks, schedule) = counts?;
    let all_ticks: Ticks = phase_ticks.iter().copied().sum();
    Ok(StatusView {
        path: course.id().to_string(),
        title: course.path.title.clone(),
        started: progress.started,
        chosen: course.chosen(progress),
        phases: course
            .path
            .phases
            .iter()
            .zip(&phases)
            .zip(&phase_ticks)
            .map(|((p, c), t)| row(&p.id, &p.title, c, *t))
            .collect(),
        overall: row("all", "Whole path", &overall, all_ticks),
        schedule,
        study,
        synced,
        has_choice: course.path.choice_phase().is_some(),
    })
}

/// What the path's phases count (modules, and checklist ticks), the whole path's count, and where the learner stands
/// against their plan.
type Counts = (Vec<Count>, Count, Vec<Ticks>, Option<Standing>);

fn counts(course: &Course, progress: &PathProgress, today: Date) -> Result<Counts> {
    let (phases, overall) = count(&course.path, progress);
    let mut phase_ticks = Vec::with_capacity(phases.len());
    for phase in &course.path.phases {
        let sum = counted(phase, progress)
            .into_iter()
            .map(|m| course.ticks(progress, m))
            .sum::<Result<Ticks>>()?;
        phase_ticks.push(sum);
    }
    let schedule = match progress.baseline() {
        Some(b) => {
            Some(standing(course, progress, b, today).map_err(crate::error::CommandError::from)?)
        }
        None => None,
    };
    Ok((phases, overall, phase_ticks, schedule))
}
