//! Errors the user can act on, and how they map to exit codes.
//!
//! Exit codes follow ripgrep: 0 success, 1 a failure (I/O, an unreadable state file), 2 bad usage or input.
//! Anything that is the user's input being wrong is an [`InputError`]; everything else is a failure.

use std::borrow::Cow;
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

/// The most characters of one value a message quotes.
pub const QUOTE_CHARS: usize = 80;

/// `text` with every quoted value (in backticks or double quotes) and every run of non-blank characters longer than
/// [`QUOTE_CHARS`] cut to its first characters and `…`, keeping the quote or punctuation that closed it. Parsers quote
/// what they did not expect, and a 16 MB unknown variant, key or string would otherwise be echoed whole, in a message
/// meant to be read.
pub fn shorten(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut changed = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (piece, after) = if c == '`' || c == '"' {
            let body = &rest[1..];
            match closing_quote(body, c) {
                Some(end) => {
                    out.push(c);
                    changed |= cut(&body[..end], &mut out);
                    out.push(c);
                    rest = &body[end + 1..];
                    continue;
                }
                None => rest.split_at(rest.len()),
            }
        } else if c.is_whitespace() {
            rest.split_at(c.len_utf8())
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '`' || c == '"')
                .unwrap_or(rest.len());
            rest.split_at(end)
        };
        if cut(piece, &mut out) {
            changed = true;
            // A run cut short keeps what closed it: `key:` stays a key, `word,` a list item.
            let closing: Vec<char> = piece
                .chars()
                .rev()
                .take_while(|c| "'),.:;]}".contains(*c))
                .take(3)
                .collect();
            out.extend(closing.into_iter().rev());
        }
        rest = after;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Where a quoted value that opened with `quote` closes in `body`; `\` escapes a character inside double quotes, as
/// serde's `{:?}` writes a string.
fn closing_quote(body: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quote == '"' => escaped = true,
            _ if c == quote => return Some(i),
            _ => {}
        }
    }
    None
}

/// Appends `piece`, or its first [`QUOTE_CHARS`] characters and `…`; says whether it cut.
fn cut(piece: &str, out: &mut String) -> bool {
    match piece.char_indices().nth(QUOTE_CHARS) {
        Some((at, _)) => {
            out.push_str(&piece[..at]);
            out.push('…');
            true
        }
        None => {
            out.push_str(piece);
            false
        }
    }
}

/// Turns a YAML error into `FILE:LINE:COLUMN: message`, the form compilers use, so editors can jump to it.
pub fn located_yaml(file: &Path, err: &crate::yaml::Error) -> String {
    match yaml_location(err) {
        (Some((line, column)), message) => {
            format!("{}:{line}:{column}: {message}", file.display())
        }
        (None, message) => format!("{}: {message}", file.display()),
    }
}

/// A YAML error's (line, column), when it has one, and its message, any long value it quotes shortened (see
/// [`shorten`]).
pub fn yaml_location(err: &crate::yaml::Error) -> (Option<(usize, usize)>, String) {
    (err.location, shorten(&err.message).into_owned())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_quoted_to_80_characters_with_its_closing_quote() {
        let huge = "x".repeat(1_000_000);
        let message =
            format!("paths.p.status: unknown variant `{huge}`, expected one of `todo`, `done`");
        let short = shorten(&message);
        assert_eq!(
            short,
            format!(
                "paths.p.status: unknown variant `{}…`, expected one of `todo`, `done`",
                "x".repeat(80)
            )
        );
        assert_eq!(shorten("short words stay"), "short words stay");
        assert!(matches!(shorten("short `words` stay"), Cow::Borrowed(_)));
        let text = format!("a \n{}é \t b", "é".repeat(100));
        assert_eq!(shorten(&text), format!("a \n{}… \t b", "é".repeat(80)));
        let key = format!("paths.{}: unknown field", "k".repeat(200));
        assert_eq!(
            shorten(&key),
            format!("paths.{}…: unknown field", "k".repeat(74))
        );
    }

    #[test]
    fn a_long_quoted_string_with_spaces_is_cut_too() {
        let value = "[ ".repeat(10_000);
        let message = format!("chosen: invalid type: string {value:?}, expected a sequence");
        assert_eq!(
            shorten(&message),
            format!(
                "chosen: invalid type: string \"{}…\", expected a sequence",
                &value[..80]
            )
        );
        let escaped = format!("string \"{}\\\"{}\" end", "a".repeat(10), "b".repeat(100));
        assert_eq!(
            shorten(&escaped),
            format!("string \"{}\\\"{}…\" end", "a".repeat(10), "b".repeat(68))
        );
    }

    #[test]
    fn a_yaml_error_quoting_a_huge_value_is_short() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        enum Status {
            Todo,
        }
        let text = format!("{}\n", "y".repeat(200_000));
        let err = crate::yaml::from_str::<Status>(&text)
            .err()
            .unwrap_or_else(|| panic!("parsed"));
        let message = located_yaml(Path::new("state"), &err);
        assert!(message.len() < 200, "{message}");
        assert_eq!(message.matches('y').count(), 80, "{message}");
        assert!(
            message.starts_with("state:1:1: unknown variant `yyy"),
            "{message}"
        );
    }
}
