//! Presentation: every command's view and its human rendering, plus the formats (tables, markdown, iCalendar, a
//! guide for the terminal). Pure: renderers take values and return strings; `commands::shell` prints them.
//!
//! A view is `Serialize` (its JSON, for scripts) and [`Render`] (its text, for people), so the two forms come from
//! one value and never disagree.

pub mod guide;
pub mod ics;
pub mod markdown;
pub mod table;
pub mod text;
pub mod views;

use anyhow::Result;
use serde::Serialize;

pub use table::Screen;

/// A view's rendering for people.
pub trait Render {
    fn render(&self, screen: Screen) -> String;
}

/// The JSON form of a view model, pretty-printed.
pub fn json<T: Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)?)
}
