//! Third-party text never reaches a terminal, a calendar or a markdown file as control characters, and no count of
//! days from a path or a log aborts the program (the hardening issue, the terminal side).

use crate::support::{Env, Refused, guide};

/// A path whose titles, topics and lists carry the escapes a hostile path file could hold: a window title, a screen
/// clear, hidden text, a clipboard write, and line breaks that would add rows or calendar properties.
const HOSTILE: &str = "id: mini
title: \"Mini\\e]0;owned\\a\\e[2J\"
phases:
  - id: basics
    title: \"Basics\\nINJECTED ROW\"
    weeks: { min: 2, max: 4 }
    groups:
      - modules: [alpha]
modules:
  - id: alpha
    title: \"Alpha\\e[8mhidden\\e]52;c;cHduZWQ=\\a\"
    topics: [\"One\\r\\nATTACH:http://evil\", \"Two|three\"]
resources:
  - { id: books, title: Books, items: [\"A book\\e[31m\"] }
tips:
  - { id: general, title: General, items: [\"Tip\\u009b2J\"] }
";

fn hostile(env: &Env) -> String {
    env.course(HOSTILE, &[("alpha", guide("alpha", ""))])
}

/// No byte of an escape sequence (ESC, BEL, CSI) nor a carriage return in `text`.
fn assert_inert(what: &str, text: &str) {
    for bad in ['\x1b', '\x07', '\u{9b}', '\r'] {
        assert!(
            !text.contains(bad),
            "{what}: {bad:?} reached the output:\n{text}"
        );
    }
}

#[test]
fn titles_topics_and_lists_show_their_escapes_instead_of_sending_them() {
    let env = Env::new();
    let file = hostile(&env);
    for args in [
        vec!["next"],
        vec!["list"],
        vec!["status"],
        vec!["plan"],
        vec!["plan", "--format", "markdown"],
        vec!["projects"],
        vec!["skills"],
        vec!["resources"],
        vec!["tips"],
        vec!["start", "alpha"],
    ] {
        let mut all = vec!["--path", file.as_str()];
        all.extend(&args);
        let out = env.ok(&all);
        assert_inert(&format!("{args:?}"), &out);
    }
    let next = env.ok(&["--path", &file, "next"]);
    assert!(
        next.contains("Alpha^[[8mhidden^[]52;c;cHduZWQ=^G"),
        "{next}"
    );
    let status = env.ok(&["--path", &file, "status"]);
    assert!(status.starts_with("Mini^[]0;owned^G^[[2J\n"), "{status}");
}

#[test]
fn a_line_break_in_a_title_never_adds_a_table_row() {
    let env = Env::new();
    let file = hostile(&env);
    let status = env.ok(&["--path", &file, "status"]);
    assert!(
        !status.lines().any(|l| l.starts_with("INJECTED")),
        "{status}"
    );
    assert!(status.contains("Basics INJECTED ROW"), "{status}");
    // One row per week in a pipe, the topic with a CR LF in it included.
    let plan = env.ok(&["--path", &file, "plan"]);
    let rows = plan.lines().filter(|l| l.starts_with("| ")).count();
    assert_eq!(rows, 1 + 3, "a header and three weeks:\n{plan}");
}

#[test]
fn a_markdown_plan_escapes_pipes_and_line_breaks_in_cells() {
    let env = Env::new();
    let file = hostile(&env);
    let md = env.ok(&["--path", &file, "plan", "--format", "markdown"]);
    assert!(md.contains("Two\\|three"), "{md}");
    let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(table.len(), 2 + 3, "header, rule and three weeks:\n{md}");
    // Seven unescaped bars on every line: six columns, whatever a cell holds.
    let bars = |l: &str| l.replace("\\|", "").matches('|').count();
    assert!(table.iter().all(|l| bars(l) == 7), "{md}");
}

#[test]
fn a_calendar_gets_no_injected_property_or_control_character() {
    let env = Env::new();
    let file = hostile(&env);
    let ics = env.ok(&["--path", &file, "plan", "--format", "ics"]);
    // Every line ends CRLF and no line of its own starts with the injected property.
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.ends_with("END:VCALENDAR\r\n"));
    for line in unfolded.split("\r\n") {
        assert!(!line.starts_with("ATTACH"), "{line}");
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "a control character in {line:?}"
        );
    }
    assert!(unfolded.contains("One\\nATTACH:http://evil"), "{unfolded}");
}

#[test]
fn an_error_quoting_what_was_typed_shows_its_escapes() {
    let env = Env::new();
    let err = env.fails(&["done", "x\x1b]0;owned\x07"], 2);
    assert_inert("error", &err);
    assert!(
        err.starts_with("aipath: error: unknown module or project `x^[]0;owned^G`"),
        "{err}"
    );
}

#[test]
fn a_forecast_beyond_three_years_is_said_in_words_and_logging_never_aborts() {
    let env = Env::new();
    let yaml = "id: slow\ntitle: Slow\nphases:\n  - { id: p, title: P, weeks: { min: 1, max: 4 }, groups: [{ modules: [alpha] }] }\nmodules:\n  - { id: alpha, title: Alpha }\n";
    let file = env.course(
        yaml,
        &[(
            "alpha",
            guide("alpha", "").replace("hours: 10", "hours: 10000"),
        )],
    );
    for day in ["2025-12-30", "2026-01-02"] {
        env.ok(&["--path", &file, "log", "0.01", "--date", day]);
    }
    let out = env.ok(&["--path", &file, "log", "0.01"]);
    assert!(
        out.starts_with("Logged 0.01 h for 2026-01-05 as session #3."),
        "{out}"
    );
    let status = env.json(&["--path", &file, "status"]);
    assert_eq!(status["forecast_finish"], serde_json::Value::Null);
    assert_eq!(
        status["forecast_note"],
        "at 0.03 h/week the rest takes more than 3 years"
    );
    // Each session logged once, not once more per retry after an abort.
    let sessions = env.json(&["--path", &file, "log"]);
    assert_eq!(sessions.as_array().map(Vec::len), Some(3));
}

#[test]
fn a_plan_that_would_run_past_the_calendar_is_refused_in_words() {
    let env = Env::new();
    assert_eq!(
        env.refused(&["plan", "--start", "9999-12-01"], 2),
        Refused::new(
            "a plan starting 9999-12-01 runs past 9999-12-31, the last day aipath's calendar knows",
            &["start earlier"]
        )
    );
}

#[test]
fn a_guide_shows_its_escapes_but_keeps_its_own_styles_on_a_terminal() {
    let env = Env::new();
    let yaml = "id: mini\ntitle: Mini\nphases:\n  - { id: p, title: P, weeks: { min: 1, max: 4 }, groups: [{ modules: [alpha] }] }\nmodules:\n  - { id: alpha, title: Alpha }\n";
    let text = "---\nid: alpha\nhours: 10\n---\n\n# Alpha\n\nRead \x1b]0;owned\x07 this `co\x1bde`.\n\n```\nprint(1)\x1b[2J\n```\n\n## Checklist\n- [ ] Item\x1b[8m hidden\n";
    let file = env.course(yaml, &[("alpha", text)]);
    let plain = env.ok(&["--path", &file, "show", "alpha", "--no-pager"]);
    assert_inert("show", &plain);
    assert!(
        plain.contains("Read ^[]0;owned^G this `co^[de`."),
        "{plain}"
    );
    assert!(plain.contains("print(1)^[[2J"), "{plain}");
    assert!(plain.contains("Item^[[8m hidden"), "{plain}");
    // On a terminal with colour the heading is bold, and the guide's own escapes are still only shown.
    let screen =
        crate::support::on_terminal(&env, &format!("--path '{file}' show alpha --no-pager"), &[]);
    assert!(screen.contains("\x1b[1m"), "styled:\n{screen}");
    assert!(!screen.contains("\x1b]0;owned"), "{screen}");
    assert!(!screen.contains("\x1b[8m"), "{screen}");
    assert!(!screen.contains("\x1b[2J"), "{screen}");
}

#[test]
fn a_path_id_that_names_a_file_is_refused_and_never_becomes_active() {
    let env = Env::new();
    let dir = env.path().join("home/.local/share/aipath/paths");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let yaml = crate::support::MINI.replace("id: mini", "id: ../../elsewhere/x");
    std::fs::write(dir.join("evil.yaml"), yaml).unwrap_or_else(|e| panic!("{e}"));
    let err = env.fails(&["use", "../../elsewhere/x"], 2);
    assert!(err.contains("unknown path `../../elsewhere/x`"), "{err}");
    assert_eq!(env.state_bytes(), None, "nothing written");
    // Listed by its file's name, with why it cannot be used: its id is never offered.
    let paths = env.ok(&["paths"]);
    assert!(
        paths.contains("the path's `id` must be lowercase letters, digits, `-` or `_`"),
        "{paths}"
    );
    assert!(!paths.contains("../../elsewhere"), "{paths}");
}
