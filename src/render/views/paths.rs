//! `aipath paths`: the paths on offer, the learner's progress on each, and which is active.

use serde::Serialize;

use crate::render::table::Cell;
use crate::render::text::one_line;
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct PathsView {
    /// The path commands use without `--path`.
    pub active: String,
    /// Where to put a path YAML to add it; absent without a home folder.
    pub folder: Option<String>,
    /// The folder as people read it: `~/…` under the home folder.
    #[serde(skip)]
    pub folder_shown: Option<String>,
    pub paths: Vec<PathRow>,
}

#[derive(Serialize)]
pub struct PathRow {
    pub id: String,
    pub title: Option<String>,
    /// `built-in` or `data folder`.
    pub source: &'static str,
    pub file: String,
    pub modules: Option<usize>,
    pub done: Option<usize>,
    pub total: Option<usize>,
    pub percent: Option<u32>,
    pub active: bool,
    /// Why the path cannot be used, when it cannot.
    pub problem: Option<String>,
}

impl Render for PathsView {
    fn render(&self, screen: Screen) -> String {
        let mut table = screen.table(&["", "Id", "Title", "Source", "Modules", "Progress"]);
        // Ids and counts stay whole on a narrow terminal.
        table.align_right("Modules");
        for column in ["", "Id", "Modules", "Progress"] {
            table.keep_whole(column);
        }
        // Where the table cannot fit, the file a path was read from steps aside first (an id names the path, and a
        // file path is often the widest word of all), then the title.
        table.optional("Source", 1);
        table.optional("Title", 2);
        let dash = || "-".to_string();
        for r in &self.paths {
            table.add_row([
                Cell::from(if r.active { "*".into() } else { String::new() }),
                Cell::from(r.id.clone()),
                Cell::from(r.title.clone().unwrap_or_else(dash)),
                Cell::from(if r.source == "built-in" {
                    r.source.to_string()
                } else {
                    r.file.clone()
                }),
                Cell::from(r.modules.map_or_else(dash, |m| m.to_string())),
                Cell::from(match (r.done, r.total, r.percent) {
                    (Some(done), Some(total), Some(percent)) => {
                        format!("{done}/{total} ({percent}%)")
                    }
                    _ => "cannot be loaded".to_string(),
                }),
            ]);
        }
        let mut out = format!("{table}\n");
        for r in &self.paths {
            if let Some(problem) = &r.problem {
                out.push_str(&format!("Cannot use `{}`: {}\n", r.id, one_line(problem)));
            }
        }
        if !self.paths.iter().any(|r| r.active) {
            out.push_str(&format!(
                "The active path `{}` is not among these; `aipath use <id>` picks one.\n",
                self.active
            ));
        }
        match &self.folder_shown {
            Some(folder) => out.push_str(&format!(
                "Switch with `aipath use <id>`. Add a path by putting its YAML in {folder}\n"
            )),
            None => out.push_str("Switch with `aipath use <id>`.\n"),
        }
        out
    }
}
