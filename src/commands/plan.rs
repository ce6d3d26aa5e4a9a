//! `aipath plan`: the rest of the path, week by week, as a table, markdown, JSON or an iCalendar file.

use anyhow::Result;
use jiff::civil::Date;

use super::Ctx;
use super::cli::PlanFormat;
use crate::plan::Pace;
use crate::plan::calendar::plan;
use crate::progress::PlanPrefs;
use crate::render::views::plan::{Format, PlanView};

pub fn run(
    ctx: &Ctx,
    start: Option<Date>,
    pace: Option<Pace>,
    format: PlanFormat,
    save: bool,
) -> Result<()> {
    let (state, course) = ctx.load()?;
    let progress = course.progress_of(&state);
    let pace = pace.or(progress.plan.map(|p| p.pace)).unwrap_or_default();
    let start = start.unwrap_or(ctx.today);
    let plan = plan(&course, &progress, pace, start).map_err(crate::error::input)?;
    let saved = if save {
        let prefs = PlanPrefs { pace, start };
        ctx.update_progress(&course, |p| {
            let changed = p.plan != Some(prefs);
            p.plan = Some(prefs);
            p.started.get_or_insert(ctx.today);
            Ok(changed)
        })?;
        Some(prefs)
    } else {
        None
    };
    let format = match format {
        PlanFormat::Table => Format::Table,
        PlanFormat::Markdown => Format::Markdown,
        PlanFormat::Json => Format::Json,
        PlanFormat::Ics => Format::Ics,
    };
    ctx.shell.print(&PlanView {
        plan,
        course: &course,
        format,
        saved,
        today: ctx.today,
    })
}
