//! `aipath log`: record a study session, list the sessions, chart hours per week, or correct or delete a session.

use anyhow::Result;
use jiff::civil::Date;

use super::Ctx;
use crate::course::Course;
use crate::error::{CommandError, input};
use crate::log::{check_session, from_hundredths, hundredths, parse_hours, stats, weekly};
use crate::progress::record::record_session;
use crate::progress::{LogEntry, PathProgress};
use crate::render::views::log::{
    ChartView, CorrectedView, RecordedView, Session, SessionsView, WeekHours,
};

pub fn record(
    ctx: &Ctx,
    hours: &str,
    module: Option<String>,
    date: Option<Date>,
    note: Option<String>,
) -> Result<()> {
    let (_, course) = ctx.load()?;
    let hours = parse_hours(hours).map_err(CommandError::from)?;
    let module = match module {
        Some(typed) => Some(resolve_studied(&course, &typed)?),
        None => None,
    };
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    let date = date.unwrap_or(ctx.today);
    let today = ctx.today;
    let mut entry = LogEntry {
        id: super::new_id(),
        number: 0,
        date,
        hours,
        module,
        note,
    };
    let (logged, recorded, state) = ctx.update(|state| {
        let log = state
            .paths
            .get(course.id())
            .map(|p| &p.log[..])
            .unwrap_or_default();
        check_session(log, date, hours, today).map_err(CommandError::from)?;
        entry.number = state.next_log_number();
        let progress = state.paths.entry(course.id().to_string()).or_default();
        let recorded = record_session(&course.path, progress, entry.clone(), true)
            .map_err(CommandError::from)?;
        let logged = progress.session(entry.number).cloned().unwrap_or(entry);
        Ok((logged, recorded, state.clone()))
    })?;
    let progress = course.progress_of(&state);
    ctx.shell.print(&RecordedView {
        logged: Session::of(&logged),
        recorded,
        stats: stats(&course, &progress, today),
    })
}

/// The module or project a session was spent on, as typed (a unique prefix is enough): projects take hours as
/// modules do, for most of a learner's time goes to them.
fn resolve_studied(course: &Course, typed: &str) -> Result<String> {
    let items = super::change::resolve_items(course, &[typed.to_string()])?;
    Ok(items
        .into_iter()
        .next()
        .map(|(_, id)| id)
        .unwrap_or_else(|| typed.to_string()))
}

/// What `log --edit N` changes; `None` keeps the session's own.
pub struct Edit {
    pub hours: Option<String>,
    pub date: Option<Date>,
    /// `""` removes the module.
    pub module: Option<String>,
    /// `""` removes the note.
    pub note: Option<String>,
}

/// `aipath log --edit N`: the session corrected, checked as a new one is.
pub fn edit(ctx: &Ctx, number: u32, edit: Edit) -> Result<()> {
    let (_, course) = ctx.load()?;
    if edit.hours.is_none() && edit.date.is_none() && edit.module.is_none() && edit.note.is_none() {
        return Err(input(format!(
            "say what to change in session #{number}: --hours, --date, --module or --note"
        )));
    }
    let hours = edit
        .hours
        .as_deref()
        .map(parse_hours)
        .transpose()
        .map_err(CommandError::from)?;
    let module = match edit.module.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(typed) => Some(Some(resolve_studied(&course, typed)?)),
    };
    let note = edit
        .note
        .map(|n| Some(n.trim().to_string()).filter(|n| !n.is_empty()));
    let today = ctx.today;
    let ((before, after, started_module), _) = ctx.update_progress(&course, |progress| {
        let before = take(&course, progress, number)?;
        let after = LogEntry {
            id: before.id.clone(),
            number,
            date: edit.date.unwrap_or(before.date),
            hours: hours.unwrap_or(before.hours),
            module: module.clone().unwrap_or_else(|| before.module.clone()),
            note: note.clone().unwrap_or_else(|| before.note.clone()),
        };
        // Checked against the other sessions, exactly as a new session would be.
        check_session(&progress.log, after.date, after.hours, today).map_err(CommandError::from)?;
        let recorded = record_session(&course.path, progress, after.clone(), false)
            .map_err(CommandError::from)?;
        Ok((before, after, recorded.started_module))
    })?;
    ctx.shell.print(&CorrectedView {
        action: "edited",
        before: Session::of(&before),
        after: Some(Session::of(&after)),
        started_module,
    })
}

/// `aipath log --delete N`.
pub fn delete(ctx: &Ctx, number: u32) -> Result<()> {
    let (_, course) = ctx.load()?;
    let (deleted, _) = ctx.update_progress(&course, |progress| take(&course, progress, number))?;
    ctx.shell.print(&CorrectedView {
        action: "deleted",
        before: Session::of(&deleted),
        after: None,
        started_module: None,
    })
}

/// Session `number` of this path, taken out of the log; an error that says where the numbers are when there is none.
fn take(course: &Course, progress: &mut PathProgress, number: u32) -> Result<LogEntry> {
    progress.take_session(number).ok_or_else(|| {
        crate::error::input_hinted(
            format!("there is no session #{number} on `{}`", course.id()),
            "`aipath log` lists the sessions with their numbers",
        )
    })
}

/// The sessions, newest first: all of them, or those of one module.
pub fn list(ctx: &Ctx, module: Option<String>) -> Result<()> {
    let (state, course) = ctx.load()?;
    let module = module.map(|m| resolve_studied(&course, &m)).transpose()?;
    let progress = course.progress_of(&state);
    let sessions: Vec<Session> = progress
        .log
        .iter()
        .rev()
        .filter(|e| module.is_none() || e.module == module)
        .map(Session::of)
        .collect();
    let hours_total = from_hundredths(sessions.iter().map(|s| hundredths(s.entry.hours)).sum());
    ctx.shell.print(&SessionsView {
        sessions,
        hours_total,
        module,
    })
}

pub fn chart(ctx: &Ctx, weeks: u32) -> Result<()> {
    let (state, course) = ctx.load()?;
    let progress = course.progress_of(&state);
    let weeks = weekly(&progress.log, ctx.today, weeks)
        .into_iter()
        .map(|(week_start, hours)| WeekHours { week_start, hours })
        .collect();
    ctx.shell.print(&ChartView { weeks })
}
