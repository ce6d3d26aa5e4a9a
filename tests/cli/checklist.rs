//! `show`, `check`, `uncheck`: guides in the terminal and checklist ticks through the state file.

use crate::support::{Env, Refused, ids, on_terminal};

const MLB: &str = "machine-learning-basics";
const FIRST: &str = "Framing: I can classify a problem as classification, regression, ranking or clustering and name \
                     a sensible baseline for it.";
const SECOND: &str = "Pipeline built: I have a scikit-learn pipeline that trains from raw data and is saved as a \
                      single versioned artifact.";

/// The `checked` list of a module in `show --json`, as (number, checked).
fn boxes(env: &Env, module: &str) -> Vec<(u64, bool)> {
    env.json(&["show", module])["checklist"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| {
            (
                i["number"].as_u64().unwrap_or(0),
                i["checked"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

fn list_checklist(env: &Env, module: &str) -> (u64, u64) {
    let list = env.json(&["list"]);
    let row = list
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["id"] == module)
        .cloned()
        .unwrap_or_default();
    (
        row["checklist"]["checked"].as_u64().unwrap_or(99),
        row["checklist"]["total"].as_u64().unwrap_or(99),
    )
}

#[test]
fn show_renders_links_checkboxes_and_a_summary_instead_of_front_matter() {
    let env = Env::new();
    let out = env.ok(&["show", MLB]);
    assert!(
        out.starts_with(
            "Machine Learning Basics\n=======================\n\nAbout 56 hours of study; no prerequisites.\n\n\
             Overview\n--------\n\n"
        ),
        "{out}"
    );
    assert!(
        !out.contains("hours: 60")
            && !out.contains("id: machine-learning-basics")
            && !out.lines().any(|l| l == "---"),
        "{out}"
    );
    assert!(
        out.contains(
            "  - scikit-learn User Guide <https://scikit-learn.org/stable/user_guide.html> — scikit-learn developers."
        ),
        "{out}"
    );
    assert!(!out.contains("]("), "a raw markdown link is left: {out}");
    assert!(out.contains(&format!("\n  1. [ ] {FIRST}\n")), "{out}");
    // Code blocks are kept, indented.
    assert!(
        out.contains("\n    from sklearn.pipeline import Pipeline\n"),
        "{out}"
    );
    assert!(!out.contains('\x1b'), "escape codes in a pipe: {out:?}");
    assert!(
        out.ends_with(
            "Status: todo. Checklist: 0 of 9 checked. Tick an item with `aipath check machine-learning-basics <number>`.\n"
        ),
        "{out}"
    );
}

#[test]
fn show_summarizes_prerequisites_and_accepts_a_prefix() {
    let env = Env::new();
    let out = env.ok(&["show", "deep"]);
    assert!(
        out.contains(
            "\nAbout 84 hours of study; prerequisites: machine-learning-basics, math-foundations.\n"
        ),
        "{out}"
    );
}

#[test]
fn show_json_has_front_matter_sections_and_checklist_state() {
    let env = Env::new();
    env.ok(&["check", MLB, "2"]);
    let show = env.json(&["show", MLB]);
    assert_eq!(show["id"], MLB);
    assert_eq!(show["front_matter"]["hours"], 56.0);
    assert_eq!(show["front_matter"]["prerequisites"], serde_json::json!([]));
    let h2: Vec<&str> = show["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["level"] == 2)
        .filter_map(|s| s["title"].as_str())
        .collect();
    assert_eq!(
        h2,
        [
            "Overview",
            "Learning objectives",
            "Topics",
            "Resources",
            "Exercises",
            "Checklist"
        ]
    );
    assert_eq!(show["checklist"][1]["text"], SECOND);
    assert_eq!(boxes(&env, MLB)[..3], [(1, false), (2, true), (3, false)]);
    assert_eq!(
        show["progress"],
        serde_json::json!({"checked": 1, "total": 9})
    );
}

#[test]
fn check_and_uncheck_round_trip_through_the_state_file() {
    let env = Env::new();
    let out = env.ok(&["check", MLB, "1"]);
    assert_eq!(
        out,
        format!("`{MLB}`: checked item 1: {FIRST}\nChecklist: 1 of 9 checked.\n")
    );
    let state = env.state_string();
    assert!(state.contains(FIRST), "{state}");

    // By a case-insensitive prefix of its text; ticking again changes nothing.
    let out = env.ok(&["check", "mach", "PIPELINE b"]);
    assert!(
        out.starts_with(&format!("`{MLB}`: checked item 2: {SECOND}\n")),
        "{out}"
    );
    let before = env.state_bytes();
    let out = env.ok(&["check", MLB, "2"]);
    assert!(
        out.starts_with(&format!("`{MLB}`: item 2 was already checked")),
        "{out}"
    );
    assert_eq!(env.state_bytes(), before);

    let show = env.ok(&["show", MLB]);
    assert!(show.contains(&format!("\n  1. [x] {FIRST}\n")), "{show}");
    assert!(show.contains(&format!("\n  2. [x] {SECOND}\n")), "{show}");
    assert!(show.contains("\n  3. [ ] Splits:"), "{show}");
    assert!(show.contains("Checklist: 2 of 9 checked."), "{show}");
    assert_eq!(list_checklist(&env, MLB), (2, 9));
    let list = env.ok(&["list"]);
    let row = list.lines().find(|l| l.contains(MLB)).unwrap_or_default();
    assert!(row.contains(" 2/9 |"), "{list}");
    let status = env.json(&["status"]);
    assert_eq!(
        status["phases"][0]["checklist"],
        serde_json::json!({"checked": 2, "total": 27})
    );
    assert_eq!(status["overall"]["checklist"]["checked"], 2);
    let table = env.ok(&["status"]);
    let row = table
        .lines()
        .find(|l| l.contains("Core AI/ML Foundations"))
        .unwrap_or_default();
    assert!(row.contains("| 2/27 "), "{table}");

    let out = env.ok(&["uncheck", MLB, "1", "2"]);
    assert!(out.ends_with("Checklist: 0 of 9 checked.\n"), "{out}");
    assert_eq!(list_checklist(&env, MLB), (0, 9));
    let state = String::from_utf8(env.state_bytes().expect("the state is written")).expect("text");
    assert!(state.contains("\"started\": \"2026-01-05\""), "{state}");
    assert!(!state.contains("Framing"), "{state}");
}

#[test]
fn checking_every_item_suggests_done_in_check_show_and_next() {
    let env = Env::new();
    env.ok(&["start", MLB]);
    let all: Vec<String> = (1..=9).map(|n| n.to_string()).collect();
    let mut args = vec!["check", MLB];
    args.extend(all.iter().map(String::as_str));
    let out = env.ok(&args);
    assert!(
        out.ends_with(
            "Checklist: 9 of 9 checked. Every item is checked: `aipath done machine-learning-basics` marks the module done.\n"
        ),
        "{out}"
    );
    // Not done by itself.
    assert_eq!(crate::support::status_of(&env, MLB), "in-progress");
    let next = env.json(&["next"]);
    assert_eq!(next["steps"][0]["action"], "finish");
    assert_eq!(next["steps"][0]["id"], MLB);
    assert_eq!(
        next["steps"][0]["command"],
        "aipath done machine-learning-basics"
    );
    assert!(
        env.ok(&["next"])
            .contains("Next: `aipath done machine-learning-basics`")
    );

    // A todo module with every item ticked is offered as finished too.
    let mut args = vec!["check", "math"];
    args.extend(all.iter().map(String::as_str));
    env.ok(&args);
    let next = env.json(&["next"]);
    assert_eq!(ids(&next["steps"], "action")[..2], ["finish", "finish"]);
    assert_eq!(next["steps"][1]["command"], "aipath done math-foundations");

    // One item unticked: back to continuing.
    env.ok(&["uncheck", MLB, "9"]);
    assert_eq!(env.json(&["next"])["steps"][0]["action"], "continue");
}

#[test]
fn bad_modules_and_items_exit_two_and_leave_the_state_byte_for_byte() {
    let env = Env::new();
    env.ok(&["check", MLB, "1"]);
    let before = env.state_bytes();
    assert!(before.is_some());

    assert_eq!(
        env.refused(&["show", "machine-learnin-basics"], 2),
        Refused::new(
            "unknown module or project `machine-learnin-basics`",
            &[
                "did you mean `machine-learning-basics`?",
                "`aipath list` shows every id"
            ]
        )
    );
    let err = env.fails(&["check", "m", "1"], 2);
    assert!(err.contains("`m` is ambiguous"), "{err}");

    let err = env.fails(&["check", MLB, "10"], 2);
    assert_eq!(
        err,
        "aipath: error: module `machine-learning-basics` has checklist items 1 to 9, not 10\n"
    );
    let refused = env.refused(&["check", MLB, "deploy"], 2);
    assert_eq!(
        refused.error,
        "module `machine-learning-basics` has no checklist item starting `deploy`"
    );
    assert_eq!(refused.hints.len(), 1, "{refused:?}");
    assert!(
        refused.hints[0].starts_with(
            "give a number or the start of one of 1 `Framing: I can classify a probl…`, 2 `Pipeline built:"
        ),
        "{refused:?}"
    );
    // `s` starts `Splits:` and `Serving parity:`.
    let refused = env.refused(&["uncheck", MLB, "s"], 2);
    assert!(
        refused
            .error
            .starts_with("`s` starts 2 checklist items of `machine-learning-basics`: 3 `Splits:"),
        "{refused:?}"
    );
    assert!(
        refused.error.contains(", 9 `Serving parity:"),
        "{refused:?}"
    );
    assert_eq!(refused.hints, ["give a number or more of the text"]);
    // One bad item among good ones: nothing is written.
    env.fails(&["check", MLB, "2", "3", "nope"], 2);
    env.fails(&["check", MLB], 2);
    assert_eq!(env.state_bytes(), before);
}

#[test]
fn a_fresh_check_error_creates_no_file() {
    let env = Env::new();
    env.fails(&["check", MLB, "0"], 2);
    env.ok(&["show", MLB]);
    assert_eq!(env.files(), Vec::<String>::new());
}

/// A pager that records its arguments, `LESS`, and what it was given.
fn recording_pager(env: &Env) -> (String, std::path::PathBuf) {
    let log = env.path().join("pager.log");
    let script = env.path().join("pager.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"args: $* LESS=$LESS\" > '{0}'\ncat >> '{0}'\n",
            log.display()
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    (format!("{} --flag", script.display()), log)
}

#[test]
fn on_a_terminal_a_long_guide_goes_through_the_pager_styled_and_wrapped() {
    let env = Env::new();
    let (pager, log) = recording_pager(&env);
    let shown = on_terminal(&env, "show math", &[("PAGER", &pager)]);
    assert_eq!(shown, "", "printed besides the pager");
    let paged =
        std::fs::read_to_string(&log).unwrap_or_else(|e| panic!("the pager did not run: {e}"));
    assert!(
        paged.starts_with("args: --flag LESS=R\n\x1b[1mMath Foundations\x1b[0m\n"),
        "{paged:?}"
    );
    // Wrapped to the terminal; only code and addresses, which are never split, may run past it.
    let too_wide: Vec<&str> = paged
        .lines()
        .filter(|l| textwidth(l) > 70)
        .filter(|l| !l.starts_with("    ") && !l.contains("://"))
        .collect();
    assert_eq!(too_wide, Vec::<&str>::new());
    assert!(paged.lines().any(|l| textwidth(l) > 60), "{paged}");
}

#[test]
fn no_color_no_pager_and_a_missing_pager_print_plain_text_directly() {
    let env = Env::new();
    let (pager, log) = recording_pager(&env);
    let shown = on_terminal(
        &env,
        "show math --no-pager",
        &[("PAGER", &pager), ("NO_COLOR", "1")],
    );
    assert!(
        shown.starts_with("Math Foundations\n================\n"),
        "{shown}"
    );
    assert!(!shown.contains('\x1b'), "{shown:?}");
    assert!(!log.exists(), "--no-pager still paged");

    // A pager that cannot be started: the guide is printed directly, styled.
    let shown = on_terminal(&env, "show math", &[("PAGER", "/no/such/pager")]);
    assert!(shown.starts_with("\x1b[1mMath Foundations"), "{shown:?}");
    assert!(shown.contains("Status: todo."), "{shown}");

    // NO_COLOR set to nothing does not turn styling off.
    let shown = on_terminal(&env, "show math --no-pager", &[("NO_COLOR", "")]);
    assert!(shown.starts_with("\x1b[1mMath Foundations"), "{shown:?}");
}

/// The width of a line as shown, without escape codes.
fn textwidth(line: &str) -> usize {
    let mut width = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            width += 1;
        }
    }
    width
}
