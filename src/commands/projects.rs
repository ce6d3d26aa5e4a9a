//! `aipath projects`: the recommended projects by group, the modules each builds on, and the learner's status.

use anyhow::Result;

use super::Ctx;
use crate::render::views::projects::{GroupView, ModuleRef, ProjectRow, ProjectsView};

pub fn run(ctx: &Ctx) -> Result<()> {
    let (state, course) = ctx.load()?;
    let progress = course.progress_of(&state);
    ctx.shell.print(&ProjectsView {
        path: course.id().to_string(),
        groups: course
            .path
            .projects
            .iter()
            .map(|group| GroupView {
                id: group.id.clone(),
                title: group.title.clone(),
                projects: group
                    .items
                    .iter()
                    .map(|project| {
                        let builds_on: Vec<ModuleRef> = project
                            .modules
                            .iter()
                            .map(|m| ModuleRef::new(&course, &progress, m))
                            .collect();
                        let entry = progress.projects.get(&project.id);
                        ProjectRow {
                            id: project.id.clone(),
                            title: project.title.clone(),
                            status: progress.project_status(&project.id).as_str(),
                            started: entry.and_then(|e| e.started),
                            finished: entry.and_then(|e| e.finished),
                            ready: !builds_on.is_empty()
                                && builds_on.iter().all(ModuleRef::is_done),
                            builds_on,
                            links: entry
                                .map(|e| crate::render::views::links::LinkRow::all(&e.links))
                                .unwrap_or_default(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    })
}
