//! Sync between machines, the pure part: which events one side lacks, the merged history, the merge of the
//! progress ([`merge`]) and the words of a sync's commit. Git and the files are `io::git`'s and `commands::sync`'s.
//!
//! After a merge the history is this machine's events, then the other machine's it lacked (in that machine's
//! order), then one [`Kind::Sync`] event whose changes are what the merge changed here. Each machine's own events
//! stay in the order they were made, so its undo and redo read as before; the sync event is on neither stack, and
//! its changes let a later merge time the parts it brought in.

pub mod merge;

use std::path::Path;

use anyhow::{Context, Result};

use crate::history::lines::{ids_in, new_events};
use crate::history::{Event, Kind, Patch, diff};
use crate::progress::State;
use crate::progress::{Entry, Status};
use merge::{Merged, Side, merge};

/// The history after a merge: this machine's lines, then the other machine's lines it lacked (in that machine's
/// order), then the sync event's line, if any. Lines are joined as they were written, so an event reads the same on
/// every machine. This machine's lines stay first so that a sync stopped after it wrote the history but before the
/// state leaves a history whose lines up to the state's last event are this machine's own, as the state holds them.
pub fn joined(local: &[u8], remote_only: &[&[u8]], sync: Option<&[u8]>) -> Vec<u8> {
    let extra: usize = remote_only.iter().map(|l| l.len() + 1).sum();
    let mut out = Vec::with_capacity(local.len() + extra + sync.map_or(0, <[u8]>::len) + 2);
    out.extend_from_slice(local);
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    for line in remote_only.iter().copied().chain(sync) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out
}

/// One machine's side of a merge, as its files hold it: the state as read, the history's lines, and the history's
/// name for errors.
#[derive(Debug, Clone, Copy)]
pub struct Files<'a> {
    pub state: &'a State,
    pub history: &'a [u8],
    pub label: &'a Path,
}

/// What a merge of two machines' files gives: the merged state (naming the sync event as its last), the joined
/// history to write, and the other machine's events this one lacked.
#[derive(Debug)]
pub struct FileMerge {
    pub merged: Merged,
    pub history: Vec<u8>,
    pub received: Vec<Event>,
}

/// Merges this machine's files with another's against `base`, the state they last shared. `sync_event` makes the
/// sync's own event from its changes (what the merge changed here). Only the lines one history lacks are parsed.
pub fn merge_files(
    base: &State,
    local: Files,
    remote: Files,
    sync_event: impl FnOnce(Vec<Patch>) -> Event,
) -> Result<FileMerge> {
    let remote_only = new_events(remote.label, remote.history, local.history)?;
    let local_only = new_events(local.label, local.history, remote.history)?;
    let received: Vec<Event> = remote_only.iter().map(|(e, _)| e.clone()).collect();
    let local_events: Vec<Event> = local_only.into_iter().map(|(e, _)| e).collect();
    let mut merged = merge(
        base,
        Side {
            state: local.state,
            only: &local_events,
        },
        Side {
            state: remote.state,
            only: &received,
        },
    );
    // Each machine kept every day within 24 hours; both together may not. Such a state would not read back, so the
    // merge stops here, with nothing written, and says which day to correct.
    if let Some((path, day)) = merged.state.overfull_day() {
        return Err(crate::error::input(format!(
            "the two machines' sessions of {} on `{path}` add up to {} hours, more than a day holds: was the same \
             study logged on both? Correct or delete it on one machine (`aipath log` lists the sessions; then `log \
             --edit N` or `log --delete N`) and sync again; nothing was merged",
            day.date, day.hours,
        )));
    }
    let event = sync_event(diff(local.state, &merged.state));
    merged.state.last_event = Some(event.id.clone());
    let line = serde_json::to_vec(&event).context("cannot encode a history event")?;
    // A line whose id this machine already has (under other bytes) is never added twice.
    let have = ids_in(local.history);
    let lines: Vec<&[u8]> = remote_only
        .iter()
        .filter(|(e, _)| !have.contains(&e.id))
        .map(|(_, line)| *line)
        .collect();
    let history = joined(local.history, &lines, Some(&line));
    Ok(FileMerge {
        merged,
        history,
        received,
    })
}

/// A sync commit's message: what the events not yet committed did, in a few words ("3 sessions, done
/// `machine-learning-basics`"), or `None` when they say nothing of note.
pub fn message(events: &[Event]) -> Option<String> {
    let mut sessions = 0;
    let mut ticks = 0;
    let mut others = 0;
    // Each module's or project's status before the first event and after the last: a module started and finished
    // in one sync is "done", not "started, done".
    let mut statuses: Vec<(&str, Status, Status)> = Vec::new();
    let mut chosen: Vec<&str> = Vec::new();
    let status = |e: &Option<Entry>| e.as_ref().map_or(Status::Todo, |e| e.status);
    let count = |e: &Option<Entry>| e.as_ref().map_or(0, |e| e.checked.len());
    for event in events.iter().filter(|e| e.kind != Kind::Sync) {
        for patch in &event.changes {
            match patch {
                Patch::Log {
                    before: None,
                    after: Some(_),
                    ..
                } => sessions += 1,
                Patch::Module {
                    id, before, after, ..
                }
                | Patch::Project {
                    id, before, after, ..
                } => {
                    match statuses.iter_mut().find(|(seen, ..)| seen == id) {
                        Some((_, _, last)) => *last = status(after),
                        None => statuses.push((id, status(before), status(after))),
                    }
                    ticks += count(after).saturating_sub(count(before));
                }
                Patch::Chosen { before, after, .. } => chosen.extend(
                    after
                        .iter()
                        .filter(|c| !before.contains(c))
                        .map(String::as_str),
                ),
                Patch::Started { .. } => {}
                _ => others += 1,
            }
        }
    }
    let mut words = Vec::new();
    if sessions > 0 {
        words.push(plural(sessions, "session"));
    }
    for word in ["started", "done", "skipped", "reopened"] {
        let ids: Vec<&str> = statuses
            .iter()
            .filter(|(_, first, last)| first != last && verb(*last) == word)
            .map(|(id, ..)| *id)
            .collect();
        if !ids.is_empty() {
            words.push(format!("{word} {}", ids.join(", ")));
        }
    }
    if ticks > 0 {
        words.push(format!("{} ticked", plural(ticks, "item")));
    }
    if !chosen.is_empty() {
        words.push(format!("chose {}", chosen.join(", ")));
    }
    if others > 0 {
        words.push(plural(others, "other change"));
    }
    (!words.is_empty()).then(|| words.join(", "))
}

fn verb(status: Status) -> &'static str {
    match status {
        Status::Todo => "reopened",
        Status::InProgress => "started",
        Status::Done => "done",
        Status::Skipped => "skipped",
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

#[cfg(test)]
mod tests;
