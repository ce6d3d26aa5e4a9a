//! The merge of two machines' progress: three-way, part by part, and unable to conflict.
//!
//! Each part of the state (the active path, a path's start date, its chosen specializations, a module's or project's
//! status, its ticked items, the saved plan, a study session, an archive) is merged on its own against the state both
//! machines last shared (the base):
//!
//! - changed on one side only: that side's value;
//! - changed on both sides to the same value: that value;
//! - changed on both sides differently: the side whose latest event on that part is later (event ids are UUID v7,
//!   which sort by time on any machine) wins, and a [`Kept`] line says so;
//! - ticked items are a set: what either side ticked is added, what either side unticked is removed; so are links
//!   (`aipath link`), by URL;
//! - a study session logged on both sides under the same number: both are kept, the later one under a new number,
//!   and a [`Renumbered`] line says so.
//!
//! A `reset` or `reset --restore` on one side counts as a change of every part of that path, at its time.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;

use crate::history::{Event, Kind, Patch};
use crate::progress::{Entry, LogEntry, PathProgress, PlanPrefs, State, Status};

/// One machine's side of a merge: its state, and its events the other side does not have.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub state: &'a State,
    pub only: &'a [Event],
}

/// Which machine a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Machine {
    This,
    Other,
}

/// The latest event on a part of the state, as the learner typed it and when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stamp {
    pub command: String,
    pub at: String,
}

/// A part changed on both machines: the later change was kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Kept {
    /// What was changed, in words: "module `x` on `path`".
    pub target: String,
    pub kept: Machine,
    /// The change kept and the one set aside; `None` where the history does not say (a file without events).
    pub winner: Option<Stamp>,
    pub loser: Option<Stamp>,
}

/// A session number taken on both machines: one session was given a new number.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Renumbered {
    pub path: String,
    pub from: u32,
    pub to: u32,
    /// The machine whose session took the new number.
    pub on: Machine,
}

/// The merged state, and what the learner should hear of.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub state: State,
    pub kept: Vec<Kept>,
    pub renumbered: Vec<Renumbered>,
}

/// A part of the state, as the merge times it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Part {
    Active,
    Started(String),
    Chosen(String),
    Module(String, String),
    Project(String, String),
    Plan(String),
    Archive(String),
    /// A study session, by path and id.
    Session(String, String),
    /// Every part of a path: a reset or a restore.
    Whole(String),
}

/// For each part, the index of the latest event of one side that changed it.
struct Times<'a> {
    events: &'a [Event],
    latest: HashMap<Part, usize>,
}

impl<'a> Times<'a> {
    fn of(events: &'a [Event]) -> Times<'a> {
        let mut latest: HashMap<Part, usize> = HashMap::new();
        // A sync's own event only carries other events' changes here: those events themselves are timed.
        for (i, event) in events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind != Kind::Sync)
        {
            for patch in &event.changes {
                for part in parts(patch) {
                    let slot = latest.entry(part).or_insert(i);
                    if events[*slot].id <= event.id {
                        *slot = i;
                    }
                }
            }
        }
        Times { events, latest }
    }

    /// The latest event on `part`, counting a reset or restore of its path.
    fn event(&self, part: &Part, path: Option<&str>) -> Option<&'a Event> {
        let own = self.latest.get(part).map(|&i| &self.events[i]);
        let whole = path
            .and_then(|p| self.latest.get(&Part::Whole(p.to_string())))
            .map(|&i| &self.events[i]);
        match (own, whole) {
            (Some(a), Some(b)) => Some(if a.id >= b.id { a } else { b }),
            (a, b) => a.or(b),
        }
    }
}

fn parts(patch: &Patch) -> Vec<Part> {
    match patch {
        Patch::Active { .. } => vec![Part::Active],
        Patch::Started { path, .. } => vec![Part::Started(path.clone())],
        Patch::Chosen { path, .. } => vec![Part::Chosen(path.clone())],
        // A status is timed by the events that changed it, not by a tick (ticks merge as a set): else a `done`
        // overruled by a `skip` was reported as a `check` kept over an `uncheck`.
        Patch::Module {
            path,
            id,
            before,
            after,
        } if status_of(before) != status_of(after) => {
            vec![Part::Module(path.clone(), id.clone())]
        }
        Patch::Project {
            path,
            id,
            before,
            after,
        } if status_of(before) != status_of(after) => {
            vec![Part::Project(path.clone(), id.clone())]
        }
        Patch::Module { .. } | Patch::Project { .. } => Vec::new(),
        Patch::Plan { path, .. } => vec![Part::Plan(path.clone())],
        Patch::Log { path, .. } => patch
            .session_id()
            .map(|id| vec![Part::Session(path.clone(), id)])
            .unwrap_or_default(),
        Patch::Reset { path, archive, .. } | Patch::Restore { path, archive, .. } => {
            vec![Part::Whole(path.clone()), Part::Archive(archive.clone())]
        }
        Patch::Archive { name, .. } => vec![Part::Archive(name.clone())],
    }
}

/// A module's or project's status and its dates, the part of an entry the merge times.
fn status_of(entry: &Option<Entry>) -> (Status, Option<Date>, Option<Date>) {
    entry.as_ref().map_or((Status::Todo, None, None), |e| {
        (e.status, e.started, e.finished)
    })
}

/// The merge's working context: both sides' times and what it has to report.
struct Merger<'a> {
    local: Times<'a>,
    remote: Times<'a>,
    kept: Vec<Kept>,
}

impl Merger<'_> {
    /// The merged value of one part: see the module's rules.
    fn pick<T: PartialEq + Clone>(
        &mut self,
        part: Part,
        path: Option<&str>,
        target: impl FnOnce() -> String,
        [base, local, remote]: [&T; 3],
    ) -> T {
        if local == base || local == remote {
            return remote.clone();
        }
        if remote == base {
            return local.clone();
        }
        let (this, other) = (
            self.local.event(&part, path),
            self.remote.event(&part, path),
        );
        let remote_later = match (this, other) {
            (Some(a), Some(b)) => b.id > a.id,
            (None, Some(_)) => true,
            _ => false,
        };
        let stamp = |e: Option<&Event>| {
            e.map(|e| Stamp {
                command: e.command.clone(),
                at: e.at.clone(),
            })
        };
        let (kept, winner, loser) = if remote_later {
            (Machine::Other, stamp(other), stamp(this))
        } else {
            (Machine::This, stamp(this), stamp(other))
        };
        self.kept.push(Kept {
            target: target(),
            kept,
            winner,
            loser,
        });
        if remote_later {
            remote.clone()
        } else {
            local.clone()
        }
    }
}

/// Merges `local` and `remote` against `base`, the state they last shared (an empty state when they never shared
/// one). The result's bookkeeping (`last_event`) is the caller's; its session numbers continue past both sides'.
pub fn merge(base: &State, local: Side, remote: Side) -> Merged {
    let mut m = Merger {
        local: Times::of(local.only),
        remote: Times::of(remote.only),
        kept: Vec::new(),
    };
    let (b, l, r) = (base, local.state, remote.state);
    let mut out = State {
        active: m.pick(
            Part::Active,
            None,
            || "the active path".into(),
            [&b.active, &l.active, &r.active],
        ),
        ..State::default()
    };
    let paths: BTreeSet<&String> = [b, l, r].iter().flat_map(|s| s.paths.keys()).collect();
    let empty = PathProgress::default();
    for path in paths {
        let get = |s: &State| s.paths.get(path).unwrap_or(&empty).clone();
        let progress = m.progress(path, [&get(b), &get(l), &get(r)]);
        if progress != empty {
            out.paths.insert(path.clone(), progress);
        }
    }
    m.sessions([b, l, r], &mut out);
    let names: BTreeSet<&String> = [b, l, r].iter().flat_map(|s| s.archives.keys()).collect();
    for name in names {
        let value = m.pick(
            Part::Archive(name.clone()),
            None,
            || format!("archive `{name}`"),
            [b, l, r].map(|s| s.archives.get(name)).each_ref(),
        );
        if let Some(archive) = value.cloned() {
            out.archives.insert(name.clone(), archive);
        }
    }
    let renumbered = renumber(&mut out, [b, l, r], &by_id(l));
    Merged {
        state: out,
        kept: m.kept,
        renumbered,
    }
}

impl Merger<'_> {
    /// One path's progress but its sessions, which are merged across paths by number.
    fn progress(&mut self, path: &str, [b, l, r]: [&PathProgress; 3]) -> PathProgress {
        let p = Some(path);
        let started = if l.started != b.started && r.started != b.started {
            match (l.started, r.started) {
                (Some(x), Some(y)) => Some(x.min(y)),
                _ => self.pick(
                    Part::Started(path.into()),
                    p,
                    || format!("the start date of `{path}`"),
                    [&b.started, &l.started, &r.started],
                ),
            }
        } else {
            self.pick(
                Part::Started(path.into()),
                p,
                String::new,
                [&b.started, &l.started, &r.started],
            )
        };
        let chosen = self.pick(
            Part::Chosen(path.into()),
            p,
            || format!("the chosen specializations on `{path}`"),
            [&b.chosen, &l.chosen, &r.chosen],
        );
        let plan: Option<PlanPrefs> = self.pick(
            Part::Plan(path.into()),
            p,
            || format!("the saved plan on `{path}`"),
            [&b.plan, &l.plan, &r.plan],
        );
        let modules = self.entries(path, true, [&b.modules, &l.modules, &r.modules]);
        let projects = self.entries(path, false, [&b.projects, &l.projects, &r.projects]);
        PathProgress {
            started,
            chosen,
            modules,
            projects,
            plan,
            log: Vec::new(),
        }
    }

    /// Module or project entries: the status and its dates as one part, the ticked items as a set.
    fn entries(
        &mut self,
        path: &str,
        modules: bool,
        [b, l, r]: [&BTreeMap<String, Entry>; 3],
    ) -> BTreeMap<String, Entry> {
        let ids: BTreeSet<&String> = [b, l, r].iter().flat_map(|m| m.keys()).collect();
        let empty = Entry::default();
        let mut out = BTreeMap::new();
        for id in ids {
            let [eb, el, er] = [b, l, r].map(|m| m.get(id).unwrap_or(&empty));
            let status = |e: &Entry| (e.status, e.started, e.finished);
            let (part, word) = if modules {
                (Part::Module(path.into(), id.clone()), "module")
            } else {
                (Part::Project(path.into(), id.clone()), "project")
            };
            let (s, started, finished): (Status, Option<Date>, Option<Date>) = self.pick(
                part,
                Some(path),
                || format!("{word} `{id}` on `{path}`"),
                [&status(eb), &status(el), &status(er)],
            );
            let checked = ticks(&eb.checked, &el.checked, &er.checked);
            let links = crate::progress::links::merge(&eb.links, &el.links, &er.links);
            let entry = Entry {
                status: s,
                started,
                finished,
                checked,
                links,
            };
            if entry != empty {
                out.insert(id.clone(), entry);
            }
        }
        out
    }

    /// Every session, by id: added on either side is added, deleted on either is deleted, changed on both is
    /// the later change (a delete too). Numbers are then put in order by [`State::settle`]: a number two sessions
    /// share goes to the session whose id sorts first, and the other takes a number past every number given.
    fn sessions(&mut self, [b, l, r]: [&State; 3], out: &mut State) {
        let [ib, il, ir] = [b, l, r].map(by_id);
        let keys: BTreeSet<(&str, &str)> = [&ib, &il, &ir]
            .iter()
            .flat_map(|i| i.keys().copied())
            .collect();
        let mut logs: BTreeMap<String, Vec<LogEntry>> = BTreeMap::new();
        let unnumbered = |e: Option<&LogEntry>| {
            e.map(|e| LogEntry {
                number: 0,
                ..e.clone()
            })
        };
        for key in keys {
            let [eb, el, er] = [&ib, &il, &ir].map(|i| i.get(&key).copied());
            let value = if el == er {
                el.cloned()
            } else {
                let (path, id) = key;
                let number = el.or(er).map_or(0, |e| e.number);
                let picked = self.pick(
                    Part::Session(path.to_string(), id.to_string()),
                    Some(path),
                    || format!("session #{number} on `{path}`"),
                    [&unnumbered(eb), &unnumbered(el), &unnumbered(er)],
                );
                picked.map(|mut e| {
                    e.number = three_way(eb, el, er);
                    e
                })
            };
            if let Some(entry) = value {
                logs.entry(key.0.to_string()).or_default().push(entry);
            }
        }
        for (path, mut log) in logs {
            log.sort_by_key(|e| (e.date, e.number));
            out.paths.entry(path).or_default().log = log;
        }
    }
}

/// Puts the merged sessions' numbers in order ([`State::settle`]) and says which were given anew, and on which
/// machine's session.
fn renumber(
    out: &mut State,
    [b, l, r]: [&State; 3],
    il: &HashMap<(&str, &str), &LogEntry>,
) -> Vec<Renumbered> {
    out.last_log_number = [b, l, r]
        .iter()
        .map(|s| s.last_log_number)
        .max()
        .unwrap_or(0);
    let mut renumbered: Vec<Renumbered> = out
        .settle()
        .into_iter()
        .map(|(path, from, to)| {
            let mine = out
                .paths
                .get(&path)
                .and_then(|p| p.log.iter().find(|e| e.number == to))
                .is_some_and(|e| il.contains_key(&(path.as_str(), e.id.as_str())));
            Renumbered {
                path,
                from,
                to,
                on: if mine { Machine::This } else { Machine::Other },
            }
        })
        .collect();
    renumbered.sort_by_key(|r| r.from);
    renumbered
}

/// A session's number after the merge: the side's that changed it, else the other's; where both did, the lower
/// (the state's settling gives a number both sides' sessions share anew).
fn three_way(b: Option<&LogEntry>, l: Option<&LogEntry>, r: Option<&LogEntry>) -> u32 {
    let n = |e: Option<&LogEntry>| e.map(|e| e.number);
    let (nb, nl, nr) = (n(b), n(l), n(r));
    let chosen = if nl == nb {
        nr
    } else if nr == nb {
        nl
    } else {
        nl.min(nr).or(nl).or(nr)
    };
    chosen.or(nl).or(nr).unwrap_or(0)
}

/// A state's sessions by path and id.
fn by_id(state: &State) -> HashMap<(&str, &str), &LogEntry> {
    state
        .paths
        .iter()
        .flat_map(|(path, p)| {
            p.log
                .iter()
                .map(move |e| ((path.as_str(), e.id.as_str()), e))
        })
        .collect()
}

/// Ticked items, merged as a set against the base: added on either side is added, removed on either is removed.
fn ticks(b: &BTreeSet<String>, l: &BTreeSet<String>, r: &BTreeSet<String>) -> BTreeSet<String> {
    l.union(r)
        .filter(|item| (l.contains(*item) && r.contains(*item)) || !b.contains(*item))
        .cloned()
        .collect()
}
