//! Tables with comfy-table: fitted to the terminal's width on a terminal; in a pipe, never wrapped, so every row
//! stays on one line for `grep`, `awk` and `head`.

use std::borrow::Cow;
use std::fmt;

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Width, presets};
use unicode_width::UnicodeWidthStr;

use super::text::one_line;

mod pipe;

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
            hidden_below: Vec::new(),
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
/// On a terminal the table is fitted to the width without ever splitting a word, an id, a date or a number: each
/// column is at least as wide as its longest word (ids and dates whole, see [`Table::keep_whole`]), the columns a
/// learner can do without step aside first ([`Table::hide_when_narrow`]), and when even that does not fit, every row
/// becomes a block of `Header: value` lines. In a pipe a table is never wrapped, so every row stays on one line for
/// `grep`, `awk` and `head`.
pub struct Table {
    screen: Screen,
    headers: Vec<String>,
    rows: Vec<Vec<(String, Option<Tone>)>>,
    whole: Vec<usize>,
    hidden_below: Vec<(usize, usize)>,
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

/// Padding and a border: what a column costs beyond its text.
const COLUMN_EXTRA: usize = 3;

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

    /// Keeps a column's cells whole (each line on one line) when the table is fitted to a narrow terminal: ids are
    /// typed back as commands, and an id broken over two lines cannot be copied.
    pub fn keep_whole(&mut self, column: usize) {
        self.whole.push(column);
    }

    /// Lets a column step aside on a terminal too narrow for the table, in the order the columns are named here (the
    /// one a learner can best do without first): from `min_width` columns down it is always hidden, and above that
    /// only when the table would not fit with it.
    pub fn hide_when_narrow(&mut self, column: usize, min_width: u16) {
        self.hidden_below.push((column, usize::from(min_width)));
    }

    /// Aligns a column of numbers to the right, as numbers are read.
    pub fn align_right(&mut self, column: usize) {
        self.right.push(column);
    }

    /// The columns that step aside on this terminal: those below their width, then as many more (in order) as the
    /// table needs to fit.
    fn hidden_columns(&self) -> Vec<usize> {
        let Some(width) = self.screen.columns.filter(|_| self.screen.tty) else {
            return Vec::new();
        };
        let mut hidden: Vec<usize> = self
            .hidden_below
            .iter()
            .filter(|&&(_, min)| width < min)
            .map(|&(c, _)| c)
            .collect();
        for &(column, _) in &self.hidden_below {
            if self.needed(&hidden) <= width {
                break;
            }
            if !hidden.contains(&column) {
                hidden.push(column);
            }
        }
        hidden
    }

    /// The width the table needs with `hidden` columns left out and no word split.
    fn needed(&self, hidden: &[usize]) -> usize {
        1 + (0..self.headers.len())
            .filter(|c| !hidden.contains(c))
            .map(|c| self.least_width(c) + COLUMN_EXTRA)
            .sum::<usize>()
    }

    /// The narrowest a column can be without splitting a word (or, for a whole column, a line).
    fn least_width(&self, column: usize) -> usize {
        let whole = self.whole.contains(&column);
        let widest = |text: &str| -> usize {
            text.lines()
                .flat_map(|line| {
                    if whole {
                        vec![line]
                    } else {
                        line.split_whitespace().collect()
                    }
                })
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0)
        };
        self.rows
            .iter()
            .filter_map(|r| r.get(column))
            .map(|(text, _)| widest(text))
            .chain(self.headers.get(column).map(|h| widest(h)))
            .max()
            .unwrap_or(0)
    }

    fn comfy(&self, width: Option<usize>, hidden: &[usize]) -> comfy_table::Table {
        let mut inner = comfy_table::Table::new();
        if self.screen.tty {
            inner.load_style(presets::UTF8_FULL_CONDENSED);
            inner.set_content_arrangement(ContentArrangement::Dynamic);
            if let Some(w) = width {
                inner.set_width(u16::try_from(w).unwrap_or(u16::MAX));
            }
        } else {
            inner.load_style(presets::ASCII_FULL_CONDENSED);
            inner.set_content_arrangement(ContentArrangement::Disabled);
            inner.force_no_tty();
        }
        if self.screen.color {
            inner.enforce_styling();
        }
        inner.set_header(self.headers.clone());
        for row in &self.rows {
            inner.add_row(row.iter().map(|(text, tone)| {
                let cell = comfy_table::Cell::new(text);
                match tone {
                    Some(t) if self.screen.color => cell.fg(comfy_color(*t)),
                    _ => cell,
                }
            }));
        }
        for column in 0..self.headers.len() {
            let least = self.least_width(column);
            let Some(c) = inner.column_mut(column) else {
                continue;
            };
            if self.right.contains(&column) {
                c.set_cell_alignment(CellAlignment::Right);
            }
            if hidden.contains(&column) {
                c.set_constraint(ColumnConstraint::Hidden);
            } else if self.whole.contains(&column) {
                c.set_constraint(ColumnConstraint::ContentWidth);
            } else if width.is_some() {
                let least = u16::try_from(least).unwrap_or(u16::MAX);
                c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(least)));
            }
        }
        inner
    }

    /// One block of `Header: value` lines per row, wrapped to `width`: a table that cannot fit the terminal even
    /// with its words whole.
    fn stacked(&self, width: usize) -> String {
        let label = self.headers.iter().map(|h| h.width()).max().unwrap_or(0);
        let mut blocks = Vec::new();
        for row in &self.rows {
            let mut block = String::new();
            for (header, (text, tone)) in self.headers.iter().zip(row) {
                if header.is_empty() && text.is_empty() {
                    continue;
                }
                let lead = format!("{header:>label$}: ");
                let indent = " ".repeat(label + 2);
                let value = text.replace('\n', ", ");
                let options = textwrap::Options::new(width.max(label + 12))
                    .initial_indent(&lead)
                    .subsequent_indent(&indent)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation)
                    .break_words(false);
                let filled = textwrap::fill(&value, options);
                let filled = match tone {
                    Some(t) => filled.replacen(&value, &t.paint(&value, self.screen), 1),
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
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(widths) = pipe::widths(self) {
            return pipe::write(self, &widths, f);
        }
        let width = self.screen.columns.filter(|_| self.screen.tty);
        let hidden = self.hidden_columns();
        if let Some(w) = width
            && self.needed(&hidden) > w
        {
            return f.write_str(&self.stacked(w));
        }
        self.comfy(width, &hidden).fmt(f)
    }
}

/// A list of items for one cell: on one line in a pipe, one per line on a terminal where the table may wrap.
pub fn list_cell(items: &[String]) -> Cell {
    Cell::List(items.to_vec(), ", ")
}
