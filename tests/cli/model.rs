//! A model of a learner's year, in process: random journeys through the commands that change progress, and after
//! every step the invariants that tie `status`, the dashboard, `plan` and the report to one timeline. The steps call
//! the pure core the commands call; the binary's own contract is pinned by the process tests (`timeline.rs`).

use std::collections::HashMap;

use aipath::commands::{dashboard, report, status};
use aipath::course::Course;
use aipath::dates::add_days;
use aipath::history::item::{last_change, reversal};
use aipath::history::patch::{apply_all, inverse_all};
use aipath::history::stack::Stacks;
use aipath::history::{Event, Kind as EventKind, Patch, Stamp, diff};
use aipath::log::{check_session, hundredths, monday_of, stats};
use aipath::plan::calendar::{Plan, Task, plan};
use aipath::plan::standing::Standing;
use aipath::progress::choice::refuse_to_take;
use aipath::progress::record::{in_progress, record_session};
use aipath::progress::{Change, Entry, Kind, LogEntry, PathProgress, State, Status};
use aipath::render::{Screen, human};
use jiff::civil::{Date, date};
use proptest::prelude::*;

const PATH: &str = "software-developer-to-ai-engineer";

/// One command of a journey. Items (`u8`) index the path's modules, then its projects.
#[derive(Debug, Clone)]
enum Op {
    /// Days go by.
    Wait(u8),
    /// `log` hours (in hundredths), with `--module` or without, `back` days before today.
    Log {
        hundredths: u16,
        module: Option<u8>,
        back: u8,
    },
    Start(u8),
    Done(u8),
    Skip(u8),
    Choose(Vec<u8>),
    Undo,
    UndoItem(u8),
    Edit {
        nth: u8,
        hundredths: u16,
    },
    Delete(u8),
    Reset,
    Restore,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => prop_oneof![3 => 0u8..4, 1 => 0u8..30].prop_map(Op::Wait),
        8 => (25u16..900, proptest::option::of(0u8..20), prop_oneof![4 => Just(0u8), 1 => 0u8..90])
            .prop_map(|(hundredths, module, back)| Op::Log { hundredths, module, back }),
        3 => item().prop_map(Op::Start),
        4 => item().prop_map(Op::Done),
        1 => item().prop_map(Op::Skip),
        1 => proptest::collection::vec(6u8..9, 1..3).prop_map(Op::Choose),
        1 => Just(Op::Undo),
        4 => item().prop_map(Op::UndoItem),
        1 => (0u8..30, 25u16..900).prop_map(|(nth, hundredths)| Op::Edit { nth, hundredths }),
        1 => (0u8..30).prop_map(Op::Delete),
        1 => prop_oneof![1 => Just(Op::Reset), 1 => Just(Op::Restore)],
    ]
}

/// A module more often than a project: the modules are what the timeline is made of.
fn item() -> impl Strategy<Value = u8> {
    prop_oneof![3 => 0u8..9, 1 => 0u8..20]
}

fn course() -> &'static Course {
    static COURSE: std::sync::OnceLock<Course> = std::sync::OnceLock::new();
    COURSE.get_or_init(|| aipath::io::loader::load(Some(PATH)).unwrap_or_else(|e| panic!("{e:#}")))
}

/// The learner's world: the state, its history, today, and what the model expects `undo <id>` to give back.
struct World {
    course: &'static Course,
    state: State,
    events: Vec<Event>,
    today: Date,
    /// Per item, the entries it had before each of its changes not yet walked back by `undo <id>`.
    walk: HashMap<String, Vec<Option<Entry>>>,
}

impl World {
    fn new(today: Date) -> World {
        World {
            course: course(),
            state: State::default(),
            events: Vec::new(),
            today,
            walk: HashMap::new(),
        }
    }

    fn progress(&self) -> PathProgress {
        self.state.paths.get(PATH).cloned().unwrap_or_default()
    }

    fn items(&self) -> Vec<(Kind, String)> {
        let path = &self.course.path;
        path.module_ids()
            .map(|m| (Kind::Module, m.to_string()))
            .chain(path.all_projects().map(|p| (Kind::Project, p.id.clone())))
            .collect()
    }

    fn item(&self, i: u8) -> (Kind, String) {
        let items = self.items();
        items[usize::from(i) % items.len()].clone()
    }

    fn entry(state: &State, kind: Kind, id: &str) -> Option<Entry> {
        let p = state.paths.get(PATH)?;
        match kind {
            Kind::Module => p.modules.get(id).cloned(),
            Kind::Project => p.projects.get(id).cloned(),
        }
    }

    /// Records `after` as a change of kind `kind` (as the store does), and checks that its undo restores the state
    /// before it byte for byte.
    fn record(&mut self, before: State, kind: EventKind, of: Option<String>, command: &str) {
        let changes = diff(&before, &self.state);
        if changes.is_empty() {
            return;
        }
        let mut back = self.state.clone();
        apply_all(&mut back, &inverse_all(&changes)).unwrap_or_else(|c| panic!("{c:?}"));
        // The bookkeeping is never patched: an undone session's number stays given.
        back.last_log_number = before.last_log_number;
        assert_eq!(
            yaml(&back),
            yaml(&before),
            "undo of a step restores the state before it"
        );
        let stamp = Stamp {
            at: format!("{}T12:00:00+00:00", self.today),
            command: command.into(),
        };
        let id = format!("{:08}", self.events.len());
        self.events
            .push(Event::change(id, &stamp, kind, of, changes));
    }

    /// Applies one step; `Err` when the command refuses it (nothing changes then).
    fn step(&mut self, op: &Op) -> Result<(), String> {
        let before = self.state.clone();
        let result = match op {
            Op::Wait(days) => {
                self.today = add_days(self.today, i64::from(*days)).unwrap_or(self.today);
                return Ok(());
            }
            Op::Undo => return self.undo(),
            Op::Log {
                hundredths,
                module,
                back,
            } => self.log(*hundredths, *module, *back),
            Op::Start(i) => self.change(*i, Change::Start),
            Op::Done(i) => self.change(*i, Change::Done),
            Op::Skip(i) => self.change(*i, Change::Skip),
            Op::Choose(picks) => self.choose(picks),
            Op::UndoItem(i) => return self.undo_item(*i),
            Op::Edit { nth, hundredths } => self.edit(*nth, *hundredths),
            Op::Delete(nth) => self.delete(*nth),
            Op::Reset => self.reset(),
            Op::Restore => self.restore(),
        };
        if result.is_err() {
            self.state = before;
            return result;
        }
        self.note_item_changes(&before);
        self.record(before, EventKind::Change, None, "aipath");
        result
    }

    /// What each item's entry was before this change, for `undo <id>` to walk back to.
    fn note_item_changes(&mut self, before: &State) {
        for (kind, id) in self.items() {
            let was = World::entry(before, kind, &id);
            if was != World::entry(&self.state, kind, &id) {
                self.walk.entry(id).or_default().push(was);
            }
        }
    }

    fn path_progress(&mut self) -> &mut PathProgress {
        self.state.paths.entry(PATH.to_string()).or_default()
    }

    fn log(&mut self, h: u16, module: Option<u8>, back: u8) -> Result<(), String> {
        let day = add_days(self.today, -i64::from(back)).unwrap_or(self.today);
        let hours = f64::from(h) / 100.0;
        let module = module
            .map(|i| self.item(i))
            .filter(|(k, _)| *k == Kind::Module)
            .map(|(_, id)| id);
        let progress = self.progress();
        check_session(&progress.log, day, hours, self.today).map_err(|e| e.to_string())?;
        let number = self.state.next_log_number();
        let entry = LogEntry {
            id: format!("session-{number}"),
            number,
            date: day,
            hours,
            module: module.clone(),
            note: None,
        };
        let course = self.course;
        let progress = self.path_progress();
        let open = in_progress(&course.path, progress);
        let recorded =
            record_session(&course.path, progress, entry, true).map_err(|e| e.to_string())?;
        if module.is_none()
            && let [(_, only)] = open.as_slice()
        {
            assert_eq!(
                recorded.counted_toward.as_ref(),
                Some(only),
                "hours find the one module or project in progress"
            );
        }
        if let Some(was) = recorded.moved_start {
            assert!(day < was, "a moved start is said, and only when it moves");
        }
        Ok(())
    }

    fn change(&mut self, i: u8, change: Change) -> Result<(), String> {
        let (kind, id) = self.item(i);
        let today = self.today;
        let course = self.course;
        let progress = self.path_progress();
        if change == Change::Start && progress.status(&id).is_closed() {
            return Err("reopen".into());
        }
        if let Some(phase) = course.path.phase_of(&id)
            && matches!(change, Change::Start | Change::Done)
            && let Some(why) = refuse_to_take(phase, progress, &id)
        {
            return Err(why.to_string());
        }
        progress.apply(kind, &id, change, today);
        Ok(())
    }

    fn choose(&mut self, picks: &[u8]) -> Result<(), String> {
        let course = self.course;
        let Some(phase) = course.path.choice_phase() else {
            return Err("no choice".into());
        };
        let options: Vec<&str> = phase.module_ids().collect();
        let mut chosen: Vec<String> = Vec::new();
        for p in picks {
            let id = options[usize::from(*p) % options.len()].to_string();
            if chosen.contains(&id) {
                return Err("named twice".into());
            }
            chosen.push(id);
        }
        let today = self.today;
        let progress = self.path_progress();
        // The command's own rule, as `aipath choose` runs it.
        aipath::progress::choice::choose(phase, progress, &chosen, today)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn nth_session(&self, nth: u8) -> Option<u32> {
        let log = &self.progress().log;
        (!log.is_empty()).then(|| log[usize::from(nth) % log.len()].number)
    }

    fn edit(&mut self, nth: u8, h: u16) -> Result<(), String> {
        let number = self.nth_session(nth).ok_or("no session")?;
        let today = self.today;
        let progress = self.path_progress();
        let before = progress.take_session(number).ok_or("no session")?;
        let after = LogEntry {
            hours: f64::from(h) / 100.0,
            ..before
        };
        check_session(&progress.log, after.date, after.hours, today).map_err(|e| e.to_string())?;
        progress.log_session(after);
        Ok(())
    }

    fn delete(&mut self, nth: u8) -> Result<(), String> {
        let number = self.nth_session(nth).ok_or("no session")?;
        self.path_progress()
            .take_session(number)
            .ok_or("no session")?;
        Ok(())
    }

    fn reset(&mut self) -> Result<(), String> {
        if self.progress() == PathProgress::default() {
            return Err("nothing to reset".into());
        }
        let archive = format!("archive-{}", self.events.len());
        Patch::Reset {
            path: PATH.into(),
            archive,
            on: self.today,
        }
        .apply(&mut self.state);
        self.walk.clear();
        Ok(())
    }

    fn restore(&mut self) -> Result<(), String> {
        let Some((name, archive)) = self.state.archives.iter().next_back() else {
            return Err("no archive".into());
        };
        let (name, on) = (name.clone(), archive.archived);
        if self.progress() != PathProgress::default() {
            self.reset()?;
        }
        Patch::Restore {
            path: PATH.into(),
            archive: name,
            on,
        }
        .apply(&mut self.state);
        self.walk.clear();
        Ok(())
    }

    fn undo(&mut self) -> Result<(), String> {
        let i = Stacks::of(&self.events)
            .next_undo()
            .ok_or("nothing to undo")?;
        let event = self.events[i].clone();
        let before = self.state.clone();
        apply_all(&mut self.state, &inverse_all(&event.changes)).map_err(|c| c.target)?;
        self.walk.clear();
        self.record(before, EventKind::Undo, Some(event.id), "aipath undo");
        Ok(())
    }

    /// `undo <id>`: the item goes back through its own changes, one each time.
    fn undo_item(&mut self, i: u8) -> Result<(), String> {
        // Mostly an item with changes to walk back through, which is where `undo <id>` can go wrong.
        let mut walking: Vec<(Kind, String)> = self
            .items()
            .into_iter()
            .filter(|(_, id)| self.walk.get(id).is_some_and(|w| !w.is_empty()))
            .collect();
        let (kind, id) = match walking.len() {
            0 => self.item(i),
            n => walking.swap_remove(usize::from(i) % n),
        };
        let expected = self.walk.get_mut(&id).and_then(Vec::pop);
        let before = self.state.clone();
        let Some((event, patch)) = last_change(&self.events, PATH, kind, &id) else {
            return Err("no change recorded".into());
        };
        let reversed = event.id.clone();
        let patches = reversal(event, patch);
        apply_all(&mut self.state, &patches).map_err(|c| c.target)?;
        if let Some(expected) = expected {
            assert_eq!(
                World::entry(&self.state, kind, &id),
                expected,
                "`undo {id}` walks back to the entry before its last change"
            );
        }
        // As the command records it: a change naming the change it reversed.
        self.record(
            before,
            EventKind::Change,
            Some(reversed),
            &format!("aipath undo {id}"),
        );
        Ok(())
    }
}

fn yaml(state: &State) -> String {
    aipath::io::store::encode(state).unwrap_or_else(|e| panic!("{e}"))
}

/// The whole weeks from `projected`'s ISO week to `planned`'s: positive when the projected finish is earlier.
fn weeks_between(projected: Date, planned: Date) -> i64 {
    let days = monday_of(projected)
        .until(monday_of(planned))
        .map_or(0, |s| i64::from(s.get_days()));
    days / 7
}

/// The invariants of one day: every screen tells one story.
fn check(world: &World) {
    let course = world.course;
    let progress = world.progress();
    let today = world.today;
    let status = status::view(course, &progress, today, None).unwrap_or_else(|e| panic!("{e:#}"));
    let dash = dashboard::view(course, &progress, today).unwrap_or_else(|e| panic!("{e:#}"));
    let report =
        report::view(course, &progress, today, String::new()).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(status.schedule, dash.schedule, "status and dashboard");
    assert_eq!(status.schedule, report.schedule, "status and report");
    let screen = Screen::PIPE;
    if let Some(s) = &status.schedule {
        let baseline = progress
            .baseline()
            .unwrap_or_else(|| panic!("a schedule without a baseline"));
        let laid = plan(course, &progress, baseline, today).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&laid.standing, s, "status and plan");
        check_standing(s, &progress, today);
        check_weeks(&laid, &progress, today);
        check_milestones(course, &laid, &progress);
    }
    let hours = stats(course, &progress, today).hours_remaining;
    assert!(
        (hours - hours_left(course, &progress)).abs() < 1e-6,
        "hours left {hours} against the definition {}",
        hours_left(course, &progress)
    );
    if let Some(phase) = course.path.choice_phase() {
        let (_, max) = phase.choice_range();
        assert!(
            progress.chosen_in(phase).len() <= max,
            "at most {max} specializations count as chosen"
        );
    }
    let dash_text = human(&dash, screen);
    if dash.progress.is_complete() {
        assert!(!dash_text.contains("nothing yet"), "{dash_text}");
    }
}

fn check_standing(s: &Standing, progress: &PathProgress, today: Date) {
    if let (Some(planned), Some(projected)) = (s.planned_finish, s.projected_finish) {
        assert_eq!(
            s.weeks_ahead,
            weeks_between(projected, planned),
            "weeks ahead are the weeks between the projected {projected} and the planned {planned} finish"
        );
        assert!(
            projected >= today,
            "projected finish {projected} before today {today}"
        );
    }
    let _ = progress;
}

/// The current week is Monday to Sunday (from the start, in week 1); it and the weeks before hold every hour logged
/// in them.
fn check_weeks(laid: &Plan, progress: &PathProgress, today: Date) {
    if today < laid.start {
        return;
    }
    let current = laid
        .weeks
        .iter()
        .find(|w| w.start <= today && today <= w.end);
    let current = current.unwrap_or_else(|| panic!("no week of the plan holds today {today}"));
    assert_eq!(
        current.start,
        laid.start.max(monday_of(today)),
        "the current week starts on its Monday"
    );
    for w in laid.weeks.iter() {
        if let Task::Past(p) = &w.task {
            let logged: i64 = progress
                .log
                .iter()
                .filter(|e| w.start <= e.date && e.date <= w.end)
                .map(|e| hundredths(e.hours))
                .sum();
            assert_eq!(
                p.hundredths, logged,
                "hours of week {} ({})",
                w.week, w.start
            );
        }
    }
}

/// Every open project whose modules are all on the learner's path is a milestone exactly once, in the week the last
/// of its modules ends.
fn check_milestones(course: &Course, laid: &Plan, progress: &PathProgress) {
    let last_week = |m: &str| -> Option<u32> {
        let planned = laid
            .weeks
            .iter()
            .filter(|w| w.module() == Some(m))
            .map(|w| w.week)
            .max();
        let finished = progress
            .entry(m)
            .and_then(|e| e.finished)
            .filter(|_| progress.status(m).is_closed());
        planned.or_else(|| {
            let day = finished?;
            let w = laid.weeks.iter().find(|w| w.start <= day && day <= w.end);
            Some(w.map_or(1, |w| w.week))
        })
    };
    for project in course.path.all_projects() {
        if progress.project_status(&project.id).is_closed() || project.modules.is_empty() {
            continue;
        }
        let weeks: Option<Vec<u32>> = project.modules.iter().map(|m| last_week(m)).collect();
        let Some(weeks) = weeks else { continue };
        let expected = weeks.into_iter().max().unwrap_or(1);
        let found: Vec<u32> = laid
            .weeks
            .iter()
            .filter(|w| w.milestones.iter().any(|m| m.id == project.id))
            .map(|w| w.week)
            .collect();
        assert_eq!(found, [expected], "milestone {}", project.title);
    }
}

/// The definition of hours left: each module the learner takes and has not finished, its estimate less the hours
/// attributed to it, never below 0; a choice with nothing chosen, its fewest choices at the options' average.
fn hours_left(course: &Course, progress: &PathProgress) -> f64 {
    let estimate = |m: &str| course.hours(m).unwrap_or(0.0);
    let mut logged: HashMap<&str, i64> = HashMap::new();
    for e in &progress.log {
        if let Some(m) = &e.module {
            *logged.entry(m.as_str()).or_default() += hundredths(e.hours);
        }
    }
    let mut left = 0.0;
    for phase in &course.path.phases {
        let taken: Vec<&str> = phase
            .module_ids()
            .filter(|m| !phase.is_choice() || progress.counts_as_chosen(m))
            .collect();
        if phase.is_choice() && taken.is_empty() {
            let options: Vec<f64> = phase.module_ids().map(estimate).collect();
            let average = options.iter().sum::<f64>() / options.len() as f64;
            left += average * phase.choice_range().0 as f64;
            continue;
        }
        for m in taken
            .into_iter()
            .filter(|m| !progress.status(m).is_closed())
        {
            let attributed = logged.get(m).copied().unwrap_or(0) as f64 / 100.0;
            left += (estimate(m) - attributed).max(0.0);
        }
    }
    left
}

fn journey(first: Date, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut world = World::new(first);
    check(&world);
    for op in ops {
        let _ = world.step(op);
        check(&world);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5, ..ProptestConfig::default() })]

    #[test]
    fn a_random_journey_tells_one_story_after_every_step(
        weekday in 0i64..7,
        ops in proptest::collection::vec(op(), 1..50),
    ) {
        let first = add_days(date(2026, 1, 5), weekday).unwrap_or_else(|| panic!("a date"));
        journey(first, &ops)?;
    }
}

/// A learner who studies each phase at the plan's own rate (its modules' hours over its weeks, each day a seventh of
/// a week's), module after module, marking each done when its hours are in.
fn on_pace(first: Date, days: u32, factor: f64) -> Vec<(Date, Standing)> {
    let course = course();
    let mut state = State::default();
    let progress = state.paths.entry(PATH.to_string()).or_default();
    let specs: Vec<String> = course
        .path
        .choice_phase()
        .map(|p| p.module_ids().take(2).map(str::to_string).collect())
        .unwrap_or_default();
    progress.choose(specs, first);
    let phases: Vec<(f64, Vec<String>)> = course
        .path
        .phases
        .iter()
        .map(|phase| {
            let members: Vec<String> = progress
                .members(phase)
                .iter()
                .map(|m| m.to_string())
                .collect();
            let hours: f64 = members.iter().map(|m| course.hours(m).unwrap_or(0.0)).sum();
            let weeks = f64::from(aipath::plan::Pace::Steady.weeks(phase.weeks));
            (hours / weeks / 7.0 * factor, members)
        })
        .collect();
    let mut seen = Vec::new();
    let mut day = first;
    let mut number = 0;
    for _ in 0..days {
        // A day's hours go to the module at hand; what is left once it is done goes on to the next.
        let mut budget: Option<f64> = None;
        loop {
            let open = phases.iter().find_map(|(rate, members)| {
                members
                    .iter()
                    .find(|m| !progress.status(m).is_closed())
                    .map(|m| (*rate, m.clone()))
            });
            let Some((rate, module)) = open else { break };
            let left_today = *budget.get_or_insert((rate * 100.0).ceil() / 100.0);
            let logged = progress
                .logged_by_module()
                .get(module.as_str())
                .copied()
                .unwrap_or(0.0);
            let need = (course.hours(&module).unwrap_or(0.0) - logged).max(0.0);
            let hours = ((left_today.min(need)) * 100.0).ceil() / 100.0;
            if hours > 0.0 {
                number += 1;
                progress.log_session(LogEntry {
                    id: format!("session-{number}"),
                    number,
                    date: day,
                    hours,
                    module: Some(module.clone()),
                    note: None,
                });
                if progress.status(&module) == Status::Todo {
                    progress.apply(Kind::Module, &module, Change::Start, day);
                }
            }
            if hours + 1e-9 < need {
                break;
            }
            progress.apply(Kind::Module, &module, Change::Done, day);
            budget = Some(left_today - hours);
            if left_today - hours <= 0.0 {
                break;
            }
        }
        let baseline = progress.baseline().unwrap_or_else(|| panic!("started"));
        let s = aipath::plan::standing::standing(course, progress, baseline, day)
            .unwrap_or_else(|e| panic!("{e}"));
        seen.push((day, s));
        day = add_days(day, 1).unwrap_or(day);
    }
    seen
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 7, ..ProptestConfig::default() })]

    #[test]
    fn a_learner_on_pace_or_faster_is_never_behind(weekday in 0i64..7, faster in 0u8..3) {
        let first = add_days(date(2026, 1, 5), weekday).unwrap_or_else(|| panic!("a date"));
        let factor = 1.0 + f64::from(faster) / 2.0;
        for (day, s) in on_pace(first, 240, factor) {
            prop_assert!(s.weeks_ahead >= 0, "{day} (from {first}, {factor}x): {s:?}");
            if let (Some(planned), Some(projected)) = (s.planned_finish, s.projected_finish) {
                prop_assert!(projected <= add_days(planned, 6).unwrap_or(planned), "{day}: {s:?}");
            }
        }
    }
}

/// The journeys the model found wrong once, kept as examples that run on every `cargo test`.
#[test]
fn journeys_the_model_found_wrong_once() {
    let start = date(2026, 1, 5);
    // `undo <id>` twice after a start and a done walks back to todo, not to done again.
    journey(
        start,
        &[Op::Start(3), Op::Done(3), Op::UndoItem(3), Op::UndoItem(3)],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // Logged on a Monday, seen on the Tuesday: the current week starts on the Monday and holds those hours.
    journey(
        start,
        &[
            Op::Log {
                hundredths: 25,
                module: None,
                back: 0,
            },
            Op::Wait(1),
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // A project whose module was finished weeks ago keeps its milestone, in the week it was finished.
    journey(start, &[Op::Done(3), Op::Wait(20)]).unwrap_or_else(|e| panic!("{e}"));
    // With two specializations chosen, hours logged to the third do not make it count as chosen.
    let third = Op::Log {
        hundredths: 100,
        module: Some(7),
        back: 0,
    };
    journey(start, &[Op::Choose(vec![6, 8]), third]).unwrap_or_else(|e| panic!("{e}"));
}
