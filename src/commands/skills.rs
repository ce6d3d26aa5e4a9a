//! `aipath skills`: the essential skills, and how far the modules that teach each one are done.

use anyhow::Result;
use serde::Serialize;

use super::output::emit;
use super::projects::ModuleRef;
use super::{Ctx, progress_of};
use crate::progress::Status;
use crate::render::json;
use crate::render::table::list_cell;

#[derive(Serialize)]
struct SkillsView {
    path: String,
    groups: Vec<GroupView>,
}

#[derive(Serialize)]
struct GroupView {
    id: String,
    title: String,
    skills: Vec<SkillRow>,
}

#[derive(Serialize)]
struct SkillRow {
    title: String,
    /// The teaching modules done, of those not skipped (a skipped module is one the learner already knows).
    done: usize,
    total: usize,
    skipped: usize,
    modules: Vec<ModuleRef>,
}

pub fn run(ctx: &Ctx) -> Result<()> {
    let (state, library) = ctx.load()?;
    let progress = progress_of(&state, &library);
    let view = SkillsView {
        path: library.id().to_string(),
        groups: library
            .path
            .skills
            .iter()
            .map(|group| GroupView {
                id: group.id.clone(),
                title: group.title.clone(),
                skills: group
                    .items
                    .iter()
                    .map(|skill| {
                        let modules: Vec<ModuleRef> = skill
                            .modules
                            .iter()
                            .map(|m| ModuleRef::new(&library, &progress, m))
                            .collect();
                        let skipped = modules
                            .iter()
                            .filter(|m| m.status == Status::Skipped.as_str())
                            .count();
                        SkillRow {
                            title: skill.title.clone(),
                            done: modules.iter().filter(|m| m.is_done()).count(),
                            total: modules.len() - skipped,
                            skipped,
                            modules,
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    if view.groups.iter().all(|g| g.skills.is_empty()) {
        return emit(&format!("The path `{}` lists no skills.", view.path));
    }
    let mut table = ctx
        .screen
        .table(&["Skill", "Group", "Taught by", "Progress"]);
    for group in &view.groups {
        for s in &group.skills {
            let ids: Vec<String> = s.modules.iter().map(|m| m.id.clone()).collect();
            let progress = match (s.modules.len(), s.total) {
                (0, _) => "-".to_string(),
                (_, 0) => "skipped".to_string(),
                (_, total) => format!("{}/{total} modules", s.done),
            };
            table.add_row(vec![
                s.title.clone(),
                group.title.clone(),
                if ids.is_empty() {
                    "-".to_string()
                } else {
                    list_cell(&ids, ctx.screen)
                },
                progress,
            ]);
        }
    }
    emit(&table.to_string())
}
