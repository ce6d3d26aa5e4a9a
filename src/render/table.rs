//! Tables with comfy-table: fitted to the terminal's width on a terminal; in a pipe, never wrapped, so every row
//! stays on one line for `grep`, `awk` and `head`.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};

/// Where the output goes, decided once by `commands::shell`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub tty: bool,
    /// The terminal's width, when stdout is one and it is known.
    pub columns: Option<usize>,
    /// Whether styles (bold, dim) may be written: a terminal, and `NO_COLOR` not set.
    pub color: bool,
}

impl Screen {
    /// A pipe or a file: no width, no styles, one row per line.
    pub const PIPE: Screen = Screen {
        tty: false,
        columns: None,
        color: false,
    };

    pub fn table(self, headers: &[&str]) -> Table {
        let mut table = Table::new();
        if self.tty {
            table.load_style(presets::UTF8_FULL_CONDENSED);
            table.set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            table.load_style(presets::ASCII_FULL_CONDENSED);
            table.set_content_arrangement(ContentArrangement::Disabled);
            table.force_no_tty();
        }
        table.set_header(headers.to_vec());
        table
    }
}

/// Keeps a column's cells whole when the table is fitted to a narrow terminal: ids are typed back as commands,
/// and an id broken over two lines cannot be copied.
pub fn keep_whole(table: &mut Table, column: usize) {
    if let Some(c) = table.column_mut(column) {
        c.set_constraint(ColumnConstraint::ContentWidth);
    }
}

/// Hides a column on a terminal narrower than `min_width`, where it would squeeze the others into slivers.
pub fn hide_when_narrow(table: &mut Table, column: usize, min_width: u16) {
    let narrow = table.is_tty() && table.width().is_some_and(|w| w < min_width);
    if let (true, Some(c)) = (narrow, table.column_mut(column)) {
        c.set_constraint(ColumnConstraint::Hidden);
    }
}

/// Joins list items for one cell: on one line in a pipe, one per line on a terminal where the table may wrap.
pub fn list_cell(items: &[String], screen: Screen) -> String {
    if screen.tty {
        items.join("\n")
    } else {
        items.join(", ")
    }
}
