//! `aipath sync`, `sync --init REMOTE` and `sync --status`: the same progress on every machine, through git.
//!
//! The data folder (the state file's folder) is a git repository on branch `main` whose `.gitignore` lets in only
//! the state, its history and the learner's `paths/*.yaml`. A sync, all under the state's lock so no command running
//! beside it loses anything:
//!
//! 1. commits this machine's changes (the message says what their events did);
//! 2. fetches; when the remote cannot be reached, stops with exit 1, the commit kept for the next sync;
//! 3. takes the remote's files when this machine has nothing new, or merges with aipath's own merge
//!    ([`crate::sync::merge`]), which cannot conflict, into a commit with both parents;
//! 4. pushes; when the remote moved meanwhile, goes back to 2 (at most [`ATTEMPTS`] times).
//!
//! Files are written as every aipath write is (temp file, rename), the history before the state that names its last
//! event, so a sync killed at any point leaves a state that reads, and the next sync finishes the work.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::{Ctx, new_id};
use crate::error::input;
use crate::history::lines::{ids_in, new_events};
use crate::history::{Event, Kind};
use crate::io::atomic::{self, Replace};
use crate::io::git::{Pushed, REMOTE_REF, Repo};
use crate::io::history as log_file;
use crate::io::store::{TEMP_PREFIX, decode};
use crate::progress::State;
use crate::render::views::sync::{SyncStatusView, SyncView};
use crate::sync::{FileMerge, Files, merge_files, message};

/// How many of the remote's newest commits a merge looks at for a better base than the one git names.
const BASE_CANDIDATES: usize = 16;
/// How many times a push rejected because the remote moved is fetched, merged and tried again.
const ATTEMPTS: usize = 8;
/// The most of another machine's state or history aipath reads (the state's own budget then applies).
const MAX_STATE: u64 = 64 << 20;
const MAX_HISTORY: u64 = 128 << 20;
/// Beside the repository's own files, never synced: when this machine last synced.
const SYNCED: &str = "aipath-synced";
/// The state at commit `base`.
fn base_state(repo: &Repo, names: &Names, base: &str) -> Result<State> {
    remote_side(repo, names, base).map(|s| s.state)
}

/// A fault-injection point for the crash tests: when `AIPATH_SYNC_FAULT` names `point`, the process aborts there,
/// as a `kill -9` or a closed laptop would stop it. Each point is a boundary between two writes a sync makes.
fn fault(point: &str) {
    if std::env::var_os("AIPATH_SYNC_FAULT").is_some_and(|p| p == point) {
        std::process::abort();
    }
}

/// The names of the synced files in the data folder.
struct Names {
    state: String,
    history: String,
}

impl Names {
    fn of(state_file: &Path) -> Names {
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        Names {
            state: name(state_file),
            history: name(&log_file::file_of(state_file)),
        }
    }

    /// The whole `.gitignore`: everything out but what aipath syncs, so a lock, a temp file or a backup never
    /// travels.
    fn gitignore(&self) -> String {
        format!(
            "# Written by `aipath sync`: only the progress, its history and your own paths travel.\n*\n!/.gitignore\n\
             !/{}\n!/{}\n!/paths/\n!/paths/*.yaml\n",
            self.state, self.history
        )
    }

    /// Whether a file of a commit is one aipath syncs.
    fn is_ours(&self, file: &str) -> bool {
        file == ".gitignore"
            || file == self.state
            || file == self.history
            || file.strip_prefix("paths/").is_some_and(is_path_file)
    }
}

/// A learner's path file name: plain, ending in `.yaml`, nothing that could climb out of `paths/`.
fn is_path_file(name: &str) -> bool {
    name.ends_with(".yaml")
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

pub fn run(ctx: &Ctx, init: Option<&str>) -> Result<()> {
    let dir = atomic::folder_of(&ctx.store.file);
    let names = Names::of(&ctx.store.file);
    let repo = Repo::at(&dir);
    if init.is_none() && !repo.exists() {
        return Err(not_set_up(&dir));
    }
    if let Some(remote) = init {
        check_remote(remote)?;
    }
    let file = &ctx.store.file;
    let _lock = ctx
        .store
        .lock(&mut |notice| ctx.shell.note(&notice.message(file)))?;
    let created = init.is_some() && !repo.exists();
    // What a refused `--init` puts back as it found it: the learner's own `.gitignore`, and the remote.
    let old_ignore = fs::read(repo.dir.join(".gitignore")).ok();
    let old_remote = if repo.exists() {
        repo.remote_url()?
    } else {
        None
    };
    let mut notes = Vec::new();
    let outcome = set_up(&repo, &names, init, created, &mut notes).and_then(|repo| {
        let done = sync(ctx, &repo, &names)?;
        Ok((repo, done))
    });
    let (repo, mut done) = match outcome {
        Ok(ok) => ok,
        Err(e) => {
            // A repository this very command made, for a remote it then refused, is taken away again, with the
            // `.gitignore` it wrote.
            if init.is_some() && crate::error::kind_of(&e) == crate::error::Kind::Input {
                let ignore = repo.dir.join(".gitignore");
                match &old_ignore {
                    Some(bytes) => {
                        let _ = atomic::write(&ignore, TEMP_PREFIX, bytes, Replace::Yes);
                    }
                    None => {
                        let _ = fs::remove_file(&ignore);
                    }
                }
                if created {
                    let _ = fs::remove_dir_all(repo.git_dir());
                } else {
                    let _ = match &old_remote {
                        Some(url) => repo.run(["remote", "set-url", "origin", url]),
                        None => repo.run(["remote", "remove", "origin"]),
                    };
                }
            }
            return Err(e);
        }
    };
    for note in notes {
        ctx.shell.note(&note);
    }
    let now = crate::io::clock::now()?.timestamp();
    let _ = fs::write(repo.git_dir().join(SYNCED), format!("{now}\n"));
    done.remote = repo.remote_url()?.unwrap_or_default();
    ctx.shell.print(&done)
}

fn not_set_up(dir: &Path) -> anyhow::Error {
    crate::error::input_hinted(
        format!("sync is not set up for `{}`", dir.display()),
        "`aipath sync --init REMOTE` sets it up (REMOTE: any git address, such as an empty repository on GitHub or \
         a bare one on a USB stick)",
    )
}

/// The `.gitignore` to write: aipath's lines after the learner's own, which are kept (aipath's block, always last,
/// starts with its comment line and is replaced whole).
fn with_own_lines(existing: Option<&str>, ours: &str) -> String {
    let header = ours.lines().next().unwrap_or_default();
    let own = match existing {
        Some(text) => match text.find(header) {
            Some(at) => &text[..at],
            None => text,
        },
        None => "",
    };
    if own.trim().is_empty() {
        return ours.to_string();
    }
    let mut out = own.trim_end().to_string();
    out.push_str("\n\n");
    out.push_str(ours);
    out
}

/// A remote address aipath hands to git: never one git would take for an option.
fn check_remote(remote: &str) -> Result<()> {
    if remote.trim().is_empty() || remote.starts_with('-') || remote.chars().any(char::is_control) {
        return Err(input(format!(
            "`{remote}` is not a git address: give a path, an ssh address (`git@host:you/progress.git`) or a URL"
        )));
    }
    Ok(())
}

/// A remote on this machine's disk, as an absolute path (git would read a relative one from wherever `aipath` runs
/// next), made as an empty bare repository when it does not exist yet but its folder does: a USB stick, a shared
/// drive. Any other address is git's to read.
fn local_remote(remote: &str) -> Result<String> {
    if !crate::io::git::is_local(remote) || remote.starts_with("file://") {
        return Ok(remote.to_string());
    }
    let path = std::path::absolute(remote)
        .with_context(|| format!("`{remote}`: cannot tell where this folder is"))?;
    if !path.exists() {
        let parent_exists = path.parent().is_some_and(Path::is_dir);
        if !parent_exists {
            return Err(input(format!(
                "`{}` does not exist, nor does the folder it would be made in",
                path.display()
            )));
        }
        crate::io::git::init(&path, true)?;
    }
    Ok(path.display().to_string())
}

/// Makes (or checks) the repository, its `.gitignore` and its remote.
fn set_up(
    repo: &Repo,
    names: &Names,
    init: Option<&str>,
    created: bool,
    notes: &mut Vec<String>,
) -> Result<Repo> {
    if created {
        repo.init()?;
    }
    let repo = repo.clone().with_identity()?;
    if let Some(head) = repo.commit_of("HEAD")? {
        check_ours(
            &repo,
            &head,
            names,
            &format!("the repository in `{}`", repo.dir.display()),
            "aipath has changed nothing",
        )?;
    }
    if let Some(remote) = init {
        let remote = &local_remote(remote)?;
        match repo.remote_url()? {
            None => repo.run(["remote", "add", "origin", remote])?,
            Some(url) if url == *remote => String::new(),
            Some(old) => {
                notes.push(format!("the remote was `{old}`; it is now `{remote}`"));
                repo.run(["remote", "set-url", "origin", remote])?
            }
        };
    } else if repo.remote_url()?.is_none() {
        return Err(crate::error::input_hinted(
            format!("the repository in `{}` has no remote", repo.dir.display()),
            "`aipath sync --init REMOTE` sets one",
        ));
    }
    let ignore = repo.dir.join(".gitignore");
    let wanted = with_own_lines(
        fs::read_to_string(&ignore).ok().as_deref(),
        &names.gitignore(),
    );
    if fs::read_to_string(&ignore).ok().as_deref() != Some(wanted.as_str()) {
        atomic::write(&ignore, TEMP_PREFIX, wanted.as_bytes(), Replace::Yes)
            .with_context(|| format!("{}: cannot write", ignore.display()))?;
    }
    clear_stale_index_lock(&repo);
    Ok(repo)
}

/// A git killed half-way leaves `index.lock`, and every later git refuses to stage. Only aipath runs git here, and
/// only under the state's lock, which this process holds: a lock file a few seconds old is a leftover.
fn clear_stale_index_lock(repo: &Repo) {
    let lock = repo.git_dir().join("index.lock");
    let old = fs::metadata(&lock)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() >= 5);
    if old {
        let _ = fs::remove_file(lock);
    }
}

/// The most path files, and the most bytes of them, a sync takes from another machine: a learner has a handful,
/// and each is read at every `aipath paths`; a remote holding more would slow every later command, or fill the disk.
const MAX_PATH_FILES: usize = 64;
const MAX_PATH_BYTES: u64 = 16 << 20;

/// Refuses a commit holding files aipath does not sync (a repository or remote that is someone else's), or more
/// path files than a learner keeps.
fn check_ours(repo: &Repo, commit: &str, names: &Names, whose: &str, outcome: &str) -> Result<()> {
    let sized = repo.files_with_sizes(commit)?;
    let paths: Vec<&(String, u64)> = sized
        .iter()
        .filter(|(f, _)| f.starts_with("paths/"))
        .collect();
    let bytes: u64 = paths.iter().map(|(_, s)| *s).fold(0, u64::saturating_add);
    if paths.len() > MAX_PATH_FILES || bytes > MAX_PATH_BYTES {
        return Err(input(format!(
            "{whose} holds {} path files of {bytes} bytes in all, more than aipath takes ({MAX_PATH_FILES} files, \
             {MAX_PATH_BYTES} bytes); {outcome}",
            paths.len()
        )));
    }
    let files: Vec<String> = sized.into_iter().map(|(f, _)| f).collect();
    let strange: Vec<&String> = files.iter().filter(|f| !names.is_ours(f)).collect();
    if strange.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = strange.iter().take(3).map(|f| format!("`{f}`")).collect();
    Err(input(format!(
        "{whose} holds files that are not aipath's ({}{}); {outcome}. Sync needs a repository of its own: an \
         empty one, or one `aipath sync --init` made",
        shown.join(", "),
        if strange.len() > 3 { ", …" } else { "" }
    )))
}

/// Commits, fetches, merges and pushes; returns what it did (the remote's address is the caller's to fill in).
fn sync(ctx: &Ctx, repo: &Repo, names: &Names) -> Result<SyncView> {
    let mut done = SyncView {
        sent: commit_local(ctx, repo, names)?,
        ..SyncView::default()
    };
    fault("committed");
    fetch(repo)?;
    fault("fetched");
    for attempt in 0..ATTEMPTS {
        let head = repo.commit_of("HEAD")?;
        let remote = repo.commit_of(REMOTE_REF)?;
        if let Some(r) = &remote {
            check_ours(repo, r, names, "the remote", "nothing was merged or sent")?;
        }
        let push = match (&head, &remote) {
            (None, None) => false,
            (Some(_), None) => true,
            (None, Some(r)) => {
                fast_forward(ctx, repo, names, None, r, &mut done)?;
                false
            }
            (Some(h), Some(r)) if h == r => false,
            (Some(h), Some(r)) if repo.is_ancestor(r, h)? => true,
            (Some(h), Some(r)) if repo.is_ancestor(h, r)? => {
                fast_forward(ctx, repo, names, Some(h), r, &mut done)?;
                false
            }
            (Some(h), Some(r)) => {
                merge_remote(ctx, repo, names, h, r, &mut done)?;
                true
            }
        };
        if !push {
            return Ok(done);
        }
        match repo.push()? {
            Pushed::Done => {
                fault("pushed");
                return Ok(done);
            }
            Pushed::Failed(said) => {
                // The remote moved since the fetch (another machine pushed first): merge that too and push again.
                // Refused otherwise (a protected branch, no permission): say what git said.
                // Machines that lost a race wait a random while, longer each time, before they try again: else the
                // same one can lose every race to a machine that syncs in a loop.
                std::thread::sleep(back_off(attempt));
                fetch(repo)?;
                if repo.commit_of(REMOTE_REF)? == remote {
                    bail!(
                        "cannot push to the remote: {said}; this machine's changes are committed in `{}`; the next \
                         `aipath sync` sends them",
                        repo.dir.display()
                    );
                }
            }
        }
    }
    bail!(
        "the remote changed {ATTEMPTS} times while this machine merged; this machine's changes are committed, and \
         `aipath sync` again sends them"
    )
}

/// The wait before try `attempt + 1`: 25 ms doubled at each try, times a random factor between ½ and 1½.
fn back_off(attempt: usize) -> std::time::Duration {
    use std::hash::{BuildHasher as _, Hasher as _};
    // A fresh random seed of the standard library's hasher: randomness enough for a jitter, with no new crate.
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let factor = 0.5 + (random % 1000) as f64 / 1000.0;
    let base = 25.0 * f64::from(1u32 << attempt.min(6));
    std::time::Duration::from_millis((base * factor) as u64)
}

fn fetch(repo: &Repo) -> Result<()> {
    repo.fetch().map_err(|e| {
        // A failure (exit 1) whatever git said, as it always was.
        crate::error::CommandError::new(crate::error::Kind::Io, e)
            .hint(format!(
                "this machine's changes are committed in `{}`; the next `aipath sync` sends them",
                repo.dir.display()
            ))
            .into()
    })
}

/// Commits what changed here since the last commit; returns what the commit holds, in words. A state that does not
/// read (edited by hand, say) is never committed, so never sent to another machine.
fn commit_local(ctx: &Ctx, repo: &Repo, names: &Names) -> Result<Option<String>> {
    ctx.store.read()?;
    let head = repo.commit_of("HEAD")?;
    let committed = match &head {
        Some(h) => repo
            .blob(h, &names.history, MAX_HISTORY)?
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let ours = local_history(ctx)?;
    let new = new_events(&log_file::file_of(&ctx.store.file), &ours, &committed)?;
    let events: Vec<Event> = new.into_iter().map(|(e, _)| e).collect();
    let words = message(&events);
    let parents: Vec<String> = head.into_iter().collect();
    let subject = words.clone().unwrap_or_else(|| "Progress".to_string());
    match repo.commit(&parents, &subject)? {
        Some(_) => Ok(Some(
            words.unwrap_or_else(|| "the data folder's files".into()),
        )),
        None => Ok(None),
    }
}

/// This machine's state, and the lines of its history the state includes.
fn local(ctx: &Ctx) -> Result<(State, Vec<u8>)> {
    let state = ctx.store.read()?;
    let lines = log_file::lines(&ctx.store.file, state.last_event.as_deref())?;
    Ok((state, lines.bytes().to_vec()))
}

/// The lines of this machine's history its state includes.
fn local_history(ctx: &Ctx) -> Result<Vec<u8>> {
    let last = ctx.store.read()?.last_event;
    Ok(log_file::lines(&ctx.store.file, last.as_deref())?
        .bytes()
        .to_vec())
}

/// A commit's state (its bytes as stored, and what they read as) and its history's bytes.
struct Stored {
    state_bytes: Option<Vec<u8>>,
    state: State,
    history: Vec<u8>,
    label: PathBuf,
}

/// Another machine's state and history at `commit`, read as aipath reads its own, and refused as it refuses its own.
fn remote_side(repo: &Repo, names: &Names, commit: &str) -> Result<Stored> {
    let label =
        |name: &str| PathBuf::from(format!("{}:{name}", commit.get(..12).unwrap_or(commit)));
    let state_bytes = repo.blob(commit, &names.state, MAX_STATE)?;
    let state = match &state_bytes {
        Some(bytes) => decode(&label(&names.state), bytes)?.state,
        None => State::default(),
    };
    let history = repo
        .blob(commit, &names.history, MAX_HISTORY)?
        .unwrap_or_default();
    Ok(Stored {
        state_bytes,
        state,
        history,
        label: label(&names.history),
    })
}

/// This machine has nothing the remote lacks, by git's account: its files become the remote's. Should the remote's
/// history lack events of this machine's all the same (a remote rewritten by hand, or damaged), this machine's
/// files are first kept aside, named in the result: nothing is replaced silently.
fn fast_forward(
    ctx: &Ctx,
    repo: &Repo,
    names: &Names,
    head: Option<&str>,
    remote: &str,
    done: &mut SyncView,
) -> Result<()> {
    let stored = remote_side(repo, names, remote)?;
    let ours = local_history(ctx)?;
    // Every line this machine lacks is read and checked before any is written.
    let new = new_events(&stored.label, &stored.history, &ours)?;
    let events: Vec<Event> = new.iter().map(|(e, _)| e.clone()).collect();
    done.received = message(&events);
    let lost = new_events(&log_file::file_of(&ctx.store.file), &ours, &stored.history)?;
    // The remote's history as it is when this machine's lines begin it (or when this machine's files are kept aside
    // anyway); else this machine's lines first, then the remote's it lacks, as a merge writes them. Written in the
    // remote's order, a history stopped before the state was written would begin with the other machine's events,
    // which the next sync would take for this machine's own: it sent them back as its own, and merged against a
    // base that deleted them (found by the fault test, stopped at history-written).
    let history = if !lost.is_empty() || stored.history.starts_with(&ours) {
        stored.history.clone()
    } else {
        let lines: Vec<&[u8]> = new.iter().map(|(_, line)| *line).collect();
        crate::sync::joined(&ours, &lines, None)
    };
    let current = fs::read(&ctx.store.file).ok();
    // The history first, then the state that names its last event. A remote without a state leaves this one alone:
    // a learner's file is never deleted by a sync.
    if let Some(bytes) = &stored.state_bytes {
        done.changed = current.as_deref() != Some(bytes.as_slice()) || ours != stored.history;
        if !lost.is_empty() {
            done.set_aside = set_aside(ctx)?;
        }
        log_file::replace_bytes(&ctx.store.file, &history)?;
        fault("history-written");
        ctx.store.replace_bytes(bytes)?;
        fault("state-written");
    }
    merge_paths(repo, head, head, remote)?;
    fault("paths-written");
    repo.run(["reset", "--quiet", remote])?;
    Ok(())
}

/// Copies this machine's state and history beside them as `<name>.before-sync-<time>`; returns the copies' names.
fn set_aside(ctx: &Ctx) -> Result<Vec<String>> {
    let stamp = crate::io::clock::now()?
        .strftime("%Y%m%dT%H%M%S")
        .to_string();
    let mut out = Vec::new();
    for file in [log_file::file_of(&ctx.store.file), ctx.store.file.clone()] {
        let Ok(bytes) = fs::read(&file) else {
            continue;
        };
        let name = format!(
            "{}.before-sync-{stamp}",
            file.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        let target = file.with_file_name(&name);
        atomic::write(&target, TEMP_PREFIX, &bytes, Replace::No)
            .with_context(|| format!("{}: cannot keep a copy", target.display()))?;
        out.push(target.display().to_string());
    }
    Ok(out)
}

/// The commit to merge against: the newest commit of the remote's line whose every event this machine's history
/// holds, else the commit git says both last shared. They differ when an earlier sync was stopped after it wrote
/// what it received but before git recorded it (a killed process, a closed laptop, a data folder restored from a
/// backup): this machine already holds that commit's changes, so merging against an older base would take them for
/// changes of this machine's, and bring back what the other machine deleted since.
fn base_of(
    repo: &Repo,
    names: &Names,
    local_history: &[u8],
    head: &str,
    remote: &str,
) -> Result<Option<String>> {
    let shared = repo.merge_base(head, remote)?;
    let mut range = vec!["rev-list".to_string(), remote.to_string()];
    if let Some(s) = &shared {
        range.extend(["--not".to_string(), s.clone()]);
    }
    let candidates = repo.run(&range)?;
    if candidates.is_empty() {
        return Ok(shared);
    }
    let ours = ids_in(local_history);
    // A stopped sync's commit is the remote's tip or close behind it; a long line (a first sync with a remote that
    // has years of commits) is not read whole for it.
    for commit in candidates.lines().take(BASE_CANDIDATES) {
        let theirs = repo
            .blob(commit, &names.history, MAX_HISTORY)?
            .unwrap_or_default();
        if ids_in(&theirs).iter().all(|id| ours.contains(id)) {
            return Ok(Some(commit.to_string()));
        }
    }
    Ok(shared)
}

/// Both sides changed: aipath's merge, written here, committed with both parents.
fn merge_remote(
    ctx: &Ctx,
    repo: &Repo,
    names: &Names,
    head: &str,
    remote: &str,
    done: &mut SyncView,
) -> Result<()> {
    // This machine's files are read once: the base is chosen by its history's events.
    let (local_state, local_history) = local(ctx)?;
    let base_commit = base_of(repo, names, &local_history, head, remote)?;
    let base = match &base_commit {
        Some(b) => base_state(repo, names, b)?,
        None => State::default(),
    };
    let theirs = remote_side(repo, names, remote)?;
    let FileMerge {
        merged,
        history,
        received,
    } = merge_files(
        &base,
        Files {
            state: &local_state,
            history: &local_history,
            label: &log_file::file_of(&ctx.store.file),
        },
        Files {
            state: &theirs.state,
            history: &theirs.history,
            label: &theirs.label,
        },
        |changes| Event::change(new_id(), &ctx.stamp, Kind::Sync, None, changes),
    )?;
    check_choices(&merged.state)?;
    log_file::replace_bytes(&ctx.store.file, &history)?;
    fault("history-written");
    ctx.store.replace(&merged.state)?;
    fault("state-written");
    done.paths_kept = merge_paths(repo, base_commit.as_deref(), Some(head), remote)?;
    fault("paths-written");
    done.received = message(&received);
    done.changed = true;
    done.kept = merged.kept;
    done.renumbered = merged.renumbered;
    let subject = format!(
        "Merge another machine's progress{}",
        done.received
            .as_deref()
            .map(|w| format!(": {w}"))
            .unwrap_or_default()
    );
    repo.commit(&[head.to_string(), remote.to_string()], &subject)?;
    fault("merged");
    Ok(())
}

/// The path's rule for specializations holds through a merge too: two machines may each take up specializations
/// within the path's range that together pass it. Such a merge stops with nothing written, and says what to do.
/// A path that cannot be loaded here is not checked (its own commands check it).
fn check_choices(state: &State) -> Result<()> {
    for (id, progress) in &state.paths {
        // Keys from another machine: looked up as a state's `active:` is, never as any file.
        let Ok(course) = crate::io::loader::load_named(id) else {
            continue;
        };
        let Some(phase) = course.path.choice_phase() else {
            continue;
        };
        if crate::progress::choice::within_the_choice(phase, progress) {
            continue;
        }
        let taken: Vec<String> = progress
            .chosen_in(phase)
            .iter()
            .map(|m| format!("`{m}`"))
            .collect();
        let (least, most) = phase.choice_range();
        return Err(input(format!(
            "the two machines together take up {} specializations on `{id}` ({}), more than the path's {least} to \
             {most}; on one machine, give up the one you will not study (`aipath undo <id>` reverses its start, \
             `aipath choose` names the ones you keep), then sync again; nothing was merged",
            taken.len(),
            taken.join(", ")
        )));
    }
    Ok(())
}

/// The learner's own path files, merged file by file against `base`: a file changed on one side takes that side's
/// version (a deletion too); changed on both, this machine's is kept and named in the result.
fn merge_paths(
    repo: &Repo,
    base: Option<&str>,
    head: Option<&str>,
    remote: &str,
) -> Result<Vec<String>> {
    let listed = |commit: Option<&str>| -> Result<Vec<String>> {
        Ok(match commit {
            Some(c) => repo
                .files(c)?
                .into_iter()
                .filter(|f| f.strip_prefix("paths/").is_some_and(is_path_file))
                .collect(),
            None => Vec::new(),
        })
    };
    let mut all: Vec<String> = listed(base)?;
    all.extend(listed(head)?);
    all.extend(listed(Some(remote))?);
    all.sort();
    all.dedup();
    let mut kept = Vec::new();
    for file in all {
        let blob = |c: Option<&str>| -> Result<Option<Vec<u8>>> {
            match c {
                Some(c) => repo.blob(c, &file, MAX_STATE),
                None => Ok(None),
            }
        };
        let (b, l, r) = (blob(base)?, blob(head)?, blob(Some(remote))?);
        if l == r || r == b {
            continue;
        }
        if l != b {
            kept.push(file);
            continue;
        }
        let target = repo.dir.join(&file);
        match r {
            Some(bytes) => {
                fs::create_dir_all(repo.dir.join("paths")).with_context(|| {
                    format!("{}: cannot create", repo.dir.join("paths").display())
                })?;
                atomic::write(&target, TEMP_PREFIX, &bytes, Replace::Yes)
                    .with_context(|| format!("{}: cannot write", target.display()))?;
            }
            None => {
                let _ = fs::remove_file(&target);
            }
        }
    }
    Ok(kept)
}

/// `aipath sync --status`: the remote, the last sync, and the changes not sent yet (as of the last fetch).
pub fn status(ctx: &Ctx) -> Result<()> {
    let dir = atomic::folder_of(&ctx.store.file);
    let names = Names::of(&ctx.store.file);
    let repo = Repo::at(&dir);
    if !repo.exists() {
        return Err(not_set_up(&dir));
    }
    let sent = match repo.commit_of(REMOTE_REF)? {
        Some(r) => ids_in(
            &repo
                .blob(&r, &names.history, MAX_HISTORY)?
                .unwrap_or_default(),
        ),
        None => HashSet::new(),
    };
    let ours = local_history(ctx)?;
    let unsent = ids_in(&ours).difference(&sent).count();
    let now = crate::io::clock::now()?;
    ctx.shell.print(&SyncStatusView {
        remote: repo.remote_url()?,
        last: last_synced(&ctx.store.file)
            .map(|at| crate::render::views::sync::Synced::at(at, &now)),
        unsent,
    })
}

/// When this machine last synced the state file's folder, if sync is set up there: one small file read, no git.
pub fn last_synced(state_file: &Path) -> Option<jiff::Timestamp> {
    let dir = atomic::folder_of(state_file);
    let text = fs::read_to_string(dir.join(".git").join(SYNCED)).ok()?;
    text.trim().parse().ok()
}
