//! I/O for paths and guides: the built-in ones compiled into the binary, and files on disk.
//!
//! Loading a path reads its YAML and every module's front matter (not the whole guide: see
//! [`module_doc::front_matter`]), so that a broken path or a prerequisite cycle is reported before any command runs.
//! Whole guides are parsed only by the commands that show them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::path::{Path as FsPath, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Result, anyhow};

use crate::catalog::{self, Source};
use crate::error::{input, located_utf8, located_yaml};
use crate::module_doc::{self, FrontMatter, ModuleDoc};
use crate::path::{Path, PathError};

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// How the built-in guides' folder is named in messages: `built-in modules/<id>/README.md`.
pub const BUILTIN_GUIDES: &str = "built-in modules";

/// The path used when neither `--path` nor the state names one.
pub const DEFAULT_PATH_ID: &str = "software-developer-to-ai-engineer";

/// A path with its guides' front matter, ready for the commands.
pub struct Library {
    pub path: Path,
    /// Where the path came from, as shown in messages: a file, or `built-in paths/<file>`.
    pub origin: PathBuf,
    guides: HashMap<String, Guide>,
    /// How many whole guides [`Library::doc`] has parsed: commands must parse only what they need, and tests check it.
    parsed: AtomicUsize,
}

/// One module's guide: where it is, its text, and its front matter.
pub struct Guide {
    pub file: PathBuf,
    pub text: Cow<'static, str>,
    pub front: FrontMatter,
}

impl Library {
    /// Loads the path `selector` names: a path id (built-in or in the data folder's `paths` folder) or a YAML file.
    /// `None` is the built-in default.
    pub fn load(selector: Option<&str>) -> Result<Library> {
        let selector = selector.unwrap_or(DEFAULT_PATH_ID);
        if !looks_like_file(selector) {
            match catalog::find(selector) {
                Some(source) => return Library::load_source(&source),
                None if !FsPath::new(selector).exists() => {
                    let ids = catalog::ids();
                    let mut message = format!("unknown path `{selector}`");
                    if let Some(best) =
                        crate::error::closest(selector, ids.iter().map(String::as_str))
                    {
                        message.push_str(&format!("; did you mean `{best}`?"));
                    }
                    message.push_str(" (`aipath paths` lists the paths; or give a path YAML file)");
                    return Err(input(message));
                }
                None => {}
            }
        }
        Library::load_file(FsPath::new(selector))
    }

    /// Loads a path from where the catalog found it.
    pub fn load_source(source: &Source) -> Result<Library> {
        match source {
            Source::BuiltIn { file, text } => {
                let origin = PathBuf::from(format!("built-in paths/{file}"));
                if let Some(path) = builtin_json(file).and_then(Path::from_json) {
                    return Library::from_path(path, origin, None);
                }
                Library::from_text(Cow::Borrowed(text), origin, None)
            }
            Source::File(file) => Library::load_file(file),
        }
    }

    /// Loads a path YAML file; its guides are looked up beside it first.
    pub fn load_file(file: &FsPath) -> Result<Library> {
        let text = read_text(file, "path file").map_err(|e| match e {
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                input(format!("{}: no such path file", file.display()))
            }
            ReadError::Io(e) => anyhow!("{}: cannot read the path file: {e}", file.display()),
            ReadError::NotText(message) => input(message),
        })?;
        let dir = file.parent().map(FsPath::to_path_buf).unwrap_or_default();
        Library::from_text(Cow::Owned(text), file.to_path_buf(), Some(dir))
    }

    /// Builds a library from a path's text. `dir` is the folder of a path file, where its guides are looked up first.
    fn from_text(
        text: Cow<'static, str>,
        origin: PathBuf,
        dir: Option<PathBuf>,
    ) -> Result<Library> {
        let path = Path::from_yaml(&text).map_err(|e| match e {
            PathError::Syntax(e) => input(located_yaml(&origin, &e)),
            PathError::Invalid(problem) => {
                let line = crate::path::line_of_id(&text, &problem.id);
                input(format!("{}:{line}: {}", origin.display(), problem.message))
            }
        })?;
        Library::from_path(path, origin, dir)
    }

    /// Finds the guides of a parsed path and checks them against it.
    fn from_path(path: Path, origin: PathBuf, dir: Option<PathBuf>) -> Result<Library> {
        let folders = guide_folders(dir.as_deref());
        let mut guides = HashMap::with_capacity(path.modules.len());
        for def in &path.modules {
            let guide = find_guide(&def.id, &folders)?;
            guides.insert(def.id.clone(), guide);
        }
        let library = Library {
            path,
            origin,
            guides,
            parsed: AtomicUsize::new(0),
        };
        library.check_guides()?;
        Ok(library)
    }

    /// Front matter must agree with the path: same id, sensible hours, prerequisites that exist and form no cycle.
    fn check_guides(&self) -> Result<()> {
        for def in &self.path.modules {
            let guide = self.guide(&def.id)?;
            if let Some((line, problem)) =
                front_matter_problems(&def.id, &guide.front, &self.path, &guide.text).first()
            {
                return Err(input(format!("{}:{line}: {problem}", guide.file.display())));
            }
        }
        if let Some(cycle) = prerequisite_cycle(&self.path, |id| {
            self.guides
                .get(id)
                .map(|g| g.front.prerequisites.as_slice())
                .unwrap_or_default()
        }) {
            return Err(input(format!(
                "{}: module `{}` is its own prerequisite through {}",
                self.origin.display(),
                cycle[0],
                cycle
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(" -> ")
            )));
        }
        Ok(())
    }

    pub fn guide(&self, module: &str) -> Result<&Guide> {
        self.guides
            .get(module)
            .ok_or_else(|| anyhow!("module `{module}` has no guide"))
    }

    /// A module's estimated hours from its front matter.
    pub fn hours(&self, module: &str) -> Option<f64> {
        self.guides.get(module).and_then(|g| g.front.hours)
    }

    /// Parses a module's whole guide.
    pub fn doc(&self, module: &str) -> Result<ModuleDoc> {
        let guide = self.guide(module)?;
        self.parsed.fetch_add(1, Ordering::Relaxed);
        module_doc::parse(&guide.text).map_err(|e| {
            input(format!(
                "{}:{}: {}",
                guide.file.display(),
                e.line,
                e.message
            ))
        })
    }

    /// How many whole guides have been parsed so far.
    pub fn guides_parsed(&self) -> usize {
        self.parsed.load(Ordering::Relaxed)
    }

    /// The path's id as progress is keyed.
    pub fn id(&self) -> &str {
        &self.path.id
    }
}

/// The problems with one guide's front matter: each with its 1-based line in the guide's `text`.
pub fn front_matter_problems(
    id: &str,
    front: &FrontMatter,
    path: &Path,
    text: &str,
) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    if let Some(fm_id) = &front.id
        && fm_id != id
    {
        problems.push((
            key_line(text, "id"),
            format!("front matter says `id: {fm_id}`, but the guide is for module `{id}`"),
        ));
    }
    if let Some(hours) = front.hours
        && !(hours.is_finite() && hours > 0.0)
    {
        problems.push((
            key_line(text, "hours"),
            format!("module `{id}` has `hours: {hours}`; give a positive number"),
        ));
    }
    for p in &front.prerequisites {
        if path.module(p).is_none() {
            problems.push((
                crate::path::line_of_id(text, p),
                format!("module `{id}` has prerequisite `{p}`, which is not a module of the path"),
            ));
        }
    }
    problems
}

/// The 1-based line of the first `key:` at the start of a line (the front matter comes first); 1 when absent.
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

/// Finds a prerequisite cycle, returned as the ids around it (first id repeated at the end). Iterative, linear.
pub fn prerequisite_cycle<'a>(
    path: &'a Path,
    prerequisites: impl Fn(&str) -> &'a [String],
) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Closed,
    }
    let ids: Vec<&str> = path.modules.iter().map(|m| m.id.as_str()).collect();
    let position: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut marks = vec![Mark::New; ids.len()];
    for start in 0..ids.len() {
        if marks[start] != Mark::New {
            continue;
        }
        // Each frame: a module and how many of its prerequisites have been followed.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let prereqs = prerequisites(ids[node]);
            if let Some(p) = prereqs.get(*next) {
                *next += 1;
                let Some(&child) = position.get(p.as_str()) else {
                    continue;
                };
                match marks[child] {
                    Mark::New => {
                        marks[child] = Mark::Open;
                        stack.push((child, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|&(n, _)| n == child).unwrap_or(0);
                        let mut cycle: Vec<String> = stack[from..]
                            .iter()
                            .map(|&(n, _)| ids[n].to_string())
                            .collect();
                        cycle.push(ids[child].to_string());
                        return Some(cycle);
                    }
                    Mark::Closed => {}
                }
            } else {
                marks[node] = Mark::Closed;
                stack.pop();
            }
        }
    }
    None
}

fn find_guide(id: &str, folders: &[(PathBuf, bool)]) -> Result<Guide> {
    let (file, text) = guide_text_in(id, folders)?;
    guide(file, text)
}

/// The folders a path file's guides may be in, each with whether it exists: a path file beside a `modules` folder,
/// or in a `paths` folder beside one. Asked once per path, not once per module: a large path's guides all live in
/// one of them.
pub fn guide_folders(dir: Option<&FsPath>) -> Vec<(PathBuf, bool)> {
    dir.iter()
        .flat_map(|d| [d.join("modules"), d.join("..").join("modules")])
        .map(|folder| {
            let exists = folder.is_dir();
            (folder, exists)
        })
        .collect()
}

/// Finds a module's guide: `modules/<id>/README.md` in `dir` (a path file's folder), then in its parent, then
/// among the built-in guides. Returns the file as shown in messages and the text, unparsed.
pub fn guide_text(id: &str, dir: Option<&FsPath>) -> Result<(PathBuf, Cow<'static, str>)> {
    guide_text_in(id, &guide_folders(dir))
}

fn guide_text_in(id: &str, folders: &[(PathBuf, bool)]) -> Result<(PathBuf, Cow<'static, str>)> {
    let mut looked = Vec::new();
    for (folder, exists) in folders {
        let file = folder.join(id).join("README.md");
        if !exists {
            looked.push(file);
            continue;
        }
        match read_text(&file, "guide") {
            Ok(text) => return Ok((file, Cow::Owned(text))),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => looked.push(file),
            Err(ReadError::Io(e)) => {
                return Err(anyhow!("{}: cannot read the guide: {e}", file.display()));
            }
            Err(ReadError::NotText(message)) => return Err(input(message)),
        }
    }
    if let Some((_, text)) = BUILTIN_MODULES.iter().find(|(m, _)| *m == id) {
        return Ok((
            PathBuf::from(format!("{BUILTIN_GUIDES}/{id}/README.md")),
            Cow::Borrowed(text),
        ));
    }
    let looked: Vec<String> = looked.iter().map(|f| f.display().to_string()).collect();
    Err(input(format!(
        "module `{id}` has no guide: looked for {}{}",
        if looked.is_empty() {
            format!("built-in modules/{id}/README.md")
        } else {
            looked.join(" and ")
        },
        if !folders.is_empty() {
            " (and among the built-in guides)"
        } else {
            ""
        }
    )))
}

fn guide(file: PathBuf, text: Cow<'static, str>) -> Result<Guide> {
    let front = module_doc::front_matter(&text).map_err(|e| match e.column {
        Some(col) => input(format!(
            "{}:{}:{col}: {}",
            file.display(),
            e.line,
            e.message
        )),
        None => input(format!("{}:{}: {}", file.display(), e.line, e.message)),
    })?;
    Ok(Guide { file, text, front })
}

/// Why [`read_text`] failed: the file could not be read, or it is not text.
enum ReadError {
    Io(std::io::Error),
    NotText(String),
}

/// Reads a user's file as text, or says where it stops being UTF-8 (`what` names the file in the message).
fn read_text(file: &FsPath, what: &str) -> std::result::Result<String, ReadError> {
    let bytes = fs::read(file).map_err(ReadError::Io)?;
    String::from_utf8(bytes)
        .map_err(|e| ReadError::NotText(located_utf8(file, what, e.as_bytes(), &e.utf8_error())))
}

/// A built-in path's JSON form, made by build.rs from its YAML so start-up skips the YAML parser.
fn builtin_json(file: &str) -> Option<&'static str> {
    BUILTIN_PATHS
        .iter()
        .zip(BUILTIN_PATHS_JSON)
        .find(|((name, _), _)| *name == file)
        .map(|(_, &json)| json)
}

/// The ids of the built-in paths (their file names without `.yaml`).
pub fn builtin_ids() -> Vec<String> {
    BUILTIN_PATHS
        .iter()
        .map(|(name, _)| name.trim_end_matches(".yaml").to_string())
        .collect()
}

fn looks_like_file(selector: &str) -> bool {
    selector.contains(std::path::MAIN_SEPARATOR)
        || selector.contains('/')
        || selector.ends_with(".yaml")
        || selector.ends_with(".yml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_default_loads_with_all_nine_guides() {
        let lib = Library::load(None).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(lib.path.id, DEFAULT_PATH_ID);
        assert_eq!(lib.path.modules.len(), 9);
        for m in lib.path.module_ids() {
            let doc = lib.doc(m).unwrap_or_else(|e| panic!("{e:#}"));
            assert_eq!(
                doc.title,
                lib.path
                    .module(m)
                    .map(|d| d.title.clone())
                    .unwrap_or_default()
            );
        }
    }

    /// The JSON the build makes of each built-in path must be the path its YAML says, or it is not used at all.
    #[test]
    fn each_builtin_path_reads_the_same_from_its_json_as_from_its_yaml() {
        assert_eq!(BUILTIN_PATHS.len(), BUILTIN_PATHS_JSON.len());
        for ((name, yaml), json) in BUILTIN_PATHS.iter().zip(BUILTIN_PATHS_JSON) {
            let from_yaml = Path::from_yaml(yaml).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let from_json = Path::from_json(json).unwrap_or_else(|| panic!("{name}: no JSON"));
            let as_value = |p: &Path| serde_json::to_value(p).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(as_value(&from_json), as_value(&from_yaml), "{name}");
            for id in from_yaml.module_ids() {
                assert_eq!(
                    from_json.phase_of(id).map(|p| &p.id),
                    from_yaml.phase_of(id).map(|p| &p.id)
                );
            }
        }
    }

    #[test]
    fn an_unknown_path_id_suggests_the_closest() {
        let err = Library::load(Some("software-developer-to-ai"))
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "unknown path `software-developer-to-ai`; did you mean `software-developer-to-ai-engineer`? \
                 (`aipath paths` lists the paths; or give a path YAML file)"
            )
        );
    }
}
