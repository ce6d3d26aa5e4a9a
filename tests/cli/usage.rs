//! The command line as typed: every error in aipath's one voice, values refused in its own words with the form they
//! take, and help that keeps the global options apart.

use crate::support::Env;

#[test]
fn usage_errors_start_like_every_other_error_and_keep_clap_s_tips() {
    let env = Env::new();
    let err = env.fails(&["nxt"], 2);
    assert_eq!(
        err,
        "aipath: error: unrecognized subcommand 'nxt'\n\n  tip: a similar subcommand exists: 'next'\n\n\
         Usage: aipath [OPTIONS] <COMMAND>\n\nFor more information, try '--help'.\n"
    );
    let err = env.fails(&["next", "--limt", "3"], 2);
    assert!(
        err.starts_with("aipath: error: unexpected argument '--limt' found\n"),
        "{err}"
    );
    assert!(
        err.contains("tip: a similar argument exists: '--limit'"),
        "{err}"
    );
    assert!(err.contains("\nUsage: aipath next "), "{err}");
    let err = env.fails(&["plan", "--pace", "quick"], 2);
    assert!(
        err.starts_with("aipath: error: invalid value 'quick' for '--pace <PACE>'"),
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
    for (args, says) in [
        (
            &["plan", "--start", "2026-13-01"][..],
            "`2026-13-01` is not a date: write it as YYYY-MM-DD, e.g. 2026-01-05",
        ),
        (
            &["log", "1", "--date", "yesterday"],
            "`yesterday` is not a date: write it as YYYY-MM-DD, e.g. 2026-01-05",
        ),
        (
            &["plan", "--start", "2027-02-29"],
            "`2027-02-29` is not a date: February 2027 has 28 days",
        ),
        (
            &["next", "--limit", "0"],
            "`0` is not a number of steps: give a whole number from 1 to 65535, e.g. 3",
        ),
        (
            &["log", "--weeks", "many"],
            "`many` is not a number of weeks: give a whole number from 1 to 520, e.g. 12",
        ),
    ] {
        assert_eq!(
            env.fails(args, 2),
            format!("aipath: error: {says}\n"),
            "{args:?}"
        );
    }
    let out = env
        .cmd(&["next"])
        .env("AIPATH_TODAY", "2026-1-5")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "aipath: error: AIPATH_TODAY: `2026-1-5` is not a date: write it as YYYY-MM-DD, e.g. 2026-01-05; or unset \
         AIPATH_TODAY to use today's date\n"
    );
    assert_eq!(env.files(), Vec::<String>::new());
}
