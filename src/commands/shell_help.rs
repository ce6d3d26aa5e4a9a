//! `aipath completions <shell>` and `aipath man`: generated from the clap definition, so they never fall behind it.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use super::shell::emit;
use crate::commands::cli::Cli;
use crate::io::atomic::{self, Replace};

pub fn completions(shell: Shell) -> Result<()> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "aipath", &mut script);
    emit(&String::from_utf8(script).context("the completion script is not UTF-8")?)
}

/// The main page to stdout; with `dir`, it and one page per command (which the main page refers to) as files.
///
/// Each page is rendered in memory and written through [`atomic::write`]: a page already in the folder is kept
/// unless `force` (all are checked before any is written, so a refusal leaves the folder as it was), and a symbolic
/// link at a page's name is replaced, never written through, so the pages land in `dir` and nowhere else.
pub fn man(dir: Option<&Path>, force: bool) -> Result<()> {
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
    let pages = pages()?;
    if !force {
        let existing: Vec<String> = pages
            .iter()
            .filter(|(name, _)| fs::symlink_metadata(dir.join(name)).is_ok())
            .map(|(name, _)| name.clone())
            .collect();
        if !existing.is_empty() {
            return Err(crate::error::input(format!(
                "{}: {} already there; give --force to replace {}",
                dir.display(),
                names(&existing),
                if existing.len() == 1 { "it" } else { "them" }
            )));
        }
    }
    let replace = if force { Replace::Yes } else { Replace::No };
    for (name, page) in &pages {
        let file = dir.join(name);
        atomic::write(&file, ".man-", page, replace).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                crate::error::input(format!(
                    "{}: the page appeared while aipath wrote the others; give --force to replace it",
                    file.display()
                ))
            } else {
                anyhow::Error::new(e).context(format!("{}: cannot write the manual page", file.display()))
            }
        })?;
    }
    emit(&format!(
        "Wrote {} manual pages (aipath.1 and aipath-<command>.1) into {}",
        pages.len(),
        dir.display()
    ))
}

/// Every page `clap_mangen::generate_to` would write, by file name, rendered: the same pages, the same names.
fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    fn collect(command: clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        for sub in command
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .cloned()
        {
            collect(sub, out)?;
        }
        let man = clap_mangen::Man::new(command);
        let mut page = Vec::new();
        man.render(&mut page)
            .context("cannot render the manual page")?;
        out.push((man.get_filename(), page));
        Ok(())
    }
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let mut out = Vec::new();
    collect(command, &mut out)?;
    Ok(out)
}

/// `a`, `a and b`, `a, b and 3 more`: the pages a refusal names.
fn names(files: &[String]) -> String {
    match files {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} more", rest.len()),
        [] => String::new(),
    }
}
