//! `aipath plan`: the rest of the path, week by week, as a table, markdown, JSON or an iCalendar file.
//!
//! With no flags it shows the learner's own plan (saved with `--save`, else the steady pace from the day they
//! started): the same plan, and the same two finish dates, that `status` measures them against.

use anyhow::Result;
use jiff::civil::Date;

use super::Ctx;
use super::cli::PlanFormat;
use crate::log::remaining_hours;
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
    let own = progress.baseline().unwrap_or(PlanPrefs {
        pace: Pace::Steady,
        start: ctx.today,
    });
    let baseline = PlanPrefs {
        pace: pace.unwrap_or(own.pace),
        start: start.unwrap_or(own.start),
    };
    // The hours left are a pass over every module and session of their own, made beside the plan.
    let hours_left = remaining_hours(&course, &progress);
    let plan = plan(&course, &progress, baseline, ctx.today);
    let plan = plan.map_err(crate::error::CommandError::from)?;
    let saved = if save {
        ctx.update_progress(&course, |p| {
            let changed = p.plan != Some(baseline);
            p.plan = Some(baseline);
            p.started.get_or_insert(ctx.today);
            Ok(changed)
        })?;
        Some(baseline)
    } else {
        None
    };
    let format = match format {
        PlanFormat::Table => Format::Table,
        PlanFormat::Markdown => Format::Markdown,
        PlanFormat::Json => Format::Json,
        PlanFormat::Ics => Format::Ics,
    };
    let view = PlanView {
        hours_left,
        plan,
        course: &course,
        format,
        saved,
        today: ctx.today,
    };
    ctx.shell.print(&view)
}
