//! A table for a pipe or a file, written directly: the same text comfy-table writes with the ASCII condensed style
//! and no width to fit, without its per-cell bookkeeping, which was most of `aipath plan`'s time on a path of
//! thousands of modules (a plan of megabytes). A test compares the two on generated tables.

use std::fmt;

use unicode_width::UnicodeWidthStr;

use super::Table;

/// The table as comfy-table would write it in a pipe, or `None` when it is not one this writer knows to be the same:
/// a terminal, colour, a cell of several lines, or a column too wide for comfy-table's 16-bit widths.
#[cfg(test)]
fn render(table: &Table) -> Option<String> {
    let widths = widths(table)?;
    let mut out = String::new();
    write(table, &widths, &mut out).ok()?;
    Some(out)
}

/// The columns' widths when the table is one this writer writes as comfy-table would (see [`render`]).
pub(super) fn widths(table: &Table) -> Option<Vec<usize>> {
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
    Some(widths)
}

/// Writes the table with these column widths, a line at a time (a plan's table is megabytes: it is never held whole
/// twice), without a line break after the last line, as comfy-table does.
pub(super) fn write(table: &Table, widths: &[usize], out: &mut impl fmt::Write) -> fmt::Result {
    // Aligned as `Table::comfy` aligns them: on the header's columns only.
    let right: Vec<usize> = table
        .right
        .iter()
        .copied()
        .filter(|&c| c < table.headers.len())
        .collect();
    let mut buffer = String::with_capacity(widths.iter().map(|w| w + 3).sum::<usize>() + 2);
    rule(&mut buffer, widths, '-', '+');
    line(
        &mut buffer,
        widths,
        &right,
        table.headers.iter().map(String::as_str),
    );
    rule(&mut buffer, widths, '=', '=');
    out.write_str(&buffer)?;
    for row in &table.rows {
        buffer.clear();
        line(
            &mut buffer,
            widths,
            &right,
            row.iter().map(|(text, _)| text.as_str()),
        );
        out.write_str(&buffer)?;
    }
    buffer.clear();
    rule(&mut buffer, widths, '-', '+');
    buffer.pop();
    out.write_str(&buffer)
}

/// A cell's width in columns, as comfy-table measures it; printable ASCII, nearly every cell, is one column a byte.
fn width(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        text.len()
    } else {
        text.width()
    }
}

/// `n` times `c` (a space or a border's character), pushed a slice at a time: rows padded to the widest cell are
/// mostly spaces, and pushing them one character at a time was most of the writing.
fn repeat(out: &mut String, c: char, n: usize) {
    const SPACES: &str = "                                                                ";
    const DASHES: &str = "----------------------------------------------------------------";
    const EQUALS: &str = "================================================================";
    let run = match c {
        ' ' => SPACES,
        '-' => DASHES,
        '=' => EQUALS,
        _ => {
            out.extend(std::iter::repeat_n(c, n));
            return;
        }
    };
    let mut left = n;
    while left > 0 {
        let take = left.min(run.len());
        out.push_str(&run[..take]);
        left -= take;
    }
}

/// A border line: `+-----+---+`, or the header's `+=========+`.
fn rule(out: &mut String, widths: &[usize], fill: char, junction: char) {
    out.push('+');
    for (i, &w) in widths.iter().enumerate() {
        if i > 0 {
            out.push(junction);
        }
        repeat(out, fill, w + 2);
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
                repeat(out, ' ', 1 + left);
                out.push_str(text);
                repeat(out, ' ', right_pad + 1);
            }
            None => repeat(out, ' ', w + 2),
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
                table.right.push(c);
            }
            for c in whole {
                table.whole.push(c);
            }
            let comfy = table.comfy(&vec![Some(usize::MAX); table.headers.len()]).to_string();
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
