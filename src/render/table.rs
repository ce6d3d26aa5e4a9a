//! Tables with comfy-table: fitted to the terminal's width on a terminal; in a pipe, never wrapped, so every row
//! stays on one line for `grep`, `awk` and `head`.

use std::borrow::Cow;
use std::fmt;

use comfy_table::{ColumnConstraint, ContentArrangement, presets};

use super::text::one_line;

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
        let mut inner = comfy_table::Table::new();
        if self.tty {
            inner.load_style(presets::UTF8_FULL_CONDENSED);
            inner.set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            inner.load_style(presets::ASCII_FULL_CONDENSED);
            inner.set_content_arrangement(ContentArrangement::Disabled);
            inner.force_no_tty();
        }
        inner.set_header(headers.to_vec());
        Table {
            inner,
            tty: self.tty,
        }
    }
}

/// A table whose cells can never break a row: every cell passes through [`one_line`], so a title with a line break
/// or an escape sequence in a path file stays one row of visible text. Only a [`Cell::List`] spans lines, and only
/// on a terminal.
pub struct Table {
    inner: comfy_table::Table,
    tty: bool,
}

/// One cell: a line of text, or a list (one item per line on a terminal, joined by its separator in a pipe).
pub enum Cell {
    Line(String),
    List(Vec<String>, &'static str),
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Line(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Line(text.to_string())
    }
}

impl Cell {
    /// The cell's text: on a terminal a list puts an item per line, elsewhere it joins them by its separator.
    pub fn text(&self, tty: bool) -> String {
        match self {
            Cell::Line(text) => one_line(text).into_owned(),
            Cell::List(items, separator) => {
                let items: Vec<Cow<str>> = items.iter().map(|i| one_line(i)).collect();
                items.join(if tty { "\n" } else { separator })
            }
        }
    }
}

impl Table {
    pub fn add_row(&mut self, cells: impl IntoIterator<Item = Cell>) {
        let tty = self.tty;
        self.inner
            .add_row(cells.into_iter().map(|c| c.text(tty)).collect::<Vec<_>>());
    }

    /// Keeps a column's cells whole when the table is fitted to a narrow terminal: ids are typed back as commands,
    /// and an id broken over two lines cannot be copied.
    pub fn keep_whole(&mut self, column: usize) {
        if let Some(c) = self.inner.column_mut(column) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }

    /// Hides a column on a terminal narrower than `min_width`, where it would squeeze the others into slivers.
    pub fn hide_when_narrow(&mut self, column: usize, min_width: u16) {
        let narrow = self.inner.is_tty() && self.inner.width().is_some_and(|w| w < min_width);
        if let (true, Some(c)) = (narrow, self.inner.column_mut(column)) {
            c.set_constraint(ColumnConstraint::Hidden);
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

/// A list of items for one cell: on one line in a pipe, one per line on a terminal where the table may wrap.
pub fn list_cell(items: &[String]) -> Cell {
    Cell::List(items.to_vec(), ", ")
}
