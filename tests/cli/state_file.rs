//! The state file's care: migration from older versions with a backup kept first.

use std::fs;

use crate::support::{Env, Refused, status_of};

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
            "aipath: note: upgraded `{}` from format version 1 to 5; the original is kept as `{}.bak-v1`\n",
            env.state.display(),
            env.state.display()
        )
    );
    assert_eq!(file_text(&env, "state.yaml.bak-v1").as_deref(), Some(V1));
    // Every field is kept; only the version and the new change differ.
    let expected = V1.replace("version: 1", "version: 5").replace(
        "    modules:\n",
        "    modules:\n      machine-learning-basics:\n        status: done\n        started: 2026-01-05\n        \
         finished: 2026-01-05\n",
    );
    let expected: serde_json::Value =
        aipath::yaml::from_str(&expected).unwrap_or_else(|e| panic!("{e}"));
    let mut written = env.state_json();
    written.as_object_mut().map(|o| o.remove("last_event"));
    assert_eq!(written, expected);
    assert_eq!(
        env.files(),
        [
            "data/state.history.jsonl",
            "data/state.yaml",
            "data/state.yaml.bak-v1",
            "data/state.yaml.lock"
        ]
    );
    // Once upgraded, there is nothing more to keep.
    env.ok(&["done", "deep-learning-foundations"]);
    assert_eq!(env.files().len(), 4);
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

/// Every command, the read-only ones and those that change the state.
const EVERY_COMMAND: [&[&str]; 9] = [
    &["next"],
    &["list"],
    &["status"],
    &["start", "math-foundations"],
    &["done", "math-foundations"],
    &["skip", "math-foundations"],
    &["undo", "math-foundations"],
    &["done", "scalable-ml-api-service"],
    &["choose", "llm-applications"],
];

const UNREADABLE_HINT: &str =
    "aipath has left the file untouched; fix it by hand, or move it aside to start afresh";

/// Writes `bytes` as the state file, runs every command, and checks each exits 1 with an error line that starts with
/// the file and `located` and contains `says`, and one hint line, `hint`; then that the file is exactly as written,
/// alone.
fn refused_by_every_command(bytes: &[u8], located: &str, says: &str, hint: &str) {
    let env = Env::new();
    if let Some(parent) = env.state.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    fs::write(&env.state, bytes).unwrap_or_else(|e| panic!("{e}"));
    for args in EVERY_COMMAND {
        let refused = env.refused(args, 1);
        let start = format!("{}{located}", env.state.display());
        assert!(refused.error.starts_with(&start), "{args:?}: {refused:?}");
        assert!(refused.error.contains(says), "{args:?}: {refused:?}");
        assert_eq!(refused.hints, [hint], "{args:?}");
    }
    assert_eq!(
        env.state_bytes().as_deref(),
        Some(bytes),
        "the file changed"
    );
    assert_eq!(env.files(), ["data/state.yaml"], "a file appeared");
}

#[test]
fn invalid_yaml_is_refused_with_its_line_and_column() {
    refused_by_every_command(
        b"version: 2\npaths: [\n",
        ":2:8: ",
        "unclosed bracket",
        UNREADABLE_HINT,
    );
}

#[test]
fn an_unknown_status_is_refused_with_its_line_and_column() {
    refused_by_every_command(
        b"version: 2\npaths:\n  software-developer-to-ai-engineer:\n    modules:\n      math-foundations:\n        \
          status: finished\n",
        ":6:17: ",
        "unknown variant `finished`, expected one of todo, in-progress, done, skipped",
        UNREADABLE_HINT,
    );
}

#[test]
fn a_value_of_the_wrong_type_is_refused_with_its_line_and_column() {
    refused_by_every_command(
        b"version: 2\npaths:\n  software-developer-to-ai-engineer:\n    chosen: 7\n",
        ":4:13: ",
        "expected sequence start",
        UNREADABLE_HINT,
    );
}

#[test]
fn a_misspelt_field_is_refused_rather_than_dropped() {
    refused_by_every_command(
        b"version: 2\npaths:\n  software-developer-to-ai-engineer:\n    chosne: [llm-applications]\n",
        ":4:5: ",
        "unknown field `chosne`",
        UNREADABLE_HINT,
    );
}

#[test]
fn an_impossible_date_is_refused_with_its_line_and_column() {
    refused_by_every_command(
        b"version: 2\npaths:\n  software-developer-to-ai-engineer:\n    started: 2026-13-01\n",
        ":4:14: ",
        "failed to parse",
        UNREADABLE_HINT,
    );
}

#[test]
fn an_empty_file_is_refused() {
    refused_by_every_command(b"", ": ", "the state file is empty", UNREADABLE_HINT);
    refused_by_every_command(b"\n  \n", ": ", "the state file is empty", UNREADABLE_HINT);
}

#[test]
fn a_file_without_a_version_is_refused() {
    refused_by_every_command(
        b"paths: {}\n",
        ": ",
        "the state file has no `version: <number>`",
        UNREADABLE_HINT,
    );
}

#[test]
fn a_file_from_a_newer_aipath_is_refused_and_says_to_upgrade() {
    refused_by_every_command(
        b"version: 6\npaths: {}\nsomething_new: true\n",
        ": ",
        "the state file was written by a newer aipath (format version 6; this one reads up to 5)",
        "aipath has left the file untouched; upgrade aipath to go on with it, or give another file with `--state`",
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_the_place_of_the_first_bad_byte() {
    refused_by_every_command(
        b"version: 2\npaths:\n  caf\xc3\xa9-\xff: {}\n",
        ":3:8: ",
        "the state file is not UTF-8 text",
        UNREADABLE_HINT,
    );
}

#[test]
fn an_active_path_that_cannot_be_loaded_names_the_state_file() {
    let env = Env::new();
    let text = "version: 2\nactive: moved/away.yaml\n";
    env.write_state(text);
    assert_eq!(
        env.refused(&["next"], 2),
        Refused::new(
            format!(
                "{}: the state's `active: moved/away.yaml` cannot be loaded: moved/away.yaml: no such path file",
                env.state.display()
            ),
            &[
                "`aipath use software-developer-to-ai-engineer` switches back to the built-in path, or give `--path`"
            ]
        )
    );
    // `--path` is a way out.
    env.ok(&[
        "--path",
        "software-developer-to-ai-engineer",
        "done",
        "math",
    ]);
    assert!(
        env.state_string()
            .contains("\"active\": \"moved/away.yaml\""),
        "the learner's setting is kept"
    );
}

/// Tests run as root here, where permission bits do not stop a write; a regular file where a folder should be stops
/// everyone, so these use that.
#[test]
fn a_state_folder_that_is_a_regular_file_exits_1_with_the_path_and_the_os_error() {
    let env = Env::new();
    let blocker = env.path().join("file.txt");
    fs::write(&blocker, "not a folder\n").unwrap_or_else(|e| panic!("{e}"));
    for state in [blocker.join("state.yaml"), blocker.join("sub/state.yaml")] {
        let state_arg = state.to_string_lossy().into_owned();
        for args in [
            &["--state", &state_arg, "next"][..],
            &["--state", &state_arg, "done", "math-foundations"],
        ] {
            let err = env.fails(args, 1);
            assert_eq!(
                err,
                format!(
                    "aipath: error: {}: cannot read the state file: Not a directory (os error 20)\n",
                    state.display()
                ),
                "{args:?}"
            );
        }
    }
    assert_eq!(env.files(), ["file.txt"]);
    assert_eq!(
        fs::read_to_string(&blocker).ok().as_deref(),
        Some("not a folder\n")
    );
}

#[test]
fn a_lock_file_that_cannot_be_opened_exits_1_with_the_path_and_the_os_error() {
    let env = Env::new();
    let lock = env.state.with_file_name("state.yaml.lock");
    fs::create_dir_all(lock.join("in-the-way")).unwrap_or_else(|e| panic!("{e}"));
    let err = env.fails(&["done", "math-foundations"], 1);
    assert_eq!(
        err,
        format!(
            "aipath: error: {}: cannot open the lock file: Is a directory (os error 21)\n",
            lock.display()
        )
    );
    assert_eq!(env.state_bytes(), None);
    assert_eq!(env.files(), Vec::<String>::new());
}

#[test]
fn a_state_path_that_is_a_folder_exits_1_and_is_left_alone() {
    let env = Env::new();
    fs::create_dir_all(env.state.join("inside")).unwrap_or_else(|e| panic!("{e}"));
    for args in [&["status"][..], &["done", "math-foundations"]] {
        let err = env.fails(args, 1);
        assert_eq!(
            err,
            format!(
                "aipath: error: {}: cannot read the state file: Is a directory (os error 21)\n",
                env.state.display()
            )
        );
    }
    assert_eq!(env.files(), Vec::<String>::new());
    assert!(env.state.join("inside").is_dir());
}

#[cfg(unix)]
#[test]
fn a_state_file_that_is_a_link_stays_a_link_and_its_target_is_written() {
    let env = Env::new();
    let synced = env.path().join("synced");
    fs::create_dir_all(&synced).unwrap_or_else(|e| panic!("{e}"));
    let target = synced.join("aipath.yaml");
    fs::write(&target, V1).unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir_all(env.path().join("data")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("../synced/aipath.yaml", &env.state)
        .unwrap_or_else(|e| panic!("{e}"));
    env.ok(&["done", "machine-learning-basics"]);
    let link = fs::symlink_metadata(&env.state).unwrap_or_else(|e| panic!("{e}"));
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let text = fs::read_to_string(&target).expect("read the file");
    assert!(
        text.contains("\"version\": 5") && text.contains("\"machine-learning-basics\""),
        "{text}"
    );
    assert_eq!(
        env.files(),
        [
            "data/state.yaml",
            "synced/aipath.history.jsonl",
            "synced/aipath.yaml",
            "synced/aipath.yaml.bak-v1",
            "synced/aipath.yaml.lock"
        ]
    );
    assert_eq!(status_of(&env, "machine-learning-basics"), "done");
}

#[test]
fn active_names_a_path_id_or_a_path_file_never_any_file() {
    let env = Env::new();
    let secret = env.path().join("secret.txt");
    std::fs::write(&secret, "my bank pin is 1234\n").unwrap_or_else(|e| panic!("{e}"));
    env.write_state(&format!("version: 4\nactive: {}\n", secret.display()));
    let err = env.fails(&["next"], 2);
    assert!(
        err.contains("is neither the id of a path `aipath paths` lists nor a path file (`.yaml`)"),
        "{err}"
    );
    assert!(!err.contains("1234"), "{err}");
}

#[test]
fn reading_commands_write_nothing_anywhere() {
    let env = Env::new();
    env.ok(&["start", "math-foundations"]);
    env.ok(&["log", "2", "-m", "math-foundations", "--note", "vectors"]);
    let before = env.files();
    let contents: Vec<Vec<u8>> = before
        .iter()
        .map(|f| fs::read(env.dir.path().join(f)).unwrap_or_else(|e| panic!("{f}: {e}")))
        .collect();
    for args in [
        &["next"][..],
        &["status"],
        &["plan"],
        &["log"],
        &["history"],
        &["show", "math-foundations"],
        &["list"],
        &["projects"],
        &["skills"],
        &["paths"],
        &["report", "-o", "-"],
    ] {
        env.ok(args);
        // Not the state, not a cache, not anything under the home folder: the files are what they were.
        assert_eq!(env.files(), before, "{args:?}");
    }
    for (f, bytes) in before.iter().zip(contents) {
        assert_eq!(fs::read(env.dir.path().join(f)).ok(), Some(bytes), "{f}");
    }
}

#[test]
fn every_command_a_test_starts_gets_its_own_home() {
    // Spelled in two halves, so this file does not find itself.
    let by_hand = concat!(".env(", "\"HOME\"");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    names.sort();
    assert!(names.len() > 10, "{names:?}");
    for file in names {
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
        for (at, _) in text.match_indices(by_hand) {
            // Commands that are not aipath (git, for sync's remotes) may set their own HOME.
            let started = text[..at]
                .rfind("Command::new(")
                .map(|from| &text[from..at]);
            if started.is_some_and(|c| c.starts_with("Command::new(\"git\")")) {
                continue;
            }
            panic!(
                "{} sets HOME by hand: use `.envs(support::home_of(..))`, which sets the data and cache folders \
                 inside it too",
                file.display()
            );
        }
    }
}
