//! Tables with comfy-table: fitted to the terminal's width on a terminal; in a pipe, never wrapped, so every row
//! stays on one line for `grep`, `awk` and `head`.

use std::borrow::Cow;
use std::fmt;

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, presets};
use unicode_width::UnicodeWidthStr;

use super::text::one_line;

mod pipe;
#[cfg(test)]
mod props;
mod solve;
mod stacked;

use solve::{Layout, Measure, solve};

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
        Table {
            screen: self,
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            whole: Vec::new(),
            optional: Vec::new(),
            right: Vec::new(),
        }
    }
}

pub use super::text::Tone;

/// A tone as comfy-table colours a cell.
fn comfy_color(tone: Tone) -> comfy_table::Color {
    match tone {
        Tone::Good => comfy_table::Color::Green,
        Tone::Active => comfy_table::Color::Yellow,
        Tone::Muted => comfy_table::Color::DarkGrey,
        Tone::Bad => comfy_table::Color::Red,
    }
}

/// A table whose cells can never break a row: every cell passes through [`one_line`], so a title with a line break
/// or an escape sequence in a path file stays one row of visible text. Only a [`Cell::List`] spans lines, and only
/// on a terminal.
///
/// On a terminal the table is fitted to the width by [`solve`] without ever splitting a word, an id, a date or a
/// number: each column is at least as wide as its widest unbreakable unit (a whole cell for the columns named in
/// [`Table::keep_whole`], a word for free text); the columns named in [`Table::optional`] step aside only when the
/// table cannot fit otherwise, and a line under the table names them; when even the required columns cannot fit,
/// every row becomes a block of `Header: value` lines. In a pipe a table is never wrapped, so every row stays on one
/// line for `grep`, `awk` and `head`. Columns are configured by their header, never by position.
pub struct Table {
    screen: Screen,
    headers: Vec<String>,
    rows: Vec<Vec<(String, Option<Tone>)>>,
    whole: Vec<usize>,
    optional: Vec<(usize, u8)>,
    right: Vec<usize>,
}

/// One cell: a line of text, or a list (one item per line on a terminal, joined by its separator in a pipe); either
/// may carry a [`Tone`].
pub enum Cell {
    Line(String),
    List(Vec<String>, &'static str),
    Toned(Box<Cell>, Tone),
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
            Cell::Toned(cell, _) => cell.text(tty),
        }
    }

    /// [`Cell::text`], keeping the cell's own text where it is already one clean line (most cells: a plan's table
    /// has tens of thousands).
    fn into_text(self, tty: bool) -> String {
        match self {
            Cell::Line(text) => match one_line(&text) {
                Cow::Borrowed(_) => text,
                Cow::Owned(clean) => clean,
            },
            Cell::Toned(cell, _) => cell.into_text(tty),
            list => list.text(tty),
        }
    }

    /// This cell, coloured by `tone` where colour is wanted.
    pub fn toned(self, tone: Option<Tone>) -> Cell {
        match tone {
            Some(tone) => Cell::Toned(Box::new(self), tone),
            None => self,
        }
    }

    fn tone(&self) -> Option<Tone> {
        match self {
            Cell::Toned(_, tone) => Some(*tone),
            _ => None,
        }
    }
}

impl Table {
    pub fn add_row(&mut self, cells: impl IntoIterator<Item = Cell>) {
        let tty = self.screen.tty;
        self.rows.push(
            cells
                .into_iter()
                .map(|c| {
                    let tone = c.tone();
                    (c.into_text(tty), tone)
                })
                .collect(),
        );
    }

    /// The column headed `header`. Views name their own headers, so a name that is not one is a mistake in the
    /// view, caught by its tests.
    fn column(&self, header: &str) -> Option<usize> {
        let found = self.headers.iter().position(|h| h == header);
        debug_assert!(
            found.is_some(),
            "no column `{header}` in {:?}",
            self.headers
        );
        found
    }

    /// Keeps the column's cells whole (each line on one line): ids are typed back as commands, and an id broken over
    /// two lines cannot be copied; dates, numbers with their unit and bars read as one thing.
    pub fn keep_whole(&mut self, header: &str) {
        if let Some(c) = self.column(header) {
            self.whole.push(c);
        }
    }

    /// Lets the column step aside on a terminal too narrow for the table: the lowest `priority` first, and only when
    /// the table cannot fit otherwise.
    pub fn optional(&mut self, header: &str, priority: u8) {
        if let Some(c) = self.column(header) {
            self.optional.push((c, priority));
        }
    }

    /// Aligns a column of numbers to the right, as numbers are read.
    pub fn align_right(&mut self, header: &str) {
        if let Some(c) = self.column(header) {
            self.right.push(c);
        }
    }

    /// What each column needs: its widest unbreakable unit and its widest line, header included.
    fn measures(&self) -> Vec<Measure> {
        (0..self.headers.len())
            .map(|c| {
                let whole = self.whole.contains(&c);
                let cells = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|(text, _)| text.as_str())
                    .chain([self.headers[c].as_str()]);
                let (mut least, mut natural, mut list) = (0, 0, false);
                for line in cells.flat_map(|cell| {
                    list |= cell.contains('\n');
                    cell.lines()
                }) {
                    let width = line.width();
                    natural = natural.max(width);
                    least = least.max(if whole { width } else { widest_word(line) });
                }
                Measure {
                    least,
                    natural,
                    optional: self
                        .optional
                        .iter()
                        .find(|&&(o, _)| o == c)
                        .map(|&(_, p)| p),
                    list,
                }
            })
            .collect()
    }

    /// The table drawn by comfy-table with the columns' `widths` (`None` hides one): every cell wrapped here first,
    /// at spaces only, so comfy-table only draws.
    fn comfy(&self, widths: &[Option<usize>]) -> comfy_table::Table {
        let mut inner = comfy_table::Table::new();
        inner.set_content_arrangement(ContentArrangement::Disabled);
        if self.screen.tty {
            inner.load_style(presets::UTF8_FULL_CONDENSED);
        } else {
            inner.load_style(presets::ASCII_FULL_CONDENSED);
            inner.force_no_tty();
        }
        if self.screen.color {
            inner.enforce_styling();
        }
        let fit = |c: usize, text: &str| match widths.get(c).copied().flatten() {
            Some(w) if !self.whole.contains(&c) && text.lines().any(|l| l.width() > w) => {
                wrap(text, w)
            }
            _ => text.to_string(),
        };
        inner.set_header(self.headers.iter().enumerate().map(|(c, h)| fit(c, h)));
        for row in &self.rows {
            inner.add_row(row.iter().enumerate().map(|(c, (text, tone))| {
                let cell = comfy_table::Cell::new(fit(c, text));
                match tone {
                    Some(t) if self.screen.color => cell.fg(comfy_color(*t)),
                    _ => cell,
                }
            }));
        }
        for (column, width) in widths.iter().enumerate() {
            let Some(c) = inner.column_mut(column) else {
                continue;
            };
            if self.right.contains(&column) {
                c.set_cell_alignment(CellAlignment::Right);
            }
            if width.is_none() {
                c.set_constraint(ColumnConstraint::Hidden);
            }
        }
        inner
    }

    /// The line under a table that names the columns that stepped aside.
    fn hidden_note(&self, hidden: &[usize], width: usize) -> String {
        let mut names: Vec<usize> = hidden.to_vec();
        names.sort_unstable();
        let names: Vec<&str> = names.iter().map(|&c| self.headers[c].as_str()).collect();
        let note = format!(
            "Hidden at {width} columns: {} — widen the terminal or use --json",
            names.join(", ")
        );
        wrap(&note, width)
    }
}

/// The widest word of a line (an amount of hours counts as one): the narrowest a column of free text can be
/// without splitting one.
fn widest_word(line: &str) -> usize {
    super::text::widest_unit(line)
}

/// `text` wrapped to `width` at spaces, never inside a word: a word wider than `width` keeps a line of its own.
fn wrap(text: &str, width: usize) -> String {
    let options = super::text::wrapping(width.max(1));
    text.lines()
        .map(|line| textwrap::fill(line, &options))
        .collect::<Vec<_>>()
        .join("\n")
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(widths) = pipe::widths(self) {
            return pipe::write(self, &widths, f);
        }
        let width = self.screen.columns.filter(|_| self.screen.tty);
        match solve(&self.measures(), width) {
            Layout::Stacked(w) => f.write_str(&stacked::render(self, w)),
            Layout::Table { widths, hidden } => {
                self.comfy(&widths).fmt(f)?;
                match width {
                    Some(w) if !hidden.is_empty() => {
                        write!(f, "\n{}", self.hidden_note(&hidden, w))
                    }
                    _ => Ok(()),
                }
            }
        }
    }
}

/// A list of items for one cell: on one line in a pipe, one per line on a terminal where the table may wrap.
pub fn list_cell(items: &[String]) -> Cell {
    Cell::List(items.to_vec(), ", ")
}
