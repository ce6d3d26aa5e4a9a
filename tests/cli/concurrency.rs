//! Many `aipath` processes at once on one state file: no change is lost, and no reader sees a half-written file.

use std::path::Path;
use std::process::{Child, Stdio};

use aipath::io::store::decode;
use aipath::progress::{State, Status};

use crate::support::Env;

/// Nine ids of the built-in path: eight modules (two of the three specializations, the most one may choose) and a
/// project. One writer process each.
const MODULES: [&str; 9] = [
    "machine-learning-basics",
    "math-foundations",
    "deep-learning-foundations",
    "mlops-basics",
    "model-deployment",
    "model-training-tuning",
    "llm-applications",
    "computer-vision",
    "model-monitoring-dashboard",
];

const PATH_ID: &str = "software-developer-to-ai-engineer";

/// Starts the binary without waiting, with the same environment as `Env::cmd`.
fn spawn(env: &Env, args: &[&str]) -> Child {
    env.base_command(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"))
}

fn wait_all(children: Vec<Child>) {
    for child in children {
        let out = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("wait: {e}"));
        assert!(
            out.status.success(),
            "a writer failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn read_state(file: &Path) -> State {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{e}"));
    decode(file, &bytes)
        .unwrap_or_else(|e| {
            panic!(
                "{e:#}\n--- the file as read:\n{}",
                String::from_utf8_lossy(&bytes)
            )
        })
        .state
}

fn statuses(state: &State) -> Vec<Status> {
    let progress = state.paths.get(PATH_ID).cloned().unwrap_or_default();
    MODULES
        .iter()
        .map(|m| match progress.status(m) {
            Status::Todo => progress.project_status(m),
            status => status,
        })
        .collect()
}

#[test]
fn nine_writers_at_once_all_land_round_after_round() {
    for round in 0..20 {
        let env = Env::new();
        let writers: Vec<Child> = MODULES.iter().map(|m| spawn(&env, &["done", m])).collect();
        wait_all(writers);
        assert_eq!(
            statuses(&read_state(&env.state)),
            [Status::Done; 9],
            "round {round}: a change was lost"
        );
        assert_eq!(
            env.files(),
            [
                "data/state.history.jsonl",
                "data/state.yaml",
                "data/state.yaml.lock"
            ],
            "round {round}: a stray file was left"
        );
        // One event per writer, each after the one before: the history names every change once.
        let history = std::fs::read_to_string(env.history_file()).expect("read the file");
        let mut named: Vec<&str> = history
            .lines()
            .filter_map(|l| l.split("\"command\":\"aipath done ").nth(1))
            .filter_map(|rest| rest.split('"').next())
            .collect();
        named.sort_unstable();
        let mut expected = MODULES.to_vec();
        expected.sort_unstable();
        assert_eq!(named, expected, "round {round}");
    }
}

#[test]
fn a_reader_never_sees_a_half_written_file() {
    let env = Env::new();
    // Something to read before the writers start; a session, which no writer changes.
    env.ok(&["log", "1"]);
    let (mut raw_reads, mut command_reads) = (0usize, 0usize);
    for round in 0..8 {
        // Rounds alternate so that every writer really rewrites the file.
        let change = if round % 2 == 0 { "done" } else { "undo" };
        let mut writers: Vec<Child> = MODULES.iter().map(|m| spawn(&env, &[change, m])).collect();
        while writers.iter_mut().any(|w| matches!(w.try_wait(), Ok(None))) {
            read_state(&env.state);
            raw_reads += 1;
            if raw_reads % 50 == 0 {
                let list = env.json(&["list"]);
                assert_eq!(list.as_array().map(Vec::len), Some(9), "{list}");
                command_reads += 1;
            }
        }
        wait_all(writers);
        let expected = if change == "done" {
            Status::Done
        } else {
            Status::Todo
        };
        assert_eq!(statuses(&read_state(&env.state)), [expected; 9]);
    }
    // The reads overlapped the writes: the test saw the file while it was changing.
    assert!(raw_reads >= 100, "only {raw_reads} reads");
    assert!(command_reads >= 1, "no command read the state");
    assert_eq!(
        env.files(),
        [
            "data/state.history.jsonl",
            "data/state.yaml",
            "data/state.yaml.lock"
        ]
    );
}
