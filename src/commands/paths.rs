//! `aipath paths`: the paths on offer (built-in and the data folder's), the learner's progress on each, and which is
//! active.

use std::collections::HashMap;

use anyhow::Result;

use super::Ctx;
use crate::io::builtin::DEFAULT_PATH_ID;
use crate::io::catalog::{self, Source};
use crate::io::loader;
use crate::progress::PathProgress;
use crate::progress::count::count;
use crate::render::views::paths::{PathRow, PathsView};

pub fn run(ctx: &Ctx) -> Result<()> {
    let state = ctx.store.read()?;
    let active = state
        .active
        .clone()
        .unwrap_or_else(|| DEFAULT_PATH_ID.to_string());
    let mut first_with_id: HashMap<String, String> = HashMap::new();
    let mut rows = Vec::new();
    for available in catalog::available() {
        let (source, file) = match &available.source {
            Source::BuiltIn { file, .. } => ("built-in", format!("built-in paths/{file}")),
            Source::File(file) => ("data folder", file.display().to_string()),
        };
        let mut row = PathRow {
            id: available.id.clone(),
            title: None,
            source,
            file: file.clone(),
            modules: None,
            done: None,
            total: None,
            percent: None,
            active: false,
            problem: available.unreadable.clone(),
        };
        if row.problem.is_none() {
            if let Some(earlier) = first_with_id.get(&available.id) {
                // Lookups by id find the earlier one; `--path FILE` still reaches this one.
                row.problem = Some(format!(
                    "{file}: the id `{}` is already taken by {earlier}; give this path another id",
                    available.id
                ));
            } else {
                first_with_id.insert(available.id.clone(), file.clone());
                row.active = available.id == active;
                match loader::load_source(&available.source) {
                    Ok(course) => {
                        let empty = PathProgress::default();
                        let progress = state.paths.get(course.id()).unwrap_or(&empty);
                        let (_, overall) = count(&course.path, progress);
                        row.title = Some(course.path.title.clone());
                        row.modules = Some(course.path.modules.len());
                        row.percent = Some(overall.percent());
                        row.done = Some(overall.done);
                        row.total = Some(overall.total);
                    }
                    Err(e) => row.problem = Some(format!("{e:#}")),
                }
            }
        }
        rows.push(row);
    }
    ctx.shell.print(&PathsView {
        active,
        folder: catalog::folder().map(|f| f.display().to_string()),
        folder_shown: catalog::folder().map(|f| home_relative(&f)),
        paths: rows,
    })
}

/// `~/.local/share/aipath/paths` rather than the whole home path: shorter, and what a learner types.
fn home_relative(path: &std::path::Path) -> String {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}
