//! A large learning path, its guides and a busy state file, generated deterministically from a seed.
//!
//! Shared by the `gen_fixture` example (which writes it for `scripts/bench-cli.sh`) and the benchmarks in `benches/`.
//! The state is built from aipath's own types and written with `aipath::io::store::encode`, so the fixture's format is the
//! format aipath writes; the path and guides are checked by loading them back with `aipath::io::loader::load`.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use aipath::guide::FrontMatter;
use aipath::history::{Event, Kind, Patch, Stamp};
use aipath::plan::Pace;
use aipath::progress::{Entry, LogEntry, PathProgress, PlanPrefs, State, Status};
use jiff::ToSpan;
use jiff::civil::{Date, date};
use serde_json::{Value, json};

/// The id the generated path is keyed by in the state file.
pub const PATH_ID: &str = "generated";

/// The last day of the generated study log: a fixed day, so the fixture does not depend on when it is made.
pub const LAST_LOG_DAY: Date = date(2026, 1, 4);

/// Modules per ordinary phase, and per group within a phase.
const PHASE_SIZE: usize = 50;
const GROUP_SIZE: usize = 10;

#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub modules: usize,
    pub log: usize,
    pub seed: u64,
    /// Whether the state names the path as its active one, so commands need no `--path`.
    pub active: bool,
    /// How many events the history beside the state holds (`state.history.jsonl`): the sessions' logging first,
    /// one event each, then status changes and their undos and redos.
    pub history: usize,
}

/// What was written, for the generator to report.
#[derive(Debug, Clone)]
pub struct Summary {
    pub path_file: PathBuf,
    pub state_file: PathBuf,
    pub phases: usize,
    pub projects: usize,
    pub with_status: usize,
    pub in_progress: usize,
    pub log: usize,
    pub history: usize,
}

/// SplitMix64 (Steele, Lea and Flood 2014): a few lines whose output is fixed by its definition, so a seed gives the
/// same fixture on every machine and with every crate version.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the tiny modulo bias does not matter for a fixture.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "vectors",
    "gradients",
    "embeddings",
    "retrieval",
    "attention",
    "tokenizers",
    "evaluation",
    "pipelines",
    "serving",
    "monitoring",
    "quantization",
    "batching",
    "caching",
    "sampling",
    "regularization",
    "features",
    "labels",
    "drift",
    "latency",
    "throughput",
    "agents",
    "prompts",
    "finetuning",
    "distillation",
];

fn words(rng: &mut Rng, n: usize) -> String {
    let mut out: Vec<&str> = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(*rng.pick(WORDS));
    }
    let mut text = out.join(" ");
    if let Some(first) = text.get(..1) {
        text.replace_range(..1, &first.to_uppercase());
    }
    text
}

fn module_id(i: usize) -> String {
    format!("m{i:05}")
}

/// The generated path: ordinary phases of [`PHASE_SIZE`] modules, then one choice phase (about a twentieth of the
/// modules, at least three).
struct Layout {
    /// Module indices per phase; the last phase is the choice phase.
    phases: Vec<Vec<usize>>,
}

impl Layout {
    fn new(modules: usize) -> Layout {
        let choice = (modules / 20).max(3);
        let ordinary = modules.saturating_sub(choice).max(1);
        let mut phases: Vec<Vec<usize>> = (0..ordinary)
            .collect::<Vec<_>>()
            .chunks(PHASE_SIZE)
            .map(<[usize]>::to_vec)
            .collect();
        phases.push((ordinary..ordinary + choice).collect());
        Layout { phases }
    }

    fn modules(&self) -> usize {
        self.phases.iter().map(Vec::len).sum()
    }
}

struct Module {
    id: String,
    title: String,
    topics: Vec<String>,
    hours: f64,
    prerequisites: Vec<String>,
    checklist: Vec<String>,
}

fn modules(rng: &mut Rng, count: usize) -> Vec<Module> {
    (0..count)
        .map(|i| {
            let topics = (0..3 + rng.below(2)).map(|_| words(rng, 2)).collect();
            // Only earlier modules: the prerequisites form a DAG.
            let prerequisites: BTreeSet<String> = (0..if i == 0 { 0 } else { rng.below(4) })
                .map(|_| module_id(i - 1 - rng.below(i.min(200))))
                .collect();
            let checklist = (0..4 + rng.below(5))
                .map(|k| format!("Step {}: {}", k + 1, words(rng, 6)))
                .collect();
            Module {
                id: module_id(i),
                title: format!("Module {i}: {}", words(rng, 3)),
                topics,
                hours: (10 + 5 * rng.below(11)) as f64,
                prerequisites: prerequisites.into_iter().collect(),
                checklist,
            }
        })
        .collect()
}

fn path_yaml(rng: &mut Rng, layout: &Layout, modules: &[Module]) -> io::Result<(String, usize)> {
    let last = layout.phases.len() - 1;
    let phases: Vec<Value> = layout
        .phases
        .iter()
        .enumerate()
        .map(|(p, members)| {
            let groups: Vec<Value> = members
                .chunks(GROUP_SIZE)
                .enumerate()
                .map(|(g, chunk)| {
                    json!({
                        "title": format!("Group {}", g + 1),
                        "modules": chunk.iter().map(|&i| modules[i].id.clone()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let n = members.len() as u64;
            let mut phase = json!({
                "id": format!("phase-{:03}", p + 1),
                "title": format!("Phase {}: {}", p + 1, words(rng, 2)),
                "weeks": { "min": n, "max": n * 2 },
                "groups": groups,
            });
            if p == last {
                phase["choose"] = json!({ "min": 1, "max": 3.min(n) });
            }
            phase
        })
        .collect();
    let defs: Vec<Value> = modules
        .iter()
        .map(|m| json!({ "id": m.id, "title": m.title, "topics": m.topics }))
        .collect();
    let ids: Vec<&str> = modules.iter().map(|m| m.id.as_str()).collect();
    let project_count = (modules.len() / 10).max(1);
    let mut project_items: Vec<Value> = Vec::with_capacity(project_count);
    for k in 0..project_count {
        let built_on: BTreeSet<&str> = (0..1 + rng.below(3)).map(|_| *rng.pick(&ids)).collect();
        project_items.push(json!({
            "id": format!("project-{k:05}"),
            "title": format!("Project {k}: {}", words(rng, 3)),
            "modules": built_on,
        }));
    }
    let projects: Vec<Value> = project_items
        .chunks(20)
        .enumerate()
        .map(|(g, items)| {
            json!({ "id": format!("projects-{g:03}"), "title": format!("Projects {}", g + 1), "items": items })
        })
        .collect();
    let skill_items: Vec<Value> = (0..(modules.len() / 20).max(1))
        .map(|_| {
            let taught_by: BTreeSet<&str> =
                (0..1 + rng.below(2)).map(|_| *rng.pick(&ids)).collect();
            json!({ "title": words(rng, 2), "modules": taught_by })
        })
        .collect();
    let skills: Vec<Value> = skill_items
        .chunks(10)
        .enumerate()
        .map(|(g, items)| {
            json!({ "id": format!("skills-{g:03}"), "title": format!("Skills {}", g + 1), "items": items })
        })
        .collect();
    let path = json!({
        "id": PATH_ID,
        "title": format!("Generated path of {} modules", modules.len()),
        "overview": "A large generated path for measuring aipath: many curricula merged into one.",
        "prerequisites": ["Patience"],
        "phases": phases,
        "modules": defs,
        "skills": skills,
        "projects": projects,
        "resources": [{ "id": "tools", "title": "Tools", "items": ["An editor", "A notebook"] }],
        "tips": [{ "id": "habits", "title": "Habits", "items": ["Study a little every day"] }],
    });
    let text = aipath::yaml::to_string(&path).map_err(io::Error::other)?;
    Ok((text, project_count))
}

fn guide(module: &Module) -> io::Result<String> {
    let front = FrontMatter {
        id: Some(module.id.clone()),
        title: Some(module.title.clone()),
        summary: None,
        hours: Some(module.hours),
        prerequisites: module.prerequisites.clone(),
        skills: Vec::new(),
        reviewed: None,
    };
    let yaml = aipath::yaml::to_string(&front).map_err(io::Error::other)?;
    let mut text = format!(
        "---\n{yaml}---\n\n# {}\n\n## Overview\n\nWhat this module covers, and why it matters in production. \
         Read the topics, build the exercises, tick the checklist.\n\n## Topics\n\n",
        module.title
    );
    for topic in &module.topics {
        text.push_str(&format!(
            "### {topic}\n\nThe idea, a worked example, and a pitfall to avoid.\n\n"
        ));
    }
    text.push_str("## Checklist\n\n");
    for item in &module.checklist {
        text.push_str(&format!("- [ ] {item}\n"));
    }
    text.push_str("\n## Resources\n\n- [The reference](https://example.org/reference)\n");
    Ok(text)
}

/// The learner: the first ordinary phases done (a tenth skipped), a few modules in progress with ticked items, one
/// module whose checklist is all ticked, specializations chosen, some projects done, a saved plan, and the log.
#[allow(
    clippy::too_many_lines,
    reason = "a fixture generator's one recipe, read top to bottom"
)]
fn progress(
    rng: &mut Rng,
    spec: &Spec,
    layout: &Layout,
    modules: &[Module],
    projects: usize,
) -> PathProgress {
    let mut p = PathProgress::default();
    let span = i64::try_from((spec.log / 8).max(1)).unwrap_or(1);
    let first_day = LAST_LOG_DAY
        .checked_sub(span.days())
        .unwrap_or(LAST_LOG_DAY);
    p.started = Some(first_day);
    let ordinary = layout.phases.len() - 1;
    let finished_phases = ordinary * 2 / 5;
    let mut day = first_day;
    for members in &layout.phases[..finished_phases] {
        for &i in members {
            let status = if rng.chance(10) {
                Status::Skipped
            } else {
                Status::Done
            };
            day = day.checked_add(1.days()).unwrap_or(day).min(LAST_LOG_DAY);
            p.modules.insert(
                modules[i].id.clone(),
                Entry {
                    status,
                    started: (status == Status::Done).then_some(day),
                    finished: Some(day),
                    checked: BTreeSet::new(),
                    links: Vec::new(),
                },
            );
        }
    }
    // In progress: most of the current phase's first group, and a few later modules taken up early.
    let later: Vec<usize> = layout.phases[finished_phases..ordinary]
        .iter()
        .flatten()
        .copied()
        .collect();
    let in_progress: BTreeSet<usize> = (0..(modules.len() / 50).max(1))
        .map(|_| *rng.pick(&later))
        .collect();
    for &i in &in_progress {
        let m = &modules[i];
        let ticked = rng.below(m.checklist.len());
        p.modules.insert(
            m.id.clone(),
            Entry {
                status: Status::InProgress,
                started: Some(LAST_LOG_DAY),
                finished: None,
                checked: m.checklist[..ticked].iter().cloned().collect(),
                links: Vec::new(),
            },
        );
    }
    // A module of the current phase with every item ticked but not yet marked done: `next` says to finish it.
    if let Some(&i) = layout.phases[finished_phases]
        .iter()
        .find(|i| !in_progress.contains(i))
    {
        p.modules.insert(
            modules[i].id.clone(),
            Entry {
                status: Status::Todo,
                started: None,
                finished: None,
                checked: modules[i].checklist.iter().cloned().collect(),
                links: Vec::new(),
            },
        );
    }
    let choice = &layout.phases[ordinary];
    p.chosen = choice
        .iter()
        .take(2)
        .map(|&i| modules[i].id.clone())
        .collect();
    for k in (0..projects).filter(|_| rng.chance(5)) {
        p.projects.insert(
            format!("project-{k:05}"),
            Entry {
                status: Status::Done,
                started: Some(LAST_LOG_DAY),
                finished: Some(LAST_LOG_DAY),
                checked: BTreeSet::new(),
                links: Vec::new(),
            },
        );
    }
    p.plan = Some(PlanPrefs {
        pace: Pace::Steady,
        start: first_day,
    });
    // About eight sessions a day, in date order as `aipath log` keeps them: at most 8 x 2.75 h on a day.
    let studied: Vec<&str> = p
        .modules
        .iter()
        .filter(|(_, e)| e.status != Status::Todo)
        .map(|(id, _)| id.as_str())
        .collect();
    p.log = (0..spec.log)
        .map(|k| {
            let offset = (k as i64) * span / (spec.log as i64).max(1);
            LogEntry {
                // Fixed, so the fixture is the same file at every run; shaped as the UUID v7 a real `log` gives.
                id: format!("00000000-0000-7000-8000-{k:012x}"),
                number: u32::try_from(k + 1).unwrap_or(u32::MAX),
                date: first_day.checked_add(offset.days()).unwrap_or(first_day),
                hours: 0.25 * (1 + rng.below(11)) as f64,
                module: (rng.chance(70) && !studied.is_empty())
                    .then(|| rng.pick(&studied).to_string()),
                note: rng.chance(20).then(|| words(rng, 4)),
            }
        })
        .collect();
    p
}

/// Writes the state and, beside it, its history (none when `events` is empty), the state naming the last event.
fn write_state(file: &Path, state: &mut State, events: &[Event]) -> anyhow::Result<()> {
    state.last_event = events.last().map(|e| e.id.clone());
    let history = aipath::io::history::file_of(file);
    if events.is_empty() {
        match fs::remove_file(&history) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    } else {
        let mut text = Vec::new();
        for e in events {
            serde_json::to_writer(&mut text, e)?;
            text.push(b'\n');
        }
        fs::write(&history, text)?;
    }
    fs::write(file, aipath::io::store::encode(state)?)?;
    Ok(())
}

/// A deterministic UUID version 7: the day's milliseconds and the seed's bytes.
fn event_id(rng: &mut Rng, day: Date, k: usize) -> String {
    let millis = day
        .to_datetime(jiff::civil::time(20, 0, 0, 0))
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map_or(0, |z| z.timestamp().as_millisecond())
        .saturating_add(i64::try_from(k).unwrap_or(0));
    let mut random = [0u8; 10];
    for b in &mut random {
        *b = (rng.next_u64() & 0xff) as u8;
    }
    uuid::Builder::from_unix_timestamp_millis(u64::try_from(millis).unwrap_or(0), &random)
        .into_uuid()
        .to_string()
}

/// `count` events that lead to `progress`: each session logged (as `aipath log` records it), then status changes
/// undone and redone in pairs, which leave the progress as it is.
fn history(rng: &mut Rng, count: usize, path: &str, progress: &PathProgress) -> Vec<Event> {
    let stamp = |day: Date, command: String| Stamp {
        at: format!("{day}T20:00:00+00:00"),
        command,
    };
    let mut events: Vec<Event> = Vec::with_capacity(count);
    // The pairs below come two by two: an odd rest starts the history with an upgrade from format 2, as a learner's
    // does whose file was older than the history.
    if count.saturating_sub(progress.log.len()) % 2 == 1 {
        let first = progress.log.first().map_or(LAST_LOG_DAY, |e| e.date);
        let id = event_id(rng, first, 0);
        events.push(Event::migrate(id, &stamp(first, "aipath log 1".into()), 2));
    }
    for (k, entry) in progress.log.iter().take(count - events.len()).enumerate() {
        let id = event_id(rng, entry.date, k);
        let command = format!("aipath log {}", entry.hours);
        events.push(Event::change(
            id,
            &stamp(entry.date, command),
            Kind::Change,
            None,
            vec![Patch::Log {
                path: path.to_string(),
                number: entry.number,
                before: None,
                after: Some(entry.clone()),
            }],
        ));
    }
    let modules: Vec<(&String, &Entry)> = progress.modules.iter().collect();
    let mut k = events.len();
    while events.len() < count && !modules.is_empty() {
        let (id, entry) = modules[rng.below(modules.len())];
        let day = LAST_LOG_DAY;
        let change = Patch::Module {
            path: path.to_string(),
            id: id.clone(),
            before: Some(entry.clone()),
            after: None,
        };
        let undo = change.inverse();
        let first = event_id(rng, day, k);
        events.push(Event::change(
            first.clone(),
            &stamp(day, format!("aipath undo {id}")),
            Kind::Change,
            None,
            vec![change],
        ));
        k += 1;
        if events.len() < count {
            events.push(Event::change(
                event_id(rng, day, k),
                &stamp(day, "aipath undo".to_string()),
                Kind::Undo,
                Some(first),
                vec![undo],
            ));
            k += 1;
        }
    }
    events
}

/// Writes `dir/state.yaml` for the built-in path (`--builtin`): its modules' progress, the log and the history.
pub fn write_builtin(spec: &Spec, dir: &Path) -> anyhow::Result<Summary> {
    let mut rng = Rng::new(spec.seed);
    let course = aipath::io::loader::load(None)?;
    let ids: Vec<String> = course.path.module_ids().map(str::to_string).collect();
    let mut p = PathProgress::default();
    let span = i64::try_from((spec.log / 8).max(1)).unwrap_or(1);
    let first_day = LAST_LOG_DAY
        .checked_sub(span.days())
        .unwrap_or(LAST_LOG_DAY);
    p.started = Some(first_day);
    for (i, id) in ids.iter().enumerate().take(3) {
        let status = if i < 2 {
            Status::Done
        } else {
            Status::InProgress
        };
        p.modules.insert(
            id.clone(),
            Entry {
                status,
                started: Some(first_day),
                finished: (status == Status::Done).then_some(LAST_LOG_DAY),
                checked: BTreeSet::new(),
                links: Vec::new(),
            },
        );
    }
    p.log = (0..spec.log)
        .map(|k| {
            let offset = (k as i64) * span / (spec.log as i64).max(1);
            LogEntry {
                // Fixed, so the fixture is the same file at every run; shaped as the UUID v7 a real `log` gives.
                id: format!("00000000-0000-7000-8000-{k:012x}"),
                number: u32::try_from(k + 1).unwrap_or(u32::MAX),
                date: first_day.checked_add(offset.days()).unwrap_or(first_day),
                hours: 0.25 * (1 + rng.below(8)) as f64,
                module: rng.chance(70).then(|| rng.pick(&ids[..3]).clone()),
                note: rng.chance(20).then(|| words(&mut rng, 4)),
            }
        })
        .collect();
    fs::create_dir_all(dir)?;
    let state_file = dir.join("state.yaml");
    let path_id = course.id().to_string();
    let events = history(&mut rng, spec.history, &path_id, &p);
    let summary = Summary {
        path_file: PathBuf::from(&path_id),
        state_file: state_file.clone(),
        phases: course.path.phases.len(),
        projects: 0,
        with_status: p.modules.len(),
        in_progress: 1,
        log: p.log.len(),
        history: events.len(),
    };
    let mut state = State {
        last_log_number: u32::try_from(p.log.len()).unwrap_or(u32::MAX),
        ..State::default()
    };
    state.paths.insert(path_id, p);
    write_state(&state_file, &mut state, &events)?;
    aipath::io::store::decode(&state_file, &fs::read(&state_file)?)?;
    Ok(summary)
}

/// Writes `dir/paths/big.yaml`, `dir/modules/<id>/README.md` and `dir/state.yaml`.
pub fn write(spec: &Spec, dir: &Path) -> anyhow::Result<Summary> {
    anyhow::ensure!(spec.modules >= 10, "a fixture needs at least 10 modules");
    let mut rng = Rng::new(spec.seed);
    let layout = Layout::new(spec.modules);
    let modules = modules(&mut rng, layout.modules());
    let (yaml, projects) = path_yaml(&mut rng, &layout, &modules)?;
    let paths = dir.join("paths");
    fs::create_dir_all(&paths)?;
    let path_file = paths.join("big.yaml");
    fs::write(&path_file, yaml)?;
    for m in &modules {
        let folder = dir.join("modules").join(&m.id);
        fs::create_dir_all(&folder)?;
        fs::write(folder.join("README.md"), guide(m)?)?;
    }
    let progress = progress(&mut rng, spec, &layout, &modules, projects);
    let summary = Summary {
        path_file: path_file.clone(),
        state_file: dir.join("state.yaml"),
        phases: layout.phases.len(),
        projects,
        with_status: progress.modules.len(),
        in_progress: progress
            .modules
            .values()
            .filter(|e| e.status == Status::InProgress)
            .count(),
        log: progress.log.len(),
        history: spec.history,
    };
    let log_count = progress.log.len();
    let mut state = State {
        last_log_number: u32::try_from(log_count).unwrap_or(u32::MAX),
        ..State::default()
    };
    let events = history(&mut rng, spec.history, PATH_ID, &progress);
    state.paths.insert(PATH_ID.to_string(), progress);
    if spec.active {
        let absolute = fs::canonicalize(&path_file)?;
        state.active = Some(absolute.display().to_string());
    }
    write_state(&summary.state_file, &mut state, &events)?;
    // What aipath cannot load is no fixture: check it the way every command would, from the files themselves.
    let course = aipath::io::loader::load(Some(&path_file.display().to_string()))?;
    anyhow::ensure!(
        course.id() == PATH_ID,
        "the generated path has the wrong id"
    );
    aipath::io::store::decode(&summary.state_file, &fs::read(&summary.state_file)?)?;
    Ok(summary)
}
