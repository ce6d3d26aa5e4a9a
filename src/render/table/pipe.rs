//! A table for a pipe or a file, written directly: the same text comfy-table writes with the ASCII condensed style
//! and no width to fit, without its per-cell bookkeeping, which was most of `aipath plan`'s time on a path of
//! thousands of modules (a plan of megabytes). A test compares the two on generated tables.

use std::iter::repeat_n;

use unicode_width::UnicodeWidthStr;

use super::Table;

/// The table as comfy-table would write it in a pipe, or `None` when it is not one this writer knows to be the same:
/// a terminal, colour, a cell of several lines, or a column too wide for comfy-table's 16-bit widths.
pub(super) fn render(table: &Table) -> Option<String> {
    if table.screen.tty || table.screen.color {
        return None;
    }
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.headers.len()])
        .max()
        .unwrap_or(0);
    let mut widths = vec![1usize; columns];
    let cells = table.headers.iter().map(String::as_str).enumerate().chain(
        table
            .rows
            .iter()
            .flat_map(|row| row.iter().map(|(text, _)| text.as_str()).enumerate()),
    );
    for (column, text) in cells {
        if text.contains(['\n', '\r']) {
            return None;
        }
        widths[column] = widths[column].max(width(text));
    }
    if widths.iter().any(|&w| w > usize::from(u16::MAX)) {
        return None;
    }
    let total: usize = widths.iter().map(|w| w + 3).sum::<usize>() + 2;
    let mut out = String::with_capacity(total * (table.rows.len() + 4));
    // Aligned as `Table::comfy` aligns them: on the header's columns only.
    let right: Vec<usize> = table
        .right
        .iter()
        .copied()
        .filter(|&c| c < table.headers.len())
        .collect();
    rule(&mut out, &widths, '-', '+');
    line(
        &mut out,
        &widths,
        &right,
        table.headers.iter().map(String::as_str),
    );
    rule(&mut out, &widths, '=', '=');
    for row in &table.rows {
        line(
            &mut out,
            &widths,
            &right,
            row.iter().map(|(text, _)| text.as_str()),
        );
    }
    rule(&mut out, &widths, '-', '+');
    out.pop();
    Some(out)
}

/// A cell's width in columns, as comfy-table measures it; printable ASCII, nearly every cell, is one column a byte.
fn width(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        text.len()
    } else {
        text.width()
    }
}

/// A border line: `+-----+---+`, or the header's `+=========+`.
fn rule(out: &mut String, widths: &[usize], fill: char, junction: char) {
    out.push('+');
    for (i, &w) in widths.iter().enumerate() {
        if i > 0 {
            out.push(junction);
        }
        out.extend(repeat_n(fill, w + 2));
    }
    out.push_str("+\n");
}

/// A row: each cell padded to its column's width, to the left or (for a column of numbers) to the right; a row with
/// fewer cells than columns is filled with blanks.
fn line<'a>(
    out: &mut String,
    widths: &[usize],
    right: &[usize],
    mut cells: impl Iterator<Item = &'a str>,
) {
    out.push('|');
    for (column, &w) in widths.iter().enumerate() {
        if column > 0 {
            out.push('|');
        }
        match cells.next() {
            Some(text) => {
                let pad = w - width(text).min(w);
                let (left, right_pad) = if right.contains(&column) {
                    (pad, 0)
                } else {
                    (0, pad)
                };
                out.extend(repeat_n(' ', 1 + left));
                out.push_str(text);
                out.extend(repeat_n(' ', right_pad + 1));
            }
            None => out.extend(repeat_n(' ', w + 2)),
        }
    }
    out.push_str("|\n");
}

#[cfg(test)]
mod tests {
    use super::super::{Cell, Screen};
    use super::*;
    use proptest::prelude::*;

    const TEXTS: &[&str] = &[
        "",
        "a",
        "week 12",
        "Machine Learning Basics",
        "漢字",
        "e\u{301}te\u{301}",
        "🦀 crab",
        "  spaced  ",
        "x\u{200b}y",
        "1.5",
        "100",
    ];

    proptest! {
        #[test]
        fn a_pipe_table_is_what_comfy_table_writes(
            headers in proptest::collection::vec(0..TEXTS.len(), 1..5),
            rows in proptest::collection::vec(proptest::collection::vec(0..TEXTS.len(), 0..6), 0..6),
            right in proptest::collection::vec(0..5usize, 0..3),
            whole in proptest::collection::vec(0..5usize, 0..3),
        ) {
            let headers: Vec<&str> = headers.iter().map(|&i| TEXTS[i]).collect();
            let mut table = Screen::PIPE.table(&headers);
            for row in &rows {
                table.add_row(row.iter().map(|&i| Cell::from(TEXTS[i])));
            }
            for c in right {
                table.align_right(c);
            }
            for c in whole {
                table.keep_whole(c);
            }
            let comfy = table.comfy(None, &[]).to_string();
            prop_assert_eq!(render(&table), Some(comfy));
        }
    }

    #[test]
    fn a_terminal_or_colour_is_left_to_comfy_table() {
        let mut screen = Screen::PIPE;
        screen.color = true;
        assert_eq!(render(&screen.table(&["a"])), None);
        let mut table = Screen::PIPE.table(&["a"]);
        table.rows.push(vec![("two\nlines".to_string(), None)]);
        assert_eq!(render(&table), None);
    }
}
