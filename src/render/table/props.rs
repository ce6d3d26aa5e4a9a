//! The table's promises, checked on generated tables at every terminal width from 20 to 200: every word whole on one
//! line, no line wider than the terminal unless it is one word wider than the terminal, every column shown or named
//! as hidden, and a wider terminal never hiding more (nor stacking a table a narrower one could show).

use std::collections::HashSet;

use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

use super::{Cell, Screen, Table};

/// A generated column: whole or free text, optional with a priority, its cells.
#[derive(Debug, Clone)]
struct Column {
    whole: bool,
    optional: Option<u8>,
    right: bool,
    cells: Vec<String>,
}

/// A word: mostly short, sometimes an id's length or an amount of hours (`1.5 h/week`, one unit with its space),
/// now and then a link wider than a narrow terminal.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z]{1,9}",
        1 => "[0-9]{1,3}(\\.[0-9])? h(/week)?",
        2 => "[a-z]{3,10}-[a-z]{3,12}(-[a-z]{3,8})?",
        1 => "https://[a-z]{8,30}/[a-z]{8,30}",
    ]
}

/// A cell of free text: up to six words, or a list of two lines.
fn text_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(word(), 0..6).prop_map(|w| w.join(" ")),
        1 => proptest::collection::vec(word(), 2..4).prop_map(|w| w.join("\n")),
    ]
}

fn column(rows: usize) -> impl Strategy<Value = Column> {
    (any::<bool>(), proptest::option::of(1u8..4), any::<bool>()).prop_flat_map(
        move |(whole, optional, right)| {
            let cell = if whole {
                word().boxed()
            } else {
                text_cell().boxed()
            };
            proptest::collection::vec(cell, rows).prop_map(move |cells| Column {
                whole,
                optional,
                right,
                cells,
            })
        },
    )
}

fn table_columns() -> impl Strategy<Value = Vec<Column>> {
    (1usize..6).prop_flat_map(|rows| proptest::collection::vec(column(rows), 1..7))
}

fn render(columns: &[Column], width: usize) -> String {
    let headers: Vec<String> = (0..columns.len()).map(|c| format!("Col{c}")).collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let screen = Screen {
        tty: true,
        columns: Some(width),
        color: false,
    };
    let mut table: Table = screen.table(&headers);
    for (c, column) in columns.iter().enumerate() {
        if column.whole {
            table.keep_whole(headers[c]);
        }
        if let Some(p) = column.optional {
            table.optional(headers[c], p);
        }
        if column.right {
            table.align_right(headers[c]);
        }
    }
    for r in 0..columns[0].cells.len() {
        table.add_row(columns.iter().map(|c| match c.cells[r].split_once('\n') {
            Some(_) => Cell::List(c.cells[r].lines().map(str::to_string).collect(), ", "),
            None => Cell::from(c.cells[r].as_str()),
        }));
    }
    table.to_string()
}

/// What one rendering shows: stacked or not, the columns it names as hidden, the headers its table shows, and every
/// whole word on a line.
struct Shown {
    stacked: bool,
    hidden: Vec<String>,
    headers: HashSet<String>,
    words: HashSet<String>,
}

fn shown(out: &str) -> Shown {
    let stacked = !out.starts_with('┌');
    let note: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Hidden at "))
        .collect();
    let note = note.join(" ");
    let hidden = note
        .split_once(": ")
        .and_then(|(_, rest)| rest.split_once(" — "))
        .map(|(names, _)| names.split(", ").map(str::to_string).collect())
        .unwrap_or_default();
    let tokens = |line: &str| -> Vec<String> {
        line.split(['│', '┆'])
            .flat_map(str::split_whitespace)
            // A stacked list joins its items with commas.
            .map(|t| t.trim_end_matches(',').to_string())
            .collect()
    };
    let headers = out
        .lines()
        .take_while(|l| !l.starts_with('╞'))
        .flat_map(tokens)
        .collect();
    let words = out.lines().flat_map(tokens).collect();
    Shown {
        stacked,
        hidden,
        headers,
        words,
    }
}

/// The amounts of hours in a cell: a number and the unit after it.
fn amounts(cell: &str) -> Vec<String> {
    let words: Vec<&str> = cell.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| w[0].chars().all(|c| c.is_ascii_digit() || c == '.') && w[1].starts_with('h'))
        .map(|w| w.join(" "))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn at_every_width_words_stay_whole_lines_fit_and_hidden_columns_are_named(
        columns in table_columns()
    ) {
        let mut wider: Option<Shown> = None;
        for width in (20..=200).rev() {
            let out = render(&columns, width);
            let now = shown(&out);
            for line in out.lines() {
                prop_assert!(
                    line.width() <= width || !line.trim().contains(' '),
                    "a line {} wide at {width}: {line:?}\n{out}", line.width()
                );
            }
            for (c, column) in columns.iter().enumerate() {
                let header = format!("Col{c}");
                let hidden = now.hidden.contains(&header);
                prop_assert!(!hidden || column.optional.is_some(), "{header} is required\n{out}");
                prop_assert!(
                    now.stacked || hidden != now.headers.contains(&header),
                    "{header} neither shown nor named as hidden at {width}\n{out}"
                );
                if hidden {
                    continue;
                }
                for word in column.cells.iter().flat_map(|c| c.split_whitespace()) {
                    prop_assert!(now.words.contains(word), "`{word}` split at {width}\n{out}");
                }
                for amount in column.cells.iter().flat_map(|c| amounts(c)) {
                    prop_assert!(out.contains(&amount), "`{amount}` split at {width}\n{out}");
                }
            }
            if let Some(wider) = &wider {
                prop_assert!(!wider.stacked || now.stacked, "stacked at {} but not at {width}", width + 1);
                for header in &wider.hidden {
                    prop_assert!(
                        now.stacked || now.hidden.contains(header),
                        "{header} hidden at {} but not at {width}", width + 1
                    );
                }
            }
            wider = Some(now);
        }
    }
}
