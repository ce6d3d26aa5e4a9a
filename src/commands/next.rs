//! `aipath next`: what to study next.

use anyhow::Result;

use super::Ctx;
use crate::plan::next::next_steps;
use crate::plan::{Pace, allocate};
use crate::progress::count::count;
use crate::render::views::next::NextView;

pub fn run(ctx: &Ctx, limit: usize) -> Result<()> {
    let (state, course) = ctx.load()?;
    let progress = course.progress_of(&state);
    let allocation = allocate(&course, &progress, Pace::Steady);
    let mut steps = next_steps(&course, &progress, &allocation);
    steps.truncate(limit);
    let (_, overall) = count(&course.path, &progress);
    ctx.shell.print(&NextView {
        path: course.id().to_string(),
        complete: overall.is_complete(),
        progress: overall,
        steps,
        title: course.path.title.clone(),
    })
}
