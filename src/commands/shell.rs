//! The one way output reaches the learner, like cargo's `Shell`: it knows whether stdout is a terminal and how
//! wide, prints a view as JSON or as its human rendering, pages long text, and writes `note:` and `warning:` lines
//! to stderr. Commands never print by themselves.
//!
//! `$PAGER` when set (split on whitespace, so `less -R` works), else `less -R`. A `PAGER` set to nothing turns paging
//! off, as it does for git. If the pager cannot be started the text is printed directly: a missing `less` must never
//! cost the learner their guide.

use std::io::{self, Write as _};
use std::process::{Command, Stdio};

use anyhow::Result;
use serde::Serialize;

use crate::render::text::one_line;
use crate::render::{Render, Screen, human, json};

/// Where output goes, decided once per run.
pub struct Shell {
    pub screen: Screen,
    /// The terminal's height, for deciding whether to page.
    rows: Option<usize>,
    /// `--json`: views print as JSON instead of their human rendering.
    pub json: bool,
    /// Where output goes instead of stdout and stderr: a [`Shell::in_memory`]'s text.
    sink: Option<Printed>,
}

impl Shell {
    pub fn detect(json: bool) -> Shell {
        use std::io::IsTerminal;
        let terminal = Terminal::detect(io::stdout().is_terminal());
        Shell {
            screen: Screen {
                tty: terminal.tty,
                columns: terminal.columns,
                color: color_wanted(terminal.tty, |name| std::env::var_os(name)),
            },
            rows: terminal.rows,
            json,
            sink: None,
        }
    }

    /// A shell that keeps what it prints (stdout's text, then `note:` and `warning:` lines as they come) instead of
    /// writing it, for a screen of any width: how views are snapshotted in-process, as cargo's `Shell::from_write`.
    pub fn in_memory(screen: Screen, json: bool) -> (Shell, Printed) {
        let printed = Printed::default();
        let shell = Shell {
            screen,
            rows: None,
            json,
            sink: Some(printed.clone()),
        };
        (shell, printed)
    }

    /// Keeps `text` (with a line break at its end) when in memory; `false` when it is for stdout or stderr.
    fn kept(&self, text: &str) -> bool {
        let Some(sink) = &self.sink else {
            return false;
        };
        let Ok(mut sink) = sink.0.lock() else {
            return true;
        };
        sink.push_str(text);
        if !text.ends_with('\n') {
            sink.push('\n');
        }
        true
    }

    /// Prints a long view: through the pager on a terminal where it does not fit (unless `no_pager`).
    pub fn print_paged<V: Serialize + Render>(&self, view: &V, no_pager: bool) -> Result<()> {
        if self.sink.is_some() {
            return self.print(view);
        }
        if self.json {
            return emit(&json(view)?);
        }
        if !self.screen.tty {
            return stream(view, self.screen);
        }
        let text = human(view, self.screen);
        let terminal = Terminal {
            tty: self.screen.tty,
            rows: self.rows,
            columns: self.screen.columns,
        };
        page_or_emit(&text, should_page(terminal, no_pager, text.lines().count()))
    }

    /// Prints a command's view: JSON with `--json`, else its human rendering.
    pub fn print<V: Serialize + Render>(&self, view: &V) -> Result<()> {
        let text = match self.sink {
            Some(_) if self.json => json(view)?,
            Some(_) => human(view, self.screen),
            None => String::new(),
        };
        if self.kept(&text) {
            Ok(())
        } else if self.json {
            emit(&json(view)?)
        } else if !self.screen.tty {
            stream(view, self.screen)
        } else {
            emit(&human(view, self.screen))
        }
    }

    /// `aipath: note: …` on stderr: something worth knowing that is not the command's answer.
    pub fn note(&self, message: &str) {
        if self.kept(&format!("aipath: note: {}", one_line(message))) {
            return;
        }
        eprintln!("{}", for_stderr("aipath: note: ", message));
    }

    /// `aipath: warning: …` on stderr.
    pub fn warn(&self, message: &str) {
        if self.kept(&format!("aipath: warning: {}", one_line(message))) {
            return;
        }
        eprintln!("{}", for_stderr("aipath: warning: ", message));
    }
}

/// An error as it goes to stderr: `aipath: error: …`, then `aipath: hint: …` for each hint, each its own line (see
/// [`for_stderr`]). The message may quote a path file, a state file or what was typed: shown, never sent to the
/// terminal.
pub fn error_lines(message: &str, hints: &[String]) -> String {
    let mut out = format!("{}\n", for_stderr("aipath: error: ", message));
    for hint in hints {
        out.push_str(&for_stderr("aipath: hint: ", hint));
        out.push('\n');
    }
    out
}

/// `lead` and `message` on one line as they go to stderr: on a terminal wrapped to its width (`COLUMNS`, else the
/// terminal's) at spaces, each further line indented, so the terminal never cuts a word; anywhere else one line, for
/// `grep` and logs.
pub fn for_stderr(lead: &str, message: &str) -> String {
    use std::io::IsTerminal;
    let line = format!("{lead}{}", one_line(message));
    let detected = || {
        terminal_size::terminal_size_of(io::stderr())
            .map(|(w, _)| usize::from(w.0))
            .filter(|c| *c > 0)
    };
    let width = io::stderr()
        .is_terminal()
        .then(|| columns(std::env::var("COLUMNS").ok().as_deref(), detected()))
        .flatten();
    match width {
        Some(width) => textwrap::fill(
            &line,
            crate::render::text::wrapping(width).subsequent_indent("  "),
        ),
        None => line,
    }
}

/// What an in-memory [`Shell`] printed; shared with it, so it can be read after the shell is gone.
#[derive(Clone, Default)]
pub struct Printed(std::sync::Arc<std::sync::Mutex<String>>);

impl Printed {
    /// The text printed so far, taken out.
    pub fn take(&self) -> String {
        self.0
            .lock()
            .map(|mut s| std::mem::take(&mut *s))
            .unwrap_or_default()
    }
}

/// Writes a view's human text to stdout (not a terminal) as it is made, as [`emit`] writes it: a plan in a pipe is
/// megabytes, and was held whole first.
fn stream<V: Render + ?Sized>(view: &V, screen: Screen) -> Result<()> {
    let mut out = Stdout {
        out: io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
        error: None,
        last: None,
    };
    let written = crate::render::human_to(view, screen, &mut out);
    if let Some(e) = out.error.take() {
        return Err(e.into());
    }
    written.map_err(|_| anyhow::anyhow!("a view failed to render"))?;
    if out.last != Some(b'\n') {
        out.out.write_all(b"\n")?;
    }
    out.out.flush()?;
    Ok(())
}

/// Stdout as a [`std::fmt::Write`], keeping the first error and the last byte written.
struct Stdout<W: io::Write> {
    out: W,
    error: Option<io::Error>,
    last: Option<u8>,
}

impl<W: io::Write> std::fmt::Write for Stdout<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if let Err(e) = self.out.write_all(s.as_bytes()) {
            self.error = Some(e);
            return Err(std::fmt::Error);
        }
        if let Some(&last) = s.as_bytes().last() {
            self.last = Some(last);
        }
        Ok(())
    }
}

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

/// Whether to colour: on a terminal unless `NO_COLOR` (<https://no-color.org>) or `CLICOLOR=0` says not to; anywhere,
/// a pipe too, when `CLICOLOR_FORCE` is set to anything but `0` (<https://bixense.com/clicolors/>).
fn color_wanted(tty: bool, var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let is = |name: &str, value: &str| var(name).is_some_and(|v| v == value);
    if set("NO_COLOR") {
        return false;
    }
    if set("CLICOLOR_FORCE") && !is("CLICOLOR_FORCE", "0") {
        return true;
    }
    tty && !is("CLICOLOR", "0")
}

/// The pager when `PAGER` is unset.
const DEFAULT_PAGER: &str = "less -R";

/// The screen: whether stdout is a terminal, and its height in rows when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    pub tty: bool,
    pub rows: Option<usize>,
    pub columns: Option<usize>,
}

impl Terminal {
    pub fn detect(tty: bool) -> Terminal {
        let size = if tty {
            terminal_size::terminal_size()
        } else {
            None
        };
        let detected = size.map(|(w, _)| usize::from(w.0)).filter(|c| *c > 0);
        Terminal {
            tty,
            rows: size.map(|(_, h)| usize::from(h.0)).filter(|r| *r > 0),
            columns: columns(std::env::var("COLUMNS").ok().as_deref(), detected),
        }
    }
}

/// The terminal's width: `COLUMNS` when it is set to a width, as jj and most command-line tools honour it (so any
/// width can be tried, and tested, without resizing a terminal), else the width the terminal reports. It only sizes
/// a terminal: in a pipe a table is never fitted, whatever `COLUMNS` says.
fn columns(var: Option<&str>, detected: Option<usize>) -> Option<usize> {
    var.and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
        .or(detected)
}

/// Whether `lines` of output should be paged: only on a terminal, when asked, and when they do not fit. A text as
/// tall as the screen does not fit either: the shell's prompt would push its first line away.
pub fn should_page(terminal: Terminal, no_pager: bool, lines: usize) -> bool {
    terminal.tty && !no_pager && terminal.rows.is_some_and(|rows| lines >= rows)
}

/// The pager's program and arguments from the value of `PAGER`; `None` turns paging off.
pub fn pager_command(var: Option<&str>) -> Option<Vec<String>> {
    let words: Vec<String> = var
        .unwrap_or(DEFAULT_PAGER)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    (!words.is_empty()).then_some(words)
}

/// Writes `text` through the pager when `page`, else (or when the pager will not start) to stdout.
fn page_or_emit(text: &str, page: bool) -> Result<()> {
    if page && let Some(command) = pager_command(std::env::var("PAGER").ok().as_deref()) {
        let mut pager = Command::new(&command[0]);
        pager.args(&command[1..]).stdin(Stdio::piped());
        // `less` without `-R` would show the escape codes as text; `LESS=R` asks for them as styles, as git does.
        if std::env::var_os("LESS").is_none() {
            pager.env("LESS", "R");
        }
        if let Ok(mut child) = pager.spawn() {
            if let Some(mut stdin) = child.stdin.take() {
                // The learner may quit the pager before reading it all: a closed pipe is not an error here.
                match stdin.write_all(text.as_bytes()) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
                    _ => {}
                }
            }
            child.wait()?;
            return Ok(());
        }
    }
    emit(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_no_color_clicolor_and_clicolor_force() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        };
        assert!(color_wanted(true, env(&[])));
        assert!(!color_wanted(false, env(&[])));
        assert!(!color_wanted(true, env(&[("NO_COLOR", "1")])));
        assert!(color_wanted(true, env(&[("NO_COLOR", "")])));
        assert!(!color_wanted(true, env(&[("CLICOLOR", "0")])));
        assert!(color_wanted(false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!color_wanted(false, env(&[("CLICOLOR_FORCE", "0")])));
        assert!(!color_wanted(
            false,
            env(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")])
        ));
    }

    const SCREEN: Terminal = Terminal {
        tty: true,
        rows: Some(24),
        columns: Some(80),
    };

    #[test]
    fn pages_only_a_text_that_does_not_fit_a_terminal() {
        assert!(!should_page(SCREEN, false, 23));
        assert!(should_page(SCREEN, false, 24));
        assert!(!should_page(SCREEN, true, 500), "--no-pager");
        let pipe = Terminal {
            tty: false,
            rows: None,
            columns: None,
        };
        assert!(!should_page(pipe, false, 500));
        let unknown = Terminal {
            rows: None,
            ..SCREEN
        };
        assert!(!should_page(unknown, false, 500));
    }

    #[test]
    fn columns_names_the_width_when_set_to_one() {
        assert_eq!(columns(Some("100"), Some(80)), Some(100));
        assert_eq!(columns(Some("100"), None), Some(100));
        assert_eq!(columns(None, Some(80)), Some(80));
        assert_eq!(columns(Some(""), Some(80)), Some(80));
        assert_eq!(columns(Some("0"), Some(80)), Some(80));
        assert_eq!(columns(Some("wide"), None), None);
    }

    #[test]
    fn the_pager_is_less_unless_pager_says_otherwise() {
        assert_eq!(
            pager_command(None),
            Some(vec!["less".to_string(), "-R".to_string()])
        );
        assert_eq!(
            pager_command(Some("most -s")),
            Some(vec!["most".to_string(), "-s".to_string()])
        );
        assert_eq!(pager_command(Some("  ")), None);
    }
}
