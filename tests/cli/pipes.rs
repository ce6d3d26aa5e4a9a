//! Quiet in a pipe: no escape codes even without `NO_COLOR`, and a reader that goes away early is no error.

use std::io::{BufRead as _, BufReader};
use std::process::Stdio;

use crate::support::Env;

/// The read commands, each run as a script would.
const READERS: &[&[&str]] = &[
    &["next"],
    &["list"],
    &["status"],
    &["plan"],
    &["show", "math-foundations"],
    &["projects"],
    &["paths"],
    &["log", "--weeks", "4"],
    &["next", "--json"],
    &["--help"],
    &["next", "--help"],
];

#[test]
fn no_escape_codes_reach_a_pipe_even_without_no_color() {
    let env = Env::new();
    env.ok(&["start", "math-foundations"]);
    for args in READERS {
        let out = env
            .cmd(args)
            .env_remove("NO_COLOR")
            // A terminal type that invites colour: the output still goes to a pipe.
            .env("TERM", "xterm-256color")
            .output()
            .unwrap_or_else(|e| panic!("run: {e}"));
        assert!(out.status.success(), "aipath {args:?}");
        assert!(!out.stdout.is_empty(), "aipath {args:?} printed nothing");
        assert!(
            !out.stdout.contains(&0x1b),
            "aipath {args:?} wrote an escape code: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // Errors and clap's usage messages too.
    let out = env
        .cmd(&["done", "machine-learnin-basics"])
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(!out.stderr.is_empty() && !out.stderr.contains(&0x1b));
    let out = env
        .cmd(&["frobnicate"])
        .env_remove("NO_COLOR")
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(!out.stderr.is_empty() && !out.stderr.contains(&0x1b));
}

#[test]
fn a_pipe_closed_before_anything_is_written_exits_quietly_with_zero() {
    let env = Env::new();
    for args in READERS {
        let mut child = env
            .base_command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        // Closing the read end at once makes every write fail with a broken pipe, whatever the output's size.
        drop(child.stdout.take());
        let out = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("wait: {e}"));
        assert_eq!(
            out.status.code(),
            Some(0),
            "aipath {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "aipath {args:?} complained"
        );
    }
}

#[test]
fn list_piped_into_head_exits_quietly_with_zero() {
    let env = Env::new();
    let mut child = env
        .base_command(&["list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let Some(stdout) = child.stdout.take() else {
        panic!("no stdout")
    };
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .unwrap_or_else(|e| panic!("read: {e}"));
    assert!(first.starts_with("+--"), "{first}");
    // The reader is dropped here, as `head -1` exits.
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
