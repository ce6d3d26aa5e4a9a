//! `aipath completions <shell>` and `aipath man`: generated from the clap definition, so they never fall behind it.

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use super::shell::emit;
use crate::commands::cli::Cli;

pub fn completions(shell: Shell) -> Result<()> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "aipath", &mut script);
    emit(&String::from_utf8(script).context("the completion script is not UTF-8")?)
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
