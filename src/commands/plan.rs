//! `aipath plan`: the rest of the path, week by week, as a table, markdown, JSON or an iCalendar file.

use anyhow::Result;
use jiff::civil::Date;

use super::output::emit;
use super::{Ctx, checklist_texts, progress_of, update_progress};
use crate::cli::PlanFormat;
use crate::loader::Library;
use crate::plan::Pace;
use crate::progress::PlanPrefs;
use crate::render::table::{Screen, hide_when_narrow, keep_whole};
use crate::render::{ics, json, markdown};
use crate::schedule::{Guides, Plan, listed, plan, spans};

pub fn run(
    ctx: &Ctx,
    start: Option<Date>,
    pace: Option<Pace>,
    format: PlanFormat,
    save: bool,
) -> Result<()> {
    let (state, library) = ctx.load()?;
    let progress = progress_of(&state, &library);
    let pace = pace.or(progress.plan.map(|p| p.pace)).unwrap_or_default();
    let start = start.unwrap_or(ctx.today);
    let hours = |m: &str| library.hours(m);
    let checklist = |m: &str| checklist_texts(&library, m);
    let guides = Guides {
        hours: &hours,
        checklist: &checklist,
    };
    let plan = plan(&library.path, &progress, pace, start, &guides).map_err(crate::error::input)?;
    let format = if ctx.json { PlanFormat::Json } else { format };
    let saved = if save {
        let prefs = PlanPrefs { pace, start };
        update_progress(ctx, &library, |p| {
            let changed = p.plan != Some(prefs);
            p.plan = Some(prefs);
            p.started.get_or_insert(ctx.today);
            Ok(changed)
        })?;
        Some(prefs)
    } else {
        None
    };
    let text = match format {
        PlanFormat::Json => json(&plan)?,
        PlanFormat::Ics => ics::calendar(
            &plan,
            &spans(&plan, &library.path),
            &library.path,
            ctx.today,
        ),
        PlanFormat::Markdown => render_markdown(&plan, &library),
        PlanFormat::Table => render_table(&plan, &library, ctx, saved),
    };
    emit(&text)
}

/// A week's dates, the year said once: `2026-01-05 – 01-11`, or both in full across a new year.
fn dates(start: Date, end: Date) -> String {
    if start.year() == end.year() {
        format!("{start} – {}", end.strftime("%m-%d"))
    } else {
        format!("{start} – {end}")
    }
}

fn rows(plan: &Plan, library: &Library, screen: Screen) -> Vec<Vec<String>> {
    plan.weeks
        .iter()
        .map(|w| {
            let modules: Vec<String> = w
                .modules
                .iter()
                .map(|m| {
                    library
                        .path
                        .module(m)
                        .map_or_else(|| m.clone(), |d| d.title.clone())
                })
                .collect();
            vec![
                w.week.to_string(),
                dates(w.start, w.end),
                w.phase.clone(),
                if modules.is_empty() {
                    "(to choose)".to_string()
                } else {
                    modules.join(", ")
                },
                if screen.tty {
                    w.focus.join("\n")
                } else {
                    w.focus.join("; ")
                },
                // The JSON keeps every project; a table cell names the first few.
                w.milestone
                    .as_deref()
                    .map(|m| listed(&m.split("; ").collect::<Vec<_>>(), "; "))
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

const HEADERS: [&str; 6] = ["Week", "Dates", "Phase", "Module", "Focus", "Milestone"];

fn summary(plan: &Plan) -> String {
    match plan.finish {
        Some(finish) => format!(
            "Finish: {finish} ({} weeks at the {} pace, from {})",
            plan.weeks.len(),
            plan.pace.as_str(),
            plan.start
        ),
        None => "Nothing is left to plan: every module is done or skipped.".to_string(),
    }
}

fn render_table(plan: &Plan, library: &Library, ctx: &Ctx, saved: Option<PlanPrefs>) -> String {
    let mut out = String::new();
    if !plan.weeks.is_empty() {
        let mut table = ctx.screen.table(&HEADERS);
        for row in rows(plan, library, ctx.screen) {
            table.add_row(row);
        }
        keep_whole(&mut table, 1);
        // The module says which phase it is in; on a narrow terminal the focus needs the room more.
        hide_when_narrow(&mut table, 2, 110);
        out.push_str(&table.to_string());
        out.push('\n');
    }
    out.push_str(&summary(plan));
    out.push('\n');
    if let Some(prefs) = saved {
        out.push_str(&format!(
            "Saved: `aipath status` now measures you against the {} pace from {}.\n",
            prefs.pace.as_str(),
            prefs.start
        ));
    }
    out
}

fn render_markdown(plan: &Plan, library: &Library) -> String {
    format!(
        "## Plan: {}\n\n{}\n{}\n",
        library.path.title,
        markdown::table(&HEADERS, &rows(plan, library, Screen { tty: false })),
        summary(plan)
    )
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    #[test]
    fn dates_say_the_year_once_unless_the_week_crosses_into_a_new_one() {
        assert_eq!(
            super::dates(date(2026, 1, 5), date(2026, 1, 11)),
            "2026-01-05 – 01-11"
        );
        assert_eq!(
            super::dates(date(2026, 12, 28), date(2027, 1, 3)),
            "2026-12-28 – 2027-01-03"
        );
    }
}
