//! `aipath sync` and `sync --status`, and the "Synced … ago" line `status` shows.

use serde::Serialize;

use crate::render::text::one_line;

use crate::render::text::plural;
use crate::render::{Render, Screen};
use crate::sync::merge::{Kept, Machine, Renumbered, Stamp};

/// What a sync did.
#[derive(Default, Serialize)]
pub struct SyncView {
    pub remote: String,
    /// What this machine's changes since the last sync were, in words; `null` when there were none.
    pub sent: Option<String>,
    /// What came from the other machines, in words; `null` when nothing did.
    pub received: Option<String>,
    /// Parts changed on both machines, and the later change that was kept.
    pub kept: Vec<Kept>,
    /// Sessions given a new number because both machines had used it.
    pub renumbered: Vec<Renumbered>,
    /// Path files in `paths/` changed on both machines: this machine's version was kept.
    pub paths_kept: Vec<String>,
    /// This machine's files as they were before the sync, kept aside because the remote's replaced changes of this
    /// machine's that it did not hold (a rewritten or damaged remote).
    pub set_aside: Vec<String>,
    /// Whether the sync changed any file here; "Up to date" only when nothing did.
    #[serde(skip)]
    pub changed: bool,
}

impl Render for SyncView {
    fn render(&self, _: Screen) -> String {
        let mut out = String::new();
        // Every line quotes text another machine wrote (commands as typed, ids): each is made one line, so none
        // can start a line of its own.
        let mut line = |text: String| {
            out.push_str(&one_line(&text));
            out.push('\n');
        };
        if let Some(sent) = &self.sent {
            line(format!("Sent: {sent}"));
        }
        if let Some(received) = &self.received {
            line(format!("Received: {received}"));
        }
        for k in &self.kept {
            line(format!(
                "Changed on both machines: {}; kept {} over {}",
                k.target,
                stamp(k.winner.as_ref(), k.kept),
                stamp(k.loser.as_ref(), other(k.kept))
            ));
        }
        for r in &self.renumbered {
            out.push_str(&format!(
                "Session #{} was logged on both machines: the one from {} is now #{}\n",
                r.from,
                machine(r.on),
                r.to
            ));
        }
        for file in &self.paths_kept {
            out.push_str(&format!(
                "`{file}` changed on both machines: this machine's version is kept (the other is in the repository's \
                 history)\n"
            ));
        }
        if !self.set_aside.is_empty() {
            out.push_str(&format!(
                "The remote's files lack changes this machine made: they replaced this machine's, which are kept as {}\n",
                self.set_aside
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ));
        }
        if self.sent.is_none() && self.received.is_none() && self.kept.is_empty() && !self.changed {
            out.push_str(&format!("Up to date with {}\n", self.remote));
        } else {
            out.push_str(&format!("Synced with {}\n", self.remote));
        }
        out
    }
}

fn other(m: Machine) -> Machine {
    match m {
        Machine::This => Machine::Other,
        Machine::Other => Machine::This,
    }
}

fn machine(m: Machine) -> &'static str {
    match m {
        Machine::This => "this machine",
        Machine::Other => "the other machine",
    }
}

fn stamp(s: Option<&Stamp>, m: Machine) -> String {
    match s {
        Some(s) => format!("`{}` ({}, {})", s.command, second(&s.at), machine(m)),
        None => format!("{}'s value (no record of when)", machine(m)),
    }
}

/// An event's time, `2026-12-02T14:03:05+01:00`, to the second as the learner's clock said it: `2026-12-02
/// 14:03:05` (two changes a minute apart are told apart).
fn second(at: &str) -> String {
    match (at.get(..10), at.get(11..19)) {
        (Some(day), Some(time)) if at.as_bytes().get(10) == Some(&b'T') => format!("{day} {time}"),
        _ => at.to_string(),
    }
}

/// When this machine last synced, and how long ago that is in words.
#[derive(Debug, Clone, Serialize)]
pub struct Synced {
    pub at: String,
    pub ago: String,
}

impl Synced {
    /// `at` is shown in `now`'s time zone, to the minute.
    pub fn at(at: jiff::Timestamp, now: &jiff::ZonedDateTime) -> Synced {
        let seconds = now
            .timestamp()
            .as_second()
            .saturating_sub(at.as_second())
            .max(0);
        Synced {
            at: at
                .to_zoned_datetime(now.time_zone().clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string(),
            ago: ago(seconds),
        }
    }

    /// `Synced 2 h ago`.
    pub fn line(&self) -> String {
        format!("Synced {}", self.ago)
    }
}

/// A span in the words a person would use: `just now`, `5 min ago`, `2 h ago`, `3 days ago`.
pub fn ago(seconds: i64) -> String {
    match seconds {
        ..60 => "just now".to_string(),
        60..3600 => format!("{} min ago", seconds / 60),
        3600..86_400 => format!("{} h ago", seconds / 3600),
        _ => format!("{} ago", plural((seconds / 86_400) as usize, "day")),
    }
}

/// `aipath sync --status`.
#[derive(Serialize)]
pub struct SyncStatusView {
    pub remote: Option<String>,
    /// `null` before the first sync on this machine.
    pub last: Option<Synced>,
    /// This machine's changes the remote did not have at the last fetch.
    pub unsent: usize,
}

impl Render for SyncStatusView {
    fn render(&self, _: Screen) -> String {
        format!(
            "Remote: {}\nLast sync: {}\nNot sent: {}\n",
            self.remote.as_deref().unwrap_or("none"),
            self.last
                .as_ref()
                .map_or("never".to_string(), |s| format!("{} ({})", s.at, s.ago)),
            if self.unsent == 0 {
                "nothing".to_string()
            } else {
                plural(self.unsent, "change")
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::ago;

    #[test]
    fn spans_read_as_people_say_them() {
        assert_eq!(ago(5), "just now");
        assert_eq!(ago(150), "2 min ago");
        assert_eq!(ago(2 * 3600 + 5), "2 h ago");
        assert_eq!(ago(86_400), "1 day ago");
        assert_eq!(ago(3 * 86_400), "3 days ago");
    }
}
