//! I/O for the learner's state file: located, versioned, locked, and written through a temp file and a rename.
//!
//! The file is JSON since format 5, YAML before (see docs/state-format.md). Reading never changes it. A change takes an exclusive lock on
//! `<file>.lock` across read-modify-write, so concurrent `aipath` processes never lose each other's work, and is
//! written to a temp file in the same folder, flushed, and renamed over the old one: a crash leaves the old file or
//! the new one, whole. A file that cannot be read is reported with its line and column and is never rewritten.
//!
//! The file is kept as the learner has it: its permissions carry over to the new file, a link to it is followed
//! (and one that leads nowhere is an error, never an empty start), and what the rename cannot keep, the other names
//! of a file with hard links, is said each time. The file may come from another machine, so it is read as untrusted
//! input (see [`super::input`]).

use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, anyhow};
use serde_json::Value;

use super::atomic::{self, Replace};
use super::input::{self, ReadError};
use crate::error::{CommandError, located_utf8, located_yaml};
use crate::progress::migrate::{SAME_SHAPE_SINCE, migrate};
use crate::progress::{STATE_VERSION, State};

/// Told with a state file from a newer aipath: nothing is wrong with it, this build is too old.
const NEWER_HINT: &str = "aipath has left the file untouched; upgrade aipath to go on with it, or give another file with `--state`";

/// Told with every unreadable state file: what the learner can do about it.
const UNREADABLE_HINT: &str =
    "aipath has left the file untouched; fix it by hand, or move it aside to start afresh";

/// A state file that cannot be read (exit 1), with [`UNREADABLE_HINT`].
fn unreadable(what: impl std::fmt::Display) -> anyhow::Error {
    CommandError::io(what).hint(UNREADABLE_HINT).into()
}

pub struct Store {
    pub file: PathBuf,
}

/// A state file written in an older format and upgraded by a change: the version it had and where the original is
/// kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    pub from: u32,
    pub backup: PathBuf,
}

impl Upgrade {
    /// The note a learner is told once, when it happens.
    pub fn message(&self, file: &Path) -> String {
        format!(
            "upgraded `{}` from format version {} to {STATE_VERSION}; the original is kept as `{}`",
            file.display(),
            self.from,
            self.backup.display()
        )
    }
}

/// Something the learner is told about their state file while a change is made, as it happens: the command layer
/// says it (`aipath: note: …`), never this module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another aipath holds the lock; this one waits for it.
    Waiting,
    /// The file was in an older format and has been upgraded.
    Upgraded(Upgrade),
    /// The file had other hard links, which the rename leaves with the old content.
    HardLinks { others: u64 },
}

impl Notice {
    pub fn message(&self, file: &Path) -> String {
        match self {
            Notice::Waiting => format!(
                "waiting for another aipath to finish changing `{}`…",
                file.display()
            ),
            Notice::Upgraded(upgrade) => upgrade.message(file),
            Notice::HardLinks { others } => format!(
                "`{}` had {others} other hard link{}, which keep{} the old content: aipath saves by renaming a new \
                 file over this name",
                file.display(),
                if *others == 1 { "" } else { "s" },
                if *others == 1 { "s" } else { "" },
            ),
        }
    }
}

/// A state file's content as this build reads it, and the format version the file was written in.
#[derive(Debug)]
pub struct Decoded {
    pub state: State,
    pub version: u32,
}

/// The most backups of one version kept beside a state file (`.bak-v1`, `.bak-v1.2`, …) before aipath asks the
/// learner to tidy up: a bound on the search for a free name, far above what anyone will meet.
const MAX_BACKUPS: u32 = 1000;

/// How the state's temp files are named: `.state-XXXXXX.tmp` beside it.
pub(crate) const TEMP_PREFIX: &str = ".state-";

/// How old a temp file must be before a write takes it for the leftover of a killed one: a write takes
/// milliseconds, and one in progress belongs to whoever holds the lock, so a minute is far past any live one.
const STALE_TEMP: Duration = Duration::from_secs(60);

/// `--state` / `AIPATH_STATE` as given. Empty is accepted here and means "not given" in [`Store::locate`]: clap's
/// own path parser refuses an empty value, and so an `AIPATH_STATE=` left empty in a shell profile stopped every
/// command with "a value is required".
pub fn state_arg(text: &str) -> std::result::Result<PathBuf, std::convert::Infallible> {
    Ok(PathBuf::from(text))
}

impl Store {
    /// The state file: `--state` / `AIPATH_STATE` when given (clap merges the two, the flag winning),
    /// else `state.yaml` in the platform data folder.
    pub fn locate(explicit: Option<PathBuf>) -> Result<Store> {
        let file = match explicit {
            Some(file) if !file.as_os_str().is_empty() => file,
            _ => default_data_dir()?.join("state.yaml"),
        };
        Ok(Store {
            file: follow_link(file)?,
        })
    }

    /// Reads the state without locking; a missing file is a fresh start, a file from an older aipath is migrated
    /// in memory only. Read-only commands use this and never write.
    pub fn read(&self) -> Result<State> {
        Ok(self.load()?.map(|(_, d)| d.state).unwrap_or_default())
    }

    /// The file's bytes and what they decode to; `None` when there is no file yet.
    fn load(&self) -> Result<Option<(Vec<u8>, Decoded)>> {
        match input::read_bytes(&self.file, "state file") {
            Ok(bytes) => {
                let decoded = decode(&self.file, &bytes)?;
                Ok(Some((bytes, decoded)))
            }
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(ReadError::Io(e)) => Err(anyhow!(
                "{}: cannot read the state file: {e}",
                self.file.display()
            )),
            Err(ReadError::Refused(message)) => Err(unreadable(message)),
        }
    }

    /// Runs `change` on the state under an exclusive lock and writes the result if it differs.
    /// When `change` fails nothing is written. The first write of a file from an older aipath keeps the original
    /// beside it first (see [`Store::back_up`]). What the learner should hear of (waiting for the lock, an upgrade,
    /// hard links) is given to `tell` as it happens.
    ///
    /// `record` is given the state as read, the state as changed and the format version of an older file, under the
    /// lock and just before the write: it appends the change to the history and names it in the state (see
    /// [`super::history`]). When it fails nothing is written.
    pub fn update<T>(
        &self,
        tell: &mut dyn FnMut(Notice),
        change: impl FnOnce(&mut State) -> Result<T>,
        record: impl FnOnce(&State, &mut State, Option<u32>) -> Result<()>,
    ) -> Result<T> {
        let dir = atomic::folder_of(&self.file);
        let lock = self.lock(tell)?;
        let (mut state, older) = match self.load()? {
            Some((bytes, d)) => {
                let older = (d.version < STATE_VERSION).then_some((bytes, d.version));
                (d.state, older)
            }
            None => (State::default(), None),
        };
        let before = state.clone();
        let out = change(&mut state)?;
        if state != before {
            remove_stale_temps(&dir);
            let backup = match &older {
                Some((bytes, version)) => Some(self.back_up(bytes, *version)?),
                None => None,
            };
            let older_version = older.as_ref().map(|(_, version)| *version);
            let written =
                record(&before, &mut state, older_version).and_then(|()| self.write(&state));
            let links = match written {
                Ok(links) => links,
                Err(e) => {
                    // The old file is still in place, whole, so its copy says nothing new: do not leave it behind.
                    if let Some(backup) = &backup {
                        let _ = fs::remove_file(backup);
                    }
                    return Err(e);
                }
            };
            if let (Some(backup), Some((_, from))) = (backup, older) {
                tell(Notice::Upgraded(Upgrade { from, backup }));
            }
            if links > 1 {
                tell(Notice::HardLinks { others: links - 1 });
            }
        }
        drop(lock);
        Ok(out)
    }

    /// Takes the state's exclusive lock, creating the state's folder if need be; held until the returned file is
    /// dropped. What the learner should hear of (waiting for another command) is given to `tell`.
    pub fn lock(&self, tell: &mut dyn FnMut(Notice)) -> Result<File> {
        let dir = atomic::folder_of(&self.file);
        fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create the state folder", dir.display()))?;
        let lock_path = lock_path(&self.file);
        let lock = open_lock(&lock_path)?;
        // Tried first, so a learner whose command waits on another's (a long `aipath show` pager does not hold it,
        // but a stuck process might) is told why nothing happens.
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                tell(Notice::Waiting);
                lock.lock()
                    .with_context(|| format!("{}: cannot lock", lock_path.display()))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("{}: cannot lock", lock_path.display()));
            }
        }
        Ok(lock)
    }

    /// Replaces the state file whole with `state`, for `aipath sync`, which holds [`Store::lock`] while it merges.
    pub fn replace(&self, state: &State) -> Result<()> {
        remove_stale_temps(&atomic::folder_of(&self.file));
        self.write(state).map(|_| ())
    }

    /// Replaces the state file whole with `bytes` another machine wrote, once they have been read back
    /// ([`decode`]) by the caller. Under [`Store::lock`].
    pub fn replace_bytes(&self, bytes: &[u8]) -> Result<()> {
        atomic::write(&self.file, TEMP_PREFIX, bytes, Replace::Yes)
            .with_context(|| format!("{}: cannot write the state file", self.file.display()))
    }

    /// Copies a file's original bytes beside it as `<name>.bak-v<version>`, whole or not at all, and returns the
    /// copy's path. An earlier backup is never overwritten: the name takes a number instead (`state.yaml.bak-v1.2`),
    /// so a second old file (restored by hand, or synced from a laptop with an older aipath) is kept too, and the
    /// learner is never stopped from recording progress by a backup left from before.
    fn back_up(&self, bytes: &[u8], version: u32) -> Result<PathBuf> {
        let context = || {
            format!(
                "{}: cannot keep a copy of the state file before upgrading it",
                self.file.display()
            )
        };
        let mut temp = atomic::temp_beside(&self.file, TEMP_PREFIX).with_context(context)?;
        // The copy is as private as the original.
        if let Ok(meta) = fs::metadata(&self.file) {
            temp.as_file()
                .set_permissions(meta.permissions())
                .with_context(context)?;
        }
        temp.write_all(bytes).with_context(context)?;
        temp.as_file().sync_all().with_context(context)?;
        let base = sibling(&self.file, &format!(".bak-v{version}"));
        for n in 1..=MAX_BACKUPS {
            let target = if n == 1 {
                base.clone()
            } else {
                sibling(&base, &format!(".{n}"))
            };
            match temp.persist_noclobber(&target) {
                Ok(_) => return Ok(target),
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
                Err(e) => return Err(e.error).with_context(context),
            }
        }
        Err(CommandError::io(format_args!(
            "{}: there are already {MAX_BACKUPS} backups beside it",
            self.file.display()
        ))
        .hint(format!("move the `.bak-v{version}` files away"))
        .into())
    }

    /// Writes the state; returns how many hard links the file it replaced had (0 when there was none).
    /// Writes `state`, once the text it encodes to has been read back as every command reads the file (size,
    /// budgets, the day's hours): aipath never writes a state its own reader would refuse, which would lock the
    /// learner out, `undo` included, and travel to every machine with the next sync.
    fn write(&self, state: &State) -> Result<u64> {
        let text = encode(state)?;
        decode(&self.file, text.as_bytes()).map_err(|e| {
            let why = e.to_string();
            crate::error::input(format!(
                "this change would leave a state file aipath cannot read back ({why}); nothing was written"
            ))
        })?;
        let links = fs::symlink_metadata(&self.file).map_or(0, |m| hard_links(&m));
        atomic::write(&self.file, TEMP_PREFIX, text.as_bytes(), Replace::Yes)
            .with_context(|| format!("{}: cannot write the state file", self.file.display()))?;
        Ok(links)
    }
}

#[cfg(unix)]
fn hard_links(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    meta.nlink()
}

#[cfg(not(unix))]
fn hard_links(_: &fs::Metadata) -> u64 {
    1
}

/// Opens (or creates) the lock file, never through a symbolic link: a link planted at `<file>.lock` would otherwise
/// have aipath create or lock whatever it names.
fn open_lock(lock_path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(lock_path).map_err(|e| {
        if fs::symlink_metadata(lock_path).is_ok_and(|m| m.file_type().is_symlink()) {
            CommandError::io(format_args!(
                "{}: the lock file is a symbolic link, which aipath does not follow",
                lock_path.display()
            ))
            .hint("remove it and run the command again")
            .into()
        } else {
            anyhow::Error::new(e).context(format!(
                "{}: cannot open the lock file",
                lock_path.display()
            ))
        }
    })
}

/// Removes what killed writes left in the state's folder: only files named as this module names its temp files
/// (`.state-` and six letters or digits, `.tmp`), only plain files, only those older than [`STALE_TEMP`]. Called
/// under the lock, before a write. Best effort: a leftover that cannot be removed is no reason to fail the write.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_state_temp) {
            continue;
        }
        // `DirEntry::metadata` does not follow a link: a link of that name is not ours, and is left alone.
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let stale = meta
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > STALE_TEMP);
        if meta.file_type().is_file() && stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a file name is one [`atomic::temp_beside`] makes with [`TEMP_PREFIX`]: `.state-XXXXXX.tmp`.
fn is_state_temp(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(|random| {
            random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// A state file that is a symbolic link (into a synced folder, say) is read, locked and written at its target: the
/// rename that replaces the file would otherwise replace the link with a plain file, and later progress would stop
/// reaching the synced copy. A link that leads nowhere is an error: read as no file, it would show an empty
/// start and be replaced by the first write, and the learner's progress would go on somewhere they do not look.
fn follow_link(file: PathBuf) -> Result<PathBuf> {
    match fs::symlink_metadata(&file) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(&file).map_err(|e| {
            let target = fs::read_link(&file)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            if e.kind() == std::io::ErrorKind::NotFound {
                CommandError::io(format_args!(
                    "{}: the state file is a symbolic link to `{target}`, which does not exist",
                    file.display()
                ))
                .hint("aipath has left the link untouched: restore its target, or point it at your state file")
                .into()
            } else {
                anyhow!(
                    "{}: cannot follow the state file's symbolic link to `{target}`: {e}",
                    file.display()
                )
            }
        }),
        _ => Ok(file),
    }
}

/// `file` with `suffix` added to its name: `state.yaml` -> `state.yaml.lock`.
fn sibling(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    file.with_file_name(name)
}

pub fn lock_path(file: &Path) -> PathBuf {
    sibling(file, ".lock")
}

/// The platform data folder: the default state file's folder, and the home of the `paths` folder.
pub fn default_data_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "aipath")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            CommandError::io("cannot find a home folder for the state file")
                .hint("give one with --state FILE or AIPATH_STATE")
                .into()
        })
}

/// Parses a state file's bytes, refusing anything this build cannot read faithfully, and migrates a file from an
/// older aipath (in memory: the caller decides whether to write it).
///
/// A file in this build's format is parsed once; only one that is not is read again as a plain YAML tree, to
/// tell an older or newer aipath's file from a broken one (parsing a 20,000-session log twice doubled every
/// command's time).
pub fn decode(file: &Path, bytes: &[u8]) -> Result<Decoded> {
    if let Err(ReadError::Refused(message)) =
        input::size_within(file, "state file", bytes.len() as u64)
    {
        return Err(unreadable(message));
    }
    let bytes = bytes.strip_prefix(input::BOM.as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| unreadable(located_utf8(file, "state file", bytes, &e)))?;
    if text.trim().is_empty() {
        return Err(unreadable(format!(
            "{}: the state file is empty",
            file.display()
        )));
    }
    let decoded = parse(file, text)?;
    if let Some((path, day)) = decoded.state.overfull_day() {
        let at = line_of_day(text, path, day.date).map_or(String::new(), |line| format!(":{line}"));
        return Err(unreadable(format!(
            "{}{at}: the sessions of {} on path `{}` add up to {} hours, more than the {} in a day",
            file.display(),
            day.date,
            crate::error::shorten(path),
            day.hours,
            crate::log::MAX_HOURS_PER_DAY
        )));
    }
    Ok(decoded)
}

/// The line of the first session on `date` in the log of path `id`, as best a text search can find it: the first
/// line naming that date after the line that opens the path's entry. Only for pointing at it in a message.
fn line_of_day(text: &str, id: &str, date: jiff::civil::Date) -> Option<usize> {
    let date = date.to_string();
    let opens_path = |line: &str| {
        let t = line.trim_start();
        [id.to_string(), format!("'{id}'"), format!("\"{id}\"")]
            .iter()
            .any(|key| {
                t.strip_prefix(key.as_str())
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
    };
    let start = text.lines().position(opens_path)?;
    text.lines()
        .enumerate()
        .skip(start)
        .find(|(_, line)| line.contains(&date) && line.contains("date"))
        .map(|(i, _)| i + 1)
}

/// Parses a state file's text (see [`decode`]): JSON as aipath writes it since version 5, or YAML as older
/// versions wrote it and as a learner may write it by hand.
fn parse(file: &Path, text: &str) -> Result<Decoded> {
    let json = text.trim_start().starts_with('{');
    // The common case, a file in a format with today's shape, is parsed once, straight into a state.
    let typed = read_typed(file, text, json);
    if let Ok(state) = &typed
        && (SAME_SHAPE_SINCE..=STATE_VERSION).contains(&state.version)
    {
        let version = state.version;
        return settled(typed, version);
    }
    let doc = if json {
        serde_json::from_str::<Value>(text).map_err(|e| unreadable(json_error(file, &e)))?
    } else {
        crate::yaml::from_str::<Value>(text).map_err(|e| unreadable(located_yaml(file, &e)))?
    };
    let Value::Object(doc) = doc else {
        return Err(unreadable(format!(
            "{}: the state file is not a mapping of `version:` and `paths:`",
            file.display()
        )));
    };
    let version = match version_of(file, &doc) {
        Ok(version) => version,
        Err(Refusal::Newer(message)) => {
            return Err(CommandError::io(message).hint(NEWER_HINT).into());
        }
        Err(Refusal::Unreadable(message)) => return Err(unreadable(message)),
    };
    if version >= SAME_SHAPE_SINCE {
        // Today's shape, yet the typed parse failed: its error has the line.
        return settled(typed, version);
    }
    let migrated =
        migrate(doc, version).map_err(|e| unreadable(format!("{}: {e}", file.display())))?;
    // A tree carries no positions. The steps keep the fields a learner wrote, so reading the original text with
    // today's shape nearly always points at the same mistake, with its line.
    let located = match typed {
        Err(t) if t.located => Some(t.message),
        _ => None,
    };
    let state = serde_json::from_value::<State>(Value::Object(migrated)).map_err(|e| {
        located.unwrap_or_else(|| {
            format!(
                "{}: {}",
                file.display(),
                crate::error::shorten(&e.to_string())
            )
        })
    });
    settled(
        state.map_err(|message| Typed {
            message,
            located: false,
        }),
        version,
    )
}

/// Why a text did not read straight into today's shape: the message, with the file, and whether it has a line.
struct Typed {
    message: String,
    located: bool,
}

/// A state file's text read straight into today's shape.
fn read_typed(file: &Path, text: &str, json: bool) -> std::result::Result<State, Typed> {
    if json {
        serde_json::from_str::<State>(text).map_err(|e| Typed {
            message: json_error(file, &e),
            located: true,
        })
    } else {
        crate::yaml::from_str::<State>(text).map_err(|e| Typed {
            located: e.location.is_some(),
            message: located_yaml(file, &e),
        })
    }
}

/// A state read from a file of format `version`, in today's format: sessions without an id, or with a number another
/// has, put in order, so every command reads (and the next change writes) the same repaired state.
fn settled(state: std::result::Result<State, Typed>, version: u32) -> Result<Decoded> {
    let mut state = state.map_err(|e| unreadable(e.message))?;
    state.version = STATE_VERSION;
    state.settle();
    Ok(Decoded { state, version })
}

/// Why a state file's version is not one this build reads.
enum Refusal {
    Newer(String),
    Unreadable(String),
}

/// The format version a state document says it has, when this build can read it.
fn version_of(file: &Path, doc: &serde_json::Map<String, Value>) -> Result<u32, Refusal> {
    match doc.get("version").and_then(Value::as_u64) {
        None => Err(Refusal::Unreadable(format!(
            "{}: the state file has no `version: <number>`",
            file.display()
        ))),
        Some(v) if v > u64::from(STATE_VERSION) => Err(Refusal::Newer(format!(
            "{}: the state file was written by a newer aipath (format version {v}; this one reads up to \
             {STATE_VERSION})",
            file.display()
        ))),
        Some(0) => Err(Refusal::Unreadable(format!(
            "{}: format version 0 is not one aipath has written",
            file.display()
        ))),
        // Between 1 and STATE_VERSION, so it fits.
        Some(v) => Ok(u32::try_from(v).unwrap_or(STATE_VERSION)),
    }
}

/// A JSON error as `FILE:LINE:COLUMN: message`, as [`located_yaml`] gives a YAML one.
fn json_error(file: &Path, e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    format!(
        "{}:{}:{}: {}",
        file.display(),
        e.line(),
        e.column(),
        crate::error::shorten(message)
    )
}

/// The state as aipath writes it: pretty-printed JSON, a line per field, except that each element of a list that is
/// itself an object (a study session, a link) is one line. A learner can read and mend it, a diff shows one line per
/// session changed, and a long log holds a tenth of the indentation the reader would otherwise skip.
pub fn encode(state: &State) -> Result<String> {
    let mut body = Vec::new();
    let mut writer = serde_json::Serializer::with_formatter(&mut body, LinePerItem::default());
    serde::Serialize::serialize(state, &mut writer).context("cannot encode the state")?;
    body.push(b'\n');
    String::from_utf8(body).context("cannot encode the state")
}

/// serde_json's pretty layout, with every object inside a list written on one line.
#[derive(Default)]
struct LinePerItem {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    compact: serde_json::ser::CompactFormatter,
    /// For each open container: whether it is a list.
    open: Vec<bool>,
    /// How many containers are open inside a one-line object (0: not in one).
    inline: usize,
}

impl LinePerItem {
    fn opens(&mut self, list: bool) -> bool {
        let in_list = self.open.last().copied().unwrap_or(false);
        self.open.push(list);
        if self.inline > 0 || (!list && in_list) {
            self.inline += 1;
        }
        self.inline > 0
    }

    fn closes(&mut self) -> bool {
        self.open.pop();
        let inline = self.inline > 0;
        self.inline = self.inline.saturating_sub(1);
        inline
    }
}

impl serde_json::ser::Formatter for LinePerItem {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        match self.opens(true) {
            true => self.compact.begin_array(w),
            false => self.pretty.begin_array(w),
        }
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        match self.closes() {
            true => self.compact.end_array(w),
            false => self.pretty.end_array(w),
        }
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        match self.inline > 0 {
            true => self.compact.begin_array_value(w, first),
            false => self.pretty.begin_array_value(w, first),
        }
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        match self.inline > 0 {
            true => self.compact.end_array_value(w),
            false => self.pretty.end_array_value(w),
        }
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        match self.opens(false) {
            true => self.compact.begin_object(w),
            false => self.pretty.begin_object(w),
        }
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        match self.closes() {
            true => self.compact.end_object(w),
            false => self.pretty.end_object(w),
        }
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        match self.inline > 0 {
            true => self
                .compact
                .begin_object_key(w, first)
                .and_then(|()| match first {
                    true => Ok(()),
                    false => w.write_all(b" "),
                }),
            false => self.pretty.begin_object_key(w, first),
        }
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        match self.inline > 0 {
            true => w.write_all(b": "),
            false => self.pretty.begin_object_value(w),
        }
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        match self.inline > 0 {
            true => self.compact.end_object_value(w),
            false => self.pretty.end_object_value(w),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> Result<State> {
        decode(Path::new("/x/state.yaml"), text.as_bytes()).map(|d| d.state)
    }

    #[test]
    fn a_state_the_reader_would_refuse_is_never_written() {
        let dir = tempfile::TempDir::new().unwrap_or_else(|e| panic!("{e}"));
        let store =
            Store::locate(Some(dir.path().join("state.yaml"))).unwrap_or_else(|e| panic!("{e}"));
        let mut state = State::default();
        state
            .paths
            .entry("p".into())
            .or_default()
            .log
            .push(crate::progress::LogEntry {
                id: "s".into(),
                number: 1,
                date: jiff::civil::date(2026, 1, 5),
                hours: 1.0,
                module: None,
                note: Some("x".repeat(17 << 20)),
            });
        let message = store
            .replace(&state)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.starts_with("this change would leave a state file aipath cannot read back ("),
            "{message}"
        );
        assert!(message.ends_with("); nothing was written"), "{message}");
        assert!(!store.file.exists());
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let message = decoded("version: 2\npaths: [\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.starts_with("/x/state.yaml:2:8: "), "{message}");
        assert_eq!(hints_of(b"version: 2\npaths: [\n"), [UNREADABLE_HINT]);
    }

    #[test]
    fn a_wrong_shape_names_the_line() {
        let message = decoded("version: 2\npaths:\n  p:\n    chosen: 7\n")
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
        assert!(
            message
                .ends_with("written by a newer aipath (format version 99; this one reads up to 5)"),
            "{message}"
        );
        assert_eq!(hints_of(b"version: 99\n"), [NEWER_HINT]);
        let message = message_of(b"version: 4294967296\n");
        assert!(
            message.contains("written by a newer aipath (format version 4294967296;"),
            "{message}"
        );
    }

    /// The hints printed after the error reading `text`.
    fn hints_of(text: &[u8]) -> Vec<String> {
        decode(Path::new("/x/state.yaml"), text)
            .err()
            .map(|e| crate::error::hints_of(&e))
            .unwrap_or_default()
    }

    fn message_of(text: &[u8]) -> String {
        decode(Path::new("/x/state.yaml"), text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_version_1_file_is_read_as_the_current_version() {
        let v1 = "version: 1\nactive: p\npaths:\n  p:\n    chosen: [c]\n    modules:\n      m: { status: done }\n";
        let decoded =
            decode(Path::new("/x/state.yaml"), v1.as_bytes()).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(decoded.version, 1);
        let current = decoded.state;
        assert_eq!(current.version, STATE_VERSION);
        assert_eq!(current.active.as_deref(), Some("p"));
        let p = current.paths.get("p").cloned().unwrap_or_default();
        assert_eq!(p.chosen, ["c"]);
        assert_eq!(p.status("m"), crate::progress::Status::Done);
    }

    #[test]
    fn a_wrong_shape_in_a_version_1_file_still_names_its_line() {
        let message =
            message_of(b"version: 1\npaths:\n  p:\n    modules:\n      m: { status: finished }\n");
        assert!(message.starts_with("/x/state.yaml:5:"), "{message}");
        assert!(message.contains("`finished`"), "{message}");
    }

    #[test]
    fn a_file_that_is_not_a_mapping_or_has_no_usable_version_is_refused() {
        for (text, expected) in [
            (&b"- 2\n"[..], "is not a mapping"),
            (b"paths: {}\n", "has no `version: <number>`"),
            (b"version: two\n", "has no `version: <number>`"),
            (b"version: 1.5\n", "has no `version: <number>`"),
            (
                b"version: 0\n",
                "format version 0 is not one aipath has written",
            ),
            (b" \n\n", "the state file is empty"),
        ] {
            let message = message_of(text);
            assert!(message.contains(expected), "{text:?}: {message}");
            assert_eq!(hints_of(text), [UNREADABLE_HINT], "{message}");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_located() {
        let message = message_of(b"version: 2\npaths:\n  \xc3\xa9t\xff\n");
        assert!(
            message.starts_with("/x/state.yaml:3:5: the state file is not UTF-8 text"),
            "{message}"
        );
    }

    #[test]
    fn a_newer_version_is_refused_even_when_every_field_is_known() {
        let message = decoded("version: 6\npaths: {}\n")
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
        assert!(text.contains("\"finished\": \"2026-02-03\""), "{text}");
        assert_eq!(decoded(&text).ok(), Some(state));
    }

    #[test]
    fn each_session_is_one_line_and_reads_back_whatever_its_note_holds() {
        let mut state = State::default();
        let p = state.paths.entry("p".into()).or_default();
        for (n, note) in [
            "plain",
            "a \"quoted\" {note}, [with] : marks",
            "two\nlines\ttab \u{1b}[2J é 中",
        ]
        .iter()
        .enumerate()
        {
            let number = u32::try_from(n).unwrap_or(0) + 1;
            p.log.push(crate::progress::LogEntry {
                id: format!("id-{n}"),
                number,
                date: jiff::civil::date(2026, 1, 5),
                hours: 1.0,
                module: None,
                note: Some((*note).to_string()),
            });
            state.last_log_number = number;
        }
        let text = encode(&state).unwrap_or_default();
        let sessions: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("\"id\": \"id-"))
            .collect();
        assert_eq!(sessions.len(), 3, "{text}");
        for line in sessions {
            assert!(
                line.trim_start().starts_with('{')
                    && line.trim_end().trim_end_matches(',').ends_with('}')
            );
        }
        assert!(text.starts_with("{\n  \"version\": 5,\n"), "{text}");
        assert_eq!(decoded(&text).ok(), Some(state));
    }
}
