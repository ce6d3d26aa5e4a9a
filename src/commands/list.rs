//! `aipath list`: every module with its phase, status and dates.

use anyhow::Result;
use jiff::civil::Date;
use serde::Serialize;

use super::output::emit;
use super::{Ctx, progress_of, ticks};
use crate::checklist::Ticks;
use crate::render::json;
use crate::render::table::{hide_when_narrow, keep_whole};

#[derive(Serialize)]
struct Row {
    id: String,
    title: String,
    phase: String,
    status: &'static str,
    /// Checklist items ticked of the guide's total.
    checklist: Ticks,
    chosen: Option<bool>,
    started: Option<Date>,
    finished: Option<Date>,
}

pub fn run(ctx: &Ctx) -> Result<()> {
    let (state, library) = ctx.load()?;
    let progress = progress_of(&state, &library);
    let mut rows = Vec::new();
    for phase in &library.path.phases {
        for id in phase.module_ids() {
            let entry = progress.entry(id);
            rows.push(Row {
                id: id.to_string(),
                title: library
                    .path
                    .module(id)
                    .map(|d| d.title.clone())
                    .unwrap_or_default(),
                phase: phase.id.clone(),
                status: progress.status(id).as_str(),
                checklist: ticks(&library, &progress, id)?,
                chosen: phase.is_choice().then(|| progress.is_chosen(id)),
                started: entry.and_then(|e| e.started),
                finished: entry.and_then(|e| e.finished),
            });
        }
    }
    if ctx.json {
        return emit(&json(&rows)?);
    }
    let mut table = ctx.screen.table(&[
        "Id",
        "Title",
        "Phase",
        "Status",
        "Checklist",
        "Started",
        "Finished",
    ]);
    for r in &rows {
        let status = match r.chosen {
            Some(true) => format!("{} (chosen)", r.status),
            _ => r.status.to_string(),
        };
        let date = |d: Option<Date>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
        table.add_row(vec![
            r.id.clone(),
            r.title.clone(),
            r.phase.clone(),
            status,
            r.checklist.cell(),
            date(r.started),
            date(r.finished),
        ]);
    }
    // Ids are typed back into commands and dates read whole; on a narrow terminal the columns a learner can do
    // without step aside, widest first.
    for column in [0, 5, 6] {
        keep_whole(&mut table, column);
    }
    hide_when_narrow(&mut table, 1, 120);
    hide_when_narrow(&mut table, 2, 100);
    hide_when_narrow(&mut table, 5, 90);
    emit(&table.to_string())
}
