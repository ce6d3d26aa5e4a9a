//! One file per command: load, call the pure core, render, save once.

mod change;
mod choose;
mod list;
mod log;
mod next;
mod plan;
mod status;

use anyhow::Result;
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
        if let Some(selector) = self.path_flag.as_deref() {
            // The path is known before the state is read, so both are read at once: on a large path each is about
            // half of a command's time. The state's error, if any, still comes first.
            return std::thread::scope(|scope| {
                let state = scope.spawn(|| self.store.read());
                let library = Library::load(Some(selector));
                let state = state
                    .join()
                    .map_err(|_| anyhow::anyhow!("reading the state file failed"))??;
                Ok((state, library?))
            });
        }
        let state = self.store.read()?;
        let library = Library::load(state.active.as_deref())?;
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
        Command::Plan {
            start,
            pace,
            format,
            save,
        } => plan::run(&ctx, start, pace, format, save),
        Command::Log {
            hours,
            module,
            date,
            note,
            weeks,
        } => match (hours, weeks) {
            (Some(hours), _) => log::record(&ctx, &hours, module, date, note),
            (None, Some(weeks)) => log::chart(&ctx, u32::from(weeks)),
            (None, None) => log::list(&ctx),
        },
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
        _ => Ok(jiff::Timestamp::now()
            .to_zoned_datetime(local_zone())
            .date()),
    }
}

/// The local time zone. Without `TZ`, it is read straight from `/etc/localtime`: jiff's own lookup first lists the
/// whole zoneinfo folder to learn the zone's name, which took longer than the rest of `aipath next`, and a date needs
/// only the zone's rules, not its name. `TZ` and systems without `/etc/localtime` are left to jiff.
fn local_zone() -> jiff::tz::TimeZone {
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none()
        && let Ok(data) = std::fs::read("/etc/localtime")
        && let Ok(zone) = jiff::tz::TimeZone::tzif("localtime", &data)
    {
        return zone;
    }
    jiff::tz::TimeZone::system()
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

/// A module's checklist item texts, for a plan's weekly focus (empty when the guide cannot be parsed: the plan then
/// falls back to the module's topics).
pub fn checklist_texts(library: &Library, module: &str) -> Vec<String> {
    library
        .doc(module)
        .map(|d| d.checklist.into_iter().map(|c| c.text).collect())
        .unwrap_or_default()
}

/// Whether every checklist item of a module's guide is ticked (false for a guide without a checklist).
pub fn checklist_complete(library: &Library, progress: &PathProgress, module: &str) -> bool {
    // Nothing ticked is nothing complete: the guide is parsed only for a module with ticks, so `next` on a large path
    // parses a handful of guides, not the whole current phase's.
    let Some(checked) = progress
        .entry(module)
        .map(|e| &e.checked)
        .filter(|c| !c.is_empty())
    else {
        return false;
    };
    let Ok(doc) = library.doc(module) else {
        return false;
    };
    !doc.checklist.is_empty()
        && doc
            .checklist
            .iter()
            .all(|item| checked.contains(&item.text))
}

/// Writes a change through the store: the closure gets this path's progress.
pub fn update_progress<T>(
    ctx: &Ctx,
    library: &Library,
    change: impl FnOnce(&mut PathProgress) -> Result<T>,
) -> Result<(T, State)> {
    ctx.store.update(|state| {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::next::{Action, next_steps};
    use crate::progress::{Change, Kind};
    use jiff::civil::date;

    #[test]
    fn next_parses_only_the_guides_of_modules_with_ticked_items() {
        let library = Library::load(None).unwrap_or_else(|e| panic!("{e:#}"));
        let mut progress = PathProgress::default();
        let day = date(2026, 1, 5);
        progress.apply(Kind::Module, "math-foundations", Change::Start, day);
        let items: Vec<String> = checklist_texts(&library, "machine-learning-basics");
        for item in &items {
            progress.set_checked("machine-learning-basics", item, true, day);
        }
        let before = library.guides_parsed();
        let steps = next_steps(
            &library.path,
            &progress,
            &estimates(&library, &progress),
            &|m| checklist_complete(&library, &progress, m),
        );
        let actions: Vec<(Action, Option<&str>)> =
            steps.iter().map(|s| (s.action, s.id.as_deref())).collect();
        assert_eq!(
            actions,
            [
                (Action::Continue, Some("math-foundations")),
                (Action::Finish, Some("machine-learning-basics")),
                (Action::Start, Some("deep-learning-foundations")),
            ]
        );
        // Three modules considered, one guide parsed: the one with ticks.
        assert_eq!(library.guides_parsed() - before, 1);
    }
}
