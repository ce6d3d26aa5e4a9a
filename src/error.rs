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

/// Resolves what the user typed to one id from `candidates`: an exact id or a unique prefix.
///
/// `kind` names what is being looked up ("module", "specialization") for the message.
pub fn resolve<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    kind: &str,
) -> anyhow::Result<&'a str> {
    resolve_hinted(typed, candidates, kind, "`aipath list` shows every id")
}

/// [`resolve`], with `hint` saying where the user can see the candidates.
pub fn resolve_hinted<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    kind: &str,
    hint: &str,
) -> anyhow::Result<&'a str> {
    if let Some(exact) = candidates.clone().into_iter().find(|c| *c == typed) {
        return Ok(exact);
    }
    let matches: Vec<&str> = if typed.is_empty() {
        Vec::new()
    } else {
        candidates
            .clone()
            .into_iter()
            .filter(|c| c.starts_with(typed))
            .collect()
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => {
            let mut message = format!("unknown {kind} `{typed}`");
            if let Some(best) = closest(typed, candidates.clone()) {
                message.push_str(&format!("; did you mean `{best}`?"));
            }
            message.push_str(&format!(" ({hint})"));
            Err(input(message))
        }
        many => {
            let names: Vec<String> = many.iter().map(|m| format!("`{m}`")).collect();
            Err(input(format!(
                "`{typed}` is ambiguous: it starts {} {kind} ids ({}); type more of the id",
                many.len(),
                names.join(", ")
            )))
        }
    }
}

/// The candidate most like `typed`, if any is close enough to be a plausible typo.
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            // A candidate that contains what was typed (`learning` in `machine-learning-basics`) is a good guess too.
            let score = if !typed.is_empty() && c.contains(typed) {
                0.95
            } else {
                strsim::jaro_winkler(typed, c)
            };
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 3] = [
        "machine-learning-basics",
        "math-foundations",
        "model-deployment",
    ];

    #[test]
    fn exact_id_wins_over_prefix() {
        let ids = ["ml", "ml-ops"];
        assert_eq!(resolve("ml", ids, "module").ok(), Some("ml"));
    }

    #[test]
    fn unique_prefix_resolves() {
        assert_eq!(resolve("mat", IDS, "module").ok(), Some("math-foundations"));
    }

    #[test]
    fn ambiguous_prefix_is_an_input_error_naming_both() {
        let err = resolve("ma", IDS, "module")
            .err()
            .map(|e| (exit_code(&e), e.to_string()));
        let (code, message) = err.unwrap_or_default();
        assert_eq!(code, 2);
        assert!(
            message.contains("`machine-learning-basics`") && message.contains("`math-foundations`"),
            "{message}"
        );
    }

    #[test]
    fn unknown_id_suggests_the_closest() {
        let message = resolve("machine-learnin-basics", IDS, "module")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some(
                "unknown module `machine-learnin-basics`; did you mean `machine-learning-basics`? \
                 (`aipath list` shows every id)"
            )
        );
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(closest("zzzz", IDS), None);
    }
}
