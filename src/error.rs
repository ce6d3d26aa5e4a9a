//! Errors the user can act on: the kind of each, which decides the exit code, the error, and the hints that say what
//! to do next.
//!
//! As jj's `CommandError`: a [`CommandError`] carries a [`Kind`] (exit 2 for bad usage or input, 1 for a failure),
//! the error, and hint lines. `main` prints `aipath: error: <the error and its context>` then one `aipath: hint: …`
//! line per hint. Domain modules name their errors with `thiserror` enums and say, in a `From` impl beside them, which
//! kind each is and which hints go with it; commands pass errors on as `anyhow::Error`, and [`Report::of`] finds the
//! kind and the hints in the chain.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

/// What went wrong, as far as the exit code is concerned. Exit codes follow ripgrep: 0 success, 1 a failure, 2 bad
/// usage or input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The command line is wrong (an unknown flag, a value clap refused).
    Usage,
    /// What the user gave is wrong: an unknown id, a date that is not one, a file that is not a learning path.
    Input,
    /// A file, the clock or git failed, or a state file cannot be read as one.
    Io,
    /// Anything else: aipath itself failed.
    Internal,
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Usage | Kind::Input => 2,
            Kind::Io | Kind::Internal => 1,
        }
    }
}

/// An error with its kind and the hints printed after it, each on its own line. It shows as the error alone: the
/// hints are not part of the message.
#[derive(Debug)]
pub struct CommandError {
    kind: Kind,
    error: anyhow::Error,
    hints: Vec<String>,
}

impl CommandError {
    /// `error` as `kind`, keeping the hints of any [`CommandError`] inside it.
    pub fn new(kind: Kind, error: impl Into<anyhow::Error>) -> Self {
        let error = error.into();
        let hints = Report::of(&error).hints;
        CommandError { kind, error, hints }
    }

    /// Bad input (exit 2) saying `message`.
    pub fn input(message: impl fmt::Display) -> Self {
        Self::new(Kind::Input, anyhow::anyhow!("{message}"))
    }

    /// A failure (exit 1) reading or writing a file, saying `message`.
    pub fn io(message: impl fmt::Display) -> Self {
        Self::new(Kind::Io, anyhow::anyhow!("{message}"))
    }

    /// The error with `context` before it (`FILE: …`), the kind and hints kept.
    #[must_use]
    pub fn context(self, context: impl fmt::Display + Send + Sync + 'static) -> Self {
        CommandError {
            error: self.error.context(context),
            ..self
        }
    }

    /// Adds a hint: one line telling the user what they can do next.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn hints(&self) -> &[String] {
        &self.hints
    }

    /// The error itself, to look inside it (`downcast_ref` to a domain module's error).
    pub fn error(&self) -> &anyhow::Error {
        &self.error
    }
}

/// The error with its causes, `: ` between them: a [`CommandError`] is one link of a chain, whatever it holds.
impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#}", self.error)
    }
}

impl std::error::Error for CommandError {}

/// What `main` prints of an error and the exit code it maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub kind: Kind,
    /// The error with its context, outermost first, joined by `: `.
    pub message: String,
    pub hints: Vec<String>,
}

impl Report {
    /// The kind of the first [`CommandError`] in `err`'s chain (a clap error is bad usage, an I/O error a failure to
    /// read or write, anything else aipath's own failure), and the hints of every one, outermost first.
    pub fn of(err: &anyhow::Error) -> Report {
        let found: Vec<&CommandError> = err
            .chain()
            .filter_map(|cause| cause.downcast_ref::<CommandError>())
            .collect();
        let kind = match found.first() {
            Some(first) => first.kind,
            None if err.chain().any(|c| c.is::<clap::Error>()) => Kind::Usage,
            None if err.chain().any(|c| c.is::<std::io::Error>()) => Kind::Io,
            None => Kind::Internal,
        };
        Report {
            kind,
            message: format!("{err:#}"),
            hints: found.iter().flat_map(|e| e.hints.iter().cloned()).collect(),
        }
    }
}

/// Shorthand for an `anyhow::Error` that exits with status 2.
pub fn input(message: impl Into<String>) -> anyhow::Error {
    CommandError::input(message.into()).into()
}

/// Bad input (exit 2) saying `message`, with one `hint` printed after it.
pub fn input_hinted(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    CommandError::input(message.into()).hint(hint).into()
}

/// The kind of an error (see [`Report::of`]).
pub fn kind_of(err: &anyhow::Error) -> Kind {
    Report::of(err).kind
}

/// The hints printed after an error (see [`Report::of`]).
pub fn hints_of(err: &anyhow::Error) -> Vec<String> {
    Report::of(err).hints
}

/// The exit code an error maps to.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    i32::from(kind_of(err).exit_code())
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
    fn the_kind_decides_the_exit_code() {
        let codes: Vec<u8> = [Kind::Usage, Kind::Input, Kind::Io, Kind::Internal]
            .into_iter()
            .map(Kind::exit_code)
            .collect();
        assert_eq!(codes, [2, 2, 1, 1]);
    }

    #[test]
    fn an_error_keeps_its_kind_and_hints_under_context_and_shows_without_them() {
        use anyhow::Context as _;
        let err: anyhow::Result<()> = Err(CommandError::input("unknown module `x`")
            .hint("did you mean `y`?")
            .into());
        let err = err.context("state.yaml").err().map(|e| Report::of(&e));
        assert_eq!(
            err,
            Some(Report {
                kind: Kind::Input,
                message: "state.yaml: unknown module `x`".to_string(),
                hints: vec!["did you mean `y`?".to_string()],
            })
        );
    }

    #[test]
    fn an_error_given_another_kind_keeps_the_hints_inside_it() {
        let inner: anyhow::Error = CommandError::input("inner").hint("first").into();
        let outer = CommandError::new(Kind::Io, inner)
            .context("file")
            .hint("second");
        assert_eq!(outer.to_string(), "file: inner");
        assert_eq!(outer.hints(), ["first", "second"]);
        let report = Report::of(&outer.into());
        assert_eq!(report.kind, Kind::Io);
        assert_eq!(report.hints, ["first", "second"]);
    }

    #[test]
    fn an_error_of_no_kind_is_a_failure_and_an_io_error_is_one_too() {
        assert_eq!(kind_of(&anyhow::anyhow!("broke")), Kind::Internal);
        let io = anyhow::Error::new(std::io::Error::other("disk")).context("state.yaml");
        assert_eq!(kind_of(&io), Kind::Io);
        assert_eq!(exit_code(&io), 1);
        assert_eq!(exit_code(&input("bad")), 2);
        assert_eq!(hints_of(&input_hinted("bad", "do this")), ["do this"]);
    }

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
