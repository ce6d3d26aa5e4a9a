//! `aipath status`: progress per phase and for the whole path.

use anyhow::Result;
use jiff::civil::Date;
use serde::Serialize;

use super::{Ctx, checklist_texts, progress_of};
use crate::render::{emit, json};
use crate::schedule::{Guides, Standing, standing};
use crate::status::{Count, bar, count};

#[derive(Serialize)]
struct PhaseRow {
    id: String,
    title: String,
    done: usize,
    total: usize,
    percent: u32,
}

#[derive(Serialize)]
struct StatusView {
    path: String,
    title: String,
    started: Option<Date>,
    chosen: Vec<String>,
    phases: Vec<PhaseRow>,
    overall: PhaseRow,
    /// Ahead of or behind the plan from the learner's start date; null before they start.
    schedule: Option<Standing>,
}

fn row(id: &str, title: &str, c: &Count) -> PhaseRow {
    PhaseRow {
        id: id.to_string(),
        title: title.to_string(),
        done: c.done,
        total: c.total,
        percent: c.percent(),
    }
}

pub fn run(ctx: &Ctx) -> Result<()> {
    let (state, library) = ctx.load()?;
    let progress = progress_of(&state, &library);
    let (phases, overall) = count(&library.path, &progress);
    // Measured against the saved plan (`plan --save`), else the steady pace from the day the learner started.
    let baseline = progress
        .plan
        .map(|p| (p.pace, p.start))
        .or(progress.started.map(|d| (Default::default(), d)));
    let hours = |m: &str| library.hours(m);
    let checklist = |m: &str| checklist_texts(&library, m);
    let guides = Guides {
        hours: &hours,
        checklist: &checklist,
    };
    let schedule = match baseline {
        Some((pace, start)) => Some(
            standing(&library.path, &progress, pace, start, ctx.today, &guides)
                .map_err(crate::error::input)?,
        ),
        None => None,
    };
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
            .map(|(p, c)| row(&p.id, &p.title, c))
            .collect(),
        overall: row("all", "Whole path", &overall),
        schedule,
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    let mut table = ctx.screen.table(&["Phase", "Done", "%", "Progress"]);
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
        ]);
    }
    let mut out = format!("{}\n{}\n", view.title, table);
    match view.started {
        Some(d) => out.push_str(&format!("Started: {d}\n")),
        None => out.push_str("Not started yet: `aipath next` shows where to begin.\n"),
    }
    if let Some(s) = &view.schedule {
        let position = match s.weeks_ahead {
            0 => "on schedule with".to_string(),
            1 => "1 week ahead of".to_string(),
            -1 => "1 week behind".to_string(),
            n if n > 0 => format!("{n} weeks ahead of"),
            n => format!("{} weeks behind", -n),
        };
        let finish = s.projected_finish.map_or_else(
            || "nothing left to plan".to_string(),
            |d| format!("projected finish {d}"),
        );
        out.push_str(&format!(
            "Schedule: {position} the {} plan from {}; {finish}\n",
            s.pace.as_str(),
            s.start
        ));
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
