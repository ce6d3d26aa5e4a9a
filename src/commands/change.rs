//! `aipath start|done|skip|undo <id>...`: change the status of modules or projects.
//!
//! Every id is resolved and every change checked before anything is written, so one bad id changes nothing. What is
//! allowed but worth knowing (a module started before its prerequisites, a project done before its modules) is said
//! in a `note:` line.

use anyhow::Result;

use super::Ctx;
use crate::course::Course;
use crate::error::input_hinted;
use crate::plan::next::next_steps;
use crate::plan::{Pace, allocate};
use crate::progress::choice::refuse_to_take;
use crate::progress::count::count;
use crate::progress::{Change, Kind, PathProgress};
use crate::render::views::change::{ChangeView, Changed};

/// Resolves typed ids to (kind, id) against the path's modules and projects; any bad id fails the whole command.
pub fn resolve_items(course: &Course, typed: &[String]) -> Result<Vec<(Kind, String)>> {
    let mut items: Vec<(Kind, String)> = Vec::new();
    for t in typed {
        let (kind, id) = course.resolve_item(t)?;
        if !items.iter().any(|(_, seen)| *seen == id) {
            items.push((kind, id));
        }
    }
    Ok(items)
}

/// `aipath start`: refuses to reopen what is done or skipped unless `reopen` says so.
pub fn start(ctx: &Ctx, typed: &[String], reopen: bool) -> Result<()> {
    run_checked(ctx, typed, Change::Start, reopen)
}

pub fn run(ctx: &Ctx, typed: &[String], change: Change) -> Result<()> {
    run_checked(ctx, typed, change, false)
}

fn run_checked(ctx: &Ctx, typed: &[String], change: Change, reopen: bool) -> Result<()> {
    let (_, course) = ctx.load()?;
    let items = resolve_items(&course, typed)?;
    let today = ctx.today;
    let (changes, state) = ctx.update_progress(&course, |progress| {
        // Checked on the state as locked, so nothing is written when any item is refused.
        for (kind, id) in &items {
            refusal(&course, progress, *kind, id, change, reopen)?;
        }
        Ok(items
            .iter()
            .map(|(kind, id)| apply(progress, *kind, id, change, today))
            .collect::<Vec<_>>())
    })?;
    let progress = course.progress_of(&state);
    if matches!(change, Change::Start | Change::Done) {
        for (kind, id) in &items {
            if let Some(note) = missing_before(&course, &progress, *kind, id) {
                ctx.shell.note(&note);
            }
        }
    }
    print_changes(ctx, &course, &progress, changes, change)
}

fn apply(
    progress: &mut PathProgress,
    kind: Kind,
    id: &str,
    change: Change,
    today: jiff::civil::Date,
) -> Changed {
    let changed = progress.apply(kind, id, change, today);
    changed_row(progress, kind, id, changed)
}

/// An item's row in a change's output: its id, kind, status now, and whether the command changed it.
pub fn changed_row(progress: &PathProgress, kind: Kind, id: &str, changed: bool) -> Changed {
    let status = match kind {
        Kind::Module => progress.status(id),
        Kind::Project => progress.project_status(id),
    };
    Changed {
        id: id.to_string(),
        kind: kind.as_str(),
        status: status.as_str(),
        changed,
    }
}

/// Prints what a status command (or `undo <id>`) changed, with the path's progress and the next step after it.
pub fn print_changes(
    ctx: &Ctx,
    course: &Course,
    progress: &PathProgress,
    changes: Vec<Changed>,
    change: Change,
) -> Result<()> {
    let (_, overall) = count(&course.path, progress);
    let allocation = allocate(course, progress, Pace::Steady);
    let next = next_steps(course, progress, &allocation).into_iter().next();
    ctx.shell.print(&ChangeView {
        changes,
        progress: overall,
        next,
        change,
        title: course.path.title.clone(),
    })
}

/// Why a change may not be made: reopening without `--reopen` (it would silently drop a finish date), or starting
/// one specialization more than the phase lets a learner choose.
fn refusal(
    course: &Course,
    progress: &PathProgress,
    kind: Kind,
    id: &str,
    change: Change,
    reopen: bool,
) -> Result<()> {
    let status = match kind {
        Kind::Module => progress.status(id),
        Kind::Project => progress.project_status(id),
    };
    if change == Change::Start && status.is_closed() && !reopen {
        return Err(input_hinted(
            format!("`{id}` is {}", status.as_str()),
            format!("`aipath start --reopen {id}` starts it again (its first start date is kept)"),
        ));
    }
    let Some(phase) = course.path.phase_of(id).filter(|p| p.is_choice()) else {
        return Ok(());
    };
    if matches!(change, Change::Start | Change::Done)
        && let Some(why) = refuse_to_take(phase, progress, id)
    {
        return Err(crate::error::CommandError::from(why).into());
    }
    Ok(())
}

/// What is not done yet that `id` builds on: a module's prerequisites, or a project's modules.
fn missing_before(
    course: &Course,
    progress: &PathProgress,
    kind: Kind,
    id: &str,
) -> Option<String> {
    let needed: Vec<&str> = match kind {
        Kind::Module => course
            .prerequisites(id)
            .iter()
            .map(String::as_str)
            .collect(),
        Kind::Project => course
            .path
            .all_projects()
            .find(|p| p.id == id)
            .map(|p| p.modules.iter().map(String::as_str).collect())
            .unwrap_or_default(),
    };
    let missing: Vec<String> = needed
        .into_iter()
        .filter(|m| !progress.satisfies(m))
        .map(|m| format!("`{m}`"))
        .collect();
    (!missing.is_empty()).then(|| format!("`{id}` builds on {}, not done yet", missing.join(", ")))
}
