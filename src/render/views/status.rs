//! `aipath status`: progress per phase and for the whole path, the schedule, and the study log's figures.

use jiff::civil::Date;
use serde::Serialize;

use crate::guide::checklist::Ticks;
use crate::log::Stats;
use crate::plan::standing::Standing;
use crate::progress::count::Count;
use crate::render::table::{Cell, Tone};
use crate::render::text::{bar, hours, one_line, schedule_line, ticks};
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct PhaseRow {
    pub id: String,
    pub title: String,
    pub done: usize,
    pub total: usize,
    pub percent: u32,
    /// Checklist items ticked, over the modules that count (not skipped; chosen, in a choice phase).
    pub checklist: Ticks,
}

#[derive(Serialize)]
pub struct StatusView {
    pub path: String,
    pub title: String,
    pub started: Option<Date>,
    pub chosen: Vec<String>,
    pub phases: Vec<PhaseRow>,
    pub overall: PhaseRow,
    /// Ahead of or behind the plan from the learner's start date; null before they start.
    pub schedule: Option<Standing>,
    /// Hours, streaks and the forecast finish from the study log, as top-level keys.
    #[serde(flatten)]
    pub study: Stats,
    /// When this machine last ran `aipath sync`; null when sync is not set up.
    pub synced: Option<crate::render::views::sync::Synced>,
    /// Whether the path has specializations to choose, for the hint when none is chosen.
    #[serde(skip)]
    pub has_choice: bool,
}

impl Render for StatusView {
    fn render(&self, screen: Screen) -> String {
        let mut table = screen.table(&["Phase", "Done", "%", "Progress", "Checklist"]);
        table.align_right("Done");
        table.align_right("%");
        for column in ["Done", "%", "Progress", "Checklist"] {
            table.keep_whole(column);
        }
        for r in self.phases.iter().chain(std::iter::once(&self.overall)) {
            let c = Count {
                done: r.done,
                total: r.total,
            };
            table.add_row([
                Cell::from(r.title.clone()),
                Cell::from(format!("{}/{}", r.done, r.total)),
                Cell::from(format!("{}%", r.percent)),
                Cell::from(bar(&c, 20)).toned(c.is_complete().then_some(Tone::Good)),
                Cell::from(ticks(r.checklist)),
            ]);
        }
        let mut out = format!("{}\n{}\n", one_line(&self.title), table);
        match self.started {
            Some(d) => out.push_str(&format!("Started: {d}\n")),
            None => out.push_str("Started: not yet (`aipath next` shows where to begin)\n"),
        }
        if let Some(s) = &self.schedule {
            out.push_str(&schedule_line(s, screen));
            out.push('\n');
        }
        out.push_str(&study_lines(self));
        if self.chosen.is_empty() {
            if self.has_choice {
                out.push_str("Specializations: none chosen yet (`aipath choose <id>`)\n");
            }
        } else {
            out.push_str(&format!("Specializations: {}\n", self.chosen.join(", ")));
        }
        if let Some(synced) = &self.synced {
            out.push_str(&synced.line());
            out.push('\n');
        }
        out
    }
}

/// Hours, rhythm and streaks, then the forecast beside the plan's finish date.
fn study_lines(view: &StatusView) -> String {
    let s = &view.study;
    let plural = |n: u32| if n == 1 { "day" } else { "days" };
    let mut out = format!(
        "Study: {} h in all, {} h this week, {} h/week lately; streak {} {} (longest {})\n",
        hours(s.hours_total),
        hours(s.hours_this_week),
        hours(s.hours_per_week),
        s.streak_days,
        plural(s.streak_days),
        s.longest_streak_days
    );
    match (s.forecast_finish, &s.forecast_note) {
        (Some(d), _) => out.push_str(&format!(
            "Forecast finish: {d} at your own pace of {} h/week, {:.0} h left\n",
            hours(s.hours_per_week),
            s.hours_remaining
        )),
        (None, Some(why)) => out.push_str(&format!("Forecast finish: none yet, {why}\n")),
        (None, None) => {}
    }
    out
}
