//! `kill -9` at any moment of a change: the state and its history never disagree. The history holds every event up
//! to the state's `last_event`, replaying those events from nothing gives the state's progress exactly, readers
//! ignore what a killed change left past it, and the next change trims that.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use aipath::history::Event;
use aipath::history::patch::apply_all;
use aipath::io::store::decode;
use aipath::progress::State;

use crate::support::Env;

fn read_state(file: &Path) -> State {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{e}"));
    decode(file, &bytes)
        .unwrap_or_else(|e| panic!("{e:#}\n{}", String::from_utf8_lossy(&bytes)))
        .state
}

/// Checks the state against its history; returns how many lines lie past the state's last event.
fn check(env: &Env, round: usize) -> usize {
    let state = read_state(&env.state);
    let text = std::fs::read_to_string(env.history_file()).expect("read the file");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let last = state
        .last_event
        .clone()
        .unwrap_or_else(|| panic!("round {round}: the state names no last event"));
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{{\"id\":\"{last}\"")))
        .unwrap_or_else(|| {
            panic!("round {round}: the history lacks the state's last event {last}\n{text}")
        });
    let mut replayed = State::default();
    for line in &lines[..=at] {
        let event: Event =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("round {round}: {e}: {line}"));
        apply_all(&mut replayed, &event.changes)
            .unwrap_or_else(|c| panic!("round {round}: {c:?} replaying {line}"));
    }
    assert_eq!(
        (&replayed.active, &replayed.paths, &replayed.archives),
        (&state.active, &state.paths, &state.archives),
        "round {round}: the history replayed is not the state"
    );
    // A killed change leaves at most its own events (an upgrade and its change) past the state's last.
    let past = lines.len() - at - 1;
    assert!(
        past <= 2,
        "round {round}: {past} lines past the last event\n{text}"
    );
    past
}

/// A tiny xorshift: the same delays on every run.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn killed_at_any_moment_the_state_and_its_history_never_disagree() {
    let env = Env::new();
    env.ok(&["log", "1", "--date", "2026-01-01"]);
    let changes: [&[&str]; 7] = [
        &["log", "0.01"],
        &["start", "math-foundations"],
        &["undo"],
        &["check", "math-foundations", "1"],
        &["done", "mlops-basics", "math-foundations"],
        &["redo"],
        &["uncheck", "math-foundations", "1"],
    ];
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let (mut killed_between, mut rounds) = (0, 0);
    for round in 0..80 {
        let args = changes[round % changes.len()];
        let mut child = env
            .base_command(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        std::thread::sleep(Duration::from_micros(next(&mut seed) % 30_000));
        // SIGKILL: no destructor, no flush, no lock release but the kernel's.
        let _ = child.kill();
        let _ = child.wait();
        killed_between += usize::from(check(&env, round) > 0);
        // Readers see the state whole, and never count what lies past it.
        let list = env.json(&["list"]);
        assert!(list.as_array().is_some_and(|a| !a.is_empty()), "{list}");
        env.ok(&["history", "--all"]);
        rounds += 1;
    }
    // The next change trims whatever a killed one left, and the two agree again.
    env.ok(&["log", "0.02"]);
    assert_eq!(check(&env, rounds), 0);
    assert!(
        !env.state
            .with_file_name("state.history.jsonl.orphan")
            .exists(),
        "a killed change's leftovers are trimmed, not kept aside"
    );
    eprintln!("{killed_between} of {rounds} kills landed between the history and the state");
}

#[test]
fn events_left_past_the_state_by_a_crash_are_ignored_then_trimmed() {
    let env = Env::new();
    env.ok(&["start", "math-foundations"]);
    let state = env.state_bytes();
    // What a crash between the two writes leaves: the history has the event, the state does not name it.
    env.ok(&["done", "math-foundations"]);
    let history = std::fs::read_to_string(env.history_file()).expect("read the file");
    std::fs::write(&env.state, state.unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(history.lines().count(), 2);
    let story = env.ok(&["history"]);
    assert_eq!(story.lines().count(), 1, "{story}");
    assert!(
        story.ends_with("  started math-foundations (was todo)\n"),
        "{story}"
    );
    // `undo` reverses what the state holds, not the event it never took.
    let err = env.fails(&["redo"], 2);
    assert!(err.contains("nothing to redo"), "{err}");
    env.ok(&["skip", "mlops-basics"]);
    let lines: Vec<String> = std::fs::read_to_string(env.history_file())
        .expect("read the file")
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0], history.lines().next().unwrap_or_default());
    assert!(
        lines[1].contains("\"command\":\"aipath skip mlops-basics\""),
        "{}",
        lines[1]
    );
    assert_eq!(check(&env, 0), 0);
    assert_eq!(env.files().len(), 3, "{:?}", env.files());
}
