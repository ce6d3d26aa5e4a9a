//! Renderers over the commands' view models. Tables for people, JSON (serde on the same values) for scripts.

pub mod guide;
pub mod ics;
pub mod markdown;
pub mod pager;
pub mod table;

use std::io::{self, Write as _};

use anyhow::Result;
use serde::Serialize;

/// Writes to stdout. A closed pipe surfaces as an error that `main` turns into a quiet exit 0.
pub fn emit(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// The JSON form of a view model, pretty-printed.
pub fn json<T: Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)?)
}
