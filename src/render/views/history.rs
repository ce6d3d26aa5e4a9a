//! `aipath history`, `undo` and `redo`: changes in words, one line each.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::render::text::one_line;

use crate::history::{Event, Kind, Patch};
use crate::progress::{Entry, LogEntry, STATE_VERSION, Status};
use crate::render::text::hours;
use crate::render::{Render, Screen};

/// One event as `history --json` gives it: the event as recorded, every field present, and its summary.
#[derive(Serialize)]
pub struct EventRow<'a> {
    pub id: &'a str,
    pub at: &'a str,
    pub kind: Kind,
    pub command: &'a str,
    pub path: Option<&'a str>,
    /// The event an undo or redo reversed or applied again.
    pub of: Option<&'a str>,
    /// The format version an upgrade started from.
    pub from: Option<u32>,
    pub summary: String,
    pub changes: &'a [Patch],
}

impl<'a> EventRow<'a> {
    pub fn of(event: &'a Event) -> EventRow<'a> {
        EventRow {
            id: &event.id,
            at: &event.at,
            kind: event.kind,
            command: &event.command,
            path: event.path.as_deref(),
            of: event.of.as_deref(),
            from: event.from,
            summary: summary(event),
            changes: &event.changes,
        }
    }

    /// `2026-12-02 14:03  done machine-learning-basics (was in-progress since 2026-11-20)`.
    pub fn line(&self) -> String {
        format!("{}  {}", when(self.at), one_line(&self.summary))
    }

    /// [`EventRow::line`] on a terminal `width` wide: the summary wrapped under itself, not under the date, so the
    /// dates stay a column to read down (less indented where a word would not fit beside them).
    fn line_within(&self, width: usize) -> String {
        let lead = format!("{}  ", when(self.at));
        let widest = self
            .summary
            .split(' ')
            .map(|w| w.width())
            .max()
            .unwrap_or(0);
        let indent = " ".repeat(lead.width().min(width.saturating_sub(widest)));
        let options = crate::render::text::wrapping(width)
            .initial_indent(&lead)
            .subsequent_indent(&indent);
        textwrap::fill(&self.summary, options)
    }
}

/// `2026-12-02T14:03:05+01:00` as `2026-12-02 14:03`; anything else as it is.
pub fn when(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) if at.as_bytes().get(10) == Some(&b'T') => format!("{day} {time}"),
        _ => at.to_string(),
    }
}

/// The changes, newest first; the JSON is the array of events.
#[derive(Serialize)]
#[serde(transparent)]
pub struct HistoryView<'a> {
    pub events: Vec<EventRow<'a>>,
    /// How many events there are in all (of the module, when filtered).
    #[serde(skip)]
    pub total: usize,
    #[serde(skip)]
    pub module: Option<String>,
}

impl Render for HistoryView<'_> {
    fn render(&self, screen: Screen) -> String {
        let on = self
            .module
            .as_deref()
            .map(|m| format!(" to `{m}`"))
            .unwrap_or_default();
        if self.events.is_empty() {
            return format!("No changes{on} recorded yet.");
        }
        let width = screen.columns.filter(|_| screen.tty);
        let mut out: String = self
            .events
            .iter()
            .map(|e| match width {
                Some(width) => e.line_within(width) + "\n",
                None => e.line() + "\n",
            })
            .collect();
        if self.events.len() < self.total {
            let all = match &self.module {
                Some(m) => format!("aipath history --all --module {m}"),
                None => "aipath history --all".to_string(),
            };
            out.push_str(&format!(
                "The last {} of {} changes{on}; `{all}` shows them all.\n",
                self.events.len(),
                self.total
            ));
        }
        out
    }
}

/// `aipath undo` and `aipath redo`: the event reversed or applied again, and what that changed.
#[derive(Serialize)]
pub struct UndoView<'a> {
    /// `undo` or `redo`.
    pub action: &'static str,
    /// The event reversed (by `undo`) or applied again (by `redo`).
    pub event: EventRow<'a>,
    /// What this command changed, in words.
    pub changes: Vec<String>,
}

impl Render for UndoView<'_> {
    fn render(&self, _: Screen) -> String {
        let (done, then) = match self.action {
            "undo" => (
                "Undid",
                "`aipath redo` applies it again; `aipath undo` goes further back.",
            ),
            _ => ("Redid", "`aipath undo` reverses it again."),
        };
        // The command and the changes may be another machine's text: each line stays one line.
        let mut out = format!(
            "{done} `{}` (from {}):\n",
            one_line(self.event.command),
            when(self.event.at)
        );
        for change in &self.changes {
            out.push_str(&format!("  {}\n", one_line(change)));
        }
        out.push_str(then);
        out.push('\n');
        out
    }
}

/// An event in words: what each of its changes did, `; `-separated.
pub fn summary(event: &Event) -> String {
    let words = describe(&event.changes).join("; ");
    match event.kind {
        Kind::Migrate => format!(
            "upgraded the state file from format {} to {STATE_VERSION}",
            event.from.map_or("?".to_string(), |f| f.to_string())
        ),
        Kind::Undo => format!("undo: {words}"),
        Kind::Sync if words.is_empty() => "synced: nothing changed here".to_string(),
        Kind::Sync => format!("synced: {words}"),
        Kind::Redo => format!("redo: {words}"),
        Kind::Change if words.is_empty() => "no change".to_string(),
        Kind::Change => words,
    }
}

/// Each change in words. A path's start date is said only when nothing else changed: it moves with the first thing
/// recorded, and saying so each time says nothing.
pub fn describe(patches: &[Patch]) -> Vec<String> {
    let mut out: Vec<String> = patches
        .iter()
        .filter(|p| !matches!(p, Patch::Started { .. }))
        .map(patch)
        .collect();
    if out.is_empty() {
        out = patches.iter().map(patch).collect();
    }
    out
}

fn patch(p: &Patch) -> String {
    match p {
        Patch::Active { before, after } => format!(
            "switched to path {} (was {})",
            path_name(after.as_deref()),
            path_name(before.as_deref())
        ),
        Patch::Started {
            path,
            before,
            after,
        } => format!(
            "start of `{path}` {} (was {})",
            day_or_none(*after),
            day_or_none(*before)
        ),
        Patch::Chosen { before, after, .. } => {
            format!("chose {} (was {})", names(after), names(before))
        }
        Patch::Module {
            id, before, after, ..
        }
        | Patch::Project {
            id, before, after, ..
        } => entry(id, before.as_ref(), after.as_ref()),
        Patch::Plan { before, after, .. } => match after {
            Some(plan) => format!(
                "saved the plan: {} from {} (was {})",
                plan.pace.as_str(),
                plan.start,
                before.map_or("none".to_string(), |b| format!(
                    "{} from {}",
                    b.pace.as_str(),
                    b.start
                ))
            ),
            None => "removed the saved plan".to_string(),
        },
        Patch::Log {
            number,
            before,
            after,
            ..
        } => session(*number, before.as_ref(), after.as_ref()),
        Patch::Reset { path, archive, .. } => {
            format!("reset `{path}`: its progress put aside as archive `{archive}`")
        }
        Patch::Restore { path, archive, .. } => {
            format!("restored archive `{archive}` to `{path}`")
        }
        Patch::Archive { name, .. } => format!("changed archive `{name}`"),
    }
}

fn path_name(id: Option<&str>) -> String {
    id.map_or("the built-in path".to_string(), |p| format!("`{p}`"))
}

fn day_or_none(d: Option<jiff::civil::Date>) -> String {
    d.map_or("none".to_string(), |d| d.to_string())
}

fn names(ids: &[String]) -> String {
    if ids.is_empty() {
        "none".to_string()
    } else {
        ids.join(", ")
    }
}

/// `done x (was in-progress since 2026-11-20)`, `checked 2 items of x`.
fn entry(id: &str, before: Option<&Entry>, after: Option<&Entry>) -> String {
    let empty = Entry::default();
    let (a, b) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    if a.status != b.status {
        let verb = match b.status {
            Status::Todo => "back to todo",
            Status::InProgress if a.status.is_closed() => "reopened",
            Status::InProgress => "started",
            Status::Done => "done",
            Status::Skipped => "skipped",
        };
        return format!("{verb} {id} (was {})", status_since(a));
    }
    let has = |e: &Entry, url: &str| e.links.iter().any(|l| l.url == url);
    let linked = b.links.iter().filter(|l| !has(a, &l.url)).count();
    let unlinked = a.links.iter().filter(|l| !has(b, &l.url)).count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match (linked, unlinked) {
        (0, 0) if a.links != b.links => return format!("changed a link's note on {id}"),
        (0, 0) => {}
        (n, 0) => return format!("linked {id} to {n} URL{}", plural(n)),
        (0, n) => return format!("removed {n} link{} from {id}", plural(n)),
        (n, m) => {
            return format!(
                "linked {id} to {n} URL{} and removed {m} link{}",
                plural(n),
                plural(m)
            );
        }
    }
    let ticked = b.checked.difference(&a.checked).count();
    let unticked = a.checked.difference(&b.checked).count();
    let items = |n: usize| {
        if n == 1 {
            "1 item".to_string()
        } else {
            format!("{n} items")
        }
    };
    match (ticked, unticked) {
        (0, 0) => format!("changed the dates of {id} ({})", status_since(b)),
        (t, 0) => format!("checked {} of {id}", items(t)),
        (0, u) => format!("unchecked {} of {id}", items(u)),
        (t, u) => format!("checked {} and unchecked {} of {id}", items(t), items(u)),
    }
}

/// `in-progress since 2026-11-20`, `done on 2026-12-01`, `todo`.
fn status_since(e: &Entry) -> String {
    match (e.status, e.started, e.finished) {
        (Status::InProgress, Some(d), _) => format!("in-progress since {d}"),
        (Status::Done | Status::Skipped, _, Some(d)) => format!("{} on {d}", e.status.as_str()),
        (status, ..) => status.as_str().to_string(),
    }
}

fn session(number: u32, before: Option<&LogEntry>, after: Option<&LogEntry>) -> String {
    let brief = |e: &LogEntry| {
        let on = e
            .module
            .as_deref()
            .map(|m| format!(" on {m}"))
            .unwrap_or_default();
        format!("{} h for {}{on}", hours(e.hours), e.date)
    };
    match (before, after) {
        (None, Some(e)) => format!("logged session #{number}: {}", brief(e)),
        (Some(e), None) => format!("deleted session #{number} ({})", brief(e)),
        (Some(a), Some(b)) => {
            let mut what = Vec::new();
            if a.hours != b.hours {
                what.push(format!("{} h (was {})", hours(b.hours), hours(a.hours)));
            }
            if a.date != b.date {
                what.push(format!("{} (was {})", b.date, a.date));
            }
            if a.module != b.module {
                what.push(format!(
                    "module {} (was {})",
                    b.module.as_deref().unwrap_or("none"),
                    a.module.as_deref().unwrap_or("none")
                ));
            }
            if a.note != b.note {
                what.push("its note".to_string());
            }
            format!("edited session #{number}: {}", what.join(", "))
        }
        (None, None) => format!("session #{number}"),
    }
}
