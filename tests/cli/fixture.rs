//! The benchmark fixture generator (`examples/gen_fixture`): deterministic from its seed, and a path, guides and state
//! that the real binary reads as a learner's.

use std::path::Path;

use crate::support::{Env, walk};

// The generator's report (`Summary`'s counts) is read by the example only.
#[allow(dead_code)]
#[path = "../../examples/gen_fixture/fixture.rs"]
pub(crate) mod generator;

fn generate(dir: &Path, seed: u64) -> generator::Summary {
    generate_with(dir, seed, false)
}

fn generate_with(dir: &Path, seed: u64, active: bool) -> generator::Summary {
    let spec = generator::Spec {
        modules: 120,
        log: 400,
        seed,
        active,
        history: 0,
    };
    generator::write(&spec, dir).unwrap_or_else(|e| panic!("{e:#}"))
}

#[test]
fn the_same_seed_gives_the_same_fixture_byte_for_byte() {
    let env = Env::new();
    let (a, b, c) = (
        env.path().join("a"),
        env.path().join("b"),
        env.path().join("c"),
    );
    generate(&a, 7);
    generate(&b, 7);
    generate(&c, 8);
    let (a, b, c) = (walk(&a), walk(&b), walk(&c));
    assert_eq!(a.len(), 1 + 1 + 120, "a path, a state and 120 guides");
    assert!(a == b, "seed 7 gave two different fixtures");
    assert!(a != c, "seeds 7 and 8 gave the same fixture");
}

#[test]
fn the_binary_reads_the_fixture_as_a_learner_s_progress() {
    let env = Env::new();
    let s = generate(&env.path().join("fx"), 7);
    let (path, state) = (
        s.path_file.display().to_string(),
        s.state_file.display().to_string(),
    );
    let args = |command: &[&str]| -> Vec<String> {
        let mut all = vec![
            "--path".to_string(),
            path.clone(),
            "--state".into(),
            state.clone(),
        ];
        all.extend(command.iter().map(|c| c.to_string()));
        all
    };
    let run = |command: &[&str]| {
        let all = args(command);
        env.json(&all.iter().map(String::as_str).collect::<Vec<_>>())
    };

    // In progress first, then the module whose checklist is all ticked, then the current phase's todo modules.
    let next = run(&["next", "--limit", "100"]);
    let actions: Vec<&str> = next["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["action"].as_str())
        .collect();
    assert_eq!(actions.first(), Some(&"continue"), "{next}");
    assert!(actions.contains(&"finish"), "{next}");
    assert!(actions.contains(&"start"), "{next}");
    assert_eq!(next["path"], "generated");

    let status = run(&["status"]);
    assert!(
        status["overall"]["done"].as_u64().is_some_and(|d| d > 0),
        "{status}"
    );
    assert!(
        status["hours_total"].as_f64().is_some_and(|h| h > 0.0),
        "{status}"
    );
    assert_eq!(
        status["longest_streak_days"], 50,
        "400 sessions, eight a day"
    );

    let plan = run(&["plan"]);
    assert!(
        plan["weeks"].as_array().is_some_and(|w| !w.is_empty()),
        "{plan}"
    );
    let log = run(&["log"]);
    assert_eq!(log.as_array().map(Vec::len), Some(400), "{log}");
}

#[test]
fn an_active_fixture_needs_no_path_flag() {
    let env = Env::new();
    let s = generate_with(&env.path().join("fx"), 7, true);
    let state = s.state_file.display().to_string();
    let next = env.json(&["--state", &state, "next"]);
    assert_eq!(next["path"], "generated", "{next}");
}

#[test]
fn a_built_in_state_with_a_history_is_one_the_binary_reads_undoes_and_redoes() {
    let env = Env::new();
    let spec = generator::Spec {
        modules: 10,
        log: 300,
        seed: 7,
        active: false,
        history: 351,
    };
    let (a, b) = (env.path().join("a"), env.path().join("b"));
    let s = generator::write_builtin(&spec, &a).unwrap_or_else(|e| panic!("{e:#}"));
    generator::write_builtin(&spec, &b).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(walk(&a) == walk(&b), "seed 7 gave two different fixtures");
    assert_eq!((s.log, s.history), (300, 351));
    let state = s.state_file.display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--state", state.as_str()];
        all.extend_from_slice(args);
        env.ok(&all)
    };
    let events: serde_json::Value =
        serde_json::from_str(&run(&["history", "--all", "--json"])).expect("history --json");
    let events = events.as_array().cloned().unwrap_or_default();
    assert_eq!(events.len(), 351);
    assert_eq!(
        events[350]["kind"], "migrate",
        "an odd rest starts with an upgrade"
    );
    assert_eq!(events[0]["kind"], "undo");
    let sessions = |out: String| {
        serde_json::from_str::<serde_json::Value>(&out)
            .ok()
            .and_then(|v| v.as_array().map(Vec::len))
    };
    // The last change not undone is the last session logged; the one undone last is a module change.
    run(&["undo"]);
    assert_eq!(sessions(run(&["log", "--json"])), Some(299));
    run(&["redo"]);
    assert_eq!(sessions(run(&["log", "--json"])), Some(300));
    let redone = run(&["redo"]);
    assert!(redone.starts_with("Redid `aipath undo "), "{redone}");
}
