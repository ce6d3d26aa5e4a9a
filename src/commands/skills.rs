//! `aipath skills`: the essential skills, how far the modules that teach each one are done, and the projects that
//! prove each (with their links), or the project that would.

use anyhow::Result;

use super::Ctx;
use crate::course::Course;
use crate::progress::{PathProgress, Status};
use crate::render::views::links::LinkRow;
use crate::render::views::projects::ModuleRef;
use crate::render::views::skills::{ProjectProof, SkillGroupView, SkillRow, SkillsView};

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
                        let projects = shown_by(course, progress, &skill.title);
                        let proven = projects.iter().any(ProjectProof::is_done);
                        let suggested = if proven { None } else { suggest(&projects) };
                        SkillRow {
                            title: skill.title.clone(),
                            done: modules.iter().filter(|m| m.is_done()).count(),
                            total: modules.len() - skipped,
                            skipped,
                            modules,
                            proven,
                            projects,
                            suggested,
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The projects whose brief says they demonstrate skill `title`, in path order, with the learner's status and links.
fn shown_by(course: &Course, progress: &PathProgress, title: &str) -> Vec<ProjectProof> {
    course
        .path
        .all_projects()
        .filter(|p| {
            course
                .brief(&p.id)
                .is_some_and(|b| b.front.skills.iter().any(|s| s == title))
        })
        .map(|p| ProjectProof {
            id: p.id.clone(),
            title: p.title.clone(),
            status: progress.project_status(&p.id).as_str(),
            ready: !p.modules.is_empty()
                && p.modules.iter().all(|m| progress.status(m) == Status::Done),
            links: progress
                .projects
                .get(&p.id)
                .map(|e| LinkRow::all(&e.links))
                .unwrap_or_default(),
        })
        .collect()
}

/// The project to suggest for a skill no done project proves yet: one in progress, else one whose modules are all
/// done, else the first not skipped; by path order within each.
fn suggest(projects: &[ProjectProof]) -> Option<String> {
    let open = |p: &&ProjectProof| p.status != Status::Skipped.as_str();
    projects
        .iter()
        .find(|p| p.status == Status::InProgress.as_str())
        .or_else(|| projects.iter().filter(open).find(|p| p.ready))
        .or_else(|| projects.iter().find(open))
        .map(|p| p.id.clone())
}
