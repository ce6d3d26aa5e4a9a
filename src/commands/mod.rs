//! One file per command: load, call the pure core, render, save once.

mod change;
mod check;
mod choose;
pub mod cli;
mod complete;
mod dashboard;
mod import;
mod list;
mod log;
mod next;
mod paths;
mod plan;
mod projects;
pub mod quick;
mod report;
mod resources_tips;
mod shell;
mod shell_help;
mod show;
mod skills;
mod status;
mod use_path;
mod validate;

use anyhow::{Context, Result};
use jiff::civil::Date;

use crate::course::Course;
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
}

impl Ctx {
    /// The state (read without a lock) and the course it selects: `--path`, else the active path, else the default.
    pub fn load(&self) -> Result<(State, Course)> {
        if let Some(selector) = self.path_flag.as_deref() {
            // The path is known before the state is read, so both are read at once: on a large path each is about
            // half of a command's time. The state's error, if any, still comes first.
            return std::thread::scope(|scope| {
                let state = scope.spawn(|| self.store.read());
                let course = loader::load(Some(selector));
                let state = state
                    .join()
                    .map_err(|_| anyhow::anyhow!("reading the state file failed"))??;
                Ok((state, course?))
            });
        }
        let state = self.store.read()?;
        let course = match state.active.as_deref() {
            // A path named in the state may have moved or been mistyped by hand: say where the name came from.
            Some(active) => loader::load(Some(active)).with_context(|| {
                format!(
                    "{}: the state's `active: {active}` cannot be loaded; `aipath use {}` switches back to the \
                     built-in path, or give `--path`",
                    self.store.file.display(),
                    crate::io::builtin::DEFAULT_PATH_ID
                )
            })?,
            None => loader::load(None)?,
        };
        Ok((state, course))
    }

    /// Changes the state under the store's lock, telling the learner what the store reports as it happens (waiting
    /// for the lock, an upgraded file, hard links the write leaves behind).
    pub fn update<T>(&self, change: impl FnOnce(&mut State) -> Result<T>) -> Result<T> {
        let file = &self.store.file;
        self.store
            .update(&mut |notice| self.shell.note(&notice.message(file)), change)
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
    if let Some(result) = cli.command.as_ref().and_then(|c| stateless(c, &shell)) {
        return result;
    }
    let ctx = Ctx {
        store: Store::locate(cli.state)?,
        path_flag: cli.path,
        today: crate::io::clock::today()?,
        shell,
    };
    let Some(command) = cli.command else {
        return dashboard::run(&ctx);
    };
    match command {
        Command::Next { limit } => next::run(&ctx, usize::from(limit)),
        Command::Start { ids, reopen } => change::start(&ctx, &ids, reopen),
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
        } => plan::run(&ctx, start, pace.map(Into::into), format, save),
        Command::Log {
            hours,
            module,
            date,
            note,
            weeks,
        } => match (hours, weeks) {
            (Some(hours), _) => log::record(&ctx, &hours, module, date, note),
            (None, Some(weeks)) => log::chart(&ctx, u32::from(weeks)),
            (None, None) => log::list(&ctx, module),
        },
        Command::Show { module, no_pager } => show::run(&ctx, &module, no_pager),
        Command::Check { module, items } => check::run(&ctx, &module, &items, true),
        Command::Uncheck { module, items } => check::run(&ctx, &module, &items, false),
        Command::Projects => projects::run(&ctx),
        Command::Skills => skills::run(&ctx),
        Command::Resources { module } => resources_tips::resources(&ctx, module),
        Command::Tips => resources_tips::run(&ctx, resources_tips::Which::Tips),
        Command::Report { output, open } => {
            no_json(ctx.shell.json, "report", "it writes an HTML page")
                .and_then(|()| report::run(&ctx, output.as_deref(), open))
        }
        Command::Paths => paths::run(&ctx),
        Command::Use { id } => use_path::run(&ctx, &id),
        other @ (Command::Validate { .. }
        | Command::Import { .. }
        | Command::Completions { .. }
        | Command::Man { .. }) => stateless(&other, &ctx.shell).unwrap_or(Ok(())),
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
