//! `aipath projects` and `aipath skills`: the recommended projects and the essential skills, each with the modules
//! it builds on and the learner's status on them.

use jiff::civil::Date;
use serde::Serialize;

use crate::course::Course;
use crate::progress::{PathProgress, Status};
use crate::render::table::{Cell, Tone, list_cell};
use crate::render::{Render, Screen};

/// A module named by a project or a skill, with the learner's status on it.
#[derive(Serialize)]
pub struct ModuleRef {
    pub id: String,
    pub title: String,
    pub status: &'static str,
}

impl ModuleRef {
    pub fn new(course: &Course, progress: &PathProgress, id: &str) -> ModuleRef {
        ModuleRef {
            id: id.to_string(),
            title: course.title(id).to_string(),
            status: progress.status(id).as_str(),
        }
    }

    pub fn is_done(&self) -> bool {
        self.status == Status::Done.as_str()
    }
}

#[derive(Serialize)]
pub struct ProjectsView {
    pub path: String,
    pub groups: Vec<GroupView>,
}

#[derive(Serialize)]
pub struct GroupView {
    pub id: String,
    pub title: String,
    pub projects: Vec<ProjectRow>,
}

#[derive(Serialize)]
pub struct ProjectRow {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    pub started: Option<Date>,
    pub finished: Option<Date>,
    /// Every module it builds on is done: `aipath next` offers it.
    pub ready: bool,
    pub builds_on: Vec<ModuleRef>,
    /// Where the work lives (`aipath link`).
    pub links: Vec<super::links::LinkRow>,
}

impl Render for ProjectsView {
    fn render(&self, screen: Screen) -> String {
        if self.groups.iter().all(|g| g.projects.is_empty()) {
            return format!("The path `{}` recommends no projects.", self.path);
        }
        // A column of links only once there are some: most learners read this table before they have any.
        let any_links = self
            .groups
            .iter()
            .any(|g| g.projects.iter().any(|p| !p.links.is_empty()));
        let mut headers = vec!["Id", "Project", "Group", "Builds on", "Done", "Status"];
        if any_links {
            headers.push("Links");
        }
        let mut table = screen.table(&headers);
        for group in &self.groups {
            for p in &group.projects {
                let modules: Vec<String> = p
                    .builds_on
                    .iter()
                    .map(|m| format!("{} ({})", m.id, m.status))
                    .collect();
                let done = p.builds_on.iter().filter(|m| m.is_done()).count();
                let mut row = vec![
                    Cell::from(p.id.clone()),
                    Cell::from(p.title.clone()),
                    Cell::from(group.title.clone()),
                    if modules.is_empty() {
                        Cell::from("-")
                    } else {
                        list_cell(&modules)
                    },
                    Cell::from(format!("{done}/{}", p.builds_on.len())),
                    Cell::from(p.status.to_string()).toned(Tone::of_status(p.status)),
                ];
                if any_links {
                    let urls: Vec<String> = p.links.iter().map(|l| l.url.clone()).collect();
                    row.push(if urls.is_empty() {
                        Cell::from("-")
                    } else {
                        list_cell(&urls)
                    });
                }
                table.add_row(row);
            }
        }
        // Ids are typed into commands: they stay whole; on a narrow terminal the title, the group and the
        // count (the statuses beside each module say the same) step aside.
        // Ids (the project's, and the modules' it builds on, one a line) are typed back into commands.
        table.align_right("Done");
        for column in ["Id", "Builds on", "Done"] {
            table.keep_whole(column);
        }
        table.optional("Group", 1);
        table.optional("Done", 2);
        table.optional("Project", 3);
        if any_links {
            // A URL is followed whole, or not at all.
            table.keep_whole("Links");
        }
        format!("{table}\nMark a project with `aipath start <id>`, `done <id>` or `undo <id>`.\n")
    }
}
