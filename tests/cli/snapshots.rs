//! What every view shows, pinned in snapshots (insta): each command run in-process (`run_in_memory`) at 40,
//! 60, 80, 100, 120 and 160 columns and as JSON, for a fresh learner and one mid-journey, with today fixed and no
//! colour, so the snapshots are the same on any machine. `cargo insta review` (or `INSTA_UPDATE=always cargo test
//! snapshots`) takes a change that means them to change.

use aipath::commands::run_in_memory;
use aipath::render::Screen;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

/// The widths every view is shown at.
const WIDTHS: [usize; 6] = [40, 60, 80, 100, 120, 160];

/// The day and time every command runs at.
const NOW: &str = "2026-03-02T09:00:00+00:00[UTC]";

/// A learner with their own state file.
struct Learner {
    dir: TempDir,
}

impl Learner {
    fn fresh() -> Learner {
        Learner {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("{e}")),
        }
    }

    /// Some weeks in: a module done, one started with two checklist items ticked, a specialization chosen and two
    /// sessions logged.
    fn mid_journey() -> Learner {
        let learner = Learner::fresh();
        for args in [
            &["done", "machine-learning-basics"][..],
            &["start", "math-foundations"],
            &["check", "math-foundations", "1", "2"],
            &["choose", "computer-vision"],
            &[
                "log",
                "1.5",
                "--module",
                "math-foundations",
                "--date",
                "2026-02-27",
            ],
            &[
                "log",
                "2",
                "--note",
                "eigenvectors, and why a covariance matrix is symmetric",
            ],
        ] {
            learner.run(args, Screen::PIPE, false);
        }
        learner
    }

    /// What `aipath ARGS` prints on `screen`, as JSON when `json`; an error is printed as `main` prints it.
    fn run(&self, args: &[&str], screen: Screen, json: bool) -> String {
        let state = self.dir.path().join("state.yaml").display().to_string();
        let mut words = vec!["aipath", "--state", &state];
        words.extend(args);
        let now = NOW.parse().unwrap_or_else(|e| panic!("{e}"));
        let (mut out, result) = run_in_memory(&words, screen, json, now);
        if let Err(e) = result {
            let report = aipath::error::Report::of(&e);
            out.push_str(&aipath::commands::error_lines(
                &report.message,
                &report.hints,
            ));
        }
        out.replace(&state, "state.yaml")
    }

    /// The command at every width and as JSON, one after another, each under a line that says which.
    fn every_width(&self, args: &[&str]) -> String {
        let mut out = String::new();
        for width in WIDTHS {
            let screen = Screen {
                tty: true,
                columns: Some(width),
                color: false,
            };
            out.push_str(&format!("──── {width} columns ────\n"));
            out.push_str(&self.run(args, screen, false));
        }
        out.push_str("──── --json ────\n");
        out.push_str(&self.run(args, Screen::PIPE, true));
        steady(&out)
    }
}

/// The text with what differs between runs put in words: an event's id, made from the clock.
fn steady(text: &str) -> String {
    text.lines()
        .map(|line| {
            let value = line.trim_start().strip_prefix("\"id\": \"");
            let uuid = value.is_some_and(|v| v.len() == 38 && v.as_bytes()[8] == b'-');
            if uuid {
                let indent = &line[..line.len() - line.trim_start().len()];
                format!("{indent}\"id\": \"[event id]\",\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

/// The commands a learner reads their progress with.
const VIEWS: [(&str, &[&str]); 14] = [
    ("dashboard", &[]),
    ("next", &["next"]),
    ("list", &["list"]),
    ("status", &["status"]),
    ("plan", &["plan"]),
    ("projects", &["projects"]),
    ("skills", &["skills"]),
    ("paths", &["paths"]),
    ("log", &["log"]),
    ("hours_chart", &["log", "--weeks", "8"]),
    ("history", &["history"]),
    ("resources", &["resources"]),
    ("tips", &["tips"]),
    ("archives", &["reset", "--list"]),
];

#[test]
fn every_view_of_a_fresh_learner_at_every_width() {
    let learner = Learner::fresh();
    for (name, args) in VIEWS {
        insta::assert_snapshot!(format!("fresh_{name}"), learner.every_width(args));
    }
}

#[test]
fn every_view_of_a_learner_mid_journey_at_every_width() {
    let learner = Learner::mid_journey();
    for (name, args) in VIEWS {
        insta::assert_snapshot!(format!("mid_journey_{name}"), learner.every_width(args));
    }
}

/// The words of a screen, as a table's borders and a stacked layout's commas part them.
fn tokens(screen: &str) -> Vec<String> {
    screen
        .lines()
        .flat_map(|l| l.split(['│', '┆']))
        .flat_map(str::split_whitespace)
        .map(|t| t.trim_matches([',', '`', '(', ')', ';']).to_string())
        .collect()
}

/// The columns a screen names as hidden, from its `Hidden at N columns: A, B — …` line.
fn hidden(screen: &str) -> Vec<String> {
    let note: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.starts_with("Hidden at "))
        .collect();
    note.join(" ")
        .split_once(": ")
        .and_then(|(_, rest)| rest.split_once(" — "))
        .map(|(names, _)| names.split(", ").map(str::to_string).collect())
        .unwrap_or_default()
}

/// Every `"id"` in a view's JSON.
fn ids_in(json: &serde_json::Value, ids: &mut Vec<String>) {
    match json {
        serde_json::Value::Array(items) => items.iter().for_each(|v| ids_in(v, ids)),
        serde_json::Value::Object(fields) => {
            for (key, value) in fields {
                match value.as_str() {
                    Some(id) if key == "id" => ids.push(id.to_string()),
                    _ => ids_in(value, ids),
                }
            }
        }
        _ => {}
    }
}

#[test]
fn at_every_width_from_20_to_200_no_id_splits_and_a_wider_screen_hides_no_more() {
    let learner = Learner::mid_journey();
    learner.run(&["start", "scalable-ml-api-service"], Screen::PIPE, false);
    let ids: Vec<String> = ["list", "projects"]
        .iter()
        .flat_map(|view| {
            let json: serde_json::Value =
                serde_json::from_str(&learner.run(&[view], Screen::PIPE, true))
                    .unwrap_or_else(|e| panic!("{e}"));
            let mut ids = Vec::new();
            ids_in(&json, &mut ids);
            ids
        })
        .collect();
    assert!(ids.len() > 10, "{ids:?}");
    // Every width for the views with columns that step aside; every ninth for the rest (the plan is the slowest),
    // which keeps this test to seconds beside the rest of the suite.
    let every = |view: &str| match view {
        "next" | "list" | "projects" | "paths" => 1,
        _ => 9,
    };
    for view in [
        "next", "list", "projects", "paths", "status", "skills", "log", "plan",
    ] {
        let mut wider: Option<(bool, Vec<String>)> = None;
        for width in (20..=200).rev().step_by(every(view)) {
            let screen = Screen {
                tty: true,
                columns: Some(width),
                color: false,
            };
            let shown = learner.run(&[view], screen, false);
            for line in shown.lines() {
                assert!(
                    line.width() <= width || !line.trim().contains(' '),
                    "{view} at {width}: {line:?}\n{shown}"
                );
            }
            for token in tokens(&shown) {
                assert!(
                    ids.contains(&token)
                        || !ids
                            .iter()
                            .any(|id| id.starts_with(&token) && token.contains('-')),
                    "{view} at {width}: `{token}` is part of an id\n{shown}"
                );
            }
            // A stacked screen hides nothing; once stacked, every narrower screen is too.
            let now = (!shown.contains('┌'), hidden(&shown));
            if let Some((stacked, names)) = &wider {
                let was = width + every(view);
                assert!(
                    !stacked || now.0,
                    "{view}: stacked at {was} but not at {width}"
                );
                assert!(
                    now.0 || names.iter().all(|h| now.1.contains(h)),
                    "{view}: {names:?} hidden at {was} but {:?} at {width}",
                    now.1
                );
            }
            wider = Some(now);
        }
    }
}
