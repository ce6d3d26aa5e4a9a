//! `aipath log`: a session recorded, the sessions listed, and hours per week charted.

use jiff::civil::Date;
use serde::Serialize;

use crate::log::Stats;
use crate::progress::LogEntry;
use crate::progress::record::Recorded;
use crate::render::table::Cell;
use crate::render::text::{chart, hours};
use crate::render::{Render, Screen};

/// A session with its number, as `log` shows it and `log --edit N` takes it.
#[derive(Serialize)]
pub struct Session<'a> {
    /// The entry's own, which the entry writes (with its id) in JSON.
    #[serde(skip)]
    pub number: u32,
    #[serde(flatten)]
    pub entry: &'a LogEntry,
}

impl<'a> Session<'a> {
    pub fn of(entry: &'a LogEntry) -> Session<'a> {
        Session {
            number: entry.number,
            entry,
        }
    }

    /// `#7: 1.5 h on 2026-01-05 (math-foundations, "vectors")`.
    pub fn line(&self) -> String {
        let e = self.entry;
        let mut about: Vec<String> = Vec::new();
        about.extend(e.module.as_deref().map(|m| format!("`{m}`")));
        about.extend(e.note.as_deref().map(|n| format!("\"{n}\"")));
        let about = if about.is_empty() {
            String::new()
        } else {
            format!(" ({})", about.join(", "))
        };
        format!(
            "#{}: {} h on {}{about}",
            self.number,
            hours(e.hours),
            e.date
        )
    }
}

#[derive(Serialize)]
pub struct RecordedView<'a> {
    pub logged: Session<'a>,
    /// Which module its hours count toward, the module it started, the start it moved.
    #[serde(flatten)]
    pub recorded: Recorded,
    #[serde(flatten)]
    pub stats: Stats,
}

impl Render for RecordedView<'_> {
    fn render(&self, _: Screen) -> String {
        let on = self
            .logged
            .entry
            .module
            .as_deref()
            .map(|m| format!(" on `{m}`"))
            .unwrap_or_default();
        let r = &self.recorded;
        let mut said = String::new();
        if r.counted_toward.is_some() {
            said.push_str(
                 " It counts toward the one module or project in progress (`--module` names another).",
            );
        }
        if !r.in_progress.is_empty() {
            let open: Vec<String> = r.in_progress.iter().map(|m| format!("`{m}`")).collect();
            said.push_str(&format!(
                " It counts toward no module: {} are in progress; `aipath log --edit {} --module ID` \
                 counts it toward one.",
                open.join(", "),
                self.logged.number
            ));
        }
        if self.logged.entry.module.is_none()
            && r.counted_toward.is_none()
            && r.in_progress.is_empty()
        {
            // Hours on no module move no module's estimate, nor the schedule: the learner hears it now, not when
            // `status` says they are behind.
            said.push_str(&format!(
                " It counts toward no module, as none is in progress: the plan does not count it; `aipath log \
                 --edit {} --module ID` counts it toward one.",
                self.logged.number
            ));
        }
        if let Some(m) = &r.started_module {
            said.push_str(&format!(
                " `{m}` is now in progress (`aipath show {m}` to study it)."
            ));
        }
        if let Some(was) = r.moved_start {
            said.push_str(&format!(
                " Your start moves back from {was} to {}, the day of this session; `aipath undo` puts it back.",
                self.logged.entry.date
            ));
        }
        format!(
            "Logged {} h{on} for {} as session #{}.{said} This week: {} h; streak: {} day{}.",
            hours(self.logged.entry.hours),
            self.logged.entry.date,
            self.logged.number,
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
    pub sessions: Vec<Session<'a>>,
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
        let mut table = screen.table(&["#", "Date", "Hours", "Module", "Note"]);
        table.align_right("#");
        table.align_right("Hours");
        for column in ["#", "Date", "Hours", "Module"] {
            table.keep_whole(column);
        }
        for s in &self.sessions {
            let e = s.entry;
            table.add_row([
                Cell::from(s.number.to_string()),
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

/// `log --edit N` and `log --delete N`: the session as it was, and as it is now (`null` once deleted).
#[derive(Serialize)]
pub struct CorrectedView<'a> {
    /// `edited` or `deleted`.
    pub action: &'static str,
    pub before: Session<'a>,
    pub after: Option<Session<'a>>,
    /// The module the corrected session started (it was todo), if it did.
    pub started_module: Option<String>,
}

impl Render for CorrectedView<'_> {
    fn render(&self, _: Screen) -> String {
        let mut out = match &self.after {
            Some(after) => format!("Session {}\n   was {}.", after.line(), self.before.line()),
            None => format!("Deleted session {}.", self.before.line()),
        };
        if let Some(m) = &self.started_module {
            out.push_str(&format!(" `{m}` is now in progress."));
        }
        out.push_str(" `aipath undo` reverses this.");
        out
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
    fn render(&self, screen: Screen) -> String {
        let buckets: Vec<(Date, f64)> =
            self.weeks.iter().map(|w| (w.week_start, w.hours)).collect();
        format!(
            "Hours per week, the last {} weeks (ISO weeks, Monday to Sunday):\n{}",
            self.weeks.len(),
            chart(&buckets, bar_width(&buckets, screen))
        )
    }
}

/// The widest bar: 30 columns, or on a narrower terminal what is left of a row after the week, its Monday and the
/// hours (at least 4), so a row is never wrapped in the middle of its bar.
fn bar_width(weeks: &[(Date, f64)], screen: Screen) -> usize {
    const MOST: usize = 30;
    let Some(width) = screen.columns.filter(|_| screen.tty) else {
        return MOST;
    };
    // `2026-W09 2026-02-23  ` before the bar, `  1.5 h` after it.
    let label = weeks
        .iter()
        .map(|w| hours(w.1).len() + 2)
        .max()
        .unwrap_or(3);
    width.saturating_sub(21 + 2 + label).clamp(4, MOST)
}
