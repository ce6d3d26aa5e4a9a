//! `aipath list`: every module with its phase, status and dates.

use anyhow::Result;

use super::Ctx;
use crate::render::views::list::{ListView, ModuleRow};

pub fn run(ctx: &Ctx) -> Result<()> {
    let (state, course) = ctx.load()?;
    let progress = course.progress_of(&state);
    let logged = progress.logged_by_module();
    let mut rows = Vec::new();
    for phase in &course.path.phases {
        for id in phase.module_ids() {
            let entry = progress.entry(id);
            rows.push(ModuleRow {
                id: id.to_string(),
                title: course.title(id).to_string(),
                phase: phase.id.clone(),
                status: progress.status(id).as_str(),
                checklist: course.ticks(&progress, id)?,
                hours_logged: logged.get(id).copied().unwrap_or(0.0),
                chosen: phase.is_choice().then(|| progress.counts_as_chosen(id)),
                started: entry.and_then(|e| e.started),
                finished: entry.and_then(|e| e.finished),
            });
        }
    }
    ctx.shell.print(&ListView { rows })
}
