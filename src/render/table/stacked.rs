//! The layout for a terminal too narrow for a table's required columns: one block of `Header: value` lines per row,
//! each value wrapped under itself at spaces. A value whose widest unit does not fit beside its header starts on the
//! line below it, indented, so a word is never split and a line is only ever wider than the terminal when it holds
//! one word wider than the terminal (a link).

use unicode_width::UnicodeWidthStr;

use super::{Table, widest_word};
use crate::render::text::wrapping;

/// How far a value set below its header is indented.
const BELOW: usize = 2;

/// The table as blocks of `Header: value` lines, fitted to `width`.
pub(super) fn render(table: &Table, width: usize) -> String {
    let label = table.headers.iter().map(|h| h.width()).max().unwrap_or(0);
    let mut blocks = Vec::new();
    for row in &table.rows {
        let mut block = String::new();
        for (column, (header, (text, tone))) in table.headers.iter().zip(row).enumerate() {
            // An empty value has nothing to say beside its header.
            if text.trim().is_empty() {
                continue;
            }
            let value = text.replace('\n', ", ");
            let whole = table.whole.contains(&column);
            let unit = if whole {
                value.width()
            } else {
                widest_word(&value)
            };
            let filled = field(header, &value, label, unit, width, whole);
            let filled = match tone {
                Some(t) => filled.replacen(&value, &t.paint(&value, table.screen), 1),
                None => filled,
            };
            block.push_str(&filled);
            block.push('\n');
        }
        blocks.push(block);
    }
    // A blank line after the last block too, as between blocks, sets the records apart from what follows.
    blocks.join("\n")
}

/// One `Header: value` field: the value beside its header when its widest `unit` fits there, else on the lines
/// below it. A `whole` value is never wrapped.
fn field(
    header: &str,
    value: &str,
    label: usize,
    unit: usize,
    width: usize,
    whole: bool,
) -> String {
    let beside = label + 2;
    if beside + unit <= width {
        // A column without a header (a marker such as the active path's `*`) shows its value alone.
        let colon = if header.is_empty() { ' ' } else { ':' };
        let lead = format!("{header:>label$}{colon} ");
        return fill(value, width, &lead, &" ".repeat(beside), whole);
    }
    let indent = " ".repeat(BELOW);
    format!("{header}:\n{}", fill(value, width, &indent, &indent, whole))
}

/// `value` after `first`, wrapped at spaces to `width` with `rest` before each further line; a `whole` value stays on
/// one line.
fn fill(value: &str, width: usize, first: &str, rest: &str, whole: bool) -> String {
    if whole {
        return format!("{first}{value}");
    }
    let options = wrapping(width)
        .initial_indent(first)
        .subsequent_indent(rest);
    textwrap::fill(value, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_beside_its_header_wraps_under_itself_and_a_wider_one_starts_below() {
        assert_eq!(
            field("Topics", "Linear algebra, Calculus", 6, 8, 20, false),
            "Topics: Linear\n        algebra,\n        Calculus"
        );
        assert_eq!(
            field("Id", "software-developer-to-ai-engineer", 6, 33, 30, true),
            "Id:\n  software-developer-to-ai-engineer"
        );
        assert_eq!(field("", "*", 6, 1, 30, true), "        *");
    }
}
