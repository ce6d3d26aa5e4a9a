//! A study session put into a learner's record, with what it means for the rest: which module its hours count toward,
//! the module it starts, and the start of the journey it moves. `log` and `log --edit` both ask [`record_session`].
//! Pure: the caller has checked the hours and the date, and numbered the session.

use jiff::civil::Date;
use serde::Serialize;

use super::choice::{Refusal, refuse_to_take};
use super::{Change, Kind, LogEntry, PathProgress, Status};
use crate::path::LearningPath;

/// What recording a session did besides adding it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Recorded {
    /// The module or project the session was counted toward without `--module`: the one in progress.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted_toward: Option<String>,
    /// Without `--module`, with several modules or projects in progress: those, for the learner to pick from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub in_progress: Vec<String>,
    /// The module or project the session started (it was todo).
    pub started_module: Option<String>,
    /// The journey's start, moved back to the session's day: (the start before, if any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_start: Option<Date>,
}

/// Hours go to a module or a project: the one given, else (when `attribute`) the one in progress, when exactly one
/// module or project is. Logging to a specialization takes it up, so the path's rule on how many may count as chosen holds
/// here as in `choose` (the refusal is its words). A session before the start moves the start back to its day, and
/// says so; studying a todo module starts it on the session's day.
pub fn record_session(
    path: &LearningPath,
    progress: &mut PathProgress,
    mut entry: LogEntry,
    attribute: bool,
) -> Result<Recorded, Refusal> {
    let mut recorded = Recorded::default();
    if entry.module.is_none() && attribute {
        let open = in_progress(path, progress);
        match open.as_slice() {
            [(_, only)] => {
                entry.module = Some(only.clone());
                recorded.counted_toward = Some(only.clone());
            }
            [] => {}
            several => recorded.in_progress = several.iter().map(|(_, id)| id.clone()).collect(),
        }
    }
    if let Some(m) = &entry.module
        && let Some(phase) = path.phase_of(m)
        && let Some(why) = refuse_to_take(phase, progress, m)
    {
        return Err(why);
    }
    let before = progress.started;
    progress.log_session(entry.clone());
    if let Some(was) = before.filter(|was| entry.date < *was) {
        recorded.moved_start = Some(was);
    }
    if let Some(m) = &entry.module {
        let kind = match path.module(m) {
            Some(_) => Kind::Module,
            None => Kind::Project,
        };
        let status = match kind {
            Kind::Module => progress.status(m),
            Kind::Project => progress.project_status(m),
        };
        if status == Status::Todo {
            progress.apply(kind, m, Change::Start, entry.date);
            recorded.started_module = Some(m.clone());
        }
    }
    Ok(recorded)
}

/// The modules, then the projects, in progress, in path order.
pub fn in_progress(path: &LearningPath, progress: &PathProgress) -> Vec<(Kind, String)> {
    let modules = path
        .module_ids()
        .filter(|m| progress.status(m) == Status::InProgress)
        .map(|m| (Kind::Module, m.to_string()));
    let projects = path
        .all_projects()
        .filter(|p| progress.project_status(&p.id) == Status::InProgress)
        .map(|p| (Kind::Project, p.id.clone()));
    modules.chain(projects).collect()
}
