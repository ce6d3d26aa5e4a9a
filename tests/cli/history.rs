//! The history of changes through the binary: `history`, `undo`, `redo`, `undo <id>`, log corrections, `reset`,
//! and the migration that is the history's first event.

use std::fs;

use crate::support::{Env, Refused, TODAY, status_of};

/// The state file's progress: its text without the bookkeeping (the last event's id and the session counter),
/// which an undo leaves as it is.
fn progress(env: &Env) -> String {
    let mut state = env.state_json();
    if let Some(fields) = state.as_object_mut() {
        fields.remove("last_event");
        fields.remove("last_log_number");
    }
    serde_json::to_string_pretty(&state).unwrap_or_else(|e| panic!("{e}"))
}

fn history_lines(env: &Env) -> Vec<String> {
    fs::read_to_string(env.history_file())
        .expect("read the file")
        .lines()
        .map(str::to_string)
        .collect()
}

/// A second path in the data folder, for `use`.
fn second_path(env: &Env) {
    let dir = env.path().join("home/.local/share/aipath/paths");
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        dir.join("mini.yaml"),
        "id: mini\ntitle: Mini\nphases:\n  - id: basics\n    title: Basics\n    weeks: { min: 2, max: 3 }\n    \
         groups:\n      - modules: [math-foundations]\nmodules:\n  - { id: math-foundations, title: Math Foundations }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Every kind of change, in an order where each can be made: each one changes the progress, `undo` puts back
/// exactly what was there, and `redo` exactly what the change made.
const EVERY_KIND: &[&[&str]] = &[
    &["start", "math-foundations"],
    &["done", "machine-learning-basics"],
    &["skip", "deep-learning-foundations"],
    &["start", "--reopen", "deep-learning-foundations"],
    &["undo", "deep-learning-foundations"],
    &["check", "math-foundations", "1", "2"],
    &["uncheck", "math-foundations", "2"],
    &["choose", "llm-applications"],
    &["log", "1.5", "--module", "mlops", "--note", "pipelines"],
    &["log", "2", "--date", "2026-01-02"],
    &["log", "--edit", "1", "--hours", "0.5", "--note", ""],
    &[
        "log",
        "--edit",
        "2",
        "--date",
        "2026-01-04",
        "--module",
        "math",
    ],
    &["log", "--delete", "1"],
    &["plan", "--save", "--pace", "fast"],
    &["use", "mini"],
    &["use", "software-developer-to-ai-engineer"],
    &["reset", "--yes"],
    &[
        "reset",
        "--restore",
        "software-developer-to-ai-engineer-2026-01-05",
    ],
];

#[test]
fn every_kind_of_change_is_undone_and_redone_exactly() {
    let env = Env::new();
    second_path(&env);
    env.ok(&["log", "1", "--date", "2026-01-01"]);
    for change in EVERY_KIND {
        let before = progress(&env);
        env.ok(change);
        let after = progress(&env);
        assert_ne!(before, after, "{change:?} changed nothing");
        let undone = env.ok(&["undo"]);
        assert!(
            undone.starts_with(&format!(
                "Undid `aipath {}` (from {TODAY} ",
                change.join(" ")
            )) || undone.starts_with(&format!(
                "Undid `aipath {}'",
                change.join(" ").replace(" ''", "")
            )) || undone.starts_with("Undid `aipath log --edit 1 --hours 0.5 --note ''`"),
            "{change:?}: {undone}"
        );
        assert_eq!(progress(&env), before, "{change:?} undone");
        let redone = env.ok(&["redo"]);
        assert!(redone.starts_with("Redid `aipath "), "{redone}");
        assert_eq!(progress(&env), after, "{change:?} redone");
    }
    // Nothing is left to redo once it is all applied again.
    let err = env.fails(&["redo"], 2);
    assert!(err.contains("there is nothing to redo"), "{err}");
}

#[test]
fn a_dozen_undos_walk_back_to_the_start_and_redos_walk_forward_again() {
    let env = Env::new();
    second_path(&env);
    env.ok(&["start", "math-foundations"]);
    let start = progress(&env);
    let dozen: [&[&str]; 12] = [
        &["done", "machine-learning-basics", "math-foundations"],
        &["log", "10"],
        &["log", "--edit", "1", "--hours", "1"],
        &["choose", "llm-applications"],
        &["check", "deep-learning-foundations", "1"],
        &["skip", "deep-learning-foundations"],
        &["start", "mlops-basics", "scalable-ml-api-service"],
        &["plan", "--save", "--start", "2026-01-05"],
        &["log", "0.75", "--module", "mlops", "--date", "2026-01-03"],
        &["use", "mini"],
        &[
            "log",
            "--delete",
            "1",
            "--path",
            "software-developer-to-ai-engineer",
        ],
        &[
            "undo",
            "mlops-basics",
            "--path",
            "software-developer-to-ai-engineer",
        ],
    ];
    let mut states = vec![start.clone()];
    for change in dozen {
        env.ok(change);
        states.push(progress(&env));
    }
    // The history tells the story, newest first.
    let story = env.ok(&["history"]);
    let lines: Vec<&str> = story.lines().collect();
    assert_eq!(lines.len(), 13, "{story}");
    assert!(
        lines[0].ends_with("back to todo mlops-basics (was in-progress since 2026-01-05)"),
        "{story}"
    );
    assert!(
        lines[9].ends_with("edited session #1: 1 h (was 10)"),
        "{story}"
    );
    assert!(
        lines[10].ends_with("logged session #1: 10 h for 2026-01-05"),
        "{story}"
    );
    assert!(
        lines[12].starts_with(&format!("{TODAY} "))
            && lines[12].contains("  started math-foundations (was todo)"),
        "{story}"
    );
    for (i, expected) in states.iter().rev().skip(1).enumerate() {
        env.ok(&["undo"]);
        assert_eq!(&progress(&env), expected, "undo {}", i + 1);
    }
    assert_eq!(progress(&env), start);
    // One more walks back past the first change too.
    env.ok(&["undo"]);
    let err = env.fails(&["undo"], 2);
    assert!(err.contains("there is nothing to undo"), "{err}");
    env.ok(&["redo"]);
    assert_eq!(progress(&env), start);
    for (i, expected) in states.iter().skip(1).enumerate() {
        env.ok(&["redo"]);
        assert_eq!(&progress(&env), expected, "redo {}", i + 1);
    }
    // A new change ends what there is to redo.
    env.ok(&["undo"]);
    env.ok(&["log", "1"]);
    let err = env.fails(&["redo"], 2);
    assert!(err.contains("there is nothing to redo"), "{err}");
}

#[test]
fn undo_of_an_id_restores_its_status_and_dates_before_its_last_change() {
    let env = Env::new();
    env.cmd(&["start", "mlops-basics"])
        .env("AIPATH_TODAY", "2026-01-02")
        .assert()
        .success();
    env.ok(&["done", "mlops-basics"]);
    let out = env.ok(&["undo", "mlops-basics"]);
    assert!(
        out.starts_with("`mlops-basics`: in-progress again (its last change reversed)\n"),
        "{out}"
    );
    let list = env.json(&["list"]);
    let row = list
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["id"] == "mlops-basics")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (&row["status"], &row["started"], &row["finished"]),
        (
            &serde_json::json!("in-progress"),
            &serde_json::json!("2026-01-02"),
            &serde_json::Value::Null
        )
    );
    // The undo is a change of its own: `aipath undo` reverses it, done again.
    env.ok(&["undo"]);
    assert_eq!(status_of(&env, "mlops-basics"), "done");
    // A skip that took a specialization out of the choice puts it back when undone.
    env.ok(&["choose", "llm-applications"]);
    env.ok(&["skip", "llm-applications"]);
    assert_eq!(env.json(&["status"])["chosen"], serde_json::json!([]));
    env.ok(&["undo", "llm-applications"]);
    assert_eq!(
        env.json(&["status"])["chosen"],
        serde_json::json!(["llm-applications"])
    );
}

#[test]
fn a_mistaken_session_is_fixed_with_one_command() {
    let env = Env::new();
    env.ok(&["log", "1.5", "--module", "math", "--note", "vectors"]);
    // Without `--module`, the hours count toward the one module in progress.
    env.ok(&["log", "10", "--date", "2026-01-04"]);
    let list = env.ok(&["log"]);
    assert!(
        list.contains("| 2 | 2026-01-04 |    10 | math-foundations"),
        "{list}"
    );
    let out = env.ok(&["log", "--edit", "2", "--hours", "1"]);
    assert_eq!(
        out,
        "Session #2: 1 h on 2026-01-04 (`math-foundations`)\n   was #2: 10 h on 2026-01-04 (`math-foundations`). \
         `aipath undo` reverses this.\n"
    );
    let mut sessions = env.json(&["log"]);
    let ids = without_ids(&mut sessions);
    assert_eq!(
        sessions,
        serde_json::json!([
            {"number": 1, "date": "2026-01-05", "hours": 1.5, "module": "math-foundations", "note": "vectors"},
            {"number": 2, "date": "2026-01-04", "hours": 1.0, "module": "math-foundations"},
        ])
    );
    assert!(ids[0] != ids[1], "each session has its own id: {ids:?}");
    // Moved to another day, the session takes its place in date order; its number stays.
    env.ok(&[
        "log",
        "--edit",
        "2",
        "--date",
        "2026-01-05",
        "--module",
        "mach",
    ]);
    let sessions = env.json(&["log"]);
    assert_eq!(sessions[0]["number"], 2);
    assert_eq!(sessions[0]["id"], ids[1], "an edit keeps the session's id");
    assert_eq!(sessions[0]["module"], "machine-learning-basics");
    // The session started the module it now names, as logging it would have.
    assert_eq!(status_of(&env, "machine-learning-basics"), "in-progress");
    let out = env.ok(&["log", "--delete", "1"]);
    assert_eq!(
        out,
        "Deleted session #1: 1.5 h on 2026-01-05 (`math-foundations`, \"vectors\"). `aipath undo` reverses this.\n"
    );
    // A number is never given again, even the highest one deleted.
    env.ok(&["log", "--delete", "2"]);
    env.ok(&["log", "0.5"]);
    assert_eq!(env.json(&["log"])[0]["number"], 3);
}

#[test]
#[allow(clippy::too_many_lines, reason = "a table of cases, each a few lines")]
fn bad_corrections_exit_two_and_write_nothing() {
    let env = Env::new();
    env.ok(&["log", "20"]);
    env.ok(&["log", "1", "--date", "2026-01-04"]);
    let (state, history) = (env.state_bytes(), history_lines(&env));
    for (args, says) in [
        (
            &["log", "--edit", "9", "--hours", "1"][..],
            "there is no session #9",
        ),
        (&["log", "--delete", "9"], "there is no session #9"),
        (
            &["log", "--edit", "0", "--hours", "1"],
            "`0` is not a session number (`aipath log` shows them)\naipath: hint: give a whole number, 1 or more, \
             e.g. 1\n",
        ),
        (&["log", "--edit", "2"], "say what to change in session #2"),
        (
            &["log", "--edit", "2", "--hours", "1e1"],
            "`1e1` is not a number of hours",
        ),
        (
            &["log", "--edit", "2", "--hours", "inf"],
            "`inf` is not a number of hours",
        ),
        (
            &["log", "--edit", "2", "--hours", "NaN"],
            "`NaN` is not a number of hours",
        ),
        (
            &["log", "--edit", "2", "--hours", "1,5"],
            "`1,5` is not a number of hours",
        ),
        (
            &["log", "--edit", "2", "--hours", "1.255"],
            "`1.255` is not a number of hours",
        ),
        (
            &["log", "--edit", "2", "--hours", "0"],
            "log at least 0.01 hours",
        ),
        (
            &["log", "--edit", "2", "--hours", "-2"],
            "log at least 0.01 hours",
        ),
        (
            &["log", "--edit", "2", "--hours", "25"],
            "25 hours do not fit in one day",
        ),
        (
            &[
                "log",
                "--edit",
                "2",
                "--date",
                "2026-01-05",
                "--hours",
                "4.5",
            ],
            "2026-01-05 already has 20 hours logged; 4.5 more would pass 24",
        ),
        (
            &["log", "--edit", "2", "--date", "2026-01-06"],
            "2026-01-06 is in the future",
        ),
        (
            &["log", "--edit", "2", "--module", "nosuch"],
            "unknown module or project `nosuch`",
        ),
        (
            &["log", "--delete", "2", "--hours", "1"],
            "cannot be used with",
        ),
        (
            &["log", "--edit", "2", "--delete", "2"],
            "cannot be used with",
        ),
        (&["log", "1", "--edit", "2"], "cannot be used with"),
        (&["log", "1", "--hours", "2"], "cannot be used with"),
        (
            &["log", "--hours", "1"],
            "required arguments were not provided",
        ),
    ] {
        let err = env.fails(args, 2);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(env.state_bytes(), state);
    assert_eq!(history_lines(&env), history);
}

#[test]
fn hours_are_refused_unless_digits_with_at_most_two_decimals() {
    let env = Env::new();
    for typed in ["1e1", "inf", "NaN", "1,5", "1.255", "0x10", "1.", "+1"] {
        assert_eq!(
            env.refused(&["log", typed], 2),
            Refused::new(
                format!("`{typed}` is not a number of hours"),
                &["write digits with at most two decimals after a point, like 2, 1.5 or 0.25"]
            )
        );
    }
    assert_eq!(env.state_bytes(), None);
    assert!(!env.history_file().exists());
    env.ok(&["log", "1.25"]);
    assert_eq!(env.json(&["log"])[0]["hours"], 1.25);
}

#[test]
fn reset_puts_progress_aside_and_restore_brings_it_back_whole() {
    let env = Env::new();
    env.ok(&["done", "machine-learning-basics"]);
    env.ok(&["check", "math-foundations", "1"]);
    env.ok(&["log", "2", "--module", "math"]);
    env.ok(&["plan", "--save"]);
    let before = progress(&env);
    // Not on a terminal, it needs --yes; refused, nothing is written.
    let state = env.state_bytes();
    let err = env.fails(&["reset"], 2);
    assert!(err.contains("confirm with `--yes`"), "{err}");
    assert_eq!(env.state_bytes(), state);
    let out = env.ok(&["reset", "--yes"]);
    assert_eq!(
        out,
        "`software-developer-to-ai-engineer` starts afresh. Your progress on it (1 module done, 1 session, 2 h) is \
         kept as archive `software-developer-to-ai-engineer-2026-01-05`: `aipath reset --restore \
         software-developer-to-ai-engineer-2026-01-05` brings it back, and so does `aipath undo` now.\n"
    );
    assert_eq!(status_of(&env, "machine-learning-basics"), "todo");
    assert_eq!(env.json(&["log"]), serde_json::json!([]));
    assert_eq!(env.json(&["status"])["started"], serde_json::Value::Null);
    let list = env.json(&["reset", "--list"]);
    assert_eq!(
        list,
        serde_json::json!([{
            "name": "software-developer-to-ai-engineer-2026-01-05",
            "path": "software-developer-to-ai-engineer",
            "archived": TODAY,
            "done": 1,
            "sessions": 1,
            "hours": 2.0,
        }])
    );
    // Nothing more to put aside.
    let again = env.ok(&["reset", "--yes"]);
    assert!(again.starts_with("Nothing to reset"), "{again}");
    // New progress on the fresh path is put aside, not lost, when the archive comes back.
    env.ok(&["start", "mlops-basics"]);
    let fresh = progress(&env);
    let out = env.ok(&["reset", "--restore", "software"]);
    assert_eq!(
        out,
        "Restored archive `software-developer-to-ai-engineer-2026-01-05` to `software-developer-to-ai-engineer` (1 \
         module done, 1 session, 2 h). The progress it replaced (0 modules done, 0 sessions, 0 h) is kept as archive \
         `software-developer-to-ai-engineer-2026-01-05-2`.\n"
    );
    assert_eq!(status_of(&env, "machine-learning-basics"), "done");
    assert_eq!(status_of(&env, "mlops-basics"), "todo");
    env.ok(&[
        "reset",
        "--restore",
        "software-developer-to-ai-engineer-2026-01-05-2",
    ]);
    assert_eq!(progress(&env), fresh);
    // Undone one by one (two restores, a start, the reset), the progress is back as it was, byte for byte.
    for _ in 0..4 {
        env.ok(&["undo"]);
    }
    assert_eq!(progress(&env), before);
    let err = env.fails(&["reset", "--restore", "nosuch"], 2);
    assert!(err.contains("unknown archive `nosuch`"), "{err}");
}

#[test]
fn history_lists_newest_first_filters_by_module_and_limits() {
    let env = Env::new();
    assert_eq!(env.ok(&["history"]), "No changes recorded yet.\n");
    for i in 0..25 {
        let day = format!("2026-01-0{}", 1 + i % 5);
        env.ok(&["log", "0.25", "--date", &day]);
    }
    env.ok(&["done", "math-foundations"]);
    env.ok(&["log", "1", "--module", "math"]);
    let all = env.ok(&["history"]);
    assert_eq!(all.lines().count(), 21, "{all}");
    assert!(
        all.ends_with("The last 20 of 27 changes; `aipath history --all` shows them all.\n"),
        "{all}"
    );
    assert_eq!(env.ok(&["history", "--all"]).lines().count(), 27);
    let math = env.ok(&["history", "--module", "math"]);
    let lines: Vec<&str> = math.lines().collect();
    assert_eq!(lines.len(), 2, "{math}");
    assert!(lines[0].ends_with("  logged session #26: 1 h for 2026-01-05 on math-foundations"));
    assert!(lines[1].ends_with("  done math-foundations (was todo)"));
    let json = env.json(&["history", "--limit", "2"]);
    let events = json.as_array().cloned().unwrap_or_default();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0]["command"],
        "aipath log 1 --module math --json".replace(" --json", "")
    );
    assert_eq!(events[0]["kind"], "change");
    assert_eq!(events[0]["path"], "software-developer-to-ai-engineer");
    assert_eq!(events[0]["changes"][0]["what"], "log");
    assert_eq!(events[0]["changes"][0]["number"], 26);
    assert!(
        events[0]["at"]
            .as_str()
            .is_some_and(|at| at.starts_with("2026-01-05T"))
    );
    // Ids sort by time, newest last.
    assert!(events[0]["id"].as_str() > events[1]["id"].as_str());
}

#[test]
fn reading_commands_never_read_the_history() {
    let env = Env::new();
    env.ok(&["start", "math-foundations"]);
    env.ok(&["log", "1"]);
    let mut broken = fs::read(env.history_file()).expect("read the file");
    broken.splice(0..0, b"not json\n".iter().copied());
    fs::write(env.history_file(), &broken).unwrap_or_else(|e| panic!("{e}"));
    for args in [
        &["next"][..],
        &["list"],
        &["status"],
        &["plan"],
        &["show", "math-foundations", "--no-pager"],
        &["log"],
    ] {
        env.ok(args);
    }
    let refused = env.refused(&["history"], 1);
    assert!(
        refused
            .error
            .contains("state.history.jsonl:1: not a history event"),
        "{refused:?}"
    );
    assert_eq!(
        refused.hints,
        [
            "aipath has left the file untouched: fix the line by hand, or move the file aside to start a new history"
        ]
    );
}

/// A version 2 file with a log, as a version 2 aipath wrote it.
const V2: &str =
    "# aipath progress. Format: see `aipath --help` and the README, \"The state file\".
version: 2
paths:
  software-developer-to-ai-engineer:
    started: 2025-12-01
    modules:
      math-foundations:
        status: in-progress
        started: 2025-12-01
    log:
    - date: 2025-12-01
      hours: 1.5
      module: math-foundations
    - date: 2025-12-03
      hours: 2.0
      note: by hand
";

#[test]
fn a_version_2_file_is_numbered_and_its_upgrade_is_the_first_event() {
    let env = Env::new();
    env.write_state(V2);
    // Reading numbers the sessions in memory and writes nothing.
    let sessions = env.json(&["log"]);
    assert_eq!(
        (&sessions[0]["number"], &sessions[1]["number"]),
        (&serde_json::json!(2), &serde_json::json!(1))
    );
    assert_eq!(env.state_bytes(), Some(V2.as_bytes().to_vec()));
    assert_eq!(env.files(), ["data/state.yaml"]);
    env.ok(&["done", "math-foundations"]);
    assert_eq!(
        fs::read_to_string(env.state.with_file_name("state.yaml.bak-v2"))
            .ok()
            .as_deref(),
        Some(V2)
    );
    let state = env.state_json();
    assert_eq!(state["version"], 5, "{state}");
    let numbers: Vec<&serde_json::Value> = state["paths"]
        .as_object()
        .into_iter()
        .flat_map(|paths| paths.values())
        .flat_map(|p| p["log"].as_array().into_iter().flatten())
        .map(|s| &s["number"])
        .collect();
    assert_eq!(numbers, [1, 2], "{state}");
    assert_eq!(state["last_log_number"], 2, "{state}");
    let story = env.ok(&["history"]);
    let lines: Vec<&str> = story.lines().collect();
    assert_eq!(lines.len(), 2, "{story}");
    assert!(lines[0].ends_with("  done math-foundations (was in-progress since 2025-12-01)"));
    assert!(lines[1].ends_with("  upgraded the state file from format 2 to 5"));
    // The upgrade is not undone: the change is, and then there is nothing more.
    env.ok(&["undo"]);
    assert_eq!(status_of(&env, "math-foundations"), "in-progress");
    let err = env.fails(&["undo"], 2);
    assert!(err.contains("there is nothing to undo"), "{err}");
    env.ok(&["log", "1"]);
    assert_eq!(env.json(&["log"])[0]["number"], 3);
}

#[test]
fn a_version_1_file_is_upgraded_to_the_current_format_with_its_upgrade_recorded() {
    let env = Env::new();
    let v1 = "version: 1\npaths:\n  software-developer-to-ai-engineer:\n    modules:\n      math-foundations: { status: done }\n";
    env.write_state(v1);
    env.ok(&["start", "mlops-basics"]);
    assert_eq!(
        fs::read_to_string(env.state.with_file_name("state.yaml.bak-v1"))
            .ok()
            .as_deref(),
        Some(v1)
    );
    assert_eq!(env.state_json()["version"], 5);
    let events = env.json(&["history"]);
    assert_eq!(events[1]["kind"], "migrate");
    assert_eq!(events[1]["from"], 1);
    assert_eq!(events[0]["kind"], "change");
    assert_eq!(status_of(&env, "math-foundations"), "done");
}

#[test]
fn a_history_that_does_not_go_with_the_state_is_kept_aside() {
    let env = Env::new();
    env.ok(&["start", "math-foundations"]);
    env.ok(&["log", "1"]);
    // The state put back from a copy made before the session: the history holds one change more.
    let older = fs::read(&env.state).expect("read the file");
    env.ok(&["done", "math-foundations"]);
    env.ok(&["log", "2"]);
    fs::write(&env.state, &older).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(env.ok(&["history"]).lines().count(), 2);
    let out = env
        .cmd(&["skip", "mlops-basics"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "held 2 events after the state's last one (was the state put back from a copy?)"
        ),
        "{stderr}"
    );
    let aside = env.state.with_file_name("state.history.jsonl.orphan");
    assert_eq!(
        fs::read_to_string(aside)
            .expect("read the file")
            .lines()
            .count(),
        2
    );
    assert_eq!(history_lines(&env).len(), 3);
}

/// Runs `aipath reset` on a pseudo-terminal (util-linux `script`) and answers its question with `answer`, once the
/// question is on the screen (read from the terminal's output, not guessed with a sleep).
fn reset_on_terminal(env: &Env, answer: &str) -> (bool, String) {
    use std::io::{Read as _, Write as _};
    let mut child = env
        .script_command("{aipath} reset")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script (util-linux) is needed");
    let mut stdout = child.stdout.take().expect("piped");
    let mut said = Vec::new();
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&said).contains("[y/N] ") {
        let n = stdout.read(&mut chunk).expect("the terminal's output");
        assert!(
            n > 0,
            "aipath ended before it asked: {}",
            String::from_utf8_lossy(&said)
        );
        said.extend_from_slice(&chunk[..n]);
    }
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(answer.as_bytes())
        .expect("the answer");
    stdout
        .read_to_end(&mut said)
        .expect("the terminal's output");
    let status = child.wait().expect("script ends");
    (
        status.success(),
        String::from_utf8_lossy(&said).replace("\r\n", "\n"),
    )
}

#[test]
fn on_a_terminal_reset_asks_first() {
    let env = Env::new();
    env.ok(&["done", "machine-learning-basics"]);
    let state = env.state_bytes();
    let (ok, said) = reset_on_terminal(&env, "n\n");
    assert!(
        said.contains(
            "Start `Software Developer to AI Engineer` afresh?\n\
             Your progress on it (1 module done, 0 sessions, 0 h) is put aside as archive\n\
             `software-developer-to-ai-engineer-2026-01-05`; `aipath reset --restore\n\
             software-developer-to-ai-engineer-2026-01-05` brings it back.\n\
             Reset it? [y/N] "
        ),
        "{said}"
    );
    // No is an answer: the command succeeds, says so, and changes nothing.
    assert!(ok, "{said}");
    assert!(
        said.ends_with(
            "Nothing changed: `software-developer-to-ai-engineer` keeps its progress.\n"
        ),
        "{said}"
    );
    assert_eq!(env.state_bytes(), state);
    let (ok, said) = reset_on_terminal(&env, "y\n");
    assert!(ok, "{said}");
    assert!(said.contains("starts afresh"), "{said}");
    assert_eq!(status_of(&env, "machine-learning-basics"), "todo");
}

#[cfg(unix)]
#[test]
fn a_new_history_is_as_private_as_the_state() {
    use std::os::unix::fs::PermissionsExt as _;
    let env = Env::new();
    env.ok(&["start", "math-foundations"]);
    fs::set_permissions(&env.state, fs::Permissions::from_mode(0o600))
        .unwrap_or_else(|e| panic!("{e}"));
    fs::remove_file(env.history_file()).unwrap_or_else(|e| panic!("{e}"));
    // A history gone missing: the next change starts it again, and says nothing is lost from the state.
    env.ok(&["done", "math-foundations"]);
    let mode = fs::metadata(env.history_file())
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or_default();
    assert_eq!(mode, 0o600);
    assert_eq!(history_lines(&env).len(), 1);
    assert_eq!(status_of(&env, "math-foundations"), "done");
}

/// Takes the `id` out of each session of `log --json` (new at every run) and returns them, in order.
fn without_ids(sessions: &mut serde_json::Value) -> Vec<serde_json::Value> {
    let mut ids = Vec::new();
    for s in sessions.as_array_mut().into_iter().flatten() {
        if let Some(map) = s.as_object_mut() {
            ids.push(map.remove("id").unwrap_or_default());
        }
    }
    ids
}

#[test]
fn a_history_cut_mid_line_is_repaired_before_the_next_event_and_kept_whole_after() {
    let env = Env::new();
    env.ok(&["log", "1", "--note", "first"]);
    env.ok(&["log", "2", "--note", "second"]);
    let file = env.history_file();
    let bytes = fs::read(&file).expect("read the file");
    // The state's last event, cut short: a full disk, or a copy interrupted.
    fs::write(&file, &bytes[..bytes.len() - 20]).unwrap_or_else(|e| panic!("{e}"));
    let out = env
        .cmd(&["log", "3", "--note", "third"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("was cut short; it is kept in"), "{stderr}");
    env.ok(&["log", "4", "--note", "fourth"]);
    let events = env.json(&["history"]);
    let commands: Vec<&str> = events
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["command"].as_str())
        .collect();
    assert_eq!(commands.len(), 3, "{commands:?}");
    assert!(
        commands[0].contains("fourth") && commands[2].contains("first"),
        "{commands:?}"
    );
    // A line cut past the state's last event is what a crash leaves: trimmed with no word, as before.
    let mut bytes = fs::read(&file).expect("the history");
    bytes.extend_from_slice(b"{\"id\":\"019b8c1e-3a60-7c4e-9d2a-5f1e0c7b8a91\",\"at\":\"2026");
    fs::write(&file, &bytes).expect("the history");
    let out = env
        .cmd(&["log", "0.5", "--note", "fifth"])
        .output()
        .expect("aipath runs");
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.json(&["history"]).as_array().map(Vec::len), Some(4));
    // Every line of the history reads.
    let text = fs::read_to_string(&file).expect("read the file");
    for line in text.lines() {
        assert!(
            serde_json::from_str::<serde_json::Value>(line).is_ok(),
            "{line}"
        );
    }
}
