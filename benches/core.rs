//! Benchmarks of the pure core, on the built-in path and on generated paths of 500, 2,500 and 5,000 modules whose
//! state holds 20,000 study-log entries: loading a path, decoding the state, `next`, `plan`, `status` and the study
//! statistics. Each benchmark does what its command does between reading the files and rendering.
//!
//! `cargo bench` runs them; `scripts/bench-cli.sh` times the real binary against its targets.

use std::path::PathBuf;
use std::sync::OnceLock;

use aipath::course::Course;
use aipath::io::loader;
use aipath::log::stats;
use aipath::plan::calendar::plan;
use aipath::plan::next::next_steps;
use aipath::plan::standing::standing;
use aipath::plan::{Pace, allocate};
use aipath::progress::count::count;
use aipath::progress::{Change, Kind, LogEntry, PathProgress, PlanPrefs, State};
use divan::Bencher;
use jiff::civil::{Date, date};

// The generator's report (`Summary`'s counts) is read by the example only.
#[allow(dead_code)]
#[path = "../examples/gen_fixture/fixture.rs"]
mod fixture;

fn main() {
    divan::main();
}

/// The built-in path and the generated sizes.
const PATHS: &[&str] = &["built-in", "500", "2500", "5000"];
const LOG_ENTRIES: usize = 20_000;
const SEED: u64 = 7;

/// A path, its files, and the learner's state on it.
struct Case {
    /// The path file of a generated case; `None` for the built-in path.
    path_file: Option<PathBuf>,
    state_text: String,
    state: State,
    course: Course,
    today: Date,
}

impl Case {
    fn progress(&self) -> &PathProgress {
        self.state
            .paths
            .get(self.course.id())
            .unwrap_or_else(|| panic!("no progress for `{}`", self.course.id()))
    }
}

fn case(name: &str) -> &'static Case {
    static CASES: [OnceLock<Case>; 4] = [const { OnceLock::new() }; 4];
    let i = PATHS
        .iter()
        .position(|p| *p == name)
        .unwrap_or_else(|| panic!("no case `{name}`"));
    CASES[i].get_or_init(|| if i == 0 { builtin() } else { generated(name) })
}

/// A realistic learner on the built-in path: one module done, one in progress with a ticked item, a choice, a
/// saved plan and a few sessions logged.
fn builtin() -> Case {
    let course = loader::load(None).unwrap_or_else(|e| panic!("{e:#}"));
    let today = date(2026, 3, 2);
    let mut state = State::default();
    let p = state.paths.entry(course.id().to_string()).or_default();
    p.apply(
        Kind::Module,
        "machine-learning-basics",
        Change::Done,
        date(2026, 2, 1),
    );
    p.apply(
        Kind::Module,
        "math-foundations",
        Change::Start,
        date(2026, 2, 2),
    );
    let first_item = course
        .doc("math-foundations")
        .map(|d| d.checklist[0].text.clone())
        .unwrap_or_else(|e| panic!("{e:#}"));
    p.set_checked("math-foundations", &first_item, true, date(2026, 2, 3));
    p.choose(vec!["llm-applications".into()], date(2026, 2, 3));
    for (number, (day, hours, module)) in (1..).zip([
        (date(2026, 2, 2), 2.0, Some("math-foundations")),
        (date(2026, 2, 4), 1.5, None),
        (date(2026, 2, 20), 3.0, Some("math-foundations")),
    ]) {
        p.log_session(LogEntry {
            id: format!("s{number}"),
            number,
            date: day,
            hours,
            module: module.map(str::to_string),
            note: None,
        });
    }
    let state_text = aipath::io::store::encode(&state).unwrap_or_else(|e| panic!("{e:#}"));
    Case {
        path_file: None,
        state_text,
        state,
        course,
        today,
    }
}

fn generated(modules: &str) -> Case {
    let spec = fixture::Spec {
        modules: modules.parse().unwrap_or_else(|e| panic!("{modules}: {e}")),
        log: LOG_ENTRIES,
        seed: SEED,
        active: false,
        history: 0,
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-fixture-{modules}"));
    let summary = fixture::write(&spec, &dir).unwrap_or_else(|e| panic!("{e:#}"));
    let state_text = std::fs::read_to_string(&summary.state_file)
        .unwrap_or_else(|e| panic!("{}: {e}", summary.state_file.display()));
    let state = aipath::io::store::decode(&summary.state_file, state_text.as_bytes())
        .map(|d| d.state)
        .unwrap_or_else(|e| panic!("{e:#}"));
    let course = load(Some(&summary.path_file));
    Case {
        path_file: Some(summary.path_file),
        state_text,
        state,
        course,
        today: fixture::LAST_LOG_DAY,
    }
}

fn load(path_file: Option<&PathBuf>) -> Course {
    let selector = path_file.map(|f| f.display().to_string());
    loader::load(selector.as_deref()).unwrap_or_else(|e| panic!("{e:#}"))
}

/// Reading a path: its YAML, and every guide's front matter (from disk for a generated path).
#[divan::bench(args = PATHS)]
fn load_path(bencher: Bencher, name: &str) {
    let case = case(name);
    bencher.bench(|| load(case.path_file.as_ref()));
}

/// Decoding the state file's text (20,000 log entries on a generated path).
#[divan::bench(args = PATHS)]
fn decode_state(bencher: Bencher, name: &str) {
    let case = case(name);
    let file = PathBuf::from("state.yaml");
    bencher.bench(|| {
        aipath::io::store::decode(&file, case.state_text.as_bytes())
            .unwrap_or_else(|e| panic!("{e:#}"))
    });
}

/// `next`: week estimates, the ranked steps (parsing the guides it must) and the overall count.
#[divan::bench(args = PATHS)]
fn next(bencher: Bencher, name: &str) {
    let case = case(name);
    let (course, progress) = (&case.course, case.progress());
    bencher.bench(|| {
        let allocation = allocate(course, progress, Pace::Steady);
        let steps = next_steps(course, progress, &allocation);
        (steps, count(&course.path, progress))
    });
}

/// `plan`: the remaining weeks on a calendar, with focus and milestones.
#[divan::bench(args = PATHS)]
fn plan_weeks(bencher: Bencher, name: &str) {
    let case = case(name);
    let (course, progress) = (&case.course, case.progress());
    bencher.bench(|| {
        let baseline = PlanPrefs {
            pace: Pace::Steady,
            start: case.today,
        };
        plan(course, progress, baseline, case.today).unwrap_or_else(|e| panic!("{e}"))
    });
}

/// `status`: counts per phase, the standing against the learner's baseline plan, and the study statistics.
#[divan::bench(args = PATHS)]
fn status(bencher: Bencher, name: &str) {
    let case = case(name);
    let (course, progress) = (&case.course, case.progress());
    let baseline = progress.baseline();
    bencher.bench(|| {
        (
            count(&course.path, progress),
            baseline.map(|b| {
                standing(course, progress, b, case.today).unwrap_or_else(|e| panic!("{e}"))
            }),
            stats(course, progress, case.today),
        )
    });
}

/// The study statistics alone: hours, streaks, the forecast.
#[divan::bench(args = PATHS)]
fn study_stats(bencher: Bencher, name: &str) {
    let case = case(name);
    let (course, progress) = (&case.course, case.progress());
    bencher.bench(|| stats(course, progress, case.today));
}
