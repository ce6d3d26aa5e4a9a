//! Tab completion of values: the ids every daily command takes, read from the learner's active path.
//!
//! The shell runs `COMPLETE=<shell> aipath -- <the words typed>` on Tab; `main` hands that to clap_complete's
//! [`CompleteEnv`](clap_complete::CompleteEnv) before anything else, which calls the functions here for the argument
//! under the cursor (`cli.rs` attaches them with `ArgValueCandidates` and `ArgValueCompleter`). They find the state
//! file and the path as the command would (`--state`, `AIPATH_STATE`, `--path`, the state's active path), reading
//! the state without a lock and never writing it. Anything that fails offers nothing: completion never prints an
//! error into the learner's shell.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap_complete::engine::{CompletionCandidate, PathCompleter, ValueCompleter};

use crate::course::Course;
use crate::io::store::Store;
use crate::io::{catalog, loader};
use crate::progress::{State, Status};
use crate::render::text::one_line;

/// What the completion request's words say, as far as completing values needs: the global `--state` and `--path`,
/// the command, and the first word after it (the module of `check` and `uncheck`).
#[derive(Debug, Default, PartialEq, Eq)]
struct Typed {
    state: Option<String>,
    path: Option<String>,
    command: Option<String>,
    first: Option<String>,
}

impl Typed {
    /// The words of the request being answered, `aipath -- aipath <words>`, after the program's name.
    fn of_request() -> Typed {
        let args: Vec<String> = std::env::args_os()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let words = args
            .iter()
            .position(|a| a == "--")
            .and_then(|i| args.get(i + 2..))
            .unwrap_or_default();
        Typed::of(words)
    }

    /// Scans the words after the program's name. Only `--state` and `--path` take a value before a command's own
    /// arguments, and `check`/`uncheck` have no option of their own that takes one, so one pass finds all four.
    fn of(words: &[String]) -> Typed {
        let mut typed = Typed::default();
        let mut words = words.iter();
        while let Some(word) = words.next() {
            if word == "--" {
                // Everything after is a value: the first of them may still be the module.
                if typed.command.is_some() && typed.first.is_none() {
                    typed.first = words.next().cloned();
                }
                break;
            }
            if let Some((flag, value)) = word.split_once('=')
                && let Some(slot) = typed.value_of(flag)
            {
                *slot = Some(value.to_string());
            } else if let Some(slot) = typed.value_of(word) {
                *slot = words.next().cloned();
            } else if word.starts_with('-') {
                // A flag of no value (`--json`), or the word being completed.
            } else if typed.command.is_none() {
                typed.command = Some(word.clone());
            } else if typed.first.is_none() {
                typed.first = Some(word.clone());
            }
        }
        typed
    }

    /// Where the value of a global option that takes one goes; `None` for any other word.
    fn value_of(&mut self, flag: &str) -> Option<&mut Option<String>> {
        match flag {
            "--path" => Some(&mut self.path),
            "--state" => Some(&mut self.state),
            _ => None,
        }
    }

    /// The state file as the command would find it: `--state`, else `AIPATH_STATE`, else the default. A `~/` is
    /// read as the shell will once the line is run: completion sees the word as typed.
    fn store(&self) -> Option<Store> {
        let typed = self.state.as_deref().filter(|s| !s.is_empty()).map(|s| {
            match (s.strip_prefix("~/"), std::env::var_os("HOME")) {
                (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
                _ => PathBuf::from(s),
            }
        });
        let explicit = typed.or_else(|| std::env::var_os("AIPATH_STATE").map(PathBuf::from));
        Store::locate(explicit).ok()
    }
}

/// The request's words, the state (read without a lock) and the path they select; `None` if any is missing or
/// broken.
fn load() -> Option<(Typed, State, Course)> {
    let typed = Typed::of_request();
    let state = typed.store()?.read().ok()?;
    let selector = typed.path.clone().or_else(|| state.active.clone());
    let course = loader::load(selector.as_deref()).ok()?;
    Some((typed, state, course))
}

/// A candidate with a help line; the help is third-party text, so it is made one safe line.
fn candidate(value: &str, help: String) -> CompletionCandidate {
    CompletionCandidate::new(value).help(Some(one_line(&help).into_owned().into()))
}

/// `Title`, or `Title (done)` when the status is worth knowing while typing.
fn with_status(title: &str, status: Status) -> String {
    match status {
        Status::Todo => title.to_string(),
        other => format!("{title} ({})", other.as_str()),
    }
}

/// The module ids of the active path, in path order: `show`, `check`, `uncheck`, `log --module`.
pub fn modules() -> Vec<CompletionCandidate> {
    let Some((_, state, course)) = load() else {
        return Vec::new();
    };
    let progress = course.progress_of(&state);
    course
        .path
        .module_ids()
        .map(|id| candidate(id, with_status(course.title(id), progress.status(id))))
        .collect()
}

/// The module ids, then the project ids: `start`, `done`, `skip`, `undo`.
pub fn modules_and_projects() -> Vec<CompletionCandidate> {
    let Some((_, state, course)) = load() else {
        return Vec::new();
    };
    let progress = course.progress_of(&state);
    let modules = course
        .path
        .module_ids()
        .map(|id| candidate(id, with_status(course.title(id), progress.status(id))));
    let projects = course.path.all_projects().map(|p| {
        candidate(
            &p.id,
            format!(
                "project: {}",
                with_status(&p.title, progress.project_status(&p.id))
            ),
        )
    });
    modules.chain(projects).collect()
}

/// The specializations of the path's choice phase: `choose`.
pub fn specializations() -> Vec<CompletionCandidate> {
    let Some((_, state, course)) = load() else {
        return Vec::new();
    };
    let progress = course.progress_of(&state);
    let Some(phase) = course.path.choice_phase() else {
        return Vec::new();
    };
    phase
        .module_ids()
        .map(|id| {
            let title = course.title(id);
            let help = if progress.counts_as_chosen(id) {
                format!("{title} (chosen)")
            } else {
                title.to_string()
            };
            candidate(id, help)
        })
        .collect()
}

/// The checklist of the module typed after `check` or `uncheck`: item numbers, each with its label as help. `check`
/// offers the items not ticked yet and `uncheck` the ticked ones; the others come only when nothing else matches.
pub fn checklist_items() -> Vec<CompletionCandidate> {
    let Some((typed, state, course)) = load() else {
        return Vec::new();
    };
    let Some(id) = typed
        .first
        .as_deref()
        .and_then(|m| course.resolve_item(m).ok())
        .map(|(_, id)| id)
    else {
        return Vec::new();
    };
    let Ok(doc) = course.doc(&id) else {
        return Vec::new();
    };
    let unchecking = typed.command.as_deref() == Some("uncheck");
    let ticked = course.progress_of(&state).ticked(&id);
    doc.checklist
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let is_ticked = ticked.contains(&item.text);
            let label = if is_ticked {
                format!("{} (ticked)", item.text)
            } else {
                item.text.clone()
            };
            candidate(&(i + 1).to_string(), label).hide(is_ticked != unchecking)
        })
        .collect()
}

/// The path ids `aipath paths` lists: `use`.
pub fn path_ids() -> Vec<CompletionCandidate> {
    catalog::ids()
        .iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// A path id or a path file: `--path` and `validate`. Ids that start with what is typed; files too once the word
/// looks like one (it has a `/` or starts with `.` or `~`).
pub fn path_ids_or_files(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let mut out: Vec<CompletionCandidate> = catalog::ids()
        .iter()
        .filter(|id| id.starts_with(typed.as_ref()))
        .map(CompletionCandidate::new)
        .collect();
    if typed.contains('/') || typed.starts_with('.') || typed.starts_with('~') {
        let yaml_or_folder = |p: &std::path::Path| {
            p.is_dir() || p.extension().is_some_and(|e| e == "yaml" || e == "yml")
        };
        out.extend(
            PathCompleter::any()
                .filter(yaml_or_folder)
                .complete(current),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(line: &str) -> Typed {
        let words: Vec<String> = line.split(' ').map(str::to_string).collect();
        Typed::of(&words)
    }

    #[test]
    fn the_scan_finds_the_global_options_the_command_and_its_first_word() {
        assert_eq!(
            of("--state s.yaml check math 1"),
            Typed {
                state: Some("s.yaml".into()),
                path: None,
                command: Some("check".into()),
                first: Some("math".into()),
            }
        );
        assert_eq!(
            of("check --path=mine.yaml --json math-foundations "),
            Typed {
                state: None,
                path: Some("mine.yaml".into()),
                command: Some("check".into()),
                first: Some("math-foundations".into()),
            }
        );
        assert_eq!(of("uncheck -- -odd 2").first.as_deref(), Some("-odd"));
        assert_eq!(of("--path").path, None);
        assert_eq!(of("show").first, None);
    }
}
