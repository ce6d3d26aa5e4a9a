//! One file per command: load, call the pure core, render, save once.

mod change;
mod choose;
mod list;
mod next;
mod status;

use anyhow::{Context, Result};
use jiff::civil::Date;

use crate::cli::{Cli, Command};
use crate::loader::Library;
use crate::plan::{Pace, PhaseWeeks, allocate};
use crate::progress::{PathProgress, State};
use crate::render::table::Screen;
use crate::store::Store;

/// What every command gets: where the state is, which path, the output form, and today's date.
pub struct Ctx {
    pub store: Store,
    pub path_flag: Option<String>,
    pub json: bool,
    pub today: Date,
    pub screen: Screen,
}

impl Ctx {
    /// The state (read without a lock) and the path it selects: `--path`, else the active path, else the default.
    pub fn load(&self) -> Result<(State, Library)> {
        let state = self.store.read()?;
        let library = match (&self.path_flag, &state.active) {
            // A path named in the state file may have moved or been mistyped by hand: say where the name came from.
            (None, Some(active)) => Library::load(Some(active)).with_context(|| {
                format!(
                    "{}: the state's `active: {active}` cannot be loaded; give `--path`, or change `active` in the file",
                    self.store.file.display()
                )
            })?,
            (flag, _) => Library::load(flag.as_deref())?,
        };
        Ok((state, library))
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let ctx = Ctx {
        store: Store::locate(cli.state)?,
        path_flag: cli.path,
        json: cli.json,
        today: today()?,
        screen: Screen::detect(),
    };
    match cli.command {
        Command::Next { limit } => next::run(&ctx, usize::from(limit)),
        Command::Start { ids } => change::run(&ctx, &ids, crate::progress::Change::Start),
        Command::Done { ids } => change::run(&ctx, &ids, crate::progress::Change::Done),
        Command::Skip { ids } => change::run(&ctx, &ids, crate::progress::Change::Skip),
        Command::Undo { ids } => change::run(&ctx, &ids, crate::progress::Change::Undo),
        Command::Choose { ids } => choose::run(&ctx, &ids),
        Command::List => list::run(&ctx),
        Command::Status => status::run(&ctx),
    }
}

/// Today in the local time zone. `AIPATH_TODAY=YYYY-MM-DD` pins it, so tests and demos are reproducible.
fn today() -> Result<Date> {
    match std::env::var("AIPATH_TODAY") {
        Ok(text) if !text.is_empty() => text.parse::<Date>().map_err(|e| {
            crate::error::input(format!(
                "AIPATH_TODAY=`{text}` is not a date (YYYY-MM-DD): {e}"
            ))
        }),
        _ => Ok(jiff::ZonedDateTime::now().date()),
    }
}

/// The learner's progress on the library's path (empty when none is recorded).
pub fn progress_of<'a>(state: &'a State, library: &Library) -> std::borrow::Cow<'a, PathProgress> {
    match state.paths.get(library.id()) {
        Some(p) => std::borrow::Cow::Borrowed(p),
        None => std::borrow::Cow::Owned(PathProgress::default()),
    }
}

/// Week estimates per module at the steady pace, from the phase ranges and the guides' hours.
pub fn estimates(library: &Library, progress: &PathProgress) -> Vec<PhaseWeeks> {
    allocate(&library.path, progress, Pace::Steady, &|m| library.hours(m))
}

/// Whether every checklist item of a module's guide is ticked (false for a guide without a checklist).
pub fn checklist_complete(library: &Library, progress: &PathProgress, module: &str) -> bool {
    let Ok(doc) = library.doc(module) else {
        return false;
    };
    let checked = progress.entry(module).map(|e| &e.checked);
    !doc.checklist.is_empty()
        && doc
            .checklist
            .iter()
            .all(|item| checked.is_some_and(|c| c.contains(&item.text)))
}

/// Writes a change through the store: the closure gets this path's progress.
pub fn update_progress<T>(
    ctx: &Ctx,
    library: &Library,
    change: impl FnOnce(&mut PathProgress) -> Result<T>,
) -> Result<(T, State)> {
    ctx.store
        .update(|state| {
            let progress = state.paths.entry(library.id().to_string()).or_default();
            let out = change(progress)?;
            // Keep the file free of empty records for paths the learner never touched.
            if state
                .paths
                .get(library.id())
                .is_some_and(|p| *p == PathProgress::default())
            {
                state.paths.remove(library.id());
            }
            Ok((out, state.clone()))
        })
        .context("the state was not changed")
}
