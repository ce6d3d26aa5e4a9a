//! On any terminal width (40, 60, 80 and 120 columns) every table keeps its words, ids, dates and numbers whole:
//! columns a learner can do without step aside, and a table that still cannot fit becomes one block of
//! `Header: value` lines per row. No line is wider than the terminal.

use unicode_width::UnicodeWidthStr;

use crate::support::{Env, on_terminal_of};

const WIDTHS: [u16; 4] = [40, 60, 80, 120];

/// Every command that prints a table.
const TABLES: [&str; 10] = [
    "next",
    "list",
    "status",
    "plan",
    "projects",
    "skills",
    "paths",
    "log",
    "resources",
    "tips",
];

/// The screen's lines for `args` on a terminal `columns` wide.
fn screen(env: &Env, columns: u16, args: &str) -> Vec<String> {
    let shown = on_terminal_of(env, columns, args, &[("PAGER", ""), ("NO_COLOR", "1")]);
    shown.lines().map(str::to_string).collect()
}

/// Whether some line shows `word` whole: as a table cell between borders, or as a stacked `Header: value`.
fn whole(lines: &[String], word: &str) -> bool {
    lines.iter().any(|l| {
        l.split(['│', '┆']).any(|cell| cell.trim() == word)
            || l.split_once(": ")
                .is_some_and(|(_, value)| value.trim() == word)
    })
}

/// A learner a few steps in: something done, something started, a choice, a session logged.
fn learner() -> Env {
    let env = Env::new();
    env.ok(&["done", "machine-learning-basics"]);
    env.ok(&["start", "math-foundations"]);
    env.ok(&["choose", "computer-vision"]);
    env.ok(&[
        "log",
        "1.5",
        "--module",
        "math",
        "--note",
        "eigenvectors and a long note that wraps",
    ]);
    env
}

#[test]
fn no_table_is_wider_than_the_terminal_at_any_width() {
    let env = learner();
    for columns in WIDTHS {
        for command in TABLES {
            let lines = screen(&env, columns, command);
            assert!(!lines.is_empty(), "{command} at {columns}");
            for line in &lines {
                // A single word longer than the terminal (a link) is left whole rather than split.
                let unbreakable = line
                    .split_once(": ")
                    .is_some_and(|(_, value)| !value.trim().contains(' '))
                    || !line.trim().contains(' ');
                assert!(
                    line.width() <= usize::from(columns) || unbreakable,
                    "{command} at {columns} columns: {line:?} is {} wide:\n{}",
                    line.width(),
                    lines.join("\n")
                );
            }
        }
    }
}

#[test]
fn ids_and_dates_stay_whole_at_any_width() {
    let env = learner();
    for columns in WIDTHS {
        let list = screen(&env, columns, "list");
        for word in [
            "machine-learning-basics",
            "deep-learning-foundations",
            "nlp-transformers",
            "2026-01-05",
        ] {
            assert!(
                whole(&list, word),
                "`{word}` broken at {columns}: {list:#?}"
            );
        }
        let next = screen(&env, columns, "next");
        assert!(
            whole(&next, "deep-learning-foundations"),
            "at {columns}: {next:#?}"
        );
        let projects = screen(&env, columns, "projects");
        assert!(
            whole(&projects, "distributed-training-pipeline"),
            "at {columns}: {projects:#?}"
        );
    }
}

#[test]
fn a_wide_terminal_shows_a_table_and_a_narrow_one_stacks_it() {
    let env = learner();
    let wide = screen(&env, 120, "list");
    assert!(wide.iter().any(|l| l.starts_with('┌')), "{wide:#?}");
    let narrow = screen(&env, 40, "list");
    assert!(!narrow.iter().any(|l| l.starts_with('┌')), "{narrow:#?}");
    assert!(
        narrow
            .iter()
            .any(|l| l.trim_start() == "Id: machine-learning-basics"),
        "{narrow:#?}"
    );
}

#[test]
fn free_text_wraps_at_words() {
    let env = learner();
    let lines = screen(&env, 40, "status");
    let schedule: Vec<&String> = lines
        .iter()
        .skip_while(|l| !l.starts_with("Schedule:"))
        .take(3)
        .collect();
    assert!(schedule.len() >= 2, "{lines:#?}");
    assert!(schedule.iter().all(|l| l.width() <= 40), "{lines:#?}");
}

#[test]
fn columns_names_the_width_on_a_terminal_and_a_pipe_ignores_it() {
    let env = learner();
    // Set after `stty`: the shell `script` starts updates COLUMNS to the terminal's width after each command.
    let out = env
        .script_command("stty rows 30 cols 160; COLUMNS=80 {aipath} list")
        .env("NO_COLOR", "1")
        .env("PAGER", "")
        .output()
        .expect("script (util-linux)");
    assert!(out.status.success(), "{out:?}");
    let fitted = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert!(fitted.starts_with('┌'), "{fitted}");
    assert!(
        fitted.lines().all(|l| l.width() <= 80),
        "COLUMNS=80 on a 160-column terminal:\n{fitted}"
    );
    assert!(
        screen(&env, 160, "list").iter().any(|l| l.width() > 80),
        "the terminal's own width shows a wider table"
    );
    // In a pipe every row stays one line, whatever COLUMNS says.
    let out = env
        .cmd(&["list"])
        .env("COLUMNS", "40")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let piped = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(piped, env.ok(&["list"]));
    assert!(piped.lines().all(|l| l.starts_with(['+', '|'])), "{piped}");
}
