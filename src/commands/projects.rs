//! `aipath projects`: the recommended projects by group, the modules each builds on, and the learner's status.

use anyhow::Result;
use jiff::civil::Date;
use serde::Serialize;

use super::output::emit;
use super::{Ctx, progress_of};
use crate::loader::Library;
use crate::progress::{PathProgress, Status};
use crate::render::json;
use crate::render::table::{hide_when_narrow, keep_whole, list_cell};

/// A module named by a project or a skill, with the learner's status on it.
#[derive(Serialize)]
pub(super) struct ModuleRef {
    pub id: String,
    pub title: String,
    pub status: &'static str,
}

impl ModuleRef {
    pub fn new(library: &Library, progress: &PathProgress, id: &str) -> ModuleRef {
        ModuleRef {
            id: id.to_string(),
            title: library
                .path
                .module(id)
                .map(|m| m.title.clone())
                .unwrap_or_default(),
            status: progress.status(id).as_str(),
        }
    }

    pub fn is_done(&self) -> bool {
        self.status == Status::Done.as_str()
    }
}

#[derive(Serialize)]
struct ProjectsView {
    path: String,
    groups: Vec<GroupView>,
}

#[derive(Serialize)]
struct GroupView {
    id: String,
    title: String,
    projects: Vec<ProjectRow>,
}

#[derive(Serialize)]
struct ProjectRow {
    id: String,
    title: String,
    status: &'static str,
    started: Option<Date>,
    finished: Option<Date>,
    /// Every module it builds on is done: `aipath next` offers it.
    ready: bool,
    builds_on: Vec<ModuleRef>,
}

pub fn run(ctx: &Ctx) -> Result<()> {
    let (state, library) = ctx.load()?;
    let progress = progress_of(&state, &library);
    let view = ProjectsView {
        path: library.id().to_string(),
        groups: library
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
                            .map(|m| ModuleRef::new(&library, &progress, m))
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
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    if view.groups.iter().all(|g| g.projects.is_empty()) {
        return emit(&format!("The path `{}` recommends no projects.", view.path));
    }
    let mut table = ctx
        .screen
        .table(&["Id", "Project", "Group", "Builds on", "Done", "Status"]);
    for group in &view.groups {
        for p in &group.projects {
            let modules: Vec<String> = p
                .builds_on
                .iter()
                .map(|m| format!("{} ({})", m.id, m.status))
                .collect();
            let done = p.builds_on.iter().filter(|m| m.is_done()).count();
            table.add_row(vec![
                p.id.clone(),
                p.title.clone(),
                group.title.clone(),
                if modules.is_empty() {
                    "-".to_string()
                } else {
                    list_cell(&modules, ctx.screen)
                },
                format!("{done}/{}", p.builds_on.len()),
                p.status.to_string(),
            ]);
        }
    }
    // Ids are typed into commands: they stay whole; on a narrow terminal the title, the group and the
    // count (the statuses beside each module say the same) step aside.
    keep_whole(&mut table, 0);
    hide_when_narrow(&mut table, 1, 120);
    hide_when_narrow(&mut table, 2, 110);
    hide_when_narrow(&mut table, 4, 90);
    emit(&format!(
        "{table}\nMark a project with `aipath start <id>`, `done <id>` or `undo <id>`.\n"
    ))
}
