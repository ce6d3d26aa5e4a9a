//! On a narrow terminal (70 columns) tables keep ids and dates whole and let the columns a learner can do without
//! step aside, rather than breaking every cell mid-word.

use crate::support::{Env, on_terminal};

/// The screen's lines for `args` on a 70-column terminal.
fn screen(env: &Env, args: &str) -> Vec<String> {
    let shown = on_terminal(env, args, &[("PAGER", "")]).unwrap_or_default();
    shown.lines().map(str::to_string).collect()
}

/// Whether some line shows `word` whole, between cell borders.
fn whole(lines: &[String], word: &str) -> bool {
    lines
        .iter()
        .any(|l| l.split(['│', '┆']).any(|cell| cell.trim() == word))
}

#[test]
fn next_keeps_ids_whole_and_drops_the_title() {
    let env = Env::new();
    let lines = screen(&env, "next");
    assert!(lines.iter().all(|l| l.chars().count() <= 70), "{lines:#?}");
    for id in ["machine-learning-basics", "deep-learning-foundations"] {
        assert!(whole(&lines, id), "`{id}` broken: {lines:#?}");
    }
    assert!(!lines.iter().any(|l| l.contains("Title")), "{lines:#?}");
}

#[test]
fn list_keeps_ids_and_dates_whole() {
    let env = Env::new();
    env.ok(&["done", "machine-learning-basics"]);
    let lines = screen(&env, "list");
    assert!(lines.iter().all(|l| l.chars().count() <= 70), "{lines:#?}");
    for word in [
        "machine-learning-basics",
        "deep-learning-foundations",
        "nlp-transformers",
        "2026-01-05",
    ] {
        assert!(whole(&lines, word), "`{word}` broken: {lines:#?}");
    }
    assert!(!lines.iter().any(|l| l.contains("Title")), "{lines:#?}");
}

#[test]
fn projects_keep_ids_whole() {
    let env = Env::new();
    let lines = screen(&env, "projects");
    let table: Vec<String> = lines
        .iter()
        .filter(|l| l.starts_with(['│', '┌', '└', '╞']))
        .cloned()
        .collect();
    assert!(table.iter().all(|l| l.chars().count() <= 70), "{lines:#?}");
    assert!(whole(&lines, "distributed-training-pipeline"), "{lines:#?}");
    // A module id and its status may part at the space between them, never inside the id.
    assert!(
        lines.iter().any(|l| l
            .split(['│', '┆'])
            .any(|c| c.trim().starts_with("deep-learning-foundations"))),
        "{lines:#?}"
    );
}
