//! `aipath skills`: the essential skills, and how far the modules that teach each one are done.

use serde::Serialize;

use super::projects::ModuleRef;
use crate::render::table::{Cell, list_cell};
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct SkillsView {
    pub path: String,
    pub groups: Vec<SkillGroupView>,
}

#[derive(Serialize)]
pub struct SkillGroupView {
    pub id: String,
    pub title: String,
    pub skills: Vec<SkillRow>,
}

#[derive(Serialize)]
pub struct SkillRow {
    pub title: String,
    /// The teaching modules done, of those not skipped (a skipped module is one the learner already knows).
    pub done: usize,
    pub total: usize,
    pub skipped: usize,
    pub modules: Vec<ModuleRef>,
}

impl Render for SkillsView {
    fn render(&self, screen: Screen) -> String {
        if self.groups.iter().all(|g| g.skills.is_empty()) {
            return format!("The path `{}` lists no skills.", self.path);
        }
        let mut table = screen.table(&["Skill", "Group", "Taught by", "Progress"]);
        for group in &self.groups {
            for s in &group.skills {
                let ids: Vec<String> = s.modules.iter().map(|m| m.id.clone()).collect();
                let progress = match (s.modules.len(), s.total) {
                    (0, _) => "-".to_string(),
                    (_, 0) => "skipped".to_string(),
                    (_, total) => format!("{}/{total} modules", s.done),
                };
                table.add_row([
                    Cell::from(s.title.clone()),
                    Cell::from(group.title.clone()),
                    if ids.is_empty() {
                        Cell::from("-")
                    } else {
                        list_cell(&ids)
                    },
                    Cell::from(progress),
                ]);
            }
        }
        // The modules' ids, one a line, are typed back into commands; a count reads whole.
        table.keep_whole("Taught by");
        table.keep_whole("Progress");
        table.to_string()
    }
}
