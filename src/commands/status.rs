//! `aipath status`: progress per phase and for the whole path.

use anyhow::Result;
use jiff::civil::Date;
use serde::Serialize;

use super::{Ctx, progress_of, ticks};
use crate::checklist::Ticks;
use crate::render::{emit, json};
use crate::status::{Count, bar, count, counted};

#[derive(Serialize)]
struct PhaseRow {
    id: String,
    title: String,
    done: usize,
    total: usize,
    percent: u32,
    /// Checklist items ticked, over the modules that count (not skipped; chosen, in a choice phase).
    checklist: Ticks,
}

#[derive(Serialize)]
struct StatusView {
    path: String,
    title: String,
    started: Option<Date>,
    chosen: Vec<String>,
    phases: Vec<PhaseRow>,
    overall: PhaseRow,
}

fn row(id: &str, title: &str, c: &Count, checklist: Ticks) -> PhaseRow {
    PhaseRow {
        id: id.to_string(),
        title: title.to_string(),
        done: c.done,
        total: c.total,
        percent: c.percent(),
        checklist,
    }
}

pub fn run(ctx: &Ctx) -> Result<()> {
    let (state, library) = ctx.load()?;
    let progress = progress_of(&state, &library);
    let (phases, overall) = count(&library.path, &progress);
    let mut phase_ticks = Vec::with_capacity(phases.len());
    for phase in &library.path.phases {
        let sum = counted(phase, &progress)
            .into_iter()
            .map(|m| ticks(&library, &progress, m))
            .sum::<Result<Ticks>>()?;
        phase_ticks.push(sum);
    }
    let all_ticks: Ticks = phase_ticks.iter().copied().sum();
    let view = StatusView {
        path: library.id().to_string(),
        title: library.path.title.clone(),
        started: progress.started,
        chosen: progress.chosen.clone(),
        phases: library
            .path
            .phases
            .iter()
            .zip(&phases)
            .zip(&phase_ticks)
            .map(|((p, c), t)| row(&p.id, &p.title, c, *t))
            .collect(),
        overall: row("all", "Whole path", &overall, all_ticks),
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    let mut table = ctx
        .screen
        .table(&["Phase", "Done", "%", "Progress", "Checklist"]);
    for r in view.phases.iter().chain(std::iter::once(&view.overall)) {
        let c = Count {
            done: r.done,
            total: r.total,
        };
        table.add_row(vec![
            r.title.clone(),
            format!("{}/{}", r.done, r.total),
            format!("{}%", r.percent),
            bar(&c, 20),
            r.checklist.cell(),
        ]);
    }
    let mut out = format!("{}\n{}\n", view.title, table);
    match view.started {
        Some(d) => out.push_str(&format!("Started: {d}\n")),
        None => out.push_str("Not started yet: `aipath next` shows where to begin.\n"),
    }
    if view.chosen.is_empty() {
        if library.path.choice_phase().is_some() {
            out.push_str("Specializations: none chosen yet (`aipath choose <id>`).\n");
        }
    } else {
        out.push_str(&format!("Specializations: {}\n", view.chosen.join(", ")));
    }
    emit(&out)
}
