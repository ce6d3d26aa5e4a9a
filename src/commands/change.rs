//! `aipath start|done|skip|undo <id>...`: change the status of modules or projects.

use anyhow::Result;
use serde::Serialize;

use super::output::emit;
use super::{Ctx, checklist_complete, estimates, update_progress};
use crate::error::resolve;
use crate::loader::Library;
use crate::next::{Step, next_steps};
use crate::progress::{Change, Kind};
use crate::render::json;
use crate::status::{Count, count};

#[derive(Serialize)]
struct Changed {
    id: String,
    kind: &'static str,
    status: &'static str,
    changed: bool,
}

#[derive(Serialize)]
struct ChangeView {
    changes: Vec<Changed>,
    progress: Count,
    next: Option<Step>,
}

/// Resolves typed ids to (kind, id) against the path's modules and projects; any bad id fails the whole command.
pub fn resolve_items(library: &Library, typed: &[String]) -> Result<Vec<(Kind, String)>> {
    let path = &library.path;
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
    let (_, library) = ctx.load()?;
    let items = resolve_items(&library, typed)?;
    let today = ctx.today;
    let (changes, state) = update_progress(ctx, &library, |progress| {
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
    let progress = super::progress_of(&state, &library);
    let (_, overall) = count(&library.path, &progress);
    let allocation = estimates(&library, &progress);
    let next = next_steps(&library.path, &progress, &allocation, &|m| {
        checklist_complete(&library, &progress, m)
    })
    .into_iter()
    .next();
    let view = ChangeView {
        changes,
        progress: overall,
        next,
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    let mut out = String::new();
    for c in &view.changes {
        if c.changed {
            out.push_str(&format!("`{}`: {}\n", c.id, change.verb()));
        } else {
            out.push_str(&format!("`{}`: already {}\n", c.id, c.status));
        }
    }
    if change == Change::Done || change == Change::Skip {
        out.push_str(&format!("Progress: {}\n", view.progress.summary()));
        match &view.next {
            Some(step) => out.push_str(&format!("Next: {} (`{}`)\n", step.title, step.command)),
            None if view.progress.is_complete() => {
                out.push_str(&format!("You have finished {}.\n", library.path.title));
            }
            None => {}
        }
    }
    emit(&out)
}
