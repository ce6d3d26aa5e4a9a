//! The history file: `<state name>.history.jsonl` beside the state file, one JSON event per line (see
//! [`crate::history`]), appended to and never rewritten whole.
//!
//! Written only under the state's lock, before the state itself: the new events are appended and flushed to disk,
//! then the state is written naming the last of them (`last_event`). A crash between the two leaves events past the
//! one the state names; readers ignore them, and the next change trims them off before appending its own. So the
//! state and its history never disagree: the history holds every event up to the state's last, and nothing a reader
//! counts past it.
//!
//! Commands that only read the state never open this file.

use std::fs::{self, File, OpenOptions};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};

use crate::history::Event;

/// How much of the file's end is read first to find the state's last event: it is nearly always the last line.
const TAIL: u64 = 64 * 1024;

/// The history file of a state file: `state.yaml` -> `state.history.jsonl`.
pub fn file_of(state_file: &Path) -> PathBuf {
    let stem = state_file
        .file_stem()
        .map(|s| s.to_os_string())
        .unwrap_or_default();
    let mut name = stem;
    name.push(".history.jsonl");
    state_file.with_file_name(name)
}

/// The history's lines that the state includes (those up to `last_event`), and a word for the learner when the
/// file does not go with the state. Events are parsed only when asked for, newest first.
#[derive(Debug, Default)]
pub struct Lines {
    file: PathBuf,
    bytes: Vec<u8>,
    pub note: Option<String>,
}

/// Reads the lines the state includes: those up to `last_event`. Lines past it (from a crash) are left out.
pub fn lines(state_file: &Path, last_event: Option<&str>) -> Result<Lines> {
    let file = file_of(state_file);
    let mut bytes = match fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(anyhow!("{}: cannot read the history: {e}", file.display())),
    };
    let Some(last) = last_event else {
        return Ok(Lines {
            file,
            ..Lines::default()
        });
    };
    let Some(end) = line_end(&bytes, last) else {
        let note = Some(mismatch(&file, bytes.is_empty()));
        return Ok(Lines {
            file,
            bytes: Vec::new(),
            note,
        });
    };
    bytes.truncate(end);
    Ok(Lines {
        file,
        bytes,
        note: None,
    })
}

impl Lines {
    /// The lines themselves, as in the file.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// How many events there are.
    pub fn count(&self) -> usize {
        self.bytes.iter().filter(|&&b| b == b'\n').count()
    }

    /// Every event, oldest first.
    pub fn all(&self) -> Result<Vec<Event>> {
        parse(&self.file, &self.bytes)
    }

    /// The newest events that `keep` keeps, newest first, at most `limit`, and how many it keeps in all. Only
    /// lines that contain `hint` (when given) are parsed: a module's id, say, which every event on it names.
    pub fn newest(
        &self,
        limit: Option<usize>,
        hint: Option<&str>,
        keep: impl Fn(&Event) -> bool,
    ) -> Result<(Vec<Event>, usize)> {
        let lines: Vec<(usize, &[u8])> = self
            .bytes
            .split(|&b| b == b'\n')
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
            .collect();
        let Some(hint) = hint else {
            let mut out = Vec::new();
            for &(n, line) in lines.iter().rev().take(limit.unwrap_or(usize::MAX)) {
                out.push(parse_line(&self.file, n, line)?);
            }
            return Ok((out, lines.len()));
        };
        let quoted = format!("\"{hint}\"");
        let mut out = Vec::new();
        let mut kept = 0;
        for &(n, line) in lines.iter().rev() {
            if !contains(line, quoted.as_bytes()) {
                continue;
            }
            let event = parse_line(&self.file, n, line)?;
            if keep(&event) {
                kept += 1;
                if limit.is_none_or(|l| out.len() < l) {
                    out.push(event);
                }
            }
        }
        Ok((out, kept))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Parses history lines; a line that is not an event is reported with its number.
fn parse(file: &Path, bytes: &[u8]) -> Result<Vec<Event>> {
    let mut events = Vec::with_capacity(bytes.iter().filter(|&&b| b == b'\n').count());
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if !line.is_empty() {
            events.push(parse_line(file, n, line)?);
        }
    }
    Ok(events)
}

fn parse_line(file: &Path, n: usize, line: &[u8]) -> Result<Event> {
    serde_json::from_slice(line).map_err(|e| {
        // A failure (exit 1), as an unreadable state file is.
        crate::error::CommandError::io(format_args!(
            "{}:{}: not a history event ({e})",
            file.display(),
            n + 1
        ))
        .hint(
            "aipath has left the file untouched: fix the line by hand, or move the file aside to start a new \
             history",
        )
        .into()
    })
}

/// Appends `events` after the state's last event (`last_event`), first trimming what a crash left past it. Returns
/// a note for the learner when the file held more than a crash leaves (the state was put back from a copy, or the
/// history belongs to another state): that part is kept in a file beside it, never deleted.
pub fn append(
    state_file: &Path,
    last_event: Option<&str>,
    events: &[Event],
) -> Result<Option<String>> {
    let path = file_of(state_file);
    let context = || format!("{}: cannot write the history", path.display());
    let new = !path.exists();
    let mut file = open(&path).with_context(context)?;
    // It holds what the state holds: a new history is as private as the state file.
    if new && let Ok(meta) = fs::metadata(state_file) {
        file.set_permissions(meta.permissions())
            .with_context(context)?;
    }
    let mut len = file.metadata().with_context(context)?.len();
    let mut note = None;
    // The state's last event cut short (a full disk, a copy interrupted) is set aside before anything is appended:
    // glued to the next event it would make that one unreadable too. The history still goes with the state up to
    // there. (A cut line past the state's last event is what a crash leaves, trimmed below with the rest of it.)
    let mut cut_last = false;
    if let Some(id) = last_event
        && len > 0
        && !ends_with_newline(&mut file, len).with_context(context)?
    {
        let mut all = Vec::new();
        file.seek(SeekFrom::Start(0)).with_context(context)?;
        file.read_to_end(&mut all).with_context(context)?;
        let start = all.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let tail = &all[start..];
        if tail.starts_with(format!("{{\"id\":\"{id}\"").as_bytes()) {
            let kept = keep_aside(&path, tail).with_context(context)?;
            note = Some(format!(
                "the state's last event in `{}` was cut short; it is kept in `{}`",
                path.display(),
                kept.display()
            ));
            file.set_len(start as u64).with_context(context)?;
            len = start as u64;
            cut_last = true;
        }
    }
    if len > 0 && !cut_last {
        match find_end(&mut file, len, last_event).with_context(context)? {
            Some(end) if end == len => {}
            Some(end) => {
                let mut past = Vec::new();
                file.seek(SeekFrom::Start(end)).with_context(context)?;
                file.read_to_end(&mut past).with_context(context)?;
                if !is_one_write(&past) {
                    let kept = keep_aside(&path, &past).with_context(context)?;
                    note = Some(format!(
                        "`{}` held {} after the state's last one (was the state put back from a copy?); they are \
                         kept in `{}`",
                        path.display(),
                        events_word(&past),
                        kept.display()
                    ));
                }
                file.set_len(end).with_context(context)?;
            }
            None => {
                let mut all = Vec::new();
                file.seek(SeekFrom::Start(0)).with_context(context)?;
                file.read_to_end(&mut all).with_context(context)?;
                // With no last event, a crash during the state's first change leaves that one write: trim it.
                if last_event.is_some() || !is_one_write(&all) {
                    let kept = keep_aside(&path, &all).with_context(context)?;
                    note = Some(format!(
                        "`{}` did not go with the state (it lacks the state's last change); it is kept as `{}` and a \
                         new history starts",
                        path.display(),
                        kept.display()
                    ));
                }
                file.set_len(0).with_context(context)?;
            }
        }
    }
    let mut text = Vec::new();
    for event in events {
        serde_json::to_writer(&mut text, event).context("cannot encode a history event")?;
        text.push(b'\n');
    }
    file.seek(SeekFrom::End(0)).with_context(context)?;
    file.write_all(&text).with_context(context)?;
    // On disk before the state that names it: after a power cut the history still holds the state's last event.
    file.sync_data().with_context(context)?;
    Ok(note)
}

/// Replaces the history whole with `events` (for `aipath sync`, under the state's lock, before the state that names
/// the last of them is written): through a temp file and a rename, so a reader sees the old history or the new.
pub fn replace(state_file: &Path, events: &[Event]) -> Result<()> {
    let mut text = Vec::new();
    for event in events {
        serde_json::to_writer(&mut text, event).context("cannot encode a history event")?;
        text.push(b'\n');
    }
    replace_bytes(state_file, &text)
}

/// Replaces the history whole with `bytes` another machine wrote, once [`parse_events`] has read them.
pub fn replace_bytes(state_file: &Path, bytes: &[u8]) -> Result<()> {
    let path = file_of(state_file);
    crate::io::atomic::write(
        &path,
        crate::io::store::TEMP_PREFIX,
        bytes,
        crate::io::atomic::Replace::Yes,
    )
    .with_context(|| format!("{}: cannot write the history", path.display()))
}

fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// Where the line of event `last` ends in the file, reading only its end when that is enough; `Some(0)` when there
/// is no last event (every line is past it), `None` when the file does not hold it.
fn find_end(file: &mut File, len: u64, last: Option<&str>) -> std::io::Result<Option<u64>> {
    let Some(last) = last else {
        return Ok(if len == 0 { Some(0) } else { None });
    };
    let start = len.saturating_sub(TAIL);
    let mut tail = Vec::new();
    file.seek(SeekFrom::Start(start))?;
    file.read_to_end(&mut tail)?;
    // A line that starts the tail may be cut: it counts only when the tail is the whole file.
    let found = if start == 0 {
        line_end(&tail, last)
    } else {
        line_end_after_newline(&tail, last)
    };
    if let Some(end) = found {
        return Ok(Some(start + end as u64));
    }
    if start == 0 {
        return Ok(None);
    }
    let mut all = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    file.read_to_end(&mut all)?;
    Ok(line_end(&all, last).map(|end| end as u64))
}

/// The end (past its newline) of the line that starts with event `id`, searching from the end.
fn line_end(bytes: &[u8], id: &str) -> Option<usize> {
    let head = format!("{{\"id\":\"{id}\"");
    if let Some(end) = line_end_after_newline(bytes, id) {
        return Some(end);
    }
    bytes
        .starts_with(head.as_bytes())
        .then(|| end_of_line(bytes, 0))
}

/// [`line_end`] for lines that follow a newline within `bytes`.
fn line_end_after_newline(bytes: &[u8], id: &str) -> Option<usize> {
    let head = format!("\n{{\"id\":\"{id}\"");
    let at = rfind(bytes, head.as_bytes())?;
    Some(end_of_line(bytes, at + 1))
}

fn end_of_line(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| from + i + 1)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..].starts_with(needle))
}

/// Whether lines past the state's last event are what one interrupted change leaves: events of one command (one
/// time and command line, as an upgrade and the change that caused it share), the last perhaps cut short.
fn is_one_write(past: &[u8]) -> bool {
    let lines: Vec<&[u8]> = past
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let complete = if past.ends_with(b"\n") {
        &lines[..]
    } else {
        &lines[..lines.len().saturating_sub(1)]
    };
    let mut stamps = complete.iter().map(|line| {
        serde_json::from_slice::<Event>(line)
            .ok()
            .map(|e| (e.at, e.command))
    });
    match stamps.next() {
        None => true,
        Some(None) => false,
        Some(first) => lines.len() <= 2 && stamps.all(|s| s == first),
    }
}

fn events_word(bytes: &[u8]) -> String {
    let n = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    if n == 1 {
        "1 event".to_string()
    } else {
        format!("{n} events")
    }
}

fn ends_with_newline(file: &mut File, len: u64) -> std::io::Result<bool> {
    let mut last = [0u8; 1];
    file.seek(SeekFrom::Start(len - 1))?;
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// Writes `bytes` to a new file beside the history, `<name>.orphan` (then `.orphan.2`, …), never over another.
fn keep_aside(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let mut base = path.as_os_str().to_os_string();
    base.push(".orphan");
    for n in 1..=1000u32 {
        let mut name = base.clone();
        if n > 1 {
            name.push(format!(".{n}"));
        }
        let target = PathBuf::from(name);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
        {
            Ok(mut f) => {
                f.write_all(bytes)?;
                f.sync_all()?;
                return Ok(target);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(
        "there are already 1000 `.orphan` files beside it; move them away",
    ))
}

fn mismatch(file: &Path, empty: bool) -> String {
    if empty {
        format!(
            "`{}` is missing or empty: the changes before now were not recorded here",
            file.display()
        )
    } else {
        format!(
            "`{}` does not go with the state (it lacks the state's last change); the next change keeps it aside and \
             starts a new history",
            file.display()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{Kind, Stamp};

    fn event(id: &str, at: &str) -> Event {
        let stamp = Stamp {
            at: at.into(),
            command: "aipath done x".into(),
        };
        Event::change(id.into(), &stamp, Kind::Change, None, Vec::new())
    }

    fn line(e: &Event) -> String {
        format!("{}\n", serde_json::to_string(e).unwrap_or_default())
    }

    #[test]
    fn the_history_file_sits_beside_the_state() {
        assert_eq!(
            file_of(Path::new("/d/state.yaml")),
            PathBuf::from("/d/state.history.jsonl")
        );
        assert_eq!(
            file_of(Path::new("mine")),
            PathBuf::from("mine.history.jsonl")
        );
    }

    #[test]
    fn the_last_event_is_found_at_a_line_start_only() {
        let a = line(&event("a", "t1"));
        let b = line(&event("b", "t2"));
        let text = format!("{a}{b}");
        assert_eq!(line_end(text.as_bytes(), "a"), Some(a.len()));
        assert_eq!(line_end(text.as_bytes(), "b"), Some(text.len()));
        assert_eq!(line_end(text.as_bytes(), "c"), None);
    }

    #[test]
    fn a_crash_leaves_one_write_and_anything_more_is_not_one() {
        let one = line(&event("b", "t2"));
        assert!(is_one_write(one.as_bytes()));
        assert!(is_one_write(b""));
        assert!(is_one_write(&one.as_bytes()[..10]), "cut short");
        let two = format!("{}{}", line(&event("b", "t2")), line(&event("c", "t2")));
        assert!(is_one_write(two.as_bytes()), "an upgrade and its change");
        let later = format!("{}{}", line(&event("b", "t2")), line(&event("c", "t3")));
        assert!(!is_one_write(later.as_bytes()));
        assert!(!is_one_write(b"not json\n"));
    }
}
