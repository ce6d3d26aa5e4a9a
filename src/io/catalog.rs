//! I/O: which paths there are. The built-in ones, compiled in, and every `*.yaml` in the `paths` folder of the data
//! folder (beside the default state file: `~/.local/share/aipath/paths/` on Linux), so a learner or a team can add
//! a path by dropping a file there, and then name it by id like a built-in one.

use std::fs;
use std::path::PathBuf;

use serde::Deserialize;

use super::builtin::BUILTIN_PATHS;
use super::input::{self, ReadError};

/// Where a path's YAML comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    BuiltIn {
        file: &'static str,
        text: &'static str,
    },
    File(PathBuf),
}

/// One path on offer. `id` is the YAML's own id, or the file name when the file cannot be read that far.
#[derive(Debug, Clone)]
pub struct Available {
    pub id: String,
    pub source: Source,
    /// Why the id could not be read from the file, if it could not.
    pub unreadable: Option<String>,
}

/// The `paths` folder in the data folder; `None` without a home folder (then there are only the built-in paths).
pub fn folder() -> Option<PathBuf> {
    crate::io::store::default_data_dir()
        .ok()
        .map(|d| d.join("paths"))
}

/// The built-in paths, then the data folder's in file-name order.
pub fn available() -> Vec<Available> {
    let mut all: Vec<Available> = BUILTIN_PATHS
        .iter()
        .map(|&(file, text)| Available {
            id: file.trim_end_matches(".yaml").to_string(),
            source: Source::BuiltIn { file, text },
            unreadable: None,
        })
        .collect();
    all.extend(user_paths());
    all
}

/// The path a bare id names: a built-in id, else a data-folder file of that name, else one whose YAML has that id.
/// A built-in id is answered without reading the data folder.
pub fn find(id: &str) -> Option<Source> {
    if let Some(&(file, text)) = BUILTIN_PATHS
        .iter()
        .find(|(file, _)| file.strip_suffix(".yaml") == Some(id))
    {
        return Some(Source::BuiltIn { file, text });
    }
    let user = user_paths();
    let by_name = user.iter().find(|a| match &a.source {
        Source::File(file) => file.file_stem().is_some_and(|s| s == id),
        Source::BuiltIn { .. } => false,
    });
    by_name
        .or_else(|| user.iter().find(|a| a.unreadable.is_none() && a.id == id))
        .map(|a| a.source.clone())
}

/// The ids that can be named, for suggestions.
pub fn ids() -> Vec<String> {
    available()
        .into_iter()
        .filter(|a| a.unreadable.is_none())
        .map(|a| a.id)
        .collect()
}

/// Only the fields needed to list a path, read leniently: the full check happens when the path is loaded.
#[derive(Deserialize)]
struct Header {
    id: Option<String>,
}

fn user_paths() -> Vec<Available> {
    let Some(dir) = folder() else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml") && p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Every `aipath paths` and every lookup by id reads these headers: a hostile file dropped in the folder is
            // refused by its size or the budgets in milliseconds, and listed as unusable.
            let header = input::read_text(&file, "path file")
                .map_err(|e| match e {
                    ReadError::Io(e) => {
                        format!("{}: cannot read the path file: {e}", file.display())
                    }
                    ReadError::Refused(message) => message,
                })
                .and_then(|text| {
                    crate::yaml::from_str::<Header>(&text)
                        .map_err(|e| crate::error::located_yaml(&file, &e))
                });
            match header {
                Ok(Header { id: Some(id) }) if crate::path::ids::is_valid_id(&id) => Available {
                    id,
                    source: Source::File(file),
                    unreadable: None,
                },
                // An id that is not one is never listed, suggested or completed: it could carry a shell's
                // metacharacters into a command line, or control bytes into a terminal.
                Ok(Header { id: Some(_) }) => Available {
                    id: stem.clone(),
                    unreadable: Some(format!(
                        "{}: the path's `id` must be lowercase letters, digits, `-` or `_` (at most 64)",
                        file.display()
                    )),
                    source: Source::File(file),
                },
                Ok(_) => Available {
                    id: stem,
                    unreadable: Some(format!("{}: the path has no `id`", file.display())),
                    source: Source::File(file),
                },
                Err(message) => Available {
                    id: stem,
                    source: Source::File(file),
                    unreadable: Some(message),
                },
            }
        })
        .collect()
}
