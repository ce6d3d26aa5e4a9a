//! The error contract through the real binary: `aipath: error: …` on one line, then one `aipath: hint: …` line per
//! hint, and the exit code of the error's kind (bad usage or input 2, a failure 1).

use crate::support::{Env, Refused};

#[test]
fn bad_usage_exits_two_with_its_suggestion_as_a_hint() {
    let env = Env::new();
    let err = env.fails(&["stauts"], 2);
    assert!(
        err.starts_with("aipath: error: unrecognized subcommand `stauts`\n"),
        "{err}"
    );
    assert!(
        err.ends_with(
            "\naipath: hint: did you mean `start` or `status`?\naipath: hint: `aipath --help` shows what it takes.\n"
        ),
        "{err}"
    );
    assert_eq!(env.files(), Vec::<String>::new());
}

#[test]
fn bad_input_exits_two_with_each_hint_on_its_own_line() {
    let env = Env::new();
    assert_eq!(
        env.refused(&["start", "math-fundations"], 2),
        Refused::new(
            "unknown module or project `math-fundations`",
            &[
                "did you mean `math-foundations`?",
                "`aipath list` shows every id"
            ]
        )
    );
    // An error with no hint is its one line.
    assert_eq!(
        env.fails(&["log", "0"], 2),
        "aipath: error: log at least 0.01 hours, not `0`\n"
    );
    assert_eq!(env.state_bytes(), None);
}

#[test]
fn a_failure_exits_one_with_what_to_do_as_a_hint() {
    let env = Env::new();
    env.write_state("version: 99\n");
    assert_eq!(
        env.refused(&["status"], 1),
        Refused::new(
            format!(
                "{}: the state file was written by a newer aipath (format version 99; this one reads up to 5)",
                env.state.display()
            ),
            &[
                "aipath has left the file untouched; upgrade aipath to go on with it, or give another file with \
               `--state`"
            ]
        )
    );
    assert_eq!(env.state_bytes().as_deref(), Some(&b"version: 99\n"[..]));
}

#[test]
fn off_a_terminal_the_error_and_each_hint_are_one_line_whatever_columns_says() {
    let env = Env::new();
    let out = env
        .cmd(&["start", "math-fundations"])
        .env("COLUMNS", "40")
        .output()
        .expect("run");
    // Not a terminal: one line each, whatever COLUMNS says.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().count(),
        3,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
