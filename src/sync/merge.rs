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
//! - ticked items are a set: what either side ticked is added, what either side unticked is removed;
//! - a study session logged on both sides under the same number: both are kept, the later one under a new number,
//!   and a [`Renumbered`] line says so.
//!
//! A `reset` or `reset --restore` on one side counts as a change of every part of that path, at its time.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
        Patch::Module { path, id, .. } => vec![Part::Module(path.clone(), id.clone())],
        Patch::Project { path, id, .. } => vec![Part::Project(path.clone(), id.clone())],
        Patch::Plan { path, .. } => vec![Part::Plan(path.clone())],
        // Sessions are merged by what they are, not timed by number: see `sessions`.
        Patch::Log { .. } => Vec::new(),
        Patch::Reset { path, archive, .. } | Patch::Restore { path, archive, .. } => {
            vec![Part::Whole(path.clone()), Part::Archive(archive.clone())]
        }
        Patch::Archive { name, .. } => vec![Part::Archive(name.clone())],
    }
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
    let renumbered = m.sessions([b, l, r], &mut out);
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
    out.last_log_number = [b, l, r]
        .iter()
        .map(|s| s.last_log_number)
        .chain(renumbered.iter().map(|r| r.to))
        .max()
        .unwrap_or(0);
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
            let entry = Entry {
                status: s,
                started,
                finished,
                checked,
            };
            if entry != empty {
                out.insert(id.clone(), entry);
            }
        }
        out
    }

    /// Every session. Sessions are merged by what they are (path, day, hours, module, note), not by number: a
    /// number is only a label, and two machines may give one number to different sessions, or (after an earlier
    /// sync renumbered one) different numbers to one session. What either side added is added and what either side
    /// deleted is deleted (an edit is both); then each session keeps its number (the remote's, else this machine's)
    /// unless another session has it too, when the one logged earlier keeps it and the other takes a number past
    /// every number either side has given.
    fn sessions(&mut self, [b, l, r]: [&State; 3], out: &mut State) -> Vec<Renumbered> {
        // Sessions the three hold alike (nearly all, on a long log) keep their number and skip the rest.
        let [nb, nl, nr] = [b, l, r].map(by_number);
        let alike: HashSet<u32> = nb
            .iter()
            .filter(|(n, x)| nl.get(n) == Some(x) && nr.get(n) == Some(x))
            .map(|(n, _)| *n)
            .collect();
        let [sb, sl, sr] = [b, l, r].map(|s| sessions_by_what(s, &alike));
        let (made_here, made_there) = (made(self.local.events), made(self.remote.events));
        let keys: BTreeSet<&What> = [&sb, &sl, &sr].iter().flat_map(|s| s.keys()).collect();
        // Each merged session: what it is, the numbers it had, when it was logged, and which side added it.
        let mut merged: Vec<(What, Option<u32>, Option<&str>, Machine)> = Vec::new();
        for key in keys {
            let numbers = |s: &HashMap<What, Vec<u32>>| s.get(key).cloned().unwrap_or_default();
            let (nb, nl, nr) = (numbers(&sb), numbers(&sl), numbers(&sr));
            let count = (nl.len() + nr.len()).saturating_sub(nb.len());
            let mut wanted: Vec<u32> = nr.clone();
            wanted.extend(nl.iter().filter(|n| !nr.contains(n)));
            let on = if nl.len() > nb.len() {
                Machine::This
            } else {
                Machine::Other
            };
            let when = made_here
                .get(key)
                .copied()
                .into_iter()
                .chain(made_there.get(key).copied())
                .max();
            for k in 0..count {
                merged.push((key.clone(), wanted.get(k).copied(), when, on));
            }
        }
        // Earlier first, so the earlier session keeps a number both want; sessions with no event (already shared)
        // come first of all.
        merged.sort_by(|x, y| x.2.cmp(&y.2).then_with(|| x.0.cmp(&y.0)));
        let mut fresh = [b, l, r]
            .iter()
            .map(|s| s.last_log_number)
            .max()
            .unwrap_or(0);
        let mut taken: BTreeSet<u32> = alike.iter().copied().collect();
        let mut renumbered = Vec::new();
        let mut later = Vec::new();
        let mut logs: BTreeMap<String, Vec<LogEntry>> = BTreeMap::new();
        for n in &alike {
            if let Some((path, entry)) = nb.get(n) {
                logs.entry(path.to_string())
                    .or_default()
                    .push((*entry).clone());
            }
        }
        let mut put = |(path, entry): (String, LogEntry)| logs.entry(path).or_default().push(entry);
        for (what, number, _, on) in merged {
            match number {
                Some(n) if taken.insert(n) => put(what.entry(n)),
                _ => later.push((what, number, on)),
            }
        }
        for (what, number, on) in later {
            fresh += 1;
            taken.insert(fresh);
            if let Some(from) = number {
                renumbered.push(Renumbered {
                    path: what.path.clone(),
                    from,
                    to: fresh,
                    on,
                });
            }
            put(what.entry(fresh));
        }
        // Sorted once as the log keeps them (by day, then number): inserting one by one was quadratic.
        for (path, mut log) in logs {
            log.sort_by_key(|e| (e.date, e.number));
            out.paths.entry(path).or_default().log = log;
        }
        renumbered.sort_by_key(|r| r.from);
        renumbered
    }
}

/// What a session is, whatever its number: its path, day, hours (exactly, as bits), module and note.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct What {
    path: String,
    date: Date,
    hours: u64,
    module: Option<String>,
    note: Option<String>,
}

impl What {
    fn of(path: &str, e: &LogEntry) -> What {
        What {
            path: path.to_string(),
            date: e.date,
            hours: e.hours.to_bits(),
            module: e.module.clone(),
            note: e.note.clone(),
        }
    }

    fn entry(self, number: u32) -> (String, LogEntry) {
        (
            self.path,
            LogEntry {
                number,
                date: self.date,
                hours: f64::from_bits(self.hours),
                module: self.module,
                note: self.note,
            },
        )
    }
}

/// A state's sessions by number, each with its path.
fn by_number(state: &State) -> HashMap<u32, (&str, &LogEntry)> {
    state
        .paths
        .iter()
        .flat_map(|(path, p)| p.log.iter().map(move |e| (e.number, (path.as_str(), e))))
        .collect()
}

/// A state's sessions by what they are, with their numbers (two identical sessions are two numbers), but those
/// numbered in `leave`.
fn sessions_by_what(state: &State, leave: &HashSet<u32>) -> HashMap<What, Vec<u32>> {
    let mut out: HashMap<What, Vec<u32>> = HashMap::new();
    for (path, p) in &state.paths {
        for e in p.log.iter().filter(|e| !leave.contains(&e.number)) {
            out.entry(What::of(path, e)).or_default().push(e.number);
        }
    }
    out
}

/// When each session of one side's events was logged (or last edited into what it is): the latest event's id.
fn made(events: &[Event]) -> HashMap<What, &str> {
    let mut out: HashMap<What, &str> = HashMap::new();
    for event in events {
        for patch in &event.changes {
            if let Patch::Log {
                path,
                after: Some(entry),
                ..
            } = patch
            {
                let slot = out.entry(What::of(path, entry)).or_insert(&event.id);
                if *slot < event.id.as_str() {
                    *slot = &event.id;
                }
            }
        }
    }
    out
}

/// Ticked items, merged as a set against the base: added on either side is added, removed on either is removed.
fn ticks(b: &BTreeSet<String>, l: &BTreeSet<String>, r: &BTreeSet<String>) -> BTreeSet<String> {
    l.union(r)
        .filter(|item| (l.contains(*item) && r.contains(*item)) || !b.contains(*item))
        .cloned()
        .collect()
}
