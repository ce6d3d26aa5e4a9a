//! `aipath use <path-id>`: switch the active path. Progress is kept per path, so switching loses nothing.

use anyhow::{Context, Result};
use serde::Serialize;

use super::Ctx;
use super::output::emit;
use crate::catalog;
use crate::error::resolve_hinted;
use crate::loader::{DEFAULT_PATH_ID, Library};
use crate::progress::PathProgress;
use crate::render::json;
use crate::status::{Count, count};

#[derive(Serialize)]
struct UseView {
    active: String,
    title: String,
    changed: bool,
    progress: Count,
}

pub fn run(ctx: &Ctx, typed: &str) -> Result<()> {
    let ids = catalog::ids();
    let id = resolve_hinted(
        typed,
        ids.iter().map(String::as_str),
        "path",
        "`aipath paths` lists the paths",
    )?
    .to_string();
    // A path that does not load must not become active: every later command would fail on it.
    let library = Library::load(Some(&id))?;
    let (changed, state) = ctx
        .store
        .update(|state| {
            let current = state.active.as_deref().unwrap_or(DEFAULT_PATH_ID);
            let changed = current != id;
            if changed {
                state.active = Some(id.clone());
            }
            Ok((changed, state.clone()))
        })
        .context("the state was not changed")?;
    let empty = PathProgress::default();
    let (_, progress) = count(&library.path, state.paths.get(&id).unwrap_or(&empty));
    let view = UseView {
        active: id,
        title: library.path.title.clone(),
        changed,
        progress,
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    let line = format!(
        "`{}` ({}): {} of {} done.",
        view.active, view.title, view.progress.done, view.progress.total
    );
    if view.changed {
        emit(&format!(
            "Active path: {line} `aipath next` shows what comes next on it."
        ))
    } else {
        emit(&format!("Already the active path: {line}"))
    }
}
