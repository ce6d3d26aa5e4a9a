//! `aipath paths`: the paths on offer (built-in and the data folder's), the learner's progress on each, and which is
//! active.

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;

use super::Ctx;
use super::output::emit;
use crate::catalog::{self, Source};
use crate::loader::{DEFAULT_PATH_ID, Library};
use crate::progress::PathProgress;
use crate::render::json;
use crate::render::table::{hide_when_narrow, keep_whole};
use crate::status::count;

#[derive(Serialize)]
struct PathsView {
    /// The path commands use without `--path`.
    active: String,
    /// Where to put a path YAML to add it; absent without a home folder.
    folder: Option<String>,
    paths: Vec<PathRow>,
}

#[derive(Serialize)]
struct PathRow {
    id: String,
    title: Option<String>,
    /// `built-in` or `data folder`.
    source: &'static str,
    file: String,
    modules: Option<usize>,
    done: Option<usize>,
    total: Option<usize>,
    percent: Option<u32>,
    active: bool,
    /// Why the path cannot be used, when it cannot.
    problem: Option<String>,
}

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
                match Library::load_source(&available.source) {
                    Ok(library) => {
                        let empty = PathProgress::default();
                        let progress = state.paths.get(library.id()).unwrap_or(&empty);
                        let (_, overall) = count(&library.path, progress);
                        row.title = Some(library.path.title.clone());
                        row.modules = Some(library.path.modules.len());
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
    let view = PathsView {
        active,
        folder: catalog::folder().map(|f| f.display().to_string()),
        paths: rows,
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    let mut table = ctx
        .screen
        .table(&["", "Id", "Title", "Source", "Modules", "Progress"]);
    // Ids and counts stay whole on a narrow terminal, where the title (the id names the path) steps aside; files
    // wrap.
    for column in [0, 1, 4, 5] {
        keep_whole(&mut table, column);
    }
    hide_when_narrow(&mut table, 2, 110);
    let dash = || "-".to_string();
    for r in &view.paths {
        table.add_row(vec![
            if r.active { "*".into() } else { String::new() },
            r.id.clone(),
            r.title.clone().unwrap_or_else(dash),
            if r.source == "built-in" {
                r.source.to_string()
            } else {
                r.file.clone()
            },
            r.modules.map_or_else(dash, |m| m.to_string()),
            match (r.done, r.total, r.percent) {
                (Some(done), Some(total), Some(percent)) => format!("{done}/{total} ({percent}%)"),
                _ => "cannot be loaded".to_string(),
            },
        ]);
    }
    let mut out = format!("{table}\n");
    for r in &view.paths {
        if let Some(problem) = &r.problem {
            out.push_str(&format!("Cannot use `{}`: {problem}\n", r.id));
        }
    }
    if !view.paths.iter().any(|r| r.active) {
        out.push_str(&format!(
            "The active path `{}` is not among these; `aipath use <id>` picks one.\n",
            view.active
        ));
    }
    match &view.folder {
        Some(folder) => out.push_str(&format!(
            "Switch with `aipath use <id>`. Add a path by putting its YAML in {folder}\n"
        )),
        None => out.push_str("Switch with `aipath use <id>`.\n"),
    }
    emit(&out)
}
