//! `aipath report`: the whole journey as one self-contained HTML page. The view holds the numbers the other commands
//! print — `status`'s counts, schedule and study figures, `plan`'s weeks, `log --weeks`'s weeks, `skills` — gathered
//! by `commands::report` through the same functions; [`crate::render::report`] draws them.

use jiff::civil::Date;
use serde::Serialize;

use crate::guide::checklist::Ticks;
use crate::log::Stats;
use crate::path::WeekRange;
use crate::plan::Pace;
use crate::plan::standing::Standing;
use crate::progress::count::Count;
use crate::render::views::log::WeekHours;
use crate::render::views::skills::SkillsView;
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct ReportView {
    pub path: String,
    pub title: String,
    pub today: Date,
    /// The command line that made the page, for its footer.
    pub command: String,
    pub version: &'static str,
    pub started: Option<Date>,
    /// The whole path, as `status` counts it.
    pub overall: Count,
    /// Checklist items ticked over the modules that count, as `status` sums them.
    pub checklist: Ticks,
    /// Ahead of or behind the plan from the learner's start, with the planned and projected finish; `None` before
    /// they start.
    pub schedule: Option<Standing>,
    /// Hours, streaks and the forecast, as `status` gives them.
    pub study: Stats,
    /// The map: every phase with every module.
    pub phases: Vec<PhaseMap>,
    /// Projects that build on no module of the path, drawn after the map.
    pub other_projects: Vec<ProjectBox>,
    pub gantt: Gantt,
    /// Hours per ISO week, oldest first, as `log --weeks` charts them.
    pub weeks: Vec<WeekHours>,
    /// Hours per day for the calendar, oldest first, ending today.
    pub days: Vec<DayHours>,
    pub skills: SkillsView,
    /// What `aipath portfolio` gives, for the page's portfolio section.
    #[serde(skip)]
    pub portfolio: crate::render::views::portfolio::PortfolioView,
}

#[derive(Serialize)]
pub struct PhaseMap {
    pub id: String,
    pub title: String,
    pub weeks: WeekRange,
    /// `(min, max)` on a phase whose modules are options.
    pub choose: Option<(usize, usize)>,
    pub count: Count,
    pub checklist: Ticks,
    pub groups: Vec<GroupMap>,
}

#[derive(Serialize)]
pub struct GroupMap {
    pub title: Option<String>,
    pub modules: Vec<ModuleBox>,
}

#[derive(Serialize)]
pub struct ModuleBox {
    pub id: String,
    pub title: String,
    /// `todo`, `in-progress`, `done` or `skipped`, as `list` says it.
    pub status: &'static str,
    /// An option of a choice phase that the learner has not chosen (and not started or done).
    pub unchosen: bool,
    /// Chosen, on a choice phase.
    pub chosen: bool,
    pub checklist: Ticks,
    /// Hours logged to the module.
    pub hours: f64,
    /// The guide's estimate.
    pub estimate: Option<f64>,
    /// The recommended projects whose last module (in path order) is this one.
    pub projects: Vec<ProjectBox>,
}

#[derive(Serialize)]
pub struct ProjectBox {
    pub id: String,
    pub title: String,
    pub status: &'static str,
}

/// The learner's plan as `aipath plan` lays it out, and what is already behind them.
#[derive(Serialize)]
pub struct Gantt {
    pub pace: Pace,
    /// The plan's first day: where the weeks gone by begin.
    pub start: Date,
    /// The plan's last day as laid from its start with nothing done, as `status` names it.
    pub planned_finish: Option<Date>,
    /// The remaining work's last day, laid from this week; `None` when nothing is left to plan.
    pub projected_finish: Option<Date>,
    /// In path order: a module with weeks in the plan or dates behind it, and a choice still to make.
    pub rows: Vec<GanttRow>,
}

#[derive(Serialize)]
pub struct GanttRow {
    /// A module id; a phase id on a row held for a choice.
    pub id: String,
    pub title: String,
    pub phase: String,
    /// Whether the row holds a phase's weeks for a choice still to make rather than a module.
    pub choice: bool,
    pub status: &'static str,
    /// From its start to its finish (or today, while in progress).
    pub actual: Option<DateSpan>,
    /// Its weeks in the plan.
    pub planned: Option<PlannedSpan>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateSpan {
    pub start: Date,
    pub end: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlannedSpan {
    pub first_week: u32,
    pub weeks: u32,
    pub start: Date,
    pub end: Date,
}

#[derive(Serialize)]
pub struct DayHours {
    pub date: Date,
    pub hours: f64,
}

/// What `report` says after writing the page.
#[derive(Serialize)]
pub struct WrittenView {
    pub file: String,
    pub bytes: usize,
    pub opened: bool,
}

impl Render for WrittenView {
    fn render(&self, _: Screen) -> String {
        let size = if self.bytes >= 1024 * 1024 {
            format!("{:.1} MB", self.bytes as f64 / (1024.0 * 1024.0))
        } else {
            format!("{} KB", self.bytes.div_ceil(1024))
        };
        let then = if self.opened {
            "opened it with the system's browser".to_string()
        } else {
            "open it in a browser, or use `aipath report --open`".to_string()
        };
        format!("Wrote {} ({size}): {then}.", self.file)
    }
}
