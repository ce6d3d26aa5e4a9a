//! `aipath completions <shell>` and `aipath man`: generated from the clap definition, so they never fall behind it.

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use super::shell::emit;
use crate::commands::cli::Cli;

/// The script that makes `shell` ask aipath for completions on Tab: the same as `COMPLETE=<shell> aipath` prints.
/// It calls aipath back on every Tab, so it completes the ids of whichever path is active at that moment.
pub fn completions(shell: Shell) -> Result<()> {
    let name = shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells
        .completer(&name)
        .ok_or_else(|| crate::error::input(format!("no completion script for {name}")))?;
    let mut script = Vec::new();
    completer
        .write_registration(
            "COMPLETE",
            "aipath",
            "aipath",
            &completer_program(),
            &mut script,
        )
        .context("cannot write the completion script")?;
    emit(
        String::from_utf8(script)
            .context("the completion script is not UTF-8")?
            .trim(),
    )
}

/// The program the script runs, as `COMPLETE=<shell> aipath` names it: how aipath was started, made absolute when
/// it was started by a relative path with a folder in it (`./target/debug/aipath`), so the script works from any
/// folder.
fn completer_program() -> String {
    let program = std::env::args_os()
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "aipath".into());
    let program = match std::env::current_dir() {
        Ok(dir) if program.components().count() > 1 && program.is_relative() => dir.join(program),
        _ => program,
    };
    program.to_string_lossy().into_owned()
}

/// The main page to stdout; with `dir`, it and one page per command (which the main page refers to) as files.
pub fn man(dir: Option<&Path>) -> Result<()> {
    let Some(dir) = dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(Cli::command())
            .render(&mut page)
            .context("cannot render the manual page")?;
        return emit(&String::from_utf8(page).context("the manual page is not UTF-8")?);
    };
    if !dir.is_dir() {
        return Err(crate::error::input(format!(
            "{}: no such folder (create it first)",
            dir.display()
        )));
    }
    clap_mangen::generate_to(Cli::command(), dir)
        .with_context(|| format!("{}: cannot write the manual pages", dir.display()))?;
    let count = Cli::command().get_subcommands().count() + 1;
    emit(&format!(
        "Wrote {count} manual pages (aipath.1 and aipath-<command>.1) into {}",
        dir.display()
    ))
}
