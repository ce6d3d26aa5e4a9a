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

use anyhow::Result;
use serde::Serialize;

pub use table::Screen;

/// A view's rendering for people.
pub trait Render {
    fn render(&self, screen: Screen) -> String;

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

/// The JSON form of a view model, pretty-printed.
pub fn json<T: Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)?)
}
