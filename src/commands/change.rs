//! `aipath start|done|skip|undo <id>...`: change the status of modules or projects.

use anyhow::Result;

use super::Ctx;
use crate::course::Course;
use crate::path::ids::resolve;
use crate::plan::{Pace, allocate};
use crate::progress::count::count;
use crate::progress::next::next_steps;
use crate::progress::{Change, Kind};
use crate::render::views::change::{ChangeView, Changed};

/// Resolves typed ids to (kind, id) against the path's modules and projects; any bad id fails the whole command.
pub fn resolve_items(course: &Course, typed: &[String]) -> Result<Vec<(Kind, String)>> {
    let path = &course.path;
    let candidates: Vec<&str> = path
        .module_ids()
        .chain(path.all_projects().map(|p| p.id.as_str()))
        .collect();
    let mut items: Vec<(Kind, String)> = Vec::new();
    for t in typed {
        let id = resolve(t, candidates.iter().copied(), "module or project")?;
        let kind = if path.module(id).is_some() {
            Kind::Module
        } else {
            Kind::Project
        };
        if !items.iter().any(|(_, seen)| seen == id) {
            items.push((kind, id.to_string()));
        }
    }
    Ok(items)
}

pub fn run(ctx: &Ctx, typed: &[String], change: Change) -> Result<()> {
    let (_, course) = ctx.load()?;
    let items = resolve_items(&course, typed)?;
    let today = ctx.today;
    let (changes, state) = ctx.update_progress(&course, |progress| {
        Ok(items
            .iter()
            .map(|(kind, id)| {
                let changed = progress.apply(*kind, id, change, today);
                let status = match kind {
                    Kind::Module => progress.status(id),
                    Kind::Project => progress.project_status(id),
                };
                Changed {
                    id: id.clone(),
                    kind: if *kind == Kind::Module {
                        "module"
                    } else {
                        "project"
                    },
                    status: status.as_str(),
                    changed,
                }
            })
            .collect::<Vec<_>>())
    })?;
    let progress = course.progress_of(&state);
    let (_, overall) = count(&course.path, &progress);
    let allocation = allocate(&course, &progress, Pace::Steady);
    let next = next_steps(&course, &progress, &allocation)
        .into_iter()
        .next();
    ctx.shell.print(&ChangeView {
        changes,
        progress: overall,
        next,
        change,
        title: course.path.title.clone(),
    })
}
