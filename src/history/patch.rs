//! What a change did, as patches: each names one part of the state (the active path, a module's entry, a session,
//! an archive, …) with its value before and after. [`diff`] finds them between two states; applied in order they
//! turn the first into the second, and their inverses, applied in reverse order, turn it back exactly.
//!
//! `reset` and `reset --restore` move a path's whole progress into an archive and back: a [`Patch::Reset`] or
//! [`Patch::Restore`] names the move instead of copying every module and session into the history twice.
//!
//! Bookkeeping (`last_event`, `last_log_number`) is never patched: an undone session's number stays given.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::progress::{Archive, Entry, LogEntry, PathProgress, PlanPrefs, State};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "kebab-case")]
pub enum Patch {
    /// The active path (`aipath use`); `null` is the built-in path.
    Active {
        before: Option<String>,
        after: Option<String>,
    },
    /// The day the learner first recorded anything on the path.
    Started {
        path: String,
        before: Option<Date>,
        after: Option<Date>,
    },
    /// The chosen specializations.
    Chosen {
        path: String,
        before: Vec<String>,
        after: Vec<String>,
    },
    /// A module's entry: status, dates, ticked items; `null` when it has none (todo, nothing ticked).
    Module {
        path: String,
        id: String,
        before: Option<Entry>,
        after: Option<Entry>,
    },
    /// A project's entry.
    Project {
        path: String,
        id: String,
        before: Option<Entry>,
        after: Option<Entry>,
    },
    /// The saved plan.
    Plan {
        path: String,
        before: Option<PlanPrefs>,
        after: Option<PlanPrefs>,
    },
    /// Study session `number`; `null` when there is none (before it was logged, after it was deleted). The
    /// session is the one with the entries' id (since format version 4; an entry without one has its derived id).
    Log {
        path: String,
        number: u32,
        before: Option<LogEntry>,
        after: Option<LogEntry>,
    },
    /// The path's whole progress moved into archive `archive`, dated `on`.
    Reset {
        path: String,
        archive: String,
        on: Date,
    },
    /// Archive `archive` (dated `on`) moved back to be the path's progress.
    Restore {
        path: String,
        archive: String,
        on: Date,
    },
    /// An archive changed otherwise (by hand): kept whole.
    Archive {
        name: String,
        before: Option<Archive>,
        after: Option<Archive>,
    },
}

/// A patch that cannot be applied: the state no longer holds what it found there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What changed since, in words: "module `x`", "session #3".
    pub target: String,
}

impl Patch {
    /// The patch that undoes this one.
    pub fn inverse(&self) -> Patch {
        match self.clone() {
            Patch::Active { before, after } => Patch::Active {
                before: after,
                after: before,
            },
            Patch::Started {
                path,
                before,
                after,
            } => Patch::Started {
                path,
                before: after,
                after: before,
            },
            Patch::Chosen {
                path,
                before,
                after,
            } => Patch::Chosen {
                path,
                before: after,
                after: before,
            },
            Patch::Module {
                path,
                id,
                before,
                after,
            } => Patch::Module {
                path,
                id,
                before: after,
                after: before,
            },
            Patch::Project {
                path,
                id,
                before,
                after,
            } => Patch::Project {
                path,
                id,
                before: after,
                after: before,
            },
            Patch::Plan {
                path,
                before,
                after,
            } => Patch::Plan {
                path,
                before: after,
                after: before,
            },
            Patch::Log {
                path,
                number,
                before,
                after,
            } => Patch::Log {
                path,
                number,
                before: after,
                after: before,
            },
            Patch::Reset { path, archive, on } => Patch::Restore { path, archive, on },
            Patch::Restore { path, archive, on } => Patch::Reset { path, archive, on },
            Patch::Archive {
                name,
                before,
                after,
            } => Patch::Archive {
                name,
                before: after,
                after: before,
            },
        }
    }

    /// The path the patch is on, if any.
    pub fn path(&self) -> Option<&str> {
        match self {
            Patch::Active { before, after } => after.as_deref().or(before.as_deref()),
            Patch::Started { path, .. }
            | Patch::Chosen { path, .. }
            | Patch::Module { path, .. }
            | Patch::Project { path, .. }
            | Patch::Plan { path, .. }
            | Patch::Log { path, .. }
            | Patch::Reset { path, .. }
            | Patch::Restore { path, .. } => Some(path),
            Patch::Archive { before, after, .. } => {
                after.as_ref().or(before.as_ref()).map(|a| a.path.as_str())
            }
        }
    }

    /// Whether the patch changes module or project `id`, or a session logged on it.
    pub fn touches(&self, id: &str) -> bool {
        match self {
            Patch::Module { id: m, .. } | Patch::Project { id: m, .. } => m == id,
            Patch::Log { before, after, .. } => [before, after]
                .into_iter()
                .flatten()
                .any(|e| e.module.as_deref() == Some(id)),
            _ => false,
        }
    }

    /// What the patch is on, in words.
    pub fn target(&self) -> String {
        match self {
            Patch::Active { .. } => "the active path".to_string(),
            Patch::Started { path, .. } => format!("the start date of `{path}`"),
            Patch::Chosen { .. } => "the chosen specializations".to_string(),
            Patch::Module { id, .. } => format!("module `{id}`"),
            Patch::Project { id, .. } => format!("project `{id}`"),
            Patch::Plan { .. } => "the saved plan".to_string(),
            Patch::Log { number, .. } => format!("session #{number}"),
            Patch::Reset { path, .. } | Patch::Restore { path, .. } => {
                format!("the progress on `{path}`")
            }
            Patch::Archive { name, .. } => format!("archive `{name}`"),
        }
    }

    /// The id of the session a [`Patch::Log`] is on: its entries', or, for an event written before sessions had ids,
    /// the id the state's reader derives for that session.
    pub fn session_id(&self) -> Option<String> {
        let Patch::Log {
            path,
            number,
            before,
            after,
        } = self
        else {
            return None;
        };
        after
            .as_ref()
            .or(before.as_ref())
            .map(|e| identified(path, e, *number).id)
    }

    /// Whether `state` holds what the patch found before it: the condition for applying it.
    pub fn finds_before(&self, state: &State) -> bool {
        let progress = |path: &str| state.paths.get(path);
        match self {
            Patch::Active { before, .. } => state.active == *before,
            Patch::Started { path, before, .. } => {
                progress(path).and_then(|p| p.started) == *before
            }
            Patch::Chosen { path, before, .. } => {
                progress(path).map_or(&[][..], |p| &p.chosen[..]) == &before[..]
            }
            Patch::Module {
                path, id, before, ..
            } => progress(path).and_then(|p| p.modules.get(id)) == before.as_ref(),
            Patch::Project {
                path, id, before, ..
            } => progress(path).and_then(|p| p.projects.get(id)) == before.as_ref(),
            Patch::Plan { path, before, .. } => progress(path).and_then(|p| p.plan) == *before,
            Patch::Log {
                path,
                number,
                before,
                ..
            } => {
                let id = self.session_id().unwrap_or_default();
                progress(path).and_then(|p| p.session_id(&id))
                    == before
                        .as_ref()
                        .map(|e| identified(path, e, *number))
                        .as_ref()
            }
            Patch::Reset { archive, .. } => !state.archives.contains_key(archive),
            Patch::Restore { path, archive, .. } => {
                state.archives.get(archive).is_some_and(|a| a.path == *path)
                    && progress(path).is_none_or(|p| *p == PathProgress::default())
            }
            Patch::Archive { name, before, .. } => state.archives.get(name) == before.as_ref(),
        }
    }

    /// Applies the patch: what it names becomes what it found after.
    pub fn apply(&self, state: &mut State) {
        match self {
            Patch::Active { after, .. } => state.active.clone_from(after),
            Patch::Started { path, after, .. } => {
                on_path(state, path, |p| p.started = *after);
            }
            Patch::Chosen { path, after, .. } => {
                on_path(state, path, |p| p.chosen.clone_from(after))
            }
            Patch::Module {
                path, id, after, ..
            } => on_path(state, path, |p| set(&mut p.modules, id, after)),
            Patch::Project {
                path, id, after, ..
            } => on_path(state, path, |p| set(&mut p.projects, id, after)),
            Patch::Plan { path, after, .. } => on_path(state, path, |p| p.plan = *after),
            Patch::Log {
                path,
                number,
                after,
                ..
            } => {
                let id = self.session_id().unwrap_or_default();
                on_path(state, path, |p| {
                    p.take_session_id(&id);
                    if let Some(entry) = after {
                        p.put_session(identified(path, entry, *number));
                    }
                })
            }
            Patch::Reset { path, archive, on } => {
                let progress = state.paths.remove(path).unwrap_or_default();
                state.archives.insert(
                    archive.clone(),
                    Archive {
                        path: path.clone(),
                        archived: *on,
                        progress,
                    },
                );
            }
            Patch::Restore { path, archive, .. } => {
                if let Some(archived) = state.archives.remove(archive) {
                    state.paths.insert(path.clone(), archived.progress);
                    on_path(state, path, |_| {});
                }
            }
            Patch::Archive { name, after, .. } => match after {
                Some(a) => {
                    state.archives.insert(name.clone(), a.clone());
                }
                None => {
                    state.archives.remove(name);
                }
            },
        }
    }
}

/// Applies `patches` in order, each only where the state holds what it found before; on the first that does not,
/// nothing is applied.
pub fn apply_all(state: &mut State, patches: &[Patch]) -> Result<(), Conflict> {
    let mut next = state.clone();
    for p in patches {
        if !p.finds_before(&next) {
            return Err(Conflict { target: p.target() });
        }
        p.apply(&mut next);
    }
    *state = next;
    Ok(())
}

/// The patches that undo `patches`: each inverted, last first.
pub fn inverse_all(patches: &[Patch]) -> Vec<Patch> {
    patches.iter().rev().map(Patch::inverse).collect()
}

/// The path a list of patches is on: the first one named.
pub fn path_of(patches: &[Patch]) -> Option<String> {
    patches.iter().find_map(|p| p.path().map(str::to_string))
}

/// A patch's session as the state holds it: numbered, and with its id (derived, for an event from before ids).
fn identified(path: &str, entry: &LogEntry, number: u32) -> LogEntry {
    let mut e = entry.clone();
    if e.number == 0 {
        e.number = number;
    }
    if e.id.is_empty() {
        e.id = crate::progress::derived_session_id(path, &e);
    }
    e
}

/// Runs `change` on a path's progress, then leaves no empty record behind (as every command does).
fn on_path(state: &mut State, path: &str, change: impl FnOnce(&mut PathProgress)) {
    change(state.paths.entry(path.to_string()).or_default());
    if state
        .paths
        .get(path)
        .is_some_and(|p| *p == PathProgress::default())
    {
        state.paths.remove(path);
    }
}

fn set(map: &mut std::collections::BTreeMap<String, Entry>, id: &str, value: &Option<Entry>) {
    match value {
        Some(e) => {
            map.insert(id.to_string(), e.clone());
        }
        None => {
            map.remove(id);
        }
    }
}

/// The patches that turn `before` into `after`: moves into and out of archives first, then every part that differs,
/// path by path. Bookkeeping is left out.
pub fn diff(before: &State, after: &State) -> Vec<Patch> {
    let mut out = Vec::new();
    let moved;
    let from = if before.archives == after.archives {
        before
    } else {
        moved = moves(before, after, &mut out);
        &moved
    };
    if from.active != after.active {
        out.push(Patch::Active {
            before: from.active.clone(),
            after: after.active.clone(),
        });
    }
    let empty = PathProgress::default();
    let paths: BTreeSet<&String> = from.paths.keys().chain(after.paths.keys()).collect();
    for path in paths {
        let a = from.paths.get(path).unwrap_or(&empty);
        let b = after.paths.get(path).unwrap_or(&empty);
        if a != b {
            progress_diff(path, a, b, &mut out);
        }
    }
    let names: BTreeSet<&String> = from.archives.keys().chain(after.archives.keys()).collect();
    for name in names {
        let (a, b) = (from.archives.get(name), after.archives.get(name));
        if a != b {
            out.push(Patch::Archive {
                name: name.clone(),
                before: a.cloned(),
                after: b.cloned(),
            });
        }
    }
    out
}

/// The moves between a path's progress and the archives, pushed to `out`; returns `before` with them applied.
fn moves(before: &State, after: &State, out: &mut Vec<Patch>) -> State {
    let mut state = before.clone();
    let empty = PathProgress::default();
    for (name, archive) in &after.archives {
        let is_new = !before.archives.contains_key(name);
        let held = state.paths.get(&archive.path).unwrap_or(&empty);
        if is_new && *held == archive.progress && *held != empty {
            let patch = Patch::Reset {
                path: archive.path.clone(),
                archive: name.clone(),
                on: archive.archived,
            };
            patch.apply(&mut state);
            out.push(patch);
        }
    }
    for (name, archive) in &before.archives {
        let gone = !after.archives.contains_key(name);
        let now = after.paths.get(&archive.path).unwrap_or(&empty);
        let free = state.paths.get(&archive.path).is_none_or(|p| *p == empty);
        if gone && free && *now == archive.progress {
            let patch = Patch::Restore {
                path: archive.path.clone(),
                archive: name.clone(),
                on: archive.archived,
            };
            patch.apply(&mut state);
            out.push(patch);
        }
    }
    state
}

fn progress_diff(path: &str, a: &PathProgress, b: &PathProgress, out: &mut Vec<Patch>) {
    let path = path.to_string();
    if a.started != b.started {
        out.push(Patch::Started {
            path: path.clone(),
            before: a.started,
            after: b.started,
        });
    }
    if a.chosen != b.chosen {
        out.push(Patch::Chosen {
            path: path.clone(),
            before: a.chosen.clone(),
            after: b.chosen.clone(),
        });
    }
    if a.modules != b.modules {
        let ids: BTreeSet<&String> = a.modules.keys().chain(b.modules.keys()).collect();
        for id in ids {
            let (x, y) = (a.modules.get(id), b.modules.get(id));
            if x != y {
                out.push(Patch::Module {
                    path: path.clone(),
                    id: id.clone(),
                    before: x.cloned(),
                    after: y.cloned(),
                });
            }
        }
    }
    if a.projects != b.projects {
        let ids: BTreeSet<&String> = a.projects.keys().chain(b.projects.keys()).collect();
        for id in ids {
            let (x, y) = (a.projects.get(id), b.projects.get(id));
            if x != y {
                out.push(Patch::Project {
                    path: path.clone(),
                    id: id.clone(),
                    before: x.cloned(),
                    after: y.cloned(),
                });
            }
        }
    }
    if a.plan != b.plan {
        out.push(Patch::Plan {
            path: path.clone(),
            before: a.plan,
            after: b.plan,
        });
    }
    if a.log != b.log {
        let x: HashMap<&str, &LogEntry> = a.log.iter().map(|e| (e.id.as_str(), e)).collect();
        let y: HashMap<&str, &LogEntry> = b.log.iter().map(|e| (e.id.as_str(), e)).collect();
        // In the order of the sessions' numbers, as a reader of the history expects.
        let mut ids: Vec<(u32, &str)> = x
            .iter()
            .chain(y.iter())
            .map(|(id, e)| (e.number, *id))
            .collect();
        ids.sort_unstable();
        let mut seen = std::collections::HashSet::new();
        for (_, id) in ids {
            if !seen.insert(id) {
                continue;
            }
            let (before, after) = (x.get(id).copied(), y.get(id).copied());
            if before != after {
                out.push(Patch::Log {
                    path: path.clone(),
                    number: after.or(before).map_or(0, |e| e.number),
                    before: before.cloned(),
                    after: after.cloned(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Change, Kind};
    use jiff::civil::date;

    fn session(number: u32, day: i8, hours: f64) -> LogEntry {
        LogEntry {
            id: format!("s{number}"),
            number,
            date: date(2026, 1, day),
            hours,
            module: Some("m".into()),
            note: None,
        }
    }

    fn busy() -> State {
        let mut s = State::default();
        let p = s.paths.entry("p".into()).or_default();
        p.apply(Kind::Module, "m", Change::Start, date(2026, 1, 2));
        p.apply(Kind::Project, "q", Change::Done, date(2026, 1, 3));
        p.set_checked("m", "one", true, date(2026, 1, 3));
        p.chosen = vec!["c".into()];
        p.log_session(session(1, 2, 1.0));
        p.log_session(session(2, 3, 2.0));
        s.last_log_number = 2;
        s
    }

    /// Every change, diffed, applied to the old state gives the new one, and its inverse gives the old one back.
    fn round_trip(before: &State, after: &State) -> Vec<Patch> {
        let patches = diff(before, after);
        let mut forward = before.clone();
        apply_all(&mut forward, &patches).unwrap_or_else(|c| panic!("{c:?}"));
        forward.last_log_number = after.last_log_number;
        assert_eq!(&forward, after, "{patches:#?}");
        let mut back = after.clone();
        apply_all(&mut back, &inverse_all(&patches)).unwrap_or_else(|c| panic!("{c:?}"));
        back.last_log_number = before.last_log_number;
        assert_eq!(&back, before, "{patches:#?}");
        patches
    }

    #[test]
    fn each_kind_of_change_goes_and_comes_back() {
        let before = busy();
        let mut after = before.clone();
        let p = after.paths.entry("p".into()).or_default();
        p.apply(Kind::Module, "m", Change::Done, date(2026, 1, 5));
        p.set_checked("m", "two", true, date(2026, 1, 5));
        p.chosen = vec!["d".into(), "c".into()];
        p.plan = Some(PlanPrefs {
            pace: crate::plan::Pace::Fast,
            start: date(2026, 1, 1),
        });
        let mut edited = p.take_session(1).unwrap_or_else(|| session(1, 1, 1.0));
        edited.date = date(2026, 1, 4);
        edited.hours = 0.5;
        p.put_session(edited);
        p.take_session(2);
        p.log_session(session(3, 1, 4.0));
        after.active = Some("other".into());
        after.last_log_number = 3;
        let patches = round_trip(&before, &after);
        assert_eq!(patches.len(), 8, "{patches:#?}");
    }

    #[test]
    fn a_reset_is_a_move_and_so_is_a_restore() {
        let before = busy();
        let mut after = before.clone();
        Patch::Reset {
            path: "p".into(),
            archive: "p-1".into(),
            on: date(2026, 1, 5),
        }
        .apply(&mut after);
        let patches = round_trip(&before, &after);
        assert!(matches!(patches[..], [Patch::Reset { .. }]), "{patches:#?}");
        // A restore while the path has new progress puts that aside first.
        let mut fresh = after.clone();
        fresh.paths.entry("p".into()).or_default().apply(
            Kind::Module,
            "n",
            Change::Done,
            date(2026, 1, 6),
        );
        let mut restored = fresh.clone();
        Patch::Reset {
            path: "p".into(),
            archive: "p-2".into(),
            on: date(2026, 1, 6),
        }
        .apply(&mut restored);
        Patch::Restore {
            path: "p".into(),
            archive: "p-1".into(),
            on: date(2026, 1, 5),
        }
        .apply(&mut restored);
        let patches = round_trip(&fresh, &restored);
        assert!(
            matches!(patches[..], [Patch::Reset { .. }, Patch::Restore { .. }]),
            "{patches:#?}"
        );
    }

    #[test]
    fn a_patch_whose_part_has_changed_since_is_refused_whole() {
        let before = busy();
        let mut after = before.clone();
        after.paths.entry("p".into()).or_default().apply(
            Kind::Module,
            "m",
            Change::Done,
            date(2026, 1, 5),
        );
        after.active = Some("x".into());
        let patches = diff(&before, &after);
        let mut changed = after.clone();
        changed.paths.entry("p".into()).or_default().apply(
            Kind::Module,
            "m",
            Change::Skip,
            date(2026, 1, 6),
        );
        let kept = changed.clone();
        let conflict = apply_all(&mut changed, &inverse_all(&patches));
        assert_eq!(
            conflict,
            Err(Conflict {
                target: "module `m`".into()
            })
        );
        assert_eq!(changed, kept, "nothing applied");
    }

    #[test]
    fn patches_read_back_from_json() {
        let before = busy();
        let mut after = before.clone();
        after.paths.remove("p");
        let patches = diff(&before, &after);
        let text = serde_json::to_string(&patches).unwrap_or_default();
        let back: Vec<Patch> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        // Session numbers travel beside the entry, not in it.
        let mut state = after.clone();
        apply_all(&mut state, &inverse_all(&back)).unwrap_or_else(|c| panic!("{c:?}"));
        state.last_log_number = before.last_log_number;
        assert_eq!(state, before);
    }
}
