//! `aipath use <path-id>`: switch the active path. Progress is kept per path, so switching loses nothing.

use anyhow::{Context, Result};

use super::Ctx;
use crate::io::builtin::DEFAULT_PATH_ID;
use crate::io::{catalog, loader};
use crate::path::ids::resolve_hinted;
use crate::progress::count::count;
use crate::render::views::use_path::UseView;

pub fn run(ctx: &Ctx, typed: &str) -> Result<()> {
    let ids = catalog::ids();
    let id = resolve_hinted(
        typed,
        ids.iter().map(String::as_str),
        "path",
        "`aipath paths` lists the paths",
    )?
    .to_string();
    // Loaded by id, never as a file: an id read from a file in the data folder may hold anything, `../x` included.
    // A path that does not load must not become active: every later command would fail on it.
    let source = catalog::find(&id).ok_or_else(|| {
        crate::error::input(format!(
            "unknown path `{id}` (`aipath paths` lists the paths)"
        ))
    })?;
    let course = loader::load_source(&source)?;
    let (changed, state) = ctx
        .update(|state| {
            let current = state.active.as_deref().unwrap_or(DEFAULT_PATH_ID);
            let changed = current != id;
            if changed {
                state.active = Some(id.clone());
            }
            Ok((changed, state.clone()))
        })
        .context("the state was not changed")?;
    let (_, progress) = count(&course.path, &course.progress_of(&state));
    ctx.shell.print(&UseView {
        active: id,
        title: course.path.title.clone(),
        changed,
        progress,
    })
}
