//! One file per command: load, call the pure core, render, save once.

mod change;
mod check;
mod choose;
mod import;
mod list;
mod lists;
mod log;
mod next;
mod output;
mod paths;
mod plan;
mod projects;
mod shell_help;
mod show;
mod skills;
mod status;
mod use_path;
mod validate;

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
        let library = match state.active.as_deref() {
            // A path named in the state may have moved or been mistyped by hand: say where the name came from.
            Some(active) => Library::load(Some(active)).with_context(|| {
                format!(
                    "{}: the state's `active: {active}` cannot be loaded; `aipath use {}` switches back to the \
                     built-in path, or give `--path`",
                    self.store.file.display(),
                    crate::loader::DEFAULT_PATH_ID
                )
            })?,
            None => Library::load(None)?,
        };
        Ok((state, library))
    }
}

/// Commands that need no state, run before the state file is even located (so they work without a home folder).
fn stateless(command: &Command, json: bool) -> Option<Result<()>> {
    match command {
        Command::Validate { targets } => Some(validate::run(targets, json)),
        Command::Import {
            markdown,
            output,
            force,
            id,
        } => Some(no_json(json, "import", "it writes YAML").and_then(|()| {
            import::run(&import::Options {
                markdown,
                output: output.as_deref(),
                force: *force,
                id: id.as_deref(),
            })
        })),
        Command::Completions { shell } => Some(
            no_json(json, "completions", "it prints a shell script")
                .and_then(|()| shell_help::completions(*shell)),
        ),
        Command::Man { dir } => Some(
            no_json(json, "man", "it prints a manual page")
                .and_then(|()| shell_help::man(dir.as_deref())),
        ),
        _ => None,
    }
}

pub fn run(cli: Cli) -> Result<()> {
    if let Some(result) = stateless(&cli.command, cli.json) {
        return result;
    }
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
        Command::Show { module, no_pager } => show::run(&ctx, &module, no_pager),
        Command::Check { module, items } => check::run(&ctx, &module, &items, true),
        Command::Uncheck { module, items } => check::run(&ctx, &module, &items, false),
        Command::Projects => projects::run(&ctx),
        Command::Skills => skills::run(&ctx),
        Command::Resources => lists::run(&ctx, lists::Which::Resources),
        Command::Tips => lists::run(&ctx, lists::Which::Tips),
        Command::Paths => paths::run(&ctx),
        Command::Use { id } => use_path::run(&ctx, &id),
        other @ (Command::Validate { .. }
        | Command::Import { .. }
        | Command::Completions { .. }
        | Command::Man { .. }) => stateless(&other, ctx.json).unwrap_or(Ok(())),
    }
}

/// `--json` on a command whose output is not data is a mistake worth saying, not ignoring.
fn no_json(json: bool, command: &str, why: &str) -> Result<()> {
    if json {
        return Err(crate::error::input(format!(
            "`--json` does not apply to `aipath {command}`: {why}"
        )));
    }
    Ok(())
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
    let ticked_any = progress
        .entry(module)
        .is_some_and(|e| !e.checked.is_empty());
    ticked_any && ticks(library, progress, module).is_ok_and(crate::checklist::Ticks::is_complete)
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

/// How many of a module's checklist items the learner has ticked.
pub fn ticks(
    library: &Library,
    progress: &PathProgress,
    module: &str,
) -> Result<crate::checklist::Ticks> {
    let doc = library.doc(module)?;
    let ticked = progress.entry(module).map(|e| &e.checked);
    Ok(crate::checklist::Ticks::of(
        &doc.checklist,
        ticked.unwrap_or(&std::collections::BTreeSet::new()),
    ))
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
