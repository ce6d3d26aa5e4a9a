//! `aipath log`: a session recorded, the sessions listed, and hours per week charted.

use jiff::civil::Date;
use serde::Serialize;

use crate::log::Stats;
use crate::progress::LogEntry;
use crate::render::table::Cell;
use crate::render::text::{chart, hours};
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct RecordedView {
    pub logged: LogEntry,
    /// The module this session started (it was todo), if it did.
    pub started_module: Option<String>,
    #[serde(flatten)]
    pub stats: Stats,
}

impl Render for RecordedView {
    fn render(&self, _: Screen) -> String {
        let on = self
            .logged
            .module
            .as_deref()
            .map(|m| format!(" on `{m}`"))
            .unwrap_or_default();
        let started = self
            .started_module
            .as_deref()
            .map(|m| format!(" `{m}` is now in progress (`aipath show {m}` to study it)."))
            .unwrap_or_default();
        format!(
            "Logged {} h{on} for {}.{started} This week: {} h; streak: {} day{}.",
            hours(self.logged.hours),
            self.logged.date,
            hours(self.stats.hours_this_week),
            self.stats.streak_days,
            if self.stats.streak_days == 1 { "" } else { "s" }
        )
    }
}

/// The sessions, newest first; the JSON is the array of sessions.
#[derive(Serialize)]
#[serde(transparent)]
pub struct SessionsView<'a> {
    pub sessions: Vec<&'a LogEntry>,
    #[serde(skip)]
    pub hours_total: f64,
    /// The module the list is filtered to, if any.
    #[serde(skip)]
    pub module: Option<String>,
}

impl Render for SessionsView<'_> {
    fn render(&self, screen: Screen) -> String {
        if self.sessions.is_empty() {
            return match &self.module {
                Some(m) => format!(
                    "No study sessions logged on `{m}` yet. Record one with `aipath log <hours> --module {m}`."
                ),
                None => "No study sessions logged yet. Record one with `aipath log <hours>`, e.g. `aipath log 1.5 --module math`.".to_string(),
            };
        }
        let mut table = screen.table(&["Date", "Hours", "Module", "Note"]);
        table.align_right(1);
        for e in &self.sessions {
            table.add_row([
                Cell::from(e.date.to_string()),
                Cell::from(hours(e.hours)),
                Cell::from(e.module.clone().unwrap_or_else(|| "-".into())),
                Cell::from(e.note.clone().unwrap_or_default()),
            ]);
        }
        let sessions = if self.sessions.len() == 1 {
            "session"
        } else {
            "sessions"
        };
        let on = self
            .module
            .as_deref()
            .map(|m| format!(" on `{m}`"))
            .unwrap_or_default();
        format!(
            "{table}\n{} {sessions}{on}, {} h in all.",
            self.sessions.len(),
            hours(self.hours_total)
        )
    }
}

#[derive(Serialize)]
pub struct WeekHours {
    pub week_start: Date,
    pub hours: f64,
}

/// Hours per ISO week, oldest first; the JSON is the array of weeks.
#[derive(Serialize)]
#[serde(transparent)]
pub struct ChartView {
    pub weeks: Vec<WeekHours>,
}

impl Render for ChartView {
    fn render(&self, _: Screen) -> String {
        let buckets: Vec<(Date, f64)> =
            self.weeks.iter().map(|w| (w.week_start, w.hours)).collect();
        format!(
            "Hours per week, the last {} weeks (ISO weeks, Monday to Sunday):\n{}",
            self.weeks.len(),
            chart(&buckets, 30)
        )
    }
}
