//! A model of sync: two or three machines (each its own home and state, the real binary, real git, a bare repository
//! on local disk) do random logs, edits, deletes, undos, choices and syncs, some syncs stopped dead at a boundary
//! between two of their writes (`AIPATH_SYNC_FAULT`, as a `kill -9` or a closed laptop would stop them). After
//! every step every machine's state reads and numbers each session once; at the end, after every machine has
//! synced twice without a fault, all hold the same state, and exactly the sessions the model says were logged and
//! not deleted: nothing doubled, nothing lost.
//!
//! A session is known by its note, which the model makes unique, except for [`Op::LogSame`]: the same study logged on
//! two machines, same day, hours and note, which are two real sessions and must both be kept. Those are never
//! edited or deleted, so that a note always says which session is meant. An edit or a delete is on a session the
//! machine holds; the later change of a session wins, as sync promises.
//!
//! `AIPATH_MODEL_CASES=64 cargo test --test cli sync_model` searches longer.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use tempfile::TempDir;

use crate::support::Env;
use crate::sync::FAULTS;

const MODULES: &[&str] = &[
    "math-foundations",
    "machine-learning-basics",
    "deep-learning-foundations",
];

#[derive(Debug, Clone)]
enum Op {
    /// A session on one machine, on a module or none.
    Log {
        m: usize,
        quarter_hours: u8,
        module: Option<usize>,
    },
    /// The same study logged on two machines.
    LogSame {
        a: usize,
        b: usize,
    },
    /// New hours for a session the machine holds.
    Edit {
        m: usize,
        pick: usize,
        quarter_hours: u8,
    },
    Delete {
        m: usize,
        pick: usize,
    },
    /// A session logged and taken back at once.
    LogUndo {
        m: usize,
    },
    Done {
        m: usize,
        module: usize,
    },
    Choose {
        m: usize,
        which: bool,
    },
    Sync {
        m: usize,
        fault: Option<usize>,
    },
}

fn op(machines: usize) -> impl Strategy<Value = Op> {
    let m = 0..machines;
    prop_oneof![
        4 => (m.clone(), 1u8..8, proptest::option::of(0..MODULES.len()))
            .prop_map(|(m, quarter_hours, module)| Op::Log { m, quarter_hours, module }),
        1 => (m.clone(), m.clone()).prop_filter("two machines", |(a, b)| a != b)
            .prop_map(|(a, b)| Op::LogSame { a, b }),
        2 => (m.clone(), 0usize..8, 1u8..8)
            .prop_map(|(m, pick, quarter_hours)| Op::Edit { m, pick, quarter_hours }),
        1 => (m.clone(), 0usize..8).prop_map(|(m, pick)| Op::Delete { m, pick }),
        1 => m.clone().prop_map(|m| Op::LogUndo { m }),
        1 => (m.clone(), 0..MODULES.len()).prop_map(|(m, module)| Op::Done { m, module }),
        1 => (m.clone(), any::<bool>()).prop_map(|(m, which)| Op::Choose { m, which }),
        5 => (m, proptest::option::weighted(0.5, 0..FAULTS.len()))
            .prop_map(|(m, fault)| Op::Sync { m, fault }),
    ]
}

/// What the machines should hold at the end: each note's sessions' hours (in quarters), and the order in which
/// the last change to each was made.
#[derive(Default)]
struct Model {
    sessions: BTreeMap<String, Vec<u8>>,
    next: usize,
}

impl Model {
    fn note(&mut self) -> (String, String) {
        self.next += 1;
        let note = format!("s{}", self.next);
        // Two a day, in the order logged: no day comes near 24 hours, and none is before a journey's start.
        let day = 1 + self.next / 2;
        let date = format!("2025-12-{day:02}");
        (note, date)
    }

    fn expected(&self) -> Vec<(String, u8)> {
        let mut out: Vec<(String, u8)> = self
            .sessions
            .iter()
            .flat_map(|(n, hs)| hs.iter().map(move |h| (n.clone(), *h)))
            .collect();
        out.sort();
        out
    }
}

/// A machine's sessions as `log --json` lists them: number, note, hours in quarters. Fails the case when the state
/// does not read or numbers a session twice.
fn sessions(env: &Env) -> Result<Vec<(u64, String, u8)>, TestCaseError> {
    let out = env
        .cmd(&["log", "--json"])
        .output()
        .map_err(|e| TestCaseError::fail(format!("run: {e}")))?;
    prop_assert!(
        out.status.success(),
        "the state no longer reads: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| TestCaseError::fail(format!("log --json: {e}")))?;
    let mut rows = Vec::new();
    for s in log.as_array().into_iter().flatten() {
        let hours = s["hours"].as_f64().unwrap_or(0.0);
        rows.push((
            s["number"].as_u64().unwrap_or(0),
            s["note"].as_str().unwrap_or("").to_string(),
            (hours * 4.0).round() as u8,
        ));
    }
    let mut numbers: Vec<u64> = rows.iter().map(|r| r.0).collect();
    numbers.sort_unstable();
    let before = numbers.len();
    numbers.dedup();
    prop_assert_eq!(before, numbers.len(), "a number names two sessions");
    Ok(rows)
}

fn hours(quarters: u8) -> String {
    format!("{}", f64::from(quarters) / 4.0)
}

fn run(env: &Env, args: &[&str]) -> Result<(), TestCaseError> {
    let out = env
        .cmd(args)
        .output()
        .map_err(|e| TestCaseError::fail(format!("run: {e}")))?;
    prop_assert!(
        out.status.success(),
        "aipath {:?} failed: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

fn git_init_bare(dir: &Path) {
    let out = std::process::Command::new("git")
        .args(["init", "--quiet", "--bare", "--initial-branch", "main"])
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("git: {e}"));
    assert!(out.status.success());
}

/// One step on the machines, mirrored in the model.
fn step(envs: &[Env], model: &mut Model, op: &Op) -> Result<(), TestCaseError> {
    match *op {
        Op::Log {
            m,
            quarter_hours,
            module,
        } => {
            let (note, date) = model.note();
            let h = hours(quarter_hours);
            let mut args = vec!["log", &h, "--note", &note, "--date", &date];
            if let Some(i) = module {
                args.extend(["--module", MODULES[i]]);
            }
            run(&envs[m], &args)?;
            model.sessions.insert(note, vec![quarter_hours]);
        }
        Op::LogSame { a, b } => {
            let (note, date) = model.note();
            for m in [a, b] {
                run(&envs[m], &["log", "1", "--note", &note, "--date", &date])?;
            }
            // Marked so that edits and deletes leave it alone.
            model.sessions.insert(note, vec![4, 4]);
        }
        Op::Edit {
            m,
            pick,
            quarter_hours,
        } => {
            if let Some((number, note)) = editable(&envs[m], model, pick)?
                && model.sessions.get(&note) != Some(&vec![quarter_hours])
            {
                let h = hours(quarter_hours);
                run(&envs[m], &["log", "--edit", &number, "--hours", &h])?;
                model.sessions.insert(note, vec![quarter_hours]);
            }
        }
        Op::Delete { m, pick } => {
            if let Some((number, note)) = editable(&envs[m], model, pick)? {
                run(&envs[m], &["log", "--delete", &number])?;
                model.sessions.remove(&note);
            }
        }
        Op::LogUndo { m } => {
            let (note, date) = model.note();
            run(&envs[m], &["log", "1", "--note", &note, "--date", &date])?;
            run(&envs[m], &["undo"])?;
        }
        Op::Done { m, module } => run(&envs[m], &["done", MODULES[module]])?,
        Op::Choose { m, which } => {
            let id = if which {
                "llm-applications"
            } else {
                "computer-vision"
            };
            // Refused when two are chosen already: either outcome is the path's rule, not sync's; a failure is not.
            let out = envs[m]
                .cmd(&["choose", id])
                .output()
                .map_err(|e| TestCaseError::fail(format!("run: {e}")))?;
            prop_assert!(
                matches!(out.status.code(), Some(0 | 2)),
                "choose failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Op::Sync { m, fault } => {
            let mut cmd = envs[m].cmd(&["sync"]);
            if let Some(f) = fault {
                cmd.env("AIPATH_SYNC_FAULT", FAULTS[f]);
            }
            let out = cmd
                .output()
                .map_err(|e| TestCaseError::fail(format!("run: {e}")))?;
            // Stopped at its fault, or done before it: anything else is a failure.
            prop_assert!(
                out.status.success() || (fault.is_some() && out.status.code().is_none()),
                "sync failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    Ok(())
}

/// A session of machine `env` that the model may edit or delete (one whose note names it alone), by its number.
fn editable(
    env: &Env,
    model: &Model,
    pick: usize,
) -> Result<Option<(String, String)>, TestCaseError> {
    let rows: Vec<(u64, String, u8)> = sessions(env)?
        .into_iter()
        .filter(|(_, note, _)| model.sessions.get(note).is_some_and(|h| h.len() == 1))
        .collect();
    if rows.is_empty() {
        return Ok(None);
    }
    let (number, note, _) = &rows[pick % rows.len()];
    Ok(Some((number.to_string(), note.clone())))
}

fn journey(machines: usize, ops: &[Op]) -> Result<(), TestCaseError> {
    let remote = TempDir::new().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let url = remote.path().join("progress.git");
    git_init_bare(&url);
    let url = url.display().to_string();
    let envs: Vec<Env> = (0..machines).map(|_| Env::new()).collect();
    for env in &envs {
        run(env, &["sync", "--init", &url])?;
    }
    let mut model = Model::default();
    for op in ops {
        step(&envs, &mut model, op)?;
        for env in &envs {
            sessions(env)?;
        }
    }
    for _ in 0..2 {
        for env in &envs {
            run(env, &["sync"])?;
        }
    }
    let want = model.expected();
    for (i, env) in envs.iter().enumerate() {
        let mut got: Vec<(String, u8)> = sessions(env)?
            .into_iter()
            .map(|(_, note, h)| (note, h))
            .collect();
        got.sort();
        prop_assert_eq!(&got, &want, "machine {} holds other sessions", i);
        prop_assert_eq!(
            env.state_text(),
            envs[0].state_text(),
            "machine {} and machine 0 differ",
            i
        );
    }
    Ok(())
}

#[test]
fn machines_syncing_in_any_order_with_interrupted_syncs_converge_on_exactly_the_sessions_logged() {
    let cases = std::env::var("AIPATH_MODEL_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(6);
    let mut runner = TestRunner::new(Config {
        cases,
        max_shrink_iters: 64,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (2usize..=3).prop_flat_map(|machines| {
        (
            Just(machines),
            proptest::collection::vec(op(machines), 8..20),
        )
    });
    if let Err(e) = runner.run(&strategy, |(machines, ops)| journey(machines, &ops)) {
        panic!("{e}");
    }
}
