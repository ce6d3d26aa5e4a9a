//! The state file's care: migration from older versions with a backup kept first.

use std::fs;

use crate::support::{Env, status_of};

/// A version 1 file with every kind of field a version 1 aipath wrote, in the order it wrote them.
const V1: &str =
    "# aipath progress. Format: see `aipath --help` and the README, \"The state file\".
version: 1
active: software-developer-to-ai-engineer
paths:
  software-developer-to-ai-engineer:
    started: 2025-11-02
    chosen:
    - llm-applications
    modules:
      math-foundations:
        status: done
        started: 2025-11-02
        finished: 2025-12-01
        checked:
        - 'Shapes: I can predict'
    projects:
      scalable-ml-api-service:
        status: in-progress
        started: 2025-12-03
";

fn file_text(env: &Env, name: &str) -> Option<String> {
    fs::read_to_string(env.state.with_file_name(name)).ok()
}

#[test]
fn read_only_commands_read_a_version_1_file_and_never_write_it() {
    let env = Env::new();
    env.write_state(V1);
    assert_eq!(status_of(&env, "math-foundations"), "done");
    let status = env.json(&["status"]);
    assert_eq!(status["started"], "2025-11-02");
    assert_eq!(status["chosen"][0], "llm-applications");
    env.ok(&["next"]);
    assert_eq!(env.state_bytes(), Some(V1.as_bytes().to_vec()));
    assert_eq!(env.files(), ["data/state.yaml"]);
}

#[test]
fn the_first_change_to_a_version_1_file_keeps_the_original_beside_it() {
    let env = Env::new();
    env.write_state(V1);
    let out = env
        .cmd(&["done", "machine-learning-basics"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        format!(
            "aipath: note: upgraded `{}` from format version 1 to 2; the original is kept as `{}.bak-v1`\n",
            env.state.display(),
            env.state.display()
        )
    );
    assert_eq!(file_text(&env, "state.yaml.bak-v1").as_deref(), Some(V1));
    // Every field is kept; only the version and the new change differ.
    let expected = V1.replace("version: 1", "version: 2").replace(
        "    modules:\n",
        "    modules:\n      machine-learning-basics:\n        status: done\n        started: 2026-01-05\n        \
         finished: 2026-01-05\n",
    );
    assert_eq!(file_text(&env, "state.yaml"), Some(expected));
    assert_eq!(
        env.files(),
        [
            "data/state.yaml",
            "data/state.yaml.bak-v1",
            "data/state.yaml.lock"
        ]
    );
    // Once upgraded, there is nothing more to keep.
    env.ok(&["done", "deep-learning-foundations"]);
    assert_eq!(env.files().len(), 3);
}

#[test]
fn an_earlier_backup_is_never_overwritten() {
    let env = Env::new();
    env.write_state(V1);
    let earlier = env.state.with_file_name("state.yaml.bak-v1");
    fs::write(&earlier, "an earlier backup\n").unwrap_or_else(|e| panic!("{e}"));
    env.ok(&["done", "machine-learning-basics"]);
    assert_eq!(
        file_text(&env, "state.yaml.bak-v1").as_deref(),
        Some("an earlier backup\n")
    );
    assert_eq!(file_text(&env, "state.yaml.bak-v1.2").as_deref(), Some(V1));
    // A third old file (synced from a laptop with an older aipath, say) takes the next number.
    env.write_state(V1);
    env.ok(&["done", "machine-learning-basics"]);
    assert_eq!(file_text(&env, "state.yaml.bak-v1.3").as_deref(), Some(V1));
    assert_eq!(
        file_text(&env, "state.yaml.bak-v1.2").as_deref(),
        Some(V1),
        "the second backup is kept too"
    );
}

#[test]
fn a_command_that_changes_nothing_leaves_a_version_1_file_as_it_is() {
    let env = Env::new();
    env.write_state(V1);
    let out = env.ok(&["done", "math-foundations"]);
    assert!(
        out.starts_with("`math-foundations`: already done\n"),
        "{out}"
    );
    env.ok(&["choose", "llm-applications"]);
    assert_eq!(env.state_bytes(), Some(V1.as_bytes().to_vec()));
    assert!(file_text(&env, "state.yaml.bak-v1").is_none());
}

#[test]
fn a_refused_change_to_a_version_1_file_leaves_it_and_makes_no_backup() {
    let env = Env::new();
    env.write_state(V1);
    env.fails(&["done", "no-such-module"], 2);
    env.fails(&["choose", "llm-applications", "computer-vision", "nlp"], 2);
    assert_eq!(env.state_bytes(), Some(V1.as_bytes().to_vec()));
    assert_eq!(env.files(), ["data/state.yaml"]);
}
