//! Renderers over the commands' view models. Tables for people, JSON (serde on the same values) for scripts.
//! Pure: they return text; the commands write it (`commands::output`).

pub mod guide;
pub mod ics;
pub mod markdown;
pub mod table;

use anyhow::Result;
use serde::Serialize;

/// The JSON form of a view model, pretty-printed.
pub fn json<T: Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)?)
}
