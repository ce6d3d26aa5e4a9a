//! `aipath skills`: the essential skills, and how far the modules that teach each one are done.

use serde::Serialize;

use super::links::LinkRow;
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
    /// Whether a project the learner has done demonstrates it (its brief names the skill).
    pub proven: bool,
    /// The projects whose briefs name the skill, with the learner's status and links.
    pub projects: Vec<ProjectProof>,
    /// The project that would prove it, by id, while none done does.
    pub suggested: Option<String>,
}

/// A project that demonstrates a skill.
#[derive(Serialize)]
pub struct ProjectProof {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    /// Every module it builds on is done.
    pub ready: bool,
    pub links: Vec<LinkRow>,
}

impl ProjectProof {
    pub fn is_done(&self) -> bool {
        self.status == crate::progress::Status::Done.as_str()
    }
}

impl Render for SkillsView {
    fn render(&self, screen: Screen) -> String {
        if self.groups.iter().all(|g| g.skills.is_empty()) {
            return format!("The path `{}` lists no skills.", self.path);
        }
        // The proof column comes with the first evidence (a project done, or a link): before it the table is the map
        // of what teaches what, and a column of suggestions for all twelve skills would crowd it; `--json` always
        // has the projects and the suggestion.
        let evidence = self.groups.iter().flat_map(|g| &g.skills).any(|s| {
            s.projects
                .iter()
                .any(|p| p.is_done() || !p.links.is_empty())
        });
        let mut headers = vec!["Skill", "Group", "Taught by", "Progress"];
        if evidence {
            headers.push("Proof");
        }
        let mut table = screen.table(&headers);
        for group in &self.groups {
            for s in &group.skills {
                let ids: Vec<String> = s.modules.iter().map(|m| m.id.clone()).collect();
                let progress = match (s.modules.len(), s.total) {
                    (0, _) => "-".to_string(),
                    (_, 0) => "skipped".to_string(),
                    (_, total) => format!("{}/{total} modules", s.done),
                };
                let mut row = vec![
                    Cell::from(s.title.clone()),
                    Cell::from(group.title.clone()),
                    if ids.is_empty() {
                        Cell::from("-")
                    } else {
                        list_cell(&ids)
                    },
                    Cell::from(progress),
                ];
                if evidence {
                    row.push(proof_cell(s));
                }
                table.add_row(row);
            }
        }
        // The modules' ids, one a line, are typed back into commands; a count reads whole.
        table.keep_whole("Taught by");
        table.keep_whole("Progress");
        if evidence {
            table.keep_whole("Proof");
            table.optional("Group", 1);
        }
        table.to_string()
    }
}

/// The projects done that prove a skill, each with its links; else the project that would, to start or finish.
fn proof_cell(s: &SkillRow) -> Cell {
    if s.proven {
        let mut lines: Vec<String> = Vec::new();
        for p in s.projects.iter().filter(|p| p.is_done()) {
            lines.push(p.id.clone());
            lines.extend(p.links.iter().map(|l| l.url.clone()));
        }
        return list_cell(&lines);
    }
    match s.suggested.as_deref() {
        Some(id) => {
            let doing = s
                .projects
                .iter()
                .any(|p| p.id == id && p.status == "in-progress");
            Cell::from(if doing {
                format!("finish {id}")
            } else {
                format!("would be: {id}")
            })
        }
        None => Cell::from("-"),
    }
}
