//! Errors the user can act on, and how they map to exit codes.
//!
//! Exit codes follow ripgrep: 0 success, 1 a failure (I/O, an unreadable state file), 2 bad usage or input.
//! Anything that is the user's input being wrong is an [`InputError`]; everything else is a failure.

use std::fmt;
use std::path::Path;

/// Bad usage or bad input: exit status 2.
#[derive(Debug)]
pub struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// Shorthand for an `anyhow::Error` that exits with status 2.
pub fn input(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(InputError(message.into()))
}

/// The exit code an error maps to.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    if err.downcast_ref::<InputError>().is_some() {
        2
    } else {
        1
    }
}

/// Turns a YAML error into `FILE:LINE:COLUMN: message`, the form compilers use, so editors can jump to it.
pub fn located_yaml(file: &Path, err: &serde_yaml::Error) -> String {
    match yaml_location(err) {
        (Some((line, column)), message) => {
            format!("{}:{line}:{column}: {message}", file.display())
        }
        (None, message) => format!("{}: {message}", file.display()),
    }
}

/// A YAML error's (line, column), when it has one, and its message without the position serde puts in it.
pub fn yaml_location(err: &serde_yaml::Error) -> (Option<(usize, usize)>, String) {
    let message = err.to_string();
    match err.location() {
        Some(loc) => {
            let suffix = format!(" at line {} column {}", loc.line(), loc.column());
            (
                Some((loc.line(), loc.column())),
                message.replacen(&suffix, "", 1),
            )
        }
        None => (None, message),
    }
}

/// Names where a file stops being UTF-8 text: `FILE:LINE:COLUMN: the <what> is not UTF-8 text`.
pub fn located_utf8(file: &Path, what: &str, bytes: &[u8], err: &std::str::Utf8Error) -> String {
    let before = bytes.get(..err.valid_up_to()).unwrap_or(bytes);
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    // The prefix is valid UTF-8, so the column counts characters as an editor does.
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    format!(
        "{}:{line}:{column}: the {what} is not UTF-8 text",
        file.display()
    )
}
