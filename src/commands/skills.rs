//! `aipath skills`: the essential skills, and how far the modules that teach each one are done.

use anyhow::Result;

use super::Ctx;
use crate::course::Course;
use crate::progress::{PathProgress, Status};
use crate::render::views::projects::ModuleRef;
use crate::render::views::skills::{SkillGroupView, SkillRow, SkillsView};

pub fn run(ctx: &Ctx) -> Result<()> {
    let (state, course) = ctx.load()?;
    let progress = course.progress_of(&state);
    ctx.shell.print(&view(&course, &progress))
}

/// The skills and the learner's progress on them: what `skills` prints and the report shows.
pub fn view(course: &Course, progress: &PathProgress) -> SkillsView {
    SkillsView {
        path: course.id().to_string(),
        groups: course
            .path
            .skills
            .iter()
            .map(|group| SkillGroupView {
                id: group.id.clone(),
                title: group.title.clone(),
                skills: group
                    .items
                    .iter()
                    .map(|skill| {
                        let modules: Vec<ModuleRef> = skill
                            .modules
                            .iter()
                            .map(|m| ModuleRef::new(course, progress, m))
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
    }
}
