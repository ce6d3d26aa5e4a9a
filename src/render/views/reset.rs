//! `aipath reset`, `reset --list` and `reset --restore`: archives of a path's progress.

use jiff::civil::Date;
use serde::Serialize;

use crate::log::{from_hundredths, hundredths};
use crate::progress::{PathProgress, Status};
use crate::render::table::Cell;
use crate::render::text::{hours, one_line};
use crate::render::{Render, Screen};

/// An archive and what it holds.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveRow {
    pub name: String,
    pub path: String,
    pub archived: Date,
    /// Modules done.
    pub done: usize,
    /// Study sessions.
    pub sessions: usize,
    pub hours: f64,
}

impl ArchiveRow {
    pub fn of(name: &str, path: &str, archived: Date, progress: &PathProgress) -> ArchiveRow {
        ArchiveRow {
            name: name.to_string(),
            path: path.to_string(),
            archived,
            done: progress
                .modules
                .values()
                .filter(|e| e.status == Status::Done)
                .count(),
            sessions: progress.log.len(),
            hours: from_hundredths(progress.log.iter().map(|e| hundredths(e.hours)).sum()),
        }
    }

    fn holds(&self) -> String {
        format!(
            "{} module{} done, {} session{}, {} h",
            self.done,
            if self.done == 1 { "" } else { "s" },
            self.sessions,
            if self.sessions == 1 { "" } else { "s" },
            hours(self.hours)
        )
    }
}

/// `aipath reset`: the archive the progress went into, `null` when there was nothing to put aside.
#[derive(Serialize)]
pub struct ResetView {
    pub path: String,
    #[serde(skip)]
    pub title: String,
    pub archive: Option<ArchiveRow>,
    /// The learner answered no: nothing was put aside.
    #[serde(skip)]
    pub declined: bool,
}

impl Render for ResetView {
    fn render(&self, _: Screen) -> String {
        match &self.archive {
            None if self.declined => {
                format!("Nothing changed: `{}` keeps its progress.", self.path)
            }
            None => format!(
                "Nothing to reset: there is no progress on `{}` yet.",
                self.path
            ),
            Some(a) => format!(
                "`{}` starts afresh. Your progress on it ({}) is kept as archive `{}`: `aipath reset --restore {}` \
                 brings it back, and so does `aipath undo` now.",
                self.path,
                a.holds(),
                a.name,
                a.name
            ),
        }
    }
}

/// The question `aipath reset` asks on a terminal before it puts `archive` aside, wrapped to `width` when known:
/// what the path's progress holds, the archive's name, and how to bring it back.
pub fn question(title: &str, archive: &ArchiveRow, width: Option<usize>) -> String {
    let lines = [
        format!("Start `{}` afresh?", one_line(title)),
        format!(
            "Your progress on it ({}) is put aside as archive `{}`; `aipath reset --restore {}` brings it back.",
            archive.holds(),
            archive.name,
            archive.name
        ),
        "Reset it? [y/N] ".to_string(),
    ];
    let wrap = |line: &str| match width {
        Some(width) => textwrap::fill(line, crate::render::text::wrapping(width)),
        None => line.to_string(),
    };
    let mut out: Vec<String> = lines[..2].iter().map(|l| wrap(l)).collect();
    // The answer is typed after the last line's space.
    out.push(lines[2].clone());
    out.join("\n")
}

/// `aipath reset --list`; the JSON is the array of archives.
#[derive(Serialize)]
#[serde(transparent)]
pub struct ArchivesView {
    pub archives: Vec<ArchiveRow>,
}

impl Render for ArchivesView {
    fn render(&self, screen: Screen) -> String {
        if self.archives.is_empty() {
            return "No archives: `aipath reset` puts a path's progress aside in one.".to_string();
        }
        let mut table = screen.table(&["Archive", "Path", "Archived", "Done", "Sessions", "Hours"]);
        for column in ["Done", "Sessions", "Hours"] {
            table.align_right(column);
            table.keep_whole(column);
        }
        table.keep_whole("Archive");
        table.keep_whole("Archived");
        for a in &self.archives {
            table.add_row([
                Cell::from(a.name.clone()),
                Cell::from(a.path.clone()),
                Cell::from(a.archived.to_string()),
                Cell::from(a.done.to_string()),
                Cell::from(a.sessions.to_string()),
                Cell::from(hours(a.hours)),
            ]);
        }
        format!("{table}\n`aipath reset --restore NAME` brings one back.")
    }
}

/// `aipath reset --restore NAME`: the archive brought back, and the progress put aside to make room, if any.
#[derive(Serialize)]
pub struct RestoreView {
    pub restored: ArchiveRow,
    pub put_aside: Option<ArchiveRow>,
}

impl Render for RestoreView {
    fn render(&self, _: Screen) -> String {
        let r = &self.restored;
        let mut out = format!(
            "Restored archive `{}` to `{}` ({}).",
            r.name,
            r.path,
            r.holds()
        );
        if let Some(a) = &self.put_aside {
            out.push_str(&format!(
                " The progress it replaced ({}) is kept as archive `{}`.",
                a.holds(),
                a.name
            ));
        }
        out
    }
}
