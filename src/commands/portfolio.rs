//! `aipath portfolio [-o FILE|-] [--format markdown|html|json] [--with-notes]`: the journey as something to hand to
//! an employer. Reads only; with `-o FILE` writes that one file through the one atomic write, as `report` does.
//!
//! Its numbers are the other commands': the count `status` makes, the hours `status` totals and `show` gives a
//! module, the skills' proof `skills` shows. The report's portfolio section is this same view.

use std::path::Path;

use anyhow::{Result, anyhow};
use jiff::civil::Date;
use serde::Serialize;

use super::Ctx;
use crate::course::Course;
use crate::error::input;
use crate::io::atomic::{self, Replace, folder_of};
use crate::log::stats;
use crate::progress::count::count;
use crate::progress::{PathProgress, Status};
use crate::render::views::links::LinkRow;
use crate::render::views::portfolio::{Format, ModuleLine, PortfolioView, ProjectLine, SkillLine};
use crate::render::{Render, Screen, human};

pub fn run(ctx: &Ctx, output: Option<&Path>, format: Format, with_notes: bool) -> Result<()> {
    let file = output.filter(|f| *f != Path::new("-"));
    if let Some(file) = file
        && !folder_of(file).is_dir()
    {
        return Err(input(format!(
            "{}: the folder {} does not exist; create it or give another `-o FILE`",
            file.display(),
            folder_of(file).display()
        )));
    }
    let (state, course) = ctx.load()?;
    let progress = course.progress_of(&state);
    let format = if ctx.shell.json { Format::Json } else { format };
    let view = view(&course, &progress, ctx.today, format, with_notes);
    let Some(file) = file else {
        return ctx.shell.print(&view);
    };
    let text = human(&view, Screen::PIPE);
    atomic::write(file, ".aipath-portfolio-", text.as_bytes(), Replace::Yes)
        .map_err(|e| anyhow!("{}: cannot write: {e}", file.display()))?;
    ctx.shell.print(&Written {
        file: file.display().to_string(),
        bytes: text.len(),
    })
}

/// The portfolio's data: see the module's notes for where each number comes from.
pub fn view(
    course: &Course,
    progress: &PathProgress,
    today: Date,
    format: Format,
    with_notes: bool,
) -> PortfolioView {
    let path = &course.path;
    let (_, overall) = count(path, progress);
    let logged = progress.logged_by_module();
    let hours_of = |id: &str| logged.get(id).copied().unwrap_or(0.0);
    let modules = path
        .module_ids()
        .filter(|m| progress.status(m) == Status::Done)
        .map(|m| {
            let entry = progress.entry(m);
            ModuleLine {
                id: m.to_string(),
                title: course.title(m).to_string(),
                started: entry.and_then(|e| e.started),
                finished: entry.and_then(|e| e.finished),
                hours: hours_of(m),
            }
        })
        .collect();
    let projects = project_lines(course, progress, &hours_of, with_notes);
    let skills = skill_lines(course, progress);
    PortfolioView {
        format,
        path: course.id().to_string(),
        title: path.title.clone(),
        today,
        version: env!("CARGO_PKG_VERSION"),
        started: progress.started,
        done: overall.done,
        total: overall.total,
        hours_total: stats(course, progress, today).hours_total,
        modules,
        projects,
        skills,
    }
}

/// The projects a learner took up (done, in progress, or with a link), each with what its brief says it proves.
fn project_lines(
    course: &Course,
    progress: &PathProgress,
    hours_of: &dyn Fn(&str) -> f64,
    with_notes: bool,
) -> Vec<ProjectLine> {
    let path = &course.path;
    path.all_projects()
        .filter_map(|p| {
            let entry = progress.projects.get(&p.id)?;
            let shown = matches!(entry.status, Status::Done | Status::InProgress)
                || !entry.links.is_empty();
            if !shown {
                return None;
            }
            let brief = course.brief(&p.id);
            let criteria = if brief.is_some() {
                course.checklist_texts(&p.id)
            } else {
                Vec::new()
            };
            let mut links = LinkRow::all(&entry.links);
            if !with_notes {
                links.iter_mut().for_each(|l| l.note = None);
            }
            Some(ProjectLine {
                id: p.id.clone(),
                title: p.title.clone(),
                status: entry.status.as_str(),
                summary: brief.and_then(|b| b.front.summary.clone()),
                started: entry.started,
                finished: entry.finished,
                hours: hours_of(&p.id),
                skills: brief.map(|b| b.front.skills.clone()).unwrap_or_default(),
                builds_on: p
                    .modules
                    .iter()
                    .map(|m| course.title(m).to_string())
                    .collect(),
                criteria_met: criteria
                    .iter()
                    .filter(|c| entry.checked.contains(*c))
                    .cloned()
                    .collect(),
                criteria_total: criteria.len(),
                links,
            })
        })
        .collect()
}

/// Each of the path's skills with the done projects and modules that show it.
fn skill_lines(course: &Course, progress: &PathProgress) -> Vec<SkillLine> {
    super::skills::view(course, progress)
        .groups
        .into_iter()
        .flat_map(|g| {
            let group = g.title;
            g.skills.into_iter().map(move |s| SkillLine {
                title: s.title,
                group: group.clone(),
                projects: s
                    .projects
                    .iter()
                    .filter(|p| p.is_done())
                    .map(|p| p.title.clone())
                    .collect(),
                modules: s
                    .modules
                    .iter()
                    .filter(|m| m.is_done())
                    .map(|m| m.title.clone())
                    .collect(),
            })
        })
        .collect()
}

/// What `portfolio -o FILE` says after writing it.
#[derive(Serialize)]
struct Written {
    file: String,
    bytes: usize,
}

impl Render for Written {
    fn render(&self, _: Screen) -> String {
        format!("Wrote {} ({} KB).", self.file, self.bytes.div_ceil(1024))
    }
}
