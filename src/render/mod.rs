//! Presentation: every command's view and its human rendering, plus the formats (tables, markdown, iCalendar, a
//! guide for the terminal). Pure: renderers take values and return strings; `commands::shell` prints them.
//!
//! A view is `Serialize` (its JSON, for scripts) and [`Render`] (its text, for people), so the two forms come from
//! one value and never disagree.

pub mod guide;
pub mod ics;
pub mod markdown;
pub mod report;
pub mod table;
pub mod text;
pub mod views;

use std::fmt;

use anyhow::Result;
use serde::Serialize;

pub use table::Screen;

/// A view's rendering for people.
pub trait Render {
    fn render(&self, screen: Screen) -> String;

    /// The rendering written to `out` as it is made, for a view whose text can be megabytes (a plan's table in a
    /// pipe): the same text as [`Render::render`], never held whole.
    fn render_to(&self, screen: Screen, out: &mut dyn fmt::Write) -> fmt::Result {
        out.write_str(&self.render(screen))
    }

    /// Whether the rendering makes its third-party text safe itself — because it writes control characters of its
    /// own (a guide's styles, a calendar's CRLF line ends) — instead of being cleaned whole with [`text::clean`] on
    /// its way out, as every other rendering is.
    fn cleans_itself(&self) -> bool {
        false
    }
}

/// A view's human text as it may reach a terminal: cleaned whole unless it cleans itself (keeping the colours the
/// renderers chose when colour is on), and on a terminal its free text wrapped to the width; tables are fitted by
/// themselves.
pub fn human<V: Render + ?Sized>(view: &V, screen: Screen) -> String {
    let text = view.render(screen);
    if view.cleans_itself() {
        return text;
    }
    // Text with nothing to clean is kept as it is, not copied: a plan's table is megabytes.
    let cleaned = if screen.color {
        text::clean_styled(&text)
    } else {
        text::clean(&text)
    };
    let cleaned = match cleaned {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(cleaned) => Some(cleaned),
    };
    let text = cleaned.unwrap_or(text);
    match screen.columns.filter(|_| screen.tty) {
        Some(width) => text::wrap_free_text(&text, width),
        None => text,
    }
}

/// [`human`] written to `out` as it is made, where nothing needs the whole text first: anywhere but a terminal (where
/// free text is wrapped to the width). Cleaned a whole number of lines at a time, as [`human`] cleans it whole.
pub fn human_to<V: Render + ?Sized>(
    view: &V,
    screen: Screen,
    out: &mut dyn fmt::Write,
) -> fmt::Result {
    if screen.tty {
        return out.write_str(&human(view, screen));
    }
    if view.cleans_itself() {
        return view.render_to(screen, out);
    }
    let mut cleaning = Cleaning {
        out,
        color: screen.color,
        pending: String::new(),
    };
    view.render_to(screen, &mut cleaning)?;
    cleaning.flush(cleaning.pending.len())
}

/// Cleans text on its way to `out` as [`human`] does, a whole number of lines at a time (a line never holds part of a
/// style's escape sequence, so the lines clean as the whole would).
struct Cleaning<'a> {
    out: &'a mut dyn fmt::Write,
    color: bool,
    pending: String,
}

impl Cleaning<'_> {
    /// Text is passed on in pieces of about this size.
    const PIECE: usize = 64 * 1024;

    /// Cleans and passes on the first `len` bytes of what is pending.
    fn flush(&mut self, len: usize) -> fmt::Result {
        let piece = &self.pending[..len];
        let cleaned = if self.color {
            text::clean_styled(piece)
        } else {
            text::clean(piece)
        };
        self.out.write_str(&cleaned)?;
        self.pending.drain(..len);
        Ok(())
    }
}

impl fmt::Write for Cleaning<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // Whole lines with nothing before them, as a table writes its rows, are cleaned and passed on as they are:
        // copying a plan's megabytes through `pending` was a fifth of writing it.
        if self.pending.is_empty() && s.ends_with('\n') {
            let cleaned = if self.color {
                text::clean_styled(s)
            } else {
                text::clean(s)
            };
            return self.out.write_str(&cleaned);
        }
        self.pending.push_str(s);
        if self.pending.len() >= Self::PIECE
            && let Some(end) = self.pending.rfind('\n')
        {
            self.flush(end + 1)?;
        }
        Ok(())
    }
}

/// The JSON form of a view model, pretty-printed.
pub fn json<T: Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A view that writes its text in many small pieces, as a table does a row at a time.
    struct Pieces(Vec<String>);

    impl Render for Pieces {
        fn render(&self, _: Screen) -> String {
            self.0.concat()
        }

        fn render_to(&self, _: Screen, out: &mut dyn fmt::Write) -> fmt::Result {
            self.0.iter().try_for_each(|p| out.write_str(p))
        }
    }

    #[test]
    fn a_view_written_as_it_is_made_is_cleaned_as_the_whole_text_is() {
        // Rows with escape sequences, carriage returns and C1 controls, well past one piece of the cleaner.
        let row =
            |i: usize| format!("| {i} | title \u{1b}[31mred\u{1b}[0m\r | \u{85}x | tab\there |\n");
        let mut pieces: Vec<String> = (0..5000).map(row).collect();
        // Lines in parts too, and several in one piece: each way of reaching the cleaner.
        pieces.extend([
            "a half \u{1b}[1m".into(),
            "and its end\u{1b}[0m\x08\n".into(),
        ]);
        pieces.push("two \u{9b}31m\nlines\u{7}\n".into());
        pieces.extend((5000..6000).map(row));
        pieces.push("last line without a break \u{7}".into());
        let view = Pieces(pieces);
        for color in [false, true] {
            let screen = Screen {
                tty: false,
                columns: None,
                color,
            };
            let mut streamed = String::new();
            human_to(&view, screen, &mut streamed).unwrap_or_else(|e| panic!("{e}"));
            assert!(streamed.len() > 2 * Cleaning::PIECE);
            assert_eq!(streamed, human(&view, screen), "color: {color}");
            assert!(!streamed.contains('\u{1b}') || color);
        }
    }
}
