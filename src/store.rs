//! I/O for the learner's state file: located, versioned, locked, and written through a temp file and a rename.
//!
//! The file is YAML (see the README, "The state file"). Reading never changes it. A change takes an exclusive lock on
//! `<file>.lock` across read-modify-write, so concurrent `aipath` processes never lose each other's work, and is
//! written to a temp file in the same folder, flushed, and renamed over the old one: a crash leaves the old file or
//! the new one, whole. A file that cannot be read is reported with its line and column and is never rewritten.

use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use serde::Deserialize;

use crate::error::located_yaml;
use crate::progress::{STATE_VERSION, State};

/// Told with every unreadable state file: what the learner can do about it.
const UNREADABLE_HINT: &str =
    "aipath has left the file untouched; fix it by hand, or move it aside to start afresh";

pub struct Store {
    pub file: PathBuf,
}

impl Store {
    /// The state file: `--state` / `AIPATH_STATE` when given (clap merges the two, the flag winning),
    /// else `state.yaml` in the platform data folder.
    pub fn locate(explicit: Option<PathBuf>) -> Result<Store> {
        let file = match explicit {
            Some(file) if !file.as_os_str().is_empty() => file,
            _ => default_data_dir()?.join("state.yaml"),
        };
        Ok(Store { file })
    }

    /// Reads the state without locking; a missing file is a fresh start. Read-only commands use this.
    pub fn read(&self) -> Result<State> {
        match fs::read_to_string(&self.file) {
            Ok(text) => decode(&self.file, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(anyhow!(
                "{}: cannot read the state file: {e}",
                self.file.display()
            )),
        }
    }

    /// Runs `change` on the state under an exclusive lock and writes the result if it differs.
    /// When `change` fails nothing is written.
    pub fn update<T>(&self, change: impl FnOnce(&mut State) -> Result<T>) -> Result<T> {
        let dir = self.folder();
        fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create the state folder", dir.display()))?;
        let lock_path = lock_path(&self.file);
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("{}: cannot open the lock file", lock_path.display()))?;
        lock.lock()
            .with_context(|| format!("{}: cannot lock", lock_path.display()))?;
        let mut state = self.read()?;
        let before = state.clone();
        let out = change(&mut state)?;
        if state != before {
            self.write(&state)?;
        }
        drop(lock);
        Ok(out)
    }

    fn folder(&self) -> PathBuf {
        match self.file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    fn write(&self, state: &State) -> Result<()> {
        let text = encode(state)?;
        let dir = self.folder();
        let context = || format!("{}: cannot write the state file", self.file.display());
        let mut temp = tempfile::Builder::new()
            .prefix(".state-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .with_context(context)?;
        temp.write_all(text.as_bytes()).with_context(context)?;
        temp.as_file().sync_all().with_context(context)?;
        temp.persist(&self.file)
            .map_err(|e| e.error)
            .with_context(context)?;
        // Make the rename itself durable; a folder that cannot be opened for this is not worth failing over.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

pub fn lock_path(file: &Path) -> PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    file.with_file_name(name)
}

fn default_data_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "aipath")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| anyhow!("cannot find a home folder for the state file; give one with --state FILE or AIPATH_STATE"))
}

/// Only the version, read first so that a file from a newer aipath is refused for that reason, not for a field
/// this build does not know.
#[derive(Deserialize)]
struct Header {
    version: Option<serde_yaml::Value>,
}

/// Parses a state file's text, refusing anything this build cannot read faithfully.
///
/// A state that reads as this build's format is parsed once; only when it does not is the version read on its own,
/// to tell a newer aipath's file from a broken one (parsing a 20,000-session log twice doubled every command's time).
pub fn decode(file: &Path, text: &str) -> Result<State> {
    if text.trim().is_empty() {
        bail!(
            "{}: the state file is empty; {UNREADABLE_HINT}",
            file.display()
        );
    }
    let parsed = serde_yaml::from_str::<State>(text);
    let version = match &parsed {
        Ok(state) => Some(u64::from(state.version)),
        Err(_) => {
            let header: Header = serde_yaml::from_str(text)
                .map_err(|e| anyhow!("{}; {UNREADABLE_HINT}", located_yaml(file, &e)))?;
            match header.version {
                Some(serde_yaml::Value::Number(n)) => n.as_u64(),
                _ => None,
            }
        }
    };
    match version {
        None => bail!(
            "{}: the state file has no `version: <number>`; {UNREADABLE_HINT}",
            file.display()
        ),
        Some(v) if v > u64::from(STATE_VERSION) => bail!(
            "{}: the state file was written by a newer aipath (format version {v}; this one reads up to {STATE_VERSION}); \
             upgrade aipath. {UNREADABLE_HINT}",
            file.display()
        ),
        Some(v) if v < u64::from(STATE_VERSION) => bail!(
            "{}: format version {v} is not one aipath has written; {UNREADABLE_HINT}",
            file.display()
        ),
        Some(_) => {}
    }
    parsed.map_err(|e| anyhow!("{}; {UNREADABLE_HINT}", located_yaml(file, &e)))
}

pub fn encode(state: &State) -> Result<String> {
    let body = serde_yaml::to_string(state).context("cannot encode the state")?;
    Ok(format!(
        "# aipath progress. Format: see `aipath --help` and the README, \"The state file\".\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> Result<State> {
        decode(Path::new("/x/state.yaml"), text)
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let message = decoded("version: 1\npaths: [\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.starts_with("/x/state.yaml:3:1: "), "{message}");
        assert!(message.ends_with(UNREADABLE_HINT), "{message}");
    }

    #[test]
    fn a_wrong_shape_names_the_line() {
        let message = decoded("version: 1\npaths:\n  p:\n    chosen: 7\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.starts_with("/x/state.yaml:4:13: "), "{message}");
    }

    #[test]
    fn a_newer_version_is_refused() {
        let message = decoded("version: 99\nsomething_new: true\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("written by a newer aipath"), "{message}");
    }

    #[test]
    fn a_newer_version_is_refused_even_when_every_field_is_known() {
        let message = decoded("version: 2\npaths: {}\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("written by a newer aipath"), "{message}");
        let message = decoded("version: 0\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("format version 0 is not one"), "{message}");
        let message = decoded("version: \"1\"\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("no `version: <number>`"), "{message}");
    }

    #[test]
    fn encode_then_decode_is_the_same_state() {
        let mut state = State::default();
        let p = state.paths.entry("p".into()).or_default();
        p.apply(
            crate::progress::Kind::Module,
            "m",
            crate::progress::Change::Done,
            jiff::civil::date(2026, 2, 3),
        );
        p.chosen = vec!["x".into()];
        let text = encode(&state).unwrap_or_default();
        assert!(text.contains("finished: 2026-02-03"), "{text}");
        assert_eq!(decoded(&text).ok(), Some(state));
    }
}
