//! `aipath log`: record a study session, list the sessions, or chart hours per week.

use anyhow::Result;
use jiff::civil::Date;

use super::Ctx;
use crate::error::input;
use crate::log::{check_session, from_hundredths, hundredths, stats, weekly};
use crate::progress::{Change, Kind, LogEntry, Status};
use crate::render::views::log::{ChartView, RecordedView, SessionsView, WeekHours};

pub fn record(
    ctx: &Ctx,
    hours: &str,
    module: Option<String>,
    date: Option<Date>,
    note: Option<String>,
) -> Result<()> {
    let (_, course) = ctx.load()?;
    let hours: f64 = hours
        .trim()
        .parse()
        .ok()
        .filter(|h: &f64| h.is_finite())
        .ok_or_else(|| input(format!("`{hours}` is not a number of hours (e.g. 1.5)")))?;
    let module = match module {
        Some(typed) => Some(course.resolve_module(&typed)?),
        None => None,
    };
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    let date = date.unwrap_or(ctx.today);
    let today = ctx.today;
    // Round to the hundredth the log keeps, so the file says what the sums use.
    let entry = LogEntry {
        date,
        hours: hundredths(hours) as f64 / 100.0,
        module,
        note,
    };
    let (started_module, state) = ctx.update_progress(&course, |progress| {
        check_session(&progress.log, date, hours, today).map_err(input)?;
        progress.log_session(entry.clone());
        // Studying a module is starting it: the record says so, as `start` would.
        Ok(match &entry.module {
            Some(m) if progress.status(m) == Status::Todo => {
                progress.apply(Kind::Module, m, Change::Start, date);
                Some(m.clone())
            }
            _ => None,
        })
    })?;
    let progress = course.progress_of(&state);
    ctx.shell.print(&RecordedView {
        logged: entry,
        started_module,
        stats: stats(&course, &progress, today),
    })
}

/// The sessions, newest first: all of them, or those of one module.
pub fn list(ctx: &Ctx, module: Option<String>) -> Result<()> {
    let (state, course) = ctx.load()?;
    let module = module.map(|m| course.resolve_module(&m)).transpose()?;
    let progress = course.progress_of(&state);
    let sessions: Vec<&LogEntry> = progress
        .log
        .iter()
        .rev()
        .filter(|e| module.is_none() || e.module == module)
        .collect();
    let hours_total = from_hundredths(sessions.iter().map(|e| hundredths(e.hours)).sum());
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
