//! The learner's progress and its pure transitions (start, done, skip, undo, choose, check).
//!
//! This is the state file's content. Maps are `BTreeMap`s so the file is written in a stable, sorted order and
//! diffs stay small when it is kept in git or a synced folder. Entries are keyed by id, never by position.

pub mod choice;
pub mod count;
pub mod links;
pub mod migrate;
mod numbers;
pub mod pace;
pub mod record;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};

use crate::path::Phase;
use pace::Pace;

/// The format version this build writes. A file with a newer one is refused; an older one is migrated
/// (see [`crate::progress::migrate`]).
///
/// Version 2 adds optional per-path fields: `plan` (the saved pace and start date) and `log` (study sessions).
/// The reader refuses unknown fields so that a typo is never silently dropped; without the bump, an aipath that reads
/// only version 1 would meet those fields and fail with a confusing "unknown field" message. With it, that aipath says
/// the file was "written by a newer aipath". A version 1 file has neither field, so its migration keeps every field.
///
/// Version 3 numbers the study sessions (`log_numbers` per path, `last_log_number`), keeps reset progress in
/// `archives`, and names the last event of the history it goes with (`last_event`, see [`crate::history`]).
///
/// Version 4 gives every study session an identity (`id`, a UUID, given when it is logged) and writes its number
/// beside it (`number`) instead of in the path's `log_numbers` runs. Sync merges sessions by id: the same session is
/// never counted twice, and two sessions that look alike are both kept (see [`crate::sync::merge`]).
///
/// Version 5 is the same document written as JSON: it reads in a tenth of the time, so a two-year state needs no
/// cache. Older files (YAML) are still read, and upgraded by the next change.
pub const STATE_VERSION: u32 = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub version: u32,
    /// The path commands use when `--path` is not given; the built-in path when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<String>,
    /// Progress per path id.
    #[serde(default)]
    pub paths: BTreeMap<String, PathProgress>,
    /// Progress put aside by `aipath reset`, by archive name; `aipath reset --restore NAME` brings one back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub archives: BTreeMap<String, Archive>,
    /// Bookkeeping: the id of the last event of the history this state includes. Events past it in the history file
    /// (left by a crash between the two writes) are ignored, and trimmed by the next change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_event: Option<String>,
    /// Bookkeeping: the highest study-session number given so far, on any path. Numbers are never given twice, so
    /// a deleted session's number is never reused.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub last_log_number: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Default for State {
    fn default() -> Self {
        State {
            version: STATE_VERSION,
            active: None,
            paths: BTreeMap::new(),
            archives: BTreeMap::new(),
            last_event: None,
            last_log_number: 0,
        }
    }
}

impl State {
    /// The first path with a day whose sessions add up to more than a day holds (see
    /// [`PathProgress::overfull_day`]): a state with one is refused when read, and never written by a merge.
    pub fn overfull_day(&self) -> Option<(&str, Overfull)> {
        self.paths
            .iter()
            .find_map(|(id, p)| p.overfull_day().map(|d| (id.as_str(), d)))
    }

    /// A new study-session number, never given before.
    pub fn next_log_number(&mut self) -> u32 {
        self.last_log_number = self.last_log_number.saturating_add(1);
        self.last_log_number
    }

    /// Puts the sessions' bookkeeping in order, as every read of a state does: a session without an id is given
    /// its derived one; of two sessions with one id, the second is the first's copy when they are alike (dropped)
    /// and otherwise given an id of its own; a number given twice (or never) is given anew, past every number given,
    /// to the session whose id sorts later; `last_log_number` is at least every number given. Deterministic, so
    /// every machine and every command repairs a state alike. Returns the numbers given anew, as (path, from, to).
    pub fn settle(&mut self) -> Vec<(String, u32, u32)> {
        if self.is_settled() {
            return Vec::new();
        }
        let mut logs: Vec<(&str, &mut Vec<LogEntry>)> = Vec::new();
        for (path, p) in &mut self.paths {
            logs.push((path.as_str(), &mut p.log));
        }
        for archive in self.archives.values_mut() {
            logs.push((archive.path.as_str(), &mut archive.progress.log));
        }
        let mut ids: std::collections::HashMap<String, LogEntry> = std::collections::HashMap::new();
        for (path, log) in &mut logs {
            log.retain_mut(|e| {
                if e.id.is_empty() {
                    e.id = derived_session_id(path, e);
                }
                match ids.get(&e.id) {
                    Some(seen) if seen == e => false,
                    Some(_) => {
                        e.id = derived_session_id(&format!("{path}\ncopy of {}", e.id), e);
                        ids.insert(e.id.clone(), e.clone());
                        true
                    }
                    None => {
                        ids.insert(e.id.clone(), e.clone());
                        true
                    }
                }
            });
        }
        let mut all: Vec<(u32, String)> = Vec::new();
        for (_, log) in &logs {
            all.extend(log.iter().map(|e| (e.number, e.id.clone())));
        }
        all.sort_unstable();
        let mut top = all
            .iter()
            .map(|(n, _)| *n)
            .max()
            .unwrap_or(0)
            .max(self.last_log_number);
        let mut anew: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut last = 0;
        for (n, id) in &all {
            if *n == 0 || *n == last {
                top = top.saturating_add(1);
                anew.insert(id.clone(), top);
            }
            last = (*n).max(last);
        }
        let mut renumbered = Vec::new();
        for (path, log) in &mut logs {
            let mut moved = false;
            for e in log.iter_mut() {
                if let Some(&to) = anew.get(&e.id) {
                    renumbered.push((path.to_string(), e.number, to));
                    e.number = to;
                    moved = true;
                }
            }
            if moved {
                log.sort_by_key(|e| (e.date, e.number));
            }
        }
        self.last_log_number = top;
        renumbered
    }
}

impl State {
    /// Whether [`State::settle`] has nothing to do: every session has an id and a number, none shared, and
    /// `last_log_number` is past them all. What every state aipath wrote is; checked without copying a session.
    fn is_settled(&self) -> bool {
        let logs = self
            .paths
            .values()
            .map(|p| &p.log)
            .chain(self.archives.values().map(|a| &a.progress.log));
        let mut ids: Vec<&str> = Vec::new();
        let mut numbers: Vec<u32> = Vec::new();
        for e in logs.flatten() {
            if e.id.is_empty() || e.number == 0 {
                return false;
            }
            ids.push(&e.id);
            numbers.push(e.number);
        }
        ids.sort_unstable();
        numbers.sort_unstable();
        ids.windows(2).all(|w| w[0] != w[1])
            && numbers.windows(2).all(|w| w[0] != w[1])
            && numbers.last().is_none_or(|&n| n <= self.last_log_number)
    }
}

/// The id of a session that has none (written by hand, or by a format before version 4): a UUID version 5 of its
/// path, number, day, hours, module and note, so that every machine gives the same session the same id, and two
/// sessions that differ in any of these get different ones.
pub fn derived_session_id(path: &str, e: &LogEntry) -> String {
    let name = format!(
        "{path}\n{}\n{}\n{}\n{}\n{}",
        e.number,
        e.date,
        e.hours,
        e.module.as_deref().unwrap_or(""),
        e.note.as_deref().unwrap_or("")
    );
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, name.as_bytes()).to_string()
}

/// A path's progress as `aipath reset` put it aside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    /// The path it was progress on.
    pub path: String,
    /// The day it was put aside.
    pub archived: Date,
    pub progress: PathProgress,
}

/// Read through [`numbers::ProgressFile`], which puts the log in its order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "numbers::ProgressFile")]
pub struct PathProgress {
    /// The day the learner first recorded anything on this path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<Date>,
    /// The chosen specializations, in the order given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chosen: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub modules: BTreeMap<String, Entry>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub projects: BTreeMap<String, Entry>,
    /// The pace and start date saved with `aipath plan --save`; `status` measures progress against them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanPrefs>,
    /// Study sessions, oldest first, and by number (the order logged) within a day.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<LogEntry>,
}

/// The most one day may hold.
pub const MAX_HOURS_PER_DAY: f64 = 24.0;

/// Hours are kept to the hundredth; sums are done in hundredths so 0.1 + 0.2 is 0.3.
pub fn hundredths(hours: f64) -> i64 {
    (hours * 100.0).round() as i64
}

pub fn from_hundredths(h: i64) -> f64 {
    h as f64 / 100.0
}

/// One study session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    /// Its identity: a UUID given when it is logged (version 7, from the time), kept through every edit, and the
    /// key by which sync tells one session from another. A session written without one (by hand, or by a format
    /// before version 4) is given one derived from what it is ([`derived_session_id`]), the same on every machine.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Its number, shown by `aipath log` and given to `log --edit`/`--delete`: given once, never reused. A number
    /// two sessions share (two machines, or a hand) is given anew to one of them when the state is read
    /// ([`State::settle`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub number: u32,
    pub date: Date,
    /// Checked as it is read: a state file may come from another machine or another hand, and a negative, infinite
    /// or not-a-number count of hours would flow into every total.
    #[serde(deserialize_with = "session_hours")]
    pub hours: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Reads a session's hours: a number above 0 and at most a day's 24. Through a visitor, so that the reader's error
/// points at the number itself.
fn session_hours<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    struct Hours;

    impl serde::de::Visitor<'_> for Hours {
        type Value = f64;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(
                f,
                "a number of hours above 0 and at most {}",
                MAX_HOURS_PER_DAY
            )
        }

        fn visit_f64<E: serde::de::Error>(self, hours: f64) -> Result<f64, E> {
            if hours.is_finite() && hours > 0.0 && hours <= MAX_HOURS_PER_DAY {
                return Ok(hours);
            }
            Err(E::custom(format!(
                "a session's hours must be above 0 and at most {}, not {}",
                MAX_HOURS_PER_DAY,
                yaml_number(hours)
            )))
        }

        fn visit_i64<E: serde::de::Error>(self, hours: i64) -> Result<f64, E> {
            // Any integer past 2^53 is far out of range, so the rounding of the conversion cannot let one in.
            self.visit_f64(hours as f64)
        }

        fn visit_u64<E: serde::de::Error>(self, hours: u64) -> Result<f64, E> {
            self.visit_f64(hours as f64)
        }
    }

    deserializer.deserialize_f64(Hours)
}

/// A number as YAML writes it, short: `.nan`, `.inf`, `1e308`.
fn yaml_number(n: f64) -> String {
    if n.is_nan() {
        ".nan".into()
    } else if n.is_infinite() {
        if n > 0.0 { ".inf" } else { "-.inf" }.into()
    } else if n.abs() >= 1e6 {
        format!("{n:e}")
    } else {
        format!("{n}")
    }
}

/// A day whose logged sessions add up to more than a day holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overfull {
    pub date: Date,
    pub hours: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanPrefs {
    pub pace: Pace,
    pub start: Date,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Date>,
    /// The day it was done or skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<Date>,
    /// Checklist items ticked, by their text.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub checked: BTreeSet<String>,
    /// Evidence: where the work on it lives (`aipath link`), in the order added. Kept with the ticks, so history,
    /// `undo` and sync treat a link as they treat a tick; a new optional field that rides in the next format bump.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<links::Link>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Todo,
    InProgress,
    Done,
    Skipped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Skipped => "skipped",
        }
    }

    /// Done or skipped: nothing left to study.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Skipped)
    }
}

/// What a status command does to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Start,
    Done,
    Skip,
    Undo,
}

/// Whether a module id or a project id is being changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Module,
    Project,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Module => "module",
            Kind::Project => "project",
        }
    }
}

impl PathProgress {
    /// The first day whose sessions add up to more than [`MAX_HOURS_PER_DAY`], summed in hundredths as
    /// `aipath log` sums them; the store refuses a file with one (each session was bounded as it was read).
    pub fn overfull_day(&self) -> Option<Overfull> {
        let mut per_day: BTreeMap<Date, i64> = BTreeMap::new();
        for entry in &self.log {
            *per_day.entry(entry.date).or_default() += hundredths(entry.hours);
        }
        per_day
            .into_iter()
            .find(|&(_, total)| total > hundredths(MAX_HOURS_PER_DAY))
            .map(|(date, total)| Overfull {
                date,
                hours: total as f64 / 100.0,
            })
    }

    pub fn status(&self, module: &str) -> Status {
        self.modules
            .get(module)
            .map(|e| e.status)
            .unwrap_or_default()
    }

    /// Whether module `module` is behind the learner as a prerequisite: done, or skipped (skipped means "I know
    /// it"). The one rule the notes of `start`, `done` and `log`, `next` and the plan ask.
    pub fn satisfies(&self, module: &str) -> bool {
        self.status(module).is_closed()
    }

    pub fn project_status(&self, project: &str) -> Status {
        self.projects
            .get(project)
            .map(|e| e.status)
            .unwrap_or_default()
    }

    /// Whether the learner is working on project `project`: started and not done. The path recommends nine projects
    /// and no learner builds them all, so a project enters the plan only once taken up; the one rule the plan's
    /// weeks and its day-one baseline ask.
    pub fn works_on(&self, project: &str) -> bool {
        self.project_status(project) == Status::InProgress
    }

    pub fn entry(&self, module: &str) -> Option<&Entry> {
        self.modules.get(module)
    }

    /// A module's or a project's entry: their ids share one namespace.
    pub fn item_entry(&self, id: &str) -> Option<&Entry> {
        self.modules.get(id).or_else(|| self.projects.get(id))
    }

    /// A module's or a project's status, by kind.
    pub fn status_of(&self, kind: Kind, id: &str) -> Status {
        match kind {
            Kind::Module => self.status(id),
            Kind::Project => self.project_status(id),
        }
    }

    /// The plan a learner is measured against: the saved one (`plan --save`), else the steady pace from the day they
    /// started; `None` before they start.
    pub fn baseline(&self) -> Option<PlanPrefs> {
        self.plan.or(self.started.map(|start| PlanPrefs {
            pace: Pace::Steady,
            start,
        }))
    }

    /// Hours logged per module, summed in hundredths as the log keeps them: one pass over the log, built once per
    /// use (a pass per module was modules × sessions on a large path).
    pub fn logged_by_module(&self) -> std::collections::HashMap<&str, f64> {
        let mut sums: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
        for e in &self.log {
            if let Some(m) = &e.module {
                *sums.entry(m.as_str()).or_default() += hundredths(e.hours);
            }
        }
        sums.into_iter()
            .map(|(m, h)| (m, from_hundredths(h)))
            .collect()
    }

    /// The texts of the checklist items the learner has ticked on a module or a project.
    pub fn ticked(&self, module: &str) -> BTreeSet<String> {
        self.item_entry(module)
            .map(|e| e.checked.clone())
            .unwrap_or_default()
    }

    pub fn is_chosen(&self, module: &str) -> bool {
        self.chosen.iter().any(|c| c == module)
    }

    /// Whether a specialization counts as chosen: named with `choose`, or in progress or done already (a learner who
    /// started one has chosen it, whatever the list says).
    pub fn counts_as_chosen(&self, module: &str) -> bool {
        self.is_chosen(module) || matches!(self.status(module), Status::InProgress | Status::Done)
    }

    /// The modules of a choice phase that count as chosen, in path order.
    pub fn chosen_in<'a>(&self, phase: &'a Phase) -> Vec<&'a str> {
        phase
            .module_ids()
            .filter(|m| self.counts_as_chosen(m))
            .collect()
    }

    /// Whether a module of `phase` is part of this learner's path: every module of a phase, but of a choice phase
    /// only those that count as chosen. The one rule the plan, `next`, the counts, the hours left and `list` ask.
    pub fn takes(&self, phase: &Phase, module: &str) -> bool {
        !phase.is_choice() || self.counts_as_chosen(module)
    }

    /// The modules of `phase` this learner takes (see [`PathProgress::takes`]), in path order.
    pub fn members<'a>(&self, phase: &'a Phase) -> Vec<&'a str> {
        phase
            .module_ids()
            .filter(|m| self.takes(phase, m))
            .collect()
    }

    /// Applies a status change on `today`. Returns whether anything changed.
    pub fn apply(&mut self, kind: Kind, id: &str, change: Change, today: Date) -> bool {
        // A skipped specialization is not one the learner takes: it leaves the choice.
        let chosen_before = self.chosen.len();
        if change == Change::Skip && kind == Kind::Module {
            self.chosen.retain(|c| c != id);
        }
        let unchosen = self.chosen.len() != chosen_before;
        let map = self.map_of(kind);
        let before = map.get(id).cloned().unwrap_or_default();
        let mut entry = before.clone();
        match change {
            Change::Start => {
                if entry.status != Status::InProgress {
                    entry.status = Status::InProgress;
                    entry.started.get_or_insert(today);
                    entry.finished = None;
                }
            }
            Change::Done | Change::Skip => {
                let status = if change == Change::Done {
                    Status::Done
                } else {
                    Status::Skipped
                };
                if entry.status != status {
                    entry.status = status;
                    if status == Status::Done {
                        entry.started.get_or_insert(today);
                    }
                    entry.finished = Some(today);
                }
            }
            Change::Undo => {
                entry.status = Status::Todo;
                entry.started = None;
                entry.finished = None;
            }
        }
        let changed = entry != before || unchosen;
        // A todo entry with nothing ticked says nothing: leave it out of the file.
        if entry == Entry::default() {
            map.remove(id);
        } else {
            map.insert(id.to_string(), entry);
        }
        if changed {
            self.started.get_or_insert(today);
        }
        changed
    }

    fn map_of(&mut self, kind: Kind) -> &mut BTreeMap<String, Entry> {
        match kind {
            Kind::Module => &mut self.modules,
            Kind::Project => &mut self.projects,
        }
    }

    /// Adds a link to a module's or a project's entry (or changes the note of the one with its URL). Returns whether
    /// anything changed.
    pub fn add_link(&mut self, kind: Kind, id: &str, link: links::Link, today: Date) -> bool {
        let changed = links::add(
            &mut self.map_of(kind).entry(id.to_string()).or_default().links,
            link,
        );
        if changed {
            self.started.get_or_insert(today);
        }
        changed
    }

    /// Removes the link with URL `url` from an entry. Returns the link removed.
    pub fn remove_link(&mut self, kind: Kind, id: &str, url: &str) -> Option<links::Link> {
        let map = self.map_of(kind);
        let entry = map.get_mut(id)?;
        let at = entry.links.iter().position(|l| l.url == url)?;
        let removed = entry.links.remove(at);
        if *entry == Entry::default() {
            map.remove(id);
        }
        Some(removed)
    }

    /// Replaces the chosen specializations. The caller has checked the ids.
    pub fn choose(&mut self, modules: Vec<String>, today: Date) -> bool {
        let changed = self.chosen != modules;
        self.chosen = modules;
        if changed {
            self.started.get_or_insert(today);
        }
        changed
    }

    /// Records a study session, keeping the log in date order. The caller has checked the entry and numbered it.
    pub fn log_session(&mut self, entry: LogEntry) {
        // A session from before the recorded start moves the start back: the learner began then.
        self.started = Some(self.started.map_or(entry.date, |s| s.min(entry.date)));
        self.put_session(entry);
    }

    /// Puts a session in its place: by date, then by number (the order logged). Nothing else changes.
    pub fn put_session(&mut self, entry: LogEntry) {
        let key = (entry.date, entry.number);
        let at = self.log.partition_point(|e| (e.date, e.number) <= key);
        self.log.insert(at, entry);
    }

    /// The session numbered `number`, taken out of the log.
    pub fn take_session(&mut self, number: u32) -> Option<LogEntry> {
        let at = self.log.iter().position(|e| e.number == number)?;
        Some(self.log.remove(at))
    }

    /// The session with id `id`, taken out of the log.
    pub fn take_session_id(&mut self, id: &str) -> Option<LogEntry> {
        let at = self.log.iter().position(|e| e.id == id)?;
        Some(self.log.remove(at))
    }

    pub fn session_id(&self, id: &str) -> Option<&LogEntry> {
        self.log.iter().find(|e| e.id == id)
    }

    pub fn session(&self, number: u32) -> Option<&LogEntry> {
        self.log.iter().find(|e| e.number == number)
    }

    /// Ticks (or unticks) a checklist item of a module. Returns whether anything changed.
    pub fn set_checked(&mut self, module: &str, item: &str, checked: bool, today: Date) -> bool {
        self.set_checked_on(Kind::Module, module, item, checked, today)
    }

    /// Ticks (or unticks) a checklist item of a module or of a project's brief. Returns whether anything changed.
    pub fn set_checked_on(
        &mut self,
        kind: Kind,
        id: &str,
        item: &str,
        checked: bool,
        today: Date,
    ) -> bool {
        let map = self.map_of(kind);
        let entry = map.entry(id.to_string()).or_default();
        let changed = if checked {
            entry.checked.insert(item.to_string())
        } else {
            entry.checked.remove(item)
        };
        if *entry == Entry::default() {
            map.remove(id);
        }
        if changed {
            self.started.get_or_insert(today);
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn done_keeps_the_start_date_and_sets_the_finish() {
        let mut p = PathProgress::default();
        p.apply(Kind::Module, "m", Change::Start, date(2026, 1, 5));
        p.apply(Kind::Module, "m", Change::Done, date(2026, 2, 1));
        let e = p.entry("m").cloned().unwrap_or_default();
        assert_eq!(
            (e.status, e.started, e.finished),
            (Status::Done, Some(date(2026, 1, 5)), Some(date(2026, 2, 1)))
        );
        assert_eq!(p.started, Some(date(2026, 1, 5)));
    }

    #[test]
    fn done_twice_keeps_the_first_finish_date() {
        let mut p = PathProgress::default();
        assert!(p.apply(Kind::Module, "m", Change::Done, date(2026, 1, 5)));
        assert!(!p.apply(Kind::Module, "m", Change::Done, date(2026, 1, 9)));
        assert_eq!(
            p.entry("m").and_then(|e| e.finished),
            Some(date(2026, 1, 5))
        );
    }

    #[test]
    fn undo_returns_to_todo_and_drops_the_empty_entry() {
        let mut p = PathProgress::default();
        p.apply(Kind::Module, "m", Change::Done, date(2026, 1, 5));
        assert!(p.apply(Kind::Module, "m", Change::Undo, date(2026, 1, 6)));
        assert_eq!(p.status("m"), Status::Todo);
        assert!(p.modules.is_empty());
    }

    #[test]
    fn undo_keeps_ticked_items() {
        let mut p = PathProgress::default();
        p.set_checked("m", "item", true, date(2026, 1, 5));
        p.apply(Kind::Module, "m", Change::Done, date(2026, 1, 5));
        p.apply(Kind::Module, "m", Change::Undo, date(2026, 1, 6));
        assert_eq!(p.entry("m").map(|e| e.checked.len()), Some(1));
    }

    #[test]
    fn skip_records_the_day_without_a_start() {
        let mut p = PathProgress::default();
        p.apply(Kind::Module, "m", Change::Skip, date(2026, 3, 1));
        let e = p.entry("m").cloned().unwrap_or_default();
        assert_eq!(
            (e.status, e.started, e.finished),
            (Status::Skipped, None, Some(date(2026, 3, 1)))
        );
    }

    fn log_of(text: &str) -> Result<Vec<LogEntry>, String> {
        crate::yaml::from_str::<PathProgress>(text)
            .map(|p| p.log)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn hours_out_of_range_are_refused_where_they_are() {
        for (hours, shown) in [
            ("-5", "-5"),
            ("0", "0"),
            (".nan", ".nan"),
            (".inf", ".inf"),
            ("-.inf", "-.inf"),
            ("1e308", "1e308"),
            ("24.01", "24.01"),
        ] {
            let text = format!("log:\n  - date: 2026-01-05\n    hours: {hours}\n");
            assert_eq!(
                log_of(&text).err().as_deref(),
                Some(
                    format!(
                        "line 3 column 12: a session's hours must be above 0 and at most 24, not {shown}"
                    )
                    .as_str()
                ),
                "{hours}"
            );
        }
        let text =
            "log:\n  - { date: 2026-01-05, hours: 24 }\n  - { date: 2026-01-06, hours: 0.25 }\n";
        assert_eq!(log_of(text).map(|l| l.len()), Ok(2));
        assert!(log_of("log: [{ date: 2026-01-05, hours: two }]").is_err());
    }

    #[test]
    fn a_day_over_24_hours_is_found() {
        let mut p = PathProgress::default();
        for _ in 0..3 {
            p.log.push(LogEntry {
                id: String::new(),
                number: 0,
                date: date(2026, 1, 5),
                hours: 8.0,
                module: None,
                note: None,
            });
        }
        assert_eq!(p.overfull_day(), None);
        p.log[0].hours = 8.01;
        assert_eq!(
            p.overfull_day(),
            Some(Overfull {
                date: date(2026, 1, 5),
                hours: 24.01
            })
        );
    }

    #[test]
    fn projects_are_kept_apart_from_modules() {
        let mut p = PathProgress::default();
        p.apply(Kind::Project, "proj", Change::Start, date(2026, 3, 1));
        assert_eq!(p.project_status("proj"), Status::InProgress);
        assert_eq!(p.status("proj"), Status::Todo);
    }
}
