//! `aipath validate [ID|FILE]...`: check paths and their guides, every problem as `FILE:LINE: message`. Reads no
//! state and writes nothing.

use std::path::{Component, Path, PathBuf};

use anyhow::{Result, bail};

use super::shell::Shell;
use crate::error::input;
use crate::io::builtin::{BUILTIN_GUIDES, BUILTIN_MODULES, BUILTIN_PATHS};
use crate::io::catalog::{self, Source};
use crate::io::loader::found_guide;
use crate::render::text::plural;
use crate::render::views::validate::ValidateView;
use crate::validate::{Checked, Lookups, check_path};

pub fn run(targets: &[String], shell: &Shell) -> Result<()> {
    let sources = if targets.is_empty() {
        BUILTIN_PATHS
            .iter()
            .map(|&(file, text)| Source::BuiltIn { file, text })
            .collect()
    } else {
        targets
            .iter()
            .map(|t| source_of(t))
            .collect::<Result<Vec<_>>>()?
    };
    // Only to tell how old a guide's review is: a broken AIPATH_TODAY is `today`'s error to report elsewhere.
    let today = crate::io::clock::today().ok();
    let mut checked = Checked::default();
    let mut problems = Vec::new();
    for source in &sources {
        let (name, text, dir) = match source {
            Source::BuiltIn { file, text } => {
                (format!("built-in paths/{file}"), text.to_string(), None)
            }
            Source::File(file) => {
                // Third-party input like any path file: a FIFO, a huge file or a hostile nesting is refused at once.
                let text = crate::io::loader::read_path_file(file)?;
                (
                    file.display().to_string(),
                    text,
                    Some(file.parent().map(Path::to_path_buf).unwrap_or_default()),
                )
            }
        };
        let guide = |id: &str| found_guide(id, dir.as_deref());
        let lookups = Lookups {
            guide: &guide,
            link_exists: &link_exists,
            today,
        };
        problems.extend(check_path(&name, &text, &lookups, &mut checked));
    }
    let view = ValidateView { checked, problems };
    shell.print(&view)?;
    let errors = view.problems.iter().filter(|p| !p.warning).count();
    if errors > 0 {
        bail!(
            "found {} (checked {})",
            plural(errors, "problem"),
            view.summary()
        );
    }
    Ok(())
}

/// What `validate` was given: a file, else a path id (built-in or in the data folder).
fn source_of(target: &str) -> Result<Source> {
    let file = PathBuf::from(target);
    let markdown = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    if markdown && file.is_file() {
        return Err(input(format!(
            "{target} is markdown, not a path file: `aipath import {target} -o path.yaml` turns a learning-path \
             document into one, and `aipath validate path.yaml` checks it"
        )));
    }
    // Anything there but a folder is read as a path file, so a FIFO or a device gets the reader's own refusal.
    if file.exists() && !file.is_dir() {
        return Ok(Source::File(file));
    }
    if !file.exists()
        && let Some(source) = catalog::find(target)
    {
        return Ok(source);
    }
    Err(input(format!(
        "{target}: no such path file or path id (`aipath paths` lists the paths)"
    )))
}

/// Whether a relative link from a guide names something that exists: on disk beside the guide, or, for a
/// built-in guide, among what is built in (the guides and the paths), since those have no folder on disk.
fn link_exists(guide_file: &str, target: &str) -> bool {
    let Some(builtin) = guide_file.strip_prefix(BUILTIN_GUIDES) else {
        let base = Path::new(guide_file)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        return base.join(target).exists();
    };
    // `built-in modules/<id>/README.md` lives at `modules/<id>/README.md` in the source tree.
    let mut parts: Vec<String> = vec!["modules".into()];
    let guide_dir = Path::new(builtin.trim_start_matches('/'))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    for component in guide_dir.join(target).components() {
        match component {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return false;
                }
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match parts.as_slice() {
        ["modules"] | ["paths"] | [] => true,
        ["modules", id] | ["modules", id, "README.md"] => {
            BUILTIN_MODULES.iter().any(|(m, _)| m == id)
        }
        ["paths", file] => BUILTIN_PATHS.iter().any(|(p, _)| p == file),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_guides_link_to_what_is_built_in() {
        let from = "built-in modules/math-foundations/README.md";
        assert!(link_exists(from, "../machine-learning-basics/README.md"));
        assert!(link_exists(
            from,
            "../../paths/software-developer-to-ai-engineer.yaml"
        ));
        assert!(link_exists(from, "README.md"));
        assert!(!link_exists(from, "../no-such-module/README.md"));
        assert!(!link_exists(from, "../../../outside.md"));
        assert!(!link_exists(from, "notes.md"));
    }
}
