//! The command line as typed: every error in aipath's one voice, values refused in its own words with the form they
//! take, and help that keeps the global options apart and whose examples run on any day.

use aipath::commands::cli::Cli;
use clap::CommandFactory;

use crate::support::{Env, Refused};

fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The lines of a help text's section, from its heading to the next blank line.
fn section<'a>(help: &'a str, heading: &str) -> Vec<&'a str> {
    help.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// A help's examples: the command lines under its `Example:` or `Examples:` heading.
fn examples(help: &str) -> Vec<String> {
    let one = section(help, "Example:");
    let many = section(help, "Examples:");
    one.iter()
        .chain(&many)
        .map(|l| l.trim().to_string())
        .collect()
}

/// An example as the words a shell would pass, up to a pipe, a redirection or a comment; double quotes group words.
fn words(example: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in example.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    let end = out
        .iter()
        .position(|w| ["|", ">", "&&", "#"].contains(&w.as_str()))
        .unwrap_or(out.len());
    out.truncate(end);
    out
}

#[test]
fn every_command_s_help_keeps_the_global_options_apart_and_the_version_at_the_top() {
    let env = Env::new();
    let top = env.ok(&["--help"]);
    assert!(top.contains("-V, --version"), "{top}");
    for name in command_names() {
        let help = env.ok(&[&name, "-h"]);
        let global = section(&help, "Global options:").join("\n");
        for flag in ["--state <FILE>", "--path <ID|FILE>", "--json"] {
            assert!(
                global.contains(flag),
                "{name}: no {flag} under Global options:\n{help}"
            );
        }
        let own = section(&help, "Options:").join("\n");
        assert!(own.contains("-h, --help"), "{name}:\n{help}");
        for flag in ["--state", "--path", "--json", "--version"] {
            assert!(
                !own.contains(flag),
                "{name}: {flag} among its own options:\n{help}"
            );
        }
        assert!(!help.contains("-V"), "{name} offers -V:\n{help}");
        env.fails(&[&name, "-V"], 2);
    }
}

#[test]
fn every_command_s_help_has_examples_under_the_right_heading() {
    let env = Env::new();
    for name in command_names() {
        let help = env.ok(&[&name, "-h"]);
        let one = section(&help, "Example:");
        let many = section(&help, "Examples:");
        assert!(
            one.len() == 1 && many.is_empty() || one.is_empty() && many.len() > 1,
            "{name}: {} under \"Example:\", {} under \"Examples:\"\n{help}",
            one.len(),
            many.len()
        );
        for line in one.iter().chain(&many) {
            // An 80-column terminal would wrap a longer example, and its second line would read as a command.
            assert!(line.len() <= 80, "{name}: {line:?} is {} long", line.len());
        }
        for example in examples(&help) {
            assert!(example.starts_with("aipath "), "{name}: {example}");
            let parsed = Cli::command().try_get_matches_from(words(&example));
            assert!(
                parsed.is_ok(),
                "{name}: `{example}` does not parse: {parsed:?}"
            );
        }
    }
}

/// The examples run, one after the other on a fresh state, on the real day (none is in the future): all but those
/// that read a file the learner would have made, open a window (`--open`), or `reset` (it asks on a terminal and
/// names archives and paths the learner made; tests/cli/history.rs runs it), or `sync` (it needs a git remote;
/// tests/cli/sync.rs runs it).
#[test]
fn the_help_examples_run_on_any_day() {
    let env = Env::new();
    for name in command_names() {
        for example in examples(&env.ok(&[&name, "-h"])) {
            let words = words(&example);
            if words.iter().any(|w| {
                w.ends_with(".md") || w.ends_with(".yaml") || w.starts_with('~') || w == "--open"
            }) || words.get(1).is_some_and(|w| w == "reset" || w == "sync")
            {
                continue;
            }
            let args: Vec<&str> = words.iter().skip(1).map(String::as_str).collect();
            let out = env
                .cmd(&args)
                .env_remove("AIPATH_TODAY")
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(
                out.status.success(),
                "`{example}` failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn usage_errors_start_like_every_other_error_in_aipath_s_voice() {
    let env = Env::new();
    let err = env.fails(&["nxt"], 2);
    assert!(
        err.starts_with("aipath: error: unrecognized subcommand `nxt`\n\nUsage: aipath [OPTIONS] "),
        "{err}"
    );
    assert!(
        err.ends_with(
            "\naipath: hint: did you mean `next`?\naipath: hint: `aipath --help` shows what it takes.\n"
        ),
        "{err}"
    );
    let err = env.fails(&["next", "--limt", "3"], 2);
    assert!(
        err.starts_with("aipath: error: unexpected argument `--limt` found\n"),
        "{err}"
    );
    assert!(err.contains("\nUsage: aipath next "), "{err}");
    assert!(
        err.ends_with(
            "\naipath: hint: did you mean `--limit`?\naipath: hint: `aipath next --help` shows what it takes.\n"
        ),
        "{err}"
    );
    // An option the command does not take: clap's tip to pass it as a value after `--` is never what was meant.
    let err = env.fails(&["log", "3", "-n", "x"], 2);
    assert!(
        err.starts_with("aipath: error: unexpected argument `-n` found\n\nUsage: aipath log "),
        "{err}"
    );
    assert!(!err.contains("tip") && !err.contains(" `--`"), "{err}");
    assert_eq!(
        env.refused(&["history", "--limit", "0"], 2),
        Refused::new(
            "`0` is not a number of changes",
            &["give a whole number, 1 or more, e.g. 20"]
        )
    );
    let err = env.fails(&["plan", "--pace", "quick"], 2);
    assert!(
        err.starts_with("aipath: error: invalid value `quick` for `--pace <PACE>`"),
        "{err}"
    );
    assert!(
        err.contains("[possible values: fast, steady, relaxed]"),
        "{err}"
    );
    let err = env.fails(&["start"], 2);
    assert!(
        err.starts_with("aipath: error: the following required arguments were not provided:"),
        "{err}"
    );
    // What was typed never reaches the terminal as a control sequence.
    for typed in [
        "\u{1b}]0;owned\u{7}",
        "x\u{1b}[2Jy",
        "a\u{9b}31mb",
        "tab\there",
    ] {
        let err = env.fails(&[typed], 2);
        assert!(
            !err.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\t')),
            "{err:?}"
        );
    }
    assert_eq!(env.files(), Vec::<String>::new());
}

#[test]
fn dates_and_counts_are_refused_in_aipath_s_words() {
    let env = Env::new();
    let form = "write it as YYYY-MM-DD, e.g. 2026-01-05";
    for (args, error, hints) in [
        (
            &["plan", "--start", "2026-13-01"][..],
            "`2026-13-01` is not a date",
            &[form][..],
        ),
        (
            &["log", "1", "--date", "yesterday"],
            "`yesterday` is not a date",
            &[form],
        ),
        (
            &["plan", "--start", "2027-02-29"],
            "`2027-02-29` is not a date: February 2027 has 28 days",
            &[],
        ),
        (
            &["next", "--limit", "0"],
            "`0` is not a number of steps",
            &["give a whole number from 1 to 65535, e.g. 3"],
        ),
        (
            &["log", "--weeks", "many"],
            "`many` is not a number of weeks",
            &["give a whole number from 1 to 520, e.g. 12"],
        ),
    ] {
        assert_eq!(env.refused(args, 2), Refused::new(error, hints), "{args:?}");
    }
    let out = env
        .cmd(&["next"])
        .env("AIPATH_TODAY", "2026-1-5")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        Refused::of(&String::from_utf8_lossy(&out.stderr)),
        Refused::new(
            "AIPATH_TODAY: `2026-1-5` is not a date",
            &[form, "unset AIPATH_TODAY to use today's date"]
        )
    );
    assert_eq!(env.files(), Vec::<String>::new());
}
