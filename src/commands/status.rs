//! `aipath status`: progress per phase and for the whole path.

use anyhow::Result;
use jiff::civil::Date;
use serde::Serialize;

use super::output::emit;
use super::{Ctx, checklist_texts, progress_of, ticks};
use crate::checklist::Ticks;
use crate::render::json;
use crate::schedule::{Guides, Standing, standing};
use crate::status::{Count, bar, count, counted};
use crate::study::{Stats, show, stats};

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
    /// Ahead of or behind the plan from the learner's start date; null before they start.
    schedule: Option<Standing>,
    /// Hours, streaks and the forecast finish from the study log, as top-level keys.
    #[serde(flatten)]
    study: Stats,
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
            .zip(&phase_ticks)
            .map(|((p, c), t)| row(&p.id, &p.title, c, *t))
            .collect(),
        overall: row("all", "Whole path", &overall, all_ticks),
        schedule,
        study: stats(&library.path, &progress, &|m| library.hours(m), ctx.today),
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
            |d| format!("finish {d}"),
        );
        out.push_str(&format!(
            "Schedule: {position} the {} plan from {}; {finish}\n",
            s.pace.as_str(),
            s.start
        ));
    }
    out.push_str(&study_lines(&view));
    if view.chosen.is_empty() {
        if library.path.choice_phase().is_some() {
            out.push_str("Specializations: none chosen yet (`aipath choose <id>`).\n");
        }
    } else {
        out.push_str(&format!("Specializations: {}\n", view.chosen.join(", ")));
    }
    emit(&out)
}

/// Hours, rhythm and streaks, then the forecast beside the plan's finish date.
fn study_lines(view: &StatusView) -> String {
    let s = &view.study;
    let plural = |n: u32| if n == 1 { "day" } else { "days" };
    let mut out = format!(
        "Study: {} h in all, {} h this week, {} h/week lately; streak {} {} (longest {})\n",
        show(s.hours_total),
        show(s.hours_this_week),
        show(s.hours_per_week),
        s.streak_days,
        plural(s.streak_days),
        s.longest_streak_days
    );
    let plan = view
        .schedule
        .as_ref()
        .and_then(|p| p.projected_finish)
        .map(|d| format!(" (the plan says {d})"))
        .unwrap_or_default();
    match (s.forecast_finish, &s.forecast_note) {
        (Some(d), _) => out.push_str(&format!(
            "Forecast finish: {d} at your pace, {:.0} h left{plan}\n",
            s.hours_remaining
        )),
        (None, Some(why)) => out.push_str(&format!("Forecast finish: none yet, {why}\n")),
        (None, None) => {}
    }
    out
}
