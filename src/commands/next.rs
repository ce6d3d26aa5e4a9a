//! `aipath next`: what to study next.

use anyhow::Result;
use serde::Serialize;

use super::output::emit;
use super::{Ctx, checklist_complete, estimates, progress_of};
use crate::next::{Action, Step, next_steps};
use crate::render::json;
use crate::render::table::{Screen, hide_when_narrow, keep_whole, list_cell};
use crate::status::{Count, count};

#[derive(Serialize)]
struct NextView {
    path: String,
    complete: bool,
    progress: Count,
    steps: Vec<Step>,
}

pub fn run(ctx: &Ctx, limit: usize) -> Result<()> {
    let (state, library) = ctx.load()?;
    let progress = progress_of(&state, &library);
    let allocation = estimates(&library, &progress);
    let mut steps = next_steps(&library.path, &progress, &allocation, &|m| {
        checklist_complete(&library, &progress, m)
    });
    steps.truncate(limit);
    let (_, overall) = count(&library.path, &progress);
    let view = NextView {
        path: library.id().to_string(),
        complete: overall.is_complete(),
        progress: overall,
        steps,
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    emit(&render(&view, &library.path.title, ctx.screen))
}

fn render(view: &NextView, title: &str, screen: Screen) -> String {
    let mut out = String::new();
    if view.complete {
        out.push_str(&format!(
            "You have finished {title}: {}\n",
            view.progress.summary()
        ));
        if view.steps.is_empty() {
            out.push_str("Nothing is left to do. `aipath status` shows the whole path.\n");
            return out;
        }
        out.push_str("Recommended projects you can build now:\n");
    }
    out.push_str(&steps_table(&view.steps, screen));
    out.push('\n');
    if let Some(first) = view.steps.first() {
        out.push_str(&format!("Next: `{}`\n", first.command));
    }
    out
}

pub fn steps_table(steps: &[Step], screen: Screen) -> String {
    let mut table = screen.table(&["Step", "Id", "Title", "Phase", "Topics", "Weeks"]);
    for (i, step) in steps.iter().enumerate() {
        let action = match step.action {
            Action::Continue => "continue",
            Action::Finish => "mark done",
            Action::Start => "start",
            Action::Choose => "choose",
            Action::Build => "build project",
        };
        table.add_row(vec![
            format!("{} {action}", i + 1),
            step.id.clone().unwrap_or_else(|| "-".into()),
            step.title.clone(),
            step.phase.clone().unwrap_or_else(|| "-".into()),
            list_cell(&step.topics, screen),
            step.weeks.map_or_else(|| "-".into(), |w| w.to_string()),
        ]);
    }
    keep_whole(&mut table, 1);
    keep_whole(&mut table, 3);
    // The id names the module well enough where the title would not fit.
    hide_when_narrow(&mut table, 2, 110);
    table.to_string()
}
