//! One file per command: load, call the pure core, render, save once.

mod change;
mod check;
mod choose;
pub mod cli;
mod complete;
pub mod dashboard;
mod history;
mod import;
mod link;
mod list;
mod log;
mod next;
mod paths;
mod plan;
mod portfolio;
mod projects;
pub mod report;
mod reset;
mod resources_tips;
mod shell;
pub use shell::{error_lines, for_stderr};
mod shell_help;
mod show;
mod skills;
pub mod status;
mod sync;
mod undo;
mod use_path;
mod validate;
pub mod voice;

use std::cell::Cell;

use anyhow::Result;
use jiff::civil::Date;

use crate::course::Course;
use crate::history::{Event, Kind, Stamp};
use crate::io::loader;
use crate::io::store::Store;
use crate::progress::{PathProgress, State};
use cli::{Cli, Command};
use shell::Shell;

/// What every command gets: where the state is, which path, today's date, and the shell to print through.
pub struct Ctx {
    pub store: Store,
    pub path_flag: Option<String>,
    pub today: Date,
    pub shell: Shell,
    /// When and how this command was typed: what its change is recorded with.
    pub stamp: Stamp,
}

/// How a change is recorded in the history: as a change of its own, or as the undo or redo of an earlier event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub kind: Kind,
    pub of: Option<String>,
}

impl Recorded {
    pub fn change() -> Recorded {
        Recorded {
            kind: Kind::Change,
            of: None,
        }
    }
}

impl Ctx {
    /// The state (read without a lock) and the course it selects: `--path`, else the active path, else the default.
    pub fn load(&self) -> Result<(State, Course)> {
        let state = self.store.read()?;
        let course = match self.path_flag.as_deref() {
            Some(selector) => loader::load(Some(selector))?,
            None => self.load_active(state.active.as_deref())?,
        };
        Ok((state, course))
    }

    /// The path the state names as active, or the built-in one.
    fn load_active(&self, active: Option<&str>) -> Result<Course> {
        match active {
            // A path named in the state may have moved or been mistyped by hand: say where the name came from.
            Some(active) => loader::load_named(active).map_err(|e| {
                let kind = crate::error::kind_of(&e);
                crate::error::CommandError::new(kind, e)
                    .context(format!(
                        "{}: the state's `active: {}` cannot be loaded",
                        self.store.file.display(),
                        crate::error::shorten(active),
                    ))
                    .hint(format!(
                        "`aipath use {}` switches back to the built-in path, or give `--path`",
                        crate::io::builtin::DEFAULT_PATH_ID
                    ))
                    .into()
            }),
            None => loader::load(None),
        }
    }

    /// Changes the state under the store's lock, recording the change, and telling the learner what the store
    /// reports as it happens (waiting for the lock, an upgraded file, hard links the write leaves behind).
    pub fn update<T>(&self, change: impl FnOnce(&mut State) -> Result<T>) -> Result<T> {
        self.update_as(|state| change(state).map(|out| (out, Recorded::change())))
    }

    /// [`Ctx::update`] for a change that says how it is recorded (`undo` and `redo` name the event they reverse or
    /// apply again).
    pub fn update_as<T>(
        &self,
        change: impl FnOnce(&mut State) -> Result<(T, Recorded)>,
    ) -> Result<T> {
        let how: Cell<Option<Recorded>> = Cell::new(None);
        let mut notes: Vec<String> = Vec::new();
        let file = &self.store.file;
        let out = self.store.update(
            &mut |notice| self.shell.note(&notice.message(file)),
            |state| {
                let (out, recorded) = change(state)?;
                how.set(Some(recorded));
                Ok(out)
            },
            |before, after, older| {
                let recorded = how.take().unwrap_or_else(Recorded::change);
                let mut events = Vec::new();
                if let Some(from) = older {
                    events.push(Event::migrate(new_id(), &self.stamp, from));
                }
                let changes = crate::history::diff(before, after);
                events.push(Event::change(
                    new_id(),
                    &self.stamp,
                    recorded.kind,
                    recorded.of,
                    changes,
                ));
                let note = crate::io::history::append(
                    &self.store.file,
                    before.last_event.as_deref(),
                    &events,
                )?;
                notes.extend(note);
                after.last_event = events.last().map(|e| e.id.clone());
                Ok(())
            },
        )?;
        for note in notes {
            self.shell.note(&note);
        }
        Ok(out)
    }

    /// Changes this course's progress; returns what the change returned and the state as written.
    pub fn update_progress<T>(
        &self,
        course: &Course,
        change: impl FnOnce(&mut PathProgress) -> Result<T>,
    ) -> Result<(T, State)> {
        self.update(|state| {
            let progress = state.paths.entry(course.id().to_string()).or_default();
            let out = change(progress)?;
            // Keep the file free of empty records for paths the learner never touched.
            if state
                .paths
                .get(course.id())
                .is_some_and(|p| *p == PathProgress::default())
            {
                state.paths.remove(course.id());
            }
            Ok((out, state.clone()))
        })
    }
}

/// Commands that need no state, run before the state file is even located (so they work without a home folder).
fn stateless(command: &Command, shell: &Shell) -> Option<Result<()>> {
    let json = shell.json;
    match command {
        Command::Validate { targets } => Some(validate::run(targets, shell)),
        Command::Import {
            markdown,
            output,
            force,
            id,
        } => Some(no_json(json, "import", "it writes YAML").and_then(|()| {
            import::run(
                &import::Options {
                    markdown,
                    output: output.as_deref(),
                    force: *force,
                    id: id.as_deref(),
                },
                shell,
            )
        })),
        Command::Completions { shell: kind } => Some(
            no_json(json, "completions", "it prints a shell script")
                .and_then(|()| shell_help::completions(*kind)),
        ),
        Command::Man { dir, force } => Some(
            no_json(json, "man", "it prints a manual page")
                .and_then(|()| shell_help::man(dir.as_deref(), *force)),
        ),
        _ => None,
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let shell = Shell::detect(cli.json);
    run_in(cli, shell, crate::io::clock::now, || {
        typed_command(std::env::args_os().skip(1))
    })
}

/// A command line (`aipath` first) run in-process at `now` through an in-memory shell of `screen`: what it printed
/// (stdout's text, then its `note:` and `warning:` lines) and how it ended. How tests show every screen at any
/// width, with a fixed clock and no terminal.
pub fn run_in_memory(
    words: &[&str],
    screen: crate::render::Screen,
    json: bool,
    now: jiff::ZonedDateTime,
) -> (String, Result<()>) {
    let (shell, printed) = Shell::in_memory(screen, json);
    let result = <Cli as clap::Parser>::try_parse_from(words)
        .map_err(anyhow::Error::from)
        .and_then(|cli| {
            run_in(
                cli,
                shell,
                || Ok(now),
                || typed_command(words.iter().skip(1).map(std::ffi::OsString::from)),
            )
        });
    (printed.take(), result)
}

/// [`run`] through `shell`, at the time `now` gives, recording the command line `typed` gives.
fn run_in(
    cli: Cli,
    shell: Shell,
    now: impl FnOnce() -> Result<jiff::ZonedDateTime>,
    typed: impl FnOnce() -> String,
) -> Result<()> {
    if let Some(result) = cli.command.as_ref().and_then(|c| stateless(c, &shell)) {
        return result;
    }
    let now = now()?;
    let ctx = Ctx {
        store: Store::locate(cli.state)?,
        path_flag: cli.path,
        today: now.date(),
        shell,
        stamp: Stamp {
            at: now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            command: typed(),
        },
    };
    match cli.command {
        Some(command) => dispatch(&ctx, command),
        None => dashboard::run(&ctx),
    }
}

/// The command's own code, with everything it needs in `ctx`.
fn dispatch(ctx: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Next { limit } => next::run(ctx, usize::from(limit)),
        Command::Start { ids, reopen } => change::start(ctx, &ids, reopen),
        Command::Done { ids } => change::run(ctx, &ids, crate::progress::Change::Done),
        Command::Skip { ids } => change::run(ctx, &ids, crate::progress::Change::Skip),
        Command::Undo { ids } if ids.is_empty() => undo::undo(ctx),
        Command::Undo { ids } => undo::undo_items(ctx, &ids),
        Command::Redo => undo::redo(ctx),
        Command::History { limit, all, module } => {
            history::run(ctx, (!all).then_some(limit as usize), module)
        }
        Command::Reset { yes, list, restore } => match (list, restore) {
            (true, _) => reset::list(ctx),
            (false, Some(name)) => reset::restore(ctx, &name),
            (false, None) => reset::reset(ctx, yes),
        },
        Command::Choose { ids } => choose::run(ctx, &ids),
        Command::List => list::run(ctx),
        Command::Status => status::run(ctx),
        Command::Sync { init, status } => match (init, status) {
            (_, true) => sync::status(ctx),
            (init, false) => sync::run(ctx, init.as_deref()),
        },
        Command::Plan {
            start,
            pace,
            format,
            save,
        } => plan::run(ctx, start, pace.map(Into::into), format, save),
        Command::Log(args) => log_command(ctx, args),
        Command::Show { module, no_pager } => show::run(ctx, &module, no_pager),
        Command::Check { module, items } => check::run(ctx, &module, &items, true),
        Command::Uncheck { module, items } => check::run(ctx, &module, &items, false),
        Command::Link { id, url, note } => {
            link::run(ctx, id.as_deref(), url.as_deref(), note.as_deref())
        }
        Command::Unlink { id, link } => link::unlink(ctx, &id, &link),
        Command::Portfolio {
            output,
            format,
            with_notes,
        } => portfolio::run(ctx, output.as_deref(), format.into(), with_notes),
        Command::Projects => projects::run(ctx),
        Command::Skills => skills::run(ctx),
        Command::Resources { module } => resources_tips::resources(ctx, module),
        Command::Tips => resources_tips::run(ctx, resources_tips::Which::Tips),
        Command::Report { output, open } => {
            no_json(ctx.shell.json, "report", "it writes an HTML page")
                .and_then(|()| report::run(ctx, output.as_deref(), open))
        }
        Command::Paths => paths::run(ctx),
        Command::Use { id } => use_path::run(ctx, &id),
        other @ (Command::Validate { .. }
        | Command::Import { .. }
        | Command::Completions { .. }
        | Command::Man { .. }) => stateless(&other, &ctx.shell).unwrap_or(Ok(())),
    }
}

/// `aipath log` in each of its forms: record, edit, delete, the weekly chart, or the list.
fn log_command(ctx: &Ctx, args: cli::LogArgs) -> Result<()> {
    let cli::LogArgs {
        hours,
        module,
        date,
        note,
        weeks,
        edit,
        new_hours,
        delete,
    } = args;
    match (hours, weeks, edit, delete) {
        (Some(hours), ..) => log::record(ctx, &hours, module, date, note),
        (None, _, Some(number), _) => log::edit(
            ctx,
            number,
            log::Edit {
                hours: new_hours,
                date,
                module,
                note,
            },
        ),
        (None, _, None, Some(number)) => log::delete(ctx, number),
        (None, Some(weeks), None, None) => log::chart(ctx, u32::from(weeks)),
        (None, None, None, None) => log::list(ctx, module),
    }
}

/// A new event id: a UUID version 7 (RFC 9562), which begins with the time in milliseconds, so ids sort by when
/// they were made, on any machine, and two machines never make the same one.
fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The command line as typed, quoted where a word needs it: `aipath log 1.5 --note 'linear models'`.
fn typed_command(args: impl Iterator<Item = std::ffi::OsString>) -> String {
    let words: Vec<String> = args.map(|a| quote(&a.to_string_lossy())).collect();
    std::iter::once("aipath".to_string())
        .chain(words)
        .collect::<Vec<_>>()
        .join(" ")
}

fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./:=@+,%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
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
