//! `aipath log`: record a study session, list the sessions, or chart hours per week.

use anyhow::Result;
use jiff::civil::Date;
use serde::Serialize;

use super::output::emit;
use super::{Ctx, progress_of, update_progress};
use crate::error::{input, resolve};
use crate::progress::LogEntry;
use crate::render::json;
use crate::study::{Stats, chart as draw, check_session, show, stats, weekly};

#[derive(Serialize)]
struct Recorded {
    logged: LogEntry,
    #[serde(flatten)]
    stats: Stats,
}

pub fn record(
    ctx: &Ctx,
    hours: &str,
    module: Option<String>,
    date: Option<Date>,
    note: Option<String>,
) -> Result<()> {
    let (_, library) = ctx.load()?;
    let hours: f64 = hours
        .trim()
        .parse()
        .ok()
        .filter(|h: &f64| h.is_finite())
        .ok_or_else(|| input(format!("`{hours}` is not a number of hours (e.g. 1.5)")))?;
    let module = match module {
        Some(typed) => {
            let ids: Vec<&str> = library.path.module_ids().collect();
            Some(resolve(&typed, ids.iter().copied(), "module")?.to_string())
        }
        None => None,
    };
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    let date = date.unwrap_or(ctx.today);
    let today = ctx.today;
    // Round to the hundredth the log keeps, so the file says what the sums use.
    let entry = LogEntry {
        date,
        hours: crate::study::hundredths(hours) as f64 / 100.0,
        module,
        note,
    };
    let (_, state) = update_progress(ctx, &library, |progress| {
        check_session(&progress.log, date, hours, today).map_err(input)?;
        progress.log_session(entry.clone());
        Ok(())
    })?;
    let progress = progress_of(&state, &library);
    let view = Recorded {
        logged: entry,
        stats: stats(&library.path, &progress, &|m| library.hours(m), today),
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    let on = view
        .logged
        .module
        .as_deref()
        .map(|m| format!(" on `{m}`"))
        .unwrap_or_default();
    emit(&format!(
        "Logged {} h{on} for {}. This week: {} h; streak: {} day{}.",
        show(view.logged.hours),
        view.logged.date,
        show(view.stats.hours_this_week),
        view.stats.streak_days,
        if view.stats.streak_days == 1 { "" } else { "s" }
    ))
}

pub fn list(ctx: &Ctx) -> Result<()> {
    let (state, library) = ctx.load()?;
    let progress = progress_of(&state, &library);
    let newest_first: Vec<&LogEntry> = progress.log.iter().rev().collect();
    if ctx.json {
        return emit(&json(&newest_first)?);
    }
    if newest_first.is_empty() {
        return emit(
            "No study sessions logged yet. Record one with `aipath log <hours>`, e.g. `aipath log 1.5 --module math`.",
        );
    }
    let mut table = ctx.screen.table(&["Date", "Hours", "Module", "Note"]);
    for e in &newest_first {
        table.add_row(vec![
            e.date.to_string(),
            show(e.hours),
            e.module.clone().unwrap_or_else(|| "-".into()),
            e.note.clone().unwrap_or_default(),
        ]);
    }
    let total = stats(&library.path, &progress, &|m| library.hours(m), ctx.today).hours_total;
    let sessions = if newest_first.len() == 1 {
        "session"
    } else {
        "sessions"
    };
    emit(&format!(
        "{table}\n{} {sessions}, {} h in all.",
        newest_first.len(),
        show(total)
    ))
}

#[derive(Serialize)]
struct WeekHours {
    week_start: Date,
    hours: f64,
}

pub fn chart(ctx: &Ctx, weeks: u32) -> Result<()> {
    let (state, library) = ctx.load()?;
    let progress = progress_of(&state, &library);
    let buckets = weekly(&progress.log, ctx.today, weeks);
    if ctx.json {
        let view: Vec<WeekHours> = buckets
            .iter()
            .map(|&(week_start, hours)| WeekHours { week_start, hours })
            .collect();
        return emit(&json(&view)?);
    }
    emit(&format!(
        "Hours per week, the last {weeks} weeks (ISO weeks, Monday to Sunday):\n{}",
        draw(&buckets, 30)
    ))
}
