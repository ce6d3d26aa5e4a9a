//! `aipath completions <shell>` and `aipath man`: generated from the clap definition, so they never fall behind it.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use super::shell::emit;
use crate::commands::cli::Cli;
use crate::io::atomic::{self, Replace};

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
///
/// Each page is rendered in memory and written through [`atomic::write`]: a page already in the folder is kept
/// unless `force` (all are checked before any is written, so a refusal leaves the folder as it was), and a symbolic
/// link at a page's name is replaced, never written through, so the pages land in `dir` and nowhere else.
pub fn man(dir: Option<&Path>, force: bool) -> Result<()> {
    let Some(dir) = dir else {
        let page = main_page()?;
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
            return Err(crate::error::input_hinted(
                format!("{}: {} already there", dir.display(), names(&existing)),
                format!(
                    "give --force to replace {}",
                    if existing.len() == 1 { "it" } else { "them" }
                ),
            ));
        }
    }
    let replace = if force { Replace::Yes } else { Replace::No };
    for (name, page) in &pages {
        let file = dir.join(name);
        atomic::write(&file, ".man-", page, replace).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                crate::error::input_hinted(
                    format!(
                        "{}: the page appeared while aipath wrote the others",
                        file.display()
                    ),
                    "give --force to replace it",
                )
            } else {
                anyhow::Error::new(e)
                    .context(format!("{}: cannot write the manual page", file.display()))
            }
        })?;
    }
    emit(&format!(
        "Wrote {} manual pages (aipath.1 and aipath-<command>.1) into {}",
        pages.len(),
        dir.display()
    ))
}

/// Every manual page as (file name, roff), in the order `clap_mangen::generate_to` wrote them: `aipath-<command>.1`
/// for each command, then `aipath.1`.
pub fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    let cli = man_command();
    let mut pages = Vec::new();
    for command in cli.get_subcommands() {
        pages.push((
            format!("aipath-{}.1", command.get_name()),
            command_page(command, &source(&cli))?,
        ));
    }
    pages.push(("aipath.1".to_string(), main_page()?));
    Ok(pages)
}

/// The clap definition as the manual describes it: built (so every command has its global options), without the
/// `help` command, which has no page.
fn man_command() -> clap::Command {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    cli
}

/// What every page is footed with: `aipath 0.1.0` (clap_mangen would foot a command's page with its own name).
fn source(cli: &clap::Command) -> String {
    format!("aipath {}", cli.get_version().unwrap_or_default())
}

/// `aipath(1)`: the synopsis, every command, every option, and what the learner's environment and files do to it.
pub fn main_page() -> Result<Vec<u8>> {
    let cli = man_command();
    let man = clap_mangen::Man::new(cli.clone()).source(source(&cli));
    let mut page = Page::default();
    page.section(|w| man.render_title(w))?;
    page.roff(&layout())?;
    page.section(|w| man.render_name_section(w))?;
    page.roff(&synopsis_section(&cli, "aipath"))?;
    page.section(|w| man.render_description_section(w))?;
    page.roff(&prose(&cli))?;
    page.roff(&commands_section(&cli))?;
    // One OPTIONS section: on this page every option is the program's own.
    let flat = ["state", "path", "json"]
        .into_iter()
        .fold(Cli::command(), |cli, id| {
            cli.mut_arg(id, |arg| arg.help_heading(None))
        });
    page.section(|w| clap_mangen::Man::new(flat).render_options_section(w))?;
    page.roff(&environment_section())?;
    page.roff(&files_section())?;
    page.roff(&exit_status_section())?;
    page.roff(&tour_section())?;
    page.roff(&see_also_section(
        cli.get_subcommands()
            .map(|c| format!("aipath-{}", c.get_name()))
            .chain(["less".to_string()]),
    ))?;
    Ok(page.bytes)
}

/// `aipath-<command>(1)`: its synopsis, description, options (its own, then the global ones) and examples.
fn command_page(command: &clap::Command, source: &str) -> Result<Vec<u8>> {
    let man = clap_mangen::Man::new(command.clone()).source(source);
    let mut page = Page::default();
    page.section(|w| man.render_title(w))?;
    page.roff(&layout())?;
    page.section(|w| man.render_name_section(w))?;
    page.roff(&synopsis_section(
        command,
        &format!("aipath {}", command.get_name()),
    ))?;
    page.section(|w| man.render_description_section(w))?;
    page.roff(&prose(command))?;
    page.section(|w| man.render_options_section(w))?;
    let examples = examples(command);
    if !examples.is_empty() {
        let mut roff = Roff::new();
        roff.control("SH", ["EXAMPLES"]);
        code(&mut roff, &examples);
        page.roff(&roff)?;
    }
    page.roff(&see_also_section(["aipath".to_string()]))?;
    Ok(page.bytes)
}

/// Left-aligned and unhyphenated, as git's pages are: ids, options and paths must read as typed.
fn layout() -> Roff {
    let mut roff = Roff::new();
    roff.control("ad", ["l"]).control("nh", []);
    roff
}

/// A page put together from clap_mangen's sections and aipath's own, each rendered on its own: the roff preamble
/// every rendering starts with is kept once.
#[derive(Default)]
struct Page {
    bytes: Vec<u8>,
}

impl Page {
    fn section(&mut self, render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<()> {
        let mut piece = Vec::new();
        render(&mut piece).context("cannot render the manual page")?;
        let preamble = Roff::new().render();
        let body = match self.bytes.is_empty() {
            true => &piece[..],
            false => piece
                .strip_prefix(preamble.as_bytes())
                .unwrap_or(&piece[..]),
        };
        self.bytes.extend_from_slice(body);
        Ok(())
    }

    fn roff(&mut self, roff: &Roff) -> Result<()> {
        self.section(|w| roff.to_writer(w))
    }
}

/// SYNOPSIS with every option's argument shown (`--state FILE`, `--pace fast|steady|relaxed`), which clap_mangen's
/// leaves out.
fn synopsis_section(command: &clap::Command, name: &str) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    let mut line = vec![bold(name)];
    line.extend(usage(command, true));
    if command.has_subcommands() {
        // `aipath` alone may run something of its own: then the command is optional.
        let (open, close) = match command.is_subcommand_required_set() {
            true => (" ", ""),
            false => (" [", "]"),
        };
        line.extend([
            roman(open),
            italic("command"),
            roman(" ["),
            italic("argument"),
            roman("...]"),
            roman(close),
        ]);
    }
    roff.text(line);
    if command.get_version().is_some() && command.has_subcommands() {
        roff.control("br", []);
        roff.text([
            bold(name),
            roman(" "),
            bold("-h"),
            roman("|"),
            bold("--help"),
            roman(" | "),
            bold("-V"),
            roman("|"),
            bold("--version"),
        ]);
    }
    roff
}

/// A command's options and arguments as a synopsis writes them, after its name; the global options only when asked.
fn usage(command: &clap::Command, globals: bool) -> Vec<Inline> {
    let mut line = Vec::new();
    let options = command.get_arguments().filter(|a| {
        !a.is_positional()
            && !a.is_hide_set()
            && (globals || !a.is_global_set())
            && !matches!(a.get_id().as_str(), "help" | "version")
    });
    for arg in options {
        let optional = !arg.is_required_set();
        line.push(roman(if optional { " [" } else { " " }));
        match (arg.get_short(), arg.get_long()) {
            (Some(short), Some(long)) => {
                line.extend([
                    bold(format!("-{short}")),
                    roman("|"),
                    bold(format!("--{long}")),
                ]);
            }
            (Some(short), None) => line.push(bold(format!("-{short}"))),
            (None, Some(long)) => line.push(bold(format!("--{long}"))),
            (None, None) => {}
        }
        if arg.get_num_args().is_some_and(|n| n.takes_values()) {
            line.extend([roman(" "), italic(value_of(arg))]);
        }
        if optional {
            line.push(roman("]"));
        }
    }
    for arg in command.get_positionals().filter(|a| !a.is_hide_set()) {
        let (open, close) = if arg.is_required_set() {
            (" ", "")
        } else {
            (" [", "]")
        };
        let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        line.extend([
            roman(open),
            italic(value_of(arg)),
            roman(if many { "..." } else { "" }),
            roman(close),
        ]);
    }
    line
}

/// What an argument takes, as a synopsis shows it: its possible values, else its value name.
fn value_of(arg: &clap::Arg) -> String {
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !possible.is_empty() {
        return possible.join("|");
    }
    arg.get_value_names()
        .map(|names| {
            names
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase())
}

/// The text of a command's after-help that is not its examples, as more paragraphs of its DESCRIPTION.
fn prose(command: &clap::Command) -> Roff {
    let mut roff = Roff::new();
    let text = command
        .get_after_help()
        .map(|t| t.to_string())
        .unwrap_or_default();
    for paragraph in text
        .lines()
        .take_while(|l| !is_examples_heading(l))
        .collect::<Vec<_>>()
        .split(|l| l.trim().is_empty())
        .filter(|p| !p.is_empty())
    {
        roff.control("PP", []);
        roff.text([roman(paragraph.join(" "))]);
    }
    roff
}

/// A command's examples: the lines of its after-help under "Example:" or "Examples:".
fn examples(command: &clap::Command) -> Vec<String> {
    let text = command
        .get_after_help()
        .map(|t| t.to_string())
        .unwrap_or_default();
    text.lines()
        .skip_while(|l| !is_examples_heading(l))
        .skip(1)
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn is_examples_heading(line: &str) -> bool {
    matches!(line.trim(), "Example:" | "Examples:")
}

/// Lines of shell, indented and unfilled.
fn code(roff: &mut Roff, lines: &[String]) {
    roff.control("PP", [])
        .control("RS", ["4"])
        .control("nf", []);
    for line in lines {
        roff.text([roman(line.as_str())]);
    }
    roff.control("fi", []).control("RE", []);
}

/// COMMANDS: each with its own arguments and what it does; each has a page of its own, named under SEE ALSO.
fn commands_section(cli: &clap::Command) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for command in cli.get_subcommands() {
        roff.control("TP", []);
        let mut line = vec![bold(command.get_name())];
        line.extend(usage(command, false));
        roff.text(line);
        if let Some(about) = command.get_about() {
            roff.text([roman(about.to_string())]);
        }
    }
    roff
}

/// A section of `.TP` entries: a bold term, then its text.
fn entries(heading: &str, items: &[(&str, &str)]) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", [heading]);
    for (term, text) in items {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*text)]);
    }
    roff
}

fn environment_section() -> Roff {
    entries(
        "ENVIRONMENT",
        &[
            (
                "AIPATH_STATE",
                "The state file, as --state names it (the option wins).",
            ),
            (
                "AIPATH_TODAY",
                "Today's date as YYYY-MM-DD, for demos and tests; unset or empty, today is the local date.",
            ),
            (
                "TZ",
                "The time zone that decides today's date; unset, the system's (/etc/localtime).",
            ),
            (
                "NO_COLOR",
                "Set to anything but the empty string: no colour or styling (https://no-color.org).",
            ),
            ("CLICOLOR", "Set to 0: no colour."),
            (
                "CLICOLOR_FORCE",
                "Set to anything but 0: colour even when the output is not a terminal.",
            ),
            (
                "COLUMNS",
                "The terminal's width, when set: tables, wrapped text and messages fit it instead of the width the \
                 terminal reports. Output to a pipe is never fitted.",
            ),
            (
                "PAGER",
                "The pager for guides longer than the terminal (aipath show), split on spaces; unset, less -R (with \
                 LESS=R when LESS is unset); set to the empty string, no pager.",
            ),
            (
                "COMPLETE",
                "Set by the shell's completion script when it asks aipath for completions; COMPLETE=bash aipath \
                 prints that script (see aipath-completions(1)).",
            ),
        ],
    )
}

fn files_section() -> Roff {
    entries(
        "FILES",
        &[
            (
                "~/.local/share/aipath/state.yaml",
                "The state file: your progress on each path, checklist ticks and study log. The folder is \
                 $XDG_DATA_HOME/aipath when XDG_DATA_HOME is set, ~/Library/Application Support/aipath on macOS. \
                 --state or AIPATH_STATE names another.",
            ),
            (
                "state.yaml.lock",
                "Beside the state file: the lock a change holds from reading to writing, so two aipath processes \
                 never lose each other's work. It may be left there.",
            ),
            (
                "state.yaml.bak-v1, state.yaml.bak-v1.2, ...",
                "Beside the state file: the original of a state file written by an older aipath, kept when it is \
                 first upgraded (.bak-v<old format version>); never overwritten.",
            ),
            (
                "~/.local/share/aipath/paths/",
                "Your own paths: every *.yaml there can be named by its id like a built-in path (aipath paths lists \
                 them). A path's module guides are looked for in modules/<id>/README.md beside its file or beside \
                 the paths folder, then among the built-in guides.",
            ),
        ],
    )
}

fn exit_status_section() -> Roff {
    entries(
        "EXIT STATUS",
        &[
            (
                "0",
                "Success, also when the reader of the output stops early (aipath list | head).",
            ),
            (
                "1",
                "Failure: a file could not be read or written, or the state file cannot be read; validate found a \
                 problem.",
            ),
            (
                "2",
                "Bad usage or input: an unknown command, option, id or path, a date or number that is not one, a \
                 change the state does not allow.",
            ),
        ],
    )
}

/// EXAMPLES: a learner's first week, then the state kept elsewhere and the JSON for scripts.
fn tour_section() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    let steps: [(&str, &[&str]); 6] = [
        ("See what to study first:", &["aipath next"]),
        (
            "Start a module and read its guide:",
            &[
                "aipath start machine-learning-basics",
                "aipath show machine-learning-basics",
            ],
        ),
        (
            "Tick checklist items as you go, log the time, and finish it:",
            &[
                "aipath check machine-learning-basics 1 2",
                "aipath log 1.5 --module machine-learning-basics --note \"first notebook\"",
                "aipath done machine-learning-basics",
            ],
        ),
        (
            "See where you stand, and the weeks ahead:",
            &["aipath status", "aipath plan --pace steady"],
        ),
        (
            "Keep the state in a synced folder:",
            &["AIPATH_STATE=~/Sync/aipath.yaml aipath status"],
        ),
        (
            "Read the modules as JSON in a script:",
            &["aipath list --json > modules.json"],
        ),
    ];
    for (what, lines) in steps {
        roff.control("PP", []);
        roff.text([roman(what)]);
        code(
            &mut roff,
            &lines.iter().map(|l| l.to_string()).collect::<Vec<_>>(),
        );
    }
    roff
}

/// SEE ALSO: pages as `name(1)`, comma-separated.
fn see_also_section(pages: impl IntoIterator<Item = String>) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["SEE ALSO"]);
    let mut line = Vec::new();
    for (i, page) in pages.into_iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.extend([bold(page), roman("(1)")]);
    }
    roff.text(line);
    roff
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
