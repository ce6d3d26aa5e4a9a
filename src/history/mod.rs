//! The history of changes: one [`Event`] per command that changed the state, with what it changed before and after
//! ([`Patch`]), enough to reverse it. Pure: the time, the id and the command as typed are given by the caller, and
//! the file (`state.history.jsonl`) is `io::history`'s.
//!
//! - [`patch`]: the difference between two states as a list of patches, applied and reversed exactly.
//! - [`lines`]: the events one history's lines have and another's lack.
//! - [`item`]: what `aipath undo <id>` reverses, read from the events.
//! - [`stack`]: what `aipath undo` reverses next and what `aipath redo` applies again, read from the events.

pub mod item;
pub mod lines;
pub mod patch;
pub mod stack;

use serde::{Deserialize, Serialize};

pub use patch::{Conflict, Patch, diff};

/// What an event was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A command that changed the state (`done`, `log`, `reset`, `undo <id>`, …).
    Change,
    /// `aipath undo`: the reversal of the event named by `of`.
    Undo,
    /// `aipath redo`: the event named by `of`, applied again.
    Redo,
    /// The state file upgraded from an older format (`from`); it changes no progress and is not undone.
    Migrate,
    /// `aipath sync`: another machine's changes merged in; its changes are what the merge changed here. Not undone:
    /// `undo` reverses the changes themselves, on whichever machine they were made.
    Sync,
}

/// One line of the history file. Field order matters: every line starts with `{"id":"…"`, which is how the file's
/// reader finds the state's last event without parsing the lines before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// A UUID version 7: unique, and sortable by the time it was made.
    pub id: String,
    /// The local time with its offset, `2026-12-02T14:03:05+01:00`.
    pub at: String,
    pub kind: Kind,
    /// The command as typed.
    pub command: String,
    /// The path the change was on; `None` when it was on none (an upgrade of the file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The event undone or redone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// The format version an upgrade started from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Patch>,
}

/// What the caller knows of an event before the change: when, which command, and what kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub at: String,
    pub command: String,
}

impl Event {
    /// The event of a change: what `patches` did, on the path they concern.
    pub fn change(
        id: String,
        stamp: &Stamp,
        kind: Kind,
        of: Option<String>,
        changes: Vec<Patch>,
    ) -> Event {
        Event {
            id,
            at: stamp.at.clone(),
            kind,
            command: stamp.command.clone(),
            path: patch::path_of(&changes),
            of,
            from: None,
            changes,
        }
    }

    /// The event of an upgrade from format `from`.
    pub fn migrate(id: String, stamp: &Stamp, from: u32) -> Event {
        Event {
            id,
            at: stamp.at.clone(),
            kind: Kind::Migrate,
            command: stamp.command.clone(),
            path: None,
            of: None,
            from: Some(from),
            changes: Vec::new(),
        }
    }

    /// Whether the event changed module or project `id` (its status, dates or ticks), or logged time on it.
    pub fn touches(&self, id: &str) -> bool {
        self.changes.iter().any(|p| p.touches(id))
    }
}
